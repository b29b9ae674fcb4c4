//! Crash safety: an import, a tag merge and an export run in a child process that is killed with
//! SIGKILL at seeded random moments; after every kill the archive is reopened and must be whole.
//!
//! After each kill: `PRAGMA integrity_check` is ok, FTS5's own integrity check (against the
//! articles, `rank = 1`) passes, no foreign key dangles, every article has its provenance row and
//! its original bytes (equal to the file it came from) and the text a clean import gives, every
//! article the child was told was committed is there, and no tag exists without the articles it
//! was written with. After the last kill the same import runs to the end and the archive equals a
//! clean import, with no duplicate.
//!
//! The child is this test binary itself, started with `--child` (see [`child`]), so nothing but
//! the engine runs in it and no other binary has to be built first. `Child::kill` sends SIGKILL
//! on Unix: the child gets no chance to clean up, as in a power cut of the process (not of the
//! machine: what the OS has accepted is kept; see docs/RELIABILITY.md).
//!
//! `cargo test` runs a short round (10 kills per scenario). `ARSHIF_CRASH_KILLS=60` (`make
//! reliability`) runs the full one; `ARSHIF_CRASH_SEED` replays a run (the seed is printed).
//! A harness of our own (`harness = false`): the same binary has to be the child too.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use arshif_engine::{Archive, ExportFormat, ExportOptions, ImportOptions, NewArticle, Selection};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

/// A scenario: runs with its random sequence until it has killed its child this many times.
type Scenario = fn(&mut Rng, usize) -> Figures;

const CHILD_FLAG: &str = "--child";
const DEFAULT_KILLS: usize = 10;
const DEFAULT_SEED: u64 = 0x4152_5348_4946_0007;
/// Files in the import corpus: enough that an import takes about a second.
const CORPUS_FILES: usize = 360;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(CHILD_FLAG) {
        child(&args[1..]);
        return;
    }
    let scenarios: [(&str, Scenario); 3] = [
        ("crash_during_import", crash_during_import),
        ("crash_during_tag_merge", crash_during_tag_merge),
        ("crash_during_export", crash_during_export),
    ];
    // Enough of libtest's command line that `cargo test NAME`, `--list` and `--exact` work.
    if args.iter().any(|a| a == "--list") {
        for (name, _) in &scenarios {
            println!("{name}: test");
        }
        return;
    }
    let exact = args.iter().any(|a| a == "--exact");
    // Filters are the bare arguments; options that take a value (`--skip NAME`,
    // `--test-threads N`…) must not be mistaken for filters.
    let (mut filters, mut skips) = (Vec::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--skip" => skips.extend(rest.next()),
            "--test-threads" | "--color" | "--format" | "--logfile" | "-Z" => {
                rest.next();
            }
            other if !other.starts_with('-') => filters.push(arg),
            _ => {}
        }
    }
    let selected: Vec<_> = scenarios
        .iter()
        .filter(|(name, _)| {
            filters.is_empty()
                || filters.iter().any(|f| {
                    if exact {
                        name == f
                    } else {
                        name.contains(f.as_str())
                    }
                })
        })
        .filter(|(name, _)| !skips.iter().any(|s| name.contains(s.as_str())))
        .collect();
    let kills = env_number("ARSHIF_CRASH_KILLS").map_or(DEFAULT_KILLS, |n| n as usize);
    let seed = env_number("ARSHIF_CRASH_SEED").unwrap_or(DEFAULT_SEED);
    println!(
        "\nrunning {} tests (seed {seed:#x}, {kills} kills each)",
        selected.len()
    );
    let started = Instant::now();
    let mut total = Figures::default();
    for (name, scenario) in &selected {
        // Each scenario has its own random sequence, so running one alone replays it exactly.
        let mut rng = Rng::new(seed ^ fnv(name));
        let started = Instant::now();
        let mut figures = scenario(&mut rng, kills);
        figures.seconds = started.elapsed().as_secs_f64();
        println!("test {name} ... ok\n    {figures}");
        total.add(&figures);
    }
    if !selected.is_empty() {
        println!("crash safety, all scenarios: {total}");
    }
    println!(
        "\ntest result: ok. {} passed; 0 failed; 0 ignored; 0 measured; {} filtered out; \
         finished in {:.2}s\n",
        selected.len(),
        scenarios.len() - selected.len(),
        started.elapsed().as_secs_f64()
    );
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => value.parse().ok(),
    }
}

