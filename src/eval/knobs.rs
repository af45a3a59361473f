//! The `[ranking]` settings `tacit tune` learns, each with the values it tries.

use crate::rank::RankConfig;

use super::tune::Knob;

/// The settings `tacit tune` learns, each with the values it tries: the
/// fusion and the walk, few enough that a few hundred judgments can fit them
/// without fitting their noise. Edge weights are left alone: they shape the
/// graph itself, which is built once; the other `[ranking]` settings keep
/// what they are given.
pub fn knobs() -> Vec<Knob<RankConfig>> {
    const WEIGHT: &[f64] = &[0.0, 0.25, 0.5, 1.0, 2.0, 4.0];
    vec![
        Knob {
            name: "restart",
            values: &[0.05, 0.1, 0.15, 0.25, 0.4],
            get: |c| f64::from(c.restart),
            set: |c, v| c.restart = v as f32,
        },
        Knob {
            name: "fusion.walk",
            values: WEIGHT,
            get: |c| f64::from(c.fusion.walk),
            set: |c, v| c.fusion.walk = v as f32,
        },
        Knob {
            name: "fusion.documents",
            values: WEIGHT,
            get: |c| f64::from(c.fusion.documents),
            set: |c, v| c.fusion.documents = v as f32,
        },
        Knob {
            name: "fusion.topics",
            values: WEIGHT,
            get: |c| f64::from(c.fusion.topics),
            set: |c, v| c.fusion.topics = v as f32,
        },
        Knob {
            name: "fusion.activity",
            values: WEIGHT,
            get: |c| f64::from(c.fusion.activity),
            set: |c, v| c.fusion.activity = v as f32,
        },
        Knob {
            name: "fusion.rank_constant",
            values: &[0.0, 10.0, 60.0],
            get: |c| f64::from(c.fusion.rank_constant),
            set: |c, v| c.fusion.rank_constant = v as f32,
        },
        Knob {
            name: "fusion.sharpness",
            values: &[0.5, 1.0, 2.0, 3.0, 5.0],
            get: |c| f64::from(c.fusion.sharpness),
            set: |c, v| c.fusion.sharpness = v as f32,
        },
        Knob {
            name: "fusion.max_topics",
            values: &[3.0, 5.0, 10.0, 20.0],
            get: |c| c.fusion.max_topics as f64,
            set: |c, v| c.fusion.max_topics = v as usize,
        },
        Knob {
            name: "fusion.asker_hint",
            values: &[0.0, 0.25, 0.5, 0.75, 0.9],
            get: |c| f64::from(c.fusion.asker_hint),
            set: |c, v| c.fusion.asker_hint = v as f32,
        },
        Knob {
            name: "fusion.activity_power",
            values: &[0.25, 0.5, 0.75, 1.0],
            get: |c| f64::from(c.fusion.activity_power),
            set: |c, v| c.fusion.activity_power = v as f32,
        },
    ]
}
