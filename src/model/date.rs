//! Calendar dates (`YYYY-MM-DD`) as day numbers, so that "30 days later" is plain addition.
//! Written here rather than pulled in: the engine needs parse, format and add, nothing more.

use core::fmt;
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use tsify::Tsify;

use crate::error::{quoted, ErrorCode};
use crate::model::read::coded;

/// A proleptic Gregorian calendar day, stored as days since 1970-01-01 (the default);
/// written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Tsify)]
#[tsify(type = "string")]
pub struct IsoDate(i32);

impl IsoDate {
    /// Parses exactly `YYYY-MM-DD` with a year from 0001 to 9999 and a day that exists.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let number = |from: usize, to: usize| -> Option<i32> {
            let part = bytes.get(from..to)?;
            part.iter().try_fold(0i32, |acc, b| {
                b.is_ascii_digit().then(|| acc * 10 + i32::from(b - b'0'))
            })
        };
        let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
        if year < 1 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(IsoDate(days_from_civil(year, month, day)))
    }

    pub fn add_days(self, days: i32) -> IsoDate {
        IsoDate(self.0.saturating_add(days))
    }

    fn civil(self) -> (i32, i32, i32) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `YYYY-MM-DD`; anything else is `INVALID_DATE`.
impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A date that is not a string (a number, say) is a wrong date, not just a wrong type:
        // the same code as the JS binding gives a non-string `on`.
        let text = crate::model::read::Text::deserialize(d).map_err(|e| {
            let said = e.to_string();
            D::Error::custom(coded(
                ErrorCode::InvalidDate,
                format!(
                    "a date is a string written YYYY-MM-DD ({})",
                    crate::model::read::without_position(&said)
                ),
            ))
        })?;
        IsoDate::parse(&text).ok_or_else(|| {
            D::Error::custom(coded(
                ErrorCode::InvalidDate,
                format!(
                    "{} is not a calendar date written YYYY-MM-DD",
                    quoted(&text)
                ),
            ))
        })
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-date algorithms (public domain), valid for every year we accept.
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_round_trip() {
        for text in [
            "2026-11-23",
            "2000-02-29",
            "0001-01-01",
            "9999-12-31",
            "1970-01-01",
        ] {
            assert_eq!(
                IsoDate::parse(text).map(|d| d.to_string()).as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-01-01",
            "2026-1-01",
            "2026/11/23",
            "20261123",
            "2026-11-2x",
            "+026-11-23",
            "",
            "2026-11-23T00",
        ] {
            assert_eq!(IsoDate::parse(text), None, "{text}");
        }
    }

    #[test]
    fn adds_thirty_days_across_month_and_year_ends() {
        let add = |s: &str| IsoDate::parse(s).map(|d| d.add_days(30).to_string());
        assert_eq!(add("2026-11-23").as_deref(), Some("2026-12-23"));
        assert_eq!(add("2026-12-15").as_deref(), Some("2027-01-14"));
        assert_eq!(add("2028-02-01").as_deref(), Some("2028-03-02"));
    }
}
