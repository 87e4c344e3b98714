//! A sentence as it is said aloud: numbers, dates, times, percentages, money and measures in
//! words, abbreviations of the glossary expanded, document numbers read ("18-NQ/TW":
//! "Nghị quyết số mười tám của Ban Chấp hành Trung ương"), addresses dropped. Words are
//! looked at one by one (a word is what lies between spaces), with the word before for the
//! units and currencies that follow a number.

use crate::speech::glossary::Glossary;
use crate::speech::numbers;

/// Says `text` in `lang`. Languages without number rules keep their digits (the caller
/// warns); the glossary applies to every language that has one.
pub fn spoken(text: &str, lang: &str, glossary: &Glossary) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut previous_number = false;
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        // "No. 1", "n° 1": the sign of a number is said as a word.
        let before_number = words
            .get(i + 1)
            .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()));
        if before_number && let Some(said) = number_sign(word, lang) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(said);
            continue;
        }
        // Punctuation around a word stays (it is the reader's pauses).
        let start = word
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() || matches!(c, '$' | '€' | '°'))
            .map_or(word.len(), |(i, _)| i);
        let end = word
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric() || matches!(c, '%' | '²' | '³'))
            .map_or(start, |(i, c)| i + c.len_utf8())
            .max(start);
        let (before, core, after) = (&word[..start], &word[start..end], &word[end..]);
        if is_address(word) {
            // The address goes, with the word that tied it to the sentence ("xem trang của
            // xã và https://…" is said "xem trang của xã"); the pause after it stays.
            drop_connective(&mut out, lang);
            if let Some(pause) = after
                .chars()
                .rev()
                .find(|c| matches!(c, '.' | '!' | '?' | ',' | ';' | ':'))
                && !out.is_empty()
                && !out.ends_with(['.', '!', '?', ',', ';', ':'])
            {
                out.push(pause);
            }
            continue;
        }
        let said = if previous_number && let Some(unit) = unit(core, lang) {
            Some(unit.to_string())
        } else {
            say_word(core, lang, glossary, &out)
        };
        previous_number = core.chars().any(|c| c.is_ascii_digit()) && said.is_some();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(before);
        match said {
            Some(s) => out.push_str(&s),
            None => out.push_str(core),
        }
        out.push_str(after);
    }
    out
}

/// The word for "number" written before one (`No.`, `n°`).
fn number_sign(word: &str, lang: &str) -> Option<&'static str> {
    match (lang.split('-').next().unwrap_or(lang), word) {
        ("en", "No." | "no.") => Some("number"),
        ("fr", "n°" | "N°" | "no" | "No") => Some("numéro"),
        _ => None,
    }
}

/// Takes off the end of `out` a word that only joins what follows to it ("và", "or", "sur"):
/// what followed was an address, which is not read.
fn drop_connective(out: &mut String, lang: &str) {
    let connectives: &[&str] = match lang.split('-').next().unwrap_or(lang) {
        "vi" => &["và", "hoặc", "hay", "tại", "ở", "qua"],
        "en" => &["and", "or", "at", "via", "on"],
        "fr" => &["et", "ou", "sur", "à", "via"],
        _ => &[],
    };
    let last_start = out.rfind(' ').map_or(0, |i| i + 1);
    if connectives.contains(&out[last_start..].to_lowercase().as_str()) {
        out.truncate(last_start);
        out.truncate(out.trim_end().len());
    }
}

/// A web or mail address: never read aloud.
fn is_address(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.'))
}

/// One word's spoken form, or `None` when it is said as written.
fn say_word(core: &str, lang: &str, glossary: &Glossary, said_so_far: &str) -> Option<String> {
    if core.is_empty() {
        return None;
    }
    if let Some(expansion) = glossary.abbreviation(lang, core) {
        return Some(expansion.to_string());
    }
    if !core.chars().any(|c| c.is_ascii_digit()) || !numbers::speaks(lang) {
        return None;
    }
    date(core, lang, said_so_far)
        .or_else(|| time(core, lang, said_so_far))
        .or_else(|| percent(core, lang))
        .or_else(|| document_number(core, lang, glossary, said_so_far))
        .or_else(|| range(core, lang))
        .or_else(|| ordinal(core, lang))
        .or_else(|| number_with_unit(core, lang))
        .or_else(|| Some(digits_in_word(core, lang)))
}

