use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::NaiveDate;

use crate::api::graphql::State;
use crate::api::graphql::authz::{check, check_field, principal};
use crate::api::graphql::enums::{PersonStatus, SkillSource};
use crate::api::graphql::ids::{Kind, arg, encode};
use crate::api::graphql::types::{Office, Person, PersonSkill, Weekday};
use crate::auth::{Action, Resource};
use crate::domain::limits::{NAME, OFFICE_NAME};
use crate::domain::{
    self, Level, OfficeId, PersonId, PersonStatus as DomainStatus, SkillId, optional_text,
    required_text,
};
use crate::error::ApiResult;
use crate::people::about;
use crate::people::profile::{self, NewOffice, NewPerson, OfficeEdit};
use crate::people::skills::{self, Holding};

use super::gate::Checked;
use super::{edit, edit_text, id_arg};

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

/// When someone works, in their own local time.
#[derive(InputObject)]
pub struct WorkingHoursInput {
    /// `HH:MM`, e.g. `09:00`.
    pub start: String,
    /// `HH:MM`, later than `start` on the same day.
    pub end: String,
    /// At least one day.
    pub days: Vec<Weekday>,
}

/// What a person says about themselves. Fields left out stay as they are;
/// `null` clears the summary or the working hours; a list replaces the old one.
#[derive(InputObject)]
pub struct UpdateProfileInput {
    pub person_id: ID,
    /// At most 500 characters; empty clears it.
    pub summary: MaybeUndefined<String>,
    /// Names ("Irish") or BCP-47 tags ("pt-BR"), at most 10, each once.
    pub languages: Option<Vec<String>>,
    /// Topics to ask them about: at most 10, each at most 60 characters.
    pub ask_me_about: Option<Vec<String>>,
    pub working_hours: MaybeUndefined<WorkingHoursInput>,
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

#[derive(InputObject)]
pub struct WithdrawEndorsementInput {
    pub person_id: ID,
    pub skill_id: ID,
    /// Whose endorsement; the signed-in person's when absent (only admins may name someone else).
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

fn person_ids(person: &ID, skill: &ID) -> ApiResult<(PersonId, SkillId)> {
    Ok((arg(person)?, arg(skill)?))
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
        let person = NewPerson {
            id: match input.external_id {
                Some(id) => PersonId::parse_field("externalId", &id)?,
                None => PersonId::generate(),
            },
            name: required_text("name", &input.name, NAME)?,
            email: input.email.as_deref().map(domain::email).transpose()?,
            title: optional_text("title", input.title.as_deref(), NAME)?,
            org_unit: optional_text("orgUnit", input.org_unit.as_deref(), NAME)?,
            office_id: input.office_id.as_ref().map(arg).transpose()?,
            country: input.country.as_deref().map(domain::country).transpose()?,
            timezone: input
                .timezone
                .as_deref()
                .map(domain::timezone)
                .transpose()?,
            manager_id: input.manager_id.as_ref().map(arg).transpose()?,
            status: input.status.map_or(DomainStatus::Active, Into::into),
            leaving_on: input.leaving_on,
            discoverable: input.discoverable.unwrap_or(true),
        };
        let person = profile::create(state.store.as_ref(), &state.harvest.clock, person).await?;
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
        let id: PersonId = arg(&input.id)?;
        check_field(ctx, "MutationRoot.updatePerson", Resource::Person(&id)).await?;
        let edit = profile::Edit {
            name: match input.name {
                Some(name) => Some(required_text("name", &name, NAME)?),
                None => None,
            },
            email: edit(input.email, |e| domain::email(&e))?,
            title: edit_text("title", input.title, NAME)?,
            org_unit: edit_text("orgUnit", input.org_unit, NAME)?,
            office_id: edit(input.office_id, id_arg::<OfficeId>)?,
            country: edit(input.country, |c| domain::country(&c))?,
            timezone: edit(input.timezone, |t| domain::timezone(&t))?,
            manager_id: edit(input.manager_id, id_arg::<PersonId>)?,
            status: input.status.map(Into::into),
            leaving_on: edit(input.leaving_on, Ok)?,
            discoverable: input.discoverable,
        };
        let person = profile::update(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            &id,
            edit,
        )
        .await?;
        if person.status == domain::PersonStatus::Left {
            // Questions waiting on them go on to the next person. The edit is
            // saved already: a failure here is logged, not the answer.
            let n = super::questions::network(state);
            if let Err(e) = crate::network::questions::withdraw(&n, &person.id).await {
                tracing::warn!(error = %e, person = %person.id, "cannot hand on the questions of someone who left");
            }
        }
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    /// What a person says about themselves: their own (or, for HR and
    /// admins, anyone's). Topics that name a skill link them to it as a
    /// self-declared claim.
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateProfileInput,
    ) -> ApiResult<PersonPayload> {
        let state = State::of(ctx)?;
        let id: PersonId = arg(&input.person_id)?;
        check_field(ctx, "MutationRoot.updateProfile", Resource::Person(&id)).await?;
        let edit = about::ProfileEdit {
            summary: match input.summary {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(s) => Some(domain::profile::summary(Some(&s))?),
            },
            languages: input
                .languages
                .as_deref()
                .map(domain::profile::languages)
                .transpose()?,
            ask_me_about: input
                .ask_me_about
                .as_deref()
                .map(domain::profile::topics)
                .transpose()?,
            hours: edit(input.working_hours, |h| {
                let days: Vec<chrono::Weekday> = h.days.into_iter().map(Into::into).collect();
                domain::WorkingHours::parse(&h.start, &h.end, &days)
            })?,
        };
        about::update(state.store.as_ref(), &id, edit).await?;
        let person = profile::person(state.store.as_ref(), &id).await?;
        Ok(PersonPayload {
            person: Person(person),
        })
    }

