//! E-mail through an SMTP relay (lettre). The password comes from the
//! environment (`TACIT_SMTP_PASSWORD`), never from the config file.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

use super::Failure;
use crate::domain::Notification;

pub const PASSWORD_ENV: &str = "TACIT_SMTP_PASSWORD";

/// `[notify.smtp]` in the config file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    /// Default 587 (STARTTLS); 465 for `tls = "tls"`; 25 or any for `"none"`.
    pub port: Option<u16>,
    /// `Tacit <tacit@example.org>`.
    pub from: String,
    /// With the password in `TACIT_SMTP_PASSWORD`.
    pub username: Option<String>,
    /// `starttls` (default), `tls`, or `none` (only for a relay on this host).
    pub tls: Option<String>,
}

impl SmtpConfig {
    pub fn check(&self) -> anyhow::Result<()> {
        self.from
            .parse::<Mailbox>()
            .map_err(|e| anyhow::anyhow!("[notify.smtp] from '{}': {e}", self.from))?;
        match self.tls.as_deref().unwrap_or("starttls") {
            "starttls" | "tls" | "none" => Ok(()),
            other => {
                anyhow::bail!("[notify.smtp] tls must be starttls, tls or none, not '{other}'")
            }
        }
    }
}

pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(c: &SmtpConfig) -> anyhow::Result<Smtp> {
        c.check()?;
        let tls = c.tls.as_deref().unwrap_or("starttls");
        let mut builder = match tls {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)?,
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
            _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)?,
        };
        if let Some(port) = c.port {
            builder = builder.port(port);
        }
        if let Some(user) = &c.username {
            let password = std::env::var(PASSWORD_ENV).unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        builder = builder.timeout(Some(std::time::Duration::from_secs(20)));
        Ok(Smtp {
            transport: builder.build(),
            from: c.from.parse()?,
        })
    }

    pub async fn send(&self, n: &Notification) -> Result<(), Failure> {
        let to: Mailbox = n
            .recipient
            .parse()
            .map_err(|e| Failure::permanent(format!("the address '{}': {e}", n.recipient)))?;
        // Quoted-printable: any relay takes it, and it stays readable.
        let body =
            Body::new_with_encoding(n.body.clone(), ContentTransferEncoding::QuotedPrintable)
                .map_err(|_| Failure::permanent("the message cannot be encoded"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&n.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| Failure::permanent(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| Failure {
                // 5xx: the relay refuses this message for good.
                permanent: e.is_permanent(),
                why: format!("the SMTP relay: {e}"),
            })
    }
}
