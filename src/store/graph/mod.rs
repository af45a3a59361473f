//! What the knowledge graph and text index are built from: each entity with the
//! links it owns, read all at once at start-up or a few at a time after writes.
//!
//! Every link has one owner, so refreshing an entity replaces exactly its links:
//! a person owns its skills and manager, a skill its broader and related skills,
//! a community its skills and members, a piece of evidence its authors and tags,
//! a finished interview its leaver, topics and successors.

mod changes;
mod packed;
mod rows;

use std::collections::HashMap;

use async_trait::async_trait;
use tracing::instrument;

pub use changes::{Change, Entity};
pub(crate) use changes::{note, note_selected};
use rows::{CommunityNodeRow, SkillNodeRow};

use super::rows::{KeyCountRow, PairRow};
use super::sql::{Sql, split_agg};
use super::{Backend, Exec, Result, SqlStore};

/// A person as the graph sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonNode {
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
    /// `(skill, level, source, endorsements)`
    pub skills: Vec<(String, i32, String, i64)>,
    /// Their "ask me about" topics, as written.
    pub topics: Vec<String>,
    /// Skills the topics named when saved, that they do not hold otherwise:
    /// self-declared claims, weaker than a skill they keep.
    pub asked: Vec<String>,
    /// Their own working hours, when they gave them.
    pub hours: Option<crate::domain::WorkingHours>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SkillNode {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub broader_id: Option<String>,
    /// Related skills stored with this one as the lower id (each pair once).
    pub related: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommunityNode {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub skills: Vec<String>,
    /// `(person, role)`
    pub members: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceNode {
    pub id: String,
    pub kind: String,
    pub title: Option<String>,
    pub text: String,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
}

/// A finished (completed, published or disposed) interview as the graph sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewNode {
    pub id: String,
    /// `None` once the leaver was erased.
    pub leaver_id: Option<String>,
    pub leaver_name: String,
    pub published: bool,
    /// The published summary, while it is kept (for the text index).
    pub summary: Option<String>,
    pub topics: Vec<String>,
    /// `(successor, skill)`
    pub successors: Vec<(String, String)>,
}

/// Entities as stored. From [`GraphStore::graph_rows`] it is everything; from
/// [`GraphStore::graph_entities`] only those asked for that still exist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphRows {
    pub people: Vec<PersonNode>,
    pub skills: Vec<SkillNode>,
    pub communities: Vec<CommunityNode>,
    pub evidence: Vec<EvidenceNode>,
    pub interviews: Vec<InterviewNode>,
    /// The last change-log entry this picture includes.
    pub seq: i64,
}

impl GraphRows {
    pub fn len(&self) -> usize {
        self.people.len()
            + self.skills.len()
            + self.communities.len()
            + self.evidence.len()
            + self.interviews.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the entity is among these rows (they are sorted by id).
    pub fn contains(&self, entity: Entity, id: &str) -> bool {
        match entity {
            Entity::Person => self
                .people
                .binary_search_by(|p| p.id.as_str().cmp(id))
                .is_ok(),
            Entity::Skill => self
                .skills
                .binary_search_by(|s| s.id.as_str().cmp(id))
                .is_ok(),
            Entity::Community => self
                .communities
                .binary_search_by(|c| c.id.as_str().cmp(id))
                .is_ok(),
            Entity::Evidence => self
                .evidence
                .binary_search_by(|e| e.id.as_str().cmp(id))
                .is_ok(),
            Entity::Interview => self
                .interviews
                .binary_search_by(|i| i.id.as_str().cmp(id))
                .is_ok(),
            Entity::All => true,
        }
    }

    /// The entities named in `asked` that these rows (read for them) do not
    /// hold: the store deleted them.
    pub fn missing<'a>(
        &self,
        asked: &'a [(Entity, String)],
    ) -> impl Iterator<Item = &'a (Entity, String)> {
        asked.iter().filter(|(e, id)| !self.contains(*e, id))
    }
}

