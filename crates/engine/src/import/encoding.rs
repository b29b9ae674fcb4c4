//! Turning a file's bytes into text without ever guessing silently wrong.
//!
//! Order: a byte-order mark; strict UTF-8; UTF-16 without a mark; then the legacy Arabic and
//! Latin code pages that chardetng proposes, accepted only when the decoded text reads like
//! Arabic, French or English. Anything else is refused with a reason rather than imported as
//! mojibake.
use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1256};

use super::ImportError;

/// Text decoded from a file and the name of the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name, e.g. `UTF-8`, `windows-1256`, `UTF-16LE`.
    pub encoding: &'static str,
}

/// Formats whose first bytes say they are not text, with a name for the error message.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x7FELF", "executable"),
    (b"MZ", "executable"),
    (b"SQLite format 3\0", "SQLite"),
    (b"\x1F\x8B", "gzip"),
    (b"\xD0\xCF\x11\xE0", "Office 97"),
    (b"Rar!", "RAR"),
    (b"7z\xBC\xAF", "7-Zip"),
];

/// Decodes `bytes` as text or says why it cannot.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_length..]).ok_or(ImportError::UnknownEncoding);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(ImportError::BinaryFile(Some(kind)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if plausible(text) {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: UTF_8.name(),
            });
        }
    }
    // Checked after UTF-8 because Arabic in UTF-16LE is often valid (but implausible) UTF-8:
    // U+0621..U+064A are the bytes 0x21..0x4A followed by 0x06.
    if let Some(decoded) = utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Err(ImportError::BinaryFile(None));
    }
    if bytes.contains(&0) {
        return Err(ImportError::BinaryFile(None));
    }
    if let Some(damaged) = damaged_utf8(bytes) {
        return damaged;
    }
    legacy(bytes)
}

/// UTF-8 with a few damaged bytes (a download cut short, one byte flipped on a bad disk) is
/// still UTF-8: read by a legacy code page it would become mojibake from the first letter to
/// the last (UTF-8 Arabic read as windows-1256 is «ط²ظٹط§ط±ط©»). So text whose non-ASCII bytes
/// are mostly valid UTF-8 sequences is read as UTF-8 with U+FFFD where the damage is, visible
/// in the text (the original bytes are kept), or refused when the damage is more than a stray
/// byte. Real windows-1256, ISO-8859-6 and windows-1252 text has almost no valid multi-byte
/// UTF-8 sequence (an Arabic letter byte there is followed by another letter, not by a
/// continuation byte), so it never gets here.
fn damaged_utf8(bytes: &[u8]) -> Option<Result<Decoded, ImportError>> {
    let (mut multibyte, mut damaged) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        damaged += usize::from(!chunk.invalid().is_empty());
    }
    // Four valid characters for every damaged spot is far beyond what chance gives legacy text.
    if multibyte < 8 || multibyte < 4 * damaged {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    // `plausible` counts U+FFFD as noise: a stray damaged byte passes, a damaged file does not.
    Some(if plausible(&text) {
        Ok(Decoded {
            text,
            encoding: UTF_8.name(),
        })
    } else {
        Err(ImportError::UnknownEncoding)
    })
}

/// The kind of binary file `bytes` starts like, if any (a photo or PDF renamed `.txt`/`.html`).
pub(crate) fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Decodes with no replacement characters allowed.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// UTF-16 written without a mark (some Windows tools): the text must decode cleanly in one byte
/// order and read as text. Arabic in UTF-16 has few NUL bytes (U+06xx), so the decision is made
/// on the decoded text, not on counting zeros.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| decode_strict(encoding, bytes))
        .find(|decoded| {
            plausible(&decoded.text)
                && spaced_like_prose(&decoded.text)
                && mostly_known_scripts(&decoded.text)
        })
}

fn legacy(bytes: &[u8]) -> Result<Decoded, ImportError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"ma"), true);
    // chardetng's guess first, then the code pages Arabic and French archives actually hold.
    let candidates = [guess, WINDOWS_1256, ISO_8859_6, WINDOWS_1252];
    candidates
        .into_iter()
        .filter(|encoding| [WINDOWS_1256, ISO_8859_6, WINDOWS_1252].contains(encoding))
        .filter_map(|encoding| decode_strict(encoding, bytes))
        .find(|decoded| {
            plausible(&decoded.text)
                && spaced_like_prose(&decoded.text)
                && !looks_like_mojibake(&decoded.text)
        })
        .ok_or(ImportError::UnknownEncoding)
}

/// Text has almost no control characters (tabs, newlines and form feeds aside).
pub(crate) fn plausible(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        let allowed = matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
        if (c.is_control() && !allowed) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    // A stray control character in a long article is survivable; many mean a binary file.
    control * 200 <= total
}

/// Prose separates words: a guessed decoding of arbitrary bytes has letters but no spaces.
fn spaced_like_prose(text: &str) -> bool {
    let total = text.chars().count();
    let spaces = text.chars().filter(|c| c.is_whitespace()).count();
    total <= 30 || spaces * 30 >= total
}

