//! The one place that knows the YAML library (serde_yaml, archived upstream but the project's
//! choice): swapping it touches this file only. Everything else gets plain serde types or a
//! `serde_json::Value` tree, and errors with a line and column.

use crate::messages::Text;
use crate::t;
use serde::de::DeserializeOwned;

/// A YAML problem with its 1-based position in the parsed text (0 when unknown).
#[derive(Debug, Clone)]
pub struct YamlError {
    /// The catalogue's words for a mistake this module recognises, else serde_yaml's own.
    pub message: Text,
    pub line: usize,
    pub column: usize,
    /// The text is not YAML (callers say so); `false` for valid YAML with a value no page may
    /// carry (a control character).
    pub syntax: bool,
    /// The key the problem is under, when known (`title`, `languages.1.name`).
    pub key: Option<String>,
}

impl YamlError {
    /// The problem as a diagnostic of the file at `path`, whose YAML starts on file line
    /// `first_line`; `syntax` words a syntax error for the kind of file.
    pub fn diagnostic<M: Into<Text>>(
        self,
        path: impl Into<std::path::PathBuf>,
        first_line: usize,
        syntax: impl FnOnce(Text) -> M,
    ) -> crate::diagnostic::Diagnostic {
        let line = if self.line > 0 {
            first_line + self.line - 1
        } else {
            first_line
        };
        let message = if self.syntax {
            syntax(self.message).into()
        } else {
            self.message
        };
        let d = crate::diagnostic::Diagnostic::new(path, line, self.column, message);
        match self.key {
            Some(key) => d.with_key(key),
            None => d,
        }
    }
}

fn convert(text: &str, err: serde_yaml::Error) -> YamlError {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    // serde_yaml appends " at line L column C" to its message; we report the position ourselves.
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    // A key written twice (found by the value tree's visitor, under any path).
    if let Some(i) = message.find(TWICE) {
        // serde_yaml's place (the map) is the fallback when the key is not found as written.
        let fallback = (line <= text.lines().count()).then_some((line, column));
        return twice(text, message[i + TWICE.len()..].trim(), fallback);
    }
    // Valid YAML: a number too large for the value tree (serde_json's words), under a key.
    if let Some(path) = message.strip_suffix("JSON number out of range") {
        let written: String = text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| l.get(l.char_indices().nth(column.saturating_sub(1))?.0..))
            .unwrap_or_default()
            .chars()
            .take_while(|c| !c.is_whitespace() && !",]}#".contains(*c))
            .collect();
        return YamlError {
            message: t!("content-yaml-number-too-large", number = written),
            line,
            column,
            syntax: false,
            key: path
                .strip_suffix(": ")
                .filter(|k| !k.is_empty())
                .map(str::to_string),
        };
    }
    if let Some((key, message)) = wrong_data(&message) {
        return YamlError {
            message,
            line,
            column,
            syntax: true,
            key,
        };
    }
    explain(text, &message, line).unwrap_or(YamlError {
        // serde_yaml's own words, quoted, for a mistake not recognised here.
        message: t!("content-yaml-other", words = message),
        line,
        column,
        syntax: true,
        key: None,
    })
}

