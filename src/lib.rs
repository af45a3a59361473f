//! Tacit: find the colleague who knows, and keep what leavers know.
#![forbid(unsafe_code)]

pub mod access;
pub mod api;
pub mod auth;
pub mod bench;
pub mod cli;
pub mod communities;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod eval;
pub mod graph;
pub mod harvest;
pub mod import;
pub mod network;
pub mod notify;
pub mod people;
pub mod rank;
pub mod refusal;
pub mod skills;
pub mod store;
pub mod telemetry;

use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::api::http::HttpLimits;
use crate::config::Config;
use crate::import::{ImportReport, Located, Parsed, Progress};
use crate::store::{PageRequest, PeopleFilter, Store};

/// Where the checked-in GraphQL schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/schema.graphql";

/// A built application: the store and the HTTP router over it.
pub struct App {
    pub store: Arc<dyn Store>,
    pub engine: Arc<rank::Engine>,
    /// How long building the graph and text index took.
    pub build_stats: rank::BuildStats,
    router: axum::Router,
    /// How the engine follows other servers' writes (`[replicas]`).
    follow: (std::time::Duration, bool),
    /// Sends the notification outbox (`[notify]`), once serving.
    notifier: Option<(notify::Notifier, domain::Clock)>,
}

impl App {
    /// Opens (and migrates) the database, builds the knowledge graph and text
    /// index from it, and builds the router.
    pub async fn build(config: &Config) -> anyhow::Result<App> {
        config.check()?;
        let store = open_store(config, config.max_connections).await?;
        let (engine, build_stats) = rank::Engine::load(
            store.clone(),
            config.ranking.clone(),
            config.index_dir().as_deref(),
        )
        .await?;
        let limits = HttpLimits {
            body_bytes: config.body_limit_bytes,
            timeout: config.request_timeout,
            rate_per_minute: config.rate_limit_per_minute,
            burst: config.rate_limit_burst,
            trusted_proxies: config.trusted_proxies.clone(),
        };
        let auth = Arc::new(
            auth::Authenticator::new(
                store.clone(),
                config.clock.clone(),
                config.oidc.clone(),
                config.dev_auth,
            )
            .await?,
        );
        let router = api::http::router(
            store.clone(),
            engine.clone(),
            auth,
            &limits,
            config.static_dir.as_deref(),
            harvest::Settings {
                retention: config.retention,
                clock: config.clock.clone(),
            },
            api::http::OrgSettings {
                proposals_need_approval: config.proposals_need_approval,
                contact: config.contact.clone(),
                network: network::Settings {
                    rules: config.routing.clone(),
                    email: config.notify.smtp.is_some(),
                    webhook: config.notify.webhook.is_some(),
                    public_url: config.notify.public_url.clone(),
                },
            },
        );
        let notifier = match (&config.notify.smtp, &config.notify.webhook) {
            (None, None) => {
                tracing::info!(
                    "no [notify.smtp] or [notify.webhook]: people find questions for them in the web app only"
                );
                None
            }
            _ => Some((notify::Notifier::new(&config.notify)?, config.clock.clone())),
        };
        Ok(App {
            store,
            engine,
            build_stats,
            router,
            follow: (config.poll_interval, config.change_notifications),
            notifier,
        })
    }

    /// True when nobody has been imported yet.
    pub async fn is_empty(&self) -> anyhow::Result<bool> {
        let page = self
            .store
            .list_people(
                &PeopleFilter::default(),
                &PageRequest {
                    first: 1,
                    after: None,
                },
            )
            .await?;
        Ok(page.total == 0)
    }

    /// Serves on `listener` until `shutdown` resolves, then drains requests and closes the pool.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (period, notifications) = self.follow;
        let follower = self.engine.follow(period, notifications);
        let warmer = self.engine.keep_warm();
        let sender = self.notifier.map(|(notifier, clock)| {
            notify::spawn(
                self.store.clone(),
                notifier,
                clock,
                std::time::Duration::from_millis(500),
            )
        });
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await?;
        follower.abort();
        warmer.abort();
        if let Some(sender) = sender {
            sender.abort();
        }
        // The next start reads the graph back instead of rebuilding it.
        self.engine.keep_graph().await;
        self.store.close().await;
        Ok(())
    }
}

/// The store for a command that may write: migrations applied (through the
/// owner's URL when given) and the audit key loaded or, for a SQLite file,
/// created beside it.
pub async fn open_store(config: &Config, max_connections: u32) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = &config.migrate_database_url {
        crate::store::migrate(url).await?;
    }
    let key = crate::auth::audit_key::resolve(config, true)?;
    crate::store::open_with_clock(
        &config.database_url,
        max_connections,
        key,
        config.clock.clone(),
    )
    .await
}

/// Loads the demo organisation through the same checks as any import.
pub async fn load_demo(
    store: &Arc<dyn Store>,
    seed: u64,
    people: usize,
    progress: &dyn Progress,
) -> anyhow::Result<ImportReport> {
    let org = demo::generate(seed, people, chrono::Utc::now().date_naive());
    let parsed = Parsed {
        skills: located("demo/skills.jsonl", org.skills),
        people: located("demo/people.jsonl", org.people),
        communities: located("demo/communities.jsonl", org.communities),
        evidence: located("demo/evidence.jsonl", org.evidence),
        interviews: vec![],
        errors: vec![],
    };
    let report = import::import_parsed(store, parsed, true, chrono::Utc::now(), progress).await?;
    if !report.rejected.is_empty() {
        anyhow::bail!(
            "the demo organisation has invalid records: {}",
            report.rejected[0]
        );
    }
    Ok(report)
}

fn located<T>(file: &str, records: Vec<T>) -> Vec<Located<T>> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| Located {
            file: file.to_string(),
            line: i + 1,
            record,
        })
        .collect()
}
