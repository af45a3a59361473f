//! The GraphQL API over HTTP, on SQLite and PostgreSQL.

mod common;

use common::{TestApp, import_examples};
use serde_json::json;

const PEOPLE_PAGE: &str = "query($first: Int, $after: String, $filter: PeopleFilter) {
  people(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id externalId name office { name } } }
  }
}";

on_both_backends!(
    people_page_shows_names_and_offices,
    |app: TestApp| async move {
        import_examples(&app).await;
        let data = app.data(PEOPLE_PAGE, json!({ "first": 5 })).await;
        assert_eq!(data["people"]["totalCount"], 4);
        let names: Vec<&str> = data["people"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["Aoife Byrne", "Jack Wilson", "Siobhan Kelly", "Wing Chan"]
        );
        assert_eq!(
            data["people"]["edges"][0]["node"]["office"]["name"],
            "Belfast"
        );
    }
);

on_both_backends!(pages_walk_every_person_once, |app: TestApp| async move {
    import_examples(&app).await;
    let mut seen = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let data = app
            .data(PEOPLE_PAGE, json!({ "first": 1, "after": after }))
            .await;
        let page = &data["people"];
        seen.push(
            page["edges"][0]["node"]["externalId"]
                .as_str()
                .unwrap()
                .to_string(),
        );
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, ["e1001", "e3003", "e0042", "e2002"]);
});

