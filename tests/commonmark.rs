//! The 652 examples of the CommonMark 0.31.2 spec (tests/commonmark/spec-0.31.2.json, made by
//! tests/commonmark/extract.py) through one whole build: one article per example, its body
//! taken from the built page (`<div class="content">` of themes/default/templates/article.html),
//! normalized as the spec's own test/normalize.py does (ported below), and compared with the
//! spec's HTML. `cargo test --release --test commonmark -- --nocapture` prints the count per
//! section and every failing example.
//!
//! Each example ends in one of four buckets:
//! - exact: the normalized HTML is the spec's;
//! - rewritten: equal once bantin's documented rewrites are forgiven (docs/content-format.md
//!   5.2–5.5): the id of every heading, the `table-wrap` box around tables, a local image's
//!   published address and the attributes bantin adds to it (`width`, `height`, `loading`,
//!   `decoding`, `srcset`, `sizes`), a link to a source file (`./target.md`) turned into the
//!   target's address, and a link with a scheme outside the safe list published as `#`;
//! - sanitized: the body has raw HTML, so bantin cleans it by the policy table of 5.5; the
//!   example passes when the page equals the spec's HTML cleaned by that same policy
//!   (`bantin::sanitize::clean`), i.e. when the Markdown was parsed as the spec says and only
//!   the documented cleaning differs;
//! - failed.
//!
//! Local images of the examples are given files, so that the build (which fails on a missing
//! image) accepts every example and none is skipped: a `/`-rooted image gets a file in
//! static/, a relative one makes its example a bundle with the file beside `index.md` (a tiny
//! real JPEG for `.jpg`), and `./target.md` of example 484 is an article of the site.
//!
//! Measured (pulldown-cmark 0.13.6, 2 shared cores, release): all 652 examples pass (PASSING);
//! 456 exactly, 145 rewritten, 51 sanitized, none failed; the build of the 653 pages takes
//! under half a second, the whole test under a second (after compiling). No example fails,
//! so there is no bug of bantin's Markdown to list. The rewritten ones: every heading (ATX,
//! setext, and headings inside lists and quotes), every code block (the theme's
//! `<pre class="code">`), the 22 examples with local images, 484 (`./target.md`) and
//! the four autolinks with schemes outside the safe list (596, 598, 599, 601: `href="#"`).
//! The sanitized ones (HTML blocks, Raw HTML, and raw HTML inside other sections): the
//! cleaner drops `<script>`, `<style>` and their content, drops unknown and form elements
//! (`<Warning>`, `<bab>`, `<responsive-image>`, `<textarea>`) keeping their text, drops a tag
//! left open at the end of the body (156-158, 173), closes every open element (an `<a>`
//! left open is closed and, by the HTML parsing rules, opened again after the paragraph),
//! adds `<tbody>`, moves text out of a table, and writes processing instructions,
//! declarations and CDATA (180-182, 627-629) as comments. These are the documented policy
//! of docs/content-format.md 5.5, not Markdown bugs; regressions of the cleaner itself are
//! for tests/markdown.rs, since the "sanitized" bucket applies the same cleaner to both sides.
//!
//! The port of normalize.py differs from it in one place: a literal `"` in text counts as
//! `&quot;` (normalize.py keeps the one and writes the reference as the other; pulldown-cmark
//! writes `"` where cmark writes `&quot;`, and they are the same character).

mod common;

use common::*;
use pulldown_cmark::{Event, Options, Parser};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// Examples that pass (any bucket but "failed"): the test fails when fewer do.
const PASSING: usize = 652;
/// Examples whose page is the spec's HTML with nothing forgiven: fewer means a new rewrite.
const EXACT: usize = 456;

#[derive(serde::Deserialize)]
struct Spec {
    examples: Vec<Example>,
}

#[derive(serde::Deserialize)]
struct Example {
    example: usize,
    section: String,
    markdown: String,
    html: String,
}

/// The parser options of src/markdown.rs (`parser_options`), to find the raw HTML and local
/// images of an example as bantin's renderer does.
fn bantin_parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bucket {
    Exact,
    Rewritten,
    Sanitized,
    Failed,
}

