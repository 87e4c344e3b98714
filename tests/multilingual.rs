//! Multilingual sites: translations by suffix, bundle and `translation_key`; listings, home
//! pages and feeds per language under `fallback: none` and `fallback: default`; hreflang links
//! and sitemap alternates (reciprocal, self-including, with x-default); the language switcher;
//! translations with their own slug; UI strings and dates per language; `bantin check
//! --translations`; NFC/NFD input; Vietnamese alphabetical order.

mod common;

use common::*;
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------- the four-language site

/// The languages of [`four_languages`], in site.yaml order: (code, name, site title).
const LANGUAGES: [(&str, &str, &str); 4] = [
    ("vi", "Tiếng Việt", "Bản tin Thử nghiệm"),
    ("en", "English", "Test Bulletin"),
    ("fr", "Français", "Bulletin d'essai"),
    // No title of its own (falls back to the site title) and no i18n file in the theme.
    ("hmn", "Hmoob", "Bản tin Thử nghiệm"),
];

/// Vietnamese (default), English, French and Hmong (which has no item at all), 2 items a
/// listing page, and the given `fallback:`.
fn site_yaml(fallback: &str) -> String {
    format!(
        "\
title: Bản tin Thử nghiệm
base_url: https://example.org/sub/
default_language: vi
paginate: 2
fallback: {fallback}
languages:
  - code: vi
    name: Tiếng Việt
  - code: en
    name: English
    title: Test Bulletin
  - code: fr
    name: Français
    title: \"Bulletin d'essai\"
  - code: hmn
    name: Hmoob
"
    )
}

/// The URL prefix of a language below the base URL.
fn prefix(lang: &str) -> String {
    if lang == "vi" {
        String::new()
    } else {
        format!("{lang}/")
    }
}

fn model(title: &str, unit: &str) -> String {
    md(
        &format!(
            "title: {title}\nunit: {unit}\nunit_type: collective\narea: economy\nstatus: registered\nyear: 2024\nlocality: ninh-binh/hoa-lu"
        ),
        "Cách làm.\n",
    )
}

/// Partial translations of every kind:
///
/// | item | vi | en | fr | date |
/// |---|---|---|---|---|
/// | articles/nam (bundle) | ✓ | | ✓ | 08-05 |
/// | articles/bon | | ✓ | | 08-04 |
/// | articles/ba | ✓ | | | 08-03 |
/// | articles/hai | ✓ | ✓ | | 08-02 |
/// | articles/mot | ✓ | ✓ | ✓ | 08-01 |
/// | articles/sau | | ✓ | ✓ | 07-31 |
/// | models/hop-tac-xa | ✓ | | ✓ | |
/// | explainers/luat | ✓ | | | |
/// | bulletins/so-1 | ✓ | ✓ | | 08-30 |
/// | pages/gioi-thieu | ✓ | ✓ | ✓ | |
fn four_languages(site: Site, fallback: &str) -> Site {
    site.file("site.yaml", site_yaml(fallback))
        .file("data/localities.yaml", LOCALITIES)
        .file("content/articles/nam/index.md", article("Bài năm", "2025-08-05", "Bài gói.\n"))
        .file("content/articles/nam/index.fr.md", article("Article cinq", "2025-08-05", "Article groupé.\n"))
        .file("content/articles/bon.en.md", article("Article four", "2025-08-04", "Written in English.\n"))
        .file("content/articles/ba.md", article("Bài ba", "2025-08-03", "Chỉ có tiếng Việt.\n"))
        .file("content/articles/hai.md", article("Bài hai", "2025-08-02", "Nội dung hai.\n"))
        .file("content/articles/hai.en.md", article("Article two", "2025-08-02", "Content two.\n"))
        .file("content/articles/mot.md", article("Bài một", "2025-08-01", "Nội dung một.\n"))
        .file("content/articles/mot.en.md", article("Article one", "2025-08-01", "Content one.\n"))
        .file("content/articles/mot.fr.md", article("Article un", "2025-08-01", "Contenu un.\n"))
        .file("content/articles/sau.en.md", article("Article six", "2025-07-31", "Six.\n"))
        .file("content/articles/sau.fr.md", article("Article six (fr)", "2025-07-31", "Six.\n"))
        .file("content/models/hop-tac-xa.md", model("Hợp tác xã cà phê", "Hợp tác xã Di Linh"))
        .file("content/models/hop-tac-xa.fr.md", model("Coopérative de café", "Coopérative de Di Linh"))
        .file(
            "content/explainers/luat.md",
            md("title: Hỏi đáp Luật\npolicy: Luật số 72/2025/QH15", "## Ai được hỏi?\n\nMọi người.\n"),
        )
        .file(
            "content/bulletins/so-1.md",
            md("title: Bản tin số 1\ndate: 2025-08-30\nnumber: 1\nitems: [articles/mot, articles/ba]", "Lời giới thiệu.\n"),
        )
        .file(
            "content/bulletins/so-1.en.md",
            md("title: Bulletin no. 1\ndate: 2025-08-30\nnumber: 1\nitems: [articles/mot, articles/ba]", "Foreword.\n"),
        )
        .file("content/pages/gioi-thieu.md", md("title: Giới thiệu", "Về bản tin.\n"))
        .file("content/pages/gioi-thieu.en.md", md("title: About", "About the bulletin.\n"))
        .file("content/pages/gioi-thieu.fr.md", md("title: À propos", "À propos du bulletin.\n"))
}

/// The four-language site built once per `fallback:` value and shared by the tests that only
/// read its output (under Cargo's per-target temporary folder: a static is never dropped).
fn built(fallback: &'static str) -> &'static Site {
    static NONE: OnceLock<Site> = OnceLock::new();
    static DEFAULT: OnceLock<Site> = OnceLock::new();
    let cell = match fallback {
        "none" => &NONE,
        "default" => &DEFAULT,
        other => panic!("no shared site for fallback {other}"),
    };
    cell.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bantin-multilingual-tests-{fallback}"));
        let site = four_languages(Site::at(&dir), fallback);
        site.build();
        site
    })
}

// ---------------------------------------------------------------- cards and listings

/// A summary card as a reader sees it: where its title links, and, for an item listed in a
/// language it is not translated into, the language it is shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Card {
    url: String,
    shown_in: Option<String>,
}

/// A card for an item in the listing's own language.
fn own(path: &str) -> Card {
    Card {
        url: format!("/sub/{path}"),
        shown_in: None,
    }
}

/// A card for an untranslated item, shown in `lang`.
fn shown_in(path: &str, lang: &str) -> Card {
    Card {
        url: format!("/sub/{path}"),
        shown_in: Some(lang.to_string()),
    }
}

/// The cards under `scope` (a CSS selector), checking how untranslated ones are marked: a
/// `p.untranslated` note whose link goes to the original with its `hreflang`, and a card title
/// with the `lang` of the original. Cards of translated items carry neither.
fn cards(doc: &Html, scope: &str) -> Vec<Card> {
    select(doc, &format!("{scope} article.card"))
        .into_iter()
        .map(|card| {
            let titles = select_in(card, ".card-title");
            assert_eq!(titles.len(), 1, "{}", card.html());
            let title = titles[0];
            let links = select_in(title, "a[href]");
            assert_eq!(links.len(), 1, "{}", card.html());
            let url = attr(links[0], "href").unwrap_or_default().to_string();
            let notes = select_in(card, "p.untranslated");
            match notes.as_slice() {
                [] => {
                    assert_eq!(
                        attr(title, "lang"),
                        None,
                        "a translated item's title has no lang of its own: {}",
                        card.html()
                    );
                    Card {
                        url,
                        shown_in: None,
                    }
                }
                [note] => {
                    assert!(!text(*note).is_empty(), "{}", card.html());
                    let to_original = select_in(*note, "a[hreflang]");
                    assert_eq!(to_original.len(), 1, "{}", card.html());
                    assert_eq!(
                        attr(to_original[0], "href"),
                        Some(url.as_str()),
                        "the note links to the original: {}",
                        card.html()
                    );
                    let lang = attr(to_original[0], "hreflang")
                        .unwrap_or_default()
                        .to_string();
                    assert_eq!(
                        attr(title, "lang"),
                        Some(lang.as_str()),
                        "the title is marked with the original's language: {}",
                        card.html()
                    );
                    Card {
                        url,
                        shown_in: Some(lang),
                    }
                }
                _ => panic!("more than one untranslated note: {}", card.html()),
            }
        })
        .collect()
}

