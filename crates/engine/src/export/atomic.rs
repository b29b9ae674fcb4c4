//! Writing a file so that it appears whole or not at all: the bytes go to a temporary file in the
//! destination folder, which is renamed over the destination only once everything is on disk.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Sorts an I/O failure into the codes a user can act on (disk full, no permission); the rest
/// stay `io` with the path that failed.
pub(crate) fn io_error(path: &Path, error: std::io::Error) -> Error {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull,
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::NoPermission {
            path: path.to_path_buf(),
        },
        _ => Error::io(path, error),
    }
}

/// A file being written. Dropped without [`AtomicFile::commit`] (an error, a panic), it removes
/// its temporary file and the destination is untouched.
pub(crate) struct AtomicFile {
    destination: PathBuf,
    temporary: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `destination`: in the same folder, so the final rename
    /// never crosses file systems and is atomic.
    pub(crate) fn create(destination: &Path) -> Result<AtomicFile> {
        let folder = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = destination
            .file_name()
            .ok_or_else(|| {
                Error::InvalidInput(format!("{} is not a file name", destination.display()))
            })?
            .to_string_lossy();
        // The process id and a counter keep two exports into one folder from sharing a name;
        // the leading dot hides the half-written file from file managers.
        let temporary = (0u32..)
            .map(|n| folder.join(format!(".{name}.{}-{n}.tmp", std::process::id())))
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| folder.join(format!(".{name}.tmp")));
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(|e| io_error(&temporary, e))?;
        Ok(AtomicFile {
            destination: destination.to_path_buf(),
            temporary,
            writer: Some(BufWriter::with_capacity(256 * 1024, file)),
        })
    }

    /// The path of the temporary file, for writers that cannot use [`Write`] (SQLite's backup).
    pub(crate) fn temporary_path(&self) -> &Path {
        &self.temporary
    }

    /// Flushes, syncs to disk and renames over the destination. Returns the bytes written. On
    /// failure the temporary file is removed here: the writer is already taken, so `Drop` would
    /// not (the last buffered bytes are written by this flush, so a full disk shows up here).
    pub(crate) fn commit(mut self) -> Result<u64> {
        let writer = self.writer.take().expect("commit is called once");
        let committed = self.finish(writer);
        if committed.is_err() {
            let _ = std::fs::remove_file(&self.temporary);
        }
        committed
    }

    fn finish(&self, writer: BufWriter<File>) -> Result<u64> {
        let file = writer
            .into_inner()
            .map_err(|e| io_error(&self.temporary, e.into_error()))?;
        // Without the sync a crash right after the rename could leave an empty file under the
        // destination's name on some file systems.
        file.sync_all().map_err(|e| io_error(&self.temporary, e))?;
        let size = file
            .metadata()
            .map_err(|e| io_error(&self.temporary, e))?
            .len();
        drop(file);
        std::fs::rename(&self.temporary, &self.destination)
            .map_err(|e| io_error(&self.destination, e))?;
        Ok(size)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.writer {
            Some(writer) => writer.write(buf),
            None => Err(std::io::Error::other("the file was already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.writer {
            Some(writer) => writer.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            // Close before removing: Windows refuses to delete an open file.
            drop(self.writer.take());
            // Nothing more can be done if this fails; the name marks it as a leftover.
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::AtomicFile;

    fn files_in(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn committed_file_replaces_destination_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("تصدير.json");
        std::fs::write(&out, "old").unwrap();
        let mut file = AtomicFile::create(&out).unwrap();
        file.write_all(b"new").unwrap();
        // Until the commit, readers still see the old file.
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert_eq!(file.commit().unwrap(), 3);
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert_eq!(files_in(dir.path()), ["تصدير.json"]);
    }

    #[test]
    fn abandoned_file_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        let mut file = AtomicFile::create(&out).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert!(files_in(dir.path()).is_empty());
    }

    /// Found by the hostile-input table: an export that filled the disk while flushing its
    /// last bytes left its temporary file behind. `/dev/full` fails every write with ENOSPC.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_at_commit_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let temporary = dir.path().join(".out.json.tmp");
        std::fs::write(&temporary, b"").unwrap();
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut file = AtomicFile {
            destination: dir.path().join("out.json"),
            temporary,
            writer: Some(std::io::BufWriter::new(full)),
        };
        // Buffered: the write succeeds, the flush inside commit does not.
        file.write_all(b"the last bytes").unwrap();
        assert_eq!(file.commit().unwrap_err().code(), "disk_full");
        assert!(
            files_in(dir.path()).is_empty(),
            "{:?}",
            files_in(dir.path())
        );
    }

    #[test]
    fn missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = AtomicFile::create(&dir.path().join("nowhere/out.csv"))
            .err()
            .unwrap();
        assert_eq!(error.code(), "io");
    }
}
