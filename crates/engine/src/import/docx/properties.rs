//! The document's own description of itself: `docProps/core.xml` (title, creator, creation
//! date) and `word/styles.xml` (which paragraph styles are the title and first-level headings,
//! whatever the language of Word that named them: a French Word calls Heading 1 `Titre1`, but
//! its built-in name stays `heading 1`).
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::import::ImportError;

/// Fields of `docProps/core.xml`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct CoreProperties {
    pub title: Option<String>,
    pub creator: Option<String>,
    pub created: Option<String>,
}

pub(crate) fn core(xml: &[u8]) -> Result<CoreProperties, ImportError> {
    let mut properties = CoreProperties::default();
    let mut reader = Reader::from_reader(xml);
    let mut current: Option<Vec<u8>> = None;
    let mut text = String::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(start) => {
                current = Some(start.local_name().as_ref().to_vec());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().map_err(xml_error)?),
            Event::GeneralRef(r) => push_reference(&mut text, &r)?,
            Event::End(_) => {
                let value = text.trim().to_string();
                let slot = match current.take().as_deref() {
                    Some(b"title") => &mut properties.title,
                    Some(b"creator") => &mut properties.creator,
                    Some(b"created") => &mut properties.created,
                    _ => continue,
                };
                if !value.is_empty() {
                    *slot = Some(value);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(properties)
}

/// How strongly a paragraph style says "this is the headline".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TitleRank {
    Title,
    Heading1,
}

/// Style ids of `word/styles.xml` that are the built-in Title or Heading 1 styles.
pub(crate) fn title_styles(xml: &[u8]) -> Result<Vec<(String, TitleRank)>, ImportError> {
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(xml);
    let mut style_id: Option<String> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == b"style" => {
                style_id = attribute(&e, b"styleId")?;
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => style_id = None,
            Event::Empty(e) if e.local_name().as_ref() == b"name" => {
                if let (Some(id), Some(name)) = (&style_id, attribute(&e, b"val")?) {
                    if let Some(rank) = rank_of_name(&name) {
                        out.push((id.clone(), rank));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The rank of a built-in style name, or of a style id when styles.xml is missing.
pub(crate) fn rank_of_name(name: &str) -> Option<TitleRank> {
    match name.to_lowercase().replace(' ', "").as_str() {
        "title" => Some(TitleRank::Title),
        "heading1" => Some(TitleRank::Heading1),
        _ => None,
    }
}

/// The value of an attribute by its local name (`w:val` → `val`).
pub(crate) fn attribute(
    element: &quick_xml::events::BytesStart<'_>,
    local: &[u8],
) -> Result<Option<String>, ImportError> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| ImportError::CorruptDocument(e.to_string()))?;
        if attribute.key.local_name().as_ref() == local {
            let value = attribute.unescape_value().map_err(xml_error)?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// Appends what `&amp;` or `&#1575;` stands for.
pub(crate) fn push_reference(
    text: &mut String,
    reference: &quick_xml::events::BytesRef<'_>,
) -> Result<(), ImportError> {
    if let Some(c) = reference.resolve_char_ref().map_err(xml_error)? {
        text.push(c);
        return Ok(());
    }
    let name = reference.decode().map_err(xml_error)?;
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(value) => text.push_str(value),
        None => {
            return Err(ImportError::CorruptDocument(format!(
                "unknown XML entity &{name};"
            )))
        }
    }
    Ok(())
}

pub(crate) fn xml_error(error: impl std::fmt::Display) -> ImportError {
    ImportError::CorruptDocument(format!("damaged XML: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_core_properties_and_title_styles() {
        let core_xml = br#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t">
            <dc:title>Rapport &amp; bilan</dc:title><dc:creator>&#1587;&#1593;&#1610;&#1583;</dc:creator>
            <cp:lastModifiedBy>admin</cp:lastModifiedBy><dcterms:created>2022-08-10T09:00:00Z</dcterms:created>
            <dc:subject></dc:subject></cp:coreProperties>"#;
        assert_eq!(
            core(core_xml).unwrap(),
            CoreProperties {
                title: Some("Rapport & bilan".into()),
                creator: Some("سعيد".into()),
                created: Some("2022-08-10T09:00:00Z".into()),
            }
        );
        let styles = br#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="Titre"><w:name w:val="Title"/></w:style><w:style w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
        assert_eq!(
            title_styles(styles).unwrap(),
            [
                ("Titre1".to_string(), TitleRank::Heading1),
                ("Titre".to_string(), TitleRank::Title)
            ]
        );
        assert_eq!(
            core(b"<a>&bogus;</a>").unwrap_err().code(),
            "corrupt_document"
        );
    }
}
