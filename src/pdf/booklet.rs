//! An A5 booklet from a PDF of A5 pages: two pages side by side on each side of an A4 sheet,
//! in the order that makes the folded stack of sheets read from the first page to the last
//! (page count padded with blank pages to a multiple of four).
//!
//! The printed PDF is kept as it is and an incremental update is appended: each page becomes
//! a form XObject (its content stream's bytes, still compressed, with its resources), and new
//! A4-landscape pages draw two of them. Chromium's PDFs have one content stream per page and
//! resources of names and references, which is all this needs; anything else is refused with
//! `None`, never a broken file.

use super::BookletSize;
use super::reader::{Object, Parsed, parse};
use std::fmt::Write as _;

/// What [`impose`] made.
pub struct Booklet {
    pub pdf: Vec<u8>,
    pub size: BookletSize,
}

/// For a booklet of `count` pages (a multiple of 4): the two pages (0-based, left then right)
/// of each side of each sheet, front then back, sheet after sheet.
pub fn sides(count: usize) -> Vec<[usize; 2]> {
    let mut sides = Vec::with_capacity(count / 2);
    for sheet in 0..count / 4 {
        sides.push([count - 1 - 2 * sheet, 2 * sheet]);
        sides.push([2 * sheet + 1, count - 2 - 2 * sheet]);
    }
    sides
}

/// One page of the printed PDF, as a form XObject needs it.
struct Page {
    width: f64,
    height: f64,
    /// The content stream's dictionary entries to keep (`/Filter`, `/DecodeParms`), written.
    filter: String,
    data: std::ops::Range<usize>,
    resources: String,
    group: Option<String>,
}

fn page(parsed: &Parsed, number: u32) -> Option<Page> {
    let dict = parsed.objects.get(&number)?;
    let Object::Ref(contents) = dict.get(b"Contents")? else {
        return None;
    };
    let stream = parsed.objects.get(contents)?;
    let mut filter = String::new();
    for key in [&b"Filter"[..], b"DecodeParms"] {
        if let Some(value) = stream.get(key) {
            let value = written(&parsed.resolve(value))?;
            let _ = write!(filter, " /{} {value}", String::from_utf8_lossy(key));
        }
    }
    let media = match parsed.resolve(dict.get(b"MediaBox")?) {
        Object::Array(n) if n.len() == 4 => n,
        _ => return None,
    };
    let [x0, y0, x1, y1] = [0, 1, 2, 3].map(|i| media[i].number());
    let (width, height) = ((x1? - x0?).abs(), (y1? - y0?).abs());
    Some(Page {
        width,
        height,
        filter,
        data: parsed.streams.get(contents)?.clone(),
        resources: written(&parsed.resolve(dict.get(b"Resources")?))?,
        group: match dict.get(b"Group") {
            Some(g) => Some(written(&parsed.resolve(g))?),
            None => None,
        },
    })
}

/// An object as PDF syntax: names, numbers, references, arrays and dictionaries of them.
fn written(o: &Object) -> Option<String> {
    Some(match o {
        Object::Int(n) => n.to_string(),
        Object::Real(r) => format!("{r:.4}"),
        Object::Ref(n) => format!("{n} 0 R"),
        Object::Name(n) => name(n),
        Object::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(written).collect();
            format!("[{}]", items?.join(" "))
        }
        Object::Dict(entries) => {
            let mut out = String::from("<<");
            for (k, v) in entries {
                let _ = write!(out, "{} {} ", name(k), written(v)?);
            }
            out.push_str(">>");
            out
        }
        Object::Str(_) | Object::Other => return None,
    })
}

