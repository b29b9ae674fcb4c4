//! Command-level tests: the real command layer over IPC on Tauri's mock runtime (no display).
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindowBuilder;

struct Harness {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn harness() -> Harness {
    harness_with(false)
}

fn harness_with(daily_backups: bool) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive.arshif");
    launch(dir, Some(archive), daily_backups)
}

/// The app's folders inside `dir`: `default/archive.arshif` and `config/settings.json`.
fn places(dir: &std::path::Path) -> crate::Places {
    crate::Places {
        default_archive: dir.join("default").join("archive.arshif"),
        settings_file: dir.join("config").join("settings.json"),
    }
}

/// Starts the app with its folders in `dir`, and `ARSHIF_DB` set to `archive` if given.
fn launch(dir: tempfile::TempDir, archive: Option<PathBuf>, daily_backups: bool) -> Harness {
    let launch = crate::Launch {
        archive,
        places: Some(places(dir.path())),
        daily_backups,
    };
    let app = crate::builder::<tauri::test::MockRuntime>(launch)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _dir: dir,
        _app: app,
        webview,
    }
}

fn invoke(h: &Harness, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: h.webview.app_handle().invoke_key().to_string(),
    };
    get_ipc_response(&h.webview, request).map(|r| r.deserialize::<Value>().unwrap())
}

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// What every pick command is sent: the words of any dialog, a format and a suggested name
/// (each command reads the arguments it takes).
fn pick_arguments() -> Value {
    json!({"words": {"title": "اختر", "filter": "ملفات", "allFiles": "كل الملفات"},
           "format": "json", "defaultName": "أرشيف.json"})
}

/// The user picks `paths` in the dialog `pick` opens (the stand-in answers it); returns the
/// grant the command presents next.
fn chosen(h: &Harness, pick: &str, paths: &[PathBuf]) -> Value {
    invoke(h, "e2e_answer_dialog", json!({ "paths": paths })).unwrap();
    let picked = invoke(h, pick, pick_arguments()).unwrap();
    assert_eq!(picked["paths"], json!(paths), "{pick}");
    picked["grant"].clone()
}

/// Imports `paths` as chosen in the files dialog.
fn import(h: &Harness, paths: &[PathBuf]) -> Result<Value, Value> {
    let grant = chosen(h, "pick_import_files", paths);
    invoke(h, "import_files", json!({ "grant": grant }))
}

/// Runs `command` on the file chosen in the dialog `pick` opens.
fn on_chosen(h: &Harness, pick: &str, command: &str, path: &Path) -> Result<Value, Value> {
    let grant = chosen(h, pick, &[path.to_path_buf()]);
    invoke(h, command, json!({ "grant": grant }))
}

/// Exports `selection` in `format` to the file chosen in the save dialog.
fn export(
    h: &Harness,
    selection: &Value,
    format: &str,
    path: &Path,
    options: Value,
) -> Result<Value, Value> {
    let grant = chosen(h, "pick_export_destination", &[path.to_path_buf()]);
    invoke(
        h,
        "export_articles",
        json!({"params": {"selection": selection, "format": format,
                          "grant": grant, "options": options}}),
    )
}

