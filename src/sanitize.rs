//! Cleaning a body that contains raw HTML (site.yaml `unsafe_html: false`, the default): the
//! policy of docs/content-format.md 5.5, applied with ammonia, and the nesting limit that
//! keeps cleaning linear in the body's size.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// URL schemes a reader's browser may follow from a link or load as an image, in Markdown
/// and raw HTML alike; any other (`javascript:`, `vbscript:`, `data:`...) is dropped unless
/// site.yaml says `unsafe_html`. A URL without a scheme (relative) is fine.
pub const SAFE_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "sms", "zalo", "ftp", "ftps", "geo",
];

/// The scheme of a URL as a browser reads it (whitespace and control characters inside it
/// are ignored, `java\tscript:` is `javascript:`), lowercased; `None` for a relative URL
/// (`foo):` has no scheme: a scheme is a letter then letters, digits, `+`, `-`, `.`).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(40)
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Whether a browser following `url` would use a scheme outside [`SAFE_SCHEMES`].
pub fn has_unsafe_scheme(url: &str) -> bool {
    scheme(url).is_some_and(|s| !SAFE_SCHEMES.contains(&s.as_str()))
}

/// What cleaning needs to know of the body besides its HTML.
#[derive(Clone)]
pub struct Ids {
    /// The ids bantin gave the body's headings and footnotes (kept as they are).
    pub ours: HashSet<String>,
    /// The prefix of every id of a body in a shared document (a bulletin's print edition).
    pub prefix: Option<String>,
}

/// Cleans the HTML of a body that has raw HTML in it, by the policy of
/// docs/content-format.md 5.5 (each rule there is one line here or in [`attribute`]).
pub fn clean(html: &str, ids: &Ids) -> String {
    // ammonia keeps its filter as a `'static` box: it gets its own copy of the ids.
    let ids = ids.clone();
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "figure",
        "figcaption",
        "picture",
        "source",
        "video",
        "audio",
        "track",
    ])
    .add_generic_attributes(["id", "class", "dir", "style"])
    .add_generic_attribute_prefixes(["data-"])
    .add_tag_attributes(
        "img",
        ["width", "height", "loading", "decoding", "srcset", "sizes"],
    )
    .add_tag_attributes("source", ["src", "type", "srcset", "sizes", "media"])
    .add_tag_attributes(
        "video",
        [
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "loop",
            "muted",
            "playsinline",
            "preload",
        ],
    )
    .add_tag_attributes("audio", ["src", "controls", "loop", "muted", "preload"])
    .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
    .add_tag_attributes("a", ["target"])
    .add_tag_attributes("time", ["datetime"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attribute_values("div", "tabindex", ["0"])
    .url_schemes(SAFE_SCHEMES.iter().copied().collect())
    .strip_comments(false)
    .link_rel(None)
    .attribute_filter(move |element: &str, name: &str, value: &str| {
        attribute(&ids, element, name, value)
    });
    for tag in ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(tag, ["align"]);
    }
    with_rel(&b.clean(html).to_string())
}

/// The attributes ammonia's lists cannot decide alone: `None` drops one.
fn attribute<'v>(ids: &Ids, element: &str, name: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match (element, name) {
        (_, "style") => text_align(value).map(Cow::Owned),
        (_, "id") => raw_id(ids, value),
        // What a card loads when tapped: bantin's cards give a player of the two hosts, a
        // card copied into raw HTML may give no other.
        (_, "data-player") => crate::video::is_player(value).then_some(Cow::Borrowed(value)),
        ("video" | "audio" | "source" | "track", "src") | ("video", "poster") => {
            // Media a reader's phone downloads: from the site itself, or over https.
            match scheme(value).as_deref() {
                None | Some("https") => Some(Cow::Borrowed(value)),
                Some(_) => None,
            }
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Of a `style`, only a text alignment (what Markdown table columns write): any other
/// property could move, cover or hide the page around the body.
fn text_align(style: &str) -> Option<String> {
    style.split(';').find_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        (property.trim().eq_ignore_ascii_case("text-align")
            && ["left", "right", "center", "justify"].contains(&value.as_str()))
        .then(|| format!("text-align: {value}"))
    })
}

/// An id bantin gave stays; one written in raw HTML gets the shared document's prefix, and
/// is dropped if it would take an id of the theme's page (`share-text`, `main`...).
fn raw_id<'v>(ids: &Ids, value: &'v str) -> Option<Cow<'v, str>> {
    if ids.ours.contains(value) {
        return Some(Cow::Borrowed(value));
    }
    match &ids.prefix {
        Some(prefix) => Some(Cow::Owned(format!("{prefix}-{value}"))),
        None if crate::markdown::is_theme_id(value) => None,
        None => Some(Cow::Borrowed(value)),
    }
}

