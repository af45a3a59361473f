//! Records governance on both backends: four eyes on early destruction,
//! the holds list, and the audit log read for an investigation (names,
//! filters, CSV export).

mod common;

use common::{TestApp, import_examples, published_interview};
use serde_json::{Value, json};
use tacit::domain::Role;

const REQUEST: &str = "mutation($id: ID!, $kind: DisposalKind!, $days: Int) {
  requestDisposal(input: { interviewId: $id, kind: $kind, retentionDays: $days, reason: \"The leaver asked us to delete it\" }) {
    request { id status kind requestedBy requestedByName canDecide canWithdraw nextStep }
  }
}";

const DECIDE: &str = "mutation($id: String!, $decision: DisposalDecision!, $note: String) {
  decideDisposalRequest(input: { id: $id, decision: $decision, note: $note }) {
    request { status decidedByName note nextStep }
    certificates { part authorisedBy authorisedByName requestedBy requestedByName approvedBy approvedByName }
  }
}";

/// The examples with Aoife Byrne's interview published, and two HR people:
/// Siobhan Kelly (e0042) and Wing Chan (e2002).
async fn story(app: &TestApp) -> (String, String, String) {
    import_examples(app).await;
    let id = published_interview(app).await;
    let siobhan = app.token(Role::Hr, Some("e0042")).await;
    let wing = app.token(Role::Hr, Some("e2002")).await;
    (id, siobhan, wing)
}

const CERTIFICATES: &str = "query($id: ID!) { interview(id: $id) { status
  certificates { requestedBy requestedByName approvedByName authorisedByName }
  disposalRequests { status } } }";

