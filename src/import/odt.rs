//! LibreOffice documents (.odt, OpenDocument Text) to Markdown, into the same [`Parsed`] as
//! Word documents and with the same rules (src/import/docx.rs): the Title style or the first
//! level-1 heading is the title; headings, bold, italic, underline, superscript, lists with
//! nesting, tables (spanned cells reported), links, notes, line breaks, quotations and
//! pictures; runs in the old Vietnamese fonts converted by their font.

use super::docx::{HEADING, Parsed, Picture, Span, attr, local, property, render, settle_headings};
use super::legacy;
use crate::messages::Text;
use crate::t;
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::Read;

/// A style as the text uses it: its name (of the named style it comes from, lower case) and
/// the formatting it gives, its parents' included.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    /// In `office:automatic-styles`: the writer's own, for direct formatting.
    automatic: bool,
    parent: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    superscript: Option<bool>,
    font: Option<String>,
}

struct Styles {
    styles: HashMap<String, Style>,
    /// List style → for each level (from 1), whether it is numbered.
    lists: HashMap<String, Vec<bool>>,
}

impl Styles {
    /// A property of `name`, from the style itself or the nearest parent that sets it.
    fn find<T: Clone>(&self, name: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut at = Some(name.to_string());
        for _ in 0..16 {
            let style = self.styles.get(at.as_deref()?)?;
            if let Some(value) = get(style) {
                return Some(value);
            }
            at = style.parent.clone();
        }
        None
    }

    /// The name of the named style a paragraph style is: an automatic one (`P3`, made by the
    /// writer for direct formatting) stands for its parent.
    fn name(&self, name: &str) -> String {
        let mut at = name.to_string();
        for _ in 0..16 {
            match self.styles.get(&at) {
                Some(Style {
                    automatic: true,
                    parent: Some(parent),
                    ..
                }) => at = parent.clone(),
                Some(s) => return s.name.clone(),
                None => break,
            }
        }
        at.replace("_20_", " ").to_lowercase()
    }
}

fn collect_styles(doc: &Document, into: &mut Styles) {
    for node in doc.descendants() {
        match local(&node) {
            "style" => {
                let Some(name) = attr(&node, "name") else {
                    continue;
                };
                let props = node.children().find(|c| local(c) == "text-properties");
                let prop = |k: &str| props.and_then(|p| attr(&p, k));
                let display = attr(&node, "display-name").unwrap_or(name);
                into.styles.insert(
                    name.to_string(),
                    Style {
                        name: display.replace("_20_", " ").to_lowercase(),
                        automatic: node
                            .parent()
                            .is_some_and(|p| local(&p) == "automatic-styles"),
                        parent: attr(&node, "parent-style-name").map(str::to_string),
                        bold: prop("font-weight")
                            .map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600)),
                        italic: match (prop("font-style"), prop("text-underline-style")) {
                            (Some(s), _) if s != "normal" => Some(true),
                            (_, Some(u)) if u != "none" => Some(true),
                            (Some(_), _) => Some(false),
                            _ => None,
                        },
                        superscript: prop("text-position")
                            .map(|p| p.starts_with("super") || p.starts_with("33%")),
                        font: prop("font-name").map(str::to_string),
                    },
                );
            }
            "list-style" => {
                let Some(name) = attr(&node, "name") else {
                    continue;
                };
                let mut levels = vec![false; 10];
                for level in node.children().filter(|c| c.is_element()) {
                    let n: usize = attr(&level, "level")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(1);
                    if let Some(slot) = levels.get_mut(n.saturating_sub(1)) {
                        *slot = local(&level) == "list-level-style-number";
                    }
                }
                into.lists.insert(name.to_string(), levels);
            }
            _ => {}
        }
    }
}

