//! A valid site builds into the pages, listings, feeds and files the contract promises.

mod common;

use common::*;
use scraper::Html;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

/// A site with every kind, two languages, a locality registry, a bundle with an image,
/// a static file, and 5 Vietnamese articles with `paginate: 2` (3 listing pages).
fn full_site() -> Site {
    full_site_in(Site::new())
}

fn full_site_in(site: Site) -> Site {
    site
        .file("site.yaml", format!("{SITE_YAML_VI_EN}paginate: 2\n"))
        .file("data/localities.yaml", LOCALITIES)
        .file("static/tai-lieu/huong-dan.txt", "Hướng dẫn sử dụng\n")
        .file(
            "content/articles/mot.md",
            md("title: Bài một\ndate: 2025-08-01\ntopics: [dân vận khéo]", "Đoạn mở đầu bài một.\n\nĐoạn hai của bài một.\n"),
        )
        .file("content/articles/mot.en.md", md("title: Article one\ndate: 2025-08-01", "First paragraph of article one.\n"))
        .file("content/articles/hai.md", article("Bài hai", "2025-08-02", "Nội dung bài hai.\n"))
        .file(
            "content/articles/ba.md",
            article(
                "Bài ba",
                "2025-08-03",
                "Xem [mô hình](../models/hop-tac-xa.md) và [kết quả](../models/hop-tac-xa.md#ket-qua).\n\nĐọc [giới thiệu](/gioi-thieu/) hoặc [nguồn ngoài](https://example.com/x).\n",
            ),
        )
        .file("content/articles/bon.md", article("Bài bốn", "2025-08-04", "Nội dung bài bốn.\n"))
        .file(
            "content/articles/nam/index.md",
            md(
                "title: Bài năm\ndate: 2025-08-05\nimage: anh.png\nimage_alt: Ảnh minh họa",
                "Bài có ảnh.\n\n![Người dân họp thôn](anh.png)\n",
            ),
        )
        .file("content/articles/nam/anh.png", png(2, 3))
        .file(
            "content/models/hop-tac-xa.md",
            md(
                "title: Hợp tác xã cà phê\nunit: Hợp tác xã Di Linh\nunit_type: collective\narea: economy\nstatus: recognized\nyear: 2024\nrecognized_in: 2025\nlocality: ninh-binh/hoa-lu",
                "## Cách làm\n\nBàn bạc với dân.\n\n## Kết quả\n\nThu nhập tăng.\n",
            ),
        )
        .file(
            "content/models/hop-tac-xa.en.md",
            md(
                "title: Coffee cooperative\nunit: Di Linh cooperative\nunit_type: collective\narea: economy\nstatus: recognized\nyear: 2024\nlocality: ninh-binh/hoa-lu",
                "Income rose.\n",
            ),
        )
        .file(
            "content/explainers/luat.md",
            md(
                "title: Hỏi đáp Luật Tổ chức chính quyền địa phương\npolicy: Luật số 72/2025/QH15\naudience: Cán bộ cơ sở",
                "Giới thiệu ngắn.\n\n## Ai được hỏi ý kiến?\n\nTrả lời một.\n\n## Khi nào áp dụng?\n\nTrả lời hai.\n",
            ),
        )
        .file(
            "content/bulletins/so-1.md",
            md("title: Bản tin số 1\ndate: 2025-08-30\nnumber: 1\nitems:\n  - articles/ba\n  - models/hop-tac-xa\n  - articles/mot", "Lời giới thiệu.\n"),
        )
        .file(
            "content/bulletins/so-1.en.md",
            md("title: Bulletin no. 1\ndate: 2025-08-30\nnumber: 1\nitems:\n  - articles/ba\n  - models/hop-tac-xa\n  - articles/mot", "Foreword.\n"),
        )
        .file("content/pages/gioi-thieu.md", md("title: Giới thiệu", "Về bản tin.\n"))
}

/// The full site, built once and shared by the tests that only read its output. It lives
/// under Cargo's per-target temporary folder (a static is never dropped, so a TempDir would
/// leak in /tmp).
fn built() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = full_site_in(Site::at(
            &Path::new(env!("CARGO_TARGET_TMPDIR")).join("bantin-build-tests-full-site"),
        ));
        site.build();
        site
    })
}

fn card_links(doc: &Html) -> Vec<String> {
    hrefs(doc, ".card-title a")
}

#[test]
fn home_page_shows_the_site_title_and_latest_items_of_each_kind() {
    let site = built();
    let home = site.html("index.html");
    assert_eq!(text(one(&home, "main h1")), "Bản tin Thử nghiệm");
    let articles = hrefs(&home, "section.latest-articles .card-title a");
    assert_eq!(
        articles,
        [
            "/sub/articles/nam/",
            "/sub/articles/bon/",
            "/sub/articles/ba/",
            "/sub/articles/hai/",
            "/sub/articles/mot/"
        ]
    );
    assert_eq!(
        hrefs(&home, "section.latest-models .card-title a"),
        ["/sub/models/hop-tac-xa/"]
    );
    assert_eq!(
        hrefs(&home, "section.latest-explainers .card-title a"),
        ["/sub/explainers/luat/"]
    );
    assert_eq!(
        hrefs(&home, "section.latest-bulletins .card-title a"),
        ["/sub/bulletins/so-1/"]
    );
    let en = site.html("en/index.html");
    assert_eq!(text(one(&en, "main h1")), "Test Bulletin");
    assert_eq!(
        hrefs(&en, "section.latest-articles .card-title a"),
        ["/sub/en/articles/mot/"]
    );
}

