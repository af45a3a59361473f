//! `PATCH` (RFC 7644 §3.5.2) in the forms Entra ID and Okta send: `op` in
//! any case (`"Replace"`, `"add"`), a `path` that is an attribute, a
//! sub-attribute, a value filter (`emails[type eq "work"].value`) or an
//! extension's attribute by its schema URN; or no path and an object of
//! attributes (whose names may be paths themselves). Operations apply, in
//! order, to the user as SCIM shows them; the result is then read and
//! checked like a `PUT`, so a patch cannot write what a `PUT` could not.

use serde_json::{Map, Value};

use super::error::ScimError;
use super::user::{ENTERPRISE_SCHEMA, USER_SCHEMA, member};

pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// The attributes of RFC 7643's User (§4.1) and enterprise extension
/// (§4.3). Tacit keeps some and accepts the rest without keeping them; a
/// path naming anything else is a mistake worth saying so.
const USER_ATTRIBUTES: &[&str] = &[
    "id",
    "externalId",
    "meta",
    "schemas",
    "userName",
    "name",
    "displayName",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "active",
    "password",
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "entitlements",
    "roles",
    "x509Certificates",
];
const ENTERPRISE_ATTRIBUTES: &[&str] = &[
    "employeeNumber",
    "costCenter",
    "organization",
    "division",
    "department",
    "manager",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// Applies the operations of a PatchOp `body` to `doc`, a user as SCIM
/// shows them. Removing an attribute sets it to `null`, which clears it.
pub fn apply(doc: &mut Value, body: &Value) -> Result<(), ScimError> {
    let Some(body) = body.as_object() else {
        return Err(ScimError::invalid_syntax("a PATCH body is a JSON object"));
    };
    if let Some(schemas) = member(body, "schemas") {
        let named = schemas.as_array().is_some_and(|s| {
            s.iter().any(|v| {
                v.as_str()
                    .is_some_and(|v| v.eq_ignore_ascii_case(PATCH_SCHEMA))
            })
        });
        if !named {
            return Err(ScimError::invalid_syntax(format!(
                "a PATCH body's schemas must include {PATCH_SCHEMA}"
            )));
        }
    }
    let Some(Value::Array(ops)) = member(body, "Operations") else {
        return Err(ScimError::invalid_syntax(
            "a PATCH body needs a list of Operations",
        ));
    };
    if ops.is_empty() {
        return Err(ScimError::invalid_syntax(
            "a PATCH body needs at least one operation",
        ));
    }
    let Some(doc) = doc.as_object_mut() else {
        return Err(ScimError::invalid_syntax("the user is not an object"));
    };
    for (i, op) in ops.iter().enumerate() {
        let n = i + 1;
        let Some(op) = op.as_object() else {
            return Err(ScimError::invalid_syntax(format!(
                "operation {n} is not an object"
            )));
        };
        let kind = match member(op, "op")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("add") => Op::Add,
            Some("replace") => Op::Replace,
            Some("remove") => Op::Remove,
            _ => {
                return Err(ScimError::invalid_syntax(format!(
                    "operation {n}: op must be add, replace or remove"
                )));
            }
        };
        let value = member(op, "value").cloned().unwrap_or(Value::Null);
        match member(op, "path") {
            Some(Value::String(path)) => at_path(doc, kind, path, value)?,
            Some(_) => {
                return Err(ScimError::invalid_path(format!(
                    "operation {n}: path must be a string"
                )));
            }
            None if kind == Op::Remove => {
                return Err(ScimError::no_target(format!(
                    "operation {n}: remove needs a path"
                )));
            }
            None => {
                let Value::Object(attrs) = value else {
                    return Err(ScimError::invalid_value(format!(
                        "operation {n}: with no path, the value must be an object of attributes"
                    )));
                };
                for (path, v) in attrs {
                    at_path(doc, kind, &path, v)?;
                }
            }
        }
    }
    Ok(())
}

