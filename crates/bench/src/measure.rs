//! Measuring: latency percentiles, memory read from `/proc/self/status`, file sizes, and the
//! machine the figures come from.
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

/// Latency figures over many timed searches, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Latency {
    pub samples: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
}

impl Latency {
    pub fn of(samples: &[Duration]) -> Latency {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let mean = if ms.is_empty() {
            0.0
        } else {
            ms.iter().sum::<f64>() / ms.len() as f64
        };
        Latency {
            samples: ms.len(),
            p50_ms: percentile(&ms, 50.0),
            p99_ms: percentile(&ms, 99.0),
            mean_ms: mean,
            max_ms: ms.last().copied().unwrap_or(0.0),
        }
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` % of
/// the values at or below it. No interpolation, so every figure is a latency that happened.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Resident memory now and at its peak, in bytes, from `/proc/self/status` (Linux).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Memory {
    pub rss_bytes: u64,
    pub peak_rss_bytes: u64,
}

impl Memory {
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| -> Option<u64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: u64 = line[name.len()..]
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()?;
            Some(kb * 1024)
        };
        Some(Memory {
            rss_bytes: field("VmRSS:")?,
            peak_rss_bytes: field("VmHWM:")?,
        })
    }

    /// Starts a new peak: writing 5 to `clear_refs` resets VmHWM to the current RSS (Linux
    /// 4.0+), so each engine's peak is its own and not the previous engine's. Returns false
    /// where that is not allowed; the peak then counts from the start of the process.
    pub fn reset_peak() -> bool {
        std::fs::write("/proc/self/clear_refs", "5").is_ok()
    }
}

/// Total size of the files under `path` (a file or a folder), in bytes.
pub fn disk_size(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| disk_size(&e.path())).sum())
        .unwrap_or(0)
}

/// The machine the figures come from.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub os: String,
    /// The 1-minute load average before the run: another build on the machine would show here.
    pub load_before: f64,
}

impl Machine {
    pub fn read() -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let cpuinfo = read("/proc/cpuinfo");
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, name)| name.trim().to_string())
            .unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let memory_gib = read("/proc/meminfo")
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
        let os = read("/proc/sys/kernel/osrelease").trim().to_string();
        Machine {
            cpu,
            cores,
            memory_gib,
            os: format!("Linux {os}"),
            load_before: load_average(),
        }
    }
}

/// The 1-minute load average, or 0 where it cannot be read.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        let cases: &[(&[f64], f64, f64)] = &[
            (&[], 50.0, 0.0),
            (&[7.0], 99.0, 7.0),
            (&[1.0, 2.0], 50.0, 1.0),
            (&[1.0, 2.0, 3.0], 50.0, 2.0),
            (&hundred, 50.0, 50.0),
            (&hundred, 99.0, 99.0),
            (&hundred, 100.0, 100.0),
        ];
        for (values, p, expected) in cases {
            assert_eq!(percentile(values, *p), *expected, "p{p} of {values:?}");
        }
    }

    #[test]
    fn latency_summary() {
        let samples: Vec<Duration> = [3, 1, 2, 10].map(Duration::from_millis).to_vec();
        let latency = Latency::of(&samples);
        assert_eq!(latency.samples, 4);
        assert_eq!(latency.p50_ms, 2.0);
        assert_eq!(latency.p99_ms, 10.0);
        assert_eq!(latency.mean_ms, 4.0);
    }
}
