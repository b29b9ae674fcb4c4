//! End-to-end tests: the real app window, driven through WebDriver under Xvfb.
//! Run with `make e2e` (or `make test`), which provides the display and the drivers.
mod driver;
mod library_at_scale;

/// The search benchmark's article generator, compiled into this test rather than copied (the
/// library-at-scale test builds its archive with it). Only some of its functions are used here.
#[path = "../../crates/bench/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

/// The error type `corpus.rs` expects at its crate's root.
type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

use driver::{fixture, App};
use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::key::Key;
use serde_json::json;

/// The rows of the article list.
const ROWS: &str = "[data-testid=article-list] [data-testid=article-item]";

/// The native file dialogs are invisible to WebDriver, and the shell opens them itself, so the
/// app under test is built with the stand-in dialogs (feature `e2e-dialogs`, turned on by
/// scripts/e2e.sh): the next dialog the shell opens, open or save, answers `paths`. Queued
/// through a command that only that build has.
async fn answer_dialog_with(app: &App, paths: &[std::path::PathBuf]) {
    stand_in(app, "e2e_answer_dialog", json!({ "paths": paths })).await;
}

/// The last dialog the shell opened, as it asked for it: `kind`, `title`, `filters` (name and
/// extensions) and the save dialog's suggested `fileName`.
async fn last_dialog_asked(app: &App) -> serde_json::Value {
    let asked = stand_in(app, "e2e_dialogs_asked", json!({})).await;
    asked
        .as_array()
        .and_then(|a| a.last())
        .cloned()
        .unwrap_or_default()
}

/// Calls one of the stand-in dialogs' commands from the window and returns its answer.
async fn stand_in(app: &App, command: &str, arguments: serde_json::Value) -> serde_json::Value {
    let answer = app
        .client
        .execute_async(
            "const [command, args, done] = arguments;
             window.__TAURI__.core.invoke(command, args).then(
               (value) => done({ value: value ?? null }),
               (error) => done({ error: String(error) }));",
            vec![json!(command), arguments],
        )
        .await
        .expect("reach the window");
    assert!(
        answer["error"].is_null(),
        "{command}: {answer} (an app built without e2e-dialogs?)"
    );
    answer["value"].clone()
}

/// Imports `paths` through the import button and closes the report once it shows `imported`.
async fn import_through_the_dialog(app: &App, paths: &[std::path::PathBuf], imported: &str) {
    import_through(app, "import-button", paths, imported).await;
}

/// A fresh window (its empty state shown) with the eight demo articles imported through the
/// folder dialog.
async fn start_with_the_demo_folder() -> App {
    let app = App::start().await;
    app.find("[data-testid=empty-state]").await;
    import_through(&app, "import-folder-button", &[fixture("demo")], "8").await;
    app
}

/// Clicks `button` (the files or the folder import), answers its dialog with `paths` and closes
/// the report once it shows `imported`.
async fn import_through(app: &App, button: &str, paths: &[std::path::PathBuf], imported: &str) {
    answer_dialog_with(app, paths).await;
    app.click(&format!("[data-testid={button}]")).await;
    app.wait_for_text("[data-testid=report-imported]", imported)
        .await;
    app.click("[data-testid=report-close]").await;
}

/// The sample through the import dialog shows its Arabic title, right to left; a file dropped on
/// the window is imported as well (the shell grants the drop; the test drops it through the
/// stand-in's command, WebDriver cannot drag a file in).
#[tokio::test(flavor = "multi_thread")]
async fn importing_the_sample_shows_its_arabic_title() {
    let app = App::start().await;
    let html = app.find("html").await;
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
    app.find("[data-testid=empty-state]").await;

    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;

    let title = app
        .wait_for_text(
            "[data-testid=article-list] [data-testid=article-title]",
            "زيارة مدير الشرطة",
        )
        .await;
    assert!(title.contains("الإسبانية للرباط"), "{title}");

    let reprint = fixture("reprint/marsum-50-reprint.txt");
    stand_in(&app, "e2e_drop_files", json!({ "paths": [reprint] })).await;
    app.wait_for_text("[data-testid=report-imported]", "1")
        .await;
    app.click("[data-testid=report-close]").await;
    wait_for_count(&app, ROWS, 2).await;
    app.end().await;
}

