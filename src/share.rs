//! The ready-to-paste post for fanpage and Zalo admins: plain text (no Markdown, no HTML, no
//! doubled blank lines) with the title, the summary, up to five key points, the item's
//! address and hashtags from its topics, within a length budget that is cut at sentence
//! boundaries and never inside a word, an address or a hashtag.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The default length budget, in characters.
pub const DEFAULT_BUDGET: usize = 2000;
const MAX_POINTS: usize = 5;

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
    pub topics: &'a [String],
    pub budget: usize,
}

/// The share text of an item.
pub fn share_text(input: &ShareInput) -> String {
    let title = one_line(input.title);
    let summary = one_line(input.summary);
    let mut points: Vec<String> = match input.points {
        Some(points) => points
            .iter()
            .map(|p| one_line(p))
            .filter(|p| !p.is_empty())
            .collect(),
        None => section_first_sentences(input.body),
    };
    points.truncate(MAX_POINTS);
    let tags: Vec<String> = input
        .topics
        .iter()
        .map(|t| hashtag(t))
        .filter(|t| t.len() > 1)
        .collect();
    let tags = tags.join(" ");

    let assemble = |summary: &str, points: &[String]| {
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
        parts.push(input.url.to_string());
        if !tags.is_empty() {
            parts.push(tags.clone());
        }
        parts.join("\n\n")
    };
    let fits = |text: &str| text.chars().count() <= input.budget;

    // Over budget: drop key points from the end, then shorten the summary sentence by sentence.
    let mut text = assemble(&summary, &points);
    while !fits(&text) && !points.is_empty() {
        points.pop();
        text = assemble(&summary, &points);
    }
    let mut sentences = split_sentences(&summary);
    while !fits(&text) && !sentences.is_empty() {
        sentences.pop();
        text = assemble(sentences.concat().trim_end(), &points);
    }
    text
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Sentences with their trailing space, so that joining them gives the text back.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?' | '…') && next_is_space {
            let end = chars
                .get(k + 1)
                .map_or(text.len(), |&(j, n)| j + n.len_utf8());
            sentences.push(&text[start..end.min(text.len())]);
            start = end.min(text.len());
            let _ = i;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        sentences.push(&text[start..]);
    }
    sentences
}

/// The first sentence of the first paragraph of each `## ` section, as plain text.
fn section_first_sentences(body: &str) -> Vec<String> {
    let mut points = Vec::new();
    let mut in_h2 = false;
    let mut want_paragraph = false;
    let mut in_paragraph = false;
    let mut footnote_depth = 0;
    let mut text = String::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, options) {
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
            }
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                in_paragraph = false;
                want_paragraph = false;
                let plain = one_line(&text);
                if let Some(first) = split_sentences(&plain).first() {
                    let first = first.trim();
                    if !first.is_empty() {
                        points.push(first.to_string());
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if in_paragraph && !in_h2 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    points
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
            topics,
            budget,
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
    fn budget_drops_points_then_summary_sentences_but_keeps_url_and_hashtags_whole() {
        let topics = vec!["dân vận khéo".to_string()];
        let full = share_text(&input(BODY, &topics, DEFAULT_BUDGET));
        for budget in [full.chars().count() - 1, 150, 120, 40] {
            let text = share_text(&input(BODY, &topics, budget));
            assert!(
                text.contains("https://example.org/dan-van/articles/thien-truong/"),
                "{text}"
            );
            assert!(text.ends_with("#DânVậnKhéo"), "{text}");
            if budget >= 150 {
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
        assert!(text.contains("• Điểm một\n• Điểm hai\n"), "{text}");
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
    fn hashtags_keep_vietnamese_letters() {
        assert_eq!(hashtag("dân vận khéo"), "#DânVậnKhéo");
        assert_eq!(hashtag("an sinh – xã hội!"), "#AnSinhXãHội");
    }
}