/// Most letters are Arabic or Latin: a UTF-16 reading of other bytes gives CJK soup.
fn mostly_known_scripts(text: &str) -> bool {
    let (mut letters, mut known) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) || is_arabic(c) {
            known += 1;
        }
    }
    letters > 0 && known * 10 >= letters * 9
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Arabic bytes read as a Latin code page come out as runs of accented capitals (ÇáÑÈÇØ): real
/// French has accented letters at a few percent of letters, never most of them.
fn looks_like_mojibake(text: &str) -> bool {
    let (mut letters, mut accented) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ('\u{00C0}'..='\u{00FF}').contains(&c) {
            accented += 1;
        }
    }
    letters == 0 || accented * 4 > letters
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "استقبل المدير العام للأمن الوطني يومه الأربعاء 10 غشت 2022 بمدينة الرباط.";
    const FRENCH: &str = "Le directeur général a reçu à Rabat la délégation espagnole, été 2022.";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = std::iter::once(0xFEFF)
            .filter(|_| bom)
            .chain(text.encode_utf16());
        for unit in units {
            let pair = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    /// One case: bytes in, the text and encoding name out.
    fn check(bytes: &[u8], text: &str, encoding: &str) {
        let decoded = decode(bytes).unwrap_or_else(|e| panic!("{encoding}: {e}"));
        assert_eq!(decoded.text, text, "{encoding}");
        assert_eq!(decoded.encoding, encoding);
    }

    #[test]
    fn decodes_every_supported_encoding() {
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(ARABIC.as_bytes());
        check(ARABIC.as_bytes(), ARABIC, "UTF-8");
        check(&with_bom, ARABIC, "UTF-8");
        check(&utf16(ARABIC, true, true), ARABIC, "UTF-16LE");
        check(&utf16(ARABIC, false, true), ARABIC, "UTF-16BE");
        check(&utf16(ARABIC, true, false), ARABIC, "UTF-16LE");
        check(&utf16(ARABIC, false, false), ARABIC, "UTF-16BE");
        check(&encode(WINDOWS_1256, ARABIC), ARABIC, "windows-1256");
        check(&encode(WINDOWS_1252, FRENCH), FRENCH, "windows-1252");
    }

    #[test]
    fn iso_8859_6_arabic_is_read_as_arabic() {
        // ISO-8859-6 has no hamza-on-alef shapes used above, so use plainer text.
        let text = "استقبل المدير العام وفدا من مدريد في الرباط";
        let decoded = decode(&encode(ISO_8859_6, text)).unwrap();
        assert_eq!(decoded.text, text, "{}", decoded.encoding);
    }

    #[test]
    fn refuses_what_is_not_text() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty_file"),
            (b"%PDF-1.7\n...", "binary_file"),
            (b"\x89PNG\r\n\x1a\n\0\0", "binary_file"),
            (
                &[0u8, 1, 2, 3, 0, 0, 0, 7, 8, 9, 0, 0, 0, 0xFF, 0xFE, 0x10],
                "binary_file",
            ),
            (b"abc\x01\x02\x03\x04\x05", "binary_file"),
        ];
        for (bytes, code) in cases {
            assert_eq!(decode(bytes).unwrap_err().code(), *code, "{bytes:?}");
        }
    }

    #[test]
    fn damaged_utf8_is_never_read_as_a_legacy_code_page() {
        let article = include_str!("../../../../tests/fixtures/txt/sample-article.txt");
        // Found by the hostile-input table: one stray byte in a UTF-8 article made the whole
        // text windows-1256 mojibake («ط²ظٹط§ط±ط©»).
        let at = (2000..).find(|&i| article.is_char_boundary(i)).unwrap();
        let mut one_bad_byte = article.as_bytes()[..at].to_vec();
        one_bad_byte.push(0xFF);
        one_bad_byte.extend_from_slice(&article.as_bytes()[at..]);
        let decoded = decode(&one_bad_byte).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(
            decoded.text.starts_with("زيارة مدير الشرطة"),
            "{}",
            &decoded.text[..60]
        );
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 1);
        // A file cut inside a character: the last letter is the damage.
        let cut = &article.as_bytes()[..article.len() - 1];
        let cut = if std::str::from_utf8(cut).is_ok() {
            &cut[..cut.len() - 1]
        } else {
            cut
        };
        assert_eq!(decode(cut).unwrap().encoding, "UTF-8");
        // Damage everywhere is refused rather than guessed at.
        let mut shredded = Vec::new();
        for (i, c) in article.chars().take(400).enumerate() {
            let mut buffer = [0; 4];
            shredded.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            if i % 10 == 0 {
                shredded.push(0xFF);
            }
        }
        assert_eq!(decode(&shredded).unwrap_err().code(), "unknown_encoding");
        // Real legacy text still reads as itself.
        check(&encode(WINDOWS_1256, ARABIC), ARABIC, "windows-1256");
        check(&encode(WINDOWS_1252, FRENCH), FRENCH, "windows-1252");
    }

    #[test]
    fn random_bytes_never_become_mojibake() {
        // A deterministic pseudo-random sequence of high bytes: no real text looks like this.
        let mut state = 0x2545_F491_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state as u8) | 0x80
            })
            .collect();
        assert!(decode(&bytes).is_err());
    }
}