#[test]
fn listing_is_paginated_with_rel_next_and_prev_links() {
    let site = built();
    let next = "a[rel~=next], link[rel~=next]";
    let prev = "a[rel~=prev], link[rel~=prev]";

    let p1 = site.html("articles/index.html");
    assert_eq!(
        card_links(&p1),
        ["/sub/articles/nam/", "/sub/articles/bon/"]
    );
    assert!(select(&p1, prev).is_empty(), "first page has no prev link");
    assert!(
        hrefs(&p1, next)
            .iter()
            .all(|h| h == "/sub/articles/page/2/")
            && !hrefs(&p1, next).is_empty()
    );

    let p2 = site.html("articles/page/2/index.html");
    assert_eq!(card_links(&p2), ["/sub/articles/ba/", "/sub/articles/hai/"]);
    assert!(hrefs(&p2, prev).iter().all(|h| h == "/sub/articles/") && !hrefs(&p2, prev).is_empty());
    assert!(
        hrefs(&p2, next)
            .iter()
            .all(|h| h == "/sub/articles/page/3/")
            && !hrefs(&p2, next).is_empty()
    );

    let p3 = site.html("articles/page/3/index.html");
    assert_eq!(card_links(&p3), ["/sub/articles/mot/"]);
    assert!(select(&p3, next).is_empty(), "last page has no next link");
    assert!(
        hrefs(&p3, prev)
            .iter()
            .all(|h| h == "/sub/articles/page/2/")
            && !hrefs(&p3, prev).is_empty()
    );
    assert!(!site.exists("articles/page/4/index.html"));

    // A listing that fits on one page has no pagination at all.
    let models = site.html("models/index.html");
    assert_eq!(card_links(&models), ["/sub/models/hop-tac-xa/"]);
    assert!(select(&models, next).is_empty() && select(&models, prev).is_empty());
    for listing in [
        "explainers/index.html",
        "bulletins/index.html",
        "en/articles/index.html",
    ] {
        assert!(site.exists(listing), "{listing}");
    }
}

#[test]
fn every_kind_gets_a_page_at_its_url() {
    let site = built();
    for (file, title) in [
        ("articles/mot/index.html", "Bài một"),
        ("articles/nam/index.html", "Bài năm"),
        ("en/articles/mot/index.html", "Article one"),
        ("models/hop-tac-xa/index.html", "Hợp tác xã cà phê"),
        (
            "explainers/luat/index.html",
            "Hỏi đáp Luật Tổ chức chính quyền địa phương",
        ),
        ("bulletins/so-1/index.html", "Bản tin số 1"),
        ("gioi-thieu/index.html", "Giới thiệu"),
    ] {
        let doc = site.html(file);
        assert_eq!(text(one(&doc, "main h1")), title, "{file}");
        let canonical = attr(one(&doc, "link[rel=canonical]"), "href")
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            canonical,
            format!(
                "https://example.org/sub/{}",
                file.trim_end_matches("index.html")
            ),
            "{file}"
        );
    }
    assert!(
        !site.exists("pages/gioi-thieu/index.html"),
        "pages live at /<slug>/, not /pages/<slug>/"
    );
}

#[test]
fn not_found_page_is_written_at_the_output_root() {
    let site = built();
    let doc = site.html("404.html");
    assert!(!text(one(&doc, "main h1")).is_empty());
    assert!(
        hrefs(&doc, "main a").contains(&"/sub/".to_string()),
        "the 404 page links home under the sub-path"
    );
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls_under_base_url() {
    let site = built();
    let doc = Html::parse_document(&site.read("sitemap.xml"));
    let locs: Vec<String> = select(&doc, "url > loc").into_iter().map(text).collect();
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(loc.starts_with("https://example.org/sub/"), "{loc}");
    }
    let locs: BTreeSet<&str> = locs.iter().map(String::as_str).collect();
    for expected in [
        "https://example.org/sub/",
        "https://example.org/sub/en/",
        "https://example.org/sub/articles/",
        "https://example.org/sub/articles/page/2/",
        "https://example.org/sub/articles/mot/",
        "https://example.org/sub/en/articles/mot/",
        "https://example.org/sub/models/hop-tac-xa/",
        "https://example.org/sub/explainers/luat/",
        "https://example.org/sub/bulletins/so-1/",
        "https://example.org/sub/gioi-thieu/",
    ] {
        assert!(
            locs.contains(expected),
            "sitemap lacks {expected}: {locs:#?}"
        );
    }
    assert!(
        !locs.iter().any(|l| l.contains("404")),
        "the 404 page is not in the sitemap"
    );
}

#[test]
fn atom_feed_has_entries_with_absolute_links_to_existing_pages() {
    let site = built();
    let doc = Html::parse_document(&site.read("atom.xml"));
    let entries = select(&doc, "entry");
    // The 5 articles and the bulletin are dated; the model and explainer are not.
    assert_eq!(entries.len(), 6, "{}", site.read("atom.xml"));
    for entry in entries {
        let links = select_in(entry, "link");
        assert_eq!(links.len(), 1, "{}", entry.html());
        let href = attr(links[0], "href").unwrap_or_default();
        let path = href
            .strip_prefix("https://example.org/sub/")
            .unwrap_or_else(|| panic!("not absolute under base_url: {href}"));
        assert!(
            site.exists(&format!("{path}index.html")),
            "feed links to a missing page: {href}"
        );
        assert!(!text(select_in(entry, "title")[0]).is_empty());
    }
    let en = Html::parse_document(&site.read("en/atom.xml"));
    let en_links: Vec<String> = select(&en, "entry link")
        .into_iter()
        .filter_map(|l| attr(l, "href").map(str::to_string))
        .collect();
    assert_eq!(
        en_links,
        [
            "https://example.org/sub/en/bulletins/so-1/",
            "https://example.org/sub/en/articles/mot/"
        ]
    );
}

