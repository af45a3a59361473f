//! Knowledge-harvest interviews: the record of what a leaver knew, who
//! inherits each topic, and how long the record is kept.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use super::Invalid;
use super::types::text_enum;

text_enum!(
    /// Where an interview is in its life. Only the moves of
    /// [`InterviewStatus::can_become`] are allowed.
    InterviewStatus {
        Scheduled = "scheduled",
        InProgress = "in_progress",
        Completed = "completed",
        Published = "published",
        Disposed = "disposed",
    }
);

text_enum!(
    /// Where a question came from.
    QuestionOrigin { Template = "template", Generated = "generated", Custom = "custom" }
);

text_enum!(
    /// The part of an interview record a disposal destroyed.
    RecordPart { Transcript = "transcript", Summary = "summary" }
);

impl InterviewStatus {
    /// `scheduled → in_progress → completed → published`, and `disposed` from
    /// `completed` or `published` at the end of retention.
    pub fn can_become(self, next: InterviewStatus) -> bool {
        use InterviewStatus::*;
        matches!(
            (self, next),
            (Scheduled, InProgress)
                | (InProgress, Completed)
                | (Completed, Published)
                | (Completed | Published, Disposed)
        )
    }

    /// Refuses a move that [`InterviewStatus::can_become`] does not allow, in words.
    pub fn check_move(self, next: InterviewStatus) -> Result<(), Invalid> {
        if self.can_become(next) {
            return Ok(());
        }
        let how = match next {
            InterviewStatus::InProgress => "only a scheduled interview can be started",
            InterviewStatus::Completed => "only an interview in progress can be completed",
            InterviewStatus::Published => "only a completed interview can be published",
            InterviewStatus::Disposed => {
                "only a completed or published interview can be disposed of"
            }
            InterviewStatus::Scheduled => "an interview cannot go back to scheduled",
        };
        Err(Invalid::new(format!(
            "this interview is {}: {how}",
            self.as_str().replace('_', " ")
        )))
    }

    /// The statuses of an open interview, of which a leaver has at most one
    /// (migration 0011's partial unique index lists the same words).
    pub const OPEN: &'static [InterviewStatus] =
        &[InterviewStatus::Scheduled, InterviewStatus::InProgress];

    /// Whether the interview is still open: scheduled or in progress.
    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// Whether the interview's topics and successors are in the graph.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            InterviewStatus::Completed | InterviewStatus::Published | InterviewStatus::Disposed
        )
    }
}

/// A part of an interview record that is written after scheduling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterviewPart {
    Interviewer,
    Date,
    Notes,
    OutsideContacts,
    Summary,
    Questions,
    Answers,
    Topics,
    Successors,
}

impl InterviewPart {
    /// The editability table: the statuses in which this part may change.
    pub fn editable_in(self) -> &'static [InterviewStatus] {
        use InterviewStatus::*;
        match self {
            InterviewPart::Interviewer
            | InterviewPart::Date
            | InterviewPart::Notes
            | InterviewPart::Questions => &[Scheduled, InProgress],
            InterviewPart::OutsideContacts
            | InterviewPart::Answers
            | InterviewPart::Topics
            | InterviewPart::Successors => &[InProgress],
            InterviewPart::Summary => &[InProgress, Completed],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InterviewPart::Interviewer => "the interviewer",
            InterviewPart::Date => "the date",
            InterviewPart::Notes => "the notes",
            InterviewPart::OutsideContacts => "outside contacts",
            InterviewPart::Summary => "the summary",
            InterviewPart::Questions => "the questions",
            InterviewPart::Answers => "the answers",
            InterviewPart::Topics => "the topics",
            InterviewPart::Successors => "the successors",
        }
    }

    /// Refuses a change to this part in `status`, in words.
    pub fn check(self, status: InterviewStatus) -> Result<(), Invalid> {
        let allowed = self.editable_in();
        if allowed.contains(&status) {
            return Ok(());
        }
        let when: Vec<String> = allowed
            .iter()
            .map(|s| s.as_str().replace('_', " "))
            .collect();
        Err(Invalid::new(format!(
            "this interview is {}: {} can only be changed while it is {}",
            status.as_str().replace('_', " "),
            self.name(),
            when.join(" or ")
        )))
    }
}

