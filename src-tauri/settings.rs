//! The app's own settings file (`settings.json` in the app's config folder): which archive to
//! open at start-up. Written atomically; a missing or unreadable file means "the default
//! archive", never a failed start. Interface preferences (language, theme) stay in the
//! webview's storage: they are the window's, the archive is the shell's.
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The settings file's content. Keys this build does not know are kept as they were, so an
/// older Arshif does not erase what a newer one wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The archive chosen in the settings screen; absent for the default archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<PathBuf>,
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl Settings {
    /// Reads the settings at `file`. A missing file is the defaults; so is one that is not
    /// our JSON (damaged, hand-edited), which is reported on stderr and left for the next save.
    pub fn load(file: &Path) -> Settings {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Settings::default()
            }
            Err(error) => {
                eprintln!("Arshif: could not read {}: {error}", file.display());
                return Settings::default();
            }
        };
        serde_json::from_slice(&bytes).unwrap_or_else(|error| {
            eprintln!(
                "Arshif: {} is not valid settings ({error}); using the defaults",
                file.display()
            );
            Settings::default()
        })
    }

    /// Writes the settings to `file` whole or not at all: a temporary file in the same folder,
    /// flushed to disk, then renamed over the old one, so a crash never leaves half a file.
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let written = std::fs::File::create(&temporary).and_then(|mut out| {
            out.write_all(&json)?;
            out.sync_all()
        });
        let renamed = written.and_then(|()| std::fs::rename(&temporary, file));
        if renamed.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        renamed
    }
}

/// The app's folders: its default archive and its settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub default_archive: PathBuf,
    pub settings_file: PathBuf,
}

/// Why the window shows the archive it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveSource {
    /// The app-data archive, the one the CLI opens without `--db`.
    Default,
    /// An archive chosen in the settings screen (remembered across restarts).
    Chosen,
    /// `ARSHIF_DB`, which wins over the remembered choice.
    Environment,
}

/// Something the window should say once at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ArchiveNotice {
    /// The remembered archive was not found (deleted, moved, on a drive not plugged in), so the
    /// default archive is open instead. The choice is forgotten, so this is said once.
    RememberedArchiveMissing { path: PathBuf },
}

/// The archive to open at start-up, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub archive: PathBuf,
    pub source: ArchiveSource,
    pub notice: Option<ArchiveNotice>,
}

/// Picks the archive to open: `ARSHIF_DB` first, then the remembered choice if its file is
/// still there, else the default archive.
pub fn choose_archive(environment: Option<PathBuf>, places: &Places) -> Startup {
    let default = |notice| Startup {
        archive: places.default_archive.clone(),
        source: ArchiveSource::Default,
        notice,
    };
    if let Some(archive) = environment {
        return Startup {
            archive,
            source: ArchiveSource::Environment,
            notice: None,
        };
    }
    let mut settings = Settings::load(&places.settings_file);
    match settings.archive.take() {
        None => default(None),
        Some(path) if path.is_file() => Startup {
            source: source_of(&path, places),
            archive: path,
            notice: None,
        },
        Some(path) => {
            // Forget it, or every start would say the same thing again.
            if let Err(error) = settings.save(&places.settings_file) {
                eprintln!(
                    "Arshif: could not update {}: {error}",
                    places.settings_file.display()
                );
            }
            default(Some(ArchiveNotice::RememberedArchiveMissing { path }))
        }
    }
}

/// Whether `archive` is the default archive or another one the user chose.
pub fn source_of(archive: &Path, places: &Places) -> ArchiveSource {
    if archive == places.default_archive {
        ArchiveSource::Default
    } else {
        ArchiveSource::Chosen
    }
}

/// Remembers `archive` as the one to open at the next start (the default archive is
/// remembered as no choice at all). Other settings in the file are kept.
pub fn remember(archive: &Path, places: &Places) -> std::io::Result<()> {
    let mut settings = Settings::load(&places.settings_file);
    settings.archive = match source_of(archive, places) {
        ArchiveSource::Default => None,
        _ => Some(archive.to_path_buf()),
    };
    settings.save(&places.settings_file)
}