/// A number as the language writes it: Vietnamese and French group thousands with `.` (and
/// French with spaces) and write decimals with `,`; English the other way round.
fn number(s: &str, lang: &str) -> Option<String> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (group, point) = if lang.starts_with("en") {
        (',', '.')
    } else {
        ('.', ',')
    };
    let (whole, fraction) = match s.split_once(point) {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = whole.split(group).collect();
    let grouped =
        groups.len() > 1 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !grouped {
        // "3.5" in a Vietnamese text: a decimal point after all.
        if fraction.is_none() && groups.len() == 2 {
            return decimal_number(groups[0], groups[1], lang);
        }
        return None;
    }
    let digits: String = groups.concat();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 18 {
        return None;
    }
    match fraction {
        Some(f) => decimal_number(&digits, f, lang),
        None => numbers::integer(digits.parse().ok()?, lang),
    }
}

fn decimal_number(whole: &str, fraction: &str, lang: &str) -> Option<String> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    numbers::decimal(whole.parse().ok()?, fraction, lang)
}

fn small(s: &str) -> Option<u64> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `15/11/2025`, `2025-11-15`, `15/11` (day and month), `11/2025` (month and year).
fn date(core: &str, lang: &str, said_so_far: &str) -> Option<String> {
    let parts: Vec<&str> = core.split(['/', '-']).collect();
    let (day, month, year) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && core.contains('-') => (small(d), small(m)?, small(y)),
        [d, m, y] if y.len() == 4 && core.contains('/') => (small(d), small(m)?, small(y)),
        [d, m] if core.contains('/') && m.len() <= 2 && d.len() <= 2 => (small(d), small(m)?, None),
        [m, y] if core.contains('/') && y.len() == 4 && m.len() <= 2 => (None, small(m)?, small(y)),
        _ => return None,
    };
    if !(1..=12).contains(&month) || day.is_some_and(|d| !(1..=31).contains(&d)) {
        return None;
    }
    let n = |v: u64| numbers::integer(v, lang);
    let yr = |v: u64| numbers::year(v, lang);
    let after = |word: &str| {
        said_so_far
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    Some(match lang.split('-').next().unwrap_or(lang) {
        "vi" => {
            let mut words = Vec::new();
            if let Some(d) = day {
                if !after("ngày") {
                    words.push("ngày".to_string());
                }
                words.push(n(d)?);
                words.push(format!("tháng {}", vi_month(month)));
            } else {
                if !after("tháng") {
                    words.push("tháng".to_string());
                }
                words.push(vi_month(month));
            }
            if let Some(y) = year {
                words.push(format!("năm {}", yr(y)?));
            }
            words.join(" ")
        }
        "en" => {
            let mut s = EN_MONTHS[month as usize - 1].to_string();
            if let Some(d) = day {
                s = format!("{s} {}", english_ordinal(d));
            }
            if let Some(y) = year {
                s = format!("{s}, {}", yr(y)?);
            }
            s
        }
        _ => {
            let mut words = Vec::new();
            if let Some(d) = day {
                words.push(if d == 1 { "premier".to_string() } else { n(d)? });
            }
            words.push(FR_MONTHS[month as usize - 1].to_string());
            if let Some(y) = year {
                words.push(yr(y)?);
            }
            words.join(" ")
        }
    })
}

/// Months are said "tháng tư" for April (never "tháng bốn") and "tháng mười một".
fn vi_month(month: u64) -> String {
    match month {
        4 => "tư".to_string(),
        m => numbers::integer(m, "vi").unwrap_or_default(),
    }
}