#[async_trait]
pub trait GraphStore {
    /// Everything, in one consistent read. Evidence texts (only the text index
    /// needs them, and it usually survives restarts) are left empty unless `texts`.
    async fn graph_rows(&self, texts: bool) -> Result<GraphRows>;
    /// `(evidence id, text)` for every piece of evidence, by id.
    async fn evidence_texts(&self) -> Result<Vec<(String, String)>>;
    /// The named entities that exist, with their links; absent ones were deleted.
    async fn graph_entities(&self, keys: &[(Entity, String)]) -> Result<GraphRows>;
    /// Change-log entries after `seq`, oldest first, at most `limit`.
    async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>>;
    /// A random id this database was given when it was created.
    async fn instance_id(&self) -> Result<String>;
    /// The newest change-log entry's number (0 for none).
    async fn last_change(&self) -> Result<i64>;
}

/// `WHERE column IN (ids)` when reading some entities, nothing when reading all.
fn select(text: &str, column: &str, ids: Option<&[String]>) -> Sql {
    let mut sql = Sql::new(text);
    if let Some(ids) = ids {
        sql.push(&format!(" WHERE {column} IN ")).in_list(ids);
    }
    sql
}

fn group<T>(pairs: Vec<(String, T)>) -> HashMap<String, Vec<T>> {
    let mut map: HashMap<String, Vec<T>> = HashMap::new();
    for (k, v) in pairs {
        map.entry(k).or_default().push(v);
    }
    map
}

async fn pairs(c: &mut impl Exec, sql: Sql) -> Result<Vec<(String, String)>> {
    let rows: Vec<PairRow> = c.rows(sql).await?;
    Ok(rows.into_iter().map(|r| (r.a, r.b)).collect())
}

async fn people(c: &mut impl Exec, ids: Option<&[String]>) -> Result<Vec<PersonNode>> {
    let d = c.dialect();
    let fs = d.field_sep();
    let item = format!("ps.skill_id || {fs} || CAST(ps.level AS TEXT) || {fs} || ps.source");
    // Endorsements are few: counted in one pass, not looked up for every skill held.
    let mut counts = select(
        &format!("SELECT person_id || {fs} || skill_id AS a, COUNT(*) AS n FROM endorsements"),
        "person_id",
        ids,
    );
    counts.push(" GROUP BY person_id, skill_id");
    // person -> skill -> endorsements, looked up by `&str` without building keys.
    let mut by_person: HashMap<String, HashMap<String, i64>> = HashMap::new();
    for r in c.rows::<KeyCountRow>(counts).await? {
        if let Some((person, skill)) = r.a.split_once('\u{1e}') {
            by_person
                .entry(person.to_string())
                .or_default()
                .insert(skill.to_string(), r.n);
        }
    }
    let sql = select(
        &format!(
            "SELECT p.id AS c0, p.name AS c1, p.title AS c2, p.status AS c3, \
             CASE WHEN p.discoverable THEN '1' ELSE '0' END AS c4, p.office_id AS c5, o.name AS c6, \
             p.country AS c7, p.timezone AS c8, p.manager_id AS c9, \
             (SELECT {} FROM person_skills ps WHERE ps.person_id = p.id) AS c10, \
             pp.ask_me_about AS c11, pp.ask_skill_ids AS c12, pp.work_start AS c13, \
             pp.work_end AS c14, CAST(pp.work_days AS TEXT) AS c15 \
             FROM people p LEFT JOIN offices o ON o.id = p.office_id \
             LEFT JOIN person_profiles pp ON pp.person_id = p.id",
            d.text_agg(&item)
        ),
        "p.id",
        ids,
    );
    packed::rows(c, sql, 16, move |mut r| {
        let endorsed = r[0].as_deref().and_then(|p| by_person.get(p));
        let skills = split_agg(r[10].as_deref())
            .filter_map(|item| {
                let mut f = item.split('\u{1e}');
                let (skill, level, source) = (f.next()?, f.next()?, f.next()?);
                let n = endorsed.and_then(|m| m.get(skill)).copied().unwrap_or(0);
                Some((
                    skill.to_string(),
                    level.parse().ok()?,
                    source.to_string(),
                    n,
                ))
            })
            .collect::<Vec<(String, i32, String, i64)>>();
        let list = |t: Option<&str>| -> Vec<String> {
            t.and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default()
        };
        let topics = list(r[11].as_deref());
        let asked = list(r[12].as_deref())
            .into_iter()
            .filter(|a| !skills.iter().any(|s| &s.0 == a))
            .collect();
        let hours = super::profiles::hours(
            r[13].as_deref(),
            r[14].as_deref(),
            r[15].as_deref().and_then(|d| d.parse().ok()),
        );
        let mut take = |i: usize| r[i].take();
        Some(PersonNode {
            id: take(0)?,
            name: take(1)?,
            title: take(2),
            status: take(3)?,
            discoverable: take(4).as_deref() == Some("1"),
            office_id: take(5),
            office: take(6),
            country: take(7),
            timezone: take(8),
            manager_id: take(9),
            skills,
            topics,
            asked,
            hours,
        })
    })
    .await
}

