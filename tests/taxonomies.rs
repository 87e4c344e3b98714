//! Taxonomies and the links between items: localities with merged-away units (listing under
//! the successor, "formerly" on item pages, redirect pages, `bantin check` warnings), the model
//! directory's counts and pages, FAQPage JSON-LD on explainers, topics (counts, pagination,
//! names per language, one topic however its term is cased or composed), related items and
//! previous/next links, alias redirect pages, and registry errors.

mod common;

use common::*;
use scraper::{ElementRef, Html};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------- fixtures and helpers

/// A registry with a merged province (Hà Nam and Nam Định are now part of Ninh Bình) and a
/// merged commune (the former Xã Ngọc Sơn is now part of Phường Ngọc Sơn).
const MERGED: &str = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình, en: Ninh Binh }
  formerly:
    - { id: ha-nam, name: { vi: Hà Nam, en: Ha Nam } }
    - { id: nam-dinh, name: { vi: Nam Định, en: Nam Dinh } }
  children:
    - id: ngoc-son
      level: ward
      name: { vi: Phường Ngọc Sơn, en: Ngoc Son Ward }
      formerly:
        - { id: ngoc-son-cu, name: { vi: Xã Ngọc Sơn } }
    - id: hoa-lu
      level: ward
      name: { vi: Phường Hoa Lư, en: Hoa Lu Ward }
- id: lam-dong
  level: province
  name: { vi: Lâm Đồng, en: Lam Dong }
  children:
    - id: di-linh
      level: commune
      name: { vi: Xã Di Linh, en: Di Linh Commune }
";

/// An article whose front matter is title (file line 2), date (3), `extra` (4 on).
fn article_with(title: &str, date: &str, extra: &str) -> String {
    md(
        &format!("title: {title}\ndate: {date}\n{extra}"),
        "Nội dung.\n",
    )
}

/// A model profile; `locality` is on file line 8, its value at column 11.
fn model(
    title: &str,
    unit_type: &str,
    area: &str,
    status: &str,
    year: i64,
    locality: &str,
) -> String {
    md(
        &format!(
            "title: {title}\nunit: Đơn vị {title}\nunit_type: {unit_type}\narea: {area}\nstatus: {status}\nyear: {year}\nlocality: {locality}"
        ),
        "Cách làm.\n",
    )
}

/// `href`s of the summary cards of a listing or collection page, in page order.
fn card_links(doc: &Html) -> Vec<String> {
    hrefs(doc, "main article.card .card-title a")
}

/// Every run of digits in `text`, as numbers, in order.
fn numbers(text: &str) -> Vec<usize> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("digits"))
        .collect()
}

/// Direct element children of an element.
fn children(el: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    el.children().filter_map(ElementRef::wrap).collect()
}

