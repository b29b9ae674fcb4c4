//! libFuzzer entry for the `encoding` check in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif_fuzz::encoding(data));
