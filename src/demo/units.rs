//! Org units of the demo public body.
//!
//! Every skill name here must exist in `data/taxonomy/skills.jsonl`; a unit test
//! checks it.

/// An org unit with its job titles, the skills its people know, and the things
/// its documents are about.
pub(crate) struct Unit {
    pub name: &'static str,
    pub weight: f64,
    pub head_title: &'static str,
    /// Titles for managers between the head and team leads (large units only).
    pub manager_title: &'static str,
    pub lead_titles: &'static [&'static str],
    pub staff_titles: &'static [&'static str],
    /// Skill names, most common first: people's focus is drawn from here.
    pub pool: &'static [&'static str],
    /// What the unit's work is about, used in evidence titles and text.
    pub objects: &'static [&'static str],
}

#[rustfmt::skip]
pub(crate) const UNITS: &[Unit] = &[
    Unit {
        name: "Information Governance",
        weight: 0.06,
        head_title: "Head of Information Governance",
        manager_title: "Information Governance Manager",
        lead_titles: &[
            "Records Management Lead", "Data Protection Lead", "Information Rights Lead",
        ],
        staff_titles: &[
            "Records Manager", "Information Governance Officer", "Data Protection Adviser",
            "Information Rights Officer", "FOI Officer", "Records Officer", "Digital Archivist",
        ],
        pool: &[
            "Records retention", "GDPR", "Freedom of Information requests", "Retention schedules",
            "Subject access requests", "Records management", "Data protection impact assessments",
            "EDRM", "Data sharing agreements", "Information asset registers",
            "Personal data breach management", "Records disposal", "File plans",
            "Environmental Information Regulations", "Digital preservation", "Privacy notices",
            "Lawful basis for processing", "Records of processing activities",
            "Public records legislation", "Metadata management", "Manage digital archives",
        ],
        objects: &[
            "HR case files", "planning application files", "complaints records", "finance ledgers",
            "the shared drives", "board papers", "contract files", "email archives", "CCTV footage",
            "legacy paper records", "grant files", "case management system data",
        ],
    },
    Unit {
        name: "Digital Services",
        weight: 0.14,
        head_title: "Head of Digital Services",
        manager_title: "Digital Delivery Manager",
        lead_titles: &[
            "Lead Software Developer", "Lead Delivery Manager", "Principal Product Manager",
            "Lead Technical Architect",
        ],
        staff_titles: &[
            "Software Developer", "Senior Software Developer", "Frontend Developer",
            "DevOps Engineer", "Delivery Manager", "Product Manager", "Business Analyst",
            "Test Engineer", "User Researcher", "Content Designer", "Interaction Designer",
            "Technical Architect",
        ],
        pool: &[
            "Programming and build (software engineering)", "Agile working",
            "User research methods", "Cloud technologies", "Python (computer programming)",
            "JavaScript", "Accessibility", "Product management",
            "Requirements definition and management", "DevOps", "User-centred content design",
            "Prototyping", "Test engineering", "TypeScript", "Java (computer programming)",
            "Design cloud architecture", "Modern development standards", "Systems design",
            "Agile and Lean practices", "Conduct ICT code review", "Iterative design",
            "Design application interfaces", "Web programming", "Maintaining delivery momentum",
            "Plan migration to cloud",
        ],
        objects: &[
            "the online licensing service", "the grants application portal", "the staff intranet",
            "the case management system", "the appointment booking service", "the public website",
            "the complaints form", "the payments integration", "the identity verification journey",
            "the API gateway", "the document upload service", "the notifications platform",
        ],
    },
    Unit {
        name: "Data and Analytics",
        weight: 0.08,
        head_title: "Head of Data and Analytics",
        manager_title: "Analytics Manager",
        lead_titles: &["Lead Data Engineer", "Lead Data Scientist", "Principal Analyst"],
        staff_titles: &[
            "Data Analyst", "Senior Data Analyst", "Data Engineer", "Data Scientist",
            "Statistician", "Performance Analyst", "Analytics Engineer", "Data Governance Manager",
        ],
        pool: &[
            "Data analysis and synthesis", "SQL", "Python (computer programming)",
            "Data visualisation", "Data engineering", "Data modelling", "Data governance",
            "Machine learning", "R", "Applied maths, statistics and scientific practices",
            "Business intelligence", "Metadata management", "Data standards",
            "Data ethics and privacy", "Communicating analysis and insight",
            "Developing code for analysis", "Quality assurance of data and analysis",
            "Perform data cleansing", "Implement data warehousing techniques",
            "Data integration design",
        ],
        objects: &[
            "workforce data", "complaints trends", "service demand",
            "the annual statistics release", "customer satisfaction survey results",
            "grant outcomes", "call volumes", "the data warehouse", "address matching",
            "the performance dashboard", "open data publications", "the reference data catalogue",
        ],
    },
    Unit {
        name: "Cyber Security",
        weight: 0.05,
        head_title: "Head of Cyber Security",
        manager_title: "Cyber Security Manager",
        lead_titles: &["Security Operations Lead", "Lead Security Architect"],
        staff_titles: &[
            "Security Analyst", "Security Architect", "Information Security Officer",
            "Penetration Tester", "Security Engineer", "Cyber Risk Analyst",
        ],
        pool: &[
            "Information security", "Cyber security", "Cyber incident management",
            "Cyber risk management", "Security architecture", "Information security management",
            "Perform ICT security testing", "Cyber Essentials", "Designing secure systems",
            "Cyber security governance", "Identify ICT security risks",
            "Conduct threat intelligence", "Security technology", "Changing security culture",
            "Implement a firewall", "ICT encryption", "Ethical hacking principles",
            "Strategic cyber security planning",
            "Understanding security implications of transformation",
        ],
        objects: &[
            "the remote access service", "phishing campaigns", "third-party suppliers",
            "the cloud tenancy", "laptops and mobile devices", "the public website",
            "privileged accounts", "the network perimeter", "backup and recovery",
            "the security awareness programme",
        ],
    },
    Unit {
        name: "Technology Operations",
        weight: 0.10,
        head_title: "Head of Technology Operations",
        manager_title: "IT Service Manager",
        lead_titles: &["Service Desk Manager", "Infrastructure Lead", "End User Computing Lead"],
        staff_titles: &[
            "Service Desk Analyst", "Infrastructure Engineer", "End User Computing Engineer",
            "Network Engineer", "IT Service Manager", "Incident Manager", "Database Administrator",
        ],
        pool: &[
            "Incident management", "Service support", "IT infrastructure", "Problem management",
            "Troubleshooting and problem resolution", "Asset and configuration management",
            "Apply operations for an ITIL-based environment", "Operating systems",
            "Availability and capacity management", "Continuity management",
            "Service management framework knowledge", "Manage ICT virtualisation environments",
            "Perform backups", "Mobile device management", "Network management system tools",
            "Manage changes in ICT system", "Database management systems",
            "Use ICT ticketing system",
        ],
        objects: &[
            "the service desk", "the Windows 11 rollout", "the laptop refresh",
            "the Microsoft 365 tenancy", "the data centre exit", "VPN capacity",
            "the printer estate", "the telephony migration", "monthly patching",
            "the major incident process",
        ],
    },
    Unit {
        name: "Human Resources",
        weight: 0.07,
        head_title: "Head of Human Resources",
        manager_title: "HR Manager",
        lead_titles: &["HR Business Partner Lead", "Employee Relations Lead", "Recruitment Lead"],
        staff_titles: &[
            "HR Business Partner", "HR Adviser", "HR Officer", "Recruitment Officer",
            "Learning and Development Adviser", "Pay and Reward Adviser",
            "Workforce Planning Analyst", "Employee Relations Adviser",
        ],
        pool: &[
            "Recruitment", "Absence management", "Disciplinary procedures", "Employee relations",
            "Workforce planning", "Pay and grading", "Learning and development",
            "Grievance procedures", "TUPE transfers", "Performance management",
            "Equality, diversity and inclusion", "Employment law", "Human resources management",
        ],
        objects: &[
            "the attendance policy", "the hybrid working policy", "the graduate scheme",
            "the annual pay remit", "the office relocation",
            "the outsourcing of facilities services", "new starter induction", "the staff survey",
            "the apprenticeship programme", "the grading review",
        ],
    },
    Unit {
        name: "Finance",
        weight: 0.07,
        head_title: "Head of Finance",
        manager_title: "Finance Manager",
        lead_titles: &["Financial Accounting Lead", "Management Accounts Lead"],
        staff_titles: &[
            "Management Accountant", "Finance Business Partner", "Financial Accountant",
            "Finance Officer", "Accounts Payable Officer", "Grants Finance Officer",
            "Budget Analyst",
        ],
        pool: &[
            "Budget management", "Financial forecasting", "Financial reporting", "Business cases",
            "Accounts payable", "Grant management", "Managing Public Money", "Financial management",
            "Internal controls", "Creating value for money", "Public sector finance",
            "Financial decision making for technology", "Use spreadsheets software",
        ],
        objects: &[
            "the annual budget", "the year-end accounts", "the capital programme",
            "the grants scheme", "the month 6 forecast", "the IT investment case",
            "supplier payments", "the spending review bid", "the fixed asset register",
            "travel and subsistence claims",
        ],
    },
    Unit {
        name: "Procurement and Commercial",
        weight: 0.05,
        head_title: "Head of Procurement and Commercial",
        manager_title: "Commercial Manager",
        lead_titles: &["Category Manager Lead", "Commercial Lead"],
        staff_titles: &[
            "Procurement Officer", "Category Manager", "Contract Manager", "Commercial Manager",
            "Procurement Adviser", "Supplier Relationship Manager",
        ],
        pool: &[
            "Contract management", "Public Contracts Regulations", "Tender evaluation",
            "Procurement frameworks", "Specification writing", "Supplier relationship management",
            "Public procurement", "Commercial management", "Social value in procurement",
            "Use e-procurement", "Commercial perspective", "Contract law",
        ],
        objects: &[
            "the cleaning services contract", "the cloud hosting call-off",
            "the legal services panel", "the fleet leasing contract",
            "the IT managed service re-tender", "the catering contract",
            "the print and post contract", "software licences", "the security guarding contract",
            "the consultancy framework",
        ],
    },
    Unit {
        name: "Legal Services",
        weight: 0.04,
        head_title: "Head of Legal Services",
        manager_title: "Principal Solicitor",
        lead_titles: &["Principal Solicitor", "Senior Legal Adviser"],
        staff_titles: &[
            "Solicitor", "Senior Solicitor", "Legal Adviser", "Paralegal", "Legal Officer",
        ],
        pool: &[
            "Legal advice", "Contract law", "Employment law", "Information law", "Judicial review",
            "Litigation management", "Legislative drafting", "Public Contracts Regulations", "GDPR",
            "TUPE transfers",
        ],
        objects: &[
            "the licensing regulations", "an employment tribunal claim",
            "the data sharing agreement with the police", "the software licence terms",
            "the consultation on fees", "a pre-action letter", "the lease renewal",
            "the FOI appeal to the tribunal", "the outsourcing contract",
            "the statutory instrument on charges",
        ],
    },
    Unit {
        name: "Policy",
        weight: 0.06,
        head_title: "Head of Policy",
        manager_title: "Policy Manager",
        lead_titles: &["Senior Policy Adviser", "Policy Lead"],
        staff_titles: &[
            "Policy Adviser", "Policy Officer", "Research Officer", "Economist", "Strategy Analyst",
        ],
        pool: &[
            "Policy development", "Stakeholder engagement", "Public consultation",
            "Ministerial briefing", "Equality impact assessments", "Regulatory impact assessments",
            "Analysis", "Evaluation planning and strategy", "Applied social sciences",
            "Business cases", "Plain English writing", "Strategic thinking", "Evaluation delivery",
        ],
        objects: &[
            "the fees and charges review", "the digital inclusion strategy",
            "the draft corporate plan", "the licensing reform consultation",
            "the net zero action plan", "the customer charter", "the rural services review",
            "the accessibility strategy", "the data strategy", "the funding formula",
        ],
    },
    Unit {
        name: "Communications",
        weight: 0.04,
        head_title: "Head of Communications",
        manager_title: "Communications Manager",
        lead_titles: &["Digital Communications Lead", "Press Office Lead"],
        staff_titles: &[
            "Communications Officer", "Press Officer", "Digital Content Officer",
            "Internal Communications Manager", "Social Media Officer", "Web Editor",
        ],
        pool: &[
            "Internal communications", "Media relations", "Plain English writing",
            "Social media management", "Crisis communications", "Corporate communications",
            "User-centred content design", "Manage online content", "Web analytics",
            "Stakeholder engagement", "Use content management system software",
        ],
        objects: &[
            "the annual report launch", "the winter service campaign", "the staff conference",
            "the new website", "the cyber incident", "the office move", "the consultation launch",
            "the recruitment campaign", "the ministerial visit", "the awards submission",
        ],
    },
    Unit {
        name: "Estates and Facilities",
        weight: 0.04,
        head_title: "Head of Estates",
        manager_title: "Estates Manager",
        lead_titles: &["Facilities Manager", "Health and Safety Manager"],
        staff_titles: &[
            "Estates Surveyor", "Facilities Officer", "Health and Safety Adviser",
            "Building Services Engineer", "Space Planner", "Sustainability Officer",
        ],
        pool: &[
            "Facilities management", "Health and safety compliance", "Building maintenance",
            "Fire safety management", "Space planning", "Estates management",
            "Net zero and sustainability", "Building information modelling",
            "Use computerised maintenance management systems", "Business continuity planning",
        ],
        objects: &[
            "the office refurbishment", "the lease break", "the fire risk assessment programme",
            "the heating replacement", "the desk booking pilot", "reception services",
            "the EV charging points", "the asbestos register", "the building management system",
            "the new office fit-out",
        ],
    },
    Unit {
        name: "Customer Services",
        weight: 0.17,
        head_title: "Head of Customer Services",
        manager_title: "Customer Services Manager",
        lead_titles: &["Contact Centre Team Leader", "Complaints Manager", "Casework Team Leader"],
        staff_titles: &[
            "Customer Service Adviser", "Senior Customer Service Adviser", "Complaints Officer",
            "Case Officer", "Customer Insight Analyst", "Casework Officer",
        ],
        pool: &[
            "Case management", "Complaints handling", "Contact centre operations",
            "Customer services", "Customer insight", "Customer service management",
            "Plain English writing", "Use ICT ticketing system", "Service focus",
        ],
        objects: &[
            "the contact centre", "web chat", "the complaints backlog",
            "the renewal reminder letters", "the stage 2 complaint process", "phone wait times",
            "the customer satisfaction survey", "the adviser knowledge base",
            "the out-of-hours service", "support for vulnerable customers",
        ],
    },
    Unit {
        name: "Internal Audit and Risk",
        weight: 0.03,
        head_title: "Head of Internal Audit",
        manager_title: "Audit Manager",
        lead_titles: &["Audit Manager", "Counter Fraud Lead"],
        staff_titles: &[
            "Internal Auditor", "Senior Internal Auditor", "Risk Officer",
            "Counter Fraud Investigator", "IT Auditor",
        ],
        pool: &[
            "Internal audit", "Risk management", "Internal controls", "Counter fraud",
            "Audit planning", "Governance and assurance", "Business continuity planning",
            "Execute ICT audits", "Audit techniques", "Cyber risk management",
        ],
        objects: &[
            "the grants scheme", "payroll controls", "the corporate risk register",
            "procurement card spend", "the IT disaster recovery plan",
            "supplier bank detail changes", "the information governance framework",
            "the expenses process", "the capital programme", "contract management arrangements",
        ],
    },
];

/// Skills almost anyone may list as a minor skill, whatever their unit.
#[rustfmt::skip]
pub(crate) const GENERAL_SKILLS: &[&str] = &[
    "Use microsoft office", "Use spreadsheets software", "Plain English writing",
    "Stakeholder engagement", "Agile working", "Data protection", "Risk management",
    "Use presentation software", "Collaborate through digital technologies",
    "Equality, diversity and inclusion", "Business continuity planning",
    "Health and safety compliance", "Performance management", "Records management",
    "Cyber security", "Customer services", "Recruitment", "Budget management",
];
