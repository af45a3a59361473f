//! `tacit bench`: builds a large demo organisation in a temporary database and
//! measures what users feel — start-up, memory per edge, ranking latency in the
//! engine and over HTTP, throughput — and checks the fast ranking against an
//! exact PageRank on the same questions.

mod exact;
mod export;
mod heavy;
mod http;
mod stages;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use crate::config::Config;
use crate::graph::{NodeId, NodeKind, Snapshot};
use crate::rank::{self, ExpertFilter, ExpertQuery, RankConfig, Ranking};

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Staff in the generated organisation.
    #[arg(long, default_value_t = 100_000)]
    pub people: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Questions timed in the engine.
    #[arg(long, default_value_t = 500)]
    pub queries: usize,
    /// Of those, how many are also ranked by exact power iteration.
    #[arg(long, default_value_t = 100)]
    pub exact: usize,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 8)]
    pub clients: usize,
    /// HTTP requests in all.
    #[arg(long, default_value_t = 4_000)]
    pub requests: usize,
    /// Also time ordinary searches while this many clients loop the most
    /// expensive request the cost budget accepts (three 100-result rankings).
    #[arg(long, default_value_t = 0)]
    pub heavy_clients: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Also write the ranking graph and queries (edges.tsv, nodes.tsv, queries.jsonl) here.
    #[arg(long)]
    pub export: Option<PathBuf>,
    /// Measure this database instead of a temporary one; the demo organisation is
    /// generated into it only when it has nobody yet (so it can be kept and reused).
    #[arg(long)]
    pub on: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub people: usize,
    pub nodes: usize,
    /// Undirected edges.
    pub edges: usize,
    pub import_ms: f64,
    pub import_people_per_s: f64,
    /// On a restart: reading the store, then building the graph with its
    /// snapshot and (at the same time) bringing the text index up to date: wall time.
    pub build_ms: f64,
    pub read_ms: f64,
    pub graph_ms: f64,
    pub index_ms: f64,
    /// A restart: a new `tacit serve` process until `/readyz` answers 200.
    pub startup_ms: f64,
    /// The first start after the import, which also builds the text index.
    pub first_start_ms: f64,
    /// The graph per undirected edge: adjacency, weights and edge kinds, in
    /// the editable petgraph model and in the ranking snapshot (CSR).
    pub bytes_per_edge: f64,
    /// The CSR arrays alone.
    pub csr_bytes_per_edge: f64,
    /// What the nodes stand for (ids, labels, person details, id index), per edge.
    pub node_table_bytes_per_edge: f64,
    /// Everything the graph layer holds, per edge.
    pub total_bytes_per_edge: f64,
    /// Walks from well-linked nodes kept for ranking: how many, how long
    /// they took on one thread, and their bytes per edge.
    pub walks_kept: usize,
    pub walks_ms: f64,
    pub walks_bytes_per_edge: f64,
    pub queries: usize,
    pub engine_mean_ms: f64,
    pub engine_p50_ms: f64,
    pub engine_p99_ms: f64,
    /// Where the time goes (p50, p99 in ms per stage).
    pub engine_stages: stages::Stages,
    pub http_clients: usize,
    pub http_requests: usize,
    pub http_errors: usize,
    pub http_p50_ms: f64,
    pub http_p99_ms: f64,
    pub http_qps: f64,
    /// Mean share of the exact top 10 that the fast ranking also puts in its top 10.
    pub top10_agreement: f64,
    pub agreement_queries: usize,
    /// With `--heavy-clients`: ordinary searches under expensive requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under_heavy_load: Option<heavy::HeavyReport>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Varied questions from the organisation itself: skill names and aliases in
