//! `tacit import` on both backends: good files, every kind of bad line, --strict, re-import.

mod common;

use common::{COMMUNITIES, EVIDENCE, PEOPLE, SKILLS, TestApp, import_examples};
use serde_json::json;

const BAD_PEOPLE: &str = r#"{"id": "e5001", "name": "Good Person", "office": "Manchester", "timezone": "Europe/London"}
{"id": "e5002", "name": "Bad Zone", "timezone": "Europe/Atlantis"}
{"id": "e5003", "name": "Bad Status", "status": "retired"}

{"id": "e5004", "name": "Bad Level", "skills": [{"skill": "GDPR", "level": 7}]}
{"id": "e5005", "name": "No Manager", "manager_id": "e9999"}
{"id": "e5006", "name": "Bad Date", "status": "leaving", "leaving_on": "31/01/2027"}
{"id": "e5007", "name": "Bad Country", "country": "Britain"}
{"id": "e5008", "name": ""}
{"id": "e5009", "name": "Broken JSON"
{"name": "No Id"}
{"id": "e5010", "name": "Same Mail", "email": "aoife.byrne@example.org"}
{"id": "e5011", "name": "Bad Mail", "email": "not-an-address"}
"#;

const BAD_EVIDENCE: &str = r#"{"id": "d-1", "author_ids": ["e5001"], "text": "A fine note about tender evaluation.", "tags": ["Tender evaluation"]}
{"id": "d-2", "author_ids": [], "text": "Nobody wrote this."}
{"id": "d-3", "author_ids": ["e5002"], "text": "Written by a rejected person."}
{"id": "d-4", "author_ids": ["e5001"], "text": "Bad time.", "created_at": "yesterday"}
{"id": "d-5", "author_ids": ["e5001"]}
"#;

const BAD_COMMUNITIES: &str = r#"{"id": "c-1", "name": "Procurement Practitioners", "members": [{"person_id": "e5001", "role": "lead"}]}
{"id": "c-2", "name": "Ghosts", "members": [{"person_id": "e0000"}]}
{"id": "c-3", "name": "Odd Roles", "members": [{"person_id": "e5001", "role": "chair"}]}
"#;

on_both_backends!(formats_examples_import, |app: TestApp| async move {
    import_examples(&app).await;
    let data = app
        .data("{ people { totalCount } skills(first: 100) { totalCount } communities { totalCount } evidence { totalCount } offices { name } }", json!({}))
        .await;
    assert_eq!(data["people"]["totalCount"], 4);
    // GDPR, Records retention, Data protection, EDRM, HR: skills named elsewhere are created.
    assert_eq!(data["skills"]["totalCount"], 5);
    assert_eq!(data["communities"]["totalCount"], 1);
    assert_eq!(data["evidence"]["totalCount"], 1);
    assert_eq!(data["offices"].as_array().unwrap().len(), 4);
});

on_both_backends!(
    bad_lines_are_reported_and_good_ones_kept,
    |app: TestApp| async move {
        import_examples(&app).await;
        let report = app
            .import_jsonl(&[
                ("hr-people.jsonl", BAD_PEOPLE),
                ("evidence.jsonl", BAD_EVIDENCE),
                ("communities.jsonl", BAD_COMMUNITIES),
            ])
            .await;
        let got: Vec<(String, usize)> = report
            .rejected
            .iter()
            .map(|e| (e.file.rsplit('/').next().unwrap().to_string(), e.line))
            .collect();
        let expect = |f: &str, lines: &[usize]| {
            lines
                .iter()
                .map(|l| (f.to_string(), *l))
                .collect::<Vec<_>>()
        };
        let mut expected = expect("communities.jsonl", &[2, 3]);
        expected.extend(expect("evidence.jsonl", &[2, 3, 4, 5]));
        expected.extend(expect(
            "hr-people.jsonl",
            &[2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13],
        ));
        assert_eq!(got, expected, "{:#?}", report.rejected);
        let reason = |file: &str, line: usize| {
            report
                .rejected
                .iter()
                .find(|e| e.file.ends_with(file) && e.line == line)
                .map(|e| e.reason.clone())
                .unwrap_or_default()
        };
        assert!(reason("hr-people.jsonl", 2).contains("Europe/Atlantis"));
        assert!(reason("hr-people.jsonl", 3).contains("retired"));
        assert!(reason("hr-people.jsonl", 5).contains("level"));
        assert!(reason("hr-people.jsonl", 6).contains("e9999"));
        assert!(reason("hr-people.jsonl", 10).contains("JSON"));
        assert!(reason("hr-people.jsonl", 11).contains("id"));
        assert!(reason("hr-people.jsonl", 12).contains("e1001"));
        assert!(reason("evidence.jsonl", 3).contains("e5002"));
        assert!(reason("evidence.jsonl", 5).contains("text"));
        assert!(reason("communities.jsonl", 3).contains("chair"));
        assert!(report.committed);
        let data = app.data("{ people { totalCount } evidence { totalCount } communities { totalCount } p: person(id: \"e5001\") { office { name } } }", json!({})).await;
        assert_eq!(data["people"]["totalCount"], 5);
        assert_eq!(data["evidence"]["totalCount"], 2);
        assert_eq!(data["communities"]["totalCount"], 2);
        assert_eq!(data["p"]["office"]["name"], "Manchester");
    }
);

on_both_backends!(
    strict_writes_nothing_when_a_line_is_bad,
    |app: TestApp| async move {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.jsonl");
        std::fs::write(&path, BAD_PEOPLE).unwrap();
        let files = vec![(path, tacit::import::FileKind::People)];
        let report = tacit::import::import_files(
            &app.store,
            &files,
            true,
            app.clock.now(),
            &tacit::import::Quiet,
        )
        .await
        .unwrap();
        assert!(!report.committed);
        // Line 12's e-mail clashes only with a stored person, and this database is empty.
        assert_eq!(report.rejected.len(), 10);
        let data = app
            .data(
                "{ people { totalCount } skills { totalCount } offices { id } }",
                json!({}),
            )
            .await;
        assert_eq!(data["people"]["totalCount"], 0);
        assert_eq!(data["skills"]["totalCount"], 0);
        assert_eq!(data["offices"], json!([]));
    }
);

on_both_backends!(a_second_import_changes_nothing, |app: TestApp| async move {
    import_examples(&app).await;
    let before = app
        .data(
            "{ people(first: 10) { edges { node { name updatedAt skills { level } } } } }",
            json!({}),
        )
        .await;
    let again = app
        .import_jsonl(&[
            ("skills.jsonl", SKILLS),
            ("people.jsonl", PEOPLE),
            ("communities.jsonl", COMMUNITIES),
            ("evidence.jsonl", EVIDENCE),
        ])
        .await;
    assert!(again.rejected.is_empty());
    assert_eq!(again.changed.total(), 0, "{:?}", again.changed);
    let after = app
        .data(
            "{ people(first: 10) { edges { node { name updatedAt skills { level } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(before, after);
    // A changed line changes exactly that.
    let moved = PEOPLE.replace("\"office\": \"Sydney\"", "\"office\": \"London\"");
    let third = app.import_jsonl(&[("people.jsonl", &moved)]).await;
    assert_eq!(third.changed.people, 1);
});

on_both_backends!(people_come_as_csv_too, |app: TestApp| async move {
    let csv = "id,name,email,title,org_unit,office,country,timezone,manager_id,status,leaving_on,skills\n\
               e1,Aoife Byrne,aoife@example.org,Records Manager,Information Governance,Belfast,GB,Europe/London,,leaving,2027-01-31,Records retention:5;GDPR\n\
               e2,\"Chan, Wing\",,,,Hong Kong,HK,Asia/Hong_Kong,e1,,,GDPR:4\n\
               e3,Bad Level,,,,,,,,,,GDPR:high\n";
    let report = app.import_jsonl(&[("hr-people.csv", csv)]).await;
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].line, 4);
    let data = app
        .data(
            "{ person(id: \"e2\") { name manager { name } skills { level skill { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["person"]["name"], "Chan, Wing");
    assert_eq!(data["person"]["manager"]["name"], "Aoife Byrne");
    assert_eq!(data["person"]["skills"][0]["level"], 4);
});

on_both_backends!(
    the_command_line_reports_each_bad_line,
    |app: TestApp| async move {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.jsonl");
        std::fs::write(&path, BAD_PEOPLE).unwrap();
        let out = app.cli().arg("import").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
        assert!(
            stderr.contains(&format!("rejected {}:2: timezone:", path.display())),
            "{stderr}"
        );
        assert!(
            stdout.contains("12 records read, 2 accepted, 10 rejected"),
            "{stdout}"
        );
    }
);

/// SQLite's indexes, by table, as the migrations left them (or as an import did).
async fn sqlite_indexes(database_url: &str) -> Vec<(String, String)> {
    let pool = sqlx::SqlitePool::connect(database_url)
        .await
        .expect("open the test database");
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .expect("read sqlite_master");
    pool.close().await;
    found
}

on_both_backends!(
    a_large_import_into_an_empty_store_is_complete_and_indexed,
    |app: TestApp| async move {
        let sqlite = app.database_url.starts_with("sqlite:");
        let indexes = if sqlite {
            sqlite_indexes(&app.database_url).await
        } else {
            vec![]
        };
        // 12,000 people: enough for the bulk path that builds indexes at the end.
        let people: String = (0..12_000)
            .map(|i| {
                let skills = if i % 3 == 0 {
                    r#"[{"skill": "GDPR", "level": 4}, {"skill": "Records retention"}]"#
                } else {
                    r#"[{"skill": "Records retention", "level": 2}]"#
                };
                format!(
                    "{{\"id\": \"b{i:05}\", \"name\": \"Bulk Person {i:05}\", \"email\": \"b{i}@example.org\", \"office\": \"London\", \"skills\": {skills}}}\n"
                )
            })
            .collect();
        let report = app
            .import_jsonl(&[("skills.jsonl", SKILLS), ("people.jsonl", &people)])
            .await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.changed.people, 12_000);
        // 16,000 person skills, and the skills file's two aliases and one related pair.
        assert_eq!(report.changed.links, 16_003, "{:?}", report.changed);

        let gdpr = app
            .data(r#"{ skill(name: "GDPR") { id } }"#, json!({}))
            .await;
        let count = |filter: serde_json::Value| {
            let app = &app;
            async move {
                app.data(
                    "query($f: PeopleFilter) { people(first: 1, filter: $f) { totalCount } }",
                    json!({ "f": filter }),
                )
                .await["people"]["totalCount"]
                    .as_i64()
                    .unwrap()
            }
        };
        assert_eq!(
            count(json!({ "skillId": gdpr["skill"]["id"] })).await,
            4_000
        );
        assert_eq!(count(json!({ "namePrefix": "bulk person 0001" })).await, 10);
        if sqlite {
            assert_eq!(sqlite_indexes(&app.database_url).await, indexes);
        }

        // Again: nothing changes, and the indexes are still all there.
        let again = app.import_jsonl(&[("people.jsonl", &people)]).await;
        assert_eq!(again.changed.total(), 0, "{:?}", again.changed);
        if sqlite {
            assert_eq!(sqlite_indexes(&app.database_url).await, indexes);
        }
    }
);

/// Everything imports write, read back through the store, in a stable order
/// and without times (each import has its own): people with their skills,
/// skills with aliases, broader and related ones, communities with skills and
/// members, evidence with authors and tags.
async fn stored(app: &TestApp) -> Vec<String> {
    let rows = app.store.graph_rows(true).await.expect("read the graph");
    let ids: Vec<String> = rows.people.iter().map(|p| p.id.clone()).collect();
    let mut out = Vec::new();
    for p in app.store.people_by_ids(&ids).await.expect("read people") {
        out.push(format!(
            "person {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {}",
            p.id,
            p.name,
            p.email,
            p.title,
            p.org_unit,
            p.office_id,
            p.country,
            p.timezone,
            p.manager_id,
            p.status,
            p.leaving_on,
            p.discoverable
        ));
    }
    for p in rows.people {
        let mut skills = p.skills.clone();
        skills.sort();
        out.push(format!(
            "skills of {}: {skills:?} office {:?}",
            p.id, p.office
        ));
    }
    for s in rows.skills {
        let (mut aliases, mut related) = (s.aliases.clone(), s.related.clone());
        aliases.sort();
        related.sort();
        out.push(format!(
            "skill {} {:?} {:?} {:?} {aliases:?} {related:?}",
            s.id, s.name, s.description, s.broader_id
        ));
    }
    for c in rows.communities {
        let (mut skills, mut members) = (c.skills.clone(), c.members.clone());
        skills.sort();
        members.sort();
        out.push(format!(
            "community {} {:?} {:?} {skills:?} {members:?}",
            c.id, c.name, c.description
        ));
    }
    for e in rows.evidence {
        let mut tags = e.tags.clone();
        tags.sort();
        out.push(format!(
            "evidence {} {:?} {:?} {:?} authors {:?} tags {tags:?}",
            e.id, e.kind, e.title, e.text, e.authors
        ));
    }
    out.sort();
    out
}

/// The demo organisation as import files: `(name, content)` in import order.
fn demo_files(people: usize) -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    tacit::demo::write_files(dir.path(), 11, people, today).expect("demo files");
    [
        "skills.jsonl",
        "people.jsonl",
        "communities.jsonl",
        "evidence.jsonl",
    ]
    .into_iter()
    .map(|name| {
        (
            name,
            std::fs::read_to_string(dir.path().join(name)).expect("demo file"),
        )
    })
    .collect()
}