fn has_class(el: ElementRef, class: &str) -> bool {
    attr(el, "class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// The `<span>` of an item page's meta line that starts with `label:` ("Địa phương:").
#[track_caller]
fn meta_span<'a>(doc: &'a Html, label: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef> = select(doc, "article.item > p.meta > span")
        .into_iter()
        .filter(|s| text(*s).starts_with(&format!("{label}:")))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{label}:` in the meta line: {}",
        select(doc, "article.item > p.meta")
            .iter()
            .map(|e| e.html())
            .collect::<Vec<_>>()
            .join("\n")
    );
    found[0]
}

/// `(href, text)` of every link inside an element.
fn links_in(el: ElementRef) -> Vec<(String, String)> {
    select_in(el, "a")
        .into_iter()
        .map(|a| (attr(a, "href").unwrap_or_default().to_string(), text(a)))
        .collect()
}

fn pair(href: &str, label: &str) -> (String, String) {
    (href.to_string(), label.to_string())
}

// ---------------------------------------------------------------- 1. merged localities

/// Items naming the former units in each way an editor may, and two that name current ones.
///
/// | file | locality | resolves to |
/// |---|---|---|
/// | articles/a.md, a.en.md | ha-nam | ninh-binh |
/// | articles/b.md | ha-nam/ngoc-son | ninh-binh/ngoc-son |
/// | articles/c.md | ninh-binh/ngoc-son-cu | ninh-binh/ngoc-son |
/// | articles/d.md | ninh-binh/hoa-lu | (current) |
/// | articles/f.md | lam-dong | (current) |
/// | models/m.md | nam-dinh | ninh-binh |
fn merged_site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file("data/localities.yaml", MERGED)
        .file(
            "content/articles/a.md",
            article_with("Bài Hà Nam", "2025-08-05", "locality: ha-nam"),
        )
        .file(
            "content/articles/a.en.md",
            article_with("Ha Nam story", "2025-08-05", "locality: ha-nam"),
        )
        .file(
            "content/articles/b.md",
            article_with("Bài phường cũ", "2025-08-04", "locality: ha-nam/ngoc-son"),
        )
        .file(
            "content/articles/c.md",
            article_with("Bài xã cũ", "2025-08-03", "locality: ninh-binh/ngoc-son-cu"),
        )
        .file(
            "content/articles/d.md",
            article_with("Bài Hoa Lư", "2025-08-02", "locality: ninh-binh/hoa-lu"),
        )
        .file(
            "content/articles/f.md",
            article_with("Bài Lâm Đồng", "2025-08-01", "locality: lam-dong"),
        )
        .file(
            "content/models/m.md",
            model(
                "Mô hình Nam Định",
                "collective",
                "economy",
                "registered",
                2024,
                "nam-dinh",
            ),
        )
}

#[test]
fn items_naming_former_units_are_listed_on_their_successors_pages() {
    let site = merged_site();
    site.build();

    // The province page lists the province's own items and its communes' items.
    let province = site.html("localities/ninh-binh/index.html");
    assert_eq!(text(one(&province, "main h1")), "Ninh Bình");
    assert_eq!(
        card_links(&province),
        [
            "/sub/articles/a/",
            "/sub/articles/b/",
            "/sub/articles/c/",
            "/sub/articles/d/",
            "/sub/models/m/"
        ],
        "newest first; lam-dong's item is not there"
    );
    assert_eq!(
        text(one(&province, "main p.formerly")),
        "Gồm địa bàn cũ: Hà Nam, Nam Định"
    );

    let ward = site.html("localities/ninh-binh/ngoc-son/index.html");
    assert_eq!(text(one(&ward, "main h1")), "Phường Ngọc Sơn");
    assert_eq!(card_links(&ward), ["/sub/articles/b/", "/sub/articles/c/"]);
    assert_eq!(
        links_in(one(&ward, "main p.parent")),
        [pair("/sub/localities/ninh-binh/", "← Ninh Bình")]
    );
    assert_eq!(
        text(one(&ward, "main p.formerly")),
        "Gồm địa bàn cũ: Xã Ngọc Sơn"
    );

    assert_eq!(
        card_links(&site.html("localities/ninh-binh/hoa-lu/index.html")),
        ["/sub/articles/d/"]
    );
    assert_eq!(
        card_links(&site.html("localities/lam-dong/index.html")),
        ["/sub/articles/f/"]
    );
    // In English only the translated item, under the successor too.
    assert_eq!(
        card_links(&site.html("en/localities/ninh-binh/index.html")),
        ["/sub/en/articles/a/"]
    );
    assert!(!site.exists("en/localities/ninh-binh/ngoc-son/index.html"));
    // Former units get no listing of their own: only redirect pages (below).
    for old in [
        "ha-nam",
        "nam-dinh",
        "ninh-binh/ngoc-son-cu",
        "ha-nam/ngoc-son",
    ] {
        let doc = site.html(&format!("localities/{old}/index.html"));
        assert!(
            select(&doc, "article.card").is_empty(),
            "{old}: {}",
            doc.html()
        );
    }
}

/// One unit of the localities page, as a reader sees it.
#[derive(Debug, PartialEq)]
struct Unit {
    name: String,
    url: Option<String>,
    count: usize,
    formerly: Option<String>,
    children: Vec<Unit>,
}

fn unit(
    name: &str,
    url: Option<&str>,
    count: usize,
    formerly: Option<&str>,
    children: Vec<Unit>,
) -> Unit {
    Unit {
        name: name.to_string(),
        url: url.map(str::to_string),
        count,
        formerly: formerly.map(str::to_string),
        children,
    }
}

/// The units of a `<li>` of the localities page (its own name, count and formerly, then its
/// nested list).
fn parse_unit(li: ElementRef) -> Unit {
    let parts = children(li);
    let link = parts.iter().find(|e| e.value().name() == "a");
    let name = match link {
        Some(a) => text(*a),
        // No page: the name is the text before the count.
        None => li
            .text()
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let count = parts
        .iter()
        .find(|e| has_class(**e, "count"))
        .map(|e| numbers(&text(*e)))
        .unwrap_or_default();
    assert_eq!(count.len(), 1, "one count per unit: {}", li.html());
    let nested = parts
        .iter()
        .find(|e| e.value().name() == "ul")
        .map(|ul| children(*ul).into_iter().map(parse_unit).collect())
        .unwrap_or_default();
    Unit {
        name,
        url: link.and_then(|a| attr(*a, "href")).map(str::to_string),
        count: count[0],
        formerly: parts
            .iter()
            .find(|e| has_class(**e, "formerly"))
            .map(|e| text(*e)),
        children: nested,
    }
}

#[test]
fn localities_page_counts_items_under_successors_and_names_former_units() {
    let site = merged_site();
    site.build();
    let doc = site.html("localities/index.html");
    let provinces: Vec<Unit> = select(&doc, "main ul.localities > li")
        .into_iter()
        .map(parse_unit)
        .collect();
    assert_eq!(
        provinces,
        [
            unit(
                "Ninh Bình",
                Some("/sub/localities/ninh-binh/"),
                5,
                Some("Gồm địa bàn cũ: Hà Nam, Nam Định"),
                vec![
                    unit(
                        "Phường Ngọc Sơn",
                        Some("/sub/localities/ninh-binh/ngoc-son/"),
                        2,
                        Some("Gồm địa bàn cũ: Xã Ngọc Sơn"),
                        vec![]
                    ),
                    unit(
                        "Phường Hoa Lư",
                        Some("/sub/localities/ninh-binh/hoa-lu/"),
                        1,
                        None,
                        vec![]
                    ),
                ]
            ),
            unit(
                "Lâm Đồng",
                Some("/sub/localities/lam-dong/"),
                1,
                None,
                vec![unit("Xã Di Linh", None, 0, None, vec![])]
            ),
        ]
    );
    // English: one item, names and "formerly" in English (the commune's former name has
    // Vietnamese only, its fallback).
    let en = site.html("en/localities/index.html");
    let provinces: Vec<Unit> = select(&en, "main ul.localities > li")
        .into_iter()
        .map(parse_unit)
        .collect();
    assert_eq!(provinces[0].name, "Ninh Binh");
    assert_eq!(provinces[0].count, 1);
    assert_eq!(
        provinces[0].url.as_deref(),
        Some("/sub/en/localities/ninh-binh/")
    );
    assert_eq!(
        provinces[0].formerly.as_deref(),
        Some("Includes the former Ha Nam, Nam Dinh")
    );
    assert_eq!(provinces[0].children[0].count, 0);
    assert_eq!(provinces[0].children[0].url, None);
    assert_eq!(
        provinces[0].children[0].formerly.as_deref(),
        Some("Includes the former Xã Ngọc Sơn")
    );
}

#[test]
fn item_pages_link_the_successor_and_say_formerly_with_the_former_name() {
    let site = merged_site();
    site.build();
    let cases = [
        (
            "articles/a/index.html",
            "Địa phương",
            "Địa phương: Ninh Bình (trước đây: Hà Nam)",
            pair("/sub/localities/ninh-binh/", "Ninh Bình"),
        ),
        (
            "en/articles/a/index.html",
            "Locality",
            "Locality: Ninh Binh (formerly Ha Nam)",
            pair("/sub/en/localities/ninh-binh/", "Ninh Binh"),
        ),
        (
            "articles/b/index.html",
            "Địa phương",
            "Địa phương: Phường Ngọc Sơn (trước đây: Hà Nam)",
            pair("/sub/localities/ninh-binh/ngoc-son/", "Phường Ngọc Sơn"),
        ),
        (
            "articles/c/index.html",
            "Địa phương",
            "Địa phương: Phường Ngọc Sơn (trước đây: Xã Ngọc Sơn)",
            pair("/sub/localities/ninh-binh/ngoc-son/", "Phường Ngọc Sơn"),
        ),
        (
            "articles/d/index.html",
            "Địa phương",
            "Địa phương: Phường Hoa Lư",
            pair("/sub/localities/ninh-binh/hoa-lu/", "Phường Hoa Lư"),
        ),
    ];
    for (file, label, shown, link) in cases {
        let doc = site.html(file);
        let span = meta_span(&doc, label);
        assert_eq!(text(span), shown, "{file}");
        assert_eq!(links_in(span), [link], "{file}");
    }
    // A model shows its locality among its facts.
    let doc = site.html("models/m/index.html");
    let dd: Vec<ElementRef> = select(&doc, "dl.facts > div")
        .into_iter()
        .filter(|d| {
            select_in(*d, "dt")
                .first()
                .is_some_and(|dt| text(*dt) == "Địa phương")
        })
        .flat_map(|d| select_in(d, "dd"))
        .collect();
    assert_eq!(dd.len(), 1, "{}", doc.html());
    assert_eq!(text(dd[0]), "Ninh Bình (trước đây: Nam Định)");
    assert_eq!(
        links_in(dd[0]),
        [pair("/sub/localities/ninh-binh/", "Ninh Bình")]
    );
}

#[test]
fn former_units_pages_redirect_to_their_successors() {
    let site = merged_site();
    site.build();
    let expected = [
        ("localities/ha-nam/index.html", "localities/ninh-binh/"),
        ("localities/nam-dinh/index.html", "localities/ninh-binh/"),
        (
            "localities/ninh-binh/ngoc-son-cu/index.html",
            "localities/ninh-binh/ngoc-son/",
        ),
        // `ha-nam/ngoc-son`, used by an item, gets its page too.
        (
            "localities/ha-nam/ngoc-son/index.html",
            "localities/ninh-binh/ngoc-son/",
        ),
        (
            "en/localities/ha-nam/index.html",
            "en/localities/ninh-binh/",
        ),
        (
            "en/localities/nam-dinh/index.html",
            "en/localities/ninh-binh/",
        ),
    ];
    for (file, to) in expected {
        let (url, canonical) = redirect_of(&site.html(file));
        assert_eq!(url, format!("/sub/{to}"), "{file}");
        assert_eq!(canonical, format!("{BASE_URL}{to}"), "{file}");
    }
    // Every former unit in every language: the target is a page of the site, not another
    // redirect, and the canonical link is its absolute URL.
    for lang_prefix in ["", "en/"] {
        for old in [
            "ha-nam",
            "nam-dinh",
            "ninh-binh/ngoc-son-cu",
            "ha-nam/ngoc-son",
        ] {
            let file = format!("{lang_prefix}localities/{old}/index.html");
            let (url, canonical) = redirect_of(&site.html(&file));
            let target =
                file_for_url(&url).unwrap_or_else(|| panic!("{file}: {url} is outside the site"));
            assert!(site.exists(&target), "{file} → {url}: no such page");
            let target_doc = site.html(&target);
            assert!(
                select(&target_doc, "meta[http-equiv=refresh]").is_empty(),
                "{file} → {url} is itself a redirect"
            );
            assert_eq!(canonical, url_for_file(&target), "{file}");
        }
    }
}

/// `(file, line, column, message)` of each `warning:` line of stderr about `locality`.
fn locality_warnings(stderr: &str) -> Vec<(String, usize, usize, String)> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .filter(|l| l.contains(": `locality`: "))
        .map(|l| {
            let (place, message) = l.split_once(": `locality`: ").expect("split");
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let line = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let file = parts.next().unwrap_or_default().to_string();
            (file, line, column, message.to_string())
        })
        .collect()
}

#[test]
fn check_warns_about_each_item_naming_a_former_unit_and_exits_0() {
    let site = merged_site();
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got = locality_warnings(&stderr(&o));
    let expected = [
        ("content/articles/a.en.md", 4, "ha-nam", "ninh-binh"),
        ("content/articles/a.md", 4, "ha-nam", "ninh-binh"),
        (
            "content/articles/b.md",
            4,
            "ha-nam/ngoc-son",
            "ninh-binh/ngoc-son",
        ),
        (
            "content/articles/c.md",
            4,
            "ninh-binh/ngoc-son-cu",
            "ninh-binh/ngoc-son",
        ),
        ("content/models/m.md", 8, "nam-dinh", "ninh-binh"),
    ];
    assert_eq!(
        got.len(),
        expected.len(),
        "one warning per item naming a former unit:\n{}",
        stderr(&o)
    );
    for (file, line, old, new) in expected {
        let found: Vec<&(String, usize, usize, String)> =
            got.iter().filter(|w| w.0 == file).collect();
        assert_eq!(found.len(), 1, "{file}:\n{}", stderr(&o));
        let (_, l, c, message) = found[0];
        assert_eq!((*l, *c), (line, 11), "{file}: line and column of the value");
        assert!(
            message.starts_with(&format!("`{old}` is a former unit, now part of `{new}`")),
            "{file}: {message}"
        );
    }
    assert!(!site.exists("index.html"), "check writes nothing");
    // The build succeeds and reports the same warnings.
    let report = site.build();
    let mut files: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.key.as_deref() == Some("locality"))
        .map(|w| w.path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.iter().map(|e| e.0.to_string()).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------- 2. the model directory

/// Eight model profiles (one translated into English, one draft that does not count):
///
/// | model | area | status | unit_type | year | locality (province) |
/// |---|---|---|---|---|---|
/// | m1 (+ m1.en) | economy | recognized | collective | 2024 | ninh-binh |
/// | m2 | economy | recognized | collective | 2024 | ninh-binh/hoa-lu |
/// | m3 | economy | recognized | individual | 2023 | lam-dong |
/// | m4 | economy | registered | collective | 2025 | ninh-binh/ngoc-son |
/// | m5 | culture-society | recognized | collective | 2024 | lam-dong/di-linh |
/// | m6 | culture-society | registered | individual | 2023 | ha-nam (→ ninh-binh) |
/// | m7 | defense-security | recognized | collective | 2022 | ninh-binh |
/// | m8 | economy | registered | collective | 2024 | ninh-binh/hoa-lu |
///
/// Totals, all distinct: 8 profiles, 5 recognized, 3 registered, 6 collectives, 2 individuals,
/// 4 recognized collectives, 1 recognized individual.
fn directory_site() -> Site {
    let models = [
        (
            "m1",
            "collective",
            "economy",
            "recognized",
            2024,
            "ninh-binh",
        ),
        (
            "m2",
            "collective",
            "economy",
            "recognized",
            2024,
            "ninh-binh/hoa-lu",
        ),
        (
            "m3",
            "individual",
            "economy",
            "recognized",
            2023,
            "lam-dong",
        ),
        (
            "m4",
            "collective",
            "economy",
            "registered",
            2025,
            "ninh-binh/ngoc-son",
        ),
        (
            "m5",
            "collective",
            "culture-society",
            "recognized",
            2024,
            "lam-dong/di-linh",
        ),
        (
            "m6",
            "individual",
            "culture-society",
            "registered",
            2023,
            "ha-nam",
        ),
        (
            "m7",
            "collective",
            "defense-security",
            "recognized",
            2022,
            "ninh-binh",
        ),
        (
            "m8",
            "collective",
            "economy",
            "registered",
            2024,
            "ninh-binh/hoa-lu",
        ),
    ];
    let mut site = Site::new()
        .file("site.yaml", format!("{SITE_YAML_VI_EN}paginate: 20\n"))
        .file("data/localities.yaml", MERGED);
    for (slug, unit_type, area, status, year, locality) in models {
        site = site.file(
            &format!("content/models/{slug}.md"),
            model(
                &format!("Mô hình {slug}"),
                unit_type,
                area,
                status,
                year,
                locality,
            ),
        );
    }
    site.file(
        "content/models/m1.en.md",
        model("Model m1", "collective", "economy", "recognized", 2024, "ninh-binh"),
    )
    .file(
        "content/models/nhap.md",
        md(
            "title: Bản nháp\nunit: U\nunit_type: individual\narea: political-system\nstatus: recognized\nyear: 2021\nlocality: lam-dong\ndraft: true",
            "x\n",
        ),
    )
    .file("content/articles/a.md", article_with("Bài", "2025-08-01", "locality: ninh-binh"))
}

/// `(name, link, registered, recognized, total)` of each row of a table section.
fn table_rows(doc: &Html, css: &str) -> Vec<(String, Option<String>, usize, usize, usize)> {
    select(doc, css)
        .into_iter()
        .map(|tr| {
            let th = select_in(tr, "th");
            assert_eq!(th.len(), 1, "{}", tr.html());
            let cells: Vec<usize> = select_in(tr, "td")
                .into_iter()
                .map(|td| {
                    text(td)
                        .parse()
                        .unwrap_or_else(|_| panic!("not a count: {}", td.html()))
                })
                .collect();
            assert_eq!(cells.len(), 3, "{}", tr.html());
            let link = select_in(th[0], "a")
                .first()
                .and_then(|a| attr(*a, "href"))
                .map(str::to_string);
            (text(th[0]), link, cells[0], cells[1], cells[2])
        })
        .collect()
}

/// `(label, link, count)` of the items of a `ul.terms` under `scope`.
fn term_counts(doc: &Html, scope: &str) -> Vec<(String, Option<String>, usize)> {
    select(doc, &format!("{scope} ul.terms > li"))
        .into_iter()
        .map(|li| {
            let count = numbers(&text(one_in(li, "span.count")));
            assert_eq!(count.len(), 1, "{}", li.html());
            let label = text(li)
                .rsplit_once(" (")
                .map(|(l, _)| l.to_string())
                .unwrap_or_default();
            let link = select_in(li, "a")
                .first()
                .and_then(|a| attr(*a, "href"))
                .map(str::to_string);
            (label, link, count[0])
        })
        .collect()
}

#[track_caller]
fn one_in<'a>(el: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found = select_in(el, css);
    assert_eq!(found.len(), 1, "expected one `{css}` in {}", el.html());
    found[0]
}

fn row(
    name: &str,
    link: Option<&str>,
    registered: usize,
    recognized: usize,
    total: usize,
) -> (String, Option<String>, usize, usize, usize) {
    (
        name.to_string(),
        link.map(str::to_string),
        registered,
        recognized,
        total,
    )
}

fn term(label: &str, link: Option<&str>, count: usize) -> (String, Option<String>, usize) {
    (label.to_string(), link.map(str::to_string), count)
}

#[test]
fn model_directory_counts_each_profile_once() {
    let site = directory_site();
    site.build();
    let doc = site.html("models/index.html");
    // total, recognized, recognized collectives, recognized individuals.
    assert_eq!(
        numbers(&text(one(&doc, "main p.totals"))),
        [8, 5, 4, 1],
        "{}",
        text(one(&doc, "main p.totals"))
    );
    assert_eq!(
        table_rows(&doc, "main table.counts > tbody > tr"),
        [
            row("Kinh tế", Some("/sub/models/area/economy/"), 2, 3, 5),
            row(
                "Văn hóa – xã hội",
                Some("/sub/models/area/culture-society/"),
                1,
                1,
                2
            ),
            row(
                "Quốc phòng – an ninh",
                Some("/sub/models/area/defense-security/"),
                0,
                1,
                1
            ),
            row("Xây dựng hệ thống chính trị", None, 0, 0, 0),
        ]
    );
    assert_eq!(
        table_rows(&doc, "main table.counts > tfoot > tr"),
        [row("Tổng số", None, 3, 5, 8)]
    );
    assert_eq!(
        term_counts(&doc, "main section[aria-labelledby=bantin-by-year]"),
        [
            term("2025", Some("/sub/models/year/2025/"), 1),
            term("2024", Some("/sub/models/year/2024/"), 4),
            term("2023", Some("/sub/models/year/2023/"), 2),
            term("2022", Some("/sub/models/year/2022/"), 1),
        ],
        "newest first"
    );
    assert_eq!(
        term_counts(&doc, "main section[aria-labelledby=bantin-by-locality]"),
        [
            term("Lâm Đồng", Some("/sub/models/locality/lam-dong/"), 2),
            term("Ninh Bình", Some("/sub/models/locality/ninh-binh/"), 6),
        ],
        "provinces, communes and former units counted under their province"
    );
    // The list below the directory holds the eight profiles, not the draft.
    assert_eq!(card_links(&doc).len(), 8, "{:?}", card_links(&doc));

    // English: the same counts (over profiles, whatever is translated); links only where an
    // English page exists.
    let en = site.html("en/models/index.html");
    assert_eq!(numbers(&text(one(&en, "main p.totals"))), [8, 5, 4, 1]);
    assert_eq!(
        table_rows(&en, "main table.counts > tfoot > tr"),
        [row("Total", None, 3, 5, 8)]
    );
    let en_rows = table_rows(&en, "main table.counts > tbody > tr");
    assert_eq!(
        en_rows
            .iter()
            .map(|r| (r.1.clone(), r.2, r.3, r.4))
            .collect::<Vec<_>>(),
        [
            (Some("/sub/en/models/area/economy/".to_string()), 2, 3, 5),
            (None, 1, 1, 2),
            (None, 0, 1, 1),
            (None, 0, 0, 0),
        ]
    );
}

#[test]
fn model_directory_exposes_every_count_to_templates() {
    let site = directory_site().file(
        "templates/models.html",
        "{% extends \"base.html\" %}{% block content %}<dl id=\"d\">\
         <dt>total</dt><dd>{{ directory.total }}</dd>\
         <dt>recognized</dt><dd>{{ directory.recognized }}</dd>\
         <dt>registered</dt><dd>{{ directory.registered }}</dd>\
         <dt>collectives</dt><dd>{{ directory.collectives }}</dd>\
         <dt>individuals</dt><dd>{{ directory.individuals }}</dd>\
         <dt>recognized_collectives</dt><dd>{{ directory.recognized_collectives }}</dd>\
         <dt>recognized_individuals</dt><dd>{{ directory.recognized_individuals }}</dd>\
         </dl>{% endblock content %}",
    );
    site.build();
    for file in ["models/index.html", "en/models/index.html"] {
        let doc = site.html(file);
        let keys: Vec<String> = select(&doc, "#d dt").into_iter().map(text).collect();
        let values: Vec<String> = select(&doc, "#d dd").into_iter().map(text).collect();
        let got: BTreeMap<String, String> = keys.into_iter().zip(values).collect();
        let expected: BTreeMap<String, String> = [
            ("total", "8"),
            ("recognized", "5"),
            ("registered", "3"),
            ("collectives", "6"),
            ("individuals", "2"),
            ("recognized_collectives", "4"),
            ("recognized_individuals", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(got, expected, "{file}");
    }
}

#[test]
fn model_area_year_and_province_pages_list_exactly_their_models() {
    let site = directory_site();
    site.build();
    let profiles = |slugs: &[&str]| -> BTreeSet<String> {
        slugs.iter().map(|s| format!("/sub/models/{s}/")).collect()
    };
    let pages: [(&str, &str, &[&str]); 9] = [
        (
            "models/area/economy/",
            "Kinh tế",
            &["m1", "m2", "m3", "m4", "m8"],
        ),
        (
            "models/area/culture-society/",
            "Văn hóa – xã hội",
            &["m5", "m6"],
        ),
        (
            "models/area/defense-security/",
            "Quốc phòng – an ninh",
            &["m7"],
        ),
        ("models/year/2025/", "2025", &["m4"]),
        ("models/year/2024/", "2024", &["m1", "m2", "m5", "m8"]),
        ("models/year/2023/", "2023", &["m3", "m6"]),
        ("models/year/2022/", "2022", &["m7"]),
        (
            "models/locality/ninh-binh/",
            "Ninh Bình",
            &["m1", "m2", "m4", "m6", "m7", "m8"],
        ),
        ("models/locality/lam-dong/", "Lâm Đồng", &["m3", "m5"]),
    ];
    for (page, title, slugs) in pages {
        let doc = site.html(&format!("{page}index.html"));
        let links = card_links(&doc);
        assert_eq!(links.len(), slugs.len(), "{page}: no duplicates: {links:?}");
        assert_eq!(
            links.into_iter().collect::<BTreeSet<_>>(),
            profiles(slugs),
            "{page}"
        );
        assert_eq!(text(one(&doc, "main h1")), title, "{page}");
        assert_eq!(
            links_in(one(&doc, "main p.parent")),
            [pair("/sub/models/", "← Mô hình Dân vận khéo")],
            "{page}"
        );
    }
    assert_eq!(
        entries(&site.out().join("models/area")),
        ["culture-society", "defense-security", "economy"],
        "no page for an area without models"
    );
    assert_eq!(
        entries(&site.out().join("models/year")),
        ["2022", "2023", "2024", "2025"]
    );
    assert_eq!(
        entries(&site.out().join("models/locality")),
        ["lam-dong", "ninh-binh"],
        "provinces only, successors only"
    );
    // English pages list the English profile only.
    for page in [
        "en/models/area/economy/",
        "en/models/year/2024/",
        "en/models/locality/ninh-binh/",
    ] {
        assert_eq!(
            card_links(&site.html(&format!("{page}index.html"))),
            ["/sub/en/models/m1/"],
            "{page}"
        );
    }
    assert!(!site.exists("en/models/year/2023/index.html"));
}

// ---------------------------------------------------------------- 3. FAQPage JSON-LD

const EXPLAINER_BODY: &str = "\
Lời giới thiệu ngắn, không thuộc câu hỏi nào.

## Ai được tham gia ý kiến?

Mọi **công dân** cư trú ở xã.

- Người dân
- Cộng đồng dân cư

## Làm sao gửi ý kiến qua mạng?

Không gõ `</script>` vào ô ý kiến; dấu < và > hay & đều an toàn.

### Lưu ý

Giữ lại bản sao.

## Thế nào là *dân chủ trực tiếp*?

Là khi người dân bàn và quyết định.
";

fn explainer_site(body: &str) -> Site {
    Site::with_config()
        .file(
            "content/explainers/dan-chu.md",
            md(
                "title: Hỏi đáp dân chủ ở cơ sở\npolicy: Luật số 10/2022/QH15",
                body,
            ),
        )
        .file(
            "content/articles/a.md",
            article("Bài", "2025-08-01", "## Một tiêu đề\n\nx\n"),
        )
}

/// The parsed JSON-LD of a page (which must have exactly one such script).
#[track_caller]
fn json_ld(doc: &Html) -> serde_json::Value {
    let script = one(doc, "script[type=\"application/ld+json\"]");
    let raw: String = script.text().collect();
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("not JSON ({e}): {raw}"))
}

/// `(name, answer text)` of each Question of a FAQPage.
fn questions(ld: &serde_json::Value) -> Vec<(String, String)> {
    assert_eq!(ld["@context"], "https://schema.org", "{ld}");
    assert_eq!(ld["@type"], "FAQPage", "{ld}");
    ld["mainEntity"]
        .as_array()
        .unwrap_or_else(|| panic!("mainEntity is not a list: {ld}"))
        .iter()
        .map(|q| {
            assert_eq!(q["@type"], "Question", "{q}");
            assert_eq!(q["acceptedAnswer"]["@type"], "Answer", "{q}");
            (
                q["name"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{q}"))
                    .to_string(),
                q["acceptedAnswer"]["text"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{q}"))
                    .to_string(),
            )
        })
        .collect()
}

/// The text of each answer on the page: the content after each `h2`, up to the next.
fn answers_on_page(doc: &Html) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for el in children(one(doc, "article.item .content")) {
        if el.value().name() == "h2" {
            out.push((text(el), String::new()));
        } else if let Some((_, answer)) = out.last_mut() {
            let t = text(el);
            if !t.is_empty() {
                if !answer.is_empty() {
                    answer.push(' ');
                }
                answer.push_str(&t);
            }
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn explainer_carries_faq_json_ld_with_each_question_and_its_plain_answer() {
    let site = explainer_site(EXPLAINER_BODY);
    site.build();
    let doc = site.html("explainers/dan-chu/index.html");
    // The whole JSON parses: a `</script>` in an answer did not end the element early.
    let got = questions(&json_ld(&doc));
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ai được tham gia ý kiến?",
            "Làm sao gửi ý kiến qua mạng?",
            "Thế nào là dân chủ trực tiếp?"
        ],
        "one Question per `## ` heading, in order, as plain text"
    );
    let answers: Vec<&str> = got.iter().map(|(_, a)| a.as_str()).collect();
    for phrase in ["Mọi công dân cư trú ở xã.", "Người dân", "Cộng đồng dân cư"]
    {
        assert!(answers[0].contains(phrase), "{phrase} in {:?}", answers[0]);
    }
    for phrase in [
        "Không gõ </script> vào ô ý kiến; dấu < và > hay & đều an toàn.",
        "Lưu ý",
        "Giữ lại bản sao.",
    ] {
        assert!(answers[1].contains(phrase), "{phrase} in {:?}", answers[1]);
    }
    assert_eq!(answers[2], "Là khi người dân bàn và quyết định.");
    // Plain text: no markup, and nothing from the introduction or the next question.
    for a in [answers[0], answers[2]] {
        assert!(!a.contains(['<', '>']), "tags in {a:?}");
    }
    let without_literals = answers[1].replace("</script>", "").replace("< và >", "");
    assert!(
        !without_literals.contains(['<', '>']),
        "tags in {:?}",
        answers[1]
    );
    assert!(
        answers.iter().all(|a| !a.contains("giới thiệu")),
        "{answers:?}"
    );
    assert!(!answers[0].contains("gửi ý kiến"), "{:?}", answers[0]);
    // Each answer is the page's own text (up to spacing).
    let page = answers_on_page(&doc);
    assert_eq!(page.len(), 3, "{page:?}");
    for ((name, answer), (page_name, page_answer)) in got.iter().zip(&page) {
        assert_eq!(name, page_name);
        assert_eq!(squeeze(answer), squeeze(page_answer), "{name}");
    }
    // The script element holds nothing that ends it early, and the page goes on after it.
    let script = one(&doc, "script[type=\"application/ld+json\"]");
    let raw: String = script.text().collect();
    assert!(!raw.to_lowercase().contains("</script"), "{raw}");
    assert_eq!(select(&doc, "head script").len(), 1);
    assert_eq!(text(one(&doc, "main h1")), "Hỏi đáp dân chủ ở cơ sở");

    // Other kinds carry none.
    let article = site.html("articles/a/index.html");
    assert!(select(&article, "script[type=\"application/ld+json\"]").is_empty());
}