/// Valid YAML of the wrong shape for a typed read, in the catalogue's words: serde's messages
/// (`.[0].name: invalid type: string "Hà", expected a map`) have a few fixed forms. Returns
/// the last key of serde's path (the line and column already show which entry) and the words.
fn wrong_data(message: &str) -> Option<(Option<String>, Text)> {
    const FORMS: [&str; 5] = [
        "invalid type: ",
        "missing field `",
        "unknown field `",
        "unknown variant `",
        "data did not match any variant",
    ];
    let (path, problem) = match FORMS.iter().find(|f| message.starts_with(**f)) {
        Some(_) => ("", message),
        None => FORMS
            .iter()
            .find_map(|f| message.find(&format!(": {f}")))
            .map(|i| (&message[..i], &message[i + 2..]))?,
    };
    let key = path
        .rsplit('.')
        .find(|k| !k.is_empty() && !k.starts_with('['))
        .map(str::to_string);
    // The names in serde's `expected one of `a`, `b``, as `a, b`.
    let names = |list: &str| list.replace('`', "").replace(" or ", ", ");
    let text = if let Some(rest) = problem.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        let (found, value) = found_kind(found);
        let expected = expected_kind(expected);
        t!(
            "content-yaml-wrong-type",
            found = found,
            value = value,
            expected = expected
        )
    } else if let Some(rest) = problem.strip_prefix("missing field `") {
        t!("content-yaml-missing-key", key = rest.trim_end_matches('`'))
    } else if let Some(rest) = problem.strip_prefix("unknown field `") {
        let (field, keys) = rest.split_once("`, expected ")?;
        let keys = names(keys.trim_start_matches("one of "));
        t!("content-yaml-unknown-key", key = field, keys = keys)
    } else if let Some(rest) = problem.strip_prefix("unknown variant `") {
        let (value, values) = rest.split_once("`, expected ")?;
        let values = names(values.trim_start_matches("one of "));
        t!("content-yaml-unknown-value", value = value, values = values)
    } else {
        t!("content-yaml-no-form")
    };
    Some((key, text))
}

/// What serde found (`integer `5``, `string "Hà"`, `sequence`), as a kind of the catalogue's
/// `content-yaml-wrong-type` and the value as written.
fn found_kind(found: &str) -> (&'static str, String) {
    let quoted = |s: &str, open: &str, close: char| {
        s.strip_prefix(open)
            .and_then(|v| v.strip_suffix(close))
            .map(str::to_string)
    };
    if let Some(v) =
        quoted(found, "integer `", '`').or_else(|| quoted(found, "floating point `", '`'))
    {
        ("number", v)
    } else if let Some(v) = quoted(found, "string \"", '"') {
        ("text", v)
    } else if let Some(v) = quoted(found, "boolean `", '`') {
        ("boolean", v)
    } else {
        let kind = match found {
            "sequence" => "list",
            "map" => "map",
            "unit value" | "null" => "empty",
            _ => "other",
        };
        (kind, String::new())
    }
}

/// What serde expected (`a map`, `struct RawLocality`, `a string`, `u64`), as a kind.
fn expected_kind(expected: &str) -> &'static str {
    let number = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "f32", "f64",
    ];
    if expected.contains("map") || expected.starts_with("struct ") {
        "map"
    } else if expected.contains("sequence") {
        "list"
    } else if expected.contains("string") || expected.contains("char") {
        "text"
    } else if expected.contains("bool") {
        "boolean"
    } else if number.contains(&expected)
        || expected.contains("integer")
        || expected.contains("number")
    {
        "number"
    } else {
        "other"
    }
}

