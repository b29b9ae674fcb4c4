//! What the integration tests share: fixtures, a fresh archive file, an import with defaults.
//! (Each test file compiles this module separately, so not every file uses every helper.)
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use arshif_engine::{Archive, ImportOptions, ImportReport};

/// A file or folder under the repository's `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// The names in a folder, sorted: what an export or a backup left there.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Imports `paths` with the default options, as the desktop app does.
pub fn import(archive: &mut Archive, paths: &[PathBuf]) -> ImportReport {
    archive
        .import_paths(paths, &ImportOptions::default(), &mut |_| {}, None)
        .unwrap()
}

/// A new archive file in a temporary folder that lives as long as the returned guard.
pub fn temp_archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path().join("archive.arshif")).unwrap();
    (dir, archive)
}

/// The report's failed files as (file name, code), in report order.
pub fn failures(report: &ImportReport) -> Vec<(String, &str)> {
    report
        .failed
        .iter()
        .map(|f| {
            let name = Path::new(&f.file).file_name().unwrap().to_string_lossy();
            (name.into_owned(), f.code.as_str())
        })
        .collect()
}
