use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::NaiveDate;

use crate::domain::{self, Level, PersonStatus as DomainStatus, optional_text, required_text};
use crate::error::{ApiError, ApiResult};

use super::super::State;
use super::super::authz::{check, check_field, principal};
use super::super::enums::{PersonStatus, SkillSource};
use super::super::ids::Kind;
use super::super::query::external;
use super::super::types::{Office, Person, PersonSkill};
use super::{new_id, patch_text, patch_with};
use crate::auth::{Action, Resource};

#[derive(InputObject)]
pub struct CreatePersonInput {
    /// The id HR systems use; generated when absent.
    pub external_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub office_id: Option<ID>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub manager_id: Option<ID>,
    pub status: Option<PersonStatus>,
    pub leaving_on: Option<NaiveDate>,
    pub discoverable: Option<bool>,
}

/// Fields left out stay as they are; `null` clears an optional field.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    pub id: ID,
    pub name: Option<String>,
    pub email: MaybeUndefined<String>,
    pub title: MaybeUndefined<String>,
    pub org_unit: MaybeUndefined<String>,
    pub office_id: MaybeUndefined<ID>,
    pub country: MaybeUndefined<String>,
    pub timezone: MaybeUndefined<String>,
    pub manager_id: MaybeUndefined<ID>,
    pub status: Option<PersonStatus>,
    pub leaving_on: MaybeUndefined<NaiveDate>,
    pub discoverable: Option<bool>,
}