/// An interview record without its questions, topics and successors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interview {
    pub id: String,
    /// The leaver; `None` once they were erased (the record is kept).
    pub person_id: Option<String>,
    pub person_name: String,
    pub interviewer_id: Option<String>,
    pub status: InterviewStatus,
    pub scheduled_for: DateTime<Utc>,
    pub notes: Option<String>,
    pub outside_contacts: Option<String>,
    pub consent: bool,
    pub consent_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// Overrides the configured retention period, in days from completion.
    pub retention_days: Option<u32>,
    pub hold: bool,
    pub hold_reason: Option<String>,
    /// Who placed the hold (as the audit log names actors), and when.
    pub hold_by: Option<String>,
    pub hold_at: Option<DateTime<Utc>>,
    pub disposed_at: Option<DateTime<Utc>>,
    pub summary_disposed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Interview {
    /// The record as its leaver may see it (their data export): without
    /// what only HR sees (retention period and holds).
    pub fn leaver_view(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            for hr_only in [
                "retention_days",
                "hold",
                "hold_reason",
                "hold_by",
                "hold_at",
            ] {
                o.remove(hr_only);
            }
        }
        v
    }

    /// Records the leaver's consent, or its withdrawal. Consent changes until
    /// the record is disposed of; withdrawn after publication, the summary is
    /// unpublished (the record goes back to completed) and leaves search.
    pub fn set_consent(&mut self, consent: bool, now: DateTime<Utc>) -> Result<(), Invalid> {
        use InterviewStatus::*;
        match self.status {
            Scheduled | InProgress | Completed => {}
            Published if !consent => {
                self.status = Completed;
                self.published_at = None;
            }
            Published => return Ok(()),
            Disposed => {
                return Err(Invalid::new(
                    "this interview was disposed of: consent can no longer change",
                ));
            }
        }
        self.consent = consent;
        self.consent_at = consent.then_some(now);
        self.updated_at = now;
        Ok(())
    }

    /// What publication needs: a completed interview, the leaver's consent
    /// and a summary (only the summary is published, never the answers).
    pub fn check_publication(&self) -> Result<(), Invalid> {
        self.status.check_move(InterviewStatus::Published)?;
        if !self.consent {
            return Err(Invalid::new(
                "the leaver has not consented to publication: record their consent first",
            ));
        }
        if self.summary.is_none() {
            return Err(Invalid::new(
                "write a summary first: only the summary is published, never the answers",
            ));
        }
        Ok(())
    }

    /// A newly scheduled interview with `person_id` (named `person_name`).
    pub fn scheduled(
        id: String,
        person_id: String,
        person_name: String,
        scheduled_for: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Interview {
        Interview {
            id,
            person_id: Some(person_id),
            person_name,
            interviewer_id: None,
            status: InterviewStatus::Scheduled,
            scheduled_for,
            notes: None,
            outside_contacts: None,
            consent: false,
            consent_at: None,
            summary: None,
            started_at: None,
            completed_at: None,
            published_at: None,
            retention_days: None,
            hold: false,
            hold_reason: None,
            hold_by: None,
            hold_at: None,
            disposed_at: None,
            summary_disposed_at: None,
            created_at: now,
            updated_at: now,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub interview_id: String,
    pub position: u32,
    pub text: String,
    pub origin: QuestionOrigin,
    pub skill_id: Option<String>,
    pub answer: Option<String>,
}

/// "Ask `person_id` about `skill_id` now", named by the leaver.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Successor {
    pub interview_id: String,
    pub skill_id: String,
    pub person_id: String,
    pub note: Option<String>,
}

/// A reusable list of questions HR keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionSet {
    pub id: String,
    pub name: String,
    pub questions: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// Proof that part of a record was destroyed under its retention rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisposalCertificate {
    pub id: String,
    pub interview_id: String,
    pub part: RecordPart,
    /// The rule applied, in words ("transcript: 2190 days from completion").
    pub rule: String,
    pub due_on: NaiveDate,
    /// Who disposed of it (as the audit log names actors).
    pub authorised_by: String,
    /// When an approved request made it due early: who asked, and the
    /// second person who approved.
    pub requested_by: Option<String>,
    pub approved_by: Option<String>,
    pub disposed_at: DateTime<Utc>,
    /// What was destroyed, e.g. `["answers (6)", "notes", "outside contacts"]`.
    pub destroyed: Vec<String>,
    /// The audit-log entry written with it.
    pub audit_seq: i64,
}

/// How long interview records are kept (`[harvest]` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retention {
    /// Days from completion until the transcript (answers, notes, outside
    /// contacts, successor notes) is due for disposal; a record may override it.
    pub transcript_days: u32,
    /// Days from publication until a published summary is due for disposal.
    pub summary_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        // Six years after the member of staff leaves is the common UK rule
        // for personnel records; summaries are kept as long again.
        Retention {
            transcript_days: 6 * 365,
            summary_days: 12 * 365,
        }
    }
}

/// When one part of a record falls due, and by which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub part: RecordPart,
    pub due_on: NaiveDate,
    pub rule: String,
}

