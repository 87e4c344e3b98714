//! Search (issue 8): the index files of each language (folded terms, spellings, postings,
//! documents, shards), the search page and the header's search form, and search itself in
//! headless Chromium, with and without tone marks, under a sub-path and from disk. The
//! browser test skips when Chromium or playwright-core is absent, except in CI (`CI` set),
//! where it must run.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// One index file of a language: `bantinSearch(lang, part, data);` → (lang, part, data).
fn index_part(site: &Site, file: &str) -> (String, String, Value) {
    index_file_in(&site.out(), file)
}

fn index_file_in(out: &std::path::Path, file: &str) -> (String, String, Value) {
    let text = std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let inner = text
        .trim_end()
        .strip_prefix("bantinSearch(")
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{file} is not one bantinSearch(...) call: {text}"));
    let args: Vec<Value> =
        serde_json::from_str(&format!("[{inner}]")).unwrap_or_else(|e| panic!("{file}: {e}"));
    (
        args[0].as_str().unwrap_or_default().to_string(),
        args[1].as_str().unwrap_or_default().to_string(),
        args[2].clone(),
    )
}

/// A whole language's index, read back: documents in order, and every term with its
/// variants and decoded postings.
struct Index {
    meta: Value,
    docs: Vec<Value>,
    /// term -> variant -> [(doc, field)]
    terms: BTreeMap<String, BTreeMap<String, Vec<(u32, u8)>>>,
    /// term -> the shard it is in
    shard_of: BTreeMap<String, usize>,
}