#[test]
fn static_files_are_copied_and_the_theme_stylesheet_is_published_under_a_fingerprinted_name() {
    let site = built();
    assert_eq!(
        std::fs::read(site.out().join("tai-lieu/huong-dan.txt")).unwrap(),
        "Hướng dẫn sử dụng\n".as_bytes()
    );
    let home = site.html("index.html");
    let href = attr(one(&home, "link[rel=stylesheet]"), "href").unwrap();
    let file = href.strip_prefix("/sub/").unwrap();
    assert!(
        file.starts_with("style.")
            && file.ends_with(".css")
            && file.len() == "style.12345678.css".len(),
        "{href}"
    );
    assert!(!site.read(file).trim().is_empty());
    assert!(
        !site.exists("style.css"),
        "only the fingerprinted name is published"
    );
}

#[test]
fn site_static_file_overrides_the_theme_file_of_the_same_name() {
    let site = Site::with_config()
        .file("static/style.css", "body { color: red }\n")
        .file("content/pages/a.md", md("title: A", "x\n"));
    site.build();
    let doc = site.html("a/index.html");
    let href = attr(one(&doc, "link[rel=stylesheet]"), "href").unwrap();
    assert_eq!(
        site.read(href.strip_prefix("/sub/").unwrap()),
        "body { color: red }\n"
    );
}

/// Whether a URL in a page points inside the site (not another host, not a fragment).
fn is_internal(url: &str) -> bool {
    !(url.starts_with('#')
        || url.starts_with("//")
        || url.contains("://")
        || url.starts_with("mailto:")
        || url.starts_with("tel:")
        || url.starts_with("data:"))
}

