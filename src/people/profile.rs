//! A person's record and their office: the rules that tie fields together,
//! references that must exist, and the e-mail address sign-in relies on.

use chrono::NaiveDate;

use crate::auth::{Action, Principal, Resource};
use crate::domain::{AuditEvent, Clock, Office, OfficeId, Person, PersonId, PersonStatus};
use crate::store::Store;

use super::{Gate, Refusal};

/// A new person, every field checked on its own.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub org_unit: Option<String>,
    pub office_id: Option<OfficeId>,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub manager_id: Option<PersonId>,
    pub status: PersonStatus,
    pub leaving_on: Option<NaiveDate>,
    pub discoverable: bool,
}

/// Creates a person, once the fields hold together and their manager and
/// office exist.
pub async fn create(store: &dyn Store, clock: &Clock, new: NewPerson) -> Result<Person, Refusal> {
    let now = clock.now();
    let person = Person {
        id: new.id.into_string(),
        name: new.name,
        email: new.email,
        title: new.title,
        org_unit: new.org_unit,
        office_id: new.office_id.map(String::from),
        country: new.country,
        timezone: new.timezone,
        manager_id: new.manager_id.map(String::from),
        status: new.status,
        leaving_on: new.leaving_on,
        discoverable: new.discoverable,
        created_at: now,
        updated_at: now,
    };
    check(store, &person).await?;
    Ok(store.create_person(&person).await?)
}

/// What an edit changes: `None` keeps a field; for optional fields
/// `Some(None)` clears it. Each value is checked on its own already.
#[derive(Debug, Clone, Default)]
pub struct Edit {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub title: Option<Option<String>>,
    pub org_unit: Option<Option<String>>,
    pub office_id: Option<Option<OfficeId>>,
    pub country: Option<Option<String>>,
    pub timezone: Option<Option<String>>,
    pub manager_id: Option<Option<PersonId>>,
    pub status: Option<PersonStatus>,
    /// Left out while the status becomes ACTIVE, the leaving date is cleared.
    pub leaving_on: Option<Option<NaiveDate>>,
    pub discoverable: Option<bool>,
}

impl Edit {
    /// Whether it changes what HR keeps: e-mail, org unit, manager, status
    /// or leaving date.
    pub fn touches_hr_fields(&self) -> bool {
        self.email.is_some()
            || self.org_unit.is_some()
            || self.manager_id.is_some()
            || self.status.is_some()
            || self.leaving_on.is_some()
    }
}

/// Edits a person; the caller has checked the actor may edit them. HR's
/// fields need HR (asked of the gate first). Changing the e-mail address of
/// someone who holds a granted role needs an admin (sign-in finds people by
/// address), and every change of address is audited with the edit.
pub async fn update(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    id: &PersonId,
    edit: Edit,
) -> Result<Person, Refusal> {
    if edit.touches_hr_fields() {
        gate.check(Action::PersonHrFields, Resource::Person(id))
            .await?;
    }
    let mut p = store
        .person(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("person '{id}'")))?;
    let before = p.email.clone();
    let keeps_leaving_date = edit.leaving_on.is_some();
    if let Some(name) = edit.name {
        p.name = name;
    }
    set(&mut p.email, edit.email);
    set(&mut p.title, edit.title);
    set(&mut p.org_unit, edit.org_unit);
    set(
        &mut p.office_id,
        edit.office_id.map(|o| o.map(String::from)),
    );
    set(&mut p.country, edit.country);
    set(&mut p.timezone, edit.timezone);
    set(
        &mut p.manager_id,
        edit.manager_id.map(|m| m.map(String::from)),
    );
    if let Some(s) = edit.status {
        p.status = s;
    }
    set(&mut p.leaving_on, edit.leaving_on);
    if p.status == PersonStatus::Active && !keeps_leaving_date {
        p.leaving_on = None;
    }
    if let Some(d) = edit.discoverable {
        p.discoverable = d;
    }
    p.updated_at = clock.now();
    check(store, &p).await?;
    let audit = match email_changed(store, gate, &p, &before).await? {
        true => Some(
            AuditEvent::new(
                actor.actor(),
                "person.email_change",
                Some(format!("person:{id}")),
            )
            .detail(serde_json::json!({
                "hadEmail": before.is_some(),
                "hasEmail": p.email.is_some(),
            })),
        ),
        false => None,
    };
    Ok(store.update_person(&p, audit.as_ref()).await?)
}

