#![no_main]
//! Fuzzes `interdict_harness::names`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::names(data));