#[test]
fn faq_answer_text_has_no_spaces_added_around_inline_markup() {
    let site = explainer_site(
        "## Gửi ý kiến ở đâu?\n\nXem [Điều 5](https://example.org/dieu-5). Gửi tới **Ủy ban**, hoặc *Mặt trận*.\n",
    );
    site.build();
    let doc = site.html("explainers/dan-chu/index.html");
    let got = questions(&json_ld(&doc));
    assert_eq!(
        got,
        [(
            "Gửi ý kiến ở đâu?".to_string(),
            "Xem Điều 5. Gửi tới Ủy ban, hoặc Mặt trận.".to_string()
        )],
        "the answer as it reads on the page"
    );
    assert_eq!(got, answers_on_page(&doc));
}

// ---------------------------------------------------------------- 4. topics

/// Two items per page; "Dân vận khéo" written four ways (capitalized, lower case, upper case,
/// decomposed NFD); names for two topics in data/topics.yaml, keyed by the term as written.
///
/// | item | date | topics |
/// |---|---|---|
/// | articles/a (+ en) | 08-05 | Dân vận khéo, Chuyển đổi số |
/// | articles/b (+ en) | 08-04 | dân vận khéo, DÂN VẬN KHÉO |
/// | articles/c | 08-03 | DÂN VẬN KHÉO |
/// | explainers/d | | Dân vận khéo (NFD) |
/// | articles/e | 08-01 | Nông thôn mới |
fn topics_site() -> Site {
    Site::new()
        .file("site.yaml", format!("{SITE_YAML_VI_EN}paginate: 2\n"))
        .file(
            "data/topics.yaml",
            "dân vận khéo: { en: Skilled mass mobilization }\nchuyển đổi số: { vi: Chuyển đổi số, en: Digital transformation }\n",
        )
        .file("content/articles/a.md", article_with("Bài A", "2025-08-05", "topics: [Dân vận khéo, Chuyển đổi số]"))
        .file("content/articles/a.en.md", article_with("Article A", "2025-08-05", "topics: [Dân vận khéo, Chuyển đổi số]"))
        .file("content/articles/b.md", article_with("Bài B", "2025-08-04", "topics: [dân vận khéo, DÂN VẬN KHÉO]"))
        .file("content/articles/b.en.md", article_with("Article B", "2025-08-04", "topics: [dân vận khéo]"))
        .file("content/articles/c.md", article_with("Bài C", "2025-08-03", "topics: [DÂN VẬN KHÉO]"))
        .file(
            "content/explainers/d.md",
            md(&format!("title: Hỏi đáp D\npolicy: P\ntopics: [{}]", nfd("Dân vận khéo")), "x\n"),
        )
        .file("content/articles/e.md", article_with("Bài E", "2025-08-01", "topics: [Nông thôn mới]"))
}

