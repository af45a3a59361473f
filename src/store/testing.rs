//! For the workflow modules' unit tests: a real SQLite store in a temporary
//! directory, loaded with a small demo organisation, and principals to act as.

use std::sync::Arc;

use crate::auth::{Principal, Via};
use crate::domain::{Community, CommunityStatus, Person, PersonStatus, Role, Scope};

use super::{PageRequest, PeopleFilter, Store};

/// A real SQLite store holding a demo organisation of `people` staff; keep
/// the directory alive as long as the store.
pub async fn demo(people: usize) -> (tempfile::TempDir, Arc<dyn Store>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("tacit.db").display());
    let key = crate::domain::AuditKey::parse(&"k".repeat(40)).ok();
    let store = super::open(&url, 2, key).await.expect("store opens");
    crate::load_demo(&store, 7, people, &crate::import::Quiet)
        .await
        .expect("demo loads");
    (dir, store)
}

/// Someone signed in as `id` with the employee role and `role` besides.
pub fn principal(id: &str, role: Role) -> Principal {
    Principal {
        person_id: Some(id.into()),
        roles: vec![Role::Employee, role],
        scopes: vec![Scope::Read, Scope::Write],
        via: Via::Token,
        credential: None,
        leads: vec![],
        dev: false,
    }
}

/// Up to `n` people with `status`, in the store's order.
pub async fn people_with(store: &dyn Store, status: PersonStatus, n: usize) -> Vec<Person> {
    let filter = PeopleFilter {
        status: Some(status),
        ..Default::default()
    };
    let page = PageRequest {
        first: n,
        after: None,
    };
    let found = store.list_people(&filter, &page).await.expect("people");
    found.items.into_iter().map(|(_, p)| p).collect()
}

/// The first active community.
pub async fn first_community(store: &dyn Store) -> Community {
    let page = PageRequest {
        first: 1,
        after: None,
    };
    let found = store
        .list_communities(None, Some(CommunityStatus::Active), &page)
        .await
        .expect("communities");
    found.items.into_iter().next().expect("a community").1
}