#[test]
fn commands_import_list_tag_and_report_errors() {
    let h = harness();
    assert_eq!(
        invoke(&h, "stats", json!({})).unwrap(),
        json!({"articles": 0, "tags": 0, "publications": 0, "original_bytes": 0})
    );

    let report = import(
        &h,
        &[
            fixture("txt/sample-article.txt"),
            fixture("bad/photo-renamed.txt"),
        ],
    )
    .unwrap();
    assert_eq!(report["imported"], 1);
    assert_eq!(report["cancelled"], false);
    assert_eq!(report["failed"][0]["code"], "binary_file");
    // The import is over: nothing left to cancel.
    assert_eq!(invoke(&h, "cancel_import", json!({})).unwrap(), false);
    let id = report["imported_ids"][0].clone();

    let page = invoke(&h, "list_articles", json!({"params": {"limit": 10}})).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["publication"], "جريدة أصوات");

    let tagged = invoke(
        &h,
        "tag_articles",
        json!({"params": {"tag": "أمن", "ids": [id]}}),
    );
    assert_eq!(tagged.unwrap(), json!({"tag": "أمن", "changed": 1}));
    // Another spelling of the same tag answers with the stored one.
    let again = invoke(
        &h,
        "tag_articles",
        json!({"params": {"tag": "امن", "ids": [id]}}),
    );
    assert_eq!(again.unwrap(), json!({"tag": "أمن", "changed": 0}));
    let article = invoke(&h, "get_article", json!({"id": id})).unwrap();
    assert_eq!(article["tags"][0]["name"], "أمن");
    assert_eq!(article["date"], "2022-08-10");

    let hits = invoke(
        &h,
        "search",
        json!({"params": {"query": "وسم:أمن", "facets": true}}),
    )
    .unwrap();
    assert_eq!(hits["total"], 1);
    assert_eq!(
        hits["facets"]["tags"][0],
        json!({"value": "أمن", "count": 1})
    );
    let arabic = invoke(&h, "search", json!({"params": {"query": "الاسبانيه أغسطس"}})).unwrap();
    assert_eq!(arabic["items"][0]["id"], id);

    let saved = invoke(
        &h,
        "save_search",
        json!({"name": "أمن", "query": "وسم:أمن"}),
    )
    .unwrap();
    let listed = invoke(&h, "list_saved_searches", json!({})).unwrap();
    assert_eq!(listed, json!([saved.clone()]));
    invoke(&h, "delete_saved_search", json!({"id": saved["id"]})).unwrap();

    // Errors arrive as {code, message}, never as raw SQLite text.
    let missing = invoke(&h, "get_article", json!({"id": 999})).unwrap_err();
    assert_eq!(missing["code"], "not_found");
    let bad_query = invoke(&h, "search", json!({"params": {"query": "من:أمس"}})).unwrap_err();
    assert_eq!(bad_query["code"], "bad_query");
    let bad_tag = invoke(
        &h,
        "tag_articles",
        json!({"params": {"tag": " / ", "ids": [id]}}),
    );
    assert_eq!(bad_tag.unwrap_err()["code"], "invalid_input");
}

/// The tag manager's commands: create, rename (refused onto a taken name with `tag_exists`),
/// merge with the subtree (refused into a descendant), colour, the normalized filter, the
/// totals of tags and path-only parents, and delete, which says how many articles it touched.
#[test]
fn tag_manager_commands() {
    let (h, ids) = demo_harness();
    let tag = |name: &str, ids: &[Value]| {
        invoke(
            &h,
            "tag_articles",
            json!({"params": {"tag": name, "ids": ids}}),
        )
        .unwrap();
    };
    tag("أمن", &ids[..3]);
    tag("اقتصاد", &ids[2..5]);
    let created = invoke(
        &h,
        "create_tag",
        json!({"name": " أمن / دولي ", "colour": null}),
    );
    assert_eq!(created.unwrap(), "أمن/دولي");
    let taken = invoke(&h, "create_tag", json!({"name": "امن", "colour": null})).unwrap_err();
    assert_eq!(taken["code"], "tag_exists");
    let onto = invoke(&h, "rename_tag", json!({"old": "أمن", "new": "اقتصاد"})).unwrap_err();
    assert_eq!(onto["code"], "tag_exists");

    // The answer is the name as stored: the parent keeps the archive's spelling.
    invoke(
        &h,
        "create_tag",
        json!({"name": "سياسة/محلي", "colour": null}),
    )
    .unwrap();
    let stored = invoke(&h, "rename_tag", json!({"old": "أمن", "new": "سياسه/أمن"})).unwrap();
    assert_eq!(stored, json!("سياسة/أمن"));
    invoke(&h, "delete_tag", json!({"tag": "سياسة/محلي"})).unwrap();
    invoke(
        &h,
        "rename_tag",
        json!({"old": "سياسة/أمن", "new": "سياسة"}),
    )
    .unwrap();
    let matched = invoke(&h, "match_tags", json!({"text": "سياسه"})).unwrap();
    assert_eq!(matched, json!(["سياسة", "سياسة/دولي"]));
    invoke(
        &h,
        "set_tag_colour",
        json!({"tag": "سياسة", "colour": "#c0392b"}),
    )
    .unwrap();
    tag("اقتصاد/دولي", &ids[5..6]);
    invoke(&h, "merge_tags", json!({"from": "اقتصاد", "into": "سياسة"})).unwrap();
    let tags = invoke(&h, "list_tags", json!({})).unwrap();
    assert_eq!(
        tags,
        json!([
            {"name": "سياسة", "colour": "#c0392b", "count": 5, "total": 6},
            {"name": "سياسة/دولي", "colour": null, "count": 1, "total": 1}
        ])
    );
    let below = invoke(
        &h,
        "merge_tags",
        json!({"from": "سياسة", "into": "سياسة/دولي"}),
    );
    assert_eq!(below.unwrap_err()["code"], "merge_into_descendant");
    tag("أرشيف/صحف", &ids[..2]);
    let parents = invoke(&h, "list_tag_parents", json!({})).unwrap();
    assert_eq!(parents, json!([{"name": "أرشيف", "total": 2}]));
    invoke(&h, "delete_tag", json!({"tag": "أرشيف/صحف"})).unwrap();
    assert_eq!(
        invoke(&h, "delete_tag", json!({"tag": "سياسة"})).unwrap(),
        5
    );
    let gone = invoke(&h, "delete_tag", json!({"tag": "سياسة"})).unwrap_err();
    assert_eq!(gone["code"], "not_found");
}

