//! Video cards: a line holding only a YouTube or Facebook address becomes a card that loads
//! nothing from the video's host until tapped; front matter `video:` puts one first and gives
//! `og:video`; the ready-made post keeps the address on its own line; print shows a QR code.
//! The browser test (headless Chromium, every request leaving the computer aborted and
//! counted, axe-core) skips when Chromium or ../shared/tools are absent, except in CI.

mod common;

use common::*;
use std::process::Command;

const BODY: &str = "Mở đầu bài viết.\n\n## Tại chợ\n\nhttps://youtu.be/Xh7Qm2pD4sA?si=tracking\n\nĐoàn viên hướng dẫn người dân cài ứng dụng.\n\n[Buổi hướng dẫn *tại chợ*](https://www.youtube.com/watch?v=Lq3vR8nT5aE&t=1m5s)\n\n<https://www.facebook.com/hoiphunuphuquy/videos/1187432956210458/>\n\nXem thêm https://youtu.be/Xh7Qm2pD4sA trên kênh.\n\n<iframe src=\"https://www.youtube.com/embed/Xh7Qm2pD4sA\"></iframe>\n";

fn site() -> Site {
    Site::with_config()
        .file(
            "content/articles/cho.md",
            md(
                "title: Đoàn viên ở chợ\ndate: 2025-11-05\nsummary: Hướng dẫn kỹ năng số.\nvideo_title: Một buổi chiều ở chợ Đà Lạt",
                BODY,
            ),
        )
        .file(
            "content/articles/khong.md",
            md("title: Không có video\ndate: 2025-11-04", "Chỉ có chữ.\n"),
        )
}

#[test]
fn a_line_with_only_a_video_address_becomes_a_card_that_loads_nothing() {
    let site = site();
    site.build();
    let doc = site.html("articles/cho/index.html");
    let cards = select(&doc, ".content figure.video-card");
    assert_eq!(
        cards.len(),
        3,
        "bare, link and autolink lines; not the sentence"
    );
    let titles: Vec<String> = select(&doc, ".video-card-title")
        .into_iter()
        .map(text)
        .collect();
    // A bare address takes the front matter's `video_title`, a link its words, an autolink
    // with no title left shows its address.
    assert_eq!(
        titles,
        [
            "Một buổi chiều ở chợ Đà Lạt",
            "Buổi hướng dẫn tại chợ",
            "facebook.com/hoiphunuphuquy/videos/1187432956210458/"
        ]
    );
    assert_eq!(
        hrefs(&doc, ".video-card-link"),
        [
            "https://www.youtube.com/watch?v=Xh7Qm2pD4sA",
            "https://www.youtube.com/watch?v=Lq3vR8nT5aE&t=65s",
            "https://www.facebook.com/hoiphunuphuquy/videos/1187432956210458/"
        ]
    );
    let players: Vec<&str> = select(&doc, ".video-card-link")
        .into_iter()
        .filter_map(|a| attr(a, "data-player"))
        .collect();
    assert_eq!(
        players[..2],
        [
            "https://www.youtube-nocookie.com/embed/Xh7Qm2pD4sA?autoplay=1",
            "https://www.youtube-nocookie.com/embed/Lq3vR8nT5aE?autoplay=1&start=65"
        ]
    );
    assert!(players[2].starts_with("https://www.facebook.com/plugins/video.php?href="));
    // Nothing on the page loads from another host: the raw iframe was cleaned away (no
    // `unsafe_html`), and the cards' QR codes are inline.
    assert!(select(&doc, "iframe").is_empty());
    for element in select(&doc, "[src], [srcset], [poster], [data]") {
        for name in ["src", "srcset", "poster", "data"] {
            if let Some(value) = attr(element, name) {
                assert!(!value.contains("//"), "{name}={value} loads from elsewhere");
            }
        }
    }
    // Each card has a QR code of its address for print, and the sentence stays a sentence.
    assert_eq!(
        select(&doc, ".video-card .video-card-print svg.qr").len(),
        3
    );
    assert!(
        text(one(&doc, ".content")).contains("Xem thêm https://youtu.be/Xh7Qm2pD4sA trên kênh.")
    );
    // The player script and the cards' styles are on pages with cards only.
    for part in ["video-card-player\";", "<style>.video-card{"] {
        assert!(
            site.read("articles/cho/index.html").contains(part),
            "{part}"
        );
        assert!(
            !site.read("articles/khong/index.html").contains(part),
            "{part}"
        );
        assert!(!site.read("index.html").contains(part), "{part}");
    }
    // No `video:` in the front matter: no og:video.
    assert!(select(&doc, "meta[property='og:video']").is_empty());
}

