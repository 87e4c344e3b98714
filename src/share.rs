//! The ready-to-paste post for fanpage and Zalo admins: plain text (no Markdown, no HTML, no
//! doubled blank lines) with the title, the summary, up to five key points, the item's
//! address and hashtags from its topics, within a length budget that is cut at sentence
//! boundaries and never inside a word, an address or a hashtag.
//!
//! The post reads as a finished text: every sentence ends with its full stop (one is added to
//! a summary or a `share:` point that has none), a key point that introduces a list ("...
//! the teams:") carries the list's first items, a quotation is never cut open, and straight
//! quotes become the language's typographic ones (“ ” in Vietnamese and English, « » in
//! French).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The default length budget, in characters.
pub const DEFAULT_BUDGET: usize = 2000;
const MAX_POINTS: usize = 5;
/// How many items of a list a key point that introduces it carries.
const MAX_LIST_ITEMS: usize = 3;

pub struct ShareInput<'a> {
    pub title: &'a str,
    /// Plain text.
    pub summary: &'a str,
    /// The Markdown body (for the first sentence of each `## ` section).
    pub body: &'a str,
    /// Front matter `share:` points, which replace the sections' first sentences.
    pub points: Option<&'a [String]>,
    /// The item's absolute address.
    pub url: &'a str,
    /// The address of the item's first video, on its own line before the item's address so
    /// that Facebook and Zalo show the video's own preview.
    pub video: Option<&'a str>,
    pub topics: &'a [String],
    pub budget: usize,
    /// The item's language (its quotation marks).
    pub lang: &'a str,
}

/// The share text of an item.
pub fn share_text(input: &ShareInput) -> String {
    let quote = |text: &str| typographic_quotes(text, input.lang);
    let title = quote(&one_line(input.title));
    let summary = finished(&quote(&one_line(input.summary)));
    let mut points: Vec<String> = match input.points {
        Some(points) => points
            .iter()
            .map(|p| finished(&quote(&one_line(p))))
            .filter(|p| !p.is_empty())
            .collect(),
        None => section_points(input.body)
            .iter()
            .map(|p| quote(p))
            .collect(),
    };
    points.truncate(MAX_POINTS);
    let mut tags: Vec<String> = input
        .topics
        .iter()
        .map(|t| hashtag(t))
        .filter(|t| t.len() > 1)
        .collect();
    tags.dedup();

    let assemble = |summary: &str, points: &[String], tags: &[String]| {
        let mut parts: Vec<String> = vec![title.clone()];
        if !summary.is_empty() {
            parts.push(summary.to_string());
        }
        if !points.is_empty() {
            parts.push(
                points
                    .iter()
                    .map(|p| format!("• {p}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        parts.extend(input.video.map(str::to_string));
        parts.push(input.url.to_string());
        if !tags.is_empty() {
            parts.push(tags.join(" "));
        }
        parts.join("\n\n")
    };
    // A text of no more bytes than the budget has no more characters either.
    let fits = |text: &str| text.len() <= input.budget || text.chars().count() <= input.budget;

    // Over budget: drop key points from the end, then shorten the summary sentence by
    // sentence, then drop hashtags from the end; the title and the addresses stay whole.
    let mut text = assemble(&summary, &points, &tags);
    while !fits(&text) && !points.is_empty() {
        points.pop();
        text = assemble(&summary, &points, &tags);
    }
    // Most posts fit: the summary is split into sentences only when one must go.
    let mut sentences = if fits(&text) {
        Vec::new()
    } else {
        split_sentences(&summary)
    };
    while !fits(&text) && !sentences.is_empty() {
        sentences.pop();
        text = assemble(sentences.concat().trim_end(), &points, &tags);
    }
    while !fits(&text) && !tags.is_empty() {
        tags.pop();
        text = assemble(sentences.concat().trim_end(), &points, &tags);
    }
    text
}

/// Characters that close a quotation or a bracket: they may follow a sentence's full stop.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '»' | '’' | '"' | '\'' | ')' | ']')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// `text` as a finished sentence: a trailing colon, semicolon or comma becomes a full stop,
/// and a text that does not end with one (before closing quotes) gets one.
fn finished(text: &str) -> String {
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ';' | ','));
    if text.is_empty() {
        return String::new();
    }
    let last = text.chars().rev().find(|&c| !is_closer(c));
    if last.is_some_and(is_sentence_end) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Straight quotes as the language writes them: `"..."` as “...” (« ... » in French, with
/// no-break spaces inside), and an apostrophe between letters as ’. A quotation left open
/// is closed at the end.
fn typographic_quotes(text: &str, lang: &str) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_string();
    }
    let (open, close) = if lang == "fr" {
        ("«\u{a0}", "\u{a0}»")
    } else {
        ("“", "”")
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut inside = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if !inside
                && prev.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '(' | '[' | '–' | '—' | '-' | '/' | ':')
                }) =>
            {
                out.push_str(open);
                inside = true;
                // « texte »: the no-break space replaces a space the editor typed.
                if lang == "fr" {
                    while chars.next_if(|n| *n == ' ').is_some() {}
                }
            }
            '"' if inside => {
                if lang == "fr" {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                }
                out.push_str(close);
                inside = false;
            }
            '\'' if prev.is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push('’')
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    if inside {
        out.push_str(close);
    }
    out
}

