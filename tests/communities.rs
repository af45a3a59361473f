//! Community leads' work, on both backends: requests to join a closed
//! community, the last lead, suggested members and health.

mod common;

use common::{TestApp, import_examples};
use serde_json::{Value, json};
use tacit::domain::Role;

fn rank_of(data: &Value, id: &str) -> Option<usize> {
    data["experts"]
        .as_array()?
        .iter()
        .position(|e| e["person"]["externalId"] == id)
}

const EXPERTS: &str =
    "query($q: String!) { experts(query: $q, first: 20) { person { externalId } explanation } }";

on_both_backends!(
    a_lead_approves_a_request_to_a_closed_community,
    |app: TestApp| async move {
        import_examples(&app).await;
        app.data("mutation { updateCommunity(input: { id: \"c-rm\", visibility: CLOSED }) { community { visibility } } }", json!({})).await;
        let lead = app.token(Role::Employee, Some("e1001")).await;
        let member = app.token(Role::Employee, Some("e2002")).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let boss = app.token(Role::Employee, Some("e0042")).await;

        let before = app.data_as(&boss, EXPERTS, json!({ "q": "EDRM" })).await;
        assert_eq!(rank_of(&before, "e3003"), None, "{before:#}");

        // Jack asks; he is not a member until a lead says yes.
        let asked = app.data_as(&jack, "mutation { joinCommunity(input: { communityId: \"c-rm\", message: \"I look after the Sydney file room\" }) { membership { role } request { id status } } }", json!({})).await;
        assert!(asked["joinCommunity"]["membership"].is_null());
        assert_eq!(asked["joinCommunity"]["request"]["status"], "PENDING");
        let request = asked["joinCommunity"]["request"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        assert_eq!(
            app.error_as(
                &jack,
                "mutation { joinCommunity(input: { communityId: \"c-rm\" }) { request { id } } }",
                json!({})
            )
            .await
            .0,
            "CONFLICT"
        );
        let mine = app.data_as(&jack, "{ community(id: \"c-rm\") { myRequest { status } pendingRequestCount health { memberCount } } }", json!({})).await;
        assert_eq!(mine["community"]["myRequest"]["status"], "PENDING");
        assert!(
            mine["community"]["pendingRequestCount"].is_null(),
            "only leads see the queue"
        );
        assert!(mine["community"]["health"].is_null());

        // The lead sees it in their inbox; a member who is not a lead cannot decide.
        let inbox = app.data_as(&lead, "{ communityInbox { id message person { externalId } community { externalId } } community(id: \"c-rm\") { pendingRequestCount } }", json!({})).await;
        assert_eq!(inbox["communityInbox"][0]["person"]["externalId"], "e3003");
        assert_eq!(inbox["community"]["pendingRequestCount"], 1);
        let decide = "mutation($id: ID!, $ok: Boolean!, $why: String) { decideJoinRequest(input: { requestId: $id, approve: $ok, reason: $why }) { request { status reason } } }";
        assert_eq!(
            app.error_as(&member, decide, json!({ "id": request, "ok": true }))
                .await
                .0,
            "FORBIDDEN"
        );
        assert_eq!(
            app.error_as(&lead, decide, json!({ "id": request, "ok": false }))
                .await
                .0,
            "BAD_USER_INPUT",
            "a decline needs a reason"
        );
        let approved = app
            .data_as(&lead, decide, json!({ "id": request, "ok": true }))
            .await;
        assert_eq!(
            approved["decideJoinRequest"]["request"]["status"],
            "APPROVED"
        );
        assert_eq!(
            app.error_as(&lead, decide, json!({ "id": request, "ok": true }))
                .await
                .0,
            "CONFLICT",
            "decided once"
        );

        // Now a member, Jack ranks for the community's topics.
        let after = app.data_as(&boss, EXPERTS, json!({ "q": "EDRM" })).await;
        let rank = rank_of(&after, "e3003").unwrap_or_else(|| panic!("{after:#}"));
        let text = after["experts"][rank]["explanation"]
            .as_str()
            .unwrap_or_default();
        assert!(text.contains("Records Management Network"), "{text}");

        // Declining tells the person why.
        app.data("mutation { createPerson(input: { externalId: \"e4004\", name: \"Rosa Diaz\" }) { person { id } } }", json!({})).await;
        let rosa = app.token(Role::Employee, Some("e4004")).await;
        let asked = app
            .data_as(
                &rosa,
                "mutation { joinCommunity(input: { communityId: \"c-rm\" }) { request { id } } }",
                json!({}),
            )
            .await;
        let id = asked["joinCommunity"]["request"]["id"].clone();
        let declined = app
            .data_as(
                &lead,
                decide,
                json!({ "id": id, "ok": false, "why": "for records staff only" }),
            )
            .await;
        assert_eq!(
            declined["decideJoinRequest"]["request"]["reason"],
            "for records staff only"
        );
        let none = app.data_as(&rosa,
            "{ community(id: \"c-rm\") { myRequest { id } members { person { externalId } } } }",
            json!({}),
        ).await;
        assert!(none["community"]["myRequest"].is_null());
        assert!(!none.to_string().contains("e4004"));
        // She sees the reason on the community's page; nobody else sees hers.
        let told = app
            .data_as(
                &rosa,
                "{ community(id: \"c-rm\") { myDeclinedRequest { status reason } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            told["community"]["myDeclinedRequest"],
            json!({ "status": "DECLINED", "reason": "for records staff only" })
        );
        let other = app
            .data_as(
                &lead,
                "{ community(id: \"c-rm\") { myDeclinedRequest { reason } } }",
                json!({}),
            )
            .await;
        assert!(other["community"]["myDeclinedRequest"].is_null());
    }
);

on_both_backends!(the_last_lead_cannot_leave, |app: TestApp| async move {
    import_examples(&app).await;
    let lead = app.token(Role::Employee, Some("e1001")).await;
    let leave = "mutation { leaveCommunity(input: { communityId: \"c-rm\" }) { personId } }";
    assert_eq!(app.error_as(&lead, leave, json!({})).await.0, "CONFLICT");
    // Not by removal or demotion either.
    assert_eq!(app.error_code("mutation { removeMember(input: { communityId: \"c-rm\", personId: \"e1001\" }) { personId } }", json!({})).await, "CONFLICT");
    assert_eq!(app.error_code("mutation { addMember(input: { communityId: \"c-rm\", personId: \"e1001\", role: MEMBER }) { membership { role } } }", json!({})).await, "CONFLICT");
    let still = app
        .data(
            "{ community(id: \"c-rm\") { members { person { externalId } role } } }",
            json!({}),
        )
        .await;
    assert!(still.to_string().contains("LEAD"), "{still:#}");
    // A non-lead cannot curate.
    let member = app.token(Role::Employee, Some("e2002")).await;
    assert_eq!(app.error_as(&member, "mutation { addMember(input: { communityId: \"c-rm\", personId: \"e2002\", role: LEAD }) { membership { role } } }", json!({})).await.0, "FORBIDDEN");
    assert_eq!(app.error_as(&member, "mutation { removeMember(input: { communityId: \"c-rm\", personId: \"e1001\" }) { personId } }", json!({})).await.0, "FORBIDDEN");
    // Handed over, the old lead may go.
    app.data_as(&lead, "mutation { addMember(input: { communityId: \"c-rm\", personId: \"e2002\", role: LEAD }) { membership { role } } }", json!({})).await;
    app.data_as(&lead, leave, json!({})).await;
});

on_both_backends!(
    suggested_members_and_health_for_leads,
    |app: TestApp| async move {
        import_examples(&app).await;
        let lead = app.token(Role::Employee, Some("e1001")).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        app.data_as(
            &jack,
            "mutation { joinCommunity(input: { communityId: \"c-rm\" }) { membership { role } } }",
            json!({}),
        )
        .await;

        let data = app
            .data_as(
                &lead,
                "{ community(id: \"c-rm\") {
            suggestedMembers(first: 5) { person { externalId } explanation paths { text } }
            health {
              memberCount activeMemberCount pendingRequests
              membersByOffice { label count } membersByCountry { label count }
              uncoveredSkills { name }
              leavingMembers { person { externalId } topics { name } uncoveredTopics { name } }
              joinsByMonth { label count }
            }
        } }",
                json!({}),
            )
            .await;
        let c = &data["community"];
        let suggested = c["suggestedMembers"].as_array().expect("a list");
        assert!(!suggested.is_empty(), "{data:#}");
        for s in suggested {
            let id = s["person"]["externalId"].as_str().unwrap_or_default();
            assert!(
                !["e1001", "e2002", "e3003"].contains(&id),
                "members are not suggested: {id}"
            );
            assert!(
                !s["explanation"].as_str().unwrap_or_default().is_empty(),
                "{s}"
            );
        }
        assert_eq!(suggested[0]["person"]["externalId"], "e0042", "{data:#}");

        // Aoife (lead, leaving, Belfast, GB), Wing (Hong Kong, HK), Jack (Sydney, AU).
        let h = &c["health"];
        assert_eq!(h["memberCount"], 3);
        assert_eq!(h["activeMemberCount"], 2);
        assert_eq!(h["pendingRequests"], 0);
        let labels = |v: &Value| -> Vec<(String, i64)> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            (
                                x["label"].as_str().unwrap_or("").to_string(),
                                x["count"].as_i64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            labels(&h["membersByOffice"]),
            [
                ("Belfast".into(), 1),
                ("Hong Kong".into(), 1),
                ("Sydney".into(), 1)
            ]
        );
        assert_eq!(
            labels(&h["membersByCountry"]),
            [("AU".into(), 1), ("GB".into(), 1), ("HK".into(), 1)]
        );
        let mut uncovered: Vec<&str> = h["uncoveredSkills"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|s| s["name"].as_str())
            .collect();
        uncovered.sort_unstable();
        assert_eq!(
            uncovered,
            ["EDRM", "Records retention"],
            "only the leaving lead holds Records retention"
        );
        assert_eq!(h["leavingMembers"][0]["person"]["externalId"], "e1001");
        assert_eq!(
            h["leavingMembers"][0]["topics"],
            json!([{ "name": "Records retention" }])
        );
        assert_eq!(
            h["leavingMembers"][0]["uncoveredTopics"],
            json!([{ "name": "Records retention" }])
        );
        let joined: i64 = labels(&h["joinsByMonth"]).iter().map(|(_, n)| n).sum();
        assert_eq!(joined, 3);

        // Not for members who do not lead it.
        let member = app.token(Role::Employee, Some("e2002")).await;
        let hidden = app.data_as(&member, "{ community(id: \"c-rm\") { suggestedMembers { person { id } } health { memberCount } pendingRequests { id } } }", json!({})).await;
        assert!(hidden["community"]["suggestedMembers"].is_null());
        assert!(hidden["community"]["health"].is_null());
        assert!(hidden["community"]["pendingRequests"].is_null());
        let inbox = app
            .data_as(&member, "{ communityInbox { id } }", json!({}))
            .await;
        assert_eq!(
            inbox["communityInbox"],
            json!([]),
            "nothing waits for someone who leads nothing"
        );
    }
);