/// One person by id, or `NOT_FOUND`.
pub async fn person(store: &dyn Store, id: &PersonId) -> Result<Person, Refusal> {
    store
        .person(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("person '{id}'")))
}

fn set<T>(field: &mut Option<T>, patch: Option<Option<T>>) {
    if let Some(value) = patch {
        *field = value;
    }
}

/// Checks the rules that tie fields together, and that references exist.
async fn check(store: &dyn Store, p: &Person) -> Result<(), Refusal> {
    if p.status == PersonStatus::Active && p.leaving_on.is_some() {
        return Err(Refusal::invalid(
            "an active person has no leaving date; set status LEAVING",
        ));
    }
    if p.manager_id.as_deref() == Some(p.id.as_str()) {
        return Err(Refusal::invalid("a person cannot be their own manager"));
    }
    if let Some(m) = &p.manager_id
        && store.person(m).await?.is_none()
    {
        return Err(Refusal::not_found(format!("manager '{m}'")));
    }
    if let Some(o) = &p.office_id
        && store.office(o).await?.is_none()
    {
        return Err(Refusal::not_found(format!("office '{o}'")));
    }
    Ok(())
}

/// Whether `p`'s e-mail address differs from `before` (ignoring case);
/// refused unless the actor may change it, when `p` holds a granted role.
async fn email_changed(
    store: &dyn Store,
    gate: &dyn Gate,
    p: &Person,
    before: &Option<String>,
) -> Result<bool, Refusal> {
    let lower = |e: &Option<String>| e.as_deref().map(str::to_lowercase);
    if lower(before) == lower(&p.email) {
        return Ok(false);
    }
    let holds_role = !store
        .role_grants(std::slice::from_ref(&p.id))
        .await?
        .is_empty();
    if holds_role {
        gate.check(
            crate::auth::Action::PersonEmailOfRoleHolder,
            Resource::Person(&p.id),
        )
        .await?;
    }
    Ok(true)
}

/// A new office, its name checked; its id comes from the name.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub name: String,
    pub country: Option<String>,
    pub timezone: Option<String>,
}

pub async fn create_office(store: &dyn Store, new: NewOffice) -> Result<Office, Refusal> {
    let office = Office {
        id: OfficeId::for_name(&new.name).into_string(),
        country: new.country,
        timezone: new.timezone,
        name: new.name,
    };
    Ok(store.create_office(&office).await?)
}

/// What an office edit changes, as [`Edit`].
#[derive(Debug, Clone, Default)]
pub struct OfficeEdit {
    pub name: Option<String>,
    pub country: Option<Option<String>>,
    pub timezone: Option<Option<String>>,
}