/// Every card of a listing, following its `rel=next` links page after page.
fn listing(site: &Site, lang: &str, section: &str) -> Vec<Card> {
    let mut file = format!("{}{section}/index.html", prefix(lang));
    let mut all = Vec::new();
    for _ in 0..20 {
        let doc = site.html(&file);
        assert_eq!(html_lang(&doc).as_deref(), Some(lang), "{file}");
        all.extend(cards(&doc, "main"));
        match hrefs(&doc, "a[rel~=next]").first() {
            Some(next) => {
                file = file_for_url(next).unwrap_or_else(|| panic!("{file}: next link {next}"))
            }
            None => return all,
        }
    }
    panic!("more than 20 pages in {lang} {section}");
}

/// The absolute link of every entry of a language's Atom feed, checking the feed's `xml:lang`.
fn feed_links(site: &Site, lang: &str) -> Vec<String> {
    let file = format!("{}atom.xml", prefix(lang));
    let xml = site.read(&file);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(feed.has_tag_name((atom, "feed")), "{file}");
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some(lang),
        "{file}"
    );
    feed.children()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .map(|entry| {
            let links: Vec<_> = entry
                .children()
                .filter(|n| n.has_tag_name((atom, "link")))
                .collect();
            assert_eq!(links.len(), 1, "{file}");
            links[0].attribute("href").unwrap_or_default().to_string()
        })
        .collect()
}

/// What each listing shows with `fallback: none`: each language's own items only.
fn expected_listings_none() -> Vec<(&'static str, &'static str, Vec<Card>)> {
    vec![
        (
            "vi",
            "articles",
            vec![
                own("articles/nam/"),
                own("articles/ba/"),
                own("articles/hai/"),
                own("articles/mot/"),
            ],
        ),
        (
            "en",
            "articles",
            vec![
                own("en/articles/bon/"),
                own("en/articles/hai/"),
                own("en/articles/mot/"),
                own("en/articles/sau/"),
            ],
        ),
        (
            "fr",
            "articles",
            vec![
                own("fr/articles/nam/"),
                own("fr/articles/mot/"),
                own("fr/articles/sau/"),
            ],
        ),
        ("hmn", "articles", vec![]),
        ("vi", "models", vec![own("models/hop-tac-xa/")]),
        ("en", "models", vec![]),
        ("fr", "models", vec![own("fr/models/hop-tac-xa/")]),
        ("hmn", "models", vec![]),
        ("vi", "explainers", vec![own("explainers/luat/")]),
        ("en", "explainers", vec![]),
        ("fr", "explainers", vec![]),
        ("hmn", "explainers", vec![]),
        ("vi", "bulletins", vec![own("bulletins/so-1/")]),
        ("en", "bulletins", vec![own("en/bulletins/so-1/")]),
        ("fr", "bulletins", vec![]),
        ("hmn", "bulletins", vec![]),
    ]
}

/// What each listing shows with `fallback: default`: every item, in the listing's language
/// where it is translated, else in its original (Vietnamese, else the first language in
/// site.yaml order that has it).
fn expected_listings_default() -> Vec<(&'static str, &'static str, Vec<Card>)> {
    vec![
        (
            "vi",
            "articles",
            vec![
                own("articles/nam/"),
                shown_in("en/articles/bon/", "en"),
                own("articles/ba/"),
                own("articles/hai/"),
                own("articles/mot/"),
                shown_in("en/articles/sau/", "en"),
            ],
        ),
        (
            "en",
            "articles",
            vec![
                shown_in("articles/nam/", "vi"),
                own("en/articles/bon/"),
                shown_in("articles/ba/", "vi"),
                own("en/articles/hai/"),
                own("en/articles/mot/"),
                own("en/articles/sau/"),
            ],
        ),
        (
            "fr",
            "articles",
            vec![
                own("fr/articles/nam/"),
                shown_in("en/articles/bon/", "en"),
                shown_in("articles/ba/", "vi"),
                shown_in("articles/hai/", "vi"),
                own("fr/articles/mot/"),
                own("fr/articles/sau/"),
            ],
        ),
        (
            "hmn",
            "articles",
            vec![
                shown_in("articles/nam/", "vi"),
                shown_in("en/articles/bon/", "en"),
                shown_in("articles/ba/", "vi"),
                shown_in("articles/hai/", "vi"),
                shown_in("articles/mot/", "vi"),
                shown_in("en/articles/sau/", "en"),
            ],
        ),
        ("vi", "models", vec![own("models/hop-tac-xa/")]),
        ("en", "models", vec![shown_in("models/hop-tac-xa/", "vi")]),
        ("fr", "models", vec![own("fr/models/hop-tac-xa/")]),
        ("hmn", "models", vec![shown_in("models/hop-tac-xa/", "vi")]),
        ("vi", "explainers", vec![own("explainers/luat/")]),
        ("en", "explainers", vec![shown_in("explainers/luat/", "vi")]),
        ("fr", "explainers", vec![shown_in("explainers/luat/", "vi")]),
        (
            "hmn",
            "explainers",
            vec![shown_in("explainers/luat/", "vi")],
        ),
        ("vi", "bulletins", vec![own("bulletins/so-1/")]),
        ("en", "bulletins", vec![own("en/bulletins/so-1/")]),
        ("fr", "bulletins", vec![shown_in("bulletins/so-1/", "vi")]),
        ("hmn", "bulletins", vec![shown_in("bulletins/so-1/", "vi")]),
    ]
}

fn check_listings(fallback: &'static str, expected: Vec<(&str, &str, Vec<Card>)>) {
    let site = built(fallback);
    for (lang, section, cards) in expected {
        assert_eq!(
            listing(site, lang, section),
            cards,
            "fallback: {fallback}, {lang} {section}"
        );
    }
}

#[test]
fn with_fallback_none_each_listing_has_only_its_languages_items() {
    check_listings("none", expected_listings_none());
}

#[test]
fn with_fallback_default_untranslated_items_are_listed_with_a_note_linking_the_original() {
    check_listings("default", expected_listings_default());
}

#[test]
fn with_fallback_none_no_page_but_a_bulletin_carries_an_untranslated_note() {
    let site = built("none");
    // A bulletin edition keeps every item (see translated_bulletin_keeps_...).
    for page in html_files(&site.out())
        .into_iter()
        .filter(|p| !p.contains("bulletins/so-1/"))
    {
        let doc = site.html(&page);
        assert!(
            select(&doc, ".untranslated").is_empty(),
            "{page} has an untranslated note under fallback: none"
        );
    }
}

#[test]
fn every_language_has_a_home_page_even_one_without_items() {
    for (fallback, expected) in [
        ("none", expected_listings_none()),
        ("default", expected_listings_default()),
    ] {
        let site = built(fallback);
        for (lang, _, title) in LANGUAGES {
            let file = format!("{}index.html", prefix(lang));
            assert!(site.exists(&file), "fallback {fallback}: no {file}");
            let home = site.html(&file);
            assert_eq!(html_lang(&home).as_deref(), Some(lang), "{file}");
            assert_eq!(text(one(&home, "main h1")), title, "{file}");
            // The home page shows the newest of each listing, the same way the listing does.
            for section in ["articles", "models", "explainers", "bulletins"] {
                let (_, _, all) = expected
                    .iter()
                    .find(|(l, s, _)| *l == lang && *s == section)
                    .expect("expected listing");
                let newest: Vec<Card> = all.iter().take(5).cloned().collect();
                assert_eq!(
                    cards(&home, &format!("section.latest-{section}")),
                    newest,
                    "fallback {fallback}: {file} latest {section}"
                );
            }
        }
    }
    // Hmong has no item at all: with `fallback: none` its home page and listings are empty
    // but exist, in Hmong.
    let site = built("none");
    let home = site.html("hmn/index.html");
    assert!(select(&home, "article.card").is_empty());
    for section in ["articles", "models", "explainers", "bulletins"] {
        let doc = site.html(&format!("hmn/{section}/index.html"));
        assert_eq!(html_lang(&doc).as_deref(), Some("hmn"));
        assert!(select(&doc, "article.card").is_empty(), "hmn/{section}");
    }
}

