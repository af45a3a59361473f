//! Backend-neutral SQL text with its arguments.
//!
//! Both backends accept `$N` placeholders, so one statement text serves both;
//! arguments are kept as plain values and bound by each backend's executor.

use chrono::{DateTime, NaiveDate, Utc};

/// One bound value.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
    Time(DateTime<Utc>),
    Date(Option<NaiveDate>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v)
    }
}
impl From<&Option<String>> for Arg {
    fn from(v: &Option<String>) -> Self {
        Arg::Text(v.clone())
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(v)
    }
}
impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Self {
        Arg::Time(v)
    }
}
impl From<Option<NaiveDate>> for Arg {
    fn from(v: Option<NaiveDate>) -> Self {
        Arg::Date(v)
    }
}

/// A statement under construction: text plus numbered arguments.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    /// A fixed statement whose placeholders are `$1..$n` in the order of `args`.
    pub fn with(text: &str, args: impl IntoIterator<Item = Arg>) -> Self {
        Sql {
            text: text.to_string(),
            args: args.into_iter().collect(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Adds an argument and returns its placeholder.
    pub fn arg(&mut self, value: impl Into<Arg>) -> String {
        self.args.push(value.into());
        format!("${}", self.args.len())
    }

    /// Appends a placeholder for `value` to the text.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        let p = self.arg(value);
        self.text.push_str(&p);
        self
    }

    /// Appends `(p1, p2, ...)` for a list of ids.
    pub fn in_list(&mut self, values: &[String]) -> &mut Self {
        self.text.push('(');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self.text.push(')');
        self
    }

    /// Appends one `VALUES` tuple per row, each row giving its arguments in column order.
    pub fn values<R>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
        mut row: impl FnMut(&R) -> Vec<Arg>,
    ) -> &mut Self {
        self.text.push_str(" VALUES ");
        for (i, r) in rows.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.text.push('(');
            for (j, a) in row(&r).into_iter().enumerate() {
                if j > 0 {
                    self.text.push_str(", ");
                }
                self.bind(a);
            }
            self.text.push(')');
        }
        self
    }
}

/// The statement with `$1..$n` turned into anonymous `?` when each placeholder is
/// used once, in order. SQLite looks named and numbered parameters up in a linear
/// list, so a bulk statement with thousands of `$N` costs quadratic time; `?` does not.
pub fn anonymous_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut expected, mut last) = (1usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            if end > start {
                match text[start..end].parse::<usize>() {
                    Ok(n) if n == expected => {
                        out.push_str(&text[last..i]);
                        out.push('?');
                        last = end;
                        expected += 1;
                    }
                    _ => return std::borrow::Cow::Borrowed(text),
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// The smallest string greater than every string starting with `prefix`.
pub fn prefix_upper_bound(prefix: &str) -> String {
    let mut s = prefix.to_string();
    s.push(char::MAX);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Sql::new("SELECT * FROM people WHERE id IN ");
        sql.in_list(&["a".into(), "b".into()])
            .push(" AND status = ")
            .bind("active");
        assert_eq!(
            sql.text,
            "SELECT * FROM people WHERE id IN ($1, $2) AND status = $3"
        );
        assert_eq!(sql.args.len(), 3);
    }

    #[test]
    fn placeholders_become_anonymous_only_when_in_order() {
        assert_eq!(
            anonymous_placeholders("a = $1 AND b IN ($2, $3)"),
            "a = ? AND b IN (?, ?)"
        );
        assert_eq!(
            anonymous_placeholders("a = $1 AND b = $1"),
            "a = $1 AND b = $1"
        );
        assert_eq!(
            anonymous_placeholders("VALUES ($1, $2, $2)"),
            "VALUES ($1, $2, $2)"
        );
        assert_eq!(anonymous_placeholders("SELECT 1"), "SELECT 1");
    }

    #[test]
    fn values_rows() {
        let mut sql = Sql::new("INSERT INTO t (a, b)");
        sql.values([(1_i64, "x"), (2, "y")], |(a, b)| {
            vec![(*a).into(), (*b).into()]
        });
        assert_eq!(sql.text, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
    }
}