fn english_ordinal(n: u64) -> String {
    let words = numbers::integer(n, "en").unwrap_or_default();
    let irregular = [
        ("one", "first"),
        ("two", "second"),
        ("three", "third"),
        ("five", "fifth"),
        ("eight", "eighth"),
        ("nine", "ninth"),
        ("twelve", "twelfth"),
    ];
    for (plain, ordinal) in irregular {
        if let Some(stem) = words.strip_suffix(plain) {
            return format!("{stem}{ordinal}");
        }
    }
    match words.strip_suffix('y') {
        Some(stem) => format!("{stem}ieth"),
        None => format!("{words}th"),
    }
}

/// `14:30`, `14h30`, `8h`, `8h00`; in Vietnamese also `8g30` (`g` for giờ: elsewhere `10g`
/// is ten grams, not ten o'clock). A bare `10g` is a time only after a word that says when
/// (`lúc 10g`, `từ 8g đến 10g`): `10g muối` is ten grams of salt.
fn time(core: &str, lang: &str, said_so_far: &str) -> Option<String> {
    let when = || {
        let before = said_so_far
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        ["lúc", "từ", "đến", "tới", "vào", "khoảng", "trước", "sau"].contains(&before.as_str())
    };
    let (h, m) = core
        .split_once(':')
        .or_else(|| core.split_once('h'))
        .or_else(|| {
            core.split_once('g')
                .filter(|(_, m)| lang.starts_with("vi") && (!m.is_empty() || when()))
        })?;
    let (hour, minute) = (small(h)?, if m.is_empty() { Some(0) } else { small(m) });
    let minute = minute?;
    if hour > 24 || minute > 59 || (m.len() != 2 && !m.is_empty()) {
        return None;
    }
    let n = |v: u64| numbers::integer(v, lang);
    Some(match lang.split('-').next().unwrap_or(lang) {
        "vi" => match minute {
            0 => format!("{} giờ", n(hour)?),
            _ => format!("{} giờ {} phút", n(hour)?, n(minute)?),
        },
        "en" => match minute {
            0 => format!("{} o'clock", n(hour)?),
            1..=9 => format!("{} oh {}", n(hour)?, n(minute)?),
            _ => format!("{} {}", n(hour)?, n(minute)?),
        },
        _ => match minute {
            0 => format!("{} heures", n(hour)?),
            _ => format!("{} heures {}", n(hour)?, n(minute)?),
        },
    })
}

fn percent(core: &str, lang: &str) -> Option<String> {
    let n = core.strip_suffix('%')?;
    let words = number(n, lang)?;
    Some(match lang.split('-').next().unwrap_or(lang) {
        "vi" => format!("{words} phần trăm"),
        "en" => format!("{words} percent"),
        _ => format!("{words} pour cent"),
    })
}

