//! The loudspeaker edition: a bulletin written to be read aloud on the commune radio. An
//! item's Markdown becomes lines of speech (headings become transitions, tables are read row
//! by row, links keep their words, pictures, footnote marks, code and addresses are left
//! out), each said in the item's language (`spoken`: numbers, dates, abbreviations, document
//! numbers in words), with an estimate of the time it takes at the site's speaking rate.

pub mod glossary;
pub mod numbers;
pub mod spoken;

use glossary::Glossary;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The phrases the edition is framed with, from the site's interface strings, with
/// `{title}` (the bulletin's, with its number when the title does not say it), `{date}`,
/// `{n}` (an item's place), `{heading}` and `{number}` (in `number`) in them.
pub struct Phrases {
    pub opening: String,
    pub item: String,
    pub section: String,
    pub closing: String,
    /// How the edition's number follows a title that does not give it: "số {number}".
    pub number: String,
}

/// One part of the script: the opening, an item, the closing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Part {
    /// What the part is (an item's title as written), for the page and the reader.
    pub title: String,
    /// Lines to read, in the order they are read.
    pub lines: Vec<String>,
    pub words: usize,
    /// The reading time at the site's rate, in whole minutes (at least one).
    pub minutes: usize,
}

/// A bulletin to read aloud.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Script {
    pub lang: String,
    pub parts: Vec<Part>,
    pub words: usize,
    pub minutes: usize,
    /// Whether numbers could be said in the language (else they stay digits).
    pub numbers_spoken: bool,
}

/// What the script is made of: the bulletin's framing and its items' titles and bodies.
pub struct Bulletin<'a> {
    pub lang: &'a str,
    pub title: &'a str,
    pub number: Option<i64>,
    /// ISO date.
    pub date: Option<String>,
    pub intro: &'a str,
    /// Each item: its title, Markdown body and language (an untranslated item is said in
    /// its own).
    pub items: Vec<(&'a str, &'a str, &'a str)>,
}

pub fn script(
    bulletin: &Bulletin,
    phrases: &Phrases,
    glossary: &Glossary,
    words_per_minute: usize,
) -> Script {
    let lang = bulletin.lang;
    let edition = edition_title(bulletin, &phrases.number);
    let fill = |pattern: &str, n: usize, title: &str| {
        pattern
            .replace("{title}", title)
            .replace("{date}", bulletin.date.as_deref().unwrap_or_default())
            .replace("{n}", &n.to_string())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // An abbreviation said in words may start the line in lower case ("KDC": "khu dân cư").
    let say = |line: &str| capitalized(&spoken::spoken(line, lang, glossary));
    let say_in = |line: &str, lang: &str| capitalized(&spoken::spoken(line, lang, glossary));
    let part = |title: &str, lines: Vec<String>| {
        let words = lines.iter().map(|l| l.split_whitespace().count()).sum();
        Part {
            title: title.to_string(),
            minutes: minutes(words, words_per_minute),
            lines,
            words,
        }
    };
    let mut opening = vec![say(&fill(&phrases.opening, 0, &edition))];
    opening.extend(
        body_lines(bulletin.intro, &phrases.section)
            .iter()
            .map(|l| say(l)),
    );
    let mut parts = vec![part(bulletin.title, opening)];
    for (n, (title, body, item_lang)) in bulletin.items.iter().enumerate() {
        let mut lines = vec![say(&fill(&phrases.item, n + 1, title))];
        lines.extend(
            body_lines(body, &phrases.section)
                .iter()
                .map(|l| say_in(l, item_lang)),
        );
        parts.push(part(title, lines));
    }
    parts.push(part("", vec![say(&fill(&phrases.closing, 0, &edition))]));
    let words = parts.iter().map(|p| p.words).sum();
    Script {
        lang: lang.to_string(),
        minutes: minutes(words, words_per_minute),
        parts,
        words,
        numbers_spoken: numbers::speaks(lang)
            && bulletin.items.iter().all(|(_, _, l)| numbers::speaks(l)),
    }
}

/// The bulletin's title with its number after it, unless the title already gives it
/// ("Bản tin Dân vận số 1").
fn edition_title(bulletin: &Bulletin, number_phrase: &str) -> String {
    let Some(n) = bulletin.number else {
        return bulletin.title.to_string();
    };
    let n = n.to_string();
    let says_number = bulletin
        .title
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits == n);
    match says_number {
        true => bulletin.title.to_string(),
        false => format!(
            "{} {}",
            bulletin.title,
            number_phrase.replace("{number}", &n)
        ),
    }
}

