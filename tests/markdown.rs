//! Markdown bodies through a whole build: what the page holds of an editor's text, raw HTML
//! and links (the sanitizer's policy of docs/content-format.md 5.5, heading attributes, image
//! descriptions, neutralized links), and text that must not break the element it sits in.

mod common;

use common::*;

/// A one-language site with one explainer whose body is `body`.
fn explainer_site(body: &str) -> Site {
    Site::with_config().file(
        "content/explainers/e.md",
        md("title: Hỏi đáp\npolicy: Nghị quyết 18-NQ/TW", body),
    )
}

#[test]
fn a_json_ld_block_cannot_be_closed_by_a_question_or_an_answer() {
    // Written as code, so that the words reach the page (and the JSON-LD) as they are.
    let site = explainer_site(
        "## Vì sao `<!--<script>` lại hỏng trang?\n\n\
         Vì trình duyệt đọc `<!--<script>` như mở một đoạn mã, & cả `</script>` nữa.\n\n\
         ## Câu sau\n\nCòn đây.\n",
    );
    let question = "Vì sao <!--<script> lại hỏng trang?";
    let answer = "Vì trình duyệt đọc <!--<script> như mở một đoạn mã, & cả </script> nữa.";
    site.build();
    let doc = site.html("explainers/e/index.html");
    let block = one(&doc, "script[type=\"application/ld+json\"]");
    let json: serde_json::Value =
        serde_json::from_str(&block.inner_html()).expect("the JSON-LD parses as JSON");
    assert_eq!(json["mainEntity"][0]["name"], question);
    assert_eq!(json["mainEntity"][0]["acceptedAnswer"]["text"], answer);
    assert_eq!(json["mainEntity"][1]["name"], "Câu sau");
    // The page after the block is intact: the body, the second question and the footer.
    assert!(text(one(&doc, ".content")).contains("Còn đây."));
    assert_eq!(select(&doc, "nav.questions a").len(), 2);
    assert!(!select(&doc, "footer").is_empty());
}

// ------------------------------------------------------------------ the sanitizer's policy
// One test per row of the table in docs/content-format.md 5.5, on the article's page.

/// The built page of an article whose body is `body`.
fn page_of(body: &str) -> scraper::Html {
    let site = Site::with_config().file(
        "content/articles/a.md",
        article("Bài có HTML", "2025-03-01", body),
    );
    site.build();
    site.html("articles/a/index.html")
}

/// The body's part of a page.
fn body_of(doc: &scraper::Html) -> String {
    one(doc, ".content").inner_html()
}

#[test]
fn scripts_frames_forms_and_event_attributes_are_dropped() {
    let doc = page_of(
        "<script>alert(1)</script><style>body{display:none}</style>\n\n\
         <iframe src=\"https://x.org/\"></iframe><form action=\"/x\"><button>Gửi</button></form>\n\n\
         <object data=\"x.swf\"></object><embed src=\"x.swf\">\n\n\
         <p onclick=\"x()\" onmouseover=\"y()\">Chữ <a href=\"javascript:alert(1)\">đây</a></p>\n",
    );
    let body = body_of(&doc);
    for gone in [
        "<script",
        "alert",
        "<style",
        "display:none",
        "<iframe",
        "<form",
        "<button",
        "<object",
        "<embed",
        "onclick",
        "onmouseover",
        "javascript",
    ] {
        assert!(!body.contains(gone), "{gone} survived in {body}");
    }
    assert!(text(one(&doc, ".content")).ends_with("Chữ đây"));
}

#[test]
fn a_raw_style_cannot_cover_the_page_only_text_alignment_is_kept() {
    let doc = page_of(
        "<table><tr><td style=\"position:fixed;top:0;left:0;width:100vw;height:100vh;background:red\">x</td></tr></table>\n\n\
         <p style=\"color: red; TEXT-ALIGN: Center\">giữa</p>\n\n\
         | trái | giữa |\n|:--|:-:|\n| 1 | 2 |\n",
    );
    assert_eq!(attr(select(&doc, ".content td")[0], "style"), None);
    assert_eq!(
        attr(one(&doc, ".content p"), "style"),
        Some("text-align: center")
    );
    // Markdown's own table alignment goes through the cleaner too.
    let cells = select(&doc, ".content .table-wrap th");
    assert_eq!(attr(cells[1], "style"), Some("text-align: center"));
}

