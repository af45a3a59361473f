//! SCIM 2.0 provisioning on both backends: the request sequences Entra ID
//! and Okta send (fixtures in `tests/fixtures/scim/`) replayed over HTTP,
//! then what provisioning must mean elsewhere: a deactivated person cannot
//! sign in and is not found, every change is audited as from the
//! provisioning client, the graph follows, and the `scim` scope opens SCIM
//! and nothing else.

mod common;

use std::collections::HashMap;

use common::{TestApp, import_examples};
use serde_json::{Value, json};
use tacit::domain::{Role, Scope};
use tacit::store::AuditFilter;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scim");

/// A token for the identity provider: the `scim` scope only.
async fn scim_token(app: &TestApp) -> (String, String) {
    app.token_with(Role::Employee, None, vec![Scope::Scim])
        .await
}

/// Sends one SCIM request; the status and the JSON body (null when none).
async fn scim(
    app: &TestApp,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = app.anon.request(method, format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req
            .header("content-type", "application/scim+json")
            .body(b.to_string());
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    if status != 204 {
        let kind = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        assert_eq!(kind.as_deref(), Some("application/scim+json"), "{path}");
    }
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Replaces `{name}` with the ids captured so far.
fn fill(text: &str, ids: &HashMap<String, String>) -> String {
    ids.iter().fold(text.to_string(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// Every member of `want` is in `got` (objects by key, lists by position).
fn contains(want: &Value, got: &Value, at: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().try_for_each(|(k, v)| match g.get(k) {
            Some(gv) => contains(v, gv, &format!("{at}.{k}")),
            None => Err(format!("{at}.{k} is missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() <= g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (w, g))| contains(w, g, &format!("{at}[{i}]"))),
        (w, g) if w == g => Ok(()),
        (w, g) => Err(format!("{at}: expected {w}, got {g}")),
    }
}

/// Replays a fixture; returns the ids it captured and how many changes
/// (POST, PUT, PATCH, DELETE) it made.
async fn replay(app: &TestApp, token: &str, fixture: &str) -> (HashMap<String, String>, usize) {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{fixture}")).expect("fixture");
    let doc: Value = serde_json::from_str(&text).expect("fixture JSON");
    let mut ids = HashMap::new();
    let mut changes = 0;
    for step in doc["steps"].as_array().expect("steps") {
        let name = step["step"].as_str().unwrap_or("?");
        let req = &step["request"];
        let path = fill(req["path"].as_str().expect("path"), &ids);
        let body = req
            .get("body")
            .map(|b| serde_json::from_str::<Value>(&fill(&b.to_string(), &ids)).expect("body"));
        let method = req["method"].as_str().expect("method");
        let (status, got) = scim(app, Some(token), method, &path, body.as_ref()).await;
        let want = &step["response"];
        assert_eq!(
            Some(u64::from(status)),
            want["status"].as_u64(),
            "{fixture}: {name}: {got:#}"
        );
        if method != "GET" && status < 300 {
            changes += 1;
        }
        if let Some(w) = want.get("body") {
            let w: Value =
                serde_json::from_str(&fill(&w.to_string(), &ids)).expect("expected body");
            if let Err(e) = contains(&w, &got, "") {
                panic!("{fixture}: {name}: {e}\n{got:#}");
            }
        }
        if let Some(capture) = step.get("capture").and_then(Value::as_str) {
            let id = got["id"].as_str().expect("an id to capture").to_string();
            ids.insert(capture.to_string(), id);
        }
    }
    (ids, changes)
}

const EXPERTS: &str =
    r#"query($q: String!) { experts(query: $q, first: 50) { person { externalId } } }"#;

async fn expert_ids(app: &TestApp, q: &str) -> Vec<String> {
    let data = app.data(EXPERTS, json!({ "q": q })).await;
    data["experts"]
        .as_array()
        .expect("experts")
        .iter()
        .filter_map(|e| e["person"]["externalId"].as_str().map(str::to_string))
        .collect()
}

on_both_backends!(
    entra_and_okta_sequences_provision_people,
    |app: TestApp| async move {
        let (token, token_id) = scim_token(&app).await;
        let (entra, entra_changes) = replay(&app, &token, "entra.json").await;
        let (okta, okta_changes) = replay(&app, &token, "okta.json").await;

        // What SCIM wrote is the person everyone else sees.
        let manager = app
            .store
            .person(&entra["manager"])
            .await
            .unwrap()
            .expect("manager");
        assert_eq!(manager.name, "Morgan Manager");
        assert_eq!(manager.org_unit.as_deref(), Some("Records Management"));
        let deleted = app
            .store
            .person(&entra["user"])
            .await
            .unwrap()
            .expect("deleted over SCIM, never erased");
        assert_eq!(deleted.status, tacit::domain::PersonStatus::Left);
        assert_eq!(deleted.email.as_deref(), Some("updatedEmail@microsoft.com"));
        assert_eq!(
            deleted.manager_id.as_deref(),
            Some(entra["manager"].as_str())
        );
        assert_eq!(deleted.country.as_deref(), Some("GB"));
        // The name follows a new family name (no displayName was sent).
        assert_eq!(deleted.name, "givenName updatedFamilyName");
        let okta_user = app
            .store
            .person(&okta["user"])
            .await
            .unwrap()
            .expect("okta user");
        assert_eq!(okta_user.status, tacit::domain::PersonStatus::Left);
        assert_eq!(okta_user.timezone.as_deref(), Some("Australia/Sydney"));

        // The provider creating a deleted user name again brings the same person back.
        let (status, again) = scim(
        &app,
        Some(&token),
        "POST",
        "/scim/v2/Users",
        Some(&json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                      "userName": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com", "active": true })),
    )
    .await;
        assert_eq!(status, 201, "{again:#}");
        assert_eq!(again["id"], entra["user"].as_str());
        assert_eq!(again["active"], true);

        // Every change is audited as from the provisioning client.
        let entries = app
            .store
            .audit_page(
                &AuditFilter {
                    action: Some("scim".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        for action in [
            "scim.create",
            "scim.update",
            "scim.deactivate",
            "scim.remove",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        assert!(
            entries
                .iter()
                .all(|e| e.actor == format!("token:{token_id}")),
            "{entries:?}"
        );
        // One entry per change made, none for the refused requests (the bad
        // manager, the bad time zone, the duplicate), plus the re-creation.
        assert_eq!(
            entries.len(),
            entra_changes + okta_changes + 1,
            "{actions:?}"
        );
        app.assert_graph_matches_rebuild().await;
    }
);

on_both_backends!(
    a_deactivated_person_cannot_sign_in_and_is_not_found,
    |app: TestApp| async move {
        import_examples(&app).await;
        let (token, _) = scim_token(&app).await;
        let aoife = app.token(Role::Employee, Some("e1001")).await;
        let me = "{ me { person { externalId } } }";
        assert_eq!(
            app.data_as(&aoife, me, json!({})).await["me"]["person"]["externalId"],
            "e1001"
        );
        assert!(
            expert_ids(&app, "records retention")
                .await
                .contains(&"e1001".to_string())
        );

        // The provider's first look-up finds the imported person by e-mail address.
        let (status, found) = scim(
            &app,
            Some(&token),
            "GET",
            "/scim/v2/Users?filter=userName%20eq%20%22Aoife.Byrne@example.org%22",
            None,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(found["totalResults"], 1, "{found:#}");
        assert_eq!(found["Resources"][0]["id"], "e1001");
        let id = "e1001";
        let off = json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                      "Operations": [{ "op": "replace", "value": { "active": false } }] });
        let (status, body) = scim(
            &app,
            Some(&token),
            "PATCH",
            &format!("/scim/v2/Users/{id}"),
            Some(&off),
        )
        .await;
        assert_eq!(status, 200, "{body:#}");
        assert_eq!(body["active"], false);
        assert_eq!(body["userName"], "aoife.byrne@example.org");

        let (status, _) = app.gql_as(Some(&aoife), me, json!({})).await;
        assert_eq!(
            status, 401,
            "a deactivated person's credentials stop at once"
        );
        assert!(
            !expert_ids(&app, "records retention")
                .await
                .contains(&"e1001".to_string())
        );
        let kept = app.store.person(id).await.unwrap().expect("kept");
        assert_eq!(kept.status, tacit::domain::PersonStatus::Left);
        assert!(
            !app.store
                .skills_of_people(&[id.to_string()])
                .await
                .unwrap()
                .is_empty(),
            "their skills are kept"
        );
        app.assert_graph_matches_rebuild().await;
    }
);

on_both_backends!(
    the_scim_scope_opens_scim_and_nothing_else,
    |app: TestApp| async move {
        let (token, _) = scim_token(&app).await;
        let (status, body) = app
            .gql_as(Some(&token), "{ me { roles } }", json!({}))
            .await;
        assert_eq!(status, 403, "{body:#}");
        let admin = app.admin_token.clone();
        for (who, expected) in [
            (Some(admin.as_str()), 403),
            (None, 401),
            (Some("not-a-token"), 401),
        ] {
            let (status, body) = scim(&app, who, "GET", "/scim/v2/Users", None).await;
            assert_eq!(status, expected, "{body:#}");
            assert_eq!(
                body["schemas"][0],
                "urn:ietf:params:scim:api:messages:2.0:Error"
            );
            assert_eq!(body["status"], expected.to_string());
        }
        let (status, config) = scim(
            &app,
            Some(&token),
            "GET",
            "/scim/v2/ServiceProviderConfig",
            None,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(config["patch"]["supported"], true);
        assert_eq!(config["filter"]["maxResults"], 200);
        let (_, schemas) = scim(&app, Some(&token), "GET", "/scim/v2/Schemas", None).await;
        assert_eq!(schemas["totalResults"], 2);
        let (_, types) = scim(&app, Some(&token), "GET", "/scim/v2/ResourceTypes", None).await;
        assert_eq!(
            types["Resources"][0]["schema"],
            "urn:ietf:params:scim:schemas:core:2.0:User"
        );

        // Bad requests are refused in SCIM's words and change nothing.
        let (_, before) = scim(&app, Some(&token), "GET", "/scim/v2/Users?count=0", None).await;
        for (body, scim_type) in [
            (json!("not a user"), "invalidSyntax"),
            (json!({ "displayName": "No user name" }), "invalidValue"),
            (
                json!({ "userName": "x@example.org", "emails": [{ "value": "not an address" }] }),
                "invalidValue",
            ),
            (
                json!({ "userName": "y@example.org", "active": "perhaps" }),
                "invalidValue",
            ),
            (
                json!({ "userName": "z@example.org", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "manager": { "value": "nobody" } } }),
                "invalidValue",
            ),
        ] {
            let (status, got) =
                scim(&app, Some(&token), "POST", "/scim/v2/Users", Some(&body)).await;
            assert_eq!(status, 400, "{body}: {got:#}");
            assert_eq!(got["scimType"], scim_type, "{body}");
        }
        let res = app
            .anon
            .post(format!("{}/scim/v2/Users", app.base))
            .bearer_auth(&token)
            .body("{ not json")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 400);
        let (_, after) = scim(&app, Some(&token), "GET", "/scim/v2/Users?count=0", None).await;
        assert_eq!(
            before["totalResults"], after["totalResults"],
            "nothing was created"
        );
        let (status, _) = scim(&app, Some(&token), "DELETE", "/scim/v2/Users/nobody", None).await;
        assert_eq!(status, 404);
    }
);

on_both_backends!(
    the_first_sync_takes_over_staff_imported_from_files_but_never_leavers,
    |app: TestApp| async move {
        import_examples(&app).await;
        let (token, _) = scim_token(&app).await;
        let user = |name: &str, email: &str| {
            json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name, "active": true,
                    "emails": [{ "value": email, "type": "work", "primary": true }] })
        };
        // The UPN differs from the work address, whose case differs too.
        let body = user("skelly@corp.onmicrosoft.com", "Siobhan.Kelly@Example.org");
        let (status, got) = scim(&app, Some(&token), "POST", "/scim/v2/Users", Some(&body)).await;
        assert_eq!(status, 201, "{got:#}");
        assert_eq!(got["id"], "e0042", "the imported person, not a duplicate");
        // A leaver's address given to a new hire: a new person, the leaver's cleared.
        let left = app
            .gql(
                "mutation { updatePerson(input: { id: \"e2002\", status: LEFT }) { person { status } } }",
                json!({}),
            )
            .await;
        assert!(left.get("errors").is_none(), "{left:#}");
        let body = user("wing.chan@example.org", "wing.chan@example.org");
        let (status, got) = scim(&app, Some(&token), "POST", "/scim/v2/Users", Some(&body)).await;
        assert_eq!(status, 201, "{got:#}");
        assert_ne!(got["id"], "e2002", "a leaver is never taken over");
        let old = app.store.person("e2002").await.unwrap().expect("kept");
        assert_eq!(old.email, None, "the leaver's address went to the new hire");
        assert_eq!(old.status, tacit::domain::PersonStatus::Left);
        // An address a current colleague holds is a conflict, and nothing changes.
        let body = user("someone@corp.onmicrosoft.com", "aoife.byrne@example.org");
        let (status, got) = scim(&app, Some(&token), "POST", "/scim/v2/Users", Some(&body)).await;
        assert_eq!(status, 201, "{got:#}");
        assert_eq!(got["id"], "e1001", "taken over by the work address");
        let body = user("another@corp.onmicrosoft.com", "aoife.byrne@example.org");
        let (status, got) = scim(&app, Some(&token), "POST", "/scim/v2/Users", Some(&body)).await;
        assert_eq!(status, 409, "{got:#}");
        assert_eq!(got["scimType"], "uniqueness");
        // Endpoints Tacit does not have answer in SCIM's words.
        let (status, got) = scim(&app, Some(&token), "GET", "/scim/v2/Groups", None).await;
        assert_eq!(status, 404, "{got:#}");
        let (status, _) = scim(&app, None, "GET", "/scim/v2/Groups", None).await;
        assert_eq!(status, 401);
    }
);
