//! The browser sign-in through an identity provider (authorization code flow
//! with PKCE), step by step over HTTP against a fake provider started in the
//! test, on both backends (the session is stored in the database).

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{Backend, TestApp, import_examples};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const CLIENT_ID: &str = "tacit-web";
const CLIENT_SECRET: &str = "s3cret:with/odd chars";
const API_AUDIENCE: &str = "tacit-api";
/// The address people reach Tacit at, as registered with the provider.
const REDIRECT_URL: &str = "http://localhost:8080/auth/oidc/callback";
const ME: &str = "{ me { person { externalId } roles via } }";

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A code the provider has issued: what its ID token will say, and what the
/// token request must match.
struct Grant {
    claims: Value,
    key_file: &'static str,
    challenge: String,
    redirect_uri: String,
}

#[derive(Default)]
struct IdpState {
    grants: HashMap<String, Grant>,
    /// Answer every token request with this status instead.
    token_status: Option<u16>,
    /// The token requests received: the form and the Authorization header.
    token_requests: Vec<(HashMap<String, String>, Option<String>)>,
}

/// A fake identity provider on 127.0.0.1: discovery, JWKS and token
/// endpoints. The person's visit to its sign-in page is [`Idp::approve`].
#[derive(Clone)]
struct Idp {
    issuer: String,
    state: Arc<Mutex<IdpState>>,
}

impl Idp {
    async fn start() -> Idp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let issuer = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(IdpState::default()));
        let jwks = std::fs::read_to_string(fixture("jwks.json")).expect("jwks");
        let discovery = json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{issuer}/authorize"),
            "token_endpoint": format!("{issuer}/token"),
            "jwks_uri": format!("{issuer}/keys"),
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        });
        let router = axum::Router::new()
            .route(
                "/.well-known/openid-configuration",
                axum::routing::get(move || async move { axum::Json(discovery) }),
            )
            .route("/keys", axum::routing::get(move || async move { jwks }))
            .route("/token", axum::routing::post(token))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Idp { issuer, state }
    }

    /// `[auth.oidc]` for a Tacit that signs people in through this provider.
    fn config(&self) -> tacit::auth::jwt::OidcConfig {
        let text = format!(
            "issuer = \"{}\"\naudience = \"{API_AUDIENCE}\"\nroles_claim = \"groups\"\n\
             client_id = \"{CLIENT_ID}\"\nclient_secret = \"{CLIENT_SECRET}\"\n\
             redirect_url = \"{REDIRECT_URL}\"\nprovider_name = \"Example SSO\"",
            self.issuer
        );
        toml::from_str(&text).expect("oidc config")
    }

    /// What a good ID token for `email` says, for the authorization request `req`.
    fn claims(&self, req: &HashMap<String, String>, email: &str) -> Value {
        json!({
            "iss": self.issuer, "aud": req["client_id"], "sub": format!("sub-{email}"),
            "email": email, "email_verified": true, "nonce": req["nonce"],
            "groups": ["hr"], "iat": now(), "exp": now() + 300,
        })
    }

    /// The person signs in at the provider, which issues a code whose ID
    /// token holds `claims`, signed with `key_file`.
    fn approve_with(
        &self,
        req: &HashMap<String, String>,
        claims: Value,
        key_file: &'static str,
    ) -> String {
        let code = format!("code-{:016x}", rand::random::<u64>());
        let grant = Grant {
            claims,
            key_file,
            challenge: req["code_challenge"].clone(),
            redirect_uri: req["redirect_uri"].clone(),
        };
        self.state
            .lock()
            .expect("idp state")
            .grants
            .insert(code.clone(), grant);
        code
    }

    fn approve(&self, req: &HashMap<String, String>, email: &str) -> String {
        self.approve_with(req, self.claims(req, email), "issuer.pem")
    }

    fn token_requests(&self) -> Vec<(HashMap<String, String>, Option<String>)> {
        self.state.lock().expect("idp state").token_requests.clone()
    }

    fn fail_token_requests(&self, status: u16) {
        self.state.lock().expect("idp state").token_status = Some(status);
    }
}

