//! Diagnostics: what every stage reports to the editor. A diagnostic names the file, the line
//! and column in that file, the key when there is one, what was found and what was expected.

use crate::messages::Text;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a user's file (content, data, config or template).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file as the user knows it (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// The front-matter key or setting concerned, if any.
    pub key: Option<String>,
    /// What is wrong: what was found and what was expected (from the message catalogue).
    pub message: Text,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<Text>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            key: None,
            message: message.into(),
        }
    }

    pub fn file(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Self::new(path, 0, 0, message)
    }

    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Collects diagnostics so that a stage can report everything it found, not just the first.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Sorted by file, line and column, duplicates removed: stable output for editors and tests.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }
}

/// 1-based (line, column) of a byte offset in `text`; the column counts characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The path shown to editors: relative to the site root when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\ntiêu đề: x\n";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 10));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn display_names_file_line_column_and_key() {
        let d = Diagnostic::new(
            "content/a.md",
            3,
            7,
            crate::messages::Text::verbatim("expected a date"),
        )
        .with_key("date");
        assert_eq!(d.to_string(), "content/a.md:3:7: `date`: expected a date");
    }
}