/// A harness holding the eight demo articles; returns their ids.
fn demo_harness() -> (Harness, Vec<Value>) {
    let h = harness();
    let report = import(&h, &[fixture("demo")]).unwrap();
    assert_eq!(report["imported"], 8, "{report}");
    let ids = report["imported_ids"].as_array().unwrap().clone();
    (h, ids)
}

#[test]
fn export_writes_every_format_whole() {
    let (h, ids) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let two = json!({"ids": [ids[0], ids[1]]});
    let everything = json!({"query": {"text": "", "sort": "newest"}});
    // (format, selection, options, file, articles)
    let cases = [
        (
            "json",
            &two,
            json!({"includeOriginals": false}),
            "a.json",
            2,
        ),
        ("csl-json", &everything, json!({}), "a-csl.json", 8),
        ("csv", &two, json!({}), "a.csv", 2),
        (
            "pdf",
            &two,
            json!({"layout": "continuous", "language": "fr", "description": "deux"}),
            "a.pdf",
            2,
        ),
    ];
    for (format, selection, options, file, articles) in cases {
        let path = out.path().join(file);
        let report = export(&h, selection, format, &path, options)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(report["articles"], articles, "{format}: {report}");
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(report["bytes"], bytes.len(), "{format}");
        match format {
            "json" => {
                let value: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(value["schema"], "arshif/1");
                assert_eq!(value["articles"].as_array().unwrap().len(), 2);
                assert!(value["articles"][0]["provenance"]["original_base64"].is_null());
            }
            "csl-json" => {
                let value: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(value.as_array().unwrap().len(), 8);
            }
            "csv" => assert!(bytes.starts_with("\u{feff}".as_bytes()), "no BOM"),
            _ => assert!(bytes.starts_with(b"%PDF-"), "not a PDF"),
        }
    }
    // Nothing but the four files: no temporary file is left behind.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 4);
}

#[test]
fn export_errors_arrive_as_codes() {
    let (h, ids) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let refused = |selection: Value, format: &str, path: PathBuf| {
        export(&h, &selection, format, &path, json!({})).unwrap_err()["code"].clone()
    };
    let cases = [
        (
            json!({"ids": []}),
            "json",
            out.path().join("x.json"),
            "nothing_to_export",
        ),
        (
            json!({"query": {"text": "كلمة-غير-موجودة"}}),
            "pdf",
            out.path().join("x.pdf"),
            "nothing_to_export",
        ),
        (
            json!({"ids": [999]}),
            "csv",
            out.path().join("x.csv"),
            "not_found",
        ),
        (
            json!({"ids": [ids[0]]}),
            "pdf",
            out.path().join("no/such/folder/x.pdf"),
            "io",
        ),
        (
            json!({"ids": [ids[0]]}),
            "json",
            h._dir.path().join("archive.arshif"),
            "invalid_input",
        ),
    ];
    for (selection, format, path, code) in cases {
        assert_eq!(
            refused(selection.clone(), format, path),
            code,
            "{selection} {format}"
        );
    }
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    let date = invoke(&h, "export_date", json!({})).unwrap();
    let date = date.as_str().unwrap();
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "{date}"
    );
}

