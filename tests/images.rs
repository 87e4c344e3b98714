//! Light pages: local images are resized at build time into a few widths, shown with
//! `srcset`/`sizes` and their size, cached between builds, and a damaged image is an editor's
//! error at the place that shows it.

mod common;

use common::*;
use image::{DynamicImage, ImageFormat, RgbImage};

/// A photo-like JPEG (smooth gradients with some texture) of `width` x `height` pixels.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let noise = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 7) % 24;
        image::Rgb([
            (x * 200 / width.max(1) + noise) as u8,
            (y * 180 / height.max(1) + noise) as u8,
            (120 + noise) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Jpeg)
        .expect("encode a test JPEG");
    out.into_inner()
}

/// A drawing-like PNG (a few flat colours), where lossless WebP is smaller than PNG.
fn drawing(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        if y < height / 2 {
            image::Rgb([90, 160, 220])
        } else if (x / 40) % 2 == 0 {
            image::Rgb([240, 200, 120])
        } else {
            image::Rgb([30, 90, 160])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Png)
        .expect("encode a test PNG");
    out.into_inner()
}

/// Width and height of an output image file.
fn dimensions(site: &Site, url: &str) -> (u32, u32) {
    let file = site
        .out()
        .join(url.strip_prefix("/sub/").expect("a URL under /sub/"));
    image::image_dimensions(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The URLs and widths of a `srcset`.
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.split_once(' ').expect("url and width");
            let w = w.strip_suffix('w').expect("a width descriptor");
            (url.to_string(), w.parse().expect("a number"))
        })
        .collect()
}

fn photo_site() -> Site {
    Site::with_config()
        .file(
            "content/articles/hop-thon/index.md",
            md(
                "title: Họp thôn\ndate: 2025-08-05\nimage: anh-hop.jpg\nimage_alt: Người dân họp thôn",
                "Mở đầu.\n\n![Người dân họp thôn](anh-hop.jpg)\n",
            ),
        )
        .file("content/articles/hop-thon/anh-hop.jpg", jpeg(1600, 1000))
}

#[test]
fn a_wide_photo_gets_three_widths_in_srcset_under_the_sub_path() {
    let site = photo_site();
    let report = site.build();
    assert_eq!((report.images.images, report.images.processed), (1, 1));
    let doc = site.html("articles/hop-thon/index.html");
    let img = one(&doc, ".content img");
    let set = candidates(attr(img, "srcset").expect("a srcset"));
    let widths: Vec<u32> = set.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [360, 720, 1080]);
    for (url, w) in &set {
        assert!(url.starts_with("/sub/img/anh-hop."), "{url}");
        assert!(url.ends_with(&format!(".{w}.jpg")), "{url}");
        let (width, height) = dimensions(&site, url);
        assert_eq!(width, *w, "{url}");
        assert_eq!(height, (w * 1000 + 800) / 1600, "{url}: aspect ratio kept");
    }
    assert_eq!(attr(img, "sizes"), Some("(min-width: 42rem) 40rem, 100vw"));
    // The size of the widest version, so that the page does not jump while it loads.
    assert_eq!(
        (attr(img, "width"), attr(img, "height")),
        (Some("1080"), Some("675"))
    );
    assert_eq!(attr(img, "loading"), Some("lazy"));
    // `src` for browsers without srcset: the first version at least 600 pixels wide.
    assert_eq!(attr(img, "src"), Some(set[1].0.as_str()));
    // Photos get no WebP: lossless WebP would be larger than the JPEG.
    assert!(select(&doc, "picture").is_empty());
    // The original is still published beside the page.
    assert!(site.exists("articles/hop-thon/anh-hop.jpg"));
    // The lead image has the same versions; the link preview uses one of them.
    let lead = one(&doc, "figure.lead-image img");
    assert_eq!(attr(lead, "srcset"), attr(img, "srcset"));
    let og = |p: &str| attr(one(&doc, &format!("meta[property='{p}']")), "content").unwrap();
    assert_eq!(og("og:image"), format!("https://example.org{}", set[1].0));
    assert_eq!(
        (og("og:image:width"), og("og:image:height")),
        ("720", "450")
    );
}

#[test]
fn images_are_never_enlarged_and_the_full_size_is_the_widest_version() {
    let site = photo_site().file("content/articles/hop-thon/anh-hop.jpg", jpeg(500, 300));
    site.build();
    let doc = site.html("articles/hop-thon/index.html");
    let img = one(&doc, ".content img");
    let set = candidates(attr(img, "srcset").expect("a srcset"));
    let widths: Vec<u32> = set.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [360, 500]);
    assert_eq!(
        (attr(img, "width"), attr(img, "height")),
        (Some("500"), Some("300"))
    );
}