on_both_backends!(people_filters, |app: TestApp| async move {
    import_examples(&app).await;
    let count = |filter: serde_json::Value| {
        let app = &app;
        async move {
            app.data(PEOPLE_PAGE, json!({ "filter": filter })).await["people"]["totalCount"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(count(json!({ "country": "GB" })).await, 2);
    assert_eq!(count(json!({ "status": "LEAVING" })).await, 1);
    assert_eq!(count(json!({ "namePrefix": "wI" })).await, 1);
    assert_eq!(count(json!({ "skillId": "records retention" })).await, 1);
    let offices = app
        .data("{ offices { id name timezone headcount } }", json!({}))
        .await;
    let hk = offices["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Hong Kong")
        .unwrap()
        .clone();
    assert_eq!(hk["timezone"], "Asia/Hong_Kong");
    assert_eq!(hk["headcount"], 1);
    assert_eq!(count(json!({ "officeId": hk["id"] })).await, 1);
});

on_both_backends!(
    skills_match_names_and_aliases_case_insensitively,
    |app: TestApp| async move {
        import_examples(&app).await;
        let data = app.data("{ skills(prefix: \"uk g\") { edges { node { name aliases broader { name } related { name } } } } }", json!({})).await;
        let node = &data["skills"]["edges"][0]["node"];
        assert_eq!(node["name"], "GDPR");
        assert_eq!(node["broader"]["name"], "Data protection");
        assert_eq!(node["related"][0]["name"], "Records retention");
        let by_name = app
            .data(
                "{ skill(name: \"general data PROTECTION regulation\") { name holderCount } }",
                json!({}),
            )
            .await;
        assert_eq!(by_name["skill"]["name"], "GDPR");
        assert_eq!(by_name["skill"]["holderCount"], 2);
    }
);

on_both_backends!(node_returns_every_kind, |app: TestApp| async move {
    import_examples(&app).await;
    let person = app.data("{ person(id: \"e1001\") { id name status leavingOn manager { name } skills { level source skill { name } } communities { role community { name } } evidence { title tags { name } } } }", json!({})).await;
    let p = &person["person"];
    assert_eq!(p["status"], "LEAVING");
    assert_eq!(p["leavingOn"], "2027-01-31");
    assert_eq!(p["manager"]["name"], "Siobhan Kelly");
    assert_eq!(p["skills"][0]["level"], 5);
    assert_eq!(p["skills"][0]["source"], "SELF");
    assert_eq!(p["communities"][0]["role"], "LEAD");
    assert_eq!(
        p["evidence"][0]["title"],
        "Retention schedule for HR records"
    );
    let id = p["id"].clone();
    let node = app
        .data(
            "query($id: ID!) { node(id: $id) { id ... on Person { name } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(node["node"]["name"], "Aoife Byrne");
    let unknown = app.data("{ node(id: \"bm9wZQ\") { id } }", json!({})).await;
    assert!(unknown["node"].is_null());
});

on_both_backends!(
    errors_carry_codes_and_change_nothing,
    |app: TestApp| async move {
        import_examples(&app).await;
        let bad_tz = "mutation { createPerson(input: { externalId: \"e9\", name: \"Zoe\", timezone: \"Mars/Base\" }) { person { id } } }";
        assert_eq!(app.error_code(bad_tz, json!({})).await, "BAD_USER_INPUT");
        let missing =
            "mutation { updatePerson(input: { id: \"nobody\", title: \"x\" }) { person { id } } }";
        assert_eq!(app.error_code(missing, json!({})).await, "NOT_FOUND");
        let dup = "mutation { createSkill(input: { name: \"gdpr\" }) { skill { id } } }";
        assert_eq!(app.error_code(dup, json!({})).await, "CONFLICT");
        let alias_clash =
            "mutation { createSkill(input: { name: \"uk  GDPR\" }) { skill { id } } }";
        assert_eq!(app.error_code(alias_clash, json!({})).await, "CONFLICT");
        assert_eq!(
            app.error_code("{ people(first: 101) { totalCount } }", json!({}))
                .await,
            "BAD_USER_INPUT"
        );
        assert_eq!(
            app.error_code(
                "{ people(first: 2, after: \"zzz\") { totalCount } }",
                json!({})
            )
            .await,
            "BAD_USER_INPUT"
        );
        let level = "mutation { setPersonSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\", level: 9 }) { personSkill { level } } }";
        assert_eq!(app.error_code(level, json!({})).await, "BAD_USER_INPUT");
        let self_endorse = "mutation { endorseSkill(input: { personId: \"e1001\", skillId: \"s-gdpr\", endorserId: \"e1001\" }) { personSkill { level } } }";
        assert_eq!(
            app.error_code(self_endorse, json!({})).await,
            "BAD_USER_INPUT"
        );
        let data = app.data(PEOPLE_PAGE, json!({})).await;
        assert_eq!(
            data["people"]["totalCount"], 4,
            "a rejected request changes nothing"
        );
    }
);

on_both_backends!(
    mutations_create_update_and_link,
    |app: TestApp| async move {
        import_examples(&app).await;
        let office = app.data("mutation { createOffice(input: { name: \"Edinburgh\", country: \"gb\", timezone: \"Europe/London\" }) { office { id country } } }", json!({})).await;
        let again = "mutation { createOffice(input: { name: \"edinburgh\" }) { office { id } } }";
        assert_eq!(app.error_code(again, json!({})).await, "CONFLICT");
        assert_eq!(office["createOffice"]["office"]["country"], "GB");
        let office_id = office["createOffice"]["office"]["id"].clone();
        let created = app.data(
        "mutation($o: ID) { createPerson(input: { externalId: \"e4004\", name: \"Morag Campbell\", officeId: $o, managerId: \"e0042\", timezone: \"Europe/London\" }) { person { id office { name } manager { name } } } }",
        json!({ "o": office_id }),
    ).await;
        assert_eq!(
            created["createPerson"]["person"]["office"]["name"],
            "Edinburgh"
        );
        let updated = app.data(
        "mutation { updatePerson(input: { id: \"e4004\", status: LEAVING, leavingOn: \"2027-03-31\", title: \"Procurement Lead\", managerId: null }) { person { status leavingOn title manager { name } } } }",
        json!({}),
    ).await;
        let p = &updated["updatePerson"]["person"];
        assert_eq!(
            (p["status"].as_str(), p["title"].as_str()),
            (Some("LEAVING"), Some("Procurement Lead"))
        );
        assert!(p["manager"].is_null());
        app.data("mutation { setPersonSkill(input: { personId: \"e4004\", skillId: \"s-gdpr\", level: 3 }) { personSkill { level } } }", json!({})).await;
        let endorsed = app.data("mutation { endorseSkill(input: { personId: \"e4004\", skillId: \"s-gdpr\", endorserId: \"e1001\" }) { personSkill { endorsements { endorser { name } } } } }", json!({})).await;
        assert_eq!(
            endorsed["endorseSkill"]["personSkill"]["endorsements"][0]["endorser"]["name"],
            "Aoife Byrne"
        );
        let again = "mutation { endorseSkill(input: { personId: \"e4004\", skillId: \"s-gdpr\", endorserId: \"e1001\" }) { personSkill { level } } }";
        assert_eq!(app.error_code(again, json!({})).await, "CONFLICT");
        // Aoife takes her endorsement back; a second withdrawal finds nothing,
        // and another employee cannot withdraw it in her name.
        let aoife = app
            .token(tacit::domain::Role::Employee, Some("e1001"))
            .await;
        let jack = app
            .token(tacit::domain::Role::Employee, Some("e3003"))
            .await;
        let in_her_name = "mutation { withdrawEndorsement(input: { personId: \"e4004\", skillId: \"s-gdpr\", endorserId: \"e1001\" }) { personSkill { endorsements { endorser { name } } } } }";
        assert_eq!(
            app.error_as(&jack, in_her_name, json!({})).await.0,
            "FORBIDDEN"
        );
        let withdraw = "mutation { withdrawEndorsement(input: { personId: \"e4004\", skillId: \"s-gdpr\" }) { personSkill { endorsements { endorser { name } } } } }";
        let withdrawn = app.data_as(&aoife, withdraw, json!({})).await;
        assert_eq!(
            withdrawn["withdrawEndorsement"]["personSkill"]["endorsements"],
            json!([])
        );
        assert_eq!(
            app.error_as(&aoife, withdraw, json!({})).await.0,
            "NOT_FOUND"
        );
        app.data("mutation { addMember(input: { communityId: \"c-rm\", personId: \"e4004\", role: EXPERT }) { membership { role } } }", json!({})).await;
        common::accept_invitations(&app, "e4004").await;
        let community = app.data("{ community(id: \"c-rm\") { memberCount members { role person { externalId } } skills { name } } }", json!({})).await;
        assert_eq!(community["community"]["memberCount"], 3);
        app.data("mutation { removeMember(input: { communityId: \"c-rm\", personId: \"e4004\" }) { personId } }", json!({})).await;
        app.data("mutation { removePersonSkill(input: { personId: \"e4004\", skillId: \"s-gdpr\" }) { id } }", json!({})).await;
        let after = app
            .data(
                "{ person(id: \"e4004\") { skills { level } communities { role } } }",
                json!({}),
            )
            .await;
        assert_eq!(after["person"]["skills"], json!([]));
        assert_eq!(after["person"]["communities"], json!([]));
        let ev = app.data("mutation { createEvidence(input: { externalId: \"d-1\", evidence: { kind: \"Answer\", title: \"Framework call-offs\", text: \"Use the CCS framework.\", authorIds: [\"e4004\"], tagIds: [\"s-gdpr\"] } }) { evidence { kind authors { name } tags { name } } } }", json!({})).await;
        assert_eq!(ev["createEvidence"]["evidence"]["kind"], "answer");
        let c = app.data("mutation { createCommunity(input: { name: \"Procurement Practitioners\", skillIds: [\"s-gdpr\"] }) { community { id name visibility skills { name } } } }", json!({})).await;
        assert_eq!(c["createCommunity"]["community"]["visibility"], "OPEN");
    }
);

on_both_backends!(merging_skills_moves_everything, |app: TestApp| async move {
    import_examples(&app).await;
    app.data("mutation { createSkill(input: { externalId: \"s-dp\", name: \"Data privacy\", aliases: [\"Privacy law\"] }) { skill { id } } }", json!({})).await;
    app.data("mutation { setPersonSkill(input: { personId: \"e3003\", skillId: \"s-dp\", level: 4 }) { personSkill { level } } }", json!({})).await;
    app.data("mutation { setPersonSkill(input: { personId: \"e1001\", skillId: \"s-dp\", level: 2 }) { personSkill { level } } }", json!({})).await;
    let merged = app.data("mutation { mergeSkills(input: { survivorId: \"s-gdpr\", mergedId: \"s-dp\" }) { skill { name aliases holderCount } } }", json!({})).await;
    let s = &merged["mergeSkills"]["skill"];
    let aliases: Vec<&str> = s["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        aliases.contains(&"Data privacy")
            && aliases.contains(&"Privacy law")
            && aliases.contains(&"UK GDPR"),
        "{aliases:?}"
    );
    assert_eq!(s["holderCount"], 3);
    let gone = app
        .data(
            "{ skill(id: \"s-dp\") { name } byAlias: skill(name: \"privacy LAW\") { externalId } }",
            json!({}),
        )
        .await;
    assert!(gone["skill"].is_null());
    assert_eq!(gone["byAlias"]["externalId"], "s-gdpr");
    let aoife = app
        .data(
            "{ person(id: \"e1001\") { skills { level skill { externalId } } } }",
            json!({}),
        )
        .await;
    let gdpr = aoife["person"]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"]["externalId"] == "s-gdpr")
        .unwrap()
        .clone();
    assert_eq!(gdpr["level"], 3, "the higher of the two levels stays");
    assert_eq!(app.error_code("mutation { mergeSkills(input: { survivorId: \"s-gdpr\", mergedId: \"s-gdpr\" }) { skill { id } } }", json!({})).await, "BAD_USER_INPUT");
});

on_both_backends!(
    a_page_of_fifty_people_costs_a_fixed_number_of_statements,
    |app: TestApp| async move {
        // Loaded and followed, so no graph rebuild runs while statements are counted.
        app.load_demo(7, 120).await;
        let query = "query($first: Int) { people(first: $first) { totalCount edges { node { name office { name headcount } manager { name office { name } }
        skills { level skill { name aliases broader { name } } endorsements { endorser { name } } }
        communities { role community { name skills { name } members { person { name } } } }
        evidence(first: 3) { title authors { name } tags { name } } } } } }";
        let before = app.store.statements_executed();
        app.data(query, json!({ "first": 5 })).await;
        let five = app.store.statements_executed() - before;
        let before = app.store.statements_executed();
        let data = app.data(query, json!({ "first": 50 })).await;
        let fifty = app.store.statements_executed() - before;
        assert_eq!(data["people"]["edges"].as_array().unwrap().len(), 50);
        eprintln!("statements for a people page: 5 people {five}, 50 people {fifty}");
        // The query touches 20 relations: one statement per person and relation would be
        // over 1,000. Loaders batch each level; a batch splits when resolving a level
        // outlasts the 5 ms gathering window, which happens on a loaded machine (a debug
        // build next to a release build: 40 to 120 seen), so the bound leaves room for
        // that while still failing any per-row loading by an order of magnitude.
        assert!(
            fifty < 250,
            "50 people took {fifty} statements (5 took {five}): a relation is loaded per row"
        );
        assert!(five <= 40, "5 people took {five} statements");
    }
);