#[test]
fn a_raw_id_cannot_take_an_id_of_the_theme_and_in_page_links_still_work() {
    let doc = page_of(
        "<textarea id=\"x\"></textarea><div id=\"share-text\">giả</div>\n\n\
         <div id=\"bantin-toc\">giả</div>\n\n\
         <p id=\"cuoi-bai\">Cuối bài.</p>\n\n\
         ## Phần một\n\n[Lên trên](#phan-mot) [Xuống](#cuoi-bai) [Đầu trang](#top)\n",
    );
    // The copy button's text box is the theme's, and is the only element with its id.
    assert_eq!(one(&doc, "#share-text").value().name(), "textarea");
    assert!(select(&doc, ".content [id=\"bantin-toc\"]").is_empty());
    assert_eq!(text(one(&doc, "#cuoi-bai")), "Cuối bài.");
    assert_eq!(one(&doc, "#phan-mot").value().name(), "h2");
    assert_eq!(
        hrefs(&doc, ".content p a"),
        ["#phan-mot", "#cuoi-bai", "#top"]
    );
}

#[test]
fn raw_inputs_are_dropped_and_task_list_boxes_are_kept() {
    let doc = page_of(
        "<input type=\"text\" name=\"q\"><input type=\"checkbox\" checked>\
         <input type=\"password\"><input type=\"submit\">\n\n\
         - [x] đã làm\n- [ ] chưa làm\n",
    );
    let boxes = select(&doc, ".content input");
    assert_eq!(boxes.len(), 2, "{}", body_of(&doc));
    for (b, checked) in boxes.iter().zip([true, false]) {
        assert_eq!(attr(*b, "type"), Some("checkbox"));
        assert!(attr(*b, "disabled").is_some());
        assert_eq!(attr(*b, "checked").is_some(), checked);
        assert_eq!(
            b.parent()
                .and_then(scraper::ElementRef::wrap)
                .map(|li| li.value().name()),
            Some("li")
        );
    }
}

#[test]
fn comments_times_alignment_classes_and_data_attributes_are_kept() {
    let doc = page_of(
        "<!-- ghi chú cho người sửa bài -->\n\n\
         <p align=\"right\" class=\"ghi-chu\" data-nguon=\"so-1\" lang=\"en\" dir=\"ltr\" title=\"t\">\
         Họp lúc <time datetime=\"2025-03-01T08:00+07:00\">8 giờ</time>.</p>\n",
    );
    assert!(body_of(&doc).contains("<!-- ghi chú cho người sửa bài -->"));
    let p = one(&doc, ".content p");
    for (name, value) in [
        ("align", "right"),
        ("class", "ghi-chu"),
        ("data-nguon", "so-1"),
        ("lang", "en"),
        ("dir", "ltr"),
        ("title", "t"),
    ] {
        assert_eq!(attr(p, name), Some(value), "{name}");
    }
    assert_eq!(
        attr(one(&doc, ".content time"), "datetime"),
        Some("2025-03-01T08:00+07:00")
    );
}

#[test]
fn a_link_that_opens_a_new_window_gets_noopener_noreferrer() {
    let doc = page_of(
        "<a href=\"https://x.org/\" target=\"_blank\" rel=\"opener\">mở</a> \
         <a href=\"https://y.org/\">cùng cửa sổ</a>\n",
    );
    let links = select(&doc, ".content a");
    assert_eq!(attr(links[0], "target"), Some("_blank"));
    assert_eq!(attr(links[0], "rel"), Some("noopener noreferrer"));
    assert_eq!(attr(links[1], "rel"), None);
}

