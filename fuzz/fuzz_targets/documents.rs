#![no_main]
//! Fuzzes `interdict_harness::documents`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::documents(data));
