//! End-to-end tests: the real app window, driven through WebDriver under Xvfb.
//! Run with `make e2e` (or `make test`), which provides the display and the drivers.
mod driver;

use driver::{fixture, App};
use serde_json::json;

/// The native file dialog is invisible to WebDriver, so the test stands in for it: the import
/// button looks up `window.__TAURI__.dialog.open` when clicked, and gets the fixture's path.
async fn answer_open_dialog_with(app: &App, paths: &[std::path::PathBuf]) {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    app.client
        .execute(
            "const paths = arguments[0]; window.__TAURI__.dialog.open = async () => paths;",
            vec![json!(paths)],
        )
        .await
        .expect("replace the dialog");
}

/// Imports `paths` through the import button and closes the report once it shows `imported`.
async fn import_through_the_dialog(app: &App, paths: &[std::path::PathBuf], imported: &str) {
    import_through(app, "import-button", paths, imported).await;
}

/// Clicks `button` (the files or the folder import), answers its dialog with `paths` and closes
/// the report once it shows `imported`.
async fn import_through(app: &App, button: &str, paths: &[std::path::PathBuf], imported: &str) {
    answer_open_dialog_with(app, paths).await;
    app.find(&format!("[data-testid={button}]"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("[data-testid=report-imported]", imported)
        .await;
    app.find("[data-testid=report-close]")
        .await
        .click()
        .await
        .unwrap();
}

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

    app.find("[data-testid=article-list] [data-testid=article-item]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("[data-testid=reader-title]", "زيارة مدير الشرطة")
        .await;
    let tag_input = app.find("[data-testid=tag-input]").await;
    tag_input.send_keys("أمن/تعاون دولي\u{E007}").await.unwrap();
    app.wait_for_text("[data-testid=tag-chip]", "أمن/تعاون دولي")
        .await;

    app.wait_for_text("[data-testid=facet-panel]", "أمن/تعاون دولي")
        .await;
    app.find("[data-testid=facet-value][data-value='أمن/تعاون دولي']")
        .await
        .click()
        .await
        .unwrap();
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

    app.find("[data-testid=settings-button]")
        .await
        .click()
        .await
        .unwrap();
    let language = app.find("[data-testid=language-select]").await;
    language.select_by_value("fr").await.unwrap();
    let html = app.find("html").await;
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("ltr"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("fr"));
    language.select_by_value("ar").await.unwrap();
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    app.end().await;
}

/// Screenshots of the main screens (Arabic and French, light and dark) under Xvfb, written to
/// `target/screenshots/`; `make screenshots` copies them to docs/screenshots/ for the README.
#[tokio::test(flavor = "multi_thread")]
async fn screenshots_of_the_main_screens() {
    let app = App::start().await;
    app.find("[data-testid=empty-state]").await;
    // The eight demo articles through the folder dialog, then the sample through the files one.
    import_through(&app, "import-folder-button", &[fixture("demo")], "8").await;
    import_through_the_dialog(&app, &[fixture("txt/sample-article.txt")], "1").await;
    let search = app.find("[data-testid=search-input]").await;
    search.send_keys("الأمن").await.unwrap();
    app.find("[data-testid=article-list] [data-testid=article-item]")
        .await
        .click()
        .await
        .unwrap();
    app.find("[data-testid=reader-title]").await;

    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    for (language, theme) in [("ar", "light"), ("ar", "dark"), ("fr", "light")] {
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
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let png = app.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(out.join(format!("main-{language}-{theme}.png")), png).unwrap();
    }
    app.end().await;
}