/// The address that opens Facebook's share dialog for `url` (documented by Facebook).
pub fn facebook_share_url(url: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        crate::text::percent_encode(url)
    )
}

/// The address that opens Zalo's share page for `url`. Zalo documents only its JavaScript
/// button (sp.zalo.me/plugins/sdk.js); this is the address that button opens, with the page
/// given as base64 of `{"url": ...}`, so the link works without any third-party script.
pub fn zalo_share_url(url: &str) -> String {
    let payload = serde_json::json!({ "url": url }).to_string();
    format!(
        "https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false&d={}&shareType=0",
        crate::text::percent_encode(&base64(payload.as_bytes()))
    )
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, &b)| n | u32::from(b) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Collapses whitespace (line breaks included) to single spaces.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// `dân vận khéo` → `#DânVậnKhéo`: letters and digits of each word, capitalized.
pub fn hashtag(topic: &str) -> String {
    let mut tag = String::from("#");
    for word in topic
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            tag.extend(first.to_uppercase());
            tag.extend(chars);
        }
    }
    tag
}

/// Sentences with their trailing space, so that joining them gives the text back. A sentence
/// ends at `.`, `!`, `?` or `…` (with the quotes and brackets that close right after it)
/// before a space or the end, outside quotations: `Ông nói: “Dân biết. Dân bàn.” Rồi...` is
/// one sentence up to `”`.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    while let Some(end) = sentence_end(text, start) {
        sentences.push(&text[start..end]);
        start = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        sentences.push(&text[start..]);
    }
    sentences
}

/// The first of [`split_sentences`], without splitting the rest.
fn first_sentence(text: &str) -> Option<&str> {
    match sentence_end(text, 0) {
        Some(end) => Some(&text[..end]),
        None => (!text.trim().is_empty()).then_some(text),
    }
}

/// The first sentence of a text on one line ([`one_line`]), without putting the rest of the
/// text on one line too (a paragraph's first sentence is all a key point takes). Whitespace
/// does not move where a sentence ends, so this is the first sentence of the text made one
/// line, trimmed.
fn first_sentence_line(text: &str) -> Option<String> {
    first_sentence(text).map(one_line)
}

/// Where the sentence that starts at byte `from` ends (after its trailing space), if it
/// ends before the text does.
fn sentence_end(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    // Open typographic quotations, and whether a straight one is open.
    let (mut depth, mut straight) = (0usize, false);
    for (i, c) in rest.char_indices() {
        match c {
            '“' | '«' => depth += 1,
            '”' | '»' => depth = depth.saturating_sub(1),
            '"' => straight = !straight,
            c if is_sentence_end(c) => {
                // The marks and closers that follow belong to the sentence.
                let (mut d, mut s) = (depth, straight);
                let after = i + c.len_utf8();
                let mut stop = rest.len();
                for (j, n) in rest[after..].char_indices() {
                    match n {
                        '”' | '»' => d = d.saturating_sub(1),
                        '"' if s => s = false,
                        n if is_sentence_end(n) || matches!(n, '’' | '\'' | ')' | ']') => {}
                        _ => {
                            stop = after + j;
                            break;
                        }
                    }
                }
                let next = rest[stop..].chars().next();
                if next.is_none_or(char::is_whitespace) && d == 0 && !s {
                    return Some(from + stop + next.map_or(0, char::len_utf8));
                }
            }
            _ => {}
        }
    }
    None
}

