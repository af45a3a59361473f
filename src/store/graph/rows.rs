//! Row shapes of the graph reads.

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

#[derive(sqlx::FromRow)]
pub struct ChangeRow {
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
}

#[derive(sqlx::FromRow)]
pub struct InstanceRow {
    pub id: String,
}

#[derive(sqlx::FromRow)]
pub struct SeqRow {
    pub seq: i64,
}

/// One chunk of packed rows (see `packed.rs`).
#[derive(sqlx::FromRow)]
pub struct PackRow {
    pub packed: Option<String>,
}