/// A document's number: `18-NQ/TW`, `118/2025/NĐ-CP`, `1179/QĐ-UBND`, `72/2025/QH15`.
/// In Vietnamese "<type> số <number> [năm <year>] của <issuer>", without saying the type or
/// "số" again when the sentence just said them ("Nghị quyết số 18-NQ/TW").
fn document_number(
    core: &str,
    lang: &str,
    glossary: &Glossary,
    said_so_far: &str,
) -> Option<String> {
    let first_letter = core.find(|c: char| c.is_alphabetic())?;
    let (numeric, code) = core.split_at(first_letter);
    let numeric = numeric.trim_end_matches(['-', '/']);
    let (num, year) = match numeric.split_once('/') {
        Some((n, y)) if y.len() == 4 => (small(n)?, Some(small(y)?)),
        None => (small(numeric)?, None),
        _ => return None,
    };
    let letters: Vec<&str> = code.split(['-', '/']).filter(|p| !p.is_empty()).collect();
    if letters.len() < 2
        && !letters
            .first()
            .is_some_and(|l| l.ends_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    if !letters
        .iter()
        .all(|l| l.starts_with(|c: char| c.is_uppercase()))
    {
        return None;
    }
    let n = numbers::integer(num, lang)?;
    let year_words = year.and_then(|y| numbers::year(y, lang));
    if !lang.starts_with("vi") {
        let mut words = vec![n];
        words.extend(year_words);
        words.extend(letters.iter().map(|l| digits_in_word(l, lang)));
        return Some(words.join(", "));
    }
    // The type is the code glossary.document_types knows; the issuers follow.
    let (kind, issuers): (Option<&str>, Vec<&str>) = match letters
        .iter()
        .position(|l| glossary.document_type(l).is_some())
    {
        Some(at) => (
            glossary.document_type(letters[at]),
            letters
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, l)| *l)
                .collect(),
        ),
        None => (None, letters.clone()),
    };
    // What the sentence said last, as far back as the longest phrase looked for.
    let kind_lower = kind.map(str::to_lowercase);
    let said = lower_tail(
        said_so_far,
        kind_lower.as_deref().map_or(0, |k| k.chars().count()) + " số".chars().count(),
    );
    let mut words = Vec::new();
    match (kind, kind_lower) {
        (Some(_), Some(lower)) if said.ends_with(&format!("{lower} số")) => {}
        (Some(_), Some(lower)) if said.ends_with(&lower) => words.push("số".to_string()),
        (Some(kind), _) => words.push(format!("{kind} số")),
        (None, _) if said.ends_with("số") => {}
        (None, _) => words.push("số".to_string()),
    }
    words.push(n);
    if let Some(y) = year_words {
        words.push(format!("năm {y}"));
    }
    let issuer: Vec<String> = issuers
        .iter()
        .map(|code| glossary.issuer(lang, code))
        .collect();
    if !issuer.is_empty() {
        words.push(format!("của {}", issuer.join(" ")));
    }
    Some(words.join(" "))
}

/// The last `chars` characters of `text` (spaces at its end left out) in lower case: what a
/// rule looks back at, without lowercasing the whole line again for each of its words.
/// Lowercasing never makes a character fewer, so a phrase of `chars` characters in lower case
/// that ends the line is in it.
fn lower_tail(text: &str, chars: usize) -> String {
    let text = text.trim_end();
    let start = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    text[start..].to_lowercase()
}

/// `80th`, `1st` in English; `1er`, `80e`, `3ème` in French.
fn ordinal(core: &str, lang: &str) -> Option<String> {
    let split = core.find(|c: char| !c.is_ascii_digit())?;
    let (n, suffix) = core.split_at(split);
    let n = small(n)?;
    match (lang.split('-').next().unwrap_or(lang), suffix) {
        ("en", "st" | "nd" | "rd" | "th") => Some(english_ordinal(n)),
        ("fr", "er" | "re") if n == 1 => Some(
            if suffix == "er" {
                "premier"
            } else {
                "première"
            }
            .into(),
        ),
        ("fr", "e" | "ème" | "eme") => Some(french_ordinal(n)),
        _ => None,
    }
}

fn french_ordinal(n: u64) -> String {
    if n == 1 {
        return "unième".to_string();
    }
    let words = numbers::integer(n, "fr").unwrap_or_default();
    let words = words
        .strip_suffix("quatre-vingts")
        .map_or(words.clone(), |s| format!("{s}quatre-vingt"));
    let stem = match () {
        _ if words.ends_with("cinq") => format!("{words}u"),
        _ if words.ends_with("neuf") => format!("{}neuv", &words[..words.len() - 4]),
        _ if words.ends_with('e') => words[..words.len() - 1].to_string(),
        _ if words.ends_with("cents") => words[..words.len() - 1].to_string(),
        _ => words,
    };
    format!("{stem}ième")
}

/// `5-7`: "năm đến bảy", "five to seven", "cinq à sept".
fn range(core: &str, lang: &str) -> Option<String> {
    let (a, b) = core.split_once(['-', '–'])?;
    let (a, b) = (number(a, lang)?, number(b, lang)?);
    let to = match lang.split('-').next().unwrap_or(lang) {
        "vi" => "đến",
        "en" => "to",
        _ => "à",
    };
    Some(format!("{a} {to} {b}"))
}