/// The decomposed (NFD) form of a text, as some keyboards write it.
fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// `(name, link, count)` of the topics page.
fn topic_list(doc: &Html) -> Vec<(String, Option<String>, usize)> {
    term_counts(doc, "main")
}

#[test]
fn topics_page_counts_items_per_topic_in_each_language() {
    let site = topics_site();
    site.build();
    assert_eq!(
        topic_list(&site.html("topics/index.html")),
        [
            term("Chuyển đổi số", Some("/sub/topics/chuyen-doi-so/"), 1),
            term("Dân vận khéo", Some("/sub/topics/dan-van-kheo/"), 4),
            term("Nông thôn mới", Some("/sub/topics/nong-thon-moi/"), 1),
        ],
        "one topic however the term is cased or composed; Vietnamese order"
    );
    assert_eq!(
        topic_list(&site.html("en/topics/index.html")),
        [
            term(
                "Digital transformation",
                Some("/sub/en/topics/chuyen-doi-so/"),
                1
            ),
            term(
                "Skilled mass mobilization",
                Some("/sub/en/topics/dan-van-kheo/"),
                2
            ),
        ],
        "names from data/topics.yaml; only topics with English items"
    );
    assert_eq!(
        entries(&site.out().join("topics")),
        [
            "chuyen-doi-so",
            "dan-van-kheo",
            "index.html",
            "nong-thon-moi"
        ],
        "one folder per topic"
    );
    assert!(!site.exists("en/topics/nong-thon-moi/index.html"));
}

