//! Profiles worth finding: what people say about themselves (summary,
//! languages, "ask me about" topics, working hours), evidence links and
//! contact actions, on both backends.

mod common;

use common::{TestApp, import_examples};
use serde_json::{Value, json};
use tacit::domain::Role;

const UPDATE_PROFILE: &str = r#"
mutation($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    person { externalId summary languages askMeAbout workingHours { start end days } }
  }
}"#;

const PROFILE: &str = r#"
query($id: ID!) {
  person(id: $id) {
    summary languages askMeAbout workingHours { start end days }
    contactActions { label url }
  }
}"#;

const EXPERTS: &str = r#"
query($q: String!, $filter: ExpertFilter) {
  experts(query: $q, first: 20, filter: $filter) {
    overlapHours explanation
    person { externalId }
    paths { text }
  }
}"#;

async fn experts(app: &TestApp, q: &str, filter: Value) -> Vec<Value> {
    let data = app.data(EXPERTS, json!({ "q": q, "filter": filter })).await;
    data["experts"].as_array().cloned().unwrap_or_default()
}

fn found<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|e| e["person"]["externalId"] == id)
}

fn every_day() -> Value {
    json!([
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY"
    ])
}

on_both_backends!(
    a_person_keeps_their_profile_and_colleagues_read_it,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let wing = app.token(Role::Employee, Some("e2002")).await;
        let input = json!({
            "personId": "e3003",
            "summary": "  Infrastructure in the Sydney office.  ",
            "languages": ["English", "zh-hant", "english"],
            "askMeAbout": ["Sourdough baking", " GDPR "],
            "workingHours": { "start": "08:30", "end": "16:30", "days": ["MONDAY", "FRIDAY"] }
        });
        let saved = app
            .data_as(&jack, UPDATE_PROFILE, json!({ "input": input }))
            .await;
        let p = &saved["updateProfile"]["person"];
        assert_eq!(p["summary"], "Infrastructure in the Sydney office.");
        assert_eq!(p["languages"], json!(["English", "zh-Hant"]));
        assert_eq!(p["askMeAbout"], json!(["Sourdough baking", "GDPR"]));
        assert_eq!(
            p["workingHours"],
            json!({ "start": "08:30", "end": "16:30", "days": ["MONDAY", "FRIDAY"] })
        );
        // A colleague reads it all.
        let seen = app.data_as(&wing, PROFILE, json!({ "id": "e3003" })).await;
        assert_eq!(seen["person"]["askMeAbout"], p["askMeAbout"]);
        assert_eq!(seen["person"]["workingHours"]["start"], "08:30");

        // A bad value is refused with a clear message and changes nothing.
        for (bad, words) in [
            (
                json!({ "languages": ["x1!"] }),
                "is neither a language name",
            ),
            (json!({ "askMeAbout": ["x".repeat(61)] }), "longer than 60"),
            (
                json!({ "workingHours": { "start": "17:00", "end": "09:00", "days": ["MONDAY"] } }),
                "must end after it starts",
            ),
            (
                json!({ "workingHours": { "start": "9am", "end": "17:00", "days": ["MONDAY"] } }),
                "HH:MM",
            ),
            (
                json!({ "workingHours": { "start": "09:00", "end": "17:00", "days": [] } }),
                "at least one day",
            ),
            (json!({ "summary": "x".repeat(501) }), "longer than 500"),
        ] {
            let mut input = json!({ "personId": "e3003", "summary": "changed?" });
            input
                .as_object_mut()
                .unwrap()
                .extend(bad.as_object().unwrap().clone());
            let (code, message) = app
                .error_as(&jack, UPDATE_PROFILE, json!({ "input": input }))
                .await;
            assert_eq!(code, "BAD_USER_INPUT", "{message}");
            assert!(message.contains(words), "{message}");
        }
        let kept = app.data_as(&wing, PROFILE, json!({ "id": "e3003" })).await;
        assert_eq!(
            kept["person"]["summary"],
            "Infrastructure in the Sydney office."
        );

        // Someone else's profile: only HR and admins.
        let (code, _) = app
            .error_as(
                &wing,
                UPDATE_PROFILE,
                json!({ "input": { "personId": "e3003", "summary": "Hacked" } }),
            )
            .await;
        assert_eq!(code, "FORBIDDEN");
        let hr = app.token(Role::Hr, Some("e0042")).await;
        let cleared = app
            .data_as(
                &hr,
                UPDATE_PROFILE,
                json!({ "input": { "personId": "e3003", "summary": null, "workingHours": null } }),
            )
            .await;
        let p = &cleared["updateProfile"]["person"];
        assert!(p["summary"].is_null() && p["workingHours"].is_null(), "{p}");
        assert_eq!(p["askMeAbout"], json!(["Sourdough baking", "GDPR"]));
    }
);

