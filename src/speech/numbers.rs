//! Numbers in words, as a reader says them aloud: Vietnamese (with its rules for "lẻ",
//! "mốt", "tư", "lăm", "mươi"/"mười" and the groups nghìn, triệu, tỷ), English and French.
//! Languages without rules get `None`, and their numbers stay digits.

/// The languages whose numbers can be spelled.
pub fn speaks(lang: &str) -> bool {
    matches!(base(lang), "vi" | "en" | "fr")
}

fn base(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// A whole number in words.
pub fn integer(n: u64, lang: &str) -> Option<String> {
    match base(lang) {
        "vi" => Some(vietnamese(n)),
        "en" => Some(english(n)),
        "fr" => Some(french(n)),
        _ => None,
    }
}

/// A number with a decimal part (`digits` as written after the separator): Vietnamese
/// "phẩy", English "point", French "virgule". A decimal part of up to three digits without a
/// leading zero is read as a number ("hai phẩy hai mươi lăm"); any other digit by digit.
pub fn decimal(whole: u64, digits: &str, lang: &str) -> Option<String> {
    let mut out = integer(whole, lang)?;
    out.push(' ');
    out.push_str(match base(lang) {
        "vi" => "phẩy",
        "en" => "point",
        _ => "virgule",
    });
    let as_number = base(lang) != "en" && digits.len() <= 3 && !digits.starts_with('0');
    if as_number {
        out.push(' ');
        out.push_str(&integer(digits.parse().ok()?, lang)?);
    } else {
        for d in digits.chars() {
            out.push(' ');
            out.push_str(&integer(d.to_digit(10)? as u64, lang)?);
        }
    }
    Some(out)
}

/// A year: Vietnamese and French read it as a number ("hai nghìn không trăm hai mươi
/// lăm"), English in pairs from 1100 to 1999 ("nineteen ninety") and as a number after.
pub fn year(n: u64, lang: &str) -> Option<String> {
    if base(lang) == "en" && (1100..2000).contains(&n) && !n.is_multiple_of(100) {
        return Some(format!("{} {}", english(n / 100), english_pair(n % 100)));
    }
    integer(n, lang)
}

fn english_pair(n: u64) -> String {
    if n < 10 {
        format!("oh {}", english(n))
    } else {
        english(n)
    }
}

// ------------------------------------------------------------------ Vietnamese

const VI_DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// 0..=999 as Vietnamese words; `full` when a higher group comes before it, so that
/// "không trăm" and "lẻ" are said (1.005: "một nghìn không trăm lẻ năm").
fn vi_hundreds(n: u64, full: bool) -> Vec<&'static str> {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    let mut words = Vec::new();
    if h > 0 || full {
        words.extend([VI_DIGITS[h], "trăm"]);
    }
    match t {
        0 if u > 0 && (h > 0 || full) => words.extend(["lẻ", VI_DIGITS[u]]),
        0 => {
            if u > 0 {
                words.push(VI_DIGITS[u]);
            }
        }
        1 => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(VI_DIGITS[u]),
            }
        }
        _ => {
            words.extend([VI_DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                _ => words.push(VI_DIGITS[u]),
            }
        }
    }
    words
}

fn vietnamese(n: u64) -> String {
    if n == 0 {
        return "không".to_string();
    }
    // Groups of three digits, from the highest; a billion and more repeat "tỷ".
    if n >= 1_000_000_000 {
        let (high, rest) = (n / 1_000_000_000, n % 1_000_000_000);
        let mut out = format!("{} tỷ", vietnamese(high));
        if rest > 0 {
            out.push(' ');
            out.push_str(&vi_below_billion(rest, true));
        }
        return out;
    }
    vi_below_billion(n, false)
}

fn vi_below_billion(n: u64, after_higher: bool) -> String {
    let groups = [
        (n / 1_000_000, "triệu"),
        (n / 1000 % 1000, "nghìn"),
        (n % 1000, ""),
    ];
    let mut words: Vec<&str> = Vec::new();
    let mut said = after_higher;
    for (value, name) in groups {
        if value == 0 {
            continue;
        }
        words.extend(vi_hundreds(value, said));
        if !name.is_empty() {
            words.push(name);
        }
        said = true;
    }
    words.join(" ")
}

