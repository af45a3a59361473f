//! Provisioning by an identity provider over SCIM 2.0: a SCIM user is a
//! person plus their SCIM account. Rules kept here:
//! * a user name belongs to one person, compared without case; a person
//!   imported from a file is taken over by the user name that is their
//!   e-mail address, so the provider's first sync does not duplicate staff;
//! * `active: false` makes a person LEFT (they cannot sign in and are not
//!   found), `active: true` brings them back; `DELETE` makes them LEFT and
//!   hides them from SCIM, and never erases them (their knowledge and
//!   records stay; erasure is HR's decision, through `erasePerson`);
//! * every change is audited as from the provisioning client, in the same
//!   transaction as the change.

use crate::auth::Principal;
use crate::domain::scim::{Change, ScimUser, full_name};
use crate::domain::{AuditEvent, Clock, Person, PersonId, PersonStatus, ScimAccount, Scope};
use crate::store::{Store, UserNameOwner};

use super::Refusal;

/// A person as SCIM shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Provisioned {
    pub person: Person,
    pub account: ScimAccount,
}

/// How SCIM names someone Tacit knows but the provider never provisioned:
/// by their e-mail address (else their id), from when they were created.
fn account_of(person: &Person, stored: Option<ScimAccount>) -> ScimAccount {
    stored.unwrap_or_else(|| ScimAccount {
        person_id: person.id.clone(),
        user_name: person.email.clone().unwrap_or_else(|| person.id.clone()),
        external_id: None,
        display_name: None,
        given_name: None,
        family_name: None,
        employee_number: None,
        removed_at: None,
        created_at: person.created_at,
        updated_at: person.updated_at,
    })
}

fn may_provision(actor: &Principal) -> Result<(), Refusal> {
    match actor.scopes.contains(&Scope::Scim) {
        true => Ok(()),
        false => Err(Refusal::Forbidden),
    }
}

fn gone(id: &str) -> Refusal {
    Refusal::not_found(format!("user '{id}'"))
}

/// The people of `ids` SCIM shows, in the order given (removed and unknown
/// ones left out).
pub async fn users(store: &dyn Store, ids: &[String]) -> Result<Vec<Provisioned>, Refusal> {
    let mut people = store.people_by_ids(ids).await?;
    let mut accounts = store.scim_accounts(ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(i) = people.iter().position(|p| &p.id == id) else {
            continue;
        };
        let person = people.swap_remove(i);
        let stored = accounts
            .iter()
            .position(|a| &a.person_id == id)
            .map(|i| accounts.swap_remove(i));
        let account = account_of(&person, stored);
        if account.removed_at.is_none() {
            out.push(Provisioned { person, account });
        }
    }
    Ok(out)
}

/// One user, or `NOT_FOUND` (also for one the provider deleted).
pub async fn user(store: &dyn Store, id: &str) -> Result<Provisioned, Refusal> {
    users(store, &[id.to_string()])
        .await?
        .pop()
        .ok_or_else(|| gone(id))
}

/// What a list asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Find {
    All,
    UserName(String),
    ExternalId(String),
    Id(String),
}

/// The users `find` names: how many in all, and those from the 1-based
/// `start` on, at most `count`.
pub async fn find(
    store: &dyn Store,
    find: &Find,
    start: i64,
    count: i64,
) -> Result<(i64, Vec<Provisioned>), Refusal> {
    let offset = start.max(1) - 1;
    let ids = match find {
        Find::All => {
            let (total, ids) = store.scim_people(offset, count).await?;
            return Ok((total, users(store, &ids).await?));
        }
        Find::UserName(name) => match store.scim_user_name_owner(name).await? {
            Some(UserNameOwner::Account {
                person_id,
                removed: false,
            })
            | Some(UserNameOwner::Email(person_id)) => vec![person_id],
            _ => vec![],
        },
        Find::ExternalId(ext) => store.scim_by_external_id(ext).await?,
        Find::Id(id) => vec![id.clone()],
    };
    let all = users(store, &ids).await?;
    let total = all.len() as i64;
    let page = all
        .into_iter()
        .skip(offset as usize)
        .take(count.max(0) as usize);
    Ok((total, page.collect()))
}

