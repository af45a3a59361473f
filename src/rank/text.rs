//! The text index: BM25 (tantivy) over skill names, aliases and descriptions,
//! community names and descriptions, and evidence titles and text, with English
//! stemming, stop words and case and accent folding. Documents carry their graph
//! node id, so a hit is a seed for the walk.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::graph::{NodeId, NodeKind};

const ANALYZER: &str = "tacit_en";
/// Writer memory; tantivy flushes a segment when it is full.
const WRITER_BYTES: usize = 128 * 1024 * 1024;
/// Indexing threads (a full build at start-up is the only large job).
const WRITER_THREADS: usize = 2;
/// Query terms beyond this many are ignored (a pasted essay is not a question).
const MAX_QUERY_TERMS: usize = 32;

/// One searchable thing.
#[derive(Debug, Clone)]
pub struct TextDoc {
    pub node: NodeId,
    pub kind: NodeKind,
    /// Names weigh more than bodies: skill name and aliases, community name, title.
    pub names: Vec<String>,
    pub body: String,
}

#[derive(Clone, Copy)]
struct Fields {
    node: Field,
    kind: Field,
    name: Field,
    body: Field,
}

pub struct TextIndex {
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    /// For each skill, the analysed terms of its name and of each alias, to tell
    /// a query that names the skill from one that only shares a word with it.
    skill_names: Mutex<HashMap<NodeId, Vec<Vec<String>>>>,
}

fn kind_code(kind: NodeKind) -> u64 {
    kind as u64
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

impl TextIndex {
    pub fn new() -> anyhow::Result<TextIndex> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            node: schema.add_u64_field("node", INDEXED | FAST),
            kind: schema.add_u64_field("kind", INDEXED),
            name: schema.add_text_field("name", text.clone()),
            body: schema.add_text_field("body", text),
        };
        let index = Index::create_in_ram(schema.build());
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
        })
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

    /// Replaces the documents of `removed` and `docs`' nodes, adds `docs`, and
    /// makes the result visible to searches.
    pub fn update(&self, docs: &[TextDoc], removed: &[NodeId]) -> anyhow::Result<()> {
        let f = self.fields;
        let mut writer = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?;
        let mut names = self
            .skill_names
            .lock()
            .map_err(|_| anyhow::anyhow!("poisoned"))?;
        for &node in removed.iter().chain(docs.iter().map(|d| &d.node)) {
            writer.delete_term(Term::from_field_u64(f.node, u64::from(node)));
            names.remove(&node);
        }
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_u64(f.node, u64::from(d.node));
            doc.add_u64(f.kind, kind_code(d.kind));
            for n in &d.names {
                doc.add_text(f.name, n);
            }
            doc.add_text(f.body, &d.body);
            writer.add_document(doc)?;
            if d.kind == NodeKind::Skill {
                let phrases = d.names.iter().map(|n| self.terms(n)).collect();
                names.insert(d.node, phrases);
            }
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// The best `limit` documents of one kind for analysed query `terms`, by BM25
    /// (names count double), best first; ties by node id.
    pub fn search(
        &self,
        terms: &[String],
        kind: NodeKind,
        limit: usize,
    ) -> anyhow::Result<Vec<(NodeId, f32)>> {
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
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let nodes = segment.fast_fields().u64("node")?;
            if let Some(node) = nodes.first(address.doc_id) {
                hits.push((node as NodeId, score));
            }
        }
        // The kind term adds the same amount to every hit; what matters is the order.
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(hits)
    }

    /// True when every term of the skill's name or of one of its aliases is in the query.
    pub fn names_skill(&self, skill: NodeId, query_terms: &HashSet<&str>) -> bool {
        let Ok(names) = self.skill_names.lock() else {
            return false;
        };
        names.get(&skill).is_some_and(|phrases| {
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

    fn doc(node: NodeId, kind: NodeKind, name: &str, body: &str) -> TextDoc {
        TextDoc {
            node,
            kind,
            names: vec![name.to_string()],
            body: body.to_string(),
        }
    }

    #[test]
    fn stems_folds_and_ranks_by_kind() {
        let index = TextIndex::new().unwrap();
        index
            .update(
                &[
                    doc(
                        1,
                        NodeKind::Skill,
                        "Records retention",
                        "Keeping records for as long as the law says.",
                    ),
                    doc(
                        2,
                        NodeKind::Skill,
                        "Cloud technologies",
                        "Running services in public clouds.",
                    ),
                    doc(
                        3,
                        NodeKind::Evidence,
                        "Retention schedule for HR records",
                        "How long we keep personnel files.",
                    ),
                    doc(4, NodeKind::Community, "Café Society", "Coffee lovers."),
                ],
                &[],
            )
            .unwrap();
        let terms = index.terms("How long must we RETAIN the records?");
        assert!(terms.contains(&"record".to_string()), "{terms:?}");
        assert!(
            !terms.contains(&"the".to_string()),
            "stop words go: {terms:?}"
        );
        let skills = index.search(&terms, NodeKind::Skill, 10).unwrap();
        assert_eq!(skills.iter().map(|h| h.0).collect::<Vec<_>>(), vec![1]);
        let evidence = index.search(&terms, NodeKind::Evidence, 10).unwrap();
        assert_eq!(evidence[0].0, 3);
        let cafe = index
            .search(&index.terms("cafe"), NodeKind::Community, 10)
            .unwrap();
        assert_eq!(cafe[0].0, 4, "accents fold");
        assert!(index.search(&[], NodeKind::Skill, 10).unwrap().is_empty());
    }

    #[test]
    fn updates_replace_and_remove() {
        let index = TextIndex::new().unwrap();
        index
            .update(
                &[doc(1, NodeKind::Skill, "Procurement", "Buying things")],
                &[],
            )
            .unwrap();
        index
            .update(
                &[doc(1, NodeKind::Skill, "Tendering", "Buying things")],
                &[],
            )
            .unwrap();
        let terms = index.terms("procurement");
        assert!(index.search(&terms, NodeKind::Skill, 5).unwrap().is_empty());
        assert_eq!(index.num_docs(), 1);
        let query: HashSet<&str> = ["tender"].into_iter().collect();
        assert!(index.names_skill(1, &query));
        index.update(&[], &[1]).unwrap();
        assert_eq!(index.num_docs(), 0);
        assert!(!index.names_skill(1, &query));
    }
}
