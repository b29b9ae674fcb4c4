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

#[tokio::test(flavor = "multi_thread")]
async fn importing_the_sample_shows_its_arabic_title() {
    let app = App::start().await;
    let html = app.find("html").await;
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
    app.find("[data-testid=empty-state]").await;

    answer_open_dialog_with(&app, &[fixture("txt/sample-article.txt")]).await;
    app.find("[data-testid=import-button]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("[data-testid=report-imported]", "1")
        .await;
    app.find("[data-testid=report-close]")
        .await
        .click()
        .await
        .unwrap();

    let title = app
        .wait_for_text(
            "[data-testid=article-list] [data-testid=article-title]",
            "زيارة مدير الشرطة",
        )
        .await;
    assert!(title.contains("الإسبانية للرباط"), "{title}");
    app.end().await;
}