fn as_files<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    files.iter().map(|(n, t)| (*n, t.as_str())).collect()
}

/// A record in every table a large import writes, with names of its own.
const SEED: [(&str, &str); 4] = [
    (
        "skills.jsonl",
        r#"{"id": "seed-s1", "name": "Seed skill one", "aliases": ["Seed alias"], "related": ["Seed skill two"]}
{"id": "seed-s2", "name": "Seed skill two", "broader": "Seed skill one"}
"#,
    ),
    (
        "people.jsonl",
        r#"{"id": "seed-p1", "name": "Seed Person", "office": "Seed Office", "skills": [{"skill": "Seed skill one", "level": 3}], "handles": {"slack": "U1"}}
{"id": "seed-p2", "name": "Seed Report", "manager_id": "seed-p1"}
"#,
    ),
    (
        "communities.jsonl",
        r#"{"id": "seed-c1", "name": "Seed Community", "skills": ["Seed skill two"], "members": [{"person_id": "seed-p1", "role": "lead"}]}
"#,
    ),
    (
        "evidence.jsonl",
        r#"{"id": "seed-d1", "author_ids": ["seed-p1"], "text": "Seed text.", "tags": ["Seed skill one"]}
"#,
    ),
];

on_both_backends!(
    a_first_load_stores_what_the_upsert_path_stores,
    |first: TestApp| async move {
        // 2,500 people: enough for the paths that copy rows into an empty
        // table, and for evidence authors and tags to set their indexes aside.
        let files = demo_files(2_500);
        let sqlite = first.database_url.starts_with("sqlite:");
        let indexes = if sqlite {
            sqlite_indexes(&first.database_url).await
        } else {
            vec![]
        };
        let people_lines = files[1].1.lines().count() as u64;
        // Into an empty store: the first-load path.
        let loaded = first.import_jsonl(&as_files(&files)).await;
        assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        assert_eq!(loaded.changed.people, people_lines);
        if sqlite {
            assert_eq!(sqlite_indexes(&first.database_url).await, indexes);
        }
        let seeded_after = first.import_jsonl(&SEED).await;
        assert!(
            seeded_after.rejected.is_empty(),
            "{:?}",
            seeded_after.rejected
        );

        // The same records into a store where every table holds a row: the upsert path.
        let backend = if sqlite {
            common::Backend::Sqlite
        } else {
            common::Backend::Postgres
        };
        let Some(second) = TestApp::spawn(backend).await else {
            return;
        };
        let seeded = second.import_jsonl(&SEED).await;
        assert!(seeded.rejected.is_empty(), "{:?}", seeded.rejected);
        assert_eq!(seeded.changed, seeded_after.changed);
        let upserted = second.import_jsonl(&as_files(&files)).await;
        assert!(upserted.rejected.is_empty(), "{:?}", upserted.rejected);
        assert_eq!(
            upserted.changed, loaded.changed,
            "the same counts either way"
        );

        let (a, b) = (stored(&first).await, stored(&second).await);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "a first load and the upsert path store the same");
        }
        assert!(a.iter().any(|l| l.starts_with("community ")));

        // Importing the same files again changes nothing, whichever path wrote them.
        for app in [&first, &second] {
            let again = app.import_jsonl(&as_files(&files)).await;
            assert!(again.rejected.is_empty(), "{:?}", again.rejected);
            assert_eq!(again.changed.total(), 0, "{:?}", again.changed);
        }
        assert_eq!(stored(&first).await, a);
    }
);