#[test]
fn front_matter_video_goes_first_and_gives_link_previews_their_video() {
    let site = Site::with_config().file(
        "content/models/truc.md",
        md(
            "title: Đoàn viên trực dịch vụ công\nunit: Đoàn phường\nunit_type: collective\narea: political-system\nstatus: registered\nyear: 2025\nlocality: ninh-binh\nvideo: https://youtube.com/shorts/Lq3vR8nT5aE?feature=share\nvideo_title: Một ngày trực",
            "Nội dung.\n\nhttps://youtu.be/Xh7Qm2pD4sA\n",
        ),
    );
    let site = site.file("data/localities.yaml", LOCALITIES);
    site.build();
    let doc = site.html("models/truc/index.html");
    let first = one(&doc, ".content > *:first-child");
    assert_eq!(attr(first, "class"), Some("video-card"));
    let titles: Vec<String> = select(&doc, ".video-card-title")
        .into_iter()
        .map(text)
        .collect();
    // `video_title` names the front matter's video; the body's bare one shows its address.
    assert_eq!(titles, ["Một ngày trực", "youtube.com/watch?v=Xh7Qm2pD4sA"]);
    let og = one(&doc, "meta[property='og:video']");
    assert_eq!(
        attr(og, "content"),
        Some("https://www.youtube-nocookie.com/embed/Lq3vR8nT5aE")
    );
    assert_eq!(
        attr(one(&doc, "meta[property='og:video:type']"), "content"),
        Some("text/html")
    );
}

#[test]
fn raw_html_imitating_a_card_or_its_qr_placeholder_gives_no_other_player() {
    // An editor's raw HTML passes the cleaner with its classes and data- attributes: a card
    // copied by hand keeps only a player of the two hosts, and placeholders typed (for a card
    // that is not there, or with a number no card has) go away without a trace or a panic.
    let body = "https://youtu.be/Xh7Qm2pD4sA\n\n<figure class=\"video-card\" data-host=\"youtube\"><a class=\"video-card-link\" href=\"https://evil.example/\" data-player=\"https://evil.example/player\">Giả</a></figure>\n\n<p><a class=\"video-card-link\" href=\"/\" data-player=\"javascript:alert(1)\">x</a> <a class=\"video-card-link\" href=\"/\" data-player=\"https://www.youtube-nocookie.com.evil.example/embed/x\">y</a> <a class=\"video-card-link\" href=\"/\" data-player=\" https://www.youtube-nocookie.com/embed/Xh7Qm2pD4sA\">z</a></p>\n\n<span class=\"bantin-video-qr\" data-video=\"999\"></span><span class=\"bantin-video-qr\" data-video=\"-1\">chữ</span><span class=\"bantin-video-qr\" data-video=\"99999999999999999999999\"><span class=\"bantin-video-qr\"></span></span>\n\nCuối bài.\n";
    let site = Site::with_config().file(
        "content/articles/gia.md",
        md("title: Thẻ giả\ndate: 2025-11-05", body),
    );
    site.build();
    let page = site.read("articles/gia/index.html");
    // Its link stays a link (an editor may link anywhere); its player is gone.
    assert!(
        !page.contains("evil.example/player") && !page.contains("javascript:"),
        "{page}"
    );
    assert!(!page.contains("bantin-video-qr"), "{page}");
    let doc = site.html("articles/gia/index.html");
    let players: Vec<&str> = select(&doc, "[data-player]")
        .into_iter()
        .filter_map(|a| attr(a, "data-player"))
        .collect();
    assert_eq!(
        players,
        ["https://www.youtube-nocookie.com/embed/Xh7Qm2pD4sA?autoplay=1"]
    );
    assert_eq!(select(&doc, ".video-card svg.qr").len(), 1);
    assert!(text(one(&doc, ".content")).contains("Cuối bài."));
}

#[test]
fn a_video_key_that_is_not_a_video_names_the_file_line_and_key() {
    let site = Site::with_config().file(
        "content/articles/sai.md",
        "---\ntitle: Sai\ndate: 2025-01-01\nvideo: https://example.org/clip.mp4\n---\n\nx\n",
    );
    let errors = expect_content_errors(site.try_build());
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    let error = diag_for(&errors, "content/articles/sai.md", Some("video"));
    assert_eq!((error.line, error.column), (4, 8));
    let message = error.message.to_string();
    assert!(
        message.contains("https://example.org/clip.mp4") && message.contains("YouTube"),
        "{message}"
    );
}

#[test]
fn the_ready_made_post_keeps_the_video_address_on_its_own_line() {
    let site = site();
    site.build();
    let doc = site.html("articles/cho/index.html");
    let post: String = one(&doc, ".share textarea").text().collect();
    // The section's key point is its first sentence, not the video line before it.
    assert!(
        post.contains("• Đoàn viên hướng dẫn người dân cài ứng dụng."),
        "{post}"
    );
    assert!(!post.contains("youtu.be"), "{post}");
    assert!(
        post.contains(
            "\n\nhttps://www.youtube.com/watch?v=Xh7Qm2pD4sA\n\nhttps://example.org/sub/articles/cho/"
        ),
        "the video's address, then the item's, each alone on its line: {post}"
    );
}

