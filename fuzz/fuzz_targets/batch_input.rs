#![no_main]
//! Fuzzes `interdict_harness::batch_input`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::batch_input(data));
