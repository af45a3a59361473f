#!/usr/bin/env python3
"""Convert the public skill taxonomies into Tacit's data/taxonomy/skills.jsonl.

Sources (see NOTICE and ../shared/data/taxonomies/NOTICE.md):
  * UK Government Digital and Data Profession Capability Framework (OGL v3.0):
    all 188 skills, grouped under one broader skill per DDaT job family;
  * ESCO v1.2.0 digital skills collection (European Commission): a curated subset
    relevant to a public body, with broader skills taken from the collection itself
    or from the ESCO skills hierarchy;
  * hand-written public-sector skills (records, data protection, procurement, HR,
    finance, audit, legal, policy, communications, estates, customer services).

Output follows FORMATS.md (`id`, `name`, `aliases`, `description`, `broader`,
`related`). Names are unique case-insensitively after Unicode normalisation and
whitespace folding; the first occurrence wins, in the order DDaT families, DDaT
skills, hand-written skills, ESCO skills, ESCO hierarchy groups.

Usage: scripts/convert-taxonomies.py [TAXONOMY_DIR] [-o OUTPUT]
Python 3.11, standard library only. The output is deterministic.
"""

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "taxonomies"
DEFAULT_OUTPUT = ROOT / "data" / "taxonomy" / "skills.jsonl"

DDAT_FILE = "uk-ddat-capability-framework-skills.csv"
ESCO_FILE = "esco-1.2.0-digital-skills-collection.csv"
ESCO_HIERARCHY_FILE = "esco-1.2.0-skills-hierarchy.csv"

# --- hand-written public-sector skills --------------------------------------------

