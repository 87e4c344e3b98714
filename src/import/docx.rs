//! Word documents (.docx, Office Open XML) to Markdown as the content format writes it:
//! the Title style (or the first Heading 1) becomes the title, Heading 1-3 `##`/`###`/`####`
//! (their Vietnamese style names too), bold, italic (underline as emphasis), superscript,
//! lists with their nesting, tables as pipe tables, links, footnotes, line breaks and
//! pictures with their description. Runs in the old Vietnamese fonts are converted by their
//! font. Direct formatting (fonts, colours, sizes), empty paragraphs and page breaks do not
//! show; runs that Word split in the middle of a word are joined again.

use super::legacy::{self, Legacy};
use crate::messages::Text;
use crate::t;
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::Read;

/// A document read: its parts in Markdown, and what could not be carried over.
#[derive(Debug, Default)]
pub struct Parsed {
    pub title: Option<String>,
    /// Paragraphs, headings, lists and tables, in order, each a block of Markdown.
    pub blocks: Vec<String>,
    /// Pictures, by the name the text gives them.
    pub pictures: Vec<Picture>,
    pub notes: Vec<Text>,
    /// From the document's properties.
    pub author: Option<String>,
}

#[derive(Debug)]
pub struct Picture {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One piece of text with its formatting.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub superscript: bool,
    /// A link's address.
    pub link: Option<String>,
    /// Markdown already made (a line break, a footnote mark): written as it is.
    pub raw: bool,
    /// The font of an .odt span (whose spans nest); Word runs convert their text at once.
    pub font: Option<String>,
}

/// What the whole document shares: styles, numbering, relationships, footnotes, media.
struct Parts {
    styles: HashMap<String, Style>,
    /// numId → for each level, whether it is numbered (else bulleted).
    numbering: HashMap<String, Vec<bool>>,
    relations: HashMap<String, String>,
    footnotes: HashMap<String, String>,
}

pub(super) fn local<'a>(node: &Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

pub(super) fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| local(c) == name)
}

/// Opens a Word or LibreOffice document's zip container. A file that is not a zip but an OLE
/// compound file is either an encrypted document (Word and LibreOffice wrap a password-protected
/// .docx in one, with an `EncryptionInfo` stream) or an old binary .doc under a new name: both
/// get their own advice, since the editor can fix them in the word processor.
pub(super) fn open(bytes: &[u8]) -> Result<zip::ZipArchive<std::io::Cursor<&[u8]>>, Text> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| unreadable(bytes))
}

fn unreadable(bytes: &[u8]) -> Text {
    const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&COMPOUND_FILE) {
        return t!("import-not-a-document");
    }
    let encryption_info: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes
        .windows(encryption_info.len())
        .any(|w| w == encryption_info.as_slice())
    {
        t!("import-password-protected")
    } else {
        t!("import-old-word-document")
    }
}

