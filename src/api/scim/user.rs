//! A user as SCIM writes it (RFC 7643 §4.1, with the enterprise extension
//! of §4.3) and as it is read back from a request. Attribute names are
//! matched without regard to case, as the RFC asks; attributes Tacit does
//! not keep (passwords, phone numbers, groups, roles, locale) are ignored.

use serde_json::{Map, Value, json};

use super::error::ScimError;
use crate::domain::limits::NAME;
use crate::domain::scim::{Change, ScimUser, full_name};
use crate::domain::{PersonStatus, country, email, external_id, optional_text, timezone};
use crate::people::provisioning::Provisioned;

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// Where a user is found.
pub fn location(id: &str) -> String {
    format!("/scim/v2/Users/{id}")
}

/// The user as SCIM shows them.
pub fn to_json(user: &Provisioned) -> Value {
    let (p, a) = (&user.person, &user.account);
    let mut out = json!({
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "id": p.id,
        "userName": a.user_name,
        "active": p.status != PersonStatus::Left,
        "meta": {
            "resourceType": "User",
            "created": a.created_at.min(p.created_at).to_rfc3339(),
            "lastModified": a.updated_at.max(p.updated_at).to_rfc3339(),
            "location": location(&p.id),
        },
    });
    // displayName as the provider sent it, and name.formatted only when
    // there are no parts: echoed back in a PATCH, a stale copy of either
    // would keep the name from following givenName and familyName.
    if let Some(d) = &a.display_name {
        out["displayName"] = json!(d);
    }
    let mut name = Map::new();
    match full_name(a.given_name.as_deref(), a.family_name.as_deref()) {
        None => {
            name.insert("formatted".into(), json!(p.name));
        }
        Some(_) => {
            if let Some(g) = &a.given_name {
                name.insert("givenName".into(), json!(g));
            }
            if let Some(f) = &a.family_name {
                name.insert("familyName".into(), json!(f));
            }
        }
    }
    out["name"] = Value::Object(name);
    if let Some(x) = &a.external_id {
        out["externalId"] = json!(x);
    }
    if let Some(t) = &p.title {
        out["title"] = json!(t);
    }
    if let Some(e) = &p.email {
        out["emails"] = json!([{ "value": e, "type": "work", "primary": true }]);
    }
    if let Some(tz) = &p.timezone {
        out["timezone"] = json!(tz);
    }
    if let Some(c) = &p.country {
        out["addresses"] = json!([{ "type": "work", "country": c, "primary": true }]);
    }
    let mut enterprise = Map::new();
    if let Some(d) = &p.org_unit {
        enterprise.insert("department".into(), json!(d));
    }
    if let Some(n) = &a.employee_number {
        enterprise.insert("employeeNumber".into(), json!(n));
    }
    if let Some(m) = &p.manager_id {
        enterprise.insert("manager".into(), json!({ "value": m, "$ref": location(m) }));
    }
    out[ENTERPRISE_SCHEMA] = Value::Object(enterprise);
    out
}

/// The member of `object` named `name`, compared without case.
pub fn member<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn text<'a>(field: &str, v: &'a Value) -> Result<Option<&'a str>, ScimError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        _ => Err(ScimError::invalid_value(format!(
            "{field} must be a string"
        ))),
    }
}

/// An optional attribute: absent keeps, `null` or empty clears, else the
/// value checked by `check`.
fn change(
    object: &Map<String, Value>,
    field: &str,
    check: impl Fn(&str) -> Result<String, crate::domain::Invalid>,
) -> Result<Change<String>, ScimError> {
    let Some(v) = member(object, field) else {
        return Ok(None);
    };
    // Identity providers send employee numbers as numbers at times.
    if let (Value::Number(n), "employeeNumber") = (v, field) {
        return Ok(Some(Some(n.to_string())));
    }
    match text(field, v)?.map(str::trim) {
        None | Some("") => Ok(Some(None)),
        Some(s) => check(s)
            .map(|s| Some(Some(s)))
            .map_err(|e| ScimError::invalid_value(e.0)),
    }
}

fn plain(field: &'static str) -> impl Fn(&str) -> Result<String, crate::domain::Invalid> {
    move |s| optional_text(field, Some(s), NAME).map(Option::unwrap_or_default)
}

