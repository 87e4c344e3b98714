//! The one place that knows the YAML library (serde_yaml, archived upstream but the project's
//! choice): swapping it touches this file only. Everything else gets plain serde types or a
//! `serde_json::Value` tree, and errors with a line and column.

use serde::de::DeserializeOwned;

/// A YAML problem with its 1-based position in the parsed text (0 when unknown).
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

fn convert(err: serde_yaml::Error) -> YamlError {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    // serde_yaml appends " at line L column C" to its message; we report the position ourselves.
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError {
        message,
        line,
        column,
    }
}

/// Parses YAML into a typed value (serde derive with `deny_unknown_fields` where wanted).
/// All text is NFC: site.yaml, data/ and i18n/ files saved decomposed (NFD) give the same
/// names, slugs and bytes as composed ones.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(&crate::text::nfc(text)).map_err(convert)
}

/// Parses YAML into a generic tree, for stages that check keys one by one (NFC, as above).
pub fn to_tree(text: &str) -> Result<serde_json::Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    serde_yaml::from_str(&crate::text::nfc(text)).map_err(convert)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_position() {
        let err = to_tree("title: a\ndate: [1, 2\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }
}
