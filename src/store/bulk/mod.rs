//! Bulk upsert for imports: many rows per statement, one transaction, and a
//! count of rows that actually changed (so a repeated import reports zero).

use async_trait::async_trait;
use tracing::instrument;

use crate::domain::{Community, CommunityRole, Level, Office, Person, Skill, SkillKey};

use super::evidence::NewEvidence;

mod indexes;
mod kinds;
use super::graph::{self, Entity};
use super::rows::{CountRow, PairRow};
use super::sql::{Arg, Dialect, Sql, json_array};
use super::{Backend, Exec, Result, SqlStore};
use kinds::{import_communities, import_evidence, import_people, import_skills};

/// SQLite allows 32,766 parameters per statement; stay well below.
const MAX_PARAMS: usize = 30_000;

/// Rows sent as one JSON document per bulk statement.
const ROWS_PER_STATEMENT: usize = 10_000;

/// A person to import, with their self-declared skills when the record lists them.
#[derive(Debug, Clone)]
pub struct ImportPerson {
    pub person: Person,
    pub skills: Option<Vec<(String, Level)>>,
    /// Replaces the stored handles when given.
    pub handles: Option<std::collections::BTreeMap<String, String>>,
}

/// A skill to import with its aliases (replacing the stored ones when given) and related skills (added).
#[derive(Debug, Clone)]
pub struct ImportSkill {
    pub skill: Skill,
    pub aliases: Option<Vec<String>>,
    pub related_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ImportCommunity {
    pub community: Community,
    pub skill_ids: Option<Vec<String>>,
    pub members: Option<Vec<(String, CommunityRole)>>,
}

/// An interview record held elsewhere, with its questions, topics and successors.
#[derive(Debug, Clone)]
pub struct ImportInterview {
    pub interview: crate::domain::Interview,
    pub questions: Vec<crate::domain::Question>,
    pub topics: Vec<String>,
    pub successors: Vec<crate::domain::Successor>,
}

/// Validated records whose references all resolve, ready to write in one transaction.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub offices: Vec<Office>,
    pub skills: Vec<ImportSkill>,
    pub people: Vec<ImportPerson>,
    pub communities: Vec<ImportCommunity>,
    pub evidence: Vec<NewEvidence>,
    pub interviews: Vec<ImportInterview>,
    /// People whose e-mail address the batch changes, for the audit log.
    pub email_changes: Vec<String>,
}

/// Rows that changed, per kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    pub offices: u64,
    pub skills: u64,
    pub people: u64,
    pub communities: u64,
    pub evidence: u64,
    pub interviews: u64,
    /// Skills, memberships, authors, tags and aliases added, changed or removed.
    pub links: u64,
}

impl ImportCounts {
    pub fn total(&self) -> u64 {
        self.offices
            + self.skills
            + self.people
            + self.communities
            + self.evidence
            + self.interviews
            + self.links
    }
}

#[async_trait]
pub trait BulkStore {
    /// Writes the whole batch in one transaction.
    async fn import_batch(&self, batch: &ImportBatch) -> Result<ImportCounts>;
    /// Every skill name and alias key with its skill id.
    async fn skill_keys(&self) -> Result<Vec<(String, String)>>;
    /// `(office name key, office id)` for every office.
    async fn office_keys(&self) -> Result<Vec<(String, String)>>;
    /// Ids of the given people that exist.
    async fn existing_people(&self, ids: &[String]) -> Result<Vec<String>>;
    /// `(email, person id)` for the given e-mail addresses already in use.
    async fn emails_in_use(&self, emails: &[String]) -> Result<Vec<(String, String)>>;
    /// `(person id, email or "")` for those of the given people who exist.
    async fn emails_of_people(&self, ids: &[String]) -> Result<Vec<(String, String)>>;
    /// `(name key, community id)` for every community.
    async fn community_keys(&self) -> Result<Vec<(String, String)>>;
}

