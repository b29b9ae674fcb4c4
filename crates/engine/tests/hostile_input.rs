//! Hostile and broken input, as a table: each case hands the engine one bad thing (a file to
//! import, or a damaged or unusable archive) and states the stable code it must answer with.
//! After every case the archive must be as it was (SQLite's integrity check, the links, the
//! search index, and the article count) or byte for byte untouched, and the case must finish
//! within its time limit: a hostile file may cost a moment, never the app's responsiveness.
//! The timings are printed (`cargo test --test hostile_input -- --nocapture`) and recorded in
//! docs/RELIABILITY.md.
//!
//! Cases already pinned in detail elsewhere (a zip bomb whose sizes are honest and encrypted
//! documents in import_docx.rs; bad pages in import_html.rs; a newer or damaged backup in
//! backup_restore.rs) appear here once, in their worst form, for the timing and the archive
//! checks.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use arshif_engine::{
    Archive, ExportFormat, ExportOptions, ImportOptions, ImportReport, Selection, SCHEMA_VERSION,
};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// What a case saw, and what must hold of the archive afterwards.
struct Seen {
    /// The stable code of the error, or `imported` when the file was (rightly) accepted.
    code: String,
    after: After,
}

enum After {
    /// Healthy, with the articles it had plus these.
    Articles(u64),
    /// The case damaged or changed the archive on purpose and checked itself that the engine
    /// then wrote nothing to it.
    Unwritten,
}

/// One case: a name, the code it must answer with, a time limit, and the action. The action
/// gets a folder holding `archive.arshif` (eight articles, closed) to do its harm in.
type Action = fn(&Path) -> Seen;

const CASES: &[(&str, &str, u64, Action)] = &[
    ("binary file renamed .txt", "binary_file", 2, binary_renamed),
    ("truncated DOCX", "corrupt_document", 2, truncated_docx),
    (
        "zip bomb with lying sizes",
        "expands_too_large",
        5,
        zip_bomb,
    ),
    ("200 MB file (sparse)", "too_large", 1, huge_file),
    (
        "1,000,000-character line of words",
        "imported",
        20,
        long_line_of_words,
    ),
    ("1,000,000-character word", "imported", 20, long_word),
    ("HTML nested 100,000 deep", "too_complex", 2, deep_html),
    (
        "UTF-8 with a stray invalid byte",
        "imported",
        2,
        stray_invalid_byte,
    ),
    (
        "UTF-8 damaged throughout",
        "unknown_encoding",
        2,
        damaged_utf8,
    ),
    (
        "UTF-16 (BOM) with a lone surrogate",
        "unknown_encoding",
        2,
        lone_surrogate_bom,
    ),
    (
        "UTF-16 (no BOM) with a lone surrogate",
        "binary_file",
        2,
        lone_surrogate_no_bom,
    ),
    ("NUL bytes through the text", "binary_file", 2, nul_bytes),
    ("path with ../ segments", "imported", 2, dot_dot_path),
    ("export naming ../ paths", "imported", 2, dot_dot_in_export),
    (
        "right-to-left override in the name",
        "imported",
        2,
        rtl_override_name,
    ),
    ("read-only archive", "read_only", 5, read_only_archive),
    ("full disk, import", "disk_full", 10, full_disk_import),
    ("full disk, export", "disk_full", 10, full_disk_export),
    (
        "archive from a newer version",
        "newer_database",
        2,
        newer_archive,
    ),
    (
        "archive damaged in the middle",
        "corrupt_database",
        5,
        corrupted_archive,
    ),
    (
        "archive with a trigger deleting articles on insert",
        "unsafe_archive",
        2,
        trigger_deleting_articles,
    ),
    (
        "archive with a view calling a function",
        "unsafe_archive",
        2,
        view_calling_a_function,
    ),
    (
        "archive with one of our triggers rewritten",
        "unsafe_archive",
        2,
        rewritten_trigger,
    ),
    (
        "archive with an index of its own on articles",
        "unsafe_archive",
        2,
        index_of_its_own,
    ),
    (
        "archive with an extra table",
        "unsafe_archive",
        2,
        extra_table,
    ),
];