/// An 8 × 8 grey JPEG.
fn tiny_jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    let pixels = [128u8; 64];
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&pixels, 8, 8, jpeg_encoder::ColorType::Luma)
        .expect("encode a JPEG");
    out
}

#[test]
fn commonmark_spec_examples_through_a_whole_build() {
    let started = std::time::Instant::now();
    let spec: Spec = serde_json::from_str(include_str!("commonmark/spec-0.31.2.json"))
        .expect("tests/commonmark/spec-0.31.2.json parses");
    assert_eq!(spec.examples.len(), 652);
    let options = bantin::markdown::MarkdownOptions {
        smart_punctuation: false,
        unsafe_html: false,
        id_prefix: None,
        video: Default::default(),
    };

    let site = Site::new().file(
        "site.yaml",
        "title: CommonMark\nbase_url: https://example.org/\ndefault_language: en\nlanguages:\n  - code: en\n    name: English\nshare: false\n",
    );
    site.write(
        "content/articles/target.md",
        article("Target", "2024-01-01", "The target of example 484.\n"),
    );
    let jpeg = tiny_jpeg();
    // Per example: the page, and the local image destinations in body order.
    let mut pages: Vec<(String, Vec<String>)> = Vec::new();
    for ex in &spec.examples {
        let slug = format!("ex-{:03}", ex.example);
        let images: Vec<String> = bantin::markdown::local_image_refs(&ex.markdown, &options)
            .into_iter()
            .map(|(dest, _)| dest)
            .collect();
        let relative = images.iter().any(|d| !d.starts_with('/'));
        let source = if relative {
            format!("content/articles/{slug}/index.md")
        } else {
            format!("content/articles/{slug}.md")
        };
        for dest in &images {
            let file = bantin::text::percent_decode(dest);
            let bytes: &[u8] = if file.ends_with(".jpg") {
                &jpeg
            } else {
                b"not an image format bantin resizes"
            };
            match file.strip_prefix('/') {
                Some(rooted) => site.write(&format!("static/{rooted}"), bytes),
                None => site.write(&format!("content/articles/{slug}/{file}"), bytes),
            }
        }
        site.write(
            &source,
            article(
                &format!("Example {}", ex.example),
                "2024-01-28",
                &ex.markdown,
            ),
        );
        pages.push((format!("articles/{slug}/index.html"), images));
    }
    site.build();
    let built = started.elapsed();

    let mut per_section: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut failures = String::new();
    let mut totals = [0usize; 4];
    let mut by_bucket: [Vec<usize>; 4] = Default::default();
    for (ex, (page, images)) in spec.examples.iter().zip(&pages) {
        let body = body_of_page(&site.read(page));
        let has_raw_html = Parser::new_ext(&ex.markdown, bantin_parser_options())
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        let bucket = judge(&body, &ex.html, images, has_raw_html);
        if !per_section.contains_key(ex.section.as_str()) {
            order.push(&ex.section);
        }
        per_section.entry(&ex.section).or_default()[bucket as usize] += 1;
        totals[bucket as usize] += 1;
        if bucket != Bucket::Exact {
            by_bucket[bucket as usize].push(ex.example);
        }
        if bucket == Bucket::Failed {
            let _ = writeln!(
                failures,
                "--- example {} ({}):\n{:?}\nexpected: {}\n     got: {}",
                ex.example,
                ex.section,
                ex.markdown,
                normalize(&ex.html),
                normalize(&body)
            );
        }
    }

    println!("{failures}");
    println!(
        "{:<45} {:>5} {:>5} {:>9} {:>9} {:>6}",
        "section", "total", "exact", "rewritten", "sanitized", "failed"
    );
    for section in &order {
        let [e, r, s, f] = per_section[section];
        println!(
            "{section:<45} {:>5} {e:>5} {r:>9} {s:>9} {f:>6}",
            e + r + s + f
        );
    }
    for (name, list) in ["rewritten", "sanitized"].iter().zip(&by_bucket[1..3]) {
        println!("{name}: {list:?}");
    }
    let passing = totals[0] + totals[1] + totals[2];
    println!(
        "{:<45} {:>5} {:>5} {:>9} {:>9} {:>6}",
        "all", 652, totals[0], totals[1], totals[2], totals[3]
    );
    println!(
        "passing: {passing} of 652 (build {:.1} s, total {:.1} s)",
        built.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        passing >= PASSING,
        "only {passing} CommonMark examples pass, {PASSING} did before: Markdown rendering regressed (run with --nocapture for the failing examples)"
    );
    assert!(
        totals[0] >= EXACT,
        "only {} CommonMark examples are the spec's HTML exactly, {EXACT} were before: something now rewrites or cleans them (see the lists above)",
        totals[0]
    );
}