/// `INSERT .. ON CONFLICT DO UPDATE .. WHERE something differs`.
struct Upsert<'a> {
    table: &'a str,
    columns: &'a [&'a str],
    conflict: &'a [&'a str],
    /// Columns compared and overwritten on conflict.
    update: &'a [&'a str],
    /// A column set on update but not compared (e.g. `updated_at`).
    touch: Option<&'a str>,
}

impl Upsert<'_> {
    /// Writes `rows` and returns how many were inserted or changed. Many rows
    /// into an empty table are appended without comparing ([`Exec::copy_in`]);
    /// many rows into a filled PostgreSQL table are copied into a temporary
    /// table first and upserted from it in one statement.
    async fn run(&self, c: &mut impl Exec, rows: Vec<Vec<Arg>>) -> Result<u64> {
        if rows.len() >= COPY_FROM && self.keys_are_unique(&rows) {
            if is_empty(c, self.table).await? {
                return c.copy_in(self.table, self.columns, &rows).await;
            }
            if c.dialect() == Dialect::Postgres && may_stage(c).await? {
                return self.staged(c, &rows).await;
            }
        }
        per_chunk(c, &rows, |select| self.statement(select)).await
    }

    /// The upsert reading its rows from `select`.
    fn statement(&self, select: &str) -> String {
        // `WHERE true` lets SQLite tell the upsert clause from a join.
        format!(
            "INSERT INTO {} ({}) {select} WHERE true ON CONFLICT ({}) DO {}",
            self.table,
            self.columns.join(", "),
            self.conflict.join(", "),
            self.on_conflict(),
        )
    }

    /// PostgreSQL: `COPY` into a temporary table shaped like this one, then one upsert from it.
    async fn staged(&self, c: &mut impl Exec, rows: &[Vec<Arg>]) -> Result<u64> {
        let stage = format!("import_{}", self.table);
        let columns = self.columns.join(", ");
        c.execute(Sql::new(&format!(
            "CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS SELECT {columns} FROM {} WITH NO DATA",
            self.table
        )))
        .await?;
        c.copy_in(&stage, self.columns, rows).await?;
        let changed = c
            .execute(Sql::new(
                &self.statement(&format!("SELECT {columns} FROM {stage}")),
            ))
            .await?;
        c.execute(Sql::new(&format!("DROP TABLE {stage}"))).await?;
        Ok(changed)
    }

    /// Whether no two rows share a conflict key, so that inserting them all at
    /// once does what upserting them one after another would. Tells by hash:
    /// a collision only sends the rows the slower way.
    fn keys_are_unique(&self, rows: &[Vec<Arg>]) -> bool {
        use std::hash::BuildHasher;
        let Some(at) = self
            .conflict
            .iter()
            .map(|k| self.columns.iter().position(|c| c == k))
            .collect::<Option<Vec<usize>>>()
        else {
            return false;
        };
        let hasher = std::collections::hash_map::RandomState::new();
        let mut seen = std::collections::HashSet::with_capacity(rows.len());
        rows.iter().all(|r| {
            let key: Vec<Option<&Arg>> = at.iter().map(|&i| r.get(i)).collect();
            seen.insert(hasher.hash_one(key))
        })
    }

    /// `NOTHING`, or an update of the compared columns when one of them differs.
    fn on_conflict(&self) -> String {
        if self.update.is_empty() {
            return "NOTHING".into();
        }
        let mut sets: Vec<String> = self
            .update
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        sets.extend(self.touch.map(|t| format!("{t} = excluded.{t}")));
        let differs: Vec<String> = self
            .update
            .iter()
            .map(|c| format!("{}.{c} IS DISTINCT FROM excluded.{c}", self.table))
            .collect();
        format!(
            "UPDATE SET {} WHERE {}",
            sets.join(", "),
            differs.join(" OR ")
        )
    }
}

/// At least this many rows are worth the statements of the `COPY` paths.
const COPY_FROM: usize = 1_000;