/// What one scenario did.
#[derive(Default)]
struct Figures {
    /// Times the child was killed while it was still working.
    kills: usize,
    /// Kills after which the archive reopened and passed every check.
    recovered: usize,
    /// Articles the child reported committed (or that were there before) and were then missing
    /// or not intact. Always 0: a loss fails the test before the figures are printed.
    lost: usize,
    /// Children that finished before their kill time (not counted as kills).
    finished: usize,
    /// Committed articles checked after kills, counted once per kill.
    checked: usize,
    /// Half-written temporary export files left by killed exports (cleared by the next export).
    stale_temporaries: usize,
    seconds: f64,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.kills += other.kills;
        self.recovered += other.recovered;
        self.lost += other.lost;
        self.finished += other.finished;
        self.checked += other.checked;
        self.stale_temporaries += other.stale_temporaries;
        self.seconds += other.seconds;
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kills {}, recovered {}, lost {}; runs that finished first {}; committed articles \
             checked {}",
            self.kills, self.recovered, self.lost, self.finished, self.checked
        )?;
        if self.stale_temporaries > 0 {
            write!(
                f,
                "; temporary files left by kills {}",
                self.stale_temporaries
            )?;
        }
        write!(f, " ({:.1} s)", self.seconds)
    }
}

/// xorshift64*: small, seedable, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ── The child ────────────────────────────────────────────────────────────────────────────────

/// `--child import ARCHIVE CORPUS CHUNK`: imports the corpus; with CHUNK > 0 in calls of CHUNK
/// files, printing `committed ID…` after each call returns (the ids are then durable), with 0 in
/// one call over the folder, as the CLI and the desktop app do.
/// `--child merge ARCHIVE`: merges, re-creates and splits two tags forever (see
/// [`crash_during_tag_merge`]), printing `step N` after each committed step.
/// `--child export ARCHIVE OUT`: exports every article to OUT as native JSON, forever.
fn child(args: &[String]) {
    let fail = |what: &str, error: &dyn std::fmt::Display| -> ! {
        eprintln!("child {what}: {error}");
        std::process::exit(3)
    };
    let mut out = std::io::stdout().lock();
    match args {
        [mode, archive, corpus, chunk] if mode == "import" => {
            let mut archive = Archive::open(archive).unwrap_or_else(|e| fail("open", &e));
            let chunk: usize = chunk.parse().unwrap_or(0);
            // Small batches: many commits per run, so kills land between and inside them.
            let options = ImportOptions {
                batch_size: 8,
                ..ImportOptions::default()
            };
            let calls: Vec<Vec<PathBuf>> = if chunk == 0 {
                vec![vec![PathBuf::from(corpus)]]
            } else {
                corpus_files(Path::new(corpus))
                    .chunks(chunk)
                    .map(<[PathBuf]>::to_vec)
                    .collect()
            };
            for paths in calls {
                let report = archive
                    .import_paths(&paths, &options, &mut |_| {}, None)
                    .unwrap_or_else(|e| fail("import", &e));
                let ids: Vec<String> = report.imported_ids.iter().map(i64::to_string).collect();
                writeln!(out, "committed {}", ids.join(" ")).unwrap();
                out.flush().unwrap();
            }
            writeln!(out, "done").unwrap();
        }
        [mode, archive] if mode == "merge" => {
            let mut archive = Archive::open(archive).unwrap_or_else(|e| fail("open", &e));
            for step in 0u64.. {
                merge_step(&mut archive, step).unwrap_or_else(|e| fail("merge", &e));
                writeln!(out, "step {step}").unwrap();
                out.flush().unwrap();
            }
        }
        [mode, archive, destination] if mode == "export" => {
            let archive = Archive::open(archive).unwrap_or_else(|e| fail("open", &e));
            let ids = all_ids(&archive);
            for round in 0u64.. {
                archive
                    .export(
                        &Selection::Ids(ids.clone()),
                        ExportFormat::Json,
                        Path::new(destination),
                        &ExportOptions::default(),
                        &mut |_| {},
                        None,
                    )
                    .unwrap_or_else(|e| fail("export", &e));
                writeln!(out, "exported {round}").unwrap();
                out.flush().unwrap();
            }
        }
        _ => fail("arguments", &format!("{args:?}")),
    }
}

