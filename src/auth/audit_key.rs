//! Where the audit key comes from: `TACIT_AUDIT_KEY`, a key file
//! (`--audit-key-file`, `TACIT_AUDIT_KEY_FILE`, `[audit] key_file`), or, for a
//! SQLite database file and nothing configured, `<database>.audit-key` beside
//! it, created with mode 0600 on first start. The key is never stored in the
//! database. See `docs/audit.md`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::config::Config;
use crate::domain::AuditKey;

/// The environment variable that may hold the key itself.
pub const AUDIT_KEY_ENV: &str = "TACIT_AUDIT_KEY";

/// The configured key. With `create`, a SQLite database file without a
/// configured key gets one generated beside it; PostgreSQL without one is an
/// error. Without `create` (verification), a missing key is `None`.
pub fn resolve(config: &Config, create: bool) -> anyhow::Result<Option<AuditKey>> {
    match (&config.audit_key, &config.audit_key_file) {
        (Some(_), Some(file)) => anyhow::bail!(
            "both {AUDIT_KEY_ENV} and an audit key file ({}) are set; keep one",
            file.display()
        ),
        (Some(key), None) => return Ok(Some(key.clone())),
        (None, Some(file)) => return read(file).map(Some),
        (None, None) => {}
    }
    let url = &config.database_url;
    let Some(path) = default_file(config) else {
        if url.starts_with("sqlite:") {
            // An in-memory database is gone when the process ends; so is its key.
            return Ok(Some(AuditKey::parse(&AuditKey::generate_text())?));
        }
        if create {
            anyhow::bail!(
                "no audit key: with PostgreSQL set TACIT_AUDIT_KEY_FILE (or [audit] key_file, \
                 or {AUDIT_KEY_ENV}) to a file holding at least 32 random bytes, e.g. \
                 `openssl rand -hex 32 > tacit-audit.key`; see docs/audit.md"
            );
        }
        return Ok(None);
    };
    if path.exists() {
        return read(&path).map(Some);
    }
    if !create {
        return Ok(None);
    }
    generate(&path).map(Some)
}

/// `<database file>.audit-key`, for a SQLite database file.
pub fn default_file(config: &Config) -> Option<PathBuf> {
    let db = config.sqlite_file()?;
    let mut name = db.into_os_string();
    name.push(".audit-key");
    Some(PathBuf::from(name))
}

fn read(path: &Path) -> anyhow::Result<AuditKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the audit key file {}", path.display()))?;
    warn_if_shared(path);
    AuditKey::parse(&text).with_context(|| format!("audit key file {}", path.display()))
}

fn generate(path: &Path) -> anyhow::Result<AuditKey> {
    let text = AuditKey::generate_text();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(file) => file,
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return read(path),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot create the audit key file {}", path.display()));
        }
    };
    file.write_all(format!("{text}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the audit key file {}", path.display()))?;
    tracing::warn!(
        path = %path.display(),
        "generated a new audit key (mode 0600); the audit log cannot be verified without it: \
         back it up apart from the database, and for production keep it outside the \
         database's folder (TACIT_AUDIT_KEY_FILE)"
    );
    Ok(AuditKey::parse(&text)?)
}

#[cfg(unix)]
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            "the audit key file can be read by other users; chmod 600 it"
        );
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(dir: &Path) -> Config {
        Config {
            database_url: format!("sqlite://{}", dir.join("t.db").display()),
            ..Config::default()
        }
    }

    #[test]
    fn a_sqlite_file_gets_a_private_key_beside_it_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let config = sqlite(dir.path());
        assert!(
            matches!(resolve(&config, false), Ok(None)),
            "reading creates nothing"
        );
        let first = resolve(&config, true).ok().flatten();
        let path = dir.path().join("t.db.audit-key");
        assert!(path.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map(|m| m.permissions().mode());
            assert_eq!(mode.ok().map(|m| m & 0o777), Some(0o600));
        }
        let again = resolve(&config, false).ok().flatten();
        assert!(
            first.is_some() && first == again,
            "the same key on the next start"
        );
    }

    #[test]
    fn postgres_without_a_key_is_refused_and_both_sources_conflict() {
        let config = Config {
            database_url: "postgres://u@h/db".into(),
            ..Config::default()
        };
        let err = resolve(&config, true).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("TACIT_AUDIT_KEY_FILE")));
        assert!(matches!(resolve(&config, false), Ok(None)));
        let both = Config {
            audit_key: AuditKey::parse(&"k".repeat(32)).ok(),
            audit_key_file: Some("/nonexistent".into()),
            ..config
        };
        assert!(resolve(&both, true).is_err());
    }
}
