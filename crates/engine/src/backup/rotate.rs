//! Rotating daily backups: at most one dated copy a day in a folder of their own, the newest few
//! kept. The desktop app calls it at start-up, so an archivist has yesterday's archive without
//! thinking about it.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::copy_database;
use crate::clock::now_rfc3339;
use crate::error::{Error, Result};
use crate::export::atomic::io_error;
use crate::Archive;

/// Daily backups are named `arshif-backup-YYYY-MM-DD.arshif`; only files of exactly that shape
/// are ever deleted, so nothing else in the folder is at risk.
const PREFIX: &str = "arshif-backup-";
const SUFFIX: &str = ".arshif";

/// What a rotation did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotationReport {
    /// Today's backup, when this call made it (`None`: it existed already).
    pub created: Option<PathBuf>,
    /// Older backups deleted to keep the newest `keep`.
    pub removed: Vec<PathBuf>,
}

/// The day of a daily backup file name, `YYYY-MM-DD`, if `name` is one.
fn backup_day(name: &str) -> Option<&str> {
    let day = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let shape = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shape.then_some(day)
}

impl Archive {
    /// Makes today's backup in `folder` (created if needed) unless there is one already, then
    /// deletes the oldest daily backups beyond `keep`. Days are UTC.
    pub fn rotate_backups(&self, folder: &Path, keep: usize) -> Result<RotationReport> {
        self.rotate_backups_on(folder, keep, &now_rfc3339()[..10])
    }

    pub(crate) fn rotate_backups_on(
        &self,
        folder: &Path,
        keep: usize,
        today: &str,
    ) -> Result<RotationReport> {
        if keep == 0 {
            return Err(Error::InvalidInput("keep at least one daily backup".into()));
        }
        std::fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
        let mut report = RotationReport::default();
        let todays = folder.join(format!("{PREFIX}{today}{SUFFIX}"));
        if !todays.exists() {
            copy_database(&self.conn, &todays)?;
            report.created = Some(todays);
        }
        let mut days: Vec<(String, PathBuf)> = std::fs::read_dir(folder)
            .map_err(|e| io_error(folder, e))?
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().into_string().ok()?;
                let day = backup_day(&name)?.to_string();
                Some((day, entry.path()))
            })
            .collect();
        // Newest first; ISO days sort as text.
        days.sort_by(|a, b| b.0.cmp(&a.0));
        for (_, path) in days.into_iter().skip(keep) {
            std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
            report.removed.push(path);
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn one_backup_a_day_and_only_the_newest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path().join("archive.arshif")).unwrap();
        let folder = dir.path().join("backups");
        std::fs::create_dir_all(&folder).unwrap();
        // Files that merely look alike are never touched.
        std::fs::write(folder.join("notes.txt"), "x").unwrap();
        std::fs::write(folder.join("arshif-backup-2026-1-1.arshif"), "x").unwrap();

        for day in ["2026-11-25", "2026-11-26", "2026-11-27"] {
            let report = archive.rotate_backups_on(&folder, 2, day).unwrap();
            assert!(report.created.is_some(), "{day}");
        }
        let again = archive.rotate_backups_on(&folder, 2, "2026-11-27").unwrap();
        assert_eq!(
            again,
            RotationReport::default(),
            "a second call the same day does nothing"
        );
        assert_eq!(
            names(&folder),
            [
                "arshif-backup-2026-1-1.arshif",
                "arshif-backup-2026-11-26.arshif",
                "arshif-backup-2026-11-27.arshif",
                "notes.txt"
            ]
        );
        // Each kept copy is a whole archive.
        Archive::open(folder.join("arshif-backup-2026-11-27.arshif")).unwrap();
        assert_eq!(
            archive
                .rotate_backups_on(&folder, 0, "2026-11-28")
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    #[test]
    fn backup_day_reads_only_the_exact_shape() {
        let cases = [
            ("arshif-backup-2026-11-29.arshif", Some("2026-11-29")),
            ("arshif-backup-2026-11-29.arshif.tmp", None),
            ("arshif-backup-2026-1-29.arshif", None),
            ("arshif-backup-2026x11-29.arshif", None),
            ("archive.arshif", None),
        ];
        for (name, expected) in cases {
            assert_eq!(backup_day(name), expected, "{name}");
        }
    }
}
