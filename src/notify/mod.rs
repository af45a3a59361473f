//! Sending what the network has to say: e-mail through an SMTP relay
//! (`[notify.smtp]`) and a signed webhook (`[notify.webhook]`, for Teams or
//! Slack connectors). Messages wait in the store's outbox, written with the
//! change they tell of; [`spawn`] sends them in the background and retries
//! with backoff, so a slow or broken relay never holds a request.

mod smtp;
mod webhook;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::domain::{Channel, Clock, Outgoing};
use crate::store::Store;

pub use smtp::SmtpConfig;
pub use webhook::{WebhookConfig, signature};

/// `[notify]` in the config file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// Where people open Tacit (`https://tacit.example.org`), for links in
    /// messages.
    pub public_url: Option<String>,
    pub smtp: Option<SmtpConfig>,
    pub webhook: Option<WebhookConfig>,
}

impl NotifyConfig {
    /// Refuses settings that could never send.
    pub fn check(&self) -> anyhow::Result<()> {
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            anyhow::bail!("[notify] public_url must start with https:// or http://, not '{url}'");
        }
        if let Some(s) = &self.smtp {
            s.check()?;
        }
        if let Some(w) = &self.webhook {
            w.check()?;
        }
        Ok(())
    }
}

/// How many times a message is tried before it is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is this server's to send: longer than a
/// whole batch can take (20 messages, at most 20 s each).
const LEASE_SECS: i64 = 600;
/// Sent and given-up messages are forgotten after this many days.
const KEEP_DAYS: i64 = 30;

/// When to try again after `attempts` failures: 5 s, 10 s, 20 s, … at most
/// an hour; `None` once [`MAX_ATTEMPTS`] are spent.
pub fn retry_at(now: DateTime<Utc>, attempts: i64) -> Option<DateTime<Utc>> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let secs = (5_i64 << attempts.clamp(0, 20)).min(3600);
    Some(now + Duration::seconds(secs))
}

/// Why a message did not go out; a permanent failure (the relay refused
/// the address for good, the webhook said the request is wrong) is not
/// tried again.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub permanent: bool,
    pub why: String,
}

impl Failure {
    pub fn temporary(why: impl Into<String>) -> Self {
        Failure {
            permanent: false,
            why: why.into(),
        }
    }

    pub fn permanent(why: impl Into<String>) -> Self {
        Failure {
            permanent: true,
            why: why.into(),
        }
    }
}

/// The configured channels.
pub struct Notifier {
    smtp: Option<smtp::Smtp>,
    webhook: Option<webhook::Webhook>,
}

impl Notifier {
    pub fn new(config: &NotifyConfig) -> anyhow::Result<Notifier> {
        Ok(Notifier {
            smtp: config.smtp.as_ref().map(smtp::Smtp::new).transpose()?,
            webhook: config
                .webhook
                .as_ref()
                .map(webhook::Webhook::new)
                .transpose()?,
        })
    }

    async fn send(&self, o: &Outgoing, now: DateTime<Utc>) -> Result<(), Failure> {
        let n = &o.notification;
        match n.channel {
            Channel::Email => match &self.smtp {
                Some(s) => s.send(n).await,
                None => Err(Failure::temporary("no [notify.smtp] is configured")),
            },
            Channel::Webhook => match &self.webhook {
                Some(w) => w.send(o, now).await,
                None => Err(Failure::temporary("no [notify.webhook] is configured")),
            },
        }
    }

    /// Sends what is due now; returns how many went out.
    pub async fn send_due(&self, store: &dyn Store, clock: &Clock) -> crate::store::Result<usize> {
        let now = clock.now();
        let due = store
            .claim_notifications(now, Duration::seconds(LEASE_SECS), 20)
            .await?;
        let mut sent = 0;
        for o in due {
            match self.send(&o, clock.now()).await {
                Ok(()) => {
                    store.notification_sent(o.id, clock.now()).await?;
                    sent += 1;
                }
                Err(e) => {
                    let attempts = o.attempts + 1;
                    let retry = match e.permanent {
                        true => None,
                        false => retry_at(clock.now(), attempts),
                    };
                    tracing::warn!(id = o.id, attempts, permanent = e.permanent, error = %e.why, "a notification could not be sent");
                    store
                        .notification_failed(o.id, clock.now(), retry, &e.why)
                        .await?;
                }
            }
        }
        Ok(sent)
    }
}

/// Sends the outbox every `every` while the server runs.
pub fn spawn(
    store: Arc<dyn Store>,
    notifier: Notifier,
    clock: Clock,
    every: StdDuration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pruned: Option<DateTime<Utc>> = None;
        loop {
            tick.tick().await;
            if let Err(e) = notifier.send_due(&*store, &clock).await {
                tracing::warn!(error = %e, "cannot read the notification outbox");
            }
            let now = clock.now();
            if pruned.is_none_or(|at| now - at > Duration::hours(1)) {
                pruned = Some(now);
                if let Err(e) = store
                    .prune_notifications(now - Duration::days(KEEP_DAYS))
                    .await
                {
                    tracing::warn!(error = %e, "cannot prune the notification outbox");
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop() {
        let now = Utc::now();
        let gaps: Vec<i64> = (0..MAX_ATTEMPTS)
            .map(|a| retry_at(now, a).map_or(-1, |t| (t - now).num_seconds()))
            .collect();
        assert_eq!(gaps, [5, 10, 20, 40, 80, 160, 320, 640]);
        assert_eq!(retry_at(now, MAX_ATTEMPTS), None);
    }
}