#[test]
fn a_topic_with_more_items_than_paginate_has_further_pages() {
    let site = topics_site();
    site.build();
    let first = site.html("topics/dan-van-kheo/index.html");
    assert_eq!(text(one(&first, "main h1")), "Dân vận khéo");
    assert_eq!(card_links(&first), ["/sub/articles/a/", "/sub/articles/b/"]);
    assert_eq!(text(one(&first, "nav.pagination li.current")), "Trang 1/2");
    assert_eq!(
        hrefs(&first, "nav.pagination a[rel=next]"),
        ["/sub/topics/dan-van-kheo/page/2/"]
    );
    assert!(select(&first, "nav.pagination a[rel=prev]").is_empty());
    let second = site.html("topics/dan-van-kheo/page/2/index.html");
    assert_eq!(
        card_links(&second),
        ["/sub/articles/c/", "/sub/explainers/d/"]
    );
    assert_eq!(text(one(&second, "nav.pagination li.current")), "Trang 2/2");
    assert_eq!(
        hrefs(&second, "nav.pagination a[rel=prev]"),
        ["/sub/topics/dan-van-kheo/"]
    );
    assert!(select(&second, "nav.pagination a[rel=next]").is_empty());
    assert!(!site.exists("topics/dan-van-kheo/page/3/index.html"));
    // Mixed kinds are labelled.
    let kinds: Vec<String> = select(&second, "main article.card p.kind")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(kinds, ["Tin bài", "Hỏi – đáp chính sách"]);

    // English: two items, one page, its name from data/topics.yaml.
    let en = site.html("en/topics/dan-van-kheo/index.html");
    assert_eq!(text(one(&en, "main h1")), "Skilled mass mobilization");
    assert_eq!(
        card_links(&en),
        ["/sub/en/articles/a/", "/sub/en/articles/b/"]
    );
    assert!(select(&en, "nav.pagination").is_empty());
    assert!(!site.exists("en/topics/dan-van-kheo/page/2/index.html"));

    // The first page is the same topic in both languages; later pages have no counterpart.
    assert_eq!(
        hreflang_links(&first),
        [
            ("vi".to_string(), format!("{BASE_URL}topics/dan-van-kheo/")),
            (
                "en".to_string(),
                format!("{BASE_URL}en/topics/dan-van-kheo/")
            ),
            (
                "x-default".to_string(),
                format!("{BASE_URL}topics/dan-van-kheo/")
            ),
        ]
    );
    assert!(hreflang_links(&second).is_empty());
    assert!(hreflang_links(&site.html("topics/nong-thon-moi/index.html")).is_empty());
}