async fn skills(c: &mut impl Exec, ids: Option<&[String]>) -> Result<Vec<SkillNode>> {
    let rows: Vec<SkillNodeRow> = c
        .rows(select(
            "SELECT id, name, description, broader_id FROM skills",
            "id",
            ids,
        ))
        .await?;
    let mut aliases = group(
        pairs(
            c,
            select(
                "SELECT skill_id AS a, alias AS b FROM skill_aliases",
                "skill_id",
                ids,
            ),
        )
        .await?,
    );
    let mut related = group(
        pairs(
            c,
            select(
                "SELECT skill_id AS a, related_id AS b FROM skill_related",
                "skill_id",
                ids,
            ),
        )
        .await?,
    );
    Ok(rows
        .into_iter()
        .map(|r| SkillNode {
            aliases: aliases.remove(&r.id).unwrap_or_default(),
            related: related.remove(&r.id).unwrap_or_default(),
            id: r.id,
            name: r.name,
            description: r.description,
            broader_id: r.broader_id,
        })
        .collect())
}

async fn communities(c: &mut impl Exec, ids: Option<&[String]>) -> Result<Vec<CommunityNode>> {
    // Only active communities are in the graph: proposed ones are not yet,
    // archived ones no longer.
    let mut sql = select("SELECT id, name, description FROM communities", "id", ids);
    sql.push(if ids.is_some() { " AND " } else { " WHERE " })
        .push("status = ")
        .bind(crate::domain::CommunityStatus::Active.as_str());
    let rows: Vec<CommunityNodeRow> = c.rows(sql).await?;
    let mut skills = group(
        pairs(
            c,
            select(
                "SELECT community_id AS a, skill_id AS b FROM community_skills",
                "community_id",
                ids,
            ),
        )
        .await?,
    );
    let members = packed::rows(
        c,
        select(
            "SELECT community_id AS c0, person_id AS c1, role AS c2 FROM community_members",
            "community_id",
            ids,
        ),
        3,
        |mut r| Some((r[0].take()?, (r[1].take()?, r[2].take()?))),
    )
    .await?;
    let mut members = group(members);
    Ok(rows
        .into_iter()
        .map(|r| CommunityNode {
            skills: skills.remove(&r.id).unwrap_or_default(),
            members: members.remove(&r.id).unwrap_or_default(),
            id: r.id,
            name: r.name,
            description: r.description,
        })
        .collect())
}

/// `(owner, items)` from a link table, grouped by owner in the database.
async fn grouped(
    c: &mut impl Exec,
    table: &str,
    owner: &str,
    item: &str,
    ids: Option<&[String]>,
) -> Result<HashMap<String, Vec<String>>> {
    let d = c.dialect();
    let mut sql = select(
        &format!(
            "SELECT {owner} AS c0, {} AS c1 FROM {table}",
            d.text_agg(item)
        ),
        owner,
        ids,
    );
    sql.push(&format!(" GROUP BY {owner}"));
    let pairs = packed::rows(c, sql, 2, |mut r| {
        let items = split_agg(r[1].as_deref()).map(str::to_string).collect();
        Some((r[0].take()?, items))
    })
    .await?;
    Ok(pairs.into_iter().collect())
}

async fn evidence_base(
    c: &mut impl Exec,
    ids: Option<&[String]>,
    texts: bool,
) -> Result<Vec<Vec<Option<String>>>> {
    let body = if texts { "e.body" } else { "''" };
    let sql = select(
        &format!("SELECT e.id AS c0, e.kind AS c1, e.title AS c2, {body} AS c3 FROM evidence e"),
        "e.id",
        ids,
    );
    packed::rows(c, sql, 4, Some).await
}