/// An archivist's loop: search with and without diacritics, open, tag, filter by the tag facet,
/// and switch the interface to French and back (the layout mirrors).
#[tokio::test(flavor = "multi_thread")]
async fn search_open_tag_filter_and_switch_language() {
    let app = App::start().await;
    app.find("[data-testid=empty-state]").await;
    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;

    let search = app.find("[data-testid=search-input]").await;
    for query in ["الاسبانيه اغسطس", "الإسبانيّة"] {
        search.clear().await.unwrap();
        search.send_keys(query).await.unwrap();
        app.wait_for_text(
            "[data-testid=article-list] [data-testid=article-title]",
            "زيارة مدير",
        )
        .await;
        app.wait_for_text("[data-testid=article-list] mark", "الإسبانية")
            .await;
    }
    search.clear().await.unwrap();
    search.send_keys("كلمة-غير-موجودة").await.unwrap();
    app.find("[data-testid=no-results]").await;
    search.clear().await.unwrap();
    search.send_keys("الشرطة").await.unwrap();

    app.click(ROWS).await;
    wait_for_reader(&app, "زيارة مدير الشرطة").await;
    app.type_into("[data-testid=tag-input]", "أمن/تعاون دولي\u{E007}")
        .await;
    app.wait_for_text("[data-testid=tag-chip]", "أمن/تعاون دولي")
        .await;
    // Each chip's label takes its name's direction, so a name cut short is cut at its end.
    app.type_into("[data-testid=tag-input]", "Maroc/Sécurité\u{E007}")
        .await;
    app.wait_for_text("[data-testid=tag-chip]", "Maroc/Sécurité")
        .await;
    let directions = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=tag-chip] .chip-label'),
               (label) => label.textContent + ' ' + getComputedStyle(label).direction);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        directions,
        json!(["Maroc/Sécurité ltr", "أمن/تعاون دولي rtl"]),
        "chip directions"
    );

    app.wait_for_text("[data-testid=facet-panel]", "أمن/تعاون دولي")
        .await;
    app.click("[data-testid=facet-value][data-value='أمن/تعاون دولي']")
        .await;
    let query = app
        .find("[data-testid=search-input]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert!(
        query.unwrap_or_default().contains("أمن/تعاون دولي"),
        "the facet adds a filter"
    );
    app.wait_for_text("[data-testid=result-count]", "").await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=article-title]",
        "زيارة",
    )
    .await;

    app.click("[data-testid=settings-button]").await;
    let language = app.find("[data-testid=language-select]").await;
    language.select_by_value("fr").await.unwrap();
    let html = app.find("html").await;
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("ltr"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("fr"));
    // In French an Arabic facet value sits at the start (left) of its row, in its own direction.
    let gaps = app
        .client
        .execute(
            "const row = document.querySelector('[data-testid=facet-value][data-value=\"أمن/تعاون دولي\"]');
             const name = row.querySelector('.tag-name');
             const text = document.createRange();
             text.selectNodeContents(name);
             const r = row.getBoundingClientRect(), t = text.getBoundingClientRect();
             return [t.left - r.left, r.right - t.right, getComputedStyle(name).direction];",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        gaps[0].as_f64().unwrap() < gaps[1].as_f64().unwrap() && gaps[2] == "rtl",
        "the Arabic facet value is not at the row's start: {gaps}"
    );
    language.select_by_value("ar").await.unwrap();
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    app.end().await;
}

/// Screenshots of the main screens (Arabic and French, light and dark) under Xvfb, written to
/// `target/screenshots/`; `make screenshots` copies them to docs/screenshots/ for the README.
#[tokio::test(flavor = "multi_thread")]
async fn screenshots_of_the_main_screens() {
    // The eight demo articles through the folder dialog, then the sample through the files one.
    let app = start_with_the_demo_folder().await;
    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;
    let search = app.find("[data-testid=search-input]").await;
    search.send_keys("الأمن").await.unwrap();
    // The results (with their highlights) in place of the library, then the sample among them.
    app.find("[data-testid=article-list][data-mode=search] [data-testid=article-item] mark")
        .await;
    open_row_titled(&app, "زيارة مدير الشرطة").await;

    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    for (language, theme) in [
        ("ar", "light"),
        ("ar", "dark"),
        ("fr", "light"),
        ("fr", "dark"),
    ] {
        pick_language_and_theme(&app, language, theme).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let png = app.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(out.join(format!("main-{language}-{theme}.png")), png).unwrap();
    }

    // The reader in the library (no search): the sample article open, with a tag on it.
    pick_language_and_theme(&app, "ar", "light").await;
    search.clear().await.unwrap();
    app.click("[data-testid=all-articles]").await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=article-title]",
        "زيارة مدير الشرطة",
    )
    .await;
    open_row_titled(&app, "زيارة مدير الشرطة").await;
    app.type_into("[data-testid=tag-input]", "أمن/تعاون دولي\u{E007}")
        .await;
    app.wait_for_text("[data-testid=tag-chip]", "أمن/تعاون دولي")
        .await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=row-tag]",
        "أمن/تعاون دولي",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let png = app.client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    std::fs::write(out.join("reader-ar-light.png"), png).unwrap();
    app.end().await;
}

/// The list row of the article `id`.
fn row_with_id(id: &str) -> String {
    format!("[data-testid=article-item][data-id=\"{id}\"]")
}

/// Clicks the list row whose text has `title` and waits for the reader to show it.
async fn open_row_titled(app: &App, title: &str) {
    let id = app
        .client
        .execute(
            "const row = Array.from(document.querySelectorAll('[data-testid=article-item]'))
               .find((row) => row.textContent.includes(arguments[0]));
             return row ? row.getAttribute('data-id') : null;",
            vec![json!(title)],
        )
        .await
        .unwrap();
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("no row titled {title}"));
    app.click(&row_with_id(id)).await;
    wait_for_reader(app, title).await;
}

/// Switches the interface through the settings' language and theme menus.
async fn pick_language_and_theme(app: &App, language: &str, theme: &str) {
    app.client
        .execute(
            "const [language, theme] = arguments;
             const pick = (id, value) => {
               const select = document.querySelector(`[data-testid=${id}]`);
               select.value = value;
               select.dispatchEvent(new Event('change', { bubbles: true }));
             };
             pick('language-select', language);
             pick('theme-select', theme);",
            vec![json!(language), json!(theme)],
        )
        .await
        .unwrap();
    // The bundled fonts load when first used (font-display: swap): wait for them, so no
    // screenshot catches the fallback face (callers still wait for the repaint).
    app.client
        .execute_async(
            "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done());",
            vec![],
        )
        .await
        .unwrap();
}

/// Starts the export in the open export dialog, the (stood-in) save dialog answering `path`.
async fn export_to(app: &App, path: &std::path::Path) {
    answer_dialog_with(app, &[path.to_path_buf()]).await;
    app.click("[data-testid=export-confirm]").await;
}

/// A real Ctrl+click: the key held down through the pointer's press and release.
async fn ctrl_click(app: &App, element: &fantoccini::elements::Element) {
    click_with(app, Key::Control, element).await;
}