/// Creates the user (`POST`). A user name already provisioned is a
/// conflict; one the provider deleted before, or the e-mail address of
/// someone not provisioned yet, provisions that person again.
pub async fn create(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    user: ScimUser,
) -> Result<Provisioned, Refusal> {
    may_provision(actor)?;
    // A user the provider creates is active unless it says otherwise (this
    // brings back someone deleted before, as docs/scim.md says).
    let mut user = user;
    user.active = Some(user.active.unwrap_or(true));
    let existing = match store.scim_user_name_owner(&user.user_name).await? {
        Some(UserNameOwner::Account {
            removed: false,
            person_id,
        }) => {
            return Err(Refusal::conflict(format!(
                "userName '{}' is already provisioned (user '{person_id}')",
                user.user_name
            )));
        }
        // Deleted before: the same person back, unless the provider's id
        // says this is someone else with a reused name.
        Some(UserNameOwner::Account { person_id, .. }) => {
            let stored = store
                .scim_accounts(std::slice::from_ref(&person_id))
                .await?
                .pop();
            let theirs = stored.and_then(|a| a.external_id);
            let same = match (&theirs, &user.external_id) {
                (Some(old), Some(Some(new))) => old == new,
                _ => true,
            };
            if same {
                Some(person_id)
            } else {
                store.scim_release_user_name(&person_id).await?;
                None
            }
        }
        Some(UserNameOwner::Email(person_id)) => Some(person_id),
        // Someone imported from a file under the work address the provider sends.
        None => match user.email.clone().flatten() {
            Some(email) => store.scim_unprovisioned_by_email(&email).await?,
            None => None,
        },
    };
    let (person, stored) = match existing {
        Some(id) => {
            let person = store.person(&id).await?.ok_or_else(|| gone(&id))?;
            let stored = store.scim_accounts(std::slice::from_ref(&id)).await?.pop();
            (Some(person), stored)
        }
        None => (None, None),
    };
    save(store, clock, actor, person, stored, user, "scim.create").await
}

/// Replaces what the provider manages of the user (`PUT`, and `PATCH`
/// once its operations are applied).
pub async fn replace(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &str,
    user: ScimUser,
) -> Result<Provisioned, Refusal> {
    may_provision(actor)?;
    let Provisioned { person, account } = self::user(store, id).await?;
    if let Some(UserNameOwner::Account { person_id, .. }) =
        store.scim_user_name_owner(&user.user_name).await?
        && person_id != id
    {
        return Err(Refusal::conflict(format!(
            "userName '{}' belongs to another user ('{person_id}')",
            user.user_name
        )));
    }
    let action = match (user.active, person.status) {
        (Some(false), s) if s != PersonStatus::Left => "scim.deactivate",
        _ => "scim.update",
    };
    save(
        store,
        clock,
        actor,
        Some(person),
        Some(account),
        user,
        action,
    )
    .await
}

/// `DELETE`: the person becomes LEFT and SCIM no longer shows them; nothing
/// about them is erased. Returns them as they are now.
pub async fn remove(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &str,
) -> Result<Person, Refusal> {
    may_provision(actor)?;
    let Provisioned {
        mut person,
        mut account,
    } = user(store, id).await?;
    let now = clock.now();
    person.status = PersonStatus::Left;
    person.leaving_on = None;
    person.updated_at = now;
    account.removed_at = Some(now);
    account.updated_at = now;
    let event = AuditEvent::new(actor.actor(), "scim.remove", Some(format!("person:{id}")))
        .detail(serde_json::json!({ "userName": account.user_name }));
    Ok(store
        .save_scim(&person, &account, false, None, &event)
        .await?)
}

fn apply(field: &mut Option<String>, change: Change<String>) {
    if let Some(value) = change {
        *field = value;
    }
}