async fn evidence_authors(
    c: &mut impl Exec,
    ids: Option<&[String]>,
) -> Result<HashMap<String, Vec<String>>> {
    grouped(c, "evidence_authors", "evidence_id", "person_id", ids).await
}

async fn evidence_tags(
    c: &mut impl Exec,
    ids: Option<&[String]>,
) -> Result<HashMap<String, Vec<String>>> {
    grouped(c, "evidence_tags", "evidence_id", "skill_id", ids).await
}

/// Documents with their authors and tags, read separately: scanning each link
/// table in key order costs less than a lookup per document.
fn assemble_evidence(
    rows: Vec<Vec<Option<String>>>,
    mut authors: HashMap<String, Vec<String>>,
    mut tags: HashMap<String, Vec<String>>,
) -> Vec<EvidenceNode> {
    rows.into_iter()
        .filter_map(|mut r| {
            let mut take = |i: usize| r[i].take();
            let id = take(0)?;
            Some(EvidenceNode {
                authors: authors.remove(&id).unwrap_or_default(),
                tags: tags.remove(&id).unwrap_or_default(),
                kind: take(1)?,
                title: take(2),
                text: take(3).unwrap_or_default(),
                id,
            })
        })
        .collect()
}

async fn evidence(
    c: &mut impl Exec,
    ids: Option<&[String]>,
    texts: bool,
) -> Result<Vec<EvidenceNode>> {
    let rows = evidence_base(c, ids, texts).await?;
    let authors = evidence_authors(c, ids).await?;
    let tags = evidence_tags(c, ids).await?;
    Ok(assemble_evidence(rows, authors, tags))
}

/// The statuses whose topics and successors are in the graph (the domain's rule).
fn finished_statuses() -> String {
    super::sql::words(
        crate::domain::InterviewStatus::ALL
            .iter()
            .filter(|s| s.is_finished())
            .map(|s| s.as_str()),
    )
}

async fn interviews(c: &mut impl Exec, ids: Option<&[String]>) -> Result<Vec<InterviewNode>> {
    let mut sql = select(
        "SELECT i.id AS c0, i.person_id AS c1, i.person_name AS c2, i.status AS c3, \
         CASE WHEN i.published_at IS NOT NULL THEN i.summary END AS c4 FROM interviews i",
        "i.id",
        ids,
    );
    sql.push(if ids.is_some() { " AND " } else { " WHERE " })
        .push(&format!("i.status IN ({})", finished_statuses()));
    let rows = packed::rows(c, sql, 5, Some).await?;
    let mut topics = grouped(c, "interview_topics", "interview_id", "skill_id", ids).await?;
    let d = c.dialect();
    let item = format!("person_id || {} || skill_id", d.field_sep());
    let mut successors = grouped(c, "interview_successors", "interview_id", &item, ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|mut r| {
            let mut take = |i: usize| r[i].take();
            let id = take(0)?;
            let successors = successors
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| {
                    let (p, k) = s.split_once('\u{1e}')?;
                    Some((p.to_string(), k.to_string()))
                })
                .collect();
            Some(InterviewNode {
                topics: topics.remove(&id).unwrap_or_default(),
                successors,
                leaver_id: take(1),
                leaver_name: take(2)?,
                published: take(3).as_deref() == Some("published"),
                summary: take(4),
                id,
            })
        })
        .collect())
}

