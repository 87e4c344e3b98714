//! Changing the front matter of a hand-written file one key at a time: every line the editor
//! did not change (other keys, their order, comments, the body) stays byte for byte as it was.

/// The version of a file's text that a form was opened on: a save made on another version is
/// a conflict.
pub fn version(text: &str) -> String {
    crate::hash::content_hash(&[text.as_bytes()])
}

/// A value to write for a key: `None` removes the key.
#[derive(Debug, Clone, PartialEq)]
pub enum NewValue {
    /// Written as it is (a date, a number, `true`, `false`).
    Plain(String),
    /// A string, quoted when YAML would read it as something else.
    Text(String),
    /// A block list of strings.
    List(Vec<String>),
}

/// The file's text with `key` set to `value` (or removed). The front matter must be there
/// (the file was read and split before); a key that is not there yet replaces its commented
/// placeholder (`# summary: `) when there is one, or goes at the end of the front matter.
pub fn set_key(text: &str, key: &str, value: Option<&NewValue>) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The front matter: between the first line and the next `---` line.
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|i| i + 1)
    else {
        return text.to_string();
    };
    let key_line = (1..end).find(|&i| key_of(lines[i]) == Some(key));
    if key_line.is_none() && value.is_none() {
        // Nothing to remove (a commented placeholder stays).
        return text.to_string();
    }
    let (from, to) = match key_line {
        Some(i) => (i, block_end(&lines, i, end)),
        None => match (1..end).find(|&i| is_placeholder(lines[i], key)) {
            Some(i) => (i, i + 1),
            None => (end, end),
        },
    };
    let comment = key_line.map_or("", |i| trailing_comment(lines[i]));
    let mut out = String::with_capacity(text.len() + 64);
    lines[..from].iter().for_each(|l| out.push_str(l));
    if let Some(value) = value {
        out.push_str(&render(key, value, comment));
    }
    lines[to..].iter().for_each(|l| out.push_str(l));
    out
}

/// `title` for `title: x`; only keys at the start of a line (top level).
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let simple = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    simple.then_some(key)
}

/// `# summary:` (as `bantin new` writes optional keys).
fn is_placeholder(line: &str, key: &str) -> bool {
    line.strip_prefix('#')
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix(key))
        .is_some_and(|rest| rest.starts_with(':'))
}

/// The line after a key's value: its continuation lines are indented or list items.
fn block_end(lines: &[&str], key_line: usize, end: usize) -> usize {
    let mut i = key_line + 1;
    while i < end {
        let line = lines[i];
        let continues = line.starts_with([' ', '\t', '-']) || line.trim().is_empty();
        if !continues {
            break;
        }
        i += 1;
    }
    // Blank lines after the block belong to the layout of the file, not to the value.
    while i > key_line + 1 && lines[i - 1].trim().is_empty() {
        i -= 1;
    }
    i
}

/// The spaces and `# comment` after a one-line value, kept when the value changes
/// (`unit_type: collective   # collective | individual`).
fn trailing_comment(line: &str) -> &str {
    let line = line.trim_end_matches(['\n', '\r']);
    let Some((_, rest)) = line.split_once(':') else {
        return "";
    };
    let value = rest.trim_start();
    let after_value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => closing_quote(value, q).map_or("", |i| &value[i..]),
        _ => value.find(" #").map_or("", |i| &value[i..]),
    };
    let at = after_value
        .find('#')
        .map(|i| after_value.len() - i)
        .unwrap_or(0);
    if at == 0 {
        return "";
    }
    // With the spaces before it.
    let comment_start = line.len() - at;
    let spaces = line[..comment_start].len() - line[..comment_start].trim_end().len();
    &line[comment_start - spaces..]
}

/// The byte after the quote that closes a quoted value starting with `quote`.
fn closing_quote(value: &str, quote: char) -> Option<usize> {
    let bytes = value.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 2,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote as u8 => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn render(key: &str, value: &NewValue, comment: &str) -> String {
    match value {
        NewValue::Plain(text) => format!("{key}: {text}{comment}\n"),
        NewValue::Text(text) => format!("{key}: {}{comment}\n", scalar(text)),
        NewValue::List(items) if items.is_empty() => format!("{key}: []{comment}\n"),
        NewValue::List(items) => {
            let mut out = format!("{key}:{comment}\n");
            for item in items {
                out.push_str(&format!("  - {}\n", scalar(item)));
            }
            out
        }
    }
}

/// `text` as a YAML scalar: plain when YAML reads it back as the same string, else a JSON
/// string (which YAML reads as a double-quoted scalar).
pub fn scalar(text: &str) -> String {
    let plain_reads_back = !text.is_empty()
        && !text.contains(['\n', '\t', '#', '"', '\''])
        && text.trim() == text
        && crate::yaml::to_tree(&format!("v: {text}\n"))
            .ok()
            .is_some_and(|v| v.get("v").and_then(|v| v.as_str()) == Some(text));
    if plain_reads_back {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\n# Một bài viết\ntitle: Bài cũ\nunit_type: collective   # collective | individual\ntopics:\n  - Dân vận\n  - Nông thôn mới\n\n# summary: \ndraft: true\n---\n\nThân bài.\n---\n";

    #[test]
    fn a_changed_key_keeps_every_other_line() {
        let out = set_key(
            FILE,
            "title",
            Some(&NewValue::Text("Bài mới: kết quả".into())),
        );
        assert_eq!(
            out,
            FILE.replace("title: Bài cũ", "title: \"Bài mới: kết quả\"")
        );
        let out = set_key(
            FILE,
            "unit_type",
            Some(&NewValue::Plain("individual".into())),
        );
        assert!(out.contains("unit_type: individual   # collective | individual\n"));
        assert_eq!(out.lines().count(), FILE.lines().count());
    }

    #[test]
    fn lists_are_replaced_whole_and_placeholders_filled() {
        let out = set_key(
            FILE,
            "topics",
            Some(&NewValue::List(vec!["Biên giới".into()])),
        );
        assert!(
            out.contains("topics:\n  - Biên giới\n\n# summary: \n"),
            "{out}"
        );
        let out = set_key(FILE, "summary", Some(&NewValue::Text("Tóm tắt".into())));
        assert!(out.contains("\nsummary: Tóm tắt\ndraft: true\n"), "{out}");
        let out = set_key(FILE, "author", Some(&NewValue::Text("Hà An".into())));
        assert!(
            out.contains("draft: true\nauthor: Hà An\n---\n\nThân bài.\n---\n"),
            "{out}"
        );
        let out = set_key(FILE, "draft", None);
        assert!(!out.contains("draft"), "{out}");
        assert!(
            out.ends_with("# summary: \n---\n\nThân bài.\n---\n"),
            "{out}"
        );
    }

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("Dân vận khéo"), "Dân vận khéo");
        for tricky in [
            "yes", "2025", "a: b", "- x", "[x]", "", " x", "null", "a #b", "\"q\"",
        ] {
            let quoted = scalar(tricky);
            let back = crate::yaml::to_tree(&format!("v: {quoted}\n")).expect("yaml");
            assert_eq!(
                back.get("v").and_then(|v| v.as_str()),
                Some(tricky),
                "{quoted}"
            );
        }
    }
}