async fn save(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    person: Option<Person>,
    stored: Option<ScimAccount>,
    user: ScimUser,
    action: &str,
) -> Result<Provisioned, Refusal> {
    let now = clock.now();
    let create = person.is_none();
    let took_over = !create && stored.is_none();
    let mut p = person.unwrap_or_else(|| Person {
        id: PersonId::generate().into_string(),
        name: String::new(),
        email: None,
        title: None,
        org_unit: None,
        office_id: None,
        country: None,
        timezone: None,
        manager_id: None,
        status: PersonStatus::Active,
        leaving_on: None,
        discoverable: true,
        created_at: now,
        updated_at: now,
    });
    let mut a = stored.unwrap_or_else(|| ScimAccount {
        created_at: now,
        ..account_of(&p, None)
    });
    a.user_name = user.user_name.clone();
    a.removed_at = None;
    a.updated_at = now;
    let before = p.clone();
    apply(&mut a.external_id, user.external_id);
    apply(&mut a.display_name, user.display_name);
    apply(&mut a.given_name, user.given_name);
    apply(&mut a.family_name, user.family_name);
    apply(&mut a.employee_number, user.employee_number);
    p.name = display_name(&p, &a, user.formatted_name);
    apply(&mut p.email, user.email);
    apply(&mut p.title, user.title);
    apply(&mut p.org_unit, user.department);
    apply(&mut p.manager_id, user.manager_id);
    apply(&mut p.timezone, user.timezone);
    apply(&mut p.country, user.country);
    match user.active {
        Some(false) => {
            p.status = PersonStatus::Left;
            p.leaving_on = None;
        }
        Some(true) if p.status == PersonStatus::Left => p.status = PersonStatus::Active,
        _ if create => p.status = PersonStatus::Active,
        _ => {}
    }
    p.updated_at = now;
    check_manager(store, &p).await?;
    let release = email_holder(store, &p).await?;
    let event = AuditEvent::new(actor.actor(), action, Some(format!("person:{}", p.id))).detail(
        serde_json::json!({
            "userName": a.user_name,
            "externalId": a.external_id,
            "active": p.status != PersonStatus::Left,
            "tookOver": took_over,
            "changed": changed(&before, &p, create),
            "emailReleasedFrom": release,
        }),
    );
    let person = store
        .save_scim(&p, &a, create, release.as_deref(), &event)
        .await?;
    Ok(Provisioned { person, account: a })
}

/// The person's name: the provider's display name, else the formatted
/// name, else the given and family names, else what they were called
/// before, else the user name.
fn display_name(p: &Person, a: &ScimAccount, formatted: Change<String>) -> String {
    a.display_name
        .clone()
        .or(formatted.flatten())
        .or_else(|| full_name(a.given_name.as_deref(), a.family_name.as_deref()))
        .or((!p.name.is_empty()).then(|| p.name.clone()))
        .unwrap_or_else(|| a.user_name.clone())
}

/// Which of the fields the provider manages a save changes, for the audit log.
fn changed(before: &Person, after: &Person, create: bool) -> Vec<&'static str> {
    if create {
        return vec![];
    }
    let fields: [(&str, bool); 9] = [
        ("name", before.name != after.name),
        ("email", before.email != after.email),
        ("title", before.title != after.title),
        ("orgUnit", before.org_unit != after.org_unit),
        ("manager", before.manager_id != after.manager_id),
        ("timezone", before.timezone != after.timezone),
        ("country", before.country != after.country),
        ("status", before.status != after.status),
        ("leavingOn", before.leaving_on != after.leaving_on),
    ];
    fields
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(f, _)| f)
        .collect()
}

/// Who else holds `p`'s e-mail address: a LEFT person gives it up (`Some`,
/// cleared in the same write); anyone else makes it a conflict.
async fn email_holder(store: &dyn Store, p: &Person) -> Result<Option<String>, Refusal> {
    let Some(email) = &p.email else {
        return Ok(None);
    };
    let Some(other) = store
        .person_id_by_email(email)
        .await?
        .filter(|o| o != &p.id)
    else {
        return Ok(None);
    };
    match store.person(&other).await? {
        Some(o) if o.status == PersonStatus::Left => Ok(Some(other)),
        _ => Err(Refusal::conflict(format!(
            "the e-mail address {email} belongs to another person here ({other})"
        ))),
    }
}

async fn check_manager(store: &dyn Store, p: &Person) -> Result<(), Refusal> {
    let Some(m) = &p.manager_id else {
        return Ok(());
    };
    if m == &p.id {
        return Err(Refusal::invalid("a person cannot be their own manager"));
    }
    if store.person(m).await?.is_none() {
        return Err(Refusal::invalid(format!(
            "manager '{m}' is not a user here; provision the manager first"
        )));
    }
    Ok(())
}
