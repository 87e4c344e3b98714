//! A bulletin's print edition: every item of the edition in one document, with heading ids
//! made unique across it, links between its items pointing inside it, and a QR code of each
//! item's web address so that a printed sheet leads back online.

use crate::diagnostic::Diagnostic;
use crate::library::{Item, ItemId};
use crate::markdown::{ImageTarget, Resolver};
use crate::render::context::ItemCtx;
use crate::render::links::ItemResolver;
use crate::render::{LanguageLinks, PageCtx, Renderer};
use crate::text::escape_html;
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Serialize;
use std::collections::HashMap;

/// An inline SVG QR code of `url`, with an accessible name.
pub fn qr_svg(url: &str, label: &str) -> String {
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

/// Links of an edition's item: to another item of the edition → inside the document.
pub struct PrintResolver<'a> {
    pub inner: ItemResolver<'a>,
    /// Item id → its anchor in the document.
    pub anchors: &'a HashMap<ItemId, String>,
}

impl Resolver for PrintResolver<'_> {
    fn link_to_source(&self, dest: &str) -> Result<String, String> {
        let Some((id, fragment)) = self.inner.link_target(dest)? else {
            return Ok("#".to_string());
        };
        match self.anchors.get(&id) {
            Some(anchor) => Ok(match fragment {
                Some(f) => format!("#{anchor}-{f}"),
                None => format!("#{anchor}"),
            }),
            None => self.inner.link_to_source(dest),
        }
    }
    fn image(&self, dest: &str) -> Result<ImageTarget, String> {
        self.inner.image(dest)
    }
    fn rooted(&self, url: &str) -> String {
        self.inner.rooted(url)
    }
}

#[derive(Serialize)]
pub struct EditionCtx {
    pub title: String,
    pub number: Option<i64>,
    pub date: Option<crate::render::context::DateCtx>,
    pub lang: String,
    pub lang_name: String,
    pub url: String,
    pub permalink: String,
    pub qr_svg: String,
    pub intro_html: String,
}

#[derive(Serialize)]
pub struct EntryCtx {
    pub anchor: String,
    pub permalink: String,
    pub qr_svg: String,
    pub item: ItemCtx,
}

impl Renderer {
    pub fn render_print(
        &self,
        bulletin: &Item,
        edition: &EditionCtx,
        entries: &[EntryCtx],
        permalink: &str,
        url: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let page = PageCtx {
            title: edition.title.clone(),
            url: url.to_string(),
            permalink: permalink.to_string(),
            description: edition.title.clone(),
            image: None,
            is_item: false,
        };
        let mut ctx = self.context(bulletin.lang(), &page, &LanguageLinks::default());
        ctx.insert("edition", edition);
        ctx.insert("entries", entries);
        self.render("print.html", &ctx)
    }
}
