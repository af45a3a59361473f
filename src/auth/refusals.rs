//! Refused credentials, audited as aggregates. A flood of made-up tokens
//! must not become a flood of audit rows: per caller address and minute, the
//! first refusal is written at once (so a single mistake shows promptly) and
//! the rest are counted into one summary written when the minute is over.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::AuditEvent;

/// Addresses tracked in one minute; beyond this they share one summary.
const MAX_ADDRESSES: usize = 10_000;
/// Distinct reasons kept per summary.
const MAX_REASONS: usize = 5;
const OTHERS: &str = "other addresses";

struct Window {
    minute: i64,
    count: u64,
    reasons: BTreeSet<String>,
}

#[derive(Default)]
pub struct Refusals {
    windows: Mutex<HashMap<String, Window>>,
}

fn refused_event(address: &str, mut detail: serde_json::Value) -> AuditEvent {
    if let Some(d) = detail.as_object_mut() {
        d.insert("address".into(), address.into());
    }
    AuditEvent::new("anonymous", "sign_in", None)
        .outcome("denied")
        .detail(detail)
}

impl Refusals {
    /// Counts one refusal; the event to write now when it is the first from
    /// `address` this minute.
    pub fn note(
        &self,
        address: &str,
        reason: &str,
        path: &str,
        now: DateTime<Utc>,
    ) -> Option<AuditEvent> {
        metrics::counter!("tacit_credentials_refused_total").increment(1);
        let minute = now.timestamp() / 60;
        let mut windows = self.windows.lock().ok()?;
        let key = if windows.contains_key(address) || windows.len() < MAX_ADDRESSES {
            address
        } else {
            OTHERS
        };
        let w = windows.entry(key.to_string()).or_insert(Window {
            minute,
            count: 0,
            reasons: BTreeSet::new(),
        });
        w.count += 1;
        if w.count == 1 {
            return Some(refused_event(
                key,
                json!({ "reason": reason, "path": path }),
            ));
        }
        if w.reasons.len() < MAX_REASONS {
            w.reasons.insert(reason.to_string());
        }
        None
    }

    /// Summaries of the minutes over by `now`: one event per address
    /// refused more than once, saying how many more times and why.
    pub fn ended(&self, now: DateTime<Utc>) -> Vec<AuditEvent> {
        let minute = now.timestamp() / 60;
        let Ok(mut windows) = self.windows.lock() else {
            return vec![];
        };
        let over: Vec<String> = windows
            .iter()
            .filter(|(_, w)| w.minute < minute)
            .map(|(k, _)| k.clone())
            .collect();
        over.into_iter()
            .filter_map(|k| {
                let w = windows.remove(&k)?;
                (w.count > 1).then(|| {
                    refused_event(
                        &k,
                        json!({
                            "repeated": w.count - 1,
                            "minuteStarting": DateTime::<Utc>::from_timestamp(w.minute * 60, 0),
                            "reasons": w.reasons,
                        }),
                    )
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_two_entries_per_address_and_minute() {
        let r = Refusals::default();
        let t0 = DateTime::<Utc>::from_timestamp(6_000_000, 0).expect("time");
        let mut written = 0;
        for i in 0..500 {
            written += r
                .note(
                    "203.0.113.9",
                    &format!("unknown token {}", i % 7),
                    "/graphql",
                    t0,
                )
                .iter()
                .count();
        }
        written += r
            .note("198.51.100.7", "unknown token", "/graphql", t0)
            .iter()
            .count();
        assert_eq!(
            written, 2,
            "the first refusal from each address is written at once"
        );
        assert!(r.ended(t0).is_empty(), "the minute is not over yet");
        let summaries = r.ended(t0 + chrono::Duration::seconds(61));
        assert_eq!(
            summaries.len(),
            1,
            "only the address refused again gets a summary"
        );
        assert_eq!(summaries[0].detail["repeated"], 499);
        assert_eq!(summaries[0].detail["address"], "203.0.113.9");
        assert_eq!(
            summaries[0].detail["reasons"].as_array().map(Vec::len),
            Some(MAX_REASONS)
        );
        assert!(r.ended(t0 + chrono::Duration::seconds(200)).is_empty());
    }
}