#[test]
fn a_rebuild_takes_every_image_from_the_cache() {
    let site = photo_site();
    let first = site.build();
    assert_eq!((first.images.processed, first.images.cached), (1, 0));
    let cache = site.root.join(".bantin-cache/images");
    let stamps = |dir: &std::path::Path| {
        files_under(dir)
            .into_iter()
            .map(|f| {
                let modified = std::fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
                (f, modified)
            })
            .collect::<Vec<_>>()
    };
    let before = stamps(&cache);
    assert!(before.iter().any(|(f, _)| f.ends_with("manifest.json")));
    let output_before = snapshot(&site.out());

    let second = site.build();
    assert_eq!((second.images.processed, second.images.cached), (0, 1));
    assert!(
        second
            .summary_line(&["vi".into()])
            .contains("1 image (0 resized, 1 from the cache)"),
        "{}",
        second.summary_line(&["vi".into()])
    );
    assert_eq!(
        stamps(&cache),
        before,
        "nothing in the cache was written again"
    );
    assert_eq!(snapshot(&site.out()), output_before, "the same output");

    // A changed image is processed again, under a new name.
    site.write("content/articles/hop-thon/anh-hop.jpg", jpeg(1200, 800));
    let third = site.build();
    assert_eq!((third.images.processed, third.images.cached), (1, 0));
    let src_of = |site: &Site| {
        let doc = site.html("articles/hop-thon/index.html");
        attr(one(&doc, ".content img"), "src").unwrap().to_string()
    };
    let src = src_of(&site);
    assert!(!output_before.contains_key(src.strip_prefix("/sub/").unwrap()));

    // Files are not read again while their length and time stay the same, but an edit that
    // keeps the length is still seen.
    assert!(cache.join("stamps.json").is_file());
    let mut edited =
        std::fs::read(site.root.join("content/articles/hop-thon/anh-hop.jpg")).unwrap();
    let middle = edited.len() / 2;
    edited[middle] ^= 0x55;
    site.write("content/articles/hop-thon/anh-hop.jpg", edited);
    let fourth = site.build();
    assert_eq!((fourth.images.processed, fourth.images.cached), (1, 0));
    assert_ne!(src_of(&site), src);
}

#[test]
fn an_image_shown_by_several_pages_is_processed_once() {
    let site = Site::new()
        .file("site.yaml", SITE_YAML_VI_EN)
        .file(
            "content/articles/hop-thon/index.md",
            md(
                "title: Họp thôn\ndate: 2025-08-05\nimage: anh.jpg\nimage_alt: Họp thôn",
                "![Họp thôn](anh.jpg)\n",
            ),
        )
        .file(
            "content/articles/hop-thon/index.en.md",
            md(
                "title: Village meeting\ndate: 2025-08-05\nimage: anh.jpg\nimage_alt: Meeting",
                "![Meeting](anh.jpg)\n",
            ),
        )
        .file("content/articles/hop-thon/anh.jpg", jpeg(800, 500))
        .file(
            "content/pages/gioi-thieu.md",
            md(
                "title: Giới thiệu",
                "![Logo](/anh/logo.jpg)\n\n![Logo](/anh/logo.jpg)\n",
            ),
        )
        .file("static/anh/logo.jpg", jpeg(400, 400));
    let report = site.build();
    assert_eq!(
        (report.images.images, report.images.processed),
        (2, 2),
        "two distinct images, each processed once"
    );
    let vi = site.html("articles/hop-thon/index.html");
    let en = site.html("en/articles/hop-thon/index.html");
    assert_eq!(
        attr(one(&vi, ".content img"), "srcset"),
        attr(one(&en, ".content img"), "srcset")
    );
}

#[test]
fn a_drawing_gets_webp_versions_with_the_png_as_fallback() {
    let site = Site::with_config()
        .file(
            "content/pages/so-do/index.md",
            md("title: Sơ đồ", "![Sơ đồ tổ chức](so-do.png)\n"),
        )
        .file("content/pages/so-do/so-do.png", drawing(900, 600));
    site.build();
    let doc = site.html("so-do/index.html");
    let source = one(&doc, "picture > source");
    assert_eq!(attr(source, "type"), Some("image/webp"));
    let webp = candidates(attr(source, "srcset").unwrap());
    assert!(!webp.is_empty());
    for (url, w) in &webp {
        assert!(url.ends_with(&format!(".{w}.webp")), "{url}");
        assert!(site.exists(url.strip_prefix("/sub/").unwrap()), "{url}");
    }
    assert_eq!(
        attr(source, "sizes"),
        Some("(min-width: 42rem) 40rem, 100vw")
    );
    let img = one(&doc, "picture > img");
    let src = attr(img, "src").unwrap();
    assert!(src.ends_with(".png"), "{src}");
    let bytes = |url: &str| {
        std::fs::metadata(site.out().join(url.strip_prefix("/sub/").unwrap()))
            .unwrap()
            .len()
    };
    let widest_webp = &webp.last().unwrap().0;
    assert!(bytes(widest_webp) < bytes(src) || webp.len() > 1);
}

