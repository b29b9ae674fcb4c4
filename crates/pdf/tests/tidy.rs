//! The PDF crate's invariants, checked mechanically (ARCHITECTURE.md): no desktop libraries in
//! its dependency tree, so the CLI can export PDFs on a machine without GTK or WebKit; every
//! module says what it owns. (`#![forbid(unsafe_code)]` in lib.rs keeps unsafe code out.)
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Package name → names of its dependencies, from Cargo.lock (versions merged: a name is
/// forbidden whatever its version).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut in_dependencies = false;
        for line in package.lines().map(str::trim) {
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_owned());
                graph.entry(value.trim_matches('"').to_owned()).or_default();
            } else if line.starts_with("dependencies = [") {
                in_dependencies = true;
            } else if in_dependencies && line.starts_with(']') {
                in_dependencies = false;
            } else if in_dependencies {
                // `"name"` or `"name version"`.
                let dependency = line.trim_matches(|c| c == '"' || c == ',');
                let dependency = dependency.split(' ').next().unwrap_or("").to_owned();
                if let Some(name) = &name {
                    graph.entry(name.clone()).or_default().insert(dependency);
                }
            }
        }
    }
    graph
}

#[test]
fn the_pdf_crate_has_no_desktop_dependencies() {
    let graph = dependencies();
    assert!(
        graph.contains_key("wry"),
        "the lock file should know the shell's wry"
    );
    let mut reached = BTreeSet::new();
    let mut queue = vec!["arshif-pdf".to_owned()];
    while let Some(name) = queue.pop() {
        if reached.insert(name.clone()) {
            queue.extend(graph.get(&name).into_iter().flatten().cloned());
        }
    }
    assert!(reached.contains("typst-pdf"), "{reached:?}");
    let desktop = [
        "tauri",
        "wry",
        "tao",
        "gtk",
        "gdk",
        "webkit",
        "javascriptcore",
        "soup",
    ];
    let forbidden: Vec<&String> = reached
        .iter()
        .filter(|name| desktop.iter().any(|bad| name.starts_with(bad)))
        .collect();
    assert!(forbidden.is_empty(), "arshif-pdf depends on {forbidden:?}");
}

#[test]
fn every_module_says_what_it_owns() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "examples"] {
        collect_rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} has no //! line",
            file.display()
        );
    }
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}