#[test]
fn feeds_carry_only_their_own_languages_items_under_both_fallbacks() {
    let abs = |paths: &[&str]| -> Vec<String> {
        paths.iter().map(|p| format!("{BASE_URL}{p}")).collect()
    };
    for fallback in ["none", "default"] {
        let site = built(fallback);
        for (lang, expected) in [
            (
                "vi",
                abs(&[
                    "bulletins/so-1/",
                    "articles/nam/",
                    "articles/ba/",
                    "articles/hai/",
                    "articles/mot/",
                ]),
            ),
            (
                "en",
                abs(&[
                    "en/bulletins/so-1/",
                    "en/articles/bon/",
                    "en/articles/hai/",
                    "en/articles/mot/",
                    "en/articles/sau/",
                ]),
            ),
            (
                "fr",
                abs(&["fr/articles/nam/", "fr/articles/mot/", "fr/articles/sau/"]),
            ),
            ("hmn", vec![]),
        ] {
            let links = feed_links(site, lang);
            assert_eq!(links, expected, "fallback {fallback}: {lang} feed");
            for link in &links {
                let file = file_for_url(link).unwrap_or_else(|| panic!("{link}"));
                assert_eq!(
                    html_lang(&site.html(&file)).as_deref(),
                    Some(lang),
                    "the {lang} feed links to {link}, a page in another language"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- hreflang and sitemap

/// The language a page's alternates should name as x-default: Vietnamese (the default
/// language) when the page exists in it, else the first in site.yaml order.
fn expected_x_default(alternates: &BTreeMap<String, String>) -> Option<String> {
    LANGUAGES
        .iter()
        .find_map(|(code, _, _)| alternates.get(*code))
        .cloned()
}

/// hreflang → href, checking that no hreflang is given twice.
fn alternate_map(page: &str, links: &[(String, String)]) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (lang, href) in links {
        assert!(
            map.insert(lang.clone(), href.clone()).is_none(),
            "{page}: hreflang {lang} given twice: {links:?}"
        );
    }
    map
}

/// Checks every HTML page that has alternates; returns the URLs of those pages.
fn check_hreflang_reciprocity(site: &Site) -> BTreeSet<String> {
    let out = site.out();
    let mut with_alternates = BTreeSet::new();
    for page in html_files(&out) {
        let doc = site.html(&page);
        let links = hreflang_links(&doc);
        if links.is_empty() {
            continue;
        }
        with_alternates.insert(url_for_file(&page));
        let map = alternate_map(&page, &links);
        let lang = html_lang(&doc).unwrap_or_default();
        let me = url_for_file(&page);
        assert_eq!(
            map.get(&lang),
            Some(&me),
            "{page}: the alternates include the page itself under its own language: {links:?}"
        );
        let mut versions = map.clone();
        let x_default = versions.remove("x-default");
        assert!(
            versions.len() >= 2,
            "{page}: alternates are only given for a page in 2+ languages: {links:?}"
        );
        assert_eq!(
            x_default,
            expected_x_default(&versions),
            "{page}: x-default is the default language's version, else the first in site.yaml order"
        );
        let own_set: BTreeSet<&(String, String)> = links.iter().collect();
        for (code, href) in &versions {
            assert!(
                LANGUAGES.iter().any(|(c, _, _)| c == code),
                "{page}: hreflang {code} is not a configured language"
            );
            let file = file_for_url(href)
                .unwrap_or_else(|| panic!("{page}: alternate {href} is not under {BASE_URL}"));
            assert!(
                out.join(&file).is_file(),
                "{page}: alternate {href} points to a missing file {file}"
            );
            let other = site.html(&file);
            assert_eq!(
                html_lang(&other).as_deref(),
                Some(code.as_str()),
                "{page}: alternate {code} {href} is a page in another language"
            );
            let theirs = hreflang_links(&other);
            let their_set: BTreeSet<&(String, String)> = theirs.iter().collect();
            assert_eq!(
                their_set, own_set,
                "{page} and {file} do not list the same alternates"
            );
        }
    }
    with_alternates
}

/// The pages of the four-language site that exist in 2+ languages, as absolute URLs: items
/// nam, hai, mot, sau, the model, the bulletin and the page in each of their languages; the
/// home page and the first page of each listing in every language.
fn pages_with_alternates() -> BTreeSet<String> {
    let mut paths: Vec<String> = [
        "articles/nam/",
        "fr/articles/nam/",
        "articles/hai/",
        "en/articles/hai/",
        "articles/mot/",
        "en/articles/mot/",
        "fr/articles/mot/",
        "en/articles/sau/",
        "fr/articles/sau/",
        "models/hop-tac-xa/",
        "fr/models/hop-tac-xa/",
        "bulletins/so-1/",
        "en/bulletins/so-1/",
        "gioi-thieu/",
        "en/gioi-thieu/",
        "fr/gioi-thieu/",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    for (code, _, _) in LANGUAGES {
        paths.push(prefix(code));
        for section in ["articles", "models", "explainers", "bulletins"] {
            paths.push(format!("{}{section}/", prefix(code)));
        }
    }
    paths
        .into_iter()
        .map(|p| format!("{BASE_URL}{p}"))
        .collect()
}

#[test]
fn hreflang_links_are_reciprocal_self_including_with_x_default_on_every_page() {
    for fallback in ["none", "default"] {
        let site = built(fallback);
        let checked = check_hreflang_reciprocity(site);
        let missing: Vec<String> = pages_with_alternates()
            .into_iter()
            .filter(|u| !checked.contains(u))
            .collect();
        assert!(
            missing.is_empty(),
            "fallback {fallback}: pages without alternates: {missing:?}"
        );
    }
}

#[test]
fn pages_in_one_language_and_later_listing_pages_have_no_alternates() {
    for fallback in ["none", "default"] {
        let site = built(fallback);
        for page in [
            "articles/ba/index.html",
            "en/articles/bon/index.html",
            "explainers/luat/index.html",
            "articles/page/2/index.html",
            "en/articles/page/2/index.html",
            "404.html",
        ] {
            let doc = site.html(page);
            assert_eq!(
                hreflang_links(&doc),
                Vec::<(String, String)>::new(),
                "fallback {fallback}: {page}"
            );
        }
    }
}

#[test]
fn item_alternates_name_exactly_the_languages_it_exists_in() {
    let site = built("none");
    let abs = |p: &str| format!("{BASE_URL}{p}");
    for (page, expected) in [
        (
            "articles/mot/index.html",
            vec![
                ("vi", "articles/mot/"),
                ("en", "en/articles/mot/"),
                ("fr", "fr/articles/mot/"),
                ("x-default", "articles/mot/"),
            ],
        ),
        (
            "fr/articles/nam/index.html",
            vec![
                ("vi", "articles/nam/"),
                ("fr", "fr/articles/nam/"),
                ("x-default", "articles/nam/"),
            ],
        ),
        // Not in Vietnamese: x-default is the first language in site.yaml order.
        (
            "fr/articles/sau/index.html",
            vec![
                ("en", "en/articles/sau/"),
                ("fr", "fr/articles/sau/"),
                ("x-default", "en/articles/sau/"),
            ],
        ),
        (
            "hmn/articles/index.html",
            vec![
                ("vi", "articles/"),
                ("en", "en/articles/"),
                ("fr", "fr/articles/"),
                ("hmn", "hmn/articles/"),
                ("x-default", "articles/"),
            ],
        ),
    ] {
        let got: BTreeSet<(String, String)> =
            hreflang_links(&site.html(page)).into_iter().collect();
        let expected: BTreeSet<(String, String)> = expected
            .into_iter()
            .map(|(l, p)| (l.to_string(), abs(p)))
            .collect();
        assert_eq!(got, expected, "{page}");
    }
}

/// Each `<url>` of sitemap.xml: its `<loc>` and its `xhtml:link` alternates.
fn sitemap_alternates(site: &Site) -> BTreeMap<String, Vec<(String, String)>> {
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("sitemap.xml: {e}"));
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    assert!(doc.root_element().has_tag_name((sm, "urlset")));
    let mut out = BTreeMap::new();
    for url in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((sm, "url")))
    {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((sm, "loc")))
            .and_then(|n| n.text())
            .expect("a <loc> in every <url>")
            .trim()
            .to_string();
        let links: Vec<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"), "{loc}");
                (
                    l.attribute("hreflang").unwrap_or_default().to_string(),
                    l.attribute("href").unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert!(
            out.insert(loc.clone(), links).is_none(),
            "{loc} is twice in the sitemap"
        );
    }
    out
}

#[test]
fn sitemap_alternates_are_reciprocal_and_match_each_pages_hreflang_links() {
    for fallback in ["none", "default"] {
        let site = built(fallback);
        let sitemap = sitemap_alternates(site);
        let mut with_alternates = BTreeSet::new();
        for (loc, links) in &sitemap {
            let file = file_for_url(loc).unwrap_or_else(|| panic!("{loc}"));
            let doc = site.html(&file);
            let page_set: BTreeSet<(String, String)> = hreflang_links(&doc).into_iter().collect();
            let set: BTreeSet<(String, String)> = links.iter().cloned().collect();
            assert_eq!(
                set, page_set,
                "fallback {fallback}: {loc}: the sitemap's alternates differ from the page's"
            );
            if links.is_empty() {
                continue;
            }
            with_alternates.insert(loc.clone());
            let map = alternate_map(loc, links);
            let lang = html_lang(&doc).unwrap_or_default();
            assert_eq!(
                map.get(&lang),
                Some(loc),
                "{loc}: itself among its alternates"
            );
            let mut versions = map.clone();
            let x_default = versions.remove("x-default");
            assert_eq!(x_default, expected_x_default(&versions), "{loc}: x-default");
            for href in versions.values() {
                let theirs = sitemap
                    .get(href)
                    .unwrap_or_else(|| panic!("{loc}: alternate {href} is not in the sitemap"));
                let their_set: BTreeSet<(String, String)> = theirs.iter().cloned().collect();
                assert_eq!(their_set, set, "{loc} and {href} differ in the sitemap");
            }
        }
        let missing: Vec<String> = pages_with_alternates()
            .into_iter()
            .filter(|u| !with_alternates.contains(u))
            .collect();
        assert!(
            missing.is_empty(),
            "fallback {fallback}: sitemap entries without alternates: {missing:?}"
        );
    }
}

// ---------------------------------------------------------------- the language switcher

/// The language switcher of a page, in order: (language name, link or `None` for the page's
/// own language, shown as `span[aria-current]`). `None` when the page has no switcher.
fn switcher(doc: &Html) -> Option<Vec<(String, Option<String>)>> {
    let navs = select(doc, "nav.languages");
    let nav = match navs.as_slice() {
        [] => return None,
        [nav] => *nav,
        _ => panic!("more than one language switcher"),
    };
    let entries: Vec<(String, Option<String>)> = select_in(nav, "li")
        .into_iter()
        .map(|li| {
            let current = select_in(li, "span[aria-current]");
            let links = select_in(li, "a[hreflang]");
            match (current.as_slice(), links.as_slice()) {
                ([span], []) => (text(*span), None),
                ([], [a]) => {
                    let href = attr(*a, "href").unwrap_or_default().to_string();
                    let code = attr(*a, "hreflang").unwrap_or_default();
                    let name = LANGUAGES
                        .iter()
                        .find(|(c, _, _)| *c == code)
                        .map(|(_, n, _)| *n)
                        .unwrap_or_else(|| panic!("hreflang {code} is not configured"));
                    assert_eq!(text(*a), name, "the link is named after its language");
                    (text(*a), Some(href))
                }
                _ => panic!(
                    "a switcher entry is neither the current language nor a link: {}",
                    li.html()
                ),
            }
        })
        .collect();
    Some(entries)
}

fn entries(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(name, path)| (name.to_string(), path.map(|p| format!("/sub/{p}"))))
        .collect()
}

#[test]
fn switcher_on_an_item_lists_only_its_existing_translations_by_name() {
    let site = built("none");
    for (page, expected) in [
        (
            "articles/mot/index.html",
            entries(&[
                ("Tiếng Việt", None),
                ("English", Some("en/articles/mot/")),
                ("Français", Some("fr/articles/mot/")),
            ]),
        ),
        (
            "en/articles/mot/index.html",
            entries(&[
                ("Tiếng Việt", Some("articles/mot/")),
                ("English", None),
                ("Français", Some("fr/articles/mot/")),
            ]),
        ),
        (
            "en/articles/hai/index.html",
            entries(&[("Tiếng Việt", Some("articles/hai/")), ("English", None)]),
        ),
        (
            "articles/nam/index.html",
            entries(&[("Tiếng Việt", None), ("Français", Some("fr/articles/nam/"))]),
        ),
        (
            "fr/models/hop-tac-xa/index.html",
            entries(&[
                ("Tiếng Việt", Some("models/hop-tac-xa/")),
                ("Français", None),
            ]),
        ),
        (
            "en/gioi-thieu/index.html",
            entries(&[
                ("Tiếng Việt", Some("gioi-thieu/")),
                ("English", None),
                ("Français", Some("fr/gioi-thieu/")),
            ]),
        ),
    ] {
        assert_eq!(switcher(&site.html(page)), Some(expected), "{page}");
    }
    // An item in one language has no switcher at all.
    for page in ["articles/ba/index.html", "en/articles/bon/index.html"] {
        assert_eq!(switcher(&site.html(page)), None, "{page}");
    }
}

#[test]
fn switcher_on_a_listing_or_home_leads_to_the_same_listing_in_every_language() {
    for fallback in ["none", "default"] {
        let site = built(fallback);
        for (page, section) in [
            ("articles/index.html", "articles/"),
            ("hmn/models/index.html", "models/"),
            ("fr/bulletins/index.html", "bulletins/"),
            ("en/index.html", ""),
        ] {
            let doc = site.html(page);
            let lang = html_lang(&doc).unwrap_or_default();
            let expected: Vec<(String, Option<String>)> = LANGUAGES
                .iter()
                .map(|(code, name, _)| {
                    let link = (*code != lang).then(|| format!("/sub/{}{section}", prefix(code)));
                    (name.to_string(), link)
                })
                .collect();
            assert_eq!(
                switcher(&doc),
                Some(expected),
                "fallback {fallback}: {page}"
            );
        }
        // A later page of a listing has no counterpart: it leads to the first page of the
        // listing in the other languages.
        let doc = site.html("articles/page/2/index.html");
        let expected = entries(&[
            ("Tiếng Việt", None),
            ("English", Some("en/articles/")),
            ("Français", Some("fr/articles/")),
            ("Hmoob", Some("hmn/articles/")),
        ]);
        assert_eq!(
            switcher(&doc),
            Some(expected),
            "fallback {fallback}: page 2"
        );
    }
}

#[test]
fn every_switcher_link_leads_to_the_same_page_in_the_named_language() {
    for fallback in ["none", "default"] {
        let site = built(fallback);
        for page in html_files(&site.out()) {
            let doc = site.html(&page);
            let alternates = hreflang_links(&doc);
            let Some(list) = switcher(&doc) else {
                assert!(
                    alternates.is_empty(),
                    "{page} has alternates but no language switcher"
                );
                continue;
            };
            let current: Vec<&(String, Option<String>)> =
                list.iter().filter(|(_, link)| link.is_none()).collect();
            let lang = html_lang(&doc).unwrap_or_default();
            let own_name = LANGUAGES
                .iter()
                .find(|(c, _, _)| *c == lang)
                .map(|(_, n, _)| n.to_string());
            assert_eq!(current.len(), 1, "{page}: one current language");
            assert_eq!(Some(&current[0].0), own_name.as_ref(), "{page}");
            // Same languages as the hreflang links, in site.yaml order.
            let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
            let in_order: Vec<&str> = LANGUAGES
                .iter()
                .map(|(_, n, _)| *n)
                .filter(|n| names.contains(n))
                .collect();
            assert_eq!(names, in_order, "{page}: switcher in site.yaml order");
            for (name, link) in &list {
                let Some(link) = link else { continue };
                let code = LANGUAGES
                    .iter()
                    .find(|(_, n, _)| n == name)
                    .map(|(c, _, _)| *c)
                    .unwrap_or_default();
                let file = file_for_url(link).unwrap_or_else(|| panic!("{page}: {link}"));
                assert!(
                    site.exists(&file),
                    "{page}: switcher link {link} to a missing page"
                );
                let target = site.html(&file);
                assert_eq!(html_lang(&target).as_deref(), Some(code), "{page}: {link}");
                if !alternates.is_empty() {
                    assert!(
                        alternates
                            .contains(&(code.to_string(), format!("https://example.org{link}"))),
                        "{page}: switcher link {link} is not among the alternates {alternates:?}"
                    );
                }
            }
            if !alternates.is_empty() {
                let versions = alternates.iter().filter(|(l, _)| l != "x-default").count();
                assert_eq!(
                    list.len(),
                    versions,
                    "{page}: switcher and alternates differ"
                );
            }
        }
    }
}

// ---------------------------------------------------------------- own slugs, translation_key

fn own_slug_site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file(
            "content/articles/dan-van-kheo.md",
            article("Dân vận khéo ở Lai Châu", "2025-08-10", "## Kết quả\n\nTốt.\n"),
        )
        .file(
            "content/articles/dan-van-kheo.en.md",
            md(
                "title: Skilful mass mobilisation in Lai Chau\ndate: 2025-08-10\nslug: Skilful mass mobilisation",
                "## Results\n\nGood.\n",
            ),
        )
        .file("content/articles/chi-tieng-viet.md", article("Chỉ tiếng Việt", "2025-08-01", "x\n"))
        .file(
            "content/articles/doc-them.md",
            article("Đọc thêm", "2025-08-11", "[Bài chính](dan-van-kheo.md) và [bài khác](chi-tieng-viet.md).\n"),
        )
        .file(
            "content/articles/further-reading.en.md",
            article(
                "Further reading",
                "2025-08-11",
                "See [the main story](dan-van-kheo.md), [its results](dan-van-kheo.md#results), [the same by its English file](dan-van-kheo.en.md) and [a Vietnamese-only story](chi-tieng-viet.md).\n",
            ),
        )
        .file(
            "content/bulletins/so-1.md",
            md("title: Số 1\ndate: 2025-08-12\nnumber: 1\nitems: [articles/dan-van-kheo]", "x\n"),
        )
        .file(
            "content/bulletins/so-1.en.md",
            md("title: No. 1\ndate: 2025-08-12\nnumber: 1\nitems: [articles/dan-van-kheo]", "x\n"),
        )
        // Translations whose file names differ, linked by translation_key.
        .file("content/pages/gioi-thieu.md", md("title: Giới thiệu\ntranslation_key: about", "x\n"))
        .file("content/pages/about-us.en.md", md("title: About us\ntranslation_key: about", "x\n"))
}

fn content_links(doc: &Html) -> BTreeMap<String, String> {
    select(doc, ".content a")
        .into_iter()
        .map(|a| (text(a), attr(a, "href").unwrap_or_default().to_string()))
        .collect()
}

#[test]
fn a_translation_with_its_own_slug_is_published_and_linked_under_it() {
    let site = own_slug_site();
    site.build();
    let en_url = "/sub/en/articles/skilful-mass-mobilisation/";
    assert!(site.exists("en/articles/skilful-mass-mobilisation/index.html"));
    assert!(
        !site.exists("en/articles/dan-van-kheo/index.html"),
        "the translation is not also published under the original's slug"
    );
    let en = site.html("en/articles/skilful-mass-mobilisation/index.html");
    assert_eq!(
        text(one(&en, "main h1")),
        "Skilful mass mobilisation in Lai Chau"
    );

    let vi = site.html("articles/dan-van-kheo/index.html");
    let alternates: BTreeSet<(String, String)> = hreflang_links(&vi).into_iter().collect();
    let expected: BTreeSet<(String, String)> = [
        ("vi", "articles/dan-van-kheo/"),
        ("en", "en/articles/skilful-mass-mobilisation/"),
        ("x-default", "articles/dan-van-kheo/"),
    ]
    .into_iter()
    .map(|(l, p)| (l.to_string(), format!("{BASE_URL}{p}")))
    .collect();
    assert_eq!(alternates, expected);
    let en_alternates: BTreeSet<(String, String)> = hreflang_links(&en).into_iter().collect();
    assert_eq!(en_alternates, expected, "reciprocal");
    assert_eq!(
        switcher(&vi),
        Some(vec![
            ("Tiếng Việt".to_string(), None),
            ("English".to_string(), Some(en_url.to_string()))
        ])
    );
    assert_eq!(
        switcher(&en),
        Some(vec![
            (
                "Tiếng Việt".to_string(),
                Some("/sub/articles/dan-van-kheo/".to_string())
            ),
            ("English".to_string(), None)
        ])
    );
    // The English bulletin picks the translation, under its own slug.
    let bulletin = site.html("en/bulletins/so-1/index.html");
    assert_eq!(hrefs(&bulletin, ".bulletin-items .card-title a"), [en_url]);
    // And the sitemap knows it with the same alternates.
    let sitemap = sitemap_alternates(&site);
    let links = sitemap
        .get(&format!("{BASE_URL}en/articles/skilful-mass-mobilisation/"))
        .expect("the translation is in the sitemap");
    assert_eq!(links.iter().cloned().collect::<BTreeSet<_>>(), expected);
}

#[test]
fn links_to_a_source_file_lead_to_its_translation_in_the_linking_items_language() {
    let site = own_slug_site();
    site.build();
    let en = site.html("en/articles/further-reading/index.html");
    let links = content_links(&en);
    let expected: BTreeMap<String, String> = [
        (
            "the main story",
            "/sub/en/articles/skilful-mass-mobilisation/",
        ),
        (
            "its results",
            "/sub/en/articles/skilful-mass-mobilisation/#results",
        ),
        (
            "the same by its English file",
            "/sub/en/articles/skilful-mass-mobilisation/",
        ),
        // No English version: the Vietnamese page.
        ("a Vietnamese-only story", "/sub/articles/chi-tieng-viet/"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(links, expected);
    let vi = site.html("articles/doc-them/index.html");
    let links = content_links(&vi);
    assert_eq!(
        links.get("Bài chính").map(String::as_str),
        Some("/sub/articles/dan-van-kheo/")
    );
    assert_eq!(
        links.get("bài khác").map(String::as_str),
        Some("/sub/articles/chi-tieng-viet/")
    );
}

#[test]
fn translation_key_links_translations_whose_file_names_differ() {
    let site = own_slug_site();
    site.build();
    assert!(site.exists("en/about-us/index.html"));
    let vi = site.html("gioi-thieu/index.html");
    let en = site.html("en/about-us/index.html");
    let expected: BTreeSet<(String, String)> = [
        ("vi", "gioi-thieu/"),
        ("en", "en/about-us/"),
        ("x-default", "gioi-thieu/"),
    ]
    .into_iter()
    .map(|(l, p)| (l.to_string(), format!("{BASE_URL}{p}")))
    .collect();
    for doc in [&vi, &en] {
        assert_eq!(
            hreflang_links(doc).into_iter().collect::<BTreeSet<_>>(),
            expected
        );
    }
    assert_eq!(
        switcher(&vi),
        Some(entries(&[
            ("Tiếng Việt", None),
            ("English", Some("en/about-us/"))
        ]))
    );
}

// ---------------------------------------------------------------- unknown language suffix

#[test]
fn unknown_language_suffix_is_an_error_naming_the_file_and_the_configured_codes() {
    let site = Site::new()
        .file("site.yaml", site_yaml("none"))
        .file("content/articles/x.md", article("X", "2025-01-01", "x\n"))
        .file(
            "content/articles/x.de.md",
            article("X auf Deutsch", "2025-01-01", "x\n"),
        )
        .file(
            "content/articles/y/index.es.md",
            article("Y en español", "2025-01-01", "x\n"),
        );
    let ds = site.errors();
    for (path, suffix) in [
        ("content/articles/x.de.md", "de"),
        ("content/articles/y/index.es.md", "es"),
    ] {
        let d = diag_for(&ds, path, None);
        let words: BTreeSet<&str> = d
            .message
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert!(words.contains(suffix), "names the suffix: {d}");
        for code in ["vi", "en", "fr", "hmn"] {
            assert!(
                words.contains(code),
                "lists the configured code {code}: {d}"
            );
        }
    }
    assert_eq!(ds.len(), 2, "{}", show(&ds));
    assert!(!site.exists("index.html"), "nothing published");
}

// ---------------------------------------------------------------- NFC and NFD input

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// Content files with Vietnamese titles, slugs from `slug:`, topics, summaries, headings,
/// localities and links; file names in ASCII only.
const VIETNAMESE_CONTENT: &[(&str, &str)] = &[
    (
        "content/articles/doi-moi.md",
        "---\ntitle: Đổi mới công tác dân vận ở Ninh Bình\ndate: 2025-08-12\nslug: Đổi mới công tác dân vận\ntopics: [Dân vận khéo, Chuyển đổi số]\nsummary: Người dân được hỏi ý kiến trước khi làm.\nlocality: ninh-binh/hoa-lu\nauthor: Nguyễn Thị Hồng Nhung\n---\n\n## Kết quả đạt được\n\nThu nhập tăng, đời sống cải thiện.\n\nXem [bài học](hoc-tap.md#bai-hoc-kinh-nghiem).\n",
    ),
    (
        "content/articles/doi-moi.en.md",
        "---\ntitle: Renewing mass mobilisation in Ninh Bình\ndate: 2025-08-12\nslug: Đổi mới công tác dân vận\ntopics: [Dân vận khéo]\n---\n\nVillagers of Hoa Lư were consulted.\n",
    ),
    (
        "content/articles/hoc-tap.md",
        "---\ntitle: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\ndate: 2025-08-12\nslug: Học tập Bác Hồ\ntopics: [Dân vận khéo]\n---\n\nĐoạn mở đầu về việc học tập.\n\n## Bài học kinh nghiệm\n\nGần dân, hiểu dân, giúp dân.\n",
    ),
    (
        "content/articles/an-o.md",
        "---\ntitle: Ăn ở cùng dân\ndate: 2025-08-12\n---\n\nCán bộ ăn, ở, làm việc cùng đồng bào.\n",
    ),
    (
        "content/articles/an-sinh.md",
        "---\ntitle: An sinh xã hội\ndate: 2025-08-12\n---\n\nChính sách an sinh.\n",
    ),
    (
        "content/models/ca-phe.md",
        "---\ntitle: Hợp tác xã cà phê Đắk Lắk\nslug: Cà phê Đắk Lắk\nunit: Hợp tác xã Ea Tu\nunit_type: collective\narea: economy\nstatus: recognized\nyear: 2024\nrecognized_in: 2025\nlocality: lam-dong\n---\n\n## Cách làm\n\nBàn bạc với dân.\n",
    ),
    (
        "content/explainers/sap-nhap.md",
        "---\ntitle: Hỏi đáp về sắp xếp đơn vị hành chính cấp xã\npolicy: Nghị quyết số 202/2025/QH15\naudience: Cán bộ, người dân\n---\n\nGiới thiệu.\n\n## Ai được lấy ý kiến?\n\nCử tri.\n\n## Khi nào áp dụng?\n\nTừ ngày 1 tháng 7.\n",
    ),
    (
        "content/bulletins/so-1.md",
        "---\ntitle: Bản tin số 1 – tháng Tám\ndate: 2025-08-30\nnumber: 1\nitems: [articles/doi-moi, models/ca-phe]\n---\n\nLời giới thiệu của Ban biên tập.\n",
    ),
    (
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\n\nBản tin của Ban Dân vận tỉnh Lâm Đồng.\n",
    ),
];

#[test]
fn a_site_written_in_nfd_builds_byte_identical_to_its_nfc_original() {
    let build = |convert: fn(&str) -> String| -> Site {
        // Every text file an editor writes, not only Markdown: site.yaml (the site title and
        // the language names), the registry, topic names, UI strings and a template.
        let mut site = Site::new()
            .file("site.yaml", convert(&SITE_YAML_VI_EN.replace("Thử nghiệm", "Thử nghiệm Đắk Lắk")))
            .file("data/localities.yaml", convert(LOCALITIES))
            .file("data/topics.yaml", convert("Dân vận khéo: { en: Skilled mobilisation, vi: Dân vận khéo ở cơ sở }\n"))
            .file("i18n/vi.yaml", convert("list_article: \"Tin bài mới nhất\"\n"))
            .file(
                "templates/page.html",
                convert("{% extends \"base.html\" %}{% block content %}<h1>{{ item.title }}</h1><p>Trang tĩnh của Ban Dân vận</p>{% endblock content %}"),
            );
        for (path, text) in VIETNAMESE_CONTENT {
            site = site.file(path, convert(text));
        }
        site.build();
        site
    };
    for (path, text) in VIETNAMESE_CONTENT {
        assert_ne!(
            *text,
            nfd(text),
            "{path}: the fixture has composed letters to decompose"
        );
    }
    let composed = build(str::to_string);
    let decomposed = build(nfd);

    // The NFC site's output is what an editor expects.
    for file in [
        "articles/doi-moi-cong-tac-dan-van/index.html",
        "en/articles/doi-moi-cong-tac-dan-van/index.html",
        "articles/hoc-tap-bac-ho/index.html",
        "models/ca-phe-dak-lak/index.html",
    ] {
        assert!(
            composed.exists(file),
            "{file}: {:?}",
            files_under(&composed.out())
        );
    }
    let doc = composed.html("articles/doi-moi-cong-tac-dan-van/index.html");
    assert_eq!(
        text(one(&doc, "main h1")),
        "Đổi mới công tác dân vận ở Ninh Bình"
    );

    let a = snapshot(&composed.out());
    let b = snapshot(&decomposed.out());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the NFD site has other files"
    );
    let differing: Vec<&String> = a.keys().filter(|f| a[*f] != b[*f]).collect();
    assert!(
        differing.is_empty(),
        "files that differ between the NFC and the NFD site: {differing:?}"
    );
}

// ---------------------------------------------------------------- UI strings and dates

/// Every UI key of the default theme (English and Vietnamese files): what a language without
/// an i18n file lacks.
fn theme_ui_keys() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    let mut keys = BTreeSet::new();
    for lang in ["vi", "en"] {
        let text =
            std::fs::read_to_string(dir.join(format!("{lang}.yaml"))).expect("theme i18n file");
        let map: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(&text).expect("theme i18n yaml");
        keys.extend(map.into_keys());
    }
    keys
}

/// The `warning:` lines of stderr.
fn warnings(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .map(str::to_string)
        .collect()
}

/// The count N of a `warning: i18n/<lang>.yaml: N UI strings missing in `<lang>` ...` line.
fn missing_count(line: &str, lang: &str) -> usize {
    let rest = line
        .strip_prefix(&format!("warning: i18n/{lang}.yaml: "))
        .unwrap_or_else(|| panic!("not a warning about i18n/{lang}.yaml: {line}"));
    assert!(
        rest.contains(&format!("`{lang}`")),
        "names the language: {line}"
    );
    rest.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {line}"))
}

fn hmong_site() -> Site {
    Site::new()
        .file(
            "site.yaml",
            format!("{SITE_YAML_VI_EN}  - code: hmn\n    name: Hmoob\n"),
        )
        .file(
            "content/articles/a.md",
            article("Bài A", "2025-08-12", "x\n"),
        )
        .file(
            "content/articles/a.hmn.md",
            article("Tsab xov xwm A", "2025-08-12", "x\n"),
        )
}

#[test]
fn a_language_without_ui_strings_renders_in_the_default_languages_strings_with_iso_dates() {
    let site = hmong_site();
    site.build();
    let page = site.html("hmn/articles/a/index.html");
    assert_eq!(html_lang(&page).as_deref(), Some("hmn"));
    assert_eq!(text(one(&page, "main h1")), "Tsab xov xwm A");
    let time = one(&page, "article.item > p.meta time");
    assert_eq!(attr(time, "datetime"), Some("2025-08-12"));
    assert_eq!(
        text(time),
        "2025-08-12",
        "no month names for Hmong: ISO date"
    );
    // UI strings in Vietnamese, the default language.
    assert_eq!(text(one(&page, "a.skip-link")), "Chuyển đến nội dung chính");
    let nav: Vec<String> = select(&page, "nav.site-nav a")
        .into_iter()
        .map(text)
        .collect();
    let vi_nav: Vec<String> = select(&site.html("articles/a/index.html"), "nav.site-nav a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(nav, vi_nav, "the menu in Vietnamese");
    assert_eq!(
        nav[..4],
        [
            "Tin bài",
            "Mô hình Dân vận khéo",
            "Hỏi – đáp chính sách",
            "Bản tin"
        ]
    );
    assert_eq!(
        attr(one(&page, "nav.languages"), "aria-label"),
        Some("Ngôn ngữ")
    );
    let listing = site.html("hmn/articles/index.html");
    assert_eq!(text(one(&listing, "main h1")), "Tin bài");
    assert_eq!(text(one(&listing, ".card time")), "2025-08-12");
    // No key shows through raw.
    for doc in [&page, &listing] {
        let all = text(one(doc, "body"));
        for key in [
            "skip_to_content",
            "list_article",
            "published",
            "page_address",
        ] {
            assert!(
                !all.split_whitespace().any(|w| w.trim_matches(':') == key),
                "raw key {key} in {all}"
            );
        }
    }
}

#[test]
fn check_warns_about_a_language_without_ui_strings_and_exits_0() {
    let site = hmong_site();
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines = warnings(&stderr(&o));
    assert_eq!(lines.len(), 1, "one warning, for hmn only: {lines:?}");
    assert_eq!(
        missing_count(&lines[0], "hmn"),
        theme_ui_keys().len(),
        "{}",
        lines[0]
    );
    assert!(!site.exists("index.html"), "check writes nothing");
}

#[test]
fn ui_strings_fall_back_key_by_key_to_the_default_language_then_english() {
    let site = hmong_site()
        // The site gives Hmong one string of its own...
        .file("i18n/hmn.yaml", "list_article: Xov xwm\n")
        // ...and English a string no other language has.
        .file("i18n/en.yaml", "only_in_english: Only in English\n")
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ item.title }}</h1>\
             <p id=\"probe\">{{ t.only_in_english }}</p><p id=\"published\">{{ t.published }}</p>\
             <p class=\"meta\"><time datetime=\"{{ item.date.iso }}\">{{ item.date.display }}</time></p>{% endblock content %}",
        )
        .file("content/articles/a.en.md", article("Article A", "2025-08-12", "x\n"));
    site.build();
    let probe = |file: &str| {
        let doc = site.html(file);
        (
            text(one(&doc, "#probe")),
            text(one(&doc, "#published")),
            text(one(&doc, ".meta time")),
        )
    };
    assert_eq!(
        probe("hmn/articles/a/index.html"),
        (
            "Only in English".to_string(),
            "Đăng".to_string(),
            "2025-08-12".to_string()
        )
    );
    assert_eq!(
        probe("articles/a/index.html"),
        (
            "Only in English".to_string(),
            "Đăng".to_string(),
            "ngày 12 tháng 8 năm 2025".to_string()
        )
    );
    assert_eq!(
        probe("en/articles/a/index.html"),
        (
            "Only in English".to_string(),
            "Published".to_string(),
            "12 August 2025".to_string()
        )
    );
    let listing = site.html("hmn/articles/index.html");
    assert_eq!(
        text(one(&listing, "main h1")),
        "Xov xwm",
        "the site's own Hmong string"
    );
    assert_eq!(
        select(&listing, "nav.site-nav a")
            .into_iter()
            .map(text)
            .next()
            .as_deref(),
        Some("Xov xwm")
    );

    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines = warnings(&stderr(&o));
    let by_lang: BTreeMap<&str, &String> = ["vi", "hmn"]
        .into_iter()
        .map(|lang| {
            let line = lines
                .iter()
                .find(|l| l.starts_with(&format!("warning: i18n/{lang}.yaml:")))
                .unwrap_or_else(|| panic!("no warning for {lang}: {lines:?}"));
            (lang, line)
        })
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "vi and hmn lack strings, en does not: {lines:?}"
    );
    assert_eq!(missing_count(by_lang["vi"], "vi"), 1, "{}", by_lang["vi"]);
    assert!(
        by_lang["vi"].contains("only_in_english"),
        "{}",
        by_lang["vi"]
    );
    // Hmong lacks every theme key but the one it gives, plus the English-only one.
    assert_eq!(
        missing_count(by_lang["hmn"], "hmn"),
        theme_ui_keys().len(),
        "{}",
        by_lang["hmn"]
    );
}

