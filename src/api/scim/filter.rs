//! The filters identity providers send when they look a user up before
//! creating them (RFC 7644 §3.4.2.2): `userName eq "…"`, `externalId eq
//! "…"` and `id eq "…"`. Anything else is refused with `invalidFilter`,
//! never ignored (an ignored filter would list everyone as a match).

use super::error::ScimError;
use crate::people::provisioning::Find;

pub fn parse(filter: &str) -> Result<Find, ScimError> {
    let unsupported = || {
        ScimError::invalid_filter(format!(
            "the filter '{filter}' is not supported: use userName eq \"…\", externalId eq \"…\" or id eq \"…\""
        ))
    };
    let text = filter.trim();
    let (attr, rest) = text
        .split_once(char::is_whitespace)
        .ok_or_else(unsupported)?;
    let (op, value) = rest
        .trim_start()
        .split_once(char::is_whitespace)
        .ok_or_else(unsupported)?;
    if !op.eq_ignore_ascii_case("eq") {
        return Err(unsupported());
    }
    let value: String = serde_json::from_str(value.trim()).map_err(|_| {
        ScimError::invalid_filter(format!(
            "in the filter '{filter}', the value must be a quoted string"
        ))
    })?;
    // Attribute names may carry the core schema's URN (RFC 7644 §3.10).
    let attr = attr.rsplit(':').next().unwrap_or(attr);
    match attr.to_ascii_lowercase().as_str() {
        "username" => Ok(Find::UserName(value)),
        "externalid" => Ok(Find::ExternalId(value)),
        "id" => Ok(Find::Id(value)),
        _ => Err(unsupported()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_providers_send_are_read_and_others_refused() {
        assert_eq!(
            parse(r#"userName eq "Test_User_ab64@contoso.com""#).unwrap(),
            Find::UserName("Test_User_ab64@contoso.com".into())
        );
        assert_eq!(
            parse(r#"  UserName  EQ "a \"quoted\" name" "#).unwrap(),
            Find::UserName("a \"quoted\" name".into())
        );
        assert_eq!(
            parse(r#"externalId eq "00ujl29u0le5T6Aj10h7""#).unwrap(),
            Find::ExternalId("00ujl29u0le5T6Aj10h7".into())
        );
        assert_eq!(
            parse(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x""#).unwrap(),
            Find::UserName("x".into())
        );
        for bad in [
            r#"userName sw "a""#,
            r#"displayName eq "a""#,
            r#"userName eq a"#,
            r#"userName eq "a" and active eq true"#,
            "",
            "userName",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.scim_type, Some("invalidFilter"), "{bad}");
        }
    }
}
