//! QR codes as inline SVG: print editions give each item's address, video cards their
//! video's, so that a reader of the paper can open them with a phone.

use crate::text::escape_html;
use qrcode::{Color, QrCode};
use std::fmt::Write;

/// Modules of white around the code, as the standard asks.
const QUIET: usize = 4;

/// An inline SVG QR code of `url`, with an accessible name. The dark modules of each row are
/// drawn as runs of one stroked path in module units (`M4 4.5h7m2 0h1…`): about a fifth of
/// the bytes of one rectangle per run, which matters on a page read on a slow link.
pub fn svg(url: &str, label: &str) -> String {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        // Where the pen is in this row after the last run (None: not in this row yet).
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let _ = match pen {
                None => write!(path, "M{} {}.5", start + QUIET, y + QUIET),
                Some(at) => write!(path, "m{} 0", start - at),
            };
            let _ = write!(path, "h{}", x - start);
            pen = Some(x);
        }
    }
    let size = width + 2 * QUIET;
    format!(
        "<svg role=\"img\" aria-label=\"{}\" class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"120\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{path}\"/></svg>",
        escape_html(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_too_long_for_a_qr_code_gives_no_code_and_no_panic() {
        assert!(svg("https://example.org/", "QR").starts_with("<svg"));
        for n in [2_954, 4_000, 7_090, 100_000] {
            assert_eq!(svg(&"a".repeat(n), "QR"), "", "{n}");
        }
        assert_eq!(svg(&"ạ".repeat(2_000), "\"><script>"), "");
        assert!(svg("x", "\"><script>").contains("aria-label=\"&quot;&gt;&lt;script&gt;\""));
    }
}
