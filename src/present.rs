//! How figures and text are laid out for a person to read, in a terminal
//! or an export: cut to a width, drawn as a bar. Presentation, not data:
//! the model computes the facts, these only shape them.

pub mod cells;
pub mod reviewer_row;
pub mod team_row;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// `s` cut to `width` display columns, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    fit_into(&mut out, s, width);
    out
}

/// Appends `s` cut to `width` display columns, with `…` when cut, to `out`,
/// and gives the columns it takes: the rows of a list are built every frame,
/// each in one allocation. Text is cut between grapheme clusters, so an
/// emoji sequence (👩‍💻, a flag, a skin tone) or a letter with its accents is
/// never cut in half.
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
    // Characters that take no column (combining marks, joiners) cannot make
    // a row look at more than a few times its width of text.
    let (text, whole) = bounded(s, width.saturating_mul(8).saturating_add(16));
    let start = out.len();
    let mut used = 0;
    // Where `…` goes if the text has to be cut: the longest start that
    // leaves it a column.
    let mut cut = (start, 0);
    let mut graphemes = text.graphemes(true).peekable();
    while let Some(grapheme) = graphemes.next() {
        // The last cluster of a text looked at only in part may go on
        // beyond it: it is not shown whole, so it is not shown.
        if !whole && graphemes.peek().is_none() {
            break;
        }
        let w = grapheme.width();
        if used + w > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
        if used < width {
            cut = (out.len(), used);
        }
        if graphemes.peek().is_none() {
            return used;
        }
    }
    if whole && text.is_empty() {
        return 0;
    }
    out.truncate(cut.0);
    out.push('…');
    cut.1 + 1
}

/// The first `chars` characters of `s`, and whether that is all of it.
fn bounded(s: &str, chars: usize) -> (&str, bool) {
    match s.char_indices().nth(chars) {
        Some((end, _)) => (&s[..end], false),
        None => (s, true),
    }
}

/// `text` broken into lines of at most `width` columns at spaces (a word
/// longer than a line is broken between grapheme clusters), at most
/// `max_lines` of them: the rest is not looked at, so a very long text
/// costs no more than the room it gets.
pub fn wrap_words(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if width == 0 || max_lines == 0 {
        return lines;
    }
    // As in `fit_into`: characters without a column cannot make the lines
    // look at more than a few times the text they can show.
    let room = width.saturating_mul(max_lines);
    let (text, _) = bounded(text, room.saturating_mul(8).saturating_add(16));
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let word_width = word.width();
        if used > 0 && used + 1 + word_width <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + word_width;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
            if lines.len() == max_lines {
                return lines;
            }
        }
        for grapheme in word.graphemes(true) {
            let w = grapheme.width();
            if used + w > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
                if lines.len() == max_lines {
                    return lines;
                }
            }
            line.push_str(grapheme);
            used += w;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines.truncate(max_lines);
    lines
}

/// `text` wrapped into at most `max_lines` lines of `width` columns; when
/// it needs more, the last line ends with `…`. For banners and status
/// lines, which wrap rather than lose their end.
pub fn wrap_or_cut(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines = wrap_words(text, width, max_lines.saturating_add(1));
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut cut = String::new();
            // One column for `…`, even when the line is full.
            fit_into(&mut cut, last, width.saturating_sub(1));
            let cut = cut.trim_end_matches('…').trim_end().to_owned();
            *last = format!("{cut}…");
        }
    }
    lines
}

