//! Bulletin print editions: the document's structure (cover, contents, one section per item,
//! ids unique, links inside the document, QR codes), and the PDF that `bantin print` makes
//! with Chromium: pages, titles, page numbers, nothing past the right edge, QR decodable.
//! The PDF tests skip when Chromium is absent, except in CI (`CI` set), where they must run.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::process::Command;

fn edition_site() -> Site {
    Site::with_config()
        .file("data/localities.yaml", LOCALITIES)
        .file(
            "content/articles/mot.md",
            md(
                "title: Bài một\ndate: 2025-03-01\nlocality: ha-nam",
                "Mở đầu.\n\n## Kết quả\n\nXem [mô hình](../models/hop-tac-xa.md#cach-lam) và [dưới](#ket-qua)[^a].\n\n[^a]: Chú thích.\n",
            ),
        )
        .file(
            "content/models/hop-tac-xa.md",
            md(
                "title: Hợp tác xã cà phê\nunit: HTX\nunit_type: collective\narea: economy\nstatus: recognized\nyear: 2024\nlocality: lam-dong",
                "## Kết quả\n\nTốt.\n\n## Cách làm\n\nVận động.\n",
            ),
        )
        .file(
            "content/explainers/hoi-dap.md",
            md("title: Hỏi đáp\npolicy: Nghị quyết 18", "## Ai được hỏi?\n\nMọi người.\n\n## Kết quả\n\nCó.\n"),
        )
        .file(
            "content/bulletins/so-1.md",
            md(
                "title: Bản tin số 1\ndate: 2025-03-10\nnumber: 1\nitems:\n  - articles/mot\n  - models/hop-tac-xa\n  - explainers/hoi-dap",
                "Lời giới thiệu.\n",
            ),
        )
}

#[test]
fn print_edition_has_a_cover_contents_and_one_section_per_item() {
    let site = edition_site();
    site.build();
    let doc = site.html("bulletins/so-1/print/index.html");
    assert_eq!(
        select(&doc, "meta[name=robots][content~=noindex]").len(),
        1,
        "the print page is noindex"
    );
    assert_eq!(select(&doc, ".cover").len(), 1);
    let sections: Vec<String> = select(&doc, "article.print-item")
        .into_iter()
        .filter_map(|a| attr(a, "id").map(str::to_string))
        .collect();
    assert_eq!(sections, ["item-1", "item-2", "item-3"]);
    let contents = hrefs(&doc, ".print-toc a");
    assert_eq!(
        contents,
        ["#item-1", "#item-2", "#item-3"],
        "contents lists the items in order"
    );
    let titles: Vec<String> = select(&doc, "article.print-item h2")
        .into_iter()
        .take(1)
        .map(text)
        .collect();
    assert_eq!(titles, ["Bài một"]);
}

#[test]
fn print_edition_ids_are_unique_and_links_inside_it_resolve() {
    let site = edition_site();
    site.build();
    let doc = site.html("bulletins/so-1/print/index.html");
    let ids: Vec<String> = select(&doc, "[id]")
        .into_iter()
        .filter_map(|e| attr(e, "id").map(str::to_string))
        .collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    // Both `## Kết quả` headings exist, each under its own item.
    assert!(
        unique.contains(&"item-1-ket-qua".to_string())
            && unique.contains(&"item-2-ket-qua".to_string()),
        "{ids:?}"
    );
    for href in hrefs(&doc, "a[href^='#']") {
        assert!(
            unique.contains(&href[1..].to_string()),
            "in-document link {href} has no target"
        );
    }
    // The article's link to the model of the edition stays inside the document.
    let links = hrefs(&doc, "#item-1 .content a");
    assert!(links.contains(&"#item-2-cach-lam".to_string()), "{links:?}");
    assert!(links.contains(&"#item-1-ket-qua".to_string()), "{links:?}");
}