/// Cancel from the window, heard at the first progress step of every format: the command ends
/// with `cancelled`, no file and no temporary file appear and an older file keeps its bytes.
/// While an export runs a second one is refused, and the slot is free again afterwards.
#[test]
fn a_cancelled_export_writes_nothing_and_frees_the_slot() {
    use tauri::Listener;
    let (h, ids) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("old-export");
    std::fs::write(&path, "an older export").unwrap();
    let state = h.webview.app_handle().state::<crate::state::AppState>();
    assert_eq!(invoke(&h, "cancel_export", json!({})).unwrap(), false);

    // The window's Cancel button, pressed as soon as the export says how far it is.
    let app = h.webview.app_handle().clone();
    h.webview
        .app_handle()
        .listen_any("export-progress", move |_| {
            assert!(app.state::<crate::state::AppState>().cancel_export());
        });
    let everything = json!({"query": {"text": "", "sort": "newest"}});
    for format in ["json", "csl-json", "csv", "pdf"] {
        let error = export(&h, &everything, format, &path, json!({})).unwrap_err();
        assert_eq!(error["code"], "cancelled", "{format}: {error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "an older export");
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            1,
            "{format}"
        );
    }

    let running = tauri::async_runtime::block_on(state.start_export())
        .expect("the slot is free between exports");
    let refused = export(&h, &json!({"ids": [ids[0]]}), "csv", &path, json!({})).unwrap_err();
    assert_eq!(refused["code"], "export_running");
    assert_eq!(invoke(&h, "cancel_export", json!({})).unwrap(), true);
    drop(running);
}

/// The reader's edit form saves through `update_article` (tags included, in one call) and the
/// tag input asks `suggest_tags`, which matches by the engine's normal form.
#[test]
fn an_edit_is_saved_whole_and_tags_are_suggested_by_their_normal_form() {
    let (h, ids) = demo_harness();
    let update = json!({
        "title": "عنوان جديد للمقال",
        "publication": "جريدة التحرير",
        "authors": ["سعيد", " ", "Nadia"],
        "date": "2024-02-29",
        "notes": "سطر أول\nسطر ثان",
        "tags": ["ميزانية", "أمن/تعاون دولي"],
    });
    let article = invoke(
        &h,
        "update_article",
        json!({"id": ids[0], "update": update}),
    )
    .unwrap();
    assert_eq!(article["title"], "عنوان جديد للمقال");
    assert_eq!(article["publication"], "جريدة التحرير");
    assert_eq!(article["authors"], json!(["سعيد", "Nadia"]));
    assert_eq!(article["date"], "2024-02-29");
    assert_eq!(article["tags"].as_array().unwrap().len(), 2, "{article}");
    // The new title is searchable at once.
    let hits = invoke(&h, "search", json!({"params": {"query": "عنوان جديد"}})).unwrap();
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["items"][0]["id"], ids[0]);
    let publications = invoke(&h, "list_publications", json!({})).unwrap();
    assert!(publications
        .as_array()
        .unwrap()
        .contains(&json!("جريدة التحرير")));

    let suggested = invoke(&h, "suggest_tags", json!({"prefix": "ميزانيه", "limit": 8})).unwrap();
    assert_eq!(suggested[0]["name"], "ميزانية", "{suggested}");
    assert_eq!(suggested[0]["count"], 1);

    // A refused edit changes nothing and says why in a code.
    let bad = json!({"title": "x", "date": "2023-02-29"});
    let error = invoke(&h, "update_article", json!({"id": ids[0], "update": bad})).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    let unchanged = invoke(&h, "get_article", json!({"id": ids[0]})).unwrap();
    assert_eq!(unchanged["title"], "عنوان جديد للمقال");
}

/// The reader's list of possible duplicates: the reprint of a demo article is listed under both
/// articles (earlier first) until the archivist keeps both.
#[test]
fn an_article_lists_its_open_near_duplicates() {
    let (h, ids) = demo_harness();
    let report = import(&h, &[fixture("reprint/marsum-50-reprint.txt")]).unwrap();
    let reprint = report["imported_ids"][0].clone();
    let of = |id: &Value| invoke(&h, "near_duplicates_of_article", json!({"id": id})).unwrap();
    let pairs = of(&reprint);
    assert_eq!(pairs.as_array().unwrap().len(), 1, "{pairs}");
    let original = pairs[0]["article"]["id"].clone();
    assert!(ids.contains(&original), "{pairs}");
    assert_eq!(pairs[0]["other"]["id"], reprint);
    assert!(pairs[0]["similarity"].as_f64().unwrap() >= 0.6, "{pairs}");
    assert_eq!(of(&original), pairs);
    // An article with no reprint lists nothing; a missing one is not found.
    let unrelated = ids.iter().find(|id| **id != original).unwrap();
    assert_eq!(of(unrelated), json!([]));
    let missing = invoke(&h, "near_duplicates_of_article", json!({"id": 999})).unwrap_err();
    assert_eq!(missing["code"], "not_found");

    invoke(
        &h,
        "mark_not_duplicate",
        json!({"a": reprint, "b": original}),
    )
    .unwrap();
    assert_eq!(of(&reprint), json!([]));
    assert_eq!(of(&original), json!([]));
}