/// The body of an article page: what `{{ item.content | safe }}` wrote between
/// `<div class="content">\n` and `\n</div>` at the end of the `<article>`.
fn body_of_page(page: &str) -> String {
    let open = "<div class=\"content\">\n";
    let start = page.find(open).expect("the page has the content box") + open.len();
    let end_article = page[start..].rfind("</article>").expect("the article ends") + start;
    let end = page[start..end_article]
        .rfind("</div>")
        .expect("the content box ends")
        + start;
    // The template writes a line break of its own after the body.
    let body = &page[start..end];
    body.strip_suffix('\n').unwrap_or(body).to_string()
}

fn judge(body: &str, expected: &str, images: &[String], has_raw_html: bool) -> Bucket {
    let ours = tokens(body);
    let theirs = tokens(expected);
    if serialize(&ours) == serialize(&theirs) {
        return Bucket::Exact;
    }
    let ours = forgive(ours, images, false);
    let theirs_forgiven = forgive(theirs, &[], true);
    if serialize(&ours) == serialize(&theirs_forgiven) {
        return Bucket::Rewritten;
    }
    if has_raw_html {
        let ids = bantin::sanitize::Ids {
            ours: HashSet::new(),
            prefix: None,
        };
        let cleaned = forgive(tokens(&bantin::sanitize::clean(expected, &ids)), &[], true);
        if serialize(&ours) == serialize(&cleaned) {
            return Bucket::Sanitized;
        }
    }
    Bucket::Failed
}

// ------------------------------------------------------------ the documented rewrites

