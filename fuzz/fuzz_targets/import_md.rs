//! libFuzzer entry for the `import_md` check in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif_fuzz::import_md(data));
