//! Credentials and granted roles.

use crate::store::error::missing;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{
    AuditEntry, AuditEvent, AuditHead, Endorsement, Role, Token, TokenKind, parse_scopes,
    scopes_text,
};

use crate::store::rows::EndorsementRow;

use super::{Erasure, SecurityStore, audit, erase};
use crate::store::sql::Sql;
use crate::store::{Backend, Exec, Result, SqlStore, StoreError};

const TOKEN_COLUMNS: &str = "id, name, kind, prefix, role, person_id, scopes, created_by, \
                             created_at, expires_at, last_used_at, revoked_at";

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: String,
    name: String,
    kind: String,
    prefix: String,
    role: String,
    person_id: Option<String>,
    scopes: String,
    created_by: Option<String>,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl TryFrom<TokenRow> for Token {
    type Error = StoreError;
    fn try_from(r: TokenRow) -> Result<Token> {
        let invalid = |e: crate::domain::Invalid| StoreError::Invalid(format!("stored token: {e}"));
        Ok(Token {
            kind: TokenKind::parse(&r.kind).map_err(invalid)?,
            role: Role::parse(&r.role).map_err(invalid)?,
            scopes: parse_scopes(&r.scopes).map_err(invalid)?,
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            person_id: r.person_id,
            created_by: r.created_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct IdRow {
    id: String,
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    person_id: String,
    role: String,
}

fn grants(rows: Vec<GrantRow>) -> Result<Vec<(String, Role)>> {
    rows.into_iter()
        .map(|r| {
            let role = Role::parse(&r.role)
                .map_err(|e| StoreError::Invalid(format!("stored role: {e}")))?;
            Ok((r.person_id, role))
        })
        .collect()
}

async fn tokens(
    c: &mut impl Exec,
    condition: &str,
    args: Vec<crate::store::sql::Arg>,
) -> Result<Vec<Token>> {
    let sql = Sql::with(
        &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE {condition}"),
        args,
    );
    c.rows::<TokenRow>(sql)
        .await?
        .into_iter()
        .map(Token::try_from)
        .collect()
}

#[async_trait]
impl<B: Backend> SecurityStore for SqlStore<B> {
    #[tracing::instrument(skip_all)]
    async fn create_token(
        &self,
        t: &Token,
        secret_hash: &str,
        event: &AuditEvent,
    ) -> Result<Token> {
        let mut tx = self.tx().await?;
        tx.execute(Sql::with(
            "INSERT INTO api_tokens (id, name, kind, prefix, secret_hash, role, person_id, scopes, \
             created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            [
                t.id.clone().into(),
                t.name.clone().into(),
                t.kind.as_str().into(),
                t.prefix.clone().into(),
                secret_hash.into(),
                t.role.as_str().into(),
                t.person_id.clone().into(),
                scopes_text(&t.scopes).into(),
                t.created_by.clone().into(),
                t.created_at.into(),
                t.expires_at.into(),
            ],
        ))
        .await
        .map_err(missing("the token's person"))?;
        audit::append(&mut tx, self.audit_key.as_ref(), event).await?;
        let stored = tokens(&mut tx, "id = $1", vec![t.id.clone().into()]).await?;
        tx.commit().await?;
        stored
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::not_found("token"))
    }

    #[tracing::instrument(skip_all)]
    async fn token_by_hash(&self, secret_hash: &str) -> Result<Option<Token>> {
        let mut c = self.conn().await?;
        Ok(tokens(&mut c, "secret_hash = $1", vec![secret_hash.into()])
            .await?
            .into_iter()
            .next())
    }

    #[tracing::instrument(skip_all)]
    async fn touch_token(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn()
            .await?
            .execute(Sql::with(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                [at.into(), id.into()],
            ))
            .await?;
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn api_tokens(&self) -> Result<Vec<Token>> {
        let mut c = self.conn().await?;
        let api = crate::store::sql::word(crate::domain::TokenKind::Api.as_str());
        let filter = format!("kind = {api} ORDER BY created_at DESC, id");
        tokens(&mut c, &filter, vec![]).await
    }

    #[tracing::instrument(skip_all)]
    async fn revoke_token(
        &self,
        id: &str,
        at: DateTime<Utc>,
        event: Option<&AuditEvent>,
    ) -> Result<Token> {
        let mut tx = self.tx().await?;
        tx.execute(Sql::with(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
            [at.into(), id.into()],
        ))
        .await?;
        let token = tokens(&mut tx, "id = $1", vec![id.into()])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::not_found(format!("token '{id}'")))?;
        if let Some(event) = event {
            audit::append(&mut tx, self.audit_key.as_ref(), event).await?;
        }
        tx.commit().await?;
        Ok(token)
    }

    #[tracing::instrument(skip_all)]
    async fn role_grants(&self, person_ids: &[String]) -> Result<Vec<(String, Role)>> {
        if person_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut sql = Sql::new("SELECT person_id, role FROM role_grants WHERE person_id IN ");
        sql.in_list(person_ids);
        grants(self.conn().await?.rows::<GrantRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn all_role_grants(&self) -> Result<Vec<(String, Role)>> {
        let sql = Sql::new("SELECT person_id, role FROM role_grants ORDER BY person_id, role");
        grants(self.conn().await?.rows::<GrantRow>(sql).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn set_role_grant(
        &self,
        person_id: &str,
        role: Role,
        grant: bool,
        event: &AuditEvent,
    ) -> Result<bool> {
        if role == Role::Employee {
            return Err(StoreError::Invalid(
                "everyone is an employee; grant hr or admin".into(),
            ));
        }
        let mut tx = self.tx().await?;
        let changed = if grant {
            tx.execute(Sql::with(
                "INSERT INTO role_grants (person_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (person_id, role) DO NOTHING",
                [person_id.into(), role.as_str().into(), event.actor.clone().into(), self.now().into()],
            ))
            .await
            .map_err(missing(format!("person '{person_id}'")))?
        } else {
            tx.execute(Sql::with(
                "DELETE FROM role_grants WHERE person_id = $1 AND role = $2",
                [person_id.into(), role.as_str().into()],
            ))
            .await?
        };
        if changed > 0 {
            audit::append(&mut tx, self.audit_key.as_ref(), event).await?;
        }
        tx.commit().await?;
        Ok(changed > 0)
    }

    #[tracing::instrument(skip_all)]
    async fn audit(&self, event: &AuditEvent) -> Result<AuditEntry> {
        let mut tx = self.tx().await?;
        let entry = audit::append(&mut tx, self.audit_key.as_ref(), event).await?;
        tx.commit().await?;
        Ok(entry)
    }

    #[tracing::instrument(skip_all)]
    async fn audit_page(
        &self,
        filter: &audit::AuditFilter,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let mut c = self.conn().await?;
        audit::page(&mut c, filter, before, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn audit_scan(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut c = self.conn().await?;
        audit::scan(&mut c, after, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn audit_head(&self) -> Result<AuditHead> {
        let mut c = self.conn().await?;
        audit::head(&mut c).await
    }

    #[tracing::instrument(skip_all)]
    async fn person_id_by_email(&self, email: &str) -> Result<Option<String>> {
        let sql = Sql::with(
            "SELECT id FROM people WHERE email = $1 OR email = $2 ORDER BY id LIMIT 1",
            [email.into(), email.to_lowercase().into()],
        );
        Ok(self
            .conn()
            .await?
            .rows::<IdRow>(sql)
            .await?
            .into_iter()
            .next()
            .map(|r| r.id))
    }

    #[tracing::instrument(skip_all)]
    async fn endorsements_given(&self, person_id: &str) -> Result<Vec<Endorsement>> {
        let sql = Sql::with(
            "SELECT person_id, skill_id, endorser_id, created_at FROM endorsements \
             WHERE endorser_id = $1 ORDER BY created_at, person_id, skill_id",
            [person_id.into()],
        );
        Ok(self
            .conn()
            .await?
            .rows::<EndorsementRow>(sql)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    #[tracing::instrument(skip_all)]
    async fn erase_person(&self, person_id: &str, event: &AuditEvent) -> Result<Erasure> {
        let mut tx = self.tx().await?;
        let erasure = erase::erase(&mut tx, person_id).await?;
        audit::append(&mut tx, self.audit_key.as_ref(), event).await?;
        tx.commit().await?;
        Ok(erasure)
    }
}
