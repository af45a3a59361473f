//! What an operation costs, worked out from its text and the schema before
//! anything runs, and refused when it is over the budget.
//!
//! A field costs 1 plus its children. A list multiplies its children by how
//! many items it may hold: `first` where the field takes it (a page such as
//! `people(first: 100)` or `experts(first: 20)`), otherwise [`LIST`]. A field
//! that ranks people (a personalised PageRank walk) adds [`RANKING`], so an
//! operation holds at most three of them. Nested pages multiply:
//! `people(first: 100) { … holders(first: 100) { … } }` costs 10,000 times
//! what one holder does.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::registry::{MetaType, Registry};
use async_graphql::{ErrorExtensions, ServerResult, Value, Variables};

/// The most an operation may cost.
pub const BUDGET: u64 = 50_000;
/// What one ranking adds: [`BUDGET`] holds three, with room for their results.
pub const RANKING: u64 = 15_000;
/// How many items a list without `first` is taken to hold.
pub const LIST: u64 = 10;
/// The page size of a connection asked for without `first`.
const DEFAULT_FIRST: u64 = super::query::DEFAULT_PAGE as u64;
/// Where `first` is larger than any resolver accepts, it is refused there;
/// here it only has to keep the arithmetic finite.
const FIRST_CAP: u64 = 1_000_000;

/// Fields that rank people or skills by a walk over the graph, by type.
const RANKINGS: &[(&str, &str)] = &[
    ("QueryRoot", "experts"),
    ("QueryRoot", "expertSearch"),
    ("QueryRoot", "relatedSkills"),
    ("Community", "suggestedMembers"),
    ("Interview", "successorCandidates"),
    // Routing a question ranks the people to ask.
    ("MutationRoot", "askQuestion"),
    ("MutationRoot", "declineQuestion"),
];

/// Fields whose work is more than their size: an export of everything about
/// a person, a transcript read (each audited).
const FIXED: &[(&str, &str, u64)] = &[
    ("QueryRoot", "myData", 10_000),
    ("Interview", "transcript", 2_000),
];

/// What each field at the root of a mutation adds: at most 20 writes per
/// operation.
pub const WRITE: u64 = 2_500;

/// Fields whose page grows with a `steps` argument: `network(first: 40,
/// steps: 2)` reaches up to `first` nodes a step, each of whose links it
/// scans, so its lists hold and its own work is `first` times `steps`.
const STEPPED: &[(&str, &str)] = &[("Person", "network")];

/// Lists whose length the code bounds, below [`LIST`].
const BOUNDED: &[(&str, &str, u64)] = &[
    // One reason per path; a path has one or two steps.
    (
        "Explanation",
        "paths",
        crate::rank::explain::MAX_REASONS as u64,
    ),
    ("ExplanationPath", "nodes", 3),
    ("ExplanationPath", "edges", 2),
];

/// The cost of the most expensive operation in `doc`.
pub fn of(registry: &Registry, doc: &ExecutableDocument, variables: &Variables) -> u64 {
    doc.operations
        .iter()
        .map(|(_, op)| {
            use async_graphql::parser::types::OperationType;
            let root = match op.node.ty {
                OperationType::Query => Some(registry.query_type.as_str()),
                OperationType::Mutation => registry.mutation_type.as_deref(),
                OperationType::Subscription => registry.subscription_type.as_deref(),
            };
            // A variable left out takes the default its operation declares.
            let mut values = variables.clone();
            for d in &op.node.variable_definitions {
                let name = async_graphql::Name::new(d.node.name.node.as_str());
                if !values.contains_key(&name)
                    && let Some(default) = &d.node.default_value
                {
                    values.insert(name, default.node.clone());
                }
            }
            let walk = Walk {
                registry,
                doc,
                variables: &values,
                memo: RefCell::default(),
            };
            let writes = match op.node.ty {
                OperationType::Mutation => {
                    WRITE.saturating_mul(op.node.selection_set.node.items.len() as u64)
                }
                _ => 0,
            };
            root.map_or(0, |t| {
                walk.selections(t, &op.node.selection_set.node, None, &mut HashSet::new())
            })
            .saturating_add(writes)
        })
        .max()
        .unwrap_or(0)
}

struct Walk<'a> {
    registry: &'a Registry,
    doc: &'a ExecutableDocument,
    variables: &'a Variables,
    /// Each fragment is costed once per enclosing page, however often it is
    /// spread: a chain of fragments that spread the previous one twice costs
    /// linear time to price (and is refused for its exponential cost).
    memo: RefCell<HashMap<(String, Option<u64>), u64>>,
}