/// A running child and the lines it has printed so far.
struct Running {
    child: Child,
    lines: std::thread::JoinHandle<Vec<String>>,
    started: Instant,
}

fn spawn(args: &[&str]) -> Running {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg(CHILD_FLAG)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read on a thread so a chatty child never blocks on a full pipe.
    let lines = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect()
    });
    Running {
        child,
        lines,
        started: Instant::now(),
    }
}

/// How a child run ended.
struct Ended {
    /// True when SIGKILL hit it while it was still running.
    killed: bool,
    lines: Vec<String>,
    elapsed: Duration,
}

/// Kills the child with SIGKILL at `at` after its start, unless it finished first.
fn kill_at(mut running: Running, at: Duration) -> Ended {
    let deadline = running.started + at;
    let mut killed = false;
    loop {
        if let Some(status) = running.child.try_wait().unwrap() {
            assert!(status.success(), "the child failed by itself: {status}");
            break;
        }
        let now = Instant::now();
        if now >= deadline {
            // `Child::kill` is SIGKILL on Unix.
            running.child.kill().unwrap();
            running.child.wait().unwrap();
            killed = true;
            break;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(2)));
    }
    let elapsed = running.started.elapsed();
    Ended {
        killed,
        lines: running.lines.join().unwrap(),
        elapsed,
    }
}

fn run_to_end(args: &[&str]) -> Ended {
    kill_at(spawn(args), Duration::from_secs(600))
}

// ── Checks shared by the scenarios ───────────────────────────────────────────────────────────

