//! A webhook for chat connectors: the notification's JSON is POSTed with
//! `X-Tacit-Signature: sha256=<hex HMAC-SHA256 of the body>` under a shared
//! secret (from `secret_file`, else `TACIT_WEBHOOK_SECRET`; never in the
//! config file itself), so the receiver can tell it came from Tacit and was
//! not changed.

use serde::Deserialize;

use chrono::{DateTime, Utc};

use super::Failure;
use crate::domain::{Outgoing, hex};

pub const SECRET_ENV: &str = "TACIT_WEBHOOK_SECRET";
pub const SIGNATURE_HEADER: &str = "x-tacit-signature";

/// `[notify.webhook]` in the config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// `https://…` (or `http://` to this host).
    pub url: String,
    /// A file holding the shared secret (at least 16 characters); without
    /// it, the secret is read from `TACIT_WEBHOOK_SECRET`.
    pub secret_file: Option<std::path::PathBuf>,
}

impl WebhookConfig {
    pub fn check(&self) -> anyhow::Result<()> {
        let url = reqwest::Url::parse(&self.url)
            .map_err(|e| anyhow::anyhow!("[notify.webhook] url '{}': {e}", self.url))?;
        let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        match url.scheme() {
            "https" => Ok(()),
            "http" if local => Ok(()),
            _ => anyhow::bail!(
                "[notify.webhook] url must be https:// (or http:// to this host), not '{}'",
                self.url
            ),
        }
    }
}

/// `sha256=` and the hex HMAC-SHA256 of `body` under `secret`.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret) else {
        unreachable!("HMAC accepts keys of any length")
    };
    mac.update(body);
    format!("sha256={}", hex(&mac.finalize().into_bytes()))
}

/// What the receiver's answer means: sent, worth another try (busy,
/// late, down), or refused for good (the request itself is wrong).
fn outcome(s: reqwest::StatusCode) -> Result<(), Failure> {
    let why = format!("the webhook answered {s}");
    match s.as_u16() {
        200..=299 => Ok(()),
        408 | 425 | 429 => Err(Failure::temporary(why)),
        400..=499 => Err(Failure::permanent(why)),
        _ => Err(Failure::temporary(why)),
    }
}

pub struct Webhook {
    url: String,
    secret: Vec<u8>,
    client: reqwest::Client,
}

impl Webhook {
    pub fn new(c: &WebhookConfig) -> anyhow::Result<Webhook> {
        c.check()?;
        let secret = match &c.secret_file {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!("[notify.webhook] secret_file {}: {e}", path.display())
            })?,
            None => std::env::var(SECRET_ENV).unwrap_or_default(),
        };
        if secret.trim().len() < 16 {
            anyhow::bail!(
                "[notify.webhook] needs a shared secret of at least 16 characters, in secret_file or {SECRET_ENV}"
            );
        }
        Ok(Webhook {
            url: c.url.clone(),
            secret: secret.trim().as_bytes().to_vec(),
            client: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                // A redirect would send the signed message somewhere unchecked.
                .redirect(reqwest::redirect::Policy::none())
                .build()?,
        })
    }

    /// Sends `o`, its body stamped with the delivery's id and the time, so
    /// the signature covers both: a receiver drops repeats and stale replays.
    pub async fn send(&self, o: &Outgoing, now: DateTime<Utc>) -> Result<(), Failure> {
        let mut doc: serde_json::Value = serde_json::from_str(&o.notification.body)
            .map_err(|e| Failure::permanent(format!("the stored message is not JSON: {e}")))?;
        doc["delivery"] = serde_json::json!(o.id);
        doc["sentAt"] = serde_json::json!(now.to_rfc3339());
        let body = doc.to_string().into_bytes();
        let res = self
            .client
            .post(&self.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signature(&self.secret, &body))
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::temporary(format!("the webhook: {e}")))?;
        outcome(res.status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_for_good_are_not_retried() {
        let permanent = |code: u16| {
            outcome(reqwest::StatusCode::from_u16(code).unwrap_or_default())
                .map_err(|f| f.permanent)
        };
        assert_eq!(permanent(204), Ok(()));
        assert_eq!(permanent(400), Err(true));
        assert_eq!(permanent(404), Err(true));
        assert_eq!(permanent(429), Err(false));
        assert_eq!(permanent(408), Err(false));
        assert_eq!(permanent(503), Err(false));
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn only_https_or_plain_http_to_this_host() {
        let ok = |u: &str| {
            WebhookConfig {
                url: u.into(),
                secret_file: None,
            }
            .check()
            .is_ok()
        };
        assert!(ok("https://hooks.example.org/x"));
        assert!(ok("http://127.0.0.1:9000/hook"));
        assert!(ok("http://localhost/hook"));
        assert!(!ok("http://localhost.evil.com/hook"));
        assert!(!ok("http://127.0.0.1.nip.io/hook"));
        assert!(!ok("ftp://example.org"));
        assert!(!ok("not a url"));
    }
}
