//! Markdown to HTML with pulldown-cmark, in one pass over the events: heading ids and the
//! table of contents, the summary, fenced code highlighting, local images with their size,
//! and links written as paths to source files turned into the target's URL.

use crate::diagnostic::{Diagnostic, line_col};
use crate::highlight::highlight_block;
use crate::messages::Text;
use crate::sanitize::has_unsafe_scheme;
use crate::t;
use crate::text::{escape_html, slugify};
use crate::video::{ItemVideo, Video};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// A heading in the table of contents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// An image reference resolved by the caller: its URL, size and resized versions.
pub use crate::images::Responsive as ImageTarget;

/// What the Markdown stage needs from the rest of the site: where links and images go.
pub trait Resolver {
    /// A link to a source file (`../models/x.md#part`) as the target page's URL; the error
    /// is the whole message for the editor.
    fn link_to_source(&self, dest: &str) -> Result<String, Text>;
    /// A local image (relative to the item, or `/`-rooted in static/).
    fn image(&self, dest: &str) -> Result<ImageTarget, Text>;
    /// A `/`-rooted URL with the site's sub-path in front.
    fn rooted(&self, url: &str) -> String;
}

#[derive(Clone)]
pub struct MarkdownOptions {
    pub smart_punctuation: bool,
    /// Raw HTML passes through untouched (site.yaml `unsafe_html: true`).
    pub unsafe_html: bool,
    /// Prefix of every id the body defines and of its in-page links, so that several bodies
    /// can share one document (a bulletin's print edition): `item-2` gives `item-2-ket-qua`.
    pub id_prefix: Option<String>,
    /// The item's own video (front matter `video:`, `video_title`): its card goes first.
    pub video: crate::video::ItemVideo,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The part before `<!-- more -->`, else the first paragraph.
    pub summary_html: String,
    pub toc: Vec<TocEntry>,
    /// Links and images neutralized for their scheme (the page builds without them).
    pub warnings: Vec<Diagnostic>,
    /// The video cards, in order, each with the title it shows.
    pub videos: Vec<(Video, String)>,
}

const MORE: &str = "<!-- more -->";

/// Ids of the default theme's pages (besides every `bantin-...`): a heading or raw HTML must
/// not take one, or the copy button, the search box or a skip link would find the body's
/// element instead of the theme's. Headings get `main-1` instead.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "content",
    "share-text",
    "share-help",
    "share-title",
    "share-page-help",
    "search-config",
    "search-form",
    "search-q",
    "search-kind",
    "search-hint",
    "search-status",
    "search-results",
    "search-more",
    "print-toc-title",
    "cover-title",
];

/// Whether `id` belongs to the theme's page around a body (docs/templates.md asks themes to
/// name their own ids `bantin-...`).
pub fn is_theme_id(id: &str) -> bool {
    RESERVED_IDS.contains(&id) || id.starts_with("bantin-")
}

/// What a task-list box (`- [x]`) is written as until the body is cleaned: the cleaner drops
/// every `<input>` of raw HTML, and these become the boxes afterwards.
const TASK_DONE: &str = "<span class=\"bantin-task-done\"></span>";
const TASK_OPEN: &str = "<span class=\"bantin-task-open\"></span>";

