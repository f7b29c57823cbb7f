//! Untrusted text made safe to show. Files keep exactly what was written;
//! everything that leaves the program for a terminal or an export passes here,
//! so no control character, escape sequence or bidi override gets through raw.

use std::borrow::Cow;

/// True for characters that must never reach a terminal or an export raw:
/// C0 and C1 controls, DEL, the bidi controls that reorder text, and the
/// invisible format characters that let two different names look the same.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// Characters that take no room and show nothing: the zero-width space,
/// word joiners, the byte-order mark inside text, line and paragraph
/// separators, invisible operators, Hangul fillers, the tag block (U+E0000)
/// and the other format characters of Unicode's category Cf. Text keeps
/// them on disk; wherever it is shown they become a visible `�`.
///
/// The zero-width joiner and non-joiner are not among them (see
/// [`is_joiner`]): they are part of how text is written.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'
        | '\u{2028}'..='\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// The zero-width joiner and non-joiner. They shape what is around them —
/// an emoji sequence (👩‍💻), a Persian or Hindi word — so they are shown
/// as the text they join, never replaced. Between two Latin letters they
/// show nothing, so names are compared without them ([`identity`]).
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// `s` without its invisible characters and joiners (and trimmed): how a
/// person's name is compared, so `Sam` and `S\u{200B}am` are one person.
pub fn identity(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_invisible(c) && !is_joiner(c) && !c.is_control() && !is_bidi_control(c))
        .collect::<String>()
        .trim()
        .to_owned()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A visible stand-in for an unsafe character: the Unicode control pictures
/// for C0 and DEL (so `ESC[2J` shows as `␛[2J`), a line break for the line
/// and paragraph separators, the replacement character for the rest.
fn placeholder(c: char) -> Option<char> {
    match c {
        '\r' => None,
        '\t' => Some(' '),
        '\u{2028}' | '\u{2029}' => Some('\n'),
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        _ => Some('\u{FFFD}'),
    }
}

/// The one-cell stand-in for an unsafe character where text is edited:
/// the control pictures for C0 controls and DEL (`␛`, `␍`), `�` for the rest.
pub fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

fn clean_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs_work = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    // Printable ASCII is safe, and checking it a byte at a time is many times
    // quicker than decoding characters: a large framework is megabytes of it.
    // (A fold without an early exit, so that it is vectorised.)
    let printable_ascii = !s
        .bytes()
        .fold(false, |other, b| other | !(b' '..=b'~').contains(&b));
    if printable_ascii || !s.chars().any(needs_work) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\n' && !keep_newlines {
            out.push(' ');
        } else if needs_work(c) {
            out.extend(placeholder(c).map(|p| if p == '\n' && !keep_newlines { ' ' } else { p }));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text (notes): keeps newlines, replaces every other unsafe character.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_with(s, true)
}

/// One-line text (names, labels, ids): newlines become spaces too.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    clean_with(s, false)
}

/// A file's path as it may be shown: on one line, made safe. A file name
/// is untrusted text too (it can hold an escape sequence or a line break
/// that would forge another line of output).
pub fn shown_path(path: &std::path::Path) -> String {
    clean_line(&path.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("plain note\nline two"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible_placeholders() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(clean("\u{1b}]52;c;aGk=\u{7}"), "\u{241b}]52;c;aGk=\u{2407}");
        assert_eq!(clean("x\u{9b}y\u{7f}"), "x\u{FFFD}y\u{2421}");
        assert_eq!(clean("evil\u{202E}txt"), "evil\u{FFFD}txt");
        assert_eq!(clean("a\r\nb\tc"), "a\nb c");
        assert_eq!(clean_line("a\nb"), "a b");
    }

    #[test]
    fn joiners_are_text_and_stay_as_written() {
        for written in [
            "👩\u{200D}💻 pairing",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
            "क्\u{200C}ष",
        ] {
            assert!(matches!(clean(written), Cow::Borrowed(_)), "{written:?}");
            assert!(
                matches!(clean_line(written), Cow::Borrowed(_)),
                "{written:?}"
            );
        }
        assert_eq!(identity("S\u{200D}am \u{200C}Lee"), identity("Sam Lee"));
        assert_eq!(
            clean("a\u{200B}b"),
            "a\u{FFFD}b",
            "a zero-width space still shows"
        );
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!clean(&all).chars().any(|c| is_unsafe(c) && c != '\n'));
        assert!(!clean_line(&all).chars().any(is_unsafe));
    }
}

/// `s` as search compares it: case and accents dropped (`José` → `jose`,
/// `Ærø` keeps its letters), after Unicode decomposition.
pub fn folded(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod folding {
    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(super::folded("José ÉCOLE naïve"), "jose ecole naive");
        assert_eq!(super::folded("Ｑ日本"), "ｑ日本");
        assert!(super::folded("Qualité & Fiabilité").contains("qualite"));
    }
}
