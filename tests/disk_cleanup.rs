//! M6: disposal and erasure must leave nothing of what they destroyed on
//! disk: not in the database file or its write-ahead log (SQLite), not in the
//! text index folder, not in the kept graph file. A canary word is written
//! in, found on disk, destroyed, and then looked for byte by byte.

mod common;

use std::path::{Path, PathBuf};

use common::{TestApp, import_examples};
use serde_json::{Value, json};

/// Letters a stemmer leaves alone, so the index holds them as written.
const DISPOSAL_CANARY: &str = "zqxdispkm";
const ERASURE_CANARY: &str = "zqxerasekm";

/// A skill import asks every server for a rebuild: the text index is written
/// again, so the canary shares its segment with documents that stay (a
/// segment whose documents are all deleted is dropped whole, which would make
/// the check too easy).
async fn reindex(app: &TestApp, name: &str) {
    let line = format!("{{\"name\": \"{name}\"}}\n");
    let report = app.import_jsonl(&[("skills.jsonl", &line)]).await;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
}

fn index_dir(app: &TestApp) -> PathBuf {
    app.index_dir.clone().expect("the index is kept on disk")
}

fn index_files(app: &TestApp) -> Vec<PathBuf> {
    std::fs::read_dir(index_dir(app))
        .expect("index folder")
        .flatten()
        .map(|e| e.path())
        .collect()
}

/// Every file that may hold what was destroyed.
fn files(app: &TestApp) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(db) = app.database_url.strip_prefix("sqlite://") {
        out.push(PathBuf::from(db));
        out.push(PathBuf::from(format!("{db}-wal")));
    }
    out.push(index_dir(app).with_extension("graph"));
    out.extend(index_files(app));
    out
}

/// The term dictionaries compress words (shared prefixes and suffixes), so
/// the bytes of a word need not appear in the index files; the index is read
/// from its folder instead: how many documents of any segment hold the word
/// in any field, deleted documents included (their words stay until the
/// segment is rewritten).
fn index_holds(app: &TestApp, word: &str) -> u64 {
    let index = tantivy::Index::open_in_dir(index_dir(app)).expect("index opens");
    let searcher = index.reader().expect("reader").searcher();
    let schema = index.schema();
    schema
        .fields()
        .filter(|(_, entry)| entry.field_type().is_indexed())
        .map(|(field, _)| {
            searcher
                .doc_freq(&tantivy::Term::from_field_text(field, word))
                .expect("doc freq")
        })
        .sum()
}

/// Index files no live segment uses: garbage a merge left behind.
fn garbage(app: &TestApp) -> Vec<PathBuf> {
    let index = tantivy::Index::open_in_dir(index_dir(app)).expect("index opens");
    let live: Vec<String> = index
        .searchable_segment_ids()
        .expect("segments")
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    index_files(app)
        .into_iter()
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.ends_with(".json")
                && !name.ends_with(".lock")
                && !live.iter().any(|id| name.starts_with(id.as_str()))
        })
        .collect()
}

/// Checks the index and every file after a disposal or erasure.
fn assert_gone(app: &TestApp, canary: &str) {
    assert_eq!(
        holding(app, canary),
        Vec::<PathBuf>::new(),
        "files still holding {canary}"
    );
    assert_eq!(
        index_holds(app, canary),
        0,
        "index segments holding {canary}"
    );
    assert_eq!(garbage(app), Vec::<PathBuf>::new(), "old index files left");
}

/// The files among `files(app)` that hold `canary` (in any case).
fn holding(app: &TestApp, canary: &str) -> Vec<PathBuf> {
    files(app)
        .into_iter()
        .filter(|path| contains(path, canary))
        .collect()
}

fn contains(path: &Path, canary: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let needle = canary.as_bytes();
    bytes
        .to_ascii_lowercase()
        .windows(needle.len())
        .any(|w| w == needle)
}

/// The payload says the clean-up finished.
fn cleanup_of(payload: &Value) {
    let cleanup = &payload["cleanup"];
    assert_eq!(cleanup["complete"], true, "{cleanup:#}");
    assert_eq!(cleanup["remaining"], json!([]), "{cleanup:#}");
}

