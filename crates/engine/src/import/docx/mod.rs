//! Word documents (`.docx`): the body's paragraphs in order, the title from the document's
//! properties (`dc:title`) or its Title / Heading 1 paragraph or its first paragraph, and the
//! text rules of `.txt` for the rest. The properties' author (`dc:creator`) and creation date
//! (`dcterms:created`) are only fallbacks: they name whoever typed or last saved the file (often
//! a login name) and when, not who wrote the article and when it appeared.
mod document;
mod package;
mod properties;

use std::path::Path;

use super::text_rules::{self, iso_date_prefix, Known, MAX_TITLE_CHARS};
use super::{contain_panics, ImportError, Importer, ParseContext, ParsedFile};
use document::Paragraph;
use package::Package;
use properties::TitleRank;

pub struct DocxImporter;

impl Importer for DocxImporter {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }

    fn parse(
        &self,
        bytes: &[u8],
        path: &Path,
        context: &ParseContext,
    ) -> Result<ParsedFile, ImportError> {
        contain_panics(|| parse_document(bytes, path, context))
    }
}

fn parse_document(
    bytes: &[u8],
    path: &Path,
    context: &ParseContext,
) -> Result<ParsedFile, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    let mut package = Package::open(bytes)?;
    let body = package
        .read("word/document.xml")?
        .ok_or_else(|| ImportError::CorruptDocument("no word/document.xml inside".into()))?;
    let paragraphs = document::paragraphs(&body)?;
    drop(body);
    let core = match package.read("docProps/core.xml")? {
        Some(xml) => properties::core(&xml)?,
        None => properties::CoreProperties::default(),
    };
    // Styles only help find the title: a damaged styles part is no reason to lose the text.
    let styles = match package.read("word/styles.xml")? {
        Some(xml) => properties::title_styles(&xml).unwrap_or_default(),
        None => Vec::new(),
    };

    let paragraphs: Vec<Paragraph> = paragraphs
        .into_iter()
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(ImportError::NoText);
    }
    let styled_title = title_paragraph(&paragraphs, &styles);
    let (title, text) = match (core.title, styled_title) {
        (Some(title), _) => (Some(title), join(&paragraphs, None)),
        (None, Some(index)) => (
            Some(paragraphs[index].text.trim().to_string()),
            join(&paragraphs, Some(index)),
        ),
        // The first paragraph is the title by the text rules.
        (None, None) => (None, join(&paragraphs, None)),
    };
    let known = Known {
        title: title.filter(|t| t.chars().count() <= MAX_TITLE_CHARS),
        fallback_authors: core.creator.into_iter().collect(),
        fallback_date: core.created.as_deref().and_then(iso_date_prefix),
        ..Known::default()
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let article = text_rules::build(&text, known, stem, context)?;
    Ok(ParsedFile {
        articles: vec![article],
        // The XML parts are UTF-8 (or say otherwise in a declaration Word never writes).
        encoding: "UTF-8",
    })
}

/// The paragraph in the Title style, else the first in Heading 1, among the first few (a
/// heading deep in the document is a section, not the headline).
fn title_paragraph(paragraphs: &[Paragraph], styles: &[(String, TitleRank)]) -> Option<usize> {
    let rank = |paragraph: &Paragraph| {
        let style = paragraph.style.as_deref()?;
        styles
            .iter()
            .find(|(id, _)| id == style)
            .map(|(_, rank)| *rank)
            .or_else(|| properties::rank_of_name(style))
    };
    paragraphs
        .iter()
        .enumerate()
        .take(5)
        .filter(|(_, p)| p.text.trim().chars().count() <= MAX_TITLE_CHARS)
        .filter_map(|(index, p)| rank(p).map(|rank| (rank, index)))
        .min()
        .map(|(_, index)| index)
}

/// The paragraphs as plain text, one blank line between them, leaving out `skip`.
fn join(paragraphs: &[Paragraph], skip: Option<usize>) -> String {
    paragraphs
        .iter()
        .enumerate()
        .filter(|(index, _)| Some(*index) != skip)
        .map(|(_, p)| p.text.trim())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn small_docx() -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>عنوان</w:t></w:r></w:p><w:p><w:r><w:t>نص المقال يومه 10 غشت 2022.</w:t></w:r></w:p></w:body></w:document>"#;
        writer.start_file("word/document.xml", options).unwrap();
        writer.write_all(xml.as_bytes()).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn every_cut_of_a_document_fails_cleanly() {
        let bytes = small_docx();
        let path = Path::new("cut.docx");
        let whole = parse_document(&bytes, path, &ParseContext::default()).unwrap();
        assert_eq!(
            whole.articles[0].article.date.as_deref(),
            Some("2022-08-10")
        );
        // Called without the panic guard: a panic here fails the test.
        for end in 0..bytes.len() {
            let result = parse_document(&bytes[..end], path, &ParseContext::default());
            assert!(result.is_err(), "cut at {end} of {}", bytes.len());
        }
    }
}
