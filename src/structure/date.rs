//! Dates as pages write them, to ISO 8601: a date (`2021-10-24`), or a
//! date-time with its offset when the page states both (`2021-10-24T08:15:00+02:00`).
//!
//! Relative dates ("3 hours ago") and ambiguous numeric dates (`03/04/2021`)
//! give `None`: a date is never guessed. `jiff` validates every result.

use std::sync::LazyLock;

use jiff::civil::Date;

use crate::lexicon::month_number;
use regex::Regex;

const MONTH_RE: &str = r"(?P<mon>[\p{L}]{3,10})\.?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("valid regex")
});
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?{MONTH_RE},?\s+(?:de\s+)?(?P<y>\d{{4}})\b"
    ))
    .expect("valid regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b").expect("valid regex")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b").expect("valid regex")
});
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
        .expect("valid regex")
});

/// The first date in `text`, as ISO 8601.
pub fn parse(text: &str) -> Option<String> {
    // RFC 2822 ("Sun, 24 Oct 2021 08:15:00 +0000"), as HTTP headers and
    // feeds write it: a date-time with its offset.
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text.trim()) {
        return Some(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if let Some(c) = ISO.captures(text) {
        let date = ymd(&c["y"], &c["m"], &c["d"])?;
        return Some(match (c.name("time"), c.name("off")) {
            (Some(time), Some(off)) => {
                with_offset(date, time.as_str(), off.as_str()).unwrap_or_else(|| date.to_string())
            }
            _ => date.to_string(),
        });
    }
    if let Some(c) = CJK.captures(text) {
        return ymd(&c["y"], &c["m"], &c["d"]).map(|d| d.to_string());
    }
    for re in [&*MONTH_FIRST, &*DAY_FIRST] {
        for c in re.captures_iter(text) {
            if let Some(m) = month_number(&c["mon"]) {
                if let Some(d) = ymd(&c["y"], &m.to_string(), &c["d"]) {
                    return Some(d.to_string());
                }
            }
        }
    }
    if let Some(c) = DOTTED.captures(text) {
        return ymd(&c["y"], &c["m"], &c["d"]).map(|d| d.to_string());
    }
    if let Some(c) = SLASHED.captures(text) {
        let a: i8 = c["a"].parse().ok()?;
        let b: i8 = c["b"].parse().ok()?;
        // Only unambiguous slashed dates: one part must be over 12.
        let (m, d) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ => return None,
        };
        return ymd(&full_year(&c["y"])?, &m.to_string(), &d.to_string()).map(|d| d.to_string());
    }
    None
}

/// A four-digit year; a two-digit one by the POSIX `%y` rule (69–99 →
/// 1969–1999, 00–68 → 2000–2068), as US sites write "9/23/21".
fn full_year(y: &str) -> Option<String> {
    const PIVOT: u16 = 69;
    if y.len() != 2 {
        return Some(y.to_string());
    }
    let yy: u16 = y.parse().ok()?;
    Some((if yy >= PIVOT { 1900 + yy } else { 2000 + yy }).to_string())
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// `2021-10-24T08:15:00+02:00` from a date, `08:15[:00]` and `Z`/`+0200`/`+02:00`.
fn with_offset(date: Date, time: &str, offset: &str) -> Option<String> {
    const MAX_OFFSET_HOURS: i8 = 14;
    let mut parts = time.split([':', '.']);
    let h: i8 = parts.next()?.parse().ok()?;
    let mi: i8 = parts.next()?.parse().ok()?;
    let s: i8 = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    let dt = jiff::civil::DateTime::new(date.year(), date.month(), date.day(), h, mi, s, 0).ok()?;
    let (sign, oh, om) = if offset == "Z" {
        ('+', 0i8, 0i8)
    } else {
        let sign = offset.chars().next()?;
        let digits: String = offset.chars().filter(char::is_ascii_digit).collect();
        (
            sign,
            digits.get(..2)?.parse().ok()?,
            digits.get(2..4)?.parse().ok()?,
        )
    };
    if oh > MAX_OFFSET_HOURS || om > 59 {
        return None;
    }
    Some(format!(
        "{}{sign}{oh:02}:{om:02}",
        dt.strftime("%Y-%m-%dT%H:%M:%S")
    ))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn date_forms() {
        let cases = [
            ("2021-10-24", Some("2021-10-24")),
            (
                "2021-10-24T08:15:00+02:00",
                Some("2021-10-24T08:15:00+02:00"),
            ),
            ("2021-10-24T08:15:00Z", Some("2021-10-24T08:15:00+00:00")),
            ("2021-10-24T08:15:00", Some("2021-10-24")),
            (
                "Sun, 24 Oct 2021 08:15:00 +0000",
                Some("2021-10-24T08:15:00+00:00"),
            ),
            (
                "Sun, 24 Oct 2021 08:15:00 -0500",
                Some("2021-10-24T08:15:00-05:00"),
            ),
            ("Oct. 24, 2021", Some("2021-10-24")),
            ("October 24th, 2021", Some("2021-10-24")),
            ("24 October 2021", Some("2021-10-24")),
            ("Sunday, 24. Oktober 2021", Some("2021-10-24")),
            ("24 de octubre de 2021", Some("2021-10-24")),
            ("le 24 octobre 2021", Some("2021-10-24")),
            ("18 Mart 2013", Some("2013-03-18")),
            ("24.10.2021", Some("2021-10-24")),
            ("2021年10月24日", Some("2021-10-24")),
            ("10/24/2021", Some("2021-10-24")),
            ("24/10/2021", Some("2021-10-24")),
            ("03/04/2021", None),
            ("9/23/21 10:00AM", Some("2021-09-23")),
            ("23/9/98", Some("1998-09-23")),
            ("3/09/15 8:00am", None),
            ("3 hours ago", None),
            ("2021-02-30", None),
            ("In 1992 the act passed", None),
        ];
        let mut failures = Vec::new();
        for (input, want) in cases {
            let got = parse(input);
            if got.as_deref() != want {
                failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