on_both_backends!(
    an_ask_me_about_topic_finds_the_person_with_the_reason,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        assert!(
            found(
                &experts(&app, "sourdough baking", json!(null)).await,
                "e3003"
            )
            .is_none(),
            "nobody knows about sourdough yet"
        );
        let gdpr = experts(&app, "GDPR", json!(null)).await;
        assert!(found(&gdpr, "e3003").is_none());
        app.data_as(
            &jack,
            UPDATE_PROFILE,
            json!({ "input": { "personId": "e3003", "askMeAbout": ["Sourdough baking", "gdpr"] } }),
        )
        .await;
        // A topic no skill names: found by its words, with the reason.
        let bread = experts(&app, "who knows about sourdough?", json!(null)).await;
        let jack_found = found(&bread, "e3003").expect("found by the topic");
        assert!(
            jack_found["explanation"]
                .as_str()
                .unwrap()
                .contains("says to ask them about *Sourdough baking*"),
            "{jack_found}"
        );
        // A topic that names a skill: linked to it, as a self-declared claim
        // weaker than the skills others keep.
        let gdpr = experts(&app, "GDPR", json!(null)).await;
        let jack_found = found(&gdpr, "e3003").expect("linked to GDPR");
        assert!(
            jack_found["explanation"]
                .as_str()
                .unwrap()
                .contains("says to ask them about *GDPR*"),
            "{jack_found}"
        );
        let position = |id: &str| gdpr.iter().position(|e| e["person"]["externalId"] == id);
        assert!(position("e1001") < position("e3003"), "{gdpr:#?}");
        app.assert_graph_matches_rebuild().await;

        // Taking the topic back takes the link and the words away.
        app.data_as(
            &jack,
            UPDATE_PROFILE,
            json!({ "input": { "personId": "e3003", "askMeAbout": [] } }),
        )
        .await;
        assert!(found(&experts(&app, "sourdough", json!(null)).await, "e3003").is_none());
        assert!(found(&experts(&app, "GDPR", json!(null)).await, "e3003").is_none());
        app.assert_graph_matches_rebuild().await;
    }
);

on_both_backends!(
    the_overlap_filter_uses_a_persons_own_hours,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        app.data_as(
            &jack,
            UPDATE_PROFILE,
            json!({ "input": { "personId": "e3003", "askMeAbout": ["Sourdough"] } }),
        )
        .await;
        let london = json!({ "minOverlapHours": 3, "timezone": "Europe/London" });
        // Guessed 9–17 in Sydney: no overlap with London's day.
        assert!(found(&experts(&app, "sourdough", london.clone()).await, "e3003").is_none());
        let all = experts(&app, "sourdough", json!({ "timezone": "Europe/London" })).await;
        assert_eq!(found(&all, "e3003").unwrap()["overlapHours"], 0.0);
        // Their own late day (16:00–23:30 Sydney) meets London's morning,
        // whatever the season: 3.5 hours in December, 5.5 in June.
        app.data_as(
            &jack,
            UPDATE_PROFILE,
            json!({ "input": { "personId": "e3003",
                "workingHours": { "start": "16:00", "end": "23:30", "days": every_day() } } }),
        )
        .await;
        let near = experts(&app, "sourdough", london).await;
        let hours = found(&near, "e3003").expect("overlaps now")["overlapHours"]
            .as_f64()
            .unwrap();
        assert!(hours == 3.5 || hours == 5.5, "{hours}");
    }
);