/// Reads the entities named by `keys` (all of them when `None`), sorted by id
/// so that a picture does not depend on the order rows come back in.
async fn read(
    c: &mut impl Exec,
    keys: Option<&[(Entity, String)]>,
    texts: bool,
) -> Result<GraphRows> {
    let of = |kind: Entity| -> Option<Vec<String>> {
        keys.map(|k| {
            k.iter()
                .filter(|(e, _)| *e == kind)
                .map(|(_, id)| id.clone())
                .collect()
        })
    };
    let (p, s, cm, e, iv) = (
        of(Entity::Person),
        of(Entity::Skill),
        of(Entity::Community),
        of(Entity::Evidence),
        of(Entity::Interview),
    );
    let seq = changes::last_seq(c).await?;
    let mut rows = GraphRows {
        seq,
        ..GraphRows::default()
    };
    // Long id lists are read in chunks to stay under placeholder limits.
    for chunk in chunks(&p) {
        rows.people.extend(people(c, chunk).await?);
    }
    for chunk in chunks(&s) {
        rows.skills.extend(skills(c, chunk).await?);
    }
    for chunk in chunks(&cm) {
        rows.communities.extend(communities(c, chunk).await?);
    }
    for chunk in chunks(&e) {
        rows.evidence.extend(evidence(c, chunk, texts).await?);
    }
    for chunk in chunks(&iv) {
        rows.interviews.extend(interviews(c, chunk).await?);
    }
    rows.interviews.sort_by(|a, b| a.id.cmp(&b.id));
    rows.people.sort_by(|a, b| a.id.cmp(&b.id));
    rows.skills.sort_by(|a, b| a.id.cmp(&b.id));
    rows.communities.sort_by(|a, b| a.id.cmp(&b.id));
    rows.evidence.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(rows)
}

/// `[None]` to read everything, no chunk for an empty list, else chunks of ids.
fn chunks(ids: &Option<Vec<String>>) -> Vec<Option<&[String]>> {
    match ids {
        None => vec![None],
        Some(v) => v.chunks(500).map(Some).collect(),
    }
}

#[async_trait]
impl<B: Backend> GraphStore for SqlStore<B> {
    #[instrument(skip_all)]
    async fn graph_rows(&self, texts: bool) -> Result<GraphRows> {
        // The kinds (and evidence's two link tables) are read at the same time on
        // their own connections. The
        // change-log position is taken first: anything written meanwhile is
        // after it, so followers replay it (refreshing an entity is idempotent).
        let seq = changes::last_seq(&mut self.conn().await?).await?;
        let (mut c1, mut c2, mut c3) = (self.conn().await?, self.conn().await?, self.conn().await?);
        let (mut c4, mut c5, mut c6) = (self.conn().await?, self.conn().await?, self.conn().await?);
        let (mut people, mut skills, mut communities, base, authors, tags) = tokio::try_join!(
            people(&mut c1, None),
            skills(&mut c2, None),
            communities(&mut c3, None),
            evidence_base(&mut c4, None, texts),
            evidence_authors(&mut c5, None),
            evidence_tags(&mut c6, None),
        )?;
        let mut evidence = assemble_evidence(base, authors, tags);
        let mut interviews = interviews(&mut c1, None).await?;
        interviews.sort_by(|a, b| a.id.cmp(&b.id));
        people.sort_by(|a, b| a.id.cmp(&b.id));
        skills.sort_by(|a, b| a.id.cmp(&b.id));
        communities.sort_by(|a, b| a.id.cmp(&b.id));
        evidence.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(GraphRows {
            people,
            skills,
            communities,
            evidence,
            interviews,
            seq,
        })
    }

    #[instrument(skip_all)]
    async fn evidence_texts(&self) -> Result<Vec<(String, String)>> {
        let mut texts = pairs(
            &mut self.conn().await?,
            Sql::new("SELECT id AS a, body AS b FROM evidence"),
        )
        .await?;
        texts.sort_by(|x, y| x.0.cmp(&y.0));
        Ok(texts)
    }

    #[instrument(skip_all, fields(n = keys.len()))]
    async fn graph_entities(&self, keys: &[(Entity, String)]) -> Result<GraphRows> {
        let mut c = self.tx().await?;
        let rows = read(&mut c, Some(keys), true).await?;
        c.commit().await?;
        Ok(rows)
    }

    #[tracing::instrument(skip_all)]
    async fn changes_since(&self, seq: i64, limit: i64) -> Result<Vec<Change>> {
        changes::since(&mut self.conn().await?, seq, limit).await
    }

    #[tracing::instrument(skip_all)]
    async fn instance_id(&self) -> Result<String> {
        changes::instance(&mut self.conn().await?).await
    }

    #[tracing::instrument(skip_all)]
    async fn last_change(&self) -> Result<i64> {
        changes::last_seq(&mut self.conn().await?).await
    }
}
