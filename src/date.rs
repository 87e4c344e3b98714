//! Dates as editors write them (`YYYY-MM-DD` or RFC 3339) and as readers and feeds read them,
//! and the site's time zone (site.yaml `timezone:`). Zones come from jiff with its bundled
//! copy of the IANA database (`tzdb-bundle-always`), so a laptop without tzdata (Windows, a
//! minimal container) gives the same dates as any other machine.

use crate::messages::Text;
use crate::t;
use jiff::tz::TimeZone;
use std::fmt;

/// The zone of a site whose site.yaml names none.
pub const DEFAULT_ZONE: &str = "Asia/Ho_Chi_Minh";

/// The site's zone when site.yaml names none: Vietnam, UTC+07:00 all year.
pub fn default_zone() -> TimeZone {
    TimeZone::get(DEFAULT_ZONE).unwrap_or_else(|_| {
        // Only if the bundled database lacked the zone: Vietnam has no daylight saving.
        TimeZone::fixed(jiff::tz::offset(7))
    })
}

/// The zone of an IANA name (`Asia/Ho_Chi_Minh`, `Europe/Paris`, `UTC`), any letter case.
pub fn zone(name: &str) -> Result<TimeZone, Text> {
    TimeZone::get(name.trim()).map_err(|_| {
        let names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_string())
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let default_zone = DEFAULT_ZONE;
        match crate::content::front_matter::suggest(name, &refs) {
            Some(suggestion) => t!(
                "content-not-a-zone-suggest",
                name = name,
                suggestion = suggestion,
                default_zone = default_zone
            ),
            None => t!(
                "content-not-a-zone",
                name = name,
                default_zone = default_zone
            ),
        }
    })
}

/// The current instant: the system clock, or the RFC 3339 instant in the environment
/// variable `BANTIN_NOW` (a hook for tests, which must not depend on the hour they run at).
pub fn now() -> jiff::Timestamp {
    match std::env::var("BANTIN_NOW") {
        Ok(text) => text.parse::<jiff::Timestamp>().unwrap_or_else(|e| {
            let error = e.to_string();
            let warning = t!("content-bantin-now-invalid", value = &text, error = error);
            eprintln!("{warning}");
            jiff::Timestamp::now()
        }),
        Err(_) => jiff::Timestamp::now(),
    }
}

/// A calendar date with an optional time of day and UTC offset, as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Seconds since midnight and the UTC offset in minutes, when a time was given.
    pub time: Option<(u32, i32)>,
}

