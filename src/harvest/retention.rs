//! Retention and disposal of interview records, shared by the GraphQL API and
//! `tacit dispose --due`.

use chrono::NaiveDate;

use crate::domain::{AuditEvent, DisposalCertificate, Due, Interview, Retention};
use crate::store::{Store, StoreError};

/// A record with parts due (or, on hold, that would be due).
#[derive(Debug, Clone)]
pub struct DueRecord {
    pub interview: Interview,
    pub due: Vec<Due>,
}

/// Every record with a part due on `today`, held ones included (they are
/// listed so HR can see why they stay, but never disposed of).
pub async fn due_records(
    store: &dyn Store,
    retention: &Retention,
    today: NaiveDate,
) -> Result<Vec<DueRecord>, StoreError> {
    let mut out: Vec<DueRecord> = store
        .finished_interviews()
        .await?
        .into_iter()
        .filter_map(|i| {
            let due: Vec<Due> = retention
                .schedule(&i)
                .into_iter()
                .filter(|d| d.due_on <= today)
                .collect();
            (!due.is_empty()).then_some(DueRecord { interview: i, due })
        })
        .collect();
    out.sort_by(|a, b| {
        let first = |r: &DueRecord| r.due.iter().map(|d| d.due_on).min();
        first(a)
            .cmp(&first(b))
            .then_with(|| a.interview.id.cmp(&b.interview.id))
    });
    Ok(out)
}

/// What a disposal run did.
#[derive(Debug, Default)]
pub struct DisposalRun {
    pub certificates: Vec<DisposalCertificate>,
    /// Due but on hold: kept.
    pub held: Vec<String>,
    /// `(record, reason)` for records that could not be disposed of.
    pub failed: Vec<(String, String)>,
}

/// Disposes of every part due on `today` (records on hold are kept), each
/// record in its own transaction, as `actor`.
pub async fn dispose_due(
    store: &dyn Store,
    retention: &Retention,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    actor: &str,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<DisposalRun, StoreError> {
    let records = due_records(store, retention, today).await?;
    let mut run = DisposalRun::default();
    let total = records.len();
    for (n, r) in records.into_iter().enumerate() {
        progress(n, total);
        if r.interview.hold {
            run.held.push(r.interview.id);
            continue;
        }
        let event = AuditEvent::new(
            actor,
            "interview.dispose",
            Some(format!("interview:{}", r.interview.id)),
        );
        match store.dispose(&r.interview.id, &r.due, now, &event).await {
            Ok(certs) => run.certificates.extend(certs),
            Err(StoreError::Database(e)) => return Err(StoreError::Database(e)),
            Err(e) => run.failed.push((r.interview.id, e.to_string())),
        }
    }
    progress(total, total);
    Ok(run)
}
