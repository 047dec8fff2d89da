//! Small helpers every stage shares: rounding, time, wording and JSON. A leaf: it imports
//! nothing from the crate, so any module may use it without making a cycle.

use serde::Serialize;

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Where a window of the last `days` days before `head_time` starts (seconds since the epoch):
/// a commit at or after it is in the window. The history pass (which commits count lines),
/// the hotspots (which count as revisions) and the X-Ray (which it follows) share it, so the
/// three agree on every commit.
pub fn window_start(head_time: i64, days: u32) -> i64 {
    head_time - i64::from(days) * DAY
}

/// `x` rounded to three decimals, as every ratio in the reports is.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A Unix time as RFC 3339 UTC (the number itself if it is out of range).
pub fn timestamp(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| seconds.to_string())
}

/// The weight of a change `age_days` old when weights halve every `half_life_days`.
pub fn recency_weight(age_days: f64, half_life_days: f64) -> f64 {
    0.5f64.powf(age_days / half_life_days)
}

/// `"s"` unless `n` is one: `format!("{n} day{}", s(n))`.
pub fn s<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) {
        ""
    } else {
        "s"
    }
}

/// `n` and the noun, plural unless `n` is one: `1 day`, `2 days`.
pub fn count<N: PartialEq + From<u8> + std::fmt::Display + Copy>(n: N, noun: &str) -> String {
    format!("{n} {noun}{}", s(n))
}

/// Pretty-printed JSON with a final newline, as every JSON report is written.
pub fn pretty_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain data into a string fails only on non-string map keys, which no report
    // type has.
    let mut out = serde_json::to_string_pretty(value).expect("reports always serialise");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_and_rounding() {
        assert_eq!(count(1u32, "day"), "1 day");
        assert_eq!(count(2usize, "day"), "2 days");
        assert_eq!(count(0u64, "file"), "0 files");
        assert_eq!(round3(0.12345), 0.123);
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(recency_weight(180.0, 180.0), 0.5);
        assert_eq!(pretty_json(&[1]), "[\n  1\n]\n");
    }
}
