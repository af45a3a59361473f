//! Names beside the ids of accountability records (the audit log,
//! certificates, holds, disposal requests): each reference looked up through
//! the request's loaders and put in words by `domain::audit_words`.

use async_graphql::Context;

use crate::domain::audit_words::Ref;
use crate::error::ApiResult;

use super::types::loaders;

/// The name a reference (`person:ID`, `interview:ID`, `token:ID`, …) stands
/// for now; a person no longer found reads "Erased person".
pub async fn name_of(ctx: &Context<'_>, reference: &str) -> ApiResult<String> {
    let r = Ref::parse(reference);
    let l = loaders(ctx)?;
    let found = match r {
        Ref::Person(id) => l.person.load_one(id.to_string()).await?.map(|p| p.name),
        Ref::Interview(id) => l
            .interview
            .load_one(id.to_string())
            .await?
            .map(|i| i.person_name),
        Ref::Community(id) => l.community.load_one(id.to_string()).await?.map(|c| c.name),
        Ref::Skill(id) => l.skill.load_one(id.to_string()).await?.map(|s| s.name),
        _ => None,
    };
    Ok(r.describe(found.as_deref()))
}

/// [`name_of`] for an optional reference.
pub async fn name_of_opt(ctx: &Context<'_>, reference: Option<&str>) -> ApiResult<Option<String>> {
    match reference {
        Some(r) => Ok(Some(name_of(ctx, r).await?)),
        None => Ok(None),
    }
}
