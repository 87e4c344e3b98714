//! Reads the page of every named destination back from a PDF (`bantin print` writes page
//! numbers into the contents from a first print), and the pages of a PDF as the booklet
//! imposition needs them (src/pdf/booklet.rs). A small tokenizer over bytes rather than a
//! PDF crate: we need objects, dictionaries, arrays, names and references and nothing else
//! (no decompression, no fonts), and the whole reader is shorter than the glue a crate such
//! as lopdf would need, with no new dependency tree to build. Any input, however broken,
//! gives an answer (possibly empty) in time linear in its size, and never a panic.

use std::collections::{HashMap, HashSet};

/// Deeper nesting than this is not a PDF we wrote: it is read as `null`.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Object {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    /// A literal or hex string, undecoded (name trees use them as keys).
    Str(Vec<u8>),
    Array(Vec<Object>),
    Dict(Vec<(Vec<u8>, Object)>),
    Ref(u32),
    /// Reals, booleans, null and anything we do not need.
    Other,
}

impl Object {
    pub(super) fn get(&self, key: &[u8]) -> Option<&Object> {
        match self {
            Object::Dict(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn is_name(&self, name: &[u8]) -> bool {
        matches!(self, Object::Name(n) if n == name)
    }

    pub(super) fn number(&self) -> Option<f64> {
        match self {
            Object::Int(n) => Some(*n as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Int(i64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    /// `obj`, `R`, `stream`, `true`, a real number, a stray delimiter...
    Word(&'a [u8]),
}

fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[derive(Clone)]
struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn peek_byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(self.pos + at).copied()
    }

    /// The bytes from `pos` up to the next space or delimiter.
    fn regular(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .peek_byte(0)
            .is_some_and(|b| !is_space(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// The next token; every call that returns one has consumed at least one byte.
    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let b = self.peek_byte(0)?;
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek_byte(0).is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let b = self.peek_byte(0)?;
        let start = self.pos;
        self.pos += 1;
        Some(match b {
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'<' if self.peek_byte(0) == Some(b'<') => {
                self.pos += 1;
                Token::DictOpen
            }
            b'>' if self.peek_byte(0) == Some(b'>') => {
                self.pos += 1;
                Token::DictClose
            }
            b'<' => Token::Str(self.hex_string()),
            b'(' => Token::Str(self.literal_string()),
            b'/' => Token::Name(decode_name(self.regular())),
            b')' | b'>' | b'{' | b'}' => Token::Word(&self.bytes[start..self.pos]),
            _ => {
                self.pos = start;
                let word = self.regular();
                let integer = !word.is_empty()
                    && word
                        .iter()
                        .enumerate()
                        .all(|(i, c)| c.is_ascii_digit() || (i == 0 && matches!(c, b'+' | b'-')));
                match std::str::from_utf8(word).ok().and_then(|w| w.parse().ok()) {
                    Some(n) if integer => Token::Int(n),
                    _ => Token::Word(word),
                }
            }
        })
    }

    /// After `(`: up to the matching `)`, escapes kept as written (we only compare strings).
    fn literal_string(&mut self) -> Vec<u8> {
        let start = self.pos;
        let mut depth = 1usize;
        while let Some(b) = self.peek_byte(0) {
            self.pos += 1;
            match b {
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return self.bytes[start..self.pos - 1].to_vec();
                    }
                }
                _ => {}
            }
        }
        self.bytes[start..].to_vec()
    }

    /// After `<`: hex digits up to `>`, decoded.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut digits = Vec::new();
        while let Some(b) = self.peek_byte(0) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    }

    /// `N G R` after the integer `n` just read: a reference to object `n`.
    fn reference_after(&mut self, n: i64) -> Option<Object> {
        let mut ahead = self.clone();
        let (Some(Token::Int(_)), Some(Token::Word(b"R"))) = (ahead.next(), ahead.next()) else {
            return None;
        };
        *self = ahead;
        Some(u32::try_from(n).map_or(Object::Other, Object::Ref))
    }

    /// One object; `None` at the end of the input or at a closing bracket.
    fn object(&mut self, depth: usize) -> Option<Object> {
        let token = self.next()?;
        Some(match token {
            Token::Int(n) => self.reference_after(n).unwrap_or(Object::Int(n)),
            Token::Name(n) => Object::Name(n),
            Token::Str(s) => Object::Str(s),
            Token::ArrayOpen if depth < MAX_DEPTH => {
                let mut items = Vec::new();
                while let Some(item) = self.object(depth + 1) {
                    items.push(item);
                }
                Object::Array(items)
            }
            Token::DictOpen if depth < MAX_DEPTH => {
                let mut entries = Vec::new();
                while let Some(key) = self.object(depth + 1) {
                    if let Object::Name(key) = key {
                        let value = self.object(depth + 1).unwrap_or(Object::Other);
                        entries.push((key, value));
                    }
                }
                Object::Dict(entries)
            }
            Token::ArrayClose | Token::DictClose => return None,
            Token::Word(w) => std::str::from_utf8(w)
                .ok()
                .filter(|w| w.contains('.'))
                .and_then(|w| w.parse().ok())
                .map_or(Object::Other, Object::Real),
            Token::ArrayOpen | Token::DictOpen => Object::Other,
        })
    }

    /// Just after a stream's dictionary and the keyword `stream`: past its `endstream`, by
    /// its direct `/Length` when that lands on `endstream`, else by looking for `endstream`.
    /// Returns where its data is.
    fn skip_stream(&mut self, dict: &Object) -> std::ops::Range<usize> {
        match (self.peek_byte(0), self.peek_byte(1)) {
            (Some(b'\r'), Some(b'\n')) => self.pos += 2,
            (Some(b'\r' | b'\n'), _) => self.pos += 1,
            _ => {}
        }
        let start = self.pos;
        if let Some(Object::Int(length)) = dict.get(b"Length")
            && let Some(end) = usize::try_from(*length)
                .ok()
                .and_then(|l| start.checked_add(l))
                .filter(|end| *end <= self.bytes.len())
        {
            let after = &self.bytes[end..];
            let after = &after[after.iter().take_while(|b| is_space(**b)).count()..];
            if after.starts_with(b"endstream") {
                self.pos = self.bytes.len() - after.len() + b"endstream".len();
                return start..end;
            }
        }
        let end = find(&self.bytes[start..], b"endstream").map_or(self.bytes.len(), |i| start + i);
        self.pos = (end + b"endstream".len()).min(self.bytes.len());
        // The end of line before `endstream` is not data.
        let data = &self.bytes[start..end];
        let eol = if data.ends_with(b"\r\n") {
            2
        } else {
            usize::from(data.ends_with(b"\n") || data.ends_with(b"\r"))
        };
        start..end - eol
    }
}

/// `#xx` escapes of a name decoded (`/item#2D1` is `item-1`).
fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) if raw[i] == b'#' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(raw[i]);
                i += 1;
            }
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Every `N G obj ... endobj` of the file (the last definition of a number wins, as in an
/// incrementally updated PDF), streams skipped.
fn objects(pdf: &[u8]) -> HashMap<u32, Object> {
    parse(pdf).objects
}

/// The objects of a PDF, where the data of each stream is, and its last trailer.
pub(super) struct Parsed {
    pub objects: HashMap<u32, Object>,
    pub streams: HashMap<u32, std::ops::Range<usize>>,
    pub trailer: Object,
    /// Where the last cross-reference section starts (`startxref`).
    pub startxref: Option<u64>,
}

impl Parsed {
    pub fn resolve(&self, o: &Object) -> Object {
        match o {
            Object::Ref(n) => self.objects.get(n).cloned().unwrap_or(Object::Other),
            other => other.clone(),
        }
    }

    /// The page objects in reading order.
    pub fn pages(&self) -> Vec<u32> {
        let root = self.resolve(self.trailer.get(b"Root").unwrap_or(&Object::Other));
        let order = page_order(&self.objects, root.get(b"Pages"));
        let mut pages: Vec<(usize, u32)> = order.into_iter().map(|(n, i)| (i, n)).collect();
        pages.sort_unstable();
        pages.into_iter().map(|(_, n)| n).collect()
    }
}

pub(super) fn parse(pdf: &[u8]) -> Parsed {
    let mut objects = HashMap::new();
    let mut streams = HashMap::new();
    let mut trailer = Object::Other;
    let mut startxref = None;
    let mut lexer = Lexer { bytes: pdf, pos: 0 };
    // The last two integers seen: `N G` before `obj`.
    let mut ints: [Option<i64>; 2] = [None, None];
    while let Some(token) = lexer.next() {
        match token {
            Token::Int(n) => ints = [ints[1], Some(n)],
            Token::Word(b"obj") => {
                let number = ints[0].and_then(|n| u32::try_from(n).ok());
                ints = [None, None];
                let value = lexer.object(0).unwrap_or(Object::Other);
                let mut ahead = lexer.clone();
                if ahead.next() == Some(Token::Word(b"stream")) {
                    lexer = ahead;
                    let data = lexer.skip_stream(&value);
                    if let Some(n) = number {
                        streams.insert(n, data);
                    }
                }
                if let Some(n) = number {
                    objects.insert(n, value);
                }
            }
            Token::Word(b"trailer") => {
                trailer = lexer.object(0).unwrap_or(Object::Other);
                ints = [None, None];
            }
            Token::Word(b"startxref") => {
                startxref = match lexer.next() {
                    Some(Token::Int(n)) => u64::try_from(n).ok(),
                    _ => None,
                };
                ints = [None, None];
            }
            _ => ints = [None, None],
        }
    }
    Parsed {
        objects,
        streams,
        trailer,
        startxref,
    }
}

/// The page (1-based) of every named destination of a PDF: the catalog's `/Dests`
/// dictionary (what Chromium writes: `/item-3 [28 0 R /XYZ ...]`) or its `/Names /Dests`
/// name tree, with pages numbered in the order of the `/Pages` tree.
pub fn destination_pages(pdf: &[u8]) -> HashMap<String, usize> {
    let objects = objects(pdf);
    let resolve = |o: &Object| -> Object {
        match o {
            Object::Ref(n) => objects.get(n).cloned().unwrap_or(Object::Other),
            other => other.clone(),
        }
    };
    let Some(catalog) = objects
        .values()
        .find(|o| o.get(b"Type").is_some_and(|t| t.is_name(b"Catalog")))
    else {
        return HashMap::new();
    };
    let order = page_order(&objects, catalog.get(b"Pages"));

    let mut named: Vec<(Vec<u8>, Object)> = Vec::new();
    if let Object::Dict(entries) = catalog.get(b"Dests").map(resolve).unwrap_or(Object::Other) {
        named.extend(entries);
    }
    if let Some(tree) = catalog
        .get(b"Names")
        .map(resolve)
        .and_then(|names| names.get(b"Dests").cloned())
    {
        name_tree(&objects, &tree, &mut named);
    }
    let mut pages = HashMap::new();
    for (name, destination) in named {
        // `[page /XYZ ...]`, or `<< /D [page ...] >>`, either possibly indirect.
        let destination = resolve(&destination);
        let array = match destination.get(b"D") {
            Some(d) => resolve(d),
            None => destination,
        };
        if let Object::Array(items) = array
            && let Some(Object::Ref(page)) = items.first()
            && let Some(number) = order.get(page)
        {
            pages.insert(String::from_utf8_lossy(&name).into_owned(), *number);
        }
    }
    pages
}

/// Page object number → its 1-based position, walking the page tree depth first from
/// `root` (each node once, so a cycle ends the walk).
fn page_order(objects: &HashMap<u32, Object>, root: Option<&Object>) -> HashMap<u32, usize> {
    let mut order = HashMap::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<u32> = match root {
        Some(Object::Ref(n)) => vec![*n],
        _ => return order,
    };
    while let Some(node) = stack.pop() {
        if !seen.insert(node) {
            continue;
        }
        let Some(dict) = objects.get(&node) else {
            continue;
        };
        match dict.get(b"Kids") {
            Some(Object::Array(kids)) if !dict.get(b"Type").is_some_and(|t| t.is_name(b"Page")) => {
                stack.extend(kids.iter().rev().filter_map(|k| match k {
                    Object::Ref(n) => Some(*n),
                    _ => None,
                }));
            }
            _ => {
                let next = order.len() + 1;
                order.insert(node, next);
            }
        }
    }
    order
}

/// The `(name) destination` pairs of a name tree (`/Names [...]` leaves under `/Kids`).
fn name_tree(objects: &HashMap<u32, Object>, root: &Object, out: &mut Vec<(Vec<u8>, Object)>) {
    let mut seen = HashSet::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        let node = match node {
            Object::Ref(n) if seen.insert(n) => objects.get(&n).cloned().unwrap_or(Object::Other),
            Object::Ref(_) => continue,
            other => other,
        };
        if let Some(Object::Array(pairs)) = node.get(b"Names") {
            for pair in pairs.chunks(2) {
                if let [Object::Str(name), value] = pair {
                    out.push((name.clone(), value.clone()));
                }
            }
        }
        if let Some(Object::Array(kids)) = node.get(b"Kids") {
            stack.extend(kids.iter().filter(|k| matches!(k, Object::Ref(_))).cloned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A PDF as Chromium (Skia) writes it, by hand: a catalog with `/Dests`, a two-level page
    /// tree, a content stream holding bytes that look like objects, and non-UTF-8 bytes.
    fn chromium_like() -> Vec<u8> {
        let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let content =
            b"BT /F1 12 Tf (7 0 obj << /Type /Pages /Kids [9 0 R] >> endobj) Tj ET \xff\xfe\n";
        let objects: Vec<Vec<u8>> = vec![
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Dests 3 0 R >>\nendobj\n".to_vec(),
            b"2 0 obj\n<< /Type /Pages /Count 3 /Kids [4 0 R 5 0 R] >>\nendobj\n".to_vec(),
            b"3 0 obj\n<< /cover [6 0 R /XYZ 0 792 0] /item#2D1 [8 0 R /XYZ 0 500 0] /item-2 [10 0 R /Fit] /gone [99 0 R /Fit] >>\nendobj\n".to_vec(),
            b"4 0 obj\n<< /Type /Pages /Count 2 /Kids [6 0 R 8 0 R] /Parent 2 0 R >>\nendobj\n".to_vec(),
            b"5 0 obj\n<< /Type /Pages /Count 1 /Kids [10 0 R] /Parent 2 0 R >>\nendobj\n".to_vec(),
            b"6 0 obj\n<< /Type /Page /Parent 4 0 R /Contents 11 0 R >>\nendobj\n".to_vec(),
            b"8 0 obj\n<< /Type /Page /Parent 4 0 R >>\nendobj\n".to_vec(),
            b"10 0 obj\n<< /Type /Page /Parent 5 0 R >>\nendobj\n".to_vec(),
            [
                format!("11 0 obj\n<< /Length {} >>\nstream\n", content.len()).into_bytes(),
                content.to_vec(),
                b"endstream\nendobj\n".to_vec(),
            ]
            .concat(),
        ];
        for o in objects {
            pdf.extend(o);
        }
        pdf.extend(b"xref\n0 12\n0000000000 65535 f \ntrailer\n<< /Size 12 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n");
        pdf
    }

    #[test]
    fn named_destinations_give_the_pages_in_page_tree_order() {
        let pages = destination_pages(&chromium_like());
        let mut got: Vec<_> = pages.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        got.sort();
        assert_eq!(got, [("cover", 1), ("item-1", 2), ("item-2", 3)]);
    }

    #[test]
    fn a_name_tree_of_destinations_is_read_too() {
        let pdf = b"1 0 obj << /Type /Catalog /Pages 2 0 R /Names << /Dests 3 0 R >> >> endobj
2 0 obj << /Type /Pages /Kids [4 0 R 5 0 R] >> endobj
3 0 obj << /Kids [6 0 R] >> endobj
6 0 obj << /Names [(a) [5 0 R /Fit] (b) << /D [4 0 R /Fit] >>] >> endobj
4 0 obj << /Type /Page >> endobj 5 0 obj << /Type /Page >> endobj";
        let pages = destination_pages(pdf);
        assert_eq!((pages.get("a"), pages.get("b")), (Some(&2), Some(&1)));
    }

    #[test]
    fn a_stream_without_a_true_length_is_skipped_to_its_endstream() {
        // The stream claims 3 bytes and holds a fake catalog: only the real one counts.
        let pdf = b"1 0 obj << /Length 3 >> stream\n9 0 obj << /Type /Catalog /Pages 8 0 R >> endobj\nendstream endobj
2 0 obj << /Type /Catalog /Pages 3 0 R /Dests << /x [4 0 R] >> >> endobj
3 0 obj << /Type /Pages /Kids [4 0 R] >> endobj 4 0 obj << /Type /Page >> endobj";
        assert_eq!(destination_pages(pdf).get("x"), Some(&1));
        assert_eq!(objects(pdf).len(), 4);
    }

    #[test]
    fn broken_pdfs_give_an_answer_without_panicking() {
        let good = chromium_like();
        // Every truncation, and the bytes that made the old reader panic (a multi-byte
        // character right before an object number).
        for end in 0..good.len() {
            destination_pages(&good[..end]);
        }
        for bad in [
            &b"\xc3\xa9 0 obj\xe2\x82 0 obj endobj"[..],
            b"\xff\xfe1 0 obj << /Type /Catalog /Pages 1 0 R /Dests 1 0 R >>",
            b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Kids [2 0 R 3 0 R] >> endobj",
            b"1 0 obj << /Length 99999999999999999999 >> stream\nabc",
            b"1 0 obj << /Length -5 >> stream\r\n",
            b"(((((\\",
            b"<<<<<<<<<<<< /a [[[[[[[[[[[[ 1 0 R",
            b"1 0 obj << /Type /Catalog /Pages 2 0 R /Dests 3 0 R >> 3 0 obj << /x#zz [5 0 R] /y 7 0 R >>",
        ] {
            destination_pages(bad);
        }
        let deep = [b"1 0 obj ".to_vec(), vec![b'['; 100_000]].concat();
        assert!(destination_pages(&deep).is_empty());
        let cyclic = b"1 0 obj << /Type /Catalog /Pages 2 0 R /Dests << /a [3 0 R] >> >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj 3 0 obj << /Type /Page >> endobj";
        assert_eq!(destination_pages(cyclic).get("a"), Some(&1));
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            destination_pages(&bytes);
        }

        #[test]
        fn a_pdf_with_random_bytes_spliced_in_never_panics(
            at in 0usize..1200,
            junk in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let mut pdf = chromium_like();
            let at = at.min(pdf.len());
            pdf.splice(at..at, junk);
            destination_pages(&pdf);
        }
    }
}
