//! Configuration, layered: defaults < optional TOML file < `TACIT_*` environment < flags.
//!
//! The environment and flag layers come from clap (each flag reads its `TACIT_*`
//! variable); this module merges them over the file and the defaults.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::auth::jwt::{ClientSecret, OidcConfig};
use crate::rank::RankConfig;
use crate::store::redact_url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings that may come from the TOML file; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database_url: Option<String>,
    /// The owner role's URL, used only to apply migrations (PostgreSQL: the
    /// server's own role may then be one that cannot change the schema).
    pub migrate_database_url: Option<String>,
    pub listen: Option<SocketAddr>,
    pub static_dir: Option<PathBuf>,
    pub log_format: Option<LogFormat>,
    pub max_connections: Option<u32>,
    pub body_limit_bytes: Option<usize>,
    pub request_timeout_secs: Option<u64>,
    /// Where the text index is kept between starts; default: beside a SQLite
    /// database file (`tacit.db.index/`), in memory for PostgreSQL.
    pub index_dir: Option<PathBuf>,
    /// `[ranking]`: restart probability, edge and seed weights, working hours.
    pub ranking: Option<RankConfig>,
    /// `[auth]`: OIDC sign-in and rate limits.
    pub auth: Option<AuthConfig>,
    /// `[harvest]`: how long interview records are kept.
    pub harvest: Option<crate::domain::Retention>,
    /// `[communities]`: whether employees' proposals wait for an admin.
    pub communities: Option<CommunitiesConfig>,
    /// `[http]`: the proxies in front of Tacit.
    pub http: Option<HttpConfig>,
    /// `[audit]`: where the audit chain's key is.
    pub audit: Option<AuditConfig>,
    /// `[contact]`: the contact actions people pages offer.
    pub contact: Option<ContactConfig>,
    /// `[replicas]`: how a server follows other servers' writes.
    pub replicas: Option<ReplicasConfig>,
    /// `[routing]`: how many people a question goes to, the fair share.
    pub routing: Option<crate::network::RoutingRules>,
    /// `[notify]`: e-mail and webhook notifications.
    pub notify: Option<crate::notify::NotifyConfig>,
}

/// `[replicas]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplicasConfig {
    /// How often the change log is read when nothing woke the server
    /// (milliseconds, default 1000): the fallback on PostgreSQL, and how
    /// another process's writes (an import) are found on SQLite.
    pub poll_interval_ms: Option<u64>,
    /// PostgreSQL: wake at once on every committed write of any server
    /// (LISTEN/NOTIFY), default true; false leaves only polling.
    pub notifications: Option<bool>,
}

/// `[contact]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactConfig {
    /// `[[contact.actions]]`: `label` and `url`, a link template with
    /// `{email}` and `{handle.<name>}` placeholders. Absent: e-mail only.
    pub actions: Option<Vec<crate::domain::contact::ContactActionConfig>>,
}

/// `[http]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    /// Networks of the proxies in front of Tacit (`["10.0.0.0/8"]`): only
    /// through them is `X-Forwarded-For` believed for the client's address.
    pub trusted_proxies: Option<Vec<crate::api::client::Cidr>>,
}

/// `[audit]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// A file holding the audit key (at least 32 bytes, e.g. 64 hex digits);
    /// keep it outside the database and its backups.
    pub key_file: Option<PathBuf>,
}

/// `[communities]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunitiesConfig {
    /// Proposals by employees wait for an admin's approval (default true);
    /// false lets them go live at once.
    pub proposals_need_approval: Option<bool>,
}

/// `[auth]` in the config file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// `[auth.oidc]`: accept bearer tokens from this identity provider and,
    /// with `client_id` and `redirect_url`, sign people in through it.
    pub oidc: Option<OidcConfig>,
    /// Requests a minute allowed per credential (or per address without one).
    pub rate_limit_per_minute: Option<u32>,
    /// How many requests may arrive at once before the per-minute rate applies.
    pub rate_limit_burst: Option<u32>,
}

impl FileConfig {
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read config file {}: {e}", path.display()))?;
        let file: FileConfig = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
        if let Some(ranking) = &file.ranking {
            ranking
                .check()
                .map_err(|e| anyhow::anyhow!("config file {}: [ranking] {e}", path.display()))?;
        }
        if let Some(routing) = &file.routing {
            routing
                .check()
                .map_err(|e| anyhow::anyhow!("config file {}: [routing] {e}", path.display()))?;
        }
        if let Some(notify) = &file.notify {
            notify
                .check()
                .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
        }
        if let Some(contact) = &file.contact {
            crate::domain::contact::templates(contact.actions.as_deref())
                .map_err(|e| anyhow::anyhow!("config file {}: [contact] {e}", path.display()))?;
        }
        Ok(file)
    }
}