#[derive(InputObject)]
pub struct CreateOfficeInput {
    pub name: String,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

#[derive(InputObject)]
pub struct UpdateOfficeInput {
    pub id: ID,
    pub name: Option<String>,
    pub country: MaybeUndefined<String>,
    pub timezone: MaybeUndefined<String>,
}

#[derive(InputObject)]
pub struct SetPersonSkillInput {
    pub person_id: ID,
    pub skill_id: ID,
    /// 1 (awareness) to 5 (expert).
    pub level: i32,
    #[graphql(default_with = "SkillSource::SelfDeclared")]
    pub source: SkillSource,
    pub last_used: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct RemovePersonSkillInput {
    pub person_id: ID,
    pub skill_id: ID,
}

#[derive(InputObject)]
pub struct EndorseSkillInput {
    pub person_id: ID,
    pub skill_id: ID,
    /// Who vouches; the signed-in person when absent (only admins may name someone else).
    pub endorser_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct PersonPayload {
    pub person: Person,
}

#[derive(SimpleObject)]
pub struct OfficePayload {
    pub office: Office,
}

#[derive(SimpleObject)]
pub struct PersonSkillPayload {
    pub person_skill: PersonSkill,
}

#[derive(SimpleObject)]
pub struct RemovedPayload {
    /// The global id of what was removed or changed.
    pub id: ID,
}

/// Checks the rules that tie fields together, and that references exist.
async fn check_person(state: &State, p: &domain::Person) -> ApiResult<()> {
    if p.status == DomainStatus::Active && p.leaving_on.is_some() {
        return Err(ApiError::bad_input(
            "an active person has no leaving date; set status LEAVING",
        ));
    }
    if p.manager_id.as_deref() == Some(p.id.as_str()) {
        return Err(ApiError::bad_input("a person cannot be their own manager"));
    }
    if let Some(m) = &p.manager_id
        && state.store.person(m).await?.is_none()
    {
        return Err(ApiError::NotFound(format!("manager '{m}'")));
    }
    if let Some(o) = &p.office_id
        && state.store.office(o).await?.is_none()
    {
        return Err(ApiError::NotFound(format!("office '{o}'")));
    }
    Ok(())
}

fn person_ids(person: &ID, skill: &ID) -> ApiResult<(String, String)> {
    Ok((
        external(Kind::Person, person)?,
        external(Kind::Skill, skill)?,
    ))
}

#[derive(Default)]
pub struct PeopleMutations;

#[Object]
impl PeopleMutations {
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> ApiResult<PersonPayload> {
        let state = State::of(ctx)?;
        let now = super::super::now(ctx);
        let person = domain::Person {
            id: match input.external_id {
                Some(id) => domain::external_id("externalId", &id)?,
                None => new_id("p"),
            },
            name: required_text("name", &input.name, 200)?,
            email: input.email.as_deref().map(domain::email).transpose()?,
            title: optional_text("title", input.title.as_deref(), 200)?,
            org_unit: optional_text("orgUnit", input.org_unit.as_deref(), 200)?,
            office_id: input
                .office_id
                .map(|id| external(Kind::Office, &id))
                .transpose()?,
            country: input.country.as_deref().map(domain::country).transpose()?,
            timezone: input
                .timezone
                .as_deref()
                .map(domain::timezone)
                .transpose()?,
            manager_id: input
                .manager_id
                .map(|id| external(Kind::Person, &id))
                .transpose()?,
            status: input.status.map_or(DomainStatus::Active, Into::into),
            leaving_on: input.leaving_on,
            discoverable: input.discoverable.unwrap_or(true),
            created_at: now,
            updated_at: now,
        };
        check_person(state, &person).await?;
        let person = state.store.create_person(&person).await?;
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    async fn update_person(
        &self,
        ctx: &Context<'_>,
        input: UpdatePersonInput,
    ) -> ApiResult<PersonPayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::Person, &input.id)?;
        check_field(ctx, "MutationRoot.updatePerson", Resource::Person(&id)).await?;
        let hr_fields = !input.email.is_undefined()
            || !input.org_unit.is_undefined()
            || !input.manager_id.is_undefined()
            || input.status.is_some()
            || !input.leaving_on.is_undefined();
        if hr_fields {
            check(ctx, Action::PersonHrFields, Resource::Person(&id)).await?;
        }
        let current = state.store.person(&id).await?;
        let mut p = current.ok_or_else(|| ApiError::NotFound(format!("person '{id}'")))?;
        let current_email = p.email.clone();
        let had_email = current_email.is_some();
        if let Some(name) = input.name {
            p.name = required_text("name", &name, 200)?;
        }
        p.email = patch_with(p.email, input.email, |e| domain::email(&e))?;
        p.title = patch_text("title", p.title, input.title, 200)?;
        p.org_unit = patch_text("orgUnit", p.org_unit, input.org_unit, 200)?;
        p.office_id = patch_with(p.office_id, input.office_id, |id| {
            external(Kind::Office, &id).map_err(|e| domain::Invalid(e.message()))
        })?;
        p.country = patch_with(p.country, input.country, |c| domain::country(&c))?;
        p.timezone = patch_with(p.timezone, input.timezone, |t| domain::timezone(&t))?;
        p.manager_id = patch_with(p.manager_id, input.manager_id, |id| {
            external(Kind::Person, &id).map_err(|e| domain::Invalid(e.message()))
        })?;
        if let Some(s) = input.status {
            p.status = s.into();
        }
        p.leaving_on = patch_with(p.leaving_on, input.leaving_on, Ok)?;
        if p.status == DomainStatus::Active && matches!(input.leaving_on, MaybeUndefined::Undefined)
        {
            p.leaving_on = None;
        }
        if let Some(d) = input.discoverable {
            p.discoverable = d;
        }
        p.updated_at = super::super::now(ctx);
        check_person(state, &p).await?;
        let audit = match email_change(ctx, state, &p, current_email).await? {
            true => Some(
                domain::AuditEvent::new(
                    principal(ctx)?.actor(),
                    "person.email_change",
                    Some(format!("person:{id}")),
                )
                .detail(serde_json::json!({
                    "hadEmail": had_email,
                    "hasEmail": p.email.is_some(),
                })),
            ),
            false => None,
        };
        Ok(PersonPayload {
            person: Person(state.store.update_person(&p, audit.as_ref()).await?),
        })
    }

    async fn create_office(
        &self,
        ctx: &Context<'_>,
        input: CreateOfficeInput,
    ) -> ApiResult<OfficePayload> {
        let state = State::of(ctx)?;
        let name = required_text("name", &input.name, 100)?;
        let office = domain::Office {
            id: format!("o-{}", domain::slug(&name)),
            country: input.country.as_deref().map(domain::country).transpose()?,
            timezone: input
                .timezone
                .as_deref()
                .map(domain::timezone)
                .transpose()?,
            name,
        };
        Ok(OfficePayload {
            office: Office(state.store.create_office(&office).await?),
        })
    }

    async fn update_office(
        &self,
        ctx: &Context<'_>,
        input: UpdateOfficeInput,
    ) -> ApiResult<OfficePayload> {
        let state = State::of(ctx)?;
        let id = external(Kind::Office, &input.id)?;
        let current = state.store.office(&id).await?;
        let mut o = current.ok_or_else(|| ApiError::NotFound(format!("office '{id}'")))?;
        if let Some(name) = input.name {
            o.name = required_text("name", &name, 100)?;
        }
        o.country = patch_with(o.country, input.country, |c| domain::country(&c))?;
        o.timezone = patch_with(o.timezone, input.timezone, |t| domain::timezone(&t))?;
        Ok(OfficePayload {
            office: Office(state.store.update_office(&o).await?),
        })
    }

