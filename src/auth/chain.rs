//! Verifying the audit log: every row's hash must be the SHA-256 of the row
//! before's hash and its own canonical form, and the head must match the end.

use serde::Serialize;

use crate::domain::GENESIS_HASH;
use crate::store::{Store, StoreError};

/// The outcome of a verification.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    /// Rows checked.
    pub checked: i64,
    /// The sequence number the head says was written last.
    pub head_seq: i64,
    /// The first row that does not fit, if any.
    pub first_broken: Option<i64>,
    pub reason: Option<String>,
}

impl ChainReport {
    pub fn ok(&self) -> bool {
        self.first_broken.is_none()
    }
}

const BATCH: usize = 2_000;

pub async fn verify(store: &dyn Store) -> Result<ChainReport, StoreError> {
    let (head_seq, head_hash) = store.audit_head().await?;
    let mut report = ChainReport {
        checked: 0,
        head_seq,
        first_broken: None,
        reason: None,
    };
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut expected_seq = 1;
    let broken = |seq: i64, reason: String, report: &mut ChainReport| {
        report.first_broken = Some(seq);
        report.reason = Some(reason);
    };
    loop {
        let rows = store.audit_scan(expected_seq - 1, BATCH).await?;
        let done = rows.len() < BATCH;
        for row in rows {
            report.checked += 1;
            if row.seq != expected_seq {
                broken(
                    expected_seq,
                    format!("row {expected_seq} is missing (next is {})", row.seq),
                    &mut report,
                );
                return Ok(report);
            }
            if row.prev_hash != prev_hash {
                broken(
                    row.seq,
                    "it does not point to the row before (prev_hash differs)".into(),
                    &mut report,
                );
                return Ok(report);
            }
            if row.digest() != row.hash {
                broken(
                    row.seq,
                    "its contents do not match its hash (the row was changed)".into(),
                    &mut report,
                );
                return Ok(report);
            }
            prev_hash = row.hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    if expected_seq - 1 != head_seq {
        broken(
            expected_seq,
            format!(
                "the log ends at row {} but {head_seq} were written (rows removed from the end)",
                expected_seq - 1
            ),
            &mut report,
        );
    } else if prev_hash != head_hash {
        broken(
            head_seq,
            "the last row's hash differs from the recorded head".into(),
            &mut report,
        );
    }
    Ok(report)
}