/// Schedules, runs, completes and publishes an interview with Aoife Byrne,
/// with the canary in an answer and in the published summary.
async fn published_interview(app: &TestApp) -> String {
    let data = app
        .data(
            "mutation { scheduleInterview(input: { leaverId: \"e1001\", scheduledFor: \"2026-12-10T10:00:00Z\" }) { interview { id } } }",
            json!({}),
        )
        .await;
    let id = data["scheduleInterview"]["interview"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let text = format!("How {DISPOSAL_CANARY} requests are handled.");
    for step in [
        "startInterview(input: { id: $id }) { interview { status } }",
        "answerQuestions(input: { interviewId: $id, answers: [{ position: 1, answer: $text }] }) { interview { status } }",
        "completeInterview(input: { id: $id, skipUnanswered: true }) { interview { status } }",
        "recordConsent(input: { id: $id, consent: true }) { interview { status } }",
        "publishInterview(input: { id: $id, summary: $text }) { interview { status } }",
    ] {
        let (vars, values) = if step.contains("$text") {
            (
                "$id: ID!, $text: String!",
                json!({ "id": id, "text": text }),
            )
        } else {
            ("$id: ID!", json!({ "id": id }))
        };
        app.data(&format!("mutation({vars}) {{ {step} }}"), values)
            .await;
    }
    id
}

on_both_backends!(
    m6_disposal_leaves_no_canary_on_disk,
    spawn_keeping_files,
    |app: TestApp| async move {
        import_examples(&app).await;
        let id = published_interview(&app).await;
        reindex(&app, "Archive law").await;
        // The summary is searchable, and what a restart would read is on disk.
        let terms = app.engine.ranking().index.terms(DISPOSAL_CANARY);
        assert_eq!(terms, [DISPOSAL_CANARY], "indexed as written");
        assert_eq!(index_holds(&app, DISPOSAL_CANARY), 1);
        app.engine.keep_graph().await;
        if app.database_url.starts_with("sqlite:") {
            assert!(
                !holding(&app, DISPOSAL_CANARY).is_empty(),
                "the canary is in the database files to begin with"
            );
        }

        // Thirteen years on, the transcript and the summary are both due.
        app.clock.advance(chrono::Duration::days(13 * 365));
        let disposed = app
            .data(
                "mutation($id: ID!) { disposeInterview(input: { interviewId: $id }) { certificates { part } cleanup { complete remaining } } }",
                json!({ "id": id }),
            )
            .await;
        let payload = &disposed["disposeInterview"];
        assert_eq!(
            payload["certificates"].as_array().map(Vec::len),
            Some(2),
            "{payload:#}"
        );
        cleanup_of(payload);
        assert_gone(&app, DISPOSAL_CANARY);
    }
);

on_both_backends!(
    m6_erasure_leaves_no_canary_on_disk,
    spawn_keeping_files,
    |app: TestApp| async move {
        import_examples(&app).await;
        let person = format!(
            r#"{{"id": "e9009", "name": "Robin {c}", "email": "robin.{c}@example.org", "title": "{c} analyst", "office": "London", "country": "GB", "timezone": "Europe/London", "skills": [{{"skill": "GDPR", "level": 3}}]}}
"#,
            c = ERASURE_CANARY
        );
        let report = app.import_jsonl(&[("people.jsonl", &person)]).await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        reindex(&app, "Archive law").await;
        let found = app
            .data(
                "query($q: String!) { experts(query: $q, first: 5) { person { externalId } } }",
                json!({ "q": format!("robin {ERASURE_CANARY}") }),
            )
            .await;
        assert!(found.to_string().contains("e9009"), "{found:#}");
        assert_eq!(index_holds(&app, ERASURE_CANARY), 1, "the name is indexed");
        app.engine.keep_graph().await;
        let before = holding(&app, ERASURE_CANARY);
        assert!(
            before.contains(&index_dir(&app).with_extension("graph")),
            "the canary is in the kept graph to begin with: {before:?}"
        );

        let erased = app
            .data(
                "mutation { erasePerson(input: { personId: \"e9009\", reason: \"request REF-9\" }) { skills cleanup { complete remaining } } }",
                json!({}),
            )
            .await;
        assert_eq!(erased["erasePerson"]["skills"], 1);
        cleanup_of(&erased["erasePerson"]);
        assert_gone(&app, ERASURE_CANARY);
    }
);