#[test]
fn every_item_of_the_edition_carries_a_qr_code_of_its_address() {
    let site = edition_site();
    site.build();
    let doc = site.html("bulletins/so-1/print/index.html");
    for (anchor, url) in [
        ("item-1", "https://example.org/sub/articles/mot/"),
        ("item-2", "https://example.org/sub/models/hop-tac-xa/"),
        ("item-3", "https://example.org/sub/explainers/hoi-dap/"),
    ] {
        let qr = one(&doc, &format!("#{anchor} svg.qr"));
        assert_eq!(attr(qr, "aria-label"), Some(format!("QR {url}").as_str()));
        assert!(
            !select_in(qr, "path, rect").is_empty(),
            "{anchor}: the QR code has no modules"
        );
    }
}

#[test]
fn print_page_is_not_in_the_sitemap_and_the_bulletin_links_to_it() {
    let site = edition_site();
    site.build();
    assert!(!site.read("sitemap.xml").contains("/print/"));
    let doc = site.html("bulletins/so-1/index.html");
    assert!(hrefs(&doc, "a").contains(&"/sub/bulletins/so-1/print/".to_string()));
}

/// Chromium on PATH, or `None` when the PDF tests may skip (never in CI).
fn chromium() -> Option<String> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("CI must run the PDF tests: install chromium and poppler-utils in .ci/run");
    }
    found.map(str::to_string)
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (apt-get install poppler-utils)"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints the example site's first bulletin and checks the PDF page by page.
fn check_example_pdf(lang: Option<&str>, titles: &[&str]) {
    if chromium().is_none() {
        eprintln!("no Chromium: PDF test skipped");
        return;
    }
    let repo = env!("CARGO_MANIFEST_DIR");
    let tmp = tempfile::tempdir().expect("temp dir");
    let pdf = tmp.path().join("edition.pdf");
    let mut args = vec![
        "print",
        "ban-tin-dan-van-so-1",
        "--source",
        repo,
        "--output",
    ];
    let pdf_arg = pdf.to_string_lossy().into_owned();
    args.push(&pdf_arg);
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    let out = bin().args(&args).output().expect("bantin print runs");
    assert!(
        out.status.success(),
        "bantin print failed: {}",
        stderr(&out)
    );
    assert!(pdf.is_file());

    let info = tool("pdfinfo", &[&pdf_arg]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    // Items follow one another: the five-item example fits on two thirds of the 12 sheets
    // that one item per page took (a new item starts a page only when a third is left).
    assert!(
        (titles.len()..=8).contains(&pages),
        "a cover with the contents, then the items one after another in at most 8 pages; got {pages} pages"
    );
    let pdf_title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_default();
    assert!(
        !pdf_title.contains('(') && !pdf_title.contains(" – "),
        "the PDF's title is the bulletin's, once: {pdf_title}"
    );
    let text = tool("pdftotext", &["-layout", &pdf_arg, "-"]);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for title in titles {
        let words: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&words), "the PDF lacks the title `{title}`");
    }
    // Page numbers: "N/M" (the theme's "page N of M" margin box) on the last page.
    assert!(
        flat.contains(&format!("{pages}/{pages}")) || flat.contains(&format!("{pages} of {pages}")),
        "no page numbers in the PDF"
    );

    // The contents (on the cover page) give each item's page, and the item is on that page.
    let contents = tool(
        "pdftotext",
        &["-layout", "-f", "1", "-l", "1", &pdf_arg, "-"],
    );
    let item = titles[1];
    let page = contents_page(&contents, item);
    let on_page = tool(
        "pdftotext",
        &[
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            &pdf_arg,
            "-",
        ],
    );
    assert!(
        on_page
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(item),
        "the contents say page {page} for `{item}`"
    );

    // Nothing runs past the right edge of a page.
    let bbox = tool("pdftotext", &["-bbox", &pdf_arg, "-"]);
    let mut width = 0.0f64;
    for line in bbox.lines() {
        let num = |key: &str| -> Option<f64> {
            line.split(&format!("{key}=\""))
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()
        };
        if line.trim_start().starts_with("<page") {
            width = num("width").unwrap_or(0.0);
        } else if line.trim_start().starts_with("<word")
            && let Some(x_max) = num("xMax")
        {
            assert!(
                x_max <= width + 0.5,
                "a word ends at x={x_max}, past the page width {width}: {line}"
            );
        }
    }

    // The QR codes lead back online: decoded from the printed pages when zbarimg is there
    // (CI installs it): the edition's on the cover, and one per item.
    if Command::new("zbarimg").arg("--version").output().is_ok() {
        let prefix = tmp.path().join("page");
        tool(
            "pdftoppm",
            &["-png", "-r", "100", &pdf_arg, &prefix.to_string_lossy()],
        );
        let mut urls = BTreeSet::new();
        for png in std::fs::read_dir(tmp.path())
            .expect("pages")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
        {
            let decoded = Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .arg(&png)
                .output()
                .expect("zbarimg");
            urls.extend(
                String::from_utf8_lossy(&decoded.stdout)
                    .lines()
                    .map(str::to_string),
            );
        }
        let edition = format!(
            "https://example.org/dan-van/{}bulletins/ban-tin-dan-van-so-1/",
            lang.map(|l| format!("{l}/")).unwrap_or_default()
        );
        assert!(
            urls.contains(&edition),
            "no QR code of the edition ({edition}) in {urls:?}"
        );
        assert!(
            urls.len() > titles.len(),
            "one QR code per item expected, decoded {urls:?}"
        );
    }
}

