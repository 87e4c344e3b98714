//! An A5 booklet from a PDF of A5 pages: two pages side by side on each side of an A4 sheet,
//! in the order that makes the folded stack of sheets read from the first page to the last
//! (page count padded with blank pages to a multiple of four).
//!
//! The printed PDF is kept as it is and an incremental update is appended: each page becomes
//! a form XObject (its content stream's bytes, still compressed, with its resources), and new
//! A4-landscape pages draw two of them. Chromium's PDFs have one content stream per page and
//! resources of names and references, which is all this needs; anything else is refused with
//! `None`, never a broken file.

use super::reader::{Object, Parsed, parse};
use std::fmt::Write as _;

/// What [`impose`] made.
pub struct Booklet {
    pub pdf: Vec<u8>,
    /// Pages of the booklet (the A5 pages printed, blank ones not counted).
    pub pages: usize,
    /// A4 sheets to print on both sides.
    pub sheets: usize,
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
    let width = pages.iter().map(|p| p.width).fold(0.0, f64::max);
    let height = pages.iter().map(|p| p.height).fold(0.0, f64::max);
    let count = pages.len().div_ceil(4) * 4;
    let sides = sides(count);

    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    // New object numbers follow the highest (a file claiming numbers near u32::MAX is not
    // one Chromium wrote).
    let first = parsed.objects.keys().max().copied().unwrap_or(0) + 1;
    if first > u32::MAX / 2 {
        return None;
    }
    // New objects: a form per page, then per side its content and its page, then the page
    // tree and the catalog.
    let form = |i: usize| first + i as u32;
    let side_content = |s: usize| first + (pages.len() + 2 * s) as u32;
    let side_page = |s: usize| side_content(s) + 1;
    let tree = first + (pages.len() + 2 * sides.len()) as u32;
    let catalog = tree + 1;
    let mut offsets: Vec<usize> = Vec::new();
    let mut object = |out: &mut Vec<u8>, head: String, data: Option<&[u8]>| {
        offsets.push(out.len());
        let number = first as usize + offsets.len() - 1;
        out.extend(format!("{number} 0 obj\n{head}\n").as_bytes());
        if let Some(data) = data {
            out.extend(b"stream\n");
            out.extend(data);
            out.extend(b"\nendstream\n");
        }
        out.extend(b"endobj\n");
    };
    for p in &pages {
        let data = pdf.get(p.data.clone())?;
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
        object(&mut out, head, Some(data));
    }
    for (s, side) in sides.iter().enumerate() {
        let mut draw = String::new();
        let mut xobjects = String::new();
        for (slot, &i) in side.iter().enumerate() {
            let Some(p) = pages.get(i) else { continue };
            // Each page centred in its half of the sheet.
            let x = slot as f64 * width + (width - p.width) / 2.0;
            let y = (height - p.height) / 2.0;
            let _ = writeln!(draw, "q 1 0 0 1 {x:.4} {y:.4} cm /P{i} Do Q");
            let _ = write!(xobjects, "/P{i} {} 0 R ", form(i));
        }
        let head = format!("<</Length {}>>", draw.len());
        object(&mut out, head, Some(draw.as_bytes()));
        let head = format!(
            "<</Type /Page /Parent {tree} 0 R /MediaBox [0 0 {:.4} {height:.4}] /Resources <</XObject <<{xobjects}>>>> /Contents {} 0 R>>",
            2.0 * width,
            side_content(s)
        );
        object(&mut out, head, None);
    }
    let kids: Vec<String> = (0..sides.len())
        .map(|s| format!("{} 0 R", side_page(s)))
        .collect();
    let head = format!(
        "<</Type /Pages /Kids [{}] /Count {}>>",
        kids.join(" "),
        sides.len()
    );
    object(&mut out, head, None);
    object(
        &mut out,
        format!("<</Type /Catalog /Pages {tree} 0 R>>"),
        None,
    );
    debug_assert_eq!(first as usize + offsets.len() - 1, catalog as usize);

    let xref = out.len();
    let mut table = format!("xref\n{first} {}\n", offsets.len());
    for offset in &offsets {
        // Each entry is exactly 20 bytes, the trailing space included.
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let info = parsed
        .trailer
        .get(b"Info")
        .and_then(written)
        .map(|i| format!(" /Info {i}"))
        .unwrap_or_default();
    let _ = write!(
        table,
        "trailer\n<</Size {} /Root {catalog} 0 R{info} /Prev {startxref}>>\nstartxref\n{xref}\n%%EOF\n",
        catalog + 1
    );
    out.extend(table.as_bytes());
    Some(Booklet {
        pdf: out,
        pages: pages.len(),
        sheets: sides.len() / 2,
    })
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
        assert_eq!((booklet.pages, booklet.sheets), (1, 1));
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
