//! Where a question's time goes in the engine: reading it against the text
//! index, the walk, the evidence signals and their fusion, and the
//! explanations of the page returned.

use std::time::Instant;

use serde::Serialize;

use crate::rank::{self, RankConfig, Ranking};

use super::{ms, percentile, query};

/// Per stage, the median and 99th percentile in milliseconds.
#[derive(Debug, Default, Serialize)]
pub struct Stages {
    pub read: (f64, f64),
    pub walk: (f64, f64),
    /// The same walk as one push through every node, as before walks were kept.
    pub walk_one_push: (f64, f64),
    pub signals: (f64, f64),
    pub explain: (f64, f64),
}

pub fn measure(r: &Ranking, cfg: &RankConfig, qs: &[String]) -> Stages {
    let g = &r.snapshot;
    let (mut read, mut walk, mut signals, mut explain) = (vec![], vec![], vec![], vec![]);
    let mut one_push = vec![];
    for text in qs {
        let q = query(text);
        let t = Instant::now();
        let question = rank::question::read(g, &r.index, cfg, text);
        read.push(ms(t));
        let seeds = rank::question_seeds(&question, cfg);
        let t = Instant::now();
        let walked = rank::walks::people(g, cfg, &seeds);
        let walk_ms = ms(t);
        walk.push(walk_ms);
        let t = Instant::now();
        std::hint::black_box(rank::spread(g, cfg, &seeds));
        one_push.push(ms(t));
        let t = Instant::now();
        let inferred = rank::infer(g, cfg, &question, None);
        std::hint::black_box(rank::fuse(g, cfg, &question, &inferred, &walked, |p| {
            g.is_contact(p)
        }));
        let signals_ms = ms(t);
        signals.push(signals_ms);
        // The whole answer walks and fuses again; what is left is the rest:
        // choosing the page and explaining it.
        let t = Instant::now();
        std::hint::black_box(rank::answer(g, cfg, &question, &q));
        explain.push((ms(t) - walk_ms - signals_ms).max(0.0));
    }
    let p = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (percentile(&v, 50.0), percentile(&v, 99.0))
    };
    Stages {
        read: p(read),
        walk: p(walk),
        walk_one_push: p(one_push),
        signals: p(signals),
        explain: p(explain),
    }
}
