//! The text index: BM25 (tantivy) over skill names, aliases and descriptions,
//! community names and descriptions, and evidence titles and text, with English
//! stemming, stop words and case and accent folding.
//!
//! Documents are keyed by entity (kind and external id), not by graph node, so
//! the index can live on disk across restarts: each commit records the last
//! change-log entry it includes, and a restart only replays what came after.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::graph::NodeKind;

const ANALYZER: &str = "tacit_en";
/// Writer memory; tantivy flushes a segment when it is full.
const WRITER_BYTES: usize = 128 * 1024 * 1024;
/// Indexing threads (a full build is the only large job).
const WRITER_THREADS: usize = 2;
/// Query terms beyond this many are ignored (a pasted essay is not a question).
const MAX_QUERY_TERMS: usize = 32;
/// Bumped whenever the schema or analyser changes: an index on disk with
/// another version is rebuilt.
const FORMAT: &str = "tacit-text-2";

/// One searchable thing.
#[derive(Debug, Clone)]
pub struct TextDoc {
    pub kind: NodeKind,
    pub id: String,
    /// Names weigh more than bodies: skill name and aliases, community name, title.
    pub names: Vec<String>,
    pub body: String,
}

/// What a commit of the index covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// The last change-log entry included.
    pub seq: i64,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    name: Field,
    body: Field,
}

pub struct TextIndex {
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    /// For each skill id, the analysed terms of its name and of each alias, to tell
    /// a query that names the skill from one that only shares a word with it.
    skill_names: Mutex<HashMap<Arc<str>, Vec<Vec<String>>>>,
    covers: Mutex<Option<Coverage>>,
}

fn kind_code(kind: NodeKind) -> u64 {
    kind as u64
}

fn kind_of(code: u64) -> Option<NodeKind> {
    [
        NodeKind::Person,
        NodeKind::Skill,
        NodeKind::Community,
        NodeKind::Evidence,
        NodeKind::Interview,
    ]
    .into_iter()
    .find(|k| kind_code(*k) == code)
}

fn key(kind: NodeKind, id: &str) -> String {
    format!("{}:{id}", kind_code(kind))
}

fn analyzer() -> TextAnalyzer {
    let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .dynamic();
    if let Some(stop) = StopWordFilter::new(Language::English) {
        builder = builder.filter_dynamic(stop);
    }
    builder
        .filter_dynamic(Stemmer::new(Language::English))
        .build()
}

fn schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        key: schema.add_text_field("key", STRING | FAST),
        kind: schema.add_u64_field("kind", INDEXED),
        name: schema.add_text_field("name", text.clone()),
        body: schema.add_text_field("body", text),
    };
    (schema.build(), fields)
}

fn parse_payload(payload: Option<&str>) -> Option<Coverage> {
    let (format, seq) = payload?.split_once(' ')?;
    (format == FORMAT).then_some(Coverage {
        seq: seq.parse().ok()?,
    })
}

impl TextIndex {
    /// An index in memory.
    pub fn new() -> anyhow::Result<TextIndex> {
        let (schema, fields) = schema();
        Self::with(Index::create_in_ram(schema), fields, None)
    }