# (name, broader, aliases, related, description)
PUBLIC_SECTOR_SKILLS = [
    # --- Information governance and records ---------------------------------
    ("Information governance", None, ["IG"],
     ["Data governance", "Information security"],
     "The policies, roles and controls through which a public body manages the "
     "information it holds: how it is created, classified, shared, kept, disclosed "
     "and destroyed, and how compliance with information law is assured and reported "
     "to the senior information risk owner."),
    ("Records management", "Information governance",
     ["Records and information management", "RIM", "Record keeping"],
     ["Manage digital documents", "Manage digital archives"],
     "Controlling the creation, capture, classification, storage, retrieval and "
     "disposal of an organisation's records so that they remain authentic, reliable "
     "and usable as evidence of its business for as long as they are needed."),
    ("Records retention", "Records management",
     ["Retention of records", "Retention periods", "Record retention periods"],
     ["Retention schedules", "Records disposal", "GDPR"],
     "Deciding and applying how long each class of record must be kept, based on "
     "legal, regulatory, audit and business requirements, and holding records no "
     "longer than necessary, particularly where they contain personal data."),
    ("Retention schedules", "Records management",
     ["Retention schedule", "Disposal schedules", "Retention and disposal schedule"],
     ["Records retention", "File plans"],
     "Drafting, agreeing and maintaining the schedule that lists every record series, "
     "its retention period, the trigger that starts it and the action at the end of it "
     "(destroy, review or transfer to the archive), and getting it approved by the "
     "business owners and the archive."),
    ("EDRM", "Records management",
     ["Electronic document and records management", "EDRMS",
      "Electronic records management system"],
     ["Use content management system software", "File plans"],
     "Configuring and running an electronic document and records management system: "
     "file plans, metadata, access controls, declaration of records, version control, "
     "retention rules and audit trails, and helping staff move from shared drives."),
    ("Information asset registers", "Information governance",
     ["IAR", "Information asset register", "Information asset owners"],
     ["Records of processing activities", "Data governance"],
     "Maintaining the register of the organisation's information assets, with their "
     "owners, location, sensitivity, legal basis and risks, and supporting information "
     "asset owners in their annual assurance returns."),
    ("Freedom of Information requests", "Information governance",
     ["FOI", "FOIA", "FOI requests", "Freedom of Information Act 2000"],
     ["Environmental Information Regulations", "Subject access requests"],
     "Handling requests under the Freedom of Information Act 2000 within the 20 working "
     "day limit: searching for information, applying exemptions and the public interest "
     "test, redacting, responding, and handling internal reviews and complaints to the "
     "Information Commissioner."),
    ("Environmental Information Regulations", "Information governance",
     ["EIR", "EIRs", "Environmental Information Regulations 2004"],
     ["Freedom of Information requests"],
     "Handling requests for environmental information under the Environmental "
     "Information Regulations 2004, including the exceptions, the presumption in "
     "favour of disclosure and the differences from the FOI regime."),
    ("Digital preservation", "Records management",
     ["Long-term digital preservation", "Digital archiving"],
     ["Manage digital archives", "Digital curation"],
     "Keeping digital records readable, authentic and usable over decades: file format "
     "policies, fixity checks, migration and normalisation, preservation metadata and "
     "transfer of records of enduring value to the public archive."),
    ("File plans", "Records management",
     ["File plan", "Business classification scheme", "BCS"],
     ["EDRM", "Retention schedules"],
     "Designing the business classification scheme that organises records by function "
     "and activity rather than by team, so that retention, access and disposal rules "
     "can be applied consistently."),
    ("Records disposal", "Records management",
     ["Records destruction", "Secure destruction", "Disposal of records"],
     ["Retention schedules", "Records retention"],
     "Carrying out and documenting the review, destruction or transfer of records at "
     "the end of their retention period, including legal holds, certificates of "
     "destruction and disposal logs."),
    ("Public records legislation", "Records management",
     ["Public Records Act", "Public Records Act (Northern Ireland) 1923",
      "Public Records (Scotland) Act 2011"],
     ["Records retention", "Digital preservation"],
     "The statutory duties of public bodies to manage, select and transfer public "
     "records, including records management plans and the role of the national "
     "archives in each UK jurisdiction."),

    # --- Data protection -----------------------------------------------------
    ("Data protection", "Information governance",
     ["Data Protection Act 2018", "DPA 2018", "Personal data protection"],
     ["Data ethics and privacy", "Protect personal data and privacy"],
     "Applying data protection law to the organisation's processing of personal data: "
     "the principles, lawful bases, rights of individuals, accountability, international "
     "transfers and the role of the data protection officer."),
    ("GDPR", "Data protection",
     ["General Data Protection Regulation", "UK GDPR", "EU GDPR"],
     ["Records retention", "Data protection impact assessments", "Subject access requests"],
     "The UK General Data Protection Regulation as it applies alongside the Data "
     "Protection Act 2018: principles such as storage limitation and data minimisation, "
     "lawful bases, special category data, data subject rights and breach reporting."),
    ("Data protection impact assessments", "Data protection",
     ["DPIA", "DPIAs", "Privacy impact assessments", "PIA"],
     ["GDPR", "Data sharing agreements", "Understanding security implications of transformation"],
     "Screening projects and systems for high-risk processing of personal data, "
     "writing and reviewing the DPIA, identifying mitigations, consulting the data "
     "protection officer and, where needed, the Information Commissioner."),
    ("Data sharing agreements", "Data protection",
     ["DSA", "Information sharing agreements", "Data sharing protocols"],
     ["Data protection impact assessments", "Lawful basis for processing"],
     "Setting up lawful, proportionate data sharing with other bodies: purpose, legal "
     "gateway, data items, security, retention, rights of individuals and review, "
     "following the ICO data sharing code of practice."),
    ("Subject access requests", "Data protection",
     ["SAR", "SARs", "DSAR", "Data subject access requests", "Right of access"],
     ["Freedom of Information requests", "GDPR"],
     "Handling requests from individuals for a copy of their personal data within one "
     "month: identity checks, searching systems and email, third-party redaction, "
     "exemptions and a clear covering response."),
    ("Personal data breach management", "Data protection",
     ["Data breach reporting", "Personal data breaches", "ICO breach reporting"],
     ["Cyber incident management", "GDPR"],
     "Containing, assessing and recording personal data breaches, deciding within 72 "
     "hours whether to notify the Information Commissioner and the people affected, "
     "and following up with lessons learned."),
    ("Privacy notices", "Data protection",
     ["Fair processing notices", "Transparency information"],
     ["GDPR", "Plain English writing"],
     "Writing clear, layered privacy information that tells people what personal data "
     "is collected, why, on what lawful basis, who it is shared with, how long it is "
     "kept and how to exercise their rights."),
    ("Lawful basis for processing", "Data protection",
     ["Article 6 lawful basis", "Legitimate interests assessments", "Public task"],
     ["GDPR", "Data sharing agreements"],
     "Identifying and documenting the lawful basis and, where relevant, the special "
     "category condition for each processing activity, including public task and the "
     "limits of consent for public bodies."),
    ("Records of processing activities", "Data protection",
     ["ROPA", "RoPA", "Article 30 records"],
     ["Information asset registers", "GDPR"],
     "Maintaining the Article 30 record of what personal data the organisation "
     "processes, for what purposes, under which lawful bases, with whom it is shared "
     "and how long it is kept."),

    # --- Procurement and commercial -------------------------------------------
    ("Public procurement", None,
     ["Procurement", "Purchasing"],
     ["Commercial management", "Use e-procurement"],
     "Buying goods, works and services for a public body in a way that is lawful, "
     "transparent and delivers value for money, from pre-market engagement and "
     "specification through to award and contract management."),
    ("Procurement frameworks", "Public procurement",
     ["Framework agreements", "CCS frameworks", "Crown Commercial Service frameworks", "G-Cloud"],
     ["Public Contracts Regulations", "Tender evaluation"],
     "Choosing and using framework agreements and dynamic purchasing systems, running "
     "direct awards and mini-competitions, and setting up the organisation's own "
     "frameworks where volumes justify it."),
    ("Public Contracts Regulations", "Public procurement",
     ["PCR 2015", "Public Contracts Regulations 2015", "Procurement Act 2023"],
     ["Procurement frameworks", "Contract law"],
     "The legal rules for public procurement: thresholds, procedures, award criteria, "
     "standstill periods, modifications and remedies, and the transition from the "
     "Public Contracts Regulations 2015 to the Procurement Act 2023."),
    ("Tender evaluation", "Public procurement",
     ["Bid evaluation", "Evaluation of tenders", "Most economically advantageous tender", "MEAT"],
     ["Specification writing", "Social value in procurement"],
     "Designing award criteria and weightings, moderating evaluation panels, scoring "
     "quality and price, recording the reasons for scores and writing feedback that "
     "will stand up to challenge."),
    ("Contract management", "Public procurement",
     ["Contract administration", "Contract monitoring"],
     ["Supplier relationship management", "Commercial management"],
     "Managing contracts after award: performance monitoring against KPIs, change "
     "control, payment and service credits, risk and issue management, and planning "
     "the exit or re-procurement in good time."),
    ("Supplier relationship management", "Public procurement",
     ["SRM", "Supplier management"],
     ["Contract management", "Stakeholder relationship management"],
     "Building productive relationships with strategic suppliers through regular "
     "reviews, joint improvement plans, escalation routes and supply chain risk "
     "assessment."),
    ("Social value in procurement", "Public procurement",
     ["Social value", "Social Value Model"],
     ["Tender evaluation", "Net zero and sustainability"],
     "Using procurement to deliver wider social, economic and environmental benefits, "
     "applying the Social Value Model in evaluation and tracking suppliers' "
     "commitments through the life of the contract."),
    ("Specification writing", "Public procurement",
     ["Statements of requirements", "Writing specifications"],
     ["Requirements definition and management", "Tender evaluation"],
     "Writing outcome-based specifications and statements of requirements that "
     "suppliers can price, that do not favour one supplier, and that can be measured "
     "once the contract is live."),

    # --- Human resources ----------------------------------------------------------
    ("Human resources management", None,
     ["HR", "Human resources", "People management"],
     ["Workforce planning", "Employment law"],
     "Managing the employment relationship across the staff life cycle: recruitment, "
     "terms and conditions, pay, performance, attendance, employee relations, learning "
     "and leaving, within employment law and the organisation's policies."),
    ("Absence management", "Human resources management",
     ["Sickness absence", "Attendance management", "Managing attendance"],
     ["Employment law", "Health and safety compliance"],
     "Applying the attendance policy: recording absence, return-to-work meetings, "
     "trigger points, occupational health referrals, reasonable adjustments and "
     "long-term sickness cases."),
    ("Disciplinary procedures", "Human resources management",
     ["Disciplinary policy", "Conduct cases", "Disciplinary hearings"],
     ["Grievance procedures", "Employment law"],
     "Running fair disciplinary processes in line with the Acas code: investigation, "
     "suspension, hearings, the right to be accompanied, outcomes and appeals, with "
     "records that would stand up at an employment tribunal."),
    ("Grievance procedures", "Human resources management",
     ["Grievances", "Grievance policy"],
     ["Disciplinary procedures", "Employee relations"],
     "Handling staff grievances informally where possible and formally where needed: "
     "investigation, meetings, outcomes, appeals and mediation."),
    ("TUPE transfers", "Human resources management",
     ["TUPE", "Transfer of Undertakings (Protection of Employment) Regulations 2006",
      "Staff transfers"],
     ["Employment law", "Contract management"],
     "Managing the transfer of staff when services are outsourced, insourced or "
     "moved between suppliers: employee liability information, information and "
     "consultation duties, measures letters and pension protection."),
    ("Pay and grading", "Human resources management",
     ["Job evaluation", "Pay scales", "Grading structures"],
     ["Budget management", "Equality, diversity and inclusion"],
     "Evaluating jobs, maintaining the grading structure and pay scales, handling "
     "pay remits and equal pay audits, and advising managers on starting salaries "
     "and allowances."),
    ("Workforce planning", "Human resources management",
     ["Strategic workforce planning", "Succession planning"],
     ["Recruitment", "Capability building for digital, data and technology"],
     "Forecasting the skills and numbers of staff the organisation will need, "
     "analysing gaps, turnover and retirement risk, and planning recruitment, "
     "development and succession to close them."),
    ("Recruitment", "Human resources management",
     ["Recruitment and selection", "Hiring", "Talent acquisition"],
     ["Workforce planning", "Equality, diversity and inclusion"],
     "Running fair and open recruitment: job descriptions, success profiles, "
     "advertising, sifting, interview panels, pre-employment checks and offers."),
    ("Employee relations", "Human resources management",
     ["Industrial relations", "Trade union consultation"],
     ["Grievance procedures", "TUPE transfers"],
     "Working with recognised trade unions and staff representatives: consultation "
     "on change, collective agreements, facility time and dispute resolution."),
    ("Learning and development", "Human resources management",
     ["L&D", "Training needs analysis", "Staff development"],
     ["Workforce planning", "Capability building for digital, data and technology"],
     "Identifying training needs, designing and commissioning learning, running "
     "induction and mandatory training, and evaluating whether it changed how people "
     "work."),
    ("Performance management", "Human resources management",
     ["Appraisals", "Performance reviews"],
     ["Disciplinary procedures", "Learning and development"],
     "Setting objectives, holding regular performance conversations, handling "
     "under-performance fairly and recognising good work."),
    ("Equality, diversity and inclusion", "Human resources management",
     ["EDI", "Diversity and inclusion", "Equality Act 2010"],
     ["Equality impact assessments", "Recruitment"],
     "Meeting the public sector equality duty and building an inclusive workplace: "
     "workforce monitoring, reasonable adjustments, staff networks and inclusive "
     "policies and practice."),

    # --- Finance ---------------------------------------------------------------
    ("Public sector finance", None,
     ["Public finance", "Public sector accounting"],
     ["Financial management", "Creating value for money"],
     "Managing public money within the rules set by the Treasury and the sponsoring "
     "department: budgets, accounts, controls, value for money and accountability to "
     "Parliament or the Assembly."),
    ("Budget management", "Public sector finance",
     ["Budgeting", "Budget setting", "Budget monitoring"],
     ["Financial forecasting", "Financial management"],
     "Setting, monitoring and reporting budgets: profiling, variance analysis, "
     "virements, pressures and easements, and supporting budget holders to manage "
     "within their delegations."),
    ("Financial forecasting", "Public sector finance",
     ["Forecasting", "Outturn forecasting"],
     ["Budget management"],
     "Producing monthly forecasts of outturn against budget, explaining movements, "
     "and modelling the financial effect of policy and operational decisions."),
    ("Business cases", "Public sector finance",
     ["Green Book", "HM Treasury Green Book", "Five case model"],
     ["Creating value for money", "Financial decision making for technology"],
     "Writing and reviewing business cases using the Treasury Green Book five case "
     "model: strategic, economic, commercial, financial and management cases, with "
     "option appraisal and benefits realisation."),
    ("Grant management", "Public sector finance",
     ["Grants administration", "Grant funding"],
     ["Counter fraud", "Managing Public Money"],
     "Designing and administering grant schemes: eligibility, award, funding "
     "agreements, monitoring, payment on evidence, clawback and the government "
     "functional standard for grants."),
    ("Financial reporting", "Public sector finance",
     ["Annual accounts", "Statutory accounts", "IFRS"],
     ["Internal audit", "Budget management"],
     "Preparing annual report and accounts under the Government Financial Reporting "
     "Manual, managing the year-end close and working with external auditors."),
    ("Managing Public Money", "Public sector finance",
     ["MPM", "Regularity and propriety"],
     ["Business cases", "Grant management"],
     "Applying the rules in Managing Public Money on regularity, propriety, value for "
     "money and feasibility, delegated authorities, novel and contentious spend and "
     "losses and special payments."),
    ("Accounts payable", "Public sector finance",
     ["Purchase to pay", "P2P", "Invoice processing"],
     ["Counter fraud", "Contract management"],
     "Running the purchase-to-pay process: purchase orders, goods receipt, invoice "
     "matching, prompt payment targets and supplier bank detail checks."),

    # --- Audit, risk and assurance -------------------------------------------
    ("Internal audit", None,
     ["Audit", "Public Sector Internal Audit Standards", "PSIAS"],
     ["Governance and assurance", "Risk management"],
     "Providing independent assurance on governance, risk management and internal "
     "control: planning the annual audit programme, fieldwork, reporting, "
     "recommendations tracking and the head of internal audit opinion."),
    ("Risk management", "Internal audit",
     ["Corporate risk management", "Risk registers", "Risk appetite"],
     ["Cyber risk management", "Business continuity planning"],
     "Identifying, assessing and managing risks to objectives: risk registers, "
     "appetite statements, owners and controls, escalation, and reporting to the "
     "audit and risk assurance committee."),
    ("Counter fraud", "Internal audit",
     ["Counter-fraud", "Fraud prevention", "Fraud investigation"],
     ["Grant management", "Accounts payable"],
     "Preventing, detecting and investigating fraud and error: fraud risk "
     "assessments, data matching, whistleblowing referrals and investigations that "
     "can support recovery or prosecution."),
    ("Audit planning", "Internal audit",
     ["Annual audit plan", "Audit universe"],
     ["Risk management"],
     "Building a risk-based annual audit plan from the audit universe, agreeing it "
     "with the audit committee and adjusting it as risks change through the year."),
    ("Internal controls", "Internal audit",
     ["Internal control framework", "Control testing"],
     ["Financial reporting", "Risk management"],
     "Designing and testing controls such as segregation of duties, authorisation "
     "limits and reconciliations, and writing the governance statement evidence."),
    ("Business continuity planning", "Risk management",
     ["Business continuity", "BCP", "ISO 22301"],
     ["Continuity management", "Crisis communications"],
     "Analysing critical activities, writing business continuity plans, running "
     "exercises and keeping services running through disruption such as loss of "
     "buildings, systems, suppliers or staff."),

    # --- Legal -------------------------------------------------------------------
    ("Legal advice", None,
     ["Legal advisory", "Providing legal advice"],
     ["Information law", "Contract law"],
     "Giving accurate, practical legal advice to the organisation, assessing legal "
     "risk and explaining options in terms that policy and operational colleagues "
     "can act on."),
    ("Employment law", "Legal advice",
     ["Employment legislation", "Employment tribunals"],
     ["Disciplinary procedures", "TUPE transfers"],
     "The law governing employment: contracts, unfair dismissal, discrimination, "
     "working time, family leave, whistleblowing and tribunal claims."),
    ("Information law", "Legal advice",
     ["Information rights law", "Information rights"],
     ["GDPR", "Freedom of Information requests"],
     "Advising on data protection, freedom of information, environmental "
     "information, privacy and confidentiality, including appeals to the tribunal."),
    ("Contract law", "Legal advice",
     ["Contract drafting", "Commercial contracts"],
     ["Public Contracts Regulations", "Contract management"],
     "Drafting, negotiating and interpreting contracts, including liability, "
     "indemnities, intellectual property, data protection clauses and termination."),
    ("Judicial review", "Legal advice",
     ["Public law challenges", "Administrative law"],
     ["Policy development", "Public consultation"],
     "Advising on the lawfulness of public decisions, the duty to consult, "
     "rationality and procedural fairness, and handling pre-action correspondence "
     "and claims for judicial review."),
    ("Legislative drafting", "Legal advice",
     ["Drafting legislation", "Statutory instruments", "Secondary legislation"],
     ["Policy development"],
     "Turning policy into clear statutory text, especially secondary legislation, and "
     "preparing the explanatory memoranda that accompany it."),
    ("Litigation management", "Legal advice",
     ["Litigation", "Case preparation"],
     ["Records retention", "Contract law"],
     "Managing claims by and against the organisation: legal holds on records, "
     "disclosure, witness statements, settlement and instructing counsel."),

    # --- Policy ------------------------------------------------------------------
    ("Policy development", None,
     ["Policy making", "Policy analysis", "Policy design"],
     ["Stakeholder engagement", "Analysis"],
     "Developing public policy from evidence: framing the problem, option appraisal, "
     "stakeholder views, implementation planning and evaluation."),
    ("Public consultation", "Policy development",
     ["Consultations", "Consultation responses"],
     ["Judicial review", "Stakeholder engagement"],
     "Designing and running public consultations that meet the Gunning principles, "
     "analysing responses and publishing the government response."),
    ("Equality impact assessments", "Policy development",
     ["EqIA", "Equality screening", "Section 75 screening"],
     ["Equality, diversity and inclusion", "Data protection impact assessments"],
     "Assessing how a policy or service change affects people with protected "
     "characteristics, including Section 75 screening in Northern Ireland, and "
     "recording how the findings shaped the decision."),
    ("Ministerial briefing", "Policy development",
     ["Ministerial submissions", "Briefing papers", "Ministerial correspondence"],
     ["Plain English writing"],
     "Writing submissions, briefings and correspondence for ministers and senior "
     "officials that set out the issue, options and a clear recommendation on a page "
     "or two."),
    ("Regulatory impact assessments", "Policy development",
     ["RIA", "Impact assessments"],
     ["Business cases", "Evaluation planning and strategy"],
     "Estimating the costs and benefits of regulatory proposals to business, the "
     "public sector and citizens, in line with the Better Regulation framework."),
    ("Stakeholder engagement", "Policy development",
     ["Stakeholder management", "Stakeholder mapping"],
     ["Stakeholder relationship management", "Public consultation"],
     "Identifying who is affected by or influential over a piece of work and keeping "
     "them informed, consulted and involved in proportion to their stake."),

    # --- Communications -----------------------------------------------------------
    ("Corporate communications", None,
     ["Comms", "Communications"],
     ["Media relations", "Internal communications"],
     "Planning and delivering the organisation's communications to the public, "
     "partners and staff, in line with the Government Communication Service "
     "standards."),
    ("Internal communications", "Corporate communications",
     ["Staff communications", "Intranet content", "Employee engagement"],
     ["Use intranet", "Plain English writing"],
     "Keeping staff informed and engaged: intranet news, leadership messages, "
     "all-staff events, change communications and pulse surveys."),
    ("Media relations", "Corporate communications",
     ["Press office", "Press releases", "Media handling"],
     ["Crisis communications"],
     "Handling media enquiries, writing press releases and lines to take, preparing "
     "spokespeople and monitoring coverage."),
    ("Plain English writing", "Corporate communications",
     ["Plain language", "Clear writing", "Plain English"],
     ["User-centred content design", "Privacy notices"],
     "Writing so that the intended reader understands the text the first time: short "
     "sentences, everyday words, active voice and a clear structure."),
    ("Crisis communications", "Corporate communications",
     ["Emergency communications", "Incident communications"],
     ["Business continuity planning", "Media relations"],
     "Communicating quickly and accurately during incidents and emergencies, with "
     "pre-agreed roles, holding statements and coordination with partners."),
    ("Social media management", "Corporate communications",
     ["Social media", "Social media channels"],
     ["Media relations"],
     "Planning, publishing and moderating content on the organisation's social media "
     "channels, responding to the public and reporting on reach and engagement."),

    # --- Estates and facilities ----------------------------------------------------
    ("Estates management", None,
     ["Estates", "Property management"],
     ["Facilities management", "Space planning"],
     "Managing the organisation's land and buildings: leases, acquisitions and "
     "disposals, condition surveys, capital projects and the estates strategy."),
    ("Facilities management", "Estates management",
     ["FM", "Soft FM", "Hard FM"],
     ["Building maintenance", "Contract management"],
     "Running the services that keep buildings working: security, cleaning, "
     "catering, post rooms, reception and the contracts that provide them."),
    ("Health and safety compliance", "Estates management",
     ["Health and safety", "H&S", "Workplace safety"],
     ["Fire safety management", "Absence management"],
     "Meeting health and safety duties: risk assessments, display screen equipment "
     "assessments, accident reporting under RIDDOR, safety committees and training."),
    ("Fire safety management", "Estates management",
     ["Fire safety", "Fire risk assessments"],
     ["Health and safety compliance"],
     "Fire risk assessments, evacuation plans, personal emergency evacuation plans, "
     "fire wardens and drills, and maintenance of fire systems."),
    ("Space planning", "Estates management",
     ["Workplace planning", "Desk booking", "Hybrid workplace design"],
     ["Estates management"],
     "Planning how office space is used as working patterns change: occupancy "
     "studies, desk ratios, neighbourhoods and moves."),
    ("Building maintenance", "Estates management",
     ["Planned preventative maintenance", "PPM", "Reactive maintenance"],
     ["Use computerised maintenance management systems"],
     "Planning and managing planned and reactive maintenance of building fabric and "
     "services, statutory compliance testing and condition-based investment."),
    ("Net zero and sustainability", "Estates management",
     ["Net zero", "Carbon reduction", "Sustainability"],
     ["Social value in procurement"],
     "Reducing the carbon footprint of the estate, travel and supply chain, and "
     "reporting against the Greening Government Commitments."),

    # --- Customer services -----------------------------------------------------------
    ("Customer services", None,
     ["Customer service", "Public enquiries"],
     ["Customer service management", "Complaints handling"],
     "Helping members of the public by phone, email, web chat and in person, "
     "resolving their enquiries at first contact where possible."),
    ("Complaints handling", "Customer services",
     ["Complaints procedure", "Complaints", "Ombudsman complaints"],
     ["Case management", "Customer insight"],
     "Investigating and responding to complaints in line with the complaints "
     "procedure and ombudsman principles, putting things right and learning from "
     "them."),
    ("Contact centre operations", "Customer services",
     ["Call centre", "Contact centre management"],
     ["Customer services"],
     "Running a contact centre: demand forecasting, scheduling, call routing, quality "
     "monitoring, service levels and knowledge bases for advisers."),
    ("Case management", "Customer services",
     ["Casework", "Case handling"],
     ["Complaints handling"],
     "Managing individual cases from receipt to closure: triage, evidence, "
     "decisions, correspondence, deadlines and case records."),
    ("Customer insight", "Customer services",
     ["Customer feedback analysis", "Customer satisfaction surveys"],
     ["User research methods", "Complaints handling"],
     "Using satisfaction surveys, complaints, contact reasons and feedback to "
     "understand what customers need and where services fail them."),

    # --- Security specifics not covered by DDaT names -------------------------------
    ("Information security management", "Information security",
     ["ISO 27001", "ISMS", "Information security management system"],
     ["Cyber risk management", "Cyber security governance"],
     "Running an information security management system to ISO/IEC 27001: scope, "
     "risk treatment, statement of applicability, internal audit and certification."),
    ("Cyber Essentials", "Information security",
     ["Cyber Essentials Plus"],
     ["Information security management"],
     "Meeting and certifying against the Cyber Essentials scheme: firewalls, secure "
     "configuration, user access control, malware protection and patch management."),
]

