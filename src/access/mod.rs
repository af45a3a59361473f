//! Who gets in and with what: API tokens and role grants, and the audit
//! log read for an investigation (`audit_log`). The GraphQL
//! mutations and `tacit token …` call these, so a rule (a token needs a
//! scope, expires within ten years; nobody is granted "employee") holds
//! the same way from both.

pub mod audit_log;
pub mod grants;
pub mod tokens;