#[test]
fn example_bulletin_prints_to_a_pdf_in_vietnamese() {
    check_example_pdf(
        None,
        &[
            "Bản tin Dân vận số 1",
            "Ninh Bình về đích xóa nhà tạm, nhà dột nát",
        ],
    );
}

#[test]
fn example_bulletin_prints_to_a_pdf_in_english() {
    check_example_pdf(
        Some("en"),
        &[
            "Mass Mobilization Bulletin No. 1",
            "Ninh Binh finishes replacing makeshift and dilapidated houses",
        ],
    );
}

#[test]
fn print_without_a_browser_says_how_to_print_from_the_browser() {
    let site = edition_site();
    let missing = site.base().join("no-such-browser");
    let out = site.bantin(&["print", "so-1", "--browser", &missing.to_string_lossy()]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("no Chromium or Chrome") && err.contains("print/"),
        "{err}"
    );
}

#[test]
fn the_print_editions_title_says_the_bulletin_and_its_number_once() {
    let site = edition_site().file(
        "content/bulletins/thang-ba.md",
        md(
            "title: Tin tháng Ba\ndate: 2025-03-31\nnumber: 12\nitems: [articles/mot]",
            "x\n",
        ),
    );
    site.write(
        "content/bulletins/so-1.md",
        md(
            "title: Bản tin Thử nghiệm số 1\ndate: 2025-03-10\nnumber: 1\nitems: [articles/mot]",
            "x\n",
        ),
    );
    site.build();
    let title = |file: &str| text(one(&site.html(file), "title"));
    assert_eq!(
        title("bulletins/so-1/print/index.html"),
        "Bản tin Thử nghiệm số 1"
    );
    assert_eq!(
        title("bulletins/thang-ba/print/index.html"),
        "Tin tháng Ba (Số 12) – Bản tin Thử nghiệm"
    );
}

#[test]
fn items_follow_one_another_unless_the_editor_asks_for_a_new_page() {
    let site = edition_site();
    site.write(
        "content/explainers/hoi-dap.md",
        md(
            "title: Hỏi đáp\npolicy: Nghị quyết 18\npage_break: true",
            "## Ai được hỏi?\n\nMọi người.\n",
        ),
    );
    site.build();
    let doc = site.html("bulletins/so-1/print/index.html");
    let classes: Vec<String> = select(&doc, "main > article.print-item")
        .into_iter()
        .map(|a| attr(a, "class").unwrap_or_default().to_string())
        .collect();
    assert_eq!(classes.len(), 3);
    // The first item opens the items' pages; the explainer asked for its own.
    assert!(classes[0].contains("page-break"), "{classes:?}");
    assert!(!classes[1].contains("page-break"), "{classes:?}");
    assert!(classes[2].contains("page-break"), "{classes:?}");
    // Only the item that follows on the same page has the block that keeps a third free.
    assert_eq!(select(&doc, "main > .print-keep").len(), 1);
    assert!(select(&doc, "body.print-columns-2").is_empty());

    site.write("site.yaml", format!("{SITE_YAML}print_columns: 2\n"));
    site.build();
    let doc = site.html("bulletins/so-1/print/index.html");
    assert_eq!(select(&doc, "body.print-columns-2").len(), 1);
    site.write("site.yaml", format!("{SITE_YAML}print_columns: 3\n"));
    let ds = expect_content_errors(site.try_build());
    assert!(
        show(&ds).contains("expected 1 (the default) or 2"),
        "{}",
        show(&ds)
    );
}

