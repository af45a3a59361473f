//! The interview workflow on a real SQLite store with a demo organisation:
//! no HTTP, no mocks.

use chrono::Duration;

use super::*;
use crate::auth::Principal;
use crate::domain::{
    Clock, Interview, InterviewId, InterviewStatus, Person, PersonId, PersonStatus, Retention, Role,
};
use crate::refusal::Refusal;
use crate::store::Store;
use crate::store::testing::{demo, people_with, principal};

fn hr() -> Principal {
    principal("hr-tester", Role::Hr)
}

async fn people(store: &dyn Store, status: PersonStatus) -> Vec<Person> {
    people_with(store, status, 100).await
}

fn plan(leaver: &Person) -> Schedule {
    Schedule {
        leaver: PersonId::known(leaver.id.clone()),
        interviewer: None,
        scheduled_for: chrono::Utc::now() + Duration::days(3),
        notes: None,
        question_sets: vec![],
        generate_questions: true,
    }
}

/// A leaver's interview, scheduled.
async fn scheduled(store: &dyn Store, clock: &Clock) -> (Person, Interview) {
    let leaver = people(store, PersonStatus::Leaving).await.remove(0);
    let i = schedule(store, clock, &hr(), plan(&leaver))
        .await
        .expect("scheduled");
    (leaver, i)
}

/// A leaver's interview, started and completed.
async fn completed(store: &dyn Store, clock: &Clock) -> (Person, InterviewId) {
    let (leaver, i) = scheduled(store, clock).await;
    let id = InterviewId::known(i.id);
    start(store, clock, &hr(), &id).await.expect("started");
    complete(store, clock, &hr(), &id, true)
        .await
        .expect("completed");
    (leaver, id)
}

#[tokio::test]
async fn only_leavers_are_scheduled_and_only_once_at_a_time() {
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let mut active = people(store, PersonStatus::Active).await;
    let stayer = active.remove(0);
    let e = schedule(store, &clock, &hr(), plan(&stayer))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Refusal::Invalid(m) if m.0.starts_with(&format!("{} is not leaving", stayer.name))),
        "{e:?}"
    );

    // Left 91 days ago: too late; left 90 days ago: still in time.
    let mut gone = active.remove(0);
    gone.status = PersonStatus::Left;
    gone.leaving_on = Some(clock.today() - Duration::days(LEFT_GRACE_DAYS + 1));
    store.update_person(&gone, None).await.expect("left");
    let e = schedule(store, &clock, &hr(), plan(&gone))
        .await
        .unwrap_err();
    assert!(matches!(e, Refusal::Invalid(_)), "{e:?}");
    gone.leaving_on = Some(clock.today() - Duration::days(LEFT_GRACE_DAYS));
    store.update_person(&gone, None).await.expect("left");
    let first = schedule(store, &clock, &hr(), plan(&gone))
        .await
        .expect("recently left");
    assert_eq!(first.status, InterviewStatus::Scheduled);
    assert_eq!(first.person_id.as_deref(), Some(gone.id.as_str()));

    let e = schedule(store, &clock, &hr(), plan(&gone))
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{} already has an interview that is scheduled or in progress",
            gone.name
        )
    );
    assert!(matches!(e, Refusal::Conflict(_)));

    let mut own = plan(&gone);
    own.interviewer = Some(PersonId::known(gone.id.clone()));
    let e = schedule(store, &clock, &hr(), own).await.unwrap_err();
    assert_eq!(e.to_string(), "a leaver cannot interview themselves");
}

#[tokio::test]
async fn an_edit_outside_the_editability_table_is_refused() {
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let (_, i) = scheduled(store, &clock).await;
    let id = InterviewId::known(i.id);
    let contacts = Edit {
        outside_contacts: Some(Some("Acme's buyer".into())),
        ..Default::default()
    };
    let e = update(store, &clock, &id, contacts.clone())
        .await
        .unwrap_err();
    assert!(matches!(e, Refusal::Conflict(_)), "{e:?}");
    assert_eq!(
        e.to_string(),
        "this interview is scheduled: outside contacts can only be changed while it is in progress"
    );
    let notes = Edit {
        notes: Some(Some("Bring the runbook".into())),
        ..Default::default()
    };
    let saved = update(store, &clock, &id, notes).await.expect("notes");
    assert_eq!(saved.notes.as_deref(), Some("Bring the runbook"));
    assert_eq!(saved.outside_contacts, None);

    start(store, &clock, &hr(), &id).await.expect("started");
    let saved = update(store, &clock, &id, contacts)
        .await
        .expect("contacts");
    assert_eq!(saved.outside_contacts.as_deref(), Some("Acme's buyer"));
}

