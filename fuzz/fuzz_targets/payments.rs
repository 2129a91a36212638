#![no_main]
//! Fuzzes `interdict_harness::payments`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::payments(data));