#[test]
fn every_internal_url_in_every_page_starts_with_the_base_sub_path_and_exists() {
    let site = built();
    let out = site.out();
    let pages: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 15, "{pages:?}");
    let mut checked = 0;
    for page in &pages {
        let doc = site.html(page);
        for (css, name) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for el in select(&doc, css) {
                let url = attr(el, name).unwrap_or_default();
                if !is_internal(url) {
                    continue;
                }
                // Relative URLs (the search page's script, so that it loads from disk too)
                // are resolved against the page's folder; they must stay inside the site.
                let url = if url.starts_with('/') {
                    url.to_string()
                } else {
                    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
                    for seg in url.split('/') {
                        match seg {
                            ".." => assert!(
                                parts.pop().is_some(),
                                "{page}: {url} climbs out of the site"
                            ),
                            "." => {}
                            s => parts.push(s),
                        }
                    }
                    format!("/sub/{}", parts.join("/"))
                };
                assert!(
                    url.starts_with("/sub/"),
                    "{page}: `{css}` {url} lacks the /sub/ prefix"
                );
                let path = url
                    .trim_start_matches("/sub/")
                    .split(['#', '?'])
                    .next()
                    .unwrap_or_default();
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                assert!(
                    out.join(&file).is_file(),
                    "{page}: {url} points to a missing file {file}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} URLs checked");
}

#[test]
fn html_lang_is_the_language_of_each_page() {
    let site = built();
    for (file, lang) in [
        ("index.html", "vi"),
        ("articles/mot/index.html", "vi"),
        ("en/index.html", "en"),
        ("en/articles/mot/index.html", "en"),
        ("en/models/hop-tac-xa/index.html", "en"),
        ("en/articles/index.html", "en"),
    ] {
        let doc = site.html(file);
        assert_eq!(attr(one(&doc, "html"), "lang"), Some(lang), "{file}");
    }
}

#[test]
fn translations_link_to_each_other() {
    let site = built();
    let vi = site.html("articles/mot/index.html");
    assert!(
        hrefs(&vi, "link[rel=alternate][hreflang=en]")
            .iter()
            .any(|h| h.ends_with("/sub/en/articles/mot/")),
        "{}",
        vi.html()
    );
    let en = site.html("en/articles/mot/index.html");
    assert!(
        hrefs(&en, "link[rel=alternate][hreflang=vi]")
            .iter()
            .any(|h| h.ends_with("/sub/articles/mot/"))
    );
    // An item without a translation offers none.
    let lone = site.html("articles/hai/index.html");
    assert!(select(&lone, "link[rel=alternate][hreflang]").is_empty());
}

#[test]
fn model_facts_show_localized_unit_type_area_status_and_locality() {
    let site = built();
    let vi = site.html("models/hop-tac-xa/index.html");
    let facts: Vec<String> = select(&vi, "dl.facts dd").into_iter().map(text).collect();
    for expected in [
        "Hợp tác xã Di Linh",
        "Tập thể",
        "Kinh tế",
        "Được công nhận",
        "2024",
        "2025",
        "Phường Hoa Lư",
    ] {
        assert!(
            facts.iter().any(|f| f == expected),
            "`{expected}` not among the facts {facts:?}"
        );
    }
    assert!(
        !facts.iter().any(|f| f == "economy" || f == "recognized"),
        "raw enum values shown: {facts:?}"
    );
    let en = site.html("en/models/hop-tac-xa/index.html");
    let facts: Vec<String> = select(&en, "dl.facts dd").into_iter().map(text).collect();
    for expected in ["Economy", "Recognized", "Collective"] {
        assert!(
            facts.iter().any(|f| f == expected),
            "`{expected}` not among the English facts {facts:?}"
        );
    }
}

#[test]
fn explainer_lists_its_questions_as_links_to_the_heading_ids() {
    let site = built();
    let doc = site.html("explainers/luat/index.html");
    let questions: Vec<(String, String)> = select(&doc, "nav.questions a")
        .into_iter()
        .map(|a| (attr(a, "href").unwrap_or_default().to_string(), text(a)))
        .collect();
    assert_eq!(
        questions,
        [
            (
                "#ai-duoc-hoi-y-kien".to_string(),
                "Ai được hỏi ý kiến?".to_string()
            ),
            (
                "#khi-nao-ap-dung".to_string(),
                "Khi nào áp dụng?".to_string()
            )
        ]
    );
    for (href, title) in &questions {
        let heading = one(&doc, &format!("h2{href}"));
        assert_eq!(&text(heading), title);
    }
    let facts: Vec<String> = select(&doc, "dl.facts dd").into_iter().map(text).collect();
    assert_eq!(facts, ["Luật số 72/2025/QH15", "Cán bộ cơ sở"]);
}

#[test]
fn bulletin_lists_its_items_in_order_with_links() {
    let site = built();
    let doc = site.html("bulletins/so-1/index.html");
    let links: Vec<(String, String)> = select(&doc, ".bulletin-items .card-title a")
        .into_iter()
        .map(|a| (attr(a, "href").unwrap_or_default().to_string(), text(a)))
        .collect();
    assert_eq!(
        links,
        [
            ("/sub/articles/ba/".to_string(), "Bài ba".to_string()),
            (
                "/sub/models/hop-tac-xa/".to_string(),
                "Hợp tác xã cà phê".to_string()
            ),
            ("/sub/articles/mot/".to_string(), "Bài một".to_string()),
        ]
    );
}

#[test]
fn translated_bulletin_picks_each_items_translation_and_keeps_untranslated_ones_as_originals() {
    // The fixture keeps the default `fallback: none`: `articles/ba` has no English version,
    // and the English edition still lists it, in Vietnamese.
    let site = built();
    let doc = site.html("en/bulletins/so-1/index.html");
    assert_eq!(
        hrefs(&doc, ".bulletin-items .card-title a"),
        [
            "/sub/articles/ba/",
            "/sub/en/models/hop-tac-xa/",
            "/sub/en/articles/mot/"
        ]
    );
}

#[test]
fn link_to_a_markdown_source_becomes_the_target_url() {
    let site = built();
    let doc = site.html("articles/ba/index.html");
    let links: Vec<(String, String)> = select(&doc, ".content a")
        .into_iter()
        .map(|a| (text(a), attr(a, "href").unwrap_or_default().to_string()))
        .collect();
    let href_of = |label: &str| {
        links
            .iter()
            .find(|(t, _)| t == label)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| panic!("no link `{label}` in {links:?}"))
    };
    assert_eq!(href_of("mô hình"), "/sub/models/hop-tac-xa/");
    assert_eq!(href_of("kết quả"), "/sub/models/hop-tac-xa/#ket-qua");
    assert_eq!(href_of("giới thiệu"), "/sub/gioi-thieu/");
    assert_eq!(href_of("nguồn ngoài"), "https://example.com/x");
}

#[test]
fn bundle_image_is_resized_with_its_size_and_lazy_loading_and_its_original_published_beside_the_page()
 {
    let site = built();
    let doc = site.html("articles/nam/index.html");
    let img = one(&doc, ".content img");
    // Narrower than every width: one version, at its own size, under img/ with a hashed name.
    let src = attr(img, "src").unwrap();
    assert!(
        src.starts_with("/sub/img/anh.") && src.ends_with(".2.png"),
        "{src}"
    );
    assert!(site.exists(src.strip_prefix("/sub/").unwrap()));
    assert_eq!(attr(img, "alt"), Some("Người dân họp thôn"));
    assert_eq!(
        (attr(img, "width"), attr(img, "height")),
        (Some("2"), Some("3"))
    );
    assert_eq!(attr(img, "loading"), Some("lazy"));
    assert_eq!(attr(img, "decoding"), Some("async"));
    assert_eq!(
        std::fs::read(site.out().join("articles/nam/anh.png")).unwrap(),
        png(2, 3)
    );
    // The front-matter image is the lead image, with its size and alt text; it is not lazy.
    let lead = one(&doc, "figure.lead-image img");
    assert_eq!(attr(lead, "src"), Some(src));
    assert_eq!(attr(lead, "alt"), Some("Ảnh minh họa"));
    assert_eq!(
        (attr(lead, "width"), attr(lead, "height")),
        (Some("2"), Some("3"))
    );
    assert_eq!(attr(lead, "loading"), None);
}

