//! Text helpers shared by every stage: Vietnamese-aware slugs, Unicode normalization,
//! HTML escaping and plain-text extraction.

use crate::messages::Text;
use crate::t;
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

/// The Vietnamese alphabet in order: letters with a breve, circumflex or horn, and `đ`, are
/// letters of their own (a < ă < â < b ... d < đ ... o < ô < ơ ... u < ư).
const VIETNAMESE_ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// A sort key that orders text the way a Vietnamese dictionary does: by letters first (with
/// ă, â, đ, ê, ô, ơ, ư as letters of their own), then by tone (none, huyền, hỏi, ngã, sắc,
/// nặng), case ignored. NFC and NFD input give the same key. Other characters sort after the
/// Vietnamese letters, by code point.
pub fn collation_key(input: &str) -> Vec<u32> {
    let mut letters: Vec<u32> = Vec::with_capacity(input.len());
    let mut tones: Vec<u32> = Vec::new();
    for c in input.nfc() {
        let mut base = None;
        let (mut breve, mut circumflex, mut horn, mut tone) = (false, false, false, 0u32);
        for d in std::iter::once(c)
            .flat_map(|c| c.to_lowercase())
            .collect::<String>()
            .nfd()
        {
            match d {
                '\u{0306}' => breve = true,
                '\u{0302}' => circumflex = true,
                '\u{031B}' => horn = true,
                '\u{0300}' => tone = 1, // huyền
                '\u{0309}' => tone = 2, // hỏi
                '\u{0303}' => tone = 3, // ngã
                '\u{0301}' => tone = 4, // sắc
                '\u{0323}' => tone = 5, // nặng
                _ if base.is_none() => base = Some(d),
                _ => {}
            }
        }
        let Some(base) = base else { continue };
        let letter = match (base, breve, circumflex, horn) {
            ('a', true, _, _) => 'ă',
            ('a', _, true, _) => 'â',
            ('e', _, true, _) => 'ê',
            ('o', _, true, _) => 'ô',
            ('o', _, _, true) => 'ơ',
            ('u', _, _, true) => 'ư',
            (b, ..) => b,
        };
        let weight = match VIETNAMESE_ALPHABET.chars().position(|l| l == letter) {
            Some(i) => i as u32 + 1,
            None if letter.is_whitespace() => 0,
            None => 0x100 + letter as u32,
        };
        letters.push(weight);
        tones.push(tone);
    }
    letters.push(0);
    letters.extend(tones);
    // Kept with every item for as long as the site is: no spare room.
    letters.shrink_to_fit();
    letters
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

/// The first character of `text` that no page, feed or printout may carry, with its byte
/// offset: control characters other than tab and line breaks (a form feed or a vertical tab
/// pasted from Word or a PDF makes a feed invalid XML and empties print headers), and the
/// Unicode noncharacters.
pub fn forbidden_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => true,
        c => (c as u32) & 0xfffe == 0xfffe,
    }
}

/// How an editor can recognize a character: `U+000C (a form feed)`.
pub fn describe_char(c: char) -> Text {
    let name = match c {
        '\u{0}' => "nul",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical-tab",
        '\u{c}' => "form-feed",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        _ => "other",
    };
    let code = format!("{:04X}", c as u32);
    t!("content-character", code = code, name = name)
}

/// The message for a forbidden character (see [`forbidden_char`]).
pub fn forbidden_char_message(c: char) -> Text {
    t!("content-forbidden-character", character = describe_char(c))
}

/// A value for a URL query: everything but unreserved characters percent-encoded.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%20` and friends decoded (in links written by editors and in requested paths).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    escape_html_into(&mut out, input);
    out
}

/// [`escape_html`], appended to `out`.
pub fn escape_html_into(out: &mut String, input: &str) {
    escape_html_runs(input, |run| out.push_str(run));
}

/// [`escape_html`] into a writer (tera's escape function: its own writes byte by byte, a
/// tenth of a build's time).
pub fn escape_html_to(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_html_runs(input, |run| {
        if result.is_ok() {
            result = out.write_all(run.as_bytes());
        }
    });
    result
}

/// The pieces of `input` escaped for HTML, in order: runs without special characters whole,
/// and an entity for each special character.
fn escape_html_runs<'a>(input: &'a str, mut put: impl FnMut(&'a str)) {
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        if start < i {
            put(&input[start..i]);
        }
        put(entity);
        start = i + 1;
    }
    if start < input.len() {
        put(&input[start..]);
    }
}

/// `text` if it has at most `max_chars` characters; else its first words within them (with
/// runs of whitespace collapsed), then `…`.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = cut.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// JSON for a `<script>` element of a page (JSON-LD, the search page's settings): `<`, `>`
/// and `&` written as `\u003c`, `\u003e` and `\u0026`, so that no text (`</script>`, `<!--`)
/// can end or change the element, and U+2028/U+2029 escaped for older JavaScript. Any JSON
/// parser reads the same value back. Every JSON written into HTML goes through here.
pub fn json_in_html(value: &serde_json::Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text of an HTML fragment that bantin generated: tags dropped, the common entities
/// decoded, runs of whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                // Block elements separate words; inline ones (a, em, strong...) do not.
                let name = name
                    .trim_start_matches('/')
                    .split([' ', '/', '\n'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if is_block_tag(&name) {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    let decoded = decode_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "hr"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "nav"
            | "header"
            | "footer"
            | "img"
    )
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

/// A path relative to the site as editors write it, with `/` on every system
/// (`content/articles/x.md`).
pub fn slashed(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
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
    fn vietnamese_alphabetical_order() {
        let mut words = vec![
            "đào", "dân", "ăn", "an", "âm", "bé", "ơn", "ông", "ong", "ưu", "uống", "à", "á", "ả",
            "ã", "ạ", "a",
        ];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(
            words,
            [
                "a", "à", "ả", "ã", "á", "ạ", "an", "ăn", "âm", "bé", "dân", "đào", "ong", "ông",
                "ơn", "uống", "ưu"
            ]
        );
    }

    #[test]
    fn collation_ignores_case_and_normalization() {
        let nfd: String = "Đổi mới".nfd().collect();
        assert_eq!(collation_key(&nfd), collation_key("đổi mới"));
    }

    #[test]
    fn json_in_html_hides_markup_and_reads_back_the_same() {
        let value = serde_json::json!({ "q": "<!--<script></script> & \u{2028}" });
        let json = json_in_html(&value);
        assert!(!json.contains(['<', '>', '&', '\u{2028}']), "{json}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).ok(),
            Some(value)
        );
    }

    #[test]
    fn html_to_text_drops_tags_and_decodes() {
        assert_eq!(
            html_to_text("<p>A &amp; <em>b</em></p>\n<p>c</p>"),
            "A & b c"
        );
    }
}