fn minutes(words: usize, per_minute: usize) -> usize {
    words.div_ceil(per_minute.max(1)).max(1)
}

impl Script {
    /// The script as plain text: the parts one after the other, a blank line between lines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            for line in &part.lines {
                out.push_str(line);
                out.push_str("\n\n");
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// A Markdown body as lines to read (not yet said in words): paragraphs, list items, table
/// rows, quotations in quotation marks, headings as `section` transitions.
pub fn body_lines(markdown: &str, section: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut reader = Reader::default();
    for event in Parser::new_ext(markdown, options) {
        reader.read(event, section);
    }
    reader.lines
}

/// Reads a body's events into lines.
#[derive(Default)]
struct Reader<'a> {
    lines: Vec<String>,
    /// The line being read, with its events (a paragraph that is a video's address only is
    /// not read).
    text: String,
    events: Vec<Event<'a>>,
    /// Inside what is not read: a picture, a footnote, a code block, block HTML.
    skipping: usize,
    quote: usize,
    heading: bool,
    table: Table,
}

#[derive(Default)]
struct Table {
    head: Vec<String>,
    row: Vec<String>,
    in_head: bool,
}

impl<'a> Reader<'a> {
    fn read(&mut self, event: Event<'a>, section: &str) {
        if self.skipping > 0 {
            match event {
                Event::Start(
                    Tag::Image { .. } | Tag::FootnoteDefinition(_) | Tag::CodeBlock(_),
                ) => self.skipping += 1,
                Event::End(TagEnd::Image | TagEnd::FootnoteDefinition | TagEnd::CodeBlock) => {
                    self.skipping -= 1
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_) | Tag::CodeBlock(_)) => {
                self.skipping = 1
            }
            Event::Start(Tag::Heading { .. }) => {
                self.end_line();
                self.heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.heading = false;
                let heading = finished(self.text.trim());
                self.text.clear();
                self.events.clear();
                if !heading.is_empty() {
                    self.lines.push(section.replace("{heading}", &heading));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.end_line();
                self.quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.end_line();
                self.quote -= 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.end_line(),
            Event::Start(Tag::Item) => self.end_line(),
            Event::Start(Tag::TableHead) => self.table.in_head = true,
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.text).trim().to_string();
                self.events.clear();
                match self.table.in_head {
                    true => self.table.head.push(cell),
                    false => self.table.row.push(cell),
                }
            }
            Event::End(TagEnd::TableHead) => self.table.in_head = false,
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut self.table.row);
                self.lines.push(table_row(&self.table.head, &row));
            }
            Event::End(TagEnd::Table) => self.table = Table::default(),
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(&t);
                self.events.push(Event::Text(t));
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            // Raw HTML: its tags are not read, the words between them are.
            Event::Html(html) => {
                self.text.push_str(&crate::text::html_to_text(&html));
            }
            Event::Start(tag @ Tag::Link { .. }) => self.events.push(Event::Start(tag)),
            Event::End(TagEnd::Link) => self.events.push(Event::End(TagEnd::Link)),
            _ => {}
        }
    }

    /// Ends the line being read (a paragraph, a list item), unless it is empty or a video.
    fn end_line(&mut self) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let video = crate::video::paragraph_video(&self.events).is_some();
        self.text.clear();
        self.events.clear();
        if text.is_empty() || video || self.heading {
            return;
        }
        let line = finished(&text);
        self.lines.push(match self.quote {
            0 => line,
            _ => format!("“{line}”"),
        });
    }
}

/// A table's row read aloud: "Kinh tế: đăng ký năm, công nhận ba" (its first cell, then
/// each other cell after its column's heading).
fn table_row(head: &[String], row: &[String]) -> String {
    let Some((first, rest)) = row.split_first() else {
        return String::new();
    };
    let cells: Vec<String> = rest
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(
            |(i, cell)| match head.get(i + 1).filter(|h| !h.is_empty()) {
                Some(h) => format!("{} {cell}", lower_first(h)),
                None => cell.clone(),
            },
        )
        .collect();
    match cells.is_empty() {
        true => finished(first),
        false => finished(&format!("{first}: {}", cells.join(", "))),
    }
}

/// The first letter in lower case, unless the word is written in capitals (`UBND`).
fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or_default();
    if first_word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return s.to_string();
    }
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