const EVIDENCE_URL: &str = r#"
mutation($input: CreateEvidenceInput!) {
  createEvidence(input: $input) { evidence { externalId url } }
}"#;

on_both_backends!(evidence_carries_a_checked_url, |app: TestApp| async move {
    import_examples(&app).await;
    let aoife = app.token(Role::Employee, Some("e1001")).await;
    let input = |id: &str, url: Value| {
        json!({ "input": { "externalId": id, "evidence": {
            "authorIds": ["e1001"], "title": "Disposal log", "text": "How disposals are logged.",
            "url": url } } })
    };
    let made = app
        .data_as(
            &aoife,
            EVIDENCE_URL,
            input("d-url", json!("https://intranet.example.org/d/1")),
        )
        .await;
    assert_eq!(
        made["createEvidence"]["evidence"]["url"],
        "https://intranet.example.org/d/1"
    );
    for bad in ["javascript:alert(1)", "ftp://x.org/a", "https://"] {
        let (code, message) = app
            .error_as(&aoife, EVIDENCE_URL, input("d-bad", json!(bad)))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{bad}");
        assert!(message.contains("url"), "{message}");
    }
    let none = app
        .data(
            r#"query { evidence(first: 10) { nodes { externalId url } } }"#,
            json!({}),
        )
        .await;
    let nodes = none["evidence"]["nodes"].as_array().unwrap();
    assert!(nodes.iter().all(|n| n["externalId"] != "d-bad"));
    assert!(
        nodes
            .iter()
            .any(|n| n["externalId"] == "d-77" && n["url"].is_null())
    );
});

/// Imports with urls and handles; bad ones reported with file, line and reason.
async fn import_with_urls_and_handles(app: &TestApp) {
    let people = r#"{"id": "p1", "name": "Ann Lee", "email": "ann.lee@example.org", "handles": {"slack": "U123", "teams": "ann.lee@example.org"}}
{"id": "p2", "name": "Bo Park", "handles": {"Slack!": "U9"}}
{"id": "p3", "name": "Cy Diaz", "handles": {"slack": 42}}
{"id": "p4", "name": "Di Eze"}
"#;
    let evidence = r#"{"id": "d-1", "author_ids": ["p1"], "text": "Runbook.", "url": "https://wiki.example.org/runbook"}
{"id": "d-2", "author_ids": ["p1"], "text": "Bad link.", "url": "javascript:alert(1)"}
"#;
    let report = app
        .import_jsonl(&[("people.jsonl", people), ("evidence.jsonl", evidence)])
        .await;
    let mut rejected: Vec<(String, usize, String)> = report
        .rejected
        .iter()
        .map(|e| (e.file.clone(), e.line, e.reason.clone()))
        .collect();
    rejected.sort();
    assert_eq!(rejected.len(), 3, "{rejected:#?}");
    assert!(rejected[0].0.ends_with("evidence.jsonl") && rejected[0].1 == 2);
    assert!(
        rejected[0].2.contains("http:// or https://"),
        "{rejected:?}"
    );
    assert!(rejected[1].0.ends_with("people.jsonl") && rejected[1].1 == 2);
    assert!(rejected[1].2.contains("not a handle name"), "{rejected:?}");
    assert_eq!(rejected[2].1, 3);
    assert!(rejected[2].2.contains("must be a string"), "{rejected:?}");
}

