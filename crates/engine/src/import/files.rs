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
/// types, skipping hidden entries. Symbolic links to folders are not followed, so a link loop
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
    for path in paths {
        if is_hidden(&path) {
            continue;
        }
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link_meta.is_dir() {
            walk(&path, out);
        } else if importer_for(&path, false).is_some() {
            // A link to a folder has `is_dir() == false` here and no supported extension, so it
            // is skipped; a link to a supported file is imported.
            out.push(Candidate::File {
                path,
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
}