/// A click with `modifier` (Control, Shift) held down through the press and release.
async fn click_with(app: &App, modifier: Key, element: &fantoccini::elements::Element) {
    press(app, Some(modifier), element, std::time::Duration::ZERO).await;
}

/// Presses the pointer on `element`, holds it for `hold`, and releases it, with `modifier`
/// (if any) held down from before the press to after the release.
async fn press(
    app: &App,
    modifier: Option<Key>,
    element: &fantoccini::elements::Element,
    hold: std::time::Duration,
) {
    let pause = std::time::Duration::from_millis(20);
    // One tick each: move, press, hold, release, with a pause either side for the key.
    let mouse = MouseActions::new("mouse".into())
        .pause(pause)
        .then(PointerAction::MoveToElement {
            element: element.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .pause(hold)
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .pause(pause);
    let actions = match modifier {
        Some(modifier) => {
            let modifier = char::from(modifier);
            let keys = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: modifier })
                .pause(pause)
                .pause(pause)
                .pause(hold)
                .pause(pause)
                .then(KeyAction::Up { value: modifier });
            fantoccini::actions::Actions::from(keys).and(mouse)
        }
        None => fantoccini::actions::Actions::from(mouse),
    };
    app.client
        .perform_actions(actions)
        .await
        .expect("a press and release");
    app.client
        .release_actions()
        .await
        .expect("release the keys");
}

/// How many rows of the article list are selected.
async fn selected_rows(app: &App) -> usize {
    app.find_all("[data-testid=article-list] [aria-selected=true]")
        .await
        .len()
}

/// Multi-select and export: click one article, Ctrl+click a second, export the two as JSON
/// through the export dialog and the (stood-in) save dialog, and read the file back.
#[tokio::test(flavor = "multi_thread")]
async fn select_two_articles_and_export_them_as_json() {
    let app = start_with_the_demo_folder().await;

    let rows = app.find_all(ROWS).await;
    assert_eq!(rows.len(), 8);
    rows[0].click().await.unwrap();
    wait_for_reader(&app, "").await;
    ctrl_click(&app, &rows[2]).await;
    app.wait_for_text("[data-testid=bulk-count]", "مقالان محددان")
        .await;
    let selected = app
        .find_all("[data-testid=article-list] [aria-selected=true]")
        .await;
    assert_eq!(selected.len(), 2);
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        for row in &selected {
            ids.push(row.attr("data-id").await.unwrap().unwrap().parse().unwrap());
        }
        ids
    };

    app.click("[data-testid=bulk-export]").await;
    app.find("[data-testid=export-dialog][open]").await;
    assert_eq!(
        app.find("[data-testid=export-scope-selected]")
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref(),
        Some("true"),
        "two selected articles are what the dialog exports first"
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    // Past the dialog's fade-in.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let png = app.client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    std::fs::write(out.join("export-dialog-ar-light.png"), png).unwrap();
    // The same dialog in the dark theme (the settings' theme menu, as the screenshot test does).
    app.client
        .execute(
            "const select = document.querySelector('[data-testid=theme-select]');
             select.value = 'dark';
             select.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    std::fs::write(
        out.join("export-dialog-ar-dark.png"),
        app.client.screenshot().await.unwrap(),
    )
    .unwrap();
    // And in French, mirrored left to right; then back to Arabic for the rest of the test.
    for language in ["fr", "ar"] {
        app.client
            .execute(
                "const select = document.querySelector('[data-testid=language-select]');
                 select.value = arguments[0];
                 select.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![json!(language)],
            )
            .await
            .unwrap();
        if language == "fr" {
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            std::fs::write(
                out.join("export-dialog-fr-dark.png"),
                app.client.screenshot().await.unwrap(),
            )
            .unwrap();
        }
    }

    app.click("[data-testid=export-format-json]").await;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("مقالان.json");
    export_to(&app, &path).await;
    app.wait_for_text("[data-testid=notice]", "مقالان.json")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let png = app.client.screenshot().await.unwrap();
    std::fs::write(out.join("selection-ar-light.png"), png).unwrap();

    let asked = last_dialog_asked(&app).await;
    assert_eq!(asked["kind"], "save", "{asked}");
    let default_name = asked["fileName"].as_str().unwrap_or_default();
    assert!(
        default_name.starts_with("أرشيف - مقالات محددة - ") && default_name.ends_with(".json"),
        "{asked}"
    );
    assert_eq!(asked["filters"][0]["extensions"], json!(["json"]));

    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("the export exists")).unwrap();
    assert_eq!(export["schema"], "arshif/1");
    assert_eq!(export["count"], 2);
    let mut exported: Vec<i64> = export["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    exported.sort_unstable();
    let mut expected = ids;
    expected.sort_unstable();
    assert_eq!(exported, expected);
    app.end().await;
}

/// Stopping an export from the window: while it runs the dialog's Cancel button reads "stop the
/// export" and has the focus, Escape stops it, and the dialog closes on a notice that says no
/// file was written. An export of eight articles ends before anyone could press a key, so the
/// window's `export_articles` call is held (it never reaches the backend) until the window asks
/// `cancel_export`, which answers it as the backend does, with the code `cancelled`. That the
/// backend itself stops and leaves no file is the command tests' and the engine's to check.
#[tokio::test(flavor = "multi_thread")]
async fn escape_stops_a_running_export_and_says_so() {
    let app = start_with_the_demo_folder().await;
    app.client
        .execute(
            "const tauri = window.__TAURI__;
             const real = tauri.core;
             window.__exportCalls = [];
             tauri.core = { ...real, invoke: (command, args) => {
               if (command === 'export_articles') {
                 window.__exportCalls.push(command);
                 return new Promise((_, reject) => { window.__answerExport = reject; });
               }
               if (command === 'cancel_export') {
                 window.__exportCalls.push(command);
                 window.__answerExport({ code: 'cancelled', message: 'cancelled' });
                 return Promise.resolve(true);
               }
               return real.invoke(command, args);
             } };",
            vec![],
        )
        .await
        .expect("hold the export");
    app.click("[data-testid=export-button]").await;
    app.find("[data-testid=export-dialog][open]").await;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("لن-يكتب.pdf");
    export_to(&app, &path).await;
    app.wait_for_text("[data-testid=export-cancel]", "إيقاف التصدير")
        .await;
    let focused = app.client.active_element().await.unwrap();
    assert_eq!(
        focused.attr("data-testid").await.unwrap().as_deref(),
        Some("export-cancel"),
        "the keyboard stays on the button that stops the export"
    );
    focused.send_keys("\u{E00C}").await.unwrap();
    app.wait_for_text("[data-testid=notice]", "أُلغي التصدير ولم يُكتب أي ملف.")
        .await;
    let state = app
        .client
        .execute(
            "return { calls: window.__exportCalls,
                      open: document.querySelector('[data-testid=export-dialog]').open,
                      error: document.querySelector('[data-testid=export-error]').hidden };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        state,
        json!({"calls": ["export_articles", "cancel_export"], "open": false, "error": true})
    );
    assert!(!path.exists());
    app.end().await;
}

