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

on_both_backends!(jwt_sign_in_on, with with_oidc, jwt_sign_in);

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
        // She is left out of lists, lookups and search for colleagues (not
        // for HR or herself).
        let profile = "{ person(id: \"e1001\") { name } people(first: 10) { totalCount } }";
        let seen_by_jack = app.gql_as(Some(&jack), profile, json!({})).await.1;
        assert!(seen_by_jack["data"]["person"].is_null(), "{seen_by_jack}");
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

on_both_backends!(
    low_left_and_opted_out_people_are_absent_for_colleagues,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let wing = app.token(Role::Employee, Some("e2002")).await;
        // Wing opts out; Aoife leaves (HR records it).
        app.gql_as(Some(&wing), "mutation { updatePerson(input: { id: \"e2002\", discoverable: false }) { person { id } } }", json!({}))
            .await;
        let left = app
            .data("mutation { updatePerson(input: { id: \"e1001\", status: LEFT }) { person { status } } }", json!({}))
            .await;
        assert_eq!(left["updatePerson"]["person"]["status"], "LEFT");
        let node_of = |id: &str| {
            let global =
                tacit::api::graphql::ids::encode(tacit::api::graphql::ids::Kind::Person, id);
            format!("{{ node(id: \"{}\") {{ id }} }}", global.0)
        };
        let look = r#"{
            wing: person(id: "e2002") { name }
            aoife: person(id: "e1001") { name }
            everyone: people(first: 10) { nodes { externalId } }
            gone: people(first: 10, filter: { status: LEFT }) { nodes { externalId } }
            community(id: "c-rm") { memberCount members { person { externalId } } }
            skill(name: "Records retention") { holders { person { externalId } } }
            gdpr: skill(name: "GDPR") { holders { person { externalId } } }
        }"#;
        let ids = |v: &Value, path: &[&str]| -> Vec<String> {
            let mut at = v;
            for p in path {
                at = &at[*p];
            }
            at.as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            let x = if x["person"].is_object() {
                                &x["person"]
                            } else {
                                x
                            };
                            x["externalId"].as_str().unwrap_or("").to_string()
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        // A colleague sees neither of them anywhere.
        let seen = app.gql_as(Some(&jack), look, json!({})).await.1;
        let d = &seen["data"];
        assert!(d["wing"].is_null() && d["aoife"].is_null(), "{seen}");
        assert_eq!(
            sorted(ids(d, &["everyone", "nodes"])),
            ["e0042", "e3003"],
            "{seen}"
        );
        assert!(ids(d, &["gone", "nodes"]).is_empty(), "{seen}");
        assert!(ids(d, &["community", "members"]).is_empty(), "{seen}");
        assert_eq!(d["community"]["memberCount"], 2);
        assert!(ids(d, &["skill", "holders"]).is_empty(), "{seen}");
        assert!(ids(d, &["gdpr", "holders"]).is_empty(), "{seen}");
        for id in ["e1001", "e2002"] {
            let n = app.gql_as(Some(&jack), &node_of(id), json!({})).await.1;
            assert!(n["data"]["node"].is_null(), "{n}");
        }
        // Wing still sees herself, in the community and among the holders.
        let own = app.gql_as(Some(&wing), look, json!({})).await.1;
        let d = &own["data"];
        assert_eq!(d["wing"]["name"], "Wing Chan", "{own}");
        assert_eq!(ids(d, &["community", "members"]), ["e2002"]);
        assert_eq!(ids(d, &["gdpr", "holders"]), ["e2002"]);
        let n = app
            .gql_as(Some(&wing), &node_of("e2002"), json!({}))
            .await
            .1;
        assert!(n["data"]["node"]["id"].is_string(), "{n}");
        // HR sees both; people who left are listed only when asked for.
        let hr = app.data(look, json!({})).await;
        assert_eq!(hr["aoife"]["name"], "Aoife Byrne");
        assert_eq!(
            sorted(ids(&hr, &["everyone", "nodes"])),
            ["e0042", "e2002", "e3003"]
        );
        assert_eq!(ids(&hr, &["gone", "nodes"]), ["e1001"]);
        assert_eq!(
            sorted(ids(&hr, &["community", "members"])),
            ["e1001", "e2002"]
        );
        // Found in review: evidence authors, invitations and a community's
        // leaving members named them too.
        let authors = app
            .gql_as(
                Some(&jack),
                "{ evidence(first: 10) { nodes { externalId authors { externalId } } } }",
                json!({}),
            )
            .await
            .1;
        assert!(!authors.to_string().contains("e1001"), "{authors}");
        app.data("mutation { addMember(input: { communityId: \"c-rm\", personId: \"e3003\", role: LEAD }) { invitation { id } } }", json!({}))
            .await;
        common::accept_invitations(&app, "e3003").await;
        let invite = "mutation { addMember(input: { communityId: \"c-rm\", personId: \"e2002\" }) { invitation { person { email } } } }";
        app.data("mutation { removeMember(input: { communityId: \"c-rm\", personId: \"e2002\" }) { personId } }", json!({}))
            .await;
        assert_eq!(app.error_as(&jack, invite, json!({})).await.0, "NOT_FOUND");
        app.data("mutation { updatePerson(input: { id: \"e2002\", status: LEAVING, leavingOn: \"2027-03-01\" }) { person { id } } }", json!({}))
            .await;
        // HR invites her back; she accepts (HR still sees her, leaving).
        app.data("mutation { addMember(input: { communityId: \"c-rm\", personId: \"e2002\" }) { invitation { id } } }", json!({}))
            .await;
        common::accept_invitations(&app, "e2002").await;
        let health = "{ community(id: \"c-rm\") { health { memberCount leavingMembers { person { externalId } } } } }";
        let seen = app.gql_as(Some(&jack), health, json!({})).await.1;
        let h = &seen["data"]["community"]["health"];
        assert_eq!(h["leavingMembers"], json!([]), "{seen}");
        let hr = app.data(health, json!({})).await;
        assert_eq!(
            hr["community"]["health"]["leavingMembers"][0]["person"]["externalId"], "e2002",
            "{hr}"
        );
    }
);