/// The effective configuration.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    /// Migrations are applied through this URL (the owner role) when set.
    pub migrate_database_url: Option<String>,
    /// The audit key file; see [`crate::auth::audit_key::resolve`].
    pub audit_key_file: Option<PathBuf>,
    /// The audit key itself (`TACIT_AUDIT_KEY`).
    pub audit_key: Option<crate::domain::AuditKey>,
    pub listen: SocketAddr,
    pub static_dir: Option<PathBuf>,
    pub log_format: LogFormat,
    pub max_connections: u32,
    pub body_limit_bytes: usize,
    pub request_timeout: Duration,
    pub index_dir: Option<PathBuf>,
    pub ranking: RankConfig,
    pub oidc: Option<OidcConfig>,
    /// The development sign-in (`--dev-auth`): anyone may act as anyone.
    pub dev_auth: bool,
    pub rate_limit_per_minute: u32,
    pub rate_limit_burst: u32,
    /// Proxies whose `X-Forwarded-For` names the client (`[http] trusted_proxies`).
    pub trusted_proxies: Vec<crate::api::client::Cidr>,
    pub retention: crate::domain::Retention,
    /// Real time; tests move it forward to reach the end of a retention period.
    pub clock: crate::domain::Clock,
    pub proposals_need_approval: bool,
    /// Contact action templates (`[contact]`), checked.
    pub contact: Vec<crate::domain::contact::ContactTemplate>,
    /// How often the change log is read without a wake (`[replicas]`).
    pub poll_interval: Duration,
    /// Whether PostgreSQL notifications wake the follower (`[replicas]`).
    pub change_notifications: bool,
    /// `[routing]`.
    pub routing: crate::network::RoutingRules,
    /// `[notify]`.
    pub notify: crate::notify::NotifyConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://tacit.db".into(),
            migrate_database_url: None,
            audit_key_file: None,
            audit_key: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            static_dir: None,
            log_format: LogFormat::Text,
            max_connections: 8,
            body_limit_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            index_dir: None,
            ranking: RankConfig::default(),
            oidc: None,
            dev_auth: false,
            rate_limit_per_minute: 1200,
            rate_limit_burst: 200,
            trusted_proxies: vec![],
            retention: crate::domain::Retention::default(),
            clock: crate::domain::Clock::default(),
            proposals_need_approval: true,
            contact: crate::domain::contact::templates(None).unwrap_or_default(),
            poll_interval: Duration::from_secs(1),
            change_notifications: true,
            routing: crate::network::RoutingRules::default(),
            notify: crate::notify::NotifyConfig::default(),
        }
    }
}

/// Values given by flag or environment (clap merges those two).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub database_url: Option<String>,
    pub migrate_database_url: Option<String>,
    pub audit_key_file: Option<PathBuf>,
    pub audit_key: Option<crate::domain::AuditKey>,
    pub listen: Option<SocketAddr>,
    pub static_dir: Option<PathBuf>,
    pub log_format: Option<LogFormat>,
}

impl Config {
    pub fn layered(file: FileConfig, over: Overrides) -> Config {
        let d = Config::default();
        Config {
            database_url: over
                .database_url
                .or(file.database_url)
                .unwrap_or(d.database_url),
            migrate_database_url: over.migrate_database_url.or(file.migrate_database_url),
            audit_key_file: over.audit_key_file.or(file.audit.and_then(|a| a.key_file)),
            audit_key: over.audit_key,
            listen: over.listen.or(file.listen).unwrap_or(d.listen),
            static_dir: over.static_dir.or(file.static_dir),
            log_format: over.log_format.or(file.log_format).unwrap_or(d.log_format),
            max_connections: file.max_connections.unwrap_or(d.max_connections),
            body_limit_bytes: file.body_limit_bytes.unwrap_or(d.body_limit_bytes),
            request_timeout: file
                .request_timeout_secs
                .map_or(d.request_timeout, Duration::from_secs),
            index_dir: file.index_dir,
            ranking: file.ranking.unwrap_or(d.ranking),
            oidc: file
                .auth
                .as_ref()
                .and_then(|a| a.oidc.clone())
                .map(|o| with_secret(o, std::env::var(CLIENT_SECRET_ENV).ok())),
            dev_auth: false,
            rate_limit_per_minute: file
                .auth
                .as_ref()
                .and_then(|a| a.rate_limit_per_minute)
                .unwrap_or(d.rate_limit_per_minute),
            rate_limit_burst: file
                .auth
                .as_ref()
                .and_then(|a| a.rate_limit_burst)
                .unwrap_or(d.rate_limit_burst),
            trusted_proxies: file
                .http
                .and_then(|h| h.trusted_proxies)
                .unwrap_or(d.trusted_proxies),
            retention: file.harvest.unwrap_or(d.retention),
            clock: d.clock,
            proposals_need_approval: file
                .communities
                .and_then(|c| c.proposals_need_approval)
                .unwrap_or(d.proposals_need_approval),
            // Checked when the file was loaded.
            contact: file
                .contact
                .map(|c| {
                    crate::domain::contact::templates(c.actions.as_deref()).unwrap_or_default()
                })
                .unwrap_or(d.contact),
            poll_interval: file
                .replicas
                .as_ref()
                .and_then(|r| r.poll_interval_ms)
                // A zero period would spin (and tokio refuses it).
                .map_or(d.poll_interval, |ms| Duration::from_millis(ms.max(10))),
            change_notifications: file
                .replicas
                .and_then(|r| r.notifications)
                .unwrap_or(d.change_notifications),
            routing: file.routing.unwrap_or(d.routing),
            notify: file.notify.unwrap_or(d.notify),
        }
    }
}