/// Whether `table` holds no rows.
async fn is_empty(c: &mut impl Exec, table: &str) -> Result<bool> {
    let rows: Vec<CountRow> = c
        .rows(Sql::new(&format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {table} LIMIT 1) x"
        )))
        .await?;
    Ok(rows.first().is_none_or(|r| r.n == 0))
}

/// Whether this PostgreSQL role may create temporary tables (the server role
/// of docs/postgres-roles.sql is given the right; without it, rows go by JSON).
async fn may_stage(c: &mut impl Exec) -> Result<bool> {
    let rows: Vec<CountRow> = c
        .rows(Sql::new(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n \
             WHERE has_database_privilege(current_database(), 'TEMPORARY')",
        ))
        .await?;
    Ok(rows.first().is_some_and(|r| r.n > 0))
}

/// Runs `statement(select)` once per chunk of `rows`, where `select` reads the
/// chunk's rows from one bound JSON document ([`Dialect::json_rows`]); returns
/// the rows changed.
async fn per_chunk(
    c: &mut impl Exec,
    rows: &[Vec<Arg>],
    statement: impl Fn(&str) -> String,
) -> Result<u64> {
    let Some(sample) = rows.first() else {
        return Ok(0);
    };
    // Columns with one value in every row (times, a source) are bound once
    // instead of being read from each row's JSON: most of a bulk insert's
    // time in SQLite goes to taking rows apart.
    let shared: Vec<bool> = (0..sample.len())
        .map(|i| rows.iter().all(|r| r.get(i) == sample.get(i)))
        .collect();
    let once: Vec<Arg> = sample
        .iter()
        .zip(&shared)
        .filter(|(_, s)| **s)
        .map(|(a, _)| a.clone())
        .collect();
    let text = statement(&c.dialect().json_rows(sample, &shared));
    let mut chunks = rows.chunks(ROWS_PER_STATEMENT);
    let mut next = chunks.next().map(|chunk| json_array(chunk, &shared));
    let mut changed = 0;
    while let Some(json) = next.take() {
        let args = std::iter::once(json.into()).chain(once.iter().cloned());
        // The next chunk's JSON is written while the database reads this one.
        let (done, following) = tokio::join!(c.execute(Sql::with(&text, args)), async {
            chunks.next().map(|chunk| json_array(chunk, &shared))
        });
        changed += done?;
        next = following;
    }
    Ok(changed)
}

/// SQLite's [`Exec::copy_in`]: plain inserts, a JSON document per chunk of rows.
pub(super) async fn insert_rows(
    c: &mut impl Exec,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Arg>],
) -> Result<u64> {
    let head = format!("INSERT INTO {table} ({})", columns.join(", "));
    per_chunk(c, rows, |select| format!("{head} {select}")).await
}

/// Deletes the link rows of `owners` that are not in `keep` (pairs of `(owner, other)`).
async fn delete_stale(
    c: &mut impl Exec,
    table: &str,
    (owner_col, other_col): (&str, &str),
    extra: &str,
    owners: &[String],
    keep: &[(String, String)],
) -> Result<u64> {
    let mut kept_by_owner: std::collections::HashMap<&str, Vec<&str>> =
        std::collections::HashMap::new();
    for (o, x) in keep {
        kept_by_owner
            .entry(o.as_str())
            .or_default()
            .push(x.as_str());
    }
    let mut removed = 0;
    let mut start = 0;
    while start < owners.len() {
        // Owners go together while their kept pairs fit in one statement.
        let (mut end, mut params) = (start, 0);
        while end < owners.len() {
            let n = 1 + 2 * kept_by_owner.get(owners[end].as_str()).map_or(0, Vec::len);
            if end > start && params + n > MAX_PARAMS {
                break;
            }
            params += n;
            end += 1;
        }
        let group = &owners[start..end];
        let mut sql = Sql::new(&format!("DELETE FROM {table} WHERE {owner_col} IN "));
        sql.in_list(group).push(extra);
        let mut first = true;
        for o in group {
            for x in kept_by_owner.get(o.as_str()).into_iter().flatten() {
                if first {
                    sql.push(&format!(" AND ({owner_col}, {other_col}) NOT IN (VALUES ("));
                } else {
                    sql.push(", (");
                }
                sql.bind(o.as_str()).push(", ").bind(*x).push(")");
                first = false;
            }
        }
        if !first {
            sql.push(")");
        }
        removed += c.execute(sql).await?;
        start = end;
    }
    Ok(removed)
}

