//! The body of `word/document.xml`: paragraphs (`w:p`) in document order, each the text of its
//! runs (`w:t`), with tabs and line breaks, and the paragraph's style id. Deleted text
//! (`w:delText`), field codes (`w:instrText`) and the fallback copy of drawings that Word writes
//! for old readers (`mc:Fallback`, which would repeat every text box) are not text.
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::properties::{attribute, push_reference, xml_error};
use crate::import::ImportError;

/// WordprocessingML, transitional and strict.
const WORD_NAMESPACES: &[&[u8]] = &[
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MARKUP_COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Default, PartialEq)]
pub(crate) struct Paragraph {
    pub text: String,
    pub style: Option<String>,
}

/// What an element is, for the few we act on.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Paragraph,
    Run,
    Text,
    Tab,
    Break,
    Style,
    NoBreakHyphen,
    Fallback,
    Other,
}

fn kind(namespace: &ResolveResult<'_>, local: &[u8]) -> Kind {
    match namespace {
        ResolveResult::Bound(Namespace(ns)) if WORD_NAMESPACES.contains(ns) => match local {
            b"p" => Kind::Paragraph,
            b"r" => Kind::Run,
            b"t" => Kind::Text,
            b"tab" => Kind::Tab,
            b"br" | b"cr" => Kind::Break,
            b"pStyle" => Kind::Style,
            b"noBreakHyphen" => Kind::NoBreakHyphen,
            _ => Kind::Other,
        },
        ResolveResult::Bound(Namespace(ns))
            if *ns == MARKUP_COMPATIBILITY && local == b"Fallback" =>
        {
            Kind::Fallback
        }
        _ => Kind::Other,
    }
}

pub(crate) fn paragraphs(xml: &[u8]) -> Result<Vec<Paragraph>, ImportError> {
    let mut reader = NsReader::from_reader(xml);
    let mut out = Vec::new();
    // Paragraphs nest (a text box inside a paragraph holds its own); the innermost is written to.
    let mut open: Vec<Paragraph> = Vec::new();
    let (mut runs, mut in_text, mut fallback) = (0usize, false, 0usize);
    loop {
        let (namespace, event) = reader.read_resolved_event().map_err(xml_error)?;
        match event {
            Event::Start(e) => {
                let kind = kind(&namespace, e.local_name().as_ref());
                if fallback > 0 {
                    // Fallbacks can nest; count them so the right end tag closes the outer one.
                    fallback += usize::from(kind == Kind::Fallback);
                    continue;
                }
                match kind {
                    Kind::Fallback => fallback = 1,
                    Kind::Paragraph => open.push(Paragraph::default()),
                    Kind::Run => runs += 1,
                    Kind::Text => in_text = runs > 0,
                    _ => {}
                }
            }
            Event::End(e) => match kind(&namespace, e.local_name().as_ref()) {
                Kind::Fallback => fallback = fallback.saturating_sub(1),
                _ if fallback > 0 => {}
                Kind::Paragraph => {
                    if let Some(paragraph) = open.pop() {
                        out.push(paragraph);
                    }
                }
                Kind::Run => runs = runs.saturating_sub(1),
                Kind::Text => in_text = false,
                _ => {}
            },
            Event::Empty(e) if fallback == 0 => {
                let kind = kind(&namespace, e.local_name().as_ref());
                if kind == Kind::Paragraph {
                    out.push(Paragraph::default());
                }
                let Some(paragraph) = open.last_mut() else {
                    continue;
                };
                match kind {
                    // A `w:tab` outside a run is a tab stop definition, not a tab.
                    Kind::Tab if runs > 0 => paragraph.text.push('\t'),
                    Kind::Break if runs > 0 => paragraph.text.push('\n'),
                    Kind::NoBreakHyphen if runs > 0 => paragraph.text.push('-'),
                    Kind::Style => paragraph.style = attribute(&e, b"val")?,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && fallback == 0 => {
                if let Some(paragraph) = open.last_mut() {
                    paragraph.text.push_str(&t.decode().map_err(xml_error)?);
                }
            }
            Event::GeneralRef(r) if in_text && fallback == 0 => {
                if let Some(paragraph) = open.last_mut() {
                    push_reference(&mut paragraph.text, &r)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(ImportError::CorruptDocument(
            "word/document.xml ends in the middle".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<(String, Option<String>)> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
              xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        paragraphs(xml.as_bytes())
            .unwrap()
            .into_iter()
            .map(|p| (p.text, p.style))
            .collect()
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let body = r#"
            <w:p><w:pPr><w:pStyle w:val="Title"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
              <w:r><w:t>عنوان</w:t></w:r><w:r><w:t xml:space="preserve"> المقال &amp; </w:t></w:r><w:r><w:t>تتمة</w:t></w:r></w:p>
            <w:p><w:r><w:t>أ</w:t><w:tab/><w:t>ب</w:t><w:br/><w:t>ج</w:t><w:noBreakHyphen/><w:t>د</w:t></w:r></w:p>
            <w:p><w:r><w:delText>محذوف</w:delText><w:instrText>PAGE</w:instrText><w:t>باق</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>
              <w:p><w:r><w:t>مربع نص</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
              <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>مربع نص</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
              </mc:AlternateContent></w:r></w:p>
            <w:p/>"#;
        assert_eq!(
            texts(body),
            [
                ("عنوان المقال & تتمة".to_string(), Some("Title".to_string())),
                ("أ\tب\nج-د".to_string(), None),
                ("باق".to_string(), None),
                ("مربع نص".to_string(), None),
                (String::new(), None),
                (String::new(), None),
            ]
        );
    }

    #[test]
    fn damaged_xml_is_refused() {
        let cases: &[&[u8]] = &[
            b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>x</w:t></w:r>",
            b"<w:document><w:p></w:x></w:document>",
        ];
        for xml in cases {
            assert_eq!(
                paragraphs(xml).unwrap_err().code(),
                "corrupt_document",
                "{}",
                String::from_utf8_lossy(xml)
            );
        }
    }
}