#[test]
fn dates_on_item_pages_and_cards_follow_the_page_language() {
    let front = |title: &str| {
        md(
            &format!("title: {title}\ndate: 2025-08-12\nupdated: 2025-09-03"),
            "x\n",
        )
    };
    let site = Site::new()
        .file("site.yaml", site_yaml("none"))
        .file("content/articles/a.md", front("Bài A"))
        .file("content/articles/a.en.md", front("Article A"))
        .file("content/articles/a.fr.md", front("Article A (fr)"))
        .file("content/articles/a.hmn.md", front("Tsab A"));
    site.build();
    for (lang, published, updated) in [
        ("vi", "ngày 12 tháng 8 năm 2025", "ngày 3 tháng 9 năm 2025"),
        ("en", "12 August 2025", "3 September 2025"),
        ("fr", "12 août 2025", "3 septembre 2025"),
        ("hmn", "2025-08-12", "2025-09-03"),
    ] {
        let page = site.html(&format!("{}articles/a/index.html", prefix(lang)));
        let times: Vec<(String, String)> = select(&page, "article.item > p.meta time[datetime]")
            .into_iter()
            .map(|t| (attr(t, "datetime").unwrap_or_default().to_string(), text(t)))
            .collect();
        assert_eq!(
            times,
            [
                ("2025-08-12".to_string(), published.to_string()),
                ("2025-09-03".to_string(), updated.to_string())
            ],
            "{lang} item page"
        );
        let list = site.html(&format!("{}articles/index.html", prefix(lang)));
        let card_time = one(&list, "article.card time[datetime]");
        assert_eq!(
            attr(card_time, "datetime"),
            Some("2025-08-12"),
            "{lang} card"
        );
        assert_eq!(text(card_time), published, "{lang} card");
    }
}