impl Retention {
    /// The parts of `i` due for disposal, with their dates: the transcript from
    /// completion, the summary from publication. Parts already disposed of are left out.
    pub fn schedule(&self, i: &Interview) -> Vec<Due> {
        let mut out = Vec::new();
        if i.disposed_at.is_none()
            && let Some(done) = i.completed_at
        {
            let (days, whose) = match i.retention_days {
                Some(d) => (d, "this record's own period"),
                None => (self.transcript_days, "the default period"),
            };
            out.push(Due {
                part: RecordPart::Transcript,
                due_on: add_days(done.date_naive(), days),
                rule: format!("transcript: {days} days from completion ({whose})"),
            });
        }
        if i.summary_disposed_at.is_none()
            && i.summary.is_some()
            && let Some(published) = i.published_at
        {
            out.push(Due {
                part: RecordPart::Summary,
                due_on: add_days(published.date_naive(), self.summary_days),
                rule: format!(
                    "published summary: {} days from publication",
                    self.summary_days
                ),
            });
        }
        out
    }

    /// The parts of `i` due on `today`; none while the record is on hold.
    pub fn due(&self, i: &Interview, today: NaiveDate) -> Vec<Due> {
        if i.hold {
            return vec![];
        }
        self.schedule(i)
            .into_iter()
            .filter(|d| d.due_on <= today)
            .collect()
    }
}

fn add_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use InterviewStatus::*;

    #[test]
    fn only_forward_moves_are_allowed() {
        for from in InterviewStatus::ALL {
            for to in InterviewStatus::ALL {
                let allowed = from.can_become(*to);
                assert_eq!(from.check_move(*to).is_ok(), allowed);
            }
        }
        assert!(Scheduled.can_become(InProgress));
        assert!(!Scheduled.can_become(Completed));
        assert!(!Published.can_become(Completed));
        assert!(!Disposed.can_become(Disposed));
        let e = Scheduled.check_move(Published).unwrap_err();
        assert!(e.0.contains("only a completed interview"), "{e}");
    }

    fn completed(on: &str) -> Interview {
        let at: DateTime<Utc> = format!("{on}T10:00:00Z").parse().unwrap();
        Interview {
            status: Completed,
            started_at: Some(at),
            completed_at: Some(at),
            ..Interview::scheduled("iv-1".into(), "p1".into(), "A".into(), at, at)
        }
    }

    #[test]
    fn retention_runs_from_completion_and_a_hold_stops_it() {
        let r = Retention {
            transcript_days: 30,
            summary_days: 60,
        };
        let mut i = completed("2026-01-01");
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(r.due(&i, day("2026-01-30")).is_empty());
        assert_eq!(r.due(&i, day("2026-01-31"))[0].part, RecordPart::Transcript);
        i.retention_days = Some(0);
        assert_eq!(r.due(&i, day("2026-01-01")).len(), 1);
        i.hold = true;
        assert!(r.due(&i, day("2030-01-01")).is_empty());
        i.hold = false;
        i.disposed_at = i.completed_at;
        assert!(r.due(&i, day("2030-01-01")).is_empty());
    }

    #[test]
    fn publication_needs_completion_consent_and_a_summary() {
        let mut i = completed("2026-01-01");
        let e = i.check_publication().unwrap_err();
        assert!(e.0.contains("has not consented"), "{e}");
        i.consent = true;
        let e = i.check_publication().unwrap_err();
        assert!(e.0.starts_with("write a summary first"), "{e}");
        i.summary = Some("What Ann knew".into());
        assert!(i.check_publication().is_ok());
        i.status = InProgress;
        let e = i.check_publication().unwrap_err();
        assert!(e.0.contains("only a completed interview"), "{e}");
    }

    #[test]
    fn the_one_open_interview_index_lists_the_open_statuses() {
        for sql in [
            include_str!("../../migrations/sqlite/0011_one_open_interview.sql"),
            include_str!("../../migrations/postgres/0011_one_open_interview.sql"),
        ] {
            let words: Vec<String> = InterviewStatus::OPEN
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            assert!(sql.contains(&words.join(", ")), "{sql}");
        }
    }

    #[test]
    fn the_editability_table_agrees_with_the_status_rules() {
        // Capture (answers, topics, successors) only while in progress; the
        // plan (date, interviewer, questions) while the interview is open.
        for status in InterviewStatus::ALL {
            assert_eq!(
                InterviewPart::Answers.check(*status).is_ok(),
                *status == InProgress
            );
            assert_eq!(
                InterviewPart::Questions.check(*status).is_ok(),
                status.is_open()
            );
        }
        assert!(InterviewPart::Summary.check(Completed).is_ok());
        let e = InterviewPart::Topics.check(Completed).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this interview is completed: the topics can only be changed while it is in progress"
        );
    }
}
