//! What a person says about themselves, as GraphQL shows it: working hours
//! and contact actions.

use async_graphql::{Enum, SimpleObject};

use crate::domain;

/// A day of the week.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<chrono::Weekday> for Weekday {
    fn from(d: chrono::Weekday) -> Self {
        use chrono::Weekday as W;
        match d {
            W::Mon => Weekday::Monday,
            W::Tue => Weekday::Tuesday,
            W::Wed => Weekday::Wednesday,
            W::Thu => Weekday::Thursday,
            W::Fri => Weekday::Friday,
            W::Sat => Weekday::Saturday,
            W::Sun => Weekday::Sunday,
        }
    }
}

impl From<Weekday> for chrono::Weekday {
    fn from(d: Weekday) -> Self {
        use chrono::Weekday as W;
        match d {
            Weekday::Monday => W::Mon,
            Weekday::Tuesday => W::Tue,
            Weekday::Wednesday => W::Wed,
            Weekday::Thursday => W::Thu,
            Weekday::Friday => W::Fri,
            Weekday::Saturday => W::Sat,
            Weekday::Sunday => W::Sun,
        }
    }
}

/// When someone works, in their own local time (their `timezone`).
#[derive(SimpleObject)]
pub struct WorkingHours {
    /// Local start, `HH:MM`.
    pub start: String,
    /// Local end, `HH:MM`, later than the start on the same day.
    pub end: String,
    /// The days they work, Monday first.
    pub days: Vec<Weekday>,
}

impl From<domain::WorkingHours> for WorkingHours {
    fn from(h: domain::WorkingHours) -> Self {
        WorkingHours {
            start: domain::WorkingHours::clock(h.start),
            end: domain::WorkingHours::clock(h.end),
            days: h.days.list().into_iter().map(Into::into).collect(),
        }
    }
}

/// A way to reach someone, from the configured templates (`[contact]`).
#[derive(SimpleObject)]
pub struct ContactAction {
    /// What to show, e.g. "E-mail" or "Teams chat".
    pub label: String,
    /// The link (`mailto:`, `https:`, `msteams:`, `slack:`, `tel:` …).
    pub url: String,
}
