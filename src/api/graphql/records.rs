//! Records governance through GraphQL (HR): disposal requests waiting for a
//! second person, and every record on hold.

use async_graphql::{Context, Object};
use chrono::{DateTime, Utc};

use crate::domain;
use crate::error::ApiResult;

use super::State;
use super::authz::principal;
use super::enums::{DisposalKind, DisposalRequestStatus};
use super::interviews::{Access, Interview};
use super::names::{name_of, name_of_opt};
use super::query::page_size;
use super::types::loaders;

/// A request to destroy part of an interview record early: one HR or admin
/// person asks, with a reason; another approves or rejects.
pub struct DisposalRequest(pub domain::DisposalRequest);

#[Object]
impl DisposalRequest {
    async fn id(&self) -> &str {
        &self.0.id
    }
    /// The record it is about.
    async fn interview(&self, ctx: &Context<'_>) -> ApiResult<Option<Interview>> {
        let found = loaders(ctx)?
            .interview
            .load_one(self.0.interview_id.clone())
            .await?;
        Ok(found.map(|i| Interview {
            i,
            access: Access::Hr,
        }))
    }
    async fn kind(&self) -> DisposalKind {
        self.0.kind.into()
    }
    /// For SHORTEN: the record's new period in days from completion.
    async fn retention_days(&self) -> Option<i64> {
        self.0.retention_days.map(i64::from)
    }
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn status(&self) -> DisposalRequestStatus {
        self.0.status.into()
    }
    /// As the audit log names actors (`person:ID`).
    async fn requested_by(&self) -> &str {
        &self.0.requested_by
    }
    async fn requested_by_name(&self, ctx: &Context<'_>) -> ApiResult<String> {
        name_of(ctx, &self.0.requested_by).await
    }
    async fn requested_at(&self) -> DateTime<Utc> {
        self.0.requested_at
    }
    async fn decided_by(&self) -> Option<&str> {
        self.0.decided_by.as_deref()
    }
    async fn decided_by_name(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        name_of_opt(ctx, self.0.decided_by.as_deref()).await
    }
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }
    /// The decider's note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Whether the caller may approve or reject it: pending, and they did
    /// not ask for it.
    async fn can_decide(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        Ok(self
            .0
            .may_decide(&principal(ctx)?.actor(), domain::Decision::Approve)
            .is_ok())
    }
    /// Whether the caller may withdraw it: pending, and they asked for it.
    async fn can_withdraw(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        Ok(self
            .0
            .may_decide(&principal(ctx)?.actor(), domain::Decision::Withdraw)
            .is_ok())
    }
    /// What happens next and who can do it, in words.
    async fn next_step(&self) -> &'static str {
        self.0.next_step()
    }
}

#[derive(Default)]
pub struct RecordsQuery;

#[Object]
impl RecordsQuery {
    /// Disposal requests, newest first: those waiting for a decision by
    /// default (HR).
    async fn disposal_requests(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Some(DisposalRequestStatus::Pending)")] status: Option<
            DisposalRequestStatus,
        >,
        #[graphql(default = 50)] first: i32,
    ) -> ApiResult<Vec<DisposalRequest>> {
        let first = page_size(first)?;
        let found = State::of(ctx)?
            .store
            .disposal_requests(status.map(Into::into), None, first)
            .await?;
        Ok(found.into_iter().map(DisposalRequest).collect())
    }

    /// Every interview record on hold, most recently held first, with who
    /// placed the hold and why (HR).
    async fn records_on_hold(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> ApiResult<Vec<Interview>> {
        let first = page_size(first)?;
        let held = State::of(ctx)?.store.held_interviews(first).await?;
        Ok(held
            .into_iter()
            .map(|i| Interview {
                i,
                access: Access::Hr,
            })
            .collect())
    }
}
