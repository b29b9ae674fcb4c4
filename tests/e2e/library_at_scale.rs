//! The library at 100,000 articles in the real window: what must hold whatever the machine's
//! speed is asserted (the first page, a bounded DOM, the last rows after a scroll to the end,
//! keyboard navigation, both sorts, a search); how long it took is printed, never asserted
//! (speed is the benchmarks' business: BENCHMARKS.md, "The library at 100,000 articles").
//!
//! The archive is written straight through the engine's bulk path (`Archive::add_articles`),
//! from articles recombined out of 200 real MArSum articles by the search benchmark's own
//! generator (`crates/bench/src/corpus.rs`, compiled into this test rather than copied).
use std::path::Path;
use std::time::Instant;

use arshif_engine::search::SearchSort;
use arshif_engine::{Archive, ArticleSummary, ListParams, NewArticle, SearchQuery, SortBy};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::corpus::Corpus;
use crate::driver::{archive_in, fixture, App};

/// How many articles the archive holds.
const ARTICLES: usize = 100_000;
/// Articles written per transaction.
const BATCH: usize = 5_000;
/// A body is cut after this many bytes (at a sentence): the test is about the list, and full
/// bodies would make seeding several times slower for nothing the window shows. Indexing speed
/// on whole bodies is measured by `make bench`.
const BODY_BYTES: usize = 400;
/// The most rows the DOM may hold: a window's worth and the margins, never the archive.
const MAX_ROWS_IN_DOM: usize = 120;
/// A word many, but not all, of the articles contain.
const QUERY: &str = "الرباط";

/// Writes the archive and returns how long it took.
fn seed(path: &Path) -> std::time::Duration {
    let clock = Instant::now();
    let corpus = Corpus::load(&fixture("marsum-200.jsonl")).expect("the corpus fixture");
    let mut archive = Archive::open(path).expect("a new archive");
    for start in (0..ARTICLES).step_by(BATCH) {
        let batch: Vec<NewArticle> = corpus
            .articles(start..(start + BATCH).min(ARTICLES))
            .into_iter()
            .map(|a| NewArticle {
                title: a.title,
                body: cut(&a.body),
                publication: Some("كود".into()),
                date: Some(a.date),
                language: Some("ar".into()),
                tags: a.tags,
                ..NewArticle::default()
            })
            .collect();
        archive.add_articles(&batch).expect("write a batch");
    }
    clock.elapsed()
}

/// The body up to the first sentence end past [`BODY_BYTES`].
fn cut(body: &str) -> String {
    let end = body
        .char_indices()
        .find(|&(at, c)| at >= BODY_BYTES && matches!(c, '.' | '؟' | '!' | '\n'))
        .map_or(body.len(), |(at, c)| at + c.len_utf8());
    body[..end].to_string()
}

/// What the engine says the window must show.
struct Expected {
    /// Newest import first, the library's default order: the first and the last rows.
    first: i64,
    second: i64,
    last: i64,
    before_last: i64,
    /// The first row by title (Arabic-aware) and by date, newest first.
    first_by_title: i64,
    first_by_date: i64,
    /// The number of results of [`QUERY`] and the best one.
    found: u64,
    best: i64,
}

fn expected(path: &Path) -> Expected {
    let archive = Archive::open(path).expect("open the archive");
    let list = |sort, descending, offset| -> Vec<ArticleSummary> {
        archive
            .list_articles(&ListParams {
                offset,
                limit: 2,
                sort,
                descending,
            })
            .expect("list")
            .items
    };
    let head = list(SortBy::Imported, true, 0);
    let tail = list(SortBy::Imported, true, ARTICLES as u32 - 2);
    let results = archive
        .search(&SearchQuery {
            text: QUERY.into(),
            limit: 1,
            sort: SearchSort::Relevance,
            ..SearchQuery::default()
        })
        .expect("search");
    Expected {
        first: head[0].id,
        second: head[1].id,
        last: tail[1].id,
        before_last: tail[0].id,
        first_by_title: list(SortBy::Title, false, 0)[0].id,
        first_by_date: list(SortBy::Date, true, 0)[0].id,
        found: results.total,
        best: results.items[0].summary.id,
    }
}

/// Runs `action` in the window, then waits (frame by frame, in the page) until `condition`
/// holds, and returns the milliseconds between the two. Both are this file's own script text;
/// `arguments[0]` is `args`. Fails the test after 20 s.
async fn timed(app: &App, action: &str, condition: &str, args: Value) -> f64 {
    let script = format!(
        "const args = arguments[0];
         const done = arguments[arguments.length - 1];
         const rows = () => Array.from(
           document.querySelectorAll('[data-testid=article-list] [data-testid=article-item]'));
         const t0 = performance.now();
         {action};
         const check = () => {{
           if ({condition}) done(performance.now() - t0);
           else if (performance.now() - t0 > 20000) done(-1);
           else requestAnimationFrame(check);
         }};
         requestAnimationFrame(check);"
    );
    let ms = app
        .client
        .execute_async(&script, vec![args])
        .await
        .expect("run a timed step")
        .as_f64()
        .unwrap_or(-1.0);
    if ms < 0.0 {
        panic!(
            "never held: {condition}; the page: {}",
            app.page_text().await
        );
    }
    ms
}

