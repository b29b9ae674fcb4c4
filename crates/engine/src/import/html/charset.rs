//! The encoding of a saved page: a byte-order mark, then the charset the page declares in its
//! first bytes (`<meta charset>` or `http-equiv="Content-Type"`), then the same detection the
//! text importer uses. A declaration is trusted only when the bytes decode cleanly with it: old
//! Arabic pages saved by hand sometimes declare one charset and hold another.
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::import::encoding::{self, Decoded};
use crate::import::ImportError;

/// Browsers look for the declaration in the first 1024 bytes; pages saved by hand put a long
/// comment or `<title>` first often enough that a little more is worth scanning.
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page's bytes, or says why it cannot.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    if Encoding::for_bom(bytes).is_some() {
        return encoding::decode(bytes);
    }
    if let Some(kind) = encoding::binary_signature(bytes) {
        return Err(ImportError::BinaryFile(Some(kind)));
    }
    if let Some(declared) = declared_encoding(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // `iso-8859-1`/`windows-1252` is what many editors and servers declared by default, on
        // Arabic pages too, and every byte decodes in it: the detector decides, the declaration
        // is kept only when the detector cannot tell.
        if declared == WINDOWS_1252 {
            if let Ok(decoded) = encoding::decode(bytes) {
                return Ok(decoded);
            }
        }
        // A page whose download or copy was cut short can end inside a UTF-8 letter; what
        // comes before the cut is still the page.
        let bytes = if declared == UTF_8 {
            match std::str::from_utf8(bytes) {
                Err(error) if error.error_len().is_none() => &bytes[..error.valid_up_to()],
                _ => bytes,
            }
        } else {
            bytes
        };
        if let Some(text) = declared.decode_without_bom_handling_and_without_replacement(bytes) {
            if encoding::plausible(&text) {
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: declared.name(),
                });
            }
        }
    }
    encoding::decode(bytes)
}

/// The charset named in the first `<meta>` that names one.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = find(&lower[from..], b"<meta").map(|i| i + from) {
        let end = find(&lower[start..], b">").map_or(lower.len(), |i| i + start);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(fix_up(encoding));
            }
        }
        from = end;
    }
    None
}

/// HTML's own rules: a page cannot really be UTF-16 if its ASCII `<meta>` was readable, and
/// `x-user-defined` means windows-1252.
fn fix_up(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// `charset=windows-1256` inside one tag, with or without quotes; `content="text/html;
/// charset=utf-8"` has it the same way.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")? + b"charset".len();
    let rest = &tag[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_charsets() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"<meta charset="windows-1256">"#, Some("windows-1256")),
            (r#"<META CHARSET=utf-8>"#, Some("UTF-8")),
            (
                r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#,
                Some("windows-1256"),
            ),
            (
                r#"<meta content='text/html;charset=iso-8859-6' http-equiv=content-type>"#,
                Some("ISO-8859-6"),
            ),
            (r#"<meta charset="utf-16">"#, Some("UTF-8")),
            (
                r#"<meta name="description" content="charset"><meta charset="cp1256">"#,
                Some("windows-1256"),
            ),
            (r#"<meta charset="no-such-thing">"#, None),
            (r#"<title>charset=utf-8</title>"#, None),
        ];
        for (head, expected) in cases {
            assert_eq!(
                declared_encoding(head.as_bytes()).map(|e| e.name()),
                *expected,
                "{head}"
            );
        }
    }

    #[test]
    fn a_latin_declaration_on_an_arabic_page_is_not_trusted() {
        let text = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>استقبل المدير العام وفدا من مدريد في الرباط يومه الأربعاء</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1256");
        assert_eq!(decoded.text, text);
        let french = "<meta charset=\"iso-8859-1\"><p>Le directeur général a reçu la délégation à Rabat.</p>";
        let (bytes, _, _) = WINDOWS_1252.encode(french);
        assert_eq!(decode(&bytes).unwrap().text, french);
    }

    #[test]
    fn a_wrong_declaration_is_not_trusted() {
        let text = "<html><head><meta charset=\"utf-8\"></head><body><p>استقبل المدير العام وفدا من مدريد في الرباط</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1256");
        assert_eq!(decoded.text, text);
    }
}