on_both_backends!(
    pages_of_interviews_and_communities_cost_a_fixed_number_of_statements,
    |app: TestApp| async move {
        // 500 people make 20 communities, so a relation loaded per row would
        // add 18 statements between the pages of 2 and of 20.
        app.load_demo(7, 500).await;
        // Thirty completed interviews, each with two topics and a successor.
        let people = app
            .data("{ people(first: 61, filter: { status: ACTIVE }) { nodes { externalId } } skills(first: 2) { nodes { name } } }", json!({}))
            .await;
        let ids: Vec<String> = people["people"]["nodes"]
            .as_array()
            .expect("people")
            .iter()
            .filter_map(|p| p["externalId"].as_str().map(str::to_string))
            .collect();
        let skills: Vec<String> = people["skills"]["nodes"]
            .as_array()
            .expect("skills")
            .iter()
            .filter_map(|s| s["name"].as_str().map(str::to_string))
            .collect();
        let lines: String = (0..30)
            .map(|n| {
                json!({
                    "id": format!("iv-{n}"), "leaver_id": ids[n], "status": "completed",
                    "scheduled_for": "2026-11-01T10:00:00Z", "completed_at": "2026-11-02T10:00:00Z",
                    "topics": skills,
                    "successors": [{ "skill": skills[0], "person_id": ids[30 + n] }],
                })
                .to_string()
                    + "\n"
            })
            .collect();
        let report = app.import_jsonl(&[("interviews.jsonl", &lines)]).await;
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        app.engine.sync().await.expect("sync");
        let count = |query: &'static str, first: i64| {
            let app = &app;
            async move {
                let before = app.store.statements_executed();
                let data = app.data(query, json!({ "first": first })).await;
                (app.store.statements_executed() - before, data)
            }
        };
        let interviews = "query($first: Int) { interviews(first: $first) { nodes { leaver { name } topics { name }
            successors { person { name office { name } } skill { name } } certificates { id } } } }";
        let (five, _) = count(interviews, 5).await;
        let (thirty, data) = count(interviews, 30).await;
        assert_eq!(
            data["interviews"]["nodes"].as_array().map(Vec::len),
            Some(30)
        );
        eprintln!("statements for an interview page: 5 {five}, 30 {thirty}");
        // Five relations: per row that would be 150 statements and more, and
        // even one relation per row adds 25 between the pages of 5 and 30. The
        // margin is for batches split on a loaded machine (see above).
        assert!(
            thirty < five + 15 && thirty < 60,
            "30 interviews took {thirty} statements (5 took {five})"
        );
        let communities =
            "query($first: Int) { communities(first: $first) { nodes { name skills { name }
            members { role person { name office { name } } }
            pendingRequestCount pendingRequests { id } pendingInvitations { id } myRequest { id } } } }";
        let (few, _) = count(communities, 2).await;
        let (all, data) = count(communities, 50).await;
        let n = data["communities"]["nodes"].as_array().map_or(0, Vec::len);
        eprintln!("statements for a community page: 2 {few}, {n} {all}");
        assert!(n >= 18, "the demo has communities: {n}");
        // Members, their people and offices, skills, requests, invitations
        // and counts: one statement each, however long the page; one of them
        // per row would add 18.
        assert!(
            all < few + 8 && all < 25,
            "{n} communities took {all} statements (2 took {few})"
        );
    }
);