/// Reads the .odt file's bytes.
pub fn read(bytes: &[u8]) -> Result<Parsed, Text> {
    let mut archive = super::docx::open(bytes)?;
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let mut file = archive.by_name(name).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    let text = |bytes: Option<Vec<u8>>| bytes.and_then(|b| String::from_utf8(b).ok());
    // A password-protected .odt is still a zip, but its parts are encrypted and listed with
    // their cipher in the manifest.
    let manifest = text(part("META-INF/manifest.xml")).unwrap_or_default();
    if manifest.contains("encryption-data") {
        return Err(t!("import-password-protected"));
    }
    let content = text(part("content.xml")).ok_or_else(|| t!("import-not-a-document"))?;
    let styles_xml = text(part("styles.xml")).unwrap_or_default();
    let meta = text(part("meta.xml")).unwrap_or_default();
    let mut styles = Styles {
        styles: HashMap::new(),
        lists: HashMap::new(),
    };
    if let Ok(doc) = Document::parse(&styles_xml) {
        collect_styles(&doc, &mut styles);
    }
    let doc = Document::parse(&content).map_err(|_| t!("import-not-a-document"))?;
    collect_styles(&doc, &mut styles);
    let body = doc
        .descendants()
        .find(|n| local(n) == "text" && n.parent().is_some_and(|p| local(&p) == "body"))
        .ok_or_else(|| t!("import-not-a-document"))?;
    let mut reader = Reader {
        styles: &styles,
        read: Parsed::default(),
        pictures: Vec::new(),
        notes: Vec::new(),
    };
    for node in body.children().filter(|n| n.is_element()) {
        reader.block(node, None);
    }
    let Reader {
        mut read,
        pictures,
        notes,
        ..
    } = reader;
    for (i, note) in notes.iter().enumerate() {
        read.blocks.push(format!("[^{}]: {note}", i + 1));
    }
    for (href, name) in pictures {
        if let Some(bytes) = part(&href) {
            read.pictures.push(Picture { name, bytes });
        }
    }
    if let Ok(meta) = Document::parse(&meta) {
        read.author = property(&meta, "initial-creator").or_else(|| property(&meta, "creator"));
        read.title = read.title.or_else(|| property(&meta, "title"));
    }
    if doc.descendants().any(|n| local(&n) == "tracked-changes") {
        read.notes.push(t!("import-revisions"));
    }
    if doc.descendants().any(|n| local(&n) == "annotation") {
        read.notes.push(t!("import-comments-dropped"));
    }
    settle_headings(&mut read.blocks);
    Ok(read)
}

struct Reader<'s> {
    styles: &'s Styles,
    read: Parsed,
    /// (path in the archive, name given in the text).
    pictures: Vec<(String, String)>,
    /// Note texts, numbered in order.
    notes: Vec<String>,
}