on_both_backends!(
    low_erasure_forgets_who_proposed_invited_decided_and_issued,
    |app: TestApp| async move {
        import_examples(&app).await;
        // Jack, an admin, proposes a community, invites Siobhan, declines
        // Wing's request, grants a role and issues a token; then he is erased.
        let jack = app.token(Role::Admin, Some("e3003")).await;
        let wing = app.token(Role::Employee, Some("e2002")).await;
        app.data_as(&jack, "mutation { createCommunity(input: { externalId: \"c-j\", name: \"Jack's circle\", visibility: CLOSED }) { community { id } } }", json!({}))
            .await;
        let invited = app
            .data_as(&jack, "mutation { addMember(input: { communityId: \"c-j\", personId: \"e0042\" }) { invitation { id } } }", json!({}))
            .await;
        let invitation = invited["addMember"]["invitation"]["id"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let asked = app
            .data_as(
                &wing,
                "mutation { joinCommunity(input: { communityId: \"c-j\" }) { request { id } } }",
                json!({}),
            )
            .await;
        let request = asked["joinCommunity"]["request"]["id"]
            .as_str()
            .unwrap_or("")
            .to_string();
        app.data_as(&jack, "mutation($id: ID!) { decideJoinRequest(input: { requestId: $id, approve: false, reason: \"full\" }) { request { status } } }", json!({ "id": request }))
            .await;
        app.data_as(
            &jack,
            "mutation { grantRole(input: { personId: \"e0042\", role: HR }) { changed } }",
            json!({}),
        )
        .await;
        app.data_as(&jack, "mutation { createApiToken(input: { name: \"sync\", role: EMPLOYEE, personId: \"e2002\", scopes: [READ] }) { secret } }", json!({}))
            .await;
        let stored = |ids: Vec<String>| {
            let store = app.store.clone();
            async move { store.join_requests_by_ids(&ids).await.expect("requests") }
        };
        let before = stored(vec![invitation.clone(), request.clone()]).await;
        assert!(
            before
                .iter()
                .all(|r| r.invited_by.is_some() || r.decided_by.is_some())
        );

        app.data("mutation { erasePerson(input: { personId: \"e3003\", reason: \"request REF-4\" }) { skills } }", json!({}))
            .await;
        let c = app
            .store
            .communities_by_ids(&["c-j".to_string()])
            .await
            .expect("community");
        assert_eq!(c[0].proposed_by, None);
        for r in stored(vec![invitation, request]).await {
            assert_eq!((r.invited_by, r.decided_by), (None, None), "{}", r.id);
        }
        let tokens = app.store.api_tokens().await.expect("tokens");
        assert!(
            tokens
                .iter()
                .all(|t| t.created_by.as_deref() != Some("person:e3003")),
            "{tokens:?}"
        );
    }
);

on_both_backends!(
    rest_refusals_are_audited_like_graphql_ones,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        // A refused GraphQL field, then the REST calls an employee may not make.
        let (_, body) = app
            .gql_as(Some(&jack), "{ auditLog(first: 1) { seq } }", json!({}))
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{body}"
        );
        let metrics = app
            .anon
            .get(format!("{}/metrics", app.base))
            .bearer_auth(&jack)
            .send()
            .await
            .expect("get");
        assert_eq!(metrics.status().as_u16(), 403);
        let import = app
            .anon
            .get(format!("{}/api/imports/0000000000000000", app.base))
            .bearer_auth(&jack)
            .send()
            .await
            .expect("get");
        assert_eq!(import.status().as_u16(), 403);
        let body: Value = import.json().await.expect("json error");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{body}"
        );

        let log = app
            .data(
                "{ auditLog(first: 20) { action actor outcome detail } }",
                json!({}),
            )
            .await;
        let denied: Vec<Value> = log["auditLog"]
            .as_array()
            .expect("log")
            .iter()
            .filter(|e| e["action"] == "denied" && e["actor"] == "person:e3003")
            .map(|e| {
                assert_eq!(e["outcome"], "denied", "{e}");
                match &e["detail"] {
                    Value::String(s) => serde_json::from_str(s).expect("detail is JSON"),
                    d => d.clone(),
                }
            })
            .collect();
        let shape = |d: &Value| {
            let mut keys: Vec<&String> = d.as_object().expect("object").keys().collect();
            keys.sort();
            keys.into_iter().cloned().collect::<Vec<_>>()
        };
        let named = |action: &str| {
            denied
                .iter()
                .find(|d| d["actions"] == json!([action]))
                .unwrap_or_else(|| panic!("no refusal of {action} in {denied:#?}"))
        };
        let field = named("QueryRoot.auditLog");
        for action in ["metrics.read", "import.run"] {
            let rest = named(action);
            assert_eq!(shape(rest), shape(field), "{rest} vs {field}");
            assert_eq!(rest["refusals"], 1);
            assert_eq!(rest["via"], "TOKEN");
        }
        assert_eq!(
            denied.len(),
            3,
            "one entry per refused request: {denied:#?}"
        );
    }
);
