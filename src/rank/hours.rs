//! Working-hours overlap between two time zones, daylight saving included.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// UTC start and end of the working day `date` in `tz`, as seconds since the epoch.
fn working_day(tz: Tz, date: NaiveDate, start: u32, end: u32) -> Option<(i64, i64)> {
    let at = |hour: u32| {
        let time = NaiveTime::from_hms_opt(hour.min(23), 0, 0)?;
        // A gap or fold at that hour (a DST change): take the earliest valid instant.
        tz.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|t| t.timestamp())
    };
    let (s, e) = (at(start)?, at(end.max(start))?);
    Some((s, e))
}

/// Hours that `a`'s working day on `date` overlaps `b`'s nearest working day.
pub fn overlap_hours(a: Tz, b: Tz, date: NaiveDate, start: u32, end: u32) -> f32 {
    let Some((a0, a1)) = working_day(a, date, start, end) else {
        return 0.0;
    };
    [-1, 0, 1]
        .into_iter()
        .filter_map(|d| working_day(b, date + Duration::days(d), start, end))
        .map(|(b0, b1)| (a1.min(b1) - a0.max(b0)).max(0) as f32 / 3600.0)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn offices_overlap_as_expected() {
        let (belfast, london, hk, sydney): (Tz, Tz, Tz, Tz) = (
            "Europe/London".parse().unwrap(),
            "Europe/London".parse().unwrap(),
            "Asia/Hong_Kong".parse().unwrap(),
            "Australia/Sydney".parse().unwrap(),
        );
        assert_eq!(overlap_hours(belfast, london, d("2026-11-28"), 9, 17), 8.0);
        // Winter: London is UTC, Hong Kong UTC+8: 09:00–17:00 vs 01:00–09:00 UTC.
        assert_eq!(overlap_hours(london, hk, d("2026-11-28"), 9, 17), 0.0);
        // Summer: London UTC+1, so its day starts at 08:00 UTC, one hour before HK's ends.
        assert_eq!(overlap_hours(london, hk, d("2026-07-01"), 9, 17), 1.0);
        // Sydney in November is UTC+11: 22:00–06:00 UTC, no overlap with London.
        assert_eq!(overlap_hours(london, sydney, d("2026-11-28"), 9, 17), 0.0);
        // Hong Kong and Sydney: 01:00–09:00 vs 22:00–06:00 UTC: five hours.
        assert_eq!(overlap_hours(hk, sydney, d("2026-11-28"), 9, 17), 5.0);
        assert_eq!(overlap_hours(sydney, hk, d("2026-11-28"), 9, 17), 5.0);
    }
}