/// Undoes bantin's documented rewrites in a normalized token stream: heading ids, the table
/// box, local images' published addresses and added attributes, source-file links and
/// neutralized links. `images` are the local image destinations of the Markdown, in order;
/// `expected`: the stream is the spec's (whose unsafe links become `#`, as bantin publishes
/// them), else bantin's (whose published addresses go back to what the Markdown wrote).
fn forgive(tokens: Vec<Token>, images: &[String], expected: bool) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut images = images.iter();
    // Depth of open `div`s, and the depths at which a table box was opened.
    let mut divs = 0usize;
    let mut boxes: Vec<usize> = Vec::new();
    // The language of the code block just opened; inside its `code`, whether each open span
    // is one of the highlighter's.
    let mut lang: Option<Option<String>> = None;
    let mut in_code = false;
    let mut spans: Vec<bool> = Vec::new();
    for token in tokens {
        match token {
            Token::Start(mut tag, mut attrs, closed) => {
                if tag == "div" && !closed {
                    divs += 1;
                    if attrs
                        .iter()
                        .any(|(k, v)| k == "class" && v.as_deref() == Some("table-wrap"))
                    {
                        boxes.push(divs);
                        continue;
                    }
                }
                // A code block: `<pre class="code" data-lang="x"><code>` with highlighting
                // spans is CommonMark's `<pre><code class="language-x">`.
                if tag == "pre"
                    && attrs
                        .iter()
                        .any(|(k, v)| k == "class" && v.as_deref() == Some("code"))
                {
                    lang = Some(
                        attrs
                            .iter()
                            .find(|(k, _)| k == "data-lang")
                            .and_then(|(_, v)| v.clone()),
                    );
                    attrs.clear();
                } else if tag == "code"
                    && let Some(lang) = lang.take()
                {
                    if let Some(lang) = lang {
                        attrs.push(("class".into(), Some(format!("language-{lang}"))));
                    }
                    in_code = true;
                } else if tag == "span" && in_code {
                    let ours = attrs.iter().any(|(k, v)| {
                        k == "class" && v.as_deref().is_some_and(|c| c.starts_with("hl-"))
                    });
                    spans.push(ours);
                    if ours {
                        continue;
                    }
                }
                if matches!(tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    attrs.retain(|(k, _)| k != "id");
                }
                if tag == "img" {
                    attrs.retain(|(k, _)| {
                        !matches!(
                            k.as_str(),
                            "width" | "height" | "loading" | "decoding" | "srcset" | "sizes"
                        )
                    });
                    let local = attrs.iter().any(|(k, v)| {
                        k == "src" && v.as_deref().is_some_and(|s| !s.contains("://"))
                    });
                    if local && let Some(dest) = images.next() {
                        for (k, v) in &mut attrs {
                            if k == "src" {
                                *v = Some(escape_attr(dest));
                            }
                        }
                    }
                }
                if tag == "a" {
                    for (k, v) in &mut attrs {
                        if !expected && k == "href" && v.as_deref() == Some("/articles/target/") {
                            *v = Some("./target.md".into());
                        }
                        // A link with a scheme outside the safe list is published as `#`
                        // (docs/content-format.md 5.2): so is the spec's.
                        if expected
                            && k == "href"
                            && v.as_deref()
                                .is_some_and(bantin::sanitize::has_unsafe_scheme)
                        {
                            *v = Some("#".into());
                        }
                    }
                }
                tag.shrink_to_fit();
                out.push(Token::Start(tag, attrs, closed));
            }
            Token::End(tag) if tag == "code" => {
                in_code = false;
                out.push(Token::End(tag));
            }
            Token::End(tag) if tag == "span" && in_code => {
                if !spans.pop().unwrap_or(false) {
                    out.push(Token::End(tag));
                }
            }
            Token::End(tag) if tag == "div" => {
                if boxes.last() == Some(&divs) {
                    boxes.pop();
                    divs = divs.saturating_sub(1);
                    continue;
                }
                divs = divs.saturating_sub(1);
                out.push(Token::End(tag));
            }
            other => out.push(other),
        }
    }
    out
}

// ------------------------------------------------------------ test/normalize.py, in Rust

/// A piece of normalized HTML: a start tag (name, sorted attributes, written `<x/>`), an end
/// tag, or text already normalized (data, references, comments, declarations).
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Start(String, Vec<(String, Option<String>)>, bool),
    End(String),
    Text(String),
}

fn serialize(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut last = "starttag";
    let mut last_tag = String::new();
    let mut in_pre = false;
    for token in tokens {
        match token {
            Token::Start(tag, attrs, closed) => {
                if is_block_tag(tag) {
                    out.truncate(out.trim_end().len());
                }
                if tag == "pre" {
                    in_pre = true;
                }
                out.push('<');
                out.push_str(tag);
                let mut attrs = attrs.clone();
                attrs.sort();
                for (k, v) in &attrs {
                    out.push(' ');
                    out.push_str(k);
                    if let Some(v) = v {
                        let _ = write!(out, "=\"{}\"", escape_attr(v));
                    }
                }
                out.push('>');
                last_tag = tag.clone();
                last = if *closed { "endtag" } else { "starttag" };
            }
            Token::End(tag) => {
                if tag == "pre" {
                    in_pre = false;
                } else if is_block_tag(tag) {
                    out.truncate(out.trim_end().len());
                }
                let _ = write!(out, "</{tag}>");
                last_tag = tag.clone();
                last = "endtag";
            }
            Token::Text(data) => {
                // Whitespace is collapsed by the tokenizer (outside `pre`); here the parts
                // of handle_data that depend on what came before.
                let after_tag = last == "endtag" || last == "starttag";
                let mut data = data.as_str();
                if after_tag && last_tag == "br" {
                    data = data.trim_start_matches('\n');
                }
                if after_tag && is_block_tag(&last_tag) && !in_pre {
                    if last == "starttag" {
                        data = data.trim_start();
                    } else {
                        data = data.trim();
                    }
                }
                out.push_str(data);
                last = "data";
            }
        }
    }
    out
}

fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "article"
            | "header"
            | "aside"
            | "hgroup"
            | "blockquote"
            | "hr"
            | "iframe"
            | "body"
            | "li"
            | "map"
            | "button"
            | "object"
            | "canvas"
            | "ol"
            | "caption"
            | "output"
            | "col"
            | "p"
            | "colgroup"
            | "pre"
            | "dd"
            | "progress"
            | "div"
            | "section"
            | "dl"
            | "table"
            | "td"
            | "dt"
            | "tbody"
            | "embed"
            | "textarea"
            | "fieldset"
            | "tfoot"
            | "figcaption"
            | "th"
            | "figure"
            | "thead"
            | "footer"
            | "tr"
            | "form"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "video"
            | "script"
            | "style"
    )
}

/// normalize.py's `normalize_html`.
fn normalize(html: &str) -> String {
    serialize(&tokens(html))
}

/// Python's `html.escape(v, quote=True)`.
fn escape_attr(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A character reference (`amp`, `#123`, `#x1F`), as normalize.py writes it: the character,
/// except `<`, `>`, `&` and `"` as entities; `None` for an unknown name. Named references are
/// decoded with pulldown-cmark's table (HTML5's), of which normalize.py's HTML 4 table is a part.
fn reference(name: &str) -> Option<String> {
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        let source = format!("&{name};");
        let decoded: String = Parser::new(&source)
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        if decoded == source {
            return None;
        }
        decoded
    };
    Some(match c.as_str() {
        "<" => "&lt;".into(),
        ">" => "&gt;".into(),
        "&" => "&amp;".into(),
        "\"" => "&quot;".into(),
        _ => c,
    })
}

/// Attribute values are unescaped by Python's HTMLParser (html.unescape) before
/// normalize.py escapes them again.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name_end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1);
        match name_end {
            Some(end) if rest[end..].starts_with(';') && end > 1 => {
                let decoded = reference(&rest[1..end]).map(|r| match r.as_str() {
                    "&lt;" => "<".to_string(),
                    "&gt;" => ">".to_string(),
                    "&amp;" => "&".to_string(),
                    "&quot;" => "\"".to_string(),
                    _ => r,
                });
                match decoded {
                    Some(d) => out.push_str(&d),
                    None => out.push_str(&rest[..=end]),
                }
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Python's HTMLParser events, as normalize.py turns them into text: tag names and attribute
/// names lowercased, whitespace of data collapsed outside `pre`, references decoded.
fn tokens(html: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut pre = false;
    let mut i = 0;
    let bytes = html.as_bytes();
    // `verbatim`: a comment, declaration or CDATA section, written as it is.
    let push = |out: &mut Vec<Token>, text: &str, pre: bool, verbatim: bool| {
        let text = if verbatim {
            text.to_string()
        } else if pre {
            // A deviation from normalize.py, which keeps a literal `"` of data but writes the
            // reference `&quot;` as `&quot;`: both are the same character, and pulldown-cmark
            // writes the one where cmark writes the other.
            text.replace('"', "&quot;")
        } else {
            collapse(text).replace('"', "&quot;")
        };
        match out.last_mut() {
            Some(Token::Text(t)) => {
                // Adjacent pieces of data are one string in normalize.py's output, but
                // each was collapsed on its own: keep them as written.
                t.push_str(&text);
            }
            _ => out.push(Token::Text(text)),
        }
    };
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").map_or(rest.len(), |e| e + 3);
            push(&mut out, &rest[..end], true, true);
            i += end;
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(rest.len(), |e| e + 7);
            push(&mut out, &rest[..end], true, true);
            i += end;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            push(&mut out, &rest[..end], true, true);
            i += end;
        } else if rest.starts_with("</")
            && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic())
            && let Some(end) = rest.find('>')
        {
            let name: String = rest[2..end]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect::<String>()
                .to_ascii_lowercase();
            if name == "pre" {
                pre = false;
            }
            out.push(Token::End(name));
            i += end + 1;
        } else if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && let Some((tag, attrs, closed, len)) = start_tag(rest)
        {
            if tag == "pre" {
                pre = true;
            }
            let raw = (tag == "script" || tag == "style") && !closed;
            let close = format!("</{tag}");
            out.push(Token::Start(tag, attrs, closed));
            i += len;
            if raw {
                let end = html[i..]
                    .to_ascii_lowercase()
                    .find(&close)
                    .map_or(html.len() - i, |e| e);
                push(&mut out, &html[i..i + end], false, false);
                i += end;
            }
        } else if let Some(after) = rest.strip_prefix('&') {
            let name_end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .map(|e| e + 1);
            match name_end {
                Some(end) if end > 1 && rest[end..].starts_with(';') => {
                    let name = &rest[1..end];
                    let text = reference(name).unwrap_or_else(|| format!("&{name};"));
                    match out.last_mut() {
                        Some(Token::Text(t)) => t.push_str(&text),
                        _ => out.push(Token::Text(text)),
                    }
                    i += end + 1;
                }
                _ => {
                    push(&mut out, "&", pre, false);
                    i += 1;
                }
            }
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let end = rest[first..]
                .find(['<', '&'])
                .map_or(rest.len(), |e| e + first);
            push(&mut out, &rest[..end], pre, false);
            i += end;
        }
        debug_assert!(i <= bytes.len());
    }
    out
}

