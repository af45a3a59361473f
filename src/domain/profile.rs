//! What a person keeps about themselves: a summary, the languages they
//! speak, topics to ask them about and their working hours; their handles in
//! other systems (imported); and where a piece of evidence can be opened.
//! Every value is checked here, whoever sets it (a mutation or an import).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::Serialize;

use super::{Invalid, SkillKey, optional_text};

/// A summary, at most this many characters.
pub const SUMMARY: usize = 500;
/// Languages a person lists, at most.
pub const LANGUAGES: usize = 10;
/// A language's name or tag, at most this many characters.
pub const LANGUAGE: usize = 40;
/// "Ask me about" topics, at most.
pub const TOPICS: usize = 10;
/// One topic, at most this many characters.
pub const TOPIC: usize = 60;
/// Handles a person has, at most.
pub const HANDLES: usize = 20;
/// A handle's value, at most this many characters.
pub const HANDLE: usize = 200;
/// A link, at most this many characters.
pub const URL: usize = 2_000;

/// Days of the week as a set: Monday is bit 0, Sunday bit 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Days(u8);

impl Days {
    /// Monday to Friday.
    pub const WEEKDAYS: Days = Days(0b001_1111);
    pub const ALL: Days = Days(0b111_1111);

    /// The set from its stored bits; `None` for an empty or impossible set.
    pub fn from_bits(bits: i64) -> Option<Days> {
        (1..=0b111_1111).contains(&bits).then_some(Days(bits as u8))
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn of(days: &[Weekday]) -> Days {
        Days(
            days.iter()
                .fold(0, |b, d| b | 1 << d.num_days_from_monday()),
        )
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// The days, Monday first.
    pub fn list(self) -> Vec<Weekday> {
        let mut day = Weekday::Mon;
        let mut out = Vec::new();
        for _ in 0..7 {
            if self.contains(day) {
                out.push(day);
            }
            day = day.succ();
        }
        out
    }
}

/// When someone works, in their own local time: from `start` to `end` on
/// each of `days` (a day does not run past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub days: Days,
}

impl WorkingHours {
    /// Checks hours written `HH:MM` and at least one day.
    pub fn parse(start: &str, end: &str, days: &[Weekday]) -> Result<WorkingHours, Invalid> {
        let time = |field: &str, v: &str| {
            NaiveTime::parse_from_str(v.trim(), "%H:%M").map_err(|_| {
                Invalid::new(format!(
                    "workingHours.{field} '{v}' is not a time written HH:MM (e.g. 09:00)"
                ))
            })
        };
        let (start, end) = (time("start", start)?, time("end", end)?);
        if end <= start {
            return Err(Invalid::new(
                "workingHours: the working day must end after it starts (on the same day)",
            ));
        }
        if days.is_empty() {
            return Err(Invalid::new("workingHours: choose at least one day"));
        }
        Ok(WorkingHours {
            start,
            end,
            days: Days::of(days),
        })
    }

    /// The usual guess when a person has not said: `start`–`end` o'clock,
    /// Monday to Friday (the web app guesses the same).
    pub fn guess(start_hour: u32, end_hour: u32) -> WorkingHours {
        let at = |h: u32| NaiveTime::from_hms_opt(h.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
        WorkingHours {
            start: at(start_hour),
            end: at(end_hour.max(start_hour)),
            days: Days::WEEKDAYS,
        }
    }

    /// Whether `date` is one of their working days.
    pub fn works_on(&self, date: NaiveDate) -> bool {
        self.days.contains(date.weekday())
    }

    /// Whether the local moment `at` falls in their working hours.
    pub fn covers(&self, date: NaiveDate, at: NaiveTime) -> bool {
        self.works_on(date) && at >= self.start && at < self.end
    }

    /// `HH:MM` as stored and shown.
    pub fn clock(t: NaiveTime) -> String {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

/// What a person says about themselves, and their imported handles.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    pub summary: Option<String>,
    pub languages: Vec<String>,
    pub ask_me_about: Vec<String>,
    pub hours: Option<WorkingHours>,
    /// Handle name → value, e.g. `slack` → `U123`.
    pub handles: BTreeMap<String, String>,
}

/// A short summary: trimmed, empty is none.
pub fn summary(value: Option<&str>) -> Result<Option<String>, Invalid> {
    optional_text("summary", value, SUMMARY)
}

/// Languages spoken: names ("Irish") or BCP-47 tags ("ga", "pt-BR"),
/// trimmed, tags in their usual case, each once (ignoring case), at most
/// [`LANGUAGES`].
pub fn languages(values: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let lang = language(v)?;
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&lang)) {
            out.push(lang);
        }
    }
    if out.len() > LANGUAGES {
        return Err(Invalid::new(format!(
            "languages: at most {LANGUAGES}, not {}",
            out.len()
        )));
    }
    Ok(out)
}

