//! Sign-in, record-level authorization, GraphQL and HTTP hardening, the
//! audit log, and the personal-data rights, on both backends.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{Backend, TestApp, import_examples};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use tacit::domain::Role;

const ISSUER: &str = "https://login.example.test/";
const AUDIENCE: &str = "tacit";

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
}

async fn with_oidc(backend: Backend) -> Option<TestApp> {
    let text = format!(
        "issuer = \"{ISSUER}\"\naudience = \"{AUDIENCE}\"\njwks_file = \"{}\"\nroles_claim = \"groups\"",
        fixture("jwks.json").display()
    );
    let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(&text).expect("oidc config");
    TestApp::spawn_config(backend, |c| c.oidc = Some(oidc)).await
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn claims(email: &str) -> Value {
    json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": format!("sub-{email}"), "email": email,
        "email_verified": true, "groups": ["hr"], "iat": now(), "exp": now() + 600,
    })
}

fn sign(claims: &Value, key_file: &str, alg: Algorithm, kid: Option<&str>) -> String {
    let pem = std::fs::read(fixture(key_file)).expect("key");
    let key = EncodingKey::from_rsa_pem(&pem).expect("rsa key");
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_string);
    encode(&header, claims, &key).expect("sign")
}

fn b64(v: &Value) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
}

const ME: &str = "{ me { person { externalId } roles via } }";

async fn jwt_sign_in(app: TestApp) {
    import_examples(&app).await;
    let good = sign(
        &claims("aoife.byrne@example.org"),
        "issuer.pem",
        Algorithm::RS256,
        Some("test-key-1"),
    );
    let (status, body) = app.gql_as(Some(&good), ME, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["person"]["externalId"], "e1001");
    assert_eq!(body["data"]["me"]["roles"], json!(["EMPLOYEE", "HR"]));
    assert_eq!(body["data"]["me"]["via"], "JWT");

    let mut expired = claims("aoife.byrne@example.org");
    expired["exp"] = json!(now() - 3600);
    let mut wrong_iss = claims("aoife.byrne@example.org");
    wrong_iss["iss"] = json!("https://evil.example/");
    let mut wrong_aud = claims("aoife.byrne@example.org");
    wrong_aud["aud"] = json!("someone-else");
    let nobody = claims("nobody@example.org");
    let mut unverified = claims("aoife.byrne@example.org");
    unverified["email_verified"] = json!(false);
    // An address the provider does not say it verified names nobody either.
    let mut unsaid = claims("aoife.byrne@example.org");
    unsaid.as_object_mut().map(|c| c.remove("email_verified"));
    // Nor does a token without the account's `sub`, which sign-in binds to.
    let mut no_sub = claims("aoife.byrne@example.org");
    no_sub.as_object_mut().map(|c| c.remove("sub"));
    // alg swap: HS256 "signed" with the issuer's public key as the shared secret.
    let public = std::fs::read(fixture("issuer.pub.pem")).expect("public key");
    let hs = encode(
        &Header {
            kid: Some("test-key-1".into()),
            ..Header::new(Algorithm::HS256)
        },
        &claims("aoife.byrne@example.org"),
        &EncodingKey::from_secret(&public).expect("hmac key"),
    )
    .expect("hs256");
    let unsigned = format!(
        "{}.{}.",
        b64(&json!({ "alg": "none", "typ": "JWT", "kid": "test-key-1" })),
        b64(&claims("aoife.byrne@example.org"))
    );
    let refused = [
        (
            "expired",
            sign(&expired, "issuer.pem", Algorithm::RS256, Some("test-key-1")),
        ),
        (
            "wrong issuer",
            sign(
                &wrong_iss,
                "issuer.pem",
                Algorithm::RS256,
                Some("test-key-1"),
            ),
        ),
        (
            "wrong audience",
            sign(
                &wrong_aud,
                "issuer.pem",
                Algorithm::RS256,
                Some("test-key-1"),
            ),
        ),
        (
            "unknown person",
            sign(&nobody, "issuer.pem", Algorithm::RS256, Some("test-key-1")),
        ),
        (
            "someone else's key",
            sign(
                &claims("aoife.byrne@example.org"),
                "attacker.pem",
                Algorithm::RS256,
                Some("test-key-1"),
            ),
        ),
        (
            "unknown key id",
            sign(
                &claims("aoife.byrne@example.org"),
                "issuer.pem",
                Algorithm::RS256,
                Some("other"),
            ),
        ),
        (
            "RS512 not allowed",
            sign(
                &claims("aoife.byrne@example.org"),
                "issuer.pem",
                Algorithm::RS512,
                Some("test-key-1"),
            ),
        ),
        ("alg swap to HS256", hs),
        ("unsigned", unsigned),
        ("garbage", "not.a.token".into()),
        (
            "unverified e-mail",
            sign(
                &unverified,
                "issuer.pem",
                Algorithm::RS256,
                Some("test-key-1"),
            ),
        ),
        (
            "no email_verified claim",
            sign(&unsaid, "issuer.pem", Algorithm::RS256, Some("test-key-1")),
        ),
        (
            "no sub claim",
            sign(&no_sub, "issuer.pem", Algorithm::RS256, Some("test-key-1")),
        ),
        (
            "unknown API token",
            "tacit_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(),
        ),
    ];
    for (what, token) in &refused {
        let (status, body) = app.gql_as(Some(token), ME, json!({})).await;
        assert_eq!(status, 401, "{what}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{what}"
        );
    }
    let (status, _) = app.gql_as(None, ME, json!({})).await;
    assert_eq!(status, 401, "no credential");
    // The refusals left a trace: the first from this address at once, the
    // rest in one summary when the minute is over (H3: a flood is not a
    // flood of audit rows).
    let log = app
        .data("{ auditLog(first: 100) { action outcome } }", json!({}))
        .await;
    let refusals = log["auditLog"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| e["action"] == "sign_in" && e["outcome"] == "denied")
                .count()
        })
        .unwrap_or(0);
    assert!(refused.len() > 1);
    assert_eq!(refusals, 1);
}

