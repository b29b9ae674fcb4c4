//! Writing an export to a file: complete or not at all, never a partial PDF.
mod common;

use std::fs;

use std::sync::atomic::{AtomicBool, Ordering};

use arshif_pdf::{PdfError, PdfOptions, Progress};
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
        None,
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
        None,
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
    let error =
        arshif_pdf::write_pdf(&[], &PdfOptions::default(), &path, &mut |_| {}, None).unwrap_err();
    assert!(matches!(error, PdfError::NothingToExport));
    assert_eq!(fs::read(&path).unwrap(), b"an older export");
    assert_eq!(entries(folder.path()), ["export.pdf"]);
}

/// A cancel at each phase: before typesetting, while the typesetting thread is still at work
/// (the caller hears "writing" from it and stops waiting), and once the bytes are on disk but
/// not yet renamed. Each time nothing new appears and the older file keeps its bytes.
#[test]
fn a_cancelled_export_leaves_nothing_and_keeps_the_older_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("export.pdf");
    fs::write(&path, b"an older export").unwrap();
    let phases: [fn(&Progress) -> bool; 3] = [
        |p| matches!(p, Progress::Typesetting { .. }),
        |p| matches!(p, Progress::Writing { .. }),
        |p| matches!(p, Progress::Done { .. }),
    ];
    for (case, cancel_at) in phases.into_iter().enumerate() {
        let cancel = AtomicBool::new(false);
        let mut heard = Vec::new();
        let error = arshif_pdf::write_pdf(
            &[french_article()],
            &PdfOptions::default(),
            &path,
            &mut |p| {
                if cancel_at(&p) {
                    cancel.store(true, Ordering::Relaxed);
                }
                heard.push(p);
            },
            Some(&cancel),
        )
        .unwrap_err();
        assert!(matches!(error, PdfError::Cancelled), "{case}: {error:?}");
        assert_eq!(error.code(), "cancelled");
        // Stopped at once: the phase that cancelled is the last one heard.
        assert!(cancel_at(heard.last().unwrap()), "{case}: {heard:?}");
        assert_eq!(fs::read(&path).unwrap(), b"an older export", "{case}");
        assert_eq!(entries(folder.path()), ["export.pdf"], "{case}");
    }
}
