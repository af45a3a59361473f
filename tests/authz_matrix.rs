//! The authorization matrix: every field of every object type in the schema
//! has a declared rule, and every role gets exactly what the rule says when
//! it asks for every root field, and for every field of the main types.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use async_graphql::parser::types::{BaseType, TypeKind, TypeSystemDefinition};
use common::{Backend, TestApp, import_examples};
use serde_json::{Value, json};
use tacit::auth::policy::{Resource, Rule, allows, declared_fields};
use tacit::auth::{Principal, Via};
use tacit::domain::{Role, Scope};

struct Schema {
    /// type → fields (name, required arguments as (name, type name, list), return type name)
    objects: BTreeMap<String, Vec<Field>>,
    inputs: BTreeMap<String, Vec<(String, String, bool, bool)>>,
    enums: BTreeMap<String, String>,
    composite: BTreeSet<String>,
}

struct Field {
    name: String,
    args: Vec<(String, String, bool)>,
    returns: String,
}

fn base_name(ty: &async_graphql::parser::types::Type) -> (String, bool) {
    match &ty.base {
        BaseType::Named(n) => (n.to_string(), false),
        BaseType::List(inner) => (base_name(inner).0, true),
    }
}

fn schema() -> Schema {
    let doc = async_graphql::parser::parse_schema(tacit::api::graphql::sdl()).expect("SDL parses");
    let mut s = Schema {
        objects: BTreeMap::new(),
        inputs: BTreeMap::new(),
        enums: BTreeMap::new(),
        composite: BTreeSet::new(),
    };
    for def in doc.definitions {
        let TypeSystemDefinition::Type(t) = def else {
            continue;
        };
        let name = t.node.name.node.to_string();
        let fields = match &t.node.kind {
            TypeKind::Object(o) => &o.fields,
            TypeKind::Interface(i) => &i.fields,
            TypeKind::Union(_) => {
                s.composite.insert(name);
                continue;
            }
            TypeKind::Enum(e) => {
                s.enums
                    .insert(name, e.values[0].node.value.node.to_string());
                continue;
            }
            TypeKind::InputObject(i) => {
                let fields = i
                    .fields
                    .iter()
                    .map(|f| {
                        let (ty, list) = base_name(&f.node.ty.node);
                        let required = !f.node.ty.node.nullable && f.node.default_value.is_none();
                        (f.node.name.node.to_string(), ty, list, required)
                    })
                    .collect();
                s.inputs.insert(name, fields);
                continue;
            }
            TypeKind::Scalar => continue,
        };
        s.composite.insert(name.clone());
        let fields = fields
            .iter()
            .map(|f| Field {
                name: f.node.name.node.to_string(),
                args: f
                    .node
                    .arguments
                    .iter()
                    .filter(|a| !a.node.ty.node.nullable && a.node.default_value.is_none())
                    .map(|a| {
                        let (ty, list) = base_name(&a.node.ty.node);
                        (a.node.name.node.to_string(), ty, list)
                    })
                    .collect(),
                returns: base_name(&f.node.ty.node).0,
            })
            .collect();
        s.objects.insert(name, fields);
    }
    s
}

impl Schema {
    /// A literal of type `ty`: ids that belong to nobody, minimal inputs.
    fn literal(&self, ty: &str, list: bool) -> String {
        let one = match ty {
            "ID" => "\"zz-nobody\"".to_string(),
            "String" => "\"x\"".to_string(),
            "Int" => "1".to_string(),
            "Float" => "1.0".to_string(),
            "Boolean" => "true".to_string(),
            "DateTime" => "\"2026-01-01T00:00:00Z\"".to_string(),
            "NaiveDate" => "\"2026-01-01\"".to_string(),
            "JSON" => "{}".to_string(),
            other if self.enums.contains_key(other) => self.enums[other].clone(),
            other => {
                let fields = self
                    .inputs
                    .get(other)
                    .unwrap_or_else(|| panic!("unknown input type {other}"));
                let parts: Vec<String> = fields
                    .iter()
                    .filter(|f| f.3)
                    .map(|(n, t, l, _)| format!("{n}: {}", self.literal(t, *l)))
                    .collect();
                format!("{{ {} }}", parts.join(", "))
            }
        };
        if list { format!("[{one}]") } else { one }
    }