/// A read-only view of the archive's tables, without the engine (so it cannot repair anything
/// on the way). The full-text table is left alone: it needs the engine's tokenizer.
fn raw(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// The file-level checks every scenario makes after a kill, before the engine opens the file:
/// SQLite's integrity check, foreign keys and FTS5's check against the articles.
fn assert_healthy(path: &Path, context: &str) {
    let version: u32 = match path.exists() {
        true => raw(path)
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap(),
        false => 0,
    };
    if version == 0 {
        // Killed while the archive was being created, before its first migration committed:
        // the next open must finish the job.
        Archive::open(path).unwrap_or_else(|e| panic!("{context}: a half-created archive: {e}"));
    }
    let report = Archive::check_file(path).unwrap_or_else(|e| panic!("{context}: {e}"));
    assert!(report.healthy, "{context}: {report:?}");
}

fn all_ids(archive: &Archive) -> Vec<i64> {
    let conn = raw(archive.path().unwrap());
    let mut stmt = conn.prepare("SELECT id FROM articles ORDER BY id").unwrap();
    let ids = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<i64>, _>>()
        .unwrap();
    ids
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ── Import ───────────────────────────────────────────────────────────────────────────────────

/// Arabic words for generated articles (a vocabulary of press Arabic, and one French run).
const WORDS: &[&str] = &[
    "الأمن",
    "الوطني",
    "المدير",
    "العام",
    "استقبل",
    "بمقر",
    "المديرية",
    "العامة",
    "وفدا",
    "إسبانيا",
    "رفيع",
    "المستوى",
    "التعاون",
    "الثنائي",
    "مكافحة",
    "الجريمة",
    "المنظمة",
    "العابرة",
    "للحدود",
    "الرباط",
    "مدريد",
    "الشرطة",
    "الحكومة",
    "الميزانية",
    "البرلمان",
    "الانتخابات",
    "المدرسة",
    "الجامعة",
    "الطلبة",
    "الصحة",
    "المستشفى",
    "الفلاحة",
    "الأمطار",
    "الموسم",
    "المغرب",
    "الجزائر",
    "تونس",
    "مصر",
    "الخليج",
    "الاقتصاد",
    "الاستثمار",
    "المقاولات",
    "الشباب",
    "التشغيل",
    "السياحة",
    "الثقافة",
    "المهرجان",
    "الكتاب",
    "المسرح",
    "coopération",
    "sécurité",
    "Rabat",
];
const MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];
const TAGS: &[&str] = &["أمن/تعاون دولي", "اقتصاد", "تعليم", "صحة/مستشفيات"];

/// The text of generated article `i`: unique (its number is in the title), with a date line,
/// and every 45th one about 200 KB so that some transactions are large.
fn article_text(i: usize) -> (String, String) {
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut word = || {
        state ^= state >> 29;
        state = state.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        WORDS[(state >> 33) as usize % WORDS.len()]
    };
    let title = format!("تقرير رقم {i}: {} {} {}", word(), word(), word());
    let paragraphs = if i.is_multiple_of(45) {
        1_200
    } else {
        3 + i % 5
    };
    let mut body = format!(
        "الرباط، يومه {} {} {}\n",
        1 + i % 28,
        MONTHS[i % 12],
        2000 + i % 25
    );
    for _ in 0..paragraphs {
        let sentence: Vec<&str> = (0..25).map(|_| word()).collect();
        body.push_str(&sentence.join(" "));
        body.push_str(".\n");
    }
    (title, body)
}

/// Writes the import corpus: text files mostly, Markdown with tags in front matter, saved
/// pages, a Word-less binary renamed `.txt` (fails every time) and a second copy of one article
/// with other line endings (a `same_text` duplicate every time).
fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..CORPUS_FILES {
        let (title, body) = article_text(i);
        let (name, text) = match i % 9 {
            4 => {
                let tags = [TAGS[i % TAGS.len()], TAGS[(i / 9) % TAGS.len()]];
                (
                    format!("{i:04}.md"),
                    format!(
                        "---\ntitle: \"{title}\"\ntags: [{}]\n---\n\n{body}",
                        tags.join(", ")
                    ),
                )
            }
            7 => {
                let paragraphs: String = body
                    .lines()
                    .map(|line| format!("<p>{line}</p>\n"))
                    .collect();
                (
                    format!("{i:04}.html"),
                    format!(
                        "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\">\
                         <title>{title}</title></head><body><article><h1>{title}</h1>\
                         {paragraphs}</article><script>LEAK()</script></body></html>"
                    ),
                )
            }
            _ => (
                format!("{i:04}.txt"),
                format!("{title}\nجريدة أصوات\n{body}"),
            ),
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    let (title, body) = article_text(10);
    let copy = format!("{title}\r\nجريدة أصوات\r\n{}", body.replace('\n', "\r\n"));
    std::fs::write(dir.join("copy-of-0010.txt"), copy).unwrap();
    std::fs::write(dir.join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
}

/// The files of the corpus in the order a folder import takes them.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// What an article must look like, from a clean import: everything but ids and timestamps.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    title: String,
    body: String,
    publication: Option<String>,
    date: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
    importer: String,
    encoding: String,
    sha256: String,
}

/// Every article of the archive by the name of the file it came from. Also checks, with the
/// raw tables, that each article has its provenance row and original bytes.
fn articles_by_file(path: &Path) -> BTreeMap<String, (i64, Expected)> {
    let conn = raw(path);
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.title, a.body, p.name, a.published_date, a.language,
                    v.importer, v.encoding, v.file_sha256, v.file_name,
                    (SELECT json_group_array(t.name) FROM
                        (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
                         WHERE at.article_id = a.id ORDER BY t.name) t)
             FROM articles a
             LEFT JOIN publications p ON p.id = a.publication_id
             LEFT JOIN provenance v ON v.article_id = a.id
             ORDER BY a.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |row| {
            let id: i64 = row.get(0)?;
            let file_name: Option<String> = row.get(9)?;
            let tags: String = row.get(10)?;
            Ok((
                id,
                file_name,
                Expected {
                    title: row.get(1)?,
                    body: row.get(2)?,
                    publication: row.get(3)?,
                    date: row.get(4)?,
                    language: row.get(5)?,
                    tags: serde_json::from_str(&tags).unwrap(),
                    importer: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    encoding: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    sha256: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
                },
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let mut by_file = BTreeMap::new();
    for (id, file_name, expected) in rows {
        let file_name =
            file_name.unwrap_or_else(|| panic!("article {id} has no provenance: half imported"));
        let stored: Option<Vec<u8>> = conn
            .query_row(
                "SELECT bytes FROM originals WHERE sha256 = ?1",
                [&expected.sha256],
                |row| row.get(0),
            )
            .ok();
        let stored = stored.unwrap_or_else(|| panic!("article {id} has no original bytes"));
        assert_eq!(
            sha256(&stored),
            expected.sha256,
            "article {id}: the original bytes do not match their hash"
        );
        let previous = by_file.insert(file_name.clone(), (id, expected));
        assert!(
            previous.is_none(),
            "{file_name} was imported twice (articles {} and {id})",
            previous.unwrap().0
        );
    }
    by_file
}

/// The checks after one kill of an import: the file is healthy, every article matches a clean
/// import of its file, nothing is half there, and every acknowledged id is present.
fn check_import(
    path: &Path,
    clean: &BTreeMap<String, Expected>,
    acknowledged: &BTreeSet<i64>,
    context: &str,
) -> BTreeMap<String, (i64, Expected)> {
    assert_healthy(path, context);
    let present = articles_by_file(path);
    let present_ids: BTreeSet<i64> = present.values().map(|(id, _)| *id).collect();
    let missing: Vec<&i64> = acknowledged.difference(&present_ids).collect();
    assert!(
        missing.is_empty(),
        "{context}: committed articles lost: {missing:?}"
    );
    for (file, (id, article)) in &present {
        let expected = clean.get(file).unwrap_or_else(|| {
            panic!("{context}: article {id} from {file} is not in a clean import")
        });
        assert_eq!(
            article, expected,
            "{context}: article {id} from {file} differs"
        );
    }
    let conn = raw(path);
    // Originals are written only with their article: one without a provenance row is the
    // remains of a half-written file.
    let orphans = count(
        &conn,
        "SELECT count(*) FROM originals o WHERE NOT EXISTS
            (SELECT 1 FROM provenance p WHERE p.file_sha256 = o.sha256)",
    );
    assert_eq!(orphans, 0, "{context}: original bytes without an article");
    // Tags are created only by the articles that carry them.
    let empty_tags = count(
        &conn,
        "SELECT count(*) FROM tags t WHERE NOT EXISTS
            (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id)",
    );
    assert_eq!(empty_tags, 0, "{context}: a tag without its articles");
    present
}

/// Articles in the archive at `path` (0 when it does not exist yet).
fn articles_in(path: &Path) -> usize {
    if !path.exists() {
        return 0;
    }
    let conn = raw(path);
    conn.query_row("SELECT count(*) FROM articles", [], |row| {
        row.get::<_, i64>(0)
    })
    .unwrap_or(0) as usize
}

fn crash_during_import(rng: &mut Rng, kills: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let corpus_arg = corpus.to_str().unwrap();

    // A clean import, run the same way, is what every article must match; it also measures how
    // long a whole import takes, which bounds the kill times.
    let clean_path = dir.path().join("clean.arshif");
    let clean_run = run_to_end(&["import", clean_path.to_str().unwrap(), corpus_arg, "0"]);
    let clean: BTreeMap<String, Expected> = articles_by_file(&clean_path)
        .into_iter()
        .map(|(file, (_, article))| (file, article))
        .collect();
    assert_eq!(
        clean.len(),
        CORPUS_FILES,
        "every generated article imports once"
    );
    let full_time = clean_run.elapsed;

    let path = dir.path().join("crashed.arshif");
    let path_arg = path.to_str().unwrap().to_string();
    let mut figures = Figures::default();
    // Ids the child said were committed; they must survive every later kill too.
    let mut acknowledged = BTreeSet::new();
    let mut round = 0usize;
    while figures.kills < kills {
        round += 1;
        // Calls of 20 files (acknowledged one by one) or the whole folder in one call.
        let chunk = if round.is_multiple_of(2) { "20" } else { "0" };
        // Within the time the rest of the import would take, so that most kills hit work.
        let remaining = (clean.len() - articles_in(&path)) as f64 / clean.len() as f64;
        let window = full_time.mul_f64(remaining.max(0.05));
        let at = Duration::from_micros(rng.below(window.as_micros() as u64 + 1));
        let ended = kill_at(spawn(&["import", &path_arg, corpus_arg, chunk]), at);
        for line in &ended.lines {
            if let Some(ids) = line.strip_prefix("committed") {
                acknowledged.extend(ids.split_whitespace().map(|id| id.parse::<i64>().unwrap()));
            }
        }
        let context = format!(
            "import round {round} (chunk {chunk}, kill at {at:?}, killed {})",
            ended.killed
        );
        let present = check_import(&path, &clean, &acknowledged, &context);
        if ended.killed {
            figures.kills += 1;
            figures.recovered += 1;
            figures.checked += acknowledged.len();
        } else {
            figures.finished += 1;
            assert_eq!(present.len(), clean.len(), "{context}: a finished import");
            // Start again from an empty archive so that later kills hit real work.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path_arg}{suffix}"));
            }
            acknowledged.clear();
        }
    }
    // The same import once more, to the end: it completes the rest, adds nothing twice.
    let last = run_to_end(&["import", &path_arg, corpus_arg, "0"]);
    assert!(last.lines.iter().any(|l| l == "done"));
    let present = check_import(&path, &clean, &acknowledged, "the final import");
    assert_eq!(
        present.len(),
        clean.len(),
        "the final import completes the rest"
    );
    let archive = Archive::open(&path).unwrap();
    assert_eq!(archive.stats().unwrap().articles, CORPUS_FILES as u64);
    figures
}

// ── Tag merge ────────────────────────────────────────────────────────────────────────────────

const MERGE_ARTICLES: usize = 6_000;

/// The articles of the two tags the merge child plays with: even positions carry «زوجي», every
/// third carries «ثلاثي».
fn merge_sets(archive: &Archive) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let ids = all_ids(archive);
    let evens = ids.iter().step_by(2).copied().collect();
    let threes = ids.iter().step_by(3).copied().collect();
    (evens, threes)
}

/// Step `step` of the merge child's cycle of four (see [`crash_during_tag_merge`]).
fn merge_step(archive: &mut Archive, step: u64) -> arshif_engine::Result<()> {
    let ids = all_ids(archive);
    let (evens, threes) = merge_sets(archive);
    let not_three: Vec<i64> = evens.difference(&threes).copied().collect();
    let not_even: Vec<i64> = ids
        .iter()
        .filter(|id| !evens.contains(id))
        .copied()
        .collect();
    match step % 4 {
        0 => archive.merge_tags("زوجي", "ثلاثي"),
        1 => archive.tag_articles("زوجي", &ids).map(drop),
        2 => archive.untag_articles("ثلاثي", &not_three).map(drop),
        _ => archive.untag_articles("زوجي", &not_even).map(drop),
    }
}

/// The articles of each tag, read raw.
fn tag_members(path: &Path) -> HashMap<String, BTreeSet<i64>> {
    let conn = raw(path);
    let mut stmt = conn
        .prepare(
            "SELECT t.name, at.article_id FROM tags t
             LEFT JOIN article_tags at ON at.tag_id = t.id",
        )
        .unwrap();
    let mut members: HashMap<String, BTreeSet<i64>> = HashMap::new();
    let rows = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?))
        })
        .unwrap();
    for row in rows {
        let (tag, article) = row.unwrap();
        let set = members.entry(tag).or_default();
        set.extend(article);
    }
    members
}