/// Renders a body. `body_line` is the file line where the body starts, so that problems are
/// reported at their place in the file.
pub fn render(
    path: &Path,
    body: &str,
    body_line: usize,
    options: &MarkdownOptions,
    resolver: &dyn Resolver,
) -> (Rendered, Vec<Diagnostic>) {
    let opts = parser_options(options);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let at = |offset: usize| {
        let (line, column) = line_col(body, offset);
        (body_line + line - 1, column)
    };
    let error_at = |offset: usize, message: Text| {
        let (line, column) = at(offset);
        Diagnostic::new(path, line, column, message)
    };

    let mut out: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut nesting = crate::sanitize::Nesting::default();
    let mut more_at: Option<usize> = None;
    let mut first_paragraph: Option<(usize, Option<usize>)> = None;
    let mut depth = 0usize;
    // Ids the theme's page frame uses: a heading called "Main" must not take `main`.
    let mut footnotes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    // The ids given to headings and footnotes (with the prefix): the cleaner keeps them.
    let mut our_ids: HashSet<String> = HashSet::new();
    let id_prefix = options
        .id_prefix
        .as_deref()
        .map_or(String::new(), |p| format!("{p}-"));
    let mut headings: Vec<(u8, String, String)> = Vec::new();
    // Open heading: (level, explicit id, other attributes, placeholder index in `out`, text).
    let mut heading: Option<(HeadingLevel, Option<String>, String, usize, String)> = None;
    // Open fenced code block: (language, code so far).
    let mut code: Option<(String, String)> = None;
    // Open image: (dest, title, alt so far, offset).
    let mut image: Option<(String, String, String, usize)> = None;

    let mut videos = Vec::new();
    let parsed = Parser::new_ext(body, opts).into_offset_iter();
    // Only a body that may hold a video has its events collected to find the cards.
    let events: Box<dyn Iterator<Item = (Event, std::ops::Range<usize>)>> =
        if options.video.lead.is_some() || crate::video::may_hold_one(body) {
            Box::new(with_video_cards(parsed, &options.video, &mut videos).into_iter())
        } else {
            Box::new(parsed)
        };
    for (event, range) in events {
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    out.push(Event::Html(highlight_block(&text, &lang).into()));
                    depth -= 1;
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, _, alt, _)) = image.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                // A line break in the description is a space between its words.
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                Event::End(TagEnd::Image) => {
                    let (dest, title, alt, offset) = image.take().unwrap_or_default();
                    if !options.unsafe_html && has_unsafe_scheme(&dest) {
                        // A script or data URL is not an image a reader should load: keep the words.
                        warnings.extend(neutralized(&dest, true, at(offset), path));
                        out.push(Event::Text(alt.into()));
                        continue;
                    }
                    out.push(Event::InlineHtml(
                        image_tag(&dest, &title, &alt, resolver, |m| {
                            errors.push(error_at(offset, m))
                        })
                        .into(),
                    ));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                depth += 1;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                image = Some((
                    dest_url.to_string(),
                    title.to_string(),
                    String::new(),
                    range.start,
                ));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                depth += 1;
                let attributes = heading_attributes(&classes, &attrs);
                heading = Some((
                    level,
                    id.map(|i| i.to_string()),
                    attributes,
                    out.len(),
                    String::new(),
                ));
                out.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(_)) => {
                depth -= 1;
                if let Some((level, explicit, attributes, at, text)) = heading.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let id = unique_id(explicit.unwrap_or_else(|| slugify(&text)), &mut used_ids);
                    let id = format!("{id_prefix}{id}");
                    our_ids.insert(id.clone());
                    let n = level as u8;
                    out[at] = Event::Html(
                        format!("<h{n} id=\"{}\"{attributes}>", escape_html(&id)).into(),
                    );
                    out.push(Event::Html(format!("</h{n}>\n").into()));
                    headings.push((n, id, text));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                depth += 1;
                let dest_url = match link_type {
                    _ if !options.unsafe_html && has_unsafe_scheme(&dest_url) => {
                        warnings.extend(neutralized(&dest_url, false, at(range.start), path));
                        CowStr::Borrowed("#")
                    }
                    LinkType::Email | LinkType::Autolink => dest_url,
                    _ if dest_url.starts_with('#') && options.id_prefix.is_some() => format!(
                        "#{}-{}",
                        options.id_prefix.as_deref().unwrap_or_default(),
                        &dest_url[1..]
                    )
                    .into(),
                    _ => match rewrite_link(&dest_url, resolver) {
                        Ok(Some(url)) => url.into(),
                        Ok(None) => dest_url,
                        Err(m) => {
                            errors.push(error_at(range.start, m));
                            dest_url
                        }
                    },
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                if more_at.is_none() && html.trim() == MORE {
                    more_at = Some(out.len());
                    continue;
                }
                has_raw_html = true;
                if !options.unsafe_html {
                    nesting.scan(html, range.start, depth);
                }
                out.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, _, _, _, text)) = heading.as_mut() {
                    text.push_str(t);
                }
                out.push(event);
            }
            // Footnotes get ids of their own, `fn-<name>` (prefixed in a shared document), so
            // that a note named `[^main]` cannot take the page's `main`; numbered by first
            // use, as pulldown-cmark numbers them.
            Event::FootnoteReference(name) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(name.to_string()).or_insert(next);
                let id = format!("{id_prefix}fn-{}", slugify(&name));
                out.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\"><a href=\"#{}\">{n}</a></sup>",
                        escape_html(&id)
                    )
                    .into(),
                ));
                our_ids.insert(id);
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                depth += 1;
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(name.to_string()).or_insert(next);
                let id = format!("{id_prefix}fn-{}", slugify(&name));
                out.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{n}</sup>", escape_html(&id)).into(),
                ));
                our_ids.insert(id);
            }
            Event::TaskListMarker(done) => out.push(Event::InlineHtml(
                if done { TASK_DONE } else { TASK_OPEN }.into(),
            )),
            Event::End(TagEnd::FootnoteDefinition) => {
                depth -= 1;
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Table(alignments)) => {
                // A wide table scrolls inside its own box on phones; the box is focusable so
                // keyboard users can scroll it too.
                depth += 1;
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                depth -= 1;
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            // A block of raw HTML is no element of its own.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => out.push(event),
            Event::Start(tag) => {
                if depth == 0 && matches!(tag, Tag::Paragraph) && first_paragraph.is_none() {
                    first_paragraph = Some((out.len(), None));
                }
                depth += 1;
                out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                out.push(Event::End(tag));
                if depth == 0
                    && tag == TagEnd::Paragraph
                    && let Some((start, end @ None)) = first_paragraph.as_mut()
                {
                    let _ = start;
                    *end = Some(out.len());
                }
            }
            other => out.push(other),
        }
    }

    let summary_events = match (more_at, first_paragraph) {
        (Some(at), _) => &out[..at],
        (None, Some((start, Some(end)))) => &out[start..end],
        _ => &out[..0],
    };
    let mut summary_html = String::new();
    pulldown_cmark::html::push_html(&mut summary_html, summary_events.iter().cloned());
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());

    if has_raw_html && !options.unsafe_html {
        if let Some(at) = nesting.too_deep_at {
            // Not cleaned (that would take time growing with the square of the depth), and
            // not published: the build fails with this error.
            let (depth, max) = (nesting.deepest, crate::sanitize::MAX_NESTING);
            errors.push(error_at(
                at,
                t!("build-raw-html-too-deep", depth = depth, max = max),
            ));
            return (Rendered::default(), errors);
        }
        let ids = crate::sanitize::Ids {
            ours: our_ids,
            prefix: options.id_prefix.clone(),
        };
        html = crate::sanitize::clean(&html, &ids);
        summary_html = crate::sanitize::clean(&summary_html, &ids);
    }
    html = crate::video::with_qr_codes(task_boxes(html), &videos);
    // A summary shown in a listing or a feed has no print QR codes.
    summary_html = crate::video::with_qr_codes(task_boxes(summary_html), &[]);
    (
        Rendered {
            html,
            summary_html,
            toc: build_toc(headings),
            warnings,
            videos,
        },
        errors,
    )
}

