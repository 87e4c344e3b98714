//! The signer of a Vietnamese report, read from its signature block: at the end, a position in
//! capitals ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "NGƯỜI VIẾT"), perhaps "(đã ký)", then the
//! signer's name, on lines of their own or in the right-hand cell of a table beside the
//! "Nơi nhận" list. A document's properties name whoever set up the computer ("Admin"), so
//! the signature comes first.

/// How many blocks from the end a signature block may start.
const TAIL: usize = 12;
/// How many lines a name may come after its position ("(đã ký)", "(Ký, ghi rõ họ tên)").
const GAP: usize = 3;

/// The name under the last position in capitals near the end of `blocks` (Markdown), if any.
pub fn signer(blocks: &[String]) -> Option<String> {
    let tail = &blocks[blocks.len().saturating_sub(TAIL)..];
    let lines: Vec<String> = tail.iter().flat_map(|b| lines(b)).collect();
    let mut found = None;
    for (at, line) in lines.iter().enumerate() {
        if is_position(line)
            && let Some(name) = lines[at + 1..].iter().take(GAP + 1).find(|l| is_name(l))
        {
            found = Some(name.clone());
        }
    }
    found
}

/// Whether a property's author is a machine's default rather than a person.
pub fn is_placeholder_author(author: &str) -> bool {
    let folded = author.trim().to_lowercase();
    folded.is_empty()
        || [
            "admin",
            "administrator",
            "user",
            "windows user",
            "microsoft office user",
            "pc",
            "owner",
            "python-docx",
        ]
        .contains(&folded.as_str())
}

/// A block's lines as written: table cells apart, cell lines apart, emphasis marks gone.
fn lines(block: &str) -> Vec<String> {
    block
        .lines()
        .filter(|l| !l.trim_start().starts_with("| ---"))
        .flat_map(|l| split_cells(l.trim().trim_matches('|')))
        .flat_map(|cell| {
            cell.split("<br>")
                .map(|l| l.replace(['*', '_', '\\'], "").trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// A table row's cells (`\|` is a bar inside a cell).
fn split_cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                push(&mut cells, '|');
            }
            '|' => cells.push(String::new()),
            _ => push(&mut cells, c),
        }
    }
    cells
}

fn push(cells: &mut [String], c: char) {
    if let Some(cell) = cells.last_mut() {
        cell.push(c);
    }
}

/// A position line: capitals only, short ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN").
fn is_position(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && line.chars().count() <= 60
        && letters.iter().all(|c| !c.is_lowercase())
        && !line.starts_with('#')
        && !line.to_lowercase().starts_with("nơi nhận")
}

/// A person's name: two to five words, each a capital and small letters ("Nguyễn Thị Hoa").
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(char::is_lowercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<String> {
        text.split("\n\n").map(str::to_string).collect()
    }

    #[test]
    fn the_name_under_the_position_is_the_signer() {
        let report =
            blocks("Báo cáo.\n\nTM. BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\n(đã ký)\n\n**Nguyễn Thị Hoa**");
        assert_eq!(signer(&report).as_deref(), Some("Nguyễn Thị Hoa"));
    }

    #[test]
    fn a_signature_in_the_table_beside_the_recipients_is_read() {
        let report = blocks(
            "Báo cáo.\n\n| **Nơi nhận:**<br>- Như trên;<br>- Lưu VT. | **KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>Trần Văn Minh |\n| --- | --- |",
        );
        assert_eq!(signer(&report).as_deref(), Some("Trần Văn Minh"));
    }

    #[test]
    fn places_and_sentences_are_not_signers() {
        // A place in title case with no position above it; a heading in capitals followed
        // by a sentence.
        assert_eq!(signer(&blocks("Hà Nội\n\nHà Nội")), None);
        assert_eq!(
            signer(&blocks("KẾT QUẢ\n\nXã đã vận động ba trăm hộ.")),
            None
        );
        assert!(is_placeholder_author("Windows User"));
        assert!(!is_placeholder_author("Ban Dân vận xã Phú Quý"));
    }
}
