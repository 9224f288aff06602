//! The calendar: dates of the accounts (proleptic Gregorian, as the accounts give them), seasons
//! and day arithmetic. Dates are written `"1041-02-13"` in scenario files.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("year {year} is not 1-9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not 1-12"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("day {day} is not in month {month} of {year}"));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 0000-03-01 (Howard Hinnant's days_from_civil, shifted).
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }

    pub fn from_day_number(n: i64) -> Date {
        let era = n.div_euclid(146_097);
        let doe = n - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn plus_days(self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    pub fn season(self) -> Season {
        match self.month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Autumn,
            _ => Season::Winter,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date (expected YYYY-MM-DD, e.g. \"1041-02-13\")");
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        Date::new(year, month, day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_across_leap_years() {
        let start = Date::new(1040, 12, 25).unwrap();
        for i in 0..2000 {
            let d = start.plus_days(i);
            assert_eq!(Date::from_day_number(d.day_number()), d);
            assert_eq!(start.days_until(d), i);
        }
        assert_eq!(
            Date::new(1084, 2, 28).unwrap().plus_days(1),
            Date::new(1084, 2, 29).unwrap()
        );
        assert_eq!(
            Date::new(1083, 2, 28).unwrap().plus_days(1),
            Date::new(1083, 3, 1).unwrap()
        );
    }

    #[test]
    fn bad_dates_are_refused() {
        assert!("1041-13-01".parse::<Date>().is_err());
        assert!("1041-02-30".parse::<Date>().is_err());
        assert!("spring".parse::<Date>().is_err());
        assert!("2147483647-01-01".parse::<Date>().is_err());
        assert!("0-01-01".parse::<Date>().is_err());
    }
}
