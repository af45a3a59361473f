//! Knowledge at risk, on both backends.

mod common;

use common::{TestApp, import_examples};
use serde_json::{Value, json};
use tacit::domain::Role;

const AT_RISK: &str = "query($asOf: NaiveDate, $filter: RiskFilter) {
  knowledgeAtRisk(asOf: $asOf, filter: $filter) {
    skill { externalId name } holders leavingWithin30Days leavingWithin90Days leavingWithin180Days busFactor riskScore
  }
}";

fn by_skill<'a>(data: &'a Value, id: &str) -> Option<&'a Value> {
    data["knowledgeAtRisk"]
        .as_array()?
        .iter()
        .find(|r| r["skill"]["externalId"] == id)
}

on_both_backends!(
    knowledge_at_risk_follows_leaving_dates,
    |app: TestApp| async move {
        import_examples(&app).await;
        // Aoife Byrne (Records Manager) leaves on 2027-01-31: 61 days after 2026-12-01.
        let data = app.data(AT_RISK, json!({ "asOf": "2026-12-01" })).await;
        let list = data["knowledgeAtRisk"].as_array().expect("a list");
        assert_eq!(list[0]["skill"]["name"], "Records retention", "{data:#}");
        let retention = &list[0];
        assert_eq!(retention["holders"], 1);
        assert_eq!(retention["leavingWithin30Days"], 0);
        assert_eq!(retention["leavingWithin90Days"], 1);
        assert_eq!(retention["busFactor"], 0);
        assert!((retention["riskScore"].as_f64().unwrap_or(0.0) - 0.72).abs() < 1e-9);
        // GDPR: Aoife and Wing Chan (through the alias "UK GDPR"); one stays.
        let gdpr = by_skill(&data, "s-gdpr").expect("GDPR is at risk");
        assert_eq!(gdpr["holders"], 2, "{gdpr}");
        assert_eq!(gdpr["busFactor"], 1);
        assert!(gdpr["riskScore"].as_f64() < retention["riskScore"].as_f64());
        // Scores never rise down the list.
        let scores: Vec<f64> = list
            .iter()
            .filter_map(|r| r["riskScore"].as_f64())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

        // Half a year earlier her leaving date is beyond the horizon: a sole
        // holder is still at risk, but less.
        let early = app.data(AT_RISK, json!({ "asOf": "2026-06-01" })).await;
        let retention = by_skill(&early, "records-retention")
            .or_else(|| {
                early["knowledgeAtRisk"]
                    .as_array()
                    .and_then(|a| a.iter().find(|r| r["skill"]["name"] == "Records retention"))
            })
            .expect("a sole holder is at risk");
        assert_eq!(retention["leavingWithin180Days"], 0);
        assert_eq!(retention["busFactor"], 1);
        assert!(
            by_skill(&early, "s-gdpr").is_none(),
            "two staying holders are not at risk: {early:#}"
        );

        // Scoped to an org unit, only its people count.
        let unit = app
            .data(
                AT_RISK,
                json!({ "asOf": "2026-12-01", "filter": { "orgUnit": "Information Governance" } }),
            )
            .await;
        assert_eq!(
            by_skill(&unit, "s-gdpr").expect("GDPR in the unit")["holders"],
            1
        );

        // Sorted by uncovered leavers instead of risk: when Wing Chan leaves
        // within 180 days too, GDPR (two leavers, no interview) comes first.
        app.data("mutation { updatePerson(input: { id: \"e2002\", status: LEAVING, leavingOn: \"2027-05-01\" }) { person { status } } }", json!({}))
            .await;
        let names = |data: &Value| -> Vec<String> {
            data["knowledgeAtRisk"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| r["skill"]["name"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let by_risk = app.data(AT_RISK, json!({ "asOf": "2026-12-01" })).await;
        assert_eq!(
            names(&by_risk)[..2],
            ["Records retention", "GDPR"],
            "{by_risk:#}"
        );
        let uncovered = app
            .data(
                "{ knowledgeAtRisk(asOf: \"2026-12-01\", sort: UNCOVERED) { skill { name } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            names(&uncovered)[..2],
            ["GDPR", "Records retention"],
            "{uncovered:#}"
        );
        app.data("mutation { updatePerson(input: { id: \"e2002\", status: ACTIVE, leavingOn: null }) { person { status } } }", json!({}))
            .await;

        // When she has left, her knowledge no longer counts as held.
        app.data("mutation { updatePerson(input: { id: \"e1001\", status: LEFT }) { person { status } } }", json!({}))
        .await;
        let after = app.data(AT_RISK, json!({ "asOf": "2026-12-01" })).await;
        assert!(
            after["knowledgeAtRisk"]
                .as_array()
                .is_some_and(|a| a.iter().all(|r| r["skill"]["name"] != "Records retention"))
        );

        // HR and admins only.
        let employee = app.token(Role::Employee, Some("e3003")).await;
        let (_, body) = app.gql_as(Some(&employee), AT_RISK, json!({})).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
        let hr = app.token(Role::Hr, Some("e0042")).await;
        let (_, body) = app
            .gql_as(Some(&hr), AT_RISK, json!({ "asOf": "2026-12-01" }))
            .await;
        assert!(body["errors"].is_null(), "{body}");
        let bad = app
            .gql("{ knowledgeAtRisk(first: 0) { holders } }", json!({}))
            .await;
        assert_eq!(bad["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
);

const QUEUE: &str = "query($asOf: NaiveDate) {
  interviewQueue(asOf: $asOf) {
    person { externalId } leavingOn daysLeft priority
    skills { skill { name } level otherHolders riskScore }
  }
}";

on_both_backends!(
    interview_queue_puts_sole_and_soon_first,
    |app: TestApp| async move {
        import_examples(&app).await;
        let data = app.data(QUEUE, json!({ "asOf": "2026-12-01" })).await;
        let queue = data["interviewQueue"].as_array().expect("a list");
        assert_eq!(queue.len(), 1, "{data:#}");
        let aoife = &queue[0];
        assert_eq!(aoife["person"]["externalId"], "e1001");
        assert_eq!(aoife["daysLeft"], 61);
        assert_eq!(aoife["skills"][0]["skill"]["name"], "Records retention");
        assert_eq!(aoife["skills"][0]["otherHolders"], 0);
        assert_eq!(aoife["skills"][1]["skill"]["name"], "GDPR");
        assert_eq!(aoife["skills"][1]["otherHolders"], 1);
        assert!((aoife["priority"].as_f64().unwrap_or(0.0) - 1.08).abs() < 1e-9);

        // Wing Chan, the other GDPR holder, leaves in 20 days: she goes first.
        app.data(
        "mutation { updatePerson(input: { id: \"e2002\", status: LEAVING, leavingOn: \"2026-12-21\" }) { person { status } } }",
        json!({}),
    )
    .await;
        let data = app.data(QUEUE, json!({ "asOf": "2026-12-01" })).await;
        let order: Vec<&str> = data["interviewQueue"]
            .as_array()
            .map(|q| {
                q.iter()
                    .filter_map(|l| l["person"]["externalId"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(order, ["e2002", "e1001"], "{data:#}");

        // HR may order the queue by leaving date instead: Wing leaves first
        // when she goes on 3 December and Aoife on the 21st, though Aoife's
        // knowledge is scarcer.
        for (id, day) in [("e2002", "2026-12-03"), ("e1001", "2026-12-21")] {
            app.data(
                &format!("mutation {{ updatePerson(input: {{ id: \"{id}\", leavingOn: \"{day}\" }}) {{ person {{ status }} }} }}"),
                json!({}),
            )
            .await;
        }
        let order = |data: &Value| -> Vec<String> {
            data["interviewQueue"]
                .as_array()
                .map(|q| {
                    q.iter()
                        .filter_map(|l| l["person"]["externalId"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let by_priority = app.data(QUEUE, json!({ "asOf": "2026-12-01" })).await;
        assert_eq!(order(&by_priority), ["e1001", "e2002"], "{by_priority:#}");
        let by_date = app
            .data(
                "query { interviewQueue(asOf: \"2026-12-01\", sort: LEAVING_DATE) { person { externalId } } }",
                json!({}),
            )
            .await;
        assert_eq!(order(&by_date), ["e2002", "e1001"], "{by_date:#}");

        let employee = app.token(Role::Employee, Some("e3003")).await;
        let (_, body) = app.gql_as(Some(&employee), QUEUE, json!({})).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    }
);

on_both_backends!(
    knowledge_at_risk_runs_on_the_server_clock,
    |app: TestApp| async move {
        // Someone leaving 100 days from now holds a skill nobody else does.
        let leaving_on = (chrono::Utc::now() + chrono::Duration::days(100)).date_naive();
        let people = format!(
            "{{\"id\": \"t1\", \"name\": \"Tam Leaver\", \"status\": \"leaving\", \"leaving_on\": \"{leaving_on}\", \"skills\": [{{\"skill\": \"Tape archives\", \"level\": 5}}]}}\n"
        );
        let report = app.import_jsonl(&[("people.jsonl", &people)]).await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        let within_90 = || async {
            let data = app.data(AT_RISK, json!({})).await;
            data["knowledgeAtRisk"]
                .as_array()
                .and_then(|a| a.iter().find(|r| r["skill"]["name"] == "Tape archives"))
                .map(|r| r["leavingWithin90Days"].clone())
                .unwrap_or_default()
        };
        assert_eq!(within_90().await, 0);
        // Three weeks on by the server's clock, they leave within 90 days.
        app.clock.advance(chrono::Duration::days(21));
        assert_eq!(within_90().await, 1);
    }
);

// The harvest is part of risk: once Aoife's completed interview covers
// Records retention and names Jack Wilson to take it on, its row says so,
// its score falls by the documented rule (a harvested leaver counts half;
// a staying successor counts toward the bus factor), and the queue no
// longer asks for that topic from her.
on_both_backends!(
    a_harvest_and_a_successor_lower_the_risk_and_leave_the_queue,
    |app: TestApp| async move {
        import_examples(&app).await;
        const ROW: &str = "query($asOf: NaiveDate) { knowledgeAtRisk(asOf: $asOf) {
            skill { name } busFactor riskScore harvestCoverage
            harvestedFrom { externalId name } successors { externalId name } } }";
        let retention = |data: &Value| {
            data["knowledgeAtRisk"]
                .as_array()
                .and_then(|a| a.iter().find(|r| r["skill"]["name"] == "Records retention"))
                .cloned()
                .expect("Records retention is at risk")
        };
        let queued = |data: &Value| -> Vec<String> {
            data["interviewQueue"]
                .as_array()
                .and_then(|q| q.iter().find(|l| l["person"]["externalId"] == "e1001"))
                .and_then(|l| l["skills"].as_array())
                .map(|s| {
                    s.iter()
                        .filter_map(|x| x["skill"]["name"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let as_of = json!({ "asOf": "2026-12-01" });
        let before = retention(&app.data(ROW, as_of.clone()).await);
        assert!(
            (before["riskScore"].as_f64().unwrap_or(0.0) - 0.72).abs() < 1e-9,
            "{before}"
        );
        assert_eq!(before["harvestedFrom"], json!([]));
        assert!(
            queued(&app.data(QUEUE, as_of.clone()).await)
                .contains(&"Records retention".to_string())
        );

        let interview = json!({
            "id": "iv-aoife", "leaver_id": "e1001", "status": "completed",
            "scheduled_for": "2026-11-20T10:00:00Z", "completed_at": "2026-11-25T10:00:00Z",
            "topics": ["Records retention"],
            "successors": [{ "skill": "Records retention", "person_id": "e3003" }],
        });
        let report = app
            .import_jsonl(&[("interviews.jsonl", &format!("{interview}\n"))])
            .await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);

        let after = retention(&app.data(ROW, as_of.clone()).await);
        assert_eq!(
            after["harvestedFrom"],
            json!([{ "externalId": "e1001", "name": "Aoife Byrne" }])
        );
        assert_eq!(
            after["successors"],
            json!([{ "externalId": "e3003", "name": "Jack Wilson" }])
        );
        assert_eq!(after["busFactor"], 1, "the successor stays");
        assert_eq!(after["harvestCoverage"], 1);
        // 0.7 × (0.6 × ½) + 0.3 × 1/(1 + 1) = 0.36.
        assert!(
            (after["riskScore"].as_f64().unwrap_or(0.0) - 0.36).abs() < 1e-9,
            "{after}"
        );
        let topics = queued(&app.data(QUEUE, as_of).await);
        assert!(
            !topics.contains(&"Records retention".to_string()),
            "{topics:?}"
        );

        // The skill's page lists the harvest: HR sees the completed
        // interview with its leaver and successor; a colleague sees only
        // published summaries, and this one is not published.
        const HARVESTS: &str = "{ skill(name: \"Records retention\") { harvests {
            status leaverName summary successors { person { externalId } skill { name } } } } }";
        let hr = app.token(Role::Hr, None).await;
        let (_, seen) = app.gql_as(Some(&hr), HARVESTS, json!({})).await;
        let harvests = &seen["data"]["skill"]["harvests"];
        assert_eq!(harvests.as_array().map(Vec::len), Some(1), "{seen}");
        assert_eq!(harvests[0]["status"], "COMPLETED");
        assert_eq!(harvests[0]["leaverName"], "Aoife Byrne");
        assert_eq!(
            harvests[0]["successors"][0]["person"]["externalId"],
            "e3003"
        );
        let colleague = app.token(Role::Employee, Some("e2002")).await;
        let (_, seen) = app.gql_as(Some(&colleague), HARVESTS, json!({})).await;
        assert_eq!(seen["data"]["skill"]["harvests"], json!([]), "{seen}");

        // Community health names who inherited the leaver's topic, and no
        // longer says she takes it with her.
        let health = app
            .data(
                "{ community(id: \"c-rm\") { health { leavingMembers { person { externalId }
                   uncoveredTopics { name } inherited { skill { name } person { externalId } } } } } }",
                json!({}),
            )
            .await;
        let aoife = &health["community"]["health"]["leavingMembers"][0];
        assert_eq!(aoife["person"]["externalId"], "e1001", "{health}");
        assert_eq!(
            aoife["inherited"],
            json!([{ "skill": { "name": "Records retention" }, "person": { "externalId": "e3003" } }])
        );
        assert_eq!(aoife["uncoveredTopics"], json!([]), "{health}");
        // A lead who is not HR does not learn whom an unpublished interview
        // named: for them the topic still goes with her.
        let lead = app.token(Role::Employee, Some("e1001")).await;
        let (_, seen) = app
            .gql_as(
                Some(&lead),
                "{ community(id: \"c-rm\") { health { leavingMembers { uncoveredTopics { name } inherited { person { externalId } } } } } }",
                json!({}),
            )
            .await;
        let mine = &seen["data"]["community"]["health"]["leavingMembers"][0];
        assert_eq!(mine["inherited"], json!([]), "{seen}");
        assert_eq!(
            mine["uncoveredTopics"],
            json!([{ "name": "Records retention" }]),
            "{seen}"
        );
    }
);

// The queue can be ordered by the riskiest skill, and says why each leaver
// is where they are.
on_both_backends!(
    the_queue_orders_by_risk_and_explains_itself,
    |app: TestApp| async move {
        import_examples(&app).await;
        let data = app
            .data(
                "{ interviewQueue(asOf: \"2026-12-01\", sort: RISK) { person { externalId } priority why skills { riskScore } } }",
                json!({}),
            )
            .await;
        let queue = data["interviewQueue"].as_array().expect("a list");
        assert_eq!(queue[0]["person"]["externalId"], "e1001", "{data:#}");
        let why = queue[0]["why"].as_str().unwrap_or_default();
        assert!(
            why.contains("riskiest 72%") && why.contains("sum of their risks"),
            "{why}"
        );
    }
);

// HR sees people Tacit's ranking finds to take on a topic, never the leaver
// herself; a colleague may not ask.
on_both_backends!(
    successor_candidates_come_from_the_ranking,
    |app: TestApp| async move {
        import_examples(&app).await;
        app.engine.sync().await.expect("sync");
        let interview = json!({
            "id": "iv-cands", "leaver_id": "e1001", "status": "in_progress",
            "scheduled_for": "2026-11-20T10:00:00Z", "topics": ["GDPR"],
        });
        let report = app
            .import_jsonl(&[("interviews.jsonl", &format!("{interview}\n"))])
            .await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        app.engine.sync().await.expect("sync");
        const CANDIDATES: &str =
            "{ interview(id: \"iv-cands\") { successorCandidates(skill: \"s-gdpr\") {
            person { externalId } leaving explanation } } }";
        let data = app.data(CANDIDATES, json!({})).await;
        let found: Vec<&str> = data["interview"]["successorCandidates"]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|e| e["person"]["externalId"].as_str())
            .collect();
        assert!(
            found.contains(&"e2002"),
            "Wing Chan holds UK GDPR: {data:#}"
        );
        assert!(!found.contains(&"e1001"), "never the leaver: {found:?}");
        let colleague = app.token(Role::Employee, Some("e2002")).await;
        let (_, body) = app.gql_as(Some(&colleague), CANDIDATES, json!({})).await;
        assert!(body["errors"].is_array(), "{body}");
    }
);

// A topic completed with nothing recorded for it (no answer about it, no
// successor, not published) is no harvest: the risk stays as it was.
on_both_backends!(
    a_topic_completed_with_nothing_said_is_no_harvest,
    |app: TestApp| async move {
        import_examples(&app).await;
        let interview = json!({
            "id": "iv-empty", "leaver_id": "e1001", "status": "completed",
            "scheduled_for": "2026-11-20T10:00:00Z", "completed_at": "2026-11-25T10:00:00Z",
            "topics": ["Records retention"],
        });
        let report = app
            .import_jsonl(&[("interviews.jsonl", &format!("{interview}\n"))])
            .await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        let data = app
            .data(
                "{ knowledgeAtRisk(asOf: \"2026-12-01\") { skill { name } riskScore harvestedFrom { externalId } } }",
                json!({}),
            )
            .await;
        let row = data["knowledgeAtRisk"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["skill"]["name"] == "Records retention"))
            .cloned()
            .expect("still at risk");
        assert_eq!(row["harvestedFrom"], json!([]), "{row}");
        assert!(
            (row["riskScore"].as_f64().unwrap_or(0.0) - 0.72).abs() < 1e-9,
            "{row}"
        );
    }
);

// The queue drops a topic a leaver's own interview harvested, whatever
// their leaving date (here none is known).
on_both_backends!(
    the_queue_drops_harvested_topics_of_leavers_without_a_date,
    |app: TestApp| async move {
        import_examples(&app).await;
        let person = "{\"id\": \"t9\", \"name\": \"Tess Far\", \"status\": \"leaving\", \"skills\": [{\"skill\": \"Tape archives\", \"level\": 5}]}\n";
        let report = app.import_jsonl(&[("people.jsonl", person)]).await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        let listed = |data: &Value| {
            data["interviewQueue"]
                .as_array()
                .is_some_and(|q| q.iter().any(|l| l["person"]["externalId"] == "t9"))
        };
        let q = "{ interviewQueue(asOf: \"2026-12-01\") { person { externalId } } }";
        assert!(
            listed(&app.data(q, json!({})).await),
            "Tess holds Tape archives alone"
        );
        let interview = json!({
            "id": "iv-tess", "leaver_id": "t9", "status": "completed",
            "scheduled_for": "2026-11-20T10:00:00Z", "completed_at": "2026-11-25T10:00:00Z",
            "topics": ["Tape archives"],
            "successors": [{ "skill": "Tape archives", "person_id": "e3003" }],
        });
        let report = app
            .import_jsonl(&[("interviews.jsonl", &format!("{interview}\n"))])
            .await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert!(
            !listed(&app.data(q, json!({})).await),
            "her one topic is harvested"
        );
    }
);
