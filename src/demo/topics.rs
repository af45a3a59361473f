//! Topic clusters for communities of practice. Skill names must exist in
//! `data/taxonomy/skills.jsonl`; a unit test checks it.

pub(crate) struct Topic {
    pub name: &'static str,
    pub skills: &'static [&'static str],
    pub about: &'static str,
}

/// The most broadly useful first: small organisations get the first few.
#[rustfmt::skip]
pub(crate) const TOPICS: &[Topic] = &[
    Topic {
        name: "Records Management Network",
        skills: &[
            "Records management", "Records retention", "Retention schedules", "EDRM", "File plans",
            "Records disposal",
        ],
        about: "We share retention schedules, file plans and disposal decisions, and compare notes on moving teams off shared drives into the EDRM.",
    },
    Topic {
        name: "Data Protection Community",
        skills: &[
            "Data protection", "GDPR", "Data protection impact assessments",
            "Subject access requests", "Data sharing agreements", "Personal data breach management",
        ],
        about: "A place to ask about UK GDPR, review DPIAs and data sharing agreements before they go to the DPO, and learn from breaches and near misses.",
    },
    Topic {
        name: "Cloud Engineering Guild",
        skills: &[
            "Cloud technologies", "Design cloud architecture", "DevOps", "Plan migration to cloud",
            "IT infrastructure",
        ],
        about: "Engineers and architects who build and run our cloud platforms: landing zones, infrastructure as code, cost control and migration patterns.",
    },
    Topic {
        name: "Procurement Practitioners",
        skills: &[
            "Public procurement", "Procurement frameworks", "Public Contracts Regulations",
            "Tender evaluation", "Specification writing",
        ],
        about: "For anyone running or evaluating a procurement: framework call-offs, the Procurement Act changes, evaluation panels and debriefs.",
    },
    Topic {
        name: "Cyber Security Champions",
        skills: &[
            "Information security", "Cyber security", "Changing security culture",
            "Cyber incident management", "Cyber Essentials",
        ],
        about: "Security champions from every directorate who spread good practice, report suspicious activity early and help test our incident response.",
    },
    Topic {
        name: "Data Science and Analytics Network",
        skills: &[
            "Data analysis and synthesis", "Machine learning", "Python (computer programming)", "R",
            "Data visualisation", "Applied maths, statistics and scientific practices",
        ],
        about: "Analysts and data scientists sharing code, methods and peer review, from survey weighting to forecasting demand.",
    },
    Topic {
        name: "User-Centred Design Community",
        skills: &[
            "User research methods", "Accessibility", "User-centred content design", "Prototyping",
            "Iterative design",
        ],
        about: "Researchers, designers and content designers who share research findings, patterns and accessibility fixes across services.",
    },
    Topic {
        name: "HR Policy Network",
        skills: &[
            "Absence management", "Disciplinary procedures", "Grievance procedures",
            "Employee relations", "Employment law",
        ],
        about: "HR advisers and business partners keeping our people policies consistent, with case discussions (anonymised) and tribunal lessons.",
    },
    Topic {
        name: "Finance Business Partners Network",
        skills: &[
            "Budget management", "Financial forecasting", "Business cases", "Managing Public Money",
        ],
        about: "Finance colleagues who support budget holders: forecasting, business cases, spending controls and year-end.",
    },
    Topic {
        name: "Risk and Assurance Network",
        skills: &[
            "Risk management", "Internal audit", "Business continuity planning",
            "Governance and assurance", "Internal controls",
        ],
        about: "Risk owners, auditors and continuity planners who keep registers honest and share what good controls look like.",
    },
    Topic {
        name: "Customer Experience Network",
        skills: &[
            "Complaints handling", "Customer insight", "Case management",
            "Contact centre operations", "Customer service management",
        ],
        about: "Front-line and insight colleagues turning complaints and contact data into service improvements.",
    },
    Topic {
        name: "Policy Profession Network",
        skills: &[
            "Policy development", "Public consultation", "Ministerial briefing",
            "Regulatory impact assessments", "Equality impact assessments",
        ],
        about: "Policy colleagues sharing consultation designs, impact assessments and what makes a good submission.",
    },
    Topic {
        name: "FOI and Information Rights Forum",
        skills: &[
            "Freedom of Information requests", "Environmental Information Regulations",
            "Subject access requests", "Information law",
        ],
        about: "Practitioners handling FOI, EIR and subject access requests: exemptions, redaction, internal reviews and ICO decisions.",
    },
    Topic {
        name: "Software Craft Community",
        skills: &[
            "Programming and build (software engineering)", "Modern development standards",
            "Conduct ICT code review", "Test engineering", "JavaScript",
        ],
        about: "Developers talking code review, testing, pairing and the standards in our service manual.",
    },
    Topic {
        name: "Data Engineering Community",
        skills: &[
            "Data engineering", "SQL", "Data modelling", "Data integration design",
            "Implement data warehousing techniques",
        ],
        about: "Pipelines, warehouses and data models: the people who move and shape our data.",
    },
    Topic {
        name: "Agile Delivery Community",
        skills: &[
            "Agile working", "Agile and Lean practices", "Product management",
            "Maintaining delivery momentum",
        ],
        about: "Delivery and product managers sharing ways of working, from discovery to live, and retros that change something.",
    },
    Topic {
        name: "Contract Management Forum",
        skills: &[
            "Contract management", "Supplier relationship management", "Commercial management",
            "Social value in procurement",
        ],
        about: "Contract managers comparing KPIs, change control and exit planning across our biggest contracts.",
    },
    Topic {
        name: "Workforce and Talent Group",
        skills: &[
            "Workforce planning", "Recruitment", "Learning and development", "Pay and grading",
            "Equality, diversity and inclusion",
        ],
        about: "Planning the workforce we need: recruitment campaigns, apprenticeships, pay and development.",
    },
    Topic {
        name: "Grants and Counter Fraud Forum",
        skills: &["Grant management", "Counter fraud", "Internal controls", "Accounts payable"],
        about: "Grant managers, finance and counter fraud colleagues designing schemes that pay the right people the right amount.",
    },
    Topic {
        name: "Plain English and Content Community",
        skills: &[
            "Plain English writing", "User-centred content design", "Manage online content",
            "Privacy notices",
        ],
        about: "Anyone who writes for the public: style questions, readability testing and rewriting letters people actually understand.",
    },
    Topic {
        name: "Communications and Engagement Network",
        skills: &[
            "Media relations", "Internal communications", "Social media management",
            "Crisis communications", "Stakeholder engagement",
        ],
        about: "Communicators from across the organisation planning campaigns, handling the media and keeping staff informed.",
    },
    Topic {
        name: "Service Management Community",
        skills: &[
            "Incident management", "Problem management", "Service management framework knowledge",
            "Apply operations for an ITIL-based environment", "Service support",
        ],
        about: "Service desk, incident and problem managers improving how we run live services.",
    },
    Topic {
        name: "Workplace and Sustainability Group",
        skills: &[
            "Facilities management", "Space planning", "Net zero and sustainability",
            "Health and safety compliance", "Building maintenance",
        ],
        about: "Estates, facilities and sustainability colleagues shaping offices for hybrid working and net zero.",
    },
    Topic {
        name: "Legal Knowledge Network",
        skills: &[
            "Legal advice", "Contract law", "Judicial review", "Employment law", "Information law",
            "Litigation management",
        ],
        about: "Lawyers and legal officers sharing precedents, case updates and know-how notes.",
    },
    Topic {
        name: "Digital Preservation Interest Group",
        skills: &[
            "Digital preservation", "Manage digital archives", "Public records legislation",
            "Metadata management",
        ],
        about: "Keeping digital records usable for decades: formats, fixity, transfer to the archive and preservation metadata.",
    },
    Topic {
        name: "Data Governance Forum",
        skills: &[
            "Data governance", "Metadata management", "Data standards",
            "Information asset registers",
        ],
        about: "Data owners and stewards agreeing standards, definitions and who is accountable for which data.",
    },
    Topic {
        name: "Accessibility Champions",
        skills: &[
            "Accessibility", "Designing for everyone", "ICT accessibility standards",
            "Test system accessibility for users with special needs",
        ],
        about: "Making services and documents work for everyone: audits, assistive technology testing and fixes.",
    },
    Topic {
        name: "Business Continuity Network",
        skills: &[
            "Business continuity planning", "Continuity management", "Crisis communications",
            "Manage disaster recovery plans",
        ],
        about: "Plan owners who exercise continuity and disaster recovery plans together across offices and time zones.",
    },
];

/// How communities run, one per description.
#[rustfmt::skip]
pub(crate) const HABITS: &[&str] = &[
    "We meet online once a month, alternating the time so that Sydney and Hong Kong colleagues can join.",
    "Questions go in the community channel and usually get an answer within a day.",
    "Members take turns to present a piece of recent work, warts and all.",
    "New members are welcome at any level of experience.",
    "We keep a shared library of templates, examples and decisions.",
    "Once a quarter we run a clinic where anyone can bring a live problem.",
];