/// The card's player in headless Chromium at 360 px: no request leaves the computer and no
/// `src` points elsewhere before a tap; the tap makes the privacy-enhanced player (its one
/// request, aborted, is counted); axe-core finds nothing; without JavaScript the tap
/// follows the link to the video.
#[test]
fn a_tapped_card_becomes_the_player_and_nothing_loads_before() {
    let Some(tools) = browser_tools() else {
        return;
    };
    let site = site();
    site.build_with(|o| o.base_url = Some("http://127.0.0.1/".into()));
    let modules = std::path::Path::new(tools)
        .parent()
        .expect("node_modules")
        .to_string_lossy()
        .into_owned();
    let result = run_browser_script(
        "video_card.mjs",
        &[&site.out().to_string_lossy(), "/articles/cho/", &modules],
    );
    assert_eq!(result["awayBeforeTap"], serde_json::json!([]), "{result}");
    assert_eq!(result["awaySources"], serde_json::json!([]), "{result}");
    assert_eq!(result["iframesBeforeTap"], 0, "{result}");
    assert_eq!(result["axe"], serde_json::json!([]), "{result}");
    assert_eq!(
        result["pageWidth"], 360,
        "no card runs past a phone's width: {result}"
    );
    let cards = result["cards"].as_array().expect("cards");
    assert_eq!(cards.len(), 3, "{result}");
    for card in cards {
        let (width, height) = (card["width"].as_f64(), card["height"].as_f64());
        let (Some(width), Some(height)) = (width, height) else {
            panic!("{result}")
        };
        assert!(
            (height / width - 9.0 / 16.0).abs() < 0.05,
            "16:9 cards: {card}"
        );
    }
    assert_eq!(
        result["player"], "https://www.youtube-nocookie.com/embed/Xh7Qm2pD4sA?autoplay=1",
        "{result}"
    );
    assert_eq!(result["playerTitle"], "Một buổi chiều ở chợ Đà Lạt");
    assert_eq!(result["focused"], "IFRAME", "{result}");
    let after: Vec<&str> = result["awayAfterTap"]
        .as_array()
        .expect("requests")
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert!(
        !after.is_empty()
            && after
                .iter()
                .all(|r| r.starts_with("https://www.youtube-nocookie.com/")),
        "after the tap, the player's requests only: {result}"
    );
    assert!(
        result["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/articles/cho/"))
    );
    assert_eq!(result["noJsAwayBeforeTap"], 0, "{result}");
    assert_eq!(
        result["noJsFollows"], "https://www.youtube.com/watch?v=Xh7Qm2pD4sA",
        "{result}"
    );
}

/// A bulletin printed by `bantin print`: the card is its title beside a QR code that a phone
/// reads as the video's address.
#[test]
fn a_printed_card_has_a_qr_code_of_the_video() {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .any(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let zbar = Command::new("zbarimg").arg("--version").output().is_ok();
    if !chromium || !zbar {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the print test: chromium, poppler-utils and zbar-tools"
        );
        eprintln!("no Chromium or zbarimg: video print test skipped");
        return;
    }
    let site = site().file(
        "content/bulletins/so-1.md",
        md(
            "title: Bản tin số 1\ndate: 2025-11-06\nnumber: 1\nitems:\n  - articles/cho",
            "Lời mở đầu.\n",
        ),
    );
    site.build();
    let edition = site.read("bulletins/so-1/print/index.html");
    assert!(
        edition.contains(".video-card-print{display:contents}"),
        "the cards' print styles"
    );
    let pdf = site.base().join("so-1.pdf");
    let out = site.bantin(&["print", "so-1", "--output", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Buổi hướng dẫn tại chợ"), "{text}");
    let prefix = site.base().join("page");
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "150"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(rendered.success());
    let mut decoded = String::new();
    for png in std::fs::read_dir(site.base()).expect("pages").flatten() {
        if png.path().extension().is_some_and(|e| e == "png") {
            let out = Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .arg(png.path())
                .output()
                .expect("zbarimg");
            decoded.push_str(&String::from_utf8_lossy(&out.stdout));
        }
    }
    for address in [
        "https://www.youtube.com/watch?v=Xh7Qm2pD4sA",
        "https://www.youtube.com/watch?v=Lq3vR8nT5aE&t=65s",
        "https://www.facebook.com/hoiphunuphuquy/videos/1187432956210458/",
    ] {
        assert!(
            decoded.lines().any(|l| l == address),
            "{address} in {decoded}"
        );
    }
}