on_both_backends!(proposals_archives_and_merges, |app: TestApp| async move {
    import_examples(&app).await;
    let jack = app.token(Role::Employee, Some("e3003")).await;
    let names = |data: &Value| -> Vec<String> {
        data["communities"]["nodes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    // An employee proposes; it waits for an admin, with them as its lead.
    let proposed = app.data_as(&jack, "mutation { createCommunity(input: { externalId: \"c-arch\", name: \"Archive Tech\", skillIds: [\"s-gdpr\"] }) { community { status proposedBy { externalId } members { person { externalId } role } } } }", json!({})).await;
    let c = &proposed["createCommunity"]["community"];
    assert_eq!(c["status"], "PROPOSED");
    assert_eq!(c["proposedBy"]["externalId"], "e3003");
    assert_eq!(c["members"][0]["role"], "LEAD");
    let listed = app
        .data("{ communities { nodes { name } } }", json!({}))
        .await;
    assert!(!names(&listed).contains(&"Archive Tech".to_string()));
    let waiting = app
        .data(
            "{ communities(status: PROPOSED) { nodes { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(names(&waiting), ["Archive Tech"]);
    assert_eq!(
        app.error_as(
            &jack,
            "mutation { approveCommunity(input: { id: \"c-arch\" }) { community { status } } }",
            json!({})
        )
        .await
        .0,
        "FORBIDDEN"
    );
    app.data(
        "mutation { approveCommunity(input: { id: \"c-arch\" }) { community { status } } }",
        json!({}),
    )
    .await;
    let listed = app
        .data("{ communities { nodes { name } } }", json!({}))
        .await;
    assert!(names(&listed).contains(&"Archive Tech".to_string()));

    // Its lead archives it: gone from lists and from the ranking's reasons.
    app.data_as(
        &jack,
        "mutation { archiveCommunity(input: { id: \"c-arch\" }) { community { status } } }",
        json!({}),
    )
    .await;
    let listed = app
        .data("{ communities { nodes { name } } }", json!({}))
        .await;
    assert!(!names(&listed).contains(&"Archive Tech".to_string()));
    let found = app.data(EXPERTS, json!({ "q": "Archive Tech" })).await;
    assert!(!found.to_string().contains("Archive Tech"), "{found:#}");
    assert_eq!(
        app.error_as(
            &jack,
            "mutation { archiveCommunity(input: { id: \"c-arch\" }) { community { status } } }",
            json!({})
        )
        .await
        .0,
        "CONFLICT"
    );
    app.data_as(
        &jack,
        "mutation { unarchiveCommunity(input: { id: \"c-arch\" }) { community { status } } }",
        json!({}),
    )
    .await;

    // Merged into the Records Management Network: every member and skill moves.
    app.data("mutation { addMember(input: { communityId: \"c-arch\", personId: \"e2002\", role: EXPERT }) { membership { role } } }", json!({})).await;
    common::accept_invitations(&app, "e2002").await;
    let wing = app.token(Role::Employee, Some("e2002")).await;
    assert_eq!(app.error_as(&wing, "mutation { mergeCommunities(input: { survivorId: \"c-rm\", mergedId: \"c-arch\" }) { community { id } } }", json!({})).await.0, "FORBIDDEN", "not a lead of both");
    let merged = app.data("mutation { mergeCommunities(input: { survivorId: \"c-rm\", mergedId: \"c-arch\" }) { community { externalId skills { name } members { person { externalId } role } } } }", json!({})).await;
    let c = &merged["mergeCommunities"]["community"];
    let mut skills: Vec<&str> = c["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    skills.sort_unstable();
    assert_eq!(skills, ["EDRM", "GDPR", "Records retention"]);
    let roles: std::collections::BTreeMap<String, String> = c["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| {
            (
                m["person"]["externalId"].as_str().unwrap_or("").to_string(),
                m["role"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(roles.get("e1001").map(String::as_str), Some("LEAD"));
    assert_eq!(
        roles.get("e2002").map(String::as_str),
        Some("EXPERT"),
        "the higher of member and expert"
    );
    assert_eq!(roles.get("e3003").map(String::as_str), Some("LEAD"));
    assert_eq!(roles.len(), 3);
    let redirected = app
        .data("{ community(id: \"c-arch\") { externalId } }", json!({}))
        .await;
    assert_eq!(redirected["community"]["externalId"], "c-rm");
    // The graph followed: the survivor has everyone, the merged one is gone.
    app.assert_graph_matches_rebuild().await;
});

on_both_backends!(
    m7_members_join_only_by_their_own_consent,
    |app: TestApp| async move {
        import_examples(&app).await;
        let jack = app.token(Role::Employee, Some("e3003")).await;
        let siobhan = app.token(Role::Employee, Some("e0042")).await;
        // Jack proposes a community (he is its lead) and "adds" Siobhan: that
        // is only an invitation, so she is not a member and her leaving date
        // does not reach his health page.
        let proposed = app
            .data_as(&jack, "mutation { createCommunity(input: { externalId: \"c-j\", name: \"Jack's circle\", visibility: CLOSED }) { community { status } } }", json!({}))
            .await;
        assert!(proposed["createCommunity"]["community"]["status"].is_string());
        app.data(
            "mutation { approveCommunity(input: { id: \"c-j\" }) { community { status } } }",
            json!({}),
        )
        .await;
        let invite = "mutation { addMember(input: { communityId: \"c-j\", personId: \"e0042\", role: EXPERT, message: \"Join us?\" }) { membership { role } invitation { kind role status message invitedBy { externalId } } } }";
        let invited = app.data_as(&jack, invite, json!({})).await;
        let inv = &invited["addMember"];
        assert!(inv["membership"].is_null(), "{invited}");
        assert_eq!(inv["invitation"]["kind"], "INVITATION");
        assert_eq!(inv["invitation"]["role"], "EXPERT");
        assert_eq!(inv["invitation"]["status"], "PENDING");
        assert_eq!(inv["invitation"]["invitedBy"]["externalId"], "e3003");
        // The lead sees it waiting (after a reload too); people who are
        // leaving are not suggested, however well they fit.
        let lead_view = app
            .data_as(
                &jack,
                "{ community(id: \"c-j\") { pendingInvitations { person { externalId } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            lead_view["community"]["pendingInvitations"][0]["person"]["externalId"], "e0042",
            "{lead_view}"
        );
        app.data_as(&jack, "mutation { updateCommunity(input: { id: \"c-j\", description: \"Records retention and GDPR\" }) { community { id } } }", json!({}))
            .await;
        let suggested = app
            .data_as(&jack, "{ community(id: \"c-j\") { suggestedMembers(first: 10) { person { externalId status } } } }", json!({}))
            .await;
        let people = suggested["community"]["suggestedMembers"]
            .as_array()
            .expect("suggestions")
            .clone();
        assert!(!people.is_empty(), "{suggested}");
        assert!(
            people.iter().all(|p| p["person"]["status"] == "ACTIVE"),
            "{suggested}"
        );
        // Asking twice is refused; the invitation is not in any lead's inbox.
        assert_eq!(app.error_as(&jack, invite, json!({})).await.0, "CONFLICT");
        let inbox = app
            .data_as(&jack, "{ communityInbox { id } }", json!({}))
            .await;
        assert_eq!(inbox["communityInbox"], json!([]), "{inbox}");
        let members = "{ community(id: \"c-j\") { members { person { externalId } role } health { leavingMembers { person { externalId } } } } }";
        let before = app.data_as(&jack, members, json!({})).await;
        let ids: Vec<&str> = before["community"]["members"]
            .as_array()
            .expect("members")
            .iter()
            .filter_map(|m| m["person"]["externalId"].as_str())
            .collect();
        assert_eq!(ids, ["e3003"], "{before}");
        // Nobody but Siobhan may answer it; the lead cannot decide it as a request.
        let mine = app
            .data_as(
                &siobhan,
                "{ myInvitations { id community { externalId } message } }",
                json!({}),
            )
            .await;
        let id = mine["myInvitations"][0]["id"].clone();
        assert_eq!(mine["myInvitations"][0]["message"], "Join us?");
        let answer = "mutation($id: ID!, $accept: Boolean!) { answerInvitation(input: { invitationId: $id, accept: $accept }) { request { status } } }";
        assert_eq!(
            app.error_as(&jack, answer, json!({ "id": id, "accept": true }))
                .await
                .0,
            "NOT_FOUND"
        );
        let decide = "mutation($id: ID!) { decideJoinRequest(input: { requestId: $id, approve: true }) { request { status } } }";
        assert_eq!(
            app.error_as(&jack, decide, json!({ "id": id })).await.0,
            "NOT_FOUND"
        );
        // She declines: still not a member. Invited again, she accepts.
        let no = app
            .data_as(&siobhan, answer, json!({ "id": id, "accept": false }))
            .await;
        assert_eq!(no["answerInvitation"]["request"]["status"], "DECLINED");
        assert_eq!(
            app.error_as(&siobhan, answer, json!({ "id": id, "accept": true }))
                .await
                .0,
            "CONFLICT"
        );
        let again = app.data_as(&jack, invite, json!({})).await;
        let id = again["addMember"]["invitation"]["id"].clone();
        let id = if id.is_null() {
            app.data_as(&siobhan, "{ myInvitations { id } }", json!({}))
                .await["myInvitations"][0]["id"]
                .clone()
        } else {
            id
        };
        let yes = app
            .data_as(&siobhan, answer, json!({ "id": id, "accept": true }))
            .await;
        assert_eq!(yes["answerInvitation"]["request"]["status"], "APPROVED");
        let after = app.data_as(&jack, members, json!({})).await;
        assert!(after.to_string().contains("\"EXPERT\""), "{after}");
        // Someone who asked to join is added at once when a lead invites them.
        let wing = app.token(Role::Employee, Some("e2002")).await;
        let asked = app
            .data_as(&wing, "mutation { joinCommunity(input: { communityId: \"c-j\", message: \"me too\" }) { request { status } } }", json!({}))
            .await;
        assert_eq!(asked["joinCommunity"]["request"]["status"], "PENDING");
        let added = app
            .data_as(&jack, "mutation { addMember(input: { communityId: \"c-j\", personId: \"e2002\" }) { membership { role } invitation { kind status } } }", json!({}))
            .await;
        assert_eq!(
            added["addMember"]["membership"]["role"], "MEMBER",
            "{added}"
        );
        assert_eq!(added["addMember"]["invitation"]["kind"], "JOIN");
        assert_eq!(added["addMember"]["invitation"]["status"], "APPROVED");
        // Leaving members are listed by name, not by leaving date.
        let h = app.data_as(&jack, members, json!({})).await;
        assert!(h["community"]["health"]["leavingMembers"].is_array(), "{h}");
    }
);

on_both_backends!(
    activity_by_month_counts_what_members_wrote_and_who_joined,
    |app: TestApp| async move {
        import_examples(&app).await;
        let now = app.clock.now();
        let this_month = now.format("%Y-%m").to_string();
        let earlier = now - chrono::Duration::days(45);
        let earlier_month = earlier.format("%Y-%m").to_string();
        let evidence = "mutation($id: String!, $kind: String!, $authors: [ID!]!, $at: DateTime!) {
            createEvidence(input: { externalId: $id, evidence: { kind: $kind, text: \"Notes\", authorIds: $authors, createdAt: $at } }) { evidence { id } } }";
        for (id, kind, authors, at) in [
            // Written by two members: one document.
            ("a-1", "document", vec!["e1001", "e2002"], now),
            ("a-2", "report", vec!["e2002"], now),
            ("a-4", "answer", vec!["e1001"], now),
            // Questions are not counted; nor is a non-member's writing, nor
            // anything older than twelve months.
            ("a-5", "question", vec!["e1001"], now),
            ("a-6", "document", vec!["e0042"], now),
            // Written before its authors joined (the import made them
            // members this month; Jack joins below): not the community's.
            ("a-3", "answer", vec!["e2002"], earlier),
            ("a-8", "document", vec!["e3003"], earlier),
            (
                "a-9",
                "answer",
                vec!["e3003"],
                now - chrono::Duration::days(1),
            ),
            (
                "a-7",
                "document",
                vec!["e1001"],
                now - chrono::Duration::days(400),
            ),
        ] {
            app.data(
                evidence,
                json!({ "id": id, "kind": kind, "authors": authors, "at": at.to_rfc3339() }),
            )
            .await;
        }
        let jack = app.token(Role::Employee, Some("e3003")).await;
        app.data_as(
            &jack,
            "mutation { joinCommunity(input: { communityId: \"c-rm\" }) { membership { role } } }",
            json!({}),
        )
        .await;

        let lead = app.token(Role::Employee, Some("e1001")).await;
        let data = app
            .data_as(
                &lead,
                "{ community(id: \"c-rm\") { health { activityByMonth { month documents answers joins } } } }",
                json!({}),
            )
            .await;
        let months = data["community"]["health"]["activityByMonth"]
            .as_array()
            .expect("a list")
            .clone();
        assert_eq!(months.len(), 12, "{data:#}");
        let labels: Vec<&str> = months.iter().filter_map(|m| m["month"].as_str()).collect();
        assert_eq!(labels.last(), Some(&this_month.as_str()));
        assert!(
            labels.windows(2).all(|w| w[0] < w[1]),
            "oldest first: {labels:?}"
        );
        let of = |label: &str| {
            months
                .iter()
                .find(|m| m["month"] == label)
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(
            of(&this_month),
            json!({ "month": this_month, "documents": 2, "answers": 1, "joins": 3 }),
            "{data:#}"
        );
        assert_eq!(
            of(&earlier_month),
            json!({ "month": earlier_month, "documents": 0, "answers": 0, "joins": 0 }),
            "writing from before its authors joined counts nowhere: {data:#}"
        );
        let total: i64 = months
            .iter()
            .map(|m| {
                ["documents", "answers", "joins"]
                    .iter()
                    .map(|k| m[k].as_i64().unwrap_or(0))
                    .sum::<i64>()
            })
            .sum();
        assert_eq!(total, 6, "nothing else counted anywhere: {data:#}");

        // A member who does not lead it sees no health at all.
        let member = app.token(Role::Employee, Some("e2002")).await;
        let hidden = app
            .data_as(
                &member,
                "{ community(id: \"c-rm\") { health { activityByMonth { month } } } }",
                json!({}),
            )
            .await;
        assert!(hidden["community"]["health"].is_null());
    }
);