/// A number with its unit or currency written against it: `3.200m²`, `50.000đ`, `20ha`.
fn number_with_unit(core: &str, lang: &str) -> Option<String> {
    let split = core
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',')))
        .map_or(core.len(), |(i, _)| i);
    let (n, rest) = core.split_at(split);
    let n = n.trim_end_matches(['.', ',']);
    let words = number(n, lang)?;
    if rest.is_empty() {
        return Some(words);
    }
    Some(format!("{words} {}", unit(rest, lang)?))
}

/// A unit or currency after a number, in words.
fn unit(word: &str, lang: &str) -> Option<&'static str> {
    let vi = [
        ("m²", "mét vuông"),
        ("m2", "mét vuông"),
        ("km²", "ki-lô-mét vuông"),
        ("km2", "ki-lô-mét vuông"),
        ("m³", "mét khối"),
        ("m3", "mét khối"),
        ("km", "ki-lô-mét"),
        ("m", "mét"),
        ("cm", "xăng-ti-mét"),
        ("mm", "mi-li-mét"),
        ("ha", "héc-ta"),
        ("kg", "ki-lô-gam"),
        ("g", "gam"),
        ("l", "lít"),
        ("°C", "độ C"),
        ("km/h", "ki-lô-mét một giờ"),
        ("đ", "đồng"),
        ("VNĐ", "đồng"),
        ("VND", "đồng"),
        ("USD", "đô la Mỹ"),
    ];
    let en = [
        ("m²", "square metres"),
        ("m2", "square metres"),
        ("km²", "square kilometres"),
        ("km2", "square kilometres"),
        ("m³", "cubic metres"),
        ("km", "kilometres"),
        ("m", "metres"),
        ("cm", "centimetres"),
        ("mm", "millimetres"),
        ("ha", "hectares"),
        ("kg", "kilograms"),
        ("°C", "degrees Celsius"),
        ("km/h", "kilometres an hour"),
        ("VND", "dong"),
        ("VNĐ", "dong"),
        ("đ", "dong"),
        ("USD", "US dollars"),
    ];
    let fr = [
        ("m²", "mètres carrés"),
        ("m2", "mètres carrés"),
        ("km²", "kilomètres carrés"),
        ("km2", "kilomètres carrés"),
        ("m³", "mètres cubes"),
        ("km", "kilomètres"),
        ("m", "mètres"),
        ("cm", "centimètres"),
        ("mm", "millimètres"),
        ("ha", "hectares"),
        ("kg", "kilogrammes"),
        ("°C", "degrés Celsius"),
        ("km/h", "kilomètres à l'heure"),
        ("VND", "dongs"),
        ("VNĐ", "dongs"),
        ("đ", "dongs"),
        ("USD", "dollars américains"),
    ];
    let table: &[(&str, &str)] = match lang.split('-').next().unwrap_or(lang) {
        "vi" => &vi,
        "en" => &en,
        "fr" => &fr,
        _ => return None,
    };
    table.iter().find(|(u, _)| *u == word).map(|(_, w)| *w)
}