#[test]
fn rooted_image_from_static_gets_the_sub_path_and_its_size() {
    let site = Site::with_config()
        .file("static/anh/logo.png", png(4, 1))
        .file(
            "content/pages/a.md",
            md("title: A", "![Logo](/anh/logo.png)\n"),
        );
    site.build();
    let doc = site.html("a/index.html");
    let img = one(&doc, ".content img");
    let src = attr(img, "src").unwrap();
    assert!(
        src.starts_with("/sub/img/logo.") && src.ends_with(".4.png"),
        "{src}"
    );
    assert_eq!(
        (attr(img, "width"), attr(img, "height")),
        (Some("4"), Some("1"))
    );
    assert!(site.exists("anh/logo.png"));
}

#[test]
fn repeated_headings_get_unique_vietnamese_slug_ids() {
    let site = Site::with_config().file(
        "content/pages/a.md",
        md("title: A", "## Kết quả\n\nMột.\n\n## Kết quả\n\nHai.\n\n## Đổi mới công tác dân vận\n\n### Kết quả\n"),
    );
    site.build();
    let doc = site.html("a/index.html");
    let ids: Vec<&str> = select(&doc, ".content h2, .content h3")
        .into_iter()
        .filter_map(|h| attr(h, "id"))
        .collect();
    assert_eq!(
        ids,
        [
            "ket-qua",
            "ket-qua-1",
            "doi-moi-cong-tac-dan-van",
            "ket-qua-2"
        ]
    );
    let all: Vec<&str> = select(&doc, "[id]")
        .into_iter()
        .filter_map(|e| attr(e, "id"))
        .collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(
        all.len(),
        unique.len(),
        "duplicate ids in the page: {all:?}"
    );
}

#[test]
fn table_of_contents_links_every_heading_with_nesting() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        article("A", "2025-01-01", "## Bối cảnh\n\nx\n\n## Cách làm\n\n### Bước một\n\ny\n\n### Bước hai\n\nz\n\n## Kết quả\n\nw\n"),
    );
    site.build();
    let doc = site.html("articles/a/index.html");
    let toc = one(&doc, "nav.toc");
    let top: Vec<String> = select_in(toc, ":scope > ol > li > a")
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect();
    assert_eq!(top, ["#boi-canh", "#cach-lam", "#ket-qua"]);
    let nested: Vec<String> = select_in(toc, "ol ol a")
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect();
    assert_eq!(nested, ["#buoc-mot", "#buoc-hai"]);
    for href in top.iter().chain(&nested) {
        assert_eq!(
            select(&doc, &format!(".content {href}")).len(),
            1,
            "no heading for {href}"
        );
    }
}

#[test]
fn summary_is_the_text_before_the_more_marker_on_the_listing() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        article(
            "A",
            "2025-01-01",
            "Phần tóm tắt một.\n\nPhần tóm tắt hai.\n\n<!-- more -->\n\nPhần thân bài.\n",
        ),
    );
    site.build();
    let list = site.html("articles/index.html");
    let summary = one(&list, ".card-summary");
    let paragraphs: Vec<String> = select_in(summary, "p").into_iter().map(text).collect();
    assert_eq!(paragraphs, ["Phần tóm tắt một.", "Phần tóm tắt hai."]);
    let page = site.html("articles/a/index.html");
    let body: Vec<String> = select(&page, ".content p").into_iter().map(text).collect();
    assert_eq!(
        body,
        ["Phần tóm tắt một.", "Phần tóm tắt hai.", "Phần thân bài."]
    );
}

#[test]
fn summary_is_the_first_paragraph_without_a_more_marker() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        article(
            "A",
            "2025-01-01",
            "## Mở đầu\n\nĐoạn đầu tiên.\n\nĐoạn thứ hai.\n",
        ),
    );
    site.build();
    let list = site.html("articles/index.html");
    assert_eq!(text(one(&list, ".card-summary")), "Đoạn đầu tiên.");
    let page = site.html("articles/a/index.html");
    assert_eq!(
        attr(one(&page, "meta[name=description]"), "content"),
        Some("Đoạn đầu tiên.")
    );
}

#[test]
fn summary_key_in_front_matter_wins_over_the_body() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        md(
            "title: A\ndate: 2025-01-01\nsummary: Tóm tắt do biên tập viên viết.",
            "Đoạn đầu tiên.\n",
        ),
    );
    site.build();
    let list = site.html("articles/index.html");
    assert_eq!(
        text(one(&list, ".card-summary")),
        "Tóm tắt do biên tập viên viết."
    );
}