/// The token endpoint: client authentication, a code used once, the same
/// redirect URI, and the PKCE verifier matching the challenge.
async fn token(
    State(state): State<Arc<Mutex<IdpState>>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> axum::response::Response {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut idp = state.lock().expect("idp state");
    idp.token_requests.push((form.clone(), auth.clone()));
    if let Some(status) = idp.token_status {
        let status = StatusCode::from_u16(status).expect("status");
        return (
            status,
            axum::Json(json!({ "error": "temporarily_unavailable" })),
        )
            .into_response();
    }
    let refuse = |error: &str| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({ "error": error })),
        )
            .into_response()
    };
    let expected = format!(
        "Basic {}",
        STANDARD.encode("tacit-web:s3cret%3Awith%2Fodd+chars")
    );
    if auth.as_deref() != Some(expected.as_str()) {
        return refuse("invalid_client");
    }
    if form.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return refuse("unsupported_grant_type");
    }
    let Some(grant) = form.get("code").and_then(|c| idp.grants.remove(c)) else {
        return refuse("invalid_grant");
    };
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if challenge != grant.challenge || form.get("redirect_uri") != Some(&grant.redirect_uri) {
        return refuse("invalid_grant");
    }
    let pem = std::fs::read(fixture(grant.key_file)).expect("key");
    let key = EncodingKey::from_rsa_pem(&pem).expect("rsa key");
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("test-key-1".into());
    let id_token = encode(&header, &grant.claims, &key).expect("sign");
    axum::Json(json!({
        "access_token": "an-access-token", "token_type": "Bearer",
        "expires_in": 300, "id_token": id_token,
    }))
    .into_response()
}

/// A browser that does not follow redirects, so each step can be checked.
struct Browser {
    client: reqwest::Client,
    base: String,
    cookies: HashMap<String, String>,
}

/// One answer: status, Location and the raw Set-Cookie lines.
struct Answer {
    status: u16,
    location: String,
    set_cookies: Vec<String>,
}

impl Answer {
    fn set_cookie(&self, name: &str) -> Option<&str> {
        self.set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(String::as_str)
    }
}