#[test]
fn item_pages_link_their_topics_once_with_localized_names() {
    let site = topics_site();
    site.build();
    let cases = [
        (
            "articles/a/index.html",
            "Chủ đề",
            vec![
                pair("/sub/topics/dan-van-kheo/", "Dân vận khéo"),
                pair("/sub/topics/chuyen-doi-so/", "Chuyển đổi số"),
            ],
        ),
        (
            "en/articles/a/index.html",
            "Topics",
            vec![
                pair("/sub/en/topics/dan-van-kheo/", "Skilled mass mobilization"),
                pair("/sub/en/topics/chuyen-doi-so/", "Digital transformation"),
            ],
        ),
        // The same topic written twice: one link.
        (
            "articles/b/index.html",
            "Chủ đề",
            vec![pair("/sub/topics/dan-van-kheo/", "Dân vận khéo")],
        ),
        (
            "explainers/d/index.html",
            "Chủ đề",
            vec![pair("/sub/topics/dan-van-kheo/", "Dân vận khéo")],
        ),
    ];
    for (file, label, expected) in cases {
        let doc = site.html(file);
        assert_eq!(links_in(meta_span(&doc, label)), expected, "{file}");
    }
}

// ---------------------------------------------------------------- 5. related, previous, next

/// Articles around `goc` (topics Dân vận khéo and Chuyển đổi số, locality Phường Hoa Lư):
///
/// | item | date | shares with goc |
/// |---|---|---|
/// | moi | 2025-08-20 | Dân vận khéo |
/// | khac | 2025-08-15 | nothing (another topic, no locality) |
/// | goc (+ en) | 2025-08-10 | |
/// | hai-chu-de | 2025-07-01 | both topics |
/// | ca-ba | 2025-06-01 | dân vận khéo and the locality |
/// | cu | 2025-05-01 | Chuyển đổi số |
/// | models/mh | 2024 (year) | Dân vận khéo |
/// | dia-ban | 2023-12-01 | the locality only (sixth: past the limit of 5) |
/// | en: chi-tieng-anh (English only) | 2025-08-11 | both topics |
fn related_site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file("data/localities.yaml", MERGED)
        .file("content/articles/moi.md", article_with("Mới nhất", "2025-08-20", "topics: [Dân vận khéo]"))
        .file("content/articles/khac.md", article_with("Chuyện khác", "2025-08-15", "topics: [Nông thôn mới]"))
        .file(
            "content/articles/goc.md",
            article_with("Bài gốc", "2025-08-10", "topics: [Dân vận khéo, Chuyển đổi số]\nlocality: ninh-binh/hoa-lu"),
        )
        .file(
            "content/articles/goc.en.md",
            article_with("Main story", "2025-08-10", "topics: [Dân vận khéo, Chuyển đổi số]\nlocality: ninh-binh/hoa-lu"),
        )
        .file("content/articles/hai-chu-de.md", article_with("Hai chủ đề", "2025-07-01", "topics: [Chuyển đổi số, Dân vận khéo]"))
        .file("content/articles/ca-ba.md", article_with("Chủ đề và địa bàn", "2025-06-01", "topics: [dân vận khéo]\nlocality: ninh-binh/hoa-lu"))
        .file("content/articles/cu.md", article_with("Bài cũ", "2025-05-01", "topics: [Chuyển đổi số]"))
        .file("content/articles/dia-ban.md", article_with("Cùng địa bàn", "2023-12-01", "locality: ninh-binh/hoa-lu"))
        .file(
            "content/models/mh.md",
            md(
                "title: Mô hình liên quan\nunit: U\nunit_type: collective\narea: economy\nstatus: registered\nyear: 2024\nlocality: lam-dong\ntopics: [Dân vận khéo]",
                "x\n",
            ),
        )
        .file(
            "content/articles/chi-tieng-anh.en.md",
            article_with("English only", "2025-08-11", "topics: [Dân vận khéo, Chuyển đổi số]"),
        )
}

