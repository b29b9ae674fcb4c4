//! Writing an export to a file: complete or not at all, never a partial PDF.
mod common;

use std::fs;

use arshif_pdf::{PdfError, PdfOptions};
use common::*;

fn entries(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_pdf_replaces_the_file_whole_and_leaves_nothing_else() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("تصدير.pdf");
    fs::write(&path, b"an older export").unwrap();
    let mut phases = 0;
    arshif_pdf::write_pdf(
        &[french_article()],
        &PdfOptions::default(),
        &path,
        &mut |_| phases += 1,
    )
    .unwrap();
    let written = fs::read(&path).unwrap();
    assert!(written.starts_with(b"%PDF-"));
    assert!(written.trim_ascii_end().ends_with(b"%%EOF"));
    assert_eq!(phases, 3);
    assert_eq!(entries(folder.path()), ["تصدير.pdf"]);
    // Checked after the listing, which the reference file would join.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode any new file gets here (umask applied), not a temporary file's 0600.
        let reference = folder.path().join("reference");
        fs::write(&reference, b"").unwrap();
        let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode(&path), mode(&reference), "{:o}", mode(&path));
    }
}

#[test]
fn a_failed_write_leaves_no_file() {
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("no such folder").join("export.pdf");
    let error = arshif_pdf::write_pdf(
        &[french_article()],
        &PdfOptions::default(),
        &missing,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(matches!(error, PdfError::Io(_)), "{error:?}");
    assert_eq!(error.code(), "io");
    assert!(entries(folder.path()).is_empty());
}

#[test]
fn a_refused_export_does_not_touch_the_existing_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("export.pdf");
    fs::write(&path, b"an older export").unwrap();
    let error = arshif_pdf::write_pdf(&[], &PdfOptions::default(), &path, &mut |_| {}).unwrap_err();
    assert!(matches!(error, PdfError::NothingToExport));
    assert_eq!(fs::read(&path).unwrap(), b"an older export");
    assert_eq!(entries(folder.path()), ["export.pdf"]);
}