#[test]
fn video_and_audio_from_the_site_or_https_are_kept_without_autoplay() {
    let doc = page_of(
        "<video src=\"hop-dan.mp4\" poster=\"https://x.org/a.jpg\" controls autoplay width=\"320\">\
         <track src=\"phu-de.vtt\" kind=\"captions\" srclang=\"vi\" label=\"Tiếng Việt\"></video>\n\n\
         <audio controls autoplay><source src=\"https://x.org/loa.mp3\" type=\"audio/mpeg\">\
         <source src=\"http://x.org/loa.ogg\"></audio>\n",
    );
    let video = one(&doc, ".content video");
    assert_eq!(attr(video, "src"), Some("hop-dan.mp4"));
    assert_eq!(attr(video, "poster"), Some("https://x.org/a.jpg"));
    assert!(attr(video, "controls").is_some());
    assert_eq!(attr(video, "autoplay"), None);
    assert_eq!(attr(one(&doc, ".content track"), "srclang"), Some("vi"));
    let audio = one(&doc, ".content audio");
    assert_eq!(attr(audio, "autoplay"), None);
    let sources: Vec<Option<&str>> = select(&doc, ".content audio source")
        .into_iter()
        .map(|s| attr(s, "src"))
        .collect();
    assert_eq!(sources, [Some("https://x.org/loa.mp3"), None]);
}

#[test]
fn a_table_keeps_its_scrollable_focusable_box_when_the_body_has_raw_html() {
    let doc = page_of("<b>Bảng:</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    let wrap = one(&doc, ".content .table-wrap");
    assert_eq!(attr(wrap, "tabindex"), Some("0"));
    assert_eq!(select_in(wrap, "table").len(), 1);
}

// ------------------------------------------------------------------ Markdown fidelity

#[test]
fn heading_attributes_give_the_id_classes_and_language_and_the_questions_link_to_the_id() {
    let site = explainer_site(
        "## Ai được hỏi? {#ai-hoi .noi-bat .lon lang=vi data-x=1}\n\nDân.\n\n\
         ## Trùng {#ai-hoi}\n\nHai.\n\n## Ô chép {#share-text}\n\nBa.\n",
    );
    site.build();
    let doc = site.html("explainers/e/index.html");
    let h = one(&doc, ".content h2.noi-bat");
    assert_eq!(attr(h, "id"), Some("ai-hoi"));
    assert_eq!(attr(h, "class"), Some("noi-bat lon"));
    assert_eq!(attr(h, "lang"), Some("vi"));
    assert_eq!(attr(h, "data-x"), None);
    assert_eq!(text(h), "Ai được hỏi?");
    assert_eq!(
        hrefs(&doc, "nav.questions a"),
        ["#ai-hoi", "#ai-hoi-1", "#share-text-1"]
    );
    assert_eq!(one(&doc, "#share-text").value().name(), "textarea");
}

#[test]
fn a_line_break_in_an_image_description_is_a_space() {
    let doc = page_of("![Hội nghị\ndân vận](https://x.org/a.png)\n");
    assert_eq!(
        attr(one(&doc, ".content img"), "alt"),
        Some("Hội nghị dân vận")
    );
}

#[test]
fn links_for_a_bulletin_keep_their_schemes_and_other_schemes_are_warned_at_their_place() {
    let site = Site::with_config().file(
        "content/articles/a.md",
        article(
            "Liên hệ",
            "2025-03-01",
            "Gọi [tổ trưởng](tel:+84901234567), nhắn [Zalo](zalo:0901234567) hay \
             [tin nhắn](sms:+84901234567), viết [thư](mailto:to@x.vn).\n\n\
             Kênh [cũ](irc:chat.x.org/dan-van) và [lạ](javascript:alert(1)); \
             [tương đối](foo\\)\\:).\n",
        ),
    );
    site.build();
    let doc = site.html("articles/a/index.html");
    assert_eq!(
        hrefs(&doc, ".content a"),
        [
            "tel:+84901234567",
            "zalo:0901234567",
            "sms:+84901234567",
            "mailto:to@x.vn",
            "#",
            "#",
            "foo):",
        ]
    );
    let o = site.bantin(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let said = stderr(&o);
    let warned: Vec<&str> = said
        .lines()
        .filter(|l| l.starts_with("warning: content/articles/a.md"))
        .collect();
    assert_eq!(warned.len(), 2, "{}", stderr(&o));
    assert!(
        warned[0].starts_with(
            "warning: content/articles/a.md:8:6: `irc:chat.x.org/dan-van` starts with `irc:`"
        ),
        "{}",
        warned[0]
    );
    assert!(
        warned[0].contains("http, https, mailto, tel, sms, zalo"),
        "{}",
        warned[0]
    );
    assert!(
        warned[1].contains(":8:") && warned[1].contains("`javascript:`"),
        "{}",
        warned[1]
    );
}
