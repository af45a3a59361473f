//! Reading the audit log for an investigation: filtered by who acted, what
//! it was about, the action and a date range; each entry with the names
//! behind its ids and one readable line; a filtered view exported as CSV
//! (the export is itself audited).

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use crate::auth::{Action, Principal, Resource, authorize};
use crate::domain::audit_words::{Ref, summary};
use crate::domain::{AuditEntry, AuditEvent};
use crate::refusal::Refusal;
use crate::store::{AuditFilter, Store};

/// The most entries one CSV export holds.
pub const EXPORT_MAX: usize = 100_000;
const CHUNK: usize = 1_000;

/// What the reader asks to see; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub actor: Option<String>,
    pub target: Option<String>,
    pub action: Option<String>,
    /// From the start of this day (UTC)…
    pub from: Option<NaiveDate>,
    /// …to the end of this one.
    pub until: Option<NaiveDate>,
}

impl Wanted {
    /// The store's filter, or why the request does not hold.
    pub fn filter(&self) -> Result<AuditFilter, Refusal> {
        let clean = |name: &str, v: &Option<String>| -> Result<Option<String>, Refusal> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(v) if v.len() > 200 => Err(Refusal::invalid(format!(
                    "{name} is at most 200 characters"
                ))),
                Some(v) => Ok(Some(v.to_string())),
            }
        };
        let action = clean("action", &self.action)?;
        if let Some(a) = &action
            && !a
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        {
            return Err(Refusal::invalid(
                "action is a name like interview.dispose, or a group like interview",
            ));
        }
        if let (Some(from), Some(until)) = (self.from, self.until)
            && from > until
        {
            return Err(Refusal::invalid("the date range ends before it starts"));
        }
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        Ok(AuditFilter {
            actor: clean("actor", &self.actor)?,
            target: clean("target", &self.target)?,
            action,
            from: self.from.and_then(start),
            until: self
                .until
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .and_then(start),
        })
    }
}

/// An entry with the names behind its ids and a line in words.
#[derive(Debug, Clone)]
pub struct NamedEntry {
    pub entry: AuditEntry,
    pub actor_name: String,
    pub target_name: Option<String>,
    pub summary: String,
}

/// A page of the log, newest first, named.
pub async fn page(
    store: &dyn Store,
    wanted: &Wanted,
    before: Option<i64>,
    limit: usize,
) -> Result<Vec<NamedEntry>, Refusal> {
    let entries = store.audit_page(&wanted.filter()?, before, limit).await?;
    named(store, entries).await
}

/// The filtered log as CSV, newest first, at most [`EXPORT_MAX`] entries,
/// and how many it holds. Admins only; audited as `audit.export` with the
/// filter and the count.
pub async fn export_csv(
    store: &dyn Store,
    actor: &Principal,
    wanted: &Wanted,
) -> Result<(String, usize), Refusal> {
    authorize(actor, Action::AuditExport, Resource::Any)?;
    let filter = wanted.filter()?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write_err = |e: csv::Error| Refusal::conflict(format!("cannot write the CSV: {e}"));
    out.write_record([
        "seq",
        "at",
        "actor",
        "actor_name",
        "action",
        "target",
        "target_name",
        "outcome",
        "summary",
        "detail",
    ])
    .map_err(write_err)?;
    let mut before = None;
    let mut rows = 0;
    while rows < EXPORT_MAX {
        let chunk = store.audit_page(&filter, before, CHUNK).await?;
        let Some(last) = chunk.last() else { break };
        before = Some(last.seq);
        let full = chunk.len() == CHUNK;
        for n in named(store, chunk)
            .await?
            .into_iter()
            .take(EXPORT_MAX - rows)
        {
            let e = &n.entry;
            let cells = [
                e.seq.to_string(),
                e.at.to_rfc3339(),
                e.actor.clone(),
                n.actor_name.clone(),
                e.action.clone(),
                e.target.clone().unwrap_or_default(),
                n.target_name.clone().unwrap_or_default(),
                e.outcome.clone(),
                n.summary.clone(),
                e.detail.clone(),
            ];
            out.write_record(cells.iter().map(|c| inert(c).into_owned()))
                .map_err(write_err)?;
            rows += 1;
        }
        if !full {
            break;
        }
    }
    if rows == EXPORT_MAX && before.is_some() {
        // Say so in the file itself when the view holds more than one export does.
        let more = !store.audit_page(&filter, before, 1).await?.is_empty();
        if more {
            let note = format!(
                "the export stops at {EXPORT_MAX} entries: narrow the filters (e.g. the dates) to export the rest"
            );
            out.write_record(["", "", "", "", "", "", "", "", note.as_str(), ""])
                .map_err(write_err)?;
        }
    }
    let text = String::from_utf8(
        out.into_inner()
            .map_err(|e| write_err(e.into_error().into()))?,
    )
    .map_err(|e| Refusal::conflict(format!("cannot write the CSV: {e}")))?;
    let event = AuditEvent::new(actor.actor(), "audit.export", None).detail(serde_json::json!({
        "rows": rows,
        "actor": filter.actor, "target": filter.target, "action": filter.action,
        "from": wanted.from, "until": wanted.until,
    }));
    store.audit(&event).await?;
    Ok((text, rows))
}