# --- DDaT job families --------------------------------------------------------

# (broader skill name, description, roles in the family)
DDAT_FAMILIES = [
    ("Digital and data architecture",
     "Skills of the Architecture job family in the Government Digital and Data "
     "Profession Capability Framework: designing how business, data, applications, "
     "networks and security fit together so that services can change safely.",
     ["Business architect", "Data architect", "Enterprise architect", "Network architect",
      "Security architect", "Solution architect", "Technical architect"]),
    ("Digital and data leadership",
     "Skills of the Chief Digital and Data job family: setting the digital, data, "
     "technology and security strategy of an organisation and leading the people who "
     "deliver it.",
     ["Chief data officer", "Chief digital and information officer",
      "Chief information security officer", "Chief technology officer"]),
    ("Data and analytics",
     "Skills of the Data job family: collecting, engineering, governing, analysing "
     "and modelling data, and using it ethically to inform decisions.",
     ["Analytics engineer", "Data analyst", "Data engineer", "Data ethicist",
      "Data governance manager", "Data scientist", "Machine learning engineer",
      "Performance analyst"]),
    ("IT operations",
     "Skills of the IT Operations job family: running, supporting and improving live "
     "technology services, from the service desk to infrastructure, incidents and "
     "problems.",
     ["Application operations engineer", "Business relationship manager",
      "Command and control centre manager", "End user computing engineer",
      "Incident manager", "Infrastructure engineer", "Infrastructure operations engineer",
      "IT service manager", "Problem manager", "Service desk manager",
      "Service transition manager"]),
    ("Product and delivery",
     "Skills of the Product and Delivery job family: deciding what to build, "
     "delivering it in small iterations and running services that meet user needs.",
     ["Business analyst", "Delivery manager", "Digital portfolio manager",
      "Product manager", "Programme delivery manager", "Service owner",
      "Digital evaluator"]),
    ("Quality assurance testing",
     "Skills of the Quality Assurance Testing job family: planning, designing and "
     "running tests, including accessibility testing, so that services work for "
     "everyone.",
     ["Quality assurance test analyst", "Test engineer", "Test manager",
      "Accessibility specialist"]),
    ("Software development",
     "Skills of the Software Development job family: writing, reviewing, testing, "
     "deploying and operating code for digital services.",
     ["Development operations (DevOps) engineer", "Frontend developer",
      "Software developer"]),
    ("User-centred design",
     "Skills of the User-Centred Design job family: researching user needs and "
     "designing content, interactions and services that meet them.",
     ["Content designer", "Content strategist", "Graphic designer",
      "Interaction designer", "Service designer", "Technical writer", "User researcher"]),
]

