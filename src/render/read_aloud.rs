//! A bulletin's read-aloud edition (src/speech): the page an announcer of the commune radio
//! reads from, and the same script as a plain-text file to download.

use crate::content::front_matter::KindFields;
use crate::library::ItemId;
use crate::render::view::View;
use crate::render::{LanguageLinks, Page, PageCtx};
use crate::speech::{Bulletin, Phrases, Script};
use crate::urls;
use serde::Serialize;

/// The script of a bulletin in its language.
pub fn script(view: &View, id: ItemId) -> Script {
    let bulletin = view.item(id);
    let lang = bulletin.lang();
    let items: Vec<(&str, &str, &str)> = bulletin
        .bulletin_items
        .iter()
        .map(|entry| {
            let item = view.item(entry.id);
            (item.title(), item.source.body.as_str(), item.lang())
        })
        .collect();
    let common = &bulletin.source.front_matter.common;
    let number = match &bulletin.source.front_matter.fields {
        KindFields::Bulletin(b) => Some(b.number),
        _ => None,
    };
    let phrase = |key: &str| view.t(lang, key);
    let phrases = Phrases {
        opening: phrase("read_aloud_opening"),
        item: phrase("read_aloud_item"),
        section: phrase("read_aloud_section"),
        closing: phrase("read_aloud_closing"),
        number: phrase("read_aloud_number"),
    };
    crate::speech::script(
        &Bulletin {
            lang,
            title: bulletin.title(),
            number,
            date: common.date.as_ref().map(|d| d.iso()),
            intro: &bulletin.source.body,
            items,
        },
        &phrases,
        &view.site.glossary,
        view.config().speaking_rate(lang),
    )
}

/// The script as the .txt file.
pub fn text(view: &View, id: ItemId) -> Vec<u8> {
    script(view, id).text().into_bytes()
}

#[derive(Serialize)]
struct PartCtx {
    title: String,
    lines: Vec<String>,
    /// "about 3 minutes", in the page's language.
    time: String,
}

#[derive(Serialize)]
struct ReadAloudCtx {
    title: String,
    bulletin_url: String,
    text_url: String,
    /// The whole script's reading time and pace, in the page's language.
    time: String,
    /// The opening, the items, the closing.
    parts: Vec<PartCtx>,
    /// Numbers are left as digits (a language without number rules).
    digits_left: bool,
}

/// The read-aloud page of a bulletin.
pub fn page(view: &View, id: ItemId) -> Page {
    let bulletin = view.item(id);
    let config = view.config();
    let lang = bulletin.lang();
    let script = script(view, id);
    let minutes = |n: usize| {
        view.t(lang, "read_aloud_minutes")
            .replace("{n}", &n.to_string())
    };
    let rate = config.speaking_rate(lang);
    let route = urls::read_aloud(&bulletin.route);
    let ctx = ReadAloudCtx {
        title: bulletin.title().to_string(),
        bulletin_url: config.url_path(&bulletin.route),
        text_url: config.url_path(&urls::read_aloud_text(&bulletin.route)),
        time: view
            .t(lang, "read_aloud_total")
            .replace("{time}", &minutes(script.minutes))
            .replace("{rate}", &rate.to_string()),
        parts: script
            .parts
            .iter()
            .map(|p| PartCtx {
                title: p.title.clone(),
                lines: p.lines.clone(),
                time: minutes(p.minutes),
            })
            .collect(),
        digits_left: !script.numbers_spoken,
    };
    let title = format!(
        "{} – {}",
        view.t(lang, "read_aloud_edition"),
        bulletin.title()
    );
    let page = PageCtx {
        title: title.clone(),
        url: config.url_path(&route),
        permalink: config.permalink(&route),
        description: title,
        image: None,
        video: None,
        is_item: false,
    };
    let mut made = view.page("read_aloud.html", lang, page, LanguageLinks::default());
    made.set("read_aloud", &ctx);
    made
}
