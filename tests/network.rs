//! Ask the network, end to end on both backends: a question routed to three
//! people who are e-mailed (an SMTP server in this test reads the messages)
//! and told by a signed webhook; "not me" routes a fourth; an answer, the
//! asker's acceptance, the evidence it becomes and the answerer ranking
//! higher for the question; the judgments in `tacit eval --feedback`; the
//! fair-share cap; who may see and do what.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Backend, TestApp};
use serde_json::{Value, json};
use tacit::domain::Role;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One message the SMTP server received.
#[derive(Debug, Clone)]
struct Mail {
    to: Vec<String>,
    /// Headers and body, quoted-printable decoded.
    text: String,
}

type Inbox = Arc<Mutex<Vec<Mail>>>;

/// Decodes quoted-printable: soft line breaks and `=XX` bytes.
fn unqp(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An SMTP server that accepts everything and keeps it.
async fn smtp_server() -> (SocketAddr, Inbox) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let inbox: Inbox = Arc::default();
    let kept = inbox.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read);
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut to = Vec::new();
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        to.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        loop {
                            let mut l = String::new();
                            if lines.read_line(&mut l).await.unwrap_or(0) == 0 || l == ".\r\n" {
                                break;
                            }
                            data.push_str(l.strip_prefix('.').unwrap_or(&l));
                        }
                        kept.lock().expect("inbox").push(Mail {
                            to: std::mem::take(&mut to),
                            text: unqp(&data),
                        });
                        b"250 kept\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (addr, inbox)
}

type Hooks = Arc<Mutex<Vec<(String, String)>>>;

/// A webhook receiver keeping (signature, body).
async fn webhook_server() -> (SocketAddr, Hooks) {
    let hooks: Hooks = Arc::default();
    let kept = hooks.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                let sig = headers
                    .get("x-tacit-signature")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                kept.lock().expect("hooks").push((sig, body));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, hooks)
}

const SECRET: &str = "a shared secret for the test webhook";

struct Net {
    app: TestApp,
    inbox: Inbox,
    hooks: Hooks,
    _dir: tempfile::TempDir,
}

async fn with_people_per_question(backend: Backend, people: usize, cap: usize) -> Option<Net> {
    let (smtp, inbox) = smtp_server().await;
    let (hook, hooks) = webhook_server().await;
    let dir = tempfile::tempdir().expect("dir");
    let secret_file = dir.path().join("webhook.secret");
    std::fs::write(&secret_file, SECRET).expect("secret");
    let app = TestApp::spawn_config(backend, |c| {
        c.routing = tacit::network::RoutingRules {
            people,
            max_open_per_week: cap,
            ..Default::default()
        };
        c.notify = toml::from_str(&format!(
            "public_url = \"https://tacit.example.org\"\n\
             [smtp]\nhost = \"127.0.0.1\"\nport = {}\nfrom = \"Tacit <tacit@example.org>\"\ntls = \"none\"\n\
             [webhook]\nurl = \"http://127.0.0.1:{}/hook\"\nsecret_file = \"{}\"\n",
            smtp.port(),
            hook.port(),
            secret_file.display()
        ))
        .expect("notify config");
    })
    .await?;
    app.load_demo(11, 80).await;
    // A Sunday night in every office: nobody is working, so the ranking's
    // order alone decides (working hours would otherwise reorder the top).
    let now = app.clock.now();
    let days = (7 - i64::from(chrono::Datelike::weekday(&now).num_days_from_sunday())) % 7;
    let sunday = (now + chrono::Duration::days(if days == 0 { 7 } else { days }))
        .date_naive()
        .and_hms_opt(2, 0, 0)
        .map(|t| t.and_utc())
        .expect("time");
    app.clock.advance(sunday - now);
    Some(Net {
        app,
        inbox,
        hooks,
        _dir: dir,
    })
}

async fn three_per_question(backend: Backend) -> Option<Net> {
    with_people_per_question(backend, 3, 5).await
}

