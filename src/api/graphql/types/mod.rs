//! GraphQL object types: thin wrappers over domain values, relations through
//! loaders. One file per object type; the lookups they share are here, and
//! every list paged as a connection is made by [`connection`].

use async_graphql::Context;
use chrono_tz::Tz;

use crate::api::graphql::loaders::Loaders;
use crate::error::{ApiError, ApiResult};

mod community;
mod connection;
mod endorsement;
mod evidence;
mod membership;
mod office;
mod person;
mod person_skill;
mod profile;
mod skill;

pub use community::Community;
pub use connection::{List, connection};
pub use endorsement::Endorsement;
pub use evidence::Evidence;
pub use membership::Membership;
pub use office::Office;
pub use person::Person;
pub use person_skill::PersonSkill;
pub use profile::{ContactAction, Weekday, WorkingHours};
pub use skill::Skill;

pub fn loaders<'a>(ctx: &Context<'a>) -> ApiResult<&'a Loaders> {
    ctx.data::<Loaders>().map_err(|_| ApiError::Internal)
}

/// A person by id through the request's loader, when the caller may see them
/// (see `authz::listed`); `None` for no id.
pub async fn person_by_id(ctx: &Context<'_>, id: Option<&String>) -> ApiResult<Option<Person>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let person = loaders(ctx)?.person.load_one(id.clone()).await?;
    Ok(person
        .filter(|p| crate::api::graphql::authz::listed(ctx, p))
        .map(Person))
}

/// A community by id through the request's loader.
pub async fn community_by_id(ctx: &Context<'_>, id: &str) -> ApiResult<Option<Community>> {
    Ok(loaders(ctx)?
        .community
        .load_one(id.to_string())
        .await?
        .map(Community))
}

/// A skill by id through the request's loader.
pub async fn skill_by_id(ctx: &Context<'_>, id: &str) -> ApiResult<Option<Skill>> {
    Ok(loaders(ctx)?
        .skill
        .load_one(id.to_string())
        .await?
        .map(Skill))
}

/// The server clock's time now in an IANA time zone, e.g. `14:05`.
pub(in crate::api::graphql) fn local_time(ctx: &Context<'_>, tz: Option<&str>) -> Option<String> {
    let tz: Tz = tz?.parse().ok()?;
    let now = crate::api::graphql::now(ctx);
    Some(now.with_timezone(&tz).format("%H:%M").to_string())
}

/// `ids` through `loader`, in order, each wrapped; ids not found are left out.
pub(in crate::api::graphql) async fn load_many<L, V, T>(
    loader: &async_graphql::dataloader::DataLoader<L, async_graphql::dataloader::HashMapCache>,
    ids: Vec<String>,
    wrap: impl Fn(V) -> T,
) -> ApiResult<Vec<T>>
where
    L: async_graphql::dataloader::Loader<String, Value = V, Error = ApiError>,
    V: Clone + Send + Sync + 'static,
{
    let found = loader.load_many(ids.iter().cloned()).await?;
    Ok(ids
        .into_iter()
        .filter_map(|id| found.get(&id).cloned())
        .map(wrap)
        .collect())
}
