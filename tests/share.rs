//! Ready-to-paste sharing: the share block on item pages, its text with no markup left, and
//! the copy button in headless Chromium (clipboard read back; the text area alone without
//! JavaScript). The browser test skips when Chromium or playwright-core is absent, except in
//! CI (`CI` set), where it must run.

mod common;

use common::*;
use std::process::Command;

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
    let dialogs = hrefs(&doc, ".share a");
    assert_eq!(
        dialogs,
        [
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fsub%2Farticles%2Fa%2F",
            // base64 of {"url":"https://example.org/sub/articles/a/"}
            "https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false&d=eyJ1cmwiOiJodHRwczovL2V4YW1wbGUub3JnL3N1Yi9hcnRpY2xlcy9hLyJ9&shareType=0"
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

/// Clicks the copy button of share block `block` (1-based) of `path` in headless Chromium and
/// returns what tests/browser/copy_button.mjs saw; None when the browser is absent outside CI.
fn copy_in_browser(site: &Site, path: &str, block: usize) -> Option<serde_json::Value> {
    let tools = browser_tools()?;
    site.build_with(|o| o.base_url = Some("http://127.0.0.1/".into()));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/copy_button.mjs");
    let out = Command::new("node")
        .args([
            script,
            &site.out().to_string_lossy(),
            path,
            tools,
            &block.to_string(),
        ])
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("one JSON line"))
}

/// The clipboard holds the text area's text, the block says so, and without JavaScript the
/// text area holds the same text while the button stays hidden.
fn assert_copied(result: &serde_json::Value, starts_with: &str) {
    let textarea = result["textarea"].as_str().unwrap_or_default();
    assert!(textarea.starts_with(starts_with), "{result}");
    assert_eq!(result["buttonVisible"], true, "{result}");
    assert_eq!(
        result["clipboard"].as_str(),
        Some(textarea),
        "the clipboard holds the share text: {result}"
    );
    assert_eq!(
        result["pasted"].as_str(),
        Some(textarea),
        "pasted into a post box, the text keeps its lines (no doubled or lost line breaks): {result}"
    );
    assert_eq!(
        result["confirmation"].as_str(),
        Some("Đã sao chép"),
        "{result}"
    );
    assert_eq!(
        result["otherConfirmations"].as_str(),
        Some(""),
        "only the clicked block says it was copied: {result}"
    );
    assert_eq!(result["noJsTextarea"].as_str(), Some(textarea), "{result}");
    assert_eq!(
        result["noJsButtonVisible"], false,
        "without JavaScript the button stays hidden: {result}"
    );
}

#[test]
fn copy_button_copies_the_share_text_and_the_text_area_works_without_javascript() {
    if let Some(result) = copy_in_browser(&site(), "/articles/a/", 1) {
        assert_copied(&result, "Đối thoại với dân\n");
    }
}

/// A site with a day's worth of posts in two languages: 21 Vietnamese articles (one more
/// than the share page shows), a model, an explainer, an article kept out of sharing, and
/// one English translation.
fn busy_site() -> Site {
    let mut site = Site::new()
        .file("site.yaml", format!("{SITE_YAML_VI_EN}fallback: default\n"))
        .file("data/localities.yaml", LOCALITIES);
    for day in 1..=21 {
        site = site.file(
            &format!("content/articles/a{day:02}.md"),
            md(
                &format!("title: Bài {day:02}\ndate: 2025-03-{day:02}\nsummary: Tóm tắt {day}."),
                "x\n",
            ),
        );
    }
    site.file(
        "content/articles/a21.en.md",
        md("title: Post 21\ndate: 2025-03-21", "x\n"),
    )
    .file(
        "content/articles/private.md",
        md("title: Riêng\ndate: 2025-04-01\nshare: false", "x\n"),
    )
    .file(
        "content/models/m.md",
        md(
            "title: Mô hình\ndate: 2025-03-30\nunit: Xã A\nunit_type: collective\nlocality: lam-dong\narea: economy\nstatus: recognized\nyear: 2024",
            "x\n",
        ),
    )
    .file(
        "content/explainers/e.md",
        md(
            "title: Giải thích\ndate: 2025-03-29\npolicy: Nghị quyết 1\naudience: Người dân",
            "x\n",
        ),
    )
}

#[test]
fn share_page_lists_the_latest_posts_newest_first_with_the_item_pages_texts() {
    let site = busy_site();
    site.build();
    let doc = site.html("share/index.html");
    let titles: Vec<String> = select(&doc, ".share-entry h2")
        .into_iter()
        .map(text)
        .collect();
    let mut expected = vec!["Mô hình".to_string(), "Giải thích".to_string()];
    expected.extend((2..=21).rev().map(|d| format!("Bài {d:02}")));
    expected.truncate(20);
    assert_eq!(
        titles, expected,
        "newest first, 20 at most, share: false left out"
    );
    assert_eq!(
        attr(one(&doc, "meta[name=robots]"), "content"),
        Some("noindex")
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("share.json")).expect("share.json is JSON");
    assert_eq!(json["language"], "vi");
    assert_eq!(json["page"], "https://example.org/sub/share/");
    let items = json["items"].as_array().expect("items");
    assert_eq!(items.len(), 20);
    // Each post is the one its item page shows, in the page and in share.json alike.
    for (k, entry) in select(&doc, ".share-entry").into_iter().enumerate() {
        let link = select_in(entry, "h2 a")[0];
        let url = attr(link, "href").unwrap_or_default();
        let item = site.html(&file_for_url(url).expect("a page of the site"));
        let item_text: String = one(&item, "#share-text").text().collect();
        let area = select_in(entry, "textarea")[0];
        assert_eq!(area.text().collect::<String>(), item_text, "{url}");
        assert_eq!(items[k]["text"].as_str(), Some(item_text.as_str()), "{url}");
        assert_eq!(
            items[k]["permalink"].as_str(),
            Some(format!("https://example.org{url}").as_str())
        );
        assert_eq!(
            attr(area, "id"),
            Some(format!("share-text-{}", k + 1).as_str())
        );
    }
    // English lists its own posts only: untranslated Vietnamese items are not posts to paste.
    let en = site.html("en/share/index.html");
    assert_eq!(
        select(&en, ".share-entry h2")
            .into_iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Post 21"]
    );
    let en_json: serde_json::Value =
        serde_json::from_str(&site.read("en/share.json")).expect("JSON");
    assert_eq!(en_json["items"].as_array().map(Vec::len), Some(1));
    // The footer of every page leads to the share page; the sitemap leaves it out.
    assert_eq!(
        hrefs(
            &site.html("articles/a01/index.html"),
            ".site-footer a[href$='share/']"
        ),
        ["/sub/share/"]
    );
    assert!(!site.read("sitemap.xml").contains("/share/"));
}

#[test]
fn no_share_page_when_the_site_turns_sharing_off() {
    let site = Site::new()
        .file("site.yaml", format!("{SITE_YAML}share: false\n"))
        .file(
            "content/articles/a.md",
            md("title: A\ndate: 2025-03-01", "x\n"),
        );
    site.build();
    assert!(!site.exists("share/index.html"));
    assert!(!site.exists("share.json"));
    assert!(select(&site.html("index.html"), ".site-footer a[href$='share/']").is_empty());
}

#[test]
fn copy_button_on_the_share_page_copies_its_own_post() {
    if let Some(result) = copy_in_browser(&busy_site(), "/share/", 2) {
        assert_copied(&result, "Giải thích\n");
    }
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

// ---------------------------------------------------------------- finished posts

/// What reads as unfinished in a post, one line per problem: a summary, key point or list
/// line that does not end its sentence (a colon, a cut word, a missing full stop), a point
/// that announces a list without one, and quotation marks left open.
fn unfinished(post: &str) -> Vec<String> {
    let ends_sentence = |s: &str| {
        s.trim_end()
            .chars()
            .rev()
            .find(|c| !matches!(c, '”' | '»' | '’' | '"' | ')' | ']' | '\u{a0}'))
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'))
    };
    let mut problems = Vec::new();
    for (n, block) in post.split("\n\n").enumerate() {
        let open = block.matches('“').count() != block.matches('”').count()
            || block.matches('«').count() != block.matches('»').count()
            || block.matches('"').count() % 2 == 1;
        if open {
            problems.push(format!("a quotation left open: {block}"));
        }
        let is_address = block.starts_with("https://") || block.starts_with("http://");
        let is_tags = block.split_whitespace().all(|w| w.starts_with('#'));
        if n == 0 || is_address || is_tags {
            continue;
        }
        let lines: Vec<&str> = block.lines().collect();
        for (k, line) in lines.iter().enumerate() {
            let next_is_item = lines.get(k + 1).is_some_and(|l| l.starts_with("– "));
            let fine = if let Some(item) = line.strip_prefix("– ") {
                if next_is_item {
                    item.ends_with(';') || ends_sentence(item)
                } else {
                    ends_sentence(item)
                }
            } else if line.trim_end().ends_with(':') {
                next_is_item
            } else {
                ends_sentence(line)
            };
            if !fine {
                problems.push(format!("an unfinished line: {line}"));
            }
        }
    }
    problems
}

#[test]
fn the_unfinished_sentence_checker_finds_what_it_must() {
    let good = "Tiêu đề\n\nTóm tắt xong.\n\n• Các tổ đã:\n– tuần tra;\n– hòa giải.\n• Bà nói: “Cảm ơn.”\n\nhttps://example.org/a/\n\n#DânVận";
    assert_eq!(unfinished(good), Vec::<String>::new());
    for bad in [
        "T\n\nTóm tắt chưa xong\n\nhttps://x/",
        "T\n\n• Trong năm 2025, xã đã:\n\nhttps://x/",
        "T\n\n• Bà nói: “Dân biết.\n\nhttps://x/",
        "T\n\n• Các tổ đã:\n– tuần tra\n\nhttps://x/",
    ] {
        assert_eq!(unfinished(bad).len(), 1, "{bad}: {:?}", unfinished(bad));
    }
}

/// Every post of a built site: the share text of every page that has one (item pages and
/// the share pages), with the page's file.
fn posts(out: &std::path::Path) -> Vec<(String, String)> {
    let mut posts = Vec::new();
    for file in files_under(out) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(out.join(&file)).unwrap_or_default();
        if !html.contains("share-text") {
            continue;
        }
        let doc = scraper::Html::parse_document(&html);
        for area in select(&doc, ".share textarea") {
            posts.push((file.clone(), area.text().collect::<String>()));
        }
    }
    posts
}

/// The problems of every post, each with its page.
fn problems_of(posts: &[(String, String)]) -> Vec<String> {
    posts
        .iter()
        .flat_map(|(file, text)| {
            unfinished(text)
                .into_iter()
                .map(move |p| format!("{file}: {p}"))
        })
        .collect()
}

#[test]
fn every_post_of_the_example_site_reads_as_a_finished_text() {
    let out = tempfile::tempdir().expect("temp dir");
    let o = bin()
        .args(["build", "--source", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out.path())
        .output()
        .expect("bantin runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let posts = posts(out.path());
    assert!(
        posts.len() >= 40,
        "the example shares posts in several languages: {}",
        posts.len()
    );
    assert!(
        posts.iter().any(|(_, t)| t.contains(":\n– ")),
        "a post carries a list"
    );
    let problems = problems_of(&posts);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // French posts quote « like this », the others “like this”.
    assert!(
        posts
            .iter()
            .any(|(file, t)| file.starts_with("fr/") && t.contains('«')),
        "a French post with quotes"
    );
    assert!(
        posts
            .iter()
            .all(|(file, t)| file.starts_with("fr/") || !t.contains('«'))
    );
    assert!(
        posts
            .iter()
            .all(|(file, t)| file.starts_with("fr/") || !t.contains('"')),
        "straight quotes left"
    );
}

/// A corpus of bantin sites from ../shared/bench (`BANTIN_SHARE_CORPUS=DIR`, e.g. the
/// 1,000-item corpus's `ours` folder): every post of it is finished and within the budget.
#[test]
fn every_post_of_a_benchmark_corpus_reads_as_a_finished_text() {
    let Some(corpus) = std::env::var_os("BANTIN_SHARE_CORPUS") else {
        eprintln!(
            "BANTIN_SHARE_CORPUS unset: the corpus check is skipped (the example site's and the generated posts' are not)"
        );
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let o = bin()
        .args(["build", "--source"])
        .arg(&corpus)
        .arg("--output")
        .arg(out.path())
        .output()
        .expect("bantin runs");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let posts = posts(out.path());
    let problems = problems_of(&posts);
    eprintln!("{} posts checked, {} problems", posts.len(), problems.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Bodies made of the shapes editors write (sections that open with a sentence, with a
/// sentence that announces a list, a table or a quotation, quotations in straight and curly
/// marks, numbers with dots, French spacing), any topics and any budget: every post is
/// finished, and within the budget whenever its title and address are.
#[test]
fn generated_posts_read_as_finished_texts_within_their_budget() {
    use bantin::share::{ShareInput, share_text};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let sentence = prop::sample::select(vec![
        "Xã đã vận động 1.300 hộ tham gia.",
        "Ông Minh nói: \"Dân biết. Dân bàn.\" Rồi ông cười.",
        "Bà Hoa kể “Cả đời tôi chưa nghĩ có nhà. Giờ thì có.” với hàng xóm",
        "Il a dit : « Merci. » Puis il est parti.",
        "The teams patrolled 1,300 nights",
        "Vì sao người dân tin?",
        "Kết quả rất đáng mừng!",
        "Một câu rất dài về phong trào dân vận khéo ở cơ sở, kéo dài qua nhiều mệnh đề, với số liệu 98,6% và 11.000 hồ sơ, để thử giới hạn độ dài của bài chia sẻ trên mạng xã hội",
    ]);
    let block = prop_oneof![
        sentence.clone().prop_map(|s| s.to_string()),
        (sentence.clone(), 1..6usize).prop_map(|(s, n)| {
            let items: Vec<String> = (0..n).map(|k| format!("- việc thứ {k}: {s}")).collect();
            format!("Trong năm 2025, các tổ đã:\n\n{}", items.join("\n"))
        }),
        Just("Số liệu như sau:\n\n| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        sentence.clone().prop_map(|s| format!("Bà nói:\n\n> {s}")),
        Just("Danh sách:\n\n1. một\n   - con\n2. hai;".to_string()),
    ];
    let body = prop::collection::vec(block, 0..7).prop_map(|blocks| {
        blocks
            .iter()
            .enumerate()
            .map(|(n, b)| format!("## Phần {n}\n\n{b}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let summary = prop::collection::vec(sentence, 0..4).prop_map(|s| s.join(" "));
    let topics = prop::collection::vec("[a-zđâêôơư ]{1,20}", 0..30);
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let case = (
        body,
        summary,
        topics,
        120..2500usize,
        prop::sample::select(vec!["vi", "en", "fr"]),
    );
    runner
        .run(&case, |(body, summary, topics, budget, lang)| {
            let url = "https://example.org/dan-van/articles/mot-bai/";
            let title = "Phường Thiên Trường đối thoại với dân";
            let text = share_text(&ShareInput {
                title,
                summary: &summary,
                body: &body,
                points: None,
                url,
                video: None,
                topics: &topics,
                budget,
                lang,
            });
            let problems = unfinished(&text);
            prop_assert!(problems.is_empty(), "{problems:?} in\n{text}");
            if title.chars().count() + url.len() + 2 <= budget {
                prop_assert!(
                    text.chars().count() <= budget,
                    "{} > {budget}:\n{text}",
                    text.chars().count()
                );
            }
            prop_assert!(text.contains(url));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