/// The list's state, read in one go.
async fn list_state(app: &App) -> Value {
    app.client
        .execute(
            "const rows = Array.from(document.querySelectorAll(
               '[data-testid=article-list] [data-testid=article-item]'));
             const active = document.querySelector('[data-testid=article-list] [data-active=true]');
             return {
               inDom: document.querySelectorAll('[data-testid=article-list] > li').length,
               first: rows.length ? Number(rows[0].dataset.id) : null,
               last: rows.length ? Number(rows[rows.length - 1].dataset.id) : null,
               lastPosition: rows.length ? Number(rows[rows.length - 1].getAttribute('aria-posinset')) : null,
               active: active ? Number(active.dataset.id) : null,
               activeSelected: active ? active.getAttribute('aria-selected') : null,
               count: document.querySelector('[data-testid=result-count]').textContent.replace(/\\D/g, ''),
             };",
            vec![],
        )
        .await
        .expect("read the list")
}

/// Asserts that the DOM holds a window of rows, not the archive.
fn bounded(state: &Value, when: &str) {
    let in_dom = state["inDom"].as_u64().unwrap_or(u64::MAX) as usize;
    assert!(
        (1..=MAX_ROWS_IN_DOM).contains(&in_dom),
        "{when}: {in_dom} rows in the DOM; {state}"
    );
}

/// Presses `key` in the list and waits for `id` to be the active, selected row.
async fn press(app: &App, key: Key, id: i64) -> f64 {
    let list = app.find("[data-testid=article-list]").await;
    let clock = Instant::now();
    list.send_keys(&char::from(key).to_string()).await.unwrap();
    timed(
        app,
        "",
        "(() => { const a = document.querySelector('[data-testid=article-list] [data-active=true]');
                  return a && a.dataset.id === String(args.id)
                    && a.getAttribute('aria-selected') === 'true'; })()",
        json!({ "id": id }),
    )
    .await;
    clock.elapsed().as_secs_f64() * 1000.0
}

/// Picks `value` in the sort menu and waits for `id` to head the list.
async fn sort_by(app: &App, value: &str, id: i64) -> f64 {
    timed(
        app,
        "const select = document.querySelector('[data-testid=sort-select]');
         select.value = args.value;
         select.dispatchEvent(new Event('change', { bubbles: true }))",
        "rows().length > 0 && rows()[0].dataset.id === String(args.id)",
        json!({ "value": value, "id": id }),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_library_at_100000_articles() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = archive_in(folder.path());
    let seeding = tokio::task::spawn_blocking({
        let path = path.clone();
        move || seed(&path)
    })
    .await
    .unwrap();
    let expected = expected(&path);

    let clock = Instant::now();
    let app = App::start_in(folder).await;
    let session = clock.elapsed();
    // The first page: the newest import heads the list, the count is the archive's.
    let first_rows = timed(
        &app,
        "",
        "rows().length > 0 && rows()[0].dataset.id === String(args.id)",
        json!({ "id": expected.first }),
    )
    .await;
    let state = list_state(&app).await;
    assert_eq!(state["count"], json!(ARTICLES.to_string()), "{state}");
    bounded(&state, "first page");

    // A jump to the middle, as dragging the scroll bar does, then to the very end.
    let middle = timed(
        &app,
        "const s = document.querySelector('.list-scroll'); s.scrollTop = s.scrollHeight / 2",
        "rows().some((r) => Math.abs(Number(r.getAttribute('aria-posinset')) - args.half) < 100)",
        json!({ "half": ARTICLES / 2 }),
    )
    .await;
    let end = timed(
        &app,
        "const s = document.querySelector('.list-scroll'); s.scrollTop = s.scrollHeight",
        "rows().length > 0 && rows()[rows().length - 1].dataset.id === String(args.id)",
        json!({ "id": expected.last }),
    )
    .await;
    let state = list_state(&app).await;
    assert_eq!(state["lastPosition"], json!(ARTICLES), "{state}");
    bounded(&state, "scrolled to the end");

    // The keyboard: Home, ↓, End, ↑ each make the right row active, fetched or not.
    let home = press(&app, Key::Home, expected.first).await;
    press(&app, Key::Down, expected.second).await;
    let end_key = press(&app, Key::End, expected.last).await;
    press(&app, Key::Up, expected.before_last).await;
    bounded(&list_state(&app).await, "after End");
    press(&app, Key::Home, expected.first).await;

    // Both sorts, over the whole archive.
    let by_title = sort_by(&app, "title_asc", expected.first_by_title).await;
    let by_date = sort_by(&app, "date_desc", expected.first_by_date).await;
    bounded(&list_state(&app).await, "sorted");

    // A search narrows the list to what the engine finds.
    let search = app.find("[data-testid=search-input]").await;
    let clock = Instant::now();
    search.send_keys(QUERY).await.unwrap();
    timed(
        &app,
        "",
        "rows().length > 0 && rows()[0].dataset.id === String(args.id)
           && document.querySelector('[data-testid=result-count]').textContent
                .replace(/\\D/g, '') === String(args.found)",
        json!({ "id": expected.best, "found": expected.found }),
    )
    .await;
    let searching = clock.elapsed();
    assert!(
        expected.found > 0 && expected.found < ARTICLES as u64,
        "{QUERY} should narrow the list: {} results",
        expected.found
    );
    bounded(&list_state(&app).await, "searching");

    println!(
        "library at {ARTICLES} articles: seeding {:.1} s; session {:.1} s; first rows {first_rows:.0} ms \
         after the session; scroll jump to the middle {middle:.0} ms, to the end {end:.0} ms; \
         Home {home:.0} ms, End {end_key:.0} ms; sort by title {by_title:.0} ms, by date {by_date:.0} ms; \
         search ({} results) {:.0} ms",
        seeding.as_secs_f64(),
        session.as_secs_f64(),
        expected.found,
        searching.as_secs_f64() * 1000.0,
    );
    app.end().await;
}