impl Walk<'_> {
    /// The cost of `set` selected on `ty`. `page` is the size of the page
    /// an enclosing field took `first` for (its lists hold that many).
    fn selections(
        &self,
        ty: &str,
        set: &SelectionSet,
        page: Option<u64>,
        fragments: &mut HashSet<String>,
    ) -> u64 {
        let mut total: u64 = 0;
        for item in &set.items {
            let cost = match &item.node {
                Selection::Field(f) => self.field(ty, &f.node, page, fragments),
                Selection::InlineFragment(f) => {
                    let on = f
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(ty, |c| c.node.on.node.as_str());
                    self.selections(on, &f.node.selection_set.node, page, fragments)
                }
                Selection::FragmentSpread(s) => {
                    let name = s.node.fragment_name.node.to_string();
                    if let Some(known) = self.memo.borrow().get(&(name.clone(), page)) {
                        total = total.saturating_add(*known);
                        continue;
                    }
                    // A fragment that spreads itself is refused by validation; cost it once.
                    if !fragments.insert(name.clone()) {
                        continue;
                    }
                    let cost = self
                        .doc
                        .fragments
                        .get(&s.node.fragment_name.node)
                        .map_or(0, |f| {
                            let on = f.node.type_condition.node.on.node.as_str();
                            self.selections(on, &f.node.selection_set.node, page, fragments)
                        });
                    fragments.remove(&name);
                    self.memo.borrow_mut().insert((name, page), cost);
                    cost
                }
            };
            total = total.saturating_add(cost);
        }
        total
    }

    fn field(
        &self,
        ty: &str,
        f: &async_graphql::parser::types::Field,
        page: Option<u64>,
        fragments: &mut HashSet<String>,
    ) -> u64 {
        let name = f.name.node.as_str();
        let Some(meta) = self
            .registry
            .types
            .get(ty)
            .and_then(|t| t.field_by_name(name))
        else {
            // `__typename`, introspection, or a field validation will refuse.
            return 1;
        };
        let child_type = named_type(&meta.ty);
        let is_list = meta.ty.contains('[');
        let argument = |arg_name: &str| {
            let arg = meta.args.get(arg_name)?;
            let given = f
                .arguments
                .iter()
                .find(|(n, _)| n.node == arg_name)
                .map(|(_, v)| {
                    let value = v
                        .node
                        .clone()
                        .into_const_with(|name| self.variables.get(&name).cloned().ok_or(()));
                    value.ok().and_then(count)
                });
            Some(match given {
                Some(Some(n)) => n,
                Some(None) => DEFAULT_FIRST,
                None => arg
                    .default_value
                    .as_deref()
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(DEFAULT_FIRST),
            })
        };
        let mut first = argument("first");
        let mut work = 0;
        if STEPPED.contains(&(ty, name)) {
            let steps = argument("steps").unwrap_or(1).max(1);
            first = first.map(|n| n.saturating_mul(steps));
            work = first.unwrap_or(0);
        }
        let bounded = BOUNDED
            .iter()
            .find(|(t, n, _)| *t == ty && *n == name)
            .map(|b| b.2);
        // A list holds `first` items, or its enclosing page's, or a bound, or LIST.
        let (times, inner_page) = match (is_list, first) {
            (true, Some(n)) => (n, None),
            (true, None) => (bounded.or(page).unwrap_or(LIST), None),
            (false, n) => (1, n),
        };
        let children = match self.registry.types.get(child_type) {
            Some(MetaType::Scalar { .. } | MetaType::Enum { .. }) | None => 0,
            Some(_) => self.selections(child_type, &f.selection_set.node, inner_page, fragments),
        };
        let ranking = if RANKINGS.contains(&(ty, name)) {
            RANKING
        } else {
            FIXED
                .iter()
                .find(|(t, n, _)| *t == ty && *n == name)
                .map_or(0, |f| f.2)
        };
        ranking
            .saturating_add(work)
            .saturating_add(1)
            .saturating_add(times.saturating_mul(children))
    }
}

/// A non-negative count; `None` for null or anything else.
fn count(v: Value) -> Option<u64> {
    match v {
        Value::Number(n) => Some(n.as_i64().unwrap_or(0).clamp(0, FIRST_CAP as i64) as u64),
        _ => None,
    }
}

/// `Person` of `[Person!]!`.
fn named_type(ty: &str) -> &str {
    ty.trim_matches(|c| c == '[' || c == ']' || c == '!')
}

/// The extension that refuses an operation over [`BUDGET`] with `TOO_COSTLY`.
pub struct Budget;

impl ExtensionFactory for Budget {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(BudgetCheck)
    }
}

struct BudgetCheck;

#[async_trait::async_trait]
impl Extension for BudgetCheck {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let cost = of(&ctx.schema_env.registry, &doc, variables);
        if cost > BUDGET {
            let message = format!(
                "this request would cost {cost}, over the budget of {BUDGET}: ask for smaller pages (first), fewer nested lists, or at most three searches at once"
            );
            let e = async_graphql::Error::new(message)
                .extend_with(|_, ext| ext.set("code", "TOO_COSTLY"));
            return Err(e.into_server_error(async_graphql::Pos::default()));
        }
        Ok(doc)
    }
}
