//! Refused credentials, audited as aggregates. A flood of made-up tokens
//! must not become a flood of audit rows: per caller address and minute, the
//! first refusal is written at once (so a single mistake shows promptly) and
//! the rest are counted into one summary written when the minute is over.
//! IPv6 callers are grouped by /64 (one host's share), and at most
//! [`MAX_IMMEDIATE`] entries a minute are written at once in all: the rest
//! wait for their summary, so rotating addresses cannot flood the log either.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::AuditEvent;

/// Addresses tracked in one minute; beyond this they share one summary.
const MAX_ADDRESSES: usize = 10_000;
/// Entries written at once per minute, over all addresses.
const MAX_IMMEDIATE: u64 = 100;
/// Distinct reasons kept per summary.
const MAX_REASONS: usize = 5;
const OTHERS: &str = "other addresses";

struct Window {
    minute: i64,
    count: u64,
    /// Whether its first refusal was written at once.
    written: bool,
    reasons: BTreeSet<String>,
}

#[derive(Default)]
pub struct Refusals {
    windows: Mutex<HashMap<String, Window>>,
    /// (minute, entries written at once in it).
    immediate: Mutex<(i64, u64)>,
}

/// The caller as refusals are counted: an IPv4 address, or an IPv6 /64.
fn group(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(ip) => ip.to_canonical().to_string(),
        Err(_) => address.to_string(),
    }
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
        let address = group(address);
        let mut windows = self.windows.lock().ok()?;
        let key = if windows.contains_key(&address) || windows.len() < MAX_ADDRESSES {
            address.as_str()
        } else {
            OTHERS
        };
        let w = windows.entry(key.to_string()).or_insert(Window {
            minute,
            count: 0,
            written: false,
            reasons: BTreeSet::new(),
        });
        w.count += 1;
        if w.count == 1 {
            let mut immediate = self.immediate.lock().ok()?;
            if immediate.0 != minute {
                *immediate = (minute, 0);
            }
            if immediate.1 < MAX_IMMEDIATE {
                immediate.1 += 1;
                w.written = true;
                return Some(refused_event(
                    key,
                    json!({ "reason": reason, "path": path }),
                ));
            }
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
                let repeated = w.count - u64::from(w.written);
                (repeated > 0).then(|| {
                    refused_event(
                        &k,
                        json!({
                            "repeated": repeated,
                            "refused": w.count,
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

    #[test]
    fn rotating_addresses_cannot_flood_the_log() {
        let r = Refusals::default();
        let t0 = DateTime::<Utc>::from_timestamp(6_000_000, 0).expect("time");
        // One host rotating through its /64: one caller.
        let mut written = 0;
        for i in 0..300 {
            let a = format!("2001:db8:1:2::{i:x}");
            written += r.note(&a, "unknown token", "/graphql", t0).iter().count();
        }
        assert_eq!(written, 1);
        // Many networks: at most MAX_IMMEDIATE written at once, the rest summarised.
        for i in 0..500 {
            let a = format!("2001:db8:{i:x}:9::1");
            written += r.note(&a, "unknown token", "/graphql", t0).iter().count();
        }
        assert_eq!(written as u64, MAX_IMMEDIATE);
        let summaries = r.ended(t0 + chrono::Duration::seconds(61));
        let host = summaries
            .iter()
            .find(|e| e.detail["address"] == "2001:db8:1:2::/64")
            .expect("the rotating host's summary");
        assert_eq!(host.detail["refused"], 300);
        let unwritten = summaries
            .iter()
            .filter(|e| e.detail["refused"] == 1)
            .count();
        assert_eq!(unwritten as u64, 500 + 1 - MAX_IMMEDIATE);
    }
}