#[test]
fn fenced_code_gets_highlight_classes_and_no_inline_style() {
    let site = Site::with_config().file(
        "content/pages/a.md",
        md("title: A", "```rust\nfn main() { let x = 1; }\n```\n"),
    );
    site.build();
    let doc = site.html("a/index.html");
    let pre = one(&doc, ".content pre");
    let classed: Vec<String> = select_in(pre, "[class]")
        .into_iter()
        .flat_map(|e| e.value().classes().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(
        classed.iter().any(|c| c.starts_with("hl-")),
        "no hl- classes: {}",
        pre.html()
    );
    assert!(
        select_in(pre, "[style]").is_empty() && attr(pre, "style").is_none(),
        "inline style in {}",
        pre.html()
    );
    assert_eq!(text(pre), "fn main() { let x = 1; }");
}

const HOSTILE_BODY: &str = "Trước.\n\n<script>alert(1)</script>\n\n<p onclick=\"steal()\">Bấm</p>\n\n<a href=\"javascript:alert(2)\">Liên kết</a>\n\n[md link](javascript:alert(3))\n";

fn script_checks(doc: &Html) -> (usize, usize, usize) {
    let scripts = select(doc, ".content script").len();
    let handlers = select(doc, ".content [onclick]").len();
    let js = select(doc, ".content a[href]")
        .into_iter()
        .filter(|a| {
            attr(*a, "href")
                .unwrap_or_default()
                .trim()
                .to_lowercase()
                .starts_with("javascript:")
        })
        .count();
    (scripts, handlers, js)
}

#[test]
fn raw_script_event_handlers_and_javascript_urls_are_removed_by_default() {
    let site = Site::with_config().file("content/pages/a.md", md("title: A", HOSTILE_BODY));
    site.build();
    let doc = site.html("a/index.html");
    assert_eq!(
        script_checks(&doc),
        (0, 0, 0),
        "{}",
        one(&doc, ".content").html()
    );
    // Harmless content around it survives.
    let paragraphs: Vec<String> = select(&doc, ".content p").into_iter().map(text).collect();
    assert!(
        paragraphs.contains(&"Trước.".to_string()) && paragraphs.contains(&"Bấm".to_string()),
        "{paragraphs:?}"
    );
}

#[test]
fn raw_html_is_kept_with_unsafe_html() {
    let site = Site::new()
        .file("site.yaml", format!("{SITE_YAML}unsafe_html: true\n"))
        .file("content/pages/a.md", md("title: A", HOSTILE_BODY));
    site.build();
    let doc = site.html("a/index.html");
    let (scripts, handlers, js) = script_checks(&doc);
    assert_eq!(
        (scripts, handlers),
        (1, 1),
        "{}",
        one(&doc, ".content").html()
    );
    assert!(js >= 1);
}

#[test]
fn drafts_are_left_out_by_default() {
    let site = Site::with_config()
        .file(
            "content/articles/xong.md",
            article("Xong", "2025-01-02", "x\n"),
        )
        .file(
            "content/articles/nhap.md",
            md("title: Nháp\ndate: 2025-01-03\ndraft: true", "y\n"),
        );
    site.build();
    assert!(site.exists("articles/xong/index.html"));
    assert!(!site.exists("articles/nhap/index.html"));
    assert_eq!(
        card_links(&site.html("articles/index.html")),
        ["/sub/articles/xong/"]
    );
    let sitemap = Html::parse_document(&site.read("sitemap.xml"));
    assert!(
        select(&sitemap, "loc")
            .into_iter()
            .all(|l| !text(l).contains("nhap"))
    );
    let feed = Html::parse_document(&site.read("atom.xml"));
    assert_eq!(select(&feed, "entry").len(), 1);
}

#[test]
fn drafts_are_built_with_the_drafts_option() {
    let site = Site::with_config()
        .file(
            "content/articles/xong.md",
            article("Xong", "2025-01-02", "x\n"),
        )
        .file(
            "content/articles/nhap.md",
            md("title: Nháp\ndate: 2025-01-03\ndraft: true", "y\n"),
        );
    site.build_with(|o| o.drafts = true);
    assert!(site.exists("articles/nhap/index.html"));
    assert_eq!(
        card_links(&site.html("articles/index.html")),
        ["/sub/articles/nhap/", "/sub/articles/xong/"]
    );
}

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

#[test]
fn nfd_and_nfc_slugs_give_the_same_url() {
    let nfc = "Đổi mới công tác dân vận";
    let decomposed = nfd(nfc);
    assert_ne!(nfc, decomposed, "the fixture really is decomposed");
    for slug in [nfc.to_string(), decomposed] {
        let site = Site::with_config().file(
            "content/articles/x.md",
            md(
                &format!("title: T\ndate: 2025-01-01\nslug: \"{slug}\""),
                "x\n",
            ),
        );
        site.build();
        assert!(
            site.exists("articles/doi-moi-cong-tac-dan-van/index.html"),
            "{:?}",
            files_under(&site.out())
        );
    }
}

#[test]
fn nfd_file_name_gives_the_same_url_as_nfc() {
    // macOS file systems hand out decomposed file names.
    let name = nfd("dân-vận-khéo-ở-ninh-bình");
    let site = Site::with_config().file(
        &format!("content/articles/{name}.md"),
        article("T", "2025-01-01", "x\n"),
    );
    site.build();
    assert!(
        site.exists("articles/dan-van-kheo-o-ninh-binh/index.html"),
        "{:?}",
        files_under(&site.out())
    );
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let site = full_site();
    let first = site.base().join("out-1");
    let second = site.base().join("out-2");
    site.build_with(|o| o.output = Some(first.clone()));
    site.build_with(|o| o.output = Some(second.clone()));
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(bytes == &b[file], "{file} differs between two builds");
    }
    // And rebuilding in place changes nothing either.
    site.build_with(|o| o.output = Some(first.clone()));
    assert!(
        snapshot(&first) == a,
        "rebuilding in place changed the output"
    );
}

#[test]
fn crlf_line_endings_and_a_bom_are_accepted() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        "\u{feff}---\r\ntitle: Xin chào\r\ndate: 2025-08-12\r\n---\r\n\r\nĐoạn một.\r\n",
    );
    site.build();
    let doc = site.html("articles/a/index.html");
    assert_eq!(text(one(&doc, "main h1")), "Xin chào");
    assert_eq!(attr(one(&doc, "time"), "datetime"), Some("2025-08-12"));
}