impl Browser {
    fn new(app: &TestApp) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: app.base.clone(),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn get(&mut self, path: &str) -> Answer {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("request");
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let set_cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        for line in &set_cookies {
            let pair = line.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || line.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.into(), value.into());
                }
            }
        }
        Answer {
            status: res.status().as_u16(),
            location,
            set_cookies,
        }
    }

    /// Starts a sign-in; returns the authorization request's parameters.
    async fn start(&mut self, next: &str) -> HashMap<String, String> {
        let query = url_query(&[("next", next)]);
        let answer = self.get(&format!("/auth/oidc/login?{query}")).await;
        assert_eq!(answer.status, 303, "login redirects to the provider");
        let url = reqwest::Url::parse(&answer.location).expect("an absolute URL");
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The provider sends the browser back with `code` and `state`.
    async fn callback(&mut self, code: &str, state: &str) -> Answer {
        let query = url_query(&[("code", code), ("state", state)]);
        self.get(&format!("/auth/oidc/callback?{query}")).await
    }

    /// `/auth/me` with this browser's cookies.
    async fn me(&mut self) -> (u16, Value) {
        let res = self
            .client
            .get(format!("{}/auth/me", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("request");
        (
            res.status().as_u16(),
            res.json().await.unwrap_or(Value::Null),
        )
    }

    async fn graphql(&self, query: &str) -> (u16, Value) {
        let res = self
            .client
            .post(format!("{}/graphql", self.base))
            .header("cookie", self.cookie_header())
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("request");
        (
            res.status().as_u16(),
            res.json().await.unwrap_or(Value::Null),
        )
    }
}

fn url_query(pairs: &[(&str, &str)]) -> String {
    let mut url = reqwest::Url::parse("http://x/").expect("url");
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_string()
}

/// Where a refused sign-in sends the browser, with the short reason.
fn signin_error(answer: &Answer) -> String {
    assert_eq!(
        answer.status, 303,
        "a refusal is a redirect, never an error page"
    );
    let url = reqwest::Url::parse(&format!("http://x{}", answer.location)).expect("location");
    assert_eq!(url.path(), "/signin", "{}", answer.location);
    url.query_pairs()
        .find(|(k, _)| k == "error")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// A provider and a Tacit that signs people in through it, with the
/// examples of FORMATS.md and someone who has left.
async fn setup(backend: Backend) -> Option<(TestApp, Idp)> {
    let idp = Idp::start().await;
    let config = idp.config();
    let app = TestApp::spawn_config(backend, |c| c.oidc = Some(config)).await?;
    import_examples(&app).await;
    let left = r#"{"id": "e9009", "name": "Gone Person", "email": "gone@example.org", "status": "left"}
"#;
    let report = app.import_jsonl(&[("people.jsonl", left)]).await;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    Some((app, idp))
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String, Value)> {
    let log = app
        .data(
            "{ auditLog(first: 100) { action outcome actor detail } }",
            json!({}),
        )
        .await;
    log["auditLog"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let detail = e["detail"]
                        .as_str()
                        .and_then(|d| serde_json::from_str(d).ok())
                        .unwrap_or_else(|| e["detail"].clone());
                    (
                        e["action"].as_str().unwrap_or_default().to_string(),
                        format!("{} {}", e["outcome"], e["actor"]),
                        detail,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What `/auth/config` tells the web app.
async fn auth_config(app: &TestApp) -> Value {
    app.anon
        .get(format!("{}/auth/config", app.base))
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("json")
}

async fn signs_in_through_the_provider(app: TestApp, idp: Idp) {
    let config = auth_config(&app).await;
    assert_eq!(
        config,
        json!({ "devAuth": false, "oidc": { "enabled": true, "loginUrl": "/auth/oidc/login", "providerName": "Example SSO" } })
    );

    let mut browser = Browser::new(&app);
    let login = browser
        .get("/auth/oidc/login?next=%2Fpeople%2Fe1001%3Ftab%3Dskills")
        .await;
    assert_eq!(login.status, 303);
    assert!(
        login
            .location
            .starts_with(&format!("{}/authorize?", idp.issuer)),
        "{}",
        login.location
    );
    let flow_cookie = login.set_cookie("tacit_oidc").expect("a sign-in record");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/auth/oidc", "Max-Age=600"] {
        assert!(flow_cookie.contains(attribute), "{flow_cookie}");
    }
    let req: HashMap<String, String> = reqwest::Url::parse(&login.location)
        .expect("url")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(req["response_type"], "code");
    assert_eq!(req["client_id"], CLIENT_ID);
    assert_eq!(req["redirect_uri"], REDIRECT_URL);
    assert_eq!(req["scope"], "openid email profile");
    assert_eq!(req["code_challenge_method"], "S256");
    assert_eq!(req["code_challenge"].len(), 43);
    assert!(req["state"].len() >= 43 && req["nonce"].len() >= 43);
    assert_ne!(req["state"], req["nonce"]);
    // The verifier stays on the server's side of the browser: not in the URL.
    assert!(!login.location.contains("code_verifier"));
    // A second sign-in gets fresh values.
    let other = Browser::new(&app).start("/").await;
    assert_ne!(other["state"], req["state"]);
    assert_ne!(other["code_challenge"], req["code_challenge"]);

    let code = idp.approve(&req, "Aoife.Byrne@example.org");
    let done = browser.callback(&code, &req["state"]).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location, "/people/e1001?tab=skills");
    let session = done.set_cookie("tacit_session").expect("a session");
    // HR from the provider's claim: the session is short, so a role the
    // provider takes away ends within the hour (`elevated_session_minutes`).
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=3600"] {
        assert!(session.contains(attribute), "{session}");
    }
    assert!(
        done.set_cookie("tacit_oidc")
            .is_some_and(|c| c.contains("Max-Age=0")),
        "the sign-in record is cleared"
    );
    assert!(!browser.cookies.contains_key("tacit_oidc"));
    // Nothing from the provider reaches the browser.
    assert!(done.set_cookies.iter().all(|c| !c.contains("eyJ")));

    // The token request: the code, the verifier and the client's secret.
    let requests = idp.token_requests();
    assert_eq!(requests.len(), 1);
    let (form, _) = &requests[0];
    assert_eq!(form["code"], code);
    assert_eq!(form["redirect_uri"], REDIRECT_URL);
    assert_eq!(form["code_verifier"].len(), 43);
    assert!(
        !form.contains_key("client_secret"),
        "the secret goes in Basic"
    );

    let (status, me) = browser.me().await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["person"]["externalId"], "e1001");
    assert_eq!(me["roles"], json!(["EMPLOYEE", "HR"]));
    assert_eq!(me["via"], "SESSION");
    assert_eq!(me["dev"], false);
    let (status, body) = browser.graphql(ME).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["person"]["externalId"], "e1001");
    assert_eq!(body["data"]["me"]["roles"], json!(["EMPLOYEE", "HR"]));

    let log = audit_actions(&app).await;
    let sign_in = log
        .iter()
        .find(|(action, _, _)| action == "sign_in.oidc")
        .expect("the sign-in is audited");
    assert!(sign_in.1.contains("person:e1001"), "{sign_in:?}");
    assert_eq!(sign_in.2["role"], "hr", "{sign_in:?}");
    assert_eq!(sign_in.2["minutes"], 60, "{sign_in:?}");

    // Without a role in the claim, the session lasts the working day.
    let mut employee = Browser::new(&app);
    let req = employee.start("/").await;
    let mut claims = idp.claims(&req, "wing.chan@example.org");
    claims["groups"] = json!([]);
    let code = idp.approve_with(&req, claims, "issuer.pem");
    let done = employee.callback(&code, &req["state"]).await;
    assert_eq!(done.status, 303, "{:?}", done.location);
    let session = done.set_cookie("tacit_session").expect("a session");
    assert!(session.contains("Max-Age=43200"), "{session}");

    // Signing out ends the session.
    let cookie = browser.cookie_header();
    let out = app
        .anon
        .post(format!("{}/auth/signout", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sign out");
    assert_eq!(out.status().as_u16(), 204);
    assert_eq!(browser.me().await.0, 401);
}
on_both_backends!(signs_in, with setup, |(app, idp)| signs_in_through_the_provider(app, idp));

async fn wrong_or_missing_state_is_refused(app: TestApp, idp: Idp) {
    let mut browser = Browser::new(&app);
    let req = browser.start("/skills").await;
    let code = idp.approve(&req, "wing.chan@example.org");
    let answer = browser.callback(&code, "not-the-state").await;
    assert_eq!(signin_error(&answer), "state");
    assert!(
        answer.location.contains("next=%2Fskills"),
        "{}",
        answer.location
    );
    assert_eq!(browser.me().await.0, 401);
    assert!(idp.token_requests().is_empty(), "no code is exchanged");

    // Another browser (no record of this sign-in) brings the right state.
    let mut elsewhere = Browser::new(&app);
    let req = browser.start("/").await;
    let code = idp.approve(&req, "wing.chan@example.org");
    assert_eq!(
        signin_error(&elsewhere.callback(&code, &req["state"]).await),
        "state"
    );
    // A forged record is no record.
    let genuine = browser.cookies["tacit_oidc"].clone();
    let unsigned = genuine.rsplit_once('.').map_or("", |(body, _)| body);
    elsewhere
        .cookies
        .insert("tacit_oidc".into(), format!("{unsigned}.AAAA"));
    assert_eq!(
        signin_error(&elsewhere.callback(&code, &req["state"]).await),
        "state"
    );
    assert!(idp.token_requests().is_empty());
    let log = audit_actions(&app).await;
    assert!(
        log.iter()
            .any(|(a, o, d)| a == "sign_in" && o.starts_with("\"denied\"") && d["via"] == "oidc"),
        "{log:?}"
    );
}
on_both_backends!(wrong_state, with setup, |(app, idp)| wrong_or_missing_state_is_refused(app, idp));

async fn replayed_state_is_refused(app: TestApp, idp: Idp) {
    let mut browser = Browser::new(&app);
    let req = browser.start("/").await;
    let record = browser.cookies["tacit_oidc"].clone();
    let code = idp.approve(&req, "wing.chan@example.org");
    assert_eq!(browser.callback(&code, &req["state"]).await.location, "/");

    // The same record and state again, even with a fresh code from the provider.
    let mut replay = Browser::new(&app);
    replay.cookies.insert("tacit_oidc".into(), record);
    let again = idp.approve(&req, "wing.chan@example.org");
    let answer = replay.callback(&again, &req["state"]).await;
    assert_eq!(signin_error(&answer), "state");
    assert!(!replay.cookies.contains_key("tacit_session"));
    assert_eq!(
        idp.token_requests().len(),
        1,
        "the replay never reaches the provider"
    );
}
on_both_backends!(replayed_state, with setup, |(app, idp)| replayed_state_is_refused(app, idp));

async fn bad_id_tokens_are_refused(app: TestApp, idp: Idp) {
    type Tweak = fn(&mut Value);
    let cases: [(&str, Tweak, &'static str); 7] = [
        (
            "nonce mismatch",
            |c| c["nonce"] = json!("another-nonce"),
            "issuer.pem",
        ),
        (
            "no nonce",
            |c| {
                if let Some(o) = c.as_object_mut() {
                    o.remove("nonce");
                }
            },
            "issuer.pem",
        ),
        ("expired", |c| c["exp"] = json!(now() - 3600), "issuer.pem"),
        (
            "wrong audience",
            |c| c["aud"] = json!("someone-else"),
            "issuer.pem",
        ),
        (
            "wrong issuer",
            |c| c["iss"] = json!("https://evil.example/"),
            "issuer.pem",
        ),
        (
            "issued to another client",
            |c| c["azp"] = json!("other-client"),
            "issuer.pem",
        ),
        ("signed by someone else", |_| {}, "attacker.pem"),
    ];
    for (what, tweak, key) in cases {
        let mut browser = Browser::new(&app);
        let req = browser.start("/").await;
        let mut claims = idp.claims(&req, "wing.chan@example.org");
        tweak(&mut claims);
        let code = idp.approve_with(&req, claims, key);
        let answer = browser.callback(&code, &req["state"]).await;
        assert_eq!(signin_error(&answer), "token", "{what}");
        assert!(answer.set_cookie("tacit_session").is_none(), "{what}");
        assert_eq!(browser.me().await.0, 401, "{what}");
    }
    // The API's audience is accepted too (some providers issue ID tokens so).
    let mut browser = Browser::new(&app);
    let req = browser.start("/").await;
    let mut claims = idp.claims(&req, "wing.chan@example.org");
    claims["aud"] = json!(API_AUDIENCE);
    let code = idp.approve_with(&req, claims, "issuer.pem");
    assert_eq!(browser.callback(&code, &req["state"]).await.location, "/");
    let refusals = audit_actions(&app)
        .await
        .into_iter()
        .filter(|(a, _, d)| a == "sign_in" && d["via"] == "oidc")
        .count();
    assert_eq!(refusals, cases.len(), "every refusal is audited");
}
on_both_backends!(bad_id_tokens, with setup, |(app, idp)| bad_id_tokens_are_refused(app, idp));

async fn unknown_and_departed_people_are_refused(app: TestApp, idp: Idp) {
    for (email, code) in [
        ("nobody@example.org", "unknown_person"),
        ("gone@example.org", "left"),
    ] {
        let mut browser = Browser::new(&app);
        let req = browser.start("/").await;
        let grant = idp.approve(&req, email);
        let answer = browser.callback(&grant, &req["state"]).await;
        assert_eq!(signin_error(&answer), code, "{email}");
        assert!(answer.set_cookie("tacit_session").is_none());
    }
    // An address the provider has not verified names nobody.
    let mut browser = Browser::new(&app);
    let req = browser.start("/").await;
    let mut claims = idp.claims(&req, "wing.chan@example.org");
    claims["email_verified"] = json!(false);
    let grant = idp.approve_with(&req, claims, "issuer.pem");
    assert_eq!(
        signin_error(&browser.callback(&grant, &req["state"]).await),
        "token"
    );
}
on_both_backends!(unknown_people, with setup, |(app, idp)| unknown_and_departed_people_are_refused(app, idp));

async fn provider_errors_are_explained(app: TestApp, idp: Idp) {
    for (error, code) in [("access_denied", "denied"), ("server_error", "provider")] {
        let mut browser = Browser::new(&app);
        let req = browser.start("/communities").await;
        let query = url_query(&[
            ("error", error),
            ("error_description", "The user said no"),
            ("state", &req["state"]),
        ]);
        let answer = browser.get(&format!("/auth/oidc/callback?{query}")).await;
        assert_eq!(signin_error(&answer), code, "{error}");
        assert!(answer.location.contains("next=%2Fcommunities"));
        assert!(
            answer
                .set_cookie("tacit_oidc")
                .is_some_and(|c| c.contains("Max-Age=0")),
            "the sign-in record is cleared"
        );
    }
    // A callback with neither code nor error, and one with nothing at all.
    let mut browser = Browser::new(&app);
    let req = browser.start("/").await;
    let answer = browser
        .get(&format!(
            "/auth/oidc/callback?{}",
            url_query(&[("state", &req["state"])])
        ))
        .await;
    assert_eq!(signin_error(&answer), "provider");
    assert_eq!(
        signin_error(&Browser::new(&app).get("/auth/oidc/callback").await),
        "state"
    );
    assert_eq!(
        signin_error(
            &Browser::new(&app)
                .get("/auth/oidc/callback?code=a&code=b")
                .await
        ),
        "state"
    );
    assert!(idp.token_requests().is_empty());
}
on_both_backends!(provider_errors, with setup, |(app, idp)| provider_errors_are_explained(app, idp));

async fn unsafe_next_is_ignored(app: TestApp, idp: Idp) {
    for next in [
        "//evil.example/path",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "people",
    ] {
        let mut browser = Browser::new(&app);
        let req = browser.start(next).await;
        let code = idp.approve(&req, "wing.chan@example.org");
        let answer = browser.callback(&code, &req["state"]).await;
        assert_eq!(answer.status, 303, "{next}");
        assert_eq!(answer.location, "/", "{next}");
        assert_eq!(browser.me().await.0, 200, "{next}");
    }
}
on_both_backends!(unsafe_next, with setup, |(app, idp)| unsafe_next_is_ignored(app, idp));

async fn token_endpoint_trouble_is_a_clear_error(app: TestApp, idp: Idp) {
    idp.fail_token_requests(503);
    let mut browser = Browser::new(&app);
    let req = browser.start("/skills").await;
    let code = idp.approve(&req, "wing.chan@example.org");
    let answer = browser.callback(&code, &req["state"]).await;
    assert_eq!(signin_error(&answer), "unavailable");
    assert!(answer.location.contains("next=%2Fskills"));
    assert_eq!(idp.token_requests().len(), 1);
}
on_both_backends!(token_endpoint_trouble, with setup, |(app, idp)| token_endpoint_trouble_is_a_clear_error(app, idp));

/// Endpoints given in the configuration (no discovery), with the keys from a
/// file; a token endpoint nobody answers at.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_endpoint_down_is_a_clear_error() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let down = format!("http://{}/token", closed.local_addr().expect("addr"));
    drop(closed);
    let text = format!(
        "issuer = \"https://login.example.test/\"\naudience = \"{API_AUDIENCE}\"\n\
         jwks_file = \"{}\"\nclient_id = \"{CLIENT_ID}\"\nredirect_url = \"{REDIRECT_URL}\"\n\
         authorization_endpoint = \"https://login.example.test/authorize\"\n\
         token_endpoint = \"{down}\"\nscopes = [\"openid\", \"email\"]",
        fixture("jwks.json").display()
    );
    let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(&text).expect("oidc config");
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| c.oidc = Some(oidc)).await else {
        return;
    };
    let mut browser = Browser::new(&app);
    let login = browser.get("/auth/oidc/login").await;
    assert!(
        login
            .location
            .starts_with("https://login.example.test/authorize?"),
        "{}",
        login.location
    );
    let req: HashMap<String, String> = reqwest::Url::parse(&login.location)
        .expect("url")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(req["scope"], "openid email");
    let answer = browser.callback("some-code", &req["state"]).await;
    assert_eq!(signin_error(&answer), "unavailable");
}

/// Without a client, bearer tokens still work but there is no browser sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_client_there_is_no_browser_sign_in() {
    let text = format!(
        "issuer = \"https://login.example.test/\"\naudience = \"{API_AUDIENCE}\"\njwks_file = \"{}\"",
        fixture("jwks.json").display()
    );
    let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(&text).expect("oidc config");
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| c.oidc = Some(oidc)).await else {
        return;
    };
    let config = auth_config(&app).await;
    assert_eq!(
        config,
        json!({ "devAuth": false, "oidc": { "enabled": false } })
    );
    let mut browser = Browser::new(&app);
    assert_eq!(browser.get("/auth/oidc/login").await.status, 404);
    assert_eq!(
        browser
            .get("/auth/oidc/callback?code=a&state=b")
            .await
            .status,
        404
    );
}

