//! What the service provider supports (RFC 7644 §4): its configuration,
//! its one resource type and the schemas of the attributes it keeps.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::error::ScimError;
use super::user::{ENTERPRISE_SCHEMA, USER_SCHEMA};
use super::{LIST_SCHEMA, MAX_RESULTS, answer};

pub async fn config() -> Response {
    answer(
        StatusCode::OK,
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": { "supported": true },
            "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
            "filter": { "supported": true, "maxResults": MAX_RESULTS },
            "changePassword": { "supported": false },
            "sort": { "supported": false },
            "etag": { "supported": false },
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A Tacit API token with the scim scope (tacit token create --name provisioning --role employee --scope scim)",
                "primary": true,
            }],
            "meta": { "resourceType": "ServiceProviderConfig", "location": "/scim/v2/ServiceProviderConfig" },
        }),
    )
}

fn user_type() -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A member of staff",
        "schema": USER_SCHEMA,
        "schemaExtensions": [{ "schema": ENTERPRISE_SCHEMA, "required": false }],
        "meta": { "resourceType": "ResourceType", "location": "/scim/v2/ResourceTypes/User" },
    })
}

fn list(resources: Vec<Value>) -> Response {
    answer(
        StatusCode::OK,
        json!({
            "schemas": [LIST_SCHEMA],
            "totalResults": resources.len(),
            "startIndex": 1,
            "itemsPerPage": resources.len(),
            "Resources": resources,
        }),
    )
}

pub async fn resource_types() -> Response {
    list(vec![user_type()])
}

pub async fn resource_type(Path(id): Path<String>) -> Result<Response, ScimError> {
    match id.as_str() {
        "User" => Ok(answer(StatusCode::OK, user_type())),
        _ => Err(ScimError::new(
            StatusCode::NOT_FOUND,
            None,
            format!("resource type '{id}' not found"),
        )),
    }
}

/// One attribute's definition (RFC 7643 §7), for the attributes Tacit keeps.
fn attribute(name: &str, kind: &str, required: bool, uniqueness: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": false,
        "required": required,
        "caseExact": false,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": uniqueness,
    })
}

fn complex(name: &str, multi: bool, subs: Vec<Value>) -> Value {
    json!({
        "name": name,
        "type": "complex",
        "multiValued": multi,
        "required": false,
        "mutability": "readWrite",
        "returned": "default",
        "subAttributes": subs,
    })
}

fn user_schema() -> Value {
    let s = |n: &str| attribute(n, "string", false, "none");
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": USER_SCHEMA,
        "name": "User",
        "description": "A member of staff; Tacit keeps these attributes and ignores others",
        "attributes": [
            attribute("userName", "string", true, "server"),
            s("externalId"),
            complex("name", false, vec![s("formatted"), s("givenName"), s("familyName")]),
            s("displayName"),
            s("title"),
            s("timezone"),
            attribute("active", "boolean", false, "none"),
            complex("emails", true, vec![s("value"), s("type"), attribute("primary", "boolean", false, "none")]),
            complex("addresses", true, vec![s("country"), s("type"), attribute("primary", "boolean", false, "none")]),
        ],
        "meta": { "resourceType": "Schema", "location": format!("/scim/v2/Schemas/{USER_SCHEMA}") },
    })
}

fn enterprise_schema() -> Value {
    let s = |n: &str| attribute(n, "string", false, "none");
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": ENTERPRISE_SCHEMA,
        "name": "EnterpriseUser",
        "description": "Enterprise user: department (the org unit), manager and employee number",
        "attributes": [
            s("employeeNumber"),
            s("department"),
            complex("manager", false, vec![s("value"), attribute("$ref", "reference", false, "none")]),
        ],
        "meta": { "resourceType": "Schema", "location": format!("/scim/v2/Schemas/{ENTERPRISE_SCHEMA}") },
    })
}

pub async fn schemas() -> Response {
    list(vec![user_schema(), enterprise_schema()])
}

pub async fn schema(Path(id): Path<String>) -> Result<Response, ScimError> {
    if id.eq_ignore_ascii_case(USER_SCHEMA) {
        Ok(answer(StatusCode::OK, user_schema()))
    } else if id.eq_ignore_ascii_case(ENTERPRISE_SCHEMA) {
        Ok(answer(StatusCode::OK, enterprise_schema()))
    } else {
        Err(ScimError::new(
            StatusCode::NOT_FOUND,
            None,
            format!("schema '{id}' not found"),
        ))
    }
}