/// A cell a spreadsheet will not run as a formula: text starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return (a name, a reason) gets a
/// leading apostrophe.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Looks up every person, interview, community and skill the entries name,
/// one statement per kind.
async fn named(store: &dyn Store, entries: Vec<AuditEntry>) -> Result<Vec<NamedEntry>, Refusal> {
    let mut wanted: [HashSet<String>; 4] = Default::default();
    for e in &entries {
        for r in std::iter::once(e.actor.as_str()).chain(e.target.as_deref()) {
            let (slot, id) = match Ref::parse(r) {
                Ref::Person(id) => (0, id),
                Ref::Interview(id) => (1, id),
                Ref::Community(id) => (2, id),
                Ref::Skill(id) => (3, id),
                _ => continue,
            };
            wanted[slot].insert(id.to_string());
        }
    }
    let ids = |slot: usize| wanted[slot].iter().cloned().collect::<Vec<_>>();
    let mut names: HashMap<String, String> = HashMap::new();
    for p in store.people_by_ids(&ids(0)).await? {
        names.insert(format!("person:{}", p.id), p.name);
    }
    for i in store.interviews_by_ids(&ids(1)).await? {
        names.insert(format!("interview:{}", i.id), i.person_name);
    }
    for c in store.communities_by_ids(&ids(2)).await? {
        names.insert(format!("community:{}", c.id), c.name);
    }
    for s in store.skills_by_ids(&ids(3)).await? {
        names.insert(format!("skill:{}", s.id), s.name);
    }
    let name = |r: &str| Ref::parse(r).describe(names.get(r).map(String::as_str));
    Ok(entries
        .into_iter()
        .map(|entry| {
            let actor_name = name(&entry.actor);
            let target_name = entry.target.as_deref().map(name);
            let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap_or_default();
            let summary = summary(
                &actor_name,
                &entry.action,
                target_name.as_deref(),
                &entry.outcome,
                &detail,
            );
            NamedEntry {
                entry,
                actor_name,
                target_name,
                summary,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_never_start_a_formula() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("-1+2"), "'-1+2");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Siobhan Kelly"), "Siobhan Kelly");
    }

    #[test]
    fn a_backwards_date_range_and_odd_actions_are_refused() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
        let backwards = Wanted {
            from: day(7),
            until: day(6),
            ..Default::default()
        };
        assert!(backwards.filter().is_err());
        let odd = Wanted {
            action: Some("interview' OR 1=1".into()),
            ..Default::default()
        };
        assert!(odd.filter().is_err());
        let fine = Wanted {
            action: Some(" interview ".into()),
            until: day(6),
            ..Default::default()
        };
        let f = fine.filter().expect("fine");
        assert_eq!(f.action.as_deref(), Some("interview"));
        assert_eq!(
            f.until.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-07T00:00:00+00:00")
        );
    }
}