/// A configuration that cannot work stops the server at start, saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_configurations_are_refused_at_start() {
    let idp = Idp::start().await;
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let nowhere = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let base = format!(
        "issuer = \"{}\"\naudience = \"{API_AUDIENCE}\"\n",
        idp.issuer
    );
    let cases = [
        (
            format!("{base}client_id = \"{CLIENT_ID}\""),
            "both client_id and redirect_url",
        ),
        (
            format!(
                "{base}client_id = \"{CLIENT_ID}\"\nredirect_url = \"http://localhost:8080/callback\""
            ),
            "/auth/oidc/callback",
        ),
        (
            format!(
                "{base}client_id = \"{CLIENT_ID}\"\nredirect_url = \"http://tacit.example.org/auth/oidc/callback\""
            ),
            "https://",
        ),
        (
            format!(
                "{base}client_id = \"{CLIENT_ID}\"\nredirect_url = \"{REDIRECT_URL}\"\nscopes = \"email\""
            ),
            "openid",
        ),
        (
            format!(
                "{base}client_id = \"{CLIENT_ID}\"\nredirect_url = \"{REDIRECT_URL}\"\ntoken_endpoint = \"{nowhere}/token\""
            ),
            "both authorization_endpoint and token_endpoint",
        ),
        (format!("{base}client_secret = \"x\""), "no client_id"),
        (
            format!(
                "issuer = \"{nowhere}\"\naudience = \"a\"\nclient_id = \"{CLIENT_ID}\"\nredirect_url = \"{REDIRECT_URL}\""
            ),
            "cannot fetch",
        ),
        (
            format!(
                "issuer = \"{}/\"\naudience = \"a\"\nclient_id = \"{CLIENT_ID}\"\nredirect_url = \"{REDIRECT_URL}\"",
                idp.issuer
            ),
            "set issuer to exactly",
        ),
    ];
    for (text, expected) in cases {
        let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(&text).expect("oidc config");
        let dir = tempfile::tempdir().expect("temp dir");
        let config = tacit::config::Config {
            database_url: format!("sqlite://{}", dir.path().join("tacit.db").display()),
            oidc: Some(oidc),
            ..tacit::config::Config::default()
        };
        let error = match tacit::App::build(&config).await {
            Ok(_) => panic!("{text} should be refused"),
            Err(e) => format!("{e:#}"),
        };
        assert!(error.contains(expected), "{text}: {error}");
        assert!(!error.contains("s3cret"));
    }
}

