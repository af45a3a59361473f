//! How a question is read, end to end over HTTP on both backends: words that
//! only make it a question match nothing, misspelt skill words are corrected
//! and said so, a colleague's name finds them first, every suggestion says
//! how sure it is, and a leaver carries a badge.

#![allow(clippy::unwrap_used)] // helpers outside #[test] fns, failing loudly is the point

mod common;

use common::TestApp;
use serde_json::{Value, json};

const SEARCH: &str = r#"
query($q: String!) {
  expertSearch(query: $q, first: 10) {
    showingResultsFor clearMatch
    corrections { from to }
    experts {
      strength nameMatch leaving explanation
      person { externalId name status leavingOn }
    }
  }
}"#;

const SKILLS: &str = r#"{"name": "Manage ICT virtualisation environments", "aliases": ["Kubernetes", "Docker"], "description": "Oversee tools used to run virtual servers and containers."}
"#;

const PEOPLE: &str = r#"{"id": "f1", "name": "Fergal Moore", "title": "Facilities Officer", "office": "Belfast", "country": "GB", "timezone": "Europe/London"}
{"id": "i1", "name": "Ivo Dockar", "title": "Archivist", "office": "Leeds", "country": "GB", "timezone": "Europe/London"}
{"id": "d1", "name": "Dana Docker", "title": "Payroll Officer", "office": "Leeds", "country": "GB", "timezone": "Europe/London"}
{"id": "k1", "name": "Priya Natarajan", "title": "Platform Engineer", "office": "London", "country": "GB", "timezone": "Europe/London", "skills": [{"skill": "Manage ICT virtualisation environments", "level": 4}]}
"#;

const EVIDENCE: &str = r#"{"id": "d-fm", "author_ids": ["f1"], "kind": "question", "title": "Who knows about FM?", "text": "Who knows about facilities management contracts? Anyone?"}
"#;

async fn search(app: &TestApp, q: &str) -> Value {
    app.data(SEARCH, json!({ "q": q })).await["expertSearch"].clone()
}