# --- ESCO selection -------------------------------------------------------------

# An ESCO skill is kept when its label names something a public body's staff
# plausibly know (INCLUDE) or it is listed in ESCO_KEEP, and it is not in an
# irrelevant hierarchy group, label pattern or ESCO_DROP.
ESCO_INCLUDE = re.compile(
    r"\b(data|database|databases|sql|nosql|security|secure|cyber|cloud|ict|software|"
    r"program|programming|agile|scrum|lean|kanban|project|network|web|website|python|"
    r"java|javascript|typescript|r|scala|go|ruby|php|perl|kotlin|swift|statistic|"
    r"statistical|analytics|analyse|analysis|machine learning|artificial intelligence|"
    r"neural|privacy|gdpr|record|records|archive|archives|archival|document|documents|"
    r"documentation|information|risk|audit|itil|devops|test|testing|tests|user|"
    r"usability|accessibility|content management|e-procurement|procurement|"
    r"spreadsheets?|office software|microsoft office|word processing|presentation "
    r"software|encryption|firewall|malware|virus|threat|incident|backup|recovery|"
    r"operating systems|linux|unix|windows|servers?|virtual|virtualisation|digital|"
    r"interfaces?|visualisation|business intelligence|data warehouse|metadata|taxonomy|"
    r"ontology|semantic|search engine|e-services|intranet|collaborate|collaboration|"
    r"email|erp|customer relationship|support|troubleshoot|debug|code|architecture|"
    r"integration|migrate|migration|mobile|android|ios|identity|access control|"
    r"penetration|forensic|compliance|quality|requirements|systems?|algorithms?|models?|"
    r"modelling|prototype|wireframe|gis|geographic|open source|big data|hadoop|spark|"
    r"jenkins|ansible|puppet|chef|html|css|xml|json|markup|query|queries)\b",
    re.IGNORECASE,
)