/// `\s+` to one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A start tag at the beginning of `s`: its name, attributes (values unescaped), whether it is
/// written `<x/>`, and its length; `None` when it does not end.
type StartTag = (String, Vec<(String, Option<String>)>, bool, usize);

fn start_tag(s: &str) -> Option<StartTag> {
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let tag = s[1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len()
            && (b[i].is_ascii_whitespace() || (b[i] == b'/' && b.get(i + 1) != Some(&b'>')))
        {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some((tag, attrs, false, i + 1));
        }
        if b[i] == b'/' && b.get(i + 1) == Some(&b'>') {
            return Some((tag, attrs, true, i + 2));
        }
        let start = i;
        let name_ends = |i: usize| {
            i >= b.len()
                || b[i].is_ascii_whitespace()
                || matches!(b[i], b'=' | b'>')
                || (b[i] == b'/' && b.get(i + 1) == Some(&b'>'))
        };
        while !name_ends(i) {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let value = match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = s[j + 1..].find(q as char)? + j + 1;
                    let v = &s[j + 1..end];
                    j = end + 1;
                    v
                }
                _ => {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    &s[start..j]
                }
            };
            attrs.push((name, Some(unescape(value))));
            i = j;
        } else {
            attrs.push((name, None));
        }
    }
}

#[test]
fn the_normalizer_does_what_normalize_py_does() {
    // The doctests of test/normalize.py.
    assert_eq!(normalize("<p>a  \t b</p>"), "<p>a b</p>");
    assert_eq!(normalize("<p>a  \t\nb</p>"), "<p>a b</p>");
    assert_eq!(normalize(" <p>a  b</p>"), "<p>a b</p>");
    assert_eq!(normalize("<p>a  b</p> "), "<p>a b</p>");
    assert_eq!(normalize("\n\t<p>\n\t\ta  b\t\t</p>\n\t"), "<p>a b</p>");
    assert_eq!(normalize("<i>a  b</i> "), "<i>a b</i> ");
    assert_eq!(normalize("<br />"), "<br>");
    assert_eq!(
        normalize("<a title=\"bar\" HREF=\"foo\">x</a>"),
        "<a href=\"foo\" title=\"bar\">x</a>"
    );
    assert_eq!(
        normalize("&forall;&amp;&gt;&lt;&quot;"),
        "\u{2200}&amp;&gt;&lt;&quot;"
    );
    assert_eq!(
        normalize("<pre><code>a  b\n</code></pre>\n"),
        "<pre><code>a  b\n</code></pre>"
    );
}