// ---------------------------------------------------------------- check --translations

fn translations_site() -> Site {
    Site::new()
        .file(
            "site.yaml",
            format!("{SITE_YAML_VI_EN}  - code: fr\n    name: Français\n"),
        )
        // Outdated: the original was updated after the translation was written.
        .file(
            "content/articles/mot.md",
            md(
                "title: Bài một\ndate: 2025-08-01\nupdated: 2025-09-10",
                "x\n",
            ),
        )
        .file(
            "content/articles/mot.en.md",
            article("Article one", "2025-08-05", "x\n"),
        )
        // Up to date: the translation's own `updated` is newer than the original.
        .file(
            "content/articles/hai.md",
            article("Bài hai", "2025-08-02", "x\n"),
        )
        .file(
            "content/articles/hai.en.md",
            md(
                "title: Article two\ndate: 2025-08-01\nupdated: 2025-08-20",
                "x\n",
            ),
        )
        // Up to date: written the same day as the original.
        .file(
            "content/articles/nam.md",
            article("Bài năm", "2025-08-06", "x\n"),
        )
        .file(
            "content/articles/nam.en.md",
            article("Article five", "2025-08-06", "x\n"),
        )
        // A bundle with no translation.
        .file(
            "content/articles/ba/index.md",
            article("Bài ba", "2025-08-03", "x\n"),
        )
        // Written in English first: its Vietnamese version is the missing one.
        .file(
            "content/articles/bon.en.md",
            article("Article four", "2025-08-04", "x\n"),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu", "x\n"),
        )
}