#[tokio::test]
async fn publication_needs_consent_and_a_summary() {
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let (leaver, id) = completed(store, &clock).await;
    let e = publish(store, &clock, &hr(), &id, Some("What they knew"))
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the leaver has not consented to publication: record their consent first"
    );
    let me = principal(&leaver.id, Role::Employee);
    record_consent(store, &clock, &me, &me, &id, true)
        .await
        .expect("consent");
    let e = publish(store, &clock, &hr(), &id, None).await.unwrap_err();
    assert!(e.to_string().starts_with("write a summary first"), "{e}");
    // The summary given with the request was not kept by the refusal.
    let i = store.interview(&id).await.expect("read").expect("there");
    assert_eq!(i.summary, None);

    let published = publish(store, &clock, &hr(), &id, Some("What they knew"))
        .await
        .expect("published");
    assert_eq!(published.status, InterviewStatus::Published);
    assert!(published.published_at.is_some());
    assert_eq!(published.summary.as_deref(), Some("What they knew"));
}

#[tokio::test]
async fn the_leaver_alone_records_consent_and_withdrawal_unpublishes() {
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let (leaver, id) = completed(store, &clock).await;
    let other = people(store, PersonStatus::Active).await.remove(0);
    let colleague = principal(&other.id, Role::Employee);
    let e = record_consent(store, &clock, &colleague, &colleague, &id, true)
        .await
        .unwrap_err();
    assert!(matches!(e, Refusal::Forbidden), "{e:?}");
    // Not even whether an interview exists is told to a colleague.
    let nowhere = InterviewId::known("iv-nowhere");
    let e = record_consent(store, &clock, &colleague, &colleague, &nowhere, true)
        .await
        .unwrap_err();
    assert!(matches!(e, Refusal::Forbidden), "{e:?}");
    let e = record_consent(store, &clock, &hr(), &hr(), &nowhere, true)
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "interview 'iv-nowhere' not found");

    let me = principal(&leaver.id, Role::Employee);
    let done = record_consent(store, &clock, &me, &me, &id, true)
        .await
        .expect("own consent");
    assert!(done.interview.consent && !done.unpublished);
    publish(store, &clock, &hr(), &id, Some("Summary"))
        .await
        .expect("published");

    let done = record_consent(store, &clock, &me, &me, &id, false)
        .await
        .expect("withdrawn");
    assert!(done.unpublished);
    assert_eq!(done.interview.status, InterviewStatus::Completed);
    assert_eq!(done.interview.published_at, None);
}

#[tokio::test]
async fn a_record_on_hold_is_not_disposed_of() {
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let (_, id) = completed(store, &clock).await;
    let retention = Retention::default();
    let e = dispose(store, &clock, &retention, &hr(), &id)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("nothing in this record is due for disposal until "),
        "{e}"
    );
    let hold = Retain {
        hold: Some(true),
        hold_reason: Some(Some("litigation".into())),
        ..Default::default()
    };
    let held = set_retention(store, &clock, &retention, &hr(), &id, hold)
        .await
        .expect("held");
    assert!(held.hold);
    assert_eq!(held.hold_by.as_deref(), Some("person:hr-tester"));
    assert!(held.hold_at.is_some());
    // Where records are due the day they are completed, the hold still keeps it.
    let at_once = Retention {
        transcript_days: 0,
        ..Retention::default()
    };
    let e = dispose(store, &clock, &at_once, &hr(), &id)
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "this record is on hold and cannot be disposed of until the hold is lifted"
    );
    let run = dispose_due(
        store,
        &clock,
        &at_once,
        "cli:test",
        Some("review"),
        &|_, _| {},
    )
    .await
    .expect("run");
    assert!(run.certificates.is_empty());
    assert_eq!(run.held, vec![id.to_string()]);
    let reasons = store
        .audit_page(&Default::default(), None, 10)
        .await
        .expect("audit");
    assert!(
        reasons
            .iter()
            .any(|e| e.action == "interview.dispose_due" && e.actor == "cli:test")
    );
    assert_eq!(store.held_interviews(10).await.expect("holds").len(), 1);

    let lift = Retain {
        hold: Some(false),
        ..Default::default()
    };
    let lifted = set_retention(store, &clock, &at_once, &hr(), &id, lift)
        .await
        .expect("lifted");
    assert_eq!(lifted.hold_reason, None);
    assert_eq!(lifted.hold_by, None);
    assert!(store.held_interviews(10).await.expect("holds").is_empty());
    let certificates = dispose(store, &clock, &at_once, &hr(), &id)
        .await
        .expect("disposed");
    assert_eq!(certificates.len(), 1);
    assert_eq!(certificates[0].interview_id, id.as_str());
    assert_eq!(certificates[0].approved_by, None);
}

