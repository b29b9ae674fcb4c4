//! Mechanical checks of the architecture invariants (ARCHITECTURE.md).
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `Cargo.lock` as name → dependency names (versions dropped: enough to walk the graph).
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).expect("Cargo.lock");
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    let mut in_deps = false;
    for line in lock.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("name = ") {
            current = name.trim_matches('"').to_string();
            graph.entry(current.clone()).or_default();
        } else if line.starts_with("dependencies = [") {
            in_deps = true;
        } else if in_deps && line == "]" {
            in_deps = false;
        } else if in_deps {
            let dep = line
                .trim_matches(|c| c == '"' || c == ',')
                .split(' ')
                .next()
                .unwrap_or("");
            graph
                .entry(current.clone())
                .or_default()
                .push(dep.to_string());
        }
    }
    graph
}

fn reachable(graph: &BTreeMap<String, Vec<String>>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_string()];
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone()) {
            stack.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn engine_and_cli_have_no_desktop_dependencies() {
    let graph = lock_graph();
    assert!(
        graph.contains_key("tauri"),
        "the lock file should know the shell's tauri"
    );
    for root in ["arshif-engine", "arshif-cli"] {
        let forbidden: Vec<String> = reachable(&graph, root)
            .into_iter()
            .filter(|name| {
                [
                    "tauri",
                    "wry",
                    "tao",
                    "gtk",
                    "webkit",
                    "gdk",
                    "javascriptcore",
                    "soup",
                ]
                .iter()
                .any(|bad| name.starts_with(bad))
            })
            .collect();
        assert!(forbidden.is_empty(), "{root} depends on {forbidden:?}");
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_says_what_it_owns() {
    let mut files = Vec::new();
    for dir in ["crates/engine/src", "crates/cli/src", "src-tauri"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let exempt = ["main.rs", "build.rs"];
    let undocumented: Vec<String> = files
        .iter()
        .filter(|f| !exempt.iter().any(|e| f.ends_with(e)) || f.ends_with("crates/cli/src/main.rs"))
        .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        undocumented.is_empty(),
        "modules without a //! line: {undocumented:?}"
    );
}

#[test]
fn only_the_shell_uses_tauri() {
    let mut files = Vec::new();
    for dir in ["crates/engine/src", "crates/cli/src"] {
        rust_files(&repo().join(dir), &mut files);
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("use tauri"), "{} uses tauri", file.display());
    }
}

#[test]
fn unsafe_code_stays_in_the_two_fts5_modules() {
    // The FTS5 tokenizer and ranking function need raw FFI (rusqlite has no safe wrapper);
    // nothing else does.
    const ALLOWED: [&str; 2] = ["search/fts_tokenizer.rs", "search/fts_rank.rs"];
    let mut files = Vec::new();
    for dir in ["crates/engine/src", "crates/cli/src", "src-tauri"] {
        rust_files(&repo().join(dir), &mut files);
    }
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !ALLOWED.iter().any(|allowed| f.ends_with(allowed)))
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("unsafe "))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "unsafe code outside {ALLOWED:?}: {offenders:?}"
    );
}

#[test]
fn the_engine_opens_connections_only_in_db() {
    // db::connect turns off trusted_schema and turns on defensive mode before anything reads a
    // file's schema; a connection opened elsewhere would trust a crafted archive. Test code
    // (after `#[cfg(test)]`) may open scratch databases directly.
    let mut files = Vec::new();
    rust_files(&repo().join("crates/engine/src"), &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.parent().is_some_and(|dir| dir.ends_with("src/db")))
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            code.contains("Connection::open")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "connections opened around db::connect: {offenders:?}"
    );
}

/// The installed app must be findable by its Arabic name: the .deb and .rpm use our desktop
/// entry template, which names it in Arabic, French and English.
#[test]
fn the_desktop_entry_speaks_arabic() {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tauri.conf.json")).unwrap())
            .unwrap();
    for package in ["deb", "rpm"] {
        let template = config["bundle"]["linux"][package]["desktopTemplate"]
            .as_str()
            .unwrap_or_else(|| panic!("no desktop template for the {package} package"));
        let entry = std::fs::read_to_string(repo().join(template)).unwrap();
        for line in [
            "Name[ar]=أرشيف",
            "GenericName[ar]=",
            "Comment[ar]=",
            "Exec={{exec}}",
            "Icon={{icon}}",
        ] {
            assert!(entry.contains(line), "{template} lacks {line:?}");
        }
    }
}