/// Adds `rel="noopener noreferrer"` to every link that opens another window (`target`), so
/// the page it opens cannot reach back to this one. `html` is ammonia's output: attribute
/// values always in double quotes, no `rel` of its own.
fn with_rel(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(rest.len(), |e| e + 7);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        // The end of the tag: the first `>` outside a quoted value.
        let mut quoted = false;
        let Some(end) = rest.bytes().position(|b| {
            quoted ^= b == b'"';
            b == b'>' && !quoted
        }) else {
            break;
        };
        let tag = &rest[..end];
        out.push_str(tag);
        if tag.starts_with("<a ") && tag.contains(" target=\"") {
            out.push_str(" rel=\"noopener noreferrer\"");
        }
        out.push('>');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// How deep raw HTML may nest elements inside one another. The HTML parser behind the
/// cleaner (html5ever) looks through every open element at each new tag, so 100,000 nested
/// `<div>` took 96 s; past this depth browsers stop nesting too (Blink at 512).
pub const MAX_NESTING: usize = 512;

/// Follows raw HTML fragments, in the order of the body, and measures how deep the HTML
/// parser's stack of open elements can grow with them: an upper bound, so that a body it
/// accepts is cleaned in time linear in its size. It keeps its state between fragments (a
/// comment or a tag may go on over several lines).
#[derive(Default)]
pub struct Nesting {
    /// Open elements: name, and whether their content is SVG or MathML.
    stack: Vec<(String, bool)>,
    /// How many of each name `stack` holds, to find an end tag's element in constant time.
    counts: HashMap<String, usize>,
    /// Formatting elements closed by another element's end tag: the parser keeps them in its
    /// list of active formatting elements and opens them again later.
    lingering: usize,
    state: State,
    /// The deepest nesting seen, and the offset of the fragment where the limit was passed.
    pub deepest: usize,
    pub too_deep_at: Option<usize>,
}

#[derive(Default)]
enum State {
    #[default]
    Text,
    Comment,
    /// Inside `<!...>`, `<?...>` or `</ ...>`: up to the next `>`.
    Bogus,
    /// Inside a start tag's attributes, after its name (and the quote of an open value).
    StartTag {
        name: String,
        quote: Option<u8>,
        slash: bool,
    },
    EndTag,
    /// The content of `<script>`, `<style>`, `<textarea>`...: no tags up to its end tag.
    RawText(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// HTML elements that end SVG or MathML content (HTML standard, "parsing in foreign content").
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];
/// SVG and MathML elements whose content is HTML again.
const INTEGRATION: &[&str] = &["foreignobject", "desc", "title", "annotation-xml"];

impl Nesting {
    /// Follows one raw fragment written at `offset` of the body, inside `outer` elements made
    /// by Markdown (quotes, lists...).
    pub fn scan(&mut self, html: &str, offset: usize, outer: usize) {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            i = match std::mem::take(&mut self.state) {
                State::Text => match memchr(b'<', &bytes[i..]) {
                    Some(at) => self.tag_open(html, i + at + 1),
                    None => bytes.len(),
                },
                State::Comment => match html[i..].find("-->") {
                    Some(at) => i + at + 3,
                    None => {
                        self.state = State::Comment;
                        bytes.len()
                    }
                },
                State::Bogus | State::EndTag => match memchr(b'>', &bytes[i..]) {
                    Some(at) => i + at + 1,
                    None => {
                        self.state = State::Bogus;
                        bytes.len()
                    }
                },
                State::RawText(name) => {
                    let end = format!("</{name}");
                    match find_ascii_ci(&html[i..], &end) {
                        Some(at) => {
                            self.close(&name);
                            self.state = State::Bogus;
                            i + at + end.len()
                        }
                        None => {
                            self.state = State::RawText(name);
                            bytes.len()
                        }
                    }
                }
                State::StartTag { name, quote, slash } => {
                    self.in_start_tag(bytes, i, name, quote, slash)
                }
            };
            let depth = outer + self.stack.len() + self.lingering;
            self.deepest = self.deepest.max(depth);
            if depth > MAX_NESTING && self.too_deep_at.is_none() {
                self.too_deep_at = Some(offset);
            }
        }
    }

    /// After a `<` at `i - 1`: a comment, an end tag, a start tag or text.
    fn tag_open(&mut self, html: &str, i: usize) -> usize {
        let rest = &html[i..];
        if rest.starts_with("!--") {
            self.state = State::Comment;
            return i + 3;
        }
        if rest.starts_with(['!', '?']) {
            self.state = State::Bogus;
            return i + 1;
        }
        let (end, rest, i) = match rest.strip_prefix('/') {
            Some(r) => (true, r, i + 1),
            None => (false, rest, i),
        };
        let len = rest
            .bytes()
            .take_while(|b| !b.is_ascii_whitespace() && *b != b'/' && *b != b'>')
            .count();
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if end {
                self.state = State::Bogus;
            }
            return i;
        }
        let name = rest[..len].to_ascii_lowercase();
        if end {
            self.close(&name);
            self.state = State::EndTag;
        } else {
            self.state = State::StartTag {
                name,
                quote: None,
                slash: false,
            };
        }
        i + len
    }

    /// Attributes up to the `>` that ends the tag, then the element is opened.
    fn in_start_tag(
        &mut self,
        bytes: &[u8],
        mut i: usize,
        name: String,
        mut quote: Option<u8>,
        mut slash: bool,
    ) -> usize {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    self.open(name, slash);
                    return i;
                }
                None => slash = b == b'/',
            }
        }
        self.state = State::StartTag { name, quote, slash };
        i
    }

    fn open(&mut self, name: String, self_closing: bool) {
        let mut foreign = self.stack.last().is_some_and(|(_, f)| *f);
        if foreign && BREAKOUT.contains(&name.as_str()) {
            while let Some((_, true)) = self.stack.last() {
                self.pop();
            }
            foreign = false;
        }
        let pushed = if foreign {
            !self_closing
        } else {
            // A `/>` means nothing on an HTML element: `<div/>` opens a div.
            !VOID.contains(&name.as_str()) && !(self_closing && (name == "svg" || name == "math"))
        };
        if !pushed {
            return;
        }
        let content_foreign = if foreign {
            !INTEGRATION.contains(&name.as_str())
        } else {
            name == "svg" || name == "math"
        };
        if !foreign && RAW_TEXT.contains(&name.as_str()) {
            self.state = State::RawText(name.clone());
        }
        *self.counts.entry(name.clone()).or_default() += 1;
        self.stack.push((name, content_foreign));
    }

    /// An end tag closes its element and every element opened inside it; an end tag with no
    /// open element of its name is ignored, as the parser does.
    fn close(&mut self, name: &str) {
        if self.counts.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(top) = self.pop() {
            if top == name {
                break;
            }
            if FORMATTING.contains(&top.as_str()) {
                self.lingering += 1;
            }
        }
    }

    fn pop(&mut self) -> Option<String> {
        let (name, _) = self.stack.pop()?;
        if let Some(n) = self.counts.get_mut(&name) {
            *n -= 1;
        }
        Some(name)
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deepest(fragments: &[&str]) -> usize {
        let mut n = Nesting::default();
        for f in fragments {
            n.scan(f, 0, 0);
        }
        n.deepest
    }

    #[test]
    fn nesting_counts_open_elements_as_the_parser_does() {
        assert_eq!(deepest(&["<div><p><b>x</b></p></div>"]), 3);
        assert_eq!(deepest(&["<div>", "<div>", "</div>", "</div>"]), 2);
        // Void elements, comments and the content of scripts open nothing.
        assert_eq!(deepest(&["<br><img src=x><!-- <div><div> -->", "<hr>"]), 0);
        assert_eq!(deepest(&["<script><div><div></script>"]), 1);
        // A quoted `>` does not end a tag; a tag may go on over two lines.
        assert_eq!(deepest(&["<div title=\"a>b\"", " class=x><span>"]), 2);
        // `/>` opens an HTML element, and closes an SVG one.
        assert_eq!(deepest(&["<div/><div/>"]), 2);
        assert_eq!(deepest(&["<svg><path/><path/></svg>"]), 1);
        // An end tag of nothing open is ignored; one of an outer element closes the inner ones.
        assert_eq!(deepest(&["<div></x><span></x><i></div><p>"]), 3);
    }

    #[test]
    fn nesting_of_a_hundred_thousand_divs_is_measured_and_located() {
        let mut n = Nesting::default();
        n.scan("<p>", 0, 2);
        n.scan(&"<div>".repeat(100_000), 7, 2);
        assert_eq!(n.deepest, 100_003);
        assert_eq!(n.too_deep_at, Some(7));
    }
}
