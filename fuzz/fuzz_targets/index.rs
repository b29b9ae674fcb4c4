//! libFuzzer entry for the `index` check in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif_fuzz::index(data));