/// `(href, title)` of the related items of an item page.
fn related(doc: &Html) -> Vec<(String, String)> {
    select(doc, "section.related li > a")
        .into_iter()
        .map(|a| (attr(a, "href").unwrap_or_default().to_string(), text(a)))
        .collect()
}

#[test]
fn related_items_share_topics_or_locality_in_the_same_language_most_shared_first() {
    let site = related_site();
    site.build();
    let doc = site.html("articles/goc/index.html");
    assert_eq!(
        related(&doc),
        [
            pair("/sub/articles/hai-chu-de/", "Hai chủ đề"),
            pair("/sub/articles/ca-ba/", "Chủ đề và địa bàn"),
            pair("/sub/articles/moi/", "Mới nhất"),
            pair("/sub/articles/cu/", "Bài cũ"),
            pair("/sub/models/mh/", "Mô hình liên quan"),
        ],
        "two shared first, then one shared, newest first; at most 5; never the item itself, \
         an unrelated item or another language's"
    );
    // Each entry names its kind, and its date when it has one.
    let metas: Vec<(String, Option<String>)> = select(&doc, "section.related li")
        .into_iter()
        .map(|li| {
            (
                text(one_in(li, ".meta > span:first-child")),
                select_in(li, "time")
                    .first()
                    .and_then(|t| attr(*t, "datetime"))
                    .map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        metas[0],
        ("Tin bài".to_string(), Some("2025-07-01".to_string()))
    );
    assert_eq!(metas[4].0, "Mô hình Dân vận khéo");

    // The English version: English items only.
    assert_eq!(
        related(&site.html("en/articles/goc/index.html")),
        [pair("/sub/en/articles/chi-tieng-anh/", "English only")]
    );
    // An item sharing nothing has no related section.
    let khac = site.html("articles/khac/index.html");
    assert!(
        select(&khac, "section.related").is_empty(),
        "{}",
        khac.html()
    );
}

/// `(rel=prev href, rel=next href)` of an item page's older/newer navigation.
fn prev_next(doc: &Html) -> (Vec<String>, Vec<String>) {
    (
        hrefs(doc, "nav.item-nav a[rel=prev]"),
        hrefs(doc, "nav.item-nav a[rel=next]"),
    )
}

#[test]
fn previous_and_next_are_the_older_and_newer_items_of_the_same_kind_and_language() {
    let site = related_site();
    site.build();
    let v = |paths: &[&str]| {
        paths
            .iter()
            .map(|p| format!("/sub/{p}"))
            .collect::<Vec<_>>()
    };
    let cases: [(&str, &[&str], &[&str]); 6] = [
        ("articles/moi/", &["articles/khac/"], &[]),
        (
            "articles/goc/",
            &["articles/hai-chu-de/"],
            &["articles/khac/"],
        ),
        ("articles/cu/", &["articles/dia-ban/"], &["articles/ca-ba/"]),
        ("articles/dia-ban/", &[], &["articles/cu/"]),
        ("en/articles/goc/", &[], &["en/articles/chi-tieng-anh/"]),
        ("en/articles/chi-tieng-anh/", &["en/articles/goc/"], &[]),
    ];
    for (page, prev, next) in cases {
        let doc = site.html(&format!("{page}index.html"));
        assert_eq!(prev_next(&doc), (v(prev), v(next)), "{page}");
    }
    let goc = site.html("articles/goc/index.html");
    assert_eq!(
        text(one(&goc, "nav.item-nav a[rel=prev]")),
        "← Cũ hơn Hai chủ đề"
    );
    assert_eq!(
        text(one(&goc, "nav.item-nav a[rel=next]")),
        "Mới hơn → Chuyện khác"
    );
    // The only model has no neighbour of its kind.
    assert!(select(&site.html("models/mh/index.html"), "nav.item-nav").is_empty());
}

#[test]
fn with_fallback_default_related_and_neighbours_skip_items_shown_in_another_language() {
    // English listings and topics now also show the Vietnamese-only items, marked untranslated.
    let site = related_site().file("site.yaml", format!("{SITE_YAML_VI_EN}fallback: default\n"));
    site.build();
    let topic = site.html("en/topics/dan-van-kheo/index.html");
    assert!(
        card_links(&topic).contains(&"/sub/articles/hai-chu-de/".to_string()),
        "the fixture lists untranslated items: {:?}",
        card_links(&topic)
    );
    let goc = site.html("en/articles/goc/index.html");
    assert_eq!(
        related(&goc),
        [pair("/sub/en/articles/chi-tieng-anh/", "English only")]
    );
    assert_eq!(
        prev_next(&goc),
        (vec![], vec!["/sub/en/articles/chi-tieng-anh/".to_string()])
    );
}

// ---------------------------------------------------------------- 6. aliases

#[test]
fn aliases_get_redirect_pages_to_their_item() {
    let site = Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file("data/localities.yaml", MERGED)
        .file(
            "content/articles/moi.md",
            article_with("Bài mới", "2025-08-01", "aliases: [/tin-cu/bai-cu/, /sub/cu.html]"),
        )
        .file(
            "content/articles/moi.en.md",
            article_with("New story", "2025-08-01", "aliases: [/en/old-news/]"),
        )
        .file(
            "content/models/mh.md",
            md(
                "title: Mô hình\nunit: U\nunit_type: collective\narea: economy\nstatus: registered\nyear: 2024\nlocality: ninh-binh\naliases: [/mo-hinh-cu/]",
                "x\n",
            ),
        );
    site.build();
    let cases = [
        ("tin-cu/bai-cu/index.html", "articles/moi/", "vi", "Bài mới"),
        ("cu.html", "articles/moi/", "vi", "Bài mới"),
        (
            "en/old-news/index.html",
            "en/articles/moi/",
            "en",
            "New story",
        ),
        ("mo-hinh-cu/index.html", "models/mh/", "vi", "Mô hình"),
    ];
    for (file, to, lang, title) in cases {
        let doc = site.html(file);
        let (url, canonical) = redirect_of(&doc);
        assert_eq!(url, format!("/sub/{to}"), "{file}");
        assert_eq!(canonical, format!("{BASE_URL}{to}"), "{file}");
        assert!(site.exists(&format!("{to}index.html")), "{file} → {to}");
        assert_eq!(html_lang(&doc).as_deref(), Some(lang), "{file}");
        // A link for readers whose browser does not follow the refresh.
        assert_eq!(links_in(one(&doc, "body")), [pair(&url, title)], "{file}");
    }
    // Old URLs are not listed in the sitemap.
    let sitemap = site.read("sitemap.xml");
    let xml = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    let locs: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://example.org/sub/articles/moi/"),
        "{locs:?}"
    );
    for old in ["tin-cu", "cu.html", "old-news", "mo-hinh-cu"] {
        assert!(!locs.iter().any(|l| l.contains(old)), "{old} in {locs:?}");
    }
}

// ---------------------------------------------------------------- 7. registry errors

#[test]
fn an_unknown_locality_is_an_error_with_a_suggestion() {
    let site = Site::with_config()
        .file("data/localities.yaml", MERGED)
        .file(
            "content/articles/a.md",
            article_with("A", "2025-08-01", "locality: ninh-binh/ngoc-sonn"),
        )
        .file(
            "content/articles/b.md",
            article_with("B", "2025-08-01", "locality: hoa-lu"),
        )
        .file(
            "content/articles/c.md",
            article_with("C", "2025-08-01", "locality: ha-nma"),
        )
        .file(
            "content/models/m.md",
            model(
                "M",
                "collective",
                "economy",
                "registered",
                2024,
                "lam-dongg",
            ),
        );
    let ds = site.errors();
    for (file, line, suggestion) in [
        ("content/articles/a.md", 4, "ninh-binh/ngoc-son"),
        ("content/articles/b.md", 4, "ninh-binh/hoa-lu"),
        ("content/articles/c.md", 4, "ha-nam"),
        ("content/models/m.md", 8, "lam-dong"),
    ] {
        let d = diag_for(&ds, file, Some("locality"));
        assert_eq!((d.line, d.column), (line, 11), "{d}");
        assert!(
            d.message.contains(&format!("did you mean `{suggestion}`?")),
            "{d}"
        );
    }
    // The binary reports them and fails.
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l.contains("content/articles/a.md:4:11: `locality`: ")
                && l.contains("did you mean `ninh-binh/ngoc-son`")),
        "{}",
        stderr(&o)
    );
}