    fn call(&self, f: &Field) -> String {
        let args = if f.args.is_empty() {
            String::new()
        } else {
            let a: Vec<String> = f
                .args
                .iter()
                .map(|(n, t, l)| format!("{n}: {}", self.literal(t, *l)))
                .collect();
            format!("({})", a.join(", "))
        };
        let sel = if self.composite.contains(&f.returns) {
            " { __typename }"
        } else {
            ""
        };
        format!("{}{args}{sel}", f.name)
    }
}

#[test]
fn every_field_in_the_schema_has_exactly_one_rule() {
    let s = schema();
    let in_schema: BTreeSet<String> = s
        .objects
        .iter()
        .flat_map(|(t, fields)| fields.iter().map(move |f| format!("{t}.{}", f.name)))
        .collect();
    let declared: BTreeSet<String> = declared_fields().into_iter().map(|(f, _)| f).collect();
    let missing: Vec<_> = in_schema.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&in_schema).collect();
    assert!(
        missing.is_empty(),
        "fields without an authorization rule (add them to FIELDS in src/auth/policy/fields.rs): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rules for fields the schema no longer has: {stale:?}"
    );
}

/// The roles the matrix walks: (label, role, is a person, leads a community).
const ROLES: &[(&str, Option<Role>, bool)] = &[
    ("anonymous", None, false),
    (
        "integration (employee, no person)",
        Some(Role::Employee),
        false,
    ),
    ("employee", Some(Role::Employee), true),
    ("hr", Some(Role::Hr), true),
    ("admin", Some(Role::Admin), true),
];

fn principal(role: Role, person: bool, leads: &[&str]) -> Principal {
    let mut roles = vec![Role::Employee, role];
    roles.sort_by_key(|r| *r as u8);
    roles.dedup();
    Principal {
        person_id: person.then(|| "e3003".to_string()),
        roles,
        scopes: vec![Scope::Read, Scope::Write],
        via: Via::Token,
        credential: None,
        leads: leads.iter().map(|s| s.to_string()).collect(),
        dev: false,
    }
}

