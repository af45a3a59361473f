//! Requests meant to knock the server over are refused quickly, with a clear
//! error and never a 500; the web app's responses carry security headers;
//! the development sign-in exists only when asked for.

mod common;

use common::{Backend, TestApp};
use serde_json::{Value, json};

async fn post_raw(app: &TestApp, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let res = app
        .client
        .post(format!("{}/graphql", app.base))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("request");
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

/// Announces a 10 MB body and reads the answer without sending it.
async fn too_large(app: &TestApp) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        app.admin_token,
        10 * 1024 * 1024
    );
    s.write_all(head.as_bytes()).await.expect("write");
    let _ = s.write_all(&vec![b' '; 64 * 1024]).await;
    let mut buf = vec![0u8; 4096];
    let n = s.read(&mut buf).await.unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).to_string()
}

fn first_error(text: &str) -> String {
    let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    v["errors"][0]["message"]
        .as_str()
        .unwrap_or(text)
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abusive_requests_are_refused_without_a_500() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    app.load_demo(7, 60).await;
    let deep = format!(
        "{{ {}id{} }}",
        "people { edges { node { manager { ".repeat(250),
        " } } } }".repeat(250)
    );
    let aliases = format!(
        "{{ {} }}",
        (0..10_000)
            .map(|i| format!("a{i}: offices {{ id }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let cases: Vec<(&str, String)> = vec![
        ("depth 1000", json!({ "query": deep }).to_string()),
        ("10,000 aliases", json!({ "query": aliases }).to_string()),
        (
            "first: 1000000000",
            json!({ "query": "{ people(first: 1000000000) { totalCount } }" }).to_string(),
        ),
        (
            "experts first huge",
            json!({ "query": "{ experts(query: \"gdpr\", first: 1000000000) { score } }" })
                .to_string(),
        ),
        (
            "batch of 1000",
            serde_json::to_string(&vec![json!({ "query": "{ offices { id } }" }); 1000])
                .unwrap_or_default(),
        ),
        ("not JSON", "{ offices".to_string()),
        (
            "unknown field",
            json!({ "query": "{ secrets }" }).to_string(),
        ),
    ];
    for (what, body) in cases {
        let (status, text) = post_raw(&app, "application/json", body.into_bytes()).await;
        assert!(status < 500, "{what}: {status} {text}");
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(v["errors"][0]["message"].is_string(), "{what}: {text}");
        assert!(
            v["data"].is_null()
                || v["data"]
                    .as_object()
                    .is_some_and(|d| d.values().all(Value::is_null)),
            "{what}: {text}"
        );
    }
    // A 10 MB body is refused from its Content-Length, before it is read.
    let head = too_large(&app).await;
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert_eq!(
        app.gql("{ offices { id } }", json!({})).await["errors"],
        Value::Null,
        "still serving"
    );
    // text/plain POST (what a cross-site form can send).
    let (status, text) = post_raw(
        &app,
        "text/plain",
        json!({ "query": "{ offices { id } }" })
            .to_string()
            .into_bytes(),
    )
    .await;
    assert_eq!(status, 415, "{text}");
    assert!(first_error(&text).contains("application/json"));
    // A mutation over GET.
    let res = app
        .client
        .get(format!("{}/graphql", app.base))
        .query(&[(
            "query",
            "mutation { createOffice(input: { name: \"X\" }) { office { id } } }",
        )])
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 405);
    let offices = app.data("{ offices { name } }", json!({})).await;
    assert!(
        !offices.to_string().contains("\"X\""),
        "a GET mutation changed nothing"
    );
    // Introspection and suggestions are off without the development sign-in.
    let intro = app.gql("{ __schema { types { name } } }", json!({})).await;
    assert!(intro["data"]["__schema"].is_null(), "{intro}");
    let typo = app.gql("{ offics { id } }", json!({})).await;
    assert!(!typo.to_string().contains("Did you mean"), "{typo}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_health_and_sign_in_are_open() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let anon = |path: &str| app.anon.get(format!("{}{path}", app.base)).send();
    assert_eq!(anon("/healthz").await.unwrap().status(), 200);
    assert_eq!(anon("/readyz").await.unwrap().status(), 200);
    assert_eq!(anon("/auth/config").await.unwrap().status(), 200);
    assert_eq!(anon("/metrics").await.unwrap().status(), 401);
    assert_eq!(
        anon("/graphql?query=%7Boffices%7Bid%7D%7D")
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(anon("/auth/me").await.unwrap().status(), 401);
    // No development sign-in unless asked for.
    let dev = app
        .anon
        .post(format!("{}/auth/dev", app.base))
        .json(&json!({ "personId": "e1", "role": "ADMIN" }))
        .send()
        .await
        .unwrap();
    assert_eq!(dev.status(), 404);
    assert_eq!(anon("/auth/dev/people").await.unwrap().status(), 404);
    // Security headers everywhere.
    let res = anon("/healthz").await.unwrap();
    let h = res.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn development_sign_in_sets_a_session() {
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| c.dev_auth = true).await else {
        return;
    };
    common::import_examples(&app).await;
    let client = app.anon.clone();
    let people: Value = client
        .get(format!("{}/auth/dev/people?prefix=aoi", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(people["people"][0]["externalId"], "e1001");
    let bad = client
        .post(format!("{}/auth/dev", app.base))
        .json(&json!({ "personId": "e1001", "role": "ROOT" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let res = client
        .post(format!("{}/auth/dev", app.base))
        .json(&json!({ "personId": "e1001", "role": "HR" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_string();
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["roles"], json!(["EMPLOYEE", "HR"]));
    // The sign-in entry says which role was chosen.
    let entry = app
        .data(
            "{ auditLog(first: 1, action: \"sign_in\") { action detail summary } }",
            json!({}),
        )
        .await;
    assert_eq!(entry["auditLog"][0]["action"], "sign_in.dev");
    assert_eq!(entry["auditLog"][0]["detail"]["role"], "hr");
    assert_eq!(
        entry["auditLog"][0]["summary"],
        "Aoife Byrne signed in (development sign-in): as HR"
    );
    assert_eq!(me["dev"], true);
    let q: Value = client
        .post(format!("{}/graphql", app.base))
        .header("cookie", &session)
        .json(&json!({ "query": "{ me { person { externalId } dev } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(q["data"]["me"]["person"]["externalId"], "e1001", "{q}");
    assert_eq!(q["data"]["me"]["dev"], true);
    // Introspection is on for GraphiQL under the development sign-in.
    let intro = app
        .gql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(
        intro["data"]["__schema"]["queryType"]["name"], "QueryRoot",
        "{intro}"
    );
    let out = client
        .post(format!("{}/auth/signout", app.base))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let after = client
        .get(format!("{}/auth/me", app.base))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_is_per_credential() {
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| {
        c.rate_limit_per_minute = 60;
        c.rate_limit_burst = 5;
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(
            app.gql_as(Some(&app.admin_token), "{ offices { id } }", json!({}))
                .await
                .0,
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    // Another credential has its own allowance.
    let other = app.token(tacit::domain::Role::Employee, None).await;
    assert_eq!(
        app.gql_as(Some(&other), "{ offices { id } }", json!({}))
            .await
            .0,
        200
    );
}

/// Sends `query` as the admin; the error code (or "none") and whether any data came back.
async fn refusal(app: &TestApp, query: &str) -> (String, bool) {
    let (status, text) = post_raw(
        app,
        "application/json",
        json!({ "query": query }).to_string().into_bytes(),
    )
    .await;
    assert!(status < 500, "{status} {text}");
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let code = v["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("none")
        .to_string();
    (code, !v["data"].is_null())
}

/// H2 — one request could stall the service: a field cost 1 whatever the
/// size of its list, so 2,000 aliased searches or pages nested three deep
/// were accepted. Now an operation's cost grows with `first` and with each
/// ranking, and one over the budget is refused from its text, before any
/// resolver (so any ranking) runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2_costly_requests_are_refused_before_anything_runs() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    app.load_demo(7, 60).await;
    let aliased = format!(
        "{{ {} }}",
        (0..2_000)
            .map(|i| format!("e{i}: experts(query: \"records retention\", first: 100) {{ score }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let nested = "{ people(first: 100) { edges { node { skills { skill { holders(first: 100) { \
                  person { skills { skill { holders(first: 100) { person { name } } } } } } } } } } } }";
    let four = format!(
        "{{ {} }}",
        (0..4)
            .map(|i| format!("e{i}: experts(query: \"records retention\", first: 10) {{ score }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for (what, query) in [
        ("2,000 aliased searches", aliased.as_str()),
        ("nested pages", nested),
        ("four searches", four.as_str()),
    ] {
        let (code, data) = refusal(&app, query).await;
        assert_eq!(code, "TOO_COSTLY", "{what}");
        assert!(!data, "{what}: nothing ran, so no data");
    }
    // The same through variables: `first` is read from them.
    let page = "query($n: Int) { people(first: $n) { edges { node { skills { skill { holders(first: 100) { person { name } } } } } } } }";
    let (status, text) = post_raw(
        &app,
        "application/json",
        json!({ "query": page, "variables": { "n": 100 } })
            .to_string()
            .into_bytes(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(text.contains("TOO_COSTLY"), "{text}");
    // Review of the fix: a variable's declared default is a page size too.
    let defaulted = "query($n: Int = 100) { people(first: $n) { edges { node { skills { skill { holders(first: 100) { person { name } } } } } } } }";
    assert_eq!(refusal(&app, defaulted).await.0, "TOO_COSTLY");
    // Fragments that each spread the one before twice: exponential when
    // expanded, priced once each, refused at once (before validation walks them).
    let mut chain = String::from("query { ...F21 } fragment F0 on QueryRoot { offices { name } }");
    for i in 1..=21 {
        chain.push_str(&format!(
            " fragment F{i} on QueryRoot {{ ...F{p} a{i}: offices {{ ...O }} ...F{p} }}",
            p = i - 1
        ));
    }
    chain.push_str(" fragment O on Office { name }");
    let started = std::time::Instant::now();
    assert_eq!(refusal(&app, &chain).await.0, "TOO_COSTLY");
    eprintln!("doubling fragments refused in {:?}", started.elapsed());
    // Work that is more than its size: exports and writes are counted.
    let exports = format!(
        "{{ {} }}",
        (0..10)
            .map(|i| format!("d{i}: myData"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert_eq!(refusal(&app, &exports).await.0, "TOO_COSTLY");
    let writes = format!(
        "mutation {{ {} }}",
        (0..25)
            .map(|i| format!(
                "c{i}: createSkill(input: {{ name: \"Bulk {i}\" }}) {{ skill {{ id }} }}"
            ))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert_eq!(refusal(&app, &writes).await.0, "TOO_COSTLY");
    // A network two steps out reaches twice the nodes, and costs so: a page
    // of people's one-step networks fits, their two-step ones do not.
    let networks = |steps: u32| {
        format!(
            "{{ people(first: 100) {{ nodes {{ network(first: 100, steps: {steps}) {{ \
             steps nodes {{ label }} edges {{ source }} }} }} }} }}"
        )
    };
    assert_eq!(refusal(&app, &networks(1)).await.0, "none");
    assert_eq!(refusal(&app, &networks(2)).await.0, "TOO_COSTLY");
    // What the web app asks for still fits: three searches, or a page of
    // people with their skills and communities.
    let three = four.replace(
        "e3: experts(query: \"records retention\", first: 10) { score }",
        "",
    );
    let (code, data) = refusal(&app, &three).await;
    assert_eq!((code.as_str(), data), ("none", true));
    let (code, _) = refusal(
        &app,
        "{ people(first: 50) { edges { node { name skills { level skill { name } } communities { community { name } } } } } }",
    )
    .await;
    assert_eq!(code, "none");
}

/// H3 — behind a proxy everyone shared one rate-limit bucket, so a flood of
/// made-up tokens locked the whole organisation out, and every refusal was
/// an audit row. Through `[http] trusted_proxies` each client has its own
/// bucket, a client cannot pick its address by sending the header itself,
/// and refusals are audited per address and minute.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h3_a_flood_behind_the_proxy_locks_out_only_its_sender() {
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| {
        c.rate_limit_per_minute = 60;
        c.rate_limit_burst = 5;
        c.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    })
    .await
    else {
        return;
    };
    let from = |client: &'static str, token: String| {
        app.anon
            .post(format!("{}/graphql", app.base))
            .header("x-forwarded-for", client)
            .bearer_auth(token)
            .json(&json!({ "query": "{ offices { id } }" }))
            .send()
    };
    let mut statuses = Vec::new();
    for i in 0..40 {
        let res = from("203.0.113.9", format!("made-up-{i}"))
            .await
            .expect("request");
        statuses.push(res.status().as_u16());
    }
    assert!(
        statuses.contains(&429),
        "the flood is held back: {statuses:?}"
    );
    // Someone else behind the same proxy is not locked out.
    let res = from("198.51.100.7", app.admin_token.clone())
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
    // The flood is one audit entry so far (a summary follows when the minute ends).
    let log = app
        .data(
            "{ auditLog(first: 100) { action outcome detail } }",
            json!({}),
        )
        .await;
    let denied: Vec<&Value> = log["auditLog"]
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["action"] == "sign_in" && e["outcome"] == "denied")
        .collect();
    assert_eq!(denied.len(), 1, "{denied:?}");
    assert!(
        denied[0]["detail"].to_string().contains("203.0.113.9"),
        "{denied:?}"
    );
}

/// Without trusted proxies, `X-Forwarded-For` is the caller's own claim: a
/// flood cannot dodge the per-address limit by varying it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h3_forwarded_for_from_an_untrusted_peer_is_ignored() {
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| {
        c.rate_limit_per_minute = 60;
        c.rate_limit_burst = 2;
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    for i in 0..40 {
        let res = app
            .anon
            .post(format!("{}/graphql", app.base))
            .header("x-forwarded-for", format!("192.0.2.{i}"))
            .bearer_auth(format!("made-up-{i}"))
            .json(&json!({ "query": "{ offices { id } }" }))
            .send()
            .await
            .expect("request");
        statuses.push(res.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// M5 — the development sign-in could run in production. It is refused on a
/// non-loopback address and beside a configured identity provider.
#[test]
fn m5_development_sign_in_is_refused_outside_loopback() {
    let run = |args: &[&str]| {
        let dir = std::env::temp_dir().join(format!("tacit-m5-{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = format!("sqlite://{}/t.db", dir.display());
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tacit"))
            .args(["--database-url", &db, "serve"])
            .args(args)
            .env_remove("TACIT_DEV_AUTH")
            .output()
            .expect("run tacit");
        let _ = std::fs::remove_dir_all(&dir);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, err) = run(&["--listen", "0.0.0.0:0", "--dev-auth"]);
    assert!(!ok, "{err}");
    assert!(err.contains("loopback"), "{err}");
}

#[test]
fn m5_development_sign_in_is_refused_beside_an_identity_provider() {
    let oidc: tacit::auth::jwt::OidcConfig = toml::from_str(
        "issuer = \"https://login.example.org\"\naudience = \"tacit\"\njwks_file = \"/nonexistent\"",
    )
    .expect("oidc");
    let mut config = tacit::config::Config {
        dev_auth: true,
        ..Default::default()
    };
    assert!(config.check().is_ok(), "loopback and no provider: allowed");
    config.oidc = Some(oidc);
    let e = config.check().expect_err("refused").to_string();
    assert!(e.contains("identity provider"), "{e}");
    // Nor behind a proxy on the same host, which would bring anyone to loopback.
    config.oidc = None;
    config.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    let e = config.check().expect_err("refused").to_string();
    assert!(e.contains("proxy"), "{e}");
}

/// M3 — one request wrote thousands of audit rows: each refused field was
/// one serialised write. Now an operation's refusals are one entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn m3_a_refused_operation_is_one_audit_entry() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let employee = app.token(tacit::domain::Role::Employee, None).await;
    let query = format!(
        "{{ {} }}",
        (0..2_500)
            .map(|i| format!("a{i}: auditLog(first: 1) {{ seq }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let (status, body) = app.gql_as(Some(&employee), &query, json!({})).await;
    assert!(status < 500, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    let log = app
        .data("{ auditLog(first: 50) { action actor detail } }", json!({}))
        .await;
    let denied: Vec<&Value> = log["auditLog"]
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["action"] == "denied")
        .collect();
    assert_eq!(denied.len(), 1, "{denied:#?}");
    let detail = denied[0]["detail"].to_string();
    assert!(
        detail.contains("2500") && detail.contains("auditLog"),
        "{detail}"
    );
}

/// Low findings: a cookie-signed upload without the web app's header (what a
/// cross-site form sends) is refused; /metrics is for admins; API answers
/// are never cached.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_csrf_on_imports_metrics_and_caching() {
    let Some(app) = TestApp::spawn_config(Backend::Sqlite, |c| c.dev_auth = true).await else {
        return;
    };
    common::import_examples(&app).await;
    let res = app
        .anon
        .post(format!("{}/auth/dev", app.base))
        .json(&json!({ "personId": "e0042", "role": "ADMIN" }))
        .send()
        .await
        .expect("sign in");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_string();
    let upload = |with_header: bool| {
        let form = reqwest::multipart::Form::new().part(
            "files",
            reqwest::multipart::Part::bytes(b"{\"id\": \"e7\", \"name\": \"Seven\"}\n".to_vec())
                .file_name("people.jsonl"),
        );
        let mut req = app
            .anon
            .post(format!("{}/api/imports", app.base))
            .header("cookie", cookie.clone())
            .multipart(form);
        if with_header {
            req = req.header("x-tacit-request", "1");
        }
        req.send()
    };
    assert_eq!(upload(false).await.expect("post").status().as_u16(), 403);
    assert_eq!(upload(true).await.expect("post").status().as_u16(), 202);

    let employee = app.token(tacit::domain::Role::Employee, None).await;
    let metrics = |token: String| {
        app.anon
            .get(format!("{}/metrics", app.base))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(
        metrics(employee.clone())
            .await
            .expect("get")
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        metrics(app.admin_token.clone())
            .await
            .expect("get")
            .status()
            .as_u16(),
        200
    );

    let res = app
        .anon
        .post(format!("{}/graphql", app.base))
        .bearer_auth(&employee)
        .json(&json!({ "query": "{ me { roles } }" }))
        .send()
        .await
        .expect("post");
    assert_eq!(res.headers()["cache-control"], "no-store");
}

/// `first` means one thing at every level: 1 to the field's maximum, and a
/// value outside it is a BAD_USER_INPUT error naming the range, never a silent clamp.
#[tokio::test]
async fn first_out_of_range_is_the_same_error_top_level_and_nested() {
    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    app.load_demo(7, 60).await;
    for query in [
        "{ people(first: 0) { totalCount } }",
        "{ people(first: 101) { totalCount } }",
        "{ skills(first: 1) { edges { node { holders(first: 0) { level } } } } }",
        "{ skills(first: 1) { edges { node { holders(first: 101) { level } } } } }",
        "{ people(first: 1) { edges { node { evidence(first: -1) { id } } } } }",
        "{ people(first: 1) { edges { node { evidence(first: 101) { id } } } } }",
        "{ experts(query: \"gdpr\", first: 0) { score } }",
    ] {
        let body = app.gql(query, json!({})).await;
        let e = &body["errors"][0];
        assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{query}: {body}");
        assert_eq!(
            e["message"], "first must be between 1 and 100",
            "{query}: {body}"
        );
    }
    let fine = app
        .data(
            "{ skills(first: 1) { edges { node { holders(first: 100) { level } } } } }",
            json!({}),
        )
        .await;
    assert!(fine["skills"]["edges"][0]["node"]["holders"].is_array());
}