#[test]
fn hostile_input_fails_cleanly_and_quickly() {
    let base = tempfile::tempdir().unwrap();
    let template = base.path().join("template.arshif");
    {
        let mut archive = Archive::open(&template).unwrap();
        let report = import(&mut archive, &[fixture("demo")]);
        assert_eq!(report.imported, 8, "{report:?}");
    }
    println!("\n| case | code | time |\n|---|---|---|");
    let mut failures = Vec::new();
    for (name, expected, limit, action) in CASES {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.arshif");
        std::fs::copy(&template, &archive).unwrap();
        let started = Instant::now();
        let seen = action(dir.path());
        let elapsed = started.elapsed();
        println!("| {name} | `{}` | {} ms |", seen.code, elapsed.as_millis());
        if seen.code != *expected {
            failures.push(format!(
                "{name}: answered {}, expected {expected}",
                seen.code
            ));
        }
        if elapsed > Duration::from_secs(*limit) {
            failures.push(format!("{name}: took {elapsed:?}, limit {limit} s"));
        }
        match seen.after {
            After::Unwritten => {}
            After::Articles(added) => {
                let report = Archive::check_file(&archive).unwrap();
                if !report.healthy || report.articles != Some(8 + added) {
                    failures.push(format!("{name}: the archive after it: {report:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

fn import(archive: &mut Archive, paths: &[PathBuf]) -> ImportReport {
    archive
        .import_paths(paths, &ImportOptions::default(), &mut |_| {}, None)
        .unwrap()
}

fn open(dir: &Path) -> Archive {
    Archive::open(dir.join("archive.arshif")).unwrap()
}

/// Imports one file into the case's archive: its failure code, or `imported`.
fn import_one(dir: &Path, name: &str, bytes: &[u8]) -> Seen {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    import_path(dir, &path)
}

fn import_path(dir: &Path, path: &Path) -> Seen {
    let report = import(&mut open(dir), &[path.to_path_buf()]);
    outcome(&report)
}

fn outcome(report: &ImportReport) -> Seen {
    match (report.imported, report.failed.as_slice()) {
        (1, []) => Seen {
            code: "imported".into(),
            after: After::Articles(1),
        },
        (0, [failure]) => {
            assert!(!failure.reason.is_empty());
            Seen {
                code: failure.code.clone(),
                after: After::Articles(0),
            }
        }
        _ => panic!("one file, one outcome: {report:?}"),
    }
}

/// The article imported last.
fn newest(archive: &Archive) -> arshif_engine::Article {
    let page = archive.list_articles(&Default::default()).unwrap();
    let id = page.items.iter().map(|a| a.id).max().unwrap();
    archive.article(id).unwrap()
}

fn sample() -> String {
    std::fs::read_to_string(fixture("txt/sample-article.txt")).unwrap()
}

/// A small Word document, deflated.
fn docx() -> Vec<u8> {
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>عنوان</w:t></w:r></w:p><w:p><w:r><w:t>نص المقال يومه 10 غشت 2022، وفيه ما يكفي من الكلمات ليكون مقالا.</w:t></w:r></w:p></w:body></w:document>"#;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    writer.write_all(xml.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

/// Bits written least significant first, as DEFLATE packs them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn push(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = (value >> i) & 1;
            *self.bytes.last_mut().unwrap() |= (bit as u8) << (self.used % 8);
            self.used += 1;
        }
    }

    /// A Huffman code goes in most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        for i in (0..length).rev() {
            self.push((code >> i) & 1, 1);
        }
    }
}

/// A raw DEFLATE stream (RFC 1951) inflating to `1 + 258 * copies` zero bytes: one block with
/// the fixed codes, a literal 0, then `copies` back-references of 258 bytes at distance 1
/// (13 bits each), so 100 MB take about 600 KB.
fn deflated_zeros(copies: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(1, 1); // The last block…
    bits.push(1, 2); // …with the fixed Huffman codes.
    bits.code(0b0011_0000, 8); // Literal 0.
    for _ in 0..copies {
        bits.code(0b1100_0101, 8); // Length 258 (symbol 285).
        bits.code(0, 5); // Distance 1.
    }
    bits.code(0, 7); // End of block (symbol 256).
    bits.bytes
}

/// A ZIP holding one deflated part whose headers claim it inflates to 1,000 bytes.
fn lying_zip(name: &str, deflated: &[u8]) -> Vec<u8> {
    let name = name.as_bytes();
    let mut zip = Vec::new();
    let u16le = |zip: &mut Vec<u8>, v: u16| zip.extend_from_slice(&v.to_le_bytes());
    let u32le = |zip: &mut Vec<u8>, v: u32| zip.extend_from_slice(&v.to_le_bytes());
    // Local file header.
    u32le(&mut zip, 0x0403_4b50);
    for v in [20, 0, 8, 0, 0] {
        u16le(&mut zip, v); // Version, flags, method (deflate), time, date.
    }
    u32le(&mut zip, 0); // CRC-32 (a lie too).
    u32le(&mut zip, deflated.len() as u32);
    u32le(&mut zip, 1_000); // The lie: the inflated size.
    u16le(&mut zip, name.len() as u16);
    u16le(&mut zip, 0);
    zip.extend_from_slice(name);
    zip.extend_from_slice(deflated);
    // Central directory.
    let directory = zip.len() as u32;
    u32le(&mut zip, 0x0201_4b50);
    for v in [20, 20, 0, 8, 0, 0] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, 0);
    u32le(&mut zip, deflated.len() as u32);
    u32le(&mut zip, 1_000);
    for v in [name.len() as u16, 0, 0, 0, 0] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, 0); // External attributes.
    u32le(&mut zip, 0); // Offset of the local header.
    zip.extend_from_slice(name);
    let directory_size = zip.len() as u32 - directory;
    // End of central directory.
    u32le(&mut zip, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        u16le(&mut zip, v);
    }
    u32le(&mut zip, directory_size);
    u32le(&mut zip, directory);
    u16le(&mut zip, 0);
    zip
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// `bytes` with a lone high surrogate (U+D800, little-endian) spliced in at an even offset.
fn with_lone_surrogate(mut bytes: Vec<u8>) -> Vec<u8> {
    let at = (bytes.len() / 2) & !1;
    bytes.splice(at..at, [0x00, 0xD8]);
    bytes
}

/// Runs `action` with `path` made unwritable, even for root: root ignores file modes, so it
/// gets the immutable attribute (`chattr +i`) instead of `chmod a-w`. The attribute is removed
/// afterwards whatever happens.
fn unwritable<T>(path: &Path, action: impl FnOnce() -> T) -> Option<T> {
    struct Restore<'a>(&'a Path, bool);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            if self.1 {
                let _ = std::process::Command::new("chattr")
                    .arg("-i")
                    .arg(self.0)
                    .status();
            } else {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    let root = is_root();
    if root {
        // Some file systems (a tmpfs /tmp) have no immutable attribute: then the case cannot be
        // staged as root, and says so.
        let staged = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|status| status.success());
        if !staged {
            println!("  (read-only archive: not run, chattr +i is not available here)");
            return None;
        }
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    let _restore = Restore(path, root);
    Some(action())
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

/// A tmpfs of `bytes` mounted at `dir/small` for the life of the value (root only).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, bytes: u64) -> Option<SmallDisk> {
        let point = dir.join("small");
        std::fs::create_dir_all(&point).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
            .arg("tmpfs")
            .arg(&point)
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(SmallDisk(point))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// The full-disk cases need a real small file system: a tmpfs, which only root (with
/// CAP_SYS_ADMIN) may mount. Where it cannot be mounted the case says it was not run (CI runs
/// as root, so it runs there). SQLite's `max_page_count` would only simulate the limit inside
/// SQLite; a real ENOSPC also reaches the export's own file writes.
fn full_disk(dir: &Path, action: impl FnOnce(&Path, &Path) -> String) -> Seen {
    let archive = dir.join("archive.arshif");
    let size = std::fs::metadata(&archive).unwrap().len();
    // Room for the archive, its write-ahead log for a small write, and little more.
    let Some(disk) = SmallDisk::mount(dir, size + 256 * 1024) else {
        println!("  (full disk: not run, a tmpfs cannot be mounted here: needs root)");
        return Seen {
            code: "disk_full".into(),
            after: After::Articles(0),
        };
    };
    let inside = disk.0.join("archive.arshif");
    std::fs::copy(&archive, &inside).unwrap();
    let code = action(&inside, &disk.0);
    // Checked where it lives, then copied back for the table's own check.
    let report = Archive::check_file(&inside).unwrap();
    assert!(report.healthy, "{report:?}");
    std::fs::copy(&inside, &archive).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", archive.display()));
    }
    Seen {
        code,
        after: After::Articles(0),
    }
}

fn error_code<T>(result: arshif_engine::Result<T>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(error) => error.code().into(),
    }
}

// ── The cases ────────────────────────────────────────────────────────────────────────────────

/// A real program (this test binary), cut to 64 KB and named like an article.
fn binary_renamed(dir: &Path) -> Seen {
    let mut program = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(std::env::current_exe().unwrap()).unwrap(),
            64 * 1024,
        ),
        &mut program,
    )
    .unwrap();
    import_one(dir, "article.txt", &program)
}

