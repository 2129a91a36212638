#![no_main]
//! Fuzzes `interdict_harness::api_requests`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| interdict_harness::api_requests(data));
