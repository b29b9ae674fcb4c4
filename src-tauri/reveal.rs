//! "Show in folder": the archive's folder in the desktop's file manager, through the platform's
//! own opener, so no opener plugin (and no capability for the webview) is needed.
use std::path::Path;
use std::process::Command;

/// The command that shows `file` in its folder: selected where the platform can (macOS,
/// Windows), the folder itself elsewhere (`xdg-open` cannot select a file).
fn opener(file: &Path) -> Command {
    if cfg!(target_os = "macos") {
        let mut command = Command::new("open");
        command.arg("-R").arg(file);
        command
    } else if cfg!(windows) {
        let mut select = std::ffi::OsString::from("/select,");
        select.push(file);
        let mut command = Command::new("explorer");
        command.arg(select);
        command
    } else {
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut command = Command::new("xdg-open");
        command.arg(folder);
        command
    }
}

/// Starts the opener and returns; a thread waits for it, so it leaves no zombie process.
pub fn show_in_folder(file: &Path) -> std::io::Result<()> {
    let mut child = opener(file).spawn()?;
    std::thread::Builder::new()
        .name("show-in-folder".into())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}