/// The diagnostics about data/localities.yaml, for a registry and an article that uses none.
fn registry_errors(registry: &str) -> Vec<bantin::diagnostic::Diagnostic> {
    let site = Site::with_config()
        .file("data/localities.yaml", registry)
        .file("content/articles/a.md", article("A", "2025-08-01", "x\n"));
    site.errors()
        .into_iter()
        .filter(|d| d.path == std::path::Path::new("data/localities.yaml"))
        .collect()
}

/// Asserts one "declared twice" error for `id`, at `second`, naming `first`.
#[track_caller]
fn assert_duplicate(ds: &[bantin::diagnostic::Diagnostic], id: &str, first: usize, second: usize) {
    let found: Vec<_> = ds
        .iter()
        .filter(|d| d.message.contains(&format!("`{id}` is declared twice")))
        .collect();
    assert_eq!(found.len(), 1, "{}", show(ds));
    let d = found[0];
    assert_eq!(
        d.line, second,
        "the error is at the second declaration: {d}"
    );
    assert!(
        d.message.contains(&format!("line {first} ")),
        "the message names the first: {d}"
    );
}

#[test]
fn a_duplicate_province_or_commune_id_names_both_lines() {
    let provinces = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình }
- id: lam-dong
  level: province
  name: { vi: Lâm Đồng }
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình (lần hai) }
";
    assert_duplicate(&registry_errors(provinces), "ninh-binh", 1, 7);

    let communes = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình }
  children:
    - id: hoa-lu
      level: ward
      name: { vi: Phường Hoa Lư }
    - id: ngoc-son
      level: ward
      name: { vi: Phường Ngọc Sơn }
    - id: hoa-lu
      level: commune
      name: { vi: Xã Hoa Lư }
";
    assert_duplicate(&registry_errors(communes), "ninh-binh/hoa-lu", 5, 11);

    // The same commune id in two provinces is two units, not a duplicate.
    let two_provinces = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình }
  children:
    - id: hoa-lu
      level: ward
      name: { vi: Phường Hoa Lư }
- id: lam-dong
  level: province
  name: { vi: Lâm Đồng }
  children:
    - id: hoa-lu
      level: commune
      name: { vi: Xã Hoa Lư }
";
    let site = Site::with_config()
        .file("data/localities.yaml", two_provinces)
        .file(
            "content/articles/a.md",
            article_with("A", "2025-08-01", "locality: lam-dong/hoa-lu"),
        );
    site.build();
    assert_eq!(
        card_links(&site.html("localities/lam-dong/hoa-lu/index.html")),
        ["/sub/articles/a/"]
    );
}

#[test]
fn a_former_unit_listed_under_two_successors_names_both_lines() {
    let registry = "\
- id: ninh-binh
  level: province
  name: { vi: Ninh Bình }
  formerly: [ha-nam, nam-dinh]
- id: lam-dong
  level: province
  name: { vi: Lâm Đồng }
  formerly: [ha-nam]
";
    assert_duplicate(&registry_errors(registry), "ha-nam", 4, 8);
}
