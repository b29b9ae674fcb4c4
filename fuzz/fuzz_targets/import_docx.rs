//! libFuzzer entry for the `import_docx` check in `src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| arshif_fuzz::import_docx(data));