/// The sheet sides of a booklet of `count` pages (a multiple of 4), as 1-based page numbers:
/// the outer sheet's front holds the last page and the first, and so on inwards.
fn booklet_sides(count: usize) -> Vec<[usize; 2]> {
    (0..count / 4)
        .flat_map(|s| [[count - 2 * s, 2 * s + 1], [2 * s + 2, count - 1 - 2 * s]])
        .collect()
}

#[test]
fn a_booklet_puts_two_a5_pages_on_each_side_of_an_a4_sheet_in_folding_order() {
    if chromium().is_none() {
        eprintln!("no Chromium: booklet test skipped");
        return;
    }
    let repo = env!("CARGO_MANIFEST_DIR");
    let tmp = tempfile::tempdir().expect("temp dir");
    let pdf = tmp.path().join("so-tay.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let out = bin()
        .args([
            "print",
            "ban-tin-dan-van-so-1",
            "--booklet",
            "--source",
            repo,
        ])
        .args(["--output", &pdf_arg])
        .output()
        .expect("bantin print runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let number = |before: &str| -> usize {
        let at = said
            .find(before)
            .unwrap_or_else(|| panic!("{before} in {said}"));
        said[..at]
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number before {before} in {said}"))
    };
    let (pages, sheets) = (number(" A5 pages"), number(" A4 sheet"));
    assert_eq!(sheets, pages.div_ceil(4), "{said}");

    let info = tool("pdfinfo", &[&pdf_arg]);
    assert!(
        info.contains(&format!("Pages:           {}", 2 * sheets)),
        "{info}"
    );
    assert!(
        info.contains("Title:           Bản tin Dân vận số 1"),
        "{info}"
    );
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("a page size");
    let size: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        (835.0..=845.0).contains(&size[0]) && (590.0..=600.0).contains(&size[1]),
        "A4 landscape sheets: {size:?}"
    );

    // Each half of each side carries the page its footer names ("Trang 3/12"), in order.
    let half = |side: usize, right: bool| {
        let side = side.to_string();
        let x = if right { "421" } else { "0" };
        tool(
            "pdftotext",
            &[
                "-layout", "-f", &side, "-l", &side, "-x", x, "-y", "0", "-W", "420", "-H", "600",
                "-r", "72", &pdf_arg, "-",
            ],
        )
    };
    let count = 4 * sheets;
    let mut seen = Vec::new();
    for (i, [left, right]) in booklet_sides(count).into_iter().enumerate() {
        for (page, is_right) in [(left, false), (right, true)] {
            let text = half(i + 1, is_right);
            if page <= pages {
                assert!(
                    text.contains(&format!("Trang {page}/{pages}")),
                    "side {} {}: page {page} expected:\n{text}",
                    i + 1,
                    if is_right { "right" } else { "left" }
                );
                seen.push((page, text));
            } else {
                assert!(text.trim().is_empty(), "a blank page: {text}");
            }
        }
    }
    // The contents give the A5 page of each item: that page has its title.
    let cover = &seen.iter().find(|(p, _)| *p == 1).expect("the cover").1;
    let listed = contents_page(cover, "Ninh Bình về đích xóa nhà tạm, nhà dột nát");
    let page = &seen
        .iter()
        .find(|(p, _)| *p == listed)
        .expect("that page")
        .1;
    assert!(
        page.replace('\n', " ")
            .contains("Ninh Bình về đích xóa nhà tạm"),
        "page {listed}:\n{page}"
    );
}

/// The page number the contents (the text of the cover page) give for `title`.
fn contents_page(contents: &str, title: &str) -> usize {
    let line = contents
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("`{title}` not in the contents: {contents}"));
    line.split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page number in `{line}`"))
}
