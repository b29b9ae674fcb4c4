//! Starts the real app under tauri-driver (which drives WebKitWebDriver) and connects a
//! WebDriver client to it. Each session gets its own archive, ports and process group.
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long a test waits for the window to show what it expects.
const PATIENCE: Duration = Duration::from_secs(15);

/// WebDriver's answers that mean the window is still changing, not that it is wrong: the
/// element was drawn again between finding it and acting on it, or it is not shown (or is
/// covered) yet. On a fast machine a command can land between the app's two steps.
fn still_changing(error: &CmdError) -> bool {
    matches!(
        error,
        CmdError::Standard(e) if matches!(
            e.error,
            ErrorStatus::StaleElementReference
                | ErrorStatus::ElementNotInteractable
                | ErrorStatus::ElementClickIntercepted
        )
    )
}

/// A running app with a WebDriver session on it. Dropping it ends the app, WebKitWebDriver and
/// tauri-driver together.
pub struct App {
    pub client: Client,
    driver: Child,
    /// Holds the test's archive folder until the app has stopped.
    _archive_dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The archive a session opens in its folder (see [`App::start_in`]).
pub fn archive_in(folder: &Path) -> PathBuf {
    folder.join("archive.arshif")
}

impl App {
    /// Starts the app on an empty archive of its own.
    pub async fn start() -> App {
        App::start_in(tempfile::tempdir().expect("temp dir")).await
    }

    /// Starts the app on [`archive_in`]`(archive_dir)`, which a test may have filled first
    /// (an absent file is a new, empty archive).
    pub async fn start_in(archive_dir: tempfile::TempDir) -> App {
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The app inherits this: every test starts on an archive of its own.
            .env("ARSHIF_DB", archive_in(archive_dir.path()))
            // The webview keeps settings (language, theme) in local storage under the XDG
            // folders: give each session its own, so no test inherits another's choices.
            .env("XDG_DATA_HOME", archive_dir.path().join("data"))
            .env("XDG_CONFIG_HOME", archive_dir.path().join("config"))
            .env("XDG_CACHE_HOME", archive_dir.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so that ending the test ends WebKitWebDriver and the app too
            // (they would otherwise keep cargo's output open and hang a piped `cargo test`).
            .process_group(0)
            .spawn()
            .expect("tauri-driver is not installed: run `make test`, which installs it");
        let url = format!("http://127.0.0.1:{port}");
        let capabilities = json!({
            "tauri:options": { "application": env!("CARGO_BIN_EXE_arshif-desktop") },
            "browserName": "wry",
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("a JSON object literal"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native()
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if Instant::now() > deadline => {
                    panic!("no WebDriver session within 30 s: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        let app = App {
            client,
            driver,
            _archive_dir: archive_dir,
        };
        // The page's markup is there before its script has wired the buttons: a click that
        // early does nothing (on a loaded machine, an import that never starts). The window
        // says it is ready by dropping `aria-busy` from its root.
        app.find(".app:not([aria-busy])").await;
        app
    }

    /// Waits for an element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Every element matching `css` now (no waiting).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// Does `act` on the element `css` finds, finding it afresh while the window is still
    /// changing ([`still_changing`]); any other error fails the test.
    async fn act_on<F, Fut>(&self, css: &str, act: F)
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<(), CmdError>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match act(self.find(css).await).await {
                Ok(()) => return,
                Err(error) if still_changing(&error) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => {
                    let page = self.page_text().await;
                    panic!("{css}: {error}; the page: {page}");
                }
            }
        }
    }

    /// Clicks the element `css` finds, once it is there and can be clicked.
    pub async fn click(&self, css: &str) {
        self.act_on(css, |element| async move { element.click().await })
            .await;
    }

    /// Types `keys` (WebDriver key codes allowed) into the element `css` finds.
    pub async fn type_into(&self, css: &str, keys: &str) {
        self.act_on(css, |element| async move { element.send_keys(keys).await })
            .await;
    }

    /// Empties the field `css` finds, then types `keys` into it.
    pub async fn retype(&self, css: &str, keys: &str) {
        self.act_on(css, |element| async move {
            element.clear().await?;
            element.send_keys(keys).await
        })
        .await;
    }

    /// Chooses the option of value `value` in the menu `css` finds.
    pub async fn choose(&self, css: &str, value: &str) {
        self.act_on(css, |element| async move {
            element.select_by_value(value).await
        })
        .await;
    }

    /// Waits until the elements matching `css` (their texts joined by " | ") contain `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            // textContent rather than WebDriver's rendered text, which WebKitWebDriver reports
            // as empty for some visible elements of the list.
            let text = self
                .client
                .execute(
                    "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent).join(' | ');",
                    vec![serde_json::Value::String(css.into())],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            if text.contains(expected) {
                return text;
            }
            if Instant::now() > deadline {
                // Show what the window did show, so that a failure explains itself.
                let page = self.page_text().await;
                panic!("{css} never showed {expected:?}; last text {text:?}; the page: {page}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The window's text, for failure messages that explain themselves.
    pub async fn page_text(&self) -> String {
        self.client
            .execute("return document.body.innerText", vec![])
            .await
            .map(|v| v.to_string())
            .unwrap_or_default()
    }

    /// Closes the session politely, then stops the processes (see [`Drop`]).
    pub async fn end(self) {
        let _ = self.client.clone().close().await;
    }
}

fn stop(driver: &mut Child) {
    // SIGTERM to the whole group: tauri-driver, WebKitWebDriver and the app. Not through
    // `/usr/bin/kill -TERM -PGID`: Debian 12's procps kill turns that into kill(-1), which ends
    // every process of the user.
    if let Ok(group) = libc::pid_t::try_from(driver.id()) {
        if driver.try_wait().ok().flatten().is_none() {
            // SAFETY: killpg only sends a signal; `group` is the id of a child we spawned as
            // the leader of its own process group and have not reaped yet, so the id is ours.
            unsafe { libc::killpg(group, libc::SIGTERM) };
        }
    }
    let _ = driver.wait();
}

impl Drop for App {
    fn drop(&mut self) {
        // Reached when a test panics before `end`; stopping twice is harmless.
        stop(&mut self.driver);
    }
}
