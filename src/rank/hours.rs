//! Working-hours overlap between two people, each in their own time zone and
//! with their own hours and days (or the configured guess), daylight saving
//! included.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::domain::WorkingHours;

/// Where and when someone works.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    pub zone: Tz,
    pub hours: WorkingHours,
}

impl Schedule {
    /// UTC start and end of their working day `date`, as seconds since the
    /// epoch; `None` when they do not work that day.
    fn day(&self, date: NaiveDate) -> Option<(i64, i64)> {
        if !self.hours.works_on(date) {
            return None;
        }
        let at = |time: NaiveTime| {
            // A gap or fold at that time (a DST change): take the earliest valid instant.
            self.zone
                .from_local_datetime(&date.and_time(time))
                .earliest()
                .map(|t| t.timestamp())
        };
        Some((at(self.hours.start)?, at(self.hours.end)?))
    }
}

/// Hours that `a`'s next working day from `date` (that day itself when they
/// work then) overlaps `b`'s nearest working day.
pub fn overlap_hours(a: Schedule, b: Schedule, date: NaiveDate) -> f32 {
    let Some((day, (a0, a1))) = (0..7)
        .map(|d| date + Duration::days(d))
        .find_map(|d| Some((d, a.day(d)?)))
    else {
        return 0.0;
    };
    [-1, 0, 1]
        .into_iter()
        .filter_map(|d| b.day(day + Duration::days(d)))
        .map(|(b0, b1)| (a1.min(b1) - a0.max(b0)).max(0) as f32 / 3600.0)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn guess(zone: &str) -> Schedule {
        Schedule {
            zone: zone.parse().unwrap(),
            hours: WorkingHours::guess(9, 17),
        }
    }

    fn own(zone: &str, start: &str, end: &str, days: &[Weekday]) -> Schedule {
        Schedule {
            zone: zone.parse().unwrap(),
            hours: WorkingHours::parse(start, end, days).unwrap(),
        }
    }

    #[test]
    fn offices_overlap_as_expected() {
        let (belfast, london, hk, sydney) = (
            guess("Europe/London"),
            guess("Europe/London"),
            guess("Asia/Hong_Kong"),
            guess("Australia/Sydney"),
        );
        assert_eq!(overlap_hours(belfast, london, d("2026-11-28")), 8.0);
        // Winter: London is UTC, Hong Kong UTC+8: 09:00–17:00 vs 01:00–09:00 UTC.
        assert_eq!(overlap_hours(london, hk, d("2026-11-28")), 0.0);
        // Summer: London UTC+1, so its day starts at 08:00 UTC, one hour before HK's ends.
        assert_eq!(overlap_hours(london, hk, d("2026-07-01")), 1.0);
        // Sydney in November is UTC+11: 22:00–06:00 UTC, no overlap with London.
        assert_eq!(overlap_hours(london, sydney, d("2026-11-28")), 0.0);
        // Hong Kong and Sydney: 01:00–09:00 vs 22:00–06:00 UTC: five hours.
        assert_eq!(overlap_hours(hk, sydney, d("2026-11-28")), 5.0);
        assert_eq!(overlap_hours(sydney, hk, d("2026-11-28")), 5.0);
    }

    #[test]
    fn a_persons_own_hours_and_days_replace_the_guess() {
        use Weekday::*;
        let london = guess("Europe/London");
        // An early starter in Hong Kong (07:00–15:00, UTC 23:00–07:00): no
        // overlap with London's 09:00–17:00 UTC in winter...
        let early = own(
            "Asia/Hong_Kong",
            "07:00",
            "15:00",
            &[Mon, Tue, Wed, Thu, Fri],
        );
        assert_eq!(overlap_hours(london, early, d("2026-12-07")), 0.0);
        // ...a late one (13:00–21:30, UTC 05:00–13:30) overlaps four and a half hours.
        let late = own(
            "Asia/Hong_Kong",
            "13:00",
            "21:30",
            &[Mon, Tue, Wed, Thu, Fri],
        );
        assert_eq!(overlap_hours(london, late, d("2026-12-07")), 4.5);
        assert_eq!(overlap_hours(late, london, d("2026-12-07")), 4.5);
        // Someone who works only on Mondays, asked on a Tuesday: the nearest
        // of their days is a day away, so Tuesday's 9–17 in London meets nothing...
        let mondays = own("Europe/London", "09:00", "17:00", &[Mon]);
        assert_eq!(overlap_hours(london, mondays, d("2026-12-08")), 0.0);
        // ...but on a Sunday or Monday it does.
        assert_eq!(overlap_hours(london, mondays, d("2026-12-07")), 8.0);
        // Asked on a Saturday by someone who works weekdays: their next working
        // day (Monday) is compared.
        let weekdays = own(
            "Europe/London",
            "10:00",
            "12:00",
            &[Mon, Tue, Wed, Thu, Fri],
        );
        assert_eq!(overlap_hours(weekdays, london, d("2026-12-05")), 2.0);
    }
}
