//! The typst `World` of one export: the template, the articles as a JSON file, and the fonts
//! compiled into the binary. It reads nothing from disk and nothing from the network, so an
//! export looks the same on every machine and a template cannot reach a user's files.
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The layout, in typst markup. Article text never enters it: the template reads
/// [`DATA_PATH`] with `json()`, so `*`, `#`, `$` or `[` in a title are characters, not markup.
const TEMPLATE: &str = include_str!("template.typ");
const MAIN_PATH: &str = "/main.typ";
/// Where the template finds the articles; the path `json()` is called with.
pub(crate) const DATA_PATH: &str = "/articles.json";

/// Noto Naskh Arabic comes first for Arabic text (its glyphs carry the cleanest ToUnicode
/// mapping for pdftotext); Noto Serif covers the Latin letters Naskh lacks. Both are OFL-1.1,
/// taken unchanged from Debian's fonts-noto-core 20201225-1 (see fonts/README.md).
static FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../fonts/NotoSerif-Bold.ttf"),
];

/// Parsed once per process: the font tables do not change between exports.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The standard library carries no state of an export, so one instance serves them all.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

pub(crate) struct ExportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl ExportWorld {
    /// A world whose `/articles.json` holds `data` (the JSON the template reads).
    pub(crate) fn new(data: Vec<u8>) -> ExportWorld {
        ExportWorld {
            main: Source::new(file_id(MAIN_PATH), TEMPLATE.to_owned()),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
        }
    }

    /// How many font faces the world offers (a test checks that none failed to parse).
    pub(crate) fn font_count() -> usize {
        FONTS.1.len()
    }
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants of this module, absolute and without `..`: they cannot fail.
    let vpath = VirtualPath::new(path).expect("a constant, valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for ExportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(TEMPLATE))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: the export date is the caller's (`PdfOptions::export_date`), so the same
    /// selection exported twice gives the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}
