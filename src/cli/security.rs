//! `tacit token …` and `tacit audit verify`: how the first admin and scripts
//! get in, and how anyone with database access checks the audit log.

use std::process::ExitCode;

use clap::Subcommand;

use crate::access::tokens;
use crate::auth::{self, Principal};
use crate::config::Config;
use crate::domain::{PersonId, Role, Scope};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it (once; only its hash is kept).
    Create {
        /// employee, hr or admin.
        #[arg(long)]
        role: String,
        /// The person the token acts as (external id), if any.
        #[arg(long)]
        person: Option<String>,
        /// What it is for, e.g. "HR system sync".
        #[arg(long)]
        name: String,
        /// read, write (repeat for both; default both).
        #[arg(long = "scope")]
        scopes: Vec<String>,
        /// Days until it stops working; never when absent.
        #[arg(long)]
        expires_days: Option<i64>,
    },
    /// List API tokens (never their secrets).
    List,
    /// Revoke a token by id (`tok-…`).
    Revoke { id: String },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the chain with the audit key; exits 1 and names the first broken entry if any.
    Verify,
}

pub async fn token(config: Config, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(&config, 2).await?;
    let system = Principal::system();
    match command {
        TokenCommand::Create {
            role,
            person,
            name,
            scopes,
            expires_days,
        } => {
            let role = Role::parse(&role)?;
            let scopes = if scopes.is_empty() {
                vec![Scope::Read, Scope::Write]
            } else {
                scopes
                    .iter()
                    .map(|s| Scope::parse(s))
                    .collect::<Result<_, _>>()?
            };
            let new = tokens::NewToken {
                name,
                role,
                person_id: person
                    .as_deref()
                    .map(PersonId::parse)
                    .transpose()?
                    .map(String::from),
                scopes,
                expires_in_days: expires_days,
            };
            let (secret, token) = tokens::create(&store, &config.clock, &system, new).await?;
            eprintln!(
                "created {} ({} role{}); copy the token now, it is not shown again:",
                token.id,
                token.role.as_str(),
                token
                    .person_id
                    .as_ref()
                    .map(|p| format!(", acting as {p}"))
                    .unwrap_or_default()
            );
            println!("{secret}");
        }
        TokenCommand::List => {
            for t in store.api_tokens().await? {
                let state = if t.live(config.clock.now()) {
                    "active"
                } else {
                    "revoked/expired"
                };
                println!(
                    "{}\t{}…\t{}\t{}\t{}\t{}",
                    t.id,
                    t.prefix,
                    t.role.as_str(),
                    t.person_id.as_deref().unwrap_or("-"),
                    state,
                    t.name
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let t = tokens::revoke(store.as_ref(), &config.clock, &system, &id).await?;
            eprintln!("revoked {} ({})", t.id, t.name);
        }
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(config: Config, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify = command;
    // Verifying never creates a key: a missing one is reported as such.
    let key = auth::audit_key::resolve(&config, false)?;
    let store = crate::store::open(&config.database_url, 2, key).await?;
    let report = auth::chain::verify(store.as_ref()).await?;
    store.close().await;
    if report.unkeyed() > 0 {
        println!(
            "entries 1-{} predate the audit key and are only SHA-256 chained",
            report.unkeyed()
        );
    }
    match (&report.first_broken, &report.reason) {
        (Some(seq), reason) => {
            eprintln!(
                "audit log BROKEN at entry {seq}: {} ({} entries checked)",
                reason.as_deref().unwrap_or("unknown"),
                report.checked
            );
            Ok(ExitCode::from(1))
        }
        _ => {
            println!(
                "audit log intact: {} entries, head {}",
                report.checked, report.head_seq
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