on_both_backends!(
    a_bad_line_in_a_first_load_rejects_all_of_it,
    |app: TestApp| async move {
        let files = demo_files(1_200);
        let mut people: Vec<serde_json::Value> = files[1]
            .1
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // Someone nobody reports to, so that theirs is the only line refused.
        let managers: std::collections::HashSet<String> = people
            .iter()
            .filter_map(|p| p["manager_id"].as_str().map(str::to_string))
            .collect();
        let bad = (700..people.len())
            .find(|&i| !managers.contains(people[i]["id"].as_str().unwrap()))
            .unwrap();
        people[bad]["timezone"] = json!("Mars/Olympus");
        let people: String = people.iter().map(|p| format!("{p}\n")).collect();
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (name, text) in [
            ("skills.jsonl", files[0].1.as_str()),
            ("people.jsonl", &people),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            paths.push((
                path,
                tacit::import::kind_of(std::path::Path::new(name)).unwrap(),
            ));
        }
        let report = tacit::import::import_files(
            &app.store,
            &paths,
            true,
            app.clock.now(),
            &tacit::import::Quiet,
        )
        .await
        .unwrap();
        assert!(!report.committed);
        assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
        let (bad, line) = (&report.rejected[0], bad + 1);
        assert!(bad.file.ends_with("people.jsonl"), "{bad:?}");
        assert_eq!(bad.line, line);
        assert!(bad.reason.contains("Mars/Olympus"), "{bad:?}");
        // Reading the store waits for the server's graph, which reads it too.
        app.engine.sync().await.unwrap();
        assert!(stored(&app).await.is_empty());
        let data = app
            .data(
                "{ people { totalCount } skills { totalCount } offices { id } }",
                json!({}),
            )
            .await;
        assert_eq!(data["people"]["totalCount"], 0);
        assert_eq!(data["skills"]["totalCount"], 0);
        assert_eq!(data["offices"], json!([]));

        // Without --strict the other lines go in, by the same first-load path.
        let report = tacit::import::import_files(
            &app.store,
            &paths,
            false,
            app.clock.now(),
            &tacit::import::Quiet,
        )
        .await
        .unwrap();
        assert!(report.committed);
        assert_eq!(report.rejected.len(), 1);
        assert_eq!(report.changed.people, 1_199);
        app.engine.sync().await.unwrap();
        let people = stored(&app).await;
        let people = people.iter().filter(|l| l.starts_with("person "));
        assert_eq!(people.count(), 1_199);
    }
);
