#![no_main]
//! Fuzzes `interdict_harness::list_australia`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::list_australia(data));