fn language(v: &str) -> Result<String, Invalid> {
    let bad = || {
        Invalid::new(format!(
            "languages: '{v}' is neither a language name (e.g. Irish) nor a BCP-47 tag (e.g. pt-BR)"
        ))
    };
    if v.chars().count() > LANGUAGE {
        return Err(Invalid::new(format!(
            "languages: '{v}' is longer than {LANGUAGE} characters"
        )));
    }
    let mut parts = v.split('-');
    let primary = parts.next().unwrap_or_default();
    let is_tag = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && v.split('-')
            .skip(1)
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if is_tag {
        let mut tag = primary.to_ascii_lowercase();
        for s in parts {
            tag.push('-');
            match s.len() {
                2 if s.chars().all(|c| c.is_ascii_alphabetic()) => {
                    tag.push_str(&s.to_ascii_uppercase())
                }
                4 if s.chars().all(|c| c.is_ascii_alphabetic()) => {
                    tag.push_str(&s[..1].to_ascii_uppercase());
                    tag.push_str(&s[1..].to_ascii_lowercase());
                }
                _ => tag.push_str(&s.to_ascii_lowercase()),
            }
        }
        return Ok(tag);
    }
    let name_like = v.chars().count() >= 4
        && v.chars().next().is_some_and(char::is_alphabetic)
        && v.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '(' | ')'));
    if name_like {
        Ok(v.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Err(bad())
    }
}

/// "Ask me about" topics: short texts, each once (as skill names match:
/// ignoring case, accents and spacing), at most [`TOPICS`].
pub fn topics(values: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<SkillKey> = Vec::new();
    for v in values {
        let Some(topic) = optional_text("askMeAbout", Some(v), TOPIC)? else {
            continue;
        };
        if topic.contains(['\n', '\r', '\t']) {
            return Err(Invalid::new("askMeAbout: a topic is one line"));
        }
        let key = SkillKey::of(&topic);
        if !keys.contains(&key) {
            keys.push(key);
            out.push(topic);
        }
    }
    if out.len() > TOPICS {
        return Err(Invalid::new(format!(
            "askMeAbout: at most {TOPICS} topics, not {}",
            out.len()
        )));
    }
    Ok(out)
}

/// Handles in other systems (`slack` → `U123`): names of lower-case
/// letters, digits, `_` and `-` (at most 32), values of 1 to [`HANDLE`]
/// characters without spaces; at most [`HANDLES`].
pub fn handles<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<BTreeMap<String, String>, Invalid> {
    let mut out = BTreeMap::new();
    for (name, value) in pairs {
        let name = name.trim();
        let good_name = (1..=32).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !good_name {
            return Err(Invalid::new(format!(
                "handles: '{name}' is not a handle name (lower-case letters, digits, '_' and '-', e.g. slack)"
            )));
        }
        let value = value.trim();
        if value.is_empty()
            || value.chars().count() > HANDLE
            || value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Invalid::new(format!(
                "handles: the {name} handle must be 1 to {HANDLE} characters without spaces"
            )));
        }
        out.insert(name.to_string(), value.to_string());
    }
    if out.len() > HANDLES {
        return Err(Invalid::new(format!("handles: at most {HANDLES}")));
    }
    Ok(out)
}