fn ids(found: &Value) -> Vec<String> {
    found["experts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["person"]["externalId"].as_str().unwrap().to_string())
        .collect()
}

on_both_backends!(
    questions_are_read_as_people_mean_them,
    |app: TestApp| async move {
        common::import_examples(&app).await;
        app.import_jsonl(&[
            ("skills.jsonl", SKILLS),
            ("people.jsonl", PEOPLE),
            ("evidence.jsonl", EVIDENCE),
        ])
        .await;

        // "who knows" matches nothing; the alias finds the skill and is named.
        let found = search(&app, "who knows Kubernetes").await;
        assert_eq!(
            ids(&found).first().map(String::as_str),
            Some("k1"),
            "{found:#}"
        );
        assert!(!ids(&found).contains(&"f1".to_string()), "{found:#}");
        let top = &found["experts"][0];
        assert_eq!(top["strength"], "STRONG");
        assert_eq!(found["clearMatch"], true);
        assert!(
            top["explanation"]
                .as_str()
                .unwrap()
                .contains("*Kubernetes* — an alias of *Manage ICT virtualisation environments*"),
            "{top:#}"
        );
        assert!(found["showingResultsFor"].is_null());
        // Only question words: nothing to match, and no error.
        assert!(ids(&search(&app, "Who knows? Is there someone to help with").await).is_empty());

        // A misspelt skill word is corrected, and the answer says so.
        let found = search(&app, "kubernetis").await;
        assert_eq!(found["showingResultsFor"], "kubernetes");
        assert_eq!(found["corrections"][0]["to"], "kubernetes");
        assert_eq!(ids(&found).first().map(String::as_str), Some("k1"));
        let found = search(&app, "retension shedule for HR recrods").await;
        let shown = found["showingResultsFor"].as_str().unwrap_or_default();
        assert!(
            shown.contains("retention") && shown.contains("records"),
            "{found:#}"
        );
        assert_eq!(
            ids(&found).first().map(String::as_str),
            Some("e1001"),
            "{found:#}"
        );

        // A leaver is still suggested, with a badge and (for HR) the date.
        let aoife = &found["experts"][0];
        assert_eq!(aoife["leaving"], true);
        assert_eq!(aoife["person"]["leavingOn"], "2027-01-31");
        for e in found["experts"].as_array().unwrap() {
            assert_eq!(e["leaving"], e["person"]["status"] == "LEAVING", "{e:#}");
        }
        // A colleague sees the badge but not the date.
        let employee = app
            .token(tacit::domain::Role::Employee, Some("e3003"))
            .await;
        let seen = app
            .data_as(
                &employee,
                SEARCH,
                json!({ "q": "retention schedule for HR records" }),
            )
            .await;
        let aoife = seen["expertSearch"]["experts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["person"]["externalId"] == "e1001")
            .cloned()
            .unwrap();
        assert_eq!(aoife["leaving"], true);
        assert!(aoife["person"]["leavingOn"].is_null(), "{aoife:#}");

        // A colleague's name finds them first, marked as a name match; their
        // whole name is a strong match, a surname alone only a name match.
        for q in ["Wing Chan", "is Wing Chan around?", "chan"] {
            let found = search(&app, q).await;
            assert_eq!(
                ids(&found).first().map(String::as_str),
                Some("e2002"),
                "{q}: {found:#}"
            );
            assert_eq!(found["experts"][0]["nameMatch"], true);
        }
        assert_eq!(
            search(&app, "Wing Chan").await["experts"][0]["strength"],
            "STRONG"
        );
        // A surname one letter from a skill word is a name, not a misspelling;
        // the only person with it is named as surely as by their whole name.
        let found = search(&app, "Dockar").await;
        assert!(found["showingResultsFor"].is_null(), "{found:#}");
        assert_eq!(ids(&found), vec!["i1".to_string()]);
        assert_eq!(found["experts"][0]["strength"], "STRONG");
        // A skill word that is also someone's name is read as the skill.
        let found = search(&app, "docker").await;
        assert_eq!(
            ids(&found).first().map(String::as_str),
            Some("k1"),
            "{found:#}"
        );
        assert!(
            found["experts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["nameMatch"] == false)
        );
        // Names are looked for only in short questions: in a long one a name is a word.
        let long = search(&app, "Wing asked how long the retention schedule keeps HR records after someone leaves the organisation").await;
        assert!(
            long["experts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["nameMatch"] == false)
        );
        // Someone who opted out cannot be found by name, nor told apart from nobody.
        app.data(r#"mutation { updatePerson(input: { id: "e2002", discoverable: false }) { person { id } } }"#, json!({})).await;
        let gone = search(&app, "Wing Chan").await;
        assert!(ids(&gone).is_empty(), "{gone:#}");
        assert_eq!(
            gone["clearMatch"],
            search(&app, "Zyx Qwv").await["clearMatch"]
        );
        app.data(r#"mutation { updatePerson(input: { id: "e2002", discoverable: true }) { person { id } } }"#, json!({})).await;
        let found = search(&app, "UK GDPR").await;
        assert!(
            found["experts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["nameMatch"] == false)
        );

        // Nonsense finds nobody; a question mostly of unknown words is weak.
        let nothing = search(&app, "zzqxv").await;
        assert!(ids(&nothing).is_empty());
        assert_eq!(nothing["clearMatch"], false);
        let weak = search(&app, "records zzqxv qqqpl yyyxx wwwvv").await;
        assert!(!ids(&weak).is_empty());
        assert_eq!(weak["clearMatch"], false);
        assert!(
            weak["experts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["strength"] == "WEAK")
        );

        // Strength never rises down the list (names first aside).
        let found = search(&app, "GDPR records retention").await;
        let order = |s: &Value| match s.as_str() {
            Some("STRONG") => 2,
            Some("PARTIAL") => 1,
            _ => 0,
        };
        let strengths: Vec<i32> = found["experts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| order(&e["strength"]))
            .collect();
        assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
        assert_eq!(strengths.first(), Some(&2));

        // Any script, and a mix, is read without error.
        for q in [
            "Kubernetes e la conservazione dei dati، الاحتفاظ بالسجلات",
            "記録の保存期間",
            "ümlaut—ß ‽ 🙂",
        ] {
            let v = app.gql(SEARCH, json!({ "q": q })).await;
            assert!(v["errors"].is_null(), "{q}: {v:#}");
        }
        let found = search(&app, "Kubernetes e la conservazione dei dati").await;
        assert_eq!(ids(&found).first().map(String::as_str), Some("k1"));
    }
);
