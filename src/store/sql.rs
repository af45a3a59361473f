//! Backend-neutral SQL text with its arguments.
//!
//! Both backends accept `$N` placeholders, so one statement text serves both;
//! arguments are kept as plain values and bound by each backend's executor.

use chrono::{DateTime, NaiveDate, Utc};

/// One bound value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
    Time(Option<DateTime<Utc>>),
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
        Arg::Time(Some(v))
    }
}
impl From<Option<DateTime<Utc>>> for Arg {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        Arg::Time(v)
    }
}
impl From<Option<NaiveDate>> for Arg {
    fn from(v: Option<NaiveDate>) -> Self {
        Arg::Date(v)
    }
}

impl Arg {
    /// Appends the value as JSON, in the text form the backends store it in.
    fn write_json(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Arg::Text(None) | Arg::Int(None) | Arg::Date(None) | Arg::Time(None) => {
                out.push_str("null")
            }
            Arg::Text(Some(s)) => write_json_string(s, out),
            Arg::Int(Some(n)) => {
                let _ = write!(out, "{n}");
            }
            Arg::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            // sqlx's own SQLite encoding, so rows written either way compare and sort alike.
            Arg::Time(Some(t)) => {
                let _ = write!(
                    out,
                    "\"{}\"",
                    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
                );
            }
            Arg::Date(Some(d)) => {
                let _ = write!(out, "\"{}\"", d.format("%F"));
            }
        }
    }

    /// Appends the value as one field of PostgreSQL's `COPY` text format:
    /// `\N` for null, and backslash, tab, newline and carriage return escaped.
    fn write_copy(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Arg::Text(None) | Arg::Int(None) | Arg::Date(None) | Arg::Time(None) => {
                out.push_str("\\N")
            }
            Arg::Text(Some(s)) => {
                for ch in s.chars() {
                    match ch {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
            }
            Arg::Int(Some(n)) => {
                let _ = write!(out, "{n}");
            }
            Arg::Bool(b) => out.push(if *b { 't' } else { 'f' }),
            Arg::Time(Some(t)) => {
                let _ = write!(
                    out,
                    "{}",
                    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                );
            }
            Arg::Date(Some(d)) => {
                let _ = write!(out, "{}", d.format("%F"));
            }
        }
    }
}

/// `s` as a JSON string, written straight into `out` (bulk writes escape
/// millions of values; going through `serde_json::Value` copied each twice).
fn write_json_string(s: &str, out: &mut String) {
    use std::fmt::Write;
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// Rows in PostgreSQL's `COPY ... FROM STDIN` text format: one line per row,
/// fields separated by tabs.
pub fn copy_text(rows: &[Vec<Arg>]) -> String {
    let mut out = String::with_capacity(rows.len() * 64);
    for row in rows {
        for (j, a) in row.iter().enumerate() {
            if j > 0 {
                out.push('\t');
            }
            a.write_copy(&mut out);
        }
        out.push('\n');
    }
    out
}

/// The SQL spoken by a backend, where the two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `SELECT .. FROM ..` producing one row per element of the JSON array of
    /// arrays bound as `$1` (see [`json_array`]), with columns typed like
    /// `sample`'s arguments. Columns marked `shared` are not in the JSON: they
    /// are bound once each, as `$2`, `$3`, … in column order.
    ///
    /// Bulk writes send a whole chunk as one JSON text: one bound value instead
    /// of tens of thousands, parsed by the database itself.
    pub fn json_rows(self, sample: &[Arg], shared: &[bool]) -> String {
        let (mut in_json, mut bound) = (0, 1);
        let columns: Vec<String> = sample
            .iter()
            .zip(shared.iter().chain(std::iter::repeat(&false)))
            .map(|(a, &shared)| {
                if shared {
                    bound += 1;
                    return format!("${bound}");
                }
                let i = in_json;
                in_json += 1;
                match (self, a) {
                    (Dialect::Sqlite, _) | (Dialect::Postgres, Arg::Text(_)) => {
                        format!("value->>{i}")
                    }
                    (Dialect::Postgres, Arg::Int(_)) => format!("(value->>{i})::bigint"),
                    (Dialect::Postgres, Arg::Bool(_)) => format!("(value->>{i})::boolean"),
                    (Dialect::Postgres, Arg::Time(_)) => format!("(value->>{i})::timestamptz"),
                    (Dialect::Postgres, Arg::Date(_)) => format!("(value->>{i})::date"),
                }
            })
            .collect();
        let source = match self {
            // jsonb_each hands each row over as JSONB, so `->>` reads it
            // without writing it out as text and parsing it again.
            Dialect::Sqlite => "jsonb_each($1)",
            Dialect::Postgres => "jsonb_array_elements($1::jsonb) AS rows(value)",
        };
        format!("SELECT {} FROM {source}", columns.join(", "))
    }
}

impl Dialect {
    /// Aggregates a text expression over a group into one text, items separated
    /// by the ASCII unit separator (never part of an id): one row per owner
    /// instead of one per link, which is what makes the graph read fast.
    pub fn text_agg(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => format!("group_concat({expr}, char(31))"),
            Dialect::Postgres => format!("string_agg({expr}, chr(31))"),
        }
    }

    /// The ASCII record separator, for joining fields inside one aggregated item.
    pub fn field_sep(self) -> &'static str {
        match self {
            Dialect::Sqlite => "char(30)",
            Dialect::Postgres => "chr(30)",
        }
    }
}