async fn one_per_question_cap_two(backend: Backend) -> Option<Net> {
    with_people_per_question(backend, 1, 2).await
}

/// Waits until `check` holds, failing after 20 s.
async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

const EXPERTS: &str =
    "query($q: String!) { experts(query: $q, first: 50) { person { externalId } } }";
const ASK: &str = "mutation($i: AskQuestionInput!) { askQuestion(input: $i) { question { id externalId status } } }";
const QUESTION: &str = "query($id: ID!) { question(id: $id) { status text askedByMe
  routes { person { externalId email } state position reason passedBy { externalId } note }
  answers { id text accepted author { externalId } }
  evidence { kind title authors { externalId } tags { externalId } } } }";

async fn ranked(app: &TestApp, q: &str) -> Vec<String> {
    let data = app.data(EXPERTS, json!({ "q": q })).await;
    data["experts"]
        .as_array()
        .expect("experts")
        .iter()
        .filter_map(|e| e["person"]["externalId"].as_str().map(str::to_string))
        .collect()
}

/// The demo's most-held skill, and a question about it.
async fn topic(app: &TestApp) -> (String, String, String) {
    let data = app
        .data(
            "{ skills(first: 100) { edges { node { id externalId name holderCount } } } }",
            json!({}),
        )
        .await;
    let best = data["skills"]["edges"]
        .as_array()
        .expect("skills")
        .iter()
        .map(|e| e["node"].clone())
        .max_by_key(|n| n["holderCount"].as_i64().unwrap_or(0))
        .expect("a skill");
    let name = best["name"].as_str().expect("name").to_string();
    let question = format!("Can anyone explain how we handle {name} on client work?");
    (best["id"].as_str().expect("id").to_string(), name, question)
}

/// People who are not among the first `skip` suggested for `question`.
async fn outsiders(app: &TestApp, question: &str, skip: usize) -> Vec<String> {
    let top: Vec<String> = ranked(app, question).await.into_iter().take(skip).collect();
    let data = app
        .data(
            "{ people(first: 100) { edges { node { externalId status } } } }",
            json!({}),
        )
        .await;
    data["people"]["edges"]
        .as_array()
        .expect("people")
        .iter()
        .filter(|e| e["node"]["status"] == "ACTIVE")
        .filter_map(|e| e["node"]["externalId"].as_str().map(str::to_string))
        .filter(|id| !top.contains(id))
        .collect()
}

