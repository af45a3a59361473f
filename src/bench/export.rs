//! `tacit bench --export DIR`: the ranking graph and its queries as plain files,
//! so the figures can be reproduced with any graph tool.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::graph::{NodeId, NodeKind, Snapshot};

#[derive(Serialize)]
pub struct ExportQuery {
    pub query: String,
    pub seeds: Vec<(NodeId, f32)>,
    pub restart: f32,
    pub top10: Vec<NodeId>,
}

fn kind_name(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Person => "person",
        NodeKind::Skill => "skill",
        NodeKind::Community => "community",
        NodeKind::Evidence => "evidence",
        NodeKind::Interview => "interview",
    }
}

/// Writes `edges.tsv`, `nodes.tsv` and `queries.jsonl` into `dir`.
pub fn write(dir: &Path, g: &Snapshot, queries: &[ExportQuery]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut edges = BufWriter::new(std::fs::File::create(dir.join("edges.tsv"))?);
    let mut nodes = BufWriter::new(std::fs::File::create(dir.join("nodes.tsv"))?);
    for n in g.node_ids() {
        let kind = g.kind(n).unwrap_or(NodeKind::Person);
        let contact = u8::from(g.is_contact(n));
        writeln!(nodes, "{n}\t{}\t{contact}", kind_name(kind))?;
        for (m, p, _) in g.csr.neighbours(n) {
            writeln!(edges, "{n}\t{m}\t{p}")?;
        }
    }
    edges.flush()?;
    nodes.flush()?;
    let mut out = BufWriter::new(std::fs::File::create(dir.join("queries.jsonl"))?);
    for q in queries {
        serde_json::to_writer(&mut out, q)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