/// The body's events with each paragraph that holds only a video's address replaced by the
/// video's card (raw HTML of bantin's own, cleaned with the rest), and the item's own video
/// first. `videos` gets the cards in order: the `n`th card's QR placeholder is `n`.
fn with_video_cards<'a>(
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    item: &ItemVideo,
    videos: &mut Vec<(Video, String)>,
) -> Vec<(Event<'a>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut card = |video: Video, title: String, at: std::ops::Range<usize>| {
        let html = crate::video::card(&video, &title, &crate::video::qr_placeholder(videos.len()));
        videos.push((video, title));
        (Event::Html(html.into()), at)
    };
    // `video_title` names the item's own video, else the body's first video without words.
    let mut untitled_title = item.title.clone();
    if let Some(lead) = &item.lead {
        let title = untitled_title
            .take()
            .unwrap_or_else(|| crate::video::untitled(lead));
        out.push(card(lead.clone(), title, 0..0));
    }
    let mut paragraph: Option<Vec<(Event, std::ops::Range<usize>)>> = None;
    for (event, range) in events {
        match (&mut paragraph, event) {
            (None, Event::Start(Tag::Paragraph)) => {
                paragraph = Some(vec![(Event::Start(Tag::Paragraph), range)])
            }
            (Some(open), Event::End(TagEnd::Paragraph)) => {
                let mut open = std::mem::take(open);
                paragraph = None;
                let inner: Vec<Event> = open[1..].iter().map(|(e, _)| e.clone()).collect();
                match crate::video::paragraph_video(&inner) {
                    Some((video, words)) => {
                        let title = words
                            .or_else(|| untitled_title.take())
                            .unwrap_or_else(|| crate::video::untitled(&video));
                        out.push(card(video, title, open[0].1.clone()));
                    }
                    None => {
                        open.push((Event::End(TagEnd::Paragraph), range));
                        out.extend(open);
                    }
                }
            }
            (Some(open), event) => open.push((event, range)),
            (None, event) => out.push((event, range)),
        }
    }
    out
}