on_both_backends!(
    early_destruction_needs_a_second_person,
    |app: TestApp| async move {
        let (id, siobhan, wing) = story(&app).await;

        // One HR person cannot shorten retention below the configured period alone.
        let (code, message) = app
            .error_as(
                &siobhan,
                "mutation($id: ID!) { setInterviewRetention(input: { interviewId: $id, retentionDays: 0 }) { interview { id } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(code, "CONFLICT");
        assert!(message.contains("second HR or admin person"), "{message}");

        // She asks instead; she may withdraw but not decide.
        let asked = app
            .data_as(&siobhan, REQUEST, json!({ "id": id, "kind": "DISPOSE" }))
            .await;
        let request = &asked["requestDisposal"]["request"];
        assert_eq!(request["status"], "PENDING");
        assert_eq!(request["requestedBy"], "person:e0042");
        assert_eq!(request["requestedByName"], "Siobhan Kelly");
        assert_eq!(request["canDecide"], false);
        assert_eq!(request["canWithdraw"], true);
        assert!(
            request["nextStep"]
                .as_str()
                .unwrap()
                .contains("second HR or admin")
        );
        let rid = request["id"].as_str().unwrap().to_string();

        // A second request for the same record waits for the first.
        let (code, _) = app
            .error_as(&wing, REQUEST, json!({ "id": id, "kind": "DISPOSE" }))
            .await;
        assert_eq!(code, "CONFLICT");

        // Her own approval is refused, and the refusal is audited.
        let (code, message) = app
            .error_as(
                &siobhan,
                DECIDE,
                json!({ "id": rid, "decision": "APPROVE" }),
            )
            .await;
        assert_eq!(code, "FORBIDDEN");
        assert!(message.contains("another HR or admin person"), "{message}");
        let denied = app
            .data(
                "{ auditLog(first: 5, actor: \"person:e0042\", action: \"denied\") { outcome summary } }",
                json!({}),
            )
            .await;
        assert_eq!(denied["auditLog"][0]["outcome"], "denied", "{denied:#}");
        assert_eq!(
            denied["auditLog"][0]["summary"],
            "Siobhan Kelly was refused permission to approve or reject early destruction (a second HR or admin person must)",
            "{denied:#}"
        );
        // Twenty attempts in one operation are one entry, not twenty.
        let flood = (0..20)
            .map(|n| format!("a{n}: decideDisposalRequest(input: {{ id: \"{rid}\", decision: APPROVE }}) {{ request {{ status }} }}"))
            .collect::<Vec<_>>()
            .join(" ");
        let (_, flooded) = app
            .gql_as(
                Some(&siobhan),
                &format!("mutation {{ {flood} }}"),
                json!({}),
            )
            .await;
        let codes: Vec<&Value> = flooded["errors"]
            .as_array()
            .map(|e| e.iter().map(|e| &e["extensions"]["code"]).collect())
            .unwrap_or_default();
        assert!(!codes.is_empty(), "{flooded:#}");
        let refusals = app
            .data(
                "{ auditLog(first: 50, actor: \"person:e0042\", action: \"denied\") { seq } }",
                json!({}),
            )
            .await;
        let entries = refusals["auditLog"].as_array().map_or(0, Vec::len);
        assert!((1..=2).contains(&entries), "{refusals:#}");
        // An integration token without a person may not decide either.
        let (code, _) = app
            .error_as(
                &app.admin_token,
                DECIDE,
                json!({ "id": rid, "decision": "APPROVE" }),
            )
            .await;
        assert_eq!(code, "FORBIDDEN");
        // Nothing was destroyed.
        let record = app.data(CERTIFICATES, json!({ "id": id })).await;
        assert_eq!(record["interview"]["status"], "PUBLISHED");

        // Wing sees it waiting for him, and approves.
        let waiting = app
            .data_as(
                &wing,
                "{ disposalRequests { id canDecide requestedByName interview { leaverName } } }",
                json!({}),
            )
            .await;
        assert_eq!(waiting["disposalRequests"][0]["id"], rid.as_str());
        assert_eq!(waiting["disposalRequests"][0]["canDecide"], true);
        assert_eq!(
            waiting["disposalRequests"][0]["interview"]["leaverName"],
            "Aoife Byrne"
        );
        let approved = app
            .data_as(
                &wing,
                DECIDE,
                json!({ "id": rid, "decision": "APPROVE", "note": "Agreed with legal" }),
            )
            .await;
        let payload = &approved["decideDisposalRequest"];
        assert_eq!(payload["request"]["status"], "APPROVED");
        assert_eq!(payload["request"]["decidedByName"], "Wing Chan");
        let cert = &payload["certificates"][0];
        assert_eq!(cert["part"], "TRANSCRIPT");
        assert_eq!(cert["requestedByName"], "Siobhan Kelly");
        assert_eq!(cert["approvedByName"], "Wing Chan");
        assert_eq!(cert["authorisedByName"], "Wing Chan");
        let approval = app
            .data(
                "{ auditLog(first: 5, action: \"interview.disposal_approve\", actor: \"person:e2002\") { outcome detail } }",
                json!({}),
            )
            .await;
        assert_eq!(approval["auditLog"][0]["outcome"], "ok", "{approval:#}");
        assert_eq!(
            approval["auditLog"][0]["detail"]["requestedBy"],
            "person:e0042"
        );

        // Decided once.
        let (code, _) = app
            .error_as(&wing, DECIDE, json!({ "id": rid, "decision": "REJECT" }))
            .await;
        assert_eq!(code, "CONFLICT");

        // After Siobhan is erased, the certificate still says who asked, by a pseudonym and the id.
        app.data(
            "mutation { erasePerson(input: { personId: \"e0042\", reason: \"request REF-1\" }) { skills } }",
            json!({}),
        )
        .await;
        let record = app.data(CERTIFICATES, json!({ "id": id })).await;
        let cert = &record["interview"]["certificates"][0];
        assert_eq!(record["interview"]["status"], "DISPOSED");
        assert_eq!(cert["requestedBy"], "person:e0042");
        assert_eq!(cert["requestedByName"], "Erased person");
        assert_eq!(cert["approvedByName"], "Wing Chan");
        assert_eq!(
            record["interview"]["disposalRequests"][0]["status"],
            "APPROVED"
        );
    }
);

on_both_backends!(
    a_shorter_period_approved_puts_both_names_on_the_certificate,
    |app: TestApp| async move {
        let (id, siobhan, wing) = story(&app).await;
        // A period that is not below the configured one needs no request.
        let (code, message) = app
            .error_as(
                &siobhan,
                REQUEST,
                json!({ "id": id, "kind": "SHORTEN", "days": 5000 }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT");
        assert!(message.contains("no approval is needed"), "{message}");
        let asked = app
            .data_as(
                &siobhan,
                REQUEST,
                json!({ "id": id, "kind": "SHORTEN", "days": 0 }),
            )
            .await;
        let rid = asked["requestDisposal"]["request"]["id"].clone();
        // Rejected first, then asked again and approved.
        let rejected = app
            .data_as(
                &wing,
                DECIDE,
                json!({ "id": rid, "decision": "REJECT", "note": "Keep it for now" }),
            )
            .await;
        assert_eq!(
            rejected["decideDisposalRequest"]["request"]["status"],
            "REJECTED"
        );
        assert_eq!(
            rejected["decideDisposalRequest"]["request"]["note"],
            "Keep it for now"
        );
        let asked = app
            .data_as(
                &siobhan,
                REQUEST,
                json!({ "id": id, "kind": "SHORTEN", "days": 0 }),
            )
            .await;
        let rid = asked["requestDisposal"]["request"]["id"].clone();
        app.data_as(&wing, DECIDE, json!({ "id": rid, "decision": "APPROVE" }))
            .await;
        let retention = app
            .data_as(
                &siobhan,
                "query($id: ID!) { interview(id: $id) { retention { retentionDays } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(retention["interview"]["retention"]["retentionDays"], 0);
        // Due now: whoever disposes of it, the certificate names who asked and who approved.
        let disposed = app
            .data_as(
                &siobhan,
                "mutation($id: ID!) { disposeInterview(input: { interviewId: $id }) { certificates { part authorisedByName requestedByName approvedByName } } }",
                json!({ "id": id }),
            )
            .await;
        let cert = &disposed["disposeInterview"]["certificates"][0];
        assert_eq!(cert["part"], "TRANSCRIPT");
        assert_eq!(cert["authorisedByName"], "Siobhan Kelly");
        assert_eq!(cert["requestedByName"], "Siobhan Kelly");
        assert_eq!(cert["approvedByName"], "Wing Chan");
    }
);

on_both_backends!(
    holds_are_listed_with_who_and_why,
    |app: TestApp| async move {
        let (id, siobhan, _) = story(&app).await;
        let empty = app
            .data_as(&siobhan, "{ recordsOnHold { id } }", json!({}))
            .await;
        assert_eq!(empty["recordsOnHold"], json!([]));
        // A hold says why.
        let (code, message) = app
            .error_as(
                &siobhan,
                "mutation($id: ID!) { setInterviewRetention(input: { interviewId: $id, hold: true }) { interview { id } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT");
        assert!(message.contains("say why the record is held"), "{message}");
        app.data_as(
        &siobhan,
        "mutation($id: ID!) { setInterviewRetention(input: { interviewId: $id, hold: true, holdReason: \"Inquiry REF-7\" }) { interview { id } } }",
        json!({ "id": id }),
    )
    .await;
        let held = app
        .data_as(
            &siobhan,
            "{ recordsOnHold { id leaverName retention { hold holdReason holdBy holdByName holdAt } } }",
            json!({}),
        )
        .await;
        let row = &held["recordsOnHold"][0];
        assert_eq!(row["id"], id.as_str());
        assert_eq!(row["leaverName"], "Aoife Byrne");
        assert_eq!(row["retention"]["holdReason"], "Inquiry REF-7");
        assert_eq!(row["retention"]["holdBy"], "person:e0042");
        assert_eq!(row["retention"]["holdByName"], "Siobhan Kelly");
        assert!(row["retention"]["holdAt"].is_string());
        // A held record cannot even be asked for.
        let (code, message) = app
            .error_as(&siobhan, REQUEST, json!({ "id": id, "kind": "DISPOSE" }))
            .await;
        assert_eq!(code, "CONFLICT");
        assert!(message.contains("on hold"), "{message}");
        // Employees do not see the list.
        let colleague = app.token(Role::Employee, Some("e3003")).await;
        let (code, _) = app
            .error_as(&colleague, "{ recordsOnHold { id } }", json!({}))
            .await;
        assert_eq!(code, "FORBIDDEN");
        // Lifted, it leaves the list.
        app.data_as(
        &siobhan,
        "mutation($id: ID!) { setInterviewRetention(input: { interviewId: $id, hold: false }) { interview { id } } }",
        json!({ "id": id }),
    )
    .await;
        let empty = app
            .data_as(&siobhan, "{ recordsOnHold { id } }", json!({}))
            .await;
        assert_eq!(empty["recordsOnHold"], json!([]));
    }
);

async fn csv(app: &TestApp, token: &str, query: &str) -> (u16, String) {
    let res = reqwest::Client::new()
        .get(format!("{}/api/audit.csv?{query}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("export");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

on_both_backends!(
    the_audit_log_filters_names_and_exports,
    |app: TestApp| async move {
        let (id, siobhan, _) = story(&app).await;
        app.data_as(
        &siobhan,
        "mutation($id: ID!) { setInterviewRetention(input: { interviewId: $id, hold: true, holdReason: \"Inquiry REF-7\" }) { interview { id } } }",
        json!({ "id": id }),
    )
    .await;
        let log = |args: &str| {
            format!(
                "{{ auditLog(first: 100{args}) {{ actor actorName action target targetName summary outcome }} }}"
            )
        };
        let all = app.data(&log(""), json!({})).await;
        let entries = all["auditLog"].as_array().unwrap();
        assert!(entries.len() > 5, "{all:#}");

        // By actor: only Siobhan's entry, with names beside the ids and a readable line.
        let hers = app.data(&log(", actor: \"person:e0042\""), json!({})).await;
        let hers = hers["auditLog"].as_array().unwrap();
        assert_eq!(hers.len(), 1, "{hers:#?}");
        assert_eq!(hers[0]["actorName"], "Siobhan Kelly");
        assert_eq!(hers[0]["targetName"], "Interview with Aoife Byrne");
        assert_eq!(
            hers[0]["summary"],
            "Siobhan Kelly changed the retention of Interview with Aoife Byrne: the default period, on hold (“Inquiry REF-7”)"
        );

        // By target, and by a group of actions.
        let ext = hers[0]["target"].as_str().unwrap().to_string();
        let about = app
            .data(&log(&format!(", target: \"{ext}\"")), json!({}))
            .await;
        let about = about["auditLog"].as_array().unwrap();
        assert!(
            about.len() >= 5,
            "schedule, start, complete, publish, retention: {about:#?}"
        );
        assert!(about.iter().all(|e| e["target"] == ext.as_str()));
        let group = app.data(&log(", action: \"interview\""), json!({})).await;
        let group = group["auditLog"].as_array().unwrap();
        assert_eq!(
            group.len(),
            about.len(),
            "every interview action, and nothing else"
        );
        let one = app
            .data(&log(", action: \"interview.publish\""), json!({}))
            .await;
        assert_eq!(one["auditLog"].as_array().unwrap().len(), 1);

        // By date: today holds them all, yesterday none; a range backwards is refused.
        let today = chrono::Utc::now().date_naive();
        let yesterday = today.pred_opt().unwrap();
        let on = app
            .data(
                &log(&format!(", from: \"{today}\", until: \"{today}\"")),
                json!({}),
            )
            .await;
        assert_eq!(on["auditLog"].as_array().unwrap().len(), entries.len());
        let before = app
            .data(&log(&format!(", until: \"{yesterday}\"")), json!({}))
            .await;
        assert_eq!(before["auditLog"], json!([]));
        let code = app
            .error_code(
                &log(&format!(", from: \"{today}\", until: \"{yesterday}\"")),
                json!({}),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT");

        // The filtered view as CSV: a header and one line per entry, names included.
        let (status, text) = csv(&app, &app.admin_token, "actor=person:e0042").await;
        assert_eq!(status, 200, "{text}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(
            header,
            [
                "seq",
                "at",
                "actor",
                "actor_name",
                "action",
                "target",
                "target_name",
                "outcome",
                "summary",
                "detail"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][3], "Siobhan Kelly");
        assert_eq!(&rows[0][6], "Interview with Aoife Byrne");
        // The export itself is in the log, with its filter and size.
        let exported = app
            .data(&log(", action: \"audit.export\""), json!({}))
            .await;
        let exported = exported["auditLog"].as_array().unwrap();
        assert_eq!(exported.len(), 1);
        let detail = app
            .data(
                "{ auditLog(first: 1, action: \"audit.export\") { detail } }",
                json!({}),
            )
            .await;
        assert_eq!(detail["auditLog"][0]["detail"]["rows"], 1);
        assert_eq!(detail["auditLog"][0]["detail"]["actor"], "person:e0042");

        // HR may not export it; a bad date is a clear 400.
        let (status, _) = csv(&app, &siobhan, "").await;
        assert_eq!(status, 403);
        let (status, text) = csv(&app, &app.admin_token, "from=yesterday").await;
        assert_eq!(status, 400, "{text}");
        let parsed: Value = serde_json::from_str(&text).expect("JSON error");
        let message = parsed["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("YYYY-MM-DD"), "{parsed}");
    }
);