/// Reads the .docx file's bytes.
pub fn read(bytes: &[u8]) -> Result<Parsed, Text> {
    let mut archive = open(bytes)?;
    let mut part = |name: &str| -> Option<String> {
        let mut file = archive.by_name(name).ok()?;
        let mut text = String::new();
        file.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let Some(document) = part("word/document.xml") else {
        return Err(t!("import-not-a-document"));
    };
    let styles = part("word/styles.xml").unwrap_or_default();
    let numbering = part("word/numbering.xml").unwrap_or_default();
    let relations = part("word/_rels/document.xml.rels").unwrap_or_default();
    let footnotes = part("word/footnotes.xml").unwrap_or_default();
    let core = part("docProps/core.xml").unwrap_or_default();
    let comments = part("word/comments.xml").is_some();
    let parts = Parts {
        styles: style_names(&styles),
        numbering: numbering_kinds(&numbering),
        relations: relation_targets(&relations),
        footnotes: HashMap::new(),
    };
    let parts = Parts {
        footnotes: footnote_texts(&footnotes, &parts),
        ..parts
    };
    let doc = Document::parse(&document).map_err(|_| t!("import-not-a-document"))?;
    let mut read = Parsed::default();
    if comments {
        read.notes.push(t!("import-comments-dropped"));
    }
    let body = doc
        .descendants()
        .find(|n| local(n) == "body")
        .ok_or_else(|| t!("import-not-a-document"))?;
    let mut wanted_media = Vec::new();
    let mut revisions = false;
    for node in body.children().filter(|n| n.is_element()) {
        match local(&node) {
            "p" => paragraph(node, &parts, &mut read, &mut wanted_media, &mut revisions),
            "tbl" => {
                let table = table(node, &parts, &mut read);
                read.blocks.push(table);
            }
            _ => {}
        }
    }
    if revisions {
        read.notes.push(t!("import-revisions"));
    }
    let mut used: Vec<String> = read.footnote_marks();
    used.dedup();
    for id in used {
        if let Some(text) = parts.footnotes.get(&id) {
            read.blocks.push(format!("[^{id}]: {text}"));
        }
    }
    for (target, name) in wanted_media {
        if let Some(bytes) = media(&mut archive, &target) {
            read.pictures.push(Picture { name, bytes });
        }
    }
    if let Ok(core) = Document::parse(&core) {
        read.author = property(&core, "creator");
        read.title = read.title.or_else(|| property(&core, "title"));
    }
    settle_headings(&mut read.blocks);
    Ok(read)
}

/// Marks a heading block until its Markdown level is known: `HEADING` then Word's level.
pub(super) const HEADING: char = '\u{1}';

/// The document's highest heading below the title becomes `##`, the next levels follow
/// (a title in the Title style over Heading 1, or a Heading 1 title over Heading 2, alike).
pub(super) fn settle_headings(blocks: &mut [String]) {
    let level = |b: &str| -> Option<(usize, usize)> {
        let rest = b.strip_prefix(HEADING)?;
        let (n, _) = rest.split_once(' ')?;
        Some((n.parse().ok()?, HEADING.len_utf8() + n.len() + 1))
    };
    let top = blocks
        .iter()
        .filter_map(|b| level(b))
        .map(|(n, _)| n)
        .min()
        .unwrap_or(1);
    for block in blocks.iter_mut() {
        if let Some((n, skip)) = level(block) {
            *block = format!("{} {}", "#".repeat((n + 2 - top).min(6)), &block[skip..]);
        }
    }
}

fn media(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, target: &str) -> Option<Vec<u8>> {
    let name = format!(
        "word/{}",
        target.trim_start_matches("../").trim_start_matches('/')
    );
    let name = name.replace("word/word/", "word/");
    let mut file = archive.by_name(&name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The text of the first `name` element of a document's properties (core.xml, meta.xml).
pub(super) fn property(doc: &Document, name: &str) -> Option<String> {
    doc.descendants()
        .find(|n| local(n) == name)
        .and_then(|n| n.text())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Parsed {
    /// A picture's place in the text, as `anh-<n>.<extension of target>`; its name is
    /// returned (a missing description is told).
    pub(super) fn picture_block(&mut self, n: usize, target: &str, alt: &str) -> String {
        let extension = target.rsplit('.').next().unwrap_or("png").to_lowercase();
        let name = format!("anh-{n}.{extension}");
        if alt.is_empty() {
            self.notes
                .push(t!("import-picture-no-alt", name = name.as_str()));
        }
        self.blocks
            .push(format!("![{}]({name})", alt.replace(['[', ']'], "")));
        name
    }

    /// A list item at `level`: the items of one list are one block (no blank line between
    /// them); a first-level item with the other marker starts another list.
    pub(super) fn push_list_item(&mut self, level: usize, numbered: bool, text: &str) {
        let marker = if numbered { "1." } else { "-" };
        let item = format!("{}{marker} {text}", "   ".repeat(level));
        let is_item = |l: &str| {
            let l = l.trim_start();
            l.starts_with("- ") || l.starts_with("1. ")
        };
        if let Some(last) = self.blocks.last_mut()
            && last.lines().all(is_item)
            && (level > 0
                || last
                    .lines()
                    .rfind(|l| !l.starts_with(' '))
                    .is_some_and(|top| top.starts_with("1. ") == numbered))
        {
            last.push('\n');
            last.push_str(&item);
            return;
        }
        self.blocks.push(item);
    }

    /// The footnote ids the text refers to, in order.
    fn footnote_marks(&self) -> Vec<String> {
        let mut marks = Vec::new();
        for block in &self.blocks {
            let mut rest = block.as_str();
            while let Some(at) = rest.find("[^") {
                rest = &rest[at + 2..];
                if let Some(end) = rest.find(']') {
                    marks.push(rest[..end].to_string());
                }
            }
        }
        marks
    }
}

/// A paragraph style: its name in lower case ("heading 1", "title", "tiêu đề 1", "list
/// bullet") and the numbering it gives its paragraphs (numId, level), if any.
struct Style {
    name: String,
    numbering: Option<(String, usize)>,
}

fn style_names(xml: &str) -> HashMap<String, Style> {
    let Ok(doc) = Document::parse(xml) else {
        return HashMap::new();
    };
    doc.descendants()
        .filter(|n| local(n) == "style")
        .filter_map(|s| {
            let id = attr(&s, "styleId")?;
            let name = child(s, "name").and_then(|n| attr(&n, "val")).unwrap_or(id);
            let numbering = child(s, "pPr")
                .and_then(|pr| child(pr, "numPr"))
                .and_then(numbered_as);
            Some((
                id.to_string(),
                Style {
                    name: name.to_lowercase(),
                    numbering,
                },
            ))
        })
        .collect()
}

/// A `w:numPr`: its list (numId, not 0, which means none) and level.
fn numbered_as(numbering: Node) -> Option<(String, usize)> {
    let id = child(numbering, "numId").and_then(|i| attr(&i, "val"))?;
    let level = child(numbering, "ilvl")
        .and_then(|l| attr(&l, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (id != "0").then(|| (id.to_string(), level))
}

/// numId → whether each level is numbered (decimal, letters, roman) or bulleted.
fn numbering_kinds(xml: &str) -> HashMap<String, Vec<bool>> {
    let Ok(doc) = Document::parse(xml) else {
        return HashMap::new();
    };
    let abstracts: HashMap<&str, Vec<bool>> = doc
        .descendants()
        .filter(|n| local(n) == "abstractNum")
        .filter_map(|a| {
            let id = attr(&a, "abstractNumId")?;
            let levels = a
                .children()
                .filter(|l| local(l) == "lvl")
                .map(|l| child(l, "numFmt").and_then(|f| attr(&f, "val")) != Some("bullet"))
                .collect();
            Some((id, levels))
        })
        .collect();
    doc.descendants()
        .filter(|n| local(n) == "num")
        .filter_map(|n| {
            let id = attr(&n, "numId")?;
            let abstract_id = child(n, "abstractNumId").and_then(|a| attr(&a, "val"))?;
            Some((id.to_string(), abstracts.get(abstract_id)?.clone()))
        })
        .collect()
}

fn relation_targets(xml: &str) -> HashMap<String, String> {
    let Ok(doc) = Document::parse(xml) else {
        return HashMap::new();
    };
    doc.descendants()
        .filter(|n| local(n) == "Relationship")
        .filter_map(|r| Some((attr(&r, "Id")?.to_string(), attr(&r, "Target")?.to_string())))
        .collect()
}

fn footnote_texts(xml: &str, parts: &Parts) -> HashMap<String, String> {
    let Ok(doc) = Document::parse(xml) else {
        return HashMap::new();
    };
    doc.descendants()
        .filter(|n| local(n) == "footnote")
        .filter_map(|f| {
            let id = attr(&f, "id")?;
            let text: Vec<String> = f
                .children()
                .filter(|p| local(p) == "p")
                .map(|p| render(&spans(p, parts, &mut Vec::new(), &mut false)))
                .filter(|t| !t.is_empty())
                .collect();
            (!text.is_empty()).then(|| (id.to_string(), text.join(" ")))
        })
        .collect()
}

/// How a paragraph's style reads: a title, a heading level, a quotation.
enum Role {
    Title,
    Heading(usize),
    Quote,
    Text,
}

fn role(style: &str) -> Role {
    let style = style.trim();
    if style == "title" || style == "tiêu đề" {
        return Role::Title;
    }
    for prefix in ["heading ", "tiêu đề ", "đề mục "] {
        if let Some(n) = style
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<usize>().ok())
        {
            return Role::Heading(n);
        }
    }
    // "Quote" (Word), "Quotations" (LibreOffice), "Trích dẫn".
    if style.contains("quot") || style.contains("trích dẫn") {
        return Role::Quote;
    }
    Role::Text
}

fn paragraph(
    p: Node,
    parts: &Parts,
    read: &mut Parsed,
    media: &mut Vec<(String, String)>,
    revisions: &mut bool,
) {
    let properties = child(p, "pPr");
    let style_id = properties
        .and_then(|pr| child(pr, "pStyle"))
        .and_then(|s| attr(&s, "val"));
    let style = style_id.and_then(|id| parts.styles.get(id));
    let style_name = style
        .map(|s| s.name.clone())
        .or_else(|| style_id.map(str::to_lowercase))
        .unwrap_or_default();
    // A list item by its own numbering, else its style's ("List Bullet", "List Number").
    let list = properties
        .and_then(|pr| child(pr, "numPr"))
        .and_then(numbered_as)
        .or_else(|| style.and_then(|s| s.numbering.clone()))
        .map(|(id, level)| {
            let numbered = parts.numbering.get(&id).and_then(|l| l.get(level).copied());
            (level, numbered.unwrap_or(style_name.contains("number")))
        });
    let mut pictures = Vec::new();
    let text = render(&spans(p, parts, &mut pictures, revisions));
    for (target, alt) in pictures {
        let name = read.picture_block(media.len() + 1, &target, &alt);
        media.push((target, name));
    }
    if text.is_empty() {
        return;
    }
    let block = match (role(&style_name), list) {
        (Role::Title, _) if read.title.is_none() => {
            read.title = Some(text);
            return;
        }
        (Role::Heading(1), _) if read.title.is_none() && read.blocks.is_empty() => {
            read.title = Some(text);
            return;
        }
        // Levels are settled once the whole document is read (see `settle_headings`).
        (Role::Heading(n), _) => format!("{HEADING}{n} {text}"),
        (Role::Quote, _) => format!("> {text}"),
        (_, Some((level, numbered))) => {
            read.push_list_item(level, numbered, &text);
            return;
        }
        _ => text,
    };
    read.blocks.push(block);
}

/// The spans of a paragraph (or of a cell's paragraph): runs, links, footnote marks, line
/// breaks; pictures are collected as (media target, description).
fn spans(
    p: Node,
    parts: &Parts,
    pictures: &mut Vec<(String, String)>,
    revisions: &mut bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    for node in p.children().filter(|n| n.is_element()) {
        match local(&node) {
            "r" => run(node, parts, None, &mut out, pictures),
            "hyperlink" => {
                let target = attr(&node, "id")
                    .and_then(|id| parts.relations.get(id))
                    .cloned();
                for r in node.children().filter(|n| local(n) == "r") {
                    run(r, parts, target.clone(), &mut out, pictures);
                }
            }
            // Tracked changes: the inserted text counts, the deleted does not.
            "ins" => {
                *revisions = true;
                for r in node.children().filter(|n| local(n) == "r") {
                    run(r, parts, None, &mut out, pictures);
                }
            }
            "del" => *revisions = true,
            "smartTag" | "customXml" | "sdt" => {
                for r in node.descendants().filter(|n| local(n) == "r") {
                    run(r, parts, None, &mut out, pictures);
                }
            }
            _ => {}
        }
    }
    out
}

fn run(
    r: Node,
    parts: &Parts,
    link: Option<String>,
    out: &mut Vec<Span>,
    pictures: &mut Vec<(String, String)>,
) {
    let properties = child(r, "rPr");
    let on = |name: &str| {
        properties
            .and_then(|pr| child(pr, name))
            .is_some_and(|n| !matches!(attr(&n, "val"), Some("0" | "false" | "none")))
    };
    let font = properties
        .and_then(|pr| child(pr, "rFonts"))
        .and_then(|f| attr(&f, "ascii").or_else(|| attr(&f, "hAnsi")))
        .unwrap_or_default();
    let legacy: Option<(Legacy, bool)> = legacy::font_encoding(font);
    let caps = on("caps");
    let superscript = properties
        .and_then(|pr| child(pr, "vertAlign"))
        .and_then(|v| attr(&v, "val"))
        == Some("superscript");
    let mut push = |text: String, raw: bool| {
        out.push(Span {
            text,
            bold: on("b"),
            italic: on("i") || on("u"),
            superscript,
            link: link.clone(),
            raw,
            font: None,
        })
    };
    for node in r.children().filter(|n| n.is_element()) {
        match local(&node) {
            "t" => {
                let text = node.text().unwrap_or_default();
                let text = match legacy {
                    Some((encoding, capitals)) => legacy::decode_chars(text, encoding, capitals),
                    None => crate::text::nfc(text),
                };
                push(if caps { text.to_uppercase() } else { text }, false);
            }
            "tab" => push(" ".into(), false),
            "br" if attr(&node, "type") == Some("page") => {}
            "br" => push("\\\n".into(), true),
            "footnoteReference" => {
                if let Some(id) = attr(&node, "id") {
                    push(format!("[^{id}]"), true);
                }
            }
            "drawing" | "pict" => {
                let blip = node
                    .descendants()
                    .find(|n| local(n) == "blip" || local(n) == "imagedata")
                    .and_then(|b| attr(&b, "embed").or_else(|| attr(&b, "id")))
                    .and_then(|id| parts.relations.get(id));
                let alt = node
                    .descendants()
                    .find(|n| local(n) == "docPr")
                    .and_then(|d| attr(&d, "descr"))
                    .unwrap_or_default();
                if let Some(target) = blip {
                    pictures.push((target.clone(), alt.trim().to_string()));
                }
            }
            _ => {}
        }
    }
}

/// Markdown of spans: neighbours with the same formatting joined first (Word splits runs
/// anywhere, even inside a word), markers kept off the spaces around the text.
pub(super) fn render(spans: &[Span]) -> String {
    let mut joined: Vec<Span> = Vec::new();
    for span in spans {
        match joined.last_mut() {
            Some(last)
                if !span.raw
                    && !last.raw
                    && (last.bold, last.italic, last.superscript, &last.link)
                        == (span.bold, span.italic, span.superscript, &span.link) =>
            {
                last.text.push_str(&span.text)
            }
            _ => joined.push(span.clone()),
        }
    }
    let mut out = String::new();
    for span in &joined {
        if span.raw {
            out.push_str(&span.text);
            continue;
        }
        let text = span.text.replace('*', "\\*").replace('_', "\\_");
        let inner = text.trim();
        if inner.is_empty() {
            out.push_str(if text.is_empty() { "" } else { " " });
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let mut marked = inner.to_string();
        if span.superscript {
            marked = format!("<sup>{marked}</sup>");
        }
        if span.italic {
            marked = format!("_{marked}_");
        }
        if span.bold {
            marked = format!("**{marked}**");
        }
        if let Some(url) = &span.link {
            marked = format!("[{marked}]({url})");
        }
        out.push_str(lead);
        out.push_str(&marked);
        out.push_str(trail);
    }
    // No formatting noise: runs of spaces and empty lines go.
    let collapsed: Vec<&str> = out.split(' ').filter(|w| !w.is_empty()).collect();
    collapsed.join(" ").trim().to_string()
}

/// A table as a pipe table; merged cells are written once and reported.
fn table(tbl: Node, parts: &Parts, read: &mut Parsed) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut merged = false;
    for tr in tbl.children().filter(|n| local(n) == "tr") {
        let mut row = Vec::new();
        for tc in tr.children().filter(|n| local(n) == "tc") {
            let pr = child(tc, "tcPr");
            let span = pr
                .and_then(|p| child(p, "gridSpan"))
                .and_then(|g| attr(&g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            let continued = pr
                .and_then(|p| child(p, "vMerge"))
                .is_some_and(|v| attr(&v, "val") != Some("restart"));
            if span > 1 || continued || tc.descendants().any(|n| local(&n) == "tbl" && n != tc) {
                merged = true;
            }
            let mut pictures = Vec::new();
            let text: Vec<String> = tc
                .children()
                .filter(|p| local(p) == "p")
                .map(|p| render(&spans(p, parts, &mut pictures, &mut false)))
                .filter(|t| !t.is_empty())
                .collect();
            let text = if continued {
                String::new()
            } else {
                text.join("<br>").replace('|', "\\|")
            };
            row.push(text);
            for _ in 1..span {
                row.push(String::new());
            }
        }
        rows.push(row);
    }
    if merged {
        read.notes.push(t!("import-merged-cells"));
    }
    pipe_table(&rows)
}

/// Rows of cells as a pipe table, the first row its head.
pub(super) fn pipe_table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return String::new();
    }
    let line = |cells: &[String]| {
        let mut cells = cells.to_vec();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}