/// question templates, and document titles as they would be typed.
fn questions(g: &Snapshot, n: usize) -> Vec<String> {
    let skills: Vec<NodeId> = g
        .node_ids()
        .filter(|&x| g.kind(x) == Some(NodeKind::Skill))
        .collect();
    let evidence: Vec<NodeId> = g
        .node_ids()
        .filter(|&x| g.kind(x) == Some(NodeKind::Evidence))
        .collect();
    let templates = [
        "who knows about {}",
        "{}",
        "I need help with {} for a project",
        "how do we handle {}?",
    ];
    let mut out = Vec::with_capacity(n);
    let mut i = 0usize;
    while out.len() < n && (!skills.is_empty() || !evidence.is_empty()) {
        // Spread picks over the whole list with a stride co-prime to its length.
        if i.is_multiple_of(2) && !skills.is_empty() {
            let s = skills[(i * 7919) % skills.len()];
            let t = templates[(i / 2) % templates.len()];
            out.push(t.replace("{}", &g.label(s).to_lowercase()));
        } else if !evidence.is_empty() {
            let e = evidence[(i * 104_729) % evidence.len()];
            out.push(g.label(e).to_string());
        }
        i += 1;
    }
    out
}

fn query(text: &str) -> ExpertQuery {
    ExpertQuery {
        reveal_unpublished: false,
        text: text.to_string(),
        asker: None,
        filter: ExpertFilter::default(),
        first: 10,
        now: chrono::Utc::now(),
    }
}

/// Times every question in the engine, one after another.
fn engine_latency(r: &Ranking, cfg: &RankConfig, qs: &[String]) -> Vec<f64> {
    let mut times: Vec<f64> = qs
        .iter()
        .map(|q| {
            let t = Instant::now();
            let found = rank::experts(&r.snapshot, &r.index, cfg, &query(q));
            std::hint::black_box(found);
            ms(t)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// Fast top 10 against exact top 10, for the first `n` questions.
fn agreement(
    r: &Ranking,
    cfg: &RankConfig,
    qs: &[String],
    n: usize,
) -> (f64, usize, Vec<export::ExportQuery>) {
    let g = &r.snapshot;
    let mut total = 0.0;
    let mut counted = 0;
    let mut exported = Vec::new();
    for q in qs.iter().take(n) {
        // The walk as served (pushed, with the kept walks of well-linked
        // nodes added in) against the exact walk, both over the people a
        // search may return: the other signals are exact already.
        let question = rank::question::read(g, &r.index, cfg, q);
        let seeds = rank::question_seeds(&question, cfg);
        let mut pushed: Vec<(NodeId, f32)> = rank::walks::people(g, cfg, &seeds)
            .into_iter()
            .filter(|&(p, s)| s > 0.0 && g.is_contact(p))
            .collect();
        rank::top(g, &mut pushed, 10);
        let fast: Vec<NodeId> = pushed.into_iter().map(|p| p.0).collect();
        let scores = exact::power_iteration(&g.csr, &seeds, cfg.restart, 1e-10);
        let mut people: Vec<(NodeId, f32)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| (i as NodeId, *s as f32))
            .filter(|&(p, s)| s > 0.0 && g.is_contact(p))
            .collect();
        rank::top(g, &mut people, 10);
        let top: Vec<NodeId> = people.iter().map(|p| p.0).collect();
        if !top.is_empty() {
            let shared = fast.iter().filter(|p| top.contains(p)).count();
            total += shared as f64 / top.len() as f64;
            counted += 1;
        }
        exported.push(export::ExportQuery {
            query: q.clone(),
            seeds,
            restart: cfg.restart,
            top10: top,
        });
    }
    let mean = if counted == 0 {
        0.0
    } else {
        total / counted as f64
    };
    (mean, counted, exported)
}

pub(crate) const HTTP_QUERY: &str = "query($q: String!) { experts(query: $q, first: 10) { score explanation localTime person { name title } office { name } } }";

/// `clients` connections share `requests` questions; returns sorted latencies,
/// errors and the whole run's throughput.
async fn http_load(
    addr: std::net::SocketAddr,
    token: &str,
    qs: &[String],
    clients: usize,
    requests: usize,
) -> anyhow::Result<(Vec<f64>, usize, f64)> {
    let bodies: Arc<Vec<String>> = Arc::new(
        qs.iter()
            .map(|q| {
                serde_json::json!({ "query": HTTP_QUERY, "variables": { "q": q } }).to_string()
            })
            .collect(),
    );
    // Warm-up: connections, caches and the first page faults are not what users wait on.
    let mut warm = http::Client::connect(addr).await?.with_token(token);
    for b in bodies.iter().take(20) {
        warm.post_json("/graphql", b).await?;
    }
    let started = Instant::now();
    let clients = clients.max(1);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let bodies = bodies.clone();
        let token = token.to_string();
        tasks.push(tokio::spawn(async move {
            let mut client = http::Client::connect(addr).await?.with_token(&token);
            let mut times = Vec::new();
            let mut errors = 0usize;
            let mut i = c;
            while i < requests {
                let body = &bodies[i % bodies.len()];
                let t = Instant::now();
                match client.post_json("/graphql", body).await {
                    Ok((200, resp)) if !resp.windows(9).any(|w| w == b"\"errors\"") => {}
                    _ => errors += 1,
                }
                times.push(ms(t));
                i += clients;
            }
            anyhow::Ok((times, errors))
        }));
    }
    let mut times = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (mut ts, e) = t.await??;
        times.append(&mut ts);
        errors += e;
    }
    let qps = times.len() as f64 / started.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    Ok((times, errors, qps))
}