ESCO_EXCLUDE = re.compile(
    r"(ship|vessel|maritime|gambl|betting|lotter|aeronautic|air navigation|airspace|"
    r"aircraft|flight|railway|rail |milk|agricultur|farm|livestock|crop|aquaculture|"
    r"feeding|fleet|(?<!data )warehous|audio|video|music|sound|photo|film|footage|animat|3d|game|"
    r"gaming|medical|patient|health record|e-health|nursing|hearing|radiotherap|"
    r"clinical|biomedical|car |cars|vehicle|automotive|driver|drive system|pipeline|"
    r"mine |mining|oil|well data|chromatograph|dating|touris|hotel|textile|garment|"
    r"footwear|clothing|broadcast|radar|antenna|navigation|weather|meteorolog|pest|"
    r"reservoir|print|typeset|shorthand|laborator|blood|body|domotic|mobility|"
    r"live performance|tote|astrolog|celestial|satellite|cnc|machine tool|circuit|"
    r"microelectronic|microsystem|electromechanical|electromagnetic|firmware|drone|"
    r"unmanned|robot|telecine|cadastral|gps|geolocation|freight|donor|rental|"
    r"pricing database|ecolog|geolog|pharmac|chassis|sensor|signal processing|"
    r"power electronic|energy|smart grid|crowdfund|cryptocurrenc|radio|"
    r"telecommunication|trunking|telephony|call-centre|wireless|mode s|media server|"
    r"multimedia|media integration|creative suite|illustrat|painting|sketch|colour|"
    r"image|visual effects|\bcad\b|cadd|\bcae\b|\bcam\b|learning management|e-learning|"
    r"scorm|teach|course|classroom|translation|linguist|speech|ventilation|food|"
    r"drilling|lathe|milling|punch|grinding|engraving|laser|mechanics|chemistry|"
    r"biology|fluid|quantum|supercomput|weigh in motion|atm systems|point of sale|"
    r"sales|marketing|advertis|commercial purposes|e-commerce|trading|banking|"
    r"journalis|report live|blockchain|distributed ledger|smart contract|"
    r"decentrali[sz]ed|biometric|voice picking|mailing|ground system|hybrid control|"
    r"production planning|production systems|virtual simulation|digital instruments|"
    r"property management software|museum|safety data|stress resistance|"
    r"virtual learning|educational)",
    re.IGNORECASE,
)

