//! Offices of the demo public body, with real time zones and countries.

/// An office: where people sit, with its IANA time zone and ISO country code.
pub(crate) struct Office {
    pub name: &'static str,
    pub timezone: &'static str,
    pub country: &'static str,
    /// Standard-time offset from UTC, for dating work in office hours.
    pub utc_offset_hours: i64,
    /// Share of headcount.
    pub weight: f64,
    /// Share of people named from each name pool (see `names::Pool`).
    pub name_mix: &'static [(super::names::Pool, f64)],
}

use super::names::Pool::{Australian, British, HongKong, Irish, Scottish};

#[rustfmt::skip]
pub(crate) const OFFICES: &[Office] = &[
    Office {
        name: "Belfast",
        timezone: "Europe/London",
        utc_offset_hours: 0,
        country: "GB",
        weight: 0.30,
        name_mix: &[
            (Irish, 0.78),
            (British, 0.14),
            (Scottish, 0.04),
            (HongKong, 0.04),
        ],
    },
    Office {
        name: "London",
        timezone: "Europe/London",
        utc_offset_hours: 0,
        country: "GB",
        weight: 0.24,
        name_mix: &[
            (British, 0.80),
            (Irish, 0.07),
            (Scottish, 0.05),
            (HongKong, 0.05),
            (Australian, 0.03),
        ],
    },
    Office {
        name: "Edinburgh",
        timezone: "Europe/London",
        utc_offset_hours: 0,
        country: "GB",
        weight: 0.15,
        name_mix: &[
            (Scottish, 0.72),
            (British, 0.18),
            (Irish, 0.07),
            (HongKong, 0.03),
        ],
    },
    Office {
        name: "Manchester",
        timezone: "Europe/London",
        utc_offset_hours: 0,
        country: "GB",
        weight: 0.16,
        name_mix: &[
            (British, 0.84),
            (Irish, 0.07),
            (Scottish, 0.05),
            (HongKong, 0.04),
        ],
    },
    Office {
        name: "Hong Kong",
        timezone: "Asia/Hong_Kong",
        utc_offset_hours: 8,
        country: "HK",
        weight: 0.08,
        name_mix: &[(HongKong, 0.86), (British, 0.09), (Australian, 0.05)],
    },
    Office {
        name: "Sydney",
        timezone: "Australia/Sydney",
        utc_offset_hours: 10,
        country: "AU",
        weight: 0.07,
        name_mix: &[
            (Australian, 0.84),
            (British, 0.08),
            (HongKong, 0.05),
            (Irish, 0.03),
        ],
    },
];

/// Number of UK offices at the start of `OFFICES`; unit heads sit in one of them.
pub(crate) const UK_OFFICES: usize = 4;