/// The start of `text` up to `chars` characters, ended between grapheme
/// clusters: a pane that can show `chars` cells takes only that much of a
/// long text, and never half an emoji sequence at its end.
pub fn head(text: &str, chars: usize) -> &str {
    let (part, whole) = bounded(text, chars);
    if whole {
        return part;
    }
    let mut cursor = GraphemeCursor::new(part.len(), text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => part,
        // A cluster goes on past the end: end before it (a first cluster
        // longer than the whole pane shows nothing of itself).
        _ => match cursor.prev_boundary(text, 0) {
            Ok(Some(end)) => &text[..end],
            _ => "",
        },
    }
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
    fn words_wrap_at_spaces_and_long_words_break() {
        assert_eq!(
            wrap_words("I ship small changes behind a review.", 12, 9),
            ["I ship small", "changes", "behind a", "review."]
        );
        assert_eq!(wrap_words("abcdefghij", 4, 9), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("a b c d e f", 3, 2), ["a b", "c d"]);
        assert_eq!(wrap_words("", 10, 3), [""]);
        assert_eq!(
            wrap_words("日本語のテキスト", 6, 9),
            ["日本語", "のテキ", "スト"]
        );
    }

    #[test]
    fn emoji_sequences_and_accents_are_never_cut_in_half() {
        let coder = "👩\u{200D}💻";
        assert_eq!(fit(&format!("ab{coder}cd"), 4), "ab…");
        assert_eq!(fit(&format!("ab{coder}cd"), 5), format!("ab{coder}…"));
        assert_eq!(fit("🇫🇷🇩🇪", 3), "🇫🇷…");
        assert_eq!(fit("👍🏽👍🏽", 3), "👍🏽…");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(wrap_words(&format!("{coder}{coder}{coder}"), 3, 9).len(), 3);
        assert_eq!(head(&format!("a{coder}"), 2), "a");
        assert_eq!(head(&format!("a{coder}b"), 4), format!("a{coder}"));
        // A cluster longer than the row can show becomes `…`, and costs
        // only the start of it.
        let heavy = format!("a{}", "\u{301}".repeat(1_000_000));
        assert_eq!(fit(&heavy, 10), "…");
    }

    proptest::proptest! {
        /// Whatever the text and width: what `fit` keeps is whole clusters
        /// of the text, in at most `width` columns.
        #[test]
        fn fit_keeps_whole_clusters_within_the_width(
            text in "([a-e ]|\u{301}|\u{200D}|\u{FE0F}|👩|💻|🏽|👍|🇫|🇷|日|\\PC){0,24}",
            width in 0usize..16,
        ) {
            let shown = fit(&text, width);
            proptest::prop_assert!(shown.width() <= width, "{shown:?} in {width}");
            let kept = shown.strip_suffix('…').unwrap_or(&shown);
            proptest::prop_assert!(text.starts_with(kept));
            let clusters: Vec<&str> = text.graphemes(true).collect();
            let kept_clusters: Vec<&str> = kept.graphemes(true).collect();
            proptest::prop_assert_eq!(&clusters[..kept_clusters.len()], &kept_clusters[..]);
            if shown.ends_with('…') {
                proptest::prop_assert!(text != kept);
            } else {
                proptest::prop_assert!(width == 0 || shown == text);
            }
            for line in wrap_words(&text, width.max(1), 9) {
                // A cluster wider than the line is never split: it takes a line alone.
                let visible = line.graphemes(true).filter(|g| g.width() > 0).count();
                proptest::prop_assert!(line.width() <= width.max(1) || visible == 1, "{line:?}");
            }
            let part = head(&text, width);
            proptest::prop_assert!(text.starts_with(part));
            proptest::prop_assert_eq!(&clusters[..part.graphemes(true).count()], &part.graphemes(true).collect::<Vec<_>>()[..]);
        }
    }

    #[test]
    fn banners_wrap_and_cut_only_past_their_lines() {
        assert_eq!(wrap_or_cut("one two three", 8, 2), ["one two", "three"]);
        assert_eq!(
            wrap_or_cut("one two three four", 8, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap_or_cut("", 8, 2), [""]);
    }

    #[test]
    fn bars() {
        assert_eq!(bar(0.6, 5), "███░░");
        assert_eq!(bar(0.0, 3), "░░░");
        assert_eq!(bar(7.0, 2), "██");
    }
}