/// The YAML mistakes editors make, in words they understand and at the place to fix: a value
/// with `: ` in it (a title such as `Hội nghị: tổng kết năm`), a quote or a `[` list never
/// closed (serde_yaml reports where the file ends, not where it opened), text after a closing
/// quote, a tab for indenting.
fn explain(text: &str, message: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().collect();
    let at = |n: usize, byte: usize, key: &str, message: Text| {
        let column = lines
            .get(n)
            .map_or(1, |l| l[..byte.min(l.len())].chars().count() + 1);
        Some(YamlError {
            message,
            line: n + 1,
            column,
            syntax: true,
            key: Some(key.to_string()),
        })
    };
    // `key: value` lines: (line index, key, byte where the value starts, value).
    let entries = lines.iter().enumerate().filter_map(|(n, l)| {
        let colon = l.find(':')?;
        let key = l[..colon].trim().trim_start_matches("- ");
        let value = l[colon + 1..].trim_start();
        let start = l.len() - value.len();
        (!key.is_empty() && !key.contains(['"', '\'', '#'])).then_some((n, key, start, value))
    });
    if message.contains("tab character") {
        let n = line.saturating_sub(1);
        return Some(YamlError {
            message: t!("content-yaml-tab"),
            line: n + 1,
            column: 1,
            syntax: true,
            key: None,
        });
    }
    if message.contains("mapping values are not allowed") {
        let n = line.checked_sub(1)?;
        let (_, key, start, value) = entries.clone().find(|e| e.0 == n)?;
        let colon = value.find(": ").map_or(start, |i| start + i);
        let escaped = value.replace('"', "\\\"");
        return at(
            n,
            colon,
            key,
            t!("content-yaml-colon-in-value", key = key, value = escaped),
        );
    }
    let unclosed = [
        "end of stream",
        "did not find expected",
        "quoted scalar",
        "flow",
    ];
    if !unclosed.iter().any(|m| message.contains(m)) {
        return None;
    }
    for (n, key, start, value) in entries {
        let Some(quote) = value
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '['))
        else {
            continue;
        };
        match closing(&value[1..], quote) {
            None => {
                let message = match quote {
                    '[' => t!("content-yaml-list-not-closed"),
                    q => t!("content-yaml-quote-not-closed", quote = q),
                };
                return at(n, start, key, message);
            }
            Some(end) => {
                let after = value[1 + end + 1..].trim_start();
                if quote != '[' && !after.is_empty() && !after.starts_with('#') {
                    let value = requoted(value, quote);
                    let message = t!(
                        "content-yaml-text-after-quote",
                        key = key,
                        quote = quote,
                        value = value
                    );
                    return at(n, start, key, message);
                }
            }
        }
    }
    None
}

/// A value that starts with a quotation in `quote` marks, in the other marks as a whole.
fn requoted(value: &str, quote: char) -> String {
    if quote == '"' {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Where the quote or bracket that `text` follows closes on its line (a byte offset), if it
/// does: `"` not after a backslash, `'` not doubled, `]` outside quotes.
fn closing(text: &str, open: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('"', '"') => return Some(i),
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            ('\'', '\'') => return Some(i),
            ('[', ']') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Parses YAML into a typed value (serde derive with `deny_unknown_fields` where wanted).
/// All text is NFC: site.yaml, data/ and i18n/ files saved decomposed (NFD) give the same
/// names, slugs and bytes as composed ones. No value may hold a control character (see
/// `text::forbidden_char`), whether written as is or as an escape (`"\f"`).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = crate::text::nfc(text);
    check_characters(&text)?;
    // The value tree first: it finds keys written twice (a typed read keeps the last one
    // silently) and, after double-quoted escapes, control characters in the values.
    let tree = parse_tree(&text)?;
    if text.contains('\\') {
        check_values(&text, &tree)?;
    }
    serde_yaml::from_str(&text).map_err(|e| convert(&text, e))
}

/// Parses YAML into a generic tree, for stages that check keys one by one (NFC and no control
/// characters, as above).
pub fn to_tree(text: &str) -> Result<serde_json::Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    let text = crate::text::nfc(text);
    check_characters(&text)?;
    let tree = parse_tree(&text)?;
    if text.contains('\\') {
        check_values(&text, &tree)?;
    }
    Ok(tree)
}

fn parse_tree(text: &str) -> Result<serde_json::Value, YamlError> {
    serde_yaml::from_str::<Tree>(text)
        .map(|t| t.0)
        .map_err(|e| convert(text, e))
}

/// The start of the visitor's message for a key written twice, followed by the key.
const TWICE: &str = "key written twice: ";

/// A key written twice, at its second `key:` in the same map (serde_yaml gives the map's
/// start): in a flow map (`{ fr: a, fr: b }`) on the same line; in a block map at the same
/// indentation with no line of the map's parent in between.
fn twice(text: &str, key: &str, fallback: Option<(usize, usize)>) -> YamlError {
    let at = duplicate_key_position(text, key)
        .or(fallback)
        .unwrap_or((0, 0));
    YamlError {
        message: t!("content-yaml-key-twice"),
        line: at.0,
        column: at.1,
        syntax: false,
        key: Some(key.to_string()),
    }
}

/// (line, column) from 1 of the second `key:` of one map, as [`twice`] describes.
fn duplicate_key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let forms = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    // The written key at byte `at` of `line`, if `key` starts there and a `:` follows.
    let key_at = |line: &str, at: usize| {
        forms.iter().any(|f| {
            line[at..].starts_with(f.as_str()) && line[at + f.len()..].trim_start().starts_with(':')
        })
    };
    // Block keys seen, by column, since the last line that closed their map.
    let mut open: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut start = indent;
        while line[start..].starts_with("- ") {
            start += 2;
            start += line[start..].len() - line[start..].trim_start().len();
        }
        // A line left of a key seen, or a new list item at its column, ends that map.
        open.retain(|&c| c < indent || (c == start && start == indent));
        if key_at(line, start) {
            if open.contains(&start) {
                return Some((i + 1, line[..start].chars().count() + 1));
            }
            open.push(start);
        }
        // Flow maps on this line: a key after `{` or `,` seen twice.
        let mut seen = false;
        for (j, c) in line.char_indices() {
            if c == '{' || c == ',' {
                let k = j + 1 + (line[j + 1..].len() - line[j + 1..].trim_start().len());
                if k < line.len() && key_at(line, k) {
                    if seen {
                        return Some((i + 1, line[..k].chars().count() + 1));
                    }
                    seen = true;
                }
            }
        }
    }
    None
}