ESCO_DROP_GROUPS = {
    "learning management systems", "graphics editor software",
    "digital game creation systems", "audio-visual techniques and media production",
    "operating audio-visual equipment", "using digital tools to control machinery",
    "using computer aided design and drawing tools", "electronics and automation",
    "installing and repairing electrical, electronic and precision equipment",
    "installing wooden and metal components",
    "designing electrical or electronic systems or equipment",
    "medical diagnostic and treatment technology", "transport services",
    "operating communications equipment",
    "maintaining electrical, electronic and precision equipment",
    "designing industrial materials, systems or products",
    "creating visual displays and decorations", "creating artistic designs or performances",
    "operating print and photographic production equipment",
    "using digital tools for processing sound and images", "marketing and advertising",
    "promoting products, services, or programs", "wholesale and retail sales",
    "teaching and training", "operating scientific and laboratory equipment",
    "monitoring environmental conditions",
}

# Obscure, legacy-niche or vendor-specific tools a public body rarely needs.
ESCO_DROP = {
    "KDevelop", "Maltego", "Cain and Abel (penetration testing tool)", "Common Lisp",
    "Lisp", "Erlang", "APL", "Prolog (computer programming)", "Pascal (computer programming)",
    "Smalltalk (computer programming)", "Scratch (computer programming)",
    "OpenEdge Advanced Business Language", "OpenEdge Database", "Vyper", "Solidity",
    "Codenvy", "CoffeeScript", "ML (computer programming)",
    "Aircrack (penetration testing tool)", "Backbox (penetration testing tool)",
    "BlackArch", "Samurai Web Testing Framework", "THC Hydra", "WhiteHat Sentinel",
    "Nexpose", "John The Ripper (penetration testing tool)", "Parrot Security OS",
    "Project Anarchy", "CA Datacom/DB", "Oracle Warehouse Builder",
    "QlikView Expressor", "Pentaho Data Integration", "Ajax Framework",
    "Assembly (computer programming)", "ABAP", "SAP R3", "Groovy", "Objective-C",
    "Xcode", "Eclipse (integrated development environment software)",
    "IBM InfoSphere DataStage", "IBM InfoSphere Information Server",
    "Informatica PowerCenter", "SAS Data Management", "SAP Data Services",
    "Oracle Data Integrator", "Oracle WebLogic", "WildFly",
    "OmniPage", "ABBYY FineReader", "BlackBerry",
    "Teradata Database", "MarkLogic", "DB2", "Filemaker (database management systems)",
    "Sakai", "Taleo", "automatic meter reading", "food waste monitoring systems",
    "control panel components", "ICT power consumption", "microchip scanners",
    "Capture One", "SketchBook Pro", "Synfig", "specialised astrology software",
    "transportation software related to an ERP system", "use global distribution system",
    "use computer telephony integration", "operate dealership management system",
    "use fleet management system", "implement route planning in smart mobility services",
    "smart city features", "advanced driver assistant systems",
    "vehicle-to-everything technologies", "computer simulation",
    "types of digital badges", "apply through-hole technology manually",
    "test ICT queries", "test hardware", "test wireless devices", "develop ICT device driver",
    "program firmware", "design firmware", "develop code exploits",
    "develop translation memory software", "develop statistical software", "CAM software",
    "captioning software", "machine translation", "optical character recognition software",
    "model hardware", "model based system engineering", "hardware testing methods",
    "ICT network cable limitations", "Oracle Application Development Framework",
    "IBM Informix", "ObjectStore", "N1QL", "JSSS", "STAF", "Spiral development",
    "collect mapping data", "compile GIS-data", "identify GIS issues",
    "manage office facility systems", "customise software for drive system",
    "automatic control system", "alarm systems", "execute social engineering tests",
    "manage environmental management system", "use ICT equipment in maintenance activities",
    "operate digital hardware", "use ICT hardware", "acquire system component",
    "perform forensic preservations of digital devices", "digital twin technology",
    "assess ICT knowledge", "develop digital educational materials",
    "work with virtual learning environments", "aquaculture production planning software",
    "core banking software", "trading software", "use an application-specific interface",
    "industrial software", "manage computer-based transport operation control systems",
    "maintain stock control systems", "maintain freelance database",
    "log emergency call information electronically",
    "interpret automatic call distribution data",
    "keep up with digital transformation of industrial processes", "hybrid model",
}