#[test]
fn a_damaged_image_is_an_error_at_each_place_that_shows_it_and_nothing_is_published() {
    let site = photo_site();
    site.build();
    let published = snapshot(&site.out());
    let mut damaged = jpeg(800, 600);
    damaged.truncate(300);
    site.write("content/articles/hop-thon/anh-hop.jpg", damaged);
    let errors = site.errors();
    let at_body = errors
        .iter()
        .find(|d| d.key.is_none())
        .unwrap_or_else(|| panic!("{}", show(&errors)));
    assert_eq!(
        at_body.path,
        std::path::Path::new("content/articles/hop-thon/index.md")
    );
    // The front matter takes lines 1-6 (`image:` on line 4); the body image is on line 10.
    assert_eq!((at_body.line, at_body.column), (10, 1), "{at_body}");
    assert!(
        at_body
            .message
            .contains("content/articles/hop-thon/anh-hop.jpg"),
        "{at_body}"
    );
    let at_key = diag_for(&errors, "content/articles/hop-thon/index.md", Some("image"));
    assert_eq!(at_key.line, 4, "{at_key}");
    assert_eq!(
        snapshot(&site.out()),
        published,
        "the previous site is untouched"
    );
}

#[test]
fn a_file_named_jpg_that_is_not_an_image_is_an_error_and_other_formats_pass_as_they_are() {
    let site = Site::with_config()
        .file(
            "content/pages/a/index.md",
            md("title: A", "![Ảnh](anh.jpg)\n\n![Hình động](dong.gif)\n"),
        )
        .file("content/pages/a/anh.jpg", "not an image at all")
        .file(
            "content/pages/a/dong.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        );
    let errors = site.errors();
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    assert!(
        errors[0].message.contains("is not a JPEG image"),
        "{}",
        errors[0]
    );

    site.write("content/pages/a/anh.jpg", jpeg(50, 40));
    site.build();
    let doc = site.html("a/index.html");
    let imgs = select(&doc, ".content img");
    assert_eq!(attr(imgs[1], "src"), Some("/sub/a/dong.gif"));
    assert_eq!(attr(imgs[1], "srcset"), None);
}

#[test]
fn check_reports_a_damaged_image_and_writes_no_cache() {
    let site = photo_site();
    site.write(
        "content/articles/hop-thon/anh-hop.jpg",
        &jpeg(800, 600)[..300],
    );
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("anh-hop.jpg"), "{}", stderr(&o));
    site.write("content/articles/hop-thon/anh-hop.jpg", jpeg(800, 600));
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!site.root.join(".bantin-cache").exists());
}

#[test]
fn asset_url_gives_fingerprinted_names_and_an_unknown_asset_is_a_template_error() {
    let site = Site::with_config()
        .file("static/css/them.css", "p { color: #333 }\n")
        .file(
            "templates/404.html",
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>404</title><link rel=\"stylesheet\" href=\"{{ asset_url(path=\"css/them.css\") }}\"></head><body><p>{{ asset_url(path=\"og-image.png\") }}</p></body></html>",
        )
        .file("content/pages/a.md", md("title: A", "x\n"));
    site.build();
    let doc = site.html("404.html");
    let href = attr(one(&doc, "link[rel=stylesheet]"), "href").unwrap();
    assert!(
        href.starts_with("/sub/css/them.") && href.ends_with(".css"),
        "{href}"
    );
    assert_eq!(
        site.read(href.strip_prefix("/sub/").unwrap()),
        "p { color: #333 }\n"
    );
    // Files that are not CSS keep their names.
    assert_eq!(text(one(&doc, "p")), "/sub/og-image.png");

    site.write(
        "templates/404.html",
        "<p>{{ asset_url(path=\"khong-co.css\") }}</p>",
    );
    let errors = site.errors();
    assert!(
        errors.iter().any(|d| d.message.contains("khong-co.css")),
        "{}",
        show(&errors)
    );
}