/// A reprint in the reader: the demo folder, then a lightly edited reprint of one of its
/// articles. Each of the two lists the other under "possible copies"; the title opens it, and
/// "compare" opens the side-by-side comparison, where keeping both empties both lists.
#[tokio::test(flavor = "multi_thread")]
async fn the_reader_links_an_article_to_its_reprint() {
    let app = start_with_the_demo_folder().await;
    import_through_the_dialog(&app, &[fixture("reprint/marsum-50-reprint.txt")], "1").await;
    // The two rows under the same headline, in list order.
    let ids = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=article-list] [data-testid=article-item]'))
               .filter(row => row.textContent.includes('أمكراز: سدينا'))
               .map(row => row.getAttribute('data-id'));",
            vec![],
        )
        .await
        .unwrap();
    let ids: Vec<String> = serde_json::from_value(ids).unwrap();
    assert_eq!(ids.len(), 2, "the article and its reprint: {ids:?}");
    app.click(&row_with_id(&ids[0])).await;
    wait_for_reader(&app, "").await;
    app.wait_for_text(
        "[data-testid=reader-duplicates]",
        "نسخ محتملة من هذا المقال",
    )
    .await;
    let listed = app.find_all("[data-testid=reader-duplicate]").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].attr("data-id").await.unwrap().as_deref(),
        Some(ids[1].as_str())
    );
    app.wait_for_text("[data-testid=reader-duplicate]", "تشابه")
        .await;

    // The title opens the other article, which lists the first one.
    app.click("[data-testid=reader-duplicate-open]").await;
    app.find(&format!(
        "[data-testid=reader] article[data-id=\"{}\"]",
        ids[1]
    ))
    .await;
    app.find(&format!(
        "[data-testid=reader-duplicate][data-id=\"{}\"]",
        ids[0]
    ))
    .await;

    // Compare: the two side by side; keeping both clears the reader's list.
    app.click("[data-testid=reader-duplicate-compare]").await;
    app.find("[data-testid=duplicates-dialog][open]").await;
    app.wait_for_text("[data-testid=duplicates-keep-both]", "الاحتفاظ بالاثنين")
        .await;
    let columns = app.find_all("[data-testid=duplicates-column]").await;
    assert_eq!(columns.len(), 2);
    // The dialog is on screen, not only open: it once sat inside a closed dialog.
    let outside = app
        .client
        .execute(
            "return document.querySelector('[data-testid=duplicates-dialog]').parentElement.tagName;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outside, "BODY");
    app.click("[data-testid=duplicates-keep-both]").await;
    app.find("[data-testid=reader-duplicates][hidden]").await;
    app.end().await;
}

/// Backups in settings: back up through the (stood-in) save dialog, check the archive, delete
/// an article, restore the backup through the open dialog and its confirmation, and see the
/// article back in the list.
#[tokio::test(flavor = "multi_thread")]
async fn back_up_check_and_restore_from_settings() {
    let app = App::start().await;
    app.find("[data-testid=empty-state]").await;
    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;

    app.click("[data-testid=settings-button]").await;
    app.wait_for_text("[data-testid=backup-auto]", "7").await;
    let folder = tempfile::tempdir().unwrap();
    let backup = folder.path().join("نسخة.arshif");
    answer_dialog_with(&app, std::slice::from_ref(&backup)).await;
    app.click("[data-testid=backup-now]").await;
    app.wait_for_text("[data-testid=backup-result]", "نسخة.arshif")
        .await;
    assert!(backup.is_file(), "the backup exists");
    let asked = last_dialog_asked(&app).await;
    let default_name = asked["fileName"].as_str().unwrap_or_default();
    assert!(
        default_name.starts_with("أرشيف-نسخة-احتياطية-") && default_name.ends_with(".arshif"),
        "{asked}"
    );

    app.click("[data-testid=archive-check]").await;
    app.wait_for_text("[data-testid=backup-result]", "الأرشيف سليم")
        .await;
    save_settled_screenshot(&app, "settings-backups-ar-light.png").await;
    app.click("[data-testid=settings-close]").await;

    // Delete the article, then bring it back from the backup.
    app.click("[data-testid=delete-button]").await;
    app.click("[data-testid=confirm-accept]").await;
    app.find("[data-testid=empty-state]:not([hidden])").await;

    app.click("[data-testid=settings-button]").await;
    answer_dialog_with(&app, std::slice::from_ref(&backup)).await;
    app.click("[data-testid=backup-restore]").await;
    app.wait_for_text("[data-testid=confirm-dialog][open]", "before-restore")
        .await;
    app.click("[data-testid=confirm-accept]").await;
    app.wait_for_text("[data-testid=backup-result]", "استُرجعت")
        .await;
    app.click("[data-testid=settings-close]").await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=article-title]",
        "زيارة مدير الشرطة",
    )
    .await;
    app.end().await;
}