fn truncated_docx(dir: &Path) -> Seen {
    let whole = docx();
    import_one(dir, "cut.docx", &whole[..whole.len() / 2])
}

/// 100 MB of zeros in a 600 KB file whose ZIP headers say 1,000 bytes: the reader must count
/// what it inflates, not trust the headers.
fn zip_bomb(dir: &Path) -> Seen {
    let bomb = lying_zip("word/document.xml", &deflated_zeros(400_000));
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    import_one(dir, "bomb.docx", &bomb)
}

/// 200 MB that take no disk space: refused by its size, before a byte is read (reading it
/// would take far longer than the limit on this case).
fn huge_file(dir: &Path) -> Seen {
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    drop(file);
    import_path(dir, &path)
}

/// A million characters of words on one line: no line is short enough to be a title, so the
/// file name is, and the text imports whole.
fn long_line_of_words(dir: &Path) -> Seen {
    let line: String = "كلمة ".repeat(200_000);
    let seen = import_one(dir, "سطر-طويل.txt", line.as_bytes());
    let article = newest(&open(dir));
    assert_eq!(article.title, "سطر-طويل");
    assert_eq!(article.body.chars().count(), 999_999, "the body, trimmed");
    seen
}

/// A million letters with no space: one enormous word for the analyzer and the index.
fn long_word(dir: &Path) -> Seen {
    let text = format!("عنوان المقال\n{}", "ب".repeat(1_000_000));
    import_one(dir, "كلمة-طويلة.txt", text.as_bytes())
}

