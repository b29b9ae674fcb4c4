//! libFuzzer entry for the `query` check in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif_fuzz::query(data));