/// A link that opens the original: `http://` or `https://` with a host, no
/// spaces, at most [`URL`] characters.
pub fn url(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let bad = |why: &str| Invalid::new(format!("{field}: '{v}' {why}"));
    if v.chars().count() > URL {
        return Err(Invalid::new(format!(
            "{field} is longer than {URL} characters"
        )));
    }
    let lower = v.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &v[8..]
    } else if lower.starts_with("http://") {
        &v[7..]
    } else {
        return Err(bad("is not an http:// or https:// link"));
    };
    if v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("contains spaces or control characters"));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(bad("has no host"));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn languages_are_names_or_tags_once_each() {
        let got = languages(&strings(&[
            "Irish",
            " en-gb ",
            "EN-GB",
            "zh-hant-tw",
            "",
            "irish",
        ]));
        assert_eq!(got, Ok(strings(&["Irish", "en-GB", "zh-Hant-TW"])));
        assert!(languages(&strings(&["x1!"])).is_err());
        assert!(languages(&strings(&["e"])).is_err());
        let many: Vec<String> = (0..11)
            .map(|i| format!("Language{}", "x".repeat(i)))
            .collect();
        assert!(languages(&many).unwrap_err().0.contains("at most 10"));
    }

    #[test]
    fn topics_are_short_single_lines_each_once() {
        let got = topics(&strings(&["GDPR", " gdpr ", "Records  retention", "  "]));
        assert_eq!(got, Ok(strings(&["GDPR", "Records  retention"])));
        assert!(topics(&strings(&[&"x".repeat(61)])).is_err());
        assert!(topics(&strings(&["a\nb"])).is_err());
        let many: Vec<String> = (0..11).map(|i| format!("topic {i}")).collect();
        assert!(topics(&many).unwrap_err().0.contains("at most 10"));
    }

    #[test]
    fn working_hours_end_after_they_start_on_some_day() {
        let h = WorkingHours::parse("08:30", "16:00", &[Weekday::Mon, Weekday::Tue]).unwrap();
        assert_eq!(WorkingHours::clock(h.start), "08:30");
        assert_eq!(h.days.list(), vec![Weekday::Mon, Weekday::Tue]);
        let monday: NaiveDate = "2026-12-07".parse().unwrap();
        assert!(h.covers(monday, NaiveTime::from_hms_opt(8, 30, 0).unwrap()));
        assert!(!h.covers(monday, NaiveTime::from_hms_opt(16, 0, 0).unwrap()));
        assert!(!h.covers(monday + chrono::Duration::days(2), h.start));
        assert!(WorkingHours::parse("17:00", "09:00", &[Weekday::Mon]).is_err());
        assert!(WorkingHours::parse("9", "17:00", &[Weekday::Mon]).is_err());
        assert!(WorkingHours::parse("09:00", "17:00", &[]).is_err());
        assert_eq!(Days::from_bits(0), None);
        assert_eq!(Days::from_bits(31), Some(Days::WEEKDAYS));
    }

    #[test]
    fn handles_and_urls_are_checked() {
        let h = handles([("slack", " U123 "), ("teams", "a@b.org")]).unwrap();
        assert_eq!(h.get("slack").map(String::as_str), Some("U123"));
        assert!(handles([("Slack", "U1")]).is_err());
        assert!(handles([("slack", "U 1")]).is_err());
        assert!(handles([("slack", "")]).is_err());
        assert_eq!(
            url("url", " https://docs.example.org/a?b=1 ").as_deref(),
            Ok("https://docs.example.org/a?b=1")
        );
        assert!(url("url", "HTTP://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org",
            "https://",
            "https://a b.org",
            "//x.org",
        ] {
            assert!(url("url", bad).is_err(), "{bad}");
        }
        assert!(url("url", &format!("https://x.org/{}", "a".repeat(2000))).is_err());
    }
}