/// Splits a [`Dialect::text_agg`] value.
pub fn split_agg(value: Option<&str>) -> impl Iterator<Item = &str> {
    value
        .unwrap_or("")
        .split('\u{1f}')
        .filter(|s| !s.is_empty())
}

/// Rows as one JSON array of arrays, for [`Dialect::json_rows`], without the
/// `shared` columns.
pub fn json_array(rows: &[Vec<Arg>], shared: &[bool]) -> String {
    let mut out = String::with_capacity(rows.len() * 64);
    out.push('[');
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "[" } else { ",[" });
        let mut first = true;
        for (j, a) in row.iter().enumerate() {
            if shared.get(j).copied().unwrap_or(false) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            a.write_json(&mut out);
        }
        out.push(']');
    }
    out.push(']');
    out
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

    /// Puts text without placeholders around the statement, keeping its arguments.
    pub fn wrap(mut self, before: &str, after: &str) -> Sql {
        self.text = format!("{before}{}{after}", self.text);
        self
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value` to the text.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        use std::fmt::Write;
        self.args.push(value.into());
        // Writing into the text directly: bulk statements have tens of thousands.
        let _ = write!(self.text, "${}", self.args.len());
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
        mut row: impl FnMut(R) -> Vec<Arg>,
    ) -> &mut Self {
        self.text.push_str(" VALUES ");
        for (i, r) in rows.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.text.push('(');
            for (j, a) in row(r).into_iter().enumerate() {
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
/// Words of the domain's vocabulary (the stored forms of statuses, roles,
/// kinds) as an SQL list, `'a', 'b'`: the rule stays in the domain, not in
/// the SQL. Only for those `&'static str` forms, never for input.
pub fn words(words: impl IntoIterator<Item = &'static str>) -> String {
    words
        .into_iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One stored word as an SQL literal (see [`words`]).
pub fn word(word: &'static str) -> String {
    format!("'{word}'")
}

/// `CASE expr WHEN 'a' THEN 0 WHEN 'b' THEN 1 … ELSE n END`: the position of
/// `expr` in a domain order (e.g. community roles, most senior first).
pub fn rank_of(expr: &str, order: impl IntoIterator<Item = &'static str>) -> String {
    let mut case = format!("CASE {expr}");
    let mut n = 0;
    for w in order {
        case.push_str(&format!(" WHEN '{w}' THEN {n}"));
        n += 1;
    }
    case.push_str(&format!(" ELSE {n} END"));
    case
}

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
    fn json_rows_keep_types_and_nulls() {
        let rows = vec![vec![
            Arg::from("a\"b"),
            Arg::Int(Some(3)),
            Arg::Date(None),
            Arg::Bool(true),
        ]];
        let none = [false; 4];
        assert_eq!(json_array(&rows, &none), r#"[["a\"b",3,null,true]]"#);
        assert_eq!(
            Dialect::Postgres.json_rows(&rows[0], &none),
            "SELECT value->>0, (value->>1)::bigint, (value->>2)::date, (value->>3)::boolean \
             FROM jsonb_array_elements($1::jsonb) AS rows(value)"
        );
        assert_eq!(
            Dialect::Sqlite.json_rows(&rows[0][..1], &none),
            "SELECT value->>0 FROM jsonb_each($1)"
        );
    }

    #[test]
    fn shared_columns_are_bound_once_and_left_out_of_the_json() {
        let rows = vec![
            vec![Arg::from("a"), Arg::Int(Some(1)), Arg::from("self")],
            vec![Arg::from("b"), Arg::Int(Some(2)), Arg::from("self")],
        ];
        let shared = [false, false, true];
        assert_eq!(json_array(&rows, &shared), r#"[["a",1],["b",2]]"#);
        assert_eq!(
            Dialect::Sqlite.json_rows(&rows[0], &shared),
            "SELECT value->>0, value->>1, $2 FROM jsonb_each($1)"
        );
        assert_eq!(
            Dialect::Postgres.json_rows(&rows[0], &[true, false, true]),
            "SELECT $2, (value->>0)::bigint, $3 FROM jsonb_array_elements($1::jsonb) AS rows(value)"
        );
    }

    #[test]
    fn json_strings_read_back_as_written() {
        for text in [
            "plain",
            "quote \" and \\ back",
            "tab\tnew\nline\r\u{1}\u{1f}",
            "Zoë 東京 🚀",
            "",
        ] {
            let mut out = String::new();
            write_json_string(text, &mut out);
            assert_eq!(
                serde_json::from_str::<String>(&out).ok().as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn copy_text_escapes_and_marks_nulls() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-07T05:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .ok();
        let rows = vec![
            vec![
                Arg::from("a\tb\\c\nd\re"),
                Arg::Int(Some(3)),
                Arg::Text(None),
                Arg::Bool(false),
            ],
            vec![
                Arg::Time(t),
                Arg::Date(NaiveDate::from_ymd_opt(2027, 1, 31)),
                Arg::Int(None),
                Arg::Bool(true),
            ],
        ];
        assert_eq!(
            copy_text(&rows),
            "a\\tb\\\\c\\nd\\re\t3\t\\N\tf\n2026-12-07T05:00:00Z\t2027-01-31\t\\N\tt\n"
        );
    }

    #[test]
    fn values_rows() {
        let mut sql = Sql::new("INSERT INTO t (a, b)");
        sql.values([(1_i64, "x"), (2, "y")], |(a, b)| vec![a.into(), b.into()]);
        assert_eq!(sql.text, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
    }
}