/// Starts `tacit serve` on `url` as a new process and times it until `/readyz`
/// answers 200: start-up as an operator sees it (a fresh process, cold heap).
async fn fresh_start(url: &str) -> anyhow::Result<f64> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let t = Instant::now();
    let mut child = tokio::process::Command::new(std::env::current_exe()?)
        .args([
            "--database-url",
            url,
            "serve",
            "--listen",
            &addr.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let ready = loop {
        if let Ok(mut c) = http::Client::connect(addr).await
            && let Ok((200, _)) = c.get("/readyz").await
        {
            break ms(t);
        }
        if let Some(status) = child.try_wait()? {
            anyhow::bail!("tacit serve exited early: {status}");
        }
        anyhow::ensure!(
            t.elapsed().as_secs() < 120,
            "tacit serve was not ready in two minutes"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    child.kill().await?;
    Ok(ready)
}

async fn headcount(store: &Arc<dyn crate::store::Store>) -> anyhow::Result<usize> {
    let page = store
        .list_people(
            &crate::store::PeopleFilter::default(),
            &crate::store::PageRequest {
                first: 1,
                after: None,
            },
        )
        .await?;
    Ok(usize::try_from(page.total).unwrap_or(0))
}

pub async fn run(base: &Config, args: &BenchArgs) -> anyhow::Result<BenchReport> {
    let dir = tempfile::tempdir()?;
    let url = match &args.on {
        Some(url) => url.clone(),
        None => format!("sqlite://{}", dir.path().join("bench.db").display()),
    };
    let config = Config {
        database_url: url.clone(),
        // The load comes from one credential; the rate limit is not what is measured.
        rate_limit_per_minute: u32::MAX / 2,
        rate_limit_burst: 100_000,
        ..base.clone()
    };
    let say = |what: &str| {
        if !args.json {
            eprintln!("bench: {what}");
        }
    };

    let store = crate::open_store(&config, 4).await?;
    let t = Instant::now();
    let mut imported = 0;
    if headcount(&store).await? == 0 {
        say(&format!("generating and importing {} people", args.people));
        crate::load_demo(&store, args.seed, args.people, &crate::import::Quiet).await?;
        imported = args.people;
    }
    let import_ms = if imported > 0 { ms(t) } else { 0.0 };
    let people = headcount(&store).await?;
    store.close().await;

    say("first start (builds the text index kept beside the database)");
    let t = Instant::now();
    let first = crate::App::build(&config).await?;
    let first_start_ms = ms(t);
    first.store.close().await;
    drop(first);
    say("restart: a new `tacit serve` process until /readyz answers");
    let startup_ms = fresh_start(&url).await?;
    let app = crate::App::build(&config).await?;
    let stats = app.build_stats;
    let memory = app.engine.memory().await;
    let ranking = app.engine.ranking();
    let g = &ranking.snapshot;

    let cfg = app.engine.config().clone();
    let qs = questions(g, args.queries);
    say("keeping the walks from well-linked nodes (a server does this in the background)");
    let t = Instant::now();
    let (r, c) = (ranking.clone(), cfg.clone());
    let walks_kept =
        tokio::task::spawn_blocking(move || rank::walks::warm(&r.snapshot, &c, || false)).await?;
    let walks_ms = ms(t);
    let walks_bytes = g.walks.heap_bytes();

    say(&format!("timing {} questions in the engine", args.queries));
    let (r, c, q2) = (ranking.clone(), cfg.clone(), qs.clone());
    let times = tokio::task::spawn_blocking(move || engine_latency(&r, &c, &q2)).await?;
    let (r, c, q2) = (ranking.clone(), cfg.clone(), qs.clone());
    let stages = tokio::task::spawn_blocking(move || stages::measure(&r, &c, &q2)).await?;

    say(&format!(
        "checking {} questions against exact PageRank",
        args.exact
    ));
    let (r, c, q2, n) = (ranking.clone(), cfg.clone(), qs.clone(), args.exact);
    let (top10_agreement, agreement_queries, exported) =
        tokio::task::spawn_blocking(move || agreement(&r, &c, &q2, n)).await?;

    say(&format!(
        "{} HTTP requests from {} clients",
        args.requests, args.clients
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let store_for_token = app.store.clone();
    let server = tokio::spawn(app.serve(listener, async {
        let _ = stopped.await;
    }));
    // Asked as a person, so each request pays for the full sign-in check.
    let asker = store_for_token
        .list_people(
            &crate::store::PeopleFilter::default(),
            &crate::store::PageRequest {
                first: 1,
                after: None,
            },
        )
        .await?
        .items
        .into_iter()
        .next()
        .map(|(_, p)| p.id);
    let (token, _) = crate::auth::create_api_token(
        &store_for_token,
        &crate::auth::Principal::system(),
        crate::auth::NewToken {
            name: "bench".into(),
            role: crate::domain::Role::Employee,
            person_id: asker,
            scopes: vec![crate::domain::Scope::Read],
            expires_in_days: Some(1),
        },
        chrono::Utc::now(),
    )
    .await?;
    let (http_times, http_errors, http_qps) =
        http_load(addr, &token, &qs, args.clients, args.requests).await?;
    let under_heavy_load = if args.heavy_clients > 0 {
        say(&format!(
            "{} ordinary searches while {} clients send the most expensive accepted request",
            args.requests / 8,
            args.heavy_clients
        ));
        Some(
            heavy::run(
                addr,
                &token,
                &qs,
                args.heavy_clients,
                (args.requests / 8).max(100),
            )
            .await?,
        )
    } else {
        None
    };
    let _ = stop.send(());
    let _ = server.await;

    if let Some(out) = &args.export {
        say(&format!(
            "writing the graph and queries to {}",
            out.display()
        ));
        export::write(out, g, &exported)?;
    }

    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    Ok(BenchReport {
        people,
        nodes: g.node_ids().count(),
        edges: g.csr.edge_count() / 2,
        import_ms,
        import_people_per_s: if imported > 0 {
            imported as f64 / (import_ms / 1e3)
        } else {
            0.0
        },
        build_ms: stats.total_ms,
        read_ms: stats.read_ms,
        graph_ms: stats.graph_ms,
        index_ms: stats.index_ms,
        startup_ms,
        first_start_ms,
        bytes_per_edge: memory.graph_per_edge(),
        csr_bytes_per_edge: memory.csr_per_edge(),
        node_table_bytes_per_edge: memory.node_table_per_edge(),
        total_bytes_per_edge: memory.total_per_edge(),
        walks_kept,
        walks_ms,
        walks_bytes_per_edge: walks_bytes as f64 / (g.csr.edge_count() / 2).max(1) as f64,
        queries: times.len(),
        engine_mean_ms: mean,
        engine_p50_ms: percentile(&times, 50.0),
        engine_p99_ms: percentile(&times, 99.0),
        engine_stages: stages,
        http_clients: args.clients,
        http_requests: http_times.len(),
        http_errors,
        http_p50_ms: percentile(&http_times, 50.0),
        http_p99_ms: percentile(&http_times, 99.0),
        http_qps,
        top10_agreement,
        agreement_queries,
        under_heavy_load,
    })
}

impl BenchReport {
    pub fn table(&self) -> String {
        format!(
            "people               {}\n\
             graph                {} nodes, {} edges\n\
             import               {:.0} ms ({:.0} people/s, with skills, communities and evidence)\n\
             build                {:.0} ms (read {:.0}, then graph {:.0} while text index {:.0})\n\
             start-up             {:.0} ms (first start after the import {:.0} ms)\n\
             memory               {:.1} bytes/edge for the graph (CSR {:.1} of it); node table {:.1} more, {:.1} in all\n\
             kept walks           {} in {:.0} ms on one thread, {:.1} bytes/edge\n\
             engine ({} queries)  p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms\n\
             engine stages        p50/p99 ms: read {:.2}/{:.2}, walk {:.2}/{:.2} (one push through every node {:.2}/{:.2}), signals {:.2}/{:.2}, page and explanations {:.2}/{:.2}\n\
             HTTP ({} clients)     p50 {:.2} ms, p99 {:.2} ms, {:.0} queries/s, {} errors in {}\n\
             top-10 agreement     {:.3} with exact PageRank ({} queries)\n",
            self.people,
            self.nodes,
            self.edges,
            self.import_ms,
            self.import_people_per_s,
            self.build_ms,
            self.read_ms,
            self.graph_ms,
            self.index_ms,
            self.startup_ms,
            self.first_start_ms,
            self.bytes_per_edge,
            self.csr_bytes_per_edge,
            self.node_table_bytes_per_edge,
            self.total_bytes_per_edge,
            self.walks_kept,
            self.walks_ms,
            self.walks_bytes_per_edge,
            self.queries,
            self.engine_p50_ms,
            self.engine_p99_ms,
            self.engine_mean_ms,
            self.engine_stages.read.0,
            self.engine_stages.read.1,
            self.engine_stages.walk.0,
            self.engine_stages.walk.1,
            self.engine_stages.walk_one_push.0,
            self.engine_stages.walk_one_push.1,
            self.engine_stages.signals.0,
            self.engine_stages.signals.1,
            self.engine_stages.explain.0,
            self.engine_stages.explain.1,
            self.http_clients,
            self.http_p50_ms,
            self.http_p99_ms,
            self.http_qps,
            self.http_errors,
            self.http_requests,
            self.top10_agreement,
            self.agreement_queries,
        ) + &self.under_heavy_load.as_ref().map_or(String::new(), |h| {
            format!(
                "under heavy load     ordinary search p50 {:.2} ms, p99 {:.2} ms ({} errors in {}) while {} clients \
                 sent {} three-ranking requests (p50 {:.0} ms, {} refused)\n",
                h.ordinary_p50_ms,
                h.ordinary_p99_ms,
                h.ordinary_errors,
                h.ordinary_requests,
                h.heavy_clients,
                h.heavy_requests,
                h.heavy_p50_ms,
                h.heavy_refused,
            )
        })
    }
}
