use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use tokio::net::TcpListener;

use crate::config::Config;

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. Default 127.0.0.1:8080.
    #[arg(long, env = "TACIT_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Serve the built web app from this folder (e.g. frontend/dist).
    #[arg(long, env = "TACIT_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,
    /// Load the demo organisation when the database has no people yet.
    #[arg(long)]
    pub demo_if_empty: bool,
    /// Seed for the demo organisation.
    #[arg(long, default_value_t = 42)]
    pub demo_seed: u64,
    /// Development sign-in: anyone may pick any person and role. Never on real data.
    #[arg(long, env = "TACIT_DEV_AUTH")]
    pub dev_auth: bool,
    /// Requests a minute per credential (default 1200, or `[auth]` in the config file).
    #[arg(long, env = "TACIT_RATE_LIMIT_PER_MINUTE")]
    pub rate_limit_per_minute: Option<u32>,
}

pub async fn run(mut config: Config, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    config.dev_auth = args.dev_auth;
    if let Some(rate) = args.rate_limit_per_minute {
        config.rate_limit_per_minute = rate;
    }
    if config.dev_auth {
        tracing::warn!(
            "DEVELOPMENT SIGN-IN IS ON (--dev-auth): anyone who can reach this server can act as anyone; never use it with real data"
        );
    }
    let app = crate::App::build(&config).await?;
    if args.demo_if_empty && app.is_empty().await? {
        tracing::info!("empty database: loading the demo organisation");
        let report =
            crate::load_demo(&app.store, args.demo_seed, 300, &crate::import::Quiet).await?;
        tracing::info!(records = report.accepted, "demo organisation loaded");
        app.engine.sync().await?;
    }
    let listener = TcpListener::bind(config.listen).await?;
    tracing::info!(
        address = %listener.local_addr()?,
        database = %crate::store::redact_url(&config.database_url),
        startup_ms = started.elapsed().as_millis() as u64,
        "tacit is listening"
    );
    app.serve(listener, shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