#[test]
fn dates_are_displayed_in_the_page_language() {
    let site = Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file("content/articles/a.md", article("A", "2025-08-12", "x\n"))
        .file(
            "content/articles/a.en.md",
            article("A", "2025-08-12", "x\n"),
        );
    site.build();
    let vi = site.html("articles/a/index.html");
    assert_eq!(text(one(&vi, ".meta time")), "ngày 12 tháng 8 năm 2025");
    let en = site.html("en/articles/a/index.html");
    assert_eq!(text(one(&en, ".meta time")), "12 August 2025");
}

#[test]
fn aliases_get_a_redirect_page_to_the_item() {
    let site = Site::with_config().file(
        "content/articles/moi.md",
        md(
            "title: Mới\ndate: 2025-01-01\naliases: [/tin-cu/bai-cu/]",
            "x\n",
        ),
    );
    site.build();
    assert!(
        site.exists("tin-cu/bai-cu/index.html"),
        "no redirect page; output has {:?}",
        files_under(&site.out())
    );
    let doc = site.html("tin-cu/bai-cu/index.html");
    let target = hrefs(&doc, "link[rel=canonical], a[href]");
    assert!(
        target.iter().any(|h| h.ends_with("/sub/articles/moi/")),
        "{}",
        doc.html()
    );
    let refresh = select(&doc, "meta[http-equiv=refresh]");
    assert_eq!(refresh.len(), 1);
    assert!(
        attr(refresh[0], "content")
            .unwrap_or_default()
            .contains("/sub/articles/moi/")
    );
}

#[test]
fn markdown_javascript_link_is_neutralized_even_without_raw_html() {
    let site = Site::with_config().file(
        "content/pages/a.md",
        md(
            "title: A",
            "[bấm vào đây](javascript:alert(1)) và [ảnh](data:text/html;base64,PHNjcmlwdD4=)\n",
        ),
    );
    site.build();
    let doc = site.html("a/index.html");
    for a in select(&doc, ".content a") {
        let href = attr(a, "href").unwrap_or_default().trim().to_lowercase();
        assert!(
            !href.starts_with("javascript:") && !href.starts_with("data:"),
            "dangerous href kept: {}",
            a.html()
        );
    }
}

#[test]
fn rfc3339_date_is_accepted() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        md("title: A\ndate: 2025-08-12T08:30:00+07:00", "x\n"),
    );
    site.build();
    let doc = site.html("articles/a/index.html");
    assert!(
        attr(one(&doc, ".meta time"), "datetime")
            .unwrap_or_default()
            .starts_with("2025-08-12")
    );
}

#[test]
fn site_template_overrides_the_theme_template_file_by_file() {
    let site = Site::with_config()
        .file("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1 id=\"rieng\">Trang riêng</h1>{% endblock content %}")
        .file("content/pages/a.md", md("title: A", "x\n"));
    site.build();
    let doc = site.html("404.html");
    assert_eq!(text(one(&doc, "h1#rieng")), "Trang riêng");
    // The other templates still come from the theme.
    let page = site.html("a/index.html");
    assert_eq!(text(one(&page, "main h1")), "A");
}

#[test]
fn topic_pages_list_their_items() {
    let site = Site::with_config()
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-01-01\ntopics: [Dân vận khéo]", "x\n"),
        )
        .file(
            "content/articles/b.md",
            md("title: B\ndate: 2025-01-02\ntopics: [Chuyển đổi số]", "x\n"),
        );
    site.build();
    assert!(
        site.exists("topics/dan-van-kheo/index.html"),
        "no topic page; output has {:?}",
        files_under(&site.out())
    );
    let doc = site.html("topics/dan-van-kheo/index.html");
    assert_eq!(hrefs(&doc, ".card-title a"), ["/sub/articles/a/"]);
}

#[test]
fn locality_pages_list_their_items() {
    let site = Site::with_config()
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/a.md",
            md(
                "title: A\ndate: 2025-01-01\nlocality: ninh-binh/hoa-lu",
                "x\n",
            ),
        );
    site.build();
    assert!(
        site.exists("localities/ninh-binh/hoa-lu/index.html"),
        "no locality page; output has {:?}",
        files_under(&site.out())
    );
    let doc = site.html("localities/ninh-binh/hoa-lu/index.html");
    assert_eq!(hrefs(&doc, ".card-title a"), ["/sub/articles/a/"]);
}

#[test]
fn a_drafts_build_marks_drafts_and_keeps_them_out_of_the_sitemap_and_feeds() {
    let site = Site::with_config()
        .file(
            "content/articles/nhap.md",
            md("title: Nháp\ndate: 2025-02-01\ndraft: true", "x\n"),
        )
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-01-01", "x\n"),
        );
    site.build_with(|o| o.drafts = true);
    let page = site.html("articles/nhap/index.html");
    assert_eq!(text(one(&page, ".draft-notice .draft-mark")), "Bản nháp");
    assert_eq!(
        select(&site.html("articles/a/index.html"), ".draft-mark").len(),
        0
    );
    let listing = site.html("articles/index.html");
    let marked: Vec<String> = select(&listing, ".card")
        .into_iter()
        .filter(|c| !select_in(*c, ".draft-mark").is_empty())
        .map(|c| text(select_in(c, ".card-title")[0]))
        .collect();
    assert_eq!(marked, ["Nháp"]);
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/articles/nhap/"), "{sitemap}");
    assert!(sitemap.contains("/articles/a/"), "{sitemap}");
    let feed = site.read("atom.xml");
    assert!(!feed.contains("/articles/nhap/"), "{feed}");
    assert!(feed.contains("/articles/a/"), "{feed}");
    // Without --drafts the draft is not there at all.
    site.build();
    assert!(!site.exists("articles/nhap/index.html"));
    assert_eq!(
        select(&site.html("articles/index.html"), ".draft-mark").len(),
        0
    );
}