pub async fn update_office(
    store: &dyn Store,
    id: &OfficeId,
    edit: OfficeEdit,
) -> Result<Office, Refusal> {
    let mut o = store
        .office(id)
        .await?
        .ok_or_else(|| Refusal::not_found(format!("office '{id}'")))?;
    if let Some(name) = edit.name {
        o.name = name;
    }
    set(&mut o.country, edit.country);
    set(&mut o.timezone, edit.timezone);
    Ok(store.update_office(&o).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::people::staff;
    use crate::store::testing::{demo, principal};

    fn new_email(address: &str) -> Edit {
        Edit {
            email: Some(Some(address.into())),
            ..Default::default()
        }
    }

    async fn email_changes(store: &dyn Store, id: &str) -> Vec<crate::domain::AuditEntry> {
        store
            .audit_page(
                &crate::store::AuditFilter::about(format!("person:{id}")),
                None,
                50,
            )
            .await
            .expect("audit log")
            .into_iter()
            .filter(|e| e.action == "person.email_change")
            .collect()
    }

    #[tokio::test]
    async fn only_an_admin_moves_a_role_holders_address_and_it_is_audited() {
        let (_dir, store) = demo(20).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let people = staff(store, 3).await;
        let (holder, plain, hr_person) = (&people[0], &people[1], &people[2]);
        let grant = AuditEvent::new("test", "role.grant", None);
        store
            .set_role_grant(&holder.id, Role::Hr, true, &grant)
            .await
            .expect("grant");
        let hr = principal(&hr_person.id, Role::Hr);
        let admin = principal(&hr_person.id, Role::Admin);
        let holder_id = PersonId::known(holder.id.clone());

        let refused = update(
            store,
            &clock,
            &hr,
            &hr,
            &holder_id,
            new_email("x@elsewhere.example"),
        )
        .await;
        assert!(matches!(refused, Err(Refusal::Forbidden)), "{refused:?}");
        let unchanged = store
            .person(&holder.id)
            .await
            .expect("read")
            .expect("there");
        assert_eq!(unchanged.email, holder.email);
        assert!(email_changes(store, &holder.id).await.is_empty());

        let moved = update(
            store,
            &clock,
            &admin,
            &admin,
            &holder_id,
            new_email("x@elsewhere.example"),
        )
        .await
        .expect("an admin may");
        assert_eq!(moved.email.as_deref(), Some("x@elsewhere.example"));
        let audited = email_changes(store, &holder.id).await;
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].actor, format!("person:{}", hr_person.id));
        assert!(
            !audited[0].detail.contains("elsewhere"),
            "no address in the log"
        );

        // Someone without a role: HR may move it, audited all the same; the
        // same address in other case is no change.
        let plain_id = PersonId::known(plain.id.clone());
        update(
            store,
            &clock,
            &hr,
            &hr,
            &plain_id,
            new_email("Plain@Example.org"),
        )
        .await
        .expect("HR may");
        update(
            store,
            &clock,
            &hr,
            &hr,
            &plain_id,
            new_email("plain@example.org"),
        )
        .await
        .expect("HR may");
        assert_eq!(email_changes(store, &plain.id).await.len(), 1);
    }

    #[tokio::test]
    async fn fields_hold_together_and_references_exist() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let me = staff(store, 1).await.remove(0);
        let hr = principal(&me.id, Role::Hr);
        let id = PersonId::known(me.id.clone());
        let own_manager = Edit {
            manager_id: Some(Some(id.clone())),
            ..Default::default()
        };
        let err = update(store, &clock, &hr, &hr, &id, own_manager)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "a person cannot be their own manager");
        let nowhere = Edit {
            office_id: Some(Some(OfficeId::known("o-nowhere"))),
            ..Default::default()
        };
        let err = update(store, &clock, &hr, &hr, &id, nowhere)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "office 'o-nowhere' not found");
        let dated = Edit {
            leaving_on: Some(Some(clock.today())),
            ..Default::default()
        };
        let err = update(store, &clock, &hr, &hr, &id, dated)
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("an active person has no leaving date")
        );
        let leaving = Edit {
            status: Some(PersonStatus::Leaving),
            leaving_on: Some(Some(clock.today())),
            ..Default::default()
        };
        let p = update(store, &clock, &hr, &hr, &id, leaving)
            .await
            .expect("leaving");
        assert_eq!(p.leaving_on, Some(clock.today()));
        // Back to ACTIVE without a date given: the leaving date goes.
        let back = Edit {
            status: Some(PersonStatus::Active),
            ..Default::default()
        };
        let p = update(store, &clock, &hr, &hr, &id, back)
            .await
            .expect("active");
        assert_eq!(p.leaving_on, None);
    }

    #[tokio::test]
    async fn hr_fields_need_hr_and_a_refusal_changes_nothing() {
        let (_dir, store) = demo(20).await;
        let store = store.as_ref();
        let clock = Clock::default();
        let me = staff(store, 1).await.remove(0);
        let actor = principal(&me.id, Role::Employee);
        let id = PersonId::known(me.id.clone());
        let edit = Edit {
            title: Some(Some("Chief".into())),
            status: Some(PersonStatus::Leaving),
            ..Default::default()
        };
        let err = update(store, &clock, &actor, &actor, &id, edit)
            .await
            .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "{err:?}");
        let kept = store.person(&me.id).await.expect("read").expect("there");
        assert_eq!((kept.title, kept.status), (me.title, me.status));
        let own = Edit {
            title: Some(Some("Chief".into())),
            ..Default::default()
        };
        let p = update(store, &clock, &actor, &actor, &id, own)
            .await
            .expect("one's own title");
        assert_eq!(p.title.as_deref(), Some("Chief"));
    }
}