/// A parsed path: `attr`, `attr.sub`, `attr[filter]` or `attr[filter].sub`,
/// in the core schema or the enterprise extension.
#[derive(Debug, PartialEq)]
struct Path {
    enterprise: bool,
    attr: String,
    filter: Option<(String, Value)>,
    sub: Option<String>,
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `None` for an attribute of another extension, which Tacit does not keep.
fn parse_path(path: &str) -> Result<Option<Path>, ScimError> {
    let bad = || ScimError::invalid_path(format!("the path '{path}' is not one Tacit understands"));
    let path = path.trim();
    let (enterprise, rest) = if let Some(rest) = strip_prefix_ci(path, ENTERPRISE_SCHEMA) {
        (true, rest.strip_prefix(':').unwrap_or(rest))
    } else if let Some(rest) = strip_prefix_ci(path, USER_SCHEMA) {
        (false, rest.strip_prefix(':').unwrap_or(rest))
    } else if strip_prefix_ci(path, "urn:").is_some() {
        return Ok(None);
    } else {
        (false, path)
    };
    if enterprise && rest.is_empty() {
        // The extension itself: its value is an object of attributes.
        return Ok(Some(Path {
            enterprise: false,
            attr: ENTERPRISE_SCHEMA.into(),
            filter: None,
            sub: None,
        }));
    }
    let end = rest.find(['[', '.']).unwrap_or(rest.len());
    let attr = &rest[..end];
    if attr.is_empty()
        || !attr
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        return Err(bad());
    }
    let known = if enterprise {
        ENTERPRISE_ATTRIBUTES
    } else {
        USER_ATTRIBUTES
    };
    if !known.iter().any(|k| k.eq_ignore_ascii_case(attr)) {
        return Err(ScimError::invalid_path(format!(
            "'{attr}' is not an attribute of a SCIM user (RFC 7643): is it misspelt?"
        )));
    }
    let mut tail = &rest[end..];
    let mut filter = None;
    if let Some(inner) = tail.strip_prefix('[') {
        let close = inner.find(']').ok_or_else(bad)?;
        let expr = inner[..close].trim();
        tail = &inner[close + 1..];
        let mut parts = expr.splitn(3, char::is_whitespace);
        let (Some(key), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if !op.eq_ignore_ascii_case("eq") {
            return Err(ScimError::invalid_filter(format!(
                "in the path '{path}', only eq filters are supported"
            )));
        }
        let value: Value = serde_json::from_str(value.trim()).map_err(|_| bad())?;
        filter = Some((key.to_string(), value));
    }
    let sub = match tail {
        "" => None,
        t => {
            let s = t.strip_prefix('.').ok_or_else(bad)?;
            if s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
            {
                return Err(bad());
            }
            Some(s.to_string())
        }
    };
    Ok(Some(Path {
        enterprise,
        attr: attr.to_string(),
        filter,
        sub,
    }))
}

/// The key of `object` named `name` (without case), or `name` itself.
fn key(object: &Map<String, Value>, name: &str) -> String {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// Sets `object[name]` for `kind`: objects merge, `add` appends to lists,
/// `remove` writes `null`.
fn put(object: &mut Map<String, Value>, kind: Op, name: &str, value: Value) {
    let k = key(object, name);
    let slot = object.entry(k).or_insert(Value::Null);
    match (kind, slot, value) {
        (Op::Remove, slot, _) => *slot = Value::Null,
        (_, Value::Object(old), Value::Object(new)) => {
            for (name, v) in new {
                put(old, kind, &name, v);
            }
        }
        (Op::Add, Value::Array(old), Value::Array(new)) => {
            // Tacit keeps one value of each type (one work address): a new
            // one of a type replaces the old rather than queueing behind it.
            for n in &new {
                if let Some(t) = n
                    .as_object()
                    .and_then(|o| member(o, "type"))
                    .and_then(Value::as_str)
                {
                    old.retain(|o| {
                        !o.as_object()
                            .and_then(|o| member(o, "type"))
                            .and_then(Value::as_str)
                            .is_some_and(|ot| ot.eq_ignore_ascii_case(t))
                    });
                }
            }
            old.extend(new)
        }
        (_, slot, value) => *slot = value,
    }
}

fn matches(element: &Value, (field, want): &(String, Value)) -> bool {
    let Some(o) = element.as_object() else {
        return false;
    };
    match (member(o, field), want) {
        (Some(Value::String(a)), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (Some(a), b) => a == b,
        (None, _) => false,
    }
}

fn at_path(
    doc: &mut Map<String, Value>,
    kind: Op,
    path: &str,
    value: Value,
) -> Result<(), ScimError> {
    let Some(path) = parse_path(path)? else {
        return Ok(());
    };
    let container = if path.enterprise {
        let k = key(doc, ENTERPRISE_SCHEMA);
        let slot = doc.entry(k).or_insert(Value::Null);
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        match slot.as_object_mut() {
            Some(m) => m,
            None => {
                return Err(ScimError::invalid_path(
                    "the enterprise extension is not an object",
                ));
            }
        }
    } else {
        doc
    };
    match (&path.filter, &path.sub) {
        (None, None) => put(container, kind, &path.attr, value),
        (None, Some(sub)) => {
            let k = key(container, &path.attr);
            let slot = container.entry(k).or_insert(Value::Null);
            match slot {
                Value::Array(items) if !items.is_empty() => {
                    for item in items.iter_mut().filter_map(Value::as_object_mut) {
                        put(item, kind, sub, value.clone());
                    }
                }
                _ if kind == Op::Remove => {}
                slot => {
                    if !slot.is_object() {
                        *slot = Value::Object(Map::new());
                    }
                    if let Some(o) = slot.as_object_mut() {
                        put(o, kind, sub, value);
                    }
                }
            }
        }
        (Some(filter), sub) => {
            let k = key(container, &path.attr);
            let slot = container.entry(k).or_insert(Value::Null);
            if !slot.is_array() {
                *slot = Value::Array(vec![]);
            }
            let Some(items) = slot.as_array_mut() else {
                return Ok(());
            };
            let hit = items.iter().any(|e| matches(e, filter));
            match (kind, sub) {
                (Op::Remove, None) => items.retain(|e| !matches(e, filter)),
                (_, sub) if hit => {
                    for item in items.iter_mut().filter(|e| matches(e, filter)) {
                        if let Some(o) = item.as_object_mut() {
                            match sub {
                                Some(s) => put(o, kind, s, value.clone()),
                                None => {
                                    if let Value::Object(v) = value.clone() {
                                        for (name, v) in v {
                                            put(o, kind, &name, v);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                (Op::Remove, _) => {}
                (_, sub) => {
                    let mut element = Map::new();
                    element.insert(filter.0.clone(), filter.1.clone());
                    match (sub, value) {
                        (Some(s), v) => {
                            element.insert(s.clone(), v);
                        }
                        (None, Value::Object(v)) => element.extend(v),
                        (None, _) => {
                            return Err(ScimError::invalid_value(format!(
                                "the value for '{}[…]' must be an object",
                                path.attr
                            )));
                        }
                    }
                    items.push(Value::Object(element));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(doc: Value, ops: Value) -> Value {
        let mut doc = doc;
        apply(
            &mut doc,
            &json!({ "schemas": [PATCH_SCHEMA], "Operations": ops }),
        )
        .unwrap();
        doc
    }

    #[test]
    fn entra_and_okta_forms_apply() {
        let doc = json!({
            "userName": "a@x.com",
            "name": { "givenName": "A", "familyName": "B" },
            "emails": [{ "value": "a@x.com", "type": "work", "primary": true }],
            "active": true,
        });
        // Entra: capitalised ops, a filter path, a sub-attribute path.
        let d = patched(
            doc.clone(),
            json!([
                { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "new@x.com" },
                { "op": "Replace", "path": "name.familyName", "value": "C" },
                { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "m1" },
                { "op": "Replace", "path": "active", "value": "False" },
            ]),
        );
        assert_eq!(d["emails"][0]["value"], "new@x.com");
        assert_eq!(d["emails"].as_array().map(Vec::len), Some(1));
        assert_eq!(d["name"]["familyName"], "C");
        assert_eq!(d["name"]["givenName"], "A");
        assert_eq!(d[ENTERPRISE_SCHEMA]["manager"], "m1");
        assert_eq!(d["active"], "False");
        // Okta: lower case, no path, an object of attributes.
        let d = patched(
            doc.clone(),
            json!([{ "op": "replace", "value": { "active": false } }]),
        );
        assert_eq!(d["active"], false);
        // Entra without a path: attribute names that are paths.
        let d = patched(
            doc.clone(),
            json!([{ "op": "Add", "value": { "name.givenName": "Z", "title": "Dr" } }]),
        );
        assert_eq!(d["name"]["givenName"], "Z");
        assert_eq!(d["title"], "Dr");
        // Remove clears; a filter that matches nothing adds an element.
        let d = patched(
            doc.clone(),
            json!([
                { "op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager" },
                { "op": "add", "path": "addresses[type eq \"work\"].country", "value": "GB" },
                { "op": "remove", "path": "emails[type eq \"work\"]" },
            ]),
        );
        assert_eq!(d[ENTERPRISE_SCHEMA]["manager"], Value::Null);
        assert_eq!(d["addresses"], json!([{ "type": "work", "country": "GB" }]));
        assert_eq!(d["emails"], json!([]));
        // Adding a work address replaces the work address.
        let d = patched(
            doc.clone(),
            json!([{ "op": "add", "path": "emails", "value": [{ "value": "b@x.com", "type": "Work" }] }]),
        );
        assert_eq!(d["emails"], json!([{ "value": "b@x.com", "type": "Work" }]));
        // Another extension's attributes are not kept, and not an error.
        patched(
            doc,
            json!([{ "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:custom:2.0:User:site", "value": "180" }]),
        );
    }

    #[test]
    fn malformed_patches_are_refused_with_the_right_type() {
        let doc = json!({ "userName": "a" });
        for (body, scim_type) in [
            (json!({ "Operations": [] }), "invalidSyntax"),
            (
                json!({ "schemas": ["urn:x"], "Operations": [{ "op": "add", "path": "title", "value": "x" }] }),
                "invalidSyntax",
            ),
            (
                json!({ "Operations": [{ "op": "move", "path": "title" }] }),
                "invalidSyntax",
            ),
            (json!({ "Operations": [{ "op": "remove" }] }), "noTarget"),
            (
                json!({ "Operations": [{ "op": "add", "value": "x" }] }),
                "invalidValue",
            ),
            (
                json!({ "Operations": [{ "op": "add", "path": "emails[type sw \"w\"].value", "value": "x" }] }),
                "invalidFilter",
            ),
            (
                json!({ "Operations": [{ "op": "add", "path": "emails[type eq \"w\"", "value": "x" }] }),
                "invalidPath",
            ),
            (
                json!({ "Operations": [{ "op": "add", "path": "a b", "value": "x" }] }),
                "invalidPath",
            ),
            (
                json!({ "Operations": [{ "op": "replace", "path": "tittle", "value": "x" }] }),
                "invalidPath",
            ),
            (
                json!({ "Operations": [{ "op": "replace", "value": { "tittle": "x" } }] }),
                "invalidPath",
            ),
        ] {
            let mut d = doc.clone();
            let e = apply(&mut d, &body).unwrap_err();
            assert_eq!(e.scim_type, Some(scim_type), "{body}");
        }
    }
}
