use unicode_normalization::UnicodeNormalization;

/// Case-folded, NFKC-normalised text with runs of whitespace folded to one space.
pub fn normalise_text(value: &str) -> String {
    let folded: String = value.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case letters and digits joined by `-`, for ids made from names.
pub fn slug(name: &str) -> String {
    let folded = normalise_text(name);
    let parts: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("-")
}

/// The key two skill names (or aliases) share when they mean the same skill.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SkillKey(String);

impl SkillKey {
    pub fn of(name: &str) -> Self {
        Self(normalise_text(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_case_insensitively_after_folding() {
        assert_eq!(
            SkillKey::of("  Records   Retention "),
            SkillKey::of("records retention")
        );
        assert_eq!(SkillKey::of("ＧＤＰＲ"), SkillKey::of("gdpr"));
        assert_ne!(SkillKey::of("GDPR"), SkillKey::of("UK GDPR"));
    }
}