/// The keys can also come from a URL (the identity provider's JWKS endpoint).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jwks_from_a_url() {
    let jwks = std::fs::read_to_string(fixture("jwks.json")).expect("jwks");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/keys", listener.local_addr().expect("addr"));
    let idp = axum::Router::new().route("/keys", axum::routing::get(move || async move { jwks }));
    tokio::spawn(async move { axum::serve(listener, idp).await });
    let text = format!("issuer = \"{ISSUER}\"\naudience = \"{AUDIENCE}\"\njwks_url = \"{url}\"");
    let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(&text).expect("oidc config");
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| c.oidc = Some(oidc)).await else {
        return;
    };
    import_examples(&app).await;
    let good = sign(
        &claims("wing.chan@example.org"),
        "issuer.pem",
        Algorithm::RS256,
        Some("test-key-1"),
    );
    let (status, body) = app.gql_as(Some(&good), ME, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["person"]["externalId"], "e2002");
    let forged = sign(
        &claims("wing.chan@example.org"),
        "attacker.pem",
        Algorithm::RS256,
        Some("test-key-1"),
    );
    assert_eq!(app.gql_as(Some(&forged), ME, json!({})).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jwt_sign_in_sqlite() {
    if let Some(app) = with_oidc(Backend::Sqlite).await {
        jwt_sign_in(app).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jwt_sign_in_postgres() {
    if let Some(app) = with_oidc(Backend::Postgres).await {
        jwt_sign_in(app).await;
    }
}

on_both_backends!(api_tokens_revoke_and_expire, |app: TestApp| async move {
    import_examples(&app).await;
    let created = app
        .data(
            "mutation { createApiToken(input: { name: \"HR sync\", role: EMPLOYEE, personId: \"e2002\", scopes: [READ] }) { secret token { id prefix active scopes } } }",
            json!({}),
        )
        .await;
    let secret = created["createApiToken"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let id = created["createApiToken"]["token"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(secret.starts_with("tacit_"));
    assert!(
        secret.starts_with(
            created["createApiToken"]["token"]["prefix"]
                .as_str()
                .unwrap()
        )
    );
    let (status, body) = app.gql_as(Some(&secret), ME, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["me"]["person"]["externalId"], "e2002");
    // A read-only token cannot change anything.
    let (_, body) = app
        .gql_as(Some(&secret), "mutation { updatePerson(input: { id: \"e2002\", title: \"x\" }) { person { title } } }", json!({}))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    // The listing never shows secrets.
    let list = app
        .gql("{ apiTokens { id name prefix lastUsedAt } }", json!({}))
        .await;
    assert!(!list.to_string().contains(&secret));
    app.data(
        "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { active } }",
        json!({ "id": id }),
    )
    .await;
    let (status, _) = app.gql_as(Some(&secret), ME, json!({})).await;
    assert_eq!(status, 401, "a revoked token stops working at once");
    // Employees cannot mint tokens.
    let employee = app.token(Role::Employee, Some("e3003")).await;
    let (_, body) = app
        .gql_as(
            Some(&employee),
            "mutation { createApiToken(input: { name: \"x\", role: ADMIN }) { secret } }",
            json!({}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert!(body["data"].is_null() || body["data"]["createApiToken"].is_null());
});

on_both_backends!(people_edit_only_what_is_theirs, |app: TestApp| async move {
    import_examples(&app).await;
    let jack = app.token(Role::Employee, Some("e3003")).await;
    let hr = app.token(Role::Hr, Some("e0042")).await;
    let code = |body: &Value| {
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let run = |t: String, q: &'static str| {
        let app = &app;
        async move { app.gql_as(Some(&t), q, json!({})).await.1 }
    };
    // Own profile: yes. Someone else's, or HR fields: no.
    let own = run(jack.clone(), "mutation { updatePerson(input: { id: \"e3003\", title: \"Analyst\", discoverable: true }) { person { title } } }").await;
    assert_eq!(
        own["data"]["updatePerson"]["person"]["title"], "Analyst",
        "{own}"
    );
    let other = run(
        jack.clone(),
        "mutation { updatePerson(input: { id: \"e2002\", title: \"x\" }) { person { title } } }",
    )
    .await;
    assert_eq!(code(&other), "FORBIDDEN");
    let status = run(
        jack.clone(),
        "mutation { updatePerson(input: { id: \"e3003\", status: LEAVING }) { person { title } } }",
    )
    .await;
    assert_eq!(code(&status), "FORBIDDEN");
    let by_hr = run(hr.clone(), "mutation { updatePerson(input: { id: \"e3003\", status: LEAVING, leavingOn: \"2027-06-30\" }) { person { status } } }").await;
    assert_eq!(
        by_hr["data"]["updatePerson"]["person"]["status"], "LEAVING",
        "{by_hr}"
    );
    // Skills: own, self-declared only.
    let skill = run(jack.clone(), "mutation { setPersonSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\", level: 2 }) { personSkill { level } } }").await;
    assert_eq!(
        skill["data"]["setPersonSkill"]["personSkill"]["level"], 2,
        "{skill}"
    );
    let claimed = run(jack.clone(), "mutation { setPersonSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\", level: 5, source: HARVESTED }) { personSkill { level } } }").await;
    assert_eq!(code(&claimed), "FORBIDDEN");
    let others = run(jack.clone(), "mutation { setPersonSkill(input: { personId: \"e2002\", skillId: \"s-gdpr\", level: 1 }) { personSkill { level } } }").await;
    assert_eq!(code(&others), "FORBIDDEN");
    // Endorse others as yourself; never yourself, never in someone else's name.
    let endorse = run(jack.clone(), "mutation { endorseSkill(input: { personId: \"e2002\", skillId: \"s-gdpr\" }) { personSkill { endorsements { endorser { externalId } } } } }").await;
    assert_eq!(
        endorse["data"]["endorseSkill"]["personSkill"]["endorsements"][0]["endorser"]["externalId"],
        "e3003",
        "{endorse}"
    );
    let selfie = run(jack.clone(), "mutation { endorseSkill(input: { personId: \"e3003\", skillId: \"s-gdpr\" }) { personSkill { level } } }").await;
    assert_eq!(code(&selfie), "BAD_USER_INPUT");
    let forged = run(jack.clone(), "mutation { endorseSkill(input: { personId: \"e2002\", skillId: \"s-gdpr\", endorserId: \"e0042\" }) { personSkill { level } } }").await;
    assert_eq!(code(&forged), "FORBIDDEN");
    // A leaving date is seen by the person and HR only.
    let q = "{ person(id: \"e1001\") { leavingOn } }";
    assert!(run(jack.clone(), q).await["data"]["person"]["leavingOn"].is_null());
    assert_eq!(
        run(hr.clone(), q).await["data"]["person"]["leavingOn"],
        "2027-01-31"
    );
    let aoife = app.token(Role::Employee, Some("e1001")).await;
    assert_eq!(
        run(aoife.clone(), q).await["data"]["person"]["leavingOn"],
        "2027-01-31"
    );
    // Community curation: the lead (Aoife) yes, others no; anyone may join an open one.
    let edit = "mutation { updateCommunity(input: { id: \"c-rm\", description: \"Records people\" }) { community { description } } }";
    assert_eq!(
        run(aoife.clone(), edit).await["data"]["updateCommunity"]["community"]["description"],
        "Records people"
    );
    assert_eq!(code(&run(jack.clone(), edit).await), "FORBIDDEN");
    let promote = "mutation { addMember(input: { communityId: \"c-rm\", personId: \"e3003\", role: LEAD }) { membership { role } } }";
    assert_eq!(code(&run(jack.clone(), promote).await), "FORBIDDEN");
    let join = run(jack.clone(), "mutation { addMember(input: { communityId: \"c-rm\", personId: \"e3003\" }) { membership { role } } }").await;
    assert_eq!(
        join["data"]["addMember"]["membership"]["role"], "MEMBER",
        "{join}"
    );
    // Evidence: one's own, alone; naming colleagues as co-authors needs HR.
    let solo = run(jack.clone(), "mutation { createEvidence(input: { evidence: { kind: \"answer\", text: \"How to file GDPR requests\", authorIds: [\"e3003\"] } }) { evidence { externalId } } }").await;
    assert!(solo["errors"].is_null(), "{solo}");
    let forged = run(jack.clone(), "mutation { createEvidence(input: { evidence: { kind: \"answer\", text: \"x\", authorIds: [\"e3003\", \"e2002\"] } }) { evidence { externalId } } }").await;
    assert_eq!(code(&forged), "FORBIDDEN");
    let hijack = run(jack.clone(), "mutation { updateEvidence(input: { id: \"d-77\", evidence: { kind: \"document\", text: \"x\", authorIds: [\"e3003\"] } }) { evidence { externalId } } }").await;
    assert_eq!(code(&hijack), "FORBIDDEN");
    let kick = run(jack.clone(), "mutation { removeMember(input: { communityId: \"c-rm\", personId: \"e2002\" }) { personId } }").await;
    assert_eq!(code(&kick), "FORBIDDEN");
    // Refusals are audited.
    let log = app
        .data(
            "{ auditLog(first: 100) { action actor detail } }",
            json!({}),
        )
        .await;
    assert!(
        log["auditLog"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "denied" && e["actor"] == "person:e3003")
    );
});

on_both_backends!(
    opting_out_and_erasure_reach_search_at_once,
    |app: TestApp| async move {
        import_examples(&app).await;
        let search =
            "{ experts(query: \"records retention\", first: 10) { person { externalId } } }";
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let aoife = app.token(Role::Employee, Some("e1001")).await;
        let found = |body: Value| -> Vec<String> {
            body["data"]["experts"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|e| e["person"]["externalId"].as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        let before = found(app.gql_as(Some(&jack), search, json!({})).await.1);
        assert!(before.contains(&"e1001".to_string()), "{before:?}");
        // Aoife opts out herself.
        let (_, body) = app
        .gql_as(Some(&aoife), "mutation { updatePerson(input: { id: \"e1001\", discoverable: false }) { person { discoverable } } }", json!({}))
        .await;
        assert_eq!(
            body["data"]["updatePerson"]["person"]["discoverable"], false,
            "{body}"
        );
        let after = found(app.gql_as(Some(&jack), search, json!({})).await.1);
        assert!(
            !after.contains(&"e1001".to_string()),
            "opt-out is immediate: {after:?}"
        );
        // She is left out of lists and search for colleagues (not for HR or
        // herself); a direct link to her profile still works.
        let profile = "{ person(id: \"e1001\") { name } people(first: 10) { totalCount } }";
        let seen_by_jack = app.gql_as(Some(&jack), profile, json!({})).await.1;
        assert_eq!(seen_by_jack["data"]["person"]["name"], "Aoife Byrne");
        assert_eq!(seen_by_jack["data"]["people"]["totalCount"], 3);
        assert_eq!(
            app.gql_as(Some(&aoife), profile, json!({})).await.1["data"]["person"]["name"],
            "Aoife Byrne"
        );
        assert_eq!(
            app.data(profile, json!({})).await["people"]["totalCount"],
            4
        );
        // Her data export has everything about her, and is audited.
        let mine = app.gql_as(Some(&aoife), "{ myData }", json!({})).await.1;
        let data = &mine["data"]["myData"];
        assert_eq!(data["person"]["id"], "e1001", "{mine}");
        assert_eq!(data["skills"].as_array().map(Vec::len), Some(2));
        assert_eq!(data["memberships"].as_array().map(Vec::len), Some(1));
        assert_eq!(data["evidence"].as_array().map(Vec::len), Some(1));

        // Wing is erased by an admin: gone from the store, the graph and search.
        let wing_search = "{ experts(query: \"GDPR\", first: 10) { person { externalId } } }";
        assert!(
            found(app.gql_as(Some(&jack), wing_search, json!({})).await.1)
                .contains(&"e2002".to_string())
        );
        let erased = app
        .data("mutation { erasePerson(input: { personId: \"e2002\", reason: \"request REF-1\" }) { skills memberships credentials } }", json!({}))
        .await;
        assert_eq!(erased["erasePerson"]["skills"], 1);
        assert_eq!(erased["erasePerson"]["memberships"], 1);
        assert!(
            !found(app.gql_as(Some(&jack), wing_search, json!({})).await.1)
                .contains(&"e2002".to_string())
        );
        assert!(
            app.data("{ person(id: \"e2002\") { name } }", json!({}))
                .await["person"]
                .is_null()
        );
        let members = app
            .data(
                "{ community(id: \"c-rm\") { members { person { externalId } } } }",
                json!({}),
            )
            .await;
        assert!(!members.to_string().contains("e2002"));
        let log = app
            .data(
                "{ auditLog(first: 50) { action target detail } }",
                json!({}),
            )
            .await;
        let entries = log["auditLog"].as_array().unwrap();
        assert!(entries.iter().any(|e| e["action"] == "person.erase"
            && e["target"] == "person:e2002"
            && e["detail"]["reason"] == "request REF-1"));
        assert!(
            entries
                .iter()
                .any(|e| e["action"] == "person.export" && e["target"] == "person:e1001")
        );
        // Only admins erase.
        let (_, body) = app
        .gql_as(Some(&jack), "mutation { erasePerson(input: { personId: \"e0042\", reason: \"x\" }) { skills } }", json!({}))
        .await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    }
);

async fn raw_sql(app: &TestApp, statements: &[&str]) {
    use sqlx::{Connection, Executor};
    if app.database_url.starts_with("sqlite") {
        let mut c = sqlx::SqliteConnection::connect(&app.database_url)
            .await
            .expect("connect");
        for s in statements {
            c.execute(sqlx::AssertSqlSafe(s.to_string()))
                .await
                .expect("tamper");
        }
    } else {
        let mut c = sqlx::PgConnection::connect(&app.database_url)
            .await
            .expect("connect");
        for s in statements {
            c.execute(sqlx::AssertSqlSafe(s.to_string()))
                .await
                .expect("tamper");
        }
    }
}

fn verify(app: &TestApp) -> (bool, String) {
    let out = app
        .cli()
        .args(["audit", "verify"])
        .output()
        .expect("run tacit audit verify");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

on_both_backends!(audit_tampering_is_detected, |app: TestApp| async move {
    import_examples(&app).await;
    for role in ["HR", "ADMIN"] {
        app.data(&format!("mutation {{ grantRole(input: {{ personId: \"e0042\", role: {role} }}) {{ changed }} }}"), json!({}))
            .await;
    }
    app.data(
        "mutation { revokeRole(input: { personId: \"e0042\", role: ADMIN }) { changed } }",
        json!({}),
    )
    .await;
    let chain = app
        .data("{ auditChain { ok checked headSeq } }", json!({}))
        .await;
    assert_eq!(chain["auditChain"]["ok"], true, "{chain}");
    let (ok, text) = verify(&app);
    assert!(ok, "{text}");
    // The log refuses changes through the database's own rules...
    let (pg, trigger) = if app.database_url.starts_with("sqlite") {
        (false, "DROP TRIGGER audit_log_no_update")
    } else {
        (true, "DROP TRIGGER audit_log_no_change ON audit_log")
    };
    {
        use sqlx::{Connection, Executor};
        let update = "UPDATE audit_log SET outcome = 'denied' WHERE seq = 2";
        let refused = if pg {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            c.execute(update).await.is_err()
        } else {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            c.execute(update).await.is_err()
        };
        assert!(refused, "the audit log is append-only");
    }
    // ...and someone who removes them is caught by verification.
    raw_sql(
        &app,
        &[
            trigger,
            "UPDATE audit_log SET detail = '{\"role\":\"employee\"}' WHERE seq = 2",
        ],
    )
    .await;
    let (ok, text) = verify(&app);
    assert!(!ok && text.contains("entry 2"), "{text}");
    let chain = app
        .data("{ auditChain { ok firstBroken reason } }", json!({}))
        .await;
    assert_eq!(chain["auditChain"]["firstBroken"], 2, "{chain}");
    // Rewriting the hash too breaks the next link.
    raw_sql(
        &app,
        &["UPDATE audit_log SET hash = 'f' || substr(hash, 2) WHERE seq = 2"],
    )
    .await;
    let (ok, text) = verify(&app);
    assert!(!ok && text.contains("BROKEN"), "{text}");
});

on_both_backends!(
    audit_removal_from_the_end_is_detected,
    |app: TestApp| async move {
        import_examples(&app).await;
        app.data(
            "mutation { grantRole(input: { personId: \"e0042\", role: HR }) { changed } }",
            json!({}),
        )
        .await;
        // The head cannot be rewound to hide a cut.
        {
            use sqlx::{Connection, Executor};
            let rewind = "UPDATE audit_head SET seq = seq - 1";
            let refused = if app.database_url.starts_with("sqlite") {
                let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                    .await
                    .unwrap();
                c.execute(rewind).await.is_err()
            } else {
                let mut c = sqlx::PgConnection::connect(&app.database_url)
                    .await
                    .unwrap();
                c.execute(rewind).await.is_err()
            };
            assert!(refused, "the head only moves forward");
        }
        let trigger = if app.database_url.starts_with("sqlite") {
            "DROP TRIGGER audit_log_no_delete"
        } else {
            "DROP TRIGGER audit_log_no_change ON audit_log"
        };
        raw_sql(
            &app,
            &[
                trigger,
                "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
            ],
        )
        .await;
        let (ok, text) = verify(&app);
        assert!(!ok, "{text}");
    }
);