/// H1 — account takeover by e-mail: HR gives an admin's person their own
/// address and signs in through the provider. The admin's person is bound to
/// the admin's provider account at first sign-in, so another account with
/// that address names nobody; and HR may not move a role holder's address at
/// all. Every change of address is audited, through the API and imports.
async fn h1_email_takeover_is_refused(app: TestApp, idp: Idp) {
    let grant = |id: &str, role: &str| {
        format!(
            "mutation {{ grantRole(input: {{ personId: \"{id}\", role: {role} }}) {{ changed }} }}"
        )
    };
    app.data(&grant("e0042", "ADMIN"), json!({})).await;
    app.data(&grant("e2002", "HR"), json!({})).await;
    // The admin signs in once: their person is bound to their account.
    let mut browser = Browser::new(&app);
    let req = browser.start("/").await;
    let code = idp.approve(&req, "siobhan.kelly@example.org");
    assert_eq!(browser.callback(&code, &req["state"]).await.status, 303);
    assert_eq!(browser.me().await.0, 200);

    // HR may not move the admin's address...
    let hr = app.token(tacit::domain::Role::Hr, Some("e2002")).await;
    let set_email = |id: &str, email: &str| {
        format!(
            "mutation {{ updatePerson(input: {{ id: \"{id}\", email: \"{email}\" }}) {{ person {{ email }} }} }}"
        )
    };
    let (code, _) = app
        .error_as(
            &hr,
            &set_email("e0042", "wing.chan+admin@example.org"),
            json!({}),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    // ...nor their own (they hold a role too), nor through an import.
    let (code, _) = app
        .error_as(
            &hr,
            &set_email("e2002", "wing.other@example.org"),
            json!({}),
        )
        .await;
    assert_eq!(code, "FORBIDDEN");
    // Even when an admin moves the address, another provider account with it
    // is refused: the person is bound to the account they first signed in with.
    app.data(&set_email("e0042", "moved@example.org"), json!({}))
        .await;
    let mut attacker = Browser::new(&app);
    let req = attacker.start("/").await;
    let mut claims = idp.claims(&req, "moved@example.org");
    claims["sub"] = json!("someone-else");
    let code = idp.approve_with(&req, claims, "issuer.pem");
    let answer = attacker.callback(&code, &req["state"]).await;
    assert_eq!(signin_error(&answer), "unknown_person");
    assert!(answer.set_cookie("tacit_session").is_none());
    // The bound account still signs in after its address changed.
    let mut admin = Browser::new(&app);
    let req = admin.start("/").await;
    let mut claims = idp.claims(&req, "moved@example.org");
    claims["sub"] = json!("sub-siobhan.kelly@example.org");
    let code = idp.approve_with(&req, claims, "issuer.pem");
    admin.callback(&code, &req["state"]).await;
    let (_, me) = admin.graphql(ME).await;
    assert_eq!(me["data"]["me"]["person"]["externalId"], "e0042", "{me}");

    // HR may change the address of someone without a role; it is audited.
    app.data_as(
        &hr,
        &set_email("e3003", "jack.wilson@example.org"),
        json!({}),
    )
    .await;
    let log = audit_actions(&app).await;
    let changes: Vec<_> = log
        .iter()
        .filter(|(action, _, _)| action == "person.email_change")
        .collect();
    assert_eq!(changes.len(), 2, "{log:?}");
    assert!(log.iter().any(|(a, _, _)| a == "identity.link"), "{log:?}");
    assert!(
        !format!("{log:?}").contains("jack.wilson@example.org"),
        "addresses stay out of the audit log"
    );
}
on_both_backends!(h1_email_takeover, with setup, |(app, idp)| h1_email_takeover_is_refused(app, idp));
