//! The pre-Unicode Vietnamese encodings of older office templates, to Unicode NFC:
//! **TCVN3** (TCVN 5712:1993, the `.VnTime`/`.VnArial` fonts: one byte a letter; the
//! `...H` fonts such as `.VnTimeH` draw every letter in capitals) and **VNI** (the `VNI-Times`
//! fonts: a base letter followed by a byte for its hat, horn or breve and tone).
//!
//! A Word document keeps such text as the characters of those bytes in Windows-1252 (`Hµ
//! Néi` for "Hà Nội"); a plain-text file keeps the bytes. Both are read here.

use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    /// `tcvn3` or `vni` (`--encoding`).
    pub fn from_name(name: &str) -> Option<Legacy> {
        match name.to_ascii_lowercase().as_str() {
            "tcvn3" | "tcvn" | "abc" => Some(Legacy::Tcvn3),
            "vni" => Some(Legacy::Vni),
            _ => None,
        }
    }
}

/// How text in `font` is written: its legacy encoding and whether the font is all capitals.
pub fn font_encoding(font: &str) -> Option<(Legacy, bool)> {
    let font = font.trim();
    if font.starts_with(".Vn") || font.starts_with(".VN") {
        // `.VnTimeH`, `.VnArialH`, `.VnCenturyH`...: the capitals' fonts.
        return Some((Legacy::Tcvn3, font.ends_with('H')));
    }
    let upper = font.to_ascii_uppercase();
    (upper.starts_with("VNI-") || upper.starts_with("VNI ")).then_some((Legacy::Vni, false))
}

/// TCVN 5712:1993 bytes 0x80-0xFF (the same table as glibc's TCVN5712-1, which a test
/// compares it with): the lower half is ASCII. Bytes 0xB0-0xB4 are combining tone marks.
const TCVN3_HIGH: &str = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ\u{a0}ĂÂÊÔƠƯĐăâêôơưđẰ\u{300}\u{309}\u{303}\u{301}\u{323}àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";

/// Windows-1252's characters for bytes 0x80-0x9F (its other bytes are Latin-1's).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte Windows-1252 gives a character (how Word stores legacy-font text), if any.
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7f | 0xa0..=0xff => Some(c as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|h| *h == c)
            .map(|i| 0x80 + i as u8),
    }
}

fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
        _ => b as char,
    }
}

fn tcvn3_char(b: u8) -> char {
    if b < 0x80 {
        b as char
    } else {
        TCVN3_HIGH
            .chars()
            .nth(usize::from(b - 0x80))
            .unwrap_or('\u{fffd}')
    }
}

