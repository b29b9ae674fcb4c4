//! The import progress bar, drawn on stderr only when it is a terminal (see `main.rs`): files
//! done of all, the share done, the pace, the time left and the file being read.
use std::time::{Duration, Instant};

use arshif_engine::ImportProgress;

/// Cells of the bar itself.
const BAR_CELLS: usize = 20;
/// Redraws at most this often: a folder of small files reports thousands of files a second,
/// and a terminal that redraws each one slows the import it shows.
const REDRAW_EVERY: Duration = Duration::from_millis(100);
/// The pace is not shown before this much time has passed: the first files say little.
const PACE_AFTER: Duration = Duration::from_millis(500);

pub struct ProgressBar {
    started: Instant,
    last_drawn: Option<Instant>,
    width: usize,
}

impl ProgressBar {
    pub fn new() -> ProgressBar {
        // COLUMNS is set by most shells; without it, 80 columns is the safe guess.
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&c: &usize| c >= 40)
            .unwrap_or(80);
        ProgressBar {
            started: Instant::now(),
            last_drawn: None,
            width,
        }
    }

    pub fn update(&mut self, progress: &ImportProgress) {
        let now = Instant::now();
        let last = progress.done >= progress.total;
        if !last && self.last_drawn.is_some_and(|t| now - t < REDRAW_EVERY) {
            return;
        }
        self.last_drawn = Some(now);
        let text = line(
            progress.done,
            progress.total,
            now - self.started,
            &progress.current_file,
            self.width,
        );
        eprint!("\r\x1b[2K{text}");
    }

    /// Clears the bar so the report starts on a clean line.
    pub fn finish(&self) {
        if self.last_drawn.is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}

/// One line of progress, at most `width` characters.
pub fn line(done: u64, total: u64, elapsed: Duration, file: &str, width: usize) -> String {
    let share = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let filled = ((share * BAR_CELLS as f64).round() as usize).min(BAR_CELLS);
    let mut text = format!(
        "[{}{}] {done}/{total} {:>3.0}%",
        "█".repeat(filled),
        "░".repeat(BAR_CELLS - filled),
        share * 100.0
    );
    let seconds = elapsed.as_secs_f64();
    if elapsed >= PACE_AFTER && done > 0 {
        let rate = done as f64 / seconds;
        text.push_str(&format!(" · {rate:.0} files/s"));
        if done < total {
            let left = (total - done) as f64 / rate;
            text.push_str(&format!(" · {} left", clock(left)));
        }
    }
    let room = width.saturating_sub(text.chars().count() + 3);
    if room > 3 && !file.is_empty() {
        text.push_str(" · ");
        text.push_str(&tail(file, room));
    }
    text
}

/// `m:ss`, or `h:mm:ss` from an hour.
fn clock(seconds: f64) -> String {
    let total = seconds.round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The end of `path` in at most `room` characters: the file name matters more than the folders.
fn tail(path: &str, room: usize) -> String {
    let count = path.chars().count();
    if count <= room {
        return path.to_string();
    }
    let keep: String = path.chars().skip(count - (room - 1)).collect();
    format!("…{keep}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(done: u64, total: u64, millis: u64, file: &str, width: usize, expected: &str) {
        let text = line(done, total, Duration::from_millis(millis), file, width);
        assert_eq!(text, expected);
        assert!(text.chars().count() <= width.max(expected.chars().count()));
    }

    #[test]
    fn lines() {
        check(
            0,
            10_000,
            0,
            "a.txt",
            80,
            "[░░░░░░░░░░░░░░░░░░░░] 0/10000   0% · a.txt",
        );
        // Too early for a pace.
        check(5, 10, 200, "", 80, "[██████████░░░░░░░░░░] 5/10  50%");
        // 2,500 files in 10 s: 250 files/s, 7,500 left take 30 s.
        check(
            2_500,
            10_000,
            10_000,
            "/archive/2019/مقال.txt",
            100,
            "[█████░░░░░░░░░░░░░░░] 2500/10000  25% · 250 files/s · 0:30 left · /archive/2019/مقال.txt",
        );
        // A narrow terminal keeps the end of the path.
        check(
            1,
            3_600,
            1_000,
            "/very/long/folder/name/article.html",
            72,
            "[░░░░░░░░░░░░░░░░░░░░] 1/3600   0% · 1 files/s · 59:59 left · …icle.html",
        );
        check(
            3,
            3,
            2_000,
            "last.md",
            80,
            "[████████████████████] 3/3 100% · 2 files/s · last.md",
        );
    }

    #[test]
    fn clocks() {
        for (seconds, expected) in [(0.0, "0:00"), (59.6, "1:00"), (3_725.0, "1:02:05")] {
            assert_eq!(clock(seconds), expected);
        }
    }
}
