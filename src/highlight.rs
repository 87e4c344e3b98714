//! Syntax highlighting of fenced code with syntect, as CSS classes (`hl-keyword`...) styled
//! by the theme's one stylesheet: no inline colours.

use crate::text::escape_html;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loaded on the first highlighted block only: most bulletins have no code at all.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// `<pre class="code" data-lang="..."><code>…</code></pre>` for a fenced block.
pub fn highlight_block(code: &str, lang: &str) -> String {
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let body = if lang.is_empty() || matches!(lang, "text" | "txt" | "plain") {
        escape_html(code)
    } else {
        highlight_with_syntect(code, lang).unwrap_or_else(|| escape_html(code))
    };
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{}\"><code>{body}</code></pre>\n",
            escape_html(lang)
        )
    }
}

fn highlight_with_syntect(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_colours() {
        let html = highlight_block("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\">"));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight_block("<b>x</b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