fn codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["extensions"]["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Record-scoped rules decided on a record that is not the caller's.
fn expected(rule: Rule, p: &Principal) -> bool {
    match rule {
        Rule::SelfOrHr => allows(p, rule, Resource::Person("zz-nobody")),
        Rule::LeadOrAdmin => allows(p, rule, Resource::Community("zz-nobody")),
        _ => allows(p, rule, Resource::Any),
    }
}

async fn root_fields(app: TestApp) {
    import_examples(&app).await;
    let s = schema();
    let rules: BTreeMap<String, Rule> = declared_fields().into_iter().collect();
    let mut tokens = Vec::new();
    for (label, role, person) in ROLES {
        let token = match role {
            Some(r) => Some(app.token(*r, person.then_some("e3003")).await),
            None => None,
        };
        tokens.push((*label, *role, *person, token));
    }
    let mut checked = 0;
    for root in ["QueryRoot", "MutationRoot"] {
        for f in &s.objects[root] {
            let coordinate = format!("{root}.{}", f.name);
            let rule = rules[&coordinate];
            let op = if root == "MutationRoot" {
                "mutation"
            } else {
                "query"
            };
            let query = format!("{op} {{ {} }}", s.call(f));
            // Admin last: its mutations may succeed and change the data.
            for (label, role, person, token) in &tokens {
                let (status, body) = app.gql_as(token.as_deref(), &query, json!({})).await;
                assert!(status < 500, "{coordinate} as {label}: {status} {body}");
                let Some(role) = role else {
                    assert_eq!(
                        status, 401,
                        "{coordinate} as {label} must need a credential"
                    );
                    continue;
                };
                let p = principal(*role, *person, &[]);
                let forbidden = codes(&body).iter().any(|c| c == "FORBIDDEN");
                if expected(rule, &p) {
                    // Resolvers may refuse a record that is not the caller's
                    // (someone else's evidence, a community they do not lead).
                    let refines = [
                        "addMember",
                        "removeMember",
                        "createEvidence",
                        "updateEvidence",
                        "endorseSkill",
                        "withdrawEndorsement",
                    ];
                    if *role == Role::Admin || !refines.contains(&f.name.as_str()) {
                        assert!(
                            !forbidden,
                            "{coordinate} as {label} ({rule:?}) was refused: {body}"
                        );
                    }
                } else {
                    assert!(
                        forbidden,
                        "{coordinate} as {label} ({rule:?}) was allowed: {body}"
                    );
                    assert!(
                        body["data"].is_null() || body["data"][&f.name].is_null(),
                        "{coordinate} as {label} leaked data: {body}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} checks ran");
}

on_both_backends!(every_root_field_for_every_role, root_fields);

/// Every field of the main object types, as each role, on a real record.
async fn object_fields(app: TestApp) {
    import_examples(&app).await;
    let s = schema();
    let rules: BTreeMap<String, Rule> = declared_fields().into_iter().collect();
    let lookups = [
        ("Person", "person(id: \"e1001\")"),
        ("Office", "offices"),
        ("Skill", "skill(id: \"s-gdpr\")"),
        ("Community", "community(id: \"c-rm\")"),
        ("Me", "me"),
        ("Expert", "experts(query: \"records retention\")"),
    ];
    for (role, person) in [
        (Role::Employee, true),
        (Role::Hr, true),
        (Role::Admin, false),
    ] {
        let token = app.token(role, person.then_some("e3003")).await;
        let p = principal(role, person, &[]);
        for (ty, lookup) in lookups {
            let fields: Vec<String> = s.objects[ty].iter().map(|f| s.call(f)).collect();
            let query = format!("{{ x: {lookup} {{ {} }} }}", fields.join(" "));
            let (status, body) = app.gql_as(Some(&token), &query, json!({})).await;
            assert_eq!(status, 200, "{ty} as {role:?}: {body}");
            for f in &s.objects[ty] {
                let rule = rules[&format!("{ty}.{}", f.name)];
                let refused = body["errors"].as_array().is_some_and(|errs| {
                    errs.iter().any(|e| {
                        e["extensions"]["code"] == "FORBIDDEN"
                            && e["path"]
                                .as_array()
                                .and_then(|p| p.last())
                                .and_then(Value::as_str)
                                == Some(f.name.as_str())
                    })
                });
                assert_eq!(
                    refused,
                    !allows(&p, rule, Resource::Any),
                    "{ty}.{} as {role:?} ({rule:?}): {body}",
                    f.name
                );
            }
        }
    }
}

on_both_backends!(every_field_of_the_main_types_for_every_role, object_fields);

/// The admin-only types, field by field: every field for admins, and the
/// lists refused outright for everyone else.
async fn admin_fields(app: TestApp) {
    import_examples(&app).await;
    app.data(
        "mutation { grantRole(input: { personId: \"e0042\", role: HR }) { changed } }",
        json!({}),
    )
    .await;
    let s = schema();
    let lookups = [
        ("ApiToken", "apiTokens"),
        ("AuditEntry", "auditLog"),
        ("RoleGrant", "roleGrants"),
        ("AuditChain", "auditChain"),
    ];
    for (role, person) in [
        (Role::Employee, true),
        (Role::Hr, true),
        (Role::Admin, false),
    ] {
        let token = app.token(role, person.then_some("e3003")).await;
        for (ty, lookup) in lookups {
            let fields: Vec<String> = s.objects[ty].iter().map(|f| s.call(f)).collect();
            let query = format!("{{ x: {lookup} {{ {} }} }}", fields.join(" "));
            let (status, body) = app.gql_as(Some(&token), &query, json!({})).await;
            assert_eq!(status, 200, "{ty} as {role:?}: {body}");
            let forbidden = codes(&body).iter().any(|c| c == "FORBIDDEN");
            if role == Role::Admin {
                assert!(
                    !forbidden && body["errors"].is_null(),
                    "{ty} as admin: {body}"
                );
                let x = &body["data"]["x"];
                let sample = if x.is_array() {
                    x[0].clone()
                } else {
                    x.clone()
                };
                for f in &s.objects[ty] {
                    assert!(
                        sample.get(&f.name).is_some(),
                        "{ty}.{} missing for admin: {body}",
                        f.name
                    );
                }
            } else {
                assert!(
                    forbidden && body["data"].is_null(),
                    "{ty} as {role:?} was allowed: {body}"
                );
            }
        }
    }
}

on_both_backends!(every_field_of_the_admin_types, admin_fields);

#[tokio::test]
async fn the_matrix_sees_a_missing_rule() {
    // A coordinate that is not in the table is refused by authorize_field itself.
    let p = principal(Role::Admin, true, &[]);
    assert!(tacit::auth::authorize_field(&p, "Person.notDeclared", Resource::Any).is_err());
    let _ = Backend::Sqlite;
}