#[test]
fn the_header_is_one_row_with_search_one_tap_away_and_a_menu_that_needs_no_javascript() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        md("title: A\ndate: 2025-01-01", "x\n"),
    );
    site.build();
    let doc = site.html("articles/a/index.html");
    let row = hrefs(&doc, "header .header-row a.header-button");
    assert_eq!(
        row,
        ["/sub/search/", "#bantin-menu"],
        "search and the menu in the title's row"
    );
    // The menu the button opens (a :target, no script) holds the sections and the search box.
    let menu = one(&doc, "header #bantin-menu");
    assert_eq!(select_in(menu, "nav.site-nav a").len(), 6);
    assert_eq!(select_in(menu, "form.site-search[role=search]").len(), 1);
    let stylesheet = files_under(&site.out())
        .into_iter()
        .find(|f| f.starts_with("style.") && f.ends_with(".css"))
        .expect("the stylesheet");
    let css = site.read(&stylesheet);
    assert!(
        css.contains(".header-menu{display:none}")
            && css.contains(".header-menu:target{display:block"),
        "the menu opens on its target"
    );
}

#[test]
fn the_front_page_leads_with_the_newest_story_and_lists_the_others_as_titles_with_thumbnails() {
    let mut site = Site::with_config()
        .file("static/images/moi.png", png(1200, 800))
        .file("static/images/cu.png", png(1200, 800))
        .file(
            "content/articles/moi.md",
            md(
                "title: Tin mới nhất\ndate: 2025-03-09\nsummary: Tóm tắt tin mới.\nimage: /images/moi.png\nimage_alt: Ảnh tin mới",
                "x\n",
            ),
        )
        .file(
            "content/articles/cu.md",
            md(
                "title: Tin có ảnh\ndate: 2025-03-05\nsummary: Tóm tắt tin có ảnh.\nimage: /images/cu.png\nimage_alt: Ảnh tin cũ",
                "x\n",
            ),
        );
    for day in 1..=3 {
        site = site.file(
            &format!("content/articles/t{day}.md"),
            md(
                &format!("title: Tin {day}\ndate: 2025-03-0{day}\nsummary: Tóm tắt {day}."),
                "x\n",
            ),
        );
    }
    site.build();
    let home = site.html("index.html");
    let lead = one(&home, ".latest-articles .lead-story article.card.lead");
    assert_eq!(text(select_in(lead, ".card-title")[0]), "Tin mới nhất");
    let picture = select_in(lead, ".lead-picture img");
    assert_eq!(attr(picture[0], "alt"), Some("Ảnh tin mới"));
    assert_eq!(
        attr(picture[0], "loading"),
        None,
        "the lead picture is seen first: not lazy"
    );
    assert_eq!(select_in(lead, ".card-summary").len(), 1);
    // The others: titles and dates, no summaries, a small picture where there is one.
    let others = select(&home, ".latest-articles ul.cards article.card");
    assert_eq!(others.len(), 4);
    assert!(
        others
            .iter()
            .all(|c| select_in(*c, ".card-summary").is_empty())
    );
    let thumbs = select(&home, ".latest-articles ul.cards .card-thumb img");
    assert_eq!(thumbs.len(), 1);
    assert_eq!(
        attr(thumbs[0], "alt"),
        Some(""),
        "the title beside it says what it shows"
    );
    assert_eq!(attr(thumbs[0], "loading"), Some("lazy"));
    assert_eq!(attr(thumbs[0], "sizes"), Some("6rem"));
    // Listings lead with the newest too, and keep every summary, with the small picture
    // beside the title.
    let listing = site.html("articles/index.html");
    assert_eq!(
        select(&listing, ".lead-story article.card.lead .lead-picture img").len(),
        1
    );
    assert_eq!(select(&listing, "article.card .card-summary").len(), 5);
    assert_eq!(
        select(&listing, "ul.cards article.card.has-thumb .card-thumb img").len(),
        1
    );
}

#[test]
fn a_deleted_articles_folder_goes_with_its_page_and_the_other_folders_stay() {
    let site = Site::with_config()
        .file(
            "content/articles/mot.md",
            article("Một", "2026-01-02", "Thân bài."),
        )
        .file(
            "content/articles/hai.md",
            article("Hai", "2026-01-03", "Thân bài."),
        );
    site.build();
    assert!(site.exists("articles/mot/index.html"));
    site.remove("content/articles/mot.md");
    site.build();
    let out = site.out();
    assert!(
        !out.join("articles/mot").exists(),
        "the deleted article's folder is removed"
    );
    assert!(site.exists("articles/hai/index.html"));
    let articles = entries(&out.join("articles"));
    assert!(articles.contains(&"hai".to_string()), "{articles:?}");
    assert!(!articles.contains(&"mot".to_string()), "{articles:?}");
    // A folder already empty (left by an interrupted build) goes too.
    std::fs::create_dir_all(out.join("cu/rong")).expect("empty folder");
    site.build();
    assert!(!out.join("cu").exists(), "the empty folders are removed");
    assert!(site.exists("articles/hai/index.html"));
}