    /// Adds a skill to a person, or changes its level and source.
    async fn set_person_skill(
        &self,
        ctx: &Context<'_>,
        input: SetPersonSkillInput,
    ) -> ApiResult<PersonSkillPayload> {
        let state = State::of(ctx)?;
        let (person_id, skill_id) = person_ids(&input.person_id, &input.skill_id)?;
        check_field(
            ctx,
            "MutationRoot.setPersonSkill",
            Resource::Person(&person_id),
        )
        .await?;
        if input.source != SkillSource::SelfDeclared {
            check(
                ctx,
                Action::SkillTrustedSource,
                Resource::Person(&person_id),
            )
            .await?;
        }
        let ps = domain::PersonSkill {
            person_id,
            skill_id,
            level: Level::new(input.level.into())?,
            source: input.source.into(),
            last_used: input.last_used,
        };
        if state.store.person(&ps.person_id).await?.is_none() {
            return Err(ApiError::NotFound(format!("person '{}'", ps.person_id)));
        }
        if state.store.skill(&ps.skill_id).await?.is_none() {
            return Err(ApiError::NotFound(format!("skill '{}'", ps.skill_id)));
        }
        Ok(PersonSkillPayload {
            person_skill: PersonSkill(state.store.set_person_skill(&ps).await?),
        })
    }

    async fn remove_person_skill(
        &self,
        ctx: &Context<'_>,
        input: RemovePersonSkillInput,
    ) -> ApiResult<RemovedPayload> {
        let (person_id, skill_id) = person_ids(&input.person_id, &input.skill_id)?;
        check_field(
            ctx,
            "MutationRoot.removePersonSkill",
            Resource::Person(&person_id),
        )
        .await?;
        State::of(ctx)?
            .store
            .remove_person_skill(&person_id, &skill_id)
            .await?;
        Ok(RemovedPayload {
            id: super::super::ids::encode(Kind::Person, &person_id),
        })
    }

    /// A colleague vouches for someone's skill; nobody endorses themselves.
    async fn endorse_skill(
        &self,
        ctx: &Context<'_>,
        input: EndorseSkillInput,
    ) -> ApiResult<PersonSkillPayload> {
        let state = State::of(ctx)?;
        let (person_id, skill_id) = person_ids(&input.person_id, &input.skill_id)?;
        let me = principal(ctx)?.person_id.clone();
        let endorser_id = match (&input.endorser_id, &me) {
            (Some(id), _) => external(Kind::Person, id)?,
            (None, Some(me)) => me.clone(),
            (None, None) => {
                return Err(ApiError::bad_input(
                    "give endorserId: this credential is not a person",
                ));
            }
        };
        if me.as_ref() != Some(&endorser_id) {
            check(ctx, Action::EndorseAsOther, Resource::Person(&endorser_id)).await?;
        }
        if endorser_id == person_id {
            return Err(ApiError::bad_input("you cannot endorse your own skill"));
        }
        if state.store.person(&endorser_id).await?.is_none() {
            return Err(ApiError::NotFound(format!("person '{endorser_id}'")));
        }
        let e = domain::Endorsement {
            person_id: person_id.clone(),
            skill_id: skill_id.clone(),
            endorser_id,
            created_at: super::super::now(ctx),
        };
        state.store.endorse(&e).await?;
        let skills = state
            .store
            .skills_of_people(std::slice::from_ref(&person_id))
            .await?;
        let ps = skills
            .into_iter()
            .find(|s| s.skill_id == skill_id)
            .ok_or(ApiError::NotFound("that skill on that person".into()))?;
        Ok(PersonSkillPayload {
            person_skill: PersonSkill(ps),
        })
    }
}

/// Whether `p`'s e-mail address differs from `before`. Changing the address
/// of someone who holds a granted role needs an admin (sign-in finds people
/// by address); every change is audited by the caller.
async fn email_change(
    ctx: &Context<'_>,
    state: &State,
    p: &domain::Person,
    before: Option<String>,
) -> ApiResult<bool> {
    let same = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(str::to_lowercase) == b.as_deref().map(str::to_lowercase)
    };
    if same(&before, &p.email) {
        return Ok(false);
    }
    let holds_role = !state
        .store
        .role_grants(std::slice::from_ref(&p.id))
        .await?
        .is_empty();
    if holds_role {
        check(
            ctx,
            Action::PersonEmailOfRoleHolder,
            Resource::Person(&p.id),
        )
        .await?;
    }
    Ok(true)
}
