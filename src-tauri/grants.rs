//! Grants: the files the user chose in a native dialog the shell opened, or dropped on the
//! window, each handed to the webview as an opaque token that one command of one kind may use
//! once. The webview never names a path a command reads or writes (docs/SECURITY.md, threat 3):
//! it can only present a token, and a token reaches only what the user picked for that job.
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::error::CommandError;
use crate::lock;

/// What a grant may be used for: each command accepts only its own kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Files and folders to read into the archive (the open dialogs, or a drop on the window).
    Import,
    /// The file an export writes (the save dialog).
    Export,
    /// The file a backup writes (the save dialog).
    Backup,
    /// The backup a restore reads (the open dialog).
    Restore,
    /// An archive to switch to (the open dialog).
    OpenArchive,
    /// Where a new archive goes (the save dialog).
    CreateArchive,
}

/// What a dialog or a drop gave the window: the token to present, and the paths for it to show
/// (names in a notice, a count); showing them grants nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Picked {
    pub grant: String,
    pub paths: Vec<PathBuf>,
}

/// The grants not used yet: at most one per purpose, since a window does one job of a kind at a
/// time; a newer pick replaces an older one that was never used (a restore declined at its
/// confirmation, say).
#[derive(Debug, Default)]
pub struct Grants {
    pending: Mutex<HashMap<Purpose, Picked>>,
    /// Keys for the tokens, random per process: a token is no counter a script could guess,
    /// though guessing one would only reach what the user picked for that job anyway.
    keys: RandomState,
    issued: AtomicU64,
}

impl Grants {
    /// Grants `paths` for one use of the kind `purpose`.
    pub fn grant(&self, purpose: Purpose, paths: Vec<PathBuf>) -> Picked {
        let serial = self.issued.fetch_add(1, Ordering::Relaxed);
        let picked = Picked {
            grant: format!("{:016x}", self.keys.hash_one(serial)),
            paths,
        };
        lock(&self.pending).insert(purpose, picked.clone());
        picked
    }

    /// The paths granted under `token` for `purpose`, which are no longer granted after this.
    /// Anything else (a path sent in a token's place, a token of another kind, one already used)
    /// is refused with `not_granted`.
    pub fn take(&self, token: &str, purpose: Purpose) -> Result<Vec<PathBuf>, CommandError> {
        let mut pending = lock(&self.pending);
        match pending.get(&purpose) {
            Some(picked) if picked.grant == token => Ok(pending
                .remove(&purpose)
                .map(|p| p.paths)
                .unwrap_or_default()),
            _ => Err(CommandError::new(
                "not_granted",
                "this file was not chosen in one of Arshif's file dialogs",
            )),
        }
    }

    /// The one path a single-file grant holds (a save dialog's answer, one backup).
    pub fn take_one(&self, token: &str, purpose: Purpose) -> Result<PathBuf, CommandError> {
        let mut paths = self.take(token, purpose)?;
        match paths.len() {
            1 => Ok(paths.remove(0)),
            n => Err(CommandError::new(
                "not_granted",
                format!("one file was expected, the grant holds {n}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_serves_its_own_purpose_once() {
        let grants = Grants::default();
        let file = PathBuf::from("/home/user/export.json");
        let picked = grants.grant(Purpose::Export, vec![file.clone()]);
        let refused = |token: &str, purpose| grants.take(token, purpose).unwrap_err().code;
        // A path in a token's place, a made-up token, the right token for another job.
        assert_eq!(
            refused("/home/user/.bashrc", Purpose::Export),
            "not_granted"
        );
        assert_eq!(refused("0000000000000000", Purpose::Export), "not_granted");
        assert_eq!(refused(&picked.grant, Purpose::Backup), "not_granted");
        assert_eq!(grants.take_one(&picked.grant, Purpose::Export), Ok(file));
        assert_eq!(refused(&picked.grant, Purpose::Export), "not_granted");
    }

    #[test]
    fn a_newer_pick_replaces_an_unused_one_and_tokens_differ() {
        let grants = Grants::default();
        let old = grants.grant(Purpose::Restore, vec!["a".into()]);
        let new = grants.grant(Purpose::Restore, vec!["b".into()]);
        assert_ne!(old.grant, new.grant);
        assert!(grants.take(&old.grant, Purpose::Restore).is_err());
        assert_eq!(
            grants.take(&new.grant, Purpose::Restore),
            Ok(vec![PathBuf::from("b")])
        );
    }

    #[test]
    fn a_single_file_job_refuses_a_grant_of_several() {
        let grants = Grants::default();
        let two = grants.grant(Purpose::Import, vec!["a".into(), "b".into()]);
        let error = grants.take_one(&two.grant, Purpose::Import).unwrap_err();
        assert_eq!(error.code, "not_granted");
    }
}
