//! The one place the wall clock is read for dates that outputs compare
//! against: rounds dated after today are said wherever they count.

/// Today's date where the person is, `YYYY-MM-DD`.
pub fn today() -> String {
    today_date().to_string()
}

/// Today's date where the person is.
pub fn today_date() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}
