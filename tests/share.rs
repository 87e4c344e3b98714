//! Ready-to-paste sharing: the share block on item pages, its text with no markup left, and
//! the copy button in headless Chromium (clipboard read back; the text area alone without
//! JavaScript). The browser test skips when Chromium or playwright-core is absent, except in
//! CI (`CI` set), where it must run.

mod common;

use common::*;

fn site() -> Site {
    Site::with_config().file(
        "content/articles/a.md",
        md(
            "title: Đối thoại với dân\ndate: 2025-03-01\nsummary: Ba tháng, 14 buổi đối thoại.\ntopics: [dân vận khéo]",
            "Mở đầu.\n\n## Vì sao?\n\nĐối thoại giúp **người dân** hỏi [thẳng](https://example.org/x) &amp; nhanh[^1]. Hai.\n\n[^1]: Chú thích.\n",
        ),
    )
}

#[test]
fn item_page_has_a_share_block_with_plain_text_and_the_absolute_address() {
    let site = site();
    site.build();
    let doc = site.html("articles/a/index.html");
    let area = one(&doc, ".share textarea#share-text[readonly]");
    let text = area.text().collect::<String>();
    assert!(text.starts_with("Đối thoại với dân\n\nBa tháng, 14 buổi đối thoại.\n\n• Đối thoại giúp người dân hỏi thẳng & nhanh."), "{text}");
    assert!(
        text.contains("\n\nhttps://example.org/sub/articles/a/\n\n#DânVậnKhéo"),
        "{text}"
    );
    for markup in ["**", "](", "&amp;", "[^"] {
        assert!(!text.contains(markup), "{markup} left in {text}");
    }
    let facebook = hrefs(&doc, ".share a");
    assert_eq!(
        facebook,
        [
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fsub%2Farticles%2Fa%2F"
        ]
    );
}

#[test]
fn sharing_is_off_per_item_and_per_site() {
    let off = site().file(
        "content/articles/b.md",
        md("title: B\ndate: 2025-03-02\nshare: false", "x\n"),
    );
    off.build();
    assert!(select(&off.html("articles/b/index.html"), ".share").is_empty());
    assert_eq!(
        select(&off.html("articles/a/index.html"), ".share").len(),
        1
    );
    let site_off = Site::new()
        .file("site.yaml", format!("{SITE_YAML}share: false\n"))
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-03-01", "x\n"),
        );
    site_off.build();
    assert!(select(&site_off.html("articles/a/index.html"), ".share").is_empty());
}

#[test]
fn copy_button_copies_the_share_text_and_the_text_area_works_without_javascript() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let site = site();
    site.build_with(|o| o.base_url = Some("http://127.0.0.1/".into()));
    let result = run_browser_script(
        "copy_button.mjs",
        &[&site.out().to_string_lossy(), "/articles/a/", tools],
    );
    let textarea = result["textarea"].as_str().unwrap_or_default();
    assert!(textarea.starts_with("Đối thoại với dân\n"), "{result}");
    assert_eq!(result["buttonVisible"], true, "{result}");
    assert_eq!(
        result["clipboard"].as_str(),
        Some(textarea),
        "the clipboard holds the share text: {result}"
    );
    assert_eq!(
        result["confirmation"].as_str(),
        Some("Đã sao chép"),
        "{result}"
    );
    assert_eq!(result["noJsTextarea"].as_str(), Some(textarea), "{result}");
    assert_eq!(
        result["noJsButtonVisible"], false,
        "without JavaScript the button stays hidden: {result}"
    );
}

#[test]
fn every_page_kind_has_link_preview_meta_with_absolute_urls() {
    let site = Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file(
            "content/articles/a.md",
            md(
                "title: Đối thoại\ndate: 2025-03-01\nsummary: Tóm tắt.",
                "x\n",
            ),
        )
        .file(
            "content/articles/a.en.md",
            md("title: Dialogue\ndate: 2025-03-01", "x\n"),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu", "x\n"),
        );
    site.build();
    for (file, kind) in [
        ("articles/a/index.html", "article"),
        ("en/articles/a/index.html", "article"),
        ("gioi-thieu/index.html", "article"),
        ("index.html", "website"),
        ("articles/index.html", "website"),
        ("topics/index.html", "website"),
    ] {
        let doc = site.html(file);
        let meta = |p: &str| {
            select(&doc, &format!("meta[property='{p}'], meta[name='{p}']"))
                .first()
                .and_then(|m| attr(*m, "content"))
                .unwrap_or_else(|| panic!("{file}: no {p}"))
                .to_string()
        };
        assert_eq!(meta("og:type"), kind, "{file}");
        assert_eq!(
            meta("og:url"),
            format!(
                "https://example.org/sub/{}",
                file.trim_end_matches("index.html")
            ),
            "{file}"
        );
        for p in ["og:image", "twitter:image"] {
            assert!(
                meta(p).starts_with("https://example.org/sub/"),
                "{file}: {p} {}",
                meta(p)
            );
        }
        assert_eq!(
            (meta("og:image:width"), meta("og:image:height")),
            ("1200".to_string(), "630".to_string()),
            "{file}"
        );
        assert!(
            !meta("og:title").is_empty() && !meta("og:site_name").is_empty(),
            "{file}"
        );
    }
    let doc = site.html("en/articles/a/index.html");
    let alternates: Vec<&str> = select(&doc, "meta[property='og:locale:alternate']")
        .into_iter()
        .filter_map(|m| attr(m, "content"))
        .collect();
    assert_eq!(alternates, ["vi_VN"]);
    assert_eq!(
        attr(one(&doc, "meta[property='og:locale']"), "content"),
        Some("en_US")
    );
}