#[tokio::test]
async fn early_destruction_needs_a_second_person() {
    use crate::domain::{Decision, DisposalKind, DisposalRequestStatus};
    let (_dir, store) = demo(100).await;
    let (store, clock) = (store.as_ref(), Clock::default());
    let (_, id) = completed(store, &clock).await;
    let retention = Retention::default();
    let second = principal("hr-second", Role::Hr);

    // Shortening below the configured period directly is refused.
    let shorten = Retain {
        days: Some(Some(30)),
        ..Default::default()
    };
    let e = set_retention(store, &clock, &retention, &hr(), &id, shorten)
        .await
        .unwrap_err();
    assert!(matches!(e, Refusal::Conflict(_)), "{e}");
    // Lengthening needs nobody else.
    let longer = Retain {
        days: Some(Some(3000)),
        ..Default::default()
    };
    set_retention(store, &clock, &retention, &hr(), &id, longer)
        .await
        .expect("longer");

    let ask = |kind, days| four_eyes::Ask {
        kind,
        retention_days: days,
        reason: "the leaver asked".into(),
    };
    let e = four_eyes::request(
        store,
        &clock,
        &retention,
        &hr(),
        &hr(),
        &id,
        ask(DisposalKind::Shorten, Some(3000)),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Refusal::Invalid(_)), "{e}");
    let r = four_eyes::request(
        store,
        &clock,
        &retention,
        &hr(),
        &hr(),
        &id,
        ask(DisposalKind::Dispose, None),
    )
    .await
    .expect("requested");
    let again = four_eyes::request(
        store,
        &clock,
        &retention,
        &second,
        &second,
        &id,
        ask(DisposalKind::Dispose, None),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(again, Refusal::Store(crate::store::StoreError::Conflict(_))),
        "{again}"
    );

    let rid = crate::domain::DisposalRequestId::parse(&r.id).expect("id");
    let own = four_eyes::decide(store, &clock, &hr(), &hr(), &rid, Decision::Approve, None)
        .await
        .unwrap_err();
    assert!(matches!(own, Refusal::Denied(_)), "{own}");
    // Nor may an integration without a person decide.
    let integration = Principal {
        person_id: None,
        ..principal("x", Role::Admin)
    };
    let e = four_eyes::decide(
        store,
        &clock,
        &integration,
        &integration,
        &rid,
        Decision::Approve,
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Refusal::Denied(_)), "{e}");

    let (decided, certificates) = four_eyes::decide(
        store,
        &clock,
        &second,
        &second,
        &rid,
        Decision::Approve,
        Some("agreed"),
    )
    .await
    .expect("approved");
    assert_eq!(decided.status, DisposalRequestStatus::Approved);
    assert_eq!(certificates.len(), 1);
    assert_eq!(
        certificates[0].requested_by.as_deref(),
        Some("person:hr-tester")
    );
    assert_eq!(
        certificates[0].approved_by.as_deref(),
        Some("person:hr-second")
    );
    let record = store.interview(&id).await.expect("read").expect("kept");
    assert_eq!(record.status, InterviewStatus::Disposed);
    // Decided once only.
    let twice = four_eyes::decide(
        store,
        &clock,
        &second,
        &second,
        &rid,
        Decision::Reject,
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(twice, Refusal::Conflict(_)), "{twice}");
}
