//! Files beside an item in its bundle folder, published as they are: the HTML safety rule
//! (`unsafe_html: false`, the default) holds for them too. An HTML file could run scripts on
//! the site's own address, so it is published only with `unsafe_html: true`; an SVG file is
//! published when it has nothing that runs (no scripts, event handlers, embedded HTML or
//! script links), and refused with the place of the first such thing otherwise.

use crate::diagnostic::{Diagnostic, line_col};
use crate::messages::Text;
use crate::t;
use std::path::Path;

/// Extensions of files that browsers open as HTML documents.
const HTML_EXTENSIONS: [&str; 5] = ["html", "htm", "xhtml", "xht", "shtml"];

/// SVG elements that run scripts or embed other documents.
const ACTIVE_ELEMENTS: [&str; 7] = [
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Why the bundle file at `path` (`shown` as editors see it) may not be published, if it may
/// not. Only called when site.yaml leaves `unsafe_html` off.
pub fn problem(path: &Path, shown: &Path) -> Option<Diagnostic> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if HTML_EXTENSIONS.contains(&extension.as_str()) {
        return Some(Diagnostic::file(shown, t!("content-bundle-html")));
    }
    match extension.as_str() {
        "svg" => svg_problem(path, shown),
        "svgz" => Some(Diagnostic::file(shown, t!("content-bundle-svgz"))),
        _ => None,
    }
}

fn svg_problem(path: &Path, shown: &Path) -> Option<Diagnostic> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Some(Diagnostic::file(
                shown,
                t!("content-cannot-read", error = crate::messages::io_error(&e)),
            ));
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Some(Diagnostic::file(shown, t!("content-svg-not-utf8")));
    };
    let options = roxmltree::ParsingOptions {
        // Editors' SVG files often start with the SVG 1.1 DOCTYPE.
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            return Some(Diagnostic::new(
                shown,
                pos.row as usize,
                pos.col as usize,
                // roxmltree's own words for the XML mistake.
                t!("content-svg-not-valid", problem = e.to_string()),
            ));
        }
    };
    let at = |offset: usize, message: Text| {
        let (line, column) = line_col(text, offset);
        Some(Diagnostic::new(shown, line, column, message))
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if ACTIVE_ELEMENTS.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            return at(
                node.range().start,
                t!("content-svg-element", element = name),
            );
        }
        // <set attributeName="href" to="javascript:..."> changes a link into a script.
        let animates_link = matches!(name, "set" | "animate")
            && node
                .attribute("attributeName")
                .is_some_and(|a| a.ends_with("href"));
        for attribute in node.attributes() {
            let key = attribute.name();
            if key.len() > 2 && key[..2].eq_ignore_ascii_case("on") {
                return at(
                    attribute.range().start,
                    t!("content-svg-event-handler", attribute = key),
                );
            }
            let value = attribute.value();
            let is_link = key == "href" || (animates_link && matches!(key, "to" | "values"));
            if is_link && runs_script(value) {
                return at(
                    attribute.range().start,
                    t!("content-svg-script-link", attribute = key, value = value),
                );
            }
        }
    }
    None
}

/// A URL that runs a script or opens a document when followed.
fn runs_script(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(svg: &str) -> Option<String> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.svg");
        std::fs::write(&path, svg).expect("write");
        problem(&path, Path::new("content/articles/x/a.svg")).map(|d| d.to_string())
    }

    #[test]
    fn harmless_svg_is_published() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><style>rect{fill:red}</style><a xlink:href=\"https://example.org/\"><rect width=\"10\" height=\"10\"/></a><use xlink:href=\"#r\"/></svg>";
        assert_eq!(check(svg), None);
    }

    #[test]
    fn svg_with_anything_that_runs_is_refused_at_its_place() {
        let cases = [
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
                "2:1",
                "<script>",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect\n  onload=\"alert(1)\"/></svg>",
                "2:3",
                "onload",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\" java\tscript:alert(1)\">x</a></svg>",
                "1:44",
                "script link",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xlink\"><a x:href=\"javascript:alert(1)\">x</a></svg>",
                "1:83",
                "script link",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"/></foreignObject></svg>",
                "1:41",
                "foreignObject",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>x</a></svg>",
                "1:70",
                "script link",
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" ONCLICK=\"x()\"></svg>",
                "1:41",
                "ONCLICK",
            ),
        ];
        for (svg, place, what) in cases {
            let message = check(svg).unwrap_or_else(|| panic!("published: {svg}"));
            assert!(
                message.starts_with(&format!("content/articles/x/a.svg:{place}:")),
                "{message}"
            );
            assert!(
                message.contains(what) && message.contains("unsafe_html"),
                "{message}"
            );
        }
    }

    #[test]
    fn broken_svg_and_html_files_are_refused() {
        assert!(check("<svg><rect></svg>").is_some_and(|m| m.contains("not a valid SVG")));
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["a.html", "b.HTM", "c.xhtml"] {
            let path = dir.path().join(name);
            std::fs::write(&path, "<p>x</p>").expect("write");
            let d = problem(&path, &path).expect("refused");
            assert!(d.message.contains("unsafe_html: true"), "{d}");
        }
        let path = dir.path().join("photo.jpg");
        std::fs::write(&path, "x").expect("write");
        assert!(problem(&path, &path).is_none());
    }

    #[test]
    fn a_refused_svg_is_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect onload=\"x()\"/></svg>";
        let message = in_language(Language::Vietnamese, || check(svg)).expect("refused");
        assert_eq!(
            message,
            "content/articles/x/a.svg:1:47: ảnh SVG có thuộc tính xử lý sự kiện `onload`, thuộc tính này sẽ chạy mã trên trang web; hãy xóa nó (hoặc đặt `unsafe_html: true` trong site.yaml để xuất bản nguyên trạng các tệp trong thư mục của bài)"
        );
    }
}