#[test]
fn backup_restore_and_check() {
    let (h, ids) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("نسخة.arshif");
    let size = on_chosen(&h, "pick_backup_destination", "backup_archive", &backup).unwrap();
    assert_eq!(size, std::fs::metadata(&backup).unwrap().len());

    invoke(&h, "delete_articles", json!({"ids": [ids[0], ids[1]]})).unwrap();
    assert_eq!(invoke(&h, "stats", json!({})).unwrap()["articles"], 6);

    let report = on_chosen(&h, "pick_backup_to_restore", "restore_archive", &backup).unwrap();
    assert_eq!(report["articles"], 8);
    let previous = report["previous"]
        .as_str()
        .expect("the replaced archive is kept");
    assert!(std::path::Path::new(previous).is_file());
    // The shared archive is the restored one: every command sees it at once.
    assert_eq!(invoke(&h, "stats", json!({})).unwrap()["articles"], 8);
    let hits = invoke(&h, "search", json!({"params": {"query": "الأمن"}})).unwrap();
    assert!(hits["total"].as_u64().unwrap() > 0);

    let check = invoke(&h, "check_archive", json!({})).unwrap();
    assert_eq!(check["healthy"], true, "{check}");
    assert_eq!(check["articles"], 8);

    // A file that is not an archive is refused, and the archive is untouched.
    let text = out.path().join("not-an-archive.arshif");
    std::fs::write(&text, "hello").unwrap();
    let refused = on_chosen(&h, "pick_backup_to_restore", "restore_archive", &text).unwrap_err();
    assert_eq!(refused["code"], "not_an_archive");
    assert_eq!(invoke(&h, "stats", json!({})).unwrap()["articles"], 8);
}

