//! Sub-commands of the `tacit` binary.

mod dispose;
mod eval;
mod import;
mod security;
mod serve;
mod tune;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{Config, FileConfig, LogFormat, Overrides};

/// Tacit: find the colleague who knows, and keep what leavers know.
#[derive(Debug, Parser)]
#[command(name = "tacit", version, about)]
pub struct Cli {
    /// `sqlite://PATH` (created if missing) or `postgres://USER@HOST/DB`. Default `sqlite://tacit.db`.
    #[arg(
        long,
        global = true,
        env = "TACIT_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// The owner role's URL, used only to apply migrations (PostgreSQL; see docs/audit.md).
    #[arg(
        long,
        global = true,
        env = "TACIT_MIGRATE_DATABASE_URL",
        hide_env_values = true
    )]
    pub migrate_database_url: Option<String>,
    /// File holding the audit key (or TACIT_AUDIT_KEY holds the key). Default for SQLite: `<database>.audit-key`.
    #[arg(long, global = true, env = "TACIT_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,
    /// Optional TOML file with the same settings; flags and TACIT_* variables win over it.
    #[arg(long, global = true, env = "TACIT_CONFIG")]
    pub config: Option<PathBuf>,
    /// `text` for people, `json` for log collectors.
    #[arg(long, global = true, env = "TACIT_LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the web app.
    Serve(serve::ServeArgs),
    /// Apply pending database migrations (through --migrate-database-url when given) and exit.
    Migrate,
    /// Print the GraphQL schema (SDL).
    Schema {
        /// Write it to schema/schema.graphql instead of printing it.
        #[arg(long)]
        write: bool,
    },
    /// Load the demo organisation into the database.
    Demo(DemoArgs),
    /// Import people, skills, communities and evidence files (see FORMATS.md).
    Import(import::ImportArgs),
    /// Score the ranking against relevance judgments: MRR, P@1, nDCG@10, recall@100.
    Eval(eval::EvalArgs),
    /// Learn the [ranking] settings from judgments by cross-validation; writes them as TOML.
    Tune(tune::TuneArgs),
    /// Measure start-up, memory and ranking speed on a large generated organisation.
    Bench(crate::bench::BenchArgs),
    /// API tokens: create (prints the secret once), list, revoke.
    #[command(subcommand)]
    Token(security::TokenCommand),
    /// The audit log: verify its hash chain.
    #[command(subcommand)]
    Audit(security::AuditCommand),
    /// Dispose of interview records whose retention has ended (`--due`), with certificates.
    Dispose(dispose::DisposeArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// The same seed always builds the same organisation.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How many people; 100,000 builds the benchmark organisation.
    #[arg(long, default_value_t = 300)]
    pub people: usize,
    /// Write the organisation as import files (FORMATS.md) into this folder instead of loading it.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

impl Cli {
    /// The effective configuration: defaults < TOML file < environment < flags.
    pub fn config(
        &self,
        listen: Option<SocketAddr>,
        static_dir: Option<PathBuf>,
    ) -> anyhow::Result<Config> {
        let file = match &self.config {
            Some(path) => FileConfig::load(path)?,
            None => FileConfig::default(),
        };
        let audit_key = match std::env::var(crate::auth::audit_key::AUDIT_KEY_ENV) {
            Ok(text) if !text.trim().is_empty() => {
                Some(crate::domain::AuditKey::parse(&text).map_err(|e| {
                    anyhow::anyhow!("{}: {e}", crate::auth::audit_key::AUDIT_KEY_ENV)
                })?)
            }
            _ => None,
        };
        Ok(Config::layered(
            file,
            Overrides {
                database_url: self.database_url.clone(),
                migrate_database_url: self.migrate_database_url.clone(),
                audit_key_file: self.audit_key_file.clone(),
                audit_key,
                listen,
                static_dir,
                log_format: self.log_format,
            },
        ))
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let (listen, static_dir) = match &cli.command {
        Command::Serve(a) => (a.listen, a.static_dir.clone()),
        _ => (None, None),
    };
    let config = cli.config(listen, static_dir)?;
    crate::telemetry::init(config.log_format);
    tracing::debug!(?config, "configuration");
    match cli.command {
        Command::Serve(args) => serve::run(config, args).await,
        Command::Migrate => {
            let url = config
                .migrate_database_url
                .as_deref()
                .unwrap_or(&config.database_url);
            let backend = crate::store::migrate(url).await?;
            println!("migrations applied ({backend})");
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Schema { write } => {
            let sdl = crate::api::graphql::sdl();
            if write {
                std::fs::create_dir_all("schema")?;
                std::fs::write(crate::SCHEMA_PATH, &sdl)?;
                eprintln!("wrote {}", crate::SCHEMA_PATH);
            } else {
                print!("{sdl}");
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Demo(DemoArgs {
            seed,
            people,
            out: Some(dir),
        }) => {
            crate::demo::write_files(&dir, seed, people, chrono::Utc::now().date_naive())?;
            eprintln!(
                "wrote skills.jsonl, people.jsonl, communities.jsonl, evidence.jsonl, \
                 queries.jsonl and qrels.txt to {}",
                dir.display()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Demo(args) => {
            let store = crate::open_store(&config, 4).await?;
            let report = crate::load_demo(
                &store,
                args.seed,
                args.people,
                &import::progress_for_terminal(),
            )
            .await?;
            eprintln!(
                "demo organisation loaded: {} records, {} rows changed",
                report.accepted,
                report.changed.total()
            );
            store.close().await;
            Ok(std::process::ExitCode::SUCCESS)
        }
        Command::Import(args) => import::run(config, args).await,
        Command::Eval(args) => eval::run(config, args).await,
        Command::Tune(args) => tune::run(config, args).await,
        Command::Token(c) => security::token(config, c).await,
        Command::Audit(c) => security::audit(config, c).await,
        Command::Dispose(args) => dispose::run(config, args).await,
        Command::Bench(args) => {
            let report = crate::bench::run(&config, &args).await?;
            if args.json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                print!("{}", report.table());
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}
