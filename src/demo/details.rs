//! Sentences about each unit's day-to-day work, so that evidence from different
//! parts of the organisation reads differently. Placeholders as in `texts`.

/// `(unit name, sentences)`; a unit test checks every unit has an entry.
pub(crate) const DETAILS: &[(&str, &[&str])] = &[
    (
        "Information Governance",
        &[
            "Records that have passed their retention date are now flagged for review by the information asset owner rather than kept indefinitely.",
            "The file plan for {object} was simplified from {n} folders to a handful of functional classes.",
            "Every request was logged and answered within the statutory deadline, with exemptions recorded in the case file.",
            "Where personal data was involved we checked the lawful basis and updated the record of processing activities.",
            "Disposal is only carried out after sign-off, and a certificate of destruction is kept on the disposal log.",
        ],
    ),
    (
        "Digital Services",
        &[
            "The service was tested with {n} users, including people who use screen readers and voice control.",
            "We moved the build to the shared pipeline, so every change now runs the automated tests before release.",
            "The backlog was re-prioritised around the user needs from the last round of research.",
            "Deployments went from monthly to several times a week without more incidents.",
            "The API contract is versioned and documented so that other teams can integrate without asking us.",
        ],
    ),
    (
        "Data and Analytics",
        &[
            "The pipeline now runs nightly and flags records that fail validation instead of silently dropping them.",
            "All figures were peer reviewed and the code is in the team repository with a README.",
            "We documented the definitions in the data catalogue so that the dashboard and the published statistics agree.",
            "Small counts were suppressed before publication to protect individuals.",
            "The model was checked for bias across age, sex and disability before it was used.",
        ],
    ),
    (
        "Cyber Security",
        &[
            "All findings were rated with the standard risk matrix and high-risk items were fixed within {n} days.",
            "Multi-factor authentication is now enforced for every administrator account.",
            "The incident playbook was exercised with Technology Operations and the communications team.",
            "Suppliers with access to our systems were asked for evidence of Cyber Essentials Plus.",
            "Security logs are now kept centrally for a year to support investigations.",
        ],
    ),
    (
        "Technology Operations",
        &[
            "The change was approved by the change advisory board and deployed out of hours.",
            "Ticket volumes for {object} dropped by about {n} per cent after the knowledge article was published.",
            "A problem record was raised so that the root cause, not just the symptoms, gets fixed.",
            "The configuration management database was updated so that asset owners are accurate.",
            "Backups were restored in a test to prove we can meet the recovery time objective.",
        ],
    ),
    (
        "Human Resources",
        &[
            "Managers were briefed before the policy went live and the trade unions were consulted.",
            "Case files are kept for six years after the case closes, in line with the retention schedule.",
            "The process follows the Acas code of practice and was checked by Legal Services.",
            "Absence data is reported to the senior team each quarter, broken down by directorate.",
            "The equality impact assessment found no adverse impact but recommended monitoring.",
        ],
    ),
    (
        "Finance",
        &[
            "The forecast was reconciled to the ledger and variances above £{n}k were explained.",
            "Budget holders signed off their profiles before the figures went to the board.",
            "Spend was checked against delegated authorities and nothing needed retrospective approval.",
            "The external auditors raised no significant findings on this area this year.",
            "Savings were recorded as cashable or non-cashable so that they can be tracked in the benefits register.",
        ],
    ),
    (
        "Procurement and Commercial",
        &[
            "The route to market was agreed at the commercial gateway review before anything was published.",
            "Bids were scored independently by {n} evaluators and then moderated.",
            "Social value carried ten per cent of the quality score.",
            "The contract has quarterly performance reviews against the agreed KPIs.",
            "We checked the framework terms before the call-off so that no variation was needed.",
        ],
    ),
    (
        "Legal Services",
        &[
            "Legal professional privilege applies to the advice, so it should not be forwarded outside the team.",
            "The advice considered the relevant case law and the duty to act reasonably.",
            "Counsel's opinion was sought on the one point where the risk was finely balanced.",
            "We kept a chronology of events, which saved time when the claim was issued.",
            "The standard clauses have been updated in the precedent bank.",
        ],
    ),
    (
        "Policy",
        &[
            "Options were appraised against the objectives and the evidence, including {n} consultation responses.",
            "The submission set out the recommended option, the risks and the handling plan.",
            "Stakeholders from the voluntary sector were involved early and shaped the final proposals.",
            "An equality screening was completed and published alongside the decision.",
            "We agreed how the policy will be evaluated before it was launched.",
        ],
    ),
    (
        "Communications",
        &[
            "Messages were tested with a small group of staff before the full launch.",
            "Reach and engagement were tracked for {n} days after publication.",
            "Lines to take were agreed with the press office and the policy lead.",
            "The content was rewritten to a reading age of nine and checked for accessibility.",
            "Colleagues in Hong Kong and Sydney received the update at the start of their working day.",
        ],
    ),
    (
        "Estates and Facilities",
        &[
            "Contractors were inducted on site and their risk assessments and method statements checked.",
            "The work was scheduled to avoid disruption during peak desk occupancy.",
            "Statutory compliance tests were recorded in the maintenance system.",
            "Occupancy data from the desk booking system informed the new layout.",
            "Energy use in the building fell by about {n} per cent compared with last year.",
        ],
    ),
    (
        "Customer Services",
        &[
            "Advisers now resolve most of these contacts first time, without passing them on.",
            "Complaints were acknowledged within two working days and answered within twenty.",
            "We listened to {n} recorded calls to understand what customers were actually asking.",
            "The knowledge base article was rewritten in plain English after adviser feedback.",
            "Vulnerable customers are flagged on the case so that they do not have to repeat their story.",
        ],
    ),
    (
        "Internal Audit and Risk",
        &[
            "The audit was risk-based and covered the financial year to March.",
            "Testing covered a sample of {n} transactions selected at random.",
            "Management responses were agreed, with a target date for each recommendation.",
            "Follow-up found that most earlier recommendations had been implemented.",
            "Fraud risks were discussed with the counter fraud team during planning.",
        ],
    ),
];

/// The detail sentences for a unit (empty for an unknown unit).
pub(crate) fn for_unit(unit: &str) -> &'static [&'static str] {
    DETAILS
        .iter()
        .find(|(name, _)| *name == unit)
        .map_or(&[], |(_, sentences)| sentences)
}