/// Below this many records a batch notes each entity; above, one full rebuild is cheaper.
const NOTE_EACH_UP_TO: usize = 1_000;

/// Tells running servers what changed. Offices and skills touch many other
/// entities (office names on people, related pairs owned by other skills), so
/// batches with them, like large batches, ask for a rebuild.
async fn note_changes(c: &mut impl Exec, batch: &ImportBatch) -> Result<()> {
    let records = batch.people.len()
        + batch.skills.len()
        + batch.communities.len()
        + batch.evidence.len()
        + batch.interviews.len();
    if records == 0 {
        return Ok(());
    }
    if records > NOTE_EACH_UP_TO || !batch.offices.is_empty() || !batch.skills.is_empty() {
        return graph::note(c, Entity::All, ["*"]).await;
    }
    graph::note(
        c,
        Entity::Person,
        batch.people.iter().map(|p| p.person.id.as_str()),
    )
    .await?;
    graph::note(
        c,
        Entity::Community,
        batch.communities.iter().map(|x| x.community.id.as_str()),
    )
    .await?;
    graph::note(
        c,
        Entity::Evidence,
        batch.evidence.iter().map(|e| e.evidence.id.as_str()),
    )
    .await?;
    graph::note(
        c,
        Entity::Interview,
        batch.interviews.iter().map(|i| i.interview.id.as_str()),
    )
    .await
}

#[async_trait]
impl<B: Backend> BulkStore for SqlStore<B> {
    #[instrument(skip_all, fields(people = batch.people.len(), evidence = batch.evidence.len()))]
    async fn import_batch(&self, batch: &ImportBatch) -> Result<ImportCounts> {
        let now = self.now();
        let mut tx = self.tx().await?;
        let mut counts = ImportCounts::default();
        if tx.dialect() == Dialect::Sqlite && batch.people.len() > 1_000 {
            // Index inserts in key order of another column (person skills by
            // skill) miss SQLite's default 2 MB page cache on every row; a
            // large import gets up to 256 MB (used only as pages are read).
            tx.execute(Sql::new("PRAGMA cache_size = -262144")).await?;
        }

        counts.offices = Upsert {
            table: "offices",
            columns: &[
                "id",
                "name",
                "name_key",
                "country",
                "timezone",
                "created_at",
                "updated_at",
            ],
            conflict: &["id"],
            update: &["name", "name_key", "country", "timezone"],
            touch: Some("updated_at"),
        }
        .run(
            &mut tx,
            batch
                .offices
                .iter()
                .map(|o| {
                    vec![
                        o.id.clone().into(),
                        o.name.clone().into(),
                        SkillKey::of(&o.name).into_string().into(),
                        o.country.clone().into(),
                        o.timezone.clone().into(),
                        now.into(),
                        now.into(),
                    ]
                })
                .collect(),
        )
        .await?;

        let t = std::time::Instant::now();
        let ms = |t: &mut std::time::Instant| {
            let ms = t.elapsed().as_millis() as u64;
            *t = std::time::Instant::now();
            ms
        };
        let mut t = t;
        counts.skills = import_skills(&mut tx, &batch.skills, &mut counts.links, now).await?;
        tracing::debug!(ms = ms(&mut t), "import: skills written");
        let mut aside = indexes::SetAside::default();
        let person_skills = batch
            .people
            .iter()
            .map(|p| p.skills.as_ref().map_or(0, Vec::len))
            .sum();
        indexes::set_aside(&mut tx, "people", batch.people.len(), &mut aside).await?;
        indexes::set_aside(&mut tx, "person_skills", person_skills, &mut aside).await?;
        counts.people = import_people(&mut tx, &batch.people, &mut counts.links, now).await?;
        tracing::debug!(ms = ms(&mut t), "import: people written");
        indexes::rebuild(&mut tx, aside).await?;
        tracing::debug!(ms = ms(&mut t), "import: indexes built");
        let mut aside = indexes::SetAside::default();
        let members = batch
            .communities
            .iter()
            .map(|c| c.members.as_ref().map_or(0, Vec::len))
            .sum();
        let (authors, tags) = batch.evidence.iter().fold((0, 0), |(a, t), e| {
            (a + e.author_ids.len(), t + e.skill_ids.len())
        });
        indexes::set_aside(&mut tx, "community_members", members, &mut aside).await?;
        indexes::set_aside(&mut tx, "evidence", batch.evidence.len(), &mut aside).await?;
        indexes::set_aside(&mut tx, "evidence_authors", authors, &mut aside).await?;
        indexes::set_aside(&mut tx, "evidence_tags", tags, &mut aside).await?;
        counts.communities =
            import_communities(&mut tx, &batch.communities, &mut counts.links, now).await?;
        counts.evidence = import_evidence(&mut tx, &batch.evidence, &mut counts.links, now).await?;
        indexes::rebuild(&mut tx, aside).await?;
        counts.interviews =
            super::interviews::import(&mut tx, &batch.interviews, &mut counts.links).await?;
        tracing::debug!(
            ms = ms(&mut t),
            "import: communities, evidence and interviews written"
        );
        note_changes(&mut tx, batch).await?;
        tx.commit().await?;
        tracing::debug!(ms = ms(&mut t), "import: committed");
        Ok(counts)
    }

