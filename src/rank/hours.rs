//! Working-hours overlap between two people, each in their own time zone and
//! with their own hours and days (or the configured guess), daylight saving
//! included.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
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
            let local = date.and_time(time);
            match self.zone.from_local_datetime(&local) {
                LocalResult::Single(t) => Some(t.timestamp()),
                // Clocks went back: the time happens twice; take the first.
                LocalResult::Ambiguous(first, _) => Some(first.timestamp()),
                // Clocks went forward over it: the same time on the new
                // clock, an hour on (as a 01:30 start on the morning clocks
                // go from 01:00 to 02:00 is one at 02:30).
                LocalResult::None => self
                    .zone
                    .from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
                    .map(|t| t.timestamp()),
            }
        };
        Some((at(self.hours.start)?, at(self.hours.end)?))
    }

    /// Their date at the instant `now`.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone).date_naive()
    }
}

/// [`overlap_hours`] from `a`'s date at the instant `now` (in Sydney on a
/// Saturday morning it is still Friday in UTC, a day already over there).
pub fn overlap_hours_at(a: Schedule, b: Schedule, now: DateTime<Utc>) -> f32 {
    overlap_hours(a, b, a.today(now))
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

    #[test]
    fn the_guess_is_monday_to_friday() {
        let london = guess("Europe/London");
        assert!(london.hours.works_on(d("2026-12-04")), "a Friday");
        assert!(!london.hours.works_on(d("2026-12-05")), "a Saturday");
        assert!(!london.hours.works_on(d("2026-12-06")), "a Sunday");
    }

    #[test]
    fn today_is_the_askers_date_not_utcs() {
        use Weekday::*;
        // 09:00 on Saturday 5 December in Sydney (UTC+11) is 22:00 on the
        // Friday in UTC.
        let now = "2026-12-04T22:00:00Z".parse().unwrap();
        let sydney = guess("Australia/Sydney");
        assert_eq!(sydney.today(now), d("2026-12-05"));
        // A colleague in Hong Kong who works only Fridays: that Friday is
        // over in Sydney, whose next working day is Monday; on UTC's date
        // it would be Friday, with Friday's five hours of overlap.
        let fridays = own("Asia/Hong_Kong", "09:00", "17:00", &[Fri]);
        assert_eq!(overlap_hours(sydney, fridays, d("2026-12-04")), 5.0);
        assert_eq!(overlap_hours_at(sydney, fridays, now), 0.0);
        // Someone who works every day overlaps Sydney's Monday.
        let every_day = own(
            "Asia/Hong_Kong",
            "09:00",
            "17:00",
            &[Mon, Tue, Wed, Thu, Fri, Sat, Sun],
        );
        assert_eq!(overlap_hours_at(sydney, every_day, now), 5.0);
    }

    #[test]
    fn a_start_inside_the_spring_forward_gap_moves_on_an_hour() {
        use Weekday::*;
        let all = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
        // London's clocks go from 01:00 to 02:00 on Sunday 29 March 2026:
        // 01:30 never happens that day, so the day starts at 02:30 BST
        // (01:30 UTC) and runs to 09:00 BST (08:00 UTC).
        let early = own("Europe/London", "01:30", "09:00", &all);
        let utc = own("UTC", "00:00", "23:00", &all);
        assert_eq!(overlap_hours(early, utc, d("2026-03-29")), 6.5);
        // The day before, 01:30 GMT to 09:00 GMT.
        assert_eq!(overlap_hours(early, utc, d("2026-03-28")), 7.5);
    }
}
