//! Just enough of HTML's tokenizer to find every attribute value of every start tag, in any
//! of the three syntaxes (`href="/x/"`, `href='/x/'`, `href=/x/`), and nothing else: text,
//! comments, doctypes, end tags and the contents of `<script>`, `<style>`, `<textarea>` and
//! `<title>` pass through byte for byte.

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `html` with the value of every attribute replaced by `rewrite(name, value)` where it
/// returns a new value. `name` is lowercase; `value` is the text as written (character
/// references undecoded). A new value keeps its quotes; an unquoted one is quoted when it
/// needs to be.
pub fn rewrite_attributes(
    html: &str,
    mut rewrite: impl FnMut(&str, &str) -> Option<String>,
) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 256);
    // Everything before `copied` is in `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = find_byte(bytes, i, b'<') {
        let next = bytes.get(lt + 1).copied();
        i = match next {
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3)
            }
            Some(b'!' | b'?' | b'/') => {
                find_byte(bytes, lt + 1, b'>').map_or(bytes.len(), |e| e + 1)
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let mut tag = StartTag::new(bytes, lt + 1);
                while let Some((name, value, quote)) = tag.next_attribute() {
                    let name_lower = html[name.0..name.1].to_ascii_lowercase();
                    let Some(new) = rewrite(&name_lower, &html[value.0..value.1]) else {
                        continue;
                    };
                    out.push_str(&html[copied..value.0]);
                    match quote {
                        None if new.is_empty()
                            || new.contains(|c: char| {
                                c.is_ascii_whitespace() || "\"'=<>`".contains(c)
                            }) =>
                        {
                            out.push('"');
                            out.push_str(&new.replace('"', "&quot;"));
                            out.push('"');
                        }
                        _ => out.push_str(&new),
                    }
                    copied = value.1;
                }
                let name = html[tag.name.0..tag.name.1].to_ascii_lowercase();
                if RAW_TEXT.contains(&name.as_str()) && tag.pos < bytes.len() {
                    end_of_raw_text(bytes, tag.pos, &name)
                } else {
                    tag.pos
                }
            }
            _ => lt + 1,
        };
    }
    out.push_str(&html[copied..]);
    out
}

/// A byte range of the input.
type Span = (usize, usize);

/// A start tag being read: its name, then one attribute at a time, up to its `>`.
struct StartTag<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: Span,
}

impl<'a> StartTag<'a> {
    /// `at` is just after the `<`.
    fn new(bytes: &'a [u8], at: usize) -> StartTag<'a> {
        let end = at
            + bytes[at..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>'))
                .count();
        StartTag {
            bytes,
            pos: end,
            name: (at, end),
        }
    }

    fn skip(&mut self, while_: impl Fn(u8) -> bool) {
        while self.bytes.get(self.pos).is_some_and(|b| while_(*b)) {
            self.pos += 1;
        }
    }

    /// The next attribute that has a value: its name's and value's byte ranges and the quote
    /// around the value. `None` past the tag's `>` (or at the end of the input).
    fn next_attribute(&mut self) -> Option<(Span, Span, Option<u8>)> {
        loop {
            self.skip(|b| b.is_ascii_whitespace() || b == b'/');
            match self.bytes.get(self.pos) {
                None => return None,
                Some(b'>') => {
                    self.pos += 1;
                    return None;
                }
                _ => {}
            }
            // A name may start with `=` (the HTML standard's rule), never contain one after.
            let start = self.pos;
            self.pos += 1;
            self.skip(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='));
            let name = (start, self.pos);
            self.skip(|b| b.is_ascii_whitespace());
            if self.bytes.get(self.pos) != Some(&b'=') {
                continue; // an attribute without a value (`hidden`)
            }
            self.pos += 1;
            self.skip(|b| b.is_ascii_whitespace());
            let quote = match self.bytes.get(self.pos) {
                Some(q @ (b'"' | b'\'')) => Some(*q),
                _ => None,
            };
            let value = match quote {
                Some(q) => {
                    let from = self.pos + 1;
                    let to = find_byte(self.bytes, from, q).unwrap_or(self.bytes.len());
                    self.pos = (to + 1).min(self.bytes.len());
                    (from, to)
                }
                None => {
                    let from = self.pos;
                    self.skip(|b| !b.is_ascii_whitespace() && b != b'>');
                    if from == self.pos {
                        continue; // `href=` at the end: no value
                    }
                    (from, self.pos)
                }
            };
            return Some((name, value, quote));
        }
    }
}

/// Past the `</name` (any case) that ends a raw text element opened before `from`; the
/// content itself is left as it is.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let after = at + 2;
        let candidate = bytes.get(after..after + name.len());
        let ends = bytes
            .get(after + name.len())
            .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) && ends {
            return at;
        }
        i = after;
    }
    bytes.len()
}

fn find_byte(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|c| *c == b)
        .map(|i| from + i)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper_hrefs(html: &str) -> String {
        rewrite_attributes(html, |name, value| {
            (name == "href").then(|| value.to_uppercase())
        })
    }

    #[test]
    fn all_three_attribute_syntaxes_are_rewritten() {
        assert_eq!(
            upper_hrefs(r#"<a href="/a/">1</a><a class=x HREF='/b/'>2</a><a href=/c/>3</a>"#),
            r#"<a href="/A/">1</a><a class=x HREF='/B/'>2</a><a href=/C/>3</a>"#
        );
        assert_eq!(
            upper_hrefs("<a\n  href =\t/d/ title=\"a>b\" data-x='q\"' hidden>x</a>"),
            "<a\n  href =\t/D/ title=\"a>b\" data-x='q\"' hidden>x</a>"
        );
        // An unquoted value that needs quotes once rewritten gets them.
        let spaced = rewrite_attributes("<a href=/x/>", |_, _| Some("a b".into()));
        assert_eq!(spaced, r#"<a href="a b">"#);
    }

    #[test]
    fn text_comments_and_raw_text_elements_are_left_alone() {
        let html = r#"<p>href="/x/" a <b href=/y/> <!-- <a href="/z/"> --><script>var s = '<a href="/w/">';</script><STYLE>a[href='/v/']{}</style ><textarea><a href=/u/></textarea><a href=/t/>"#;
        assert_eq!(
            upper_hrefs(html),
            html.replace("/y/", "/Y/").replace("/t/", "/T/")
        );
        // Unclosed things end at the end of the input, with no panic.
        for (broken, expected) in [
            ("<a href=", "<a href="),
            ("<a href='/x/", "<a href='/X/"),
            ("<!-- <a href=/x/>", "<!-- <a href=/x/>"),
            ("<script><a href=/x/>", "<script><a href=/x/>"),
            ("<a", "<a"),
            ("<", "<"),
            ("é<é href=é", "é<é href=é"),
            ("<a href=é>", "<a href=É>"),
        ] {
            assert_eq!(upper_hrefs(broken), expected, "{broken}");
        }
    }
}
