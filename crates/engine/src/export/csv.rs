//! CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads Arabic as
//! windows-1252 mojibake), a header row, CRLF line ends and RFC 4180 quoting. Lists (authors,
//! tags) are joined with `; `. A cell that a spreadsheet would run as a formula is defused.
use std::io::Write;

use super::FormatWriter;
use crate::model::Article;

/// The columns, in order.
pub const HEADER: &[&str] = &[
    "id",
    "title",
    "publication",
    "authors",
    "date",
    "date_text",
    "hijri_date",
    "language",
    "section",
    "page",
    "url",
    "tags",
    "notes",
    "imported_at",
    "modified_at",
    "source_file",
    "body",
];

/// How list values share one cell: `;` rarely occurs in tag paths or names, unlike `,` or `،`.
pub const LIST_SEPARATOR: &str = "; ";

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// One cell, quoted when RFC 4180 requires it, and defused against formula injection: Excel,
/// LibreOffice and Sheets evaluate a cell starting with `=`, `+`, `-` or `@` (and, per OWASP,
/// a tab or carriage return), so such a cell gets a leading apostrophe, which they show as text.
pub fn cell(value: &str) -> String {
    let defused;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        defused = format!("'{value}");
        &defused
    } else {
        value
    };
    if value.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The cells of one article, in [`HEADER`] order, before quoting.
fn values(article: &Article) -> Vec<String> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let tags: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
    vec![
        article.id.to_string(),
        article.title.clone(),
        text(&article.publication),
        article.authors.join(LIST_SEPARATOR),
        text(&article.date),
        text(&article.date_text),
        text(&article.hijri_date),
        text(&article.language),
        text(&article.section),
        text(&article.page),
        text(&article.url),
        tags.join(LIST_SEPARATOR),
        article.notes.clone(),
        article.imported_at.clone(),
        article.modified_at.clone(),
        article
            .provenance
            .as_ref()
            .map(|p| p.file_path.clone())
            .unwrap_or_default(),
        article.body.clone(),
    ]
}

fn write_row<'a>(
    out: &mut dyn Write,
    cells: impl IntoIterator<Item = &'a str>,
) -> std::io::Result<()> {
    let row: Vec<String> = cells.into_iter().map(cell).collect();
    out.write_all(row.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

pub(crate) struct CsvWriter;

impl FormatWriter for CsvWriter {
    fn start(&mut self, out: &mut dyn Write, _total: u64) -> std::io::Result<()> {
        out.write_all(BOM)?;
        write_row(out, HEADER.iter().copied())
    }

    fn article(
        &mut self,
        out: &mut dyn Write,
        article: &Article,
        _original: Option<&[u8]>,
    ) -> std::io::Result<()> {
        let values = values(article);
        write_row(out, values.iter().map(String::as_str))
    }

    fn finish(&mut self, _out: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_defused() {
        let cases = [
            ("زيارة", "زيارة"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("قال \"نعم\"", "\"قال \"\"نعم\"\"\""),
            ("سطر\nسطر", "\"سطر\nسطر\""),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+212 600", "'+212 600"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("2022-08-10", "2022-08-10"),
        ];
        for (input, expected) in cases {
            assert_eq!(cell(input), expected, "{input:?}");
        }
    }
}
