//! Erasure of a person on request: their profile and everything that hangs
//! off it leave the store, and the graph is told in the same transaction.

use serde::Serialize;

use crate::store::graph::{self, Entity};
use crate::store::sql::Sql;
use crate::store::{Exec, Result, StoreError};

/// What an erasure removed, for the caller and the audit log.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Erasure {
    pub skills: i64,
    pub endorsements_received: i64,
    pub endorsements_given: i64,
    pub memberships: i64,
    pub authored: i64,
    pub credentials: i64,
    pub reports_unlinked: i64,
    /// Interview records about them, kept under records retention (unlinked
    /// from the person, with the leaver's name) until their disposal.
    pub interviews_retained: i64,
    /// Topics they were named successor for, removed.
    pub successor_namings: i64,
}

#[derive(sqlx::FromRow)]
struct CountRow {
    n: i64,
}

async fn count(c: &mut impl Exec, from_where: &str, id: &str) -> Result<i64> {
    let sql = Sql::with(
        &format!("SELECT COUNT(*) AS n FROM {from_where}"),
        [id.into()],
    );
    Ok(c.rows::<CountRow>(sql).await?.first().map_or(0, |r| r.n))
}

pub(crate) async fn erase(c: &mut impl Exec, id: &str) -> Result<Erasure> {
    if count(c, "people WHERE id = $1", id).await? == 0 {
        return Err(StoreError::not_found(format!("person '{id}'")));
    }
    let erasure = Erasure {
        skills: count(c, "person_skills WHERE person_id = $1", id).await?,
        endorsements_received: count(c, "endorsements WHERE person_id = $1", id).await?,
        endorsements_given: count(c, "endorsements WHERE endorser_id = $1", id).await?,
        memberships: count(c, "community_members WHERE person_id = $1", id).await?,
        authored: count(c, "evidence_authors WHERE person_id = $1", id).await?,
        credentials: count(c, "api_tokens WHERE person_id = $1", id).await?,
        reports_unlinked: count(c, "people WHERE manager_id = $1", id).await?,
        interviews_retained: count(c, "interviews WHERE person_id = $1", id).await?,
        successor_namings: count(c, "interview_successors WHERE person_id = $1", id).await?,
    };
    // Everything whose edges change: the person, whoever they endorsed or
    // managed, the communities they were in and the documents they wrote.
    graph::note(c, Entity::Person, [id]).await?;
    for (entity, select) in [
        (
            Entity::Person,
            "SELECT person_id AS id FROM endorsements WHERE endorser_id = $1",
        ),
        (
            Entity::Person,
            "SELECT id FROM people WHERE manager_id = $1",
        ),
        (
            Entity::Community,
            "SELECT community_id AS id FROM community_members WHERE person_id = $1",
        ),
        (
            Entity::Evidence,
            "SELECT evidence_id AS id FROM evidence_authors WHERE person_id = $1",
        ),
        (
            Entity::Interview,
            "SELECT interview_id AS id FROM interview_successors WHERE person_id = $1",
        ),
        (
            Entity::Interview,
            "SELECT id FROM interviews WHERE person_id = $1",
        ),
    ] {
        graph::note_selected(c, entity, select, vec![id.into()]).await?;
    }
    c.execute(Sql::with(
        "UPDATE people SET manager_id = NULL WHERE manager_id = $1",
        [id.into()],
    ))
    .await?;
    // Who proposed, invited, decided, granted or issued something: forgotten.
    // (The audit log, disposal certificates, disposal requests and who placed
    // a hold keep the actor's id: they are the organisation's accountability
    // records, kept under their own retention. Names are looked up when read,
    // so once the person is gone they read "Erased person" beside the id.)
    let actor = format!("person:{id}");
    for (update, key) in [
        (
            "communities SET proposed_by = NULL WHERE proposed_by = $1",
            id,
        ),
        (
            "community_requests SET invited_by = NULL WHERE invited_by = $1",
            id,
        ),
        (
            "community_requests SET decided_by = NULL WHERE decided_by = $1",
            &actor,
        ),
        (
            "role_grants SET granted_by = NULL WHERE granted_by = $1",
            &actor,
        ),
        (
            "api_tokens SET created_by = NULL WHERE created_by = $1",
            &actor,
        ),
    ] {
        c.execute(Sql::with(&format!("UPDATE {update}"), [key.into()]))
            .await?;
    }
    // Messages to them (by address or, for webhooks, by id) go too.
    #[derive(sqlx::FromRow)]
    struct EmailRow {
        email: Option<String>,
    }
    let email = c
        .rows::<EmailRow>(Sql::with(
            "SELECT email FROM people WHERE id = $1",
            [id.into()],
        ))
        .await?
        .into_iter()
        .next()
        .and_then(|r| r.email);
    let recipients: Vec<String> = std::iter::once(id.to_string()).chain(email).collect();
    crate::store::outbox::forget_recipients(c, &recipients).await?;
    // Skills, endorsements, memberships, authorship, credentials, granted
    // roles, their SCIM account and their questions, routes and answers go
    // with the row (ON DELETE CASCADE).
    c.execute(Sql::with("DELETE FROM people WHERE id = $1", [id.into()]))
        .await?;
    Ok(erasure)
}