#[test]
fn the_daily_backup_is_made_at_start_up_beside_the_archive() {
    let h = harness_with(true);
    let info = invoke(&h, "app_info", json!({})).unwrap();
    assert_eq!(info["backups_kept"], 7);
    let folder = std::path::PathBuf::from(info["backups_path"].as_str().unwrap());
    assert_eq!(folder, h._dir.path().join("backups"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let names: Vec<String> = std::fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        if names
            .iter()
            .any(|n| n.starts_with("arshif-backup-") && n.ends_with(".arshif"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no daily backup: {names:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn an_archive_that_would_not_open_can_be_checked_and_restored() {
    // A healthy backup first, from an archive of its own.
    let (h, _) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("backup.arshif");
    on_chosen(&h, "pick_backup_destination", "backup_archive", &backup).unwrap();

    // An "archive" that is not one: the app starts, every command says why.
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive.arshif");
    std::fs::write(&archive, "not a database, but somebody's file").unwrap();
    let broken = launch(dir, Some(archive), false);
    assert_eq!(
        invoke(&broken, "stats", json!({})).unwrap_err()["code"],
        "not_an_archive"
    );
    assert_eq!(
        invoke(&broken, "check_archive", json!({})).unwrap_err()["code"],
        "not_an_archive"
    );
    let report = on_chosen(
        &broken,
        "pick_backup_to_restore",
        "restore_archive",
        &backup,
    )
    .unwrap();
    assert_eq!(report["articles"], 8);
    // The file that was there is kept, untouched, beside the restored archive.
    let previous = report["previous"].as_str().unwrap();
    assert_eq!(
        std::fs::read_to_string(previous).unwrap(),
        "not a database, but somebody's file"
    );
    assert_eq!(invoke(&broken, "stats", json!({})).unwrap()["articles"], 8);
    assert_eq!(
        invoke(&broken, "check_archive", json!({})).unwrap()["healthy"],
        true
    );
}

/// The archive opened at start-up, from the settings file: (what the file holds, whether the
/// remembered archive exists) → the archive opened and the notice given.
#[test]
fn the_remembered_archive_is_opened_and_a_missing_or_broken_choice_falls_back() {
    let check = |settings: Option<&str>, remembered_exists: bool| {
        let dir = tempfile::tempdir().unwrap();
        let places = places(dir.path());
        let remembered = dir.path().join("elsewhere").join("صحافة.arshif");
        if remembered_exists {
            drop(arshif_engine::Archive::open(&remembered).unwrap());
        }
        if let Some(text) = settings {
            let text = text.replace("REMEMBERED", &remembered.display().to_string());
            std::fs::create_dir_all(places.settings_file.parent().unwrap()).unwrap();
            std::fs::write(&places.settings_file, text).unwrap();
        }
        let h = launch(dir, None, false);
        let info = invoke(&h, "app_info", json!({})).unwrap();
        let notice = invoke(&h, "take_archive_notice", json!({})).unwrap();
        // Said once.
        assert_eq!(
            invoke(&h, "take_archive_notice", json!({})).unwrap(),
            Value::Null
        );
        let opened = PathBuf::from(info["db_path"].as_str().unwrap());
        assert!(opened.is_file(), "{info}");
        let settings_after = std::fs::read_to_string(&places.settings_file).ok();
        (
            opened == remembered,
            info["archive_source"].clone(),
            notice["code"].clone(),
            settings_after,
        )
    };
    // No settings file, or one that is not ours: the default archive, no crash, file untouched.
    assert_eq!(
        check(None, false),
        (false, json!("default"), Value::Null, None)
    );
    let broken = "{\"archive\": [1, 2";
    assert_eq!(
        check(Some(broken), true),
        (false, json!("default"), Value::Null, Some(broken.into()))
    );
    // The remembered archive is there: it opens.
    let remembered = r#"{"archive": "REMEMBERED", "future": 1}"#;
    let (opened, source, notice, _) = check(Some(remembered), true);
    assert_eq!(
        (opened, source, notice),
        (true, json!("chosen"), Value::Null)
    );
    // It is gone: the default archive, one notice, and the choice is forgotten (other keys kept).
    let (opened, source, notice, after) = check(Some(remembered), false);
    assert_eq!(
        (opened, source, notice),
        (false, json!("default"), json!("remembered_archive_missing"))
    );
    let after: Value = serde_json::from_str(&after.unwrap()).unwrap();
    assert_eq!(after, json!({"future": 1}));
}

#[test]
fn arshif_db_wins_over_the_remembered_archive() {
    let dir = tempfile::tempdir().unwrap();
    let places = places(dir.path());
    let remembered = dir.path().join("remembered.arshif");
    drop(arshif_engine::Archive::open(&remembered).unwrap());
    crate::settings::remember(&remembered, &places).unwrap();
    let environment = dir.path().join("environment.arshif");
    let h = launch(dir, Some(environment.clone()), false);
    let info = invoke(&h, "app_info", json!({})).unwrap();
    assert_eq!(info["db_path"], environment.display().to_string());
    assert_eq!(info["archive_source"], "environment");
}

/// Switching archives without a restart: every command follows, the choice is remembered, and
/// whatever cannot be opened is refused with the current archive left open.
#[test]
fn switching_archives_opens_creates_refuses_and_remembers() {
    let (h, _) = demo_harness();
    let root = h._dir.path().to_path_buf();
    let places = places(&root);
    let stats = || invoke(&h, "stats", json!({})).unwrap()["articles"].clone();
    let db_path = || invoke(&h, "app_info", json!({})).unwrap()["db_path"].clone();
    let remembered = || crate::settings::Settings::load(&places.settings_file).archive;
    assert_eq!(stats(), 8);

    // A new, empty archive in a folder of its own, with its daily backups beside it.
    let new = root.join("press").join("جديد.arshif");
    let switched = on_chosen(&h, "pick_archive_to_create", "create_archive", &new).unwrap();
    assert_eq!(
        switched,
        json!({"path": new, "articles": 0, "remembered": true})
    );
    assert_eq!(stats(), 0);
    assert_eq!(remembered(), Some(new.clone()));
    let info = invoke(&h, "app_info", json!({})).unwrap();
    assert_eq!(info["archive_source"], "chosen");
    assert_eq!(
        info["backups_path"],
        root.join("press/backups").display().to_string()
    );
    let hits = invoke(
        &h,
        "search",
        json!({"params": {"query": "الأمن", "facets": true}}),
    )
    .unwrap();
    assert_eq!(hits["total"], 0, "no cache of the old archive answers");

    // Back to the first archive: its articles, tags and saved searches are all there.
    let first = root.join("archive.arshif");
    let switched = on_chosen(&h, "pick_archive_to_open", "open_archive", &first).unwrap();
    assert_eq!(switched["articles"], 8);
    assert_eq!(stats(), 8);
    assert_eq!(remembered(), Some(first.clone()));

    // Refused, each with the first archive still open and nothing created or changed.
    let text = root.join("notes.arshif");
    std::fs::write(&text, "text, not an archive ".repeat(50)).unwrap();
    let newer = root.join("newer.arshif");
    on_chosen(&h, "pick_backup_destination", "backup_archive", &newer).unwrap();
    set_user_version(&newer, arshif_engine::SCHEMA_VERSION + 1);
    let cases = [
        ("open_archive", text.clone(), "not_an_archive"),
        ("open_archive", newer.clone(), "newer_database"),
        ("open_archive", root.join("gone.arshif"), "archive_missing"),
        ("create_archive", text.clone(), "archive_exists"),
    ];
    for (command, path, code) in cases {
        let pick = match command {
            "open_archive" => "pick_archive_to_open",
            _ => "pick_archive_to_create",
        };
        let refused = on_chosen(&h, pick, command, &path).unwrap_err();
        assert_eq!(
            refused["code"],
            code,
            "{command} {}: {refused}",
            path.display()
        );
        assert_eq!(stats(), 8, "{command} {}", path.display());
        assert_eq!(db_path(), first.display().to_string());
    }
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "text, not an archive ".repeat(50)
    );
    assert!(!root.join("gone.arshif").exists());
    assert_eq!(remembered(), Some(first.clone()));

    // Home again: the default archive, remembered as no choice at all.
    let switched = invoke(&h, "open_default_archive", json!({})).unwrap();
    assert_eq!(
        switched["path"],
        places.default_archive.display().to_string()
    );
    assert_eq!(
        invoke(&h, "app_info", json!({})).unwrap()["archive_source"],
        "default"
    );
    assert_eq!(remembered(), None);
}

/// Sets an archive file's schema version, as a newer Arshif would have written it.
fn set_user_version(path: &std::path::Path, version: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    // The header's user_version: four bytes, big-endian, at offset 60.
    bytes[60..64].copy_from_slice(&version.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

/// No switch while an import, an export or a restore runs: the window says why, and the open
/// archive goes on as it was.
#[test]
fn no_switch_while_an_import_or_an_export_runs() {
    let (h, _) = demo_harness();
    let other = h._dir.path().join("other.arshif");
    let state = h._app.state::<crate::state::AppState>();

    let import = state.start_import().expect("the slot is free");
    let refused = on_chosen(&h, "pick_archive_to_create", "create_archive", &other).unwrap_err();
    assert_eq!(refused["code"], "archive_busy");
    drop(import);

    let export = tauri::async_runtime::block_on(state.start_export()).unwrap();
    let refused = on_chosen(&h, "pick_archive_to_create", "create_archive", &other).unwrap_err();
    assert_eq!(refused["code"], "archive_busy");
    assert!(!other.exists(), "nothing created");
    assert_eq!(invoke(&h, "stats", json!({})).unwrap()["articles"], 8);
    drop(export);

    // Once they end, the switch goes through.
    on_chosen(&h, "pick_archive_to_create", "create_archive", &other).unwrap();
    assert_eq!(invoke(&h, "stats", json!({})).unwrap()["articles"], 0);
}

/// A command's arguments around a grant (the second value: an export's selection).
type Arguments = fn(Value, &Value) -> Value;

/// Every command that reads or writes a file the user chose takes a grant, never a path: a path
/// sent in its place, a grant made for another job, one already used, or the old `path`
/// argument is refused, and nothing is read, written or switched to.
#[test]
fn a_path_not_granted_is_refused_by_every_command_that_takes_one() {
    let (h, ids) = demo_harness();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("victim");
    std::fs::write(&target, "someone's file").unwrap();
    let fixture = fixture("txt/sample-article.txt");
    // A real grant, for a job none of these commands does: a new archive.
    let elsewhere = chosen(
        &h,
        "pick_archive_to_create",
        &[out.path().join("new.arshif")],
    );
    let fresh = |purpose_pick: &str, path: &Path| chosen(&h, purpose_pick, &[path.to_path_buf()]);
    let selection = json!({"ids": [ids[0]]});
    // (command, the arguments around a grant, the pick a grant of its own comes from)
    let commands: [(&str, Arguments, &str); 5] = [
        (
            "import_files",
            |g, _| json!({ "grant": g }),
            "pick_import_files",
        ),
        (
            "export_articles",
            |g, selection| json!({"params": {"selection": selection, "format": "json", "grant": g}}),
            "pick_export_destination",
        ),
        (
            "backup_archive",
            |g, _| json!({ "grant": g }),
            "pick_backup_destination",
        ),
        (
            "restore_archive",
            |g, _| json!({ "grant": g }),
            "pick_backup_to_restore",
        ),
        (
            "open_archive",
            |g, _| json!({ "grant": g }),
            "pick_archive_to_open",
        ),
    ];
    let not_granted = |command: &str, arguments: Value| {
        let error = invoke(&h, command, arguments).unwrap_err();
        assert_eq!(error["code"], "not_granted", "{command}: {error}");
    };
    for (command, arguments, pick) in commands {
        let path = if command == "import_files" {
            &fixture
        } else {
            &target
        };
        not_granted(command, arguments(json!(path), &selection));
        not_granted(command, arguments(json!("0123456789abcdef"), &selection));
        not_granted(command, arguments(elsewhere.clone(), &selection));
        // A grant serves once: the second use is refused whatever the first did.
        let chosen_path = match command {
            "import_files" => fixture.clone(),
            _ => out.path().join(format!("{command}.chosen")),
        };
        let grant = fresh(pick, &chosen_path);
        let _ = invoke(&h, command, arguments(grant.clone(), &selection));
        not_granted(command, arguments(grant, &selection));
        // The old shape, a path of the webview's choosing, is no argument any more.
        let old = json!({"path": path, "paths": [path],
                         "params": {"selection": selection, "format": "json", "path": path}});
        assert!(invoke(&h, command, old).is_err(), "{command}");
    }
    not_granted("create_archive", json!({ "grant": json!(target) }));
    // The grant for a new archive was never used by the commands above, and still serves.
    invoke(&h, "create_archive", json!({ "grant": elsewhere })).unwrap();

    assert_eq!(std::fs::read_to_string(&target).unwrap(), "someone's file");
}

/// The pick commands ask the dialog in the window's words with the shell's file types, offer a
/// bare file name, and grant nothing when the user cancels.
#[test]
fn picks_ask_the_shell_s_dialog_and_a_cancel_grants_nothing() {
    let h = harness();
    invoke(&h, "e2e_answer_dialog", json!({ "paths": [] })).unwrap();
    let arguments = json!({"format": "csv", "defaultName": "../../.bashrc",
                           "words": {"title": "احفظ", "filter": "جدول CSV"}});
    let cancelled = invoke(&h, "pick_export_destination", arguments).unwrap();
    assert_eq!(cancelled, Value::Null);
    chosen(&h, "pick_import_files", &[fixture("demo/x.txt")]);
    let asked = invoke(&h, "e2e_dialogs_asked", json!({})).unwrap();
    assert_eq!(
        asked[0],
        json!({"kind": "save", "title": "احفظ", "fileName": ".bashrc",
               "filters": [{"name": "جدول CSV", "extensions": ["csv"]}]})
    );
    assert_eq!(asked[1]["kind"], "open_files");
    assert_eq!(asked[1]["filters"][0]["extensions"][0], "txt");
    assert_eq!(
        asked[1]["filters"][1],
        json!({"name": "كل الملفات", "extensions": ["*"]})
    );
}

/// Files dropped on the window are granted on the Rust side, for one import, and the grant
/// reaches the window as `files-dropped`.
#[test]
fn dropped_files_are_granted_for_one_import() {
    use tauri::Listener;
    let h = harness();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&heard);
    h.webview
        .app_handle()
        .listen_any("files-dropped", move |event| {
            sink.lock().unwrap().push(event.payload().to_string())
        });
    let paths = [fixture("txt/sample-article.txt")];
    crate::picks::dropped(h.webview.app_handle(), &paths);
    let heard = heard.lock().unwrap().clone();
    assert_eq!(heard.len(), 1, "{heard:?}");
    let picked: Value = serde_json::from_str(&heard[0]).unwrap();
    assert_eq!(picked["paths"], json!(paths));
    let grant = json!({ "grant": picked["grant"] });
    assert_eq!(
        invoke(&h, "import_files", grant.clone()).unwrap()["imported"],
        1
    );
    let again = invoke(&h, "import_files", grant).unwrap_err();
    assert_eq!(again["code"], "not_granted");
}