    async fn create_office(
        &self,
        ctx: &Context<'_>,
        input: CreateOfficeInput,
    ) -> ApiResult<OfficePayload> {
        let office = NewOffice {
            name: required_text("name", &input.name, OFFICE_NAME)?,
            country: input.country.as_deref().map(domain::country).transpose()?,
            timezone: input
                .timezone
                .as_deref()
                .map(domain::timezone)
                .transpose()?,
        };
        let office = profile::create_office(State::of(ctx)?.store.as_ref(), office).await?;
        Ok(OfficePayload {
            office: Office(office),
        })
    }

    async fn update_office(
        &self,
        ctx: &Context<'_>,
        input: UpdateOfficeInput,
    ) -> ApiResult<OfficePayload> {
        let id: OfficeId = arg(&input.id)?;
        let edit = OfficeEdit {
            name: match input.name {
                Some(name) => Some(required_text("name", &name, OFFICE_NAME)?),
                None => None,
            },
            country: edit(input.country, |c| domain::country(&c))?,
            timezone: edit(input.timezone, |t| domain::timezone(&t))?,
        };
        let office = profile::update_office(State::of(ctx)?.store.as_ref(), &id, edit).await?;
        Ok(OfficePayload {
            office: Office(office),
        })
    }

    /// Adds a skill to a person, or changes its level and source.
    async fn set_person_skill(
        &self,
        ctx: &Context<'_>,
        input: SetPersonSkillInput,
    ) -> ApiResult<PersonSkillPayload> {
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
        let holding = Holding {
            person_id,
            skill_id,
            level: Level::new(input.level.into())?,
            source: input.source.into(),
            last_used: input.last_used,
        };
        let ps = skills::set(State::of(ctx)?.store.as_ref(), holding).await?;
        Ok(PersonSkillPayload {
            person_skill: PersonSkill(ps),
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
        skills::remove(State::of(ctx)?.store.as_ref(), &person_id, &skill_id).await?;
        Ok(RemovedPayload {
            id: encode(Kind::Person, &person_id),
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
        let endorser = input.endorser_id.as_ref().map(arg).transpose()?;
        let ps = skills::endorse(
            state.store.as_ref(),
            &state.harvest.clock,
            principal(ctx)?,
            &Checked(ctx),
            &person_id,
            &skill_id,
            endorser,
        )
        .await?;
        Ok(PersonSkillPayload {
            person_skill: PersonSkill(ps),
        })
    }

    /// Takes back one's endorsement of a colleague's skill.
    async fn withdraw_endorsement(
        &self,
        ctx: &Context<'_>,
        input: WithdrawEndorsementInput,
    ) -> ApiResult<PersonSkillPayload> {
        let state = State::of(ctx)?;
        let (person_id, skill_id) = person_ids(&input.person_id, &input.skill_id)?;
        let endorser = input.endorser_id.as_ref().map(arg).transpose()?;
        let ps = skills::withdraw_endorsement(
            state.store.as_ref(),
            principal(ctx)?,
            &Checked(ctx),
            &person_id,
            &skill_id,
            endorser,
        )
        .await?;
        Ok(PersonSkillPayload {
            person_skill: PersonSkill(ps),
        })
    }
}