/// What a VNI byte after a vowel adds (combining marks), lower- and upper-case forms alike.
fn vni_mark(c: char) -> Option<&'static str> {
    Some(match c {
        'ù' | 'Ù' => "\u{301}",
        'ø' | 'Ø' => "\u{300}",
        'û' | 'Û' => "\u{309}",
        'õ' | 'Õ' => "\u{303}",
        'ï' | 'Ï' => "\u{323}",
        'â' | 'Â' => "\u{302}",
        'á' | 'Á' => "\u{302}\u{301}",
        'à' | 'À' => "\u{302}\u{300}",
        'å' | 'Å' => "\u{302}\u{309}",
        'ã' | 'Ã' => "\u{302}\u{303}",
        'ä' | 'Ä' => "\u{302}\u{323}",
        'ê' | 'Ê' => "\u{306}",
        'é' | 'É' => "\u{306}\u{301}",
        'è' | 'È' => "\u{306}\u{300}",
        'ú' | 'Ú' => "\u{306}\u{309}",
        'ü' | 'Ü' => "\u{306}\u{303}",
        'ë' | 'Ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// VNI bytes that are letters of their own: ơ, ư, đ and the i's and ỵ.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn takes_marks(c: char) -> bool {
    "aeouyAEOUYơưƠƯ".contains(c)
}

/// Text in `encoding` as Word keeps it (one Windows-1252 character a byte) to Unicode NFC;
/// `capitals` for the all-capitals fonts. Characters that are no byte of the encoding (text
/// typed in Unicode inside such a run) are kept.
pub fn decode_chars(text: &str, encoding: Legacy, capitals: bool) -> String {
    let decoded = match encoding {
        Legacy::Tcvn3 => text
            .chars()
            .map(|c| cp1252_byte(c).map_or(c, tcvn3_char))
            .collect(),
        Legacy::Vni => vni(text),
    };
    let composed: String = decoded.nfc().collect();
    if capitals {
        composed.to_uppercase()
    } else {
        composed
    }
}

/// VNI: a vowel takes the mark of the byte after it (one mark a vowel); other bytes are
/// letters of their own or what Windows-1252 says.
fn vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut vowel = false;
    for c in text.chars() {
        let legacy = cp1252_byte(c).map(char::from);
        if let Some(mark) = legacy.and_then(vni_mark).filter(|_| vowel) {
            out.push_str(mark);
            vowel = false;
            continue;
        }
        let letter = legacy.and_then(vni_letter).unwrap_or(c);
        out.push(letter);
        vowel = takes_marks(letter);
    }
    out
}

/// The bytes of a file in `encoding` to Unicode NFC.
pub fn decode_bytes(bytes: &[u8], encoding: Legacy) -> String {
    let chars: String = bytes.iter().map(|&b| windows_1252_char(b)).collect();
    decode_chars(&chars, encoding, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter in VNI, lower and upper case: `letter=bytes`.
    const VNI: &str = "a=a á=aù à=aø ả=aû ã=aõ ạ=aï ă=aê ắ=aé ằ=aè ẳ=aú ẵ=aü ặ=aë â=aâ ấ=aá ầ=aà ẩ=aå ẫ=aã ậ=aä e=e é=eù è=eø ẻ=eû ẽ=eõ ẹ=eï ê=eâ ế=eá ề=eà ể=eå ễ=eã ệ=eä i=i í=í ì=ì ỉ=æ ĩ=ó ị=ò o=o ó=où ò=oø ỏ=oû õ=oõ ọ=oï ô=oâ ố=oá ồ=oà ổ=oå ỗ=oã ộ=oä ơ=ô ớ=ôù ờ=ôø ở=ôû ỡ=ôõ ợ=ôï u=u ú=uù ù=uø ủ=uû ũ=uõ ụ=uï ư=ö ứ=öù ừ=öø ử=öû ữ=öõ ự=öï y=y ý=yù ỳ=yø ỷ=yû ỹ=yõ ỵ=î đ=ñ A=A Á=AÙ À=AØ Ả=AÛ Ã=AÕ Ạ=AÏ Ă=AÊ Ắ=AÉ Ằ=AÈ Ẳ=AÚ Ẵ=AÜ Ặ=AË Â=AÂ Ấ=AÁ Ầ=AÀ Ẩ=AÅ Ẫ=AÃ Ậ=AÄ E=E É=EÙ È=EØ Ẻ=EÛ Ẽ=EÕ Ẹ=EÏ Ê=EÂ Ế=EÁ Ề=EÀ Ể=EÅ Ễ=EÃ Ệ=EÄ I=I Í=Í Ì=Ì Ỉ=Æ Ĩ=Ó Ị=Ò O=O Ó=OÙ Ò=OØ Ỏ=OÛ Õ=OÕ Ọ=OÏ Ô=OÂ Ố=OÁ Ồ=OÀ Ổ=OÅ Ỗ=OÃ Ộ=OÄ Ơ=Ô Ớ=ÔÙ Ờ=ÔØ Ở=ÔÛ Ỡ=ÔÕ Ợ=ÔÏ U=U Ú=UÙ Ù=UØ Ủ=UÛ Ũ=UÕ Ụ=UÏ Ư=Ö Ứ=ÖÙ Ừ=ÖØ Ử=ÖÛ Ữ=ÖÕ Ự=ÖÏ Y=Y Ý=YÙ Ỳ=YØ Ỷ=YÛ Ỹ=YÕ Ỵ=Î Đ=Ñ";
    /// Every lower-case letter in TCVN3 (the `.VnTime` fonts).
    const TCVN3: &str = "a=a á=¸ à=µ ả=¶ ã=· ạ=¹ ă=¨ ắ=¾ ằ=» ẳ=¼ ẵ=½ ặ=Æ â=© ấ=Ê ầ=Ç ẩ=È ẫ=É ậ=Ë e=e é=Ð è=Ì ẻ=Î ẽ=Ï ẹ=Ñ ê=ª ế=Õ ề=Ò ể=Ó ễ=Ô ệ=Ö i=i í=Ý ì=× ỉ=Ø ĩ=Ü ị=Þ o=o ó=ã ò=ß ỏ=á õ=â ọ=ä ô=« ố=è ồ=å ổ=æ ỗ=ç ộ=é ơ=¬ ớ=í ờ=ê ở=ë ỡ=ì ợ=î u=u ú=ó ù=ï ủ=ñ ũ=ò ụ=ô ư=\u{ad} ứ=ø ừ=õ ử=ö ữ=÷ ự=ù y=y ý=ý ỳ=ú ỷ=û ỹ=ü ỵ=þ đ=®";

    fn pairs(table: &str) -> Vec<(&str, &str)> {
        table.split(' ').filter_map(|p| p.split_once('=')).collect()
    }

    #[test]
    fn every_vni_letter_every_tone_both_cases() {
        let pairs = pairs(VNI);
        assert_eq!(
            pairs.len(),
            146,
            "12 vowels with 6 tones, and đ, in each case"
        );
        for (letter, vni) in pairs {
            assert_eq!(decode_chars(vni, Legacy::Vni, false), letter, "VNI {vni}");
        }
    }

    #[test]
    fn every_tcvn3_letter_every_tone_and_the_capitals_fonts() {
        let pairs = pairs(TCVN3);
        assert_eq!(pairs.len(), 73);
        for (letter, tcvn3) in pairs {
            assert_eq!(
                decode_chars(tcvn3, Legacy::Tcvn3, false),
                letter,
                "TCVN3 {tcvn3}"
            );
            // `.VnTimeH` draws the same bytes as capitals.
            let capital = letter.to_uppercase();
            assert_eq!(
                decode_chars(tcvn3, Legacy::Tcvn3, true),
                capital,
                "{tcvn3} in .VnTimeH"
            );
        }
        // The capitals .VnTime has of its own.
        assert_eq!(decode_chars("¡¢£¤¥¦§", Legacy::Tcvn3, false), "ĂÂÊÔƠƯĐ");
    }

    #[test]
    fn words_from_word_documents_and_files() {
        assert_eq!(
            decode_chars("Hµ Néi, ngµy 15 th¸ng 11 n¨m 2025", Legacy::Tcvn3, false),
            "Hà Nội, ngày 15 tháng 11 năm 2025"
        );
        assert_eq!(
            decode_chars("Haø Noäi, ngaøy 15 thaùng 11 naêm 2025", Legacy::Vni, false),
            "Hà Nội, ngày 15 tháng 11 năm 2025"
        );
        assert_eq!(
            decode_chars("UÛY BAN NHAÂN DAÂN", Legacy::Vni, false),
            "ỦY BAN NHÂN DÂN"
        );
        assert_eq!(decode_chars("Ñaûng uûy", Legacy::Vni, false), "Đảng ủy");
        assert_eq!(
            decode_chars("d©n vËn khÐo", Legacy::Tcvn3, true),
            "DÂN VẬN KHÉO"
        );
        // Unicode typed into a legacy run stays as it is.
        assert_eq!(decode_chars("Dân vận", Legacy::Vni, false), "Dân vận");
        let bytes: Vec<u8> = "Hµ Néi".chars().map(|c| c as u8).collect();
        assert_eq!(decode_bytes(&bytes, Legacy::Tcvn3), "Hà Nội");
        assert_eq!(font_encoding(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("Times New Roman"), None);
    }

    /// The TCVN3 table is glibc's TCVN5712-1 (an independent implementation), byte by byte.
    #[test]
    fn the_tcvn3_table_is_glibcs() {
        let Ok(out) = std::process::Command::new("iconv")
            .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                let bytes: Vec<u8> = (0x80..=0xffu8).collect();
                child.stdin.take().expect("stdin").write_all(&bytes)?;
                child.wait_with_output()
            })
        else {
            eprintln!("no iconv: the TCVN3 table is not compared with glibc's");
            return;
        };
        assert_eq!(String::from_utf8_lossy(&out.stdout), TCVN3_HIGH);
    }
}