# Where ESCO's own broader concept reads oddly for a public body (cyber security under
# "military and defence"), the broader skill is set here (label -> output name).
ESCO_BROADER = {
    "cyber security": "Information security",
    "cyber attack counter-measures": "Cyber security",
    "data science": "Data and analytics",
    "data analytics": "Data and analytics",
    "cognitive computing": "Principles of artificial intelligence",
    "building information modelling": "Estates management",
    "use computerised maintenance management systems": "Building maintenance",
    "use e-procurement": "Public procurement",
    "audit techniques": "Internal audit",
}

# Relevant skills whose labels the INCLUDE pattern does not catch.
ESCO_KEEP = {
    "C++", "C#", "ASP.NET", "AJAX", "Angular", "Apache Maven", "Apache Tomcat",
    "Drupal", "WordPress", "Joomla", "WebCMS", "Metasploit", "Nessus", "Wireshark",
    "OWASP ZAP", "Kali Linux", "MATLAB", "SAS language", "Microsoft Access",
    "Visual Basic", "VBScript", "COBOL", "LDAP", "SPARQL", "XQuery", "LINQ", "MDX",
    "Sass", "LESS", "Vagrant", "Octopus Deploy", "Waterfall development",
    "Iterative development", "incremental development", "Rapid application development",
    "Prototyping development", "Process-based management", "computer forensics",
    "computer science", "computer vision", "natural language processing",
    "human-computer interaction", "handle cybersecurity incidents",
    "ethical hacking principles", "attack vectors", "assessment of risks and threats",
    "perform backups", "implement spam protection", "design failover solutions",
    "domain name service", "knowledge base", "online analytical processing",
    "digitization", "search engines", "screen reader", "perform dimensionality reduction",
    "Monte Carlo simulation", "utilise regular expressions", "solve technical problems",
    "green computing", "internet governance", "distributed computing",
    "maintain internet protocol configuration", "maintain responsive design",
    "manage online content", "manage content development projects",
    "provide guidelines for content development", "track changes in text editing",
    "transcribe texts", "output electronic files", "manage open publications",
    "have computer literacy", "TripleStore", "augmented reality", "cognitive computing",
    "set up cybersecurity training programmes", "draft corporate emails",
    "carry out bibliographic work", "use IT tools", "building information modelling",
    "use computerised maintenance management systems", "social media management",
    "Cisco", "desktop publishing", "style sheet languages",
}

ESCO_HIERARCHY_SKIP_LEVEL0 = True

# --- helpers ---------------------------------------------------------------------


