//! How figures and text are laid out for a person to read, in a terminal
//! or an export: cut to a width, drawn as a bar. Presentation, not data:
//! the model computes the facts, these only shape them.

pub mod cells;
pub mod team_row;

use unicode_width::UnicodeWidthChar;

/// `s` cut to `width` display columns, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    fit_into(&mut out, s, width);
    out
}

/// Appends `s` cut to `width` display columns, with `…` when cut, to `out`,
/// and gives the columns it takes: the rows of a list are built every frame,
/// each in one allocation.
pub fn fit_into(out: &mut String, s: &str, width: usize) -> usize {
    if width == 0 {
        return 0;
    }
    // Only the start of `s` is ever looked at: a row of a 30 MB statement
    // costs what a row of a short one costs.
    if s.bytes()
        .take(width + 1)
        .all(|b| (b' '..=b'~').contains(&b))
    {
        if s.len() <= width {
            out.push_str(s);
            return s.len();
        }
        out.push_str(&s[..width - 1]);
        out.push('…');
        return width;
    }
    let start = out.len();
    let mut used = 0;
    // Characters that take no column (combining marks) cannot make a row
    // look at more than a few times its width of text.
    let most = width.saturating_mul(8).saturating_add(16);
    for (i, c) in s.chars().enumerate() {
        let w = if i >= most {
            width + 1
        } else {
            c.width().unwrap_or(0)
        };
        if used + w > width {
            while used + 1 > width && out.len() > start {
                if let Some(last) = out.pop() {
                    used -= last.width().unwrap_or(0);
                }
            }
            out.push('…');
            return used + 1;
        }
        used += w;
        out.push(c);
    }
    used
}

/// How many of `width` cells a bar fills for `share` of 0.0 to 1.0.
pub fn filled(share: f64, width: usize) -> usize {
    ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width)
}

/// A text bar such as `███░░`, `width` cells for `share` of 0.0 to 1.0.
pub fn bar(share: f64, width: usize) -> String {
    let filled = filled(share, width);
    let mut bar = "█".repeat(filled);
    bar.push_str(&"░".repeat(width - filled));
    bar
}

/// `one` for a count of 1, else `many`: "1 craft", never "1 crafts".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `1 assessment`, `2 assessments`: a count and its noun (a regular one;
/// [`plural`] for the others).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_to_display_columns_and_only_what_it_appended() {
        assert_eq!(fit("plain words", 11), "plain words");
        assert_eq!(fit("plain words", 7), "plain …");
        assert_eq!(fit("日本語", 6), "日本語");
        assert_eq!(fit("日本語", 5), "日本…");
        let mut out = String::from("ab");
        assert_eq!(fit_into(&mut out, "日本語", 1), 1);
        assert_eq!(out, "ab…");
        let mut out = String::from("ab");
        assert_eq!(fit_into(&mut out, "cdef", 3), 3);
        assert_eq!(out, "abcd…");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "craft"), "1 craft");
        assert_eq!(count(0, "craft"), "0 crafts");
        assert_eq!(count(2, "self round"), "2 self rounds");
        assert_eq!(plural(1, "person", "people"), "person");
        assert_eq!(plural(3, "person", "people"), "people");
    }

    #[test]
    fn bars() {
        assert_eq!(bar(0.6, 5), "███░░");
        assert_eq!(bar(0.0, 3), "░░░");
        assert_eq!(bar(7.0, 2), "██");
    }
}