/// Waits past the dialog's transitions, then writes a screenshot to `target/screenshots/name`.
async fn save_settled_screenshot(app: &App, name: &str) {
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let png = app.client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    std::fs::write(out.join(name), png).unwrap();
}

/// The archive's place in settings: a new archive through the (stood-in) save dialog empties the
/// window without a restart, a file that is not an archive is refused with the current archive
/// kept, and the first archive opens again through the open dialog with its article.
#[tokio::test(flavor = "multi_thread")]
async fn switch_archives_from_settings() {
    let app = App::start().await;
    app.find("[data-testid=empty-state]").await;
    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;

    app.click("[data-testid=settings-button]").await;
    let first = app
        .wait_for_text("[data-testid=archive-location]", "archive.arshif")
        .await;
    app.wait_for_text("[data-testid=archive-source]", "ARSHIF_DB")
        .await;
    let folder = tempfile::tempdir().unwrap();
    let new = folder.path().join("صحف.arshif");
    answer_dialog_with(&app, std::slice::from_ref(&new)).await;
    app.click("[data-testid=archive-new]").await;
    app.wait_for_text("[data-testid=archive-result]", "صحف.arshif")
        .await;
    assert!(new.is_file(), "the new archive exists");
    app.wait_for_text("[data-testid=archive-location]", "صحف.arshif")
        .await;
    app.wait_for_text("[data-testid=archive-source]", "اخترته هنا")
        .await;
    app.click("[data-testid=settings-close]").await;
    app.find("[data-testid=empty-state]:not([hidden])").await;

    app.click("[data-testid=settings-button]").await;
    let text = folder.path().join("notes.arshif");
    std::fs::write(&text, "notes, not an archive ".repeat(40)).unwrap();
    answer_dialog_with(&app, std::slice::from_ref(&text)).await;
    app.click("[data-testid=archive-open]").await;
    app.wait_for_text("[data-testid=archive-result]", "ليس أرشيفًا")
        .await;
    app.wait_for_text("[data-testid=archive-location]", "صحف.arshif")
        .await;

    answer_dialog_with(&app, &[std::path::PathBuf::from(first.trim())]).await;
    app.click("[data-testid=archive-open]").await;
    app.wait_for_text("[data-testid=archive-result]", "archive.arshif")
        .await;
    save_settled_screenshot(&app, "settings-archive-ar-light.png").await;
    app.click("[data-testid=settings-close]").await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=article-title]",
        "زيارة مدير الشرطة",
    )
    .await;
    app.end().await;
}

/// Shift+click and Shift+arrow select ranges, Ctrl+A every row; the bulk bar tags the selection
/// and deletes it after a confirmation that names the count.
#[tokio::test(flavor = "multi_thread")]
async fn ranges_select_all_bulk_tag_and_bulk_delete() {
    let app = start_with_the_demo_folder().await;
    let rows = app.find_all(ROWS).await;
    rows[0].click().await.unwrap();
    click_with(&app, Key::Shift, &rows[2]).await;
    app.wait_for_text("[data-testid=bulk-count]", "3 مقالات محددة")
        .await;
    assert_eq!(selected_rows(&app).await, 3);
    // Shift+↓ from the active row (the third) grows the range to four.
    let list = app.find("[data-testid=article-list]").await;
    list.send_keys(&format!(
        "{}{}",
        char::from(Key::Shift),
        char::from(Key::Down)
    ))
    .await
    .unwrap();
    app.wait_for_text("[data-testid=bulk-count]", "4 مقالات محددة")
        .await;

    app.click("[data-testid=bulk-tag]").await;
    app.type_into("[data-testid=bulk-tag-name]", "مختارات\u{E007}")
        .await;
    app.wait_for_text("[data-testid=notice]", "مختارات").await;
    let tagged = app
        .find_all("[data-testid=article-list] [data-testid=row-tag]")
        .await;
    assert_eq!(tagged.len(), 4);
    app.wait_for_text("[data-testid=tag-list]", "مختارات").await;

    // Remove tag… takes the same tag off the same four.
    app.click("[data-testid=bulk-untag]").await;
    app.wait_for_text("[data-testid=bulk-tag-dialog]", "إزالة الوسم")
        .await;
    app.type_into("[data-testid=bulk-tag-name]", "مختارات\u{E007}")
        .await;
    app.wait_for_text("[data-testid=notice]", "أُزيل الوسم مختارات")
        .await;
    let left = app
        .find_all("[data-testid=article-list] [data-testid=row-tag]")
        .await;
    assert_eq!(left.len(), 0);

    // Ctrl+A selects every row; the delete confirmation names the count.
    list.send_keys(&format!("{}a", char::from(Key::Control)))
        .await
        .unwrap();
    app.wait_for_text("[data-testid=bulk-count]", "8 مقالات محددة")
        .await;
    app.click("[data-testid=bulk-delete]").await;
    app.wait_for_text(
        "[data-testid=confirm-dialog][open]",
        "حذف المقالات المحددة (8 مقالات)؟",
    )
    .await;
    app.click("[data-testid=confirm-accept]").await;
    app.find("[data-testid=empty-state]:not([hidden])").await;
    app.wait_for_text("[data-testid=stat-articles]", "0").await;
    app.end().await;
}