/// A `serde_json::Value` read from YAML that keeps what JSON cannot hold as text: a whole
/// number beyond 64 bits (`number: 99999999999999999999999`) keeps its digits, and `.nan` or
/// `1e400` become `NaN` and `inf`. serde_json's own reader refuses the first ("JSON number
/// out of range", a message about a format the editor never wrote) and turns the others into
/// nothing, as if the key were empty: the checks of each key then say what was expected.
struct Tree(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> serde::de::Visitor<'de> for TreeVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| v.to_string().into(), Into::into))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| v.to_string().into(), Into::into))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string().into(), Into::into))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Tree(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(items.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some((Tree(key), Tree(value))) = map.next_entry()? {
            // serde_json keys are texts: `2025: x` and `true: y` keep their written form.
            let key = match key {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            // serde_json would keep the last silently: `title:` written twice, one is lost.
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("{TWICE}{key}")));
            }
            out.insert(key, value);
        }
        Ok(out.into())
    }
}

/// A control character written as is: located exactly.
fn check_characters(text: &str) -> Result<(), YamlError> {
    match crate::text::forbidden_char(text) {
        None => Ok(()),
        Some((offset, c)) => {
            let (line, column) = crate::diagnostic::line_col(text, offset);
            // The top-level key whose value holds it: the last `key:` line at or above it.
            let key = text
                .lines()
                .take(line)
                .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
                .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
                .last();
            Err(YamlError {
                // src/text.rs words it (it is not one of this module's messages).
                message: crate::text::forbidden_char_message(c),
                line,
                column,
                syntax: false,
                key,
            })
        }
    }
}