impl Reader<'_> {
    /// A block: heading, paragraph, list (with the level and kind it is at), table.
    fn block(&mut self, node: Node, list: Option<(usize, bool)>) {
        match local(&node) {
            "h" | "p" => self.paragraph(node, list),
            "list" => {
                let style = attr(&node, "style-name");
                let level = list.map_or(0, |(l, _)| l + 1);
                let numbered = style
                    .and_then(|s| self.styles.lists.get(s))
                    .and_then(|levels| levels.get(level).copied())
                    .or(list.map(|(_, n)| n))
                    .unwrap_or(false);
                let items = node
                    .children()
                    .filter(|c| local(c) == "list-item" || local(c) == "list-header");
                for item in items {
                    // A list inside an item is one level deeper (see above).
                    for child in item.children().filter(|c| c.is_element()) {
                        self.block(child, Some((level, numbered)));
                    }
                }
            }
            "table" => {
                let table = self.table(node);
                self.read.blocks.push(table);
            }
            "section" => {
                for child in node.children().filter(|c| c.is_element()) {
                    self.block(child, list);
                }
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, p: Node, list: Option<(usize, bool)>) {
        let style = attr(&p, "style-name")
            .map(|s| self.styles.name(s))
            .unwrap_or_default();
        let mut spans = Vec::new();
        self.spans(p, &Span::default(), &mut spans);
        let text = render(&spans);
        if text.is_empty() {
            return;
        }
        let outline = (local(&p) == "h").then(|| {
            attr(&p, "outline-level")
                .and_then(|l| l.parse::<usize>().ok())
                .unwrap_or(1)
        });
        let read = &mut self.read;
        let block = if style == "title" && read.title.is_none() {
            read.title = Some(text);
            return;
        } else if let Some(level) = outline {
            if level == 1 && read.title.is_none() && read.blocks.is_empty() {
                read.title = Some(text);
                return;
            }
            format!("{HEADING}{level} {text}")
        } else if let Some((level, numbered)) = list {
            read.push_list_item(level, numbered, &text);
            return;
        } else if style.contains("quot") {
            format!("> {text}")
        } else {
            text
        };
        read.blocks.push(block);
    }

    /// The spans of a paragraph's content, `format` being what the enclosing spans give.
    fn spans(&mut self, node: Node, format: &Span, out: &mut Vec<Span>) {
        let here = attr(&node, "style-name");
        let mut format = format.clone();
        if let Some(style) = here {
            // What a heading's or a quotation's style gives is the heading's or quotation's.
            let name = self.styles.name(style);
            let own = local(&node) == "span"
                || !(name.starts_with("heading") || name == "title" || name.contains("quot"));
            if let Some(b) = self.styles.find(style, |s| s.bold) {
                format.bold = b && own;
            }
            if let Some(i) = self.styles.find(style, |s| s.italic) {
                format.italic = i && own;
            }
            if let Some(s) = self.styles.find(style, |s| s.superscript) {
                format.superscript = s;
            }
            if let Some(f) = self.styles.find(style, |s| s.font.clone()) {
                format.font = Some(f);
            }
        }
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or_default();
                let text = match format.font.as_deref().and_then(legacy::font_encoding) {
                    Some((encoding, capitals)) => legacy::decode_chars(text, encoding, capitals),
                    None => crate::text::nfc(text),
                };
                out.push(Span {
                    text,
                    raw: false,
                    ..format.clone()
                });
                continue;
            }
            match local(&child) {
                "span" => self.spans(child, &format, out),
                "a" => {
                    let link = Span {
                        link: attr(&child, "href").map(str::to_string),
                        ..format.clone()
                    };
                    self.spans(child, &link, out);
                }
                "s" => {
                    let n: usize = attr(&child, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                    out.push(Span {
                        text: " ".repeat(n),
                        ..format.clone()
                    });
                }
                "tab" => out.push(Span {
                    text: " ".into(),
                    ..format.clone()
                }),
                "line-break" => out.push(Span {
                    text: "\\\n".into(),
                    raw: true,
                    ..Span::default()
                }),
                "note" => {
                    let body = child.children().find(|c| local(c) == "note-body");
                    let mut text = Vec::new();
                    for p in body
                        .iter()
                        .flat_map(|b| b.children())
                        .filter(|c| c.is_element())
                    {
                        let mut spans = Vec::new();
                        self.spans(p, &Span::default(), &mut spans);
                        text.push(render(&spans));
                    }
                    self.notes.push(text.join(" "));
                    let mark = format!("[^{}]", self.notes.len());
                    out.push(Span {
                        text: mark,
                        raw: true,
                        ..Span::default()
                    });
                }
                "frame" => self.picture(child),
                "annotation" | "tracked-changes" | "bookmark" | "soft-page-break" => {}
                _ => self.spans(child, &format, out),
            }
        }
    }

    fn picture(&mut self, frame: Node) {
        let Some(href) = frame
            .descendants()
            .find(|n| local(n) == "image")
            .and_then(|i| attr(&i, "href"))
        else {
            return;
        };
        if href.starts_with("http") || href.starts_with("../") {
            return;
        }
        let alt = frame
            .children()
            .find(|c| local(c) == "desc" || local(c) == "title")
            .and_then(|d| d.text())
            .unwrap_or_default()
            .trim()
            .to_string();
        let name = self.read.picture_block(self.pictures.len() + 1, href, &alt);
        self.pictures.push((href.to_string(), name));
    }

    fn table(&mut self, table: Node) -> String {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut merged = false;
        for row in table.descendants().filter(|n| local(n) == "table-row") {
            let mut cells = Vec::new();
            for cell in row
                .children()
                .filter(|c| local(c) == "table-cell" || local(c) == "covered-table-cell")
            {
                if local(&cell) == "covered-table-cell" {
                    merged = true;
                    cells.push(String::new());
                    continue;
                }
                if attr(&cell, "number-columns-spanned").is_some_and(|n| n != "1")
                    || attr(&cell, "number-rows-spanned").is_some_and(|n| n != "1")
                {
                    merged = true;
                }
                let mut texts = Vec::new();
                for p in cell
                    .children()
                    .filter(|c| local(c) == "p" || local(c) == "h")
                {
                    let mut spans = Vec::new();
                    self.spans(p, &Span::default(), &mut spans);
                    let text = render(&spans);
                    if !text.is_empty() {
                        texts.push(text);
                    }
                }
                cells.push(texts.join("<br>").replace('|', "\\|"));
            }
            rows.push(cells);
        }
        if merged {
            self.read.notes.push(t!("import-merged-cells"));
        }
        super::docx::pipe_table(&rows)
    }
}
