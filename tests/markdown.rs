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