/// A control character made by an escape (`"\f"`, `"\x0c"`): reported at the first line
/// that holds a backslash escape, with the key it is under.
fn check_values(text: &str, tree: &serde_json::Value) -> Result<(), YamlError> {
    use serde_json::Value;
    fn find(value: &Value, path: &mut Vec<String>) -> Option<char> {
        match value {
            Value::String(s) => crate::text::forbidden_char(s).map(|(_, c)| c),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
                path.push(i.to_string());
                let found = find(v, path);
                if found.is_none() {
                    path.pop();
                }
                found
            }),
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                path.push(k.clone());
                let found = find(v, path);
                if found.is_none() {
                    path.pop();
                }
                found
            }),
            _ => None,
        }
    }
    let mut path = Vec::new();
    let Some(c) = find(tree, &mut path) else {
        return Ok(());
    };
    let line = text
        .lines()
        .position(|l| l.contains('\\'))
        .map_or(0, |i| i + 1);
    let problem = crate::text::forbidden_char_message(c);
    Err(YamlError {
        message: t!("content-yaml-escaped-control", problem = problem),
        line,
        column: 0,
        syntax: false,
        key: Some(path.join(".")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_where_they_are_written() {
        let err = to_tree("date: 2025-01-01\ntitle: Bài\u{c}viết\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 11), "{err:?}");
        assert_eq!(err.key.as_deref(), Some("title"), "{err:?}");
        assert!(err.message.contains("U+000C (a form feed)"), "{err:?}");
        for escaped in ["title: \"a\\fb\"\n", "a: 1\nlist: [\"x\\x01\"]\n"] {
            let err = to_tree(escaped).unwrap_err();
            assert!(err.message.contains("backslash escape"), "{err:?}");
            assert!(err.line >= 1, "{err:?}");
        }
        let err =
            from_str::<std::collections::BTreeMap<String, String>>("t: \"\\u0007\"\n").unwrap_err();
        assert_eq!(err.key.as_deref(), Some("t"), "{err:?}");
        // Escapes that make ordinary characters pass.
        assert!(to_tree("title: \"Dòng\\tmột\\u00e0 \\\\ C:\\\\x\"\n").is_ok());
    }

    #[test]
    fn syntax_error_has_position() {
        let err = to_tree("title: a\ndate: [1, 2\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn editors_yaml_mistakes_are_explained_where_they_are() {
        let cases = [
            (
                "title: Hội nghị: tổng kết năm\n",
                1,
                16,
                "expected the whole value in quotes: `title: \"Hội nghị: tổng kết năm\"`",
            ),
            (
                "date: 2025-01-01\ntitle: \"Hội nghị\nsummary: x\n",
                2,
                8,
                "the quote that opens the value with \" is never closed",
            ),
            ("title: 'Hội nghị\n", 1, 8, "with ' is never closed"),
            (
                "title: x\n\tdate: 2025-01-01\n",
                2,
                1,
                "a tab indents this line; expected spaces",
            ),
            (
                "topics: [a, b\ndate: 2025-01-01\n",
                1,
                9,
                "the list that opens the value with [ is never closed",
            ),
            (
                "title: \"Dân vận khéo\" ở Hà Nam\n",
                1,
                8,
                "goes on after its closing \"; expected other quotes around the whole value: `title: '\"Dân vận khéo\" ở Hà Nam'`",
            ),
        ];
        for (yaml, line, column, words) in cases {
            let err = to_tree(yaml).expect_err(yaml);
            assert!(err.syntax, "{err:?}");
            assert!(err.message.contains(words), "{yaml}: {}", err.message);
            assert_eq!((err.line, err.column), (line, column), "{yaml}: {err:?}");
        }
        // A quote or list that goes on to the next line is valid YAML, and stays so.
        assert!(to_tree("title: \"Hội\n  nghị\"\ntopics: [a,\n  b]\n").is_ok());
    }

    #[test]
    fn recognised_mistakes_are_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let vi = |yaml: &str| {
            in_language(Language::Vietnamese, || to_tree(yaml).expect_err(yaml))
                .message
                .into_string()
        };
        assert_eq!(
            vi("title: Hội nghị: tổng kết năm\n"),
            "giá trị có dấu hai chấm rồi dấu cách, YAML hiểu đó là chỗ bắt đầu một khóa khác; hãy đặt cả giá trị trong dấu ngoặc kép: `title: \"Hội nghị: tổng kết năm\"`"
        );
        assert_eq!(
            vi("topics: [a, b\ndate: 2025-01-01\n"),
            "danh sách mở bằng dấu [ ở đầu giá trị không được đóng; cần dấu ] ở cuối giá trị"
        );
        assert_eq!(
            vi("title: a\ntitle: b\n"),
            "khóa này được viết hai lần; mỗi khóa chỉ viết một lần (giá trị viết lần đầu sẽ bị mất)"
        );
        // The same mistake in English, word for word as before the catalogue.
        let en = to_tree("title: 'Hội nghị\n").unwrap_err();
        assert_eq!(
            en.message.as_str(),
            "the quote that opens the value with ' is never closed; expected ' at the end of the value"
        );
    }
}