    #[tracing::instrument(skip_all)]
    async fn skill_keys(&self) -> Result<Vec<(String, String)>> {
        let sql = Sql::new(
            "SELECT name_key AS a, id AS b FROM skills UNION ALL SELECT alias_key, skill_id FROM skill_aliases",
        );
        let rows: Vec<PairRow> = self.conn().await?.rows(sql).await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn office_keys(&self) -> Result<Vec<(String, String)>> {
        let rows: Vec<PairRow> = self
            .conn()
            .await?
            .rows(Sql::new("SELECT name_key AS a, id AS b FROM offices"))
            .await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }

    #[tracing::instrument(skip_all)]
    async fn existing_people(&self, ids: &[String]) -> Result<Vec<String>> {
        Ok(
            pairs_in(&mut self.conn().await?, "id", "id", "people", "id", ids)
                .await?
                .into_iter()
                .map(|p| p.0)
                .collect(),
        )
    }

    #[tracing::instrument(skip_all)]
    async fn emails_in_use(&self, emails: &[String]) -> Result<Vec<(String, String)>> {
        pairs_in(
            &mut self.conn().await?,
            "email",
            "id",
            "people",
            "email",
            emails,
        )
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn emails_of_people(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        pairs_in(
            &mut self.conn().await?,
            "id",
            "COALESCE(email, '')",
            "people",
            "id",
            ids,
        )
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn community_keys(&self) -> Result<Vec<(String, String)>> {
        let rows: Vec<PairRow> = self
            .conn()
            .await?
            .rows(Sql::new("SELECT name_key AS a, id AS b FROM communities"))
            .await?;
        Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
    }
}

/// `(a, b)` columns of the rows whose `key` is in `values`, in chunks.
async fn pairs_in(
    c: &mut impl Exec,
    a: &str,
    b: &str,
    table: &str,
    key: &str,
    values: &[String],
) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    for chunk in values.chunks(10_000) {
        let mut sql = Sql::new(&format!(
            "SELECT {a} AS a, {b} AS b FROM {table} WHERE {key} IN "
        ));
        sql.in_list(chunk);
        found.extend(
            c.rows::<PairRow>(sql)
                .await?
                .into_iter()
                .map(|r| (r.a, r.b)),
        );
    }
    Ok(found)
}