/// Any other word with digits (`COVID-19`, `QH15`, `5G`): its runs of digits in words.
fn digits_in_word(word: &str, lang: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let words = number(run, lang).unwrap_or_else(|| {
            run.chars()
                .filter_map(|c| numbers::integer(c.to_digit(10)? as u64, lang))
                .collect::<Vec<_>>()
                .join(" ")
        });
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(&words);
        out.push(' ');
        run.clear();
    };
    for c in word.chars() {
        if c.is_ascii_digit() || (!run.is_empty() && matches!(c, '.' | ',')) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            if c == '-' || c == '/' {
                continue;
            }
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn vi(text: &str) -> String {
        spoken(text, "vi", &Glossary::defaults())
    }

    #[test]
    fn the_issues_examples_in_vietnamese() {
        let table = [
            ("3.200 m²", "ba nghìn hai trăm mét vuông"),
            ("3.200m²", "ba nghìn hai trăm mét vuông"),
            (
                "15/11/2025",
                "ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi lăm",
            ),
            (
                "2025-11-15",
                "ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi lăm",
            ),
            ("85%", "tám mươi lăm phần trăm"),
            ("1.179", "một nghìn một trăm bảy mươi chín"),
            ("CBCCVC", "cán bộ, công chức, viên chức"),
            ("CBĐV", "cán bộ, đảng viên"),
            ("MTTQ", "Mặt trận Tổ quốc"),
            (
                "18-NQ/TW",
                "Nghị quyết số mười tám của Ban Chấp hành Trung ương",
            ),
        ];
        for (text, said) in table {
            assert_eq!(vi(text), said, "{text}");
        }
    }

    #[test]
    fn vietnamese_sentences() {
        let table = [
            (
                "Ngày 15/11/2025, UBND xã họp.",
                "Ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã họp.",
            ),
            (
                "Thực hiện Nghị quyết số 18-NQ/TW, tỉnh",
                "Thực hiện Nghị quyết số mười tám của Ban Chấp hành Trung ương, tỉnh",
            ),
            (
                "theo Nghị định 118/2025/NĐ-CP",
                "theo Nghị định số một trăm mười tám năm hai nghìn không trăm hai mươi lăm của Chính phủ",
            ),
            (
                "Quyết định số 1179/QĐ-UBND",
                "Quyết định số một nghìn một trăm bảy mươi chín của Ủy ban nhân dân",
            ),
            (
                "lúc 14h30 tháng 4/2025",
                "lúc mười bốn giờ ba mươi phút tháng tư năm hai nghìn không trăm hai mươi lăm",
            ),
            ("từ 5-7 người", "từ năm đến bảy người"),
            ("quỹ 62 triệu đồng", "quỹ sáu mươi hai triệu đồng"),
            ("giá 50.000đ một kg", "giá năm mươi nghìn đồng một kg"),
            ("đạt 2,5 tỷ đồng", "đạt hai phẩy năm tỷ đồng"),
            (
                "dịch COVID-19 (2020)",
                "dịch COVID mười chín (hai nghìn không trăm hai mươi)",
            ),
            ("Xem https://example.org/x hoặc www.example.org.", "Xem."),
            (
                "Xem trang của xã và https://example.org/xa để biết thêm.",
                "Xem trang của xã để biết thêm.",
            ),
        ];
        for (text, said) in table {
            assert_eq!(vi(text), said, "{text}");
        }
    }

    #[test]
    fn english_and_french() {
        let g = Glossary::defaults();
        assert_eq!(
            spoken("On 15/11/2025, 1,179 people (85%) came at 14:30.", "en", &g),
            "On November fifteenth, two thousand twenty-five, one thousand one hundred seventy-nine people (eighty-five percent) came at fourteen thirty."
        );
        assert_eq!(
            spoken(
                "Le 15/11/2025, 1.179 habitants (85%) sur 3.200 m².",
                "fr",
                &g
            ),
            "Le quinze novembre deux mille vingt-cinq, mille cent soixante-dix-neuf habitants (quatre-vingt-cinq pour cent) sur trois mille deux cents mètres carrés."
        );
    }

    #[test]
    fn ordinals_and_number_signs() {
        let g = Glossary::defaults();
        assert_eq!(
            spoken(
                "the 80th anniversary, Bulletin No. 1, the 1st and 22nd",
                "en",
                &g
            ),
            "the eightieth anniversary, Bulletin number one, the first and twenty-second"
        );
        assert_eq!(spoken("10g of salt", "en", &g), "ten g of salt");
        assert_eq!(spoken("10g de sel", "fr", &g), "dix g de sel");
        assert_eq!(
            vi("Mua 10g muối, họp lúc 10g, từ 8g đến 10g, 8g30 sáng"),
            "Mua mười gam muối, họp lúc mười giờ, từ tám giờ đến mười giờ, tám giờ ba mươi phút sáng"
        );
        assert_eq!(
            spoken(
                "le 80e anniversaire, le 1er septembre, le 5e, le 9e, bulletin n° 1",
                "fr",
                &g
            ),
            "le quatre-vingtième anniversaire, le premier septembre, le cinquième, le neuvième, bulletin numéro un"
        );
    }

    #[test]
    fn a_language_without_number_rules_keeps_its_digits() {
        assert_eq!(
            spoken("Xyoo 2025 muaj 85%", "hmn", &Glossary::defaults()),
            "Xyoo 2025 muaj 85%"
        );
    }

    /// A tiny deterministic generator (xorshift64*), so that a failure is the same every run.
    pub(crate) struct Random(u64);

    impl Random {
        pub(crate) fn new(seed: u64) -> Random {
            Random(seed | 1)
        }
        pub(crate) fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        }
        /// Up to `max` pieces of `alphabet` one after the other.
        pub(crate) fn text(&mut self, alphabet: &[&str], max: usize) -> String {
            (0..self.below(max + 1))
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    /// What hostile or odd bulletin text is made of: digits and the signs around numbers,
    /// Vietnamese letters precomposed and with combining marks, emoji, codes of document
    /// numbers, units, hour marks and the words the rules look back at.
    pub(crate) const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "4",
        "5",
        "9",
        "00",
        "99999",
        ".",
        ",",
        "/",
        "-",
        "–",
        ":",
        "%",
        " ",
        " ",
        "h",
        "g",
        "e",
        "er",
        "ème",
        "st",
        "m²",
        "km/h",
        "đ",
        "°C",
        "$",
        "€",
        "²",
        "Đ",
        "ư",
        "ộ",
        "ạ",
        "\u{301}",
        "\u{323}",
        "😀",
        "👍🏽",
        "NQ",
        "TW",
        "QĐ",
        "UBND",
        "QH",
        "CP",
        "số ",
        "Nghị quyết ",
        "ngày ",
        "tháng ",
        "No. ",
        "n° ",
        "@",
        "://",
        "www.",
        "\u{a0}",
        "\t",
        "\n",
        "\u{200b}",
        "ﬁ",
        "İ",
    ];

    #[test]
    fn random_hostile_words_are_said_without_a_panic_in_every_language() {
        let glossary = Glossary::defaults();
        let mut random = Random::new(0x5EED);
        for _ in 0..5000 {
            let text = random.text(PIECES, 24);
            for lang in ["vi", "en", "fr", "en-GB", "hmn"] {
                let said = spoken(&text, lang, &glossary);
                assert!(
                    said.len() <= text.len() * 64 + 64,
                    "{text:?} in {lang}: {said:?}"
                );
            }
        }
    }

    #[test]
    fn odd_numbers_dates_and_times_are_said_without_a_panic() {
        let glossary = Glossary::defaults();
        for text in [
            "99999999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "1.000.000.000.000.000.000",
            "18446744073709551615,5",
            "18446744073709551615.5",
            "99999999999999999999999.99999999999999999999",
            "0,000000000000000000001",
            "10^18",
            "99:99",
            "24:60",
            "15/13/2025",
            "31/02/2025",
            "0/0/0",
            "9999-99-99",
            "5-",
            "-5",
            "1–",
            "%",
            "%%%",
            "9999/9999/NĐ-CP",
            "9999e",
            "18446744073709551615h",
            "No. 18446744073709551615",
        ] {
            for lang in ["vi", "en", "fr"] {
                spoken(text, lang, &glossary);
            }
        }
        let digits = "7".repeat(1 << 20);
        assert!(vi(&digits).starts_with("bảy bảy"));
    }

    #[test]
    fn a_line_of_many_document_numbers_says_each_of_them() {
        // Each document number looks back at what the sentence said before it: looking at
        // the whole line each time took 25 s for 16,000 of them (the square of their
        // number). No clock here (that is a benchmark's job): 4,000 of them stay quick as
        // long as the look back stays short, and a return of the square would show.
        let line = "Nghị quyết 18-NQ/TW ".repeat(4_000);
        let said = vi(&line);
        assert_eq!(
            said.matches("Nghị quyết số mười tám của Ban Chấp hành Trung ương")
                .count(),
            4_000
        );
    }
}
