//! After a mutation commits, the graph and text index catch up before the
//! response goes out, so the writer's next search already sees the write.
//! Within one operation, each root mutation field starts with empty loader
//! caches, so its payload never shows what an earlier field read before
//! writing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextResolve,
    ResolveInfo,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{Response, ServerResult, Value, Variables};

use super::State;
use super::loaders::Loaders;

pub struct SyncAfterWrites;

impl ExtensionFactory for SyncAfterWrites {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(SyncExtension::default())
    }
}

#[derive(Default)]
struct SyncExtension {
    mutation: AtomicBool,
}

#[async_trait::async_trait]
impl Extension for SyncExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let mutation = doc
            .operations
            .iter()
            .any(|(_, op)| op.node.ty == OperationType::Mutation);
        self.mutation.store(mutation, Ordering::Relaxed);
        Ok(doc)
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        // Root fields of a mutation (never of a query in the same document).
        if info.path_node.parent.is_none()
            && info.parent_type == "MutationRoot"
            && let Ok(loaders) = ctx.data::<Loaders>()
        {
            loaders.forget();
        }
        next.run(ctx, info).await
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if self.mutation.load(Ordering::Relaxed)
            && let Ok(state) = ctx.data::<State>()
        {
            crate::api::after_write(state.auth.as_deref(), &state.engine).await;
        }
        response
    }
}
