//! Starts the real app under tauri-driver (which drives WebKitWebDriver) and connects a
//! WebDriver client to it. Each session gets its own archive, ports and process group.
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// A running app with a WebDriver session on it. Dropping it ends the app, WebKitWebDriver and
/// tauri-driver together.
pub struct App {
    pub client: Client,
    driver: Child,
    pub archive_dir: tempfile::TempDir,
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

impl App {
    pub async fn start() -> App {
        let archive_dir = tempfile::tempdir().expect("temp dir");
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The app inherits this: every test starts on its own empty archive.
            .env("ARSHIF_DB", archive_dir.path().join("archive.arshif"))
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
        App {
            client,
            driver,
            archive_dir,
        }
    }

    /// Waits for an element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until `css` has text containing `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed {expected:?}; last text {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn end(self) {
        let App {
            client,
            mut driver,
            archive_dir,
        } = self;
        let _ = client.close().await;
        stop(&mut driver);
        drop(archive_dir);
    }
}

fn stop(driver: &mut Child) {
    // SIGTERM to the whole group: tauri-driver, WebKitWebDriver and the app.
    let _ = Command::new("kill")
        .args(["-TERM", &format!("-{}", driver.id())])
        .status();
    let _ = driver.wait();
}

impl Drop for App {
    fn drop(&mut self) {
        // Reached when a test panics before `end`; stopping twice is harmless.
        stop(&mut self.driver);
    }
}