/// The key points of a body: the first sentence of the first paragraph of each `## `
/// section, as plain text. A sentence that introduces what follows (it ends with `:`) takes
/// the first items of the list after it, or the first sentence of the quotation after it,
/// and is left out when something else follows.
fn section_points(body: &str) -> Vec<String> {
    let mut points = Vec::new();
    let mut in_h2 = false;
    let mut want_paragraph = false;
    let mut in_paragraph = false;
    let mut footnote_depth = 0;
    let mut text = String::new();
    // The paragraph's events: one that is only a video's address is no key point.
    let mut events: Vec<Event> = Vec::new();
    let mut follow = Follow::Idle;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, options) {
        if follow.read(&event, &mut points) {
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => in_h2 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                in_h2 = false;
                want_paragraph = true;
            }
            Event::Start(Tag::Heading { .. }) => want_paragraph = false,
            Event::Start(Tag::FootnoteDefinition(_)) => footnote_depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => footnote_depth -= 1,
            Event::Start(Tag::Paragraph) if want_paragraph && footnote_depth == 0 => {
                in_paragraph = true;
                text.clear();
                events.clear();
            }
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                in_paragraph = false;
                if crate::video::paragraph_video(&events).is_some() {
                    continue;
                }
                want_paragraph = false;
                if let Some(first) = first_sentence_line(&text) {
                    let first = first.as_str();
                    if first.ends_with(':') {
                        follow = Follow::Intro(first.to_string());
                    } else if !first.is_empty() {
                        points.push(finished(first));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if in_paragraph && !in_h2 => {
                text.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            other if in_paragraph => events.push(other),
            _ => {}
        }
    }
    points
}

/// A sentence that introduces what follows (it ends with `:`), and the block after it.
enum Follow {
    Idle,
    /// The sentence, waiting for the next block.
    Intro(String),
    /// Reading the list after it: the items of its first level.
    List {
        intro: String,
        depth: usize,
        items: Vec<String>,
    },
    /// Reading the quotation after it: its first paragraph.
    Quote {
        intro: String,
        depth: usize,
        text: String,
    },
}

impl Follow {
    /// Takes one event of the body; `true` when it belongs to the block after an
    /// introducing sentence (the caller skips it). The point the sentence makes with its
    /// block goes into `points` when the block ends; after anything but a list or a
    /// quotation, the sentence is left out.
    fn read(&mut self, event: &Event, points: &mut Vec<String>) -> bool {
        match self {
            Follow::Idle => false,
            Follow::Intro(intro) => {
                let intro = std::mem::take(intro);
                *self = match event {
                    Event::Start(Tag::List(_)) => Follow::List {
                        intro,
                        depth: 1,
                        items: Vec::new(),
                    },
                    Event::Start(Tag::BlockQuote(_)) => Follow::Quote {
                        intro,
                        depth: 1,
                        text: String::new(),
                    },
                    Event::Start(_) => Follow::Idle,
                    _ => Follow::Intro(intro),
                };
                matches!(self, Follow::List { .. } | Follow::Quote { .. })
            }
            Follow::List {
                intro,
                depth,
                items,
            } => {
                match event {
                    Event::Start(Tag::List(_)) => *depth += 1,
                    Event::End(TagEnd::List(_)) => *depth -= 1,
                    Event::Start(Tag::Item) if *depth == 1 => items.push(String::new()),
                    Event::Text(t) | Event::Code(t) if *depth == 1 => {
                        items.last_mut().into_iter().for_each(|i| i.push_str(t))
                    }
                    Event::SoftBreak | Event::HardBreak if *depth == 1 => {
                        items.last_mut().into_iter().for_each(|i| i.push(' '))
                    }
                    _ => {}
                }
                if *depth == 0 {
                    points.extend(with_list(intro, items));
                    *self = Follow::Idle;
                }
                true
            }
            Follow::Quote { intro, depth, text } => {
                match event {
                    Event::Start(Tag::BlockQuote(_)) => *depth += 1,
                    Event::End(TagEnd::BlockQuote(_)) => *depth -= 1,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    // The first paragraph of the quotation is enough.
                    Event::End(TagEnd::Paragraph) if !text.is_empty() => *depth = 0,
                    _ => {}
                }
                if *depth == 0 {
                    if let Some(first) = first_sentence_line(text) {
                        points.push(format!("{} \"{}\"", intro.trim_end(), finished(&first)));
                    }
                    *self = Follow::Idle;
                }
                true
            }
        }
    }
}

/// An introducing sentence with the first items of its list, one per line:
/// `các tổ đã:\n– tuần tra;\n– hòa giải.` (`…` ends the last when items are left out).
fn with_list(intro: &str, items: &[String]) -> Option<String> {
    let items: Vec<String> = items
        .iter()
        .filter_map(|item| {
            let first = first_sentence_line(item)?;
            let bare = first.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, ';' | ',' | '.' | ':')
            });
            (!bare.is_empty()).then(|| bare.to_string())
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let shown = items.len().min(MAX_LIST_ITEMS);
    let mut point = intro.trim_end().to_string();
    for (n, item) in items[..shown].iter().enumerate() {
        point.push_str("\n– ");
        point.push_str(item);
        let ends = item.chars().last().is_some_and(is_sentence_end);
        if n + 1 < shown {
            point.push(';');
        } else if shown < items.len() {
            point.push('…');
        } else if !ends {
            point.push('.');
        }
    }
    Some(point)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(body: &'a str, topics: &'a [String], budget: usize) -> ShareInput<'a> {
        ShareInput {
            title: "Phường Thiên Trường đối thoại với dân",
            summary: "Ba tháng, 14 buổi đối thoại. Người dân hỏi, cán bộ trả lời ngay.",
            body,
            points: None,
            url: "https://example.org/dan-van/articles/thien-truong/",
            video: None,
            topics,
            budget,
            lang: "vi",
        }
    }

    const BODY: &str = "Mở đầu.\n\n## Vì sao?\n\nĐối thoại ở **tổ dân phố** giúp [người dân](../x.md) hỏi thẳng[^1]. Câu thứ hai.\n\n## Kết quả\n\n- danh sách\n\nSau ba tháng, có `14` buổi… Rồi tiếp.\n\n<div>HTML thô</div>\n\n[^1]: Chú thích không lấy.\n";

    #[test]
    fn share_text_is_plain_with_points_url_and_hashtags() {
        let topics = vec![
            "dân vận khéo".to_string(),
            "Chính quyền hai cấp".to_string(),
        ];
        let text = share_text(&input(BODY, &topics, DEFAULT_BUDGET));
        assert_eq!(
            text,
            "Phường Thiên Trường đối thoại với dân\n\nBa tháng, 14 buổi đối thoại. Người dân hỏi, cán bộ trả lời ngay.\n\n• Đối thoại ở tổ dân phố giúp người dân hỏi thẳng.\n• Sau ba tháng, có 14 buổi…\n\nhttps://example.org/dan-van/articles/thien-truong/\n\n#DânVậnKhéo #ChínhQuyềnHaiCấp"
        );
        assert!(!text.contains("\n\n\n"));
        for markup in ["**", "](", "<", "`", "[^"] {
            assert!(!text.contains(markup), "{markup} left in {text}");
        }
    }

    #[test]
    fn budget_drops_points_then_summary_sentences_then_hashtags_but_keeps_the_url_whole() {
        let topics = vec!["dân vận khéo".to_string()];
        let full = share_text(&input(BODY, &topics, DEFAULT_BUDGET));
        for budget in [full.chars().count() - 1, 150, 120, 40] {
            let text = share_text(&input(BODY, &topics, budget));
            assert!(
                text.contains("https://example.org/dan-van/articles/thien-truong/"),
                "{text}"
            );
            // The hashtags go last: while the title and address leave room, they stay.
            if budget >= 150 {
                assert!(text.ends_with("#DânVậnKhéo"), "{text}");
                assert!(text.chars().count() <= budget, "{budget}: {text}");
            }
            // Whatever is kept of the summary ends at a sentence end.
            let summary_end = text.lines().nth(2).unwrap_or("");
            assert!(
                summary_end.is_empty()
                    || summary_end.ends_with('.')
                    || summary_end.starts_with("• ")
                    || summary_end.starts_with("https://"),
                "{text}"
            );
        }
    }

    #[test]
    fn front_matter_points_replace_section_sentences() {
        let points = vec!["Điểm một".to_string(), "  Điểm\nhai ".to_string()];
        let mut i = input(BODY, &[], DEFAULT_BUDGET);
        i.points = Some(&points);
        let text = share_text(&i);
        assert!(text.contains("• Điểm một.\n• Điểm hai.\n"), "{text}");
        assert!(!text.contains("Đối thoại ở"), "{text}");
    }

    #[test]
    fn share_dialog_links_carry_the_address() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("đ".as_bytes()), "xJE=");
        let url = "https://example.org/dan-van/articles/x/?a=1&b=2";
        assert_eq!(
            facebook_share_url(url),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fdan-van%2Farticles%2Fx%2F%3Fa%3D1%26b%3D2"
        );
        let zalo = zalo_share_url(url);
        let d = zalo
            .split("&d=")
            .nth(1)
            .and_then(|r| r.split('&').next())
            .unwrap_or("");
        let encoded = crate::text::percent_decode(d);
        assert_eq!(
            encoded,
            base64(br#"{"url":"https://example.org/dan-van/articles/x/?a=1&b=2"}"#)
        );
    }

    #[test]
    fn a_point_that_introduces_a_list_carries_its_first_items() {
        let body = "## Kết quả\n\nTrong một năm, các tổ đã:\n\n- tổ chức 1.300 lượt tuần tra;\n- hòa giải 34 vụ.\n- vận động 120 hộ\n- lắp 40 camera;\n\n## Bảng\n\nSố liệu như sau:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Lời bà Hoa\n\nBà Hoa nói:\n\n> Cả đời tôi chưa nghĩ có nhà. Cảm ơn bà con.\n";
        let text = share_text(&input(body, &[], DEFAULT_BUDGET));
        assert!(
            text.contains("• Trong một năm, các tổ đã:\n– tổ chức 1.300 lượt tuần tra;\n– hòa giải 34 vụ;\n– vận động 120 hộ…\n"),
            "{text}"
        );
        // Before a table, the sentence that announces it is left out.
        assert!(!text.contains("Số liệu"), "{text}");
        assert!(
            text.contains("• Bà Hoa nói: “Cả đời tôi chưa nghĩ có nhà.”\n"),
            "{text}"
        );
    }

    #[test]
    fn sentences_end_outside_quotations_and_posts_end_their_sentences() {
        assert_eq!(
            split_sentences("Ông nói: “Dân biết. Dân bàn.” Rồi về. Bà hỏi \"Sao? Ai.\" Xong"),
            [
                "Ông nói: “Dân biết. Dân bàn.” ",
                "Rồi về. ",
                "Bà hỏi \"Sao? Ai.\" ",
                "Xong"
            ]
        );
        assert_eq!(
            split_sentences("Có 1.300 lượt. Hết"),
            ["Có 1.300 lượt. ", "Hết"]
        );
        assert_eq!(finished("Điểm một"), "Điểm một.");
        assert_eq!(finished("Điểm hai:"), "Điểm hai.");
        assert_eq!(finished("Il a dit « oui »"), "Il a dit « oui ».");
        assert_eq!(finished("Xong!”"), "Xong!”");
    }

    #[test]
    fn straight_quotes_become_the_languages_own() {
        assert_eq!(
            typographic_quotes("Phong trào \"Dân vận khéo\" và l'État", "vi"),
            "Phong trào “Dân vận khéo” và l’État"
        );
        assert_eq!(
            typographic_quotes("l'esprit \" chacun donne \" ici", "fr"),
            "l’esprit «\u{a0}chacun donne\u{a0}» ici"
        );
        assert_eq!(typographic_quotes("Cao 5\" thôi", "en"), "Cao 5\" thôi");
        assert_eq!(
            typographic_quotes("Mở \"không đóng", "vi"),
            "Mở “không đóng”"
        );
    }

    #[test]
    fn hashtags_go_last_when_the_budget_is_tight() {
        let topics: Vec<String> = (0..40).map(|n| format!("chủ đề số {n}")).collect();
        let mut i = input(BODY, &topics, 200);
        i.summary = "";
        let text = share_text(&i);
        assert!(
            text.chars().count() <= 200,
            "{}: {text}",
            text.chars().count()
        );
        assert!(text.contains("#ChủĐềSố0"), "{text}");
        assert!(!text.contains("#ChủĐềSố39"), "{text}");
    }

    #[test]
    fn hashtags_keep_vietnamese_letters() {
        assert_eq!(hashtag("dân vận khéo"), "#DânVậnKhéo");
        assert_eq!(hashtag("an sinh – xã hội!"), "#AnSinhXãHội");
    }
}