// ------------------------------------------------------------------ English

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_below_thousand(n: u64) -> String {
    let (h, rest) = (n / 100, n % 100);
    let tens = match rest {
        0 => String::new(),
        1..=19 => EN_ONES[rest as usize].to_string(),
        _ if rest % 10 == 0 => EN_TENS[(rest / 10) as usize].to_string(),
        _ => format!(
            "{}-{}",
            EN_TENS[(rest / 10) as usize],
            EN_ONES[(rest % 10) as usize]
        ),
    };
    match (h, tens.is_empty()) {
        (0, _) => tens,
        (h, true) => format!("{} hundred", EN_ONES[h as usize]),
        (h, false) => format!("{} hundred {tens}", EN_ONES[h as usize]),
    }
}

fn english(n: u64) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let names = [
        "",
        "thousand",
        "million",
        "billion",
        "trillion",
        "quadrillion",
        "quintillion",
    ];
    let mut parts = Vec::new();
    let mut rest = n;
    let mut scale = 0;
    while rest > 0 {
        let group = rest % 1000;
        if group > 0 {
            let words = en_below_thousand(group);
            parts.push(match names[scale] {
                "" => words,
                name => format!("{words} {name}"),
            });
        }
        rest /= 1000;
        scale += 1;
    }
    parts.reverse();
    parts.join(" ")
}

// ------------------------------------------------------------------ French

const FR_ONES: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];

/// 0..=99 in French (1990 spelling: hyphens between all the words of a number are not used
/// here; the traditional hyphens of 17-99 are).
fn fr_below_hundred(n: u64, last: bool) -> String {
    match n {
        0..=16 => FR_ONES[n as usize].to_string(),
        17..=19 => format!("dix-{}", FR_ONES[(n - 10) as usize]),
        _ => {
            let (t, u) = (n / 10, n % 10);
            let tens = [
                "",
                "",
                "vingt",
                "trente",
                "quarante",
                "cinquante",
                "soixante",
            ];
            match t {
                7 => match u {
                    1 => "soixante et onze".to_string(),
                    _ => format!("soixante-{}", fr_below_hundred(10 + u, last)),
                },
                8 => match u {
                    // "quatre-vingts" ends a number; "quatre-vingt mille" does not.
                    0 if last => "quatre-vingts".to_string(),
                    0 => "quatre-vingt".to_string(),
                    _ => format!("quatre-vingt-{}", FR_ONES[u as usize]),
                },
                9 => format!("quatre-vingt-{}", fr_below_hundred(10 + u, last)),
                _ => match u {
                    0 => tens[t as usize].to_string(),
                    1 => format!("{} et un", tens[t as usize]),
                    _ => format!("{}-{}", tens[t as usize], FR_ONES[u as usize]),
                },
            }
        }
    }
}

/// 0..=999; `last` when nothing follows (then "deux cents" takes its s, "deux cent mille"
/// does not).
fn fr_below_thousand(n: u64, last: bool) -> String {
    let (h, rest) = (n / 100, n % 100);
    let hundreds = match h {
        0 => String::new(),
        1 => "cent".to_string(),
        h if rest == 0 && last => format!("{} cents", FR_ONES[h as usize]),
        h => format!("{} cent", FR_ONES[h as usize]),
    };
    match (hundreds.is_empty(), rest) {
        (true, _) => fr_below_hundred(rest, last),
        (false, 0) => hundreds,
        (false, _) => format!("{hundreds} {}", fr_below_hundred(rest, last)),
    }
}