on_both_backends!(imports_take_urls_and_handles, |app: TestApp| async move {
    import_with_urls_and_handles(&app).await;
    let d = app
        .data(
            r#"query { evidence(first: 10) { nodes { externalId url } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        d["evidence"]["nodes"],
        json!([{ "externalId": "d-1", "url": "https://wiki.example.org/runbook" }])
    );
    // The default: e-mail only, for those who have an address.
    let ann = app.data(PROFILE, json!({ "id": "p1" })).await;
    assert_eq!(
        ann["person"]["contactActions"],
        json!([{ "label": "E-mail", "url": "mailto:ann.lee@example.org" }])
    );
    let di = app.data(PROFILE, json!({ "id": "p4" })).await;
    assert_eq!(di["person"]["contactActions"], json!([]));
});

async fn spawn_with_contact(backend: common::Backend) -> Option<TestApp> {
    TestApp::spawn_config(backend, |c| {
        c.contact = [
            ("E-mail", "mailto:{email}"),
            (
                "Teams chat",
                "https://teams.microsoft.com/l/chat/0/0?users={email}",
            ),
            ("Slack", "slack://user?team=T123&id={handle.slack}"),
        ]
        .into_iter()
        .map(|(l, u)| tacit::domain::contact::ContactTemplate::parse(l, u).expect("template"))
        .collect();
    })
    .await
}

on_both_backends!(
    contact_actions_follow_the_templates,
    with spawn_with_contact,
    |app: TestApp| async move {
        import_with_urls_and_handles(&app).await;
        let colleague = app.token(Role::Employee, Some("p4")).await;
        let ann = app.data_as(&colleague, PROFILE, json!({ "id": "p1" })).await;
        assert_eq!(
            ann["person"]["contactActions"],
            json!([
                { "label": "E-mail", "url": "mailto:ann.lee@example.org" },
                { "label": "Teams chat", "url": "https://teams.microsoft.com/l/chat/0/0?users=ann.lee@example.org" },
                { "label": "Slack", "url": "slack://user?team=T123&id=U123" },
            ])
        );
        // No e-mail address and no handle: no action.
        let di = app.data_as(&colleague, PROFILE, json!({ "id": "p4" })).await;
        assert_eq!(di["person"]["contactActions"], json!([]));
        // Someone who has left is offered no way to reach them, even to HR
        // and admins, who still see their address.
        app.data(
            r#"mutation { updatePerson(input: { id: "p1", status: LEFT }) { person { id } } }"#,
            json!({}),
        )
        .await;
        let gone = app
            .data(
                "query($id: ID!) { person(id: $id) { email contactActions { label url } } }",
                json!({ "id": "p1" }),
            )
            .await;
        assert_eq!(gone["person"]["email"], "ann.lee@example.org", "{gone:#}");
        assert_eq!(gone["person"]["contactActions"], json!([]), "{gone:#}");
    }
);

on_both_backends!(
    concurrent_edits_of_different_parts_both_stay,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let hr = app.token(Role::Hr, Some("e0042")).await;
        // HR sets Jack's hours while Jack edits his summary, again and
        // again: each edit replaces only its own part.
        for round in 0..8 {
            let summary = format!("Summary {round}");
            let start = format!("0{}:00", round % 3 + 7);
            let (a, b) = tokio::join!(
                app.data_as(
                    &jack,
                    UPDATE_PROFILE,
                    json!({ "input": { "personId": "e3003", "summary": summary } }),
                ),
                app.data_as(
                    &hr,
                    UPDATE_PROFILE,
                    json!({ "input": { "personId": "e3003",
                        "workingHours": { "start": start, "end": "17:00", "days": ["MONDAY"] } } }),
                ),
            );
            assert_eq!(a["updateProfile"]["person"]["summary"], summary.as_str());
            assert_eq!(
                b["updateProfile"]["person"]["workingHours"]["start"],
                start.as_str()
            );
            let now = app.data(PROFILE, json!({ "id": "e3003" })).await;
            assert_eq!(now["person"]["summary"], summary.as_str(), "{now:#}");
            assert_eq!(
                now["person"]["workingHours"]["start"],
                start.as_str(),
                "{now:#}"
            );
        }
    }
);