on_both_backends!(http_edges, |app: TestApp| async move {
    let c = &app.client;
    assert_eq!(
        c.get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        c.get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let batch = c
        .post(format!("{}/graphql", app.base))
        .json(&json!([{ "query": "{ offices { id } }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(batch.status(), 400);
    let form = c
        .post(format!("{}/graphql", app.base))
        .header("content-type", "text/plain")
        .body("{\"query\":\"{ offices { id } }\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415, "only application/json may POST (CSRF)");
    let get_mutation = c
        .get(format!("{}/graphql", app.base))
        .query(&[(
            "query",
            "mutation { createOffice(input: {name: \"X\"}) { office { id } } }",
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(get_mutation.status(), 405);
    let get_query = c
        .get(format!("{}/graphql", app.base))
        .query(&[("query", "{ offices { id } }")])
        .send()
        .await
        .unwrap();
    assert_eq!(get_query.status(), 200);
    // A declared 2 MiB body is refused from its headers, before any of it is read.
    // (Raw TCP: a client still writing the body when the server closes sees a broken pipe.)
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = app.base.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{{\"query\": \"",
            2 * 1024 * 1024
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response).await;
        let response = String::from_utf8_lossy(&response);
        assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    }
    let deep = format!(
        "{{ people {{ edges {{ node {}name{} }} }} }}",
        "manager { ".repeat(12),
        " }".repeat(12)
    );
    let body = app.gql(&deep, json!({})).await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("nested too deep"),
        "{body}"
    );
    let res = c.get(format!("{}/healthz", app.base)).send().await.unwrap();
    assert!(res.headers().contains_key("x-request-id"));
    let metrics = c
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("tacit_http_requests_total"), "{metrics}");
    assert!(metrics.contains("tacit_db_pool_connections"));
    // GraphiQL needs introspection, which is on only with the development sign-in.
    let graphiql = c
        .get(format!("{}/graphiql", app.base))
        .send()
        .await
        .unwrap();
    assert!(!graphiql.text().await.unwrap().contains("graphiql"));
});

#[tokio::test]
async fn the_web_app_gets_deep_links_and_missing_files_get_404() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Tacit</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("assets/app.js"), "console.log(1)").unwrap();
    let app = TestApp::spawn_with(common::Backend::Sqlite, Some(dir.path().to_path_buf()))
        .await
        .unwrap();
    let get = |path: &str| app.client.get(format!("{}{path}", app.base)).send();
    let deep = get("/people/e1001").await.unwrap();
    assert_eq!(deep.status(), 200);
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert!(deep.text().await.unwrap().contains("<title>Tacit</title>"));
    assert_eq!(get("/assets/app.js").await.unwrap().status(), 200);
    assert_eq!(get("/assets/old-build.js").await.unwrap().status(), 404);
    assert_eq!(get("/favicon-missing.png").await.unwrap().status(), 404);
    assert_eq!(get("/graphql/x").await.unwrap().status(), 404);
}

// Two writes in one operation: the second's payload reads what the second
// wrote, not what the request's loaders cached while answering the first.
on_both_backends!(
    a_later_mutation_field_reads_past_an_earlier_ones_cache,
    |app: TestApp| async move {
        import_examples(&app).await;
        let both = app
            .data(
                "mutation { \
                   a: setPersonSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\", level: 2 }) { personSkill { person { skills { level skill { externalId } } } } } \
                   b: setPersonSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\", level: 4 }) { personSkill { person { skills { level skill { externalId } } } } } }",
                json!({}),
            )
            .await;
        let level = |field: &str| {
            both[field]["personSkill"]["person"]["skills"]
                .as_array()
                .and_then(|s| s.iter().find(|s| s["skill"]["externalId"] == "s-gdpr"))
                .map(|s| s["level"].clone())
        };
        assert_eq!(level("a"), Some(json!(2)), "{both}");
        assert_eq!(level("b"), Some(json!(4)), "{both}");
    }
);