fn parser_options(options: &MarkdownOptions) -> Options {
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if options.smart_punctuation {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    opts
}

/// The local images a body shows (`![..](dest)`, not external or script URLs), each with the
/// byte offset where it is written: what the image stage processes before pages are rendered.
pub fn local_image_refs(body: &str, options: &MarkdownOptions) -> Vec<(String, usize)> {
    if !body.contains("![") {
        return Vec::new();
    }
    Parser::new_ext(body, parser_options(options))
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. })
                if !is_external(&dest_url) && !has_unsafe_scheme(&dest_url) =>
            {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

/// ` class="..."` and the `lang` and `dir` of a heading's `{.class lang=en}`; other
/// `key=value` attributes are dropped (docs/content-format.md 5.2).
fn heading_attributes(classes: &[CowStr], attrs: &[(CowStr, Option<CowStr>)]) -> String {
    let mut out = String::new();
    if !classes.is_empty() {
        let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        out.push_str(&format!(" class=\"{}\"", escape_html(&classes.join(" "))));
    }
    for (key, value) in attrs {
        if let ("lang" | "dir", Some(value)) = (key.as_ref(), value) {
            out.push_str(&format!(" {key}=\"{}\"", escape_html(value)));
        }
    }
    out
}

/// The task-list boxes in place of their placeholders (see [`TASK_DONE`]).
fn task_boxes(html: String) -> String {
    if !html.contains("bantin-task-") {
        return html;
    }
    html.replace(
        TASK_DONE,
        "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
    )
    .replace(TASK_OPEN, "<input disabled=\"\" type=\"checkbox\">")
}

/// The warning for a link or image that [`render`] neutralizes (a scheme outside
/// [`crate::sanitize::SAFE_SCHEMES`]), at its line and column: the page still builds, but the
/// editor should know the link leads nowhere.
fn neutralized(dest: &str, image: bool, at: (usize, usize), path: &Path) -> Option<Diagnostic> {
    let scheme = crate::sanitize::scheme(dest)?;
    let allowed = crate::sanitize::SAFE_SCHEMES.join(", ");
    let message = if image {
        t!(
            "build-unsafe-scheme-image",
            dest = dest,
            scheme = scheme,
            allowed = allowed
        )
    } else {
        t!(
            "build-unsafe-scheme-link",
            dest = dest,
            scheme = scheme,
            allowed = allowed
        )
    };
    Some(Diagnostic::new(path, at.0, at.1, message))
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    // Every `bantin-...` id is the theme's, whatever number follows.
    let base = if base.starts_with("bantin-") {
        format!("h-{base}")
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while is_theme_id(&id) || !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// `Some(url)` when the link is to a source file or `/`-rooted; `None` to leave it as written.
fn rewrite_link(dest: &str, resolver: &dyn Resolver) -> Result<Option<String>, Text> {
    if is_external(dest) || dest.starts_with('#') {
        return Ok(None);
    }
    let path_part = dest.split(['#', '?']).next().unwrap_or(dest);
    if path_part.ends_with(".md") {
        return resolver.link_to_source(dest).map(Some);
    }
    if dest.starts_with('/') {
        return Ok(Some(resolver.rooted(dest)));
    }
    Ok(None)
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
        })
}

fn image_tag(
    dest: &str,
    title: &str,
    alt: &str,
    resolver: &dyn Resolver,
    mut error: impl FnMut(Text),
) -> String {
    let target = if is_external(dest) {
        ImageTarget {
            url: dest.to_string(),
            ..ImageTarget::default()
        }
    } else {
        resolver.image(dest).unwrap_or_else(|m| {
            error(m);
            ImageTarget {
                url: dest.to_string(),
                ..ImageTarget::default()
            }
        })
    };
    let mut attributes = String::new();
    if let Some(srcset) = &target.srcset {
        attributes.push_str(&format!(" srcset=\"{}\"", escape_html(srcset)));
    }
    if let (Some(sizes), Some(_)) = (&target.sizes, &target.srcset) {
        attributes.push_str(&format!(" sizes=\"{}\"", escape_html(sizes)));
    }
    attributes.push_str(&format!(" alt=\"{}\"", escape_html(alt)));
    if let (Some(w), Some(h)) = (target.width, target.height) {
        attributes.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    if !title.is_empty() {
        attributes.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    let img = format!(
        "<img src=\"{}\"{attributes} loading=\"lazy\" decoding=\"async\">",
        escape_html(&target.url)
    );
    match &target.webp_srcset {
        Some(webp) => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
            escape_html(webp),
            escape_html(target.sizes.as_deref().unwrap_or("100vw"))
        ),
        None => img,
    }
}

/// Nests flat headings under the closest shallower one.
fn build_toc(headings: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        match list.last_mut() {
            Some(last) if last.level < entry.level => insert(&mut last.children, entry),
            _ => list.push(entry),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings {
        insert(
            &mut toc,
            TocEntry {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl Resolver for NoLinks {
        fn link_to_source(&self, dest: &str) -> Result<String, Text> {
            if dest.starts_with("../models/known.md") {
                Ok(format!(
                    "/base/models/known/{}",
                    dest.split_once('#')
                        .map(|(_, f)| format!("#{f}"))
                        .unwrap_or_default()
                ))
            } else {
                // A test's own words.
                Err(Text::verbatim(format!("`{dest}` does not exist")))
            }
        }
        fn image(&self, dest: &str) -> Result<ImageTarget, Text> {
            Ok(ImageTarget {
                url: format!("/base/x/{dest}"),
                width: Some(10),
                height: Some(5),
                ..ImageTarget::default()
            })
        }
        fn rooted(&self, url: &str) -> String {
            format!("/base{url}")
        }
    }

    fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
        render(
            Path::new("a.md"),
            body,
            5,
            &MarkdownOptions {
                smart_punctuation: false,
                unsafe_html: false,
                id_prefix: None,
                video: Default::default(),
            },
            &NoLinks,
        )
    }

    #[test]
    fn heading_ids_are_vietnamese_slugs_and_unique() {
        let (r, _) = md("## Kết quả đạt được\n\ntext\n\n## Kết quả đạt được\n\n### Bài học\n");
        assert!(
            r.html
                .contains("<h2 id=\"ket-qua-dat-duoc\">Kết quả đạt được</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"ket-qua-dat-duoc-1\">"),
            "{}",
            r.html
        );
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].id, "bai-hoc");
    }

    #[test]
    fn heading_never_takes_an_id_of_the_page_frame() {
        let (r, _) = md("## Main\n\n## Share text\n\n## Bantin toc\n\n# X {#search-q}\n");
        for id in ["main-1", "share-text-1", "h-bantin-toc", "search-q-1"] {
            assert!(
                r.html.contains(&format!(" id=\"{id}\"")),
                "{id}: {}",
                r.html
            );
        }
    }

    /// Every id the default theme's templates write is one that bodies may not take (the
    /// share page's numbered ids and the print edition's `item-N` never share a page with
    /// an unprefixed body).
    #[test]
    fn every_id_of_the_default_theme_is_reserved() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for part in text.split(" id=\"").skip(1) {
                let id = part.split('"').next().unwrap_or_default();
                let fixed = id.split("{{").next().unwrap_or_default();
                if fixed.is_empty() || fixed == "share-" {
                    continue;
                }
                seen += 1;
                assert!(
                    is_theme_id(id) || (id.contains("{{") && fixed.starts_with("bantin-")),
                    "{}: id `{id}` is not in RESERVED_IDS",
                    entry.path().display()
                );
            }
        }
        assert!(seen > 20, "only {seen} ids found in the theme");
    }

    #[test]
    fn summary_is_text_before_more_marker_else_first_paragraph() {
        let (r, _) = md("Một.\n\nHai.\n\n<!-- more -->\n\nBa.\n");
        assert_eq!(r.summary_html, "<p>Một.</p>\n<p>Hai.</p>\n");
        assert!(!r.html.contains("more"));
        let (r, _) = md("## Tiêu đề\n\nĐoạn đầu.\n\nĐoạn hai.\n");
        assert_eq!(r.summary_html, "<p>Đoạn đầu.</p>\n");
    }

    #[test]
    fn source_links_become_urls_and_dangling_ones_are_errors_with_file_line() {
        let (r, errs) =
            md("Xem [mô hình](../models/known.md#ket-qua).\n\nVà [cũ](../models/gone.md).\n");
        assert!(
            r.html.contains("href=\"/base/models/known/#ket-qua\""),
            "{}",
            r.html
        );
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (7, 4));
    }

    #[test]
    fn rooted_links_get_the_sub_path() {
        let (r, _) = md("[a](/gioi-thieu/) [b](https://x.org/) [c](#top)\n");
        assert!(r.html.contains("href=\"/base/gioi-thieu/\""));
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("href=\"#top\""));
    }

    #[test]
    fn local_images_get_size_and_lazy_loading() {
        let (r, _) = md("![Ảnh *đẹp*](anh.png)\n");
        assert!(r.html.contains("<img src=\"/base/x/anh.png\" alt=\"Ảnh đẹp\" width=\"10\" height=\"5\" loading=\"lazy\" decoding=\"async\">"), "{}", r.html);
    }

    struct Resized;
    impl Resolver for Resized {
        fn link_to_source(&self, dest: &str) -> Result<String, Text> {
            Err(Text::verbatim(dest))
        }
        fn image(&self, _: &str) -> Result<ImageTarget, Text> {
            Ok(ImageTarget {
                url: "/b/img/a.720.png".into(),
                width: Some(1080),
                height: Some(720),
                srcset: Some("/b/img/a.360.png 360w, /b/img/a.720.png 720w".into()),
                webp_srcset: Some("/b/img/a.360.webp 360w".into()),
                sizes: Some("100vw".into()),
                preview: None,
            })
        }
        fn rooted(&self, url: &str) -> String {
            url.to_string()
        }
    }

    #[test]
    fn resized_images_get_srcset_and_a_webp_source_even_through_the_sanitizer() {
        let options = MarkdownOptions {
            smart_punctuation: false,
            unsafe_html: false,
            id_prefix: None,
            video: Default::default(),
        };
        let expected = "<picture><source type=\"image/webp\" srcset=\"/b/img/a.360.webp 360w\" sizes=\"100vw\"><img src=\"/b/img/a.720.png\" srcset=\"/b/img/a.360.png 360w, /b/img/a.720.png 720w\" sizes=\"100vw\" alt=\"Sơ đồ\" width=\"1080\" height=\"720\" loading=\"lazy\" decoding=\"async\"></picture>";
        let (r, _) = render(
            Path::new("a.md"),
            "![Sơ đồ](a.png)\n",
            1,
            &options,
            &Resized,
        );
        assert!(r.html.contains(expected), "{}", r.html);
        // Raw HTML in the body sends the whole body through the sanitizer: the image survives.
        let (r, _) = render(
            Path::new("a.md"),
            "<b>Chú ý</b>\n\n![Sơ đồ](a.png)\n",
            1,
            &options,
            &Resized,
        );
        assert!(r.html.contains(expected), "{}", r.html);
        assert_eq!(
            local_image_refs(
                "Ảnh ![a](a.png) và ![b](https://x.org/b.png) ![c](javascript:x)\n",
                &options
            ),
            [("a.png".to_string(), "Ảnh ".len())]
        );
    }

    #[test]
    fn raw_html_is_sanitized() {
        let (r, _) = md(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a>\n\n## Giữ id\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(r.html.contains("id=\"giu-id\""), "{}", r.html);
    }

    #[test]
    fn markdown_links_with_script_schemes_are_neutralized() {
        let (r, _) = md(
            "[a](javascript:alert(1)) [b](<JaVa\tScript:x>) <vbscript:x> ![c](data:image/svg+xml,x) [d](mailto:a@b.vn)\n\n\
             [e](JaVa%0aScript:x) [f](foo\\)\\:)\n",
        );
        assert_eq!(r.html.matches("href=\"#\"").count(), 3, "{}", r.html);
        // A `%` or a `)` cannot be part of a scheme: a browser reads these as relative URLs.
        assert!(r.html.contains("href=\"JaVa%0aScript:x\""), "{}", r.html);
        assert!(r.html.contains("href=\"foo):\""), "{}", r.html);
        assert!(!r.html.contains("src="), "{}", r.html);
        assert!(r.html.contains("href=\"mailto:a@b.vn\""), "{}", r.html);
    }

    #[test]
    fn a_neutralized_link_is_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let body = "[bấm](javascript:alert(1))\n";
        let (r, _) = md(body);
        assert_eq!(
            r.warnings[0].to_string(),
            "a.md:5:1: `javascript:alert(1)` starts with `javascript:`, which is not a scheme a link may use (http, https, mailto, tel, sms, zalo, ftp, ftps, geo): the link is published as `#`"
        );
        let (r, _) = in_language(Language::Vietnamese, || md(body));
        assert_eq!(
            r.warnings[0].message.as_str(),
            "`javascript:alert(1)` bắt đầu bằng `javascript:`, loại địa chỉ mà liên kết không được dùng (chỉ được dùng http, https, mailto, tel, sms, zalo, ftp, ftps, geo): liên kết được xuất bản thành `#`"
        );
    }

    #[test]
    fn id_prefix_makes_ids_unique_in_a_shared_document() {
        let options = MarkdownOptions {
            smart_punctuation: false,
            unsafe_html: false,
            id_prefix: Some("item-2".into()),
            video: Default::default(),
        };
        let (r, _) = render(
            Path::new("a.md"),
            "## Kết quả\n\nXem [trên](#ket-qua)[^a].\n\n[^a]: Chú thích.\n",
            1,
            &options,
            &NoLinks,
        );
        assert!(r.html.contains("<h2 id=\"item-2-ket-qua\">"), "{}", r.html);
        assert!(r.html.contains("href=\"#item-2-ket-qua\""), "{}", r.html);
        assert!(r.html.contains("href=\"#item-2-fn-a\""), "{}", r.html);
        assert!(r.html.contains("id=\"item-2-fn-a\""), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n\n\"quotes\"\n",
        );
        assert!(
            r.html
                .contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote"));
        assert!(
            r.html.contains("&quot;quotes&quot;") || r.html.contains("\"quotes\""),
            "smart punctuation is off by default"
        );
    }
}