fn routed(question: &Value, state: &str) -> Vec<String> {
    question["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .filter(|r| r["state"] == state)
        .filter_map(|r| r["person"]["externalId"].as_str().map(str::to_string))
        .collect()
}

fn mails_to(inbox: &Inbox, address: &str) -> Vec<Mail> {
    inbox
        .lock()
        .expect("inbox")
        .iter()
        .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
        .cloned()
        .collect()
}

on_both_backends!(a_question_is_routed_answered_and_teaches_the_graph, with three_per_question, |net: Net| async move {
    let Net { app, inbox, hooks, .. } = &net;
    let (skill_id, _, text) = topic(app).await;
    let asker = outsiders(app, &text, 20).await.pop().expect("an asker");
    let asker_token = app.token(Role::Employee, Some(&asker)).await;
    let before = ranked(app, &text).await;

    let data = app
        .data_as(&asker_token, ASK, json!({ "i": { "text": text, "skillIds": [skill_id] } }))
        .await;
    let id = data["askQuestion"]["question"]["id"].as_str().expect("id").to_string();
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let first = routed(&q, "ROUTED");
    assert_eq!(first.len(), 3, "{q:#}");
    assert!(!first.contains(&asker), "never the asker");
    for r in q["routes"].as_array().expect("routes") {
        assert!(!r["reason"].as_str().unwrap_or("").is_empty(), "each route says why: {r}");
    }
    // Each of the three is e-mailed, and the message names the question.
    let addresses: Vec<String> = q["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .filter_map(|r| r["person"]["email"].as_str().map(str::to_string))
        .collect();
    assert_eq!(addresses.len(), 3);
    eventually("three e-mails", || addresses.iter().all(|a| !mails_to(inbox, a).is_empty())).await;
    for a in &addresses {
        let mail = &mails_to(inbox, a)[0];
        assert!(mail.text.contains(&text), "the e-mail names the question: {}", mail.text);
        assert!(mail.text.contains("https://tacit.example.org/questions/"), "{}", mail.text);
    }
    // The webhook heard of each routing too, signed.
    eventually("three webhook calls", || hooks.lock().expect("hooks").len() >= 3).await;
    for (sig, body) in hooks.lock().expect("hooks").iter() {
        assert_eq!(sig, &tacit::notify::signature(SECRET.as_bytes(), body.as_bytes()));
        let doc: Value = serde_json::from_str(body).expect("json");
        assert_eq!(doc["event"], "question.routed");
        assert_eq!(doc["question"]["text"], text.as_str());
    }

    // "Not me": a fourth person is asked and e-mailed.
    let decliner = first[0].clone();
    let decliner_token = app.token(Role::Employee, Some(&decliner)).await;
    let declined = app
        .data_as(&decliner_token, "mutation($i: DeclineQuestionInput!) { declineQuestion(input: $i) { question { myRoute { state } } } }",
            json!({ "i": { "questionId": id, "note": "Not my area" } }))
        .await;
    assert_eq!(declined["declineQuestion"]["question"]["myRoute"]["state"], "DECLINED");
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let now_routed = routed(&q, "ROUTED");
    assert_eq!(now_routed.len(), 3, "two left and a fourth: {q:#}");
    let fourth = now_routed.iter().find(|p| !first.contains(p)).expect("a fourth person").clone();
    let fourth_email = q["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .find(|r| r["person"]["externalId"] == fourth.as_str())
        .and_then(|r| r["person"]["email"].as_str())
        .expect("email")
        .to_string();
    eventually("the fourth e-mail", || !mails_to(inbox, &fourth_email).is_empty()).await;
    let (code, _) = app
        .error_as(&decliner_token, "mutation($i: DeclineQuestionInput!) { declineQuestion(input: $i) { question { id } } }",
            json!({ "i": { "questionId": id } }))
        .await;
    assert_eq!(code, "CONFLICT", "no second 'not me'");

    // Someone it was not routed to cannot answer.
    let stranger = outsiders(app, &text, 20).await.into_iter().find(|p| p != &asker).expect("a stranger");
    let stranger_token = app.token(Role::Employee, Some(&stranger)).await;
    const ANSWER: &str = "mutation($i: AnswerQuestionInput!) { answerQuestion(input: $i) { answer { id } } }";
    let (code, _) = app
        .error_as(&stranger_token, ANSWER, json!({ "i": { "questionId": id, "text": "me!" } }))
        .await;
    assert_eq!(code, "FORBIDDEN");

    // The lowest-ranked of the first three answers.
    let answerer = first[2].clone();
    let answerer_token = app.token(Role::Employee, Some(&answerer)).await;
    let answered = app
        .data_as(&answerer_token, ANSWER, json!({ "i": { "questionId": id, "text": "We keep a playbook for it; start with the checklist in the team wiki." } }))
        .await;
    let answer_id = answered["answerQuestion"]["answer"]["id"].as_str().expect("answer id").to_string();
    let asker_email = app.store.person(&asker).await.unwrap().and_then(|p| p.email).expect("asker email");
    eventually("the asker hears of the answer", || {
        mails_to(inbox, &asker_email).iter().any(|m| m.text.contains("playbook"))
    })
    .await;

    // The asker accepts: the answer becomes evidence and teaches the graph.
    let (code, _) = app
        .error_as(&answerer_token, "mutation($i: AcceptAnswerInput!) { acceptAnswer(input: $i) { question { id } } }",
            json!({ "i": { "answerId": answer_id } }))
        .await;
    assert_eq!(code, "FORBIDDEN", "only the asker accepts");
    app.data_as(&asker_token, "mutation($i: AcceptAnswerInput!) { acceptAnswer(input: $i) { question { status } } }",
        json!({ "i": { "answerId": answer_id } }))
        .await;
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    assert_eq!(q["status"], "ANSWERED");
    assert_eq!(q["answers"][0]["accepted"], true);
    assert_eq!(q["evidence"]["kind"], "answer");
    let authors: Vec<&str> = q["evidence"]["authors"].as_array().expect("authors").iter().filter_map(|a| a["externalId"].as_str()).collect();
    assert!(authors.contains(&answerer.as_str()), "{authors:?}");
    assert!(!q["evidence"]["tags"].as_array().expect("tags").is_empty());
    let after = ranked(app, &text).await;
    let at = |list: &[String]| list.iter().position(|p| p == &answerer).unwrap_or(usize::MAX);
    assert!(at(&before) > 0, "the answerer was not already first: {before:?}");
    assert!(
        at(&after) < at(&before),
        "the answerer ranks higher for the question: {} -> {}",
        at(&before),
        at(&after)
    );
    let answerer_email = app.store.person(&answerer).await.unwrap().and_then(|p| p.email).expect("email");
    eventually("the answerer hears it was accepted", || {
        mails_to(inbox, &answerer_email).iter().any(|m| m.text.contains("accepted your answer"))
    })
    .await;

    // The organisation's judgments: the accepted answer (2) and "not me" (0).
    let judgments = app.store.judgments().await.unwrap();
    let grade = |p: &str| judgments.iter().find(|j| j.person_id == p).map(|j| j.grade);
    assert_eq!(grade(&answerer), Some(2));
    assert_eq!(grade(&decliner), Some(0));
    let out = app.cli().args(["eval", "--feedback", "--json"]).output().expect("tacit eval");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["source"], "feedback");
    assert_eq!(report["queries"], 1, "{report:#}");
    assert_eq!(report["judgments"], 2, "{report:#}");
    let out_file = net._dir.path().join("tuned.toml");
    let out = app
        .cli()
        .args(["tune", "--feedback", "--folds", "2", "--out"])
        .arg(&out_file)
        .output()
        .expect("tacit tune");
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    // One question cannot be cross-validated: tune reads the feedback and says so.
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("cross-validation needs at least two folds"), "{said}");
    // Each person's data export holds their part.
    let mine = app.data_as(&asker_token, "{ myData }", json!({})).await;
    assert_eq!(mine["myData"]["questionsAsked"][0]["text"], text.as_str());
    let theirs = app.data_as(&answerer_token, "{ myData }", json!({})).await;
    assert!(theirs["myData"]["answersWritten"][0]["text"].as_str().unwrap_or("").contains("playbook"));
    assert_eq!(theirs["myData"]["questionsRoutedToMe"][0]["state"], "answered");
    app.assert_graph_matches_rebuild().await;
});

on_both_backends!(the_fair_share_cap_sends_the_third_question_elsewhere_and_says_why, with one_per_question_cap_two, |net: Net| async move {
    let app = &net.app;
    let (skill_id, _, text) = topic(app).await;
    let askers = outsiders(app, &text, 20).await;
    assert!(askers.len() >= 4, "enough people to ask");
    let mut chosen = Vec::new();
    let mut last = Value::Null;
    for asker in askers.iter().take(3) {
        let token = app.token(Role::Employee, Some(asker)).await;
        let data = app.data_as(&token, ASK, json!({ "i": { "text": text, "skillIds": [skill_id] } })).await;
        let id = data["askQuestion"]["question"]["id"].as_str().expect("id").to_string();
        last = app.data_as(&token, QUESTION, json!({ "id": id })).await["question"].clone();
        chosen.push(routed(&last, "ROUTED"));
    }
    assert_eq!(chosen[0], chosen[1], "the best person takes the first two: {chosen:?}");
    assert_ne!(chosen[2], chosen[0], "the third goes to someone else: {chosen:?}");
    let expert = &chosen[0][0];
    let skipped = last["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .find(|r| r["state"] == "SKIPPED" && r["person"]["externalId"] == expert.as_str())
        .unwrap_or_else(|| panic!("the asker sees why the expert was skipped: {last:#}"));
    let reason = skipped["reason"].as_str().unwrap_or("");
    assert!(reason.contains("the fair-share cap is 2"), "{reason}");
    assert!(reason.contains("was asked 2 questions in the last seven days"), "{reason}");
    // The one it was routed to does not see who was skipped.
    let routed_to = app.token(Role::Employee, Some(&chosen[2][0])).await;
    let mine = app.data_as(&routed_to, "{ questionsForMe { text routes { state } myRoute { state reason } } }", json!({})).await;
    let seen = &mine["questionsForMe"][0];
    assert_eq!(seen["myRoute"]["state"], "ROUTED");
    assert!(seen["routes"].as_array().expect("routes").iter().all(|r| r["state"] != "SKIPPED"), "{seen:#}");
    // Knowledge managers see the share per person.
    let stats = app.data("{ networkStats(days: 28) { asked open people { person { externalId } routed } } }", json!({})).await;
    assert_eq!(stats["networkStats"]["asked"], 3);
    let top = &stats["networkStats"]["people"][0];
    assert_eq!(top["person"]["externalId"], expert.as_str());
    assert_eq!(top["routed"], 2);
});

on_both_backends!(private_questions_stay_private_and_bad_input_changes_nothing, with three_per_question, |net: Net| async move {
    let app = &net.app;
    let (_, _, text) = topic(app).await;
    let people = outsiders(app, &text, 20).await;
    let (asker, stranger) = (&people[0], &people[1]);
    let asker_token = app.token(Role::Employee, Some(asker)).await;
    let stranger_token = app.token(Role::Employee, Some(stranger)).await;
    for (input, code) in [
        (json!({ "text": "   " }), "BAD_USER_INPUT"),
        (json!({ "text": "x".repeat(2_001) }), "BAD_USER_INPUT"),
        (json!({ "text": "fine", "skillIds": ["no-such-skill"] }), "NOT_FOUND"),
    ] {
        let (got, _) = app.error_as(&asker_token, ASK, json!({ "i": input })).await;
        assert_eq!(got, code, "{input}");
    }
    let (got, _) = app.error_as(&app.admin_token, ASK, json!({ "i": { "text": text } })).await;
    assert_eq!(got, "FORBIDDEN", "a token without a person cannot ask");
    assert!(app.store.questions_asked_by(asker, 10).await.unwrap().is_empty(), "nothing was kept");
    let data = app.data_as(&asker_token, ASK, json!({ "i": { "text": text, "visibility": "PRIVATE" } })).await;
    let id = data["askQuestion"]["question"]["id"].as_str().expect("id").to_string();
    let seen = app.data_as(&stranger_token, QUESTION, json!({ "id": id })).await;
    assert_eq!(seen["question"], Value::Null, "a colleague it was not routed to cannot read it");
    let hr = app.data(QUESTION, json!({ "id": id })).await;
    assert_eq!(hr["question"]["text"], text.as_str(), "HR and admins can, on the record");
    let read = app
        .store
        .audit_page(&tacit::store::AuditFilter { action: Some("question.read_private".into()), ..Default::default() }, None, 10)
        .await
        .unwrap();
    assert_eq!(read.len(), 1, "{read:?}");
    // Routed people are told, but the shared webhook never carries the text.
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let helper = routed(&q, "ROUTED")[0].clone();
    let helper_token = app.token(Role::Employee, Some(&helper)).await;
    let (code, _) = app
        .error_as(&helper_token, "mutation($i: PassQuestionInput!) { passQuestion(input: $i) { question { id } } }",
            json!({ "i": { "questionId": id, "personId": stranger, "note": "you know this" } }))
        .await;
    assert_eq!(code, "CONFLICT", "a private question is not passed on");
    let answered = app
        .data_as(&helper_token, "mutation($i: AnswerQuestionInput!) { answerQuestion(input: $i) { answer { id } } }",
            json!({ "i": { "questionId": id, "text": "Ask the records team." } }))
        .await;
    let answer_id = answered["answerQuestion"]["answer"]["id"].as_str().expect("id").to_string();
    app.data_as(&asker_token, "mutation($i: AcceptAnswerInput!) { acceptAnswer(input: $i) { question { id } } }",
        json!({ "i": { "answerId": answer_id } }))
        .await;
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    assert_eq!(q["status"], "ANSWERED");
    assert_eq!(q["evidence"], Value::Null, "a private answer never becomes evidence");
    eventually("webhook calls for the private question", || net.hooks.lock().expect("hooks").len() >= 3).await;
    for (_, body) in net.hooks.lock().expect("hooks").iter() {
        assert!(!body.contains(&text), "the private text stayed out of the webhook: {body}");
        assert!(!body.contains("records team"), "and the answer: {body}");
    }
    let (code, _) = app.error_as(&stranger_token, "{ networkStats { asked } }", json!({})).await;
    assert_eq!(code, "FORBIDDEN");
    // Nobody floods colleagues: ten open questions at once is the limit.
    for i in 1..=10 {
        app.data_as(&asker_token, ASK, json!({ "i": { "text": format!("{text} (part {i})") } })).await;
    }
    let (code, message) = app.error_as(&asker_token, ASK, json!({ "i": { "text": text } })).await;
    assert_eq!(code, "CONFLICT");
    assert!(message.contains("you have 10 open questions"), "{message}");
});

on_both_backends!(someone_who_leaves_hands_their_waiting_questions_on, with three_per_question, |net: Net| async move {
    let app = &net.app;
    let (skill_id, _, text) = topic(app).await;
    let asker = outsiders(app, &text, 20).await.pop().expect("an asker");
    let asker_token = app.token(Role::Employee, Some(&asker)).await;
    let data = app.data_as(&asker_token, ASK, json!({ "i": { "text": text, "skillIds": [skill_id] } })).await;
    let id = data["askQuestion"]["question"]["id"].as_str().expect("id").to_string();
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let first = routed(&q, "ROUTED");
    let leaver = first[1].clone();
    // The identity provider deactivates them.
    let (secret, _) = app
        .token_with(Role::Employee, None, vec![tacit::domain::Scope::Scim])
        .await;
    let res = app
        .anon
        .patch(format!("{}/scim/v2/Users/{leaver}", app.base))
        .bearer_auth(&secret)
        .json(&json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                       "Operations": [{ "op": "replace", "value": { "active": false } }] }))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status().as_u16(), 200);
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let withdrawn: Vec<&Value> = q["routes"].as_array().expect("routes").iter().filter(|r| r["state"] == "WITHDRAWN").collect();
    assert_eq!(withdrawn.len(), 1, "{q:#}");
    let now = routed(&q, "ROUTED");
    assert_eq!(now.len(), 3, "still three people can answer: {q:#}");
    assert!(!now.contains(&leaver));
    // HR marking someone LEFT does the same.
    let second = now[0].clone();
    let left = app
        .gql(
            "mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { person { status } } }",
            json!({ "i": { "id": second, "status": "LEFT" } }),
        )
        .await;
    assert!(left.get("errors").is_none(), "{left:#}");
    let q = app.data_as(&asker_token, QUESTION, json!({ "id": id })).await["question"].clone();
    let withdrawn = q["routes"].as_array().expect("routes").iter().filter(|r| r["state"] == "WITHDRAWN").count();
    assert_eq!(withdrawn, 2, "{q:#}");
    assert_eq!(routed(&q, "ROUTED").len(), 3, "{q:#}");
    assert!(app.store.judgments().await.unwrap().is_empty(), "leaving is not a 'not me'");
});
