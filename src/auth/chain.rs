//! Verifying the audit log: every row must carry the MAC (or, before the
//! database was keyed, the SHA-256) of the row before's and its own canonical
//! form, and the head must match the end. See `docs/audit.md`.

use serde::Serialize;

use crate::domain::{AuditEntry, AuditKey, GENESIS_HASH};
use crate::store::{Store, StoreError};

/// The outcome of a verification.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    /// Rows checked.
    pub checked: i64,
    /// The sequence number the head says was written last.
    pub head_seq: i64,
    /// The first row signed with the audit key; rows before it predate the
    /// key and are only SHA-256 chained.
    pub keyed_from: i64,
    /// The first row that does not fit, if any.
    pub first_broken: Option<i64>,
    pub reason: Option<String>,
}

impl ChainReport {
    pub fn ok(&self) -> bool {
        self.first_broken.is_none()
    }

    /// Rows that predate the audit key.
    pub fn unkeyed(&self) -> i64 {
        (self.keyed_from - 1).clamp(0, self.head_seq)
    }

    fn broken(mut self, seq: i64, reason: impl Into<String>) -> Self {
        self.first_broken = Some(seq);
        self.reason = Some(reason.into());
        self
    }
}

const BATCH: usize = 2_000;

/// Checks the chain with the store's audit key.
pub async fn verify(store: &dyn Store) -> Result<ChainReport, StoreError> {
    let head = store.audit_head().await?;
    let report = ChainReport {
        checked: 0,
        head_seq: head.seq,
        keyed_from: head.keyed_from,
        first_broken: None,
        reason: None,
    };
    let key = store.audit_key();
    if head.seq >= head.keyed_from {
        let Some(key) = key else {
            return Ok(report.broken(
                head.keyed_from,
                "no audit key was given, and entries from here on are signed with one \
                 (set TACIT_AUDIT_KEY_FILE, [audit] key_file or TACIT_AUDIT_KEY)",
            ));
        };
        if head.key_check.is_some_and(|c| c != key.check_value()) {
            return Ok(report.broken(
                head.keyed_from,
                "wrong audit key: the log is signed with a different key",
            ));
        }
    }
    walk(store, key, report, &head.hash).await
}

async fn walk(
    store: &dyn Store,
    key: Option<&AuditKey>,
    mut report: ChainReport,
    head_hash: &str,
) -> Result<ChainReport, StoreError> {
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut expected_seq = 1;
    loop {
        let rows = store.audit_scan(expected_seq - 1, BATCH).await?;
        let done = rows.len() < BATCH;
        for row in rows {
            report.checked += 1;
            if row.seq != expected_seq {
                let reason = format!("row {expected_seq} is missing (next is {})", row.seq);
                return Ok(report.broken(expected_seq, reason));
            }
            if row.prev_hash != prev_hash {
                return Ok(report.broken(
                    row.seq,
                    "it does not point to the row before (prev_hash differs)",
                ));
            }
            if let Some(reason) = unsigned(&row, report.keyed_from, key) {
                return Ok(report.broken(row.seq, reason));
            }
            prev_hash = row.hash;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    let head_seq = report.head_seq;
    if expected_seq - 1 != head_seq {
        let reason = format!(
            "the log ends at row {} but {head_seq} were written (rows removed from the end)",
            expected_seq - 1
        );
        Ok(report.broken(expected_seq, reason))
    } else if prev_hash != head_hash {
        Ok(report.broken(
            head_seq,
            "the last row's hash differs from the recorded head",
        ))
    } else {
        Ok(report)
    }
}

/// Why `row`'s own hash does not fit its contents, if it does not.
fn unsigned(row: &AuditEntry, keyed_from: i64, key: Option<&AuditKey>) -> Option<&'static str> {
    if row.seq < keyed_from {
        return (row.digest() != row.hash)
            .then_some("its contents do not match its hash (the row was changed)");
    }
    let Some(key) = key else {
        return Some("it is signed with the audit key, and none was given");
    };
    (row.mac(key) != row.hash).then_some(
        "its contents do not match its MAC (the row was changed by someone without the audit key)",
    )
}
