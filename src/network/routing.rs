//! Who a question goes to: the ranking's best people, keeping the rules
//! that protect them. Pure: the caller gathers the facts.
//!
//! * never the asker, someone who has left or opted out (the ranking
//!   already leaves those out), nor anyone the question already went to;
//! * not someone leaving within `leaving_within_days` (they are skipped,
//!   with the reason);
//! * **fair share**: not someone already sent `max_open_per_week` questions
//!   in the last seven days that they did not decline or pass on, open or not
//!   (skipped, with the cap and their count);
//! * among the best eligible people (twice as many as wanted), those who
//!   lately said "not me" to a question on the same skills come last (the
//!   network learns a little from each "not me"), those whose working hours
//!   cover now come first; then the ranking's order.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::Invalid;

/// `[routing]` in the config file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoutingRules {
    /// How many people a question goes to at first (default 3, at most 10).
    pub people: usize,
    /// The most open questions anyone is routed in seven days (default 5).
    pub max_open_per_week: usize,
    /// People leaving within this many days are not asked (default 14).
    pub leaving_within_days: i64,
    /// The most open questions one person may have asked at once
    /// (default 10), so nobody floods colleagues.
    pub max_open_asked: usize,
    /// The most questions one person may ask in 24 hours (default 20).
    pub max_asked_per_day: usize,
}

impl Default for RoutingRules {
    fn default() -> Self {
        RoutingRules {
            people: 3,
            max_open_per_week: 5,
            leaving_within_days: 14,
            max_open_asked: 10,
            max_asked_per_day: 20,
        }
    }
}

impl RoutingRules {
    pub fn check(&self) -> Result<(), Invalid> {
        if !(1..=10).contains(&self.people) {
            return Err(Invalid::new("people must be between 1 and 10"));
        }
        if self.max_open_per_week == 0 {
            return Err(Invalid::new("max_open_per_week must be at least 1"));
        }
        if self.max_open_asked == 0 || self.max_asked_per_day == 0 {
            return Err(Invalid::new(
                "max_open_asked and max_asked_per_day must be at least 1",
            ));
        }
        if !(0..=365).contains(&self.leaving_within_days) {
            return Err(Invalid::new(
                "leaving_within_days must be between 0 and 365",
            ));
        }
        Ok(())
    }
}

/// What routing needs to know of one person the ranking suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub person_id: String,
    /// The ranking's explanation: why they were suggested.
    pub why: String,
    /// Questions routed to them in the last seven days (not declined or
    /// passed on).
    pub open_this_week: usize,
    pub leaving_on: Option<NaiveDate>,
    pub working_now: bool,
    /// They said "not me" lately to a question on one of this one's skills.
    pub declined_topic: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Route { person_id: String, why: String },
    Skip { person_id: String, why: String },
}

