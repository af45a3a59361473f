//! Disposal: the parts of an interview record that are due are destroyed in
//! place, and a certificate and an audit entry say what went, when, by which
//! rule and on whose authority. The record's metadata stays.

use chrono::{DateTime, Utc};

use crate::domain::{
    AuditEvent, AuditKey, DisposalCertificate, DisposalRequestStatus, Due, RecordPart,
};

use super::interview_by_id;
use super::requests::approval_of_period;
use crate::store::rows::CountRow;
use crate::store::security::append_audit;
use crate::store::sql::Sql;
use crate::store::{Exec, Result, StoreError};

async fn count(c: &mut impl Exec, sql: Sql) -> Result<i64> {
    Ok(c.rows::<CountRow>(sql).await?.first().map_or(0, |r| r.n))
}

/// What the transcript holds now, in words for the certificate.
async fn transcript_contents(
    c: &mut impl Exec,
    id: &str,
    summary_too: bool,
) -> Result<Vec<String>> {
    let answers = count(
        c,
        Sql::with(
            "SELECT COUNT(*) AS n FROM interview_questions WHERE interview_id = $1 AND answer IS NOT NULL",
            [id.into()],
        ),
    )
    .await?;
    let notes = count(
        c,
        Sql::with(
            "SELECT COUNT(*) AS n FROM interview_successors WHERE interview_id = $1 AND note IS NOT NULL",
            [id.into()],
        ),
    )
    .await?;
    let i = interview_by_id(c, id).await?;
    let mut out = vec![format!("answers ({answers})")];
    if i.notes.is_some() {
        out.push("interview notes".into());
    }
    if i.outside_contacts.is_some() {
        out.push("outside contacts".into());
    }
    if notes > 0 {
        out.push(format!("successor notes ({notes})"));
    }
    if summary_too && i.summary.is_some() {
        out.push("unpublished summary draft".into());
    }
    Ok(out)
}

pub(super) async fn dispose(
    c: &mut impl Exec,
    id: &str,
    due: &[Due],
    now: DateTime<Utc>,
    key: Option<&AuditKey>,
    audit: &AuditEvent,
    approval: Option<(String, String)>,
) -> Result<Vec<DisposalCertificate>> {
    // Lock the record, refusing one on hold or not yet finished.
    let locked = c
        .execute(Sql::with(
            "UPDATE interviews SET updated_at = $1 WHERE id = $2 AND hold = $3 AND completed_at IS NOT NULL",
            [now.into(), id.into(), false.into()],
        ))
        .await?;
    if locked == 0 {
        let i = interview_by_id(c, id).await?;
        return Err(StoreError::Conflict(if i.hold {
            "this record is on hold and cannot be disposed of until the hold is lifted".into()
        } else {
            "only a completed interview can be disposed of".into()
        }));
    }
    let current = interview_by_id(c, id).await?;
    // Who asked for and approved an early disposal, or the shorter period
    // that made the transcript due.
    let approval = match approval {
        Some(a) => Some(a),
        None => approval_of_period(c, &current).await?,
    };
    let mut done: Vec<(Due, Vec<String>)> = Vec::new();
    for d in due {
        match d.part {
            RecordPart::Transcript if current.disposed_at.is_none() => {
                let unpublished = current.published_at.is_none();
                let destroyed = transcript_contents(c, id, unpublished).await?;
                c.execute(Sql::with(
                    "UPDATE interview_questions SET answer = NULL WHERE interview_id = $1",
                    [id.into()],
                ))
                .await?;
                c.execute(Sql::with(
                    "UPDATE interview_successors SET note = NULL WHERE interview_id = $1",
                    [id.into()],
                ))
                .await?;
                let summary = if unpublished { ", summary = NULL" } else { "" };
                c.execute(Sql::with(
                    &format!(
                        "UPDATE interviews SET notes = NULL, outside_contacts = NULL{summary}, \
                         status = $3, disposed_at = $1 WHERE id = $2"
                    ),
                    [
                        now.into(),
                        id.into(),
                        crate::domain::InterviewStatus::Disposed.as_str().into(),
                    ],
                ))
                .await?;
                done.push((d.clone(), destroyed));
            }
            RecordPart::Summary
                if current.summary_disposed_at.is_none() && current.summary.is_some() =>
            {
                c.execute(Sql::with(
                    "UPDATE interviews SET summary = NULL, summary_disposed_at = $1 WHERE id = $2",
                    [now.into(), id.into()],
                ))
                .await?;
                done.push((d.clone(), vec!["published summary".into()]));
            }
            _ => {}
        }
    }
    if done.is_empty() {
        return Err(StoreError::Conflict(
            "nothing in this record is due for disposal".into(),
        ));
    }
    if done.iter().any(|(d, _)| d.part == RecordPart::Transcript) {
        // A request still waiting to destroy the transcript has nothing left to do.
        c.execute(Sql::with(
            "UPDATE disposal_requests SET status = $1, decided_by = $2, decided_at = $3, note = $4 \
             WHERE interview_id = $5 AND status = $6",
            [
                DisposalRequestStatus::Withdrawn.as_str().into(),
                audit.actor.clone().into(),
                now.into(),
                "closed: the transcript was disposed of meanwhile".into(),
                id.into(),
                DisposalRequestStatus::Pending.as_str().into(),
            ],
        ))
        .await?;
    }
    let parts: Vec<serde_json::Value> = done
        .iter()
        .map(|(d, what)| {
            serde_json::json!({
                "part": d.part.as_str(), "rule": d.rule, "dueOn": d.due_on, "destroyed": what,
            })
        })
        .collect();
    let mut event = audit.clone();
    if !event.detail.is_object() {
        event.detail = serde_json::json!({});
    }
    event.detail["parts"] = serde_json::Value::Array(parts);
    event.detail["hold"] = false.into();
    if let Some((requested, approved)) = &approval {
        event.detail["requestedBy"] = requested.clone().into();
        event.detail["approvedBy"] = approved.clone().into();
    }
    let entry = append_audit(c, key, &event).await?;
    let mut certificates = Vec::with_capacity(done.len());
    for (d, destroyed) in done {
        let cert = DisposalCertificate {
            id: format!("dc-{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff),
            interview_id: id.to_string(),
            part: d.part,
            rule: d.rule,
            due_on: d.due_on,
            authorised_by: audit.actor.clone(),
            requested_by: approval.as_ref().map(|a| a.0.clone()),
            approved_by: approval.as_ref().map(|a| a.1.clone()),
            disposed_at: now,
            destroyed,
            audit_seq: entry.seq,
        };
        c.execute(Sql::with(
            "INSERT INTO disposal_certificates (id, interview_id, part, rule, due_on, authorised_by, \
             disposed_at, destroyed, audit_seq, requested_by, approved_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            [
                cert.id.clone().into(),
                cert.interview_id.clone().into(),
                cert.part.as_str().into(),
                cert.rule.clone().into(),
                Some(cert.due_on).into(),
                cert.authorised_by.clone().into(),
                cert.disposed_at.into(),
                serde_json::to_string(&cert.destroyed)
                    .unwrap_or_else(|_| "[]".into())
                    .into(),
                cert.audit_seq.into(),
                cert.requested_by.clone().into(),
                cert.approved_by.clone().into(),
            ],
        ))
        .await?;
        certificates.push(cert);
    }
    Ok(certificates)
}