fn french(n: u64) -> String {
    if n == 0 {
        return "zéro".to_string();
    }
    let mut parts = Vec::new();
    let scales: [(u64, &str, &str); 3] = [
        (1_000_000_000, "milliard", "milliards"),
        (1_000_000, "million", "millions"),
        (1000, "mille", "mille"),
    ];
    let mut rest = n;
    for (size, one, many) in scales {
        let count = rest / size;
        rest %= size;
        match (count, size) {
            (0, _) => {}
            (1, 1000) => parts.push("mille".to_string()),
            (1, _) => parts.push(format!("un {one}")),
            (c, 1000) => parts.push(format!("{} {many}", fr_below_thousand(c, false))),
            (c, _) => parts.push(format!("{} {many}", french(c))),
        }
    }
    if rest > 0 {
        parts.push(fr_below_thousand(rest, true));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi(n: u64) -> String {
        integer(n, "vi").unwrap_or_default()
    }

    #[test]
    fn vietnamese_units_and_tens() {
        let table = [
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (27, "hai mươi bảy"),
            (30, "ba mươi"),
            (85, "tám mươi lăm"),
            (99, "chín mươi chín"),
        ];
        for (n, words) in table {
            assert_eq!(vi(n), words, "{n}");
        }
    }

    #[test]
    fn vietnamese_hundreds_thousands_and_more() {
        let table = [
            (100, "một trăm"),
            (101, "một trăm lẻ một"),
            (104, "một trăm lẻ bốn"),
            (105, "một trăm lẻ năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (1000, "một nghìn"),
            (1005, "một nghìn không trăm lẻ năm"),
            (1015, "một nghìn không trăm mười lăm"),
            (1179, "một nghìn một trăm bảy mươi chín"),
            (1500, "một nghìn năm trăm"),
            (2025, "hai nghìn không trăm hai mươi lăm"),
            (3200, "ba nghìn hai trăm"),
            (10_000, "mười nghìn"),
            (15_000, "mười lăm nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm lẻ năm"),
            (1_250_000, "một triệu hai trăm năm mươi nghìn"),
            (62_000_000, "sáu mươi hai triệu"),
            (1_000_000_000, "một tỷ"),
            (2_500_000_000, "hai tỷ năm trăm triệu"),
            (1_000_000_000_000, "một nghìn tỷ"),
        ];
        for (n, words) in table {
            assert_eq!(vi(n), words, "{n}");
        }
    }

    #[test]
    fn decimals_are_read_after_their_separator_word() {
        assert_eq!(decimal(3, "5", "vi").as_deref(), Some("ba phẩy năm"));
        assert_eq!(
            decimal(2, "25", "vi").as_deref(),
            Some("hai phẩy hai mươi lăm")
        );
        assert_eq!(
            decimal(0, "05", "vi").as_deref(),
            Some("không phẩy không năm")
        );
        assert_eq!(
            decimal(1, "25", "en").as_deref(),
            Some("one point two five")
        );
        assert_eq!(decimal(2, "5", "fr").as_deref(), Some("deux virgule cinq"));
    }

    #[test]
    fn english_numbers() {
        let table = [
            (0, "zero"),
            (13, "thirteen"),
            (21, "twenty-one"),
            (85, "eighty-five"),
            (100, "one hundred"),
            (105, "one hundred five"),
            (1179, "one thousand one hundred seventy-nine"),
            (3200, "three thousand two hundred"),
            (2025, "two thousand twenty-five"),
            (1_000_000, "one million"),
            (62_000_000, "sixty-two million"),
            (1_500_000_000, "one billion five hundred million"),
        ];
        for (n, words) in table {
            assert_eq!(integer(n, "en").as_deref(), Some(words), "{n}");
        }
        assert_eq!(year(1990, "en").as_deref(), Some("nineteen ninety"));
        assert_eq!(year(1905, "en").as_deref(), Some("nineteen oh five"));
        assert_eq!(
            year(2025, "en").as_deref(),
            Some("two thousand twenty-five")
        );
    }

    #[test]
    fn french_numbers() {
        let table = [
            (0, "zéro"),
            (16, "seize"),
            (17, "dix-sept"),
            (21, "vingt et un"),
            (22, "vingt-deux"),
            (71, "soixante et onze"),
            (72, "soixante-douze"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (85, "quatre-vingt-cinq"),
            (91, "quatre-vingt-onze"),
            (99, "quatre-vingt-dix-neuf"),
            (100, "cent"),
            (101, "cent un"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (1000, "mille"),
            (1179, "mille cent soixante-dix-neuf"),
            (2025, "deux mille vingt-cinq"),
            (3200, "trois mille deux cents"),
            (200_000, "deux cent mille"),
            (80_000, "quatre-vingt mille"),
            (80_000_000, "quatre-vingts millions"),
            (1_000_000, "un million"),
            (2_000_000, "deux millions"),
            (62_000_000, "soixante-deux millions"),
        ];
        for (n, words) in table {
            assert_eq!(integer(n, "fr").as_deref(), Some(words), "{n}");
        }
    }

    #[test]
    fn languages_without_rules_keep_their_digits() {
        assert_eq!(integer(5, "hmn"), None);
        assert!(speaks("vi") && speaks("en-GB") && !speaks("hmn"));
    }
}