impl Date {
    /// [`Date::parse_in`] the default zone.
    pub fn parse(s: &str) -> Result<Date, Text> {
        Self::parse_in(s, &default_zone())
    }

    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time (`2025-08-12T08:30:00+07:00`, `...Z`); a
    /// date-time without an offset (`2025-08-12T08:30:00`) is a time of day in `zone`.
    pub fn parse_in(s: &str, zone: &TimeZone) -> Result<Date, Text> {
        let s = s.trim();
        let bad = || t!("content-not-a-date", value = s);
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, Text> {
            let part = s.get(r).ok_or_else(bad)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<u32>().map_err(|_| bad())
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) {
            return Err(t!("content-date-no-such-month", value = s));
        }
        if day == 0 || day > days_in_month(year, month) {
            let (month, days) = (format!("{year}-{month:02}"), days_in_month(year, month));
            let message = t!(
                "content-date-no-such-day",
                value = s,
                month = month,
                days = days
            );
            return Err(message);
        }
        if b.len() == 10 {
            return Ok(Date {
                year,
                month,
                day,
                time: None,
            });
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || mi > 59 || sec > 60 {
            return Err(bad());
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            "" => local_offset(zone, (year, month, day), (h, mi, sec)),
            "Z" | "z" => 0,
            _ if rest.len() == 6
                && (rest.starts_with('+') || rest.starts_with('-'))
                && &rest[3..4] == ":" =>
            {
                let oh: i32 = rest[1..3].parse().map_err(|_| bad())?;
                let om: i32 = rest[4..6].parse().map_err(|_| bad())?;
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (oh * 60 + om)
            }
            _ => return Err(bad()),
        };
        Ok(Date {
            year,
            month,
            day,
            time: Some((h * 3600 + mi * 60 + sec, offset)),
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// RFC 3339 for feeds and sitemaps; a bare date is midnight UTC.
    pub fn rfc3339(&self) -> String {
        match self.time {
            None => format!("{}T00:00:00Z", self.iso()),
            Some((secs, offset)) => {
                let tz = if offset == 0 {
                    "Z".to_string()
                } else {
                    let sign = if offset < 0 { '-' } else { '+' };
                    format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
                };
                format!(
                    "{}T{:02}:{:02}:{:02}{tz}",
                    self.iso(),
                    secs / 3600,
                    secs / 60 % 60,
                    secs % 60
                )
            }
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z: a total order for sorting items by date.
    pub fn timestamp(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let (secs, offset) = self.time.unwrap_or((0, 0));
        days * 86_400 + secs as i64 - offset as i64 * 60
    }

    /// Today's date in `zone` (the site's), from [`now`].
    pub fn today(zone: &TimeZone) -> Date {
        let date = now().to_zoned_datetime(zone.clone()).date();
        Date {
            year: i32::from(date.year()),
            month: date.month().unsigned_abs().into(),
            day: date.day().unsigned_abs().into(),
            time: None,
        }
    }

    /// The date in a reader's language: `pattern` uses `{day}`, `{month}`, `{month_name}` and
    /// `{year}`; without a pattern, ISO.
    pub fn display(&self, pattern: Option<&str>, month_names: Option<&[String]>) -> String {
        let Some(pattern) = pattern else {
            return self.iso();
        };
        let month_name = month_names
            .and_then(|names| names.get(self.month as usize - 1))
            .cloned()
            .unwrap_or_else(|| self.month.to_string());
        pattern
            .replace("{day}", &self.day.to_string())
            .replace("{month_name}", &month_name)
            .replace("{month}", &self.month.to_string())
            .replace("{year}", &self.year.to_string())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// The UTC offset in minutes of `zone` at a wall-clock time (the earlier one when a clock
/// change makes it ambiguous, the later when it skips it).
fn local_offset(zone: &TimeZone, (y, m, d): (i32, u32, u32), (h, mi, s): (u32, u32, u32)) -> i32 {
    let wall = i16::try_from(y).ok().and_then(|y| {
        jiff::civil::DateTime::new(y, m as i8, d as i8, h as i8, mi as i8, s.min(59) as i8, 0).ok()
    });
    wall.and_then(|w| zone.to_ambiguous_zoned_datetime(w).compatible().ok())
        .map_or(0, |z| z.offset().seconds() / 60)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms: days since the epoch <-> proleptic Gregorian date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

/// A Unix time (seconds) as an HTTP date, RFC 7231's IMF-fixdate:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (the server's `Date` and `Last-Modified`).
pub fn http_date(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let days = secs.div_euclid(86_400);
    let time = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = DAYS[(days + 4).rem_euclid(7) as usize];
    format!(
        "{weekday}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        MONTHS[m as usize - 1],
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

/// The Unix time of an IMF-fixdate (`If-Modified-Since`); `None` for anything else. Browsers
/// send back the `Last-Modified` they were given, so the obsolete RFC 850 and asctime forms
/// are not needed; the weekday is not checked.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    if weekday.len() != 4 || !weekday.ends_with(',') || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let number = |t: &str| -> Option<u32> {
        t.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| t.parse().ok())
            .flatten()
    };
    let day = number(day)?;
    let year = number(year)? as i32;
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let hms: Vec<u32> = time
        .split(':')
        .map(|t| if t.len() == 2 { number(t) } else { None })
        .collect::<Option<_>>()?;
    let [h, mi, sec] = hms.as_slice() else {
        return None;
    };
    if day == 0 || day > days_in_month(year, month) || *h > 23 || *mi > 59 || *sec > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + (*h * 3600 + *mi * 60 + *sec) as i64)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_date_and_rfc3339_parse() {
        let d = Date::parse("2025-08-12").unwrap();
        assert_eq!((d.year, d.month, d.day, d.time), (2025, 8, 12, None));
        assert_eq!(d.rfc3339(), "2025-08-12T00:00:00Z");
        let t = Date::parse("2025-08-12T08:30:00+07:00").unwrap();
        assert_eq!(t.rfc3339(), "2025-08-12T08:30:00+07:00");
        assert_eq!(t.timestamp(), d.timestamp() + 3600 + 1800);
        assert!(Date::parse("2025-08-12T08:30:00.123Z").is_ok());
    }

    #[test]
    fn a_date_time_without_an_offset_is_in_the_site_zone() {
        let hcm = zone("Asia/Ho_Chi_Minh").unwrap();
        let t = Date::parse_in("2025-08-12T08:30:00", &hcm).unwrap();
        assert_eq!(t.rfc3339(), "2025-08-12T08:30:00+07:00");
        let paris = zone("europe/paris").unwrap();
        assert_eq!(
            Date::parse_in("2025-01-12 08:30:00", &paris)
                .unwrap()
                .rfc3339(),
            "2025-01-12T08:30:00+01:00"
        );
        assert_eq!(
            Date::parse_in("2025-07-12T08:30:00", &paris)
                .unwrap()
                .rfc3339(),
            "2025-07-12T08:30:00+02:00"
        );
        // An explicit offset is kept whatever the zone.
        assert_eq!(
            Date::parse_in("2025-07-12T08:30:00Z", &paris)
                .unwrap()
                .rfc3339(),
            "2025-07-12T08:30:00Z"
        );
    }

    #[test]
    fn a_zone_name_that_is_not_one_says_what_is_expected() {
        let err = zone("Asia/Ho_Chi_Mihn").unwrap_err();
        assert!(err.contains("did you mean `Asia/Ho_Chi_Minh`"), "{err}");
        let err = zone("giờ Hà Nội").unwrap_err();
        assert!(
            err.contains("`giờ Hà Nội`") && err.contains("Asia/Ho_Chi_Minh"),
            "{err}"
        );
        assert!(zone("UTC").is_ok());
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "12/08/2025",
            "2025-8-12",
            "2025-08-12T25:00:00Z",
            "hôm nay",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn civil_round_trip() {
        for days in [-1000, 0, 1, 19_000, 20_500] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn vietnamese_display_pattern() {
        let d = Date::parse("2025-08-12").unwrap();
        assert_eq!(
            d.display(Some("ngày {day} tháng {month} năm {year}"), None),
            "ngày 12 tháng 8 năm 2025"
        );
        let months: Vec<String> = [
            "January", "February", "March", "April", "May", "June", "July", "August",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            d.display(Some("{day} {month_name} {year}"), Some(&months)),
            "12 August 2025"
        );
        assert_eq!(d.display(None, None), "2025-08-12");
    }

    #[test]
    fn http_dates_round_trip() {
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        for secs in [0, 784_111_777, 1_755_000_000, 1_709_208_000] {
            assert_eq!(parse_http_date(&http_date(secs)), Some(secs));
        }
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, +6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_and_zone_mistakes_are_told_in_the_language_of_the_run() {
        use crate::messages::{Language, in_language};
        let vi = in_language(Language::Vietnamese, || {
            (
                Date::parse("2025-13-01").unwrap_err(),
                Date::parse("12/08/2025").unwrap_err(),
                zone("Asia/Ho_Chi_Mihn").unwrap_err(),
            )
        });
        assert_eq!(
            vi.0.as_str(),
            "`2025-13-01` không phải một ngày có thật (tháng chỉ từ 01 đến 12); cần dạng YYYY-MM-DD: năm, tháng, ngày"
        );
        assert!(
            vi.1.starts_with("`12/08/2025` không phải một ngày; cần dạng YYYY-MM-DD"),
            "{}",
            vi.1
        );
        assert_eq!(
            vi.2.as_str(),
            "thấy `Asia/Ho_Chi_Mihn`, đây không phải tên múi giờ (có phải ý bạn là `Asia/Ho_Chi_Minh`?); cần tên múi giờ IANA, ví dụ `Asia/Ho_Chi_Minh` (Việt Nam) hoặc `Europe/Paris`"
        );
        assert_eq!(
            Date::parse("2025-13-01").unwrap_err().as_str(),
            "`2025-13-01` is not a real calendar date (a month is 01 to 12); expected YYYY-MM-DD, year, month and day"
        );
    }
}