    /// The index kept in `dir` (created when missing). One in another format, or
    /// that cannot be opened, is replaced by an empty one: it is derived data.
    pub fn open(dir: &Path) -> anyhow::Result<TextIndex> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let opened = MmapDirectory::open(dir)
            .map_err(anyhow::Error::from)
            .and_then(|d| Ok(Index::open_or_create(d, schema.clone())?))
            .and_then(|index| {
                let covers = parse_payload(index.load_metas()?.payload.as_deref());
                Ok((index, covers))
            });
        match opened {
            Ok((index, covers)) if covers.is_some() || index.load_metas()?.segments.is_empty() => {
                Self::with(index, fields, covers)
            }
            other => {
                if let Err(e) = &other {
                    tracing::warn!(error = %e, dir = %dir.display(), "text index unreadable; rebuilding it");
                }
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                let index = Index::create_in_dir(dir, schema)?;
                Self::with(index, fields, None)
            }
        }
    }

    fn with(index: Index, fields: Fields, covers: Option<Coverage>) -> anyhow::Result<TextIndex> {
        index.tokenizers().register(ANALYZER, analyzer());
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(TextIndex {
            writer: Mutex::new(writer),
            reader,
            fields,
            analyzer: analyzer(),
            skill_names: Mutex::new(HashMap::new()),
            covers: Mutex::new(covers),
        })
    }

    /// What the last commit covers; `None` for a new or foreign index.
    pub fn coverage(&self) -> Option<Coverage> {
        self.covers.lock().ok().and_then(|c| *c)
    }

    /// Analysed terms of `text`, as the index sees them.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }

    /// Remembers each skill's name and aliases for [`TextIndex::names_skill`].
    pub fn remember_skill(&self, id: &str, names: &[String]) {
        let phrases = names.iter().map(|n| self.terms(n)).collect();
        if let Ok(mut map) = self.skill_names.lock() {
            map.insert(Arc::from(id), phrases);
        }
    }

    /// Replaces the documents of `removed` and of `docs`' entities with `docs`
    /// (everything when `all`), commits as covering change `seq`, and makes the
    /// result visible to searches.
    pub fn update(
        &self,
        docs: &[TextDoc],
        removed: &[(NodeKind, String)],
        all: bool,
        seq: i64,
    ) -> anyhow::Result<()> {
        let f = self.fields;
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?;
        if all {
            writer.delete_all_documents()?;
            if let Ok(mut map) = self.skill_names.lock() {
                map.clear();
            }
        }
        for (kind, id) in removed {
            writer.delete_term(Term::from_field_text(f.key, &key(*kind, id)));
            if let Ok(mut map) = self.skill_names.lock() {
                map.remove(id.as_str());
            }
        }
        for d in docs {
            if !all {
                writer.delete_term(Term::from_field_text(f.key, &key(d.kind, &d.id)));
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(f.key, key(d.kind, &d.id));
            doc.add_u64(f.kind, kind_code(d.kind));
            for n in &d.names {
                doc.add_text(f.name, n);
            }
            doc.add_text(f.body, &d.body);
            writer.add_document(doc)?;
            if d.kind == NodeKind::Skill {
                self.remember_skill(&d.id, &d.names);
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("{FORMAT} {seq}"));
        commit.commit()?;
        drop(writer);
        if let Ok(mut c) = self.covers.lock() {
            *c = Some(Coverage { seq });
        }
        self.reader.reload()?;
        Ok(())
    }

    /// The best `limit` documents of one kind for analysed query `terms`, by BM25
    /// (names count double), best first, as `(external id, score)`; ties by id.
    pub fn search(
        &self,
        terms: &[String],
        kind: NodeKind,
        limit: usize,
    ) -> anyhow::Result<Vec<(String, f32)>> {
        let f = self.fields;
        let unique: HashSet<&String> = terms.iter().take(MAX_QUERY_TERMS).collect();
        if unique.is_empty() || limit == 0 {
            return Ok(vec![]);
        }
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut sorted: Vec<&&String> = unique.iter().collect();
        sorted.sort();
        for t in sorted {
            let name = TermQuery::new(
                Term::from_field_text(f.name, t),
                IndexRecordOption::WithFreqs,
            );
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(name), 2.0)),
            ));
            let body = TermQuery::new(
                Term::from_field_text(f.body, t),
                IndexRecordOption::WithFreqs,
            );
            should.push((Occur::Should, Box::new(body)));
        }
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.kind, kind_code(kind)),
                    IndexRecordOption::Basic,
                )),
            ),
            (Occur::Must, Box::new(BooleanQuery::new(should))),
        ]);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        let mut text = String::new();
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let Some(keys) = segment.fast_fields().str("key")? else {
                continue;
            };
            let Some(ord) = keys.term_ords(address.doc_id).next() else {
                continue;
            };
            if keys.ord_to_str(ord, &mut text)?
                && let Some((code, id)) = text.split_once(':')
                && code.parse().ok().and_then(kind_of) == Some(kind)
            {
                hits.push((id.to_string(), score));
            }
        }
        // The kind term adds the same amount to every hit; what matters is the order.
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(hits)
    }

    /// True when every term of the skill's name or of one of its aliases is in the query.
    pub fn names_skill(&self, skill: &str, query_terms: &HashSet<&str>) -> bool {
        let Ok(names) = self.skill_names.lock() else {
            return false;
        };
        names.get(skill).is_some_and(|phrases| {
            phrases
                .iter()
                .any(|p| !p.is_empty() && p.iter().all(|t| query_terms.contains(t.as_str())))
        })
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("docs", &self.num_docs())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, kind: NodeKind, name: &str, body: &str) -> TextDoc {
        TextDoc {
            kind,
            id: id.to_string(),
            names: vec![name.to_string()],
            body: body.to_string(),
        }
    }

    fn ids(hits: Vec<(String, f32)>) -> Vec<String> {
        hits.into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn stems_folds_and_ranks_by_kind() {
        let index = TextIndex::new().unwrap();
        index
            .update(
                &[
                    doc(
                        "s1",
                        NodeKind::Skill,
                        "Records retention",
                        "Keeping records for as long as the law says.",
                    ),
                    doc(
                        "s2",
                        NodeKind::Skill,
                        "Cloud technologies",
                        "Running services in public clouds.",
                    ),
                    doc(
                        "d3",
                        NodeKind::Evidence,
                        "Retention schedule for HR records",
                        "How long we keep personnel files.",
                    ),
                    doc("c4", NodeKind::Community, "Café Society", "Coffee lovers."),
                ],
                &[],
                false,
                1,
            )
            .unwrap();
        let terms = index.terms("How long must we RETAIN the records?");
        assert!(terms.contains(&"record".to_string()), "{terms:?}");
        assert!(
            !terms.contains(&"the".to_string()),
            "stop words go: {terms:?}"
        );
        assert_eq!(
            ids(index.search(&terms, NodeKind::Skill, 10).unwrap()),
            vec!["s1"]
        );
        assert_eq!(
            ids(index.search(&terms, NodeKind::Evidence, 10).unwrap()),
            vec!["d3"]
        );
        let cafe = index
            .search(&index.terms("cafe"), NodeKind::Community, 10)
            .unwrap();
        assert_eq!(ids(cafe), vec!["c4"], "accents fold");
        assert!(index.search(&[], NodeKind::Skill, 10).unwrap().is_empty());
    }

    #[test]
    fn updates_replace_and_remove() {
        let index = TextIndex::new().unwrap();
        index
            .update(
                &[doc("s1", NodeKind::Skill, "Procurement", "Buying things")],
                &[],
                false,
                1,
            )
            .unwrap();
        index
            .update(
                &[doc("s1", NodeKind::Skill, "Tendering", "Buying things")],
                &[],
                false,
                2,
            )
            .unwrap();
        let terms = index.terms("procurement");
        assert!(index.search(&terms, NodeKind::Skill, 5).unwrap().is_empty());
        assert_eq!(index.num_docs(), 1);
        let query: HashSet<&str> = ["tender"].into_iter().collect();
        assert!(index.names_skill("s1", &query));
        index
            .update(&[], &[(NodeKind::Skill, "s1".to_string())], false, 3)
            .unwrap();
        assert_eq!(index.num_docs(), 0);
        assert!(!index.names_skill("s1", &query));
        assert_eq!(index.coverage(), Some(Coverage { seq: 3 }));
    }

    #[test]
    fn an_index_on_disk_survives_a_restart_and_a_foreign_one_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text");
        {
            let index = TextIndex::open(&path).unwrap();
            assert_eq!(index.coverage(), None);
            index
                .update(
                    &[doc(
                        "d1",
                        NodeKind::Evidence,
                        "Tender evaluation",
                        "Scoring bids",
                    )],
                    &[],
                    true,
                    42,
                )
                .unwrap();
        }
        let index = TextIndex::open(&path).unwrap();
        assert_eq!(index.coverage(), Some(Coverage { seq: 42 }));
        assert_eq!(
            ids(index
                .search(&index.terms("bids"), NodeKind::Evidence, 5)
                .unwrap()),
            vec!["d1"]
        );
        drop(index);
        std::fs::write(path.join("meta.json"), "not json").unwrap();
        let index = TextIndex::open(&path).unwrap();
        assert_eq!(index.coverage(), None, "an unreadable index starts again");
        assert_eq!(index.num_docs(), 0);
    }
}
