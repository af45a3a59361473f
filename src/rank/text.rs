//! The text index: BM25 (tantivy) over skill names, aliases and descriptions,
//! community names and descriptions, evidence titles and text, published
//! interview summaries and the names of the people a search may return, with
//! English stemming, stop words and case and accent folding.
//!
//! Documents are keyed by entity (kind and external id), not by graph node, so
//! the index can live on disk across restarts: each commit records the last
//! change-log entry it includes, and a restart only replays what came after.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
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

mod compact;
#[cfg(test)]
mod fault;
mod words;

use words::QUESTION_WORDS;
pub use words::edit_distance;

const ANALYZER: &str = "tacit_en";
/// Writer memory; tantivy flushes a segment when it is full.
const WRITER_BYTES: usize = 128 * 1024 * 1024;
/// Indexing threads (a full build is the only large job).
const WRITER_THREADS: usize = 2;
/// Query terms beyond this many are ignored (a pasted essay is not a question).
const MAX_QUERY_TERMS: usize = 32;
/// Bumped whenever the schema or analyser changes: an index on disk with
/// another version is rebuilt.
const FORMAT: &str = "tacit-text-6";

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

/// Each kind's names and text are fields of their own, so that a search of
/// one kind reads only that kind's words (and is a plain union of terms,
/// which the top-k search can prune), and each kind's statistics are its
/// own: people's names neither change those of skill names and titles nor
/// count as known words.
#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    /// Per [`NodeKind`] (as `usize`): skill names and aliases, community
    /// names, titles, people's names.
    name: [Field; KINDS],
    /// Per kind: descriptions, text, summaries, people's "ask me about" topics.
    body: [Field; KINDS],
}

const KINDS: usize = 5;

const ALL_KINDS: [NodeKind; KINDS] = [
    NodeKind::Person,
    NodeKind::Skill,
    NodeKind::Community,
    NodeKind::Evidence,
    NodeKind::Interview,
];

impl Fields {
    fn name(&self, kind: NodeKind) -> Field {
        self.name[kind as usize]
    }

    fn body(&self, kind: NodeKind) -> Field {
        self.body[kind as usize]
    }

    /// The fields whose words are topics: every name and text but people's names.
    fn topical(&self) -> Vec<Field> {
        ALL_KINDS
            .iter()
            .flat_map(|&k| {
                let name = (k != NodeKind::Person).then(|| self.name(k));
                name.into_iter().chain([self.body(k)])
            })
            .collect()
    }
}

/// A skill's name or alias: its analysed terms and its text as written.
type SkillPhrase = (Vec<String>, String);

pub struct TextIndex {
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    /// The analyser of questions: as `analyzer`, less [`QUESTION_WORDS`].
    question: TextAnalyzer,
    /// Each analysed word of a skill name or alias, with the word as written
    /// (lower case): what a misspelt question word is corrected to.
    vocabulary: Mutex<HashMap<String, String>>,
    /// For each skill id, the analysed terms of its name and of each alias, to tell
    /// a query that names the skill from one that only shares a word with it.
    /// (The name first, then each alias, each with its text as written.)
    skill_names: Mutex<HashMap<Arc<str>, Vec<SkillPhrase>>>,
    covers: Mutex<Option<Coverage>>,
    /// Some segment still holds the words of a removed document (see [`TextIndex::compact`]).
    stale: AtomicBool,
    #[cfg(test)]
    fault: fault::Fault,
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
    analyzer_without(&[])
}

/// The index's analyser, also dropping `more` words before stemming.
fn analyzer_without(more: &[&str]) -> TextAnalyzer {
    let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .dynamic();
    if let Some(stop) = StopWordFilter::new(Language::English) {
        builder = builder.filter_dynamic(stop);
    }
    if !more.is_empty() {
        builder =
            builder.filter_dynamic(StopWordFilter::remove(more.iter().map(|w| w.to_string())));
    }
    builder
        .filter_dynamic(Stemmer::new(Language::English))
        .build()
}