fn deep_html(dir: &Path) -> Seen {
    let html = format!(
        "<html><body>{}نص{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    import_one(dir, "deep.html", html.as_bytes())
}

/// One byte that is not UTF-8 in a UTF-8 article: read as UTF-8 with U+FFFD at that spot (it
/// once became windows-1256 mojibake from the first letter to the last).
fn stray_invalid_byte(dir: &Path) -> Seen {
    let text = sample();
    let at = (1500..).find(|&i| text.is_char_boundary(i)).unwrap();
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    let seen = import_one(dir, "stray.txt", &bytes);
    let archive = open(dir);
    let hits = archive
        .search(&arshif_engine::SearchQuery {
            text: "\"مدير الشرطة الإسبانية\"".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.items.len(), 1, "the text is Arabic, not mojibake");
    seen
}

fn damaged_utf8(dir: &Path) -> Seen {
    let mut bytes = Vec::new();
    for (i, c) in sample().chars().enumerate() {
        let mut buffer = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        if i % 8 == 0 {
            bytes.push(0xC3);
        }
    }
    import_one(dir, "damaged.txt", &bytes)
}

fn lone_surrogate_bom(dir: &Path) -> Seen {
    import_one(
        dir,
        "surrogate.txt",
        &with_lone_surrogate(utf16le(&sample(), true)),
    )
}

/// Without a byte-order mark the file is not valid UTF-16 in either order, and its NUL bytes
/// (the high halves of ASCII characters) say it is not text in any 8-bit encoding either.
fn lone_surrogate_no_bom(dir: &Path) -> Seen {
    import_one(
        dir,
        "surrogate.txt",
        &with_lone_surrogate(utf16le(&sample(), false)),
    )
}

/// NUL bytes every few words: a binary file, whatever its name says. (A single NUL in a long
/// article is tolerated and kept: the original text is kept verbatim.)
fn nul_bytes(dir: &Path) -> Seen {
    let text: String = sample()
        .split(' ')
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|words| words.join(" "))
        .collect::<Vec<_>>()
        .join("\0");
    import_one(dir, "nul.txt", text.as_bytes())
}

/// A path that climbs out and back in: imported from where it really is; the name recorded is
/// the file's own.
fn dot_dot_path(dir: &Path) -> Seen {
    std::fs::create_dir_all(dir.join("press/2022")).unwrap();
    std::fs::write(dir.join("press/article.txt"), sample()).unwrap();
    let seen = import_path(dir, &dir.join("press/2022/../article.txt"));
    let provenance = newest(&open(dir)).provenance.unwrap();
    assert_eq!(provenance.file_name, "article.txt");
    seen
}

/// Another archive's export whose provenance names `../` paths and an absolute system file:
/// they are text to show, never paths to write, so nothing appears outside the archive.
fn dot_dot_in_export(dir: &Path) -> Seen {
    let original = b"hostile original";
    let sha: String = {
        use sha2::Digest;
        sha2::Sha256::digest(original)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let json = serde_json::json!({
        "schema": "arshif/1", "count": 1,
        "articles": [{
            "id": 1, "title": "مقال من أرشيف آخر", "body": "نص المقال.",
            "provenance": {
                "file_name": "../../../../tmp/arshif-escape-test",
                "file_path": "/etc/passwd",
                "sha256": sha, "size": original.len(), "encoding": "UTF-8",
                "importer": "txt", "boilerplate_removed": "",
                "original_base64": base64::Engine::encode(
                    &base64::engine::general_purpose::STANDARD, original)
            }
        }]
    });
    let seen = import_one(dir, "export.json", json.to_string().as_bytes());
    assert!(!Path::new("/tmp/arshif-escape-test").exists());
    let archive = open(dir);
    let article = newest(&archive);
    assert_eq!(archive.original_bytes(article.id).unwrap(), original);
    let provenance = article.provenance.unwrap();
    assert_eq!(provenance.file_name, "../../../../tmp/arshif-escape-test");
    seen
}

/// U+202E (RIGHT-TO-LEFT OVERRIDE) makes `report<U+202E>lmth.txt` display as `reporttxt.html`;
/// the importer goes by the real extension and keeps the name verbatim (the UI shows names as
/// text in an isolated span).
fn rtl_override_name(dir: &Path) -> Seen {
    let name = "report\u{202E}lmth.txt";
    let seen = import_one(dir, name, sample().as_bytes());
    let provenance = newest(&open(dir)).provenance.unwrap();
    assert_eq!(provenance.file_name, name);
    assert_eq!(provenance.importer, "txt");
    seen
}

fn read_only_archive(dir: &Path) -> Seen {
    let archive = dir.join("archive.arshif");
    let file = dir.join("new.txt");
    std::fs::write(&file, sample()).unwrap();
    let code = unwritable(&archive, || match Archive::open(&archive) {
        Err(error) => error.code().to_string(),
        Ok(mut opened) => {
            let result = opened.import_paths(&[file], &ImportOptions::default(), &mut |_| {}, None);
            match result {
                Err(error) => error.code().to_string(),
                Ok(report) => outcome(&report).code,
            }
        }
    })
    .unwrap_or_else(|| "read_only".into());
    Seen {
        code,
        after: After::Articles(0),
    }
}

fn full_disk_import(dir: &Path) -> Seen {
    let big = dir.join("big.txt");
    // 2 MB of distinct text: more than the disk has left, in one batch.
    let text: String = (0..60_000).map(|i| format!("كلمة{i} ")).collect();
    std::fs::write(&big, format!("عنوان كبير\n{text}")).unwrap();
    full_disk(dir, |archive, _| {
        let mut archive = Archive::open(archive).unwrap();
        let before = archive.stats().unwrap().articles;
        let result = archive.import_paths(&[big], &ImportOptions::default(), &mut |_| {}, None);
        assert_eq!(archive.stats().unwrap().articles, before);
        error_code(result)
    })
}

fn full_disk_export(dir: &Path) -> Seen {
    full_disk(dir, |archive, disk| {
        let archive = Archive::open(archive).unwrap();
        // Fill what is left, so the export cannot fit.
        let filler = disk.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        while file.write_all(&[0u8; 64 * 1024]).is_ok() {}
        drop(file);
        let out = disk.join("export.json");
        let ids = (1..=8).collect();
        let result = archive.export(
            &Selection::Ids(ids),
            ExportFormat::Json,
            &out,
            &ExportOptions::default(),
            &mut |_| {},
            None,
        );
        // Whole or absent: no half-written export and no temporary file left behind.
        let left: Vec<_> = std::fs::read_dir(disk)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "filler" && !n.to_string_lossy().starts_with("archive.arshif"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        std::fs::remove_file(filler).unwrap();
        error_code(result)
    })
}

fn newer_archive(dir: &Path) -> Seen {
    let archive = dir.join("archive.arshif");
    {
        let conn = rusqlite::Connection::open(&archive).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&archive).unwrap();
    let code = error_code(Archive::open(&archive));
    assert!(
        std::fs::read(&archive).unwrap() == before,
        "refused, yet written to"
    );
    Seen {
        code,
        after: After::Unwritten,
    }
}

/// Overwrites the middle of every page in the second half of the file, as a failing disk
/// would. Opening it, searching it and importing into it must answer `corrupt_database` (or
/// work, where the damage is not reached) and never write to it: the user's next step is a
/// restore, and the damaged file is the evidence.
fn corrupted_archive(dir: &Path) -> Seen {
    let archive = dir.join("archive.arshif");
    let mut bytes = std::fs::read(&archive).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page;
    for n in (pages / 2)..pages {
        let start = n * page + page / 4;
        bytes[start..start + page / 2].fill(0x5A);
    }
    std::fs::write(&archive, &bytes).unwrap();
    let report = Archive::check_file(&archive).unwrap();
    assert!(!report.healthy, "the damage is found");
    let code = match Archive::open(&archive) {
        Err(error) => error.code().to_string(),
        Ok(mut opened) => {
            let search = opened.search(&arshif_engine::SearchQuery {
                text: "المغرب".into(),
                ..Default::default()
            });
            let file = dir.join("new.txt");
            std::fs::write(&file, sample()).unwrap();
            let import = opened.import_paths(&[file], &ImportOptions::default(), &mut |_| {}, None);
            match (search, import) {
                (Err(error), _) | (_, Err(error)) => error.code().to_string(),
                (Ok(_), Ok(report)) => report
                    .failed
                    .first()
                    .map_or("imported".to_string(), |f| f.code.clone()),
            }
        }
    };
    // Compared with the damaged bytes, not the file the table copied in.
    assert!(
        std::fs::read(&archive).unwrap() == bytes,
        "the damaged archive was written to"
    );
    Seen {
        code,
        after: After::Unwritten,
    }
}

/// Adds `sql` to the case's archive behind Arshif's back, as someone handing over a crafted
/// archive or "backup" would, then hands it to every way in: opening it, the desktop's check
/// before a switch, the health check, and a restore from it. Each must refuse it with the same
/// code, write nothing to it, and the restore must not create the archive it would replace.
fn crafted(dir: &Path, sql: &str) -> Seen {
    let archive = dir.join("archive.arshif");
    rusqlite::Connection::open(&archive)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    let before = std::fs::read(&archive).unwrap();
    let restored = dir.join("restored.arshif");
    let codes = [
        error_code(Archive::open(&archive)),
        error_code(Archive::check_openable(&archive)),
        error_code(Archive::check_file(&archive)),
        error_code(Archive::restore_file(&restored, &archive)),
    ];
    assert!(
        std::fs::read(&archive).unwrap() == before,
        "refused, yet written to"
    );
    assert!(!restored.exists(), "a crafted backup was restored");
    let code = if codes.iter().all(|code| *code == codes[0]) {
        codes[0].clone()
    } else {
        format!("{codes:?}")
    };
    Seen {
        code,
        after: After::Unwritten,
    }
}

/// The attack in docs/SECURITY.md: the next import would delete every article.
fn trigger_deleting_articles(dir: &Path) -> Seen {
    crafted(
        dir,
        "CREATE TRIGGER keep_tidy AFTER INSERT ON articles BEGIN DELETE FROM articles; END;",
    )
}

/// With `trusted_schema` on, reading such a view would run whatever the function does.
fn view_calling_a_function(dir: &Path) -> Seen {
    crafted(
        dir,
        "CREATE VIEW recent AS SELECT load_extension('/tmp/payload.so') AS id FROM articles;",
    )
}

/// Our own trigger by its own name, but also rewriting the notes of every edited article.
fn rewritten_trigger(dir: &Path) -> Seen {
    crafted(
        dir,
        "DROP TRIGGER articles_fts_update;
         CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
             INSERT INTO articles_fts(articles_fts, rowid, title, body)
                 VALUES ('delete', old.id, old.title, old.body);
             INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
             UPDATE articles SET notes = 'rewritten' WHERE id = new.id;
         END;",
    )
}

/// A unique index on titles would make every later import of a reprint fail.
fn index_of_its_own(dir: &Path) -> Seen {
    crafted(dir, "CREATE UNIQUE INDEX one_per_title ON articles(title);")
}

/// A table alone runs nothing, but it has no place in an archive Arshif wrote, nobody could
/// see it, and allowing it would mean allowing whatever is defined on it; refused like the rest.
fn extra_table(dir: &Path) -> Seen {
    crafted(dir, "CREATE TABLE notes_of_mine (text TEXT);")
}

/// Markup inside articles is text to the engine: a `.txt` keeps it literally (the UI shows it as
/// text, docs/SECURITY.md), a saved page gives only its readable text, and a search snippet
/// marks matches with private-use characters, never with tags.
#[test]
fn markup_in_articles_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("archive.arshif")).unwrap();
    let title = r#"<img src=x onerror="window.__pwned=1"> تقرير"#;
    let body = "<script>window.__pwned=2</script> نص المقال عن <b>الأمن</b> في الرباط.";
    let txt = dir.path().join("markup.txt");
    std::fs::write(&txt, format!("{title}\n{body}")).unwrap();
    let html = dir.path().join("page.html");
    std::fs::write(
        &html,
        r#"<html><head><title>صفحة</title></head><body>
        <p onclick="window.__pwned=3">نص الصفحة عن التعاون الأمني بين البلدين.</p>
        <img src=x onerror="window.__pwned=4"><script>window.__pwned=5</script>
        <a href="javascript:window.__pwned=6">رابط</a></body></html>"#,
    )
    .unwrap();
    let report = import(&mut archive, &[txt, html]);
    assert_eq!(report.imported, 2, "{report:?}");
    let text = archive.article(report.imported_ids[0]).unwrap();
    assert_eq!((text.title.as_str(), text.body.as_str()), (title, body));
    let page = archive.article(report.imported_ids[1]).unwrap();
    for leak in ["__pwned", "onclick", "onerror", "javascript:", "<"] {
        assert!(!page.body.contains(leak), "{leak} in {:?}", page.body);
    }
    let hits = archive
        .search(&arshif_engine::SearchQuery {
            text: "الرباط".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.items.len(), 1, "{hits:?}");
    let snippet = &hits.items[0].snippet;
    assert!(snippet.contains("<script>"), "kept as text: {snippet}");
    assert!(
        snippet.contains('\u{E000}') && !snippet.contains("<mark"),
        "{snippet}"
    );
}