fn name(raw: &[u8]) -> String {
    let mut out = String::from("/");
    for &b in raw {
        if b.is_ascii_alphanumeric() || b"-_.+".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
    out
}

/// The booklet of a PDF whose pages are A5 (any size works: sheets are twice as wide).
pub fn impose(pdf: &[u8]) -> Option<Booklet> {
    let parsed = parse(pdf);
    let startxref = parsed.startxref?;
    let pages: Vec<Page> = parsed
        .pages()
        .into_iter()
        .map(|n| page(&parsed, n))
        .collect::<Option<_>>()?;
    if pages.is_empty() {
        return None;
    }
    let sides = sides(pages.len().div_ceil(4) * 4);
    // New object numbers follow the highest (a file claiming numbers near u32::MAX is not
    // one Chromium wrote).
    let first = parsed.objects.keys().max().copied().unwrap_or(0) + 1;
    if first > u32::MAX / 2 {
        return None;
    }
    let mut update = Update::new(pdf, first);
    // New objects: a form per page, then per side its content and its page, then the page
    // tree and the catalog.
    for p in &pages {
        update.form(p, pdf.get(p.data.clone())?);
    }
    let tree = first + (pages.len() + 2 * sides.len()) as u32;
    let mut kids = Vec::with_capacity(sides.len());
    for side in &sides {
        kids.push(update.side(&pages, side, first, tree));
    }
    let kids: Vec<String> = kids.iter().map(|n| format!("{n} 0 R")).collect();
    let count = kids.len();
    let pages_tree = update.object(
        format!("<</Type /Pages /Kids [{}] /Count {count}>>", kids.join(" ")),
        None,
    );
    debug_assert_eq!(
        pages_tree, tree,
        "the sides name their parent before it is written"
    );
    let catalog = update.object(format!("<</Type /Catalog /Pages {tree} 0 R>>"), None);
    let info = parsed
        .trailer
        .get(b"Info")
        .and_then(written)
        .map(|i| format!(" /Info {i}"))
        .unwrap_or_default();
    Some(Booklet {
        pdf: update.finish(&format!("/Root {catalog} 0 R{info} /Prev {startxref}")),
        size: BookletSize {
            pages: pages.len(),
            sheets: sides.len() / 2,
        },
    })
}

/// An incremental update: the original bytes, then new objects numbered from `first`, then
/// their cross-reference section and a trailer pointing back to the original's.
struct Update {
    out: Vec<u8>,
    first: u32,
    offsets: Vec<usize>,
}

impl Update {
    fn new(pdf: &[u8], first: u32) -> Update {
        let mut out = pdf.to_vec();
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        Update {
            out,
            first,
            offsets: Vec::new(),
        }
    }

    /// Appends the next object (a stream when it has `data`) and returns its number.
    fn object(&mut self, head: String, data: Option<&[u8]>) -> u32 {
        let number = self.first + self.offsets.len() as u32;
        self.offsets.push(self.out.len());
        self.out
            .extend(format!("{number} 0 obj\n{head}\n").as_bytes());
        if let Some(data) = data {
            self.out.extend(b"stream\n");
            self.out.extend(data);
            self.out.extend(b"\nendstream\n");
        }
        self.out.extend(b"endobj\n");
        number
    }

    /// A printed page as a form XObject: its content bytes as they are, with its resources.
    fn form(&mut self, p: &Page, data: &[u8]) -> u32 {
        let group = p
            .group
            .as_deref()
            .map(|g| format!(" /Group {g}"))
            .unwrap_or_default();
        let head = format!(
            "<</Type /XObject /Subtype /Form /BBox [0 0 {:.4} {:.4}] /Resources {}{group}{} /Length {}>>",
            p.width,
            p.height,
            p.resources,
            p.filter,
            data.len()
        );
        self.object(head, Some(data))
    }

    /// One side of a sheet, twice as wide as the largest page, drawing the forms of its two
    /// pages (numbered from `forms`) each centred in its half; returns the page's number.
    fn side(&mut self, pages: &[Page], side: &[usize; 2], forms: u32, tree: u32) -> u32 {
        let width = pages.iter().map(|p| p.width).fold(0.0, f64::max);
        let height = pages.iter().map(|p| p.height).fold(0.0, f64::max);
        let mut draw = String::new();
        let mut xobjects = String::new();
        for (slot, &i) in side.iter().enumerate() {
            let Some(p) = pages.get(i) else { continue };
            let x = slot as f64 * width + (width - p.width) / 2.0;
            let y = (height - p.height) / 2.0;
            let _ = writeln!(draw, "q 1 0 0 1 {x:.4} {y:.4} cm /P{i} Do Q");
            let _ = write!(xobjects, "/P{i} {} 0 R ", forms + i as u32);
        }
        let content = self.object(format!("<</Length {}>>", draw.len()), Some(draw.as_bytes()));
        self.object(
            format!(
                "<</Type /Page /Parent {tree} 0 R /MediaBox [0 0 {:.4} {height:.4}] /Resources <</XObject <<{xobjects}>>>> /Contents {content} 0 R>>",
                2.0 * width
            ),
            None,
        )
    }

    /// The bytes with the cross-reference section and the trailer (`entries` besides /Size).
    fn finish(mut self, entries: &str) -> Vec<u8> {
        let xref = self.out.len();
        let mut table = format!("xref\n{} {}\n", self.first, self.offsets.len());
        for offset in &self.offsets {
            // Each entry is exactly 20 bytes, the trailing space included.
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let size = self.first as usize + self.offsets.len();
        let _ = write!(
            table,
            "trailer\n<</Size {size} {entries}>>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out.extend(table.as_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_sheets_read_in_order() {
        // Eight pages on two sheets: the outer sheet holds 8|1 and 2|7, the inner 6|3 and 4|5.
        assert_eq!(sides(8), vec![[7, 0], [1, 6], [5, 2], [3, 4]]);
        assert_eq!(sides(4), vec![[3, 0], [1, 2]]);
        // Every page exactly once.
        let mut all: Vec<usize> = sides(16).into_iter().flatten().collect();
        all.sort_unstable();
        assert_eq!(all, (0..16).collect::<Vec<_>>());
    }

    proptest::proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000)) {
            let _ = impose(&bytes);
            let mut pdf = b"%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [3 0 R]>>\nendobj\n3 0 obj\n<</Type /Page /MediaBox [0 0 419.5 595.2] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>\nendobj\n4 0 obj\n<</Length 5>>\nstream\n".to_vec();
            pdf.extend(&bytes);
            pdf.extend(b"\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n");
            let _ = impose(&pdf);
        }
    }

    #[test]
    fn a_one_page_pdf_becomes_one_sheet_with_the_page_on_the_front_right() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n3 0 obj\n<</Type /Page /MediaBox [0 0 419.5 595.2] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>\nendobj\n4 0 obj\n<</Length 5 /Filter /FlateDecode>>\nstream\nBT ET\nendstream\nendobj\nxref\n0 5\ntrailer\n<</Size 5 /Root 1 0 R /Info 1 0 R>>\nstartxref\n300\n%%EOF\n";
        let booklet = impose(pdf).expect("imposed");
        assert_eq!((booklet.size.pages, booklet.size.sheets), (1, 1));
        let added = String::from_utf8_lossy(&booklet.pdf[pdf.len()..]).into_owned();
        assert!(added.contains("/Subtype /Form /BBox [0 0 419.5000 595.2000] /Resources <</Font <</F1 5 0 R >> >> /Filter /FlateDecode /Length 5>>\nstream\nBT ET\nendstream"), "{added}");
        // The page is the front's right half; the other three sides are blank.
        assert!(
            added.contains("q 1 0 0 1 419.5000 0.0000 cm /P0 Do Q"),
            "{added}"
        );
        assert_eq!(added.matches("/Type /Page ").count(), 2, "{added}");
        // Objects 5 (the form), 6-9 (two sides), 10 (the page tree), 11 (the catalog).
        assert!(
            added.contains("/Type /Pages /Kids [7 0 R 9 0 R] /Count 2"),
            "{added}"
        );
        assert!(added.contains("xref\n5 7\n"), "{added}");
        assert!(
            added.contains("trailer\n<</Size 12 /Root 11 0 R /Info 1 0 R /Prev 300>>"),
            "{added}"
        );
    }

    #[test]
    fn anything_but_a_pdf_of_pages_is_refused() {
        assert!(impose(b"").is_none());
        assert!(impose(b"%PDF-1.4\ntrailer\n<</Root 1 0 R>>\nstartxref\n0\n%%EOF").is_none());
    }
}
