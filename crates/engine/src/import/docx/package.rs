//! Reading parts out of a DOCX package (a ZIP file) with every size bounded: a small file must
//! not be able to make us inflate gigabytes (a "zip bomb"), and a damaged or password-protected
//! one fails with a reason instead of a panic or a stall.
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::import::ImportError;

/// A Word document has a few dozen parts; a package with thousands is not one.
const MAX_ENTRIES: usize = 10_000;
/// One XML part, inflated. `word/document.xml` of a 500-page report is a few megabytes.
pub(crate) const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Everything inflated from one file, all parts together.
const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;
/// The most reserved for a part before its bytes arrive (most `document.xml` parts are smaller).
const INITIAL_CAPACITY: u64 = 1024 * 1024;

/// Word encrypts a document by wrapping the whole package in an OLE compound file with this
/// stream name (in UTF-16); a plain OLE file is a Word 97–2003 `.doc`.
const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    inflated: u64,
}

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        if bytes.starts_with(OLE_SIGNATURE) {
            return Err(
                if bytes
                    .windows(ENCRYPTED_PACKAGE.len())
                    .any(|w| w == ENCRYPTED_PACKAGE)
                {
                    ImportError::EncryptedDocument
                } else {
                    ImportError::CorruptDocument(
                        "this is a Word 97–2003 (.doc) file, not a .docx".into(),
                    )
                },
            );
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if archive.len() > MAX_ENTRIES {
            return Err(ImportError::TooComplex(format!(
                "more than {MAX_ENTRIES} parts in the package"
            )));
        }
        Ok(Package {
            archive,
            inflated: 0,
        })
    }

    /// The inflated bytes of the part called `name`, or `None` when the package has no such part.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        let part = self.archive.by_index(index).map_err(zip_error)?;
        if part.encrypted() {
            return Err(ImportError::EncryptedDocument);
        }
        // The declared size can lie; it only spares us inflating what is refused anyway.
        if part.size() > budget {
            return Err(ImportError::ExpandsTooLarge {
                limit: MAX_TOTAL_BYTES,
            });
        }
        // The declared size is also no allocation size: a 200-byte file may claim 60 MB. Start
        // small and let the vector grow with what is really inflated.
        let mut bytes = Vec::with_capacity(part.size().min(INITIAL_CAPACITY) as usize);
        part.take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::CorruptDocument(format!("{name}: {e}")))?;
        if bytes.len() as u64 > budget {
            return Err(ImportError::ExpandsTooLarge {
                limit: MAX_TOTAL_BYTES,
            });
        }
        self.inflated += bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn zip_error(error: ZipError) -> ImportError {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            ImportError::EncryptedDocument
        }
        ZipError::Io(error) => ImportError::CorruptDocument(error.to_string()),
        other => ImportError::CorruptDocument(other.to_string()),
    }
}