/// Chooses up to `wanted` people from `ranked` (best first), with the
/// people skipped on the way and why. Skips are reported only for people
/// ranked above the last one chosen: the ones the asker would have expected.
pub fn choose(
    rules: &RoutingRules,
    ranked: &[Candidate],
    wanted: usize,
    today: NaiveDate,
) -> Vec<Decision> {
    let mut eligible: Vec<(usize, &Candidate)> = Vec::new();
    let mut skipped: Vec<(usize, Decision)> = Vec::new();
    let window = wanted.saturating_mul(2).max(wanted);
    for (rank, c) in ranked.iter().enumerate() {
        if eligible.len() >= window {
            break;
        }
        if let Some(d) = c.leaving_on
            && (d - today).num_days() <= rules.leaving_within_days
        {
            skipped.push((
                rank,
                Decision::Skip {
                    person_id: c.person_id.clone(),
                    // Not the date: that is for HR (the asker sees this).
                    why: format!(
                        "leaving soon: people leaving within {} days are not asked",
                        rules.leaving_within_days
                    ),
                },
            ));
            continue;
        }
        if c.open_this_week >= rules.max_open_per_week {
            skipped.push((
                rank,
                Decision::Skip {
                    person_id: c.person_id.clone(),
                    why: format!(
                        "was asked {} questions in the last seven days: the fair-share cap is {}",
                        c.open_this_week, rules.max_open_per_week
                    ),
                },
            ));
            continue;
        }
        eligible.push((rank, c));
    }
    // "Not me" on the topic last, working now first, then the ranking's order.
    eligible.sort_by_key(|(rank, c)| (c.declined_topic, !c.working_now, *rank));
    eligible.truncate(wanted);
    let last = eligible.iter().map(|(rank, _)| *rank).max().unwrap_or(0);
    let mut out: Vec<(usize, Decision)> = eligible
        .into_iter()
        .map(|(rank, c)| {
            (
                rank,
                Decision::Route {
                    person_id: c.person_id.clone(),
                    why: c.why.clone(),
                },
            )
        })
        .collect();
    out.extend(skipped.into_iter().filter(|(rank, _)| *rank < last));
    out.sort_by_key(|(rank, d)| (matches!(d, Decision::Skip { .. }), *rank));
    out.into_iter().map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, open: usize, leaving: Option<&str>, working: bool) -> Candidate {
        Candidate {
            person_id: id.into(),
            why: format!("{id} knows"),
            open_this_week: open,
            leaving_on: leaving.map(|d| d.parse().unwrap_or_default()),
            working_now: working,
            declined_topic: false,
        }
    }

    fn ids(ds: &[Decision]) -> Vec<String> {
        ds.iter()
            .map(|d| match d {
                Decision::Route { person_id, .. } => person_id.clone(),
                Decision::Skip { person_id, .. } => format!("-{person_id}"),
            })
            .collect()
    }

    #[test]
    fn the_cap_and_leavers_are_skipped_with_reasons_and_working_hours_come_first() {
        let rules = RoutingRules {
            people: 3,
            max_open_per_week: 2,
            ..RoutingRules::default()
        };
        let today: NaiveDate = "2027-01-10".parse().unwrap_or_default();
        let ranked = [
            c("a", 2, None, true),
            c("b", 0, Some("2027-01-20"), true),
            c("c", 1, None, false),
            c("d", 0, Some("2027-06-01"), true),
            c("e", 0, None, true),
            c("f", 0, None, true),
            c("g", 0, None, true),
        ];
        let got = choose(&rules, &ranked, 3, today);
        // c is eligible but not working now; d, e, f are (within the window of six).
        assert_eq!(ids(&got), ["d", "e", "f", "-a", "-b"]);
        let Decision::Skip { why, .. } = &got[3] else {
            unreachable!()
        };
        assert!(why.contains("fair-share cap is 2"), "{why}");
        let Decision::Skip { why, .. } = &got[4] else {
            unreachable!()
        };
        assert!(
            why.contains("leaving soon") && !why.contains("2027"),
            "{why}"
        );
        // Nobody working now: the ranking's order.
        let asleep: Vec<Candidate> = ranked
            .iter()
            .map(|c| Candidate {
                working_now: false,
                ..c.clone()
            })
            .collect();
        assert_eq!(
            ids(&choose(&rules, &asleep, 2, today)),
            ["c", "d", "-a", "-b"]
        );
        // Someone who said "not me" on the topic lately goes after the others.
        let mut shy = ranked.to_vec();
        shy[3].declined_topic = true;
        assert_eq!(
            ids(&choose(&rules, &shy, 3, today)),
            ["e", "f", "g", "-a", "-b"]
        );
        // One more wanted (a "not me"): the next eligible one.
        assert_eq!(ids(&choose(&rules, &ranked[4..], 1, today)), ["e"]);
        assert!(choose(&rules, &[], 3, today).is_empty());
        assert!(
            RoutingRules {
                people: 0,
                ..rules.clone()
            }
            .check()
            .is_err()
        );
        assert!(RoutingRules::default().check().is_ok());
    }
}