/// A click on a row lands even when the list draws itself again between the press and the
/// release, as it does when a page of rows arrives or the bulk bar shows and resizes it: rows
/// that stay are never taken out of the document, which would make WebKit drop the click.
#[tokio::test(flavor = "multi_thread")]
async fn a_row_click_survives_a_redraw_between_press_and_release() {
    let app = start_with_the_demo_folder().await;
    // The import scrolled to the article it opened: back to the top, where the pointer can
    // reach the first rows. Then every press on the list asks it to draw its window again (at
    // the next frame, well before the release below).
    app.client
        .execute(
            "const scroller = document.querySelector('.list-scroll');
             scroller.scrollTop = 0;
             document.querySelector('[data-testid=article-list]').addEventListener('mousedown',
               () => scroller.dispatchEvent(new Event('scroll')), true);",
            vec![],
        )
        .await
        .unwrap();
    let hold = std::time::Duration::from_millis(150);
    let rows = app.find_all(ROWS).await;
    press(&app, None, &rows[1], hold).await;
    app.find("[data-testid=article-item][data-position=\"1\"][aria-selected=true]")
        .await;
    wait_for_reader(&app, "").await;
    press(&app, Some(Key::Shift), &rows[3], hold).await;
    app.wait_for_text("[data-testid=bulk-count]", "3 مقالات محددة")
        .await;
    assert_eq!(selected_rows(&app).await, 3);
    app.end().await;
}

/// Waits until the reader shows the article titled `title`.
async fn wait_for_reader(app: &App, title: &str) {
    app.wait_for_text("[data-testid=reader-title]", title).await;
    // Opening the article already shown refreshes it in place: wait for that too, or the next
    // step may act on a part of the reader that is about to be drawn again.
    app.find("[data-testid=reader]:not([aria-busy])").await;
}

