//! `POST /api/imports` and `GET /api/imports/{id}` on both backends, over real
//! HTTP with multipart uploads: the FORMATS.md examples, bad lines, strict,
//! who may import, bad requests, and progress polling to the end.

mod common;

use common::{COMMUNITIES, EVIDENCE, PEOPLE, SKILLS, TestApp};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tacit::domain::Role;

const BAD_PEOPLE: &str = r#"{"id": "e5001", "name": "Good Person", "office": "Manchester", "timezone": "Europe/London", "skills": [{"skill": "Tender evaluation", "level": 4}]}
{"id": "e5002", "name": "Bad Zone", "timezone": "Europe/Atlantis"}
{"id": "e5003", "name": "Broken JSON"
{"id": "e5004", "name": "Also Good"}
"#;

fn form(files: &[(&str, &str)]) -> Form {
    files.iter().fold(Form::new(), |f, (name, text)| {
        f.part(
            "files",
            Part::bytes(text.as_bytes().to_vec()).file_name(name.to_string()),
        )
    })
}

/// POSTs `form` with `token` (none when `None`); the status and the JSON body.
async fn post(app: &TestApp, token: Option<&str>, form: Form) -> (u16, Value) {
    let mut req = app
        .anon
        .post(format!("{}/api/imports", app.base))
        .multipart(form);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Starts an import as the admin and polls it until it is done or failed; every state seen.
async fn import(app: &TestApp, form: Form) -> (Value, Vec<Value>) {
    let (status, started) = post(app, Some(&app.admin_token), form).await;
    assert_eq!(status, 202, "{started}");
    let url = format!(
        "{}{}",
        app.base,
        started["status"].as_str().expect("status url")
    );
    let mut seen = Vec::new();
    for _ in 0..600 {
        let state: Value = app
            .client
            .get(&url)
            .send()
            .await
            .expect("poll")
            .json()
            .await
            .expect("json");
        seen.push(state.clone());
        match state["phase"].as_str() {
            Some("done") | Some("failed") => return (state, seen),
            Some("reading") | Some("checking") | Some("writing") => {}
            other => panic!("unknown phase {other:?}: {state}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish: {seen:?}");
}

/// Declares a body one byte over the limit and sends none of it: the server
/// answers from the headers alone. (Sending the whole body races the server's
/// early answer against the client's writing, and the client may see a broken pipe.)
async fn declare_too_large(app: &TestApp) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    let head = format!(
        "POST /api/imports HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        app.admin_token,
        tacit::api::imports::MAX_UPLOAD_BYTES + 1
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

fn rejected(state: &Value) -> Vec<(String, u64, String)> {
    state["report"]["rejected"]
        .as_array()
        .expect("rejected lines")
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap_or_default().to_string(),
                r["line"].as_u64().unwrap_or_default(),
                r["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

on_both_backends!(
    formats_examples_import_and_are_found,
    |app: TestApp| async move {
        let (state, _) = import(
            &app,
            form(&[
                ("people.jsonl", PEOPLE),
                ("evidence.jsonl", EVIDENCE),
                ("skills.jsonl", SKILLS),
                ("communities.jsonl", COMMUNITIES),
            ]),
        )
        .await;
        assert_eq!(state["phase"], "done", "{state}");
        assert_eq!(state["report"]["committed"], true);
        assert_eq!(state["report"]["records"], 8);
        assert_eq!(state["report"]["accepted"], 8);
        assert_eq!(state["rejectedCount"], 0);
        assert_eq!(state["report"]["changed"]["people"], 4);
        assert_eq!(
            state["files"],
            json!([
                "people.jsonl",
                "evidence.jsonl",
                "skills.jsonl",
                "communities.jsonl"
            ])
        );
        let data = app
            .data(
                "{ people { totalCount } communities { totalCount } \
                 experts(query: \"records retention\", first: 10) { person { externalId } } }",
                json!({}),
            )
            .await;
        assert_eq!(data["people"]["totalCount"], 4);
        assert_eq!(data["communities"]["totalCount"], 1);
        // Found by search straight away: the running server's graph caught up.
        let experts: Vec<&str> = data["experts"]
            .as_array()
            .expect("experts")
            .iter()
            .filter_map(|e| e["person"]["externalId"].as_str())
            .collect();
        assert!(experts.contains(&"e1001"), "{experts:?}");

        let log = app
            .data(
                "{ auditLog(first: 20) { action outcome detail } }",
                json!({}),
            )
            .await;
        let entry = log["auditLog"]
            .as_array()
            .expect("audit entries")
            .iter()
            .find(|e| e["action"] == "import.run")
            .cloned()
            .expect("the import is audited");
        assert_eq!(entry["outcome"], "ok");
        assert_eq!(entry["detail"]["accepted"], 8);
        assert_eq!(entry["detail"]["committed"], true);
    }
);

on_both_backends!(
    bad_lines_are_reported_and_good_ones_committed,
    |app: TestApp| async move {
        let (state, _) = import(&app, form(&[("hr-people.jsonl", BAD_PEOPLE)])).await;
        assert_eq!(state["phase"], "done", "{state}");
        assert_eq!(state["report"]["committed"], true);
        assert_eq!(state["report"]["accepted"], 2);
        assert_eq!(state["rejectedCount"], 2);
        let bad = rejected(&state);
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert_eq!((bad[0].0.as_str(), bad[0].1), ("hr-people.jsonl", 2));
        assert!(bad[0].2.contains("Europe/Atlantis"), "{}", bad[0].2);
        assert_eq!((bad[1].0.as_str(), bad[1].1), ("hr-people.jsonl", 3));
        assert!(bad[1].2.starts_with("not valid JSON"), "{}", bad[1].2);
        let data = app
            .data(
                "{ people { nodes { externalId } } \
                 experts(query: \"tender evaluation\", first: 5) { person { externalId } } }",
                json!({}),
            )
            .await;
        let mut people: Vec<&str> = data["people"]["nodes"]
            .as_array()
            .expect("people")
            .iter()
            .filter_map(|p| p["externalId"].as_str())
            .collect();
        people.sort();
        assert_eq!(people, ["e5001", "e5004"]);
        assert_eq!(data["experts"][0]["person"]["externalId"], "e5001");
    }
);

on_both_backends!(strict_commits_nothing, |app: TestApp| async move {
    let f = form(&[("people.jsonl", BAD_PEOPLE)]).text("strict", "true");
    let (state, _) = import(&app, f).await;
    assert_eq!(state["phase"], "done", "{state}");
    assert_eq!(state["strict"], true);
    assert_eq!(state["report"]["committed"], false);
    assert_eq!(state["report"]["accepted"], 0);
    assert_eq!(rejected(&state).len(), 2);
    let data = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 0);
});

on_both_backends!(only_admins_import, |app: TestApp| async move {
    let employee = app.token(Role::Employee, None).await;
    let hr = app.token(Role::Hr, None).await;
    for token in [&employee, &hr] {
        let (status, body) = post(&app, Some(token), form(&[("people.jsonl", PEOPLE)])).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    }
    let (status, body) = post(&app, None, form(&[("people.jsonl", PEOPLE)])).await;
    assert_eq!(status, 401, "{body}");
    let res = app
        .anon
        .get(format!("{}/api/imports/0000000000000000", app.base))
        .bearer_auth(&employee)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 403);
    let data = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 0);
});

on_both_backends!(bad_requests_are_explained, |app: TestApp| async move {
    let admin = Some(app.admin_token.as_str());
    let (status, body) = post(&app, admin, form(&[("notes.txt", PEOPLE)])).await;
    assert_eq!(status, 400, "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("notes.txt") && message.contains("people.jsonl"),
        "{message}"
    );

    let (status, body) = post(&app, admin, Form::new().text("strict", "true")).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at least one file"),
        "{body}"
    );

    let res = app
        .client
        .post(format!("{}/api/imports", app.base))
        .json(&json!({ "people": PEOPLE }))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 400);
    let body: Value = res.json().await.expect("json error");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("multipart/form-data"),
        "{body}"
    );

    let (status, body) = declare_too_large(&app).await;
    assert_eq!(status, 413, "{body}");
    assert!(
        body.contains("PAYLOAD_TOO_LARGE") && body.contains("MiB"),
        "{body}"
    );

    let res = app
        .client
        .get(format!("{}/api/imports/nosuchimport", app.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 404);

    // Nothing was written by any of these.
    let data = app.data("{ people { totalCount } }", json!({})).await;
    assert_eq!(data["people"]["totalCount"], 0);
});

on_both_backends!(progress_is_reported_until_done, |app: TestApp| async move {
    // Enough people that the import is seen in its phases, not only at the end.
    let people: String = (0..3000)
        .map(|i| format!("{{\"id\": \"p{i}\", \"name\": \"Person {i}\", \"skills\": [{{\"skill\": \"Skill {}\"}}]}}\n", i % 50))
        .collect();
    let (state, seen) = import(&app, form(&[("people.jsonl", &people)])).await;
    assert_eq!(state["phase"], "done", "{state}");
    assert_eq!(state["report"]["accepted"], 3000);
    assert!(state["finishedAt"].is_string());
    for s in &seen {
        if let (Some(done), Some(total)) = (s["done"].as_u64(), s["total"].as_u64()) {
            assert!(done <= total, "{s}");
        }
    }
    let phases: Vec<&str> = seen.iter().filter_map(|s| s["phase"].as_str()).collect();
    let order = ["reading", "checking", "writing", "done"];
    let ranks: Vec<usize> = phases
        .iter()
        .map(|p| order.iter().position(|o| o == p).expect("known phase"))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{phases:?}");
    // Finished: another import may start.
    let (again, _) = import(&app, form(&[("people.jsonl", PEOPLE)])).await;
    assert_eq!(again["phase"], "done");
});

// H1: an import can change e-mail addresses too; each change is on the record.
on_both_backends!(
    h1_import_email_changes_are_audited,
    |app: TestApp| async move {
        let (state, _) = import(&app, form(&[("people.jsonl", PEOPLE)])).await;
        assert_eq!(state["phase"], "done", "{state}");
        let moved = PEOPLE.replace("wing.chan@example.org", "wing.chan@elsewhere.example");
        let (state, _) = import(&app, form(&[("people.jsonl", &moved)])).await;
        assert_eq!(state["report"]["emailChanges"], json!(["e2002"]), "{state}");
        let log = app
            .data("{ auditLog(first: 20) { action detail } }", json!({}))
            .await;
        let runs: Vec<Value> = log["auditLog"]
            .as_array()
            .expect("log")
            .iter()
            .filter(|e| e["action"] == "import.run")
            .map(|e| {
                e["detail"]
                    .as_str()
                    .and_then(|d| serde_json::from_str(d).ok())
                    .unwrap_or_else(|| e["detail"].clone())
            })
            .collect();
        assert_eq!(runs[0]["emailChanges"], 1, "{runs:?}");
        assert_eq!(runs[0]["emailChangedFor"], json!(["person:e2002"]));
        assert!(!format!("{log}").contains("elsewhere.example"));
    }
);