/// The terms `analyzer` makes of `text`.
fn analyse(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

fn schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let key = schema.add_text_field("key", STRING | FAST);
    let kind = schema.add_u64_field("kind", INDEXED);
    let name =
        ALL_KINDS.map(|k| schema.add_text_field(&format!("name_{}", kind_code(k)), text.clone()));
    let body =
        ALL_KINDS.map(|k| schema.add_text_field(&format!("body_{}", kind_code(k)), text.clone()));
    let fields = Fields {
        key,
        kind,
        name,
        body,
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
            question: analyzer_without(QUESTION_WORDS),
            vocabulary: Mutex::new(HashMap::new()),
            skill_names: Mutex::new(HashMap::new()),
            covers: Mutex::new(covers),
            stale: AtomicBool::new(false),
            #[cfg(test)]
            fault: fault::Fault::default(),
        })
    }

    /// What the last commit covers; `None` for a new or foreign index.
    pub fn coverage(&self) -> Option<Coverage> {
        self.covers.lock().ok().and_then(|c| *c)
    }

    /// Analysed terms of `text`, as the index sees them.
    pub fn terms(&self, text: &str) -> Vec<String> {
        analyse(&self.analyzer, text)
    }

    /// Analysed terms of a question: as [`TextIndex::terms`], without the
    /// words that only make it a question.
    pub fn question_terms(&self, text: &str) -> Vec<String> {
        analyse(&self.question, text)
    }

    /// Remembers each skill's name and aliases for [`TextIndex::named_as`]
    /// and [`TextIndex::vocabulary`].
    pub fn remember_skill(&self, id: &str, names: &[String]) {
        let phrases = names.iter().map(|n| (self.terms(n), n.clone())).collect();
        if let Ok(mut map) = self.skill_names.lock() {
            map.insert(Arc::from(id), phrases);
        }
        self.learn_words(names);
    }

    /// Adds the words of skill names to the vocabulary.
    fn learn_words(&self, names: &[String]) {
        let mut found = Vec::new();
        for word in names
            .iter()
            .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 3)
        {
            if let [term] = self.terms(word).as_slice() {
                found.push((term.clone(), word.to_lowercase()));
            }
        }
        if let Ok(mut vocabulary) = self.vocabulary.lock() {
            for (term, word) in found {
                // The shortest spelling of a stem is the one a correction shows
                // ("schedule", not "scheduling").
                let kept = vocabulary.entry(term).or_insert_with(|| word.clone());
                if word.chars().count() < kept.chars().count() {
                    *kept = word;
                }
            }
        }
    }

    /// The vocabulary again from the skills still known (after one was removed).
    fn rebuild_vocabulary(&self) {
        let names: Vec<String> = match self.skill_names.lock() {
            Ok(map) => map
                .values()
                .flatten()
                .map(|(_, text)| text.clone())
                .collect(),
            Err(_) => return,
        };
        if let Ok(mut vocabulary) = self.vocabulary.lock() {
            vocabulary.clear();
        }
        self.learn_words(&names);
    }

    /// Whether analysed `term` is a word of some skill's name or alias.
    pub fn is_skill_word(&self, term: &str) -> bool {
        self.vocabulary.lock().is_ok_and(|v| v.contains_key(term))
    }

    /// The skill-name word closest to analysed `term` within `max_edits`
    /// (insertions, deletions, substitutions and swaps of neighbours), as
    /// `(analysed term, word as written)`; ties go to the shorter, then the
    /// first in order.
    pub fn closest_skill_word(&self, term: &str, max_edits: usize) -> Option<(String, String)> {
        let vocabulary = self.vocabulary.lock().ok()?;
        let len = term.chars().count();
        vocabulary
            .iter()
            .filter(|(t, _)| t.chars().count().abs_diff(len) <= max_edits)
            .filter_map(|(t, w)| {
                let d = edit_distance(term, t);
                (d <= max_edits).then_some((d, t.chars().count(), t, w))
            })
            .min_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)))
            .map(|(_, _, t, w)| (t.clone(), w.clone()))
    }

    /// How many documents (of any kind) hold analysed `term`, in names or text
    /// (people's names aside: a colleague's name is not a topic).
    pub fn doc_freq(&self, term: &str) -> u64 {
        self.freq(term, &self.fields.topical())
    }

    /// Whether analysed `term` is in the name of someone a search may return.
    pub fn in_a_name(&self, term: &str) -> bool {
        self.freq(term, &[self.fields.name(NodeKind::Person)]) > 0
    }

    fn freq(&self, term: &str, fields: &[Field]) -> u64 {
        let searcher = self.reader.searcher();
        fields
            .iter()
            .map(|&field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0)
            })
            .sum()
    }

    /// The terms of a question worth searching for, weighted: a repeated term
    /// counts more (1 + ln of its count), and of a long question only the
    /// `max` most specific terms (fewest documents) are kept; terms no
    /// document holds are dropped.
    pub fn salient(&self, terms: &[String], max: usize) -> Vec<(String, f32)> {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for t in terms {
            *counts.entry(t.as_str()).or_default() += 1;
        }
        let every: Vec<Field> = self
            .fields
            .name
            .iter()
            .chain(&self.fields.body)
            .copied()
            .collect();
        let mut kept: Vec<(&str, u32, u64)> = counts
            .into_iter()
            .map(|(t, n)| (t, n, self.freq(t, &every)))
            .filter(|&(_, _, df)| df > 0)
            .collect();
        kept.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(b.0)));
        kept.truncate(max);
        kept.into_iter()
            .map(|(t, n, _)| (t.to_string(), 1.0 + (n as f32).ln()))
            .collect()
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
        #[cfg(test)]
        self.fault.strike()?;
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
            if let Ok(mut vocabulary) = self.vocabulary.lock() {
                vocabulary.clear();
            }
        }
        let mut forgot = false;
        let searcher = self.reader.searcher();
        for (kind, id) in removed {
            let term = Term::from_field_text(f.key, &key(*kind, id));
            // Deleting only hides a document; its words stay in the segment
            // until it is rewritten.
            if !all && searcher.doc_freq(&term).unwrap_or(1) > 0 {
                self.stale.store(true, Ordering::Relaxed);
            }
            writer.delete_term(term);
            if *kind == NodeKind::Skill
                && let Ok(mut map) = self.skill_names.lock()
            {
                forgot |= map.remove(id.as_str()).is_some();
            }
        }
        if forgot {
            self.rebuild_vocabulary();
        }
        for d in docs {
            if !all {
                writer.delete_term(Term::from_field_text(f.key, &key(d.kind, &d.id)));
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(f.key, key(d.kind, &d.id));
            doc.add_u64(f.kind, kind_code(d.kind));
            for n in &d.names {
                doc.add_text(f.name(d.kind), n);
            }
            doc.add_text(f.body(d.kind), &d.body);
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
    /// Only the first terms are used (see [`TextIndex::salient`] for long text).
    pub fn search(
        &self,
        terms: &[String],
        kind: NodeKind,
        limit: usize,
    ) -> anyhow::Result<Vec<(String, f32)>> {
        let mut seen = HashSet::new();
        let weighted: Vec<(String, f32)> = terms
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .take(MAX_QUERY_TERMS)
            .map(|t| (t.clone(), 1.0))
            .collect();
        self.search_weighted(&weighted, kind, limit)
    }

    /// As [`TextIndex::search`], each term's score multiplied by its weight.
    /// People are found by their names only (see [`TextIndex::search_person_text`]).
    pub fn search_weighted(
        &self,
        terms: &[(String, f32)],
        kind: NodeKind,
        limit: usize,
    ) -> anyhow::Result<Vec<(String, f32)>> {
        let f = self.fields;
        if kind == NodeKind::Person {
            self.search_fields(terms, kind, &[(f.name(kind), 1.0)], limit)
        } else {
            self.search_fields(
                terms,
                kind,
                &[(f.name(kind), 2.0), (f.body(kind), 1.0)],
                limit,
            )
        }
    }

    /// People whose body text holds the weighted terms, best first, as
    /// `(external id, score)`: in the live index their "ask me about"
    /// topics; in the profile baseline everything they wrote.
    pub fn search_person_text(
        &self,
        terms: &[(String, f32)],
        limit: usize,
    ) -> anyhow::Result<Vec<(String, f32)>> {
        let body = self.fields.body(NodeKind::Person);
        self.search_fields(terms, NodeKind::Person, &[(body, 1.0)], limit)
    }

    fn search_fields(
        &self,
        terms: &[(String, f32)],
        kind: NodeKind,
        fields: &[(Field, f32)],
        limit: usize,
    ) -> anyhow::Result<Vec<(String, f32)>> {
        if terms.is_empty() || limit == 0 {
            return Ok(vec![]);
        }
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut sorted: Vec<&(String, f32)> = terms.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (t, weight) in sorted {
            for &(field, boost) in fields {
                let term = TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                );
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(term), boost * weight)),
                ));
            }
        }
        // Only `kind`'s fields are searched, so every hit is of that kind.
        let query = BooleanQuery::new(should);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        // Keys are read per segment, its key column opened once and its
        // dictionary walked once in ordinal order, not looked up hit by hit.
        let mut by_segment: Vec<(u32, u32, f32)> = top
            .into_iter()
            .map(|(score, a)| (a.segment_ord, a.doc_id, score))
            .collect();
        by_segment.sort_unstable_by_key(|&(segment, doc, _)| (segment, doc));
        let mut hits = Vec::with_capacity(by_segment.len());
        for group in by_segment.chunk_by(|a, b| a.0 == b.0) {
            let segment = searcher.segment_reader(group[0].0);
            let Some(keys) = segment.fast_fields().str("key")? else {
                continue;
            };
            let mut ords: Vec<(u64, f32)> = group
                .iter()
                .filter_map(|&(_, doc, score)| Some((keys.term_ords(doc).next()?, score)))
                .collect();
            ords.sort_unstable_by_key(|&(ord, _)| ord);
            let sorted: Vec<u64> = ords.iter().map(|&(ord, _)| ord).collect();
            let mut scores = ords.iter().map(|&(_, score)| score);
            keys.dictionary().sorted_ords_to_term_cb(&sorted, |bytes| {
                let score = scores.next().unwrap_or_default();
                if let Some((code, id)) = std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|key| key.split_once(':'))
                    && code.parse().ok().and_then(kind_of) == Some(kind)
                {
                    hits.push((id.to_string(), score));
                }
            })?;
        }
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(hits)
    }

    /// How the question names the skill: `Some(None)` by its name,
    /// `Some(Some(alias))` by an alias only, `None` not at all.
    pub fn named_as(&self, skill: &str, query_terms: &HashSet<&str>) -> Option<Option<String>> {
        let names = self.skill_names.lock().ok()?;
        let phrases = names.get(skill)?;
        let pos = phrases.iter().position(|(p, _)| {
            !p.is_empty() && p.iter().all(|t| query_terms.contains(t.as_str()))
        })?;
        Some((pos > 0).then(|| phrases[pos].1.clone()))
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
mod tests;
