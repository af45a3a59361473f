//! `Person`: someone in the organisation, and their relations.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};

use crate::api::graphql::authz::may_read;
use crate::api::graphql::enums::PersonStatus;
use crate::api::graphql::ids::{Kind, encode};
use crate::auth::Resource;
use crate::domain;
use crate::error::ApiResult;

use super::{
    ContactAction, Evidence, Membership, Office, PersonSkill, WorkingHours, load_many, loaders,
    local_time, person_by_id,
};

#[derive(Clone)]
pub struct Person(pub domain::Person);

impl Person {
    async fn profile(&self, ctx: &Context<'_>) -> ApiResult<domain::Profile> {
        Ok(loaders(ctx)?
            .profile_of_person
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default())
    }
}

/// Someone in the organisation.
#[Object]
impl Person {
    pub async fn id(&self) -> ID {
        encode(Kind::Person, &self.0.id)
    }
    /// The id used in import files and by HR systems.
    async fn external_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    async fn org_unit(&self) -> Option<&str> {
        self.0.org_unit.as_deref()
    }
    async fn office(&self, ctx: &Context<'_>) -> ApiResult<Option<Office>> {
        let Some(id) = &self.0.office_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.office.load_one(id.clone()).await?.map(Office))
    }
    /// ISO 3166-1 alpha-2 country code.
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    /// IANA time zone name, e.g. `Europe/London`.
    async fn timezone(&self) -> Option<&str> {
        self.0.timezone.as_deref()
    }
    /// The person's local time now (`HH:MM`), when their time zone is known.
    async fn local_time(&self, ctx: &Context<'_>) -> Option<String> {
        local_time(ctx, self.0.timezone.as_deref())
    }
    async fn manager(&self, ctx: &Context<'_>) -> ApiResult<Option<Person>> {
        person_by_id(ctx, self.0.manager_id.as_ref()).await
    }
    async fn status(&self) -> PersonStatus {
        self.0.status.into()
    }
    /// Seen by the person, HR and admins; null for everyone else.
    async fn leaving_on(&self, ctx: &Context<'_>) -> Option<NaiveDate> {
        let allowed = crate::api::graphql::authz::may(
            ctx,
            crate::auth::Action::PersonPrivate,
            crate::auth::Resource::Person(&self.0.id),
        );
        self.0.leaving_on.filter(|_| allowed)
    }
    /// False when the person has opted out of expert search.
    async fn discoverable(&self) -> bool {
        self.0.discoverable
    }
    /// A few words about themselves, in their own words.
    async fn summary(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(self.profile(ctx).await?.summary)
    }
    /// Languages they speak: names ("Irish") or BCP-47 tags ("pt-BR").
    async fn languages(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        Ok(self.profile(ctx).await?.languages)
    }
    /// Topics they say to ask them about; they find them in expert search.
    async fn ask_me_about(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        Ok(self.profile(ctx).await?.ask_me_about)
    }
    /// Their working hours in their own time zone, when they gave them (the
    /// overlap filter guesses from the time zone otherwise).
    async fn working_hours(&self, ctx: &Context<'_>) -> ApiResult<Option<WorkingHours>> {
        Ok(self.profile(ctx).await?.hours.map(Into::into))
    }
    /// Ways to reach them, from the configured templates: an action whose
    /// template needs a value they do not have (or that the reader may not
    /// see, such as their e-mail address) is left out, and someone who has
    /// left is offered no way at all (their accounts are usually closed).
    async fn contact_actions(&self, ctx: &Context<'_>) -> ApiResult<Vec<ContactAction>> {
        if self.0.status == domain::PersonStatus::Left {
            return Ok(vec![]);
        }
        let state = crate::api::graphql::State::of(ctx)?;
        let email = self
            .0
            .email
            .as_deref()
            .filter(|_| may_read(ctx, "Person.email", Resource::Person(&self.0.id)));
        let handles = self.profile(ctx).await?.handles;
        Ok(domain::contact::actions(&state.contact, email, &handles)
            .into_iter()
            .map(|a| ContactAction {
                label: a.label,
                url: a.url,
            })
            .collect())
    }
    async fn skills(&self, ctx: &Context<'_>) -> ApiResult<Vec<PersonSkill>> {
        let skills = loaders(ctx)?
            .skills_of_person
            .load_one(self.0.id.clone())
            .await?;
        Ok(skills
            .unwrap_or_default()
            .into_iter()
            .map(PersonSkill)
            .collect())
    }
    async fn communities(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let m = loaders(ctx)?
            .memberships_of_person
            .load_one(self.0.id.clone())
            .await?;
        Ok(m.unwrap_or_default().into_iter().map(Membership).collect())
    }
    /// The person's neighbourhood in the knowledge graph: their strongest
    /// `first` links (skills, communities, documents, interviews, manager and
    /// reports) and the links among them. With `steps: 2`, also up to three
    /// of each neighbour's own strongest links (at most `first` more nodes).
    async fn network(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 40)] first: i32,
        #[graphql(default = 1)] steps: i32,
    ) -> ApiResult<crate::api::graphql::network::Network> {
        crate::api::graphql::network::of_person(ctx, &self.0, first, steps)
    }
    /// What the person wrote, newest first.
    async fn evidence(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: i32,
    ) -> ApiResult<Vec<Evidence>> {
        let first = crate::api::graphql::query::page_size(first)?;
        let l = loaders(ctx)?;
        let ids = l
            .evidence_of_person
            .load_one(self.0.id.clone())
            .await?
            .unwrap_or_default();
        let ids = ids.into_iter().take(first).collect();
        load_many(&l.evidence, ids, Evidence).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