/// The horizontal arrows open the next and previous article in reading direction (in Arabic
/// ← is forward, in French →), from the list and from the reader; the reader's text size is
/// a setting that outlives a reload.
#[tokio::test(flavor = "multi_thread")]
async fn arrows_follow_reading_direction_and_text_size_persists() {
    let app = start_with_the_demo_folder().await;
    let rows = app
        .find_all("[data-testid=article-list] [data-testid=article-title]")
        .await;
    let mut titles = Vec::new();
    for row in &rows[..3] {
        titles.push(
            app.client
                .execute("return arguments[0].textContent", vec![json!(row)])
                .await
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    rows[0].click().await.unwrap();
    wait_for_reader(&app, &titles[0]).await;
    let list = app.find("[data-testid=article-list]").await;
    list.send_keys(&char::from(Key::Left).to_string())
        .await
        .unwrap();
    wait_for_reader(&app, &titles[1]).await;
    // From the reader itself: → goes back in Arabic.
    let reader = app.find("[data-testid=reader]").await;
    reader
        .send_keys(&char::from(Key::Right).to_string())
        .await
        .unwrap();
    wait_for_reader(&app, &titles[0]).await;

    // Left to right in French: → is forward.
    pick_language_and_theme(&app, "fr", "light").await;
    list.send_keys(&char::from(Key::Right).to_string())
        .await
        .unwrap();
    wait_for_reader(&app, &titles[1]).await;

    app.click("[data-testid=text-larger]").await;
    app.find("[data-testid=reader][data-text-size=l]").await;
    app.client.refresh().await.unwrap();
    app.find("[data-testid=reader][data-text-size=l]").await;
    app.end().await;
}

/// Tag suggestions come from the engine's normal form ("ميزانيه" offers "ميزانية"); the reader's
/// edit form saves title and tags together, asks before unsaved changes are left behind, and the
/// new title is in the list and found by a search at once.
#[tokio::test(flavor = "multi_thread")]
async fn edit_an_article_in_the_reader_with_suggested_tags() {
    let app = start_with_the_demo_folder().await;
    // The list draws its rows again after each change: find them afresh for every click.
    let click_row = |n: usize| {
        let app = &app;
        async move {
            let rows = app.find_all(ROWS).await;
            rows[n].click().await.unwrap();
        }
    };
    click_row(0).await;
    wait_for_reader(&app, "").await;
    app.type_into("[data-testid=tag-input]", "ميزانية\u{E007}")
        .await;
    app.wait_for_text("[data-testid=reader-tags]", "ميزانية")
        .await;

    // Another article: typing the other spelling offers the tag; ↓ and Enter take it.
    let shown_id = || async {
        app.client
            .execute(
                "const a = document.querySelector('.reader-article'); return a ? a.dataset.id : '';",
                vec![],
            )
            .await
            .unwrap()
    };
    let first = shown_id().await;
    click_row(1).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while shown_id().await == first {
        assert!(
            std::time::Instant::now() < deadline,
            "the second article never opened"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let tags = app.find("[data-testid=reader-tags]").await;
    assert!(!tags.text().await.unwrap().contains("ميزانية"));
    app.type_into("[data-testid=tag-input]", "ميزانيه").await;
    app.wait_for_text("[data-testid=tag-options]", "ميزانية")
        .await;
    app.find("[data-testid=tag-input][aria-expanded=true]")
        .await;
    app.type_into(
        "[data-testid=tag-input]",
        &format!("{}{}", char::from(Key::Down), char::from(Key::Enter)),
    )
    .await;
    app.wait_for_text("[data-testid=reader-tags]", "ميزانية")
        .await;

    // E opens the form; leaving the article with a change asks first.
    app.type_into("[data-testid=reader]", "e").await;
    app.retype("[data-testid=edit-title]", "مقال زنجبيلي معدل")
        .await;
    // The open form follows a language change and keeps what was typed.
    pick_language_and_theme(&app, "fr", "light").await;
    app.wait_for_text("[data-testid=edit-save]", "Enregistrer")
        .await;
    app.wait_for_text("[data-testid=edit-form] label[for=edit-title]", "Titre")
        .await;
    let placeholder = app
        .find("[data-testid=edit-tag]")
        .await
        .attr("placeholder")
        .await
        .unwrap();
    assert_eq!(
        placeholder.as_deref(),
        Some("Nouvelle étiquette, puis Entrée")
    );
    let typed = app
        .find("[data-testid=edit-title]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(typed.as_deref(), Some("مقال زنجبيلي معدل"));
    pick_language_and_theme(&app, "ar", "light").await;
    app.wait_for_text("[data-testid=edit-save]", "حفظ").await;
    click_row(2).await;
    app.wait_for_text("[data-testid=confirm-dialog][open]", "تجاهل التعديلات")
        .await;
    // Focus starts on the safe button; Escape answers as it does (keep editing).
    app.find("[data-testid=confirm-cancel]:focus").await;
    app.type_into(
        "[data-testid=confirm-cancel]",
        &char::from(Key::Escape).to_string(),
    )
    .await;
    app.find("[data-testid=confirm-dialog]:not([open])").await;
    app.find("[data-testid=edit-form]").await;
    // Ctrl+Enter saves.
    app.type_into(
        "[data-testid=edit-title]",
        &format!("{}{}", char::from(Key::Control), char::from(Key::Enter)),
    )
    .await;
    wait_for_reader(&app, "مقال زنجبيلي معدل").await;
    app.find("[data-testid=meta-modified]").await;
    app.wait_for_text("[data-testid=article-list]", "مقال زنجبيلي معدل")
        .await;
    app.wait_for_text("[data-testid=reader-tags]", "ميزانية")
        .await;
    let search = app.find("[data-testid=search-input]").await;
    search.send_keys("زنجبيلي\u{E007}").await.unwrap();
    app.wait_for_text("[data-testid=result-count]", "نتيجة واحدة")
        .await;
    app.wait_for_text("[data-testid=article-list]", "مقال زنجبيلي معدل")
        .await;
    app.end().await;
}

/// A saved page that tries to run script every way a page can, some of it aimed at the app's
/// IPC (deleting articles), is imported and read: nothing runs, nothing is deleted, and the
/// page's markup never becomes elements in the window (docs/SECURITY.md).
#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_page_cannot_run_script_or_reach_the_ipc() {
    let app = start_with_the_demo_folder().await;
    import_through_the_dialog(&app, &[fixture("hostile/hostile-markup.html")], "1").await;

    let search = app.find("[data-testid=search-input]").await;
    search.send_keys("الحدود").await.unwrap();
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=article-title]",
        "تقرير عاجل عن الحدود",
    )
    .await;
    app.click(ROWS).await;
    wait_for_reader(&app, "تقرير عاجل عن الحدود").await;
    app.wait_for_text("[data-testid=reader-body]", "نقاط تفتيش إضافية")
        .await;

    // Give any handler that might have been attached a moment to fire.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let verdict = app
        .client
        .execute(
            "const planted = 'script:not([type=module]):not([src]), img[onerror], [onload], '
               + '[onmouseover], iframe, svg[onload], a[href^=\"javascript:\"]';
             return {
               pwned: typeof window.__arshifPwned === 'undefined' ? null : window.__arshifPwned,
               planted: document.querySelectorAll(planted).length,
             };",
            vec![],
        )
        .await
        .expect("read the window's state");
    assert_eq!(verdict["pwned"], serde_json::Value::Null, "{verdict}");
    assert_eq!(verdict["planted"], 0, "{verdict}");

    // The IPC calls in the page never ran: the eight demo articles are all still there.
    search.clear().await.unwrap();
    app.click("[data-testid=all-articles]").await;
    let count = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('stats').then((s) => done(s.articles));",
            vec![],
        )
        .await
        .expect("ask for the article count");
    assert_eq!(count, serde_json::json!(9));
    app.end().await;
}

/// Waits until exactly `n` elements match `css`.
async fn wait_for_count(app: &App, css: &str, n: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let found = app.find_all(css).await.len();
        if found == n {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css}: {found} elements, not {n}; the page: {}",
            app.page_text().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Selects rows `from..=to` of the list and tags them with `tag` through the bulk bar.
async fn bulk_tag_rows(app: &App, from: usize, to: usize, tag: &str) {
    let rows = app.find_all(ROWS).await;
    rows[from].click().await.unwrap();
    click_with(app, Key::Shift, &rows[to]).await;
    // The range is selected once the bulk bar shows (Shift+click may fetch rows first).
    app.find("[data-testid=bulk-bar]:not([hidden])").await;
    assert_eq!(selected_rows(app).await, to - from + 1);
    app.click("[data-testid=bulk-tag]").await;
    app.type_into("[data-testid=bulk-tag-name]", &format!("{tag}\u{E007}"))
        .await;
    app.wait_for_text("[data-testid=notice]", tag).await;
}

/// Clicks `css` inside the tag manager. The tree and the dialog's body scroll on their own
/// (WebKitWebDriver does not scroll them for a click), and the tree is drawn again after every
/// change: bring the element into view, then click it as it is now.
async fn click_in_tag_manager(app: &App, css: &str) {
    app.find(css).await;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![json!(css)],
        )
        .await
        .unwrap();
    app.click(css).await;
}

/// Selects the tag `name` in the tag manager's tree.
async fn pick_in_tag_manager(app: &App, name: &str) {
    click_in_tag_manager(app, &format!("[data-testid=tag-node][data-tag=\"{name}\"]")).await;
    app.wait_for_text("[data-testid=tag-editor]", name).await;
}

/// The tag manager, opened with T: the filter matches after Arabic normalization, a rename
/// moves a tag under a new parent (which shows its total), a colour shows in the sidebar and on
/// list rows, a merge (confirmed with its count) joins two tags and carries the sub-tags, a
/// parent's sidebar figure counts its sub-tags' articles, a created tag appears with no
/// articles, a delete (confirmed with its count) takes the tag off its articles and leaves its
/// sub-tags, and the settings open the manager too.
#[tokio::test(flavor = "multi_thread")]
async fn the_tag_manager_renames_colours_merges_creates_and_deletes() {
    let app = start_with_the_demo_folder().await;
    bulk_tag_rows(&app, 0, 1, "أمن").await;
    bulk_tag_rows(&app, 2, 3, "اقتصاد").await;
    bulk_tag_rows(&app, 3, 5, "اقتصاد/محلي").await;
    wait_for_count(&app, "[data-testid=sidebar-tag]", 3).await;
    // "اقتصاد" stands for the articles of its subtree, each once (rows 2 to 5), as its
    // search lists them.
    app.wait_for_text(
        "[data-testid=sidebar-tag][data-tag=\"اقتصاد\"] .tag-count",
        "4",
    )
    .await;

    // T (ف on an Arabic layout) opens the manager from the list.
    app.type_into("[data-testid=article-list]", "t").await;
    wait_for_count(&app, "[data-testid=tag-node]", 3).await;
    // Without the hamza, as archivists often type: the engine's normalization finds "أمن".
    app.type_into("[data-testid=tag-filter]", "امن").await;
    wait_for_count(&app, "[data-testid=tag-node]", 1).await;
    app.retype("[data-testid=tag-filter]", " ").await;
    wait_for_count(&app, "[data-testid=tag-node]", 3).await;

    // Rename by path: "أمن" moves under "سياسة", a parent that is no tag of its own but shows
    // the articles below it.
    pick_in_tag_manager(&app, "أمن").await;
    app.retype("[data-testid=tag-rename-input]", "سياسة/أمن\u{E007}")
        .await;
    app.wait_for_text("[data-testid=notice]", "سياسة/أمن").await;
    app.wait_for_text("[data-testid=tag-tree] .tag-node-path .tag-count", "2")
        .await;
    app.wait_for_text("[data-testid=tag-list]", "سياسة/").await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=row-tag]",
        "سياسة/أمن",
    )
    .await;

    // A colour from the palette reaches the sidebar's swatch and the rows' chips.
    click_in_tag_manager(&app, "[data-testid=tag-colour-red]").await;
    app.find("[data-testid=sidebar-tag][data-tag=\"سياسة/أمن\"] .tag-swatch[data-colour=red]")
        .await;
    wait_for_count(&app, "[data-testid=row-tag][data-colour=red]", 2).await;

    // Merge "اقتصاد" into "سياسة/أمن", confirmed with how many articles carry it; its sub-tag
    // moves along to "سياسة/أمن/محلي".
    pick_in_tag_manager(&app, "اقتصاد").await;
    app.choose("[data-testid=tag-merge-into]", "سياسة/أمن")
        .await;
    click_in_tag_manager(&app, "[data-testid=tag-merge]").await;
    app.wait_for_text("[data-testid=confirm-dialog][open]", "مقالان")
        .await;
    app.click("[data-testid=confirm-accept]").await;
    app.wait_for_text("[data-testid=notice]", "دُمج").await;
    wait_for_count(&app, "[data-testid=sidebar-tag]", 2).await;
    app.find("[data-testid=sidebar-tag][data-tag=\"سياسة/أمن/محلي\"]")
        .await;
    app.wait_for_text(
        "[data-testid=sidebar-tag][data-tag=\"سياسة/أمن\"] .tag-count",
        "6",
    )
    .await;
    wait_for_count(&app, "[data-testid=row-tag][data-colour=red]", 4).await;
    app.wait_for_text(
        "[data-testid=article-list] [data-testid=row-tag]:not([data-colour=red])",
        "سياسة/أمن/محلي",
    )
    .await;

    // A new tag exists before any article carries it.
    app.type_into("[data-testid=tag-new-name]", "أرشيف\u{E007}")
        .await;
    wait_for_count(&app, "[data-testid=sidebar-tag]", 3).await;
    app.wait_for_text("[data-testid=sidebar-tag][data-tag=\"أرشيف\"]", "0")
        .await;

    // Delete, confirmed with the count of articles it comes off (its own, not its sub-tag's);
    // the articles stay, and so does the sub-tag.
    pick_in_tag_manager(&app, "سياسة/أمن").await;
    click_in_tag_manager(&app, "[data-testid=tag-delete]").await;
    app.wait_for_text("[data-testid=confirm-dialog][open]", "4 مقالات")
        .await;
    app.click("[data-testid=confirm-accept]").await;
    app.wait_for_text("[data-testid=notice]", "حُذف الوسم").await;
    wait_for_count(&app, "[data-testid=sidebar-tag]", 2).await;
    wait_for_count(&app, "[data-testid=article-list] [data-testid=row-tag]", 3).await;
    app.wait_for_text("[data-testid=stat-articles]", "8").await;
    // Escape closes the manager, as every dialog of the app.
    app.type_into(
        "[data-testid=tag-new-name]",
        &char::from(Key::Escape).to_string(),
    )
    .await;
    app.find("[data-testid=tag-manager]:not([open])").await;

    // The settings lead to the manager too, in place of themselves.
    app.click("[data-testid=settings-button]").await;
    app.click("[data-testid=settings-manage-tags]").await;
    app.find("[data-testid=tag-manager][open]").await;
    app.find("[data-testid=settings-dialog]:not([open])").await;
    app.end().await;
}
