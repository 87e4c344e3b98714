//! QR codes as inline SVG: print editions give each item's address, video cards their
//! video's, so that a reader of the paper can open them with a phone.

use crate::text::escape_html;
use qrcode::QrCode;
use qrcode::render::svg;

/// An inline SVG QR code of `url`, with an accessible name.
pub fn svg(url: &str, label: &str) -> String {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(120, 120)
        .quiet_zone(true)
        .build();
    // The renderer writes an XML declaration, useless inside HTML.
    let svg = svg
        .split_once("<svg")
        .map_or(svg.clone(), |(_, rest)| format!("<svg{rest}"));
    svg.replacen(
        "<svg",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" class=\"qr\"",
            escape_html(label)
        ),
        1,
    )
}
