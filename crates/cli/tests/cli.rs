//! The `arshif` binary against PRODUCT.md's command-line contract: shapes, exit codes, messages.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

struct Cli {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("archive.arshif");
        Cli { _dir: dir, db }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_arshif"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs, checks the exit code, and parses stdout as JSON.
    fn json(&self, args: &[&str], exit: i32) -> Value {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(exit),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_search_show_tag_stats() {
    let cli = Cli::new();
    let sample = fixture("txt/sample-article.txt");
    let report = cli.json(&["import", path(&sample), "--json"], 0);
    assert_eq!(report["imported"], 1);
    assert_eq!(report["duplicates"], 0);
    assert_eq!(report["failed"], Value::Array(vec![]));

    let hits = cli.json(&["search", "الشرطة الإسبانية", "--json"], 0);
    let hit = &hits[0];
    for key in [
        "id",
        "title",
        "publication",
        "date",
        "tags",
        "snippet",
        "score",
        "source_file",
    ] {
        assert!(hit.get(key).is_some(), "missing {key} in {hit}");
    }
    assert_eq!(hit["publication"], "جريدة أصوات");
    assert_eq!(hit["date"], "2022-08-10");
    assert!(hit["source_file"]
        .as_str()
        .unwrap()
        .ends_with("sample-article.txt"));
    assert!(!hit["snippet"].as_str().unwrap().contains('\u{E000}'));
    let id = hit["id"].as_i64().unwrap().to_string();

    let out = cli.run(&["tag", "add", "أمن/تعاون دولي", &id]);
    assert!(out.status.success());
    let article = cli.json(&["show", &id, "--json"], 0);
    assert_eq!(article["tags"][0]["name"], "أمن/تعاون دولي");
    assert_eq!(article["date_text"], "الأربعاء 10 غشت 2022");
    assert_eq!(article["provenance"]["encoding"], "UTF-8");

    let out = cli.run(&["reindex"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("index rebuilt for 1 article"));
    assert_eq!(
        cli.json(&["search", "الشرطة", "--json"], 0)
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let stats = cli.json(&["stats", "--json"], 0);
    assert_eq!(
        (stats["articles"].as_u64(), stats["tags"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(stats["publications"], 1);
}

#[test]
fn failures_and_bad_usage_have_their_exit_codes() {
    let cli = Cli::new();
    let report = cli.json(
        &[
            "import",
            path(&fixture("txt/sample-article.txt")),
            path(&fixture("bad/zero-bytes.txt")),
            "--json",
        ],
        1,
    );
    assert_eq!(report["imported"], 1);
    assert_eq!(report["failed"][0]["reason"], "the file is empty");

    let cases: &[(&[&str], i32, &str)] = &[
        (&["show", "999"], 1, "article 999 does not exist"),
        (&["search", "from:yesterday"], 2, "is not a date"),
        (&["tag", "add", "x", "999"], 1, "does not exist"),
        (&["tag", "rename", "nothing", "x"], 1, "does not exist"),
        (&["frobnicate"], 2, "unrecognized subcommand"),
        (&["search"], 2, "required"),
    ];
    for (args, code, message) in cases {
        let out = cli.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn newer_archives_are_refused_with_a_clear_message() {
    let cli = Cli::new();
    cli.json(&["stats", "--json"], 0);
    set_schema_version_past_this_build(&cli.db);
    let out = cli.run(&["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("newer version of Arshif"), "{stderr}");
}

/// Sets the archive's schema version past this build's without linking SQLite into the test:
/// `user_version` is the big-endian u32 at byte 60 of the database header.
/// The CLI closed cleanly, so its WAL is already checkpointed into the main file.
fn set_schema_version_past_this_build(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&9_999u32.to_be_bytes());
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn batch_queries_and_analyze() {
    let cli = Cli::new();
    cli.json(
        &["import", path(&fixture("txt/sample-article.txt")), "--json"],
        0,
    );
    let queries = cli._dir.path().join("queries.txt");
    std::fs::write(&queries, "الشرطة\nلا يوجد مثل هذا\nfrom:never\n").unwrap();
    let out = cli.run(&["search", "--queries", path(&queries), "--json"]);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].as_array().unwrap().len(), 1);
    assert_eq!(lines[1].as_array().unwrap().len(), 0);
    assert!(lines[2]["error"].as_str().unwrap().contains("not a date"));

    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(["analyze", "مُحَمَّد، والمدرسة في 10 غشت"])
        .output()
        .unwrap();
    // Per word: the stem, the exact form, and a month term when a month name has a number.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "محمد\n=محمد\nمدرس\n=والمدرسه\nفي\n=في\n10\n=10\nغشت\n=غشت\n#m8\n"
    );
}

#[test]
fn export_in_every_format_and_refuse_what_cannot_be_done() {
    let cli = Cli::new();
    cli.json(
        &[
            "import",
            path(&fixture("txt")),
            path(&fixture("demo")),
            "--json",
        ],
        0,
    );
    let dir = cli._dir.path();
    let out = |name: &str| dir.join(name);

    let json = out("all.json");
    let run = cli.run(&["export", "--format", "json", "--out", path(&json)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).trim(),
        format!("exported 9 article(s) to {}", json.display())
    );
    let exported: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(exported["schema"], "arshif/1");
    assert_eq!(exported["articles"].as_array().unwrap().len(), 9);
    assert!(exported["articles"][0]["provenance"]["original_base64"].is_string());

    let csl = out("police.csl.json");
    let run = cli.run(&[
        "export",
        "--format",
        "csl-json",
        "--out",
        path(&csl),
        "--query",
        "الشرطة",
    ]);
    assert!(run.status.success());
    let items: Value = serde_json::from_slice(&std::fs::read(&csl).unwrap()).unwrap();
    // The same articles, in the same order, as the search shows.
    let hits = cli.json(&["search", "الشرطة", "--json"], 0);
    let ids = |values: &Value, key: &dyn Fn(&Value) -> String| -> Vec<String> {
        values.as_array().unwrap().iter().map(key).collect()
    };
    assert_eq!(
        ids(&items, &|item| item["id"].as_str().unwrap().to_string()),
        ids(&hits, &|hit| format!("arshif-{}", hit["id"]))
    );
    assert!(items.as_array().unwrap().len() > 1);

    let csv = out("two.csv");
    let run = cli.run(&[
        "export",
        "--format",
        "csv",
        "--out",
        path(&csv),
        "--ids",
        "2,1",
    ]);
    assert!(run.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{FEFF}id,title,"));
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(ids.starts_with(&["2"]), "{ids:?}");

    let slim = out("slim.json");
    cli.run(&[
        "export",
        "--format",
        "json",
        "--out",
        path(&slim),
        "--no-originals",
    ]);
    assert!(!std::fs::read_to_string(&slim)
        .unwrap()
        .contains("original_base64"));

    let pdf = out("تصدير.pdf");
    let run = cli.run(&[
        "export",
        "--format",
        "pdf",
        "--out",
        path(&pdf),
        "--query",
        "الشرطة",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let refused = out("refused.json");
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--format", "pdf", "--ids", "999"],
            1,
            "article 999 does not exist",
        ),
        (&["--format", "xml"], 2, "invalid value 'xml'"),
        (
            &["--format", "json", "--ids", "1,999"],
            1,
            "article 999 does not exist",
        ),
        (&["--format", "json", "--ids", "1,x"], 2, "invalid digit"),
        (
            &["--format", "csv", "--query", "from:never"],
            2,
            "is not a date",
        ),
        (
            &["--format", "csv", "--query", "x", "--ids", "1"],
            2,
            "cannot be used with",
        ),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["export", "--out", path(&refused)];
        all.extend_from_slice(args);
        let run = cli.run(&all);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!refused.exists(), "{args:?} left a file");
    }
}

#[test]
fn backup_restore_and_check() {
    let cli = Cli::new();
    cli.json(
        &["import", path(&fixture("txt/sample-article.txt")), "--json"],
        0,
    );
    let backup = cli._dir.path().join("نسخة احتياطية.arshif");
    let run = cli.run(&["backup", path(&backup)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("backed up 1 article(s) to "));

    assert!(cli.run(&["tag", "add", "بعد النسخة", "1"]).status.success());
    let run = cli.run(&["restore", path(&backup)]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("restored 1 article(s) from"), "{stdout}");
    assert!(
        stdout.contains("archive.arshif.before-restore-"),
        "{stdout}"
    );
    assert_eq!(
        cli.json(&["show", "1", "--json"], 0)["tags"],
        Value::Array(vec![])
    );

    let run = cli.run(&["check"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("The archive is healthy: 1 article;"));
    let report = cli.json(&["check", "--json"], 0);
    assert_eq!(report["healthy"], true);
    assert_eq!(report["articles"], 1);

    // A copy too damaged to open as an archive: the check still says what is wrong, exits 1.
    let damaged = cli._dir.path().join("damaged.arshif");
    let mut bytes = std::fs::read(&backup).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page;
    for n in (pages / 2)..pages {
        bytes[n * page + page / 4..n * page + 3 * page / 4].fill(0x5A);
    }
    std::fs::write(&damaged, bytes).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(["--db", path(&damaged), "check"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("The archive file is damaged"),
        "{stdout}"
    );

    let not_archive = cli._dir.path().join("notes.txt");
    std::fs::write(&not_archive, "نص عادي وليس أرشيفا ".repeat(100)).unwrap();
    let run = cli.run(&["restore", path(&not_archive)]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is not an Arshif archive [not_an_archive]"),
        "{stderr}"
    );
    assert_eq!(cli.json(&["stats", "--json"], 0)["articles"], 1);
}

#[test]
fn a_newer_archive_can_still_be_replaced_by_a_backup() {
    let cli = Cli::new();
    cli.json(
        &["import", path(&fixture("txt/sample-article.txt")), "--json"],
        0,
    );
    let backup = cli._dir.path().join("backup.arshif");
    assert!(cli.run(&["backup", path(&backup)]).status.success());
    set_schema_version_past_this_build(&cli.db);
    assert_eq!(cli.run(&["stats"]).status.code(), Some(1));
    // restore does not need to open the archive it replaces.
    assert!(cli.run(&["restore", path(&backup)]).status.success());
    assert_eq!(cli.json(&["stats", "--json"], 0)["articles"], 1);
}

#[test]
fn import_json_lists_near_duplicates_and_draws_no_progress_into_a_pipe() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("demo/marsum-50.txt")).unwrap();
    let reprint = dir.path().join("reprint.txt");
    std::fs::write(
        &reprint,
        format!(
            "{}\nوأضاف المصدر ذاته أن التحقيقات ما تزال جارية لمعرفة كافة ملابسات هذه القضية.",
            text.trim_end()
        ),
    )
    .unwrap();
    let out = cli.run(&[
        "import",
        path(&fixture("demo/marsum-50.txt")),
        path(&reprint),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    // stderr is a pipe here: no bar, no escape codes.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The contract's fields are unchanged; near_duplicates comes beside them.
    assert_eq!(
        (
            &report["imported"],
            &report["duplicates"],
            &report["failed"]
        ),
        (&Value::from(2), &Value::from(0), &Value::Array(vec![]))
    );
    let near = &report["near_duplicates"][0];
    assert_eq!(
        (&near["article_id"], &near["other_id"]),
        (&Value::from(2), &Value::from(1))
    );
    assert!(near["file"].as_str().unwrap().ends_with("reprint.txt"));
    assert!(near["similarity"].as_f64().unwrap() > 0.6);

    // The human report names the pair too.
    let dir2 = tempfile::tempdir().unwrap();
    let again = dir2.path().join("reprint-2.txt");
    std::fs::write(
        &again,
        format!("{}\nالتعليقات مغلقة الآن على هذا المقال.", text.trim_end()),
    )
    .unwrap();
    let out = cli.run(&["import", path(&again)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("#3 nearly repeats #1"), "{stdout}");
    assert!(stdout.contains("#3 nearly repeats #2"), "{stdout}");
}
