//! Renders the sample article (tests/fixtures/txt/sample-article.txt) to a PDF, the way
//! docs/pdf-sample.png was made:
//!
//! ```sh
//! cargo run -p arshif-pdf --example render_sample -- /tmp/sample.pdf
//! pdftoppm -png -r 110 -singlefile -f 3 /tmp/sample.pdf docs/pdf-sample
//! ```
use std::path::{Path, PathBuf};

use arshif_engine::{Archive, ImportOptions};
use arshif_pdf::{Labels, PdfOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: render_sample OUT.pdf")?;
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/txt/sample-article.txt");
    let mut archive = Archive::open_in_memory()?;
    let report = archive.import_paths(&[fixture], &ImportOptions::default(), &mut |_| {}, None)?;
    let ids = &report.imported_ids;
    archive.tag_articles("أمن/تعاون دولي", ids)?;
    archive.tag_articles("إسبانيا", ids)?;
    let articles = ids
        .iter()
        .map(|&id| archive.article(id))
        .collect::<Result<Vec<_>, _>>()?;
    let options = PdfOptions {
        description: "وسم:إسبانيا".to_owned(),
        export_date: Some("2026-11-29".to_owned()),
        labels: Labels::for_language("ar"),
        ..PdfOptions::default()
    };
    arshif_pdf::write_pdf(
        &articles,
        &options,
        &out,
        &mut |progress| eprintln!("{progress:?}"),
        None,
    )?;
    Ok(())
}
