//! Expanding the paths a user chose into the list of files to import.
use std::path::{Path, PathBuf};

use super::{importer_for, ImportError};

/// A file to import, or a path that could not be used.
#[derive(Debug)]
pub(crate) enum Candidate {
    File { path: PathBuf, chosen: bool },
    Unusable { path: PathBuf, error: ImportError },
}

/// Files the user chose are taken as they are; folders are walked recursively for supported
/// types, skipping hidden entries, operating-system files and the resource folders of saved
/// web pages (see [`is_page_resources`]). Symbolic links to folders are not followed, so a link loop
/// cannot make the walk endless; links to files are.
pub(crate) fn expand(paths: &[PathBuf]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out),
            Ok(_) => out.push(Candidate::File {
                path: path.clone(),
                chosen: true,
            }),
            Err(error) => out.push(Candidate::Unusable {
                path: path.clone(),
                error: ImportError::Unreadable(error),
            }),
        }
    }
    out
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with('~'))
}

/// What Windows and macOS leave in folders (thumbnail caches, folder settings, the resource
/// forks a Mac adds to ZIP files, recycle bins). Dot-files such as `.DS_Store` are hidden already.
const SYSTEM_NAMES: &[&str] = &[
    "thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    "__macosx",
    "$recycle.bin",
    "recycler",
    "system volume information",
];

fn is_system(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| SYSTEM_NAMES.contains(&n.to_lowercase().as_str()))
}

/// Extensions of saved pages whose resources sit in a folder beside them.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml"];
/// Browsers save `page.html` with its images, styles and framed ads (`saved_resource.html`) in
/// `page_files/`. Chrome and Firefox always write `_files`; Microsoft's browsers and Office
/// joined the page name with `_`, `.` or `-` and a word translated into the user's language.
const PAGE_FOLDER_SEPARATORS: &[char] = &['_', '.', '-'];
const PAGE_FOLDER_WORDS: &[&str] = &[
    "files",
    "dateien",
    "fichiers",
    "archivos",
    "arquivos",
    "file",
    "bestanden",
    "filer",
];

/// `dir` is the resource folder of a saved page among `siblings` (`page_files` beside
/// `page.html`): it belongs to that page and is not walked for articles of its own.
fn is_page_resources(dir: &Path, siblings: &[PathBuf]) -> bool {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some((stem, word)) = name.rsplit_once(PAGE_FOLDER_SEPARATORS) else {
        return false;
    };
    if stem.is_empty() || !PAGE_FOLDER_WORDS.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    siblings.iter().any(|sibling| {
        let extension = sibling
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        sibling.file_stem().and_then(|s| s.to_str()) == Some(stem)
            && extension.is_some_and(|e| PAGE_EXTENSIONS.contains(&e.as_str()))
    })
}

fn walk(dir: &Path, out: &mut Vec<Candidate>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            out.push(Candidate::Unusable {
                path: dir.to_path_buf(),
                error: ImportError::Unreadable(error),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    // A stable order makes reports and ids predictable run after run.
    paths.sort();
    for path in &paths {
        if is_hidden(path) || is_system(path) {
            continue;
        }
        let Ok(link_meta) = std::fs::symlink_metadata(path) else {
            continue;
        };
        if link_meta.is_dir() {
            if !is_page_resources(path, &paths) {
                walk(path, out);
            }
        } else if importer_for(path, false).is_some() {
            // A link to a folder has `is_dir() == false` here and no supported extension, so it
            // is skipped; a link to a supported file is imported.
            out.push(Candidate::File {
                path: path.clone(),
                chosen: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_for_supported_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2022/غشت")).unwrap();
        std::fs::create_dir_all(root.join(".cache")).unwrap();
        for file in [
            "a.txt",
            "2022/b.TXT",
            "2022/غشت/c.txt",
            "2022/photo.jpg",
            ".cache/d.txt",
            ".hidden.txt",
        ] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("2022/loop")).unwrap();
        let found: Vec<String> = expand(&[root.to_path_buf(), root.join("missing.txt")])
            .into_iter()
            .map(|c| match c {
                Candidate::File { path, .. } => {
                    path.strip_prefix(root).unwrap().display().to_string()
                }
                Candidate::Unusable { path, error } => {
                    format!("{} {}", path.display(), error.code())
                }
            })
            .map(|s| s.replace(&root.display().to_string(), "ROOT"))
            .collect();
        assert_eq!(
            found,
            [
                "2022/b.TXT",
                "2022/غشت/c.txt",
                "a.txt",
                "ROOT/missing.txt unreadable"
            ]
        );
    }

    #[test]
    fn saved_page_folders_and_system_files_are_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in [
            "page_files",
            "old-Dateien",
            "ancien_fichiers",
            "orphan_files",
            "__MACOSX/press",
            "press",
        ] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        for file in [
            "page.html",
            "page_files/saved_resource.html",
            "page_files/notes.txt",
            "old.HTM",
            "old-Dateien/frame.htm",
            "ancien.htm",
            "ancien_fichiers/a.txt",
            "orphan_files/kept.txt",
            "__MACOSX/press/._a.txt",
            "__MACOSX/press/a.txt",
            "press/Thumbs.db",
            "press/desktop.ini",
            "press/a.txt",
        ] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        let found: Vec<String> = expand(&[root.to_path_buf()])
            .into_iter()
            .map(|c| match c {
                Candidate::File { path, .. } => {
                    path.strip_prefix(root).unwrap().display().to_string()
                }
                Candidate::Unusable { path, .. } => format!("unusable {}", path.display()),
            })
            .collect();
        assert_eq!(
            found,
            [
                "ancien.htm",
                "old.HTM",
                "orphan_files/kept.txt",
                "page.html",
                "press/a.txt"
            ]
        );
    }
}
