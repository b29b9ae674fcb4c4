//! Command-level tests: the real command layer over IPC on Tauri's mock runtime (no display).
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
    let dir = tempfile::tempdir().unwrap();
    let app = crate::builder::<tauri::test::MockRuntime>(Some(dir.path().join("archive.arshif")))
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

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn commands_import_list_tag_and_report_errors() {
    let h = harness();
    assert_eq!(
        invoke(&h, "stats", json!({})).unwrap(),
        json!({"articles": 0, "tags": 0, "publications": 0, "original_bytes": 0})
    );

    let report = invoke(
        &h,
        "import_files",
        json!({"paths": [fixture("txt/sample-article.txt"), fixture("bad/photo-renamed.txt")]}),
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
    assert_eq!(tagged.unwrap(), 1);
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