/// The child cycles through four committed steps, starting with «زوجي» on the even articles
/// (E) and «ثلاثي» on every third (T): merge «زوجي» into «ثلاثي» (state 1: «ثلاثي» on E ∪ T),
/// tag every article «زوجي» (state 2), untag «ثلاثي» from E \ T (state 3), untag «زوجي» from
/// the odd ones (back to state 0). Each step is one transaction. The states differ from every
/// half-done merge («زوجي» still on E beside «ثلاثي» on E ∪ T, or gone with «ثلاثي» still on
/// T, or «ثلاثي» on part of E ∪ T), so after a kill the tags must be in exactly one of the
/// four, and in the state after the last acknowledged step or the next one.
fn crash_during_tag_merge(rng: &mut Rng, kills: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tags.arshif");
    {
        let mut archive = Archive::open(&path).unwrap();
        let articles: Vec<NewArticle> = (0..MERGE_ARTICLES)
            .map(|i| NewArticle {
                title: format!("مقال {i}"),
                body: format!("نص قصير رقم {i}"),
                ..NewArticle::default()
            })
            .collect();
        archive.add_articles(&articles).unwrap();
        let (evens, threes) = merge_sets(&archive);
        archive
            .tag_articles("زوجي", &evens.into_iter().collect::<Vec<_>>())
            .unwrap();
        archive
            .tag_articles("ثلاثي", &threes.into_iter().collect::<Vec<_>>())
            .unwrap();
    }
    let (evens, threes, all) = {
        let archive = Archive::open(&path).unwrap();
        let (evens, threes) = merge_sets(&archive);
        let all: BTreeSet<i64> = all_ids(&archive).into_iter().collect();
        (evens, threes, all)
    };
    let union: BTreeSet<i64> = evens.union(&threes).copied().collect();
    // The state is the number of the next step to run.
    let state_of = |members: &HashMap<String, BTreeSet<i64>>| -> u64 {
        let even = members.get("زوجي");
        let three = members.get("ثلاثي");
        match (even, three) {
            (Some(e), Some(t)) if *e == evens && *t == threes => 0,
            (None, Some(t)) if *t == union => 1,
            (Some(e), Some(t)) if *e == all && *t == union => 2,
            (Some(e), Some(t)) if *e == all && *t == threes => 3,
            _ => panic!(
                "the tags are half merged: زوجي on {:?} articles, ثلاثي on {:?}",
                even.map(BTreeSet::len),
                three.map(BTreeSet::len)
            ),
        }
    };
    let path_arg = path.to_str().unwrap();
    let mut figures = Figures::default();
    while figures.kills < kills {
        // Every child starts from state 0 (the parent puts it back there below).
        let at = Duration::from_millis(20 + rng.below(400));
        let ended = kill_at(spawn(&["merge", path_arg]), at);
        assert!(ended.killed, "the merge child runs until it is killed");
        let acknowledged = ended
            .lines
            .iter()
            .filter(|l| l.starts_with("step "))
            .count() as u64;
        let context = format!("tag merge, kill at {at:?}, {acknowledged} steps acknowledged");
        assert_healthy(&path, &context);
        let state = state_of(&tag_members(&path));
        // Acknowledged steps are durable: the tags are in the state after them, or one step
        // further (a step that committed but was killed before it could say so).
        let after = acknowledged % 4;
        assert!(
            state == after || state == (after + 1) % 4,
            "{context}: the tags are in state {state}, expected {after} or the next"
        );
        let conn = raw(&path);
        assert_eq!(
            count(&conn, "SELECT count(*) FROM articles"),
            MERGE_ARTICLES as i64,
            "{context}"
        );
        figures.kills += 1;
        figures.recovered += 1;
        figures.checked += all.len();
        // Back to state 0 for the next child, through the same committed steps.
        let mut archive = Archive::open(&path).unwrap();
        for step in state..if state == 0 { 0 } else { 4 } {
            merge_step(&mut archive, step).unwrap();
        }
    }
    figures
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────

/// The child exports every article with its original again and again to one file; each kill
/// must leave that file either absent (before the first export completed) or a complete export,
/// and the archive untouched.
fn crash_during_export(rng: &mut Rng, kills: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let path = dir.path().join("export.arshif");
    let ended = run_to_end(&[
        "import",
        path.to_str().unwrap(),
        corpus.to_str().unwrap(),
        "0",
    ]);
    assert!(ended.lines.iter().any(|l| l == "done"));
    let before = articles_by_file(&path);
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let destination = out_dir.join("export.json");
    let (path_arg, destination_arg) = (path.to_str().unwrap(), destination.to_str().unwrap());

    // One export's duration bounds the kill times.
    let timed = Instant::now();
    Archive::open(&path)
        .unwrap()
        .export(
            &Selection::Ids(before.values().map(|(id, _)| *id).collect()),
            ExportFormat::Json,
            &dir.path().join("timing.json"),
            &ExportOptions::default(),
            &mut |_| {},
            None,
        )
        .unwrap();
    let one_export = timed.elapsed();

    let mut figures = Figures::default();
    let mut completed_once = false;
    while figures.kills < kills {
        let at = Duration::from_micros(rng.below(2 * one_export.as_micros() as u64 + 1));
        let ended = kill_at(spawn(&["export", path_arg, destination_arg]), at);
        assert!(ended.killed, "the export child runs until it is killed");
        let context = format!("export, kill at {at:?}");
        completed_once |= ended.lines.iter().any(|l| l.starts_with("exported"));
        match std::fs::read(&destination) {
            Ok(bytes) => {
                let export: serde_json::Value = serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{context}: the export is not whole: {e}"));
                assert_eq!(
                    export["articles"].as_array().map(Vec::len),
                    Some(before.len()),
                    "{context}"
                );
                completed_once = true;
            }
            Err(_) => assert!(!completed_once, "{context}: a complete export disappeared"),
        }
        // Temporary files of killed exports stay behind (nothing runs at SIGKILL to remove
        // them); count them for the figures, and check they are never the destination.
        figures.stale_temporaries = std::fs::read_dir(&out_dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name() != "export.json")
            .count();
        assert_healthy(&path, &context);
        assert_eq!(
            articles_by_file(&path),
            before,
            "{context}: the archive changed"
        );
        figures.kills += 1;
        figures.recovered += 1;
        figures.checked += before.len();
    }
    figures
}