def fold(name):
    """The key under which Tacit matches names: NFKC, whitespace folded, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def clean(text):
    """Collapse all whitespace (including newlines inside CSV cells) to single spaces."""
    return " ".join((text or "").split())


def display_name(label):
    """ESCO labels are mostly lower case; start them with a capital unless the second
    letter is also a capital (iOS, jQuery, CSS stay as written)."""
    label = clean(label)
    label = re.sub(r"\bicts\b", "ICTs", re.sub(r"\bict\b", "ICT", label))
    if len(label) > 1 and label[0].islower() and label[1].islower():
        return label[0].upper() + label[1:]
    return label


def slug(name):
    text = name.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def split_labels(cell):
    return [clean(x) for x in re.split(r"\n|\|", cell or "") if clean(x)]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Taxonomy:
    """Skills in output order, deduplicated by folded name (first one wins)."""

    def __init__(self):
        self.skills = []
        self.by_key = {}
        self.dropped = []

    def add(self, name, description=None, aliases=(), broader=None, related=(), source=""):
        name = clean(name)
        key = fold(name)
        if not name:
            return None
        if key in self.by_key:
            self.dropped.append((source, name, self.by_key[key]["name"]))
            return self.by_key[key]
        skill = {
            "name": name,
            "aliases": [clean(a) for a in aliases if clean(a)],
            "description": clean(description) or None,
            "broader": broader,
            "related": list(related),
            "source": source,
        }
        self.skills.append(skill)
        self.by_key[key] = skill
        return skill

    def get(self, name):
        return self.by_key.get(fold(name)) if name else None


# --- sources ------------------------------------------------------------------------


def add_ddat(tax, source_dir):
    rows = read_csv(source_dir / DDAT_FILE)
    family_of_role = {}
    for family, description, roles in DDAT_FAMILIES:
        tax.add(family, description, source="ddat-family")
        for role in roles:
            family_of_role[role.casefold()] = family
    # Framework variants such as "Data governance (data architect)" are related to
    # the plain skill of the same name.
    base_of = {}
    for row in rows:
        name = clean(row["Skill Name"])
        base_of.setdefault(re.sub(r"\s*\(.*\)$", "", name).casefold(), []).append(name)
    unknown_roles = set()
    for row in rows:
        name = clean(row["Skill Name"])
        counts = {}
        for role in re.split(r"[\n,;]", row["Roles that require Skill"]):
            role = clean(role)
            if not role:
                continue
            family = family_of_role.get(role.casefold())
            if family is None:
                unknown_roles.add(role)
                continue
            counts[family] = counts.get(family, 0) + 1
        order = [f[0] for f in DDAT_FAMILIES]
        broader = None
        if counts:
            broader = max(counts, key=lambda f: (counts[f], -order.index(f)))
        base = re.sub(r"\s*\(.*\)$", "", name).casefold()
        related = [n for n in base_of[base] if n != name]
        tax.add(name, row["Skill Description"], broader=broader, related=related,
                source="ddat")
    if unknown_roles:
        sys.exit(f"DDaT roles without a job family: {sorted(unknown_roles)}")
    return len(rows)


def add_public_sector(tax):
    for name, broader, aliases, related, description in PUBLIC_SECTOR_SKILLS:
        tax.add(name, description, aliases=aliases, broader=broader, related=related,
                source="public-sector")
    return len(PUBLIC_SECTOR_SKILLS)


def esco_selected(row):
    label = clean(row["preferredLabel"])
    if label in ESCO_DROP:
        return False
    if label in ESCO_KEEP:
        return True
    groups = {clean(g) for g in row["broaderConceptPT"].split("|")}
    if groups & ESCO_DROP_GROUPS:
        return False
    return bool(ESCO_INCLUDE.search(label)) and not ESCO_EXCLUDE.search(label)


def load_hierarchy(source_dir):
    """URI -> (level, label, description, parent URI) for every hierarchy concept."""
    nodes = {}
    for row in read_csv(source_dir / ESCO_HIERARCHY_FILE):
        parent = None
        for level in range(4):
            uri = row[f"Level {level} URI"].strip()
            if not uri:
                break
            if uri not in nodes:
                nodes[uri] = {"level": level,
                              "label": clean(row[f"Level {level} preferred term"]),
                              "description": None, "parent": parent}
            deepest = uri
            parent = uri
        # ISCED-F field descriptions go on to list programme titles; keep the prose.
        description = clean(row["Description"].split("Programmes and qualifications")[0])
        if description and nodes[deepest]["description"] is None:
            nodes[deepest]["description"] = description
    return nodes


# Product names people type for a skill that ESCO names only in its description.
ESCO_EXTRA_ALIASES = {
    "manage ICT virtualisation environments": ["Kubernetes", "Docker", "VMware"],
}


def add_esco(tax, source_dir):
    rows = read_csv(source_dir / ESCO_FILE)
    missing = (ESCO_KEEP | ESCO_DROP) - {clean(r["preferredLabel"]) for r in rows}
    if missing:
        sys.exit(f"ESCO_KEEP/ESCO_DROP name labels not in the collection: {sorted(missing)}")
    hierarchy = load_hierarchy(source_dir)
    selected = [r for r in rows if esco_selected(r)]
    selected.sort(key=lambda r: fold(r["preferredLabel"]))
    name_of_uri = {}
    for row in selected:
        skill = tax.add(display_name(row["preferredLabel"]), row["description"],
                        aliases=split_labels(row["altLabels"])
                        + ESCO_EXTRA_ALIASES.get(clean(row["preferredLabel"]), []),
                        source="esco")
        name_of_uri[row["conceptUri"].strip()] = skill["name"]

    # Broader: a selected skill named in broaderConceptUri if there is one, else the
    # first ESCO hierarchy group, which is then added with its own ancestors.
    # Among several hierarchy groups, prefer the one most selected skills share, so
    # that skills cluster under few groups; "inter-disciplinary programmes" groups last.
    def group_uris(row):
        uris = [u.strip() for u in row["broaderConceptUri"].split("|") if u.strip()]
        return [u for u in uris if u in hierarchy]

    group_use = {}
    for row in selected:
        for uri in group_uris(row):
            group_use[uri] = group_use.get(uri, 0) + 1

    def group_rank(uri):
        odd = hierarchy[uri]["label"].casefold().startswith("inter-disciplinary")
        return (not odd, group_use[uri])

    unknown = set(ESCO_BROADER) - {clean(r["preferredLabel"]) for r in selected}
    if unknown:
        sys.exit(f"ESCO_BROADER names labels that are not selected: {sorted(unknown)}")
    needed_groups = []
    for row in selected:
        skill = tax.get(display_name(row["preferredLabel"]))
        if skill["source"] != "esco" or skill["broader"]:
            continue
        if clean(row["preferredLabel"]) in ESCO_BROADER:
            skill["broader"] = ESCO_BROADER[clean(row["preferredLabel"])]
            continue
        uris = [u.strip() for u in row["broaderConceptUri"].split("|") if u.strip()]
        parents = [name_of_uri[u] for u in uris if u in name_of_uri]
        parents = [p for p in parents if fold(p) != fold(skill["name"])]
        if parents:
            skill["broader"] = parents[0]
            continue
        groups = group_uris(row)
        if groups:
            best = max(groups, key=group_rank)
            skill["broader"] = ("group", best)
            needed_groups.append(best)

    group_names = {}
    queue = list(dict.fromkeys(needed_groups))
    while queue:
        uri = queue.pop(0)
        if uri in group_names:
            continue
        node = hierarchy[uri]
        parent = node["parent"]
        if parent and (hierarchy[parent]["level"] == 0 and ESCO_HIERARCHY_SKIP_LEVEL0):
            parent = None
        group = tax.add(display_name(node["label"]), node["description"],
                        broader=("group", parent) if parent else None, source="esco-group")
        group_names[uri] = group["name"]
        if parent:
            queue.append(parent)
    for skill in tax.skills:
        if isinstance(skill["broader"], tuple):
            skill["broader"] = group_names[skill["broader"][1]]
    return len(selected), len(group_names)


# --- checks and output -------------------------------------------------------------


def finish(tax):
    """Resolve references to canonical names, drop aliases that clash, check the graph."""
    errors = []
    for skill in tax.skills:
        for field in ("broader",):
            ref = skill[field]
            if ref is not None:
                target = tax.get(ref)
                if target is None:
                    errors.append(f"{skill['name']}: broader {ref!r} is not a skill")
                elif target is skill:
                    skill["broader"] = None
                else:
                    skill["broader"] = target["name"]
        related = []
        for ref in skill["related"]:
            target = tax.get(ref)
            if target is None:
                errors.append(f"{skill['name']}: related {ref!r} is not a skill")
            elif target is not skill and target["name"] not in related:
                related.append(target["name"])
        skill["related"] = related
    if errors:
        sys.exit("broken references:\n  " + "\n  ".join(errors))

    # An alias must not match another skill's name or an earlier alias.
    taken = set(tax.by_key)
    for skill in tax.skills:
        kept = []
        for alias in skill["aliases"]:
            key = fold(alias)
            if key in taken:
                continue
            taken.add(key)
            kept.append(alias)
        skill["aliases"] = kept

    # Broader chains must end (no cycles).
    for skill in tax.skills:
        seen = set()
        node = skill
        while node["broader"]:
            if node["name"] in seen:
                sys.exit(f"broader cycle through {skill['name']!r}")
            seen.add(node["name"])
            node = tax.get(node["broader"])

    ids = {}
    for skill in tax.skills:
        base = "s-" + slug(skill["name"])
        sid, n = base, 2
        while sid in ids:
            sid, n = f"{base}-{n}", n + 1
        ids[sid] = skill
        skill["id"] = sid


def write(tax, output):
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as f:
        for s in tax.skills:
            record = {"id": s["id"], "name": s["name"], "aliases": s["aliases"],
                      "description": s["description"], "broader": s["broader"],
                      "related": s["related"]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="directory holding the taxonomy CSV files")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    tax = Taxonomy()
    n_ddat = add_ddat(tax, args.source)
    n_public = add_public_sector(tax)
    n_esco, n_groups = add_esco(tax, args.source)
    finish(tax)
    write(tax, args.output)

    by_source = {}
    for s in tax.skills:
        by_source[s["source"]] = by_source.get(s["source"], 0) + 1
    print(f"read {n_ddat} DDaT skills, {n_public} public-sector skills, "
          f"{n_esco} selected ESCO skills", file=sys.stderr)
    print(f"wrote {len(tax.skills)} skills to {args.output}: "
          + ", ".join(f"{k} {v}" for k, v in by_source.items()), file=sys.stderr)
    for source, name, kept in tax.dropped:
        if source == "esco-group":
            continue
        print(f"  duplicate {source} skill {name!r} dropped (kept {kept!r})", file=sys.stderr)


if __name__ == "__main__":
    main()
