//! Each operation's duration and a tracing span, labelled by the root fields
//! it asks for: names from the schema, never the client's `operationName`
//! or query text (which may hold an interview's answers), so labels come
//! from a closed set and nothing sensitive reaches logs or metrics.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextRequest,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection};
use async_graphql::{Response, ServerResult, Variables};
use tracing::Instrument;

/// The label of an operation that names no known field, or did not parse.
const UNKNOWN: &str = "unknown";

pub struct Observe;

impl ExtensionFactory for Observe {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Observed::default())
    }
}

#[derive(Default)]
struct Observed {
    label: Mutex<Option<String>>,
}

#[async_trait::async_trait]
impl Extension for Observed {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let start = Instant::now();
        let span = tracing::info_span!("graphql", operation = tracing::field::Empty);
        let response = next.run(ctx).instrument(span.clone()).await;
        let label = self
            .label
            .lock()
            .ok()
            .and_then(|l| l.clone())
            .unwrap_or_else(|| UNKNOWN.into());
        span.record("operation", label.as_str());
        metrics::histogram!("tacit_graphql_operation_duration_seconds", "operation" => label)
            .record(start.elapsed().as_secs_f64());
        response
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        if let Ok(mut l) = self.label.lock() {
            *l = Some(label(&ctx.schema_env.registry, &doc));
        }
        Ok(doc)
    }
}

/// `query:experts`, or `query:me+more` for several root fields: the kind and
/// the schema's name of the first operation's first root field (in name order).
fn label(registry: &async_graphql::registry::Registry, doc: &ExecutableDocument) -> String {
    let Some((_, op)) = doc.operations.iter().next() else {
        return UNKNOWN.into();
    };
    let (kind, root) = match op.node.ty {
        OperationType::Query => ("query", Some(registry.query_type.as_str())),
        OperationType::Mutation => ("mutation", registry.mutation_type.as_deref()),
        OperationType::Subscription => ("subscription", registry.subscription_type.as_deref()),
    };
    let Some(root) = root.and_then(|r| registry.types.get(r)) else {
        return UNKNOWN.into();
    };
    let mut fields: Vec<&str> = op
        .node
        .selection_set
        .node
        .items
        .iter()
        .filter_map(|s| match &s.node {
            Selection::Field(f) => root
                .field_by_name(f.node.name.node.as_str())
                .map(|m| m.name.as_str()),
            _ => None,
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    match fields.as_slice() {
        [] => UNKNOWN.into(),
        [one] => format!("{kind}:{one}"),
        [first, ..] => format!("{kind}:{first}+more"),
    }
}