fn read_index(site: &Site, folder: &str) -> Index {
    let lang = folder.trim_end_matches("search/").trim_end_matches('/');
    let (l, part, meta) = index_part(site, &format!("{folder}index.js"));
    assert_eq!(part, "index");
    if !lang.is_empty() {
        assert_eq!(l, lang);
    }
    let chunk = meta["chunk"].as_u64().expect("chunk") as usize;
    let count = meta["kinds"].as_str().expect("kinds").chars().count();
    let mut docs = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let (_, part, rows) = index_part(site, &format!("{folder}d{n}.js"));
        assert_eq!(part, format!("d{n}"));
        docs.extend(rows.as_array().expect("rows").iter().cloned());
    }
    assert_eq!(docs.len(), count);
    let mut terms = BTreeMap::new();
    let mut shard_of = BTreeMap::new();
    let shards = meta["shards"].as_array().expect("shards");
    for (n, shard) in shards.iter().enumerate() {
        let file = format!("{folder}t{n}.js");
        assert_eq!(
            shard[1].as_u64(),
            Some(site.read(&file).len() as u64),
            "the size index.js gives for {file}"
        );
        let (_, part, data) = index_part(site, &file);
        assert_eq!(part, format!("t{n}"));
        for (term, entry) in data.as_object().expect("shard object") {
            let variants: Vec<(String, String)> = match entry {
                Value::String(p) => vec![(term.clone(), p.clone())],
                Value::Array(vs) => vs
                    .iter()
                    .map(|v| {
                        (
                            v[0].as_str().unwrap_or_default().to_string(),
                            v[1].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect(),
                other => panic!("{file}: {term}: {other}"),
            };
            let decoded = variants
                .into_iter()
                .map(|(v, p)| (v, bantin::search::decode_postings(&p)))
                .collect();
            assert!(
                terms.insert(term.clone(), decoded).is_none(),
                "{term} twice"
            );
            shard_of.insert(term.clone(), n);
        }
    }
    Index {
        meta,
        docs,
        terms,
        shard_of,
    }
}

impl Index {
    fn titles(&self) -> Vec<&str> {
        self.docs
            .iter()
            .map(|d| d[0].as_str().unwrap_or_default())
            .collect()
    }
    /// Titles of the documents a term (folded) is found in, with the spelling found.
    fn found(&self, term: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (variant, postings) in self.terms.get(term).into_iter().flatten() {
            for (doc, _) in postings {
                out.push((
                    self.docs[*doc as usize][0]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    variant.clone(),
                ));
            }
        }
        out.sort();
        out
    }
}

fn bilingual(fallback: &str) -> Site {
    Site::new()
        .file("site.yaml", format!("{SITE_YAML_VI_EN}fallback: {fallback}\n"))
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/dan-van-kheo.md",
            md(
                "title: \"Dân vận khéo ở Ninh Bình\"\ndate: 2025-03-01\nsummary: Người dân đồng thuận hiến đất.\ntopics: [an sinh xã hội]\nlocality: ninh-binh/hoa-lu",
                "Mở đầu.\n\n## Vì sao dẫn đầu?\n\nĐối thoại với nhân dân.\n",
            ),
        )
        .file(
            "content/articles/dan-van-kheo.en.md",
            md(
                "title: Skilled mass mobilization in Ninh Binh\ndate: 2025-03-01\nsummary: Residents agree to donate land.\nlocality: ninh-binh/hoa-lu",
                "Dialogue with residents.\n",
            ),
        )
        .file(
            "content/models/to-phu-nu.md",
            md(
                "title: Tổ phụ nữ giữ biển sạch\nsummary: Đảo Phú Quý.\nlocality: lam-dong\nunit: Chi hội Phụ nữ\nunit_type: collective\narea: culture-society\nstatus: recognized\nyear: 2024",
                "Thu gom rác.\n",
            ),
        )
        .file(
            "content/explainers/nghi-quyet.md",
            md(
                "title: Nghị quyết 18 hỏi gì, đáp gì\ndate: 2025-02-01\npolicy: Nghị quyết số 18-NQ/TW",
                "## Sắp xếp bộ máy thế nào?\n\nTinh gọn.\n",
            ),
        )
        .file(
            "content/pages/gioi-thieu.md",
            md("title: Giới thiệu trang tin", "Trang giới thiệu.\n"),
        )
}

#[test]
fn index_terms_are_folded_and_keep_their_spellings() {
    let site = bilingual("none");
    site.build();
    let vi = read_index(&site, "search/");
    for term in vi.terms.keys() {
        assert_eq!(term, &bantin::search::fold(term), "{term} is folded");
        assert!(term.chars().count() >= 2, "{term}");
        assert!(term.nfc().eq(term.nfd()), "{term} has no marks left");
    }
    // `dan` holds both spellings, and which documents each is in.
    assert_eq!(
        vi.found("dan"),
        [
            ("Dân vận khéo ở Ninh Bình".to_string(), "dân".to_string()),
            ("Dân vận khéo ở Ninh Bình".to_string(), "dẫn".to_string()),
        ]
    );
    assert_eq!(vi.found("kheo").len(), 1);
    // Names the item is filed under: locality (every language's name), topic, unit, policy.
    for term in ["hoa", "lu", "binh", "sinh", "chi", "hoi", "nq", "tw", "18"] {
        assert!(!vi.found(term).is_empty(), "{term}: {:?}", vi.terms.keys());
    }
    // Explainer questions (headings) are indexed; plain pages are not.
    assert!(!vi.found("xep").is_empty());
    assert!(vi.found("gioi").is_empty());
    // Fields: the title is the best place a word is found.
    let dan = &vi.terms["dan"]["dân"];
    assert_eq!(dan, &[(vi_doc(&vi, "Dân vận khéo ở Ninh Bình"), 3)]);
    let doi = &vi.terms["doi"]["đối"];
    assert_eq!(doi, &[(vi_doc(&vi, "Dân vận khéo ở Ninh Bình"), 0)]);
}

fn vi_doc(index: &Index, title: &str) -> u32 {
    index
        .titles()
        .iter()
        .position(|t| *t == title)
        .unwrap_or_else(|| panic!("no document {title}")) as u32
}

#[test]
fn each_language_indexes_only_what_its_listings_show() {
    let site = bilingual("none");
    site.build();
    let vi = read_index(&site, "search/");
    let en = read_index(&site, "en/search/");
    assert_eq!(
        vi.titles(),
        [
            "Dân vận khéo ở Ninh Bình",
            "Nghị quyết 18 hỏi gì, đáp gì",
            "Tổ phụ nữ giữ biển sạch",
        ],
        "listing order across kinds: newest first, models by year"
    );
    assert_eq!(vi.meta["kinds"], "aem");
    assert_eq!(en.titles(), ["Skilled mass mobilization in Ninh Binh"]);
    assert_eq!(en.meta["kinds"], "a");
    assert!(en.found("dan").is_empty(), "no Vietnamese text in en");
    assert!(vi.found("residents").is_empty(), "no English text in vi");
    // Documents: title, URL as listings give it (sub-path included), date in the index's
    // language (a model's year), snippet, original language (none: translated).
    let doc = &vi.docs[0];
    assert_eq!(doc[1], "/sub/articles/dan-van-kheo/");
    assert_eq!(doc[2], "ngày 1 tháng 3 năm 2025");
    assert_eq!(doc[3], "Người dân đồng thuận hiến đất.");
    assert_eq!(doc[4], Value::Null);
    assert_eq!(vi.docs[2][2], "2024");
    assert_eq!(en.docs[0][1], "/sub/en/articles/dan-van-kheo/");
}

#[test]
fn with_fallback_default_untranslated_items_are_indexed_in_their_original_marked() {
    let site = bilingual("default");
    site.build();
    let en = read_index(&site, "en/search/");
    assert_eq!(
        en.titles(),
        [
            "Skilled mass mobilization in Ninh Binh",
            "Nghị quyết 18 hỏi gì, đáp gì",
            "Tổ phụ nữ giữ biển sạch",
        ]
    );
    assert_eq!(en.docs[0][4], Value::Null);
    assert_eq!(en.docs[1][4], "vi");
    assert_eq!(en.docs[1][1], "/sub/explainers/nghi-quyet/");
    assert_eq!(
        en.found("nghi"),
        [(
            "Nghị quyết 18 hỏi gì, đáp gì".to_string(),
            "nghị".to_string()
        )]
    );
    // The translated item is there once, in English only.
    assert!(en.found("kheo").is_empty());
}

#[test]
fn nfd_sources_give_the_same_index_as_nfc_sources() {
    let composed = bilingual("none");
    let decomposed = Site::new();
    for rel in files_under(&composed.root) {
        let text = std::fs::read_to_string(composed.root.join(&rel)).expect("read");
        decomposed.write(&rel, text.nfd().collect::<String>());
    }
    composed.build();
    decomposed.build();
    for lang in ["search/", "en/search/"] {
        for file in files_under(&composed.out().join(lang)) {
            if file.ends_with(".js") {
                let path = format!("{lang}{file}");
                assert_eq!(composed.read(&path), decomposed.read(&path), "{path}");
            }
        }
    }
}

#[test]
fn large_indexes_are_split_into_shards_in_term_order() {
    let mut site = Site::with_config();
    // 300 articles, each with a few words of its own and many shared ones.
    let syllables = [
        "dân",
        "vận",
        "khéo",
        "đồng",
        "thuận",
        "hiến",
        "đất",
        "làm",
        "đường",
        "nông",
        "thôn",
        "mới",
        "phụ",
        "nữ",
        "biển",
        "sạch",
        "cựu",
        "chiến",
        "binh",
        "an",
        "ninh",
        "trật",
        "tự",
    ];
    for n in 0..300 {
        let words: Vec<String> = (0..40)
            .map(|k| {
                format!(
                    "{}{}",
                    syllables[(n * 7 + k * 3) % syllables.len()],
                    ["", "x", "y"][k % 3]
                )
            })
            .collect();
        site = site.file(
            &format!("content/articles/a{n:03}.md"),
            md(
                &format!(
                    "title: Bài số {n} về {}\ndate: 2025-01-{:02}",
                    syllables[n % syllables.len()],
                    n % 28 + 1
                ),
                &format!("{} từriêng{n} mãsố{n}x.\n", words.join(" ")),
            ),
        );
    }
    site.build();
    let vi = read_index(&site, "search/");
    let shards = vi.meta["shards"].as_array().expect("shards");
    assert!(shards.len() > 1, "one shard for {} terms", vi.terms.len());
    assert_eq!(vi.docs.len(), 300);
    assert_eq!(
        files_under(&site.out().join("search"))
            .iter()
            .filter(|f| f.starts_with('d'))
            .count(),
        15,
        "20 documents a file"
    );
    // Shard N holds the terms from its first term up to shard N+1's first term.
    let firsts: Vec<&str> = shards
        .iter()
        .map(|s| s[0].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(firsts[0], "");
    for (term, &n) in &vi.shard_of {
        assert!(firsts[n] <= term.as_str(), "{term} in shard {n}");
        if let Some(next) = firsts.get(n + 1) {
            assert!(term.as_str() < *next, "{term} in shard {n}");
        }
    }
    for shard in shards {
        assert!(shard[1].as_u64().unwrap_or(0) < 40_000, "{shard}");
    }
    // Every document's own word is found, in that document only.
    for n in [0, 150, 299] {
        let found = vi.found(&format!("turieng{n}"));
        assert_eq!(found.len(), 1, "{n}");
        assert_eq!(
            found[0].0,
            format!("Bài số {n} về {}", syllables[n % syllables.len()])
        );
    }
}

#[test]
fn search_page_per_language_and_a_search_form_in_every_header() {
    let site = bilingual("none");
    site.build();
    for (lang, page, script, action) in [
        ("vi", "search/index.html", "../search.js", "/sub/search/"),
        (
            "en",
            "en/search/index.html",
            "../../search.js",
            "/sub/en/search/",
        ),
    ] {
        let doc = site.html(page);
        assert_eq!(attr(one(&doc, "html"), "lang"), Some(lang));
        assert_eq!(attr(one(&doc, "script[src]"), "src"), Some(script));
        assert!(site.exists("search.js"));
        one(&doc, "meta[name=robots][content=noindex]");
        one(&doc, "form#search-form input#search-q[name=q]");
        assert!(
            select(&doc, ".site-search").is_empty(),
            "no second box on the page"
        );
        let config: Value =
            serde_json::from_str(&text(one(&doc, "script#search-config"))).expect("config");
        assert_eq!(config["lang"], lang);
        assert_eq!(config["index"], "./");
        // Without JavaScript: a note and the listings.
        let html = site.read(page);
        let noscript = &html[html.find("<noscript>").expect("noscript")..];
        assert!(
            noscript.contains(&format!(
                "href=\"{}articles/\"",
                action.trim_end_matches("search/")
            )),
            "{noscript}"
        );
        // Every other page has the header form, leading to its language's search page.
        let other = site.html(&format!(
            "{}articles/index.html",
            if lang == "vi" { "" } else { "en/" }
        ));
        let form = one(&other, "header form.site-search[role=search]");
        assert_eq!(attr(form, "action"), Some(action));
        one(
            &other,
            "header form.site-search input[type=search][name=q][aria-label]",
        );
    }
    // The kind filter offers the kinds the language's index holds.
    let vi = site.html("search/index.html");
    let kinds: Vec<&str> = select(&vi, "#search-kind option")
        .into_iter()
        .filter_map(|o| attr(o, "value"))
        .collect();
    assert_eq!(kinds, ["", "article", "model", "explainer"]);
    assert!(select(&site.html("en/search/index.html"), "#search-kind").is_empty());
    // Search pages are language versions of each other, and not in the sitemap.
    assert_eq!(
        attr(one(&vi, ".languages a[hreflang=en]"), "href"),
        Some("/sub/en/search/")
    );
    assert!(!site.read("sitemap.xml").contains("search/"));
}

#[test]
fn nothing_else_may_put_files_in_the_search_folder() {
    let site = bilingual("none")
        .file("content/pages/search.md", md("title: Search", "x\n"))
        .file("static/search/t0.js", "x");
    let errors = site.errors();
    let all = show(&errors);
    assert!(
        all.contains("content/pages/search.md") && all.contains("same URL (/search/)"),
        "{all}"
    );
    assert!(
        all.contains("static/search/t0.js") && all.contains("folder of the search page"),
        "{all}"
    );
}

/// Runs tests/browser/search.mjs on `site` (built for http://127.0.0.1/sub/): its answer,
/// once it is checked that no step failed.
fn search_in_chromium(site: &Site, tools: &str, steps: &serde_json::Value) -> serde_json::Value {
    let result = run_browser_script(
        "search.mjs",
        &[
            &site.out().to_string_lossy(),
            "/sub/",
            tools,
            &steps.to_string(),
        ],
    );
    assert_eq!(result["errors"], serde_json::json!([]), "{result}");
    result
}

/// The titles of the results of step `n`, in order.
fn result_titles(result: &serde_json::Value, n: usize) -> Vec<String> {
    result["results"][n]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn search_finds_items_with_and_without_tone_marks_in_chromium() {
    let Some(tools) = browser_tools() else {
        return;
    };
    // An older item whose only `đàn` is in its body.
    let site = bilingual("default")
        .file(
            "site.yaml",
            format!("{SITE_YAML_VI_EN}  - code: fr\n    name: Français\nfallback: default\n"),
        )
        .file(
            "content/articles/dan-van-kheo.fr.md",
            md(
                "title: Réunion publique à Hoa Lư\ndate: 2025-03-01\nsummary: Les habitants approuvent.",
                "Dialogue.\n",
            ),
        )
        .file(
        "content/articles/ca-tai-tu.md",
        md(
            "title: Ca tài tử ở xã\ndate: 2025-01-01\nsummary: Nhạc của xã.",
            "Tiếng đàn mời khách.\n",
        ),
    );
    site.build_with(|o| o.base_url = Some("http://127.0.0.1/sub/".into()));
    let nfd: String = "Dân vận".nfd().collect();
    let steps = serde_json::json!([
        {"type": "dan van kheo", "page": "search/"},
        {"type": "Dân vận khéo", "page": "search/"},
        {"type": nfd, "page": "search/"},
        {"type": "dan", "page": "search/"},
        {"type": "đàn", "page": "search/"},
        {"type": "ninh bi", "page": "en/search/"},
        {"type": "nghi quyet", "page": "en/search/"},
        {"type": "phu nu", "page": "search/", "kind": "model"},
        {"type": "phu nu", "page": "search/", "kind": "article"},
        {"type": "hoa lu", "page": "articles/", "header": true},
        {"open": "search/?q=nghi%20quyet%2018"},
        {"type": "khong co gi", "page": "search/"},
        {"nojs": "search/"},
        {"file": "search/index.html", "type": "to phu nu"},
        {"file": "en/search/index.html", "type": "residents"},
        {"type": "reunion publique", "page": "fr/search/"},
        {"type": "Réunion", "page": "fr/search/"},
    ]);
    let result = search_in_chromium(&site, tools, &steps);
    let step = |n: usize| &result["results"][n];
    let titles = |n: usize| result_titles(&result, n);
    let first = |n: usize| titles(n).first().cloned().unwrap_or_default();

    // Without tone marks, with them, typed decomposed: the same item first.
    for n in [0, 1, 2] {
        assert_eq!(first(n), "Dân vận khéo ở Ninh Bình", "{}", step(n));
    }
    let top = &step(0)["results"][0];
    assert_eq!(top["href"], "/sub/articles/dan-van-kheo/");
    assert_eq!(top["kind"], "Tin bài");
    assert_eq!(top["date"], "ngày 1 tháng 3 năm 2025");
    assert_eq!(top["marks"][0], "Dân", "{top}");
    assert_eq!(step(0)["status"], "Kết quả cho “dan van kheo”: 1");
    assert_eq!(step(0)["overflow"], false, "no horizontal scroll at 360 px");
    assert!(
        step(0)["url"]
            .as_str()
            .unwrap_or_default()
            .ends_with("/sub/search/?q=dan+van+kheo"),
        "the query is kept in the address: {}",
        step(0)["url"]
    );
    // `dan` finds dân, dẫn and đàn alike (the title match first); `đàn` puts the item with
    // that very spelling first, though it is only in its body and the item is older.
    assert_eq!(
        titles(3),
        ["Dân vận khéo ở Ninh Bình", "Ca tài tử ở xã"],
        "{}",
        step(3)
    );
    assert_eq!(
        titles(4),
        ["Ca tài tử ở xã", "Dân vận khéo ở Ninh Bình"],
        "{}",
        step(4)
    );
    // English: a prefix while typing; untranslated items are found, marked.
    assert_eq!(
        first(5),
        "Skilled mass mobilization in Ninh Binh",
        "{}",
        step(5)
    );
    let explainer = &step(6)["results"][0];
    assert_eq!(explainer["title"], "Nghị quyết 18 hỏi gì, đáp gì");
    assert_eq!(explainer["kind"], "Policy explainer");
    assert_eq!(explainer["untranslated"], "Not yet translated (Tiếng Việt)");
    // The kind filter.
    assert_eq!(titles(7), ["Tổ phụ nữ giữ biển sạch"]);
    assert!(titles(8).is_empty(), "{}", step(8));
    // On a 360 px phone the header (one row) and the language row leave the screen to the
    // content: its heading starts within 120 px of the top (about 107 px with this two-line
    // site title; it was about 240 px with the menu, the search box and the languages in full).
    let main_top = step(9)["mainTop"].as_f64().unwrap_or(f64::MAX);
    assert!(main_top <= 120.0, "content starts at {main_top} px");
    // The header's box leads to the search page with the query.
    assert_eq!(first(9), "Dân vận khéo ở Ninh Bình", "{}", step(9));
    assert!(
        step(9)["url"]
            .as_str()
            .unwrap_or_default()
            .contains("/sub/search/?q=hoa+lu")
    );
    assert_eq!(first(10), "Nghị quyết 18 hỏi gì, đáp gì");
    assert!(titles(11).is_empty());
    assert_eq!(
        step(11)["status"],
        "Không tìm thấy kết quả nào cho “khong co gi”."
    );
    // Without JavaScript: the page says so and links to the listings.
    assert!(
        step(12)["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Tìm kiếm cần JavaScript"),
        "{}",
        step(12)
    );
    assert_eq!(step(12)["links"][0], "/sub/articles/");
    // From disk (file://), where fetch() is blocked.
    assert_eq!(first(13), "Tổ phụ nữ giữ biển sạch", "{}", step(13));
    assert_eq!(
        first(14),
        "Skilled mass mobilization in Ninh Binh",
        "{}",
        step(14)
    );
}

/// Issue 8 is done when, on the example site, a reader on a phone finds any item by typing
/// part of its title without tone marks, in Vietnamese and in English: for every document of
/// the two indexes (the English one includes the untranslated Vietnamese items), three words
/// of its title, folded, typed whole and then cut short as while typing, find it among the
/// first page of results.
#[test]
fn every_example_item_is_found_by_part_of_its_title_without_tone_marks() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let options = bantin::pipeline::BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        output: Some(out.path().join("public")),
        base_url: Some("http://127.0.0.1/dan-van/".into()),
        ..Default::default()
    };
    expect_ok(bantin::build_site(&options));
    let public = out.path().join("public");
    let mut steps = Vec::new();
    let mut expected = Vec::new();
    for folder in ["search/", "en/search/"] {
        let (_, _, meta) = index_file_in(&public, &format!("{folder}index.js"));
        let count = meta["kinds"].as_str().unwrap_or_default().chars().count();
        let mut queries = Vec::new();
        for n in 0..count.div_ceil(20) {
            let (_, _, rows) = index_file_in(&public, &format!("{folder}d{n}.js"));
            for row in rows.as_array().expect("rows") {
                let title = row[0].as_str().unwrap_or_default().to_string();
                let folded = bantin::search::fold(&title);
                let words: Vec<&str> = bantin::search::words(&folded)
                    .filter(|w| w.chars().count() >= 2)
                    .collect();
                let part = if words.len() > 3 {
                    &words[1..4]
                } else {
                    &words[..]
                };
                let whole = part.join(" ");
                let mut typing = whole.clone();
                if part.last().is_some_and(|w| w.chars().count() > 2) {
                    typing.pop();
                }
                for q in [whole, typing] {
                    queries.push(q);
                    expected.push((folder, title.clone()));
                }
            }
        }
        assert!(queries.len() >= 40, "{folder}: {queries:?}");
        steps.push(serde_json::json!({"queries": queries, "page": folder}));
    }
    let result = run_browser_script(
        "search.mjs",
        &[
            &public.to_string_lossy(),
            "/dan-van/",
            tools,
            &Value::from(steps.clone()).to_string(),
        ],
    );
    assert_eq!(result["errors"], serde_json::json!([]), "{result}");
    let found: Vec<&Value> = result["results"]
        .as_array()
        .expect("results")
        .iter()
        .flat_map(|r| r["found"].as_array().expect("found"))
        .collect();
    let queries: Vec<&Value> = steps
        .iter()
        .flat_map(|s| s["queries"].as_array().expect("queries"))
        .collect();
    assert_eq!(found.len(), expected.len());
    let mut missed = Vec::new();
    for ((titles, query), (folder, title)) in found.iter().zip(&queries).zip(&expected) {
        let first_page: Vec<&str> = titles
            .as_array()
            .expect("titles")
            .iter()
            .take(10)
            .filter_map(Value::as_str)
            .collect();
        if !first_page.contains(&title.as_str()) {
            missed.push(format!("{folder} {query} -> {title}: {first_page:?}"));
        }
    }
    assert!(
        missed.is_empty(),
        "not on the first page:\n{}",
        missed.join("\n")
    );
}

/// The query's words together come first and are the ones marked: `ninh binh` puts "Ninh
/// Bình" before a newer "an ninh ... Bình Thuận", and `dan van` marks "Dân vận", not the
/// "dẫn" and "văn" of the same text.
#[test]
fn search_ranks_phrases_first_and_marks_only_what_matched_in_chromium() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let site = Site::with_config()
        .file(
            "content/articles/ninh-binh.md",
            md(
                "title: Xã mới ở Ninh Bình\ndate: 2025-03-01\nsummary: Người dân đồng thuận.",
                "x\n",
            ),
        )
        .file(
            "content/articles/an-ninh.md",
            md(
                "title: Giữ an ninh ở Bình Thuận\ndate: 2025-04-01\nsummary: \"Dân vận tốt: cán bộ dẫn đường, văn bản rõ.\"",
                "x\n",
            ),
        )
        .file(
            "content/articles/van-ban.md",
            md(
                "title: Văn bản mới\ndate: 2025-02-01\nsummary: Cán bộ dẫn dắt bà con.",
                "x\n",
            ),
        );
    site.build_with(|o| o.base_url = Some("http://127.0.0.1/sub/".into()));
    let steps = serde_json::json!([
        {"type": "ninh binh", "page": "search/"},
        {"type": "dan van", "page": "search/"},
        {"type": "ninh", "page": "search/"},
    ]);
    let result = search_in_chromium(&site, tools, &steps);
    let results = |n: usize| {
        result["results"][n]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let titles = |n: usize| result_titles(&result, n);
    assert_eq!(
        titles(0),
        ["Xã mới ở Ninh Bình", "Giữ an ninh ở Bình Thuận"],
        "{result}"
    );
    // One word: listing order (newest first) as before.
    assert_eq!(
        titles(2),
        ["Giữ an ninh ở Bình Thuận", "Xã mới ở Ninh Bình"],
        "{result}"
    );
    // "Dân vận" together: only those two words are marked in that card.
    let card = results(1)
        .into_iter()
        .find(|r| r["title"] == "Giữ an ninh ở Bình Thuận")
        .expect("the item with Dân vận in its summary");
    assert_eq!(card["marks"], serde_json::json!(["Dân", "vận"]), "{card}");
    // Where the words stand apart, each is marked.
    let apart = results(1)
        .into_iter()
        .find(|r| r["title"] == "Văn bản mới")
        .expect("the item with dẫn and văn apart");
    assert_eq!(apart["marks"], serde_json::json!(["Văn", "dẫn"]), "{apart}");
}

/// A video's title is found: the words of a link line (they are in the body) and the front
/// matter's `video_title` (in no other field).
#[test]
fn video_titles_are_indexed() {
    let site = Site::with_config().file(
        "content/articles/video.md",
        md(
            "title: Tin có video\ndate: 2025-11-05\nvideo: https://youtu.be/Lq3vR8nT5aE\nvideo_title: Lễ hội cồng chiêng",
            "[Buổi tập múa xòe](https://youtu.be/Xh7Qm2pD4sA)\n",
        ),
    );
    site.build();
    let vi = read_index(&site, "search/");
    for term in ["chieng", "xoe"] {
        assert_eq!(
            vi.found(term).first().map(|(title, _)| title.as_str()),
            Some("Tin có video"),
            "{term}"
        );
    }
}