/// The OIDC client secret, kept out of the config file.
pub const CLIENT_SECRET_ENV: &str = "TACIT_OIDC_CLIENT_SECRET";

/// `[auth.oidc]` with the client secret from the environment, when set.
fn with_secret(mut oidc: OidcConfig, secret: Option<String>) -> OidcConfig {
    if let Some(secret) = secret.filter(|s| !s.trim().is_empty()) {
        oidc.client_secret = Some(ClientSecret::new(secret.trim().to_string()));
    }
    oidc
}

impl Config {
    /// Refuses settings that would be unsafe together: the development
    /// sign-in (anyone may act as anyone) only on a loopback address, never
    /// behind a trusted proxy and never beside a real identity provider.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.dev_auth && !self.listen.ip().is_loopback() {
            anyhow::bail!(
                "--dev-auth lets anyone act as anyone, so it only listens on a loopback address (127.0.0.1 or ::1), not {}",
                self.listen.ip()
            );
        }
        if self.dev_auth && !self.trusted_proxies.is_empty() {
            anyhow::bail!(
                "--dev-auth cannot run behind a proxy ([http] trusted_proxies is set): a proxy on this host would carry anyone's request to the loopback address"
            );
        }
        if self.dev_auth && self.oidc.is_some() {
            anyhow::bail!(
                "--dev-auth cannot run beside an identity provider ([auth.oidc] is configured): it would let anyone bypass it"
            );
        }
        Ok(())
    }

    /// The text index folder: as configured, else beside a SQLite database file.
    pub fn index_dir(&self) -> Option<PathBuf> {
        if self.index_dir.is_some() {
            return self.index_dir.clone();
        }
        let path = self.sqlite_file()?;
        Some(PathBuf::from(format!("{}.index", path.display())))
    }

    /// The SQLite database file, when the database is one.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let path = self.database_url.strip_prefix("sqlite://")?;
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path.contains(":memory:") {
            return None;
        }
        Some(PathBuf::from(path))
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field(
                "migrate_database_url",
                &self.migrate_database_url.as_deref().map(redact_url),
            )
            .field("audit_key_file", &self.audit_key_file)
            .field("audit_key", &self.audit_key)
            .field("listen", &self.listen)
            .field("static_dir", &self.static_dir)
            .field("log_format", &self.log_format)
            .field("max_connections", &self.max_connections)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .field("request_timeout", &self.request_timeout)
            .field("index_dir", &self.index_dir)
            .field("ranking", &self.ranking)
            .field("oidc", &self.oidc)
            .field("dev_auth", &self.dev_auth)
            .field("rate_limit_per_minute", &self.rate_limit_per_minute)
            .field("retention", &self.retention)
            .field("contact", &self.contact)
            .field("poll_interval", &self.poll_interval)
            .field("change_notifications", &self.change_notifications)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_actions_are_checked_at_start_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tacit.toml");
        let write = |text: &str| std::fs::write(&path, text).expect("write");
        write(
            "[contact]\n[[contact.actions]]\nlabel = \"E-mail\"\nurl = \"mailto:{email}\"\n\
             [[contact.actions]]\nlabel = \"Slack\"\nurl = \"slack://user?team=T1&id={handle.slack}\"\n",
        );
        let file = FileConfig::load(&path).expect("a good [contact]");
        let config = Config::layered(file, Overrides::default());
        let labels: Vec<&str> = config.contact.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["E-mail", "Slack"]);
        write("[contact]\n[[contact.actions]]\nlabel = \"Run\"\nurl = \"javascript:alert(1)\"\n");
        let err = FileConfig::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("[contact]") && err.contains("javascript"),
            "{err}"
        );
        write(
            "[contact]\n[[contact.actions]]\nlabel = \"Chat\"\nurl = \"msteams:/l/chat/0/0?users={email}\"\n\
             [[contact.actions]]\nlabel = \"Chat\"\nurl = \"slack://user?team=T1&id={handle.slack}\"\n",
        );
        let err = FileConfig::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("[contact]") && err.contains("'Chat'") && err.contains("same label"),
            "{err}"
        );
        // No section: e-mail only.
        assert_eq!(Config::default().contact.len(), 1);
    }

    #[test]
    fn layers_apply_in_order() {
        let file: FileConfig =
            toml::from_str("database_url = \"sqlite://file.db\"\nmax_connections = 3")
                .unwrap_or_default();
        let c = Config::layered(file, Overrides::default());
        assert_eq!(c.database_url, "sqlite://file.db");
        assert_eq!(c.max_connections, 3);
        let file: FileConfig =
            toml::from_str("database_url = \"sqlite://file.db\"").unwrap_or_default();
        let c = Config::layered(
            file,
            Overrides {
                database_url: Some("sqlite://flag.db".into()),
                ..Default::default()
            },
        );
        assert_eq!(c.database_url, "sqlite://flag.db");
    }

    #[test]
    fn debug_hides_the_password() {
        let c = Config {
            database_url: "postgres://u:hunter2@h/db".into(),
            migrate_database_url: Some("postgres://owner:sw0rdfish@h/db".into()),
            audit_key: crate::domain::AuditKey::parse(&"secret-key-".repeat(4)).ok(),
            ..Config::default()
        };
        let text = format!("{c:?}");
        assert!(!text.contains("hunter2") && !text.contains("sw0rdfish"));
        assert!(!text.contains("secret-key"), "{text}");
    }

    #[test]
    fn the_audit_key_file_comes_from_the_file_unless_a_flag_says_otherwise() {
        let file: FileConfig =
            toml::from_str("[audit]\nkey_file = \"/etc/tacit/audit.key\"").unwrap_or_default();
        let c = Config::layered(file, Overrides::default());
        assert_eq!(
            c.audit_key_file,
            Some(PathBuf::from("/etc/tacit/audit.key"))
        );
        let file: FileConfig =
            toml::from_str("[audit]\nkey_file = \"/etc/tacit/audit.key\"").unwrap_or_default();
        let c = Config::layered(
            file,
            Overrides {
                audit_key_file: Some("/run/secrets/audit.key".into()),
                ..Default::default()
            },
        );
        assert_eq!(
            c.audit_key_file,
            Some(PathBuf::from("/run/secrets/audit.key"))
        );
    }

    #[test]
    fn the_client_secret_comes_from_the_environment_and_stays_hidden() {
        let file: FileConfig = toml::from_str(
            "[auth.oidc]\nissuer = \"https://id.example/\"\naudience = \"tacit\"\n\
             client_id = \"tacit\"\nclient_secret = \"from-file\"",
        )
        .unwrap_or_default();
        let oidc = file.auth.and_then(|a| a.oidc);
        let Some(oidc) = oidc else {
            panic!("[auth.oidc] is read");
        };
        let kept = with_secret(oidc.clone(), None);
        assert_eq!(
            kept.client_secret
                .map(|s| s.expose().to_string())
                .as_deref(),
            Some("from-file")
        );
        let over = with_secret(oidc, Some("from-env".into()));
        assert_eq!(
            over.client_secret.as_ref().map(ClientSecret::expose),
            Some("from-env")
        );
        let c = Config {
            oidc: Some(over),
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("from-env"));
    }

    #[test]
    fn unknown_file_keys_are_errors() {
        assert!(toml::from_str::<FileConfig>("databse_url = \"x\"").is_err());
    }

    #[test]
    fn replicas_poll_and_listen_unless_told_otherwise() {
        let d = Config::layered(FileConfig::default(), Overrides::default());
        assert_eq!(d.poll_interval, Duration::from_secs(1));
        assert!(d.change_notifications);
        let file: FileConfig =
            toml::from_str("[replicas]\npoll_interval_ms = 250\nnotifications = false\n").unwrap();
        let c = Config::layered(file, Overrides::default());
        assert_eq!(c.poll_interval, Duration::from_millis(250));
        assert!(!c.change_notifications);
        // Zero would spin; it is taken as the shortest period allowed.
        let file: FileConfig = toml::from_str("[replicas]\npoll_interval_ms = 0\n").unwrap();
        assert_eq!(
            Config::layered(file, Overrides::default()).poll_interval,
            Duration::from_millis(10)
        );
        assert!(toml::from_str::<FileConfig>("[replicas]\npoll = 1\n").is_err());
    }
}