/// Which of several values (emails, addresses) is the person's: the work
/// one, else the primary one, else the first.
fn chosen(values: &[Value]) -> Option<&Map<String, Value>> {
    let objects: Vec<&Map<String, Value>> = values.iter().filter_map(Value::as_object).collect();
    let is = |o: &&Map<String, Value>, key: &str, want: &Value| {
        member(o, key).is_some_and(|v| match (v, want) {
            (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => {
                a == b
                    || a.as_str()
                        .is_some_and(|s| s.eq_ignore_ascii_case(&b.to_string()))
            }
        })
    };
    objects
        .iter()
        .find(|o| is(o, "type", &json!("work")))
        .or_else(|| objects.iter().find(|o| is(o, "primary", &json!(true))))
        .or_else(|| objects.first())
        .copied()
}

/// One value out of a multi-valued attribute (`emails`, `addresses`):
/// absent keeps, `null` or an empty list clears.
fn from_list(
    object: &Map<String, Value>,
    list: &str,
    field: &'static str,
    check: impl Fn(&str) -> Result<String, crate::domain::Invalid>,
) -> Result<Change<String>, ScimError> {
    match member(object, list) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::Array(values)) => match chosen(values) {
            None => Ok(Some(None)),
            Some(o) => Ok(change(o, field, check)?.or(Some(None))),
        },
        Some(_) => Err(ScimError::invalid_value(format!("{list} must be a list"))),
    }
}

/// A boolean, also as the strings `"True"` and `"False"` some identity
/// providers send.
pub fn boolean(field: &str, v: &Value) -> Result<bool, ScimError> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(ScimError::invalid_value(format!(
            "{field} must be true or false"
        ))),
    }
}

/// Reads a user from a request's JSON (a `POST` or `PUT` body, or a
/// resource a `PATCH` changed).
pub fn from_json(body: &Value) -> Result<ScimUser, ScimError> {
    let Some(o) = body.as_object() else {
        return Err(ScimError::invalid_syntax("a user is a JSON object"));
    };
    let user_name = match member(o, "userName") {
        Some(Value::String(s)) => {
            external_id("userName", s).map_err(|e| ScimError::invalid_value(e.0))?
        }
        _ => return Err(ScimError::invalid_value("userName is required (a string)")),
    };
    let empty = Map::new();
    let name = match member(o, "name") {
        None => None,
        Some(Value::Null) => Some(&empty),
        Some(Value::Object(n)) => Some(n),
        Some(_) => return Err(ScimError::invalid_value("name must be an object")),
    };
    let part = |field: &'static str| -> Result<Change<String>, ScimError> {
        match name {
            None => Ok(None),
            Some(n) => Ok(change(n, field, plain(field))?.or(Some(None))),
        }
    };
    let enterprise = match member(o, ENTERPRISE_SCHEMA) {
        None => None,
        Some(Value::Null) => Some(&empty),
        Some(Value::Object(e)) => Some(e),
        Some(_) => {
            return Err(ScimError::invalid_value(format!(
                "{ENTERPRISE_SCHEMA} must be an object"
            )));
        }
    };
    let extension = |field: &'static str| -> Result<Change<String>, ScimError> {
        match enterprise {
            None => Ok(None),
            Some(e) => Ok(change(e, field, plain(field))?.or(Some(None))),
        }
    };
    let manager = match enterprise.and_then(|e| member(e, "manager")) {
        None => enterprise.map(|_| None),
        Some(Value::Object(m)) => change(m, "value", plain("manager"))?.or(Some(None)),
        Some(v) => {
            let m = Map::from_iter([("value".to_string(), v.clone())]);
            change(&m, "value", plain("manager"))?
        }
    };
    let active = match member(o, "active") {
        None | Some(Value::Null) => None,
        Some(v) => Some(boolean("active", v)?),
    };
    Ok(ScimUser {
        user_name,
        external_id: change(o, "externalId", |s| external_id("externalId", s))?,
        display_name: change(o, "displayName", plain("displayName"))?,
        formatted_name: part("formatted")?,
        given_name: part("givenName")?,
        family_name: part("familyName")?,
        email: from_list(o, "emails", "value", email)?,
        title: change(o, "title", plain("title"))?,
        department: extension("department")?,
        manager_id: manager,
        employee_number: extension("employeeNumber")?,
        timezone: change(o, "timezone", timezone)?,
        country: from_list(o, "addresses", "country", country)?,
        active,
    })
}
