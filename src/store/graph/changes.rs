//! The change log: which graph entities each committed write touched.

use super::rows::{ChangeRow, InstanceRow, SeqRow};
use crate::store::sql::Sql;
use crate::store::{Exec, Result, StoreError};

/// A kind of entity the graph holds; `All` asks for a full rebuild (bulk loads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Person,
    Skill,
    Community,
    Evidence,
    Interview,
    All,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Person => "person",
            Entity::Skill => "skill",
            Entity::Community => "community",
            Entity::Evidence => "evidence",
            Entity::Interview => "interview",
            Entity::All => "all",
        }
    }

    fn parse(s: &str) -> Entity {
        match s {
            "person" => Entity::Person,
            "skill" => Entity::Skill,
            "community" => Entity::Community,
            "evidence" => Entity::Evidence,
            "interview" => Entity::Interview,
            // Anything unknown (a newer server's entry) is safest as a rebuild.
            _ => Entity::All,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub entity: Entity,
    pub id: String,
}

/// Notes, inside the caller's transaction, that these entities changed.
pub(crate) async fn note<'a>(
    c: &mut impl Exec,
    entity: Entity,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    let ids: Vec<&str> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("INSERT INTO graph_changes (entity, entity_id)");
    sql.values(ids, |id| vec![entity.as_str().into(), id.into()]);
    c.execute(sql).await?;
    Ok(())
}

pub(super) async fn last_seq(c: &mut impl Exec) -> Result<i64> {
    let rows: Vec<SeqRow> = c
        .rows(Sql::new(
            "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) AS seq FROM graph_changes",
        ))
        .await?;
    Ok(rows.first().map_or(0, |r| r.seq))
}

/// This database's random id (set when it was created).
pub(super) async fn instance(c: &mut impl Exec) -> Result<String> {
    let rows: Vec<InstanceRow> = c.rows(Sql::new("SELECT id FROM store_instance")).await?;
    rows.into_iter()
        .next()
        .map(|r| r.id)
        .ok_or_else(|| StoreError::not_found("the database's instance id"))
}

pub(super) async fn since(c: &mut impl Exec, seq: i64, limit: i64) -> Result<Vec<Change>> {
    let rows: Vec<ChangeRow> = c
        .rows(Sql::with(
            "SELECT seq, entity, entity_id FROM graph_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
            [seq.into(), limit.into()],
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Change {
            seq: r.seq,
            entity: Entity::parse(&r.entity),
            id: r.entity_id,
        })
        .collect())
}

/// Notes every entity a query selects (as column `id`, placeholders from `$1`),
/// inside the caller's transaction.
pub(crate) async fn note_selected(
    c: &mut impl Exec,
    entity: Entity,
    select: &str,
    args: Vec<crate::store::sql::Arg>,
) -> Result<()> {
    let text = format!(
        "INSERT INTO graph_changes (entity, entity_id) SELECT '{}', x.id FROM ({select}) x",
        entity.as_str()
    );
    c.execute(Sql::with(&text, args)).await?;
    Ok(())
}
