//! Timestamps: assigned here, in Rust, never by a front end.
use std::time::{SystemTime, UNIX_EPOCH};

/// The current time as RFC 3339 UTC with seconds, e.g. `2026-11-29T06:50:00Z`.
pub fn now_rfc3339() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        // A clock before 1970 is a broken machine; the epoch is a visible, harmless answer.
        .unwrap_or(0);
    format_rfc3339(seconds)
}

/// Formats seconds since the Unix epoch. Days-to-civil is Howard Hinnant's algorithm, which is
/// exact for the proleptic Gregorian calendar, so no date crate is needed for this one job.
pub fn format_rfc3339(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::format_rfc3339;

    #[test]
    fn formats_known_instants() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_660_129_199, "2022-08-10T10:59:59Z"),
            (4_102_444_800, "2100-01-01T00:00:00Z"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(format_rfc3339(seconds), expected, "{seconds}");
        }
    }
}