/// The line with its first letter in capitals.
fn capitalized(line: &str) -> String {
    match line.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, c)) if c.is_lowercase() => {
            format!(
                "{}{}{}",
                &line[..at],
                c.to_uppercase(),
                &line[at + c.len_utf8()..]
            )
        }
        _ => line.to_string(),
    }
}

/// A line starts with a capital and ends with its stop, so that the reader pauses.
fn finished(line: &str) -> String {
    let line = capitalized(line.trim().trim_end_matches([';', ',']));
    match line.chars().last() {
        None => String::new(),
        Some('.' | '!' | '?' | '…' | ':' | '"' | '”' | '»' | ')') => line,
        Some(_) => format!("{line}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECTION: &str = "Tiếp theo: {heading}";

    #[test]
    fn a_body_is_read_as_lines() {
        let body = "Mở đầu với [một liên kết](https://example.org/) và chú thích[^1].\n\n![Ảnh](a.png)\n\n## Kết quả\n\n- đăng ký 5 mô hình;\n- công nhận 3\n\n| Lĩnh vực | Đăng ký | Công nhận |\n|---|---|---|\n| Kinh tế | năm | ba |\n\n> Dân biết, dân bàn.\n\n```\ncode\n```\n\nhttps://youtu.be/Xh7Qm2pD4sA\n\n[^1]: Không đọc.\n";
        assert_eq!(
            body_lines(body, SECTION),
            [
                "Mở đầu với một liên kết và chú thích.",
                "Tiếp theo: Kết quả.",
                "Đăng ký 5 mô hình.",
                "Công nhận 3.",
                "Kinh tế: đăng ký năm, công nhận ba.",
                "“Dân biết, dân bàn.”",
            ]
        );
    }

    #[test]
    fn a_script_frames_the_items_and_estimates_the_time() {
        let phrases = Phrases {
            opening: "Sau đây là {title}, ra ngày {date}.".into(),
            item: "Tin số {n}: {title}.".into(),
            section: SECTION.into(),
            closing: "{title} đến đây là hết.".into(),
            number: "số {number}".into(),
        };
        let bulletin = Bulletin {
            lang: "vi",
            title: "Bản tin Dân vận",
            number: Some(3),
            date: Some("2025-11-15".into()),
            intro: "",
            items: vec![("Xã họp dân", "UBND xã họp với 85% hộ dân.\n", "vi")],
        };
        let script = script(&bulletin, &phrases, &Glossary::defaults(), 130);
        assert_eq!(
            script.text(),
            "Sau đây là Bản tin Dân vận số ba, ra ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi lăm.\n\nTin số một: Xã họp dân.\n\nỦy ban nhân dân xã họp với tám mươi lăm phần trăm hộ dân.\n\nBản tin Dân vận số ba đến đây là hết.\n"
        );
        assert_eq!(script.parts.len(), 3);
        assert_eq!(script.minutes, 1);
        assert_eq!(script.words, script.text().split_whitespace().count());
    }

    #[test]
    fn random_hostile_bodies_are_read_without_a_panic() {
        use spoken::tests::{PIECES, Random};
        // Markdown's own signs with the words and numbers the speller reads.
        let markdown = [
            "\n",
            "\n\n",
            "# ",
            "> ",
            "- ",
            "1. ",
            "| ",
            "|---|",
            "[",
            "](",
            ")",
            "![",
            "*",
            "`",
            "```",
            "[^1]",
            "[^1]: ",
            "<b>",
            "</b>",
            "<span class=\"bantin-video-qr\">",
            "https://youtu.be/dQw4w9WgXcQ",
            "{title}",
            "{heading}",
            "{n}",
        ];
        let pieces: Vec<&str> = PIECES.iter().chain(markdown.iter()).copied().collect();
        let glossary = Glossary::defaults();
        let phrases = Phrases {
            opening: "{title} {date}".into(),
            item: "{n}: {title}".into(),
            section: SECTION.into(),
            closing: "{title}".into(),
            number: "số {number}".into(),
        };
        let mut random = Random::new(0xB47_714);
        for _ in 0..2000 {
            let (title, body) = (random.text(&pieces, 6), random.text(&pieces, 60));
            for lang in ["vi", "en", "fr"] {
                let bulletin = Bulletin {
                    lang,
                    title: &title,
                    number: Some(i64::MIN),
                    date: Some(body.chars().take(10).collect()),
                    intro: &body,
                    items: vec![(&title, &body, lang), ("", "", "hmn")],
                };
                let script = script(&bulletin, &phrases, &glossary, 0);
                assert_eq!(script.parts.len(), 4, "{body:?}");
            }
        }
    }
}
