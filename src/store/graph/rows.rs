//! Row shapes of the graph reads.

#[derive(sqlx::FromRow)]
pub struct PersonNodeRow {
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    pub status: String,
    pub discoverable: bool,
    pub office_id: Option<String>,
    pub office: Option<String>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub manager_id: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct SkillNodeRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub broader_id: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct CommunityNodeRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

/// A labelled link.
#[derive(sqlx::FromRow)]
pub struct TripleRow {
    pub a: String,
    pub b: String,
    pub c: String,
}

#[derive(sqlx::FromRow)]
pub struct ChangeRow {
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
}

#[derive(sqlx::FromRow)]
pub struct SeqRow {
    pub seq: i64,
}

/// An owner with its links aggregated into one text (see `Dialect::text_agg`).
#[derive(sqlx::FromRow)]
pub struct AggRow {
    pub a: String,
    pub b: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct EvidenceAggRow {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub body: String,
    pub authors: Option<String>,
    pub tags: Option<String>,
}
