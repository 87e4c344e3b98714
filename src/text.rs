//! Text helpers shared by every stage: Vietnamese-aware slugs, Unicode normalization,
//! HTML escaping and plain-text extraction.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A URL slug: lowercase ASCII letters, digits and hyphens where the input is Latin script.
/// Tone marks and other diacritics are dropped (composed NFC and decomposed NFD input give the
/// same slug) and `đ`/`Đ`, which have no decomposition, become `d`. Letters of other scripts
/// are kept (lowercased) so a title in any language still gives a usable slug.
pub fn slugify(input: &str) -> String {
    let mut slug = String::with_capacity(input.len());
    let mut pending_dash = false;
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if slug.is_ascii() {
        slug
    } else {
        slug.nfc().collect()
    }
}

/// NFC form of a string: what we store and compare, whatever keyboard produced the input.
pub fn nfc(input: &str) -> String {
    // Most text is already NFC: checking is much cheaper than recomposing.
    if input.is_ascii()
        || unicode_normalization::is_nfc_quick(input.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return input.to_string();
    }
    input.nfc().collect()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text of an HTML fragment that bantin generated: tags dropped, the common entities
/// decoded, runs of whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_title_gives_ascii_slug() {
        assert_eq!(
            slugify("Đổi mới công tác dân vận"),
            "doi-moi-cong-tac-dan-van"
        );
        assert_eq!(
            slugify("Người dân “đồng thuận” 100%!"),
            "nguoi-dan-dong-thuan-100"
        );
    }

    #[test]
    fn nfd_title_gives_same_slug_as_nfc() {
        let nfc_title = "Dân vận khéo ở Ninh Bình";
        let nfd_title: String = nfc_title.nfd().collect();
        assert_ne!(nfc_title, nfd_title);
        assert_eq!(slugify(&nfd_title), slugify(nfc_title));
        assert_eq!(slugify(nfc_title), "dan-van-kheo-o-ninh-binh");
    }

    #[test]
    fn hostile_characters_never_survive_in_a_slug() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn html_to_text_drops_tags_and_decodes() {
        assert_eq!(
            html_to_text("<p>A &amp; <em>b</em></p>\n<p>c</p>"),
            "A & b c"
        );
    }
}