#[test]
fn check_translations_lists_missing_and_outdated_translations_per_language() {
    let site = translations_site();
    let o = site.bantin(&["check", "--translations"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let collapse = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(collapse)
        .collect();
    let expected = [
        "Tiếng Việt (vi): 5 of 6 items translated, 1 missing, 0 outdated",
        "missing content/articles/bon.en.md → create content/articles/bon.md",
        "English (en): 4 of 6 items translated, 2 missing, 1 outdated",
        "missing content/articles/ba/index.md → create content/articles/ba/index.en.md",
        "missing content/pages/gioi-thieu.md → create content/pages/gioi-thieu.en.md",
        "outdated content/articles/mot.en.md (2025-08-05) is older than content/articles/mot.md (2025-09-10)",
        "Français (fr): 0 of 6 items translated, 6 missing, 0 outdated",
        "missing content/articles/ba/index.md → create content/articles/ba/index.fr.md",
        "missing content/articles/bon.en.md → create content/articles/bon.fr.md",
        "missing content/articles/hai.md → create content/articles/hai.fr.md",
        "missing content/articles/mot.md → create content/articles/mot.fr.md",
        "missing content/articles/nam.md → create content/articles/nam.fr.md",
        "missing content/pages/gioi-thieu.md → create content/pages/gioi-thieu.fr.md",
    ];
    assert_eq!(lines.len(), expected.len(), "{}", stdout(&o));
    for (line, expected) in lines.iter().zip(expected) {
        // A `missing` line may name the original's title after the paths.
        let ok = if expected.starts_with("missing ") {
            line == expected || line.starts_with(&format!("{expected} "))
        } else {
            line == expected
        };
        assert!(ok, "expected `{expected}`, found `{line}`\n{}", stdout(&o));
    }
    assert!(!site.exists("index.html"), "the report writes nothing");
}

#[test]
fn check_translations_json_gives_the_same_report_for_tools() {
    let site = translations_site();
    let o = site.bantin(&["check", "--translations", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", stdout(&o)));
    let missing = |original: &str, create: &str, title: &str| serde_json::json!({"original": original, "create": create, "title": title});
    let expected = serde_json::json!([
        {
            "code": "vi", "name": "Tiếng Việt", "total": 6, "translated": 5,
            "missing": [missing("content/articles/bon.en.md", "content/articles/bon.md", "Article four")],
            "outdated": []
        },
        {
            "code": "en", "name": "English", "total": 6, "translated": 4,
            "missing": [
                missing("content/articles/ba/index.md", "content/articles/ba/index.en.md", "Bài ba"),
                missing("content/pages/gioi-thieu.md", "content/pages/gioi-thieu.en.md", "Giới thiệu")
            ],
            "outdated": [{
                "translation": "content/articles/mot.en.md", "translation_date": "2025-08-05",
                "original": "content/articles/mot.md", "original_date": "2025-09-10"
            }]
        },
        {
            "code": "fr", "name": "Français", "total": 6, "translated": 0,
            "missing": [
                missing("content/articles/ba/index.md", "content/articles/ba/index.fr.md", "Bài ba"),
                missing("content/articles/bon.en.md", "content/articles/bon.fr.md", "Article four"),
                missing("content/articles/hai.md", "content/articles/hai.fr.md", "Bài hai"),
                missing("content/articles/mot.md", "content/articles/mot.fr.md", "Bài một"),
                missing("content/articles/nam.md", "content/articles/nam.fr.md", "Bài năm"),
                missing("content/pages/gioi-thieu.md", "content/pages/gioi-thieu.fr.md", "Giới thiệu")
            ],
            "outdated": []
        }
    ]);
    assert_eq!(got, expected, "{}", stdout(&o));
}

// ---------------------------------------------------------------- Vietnamese order

#[test]
fn items_of_the_same_date_are_listed_in_vietnamese_alphabetical_order() {
    // File names in the reverse of the expected order, so that file order cannot pass.
    let titles = [
        ("g", "An sinh xã hội"),
        ("f", "Ăn ở cùng dân"),
        ("e", "Âm vang đại ngàn"),
        ("d", "Bản làng đổi mới"),
        ("c", "Cơ sở vững mạnh"),
        ("b", "Dân vận khéo"),
        ("a", "Đào tạo cán bộ"),
    ];
    let mut site = Site::with_config();
    // Written in scrambled order, with one title decomposed (NFD) as a macOS keyboard may.
    for i in [3, 0, 6, 2, 5, 1, 4] {
        let (file, title) = titles[i];
        let title = if i == 1 {
            nfd(title)
        } else {
            title.to_string()
        };
        site = site.file(
            &format!("content/articles/{file}.md"),
            article(&title, "2025-08-12", "x\n"),
        );
    }
    site.build();
    let list = site.html("articles/index.html");
    let shown: Vec<String> = select(&list, ".card-title a")
        .into_iter()
        .map(text)
        .collect();
    let expected: Vec<&str> = titles.iter().map(|(_, t)| *t).collect();
    assert_eq!(shown, expected, "a < ă < â < b < c < d < đ");
}

// ---------------------------------------------------------------- translated bulletins

#[test]
fn translated_bulletin_keeps_untranslated_items_in_their_original_language() {
    // articles/ba has no English version; the English edition still carries it, on the web
    // page and in the print edition, marked and in Vietnamese, whatever `fallback:` says.
    for fallback in ["none", "default"] {
        let site = built(fallback);
        let web = site.html("en/bulletins/so-1/index.html");
        let cards: Vec<String> = hrefs(&web, ".bulletin-items .card-title a");
        assert_eq!(
            cards,
            ["/sub/en/articles/mot/", "/sub/articles/ba/"],
            "fallback {fallback}: the web edition"
        );
        let ba = one(&web, ".bulletin-items .card-title[lang=vi]");
        assert_eq!(text(ba), "Bài ba");

        let print = site.html("en/bulletins/so-1/print/index.html");
        let items = select(&print, "article.print-item");
        assert_eq!(items.len(), 2, "fallback {fallback}: the print edition");
        assert_eq!(attr(items[1], "lang"), Some("vi"));
        assert_eq!(text(select_in(items[1], "h2")[0]), "Bài ba");
        assert_eq!(
            select_in(items[1], ".untranslated").len(),
            1,
            "the original says it is not translated"
        );
        assert_eq!(
            attr(items[0], "lang"),
            None,
            "the translated item is in English"
        );
        assert_eq!(select(&print, ".print-toc li").len(), 2);
    }
}
