//! A short fingerprint of a statement's text, recorded on a rating so that a
//! later rewording of the statement can be noticed: the goalposts a person
//! was rated against do not move silently.

use std::borrow::Cow;

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::text;

/// How many hex digits of the digest a rating keeps: enough that two
/// wordings of one statement never share one by chance.
const HEX_DIGITS: usize = 12;

/// The first 12 hex digits of the SHA-256 of the statement's text as
/// written in the framework file, [`normalised`]: saving a framework on
/// another system, or wrapping a long statement over other lines, changes
/// nothing.
pub fn fingerprint(written: &str) -> String {
    hex(normalised(written).as_bytes())
}

/// The text a fingerprint is taken of: Unicode NFC, every run of white
/// space (spaces, tabs, line breaks of any kind: CRLF, CR, LF) as one
/// space, none at either end. Every other character counts as written.
pub fn normalised(written: &str) -> Cow<'_, str> {
    if is_plain(written) {
        return Cow::Borrowed(written);
    }
    let mut out = String::with_capacity(written.len());
    for word in written.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.nfc());
    }
    Cow::Owned(out)
}

/// Printable ASCII on one line with single spaces between words: already
/// normalised, and fingerprinted alike by every rungs.
fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
}

/// The fingerprints a rating may hold for one statement: the one taken now,
/// and the one an earlier rungs took, where it differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    now: String,
    earlier: Option<String>,
}

impl Fingerprints {
    pub fn of(written: &str) -> Fingerprints {
        let now = fingerprint(written);
        let earlier = if is_plain(written) {
            None
        } else {
            Some(earlier(written)).filter(|e| *e != now)
        };
        Fingerprints { now, earlier }
    }

    /// The fingerprint a rating given now records.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// True when a rating that recorded `seen` was given against these words.
    pub fn matches(&self, seen: &str) -> bool {
        seen == self.now || self.earlier.as_deref() == Some(seen)
    }

    /// Each fingerprint a rating may hold: today's, then the earlier way's.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.now.as_str()).chain(self.earlier.as_deref())
    }
}

/// The fingerprint rungs recorded until the text as written was
/// fingerprinted: taken over the text as shown (line breaks as spaces,
/// control characters as their pictures, invisible characters and joiners
/// as `�`), with trailing white space cut. Ratings given then still match
/// the words they were given against.
fn earlier(written: &str) -> String {
    let shown = text::clean_line(written);
    let shown: Cow<'_, str> = if shown.chars().any(text::is_joiner) {
        Cow::Owned(
            shown
                .chars()
                .map(|c| if text::is_joiner(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        shown
    };
    hex(shown.trim_end().as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(HEX_DIGITS);
    for byte in digest.iter().take(HEX_DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_wrapping_and_white_space_do_not_count() {
        let a = fingerprint("I ship small changes. Often.");
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        for same in [
            "I ship small changes.\nOften.",
            "I ship small changes.  \r\nOften.\n\n",
            "I ship small\r\n    changes. Often.  ",
            "  I ship small changes.\tOften.",
            "I ship small changes.\rOften.",
        ] {
            assert_eq!(fingerprint(same), a, "{same:?}");
        }
        assert_ne!(fingerprint("I ship small changes. Sometimes."), a);
        assert_ne!(fingerprint("I ship smallchanges. Often."), a);
    }

    #[test]
    fn composed_and_decomposed_accents_are_one_text() {
        assert_eq!(
            fingerprint("Je livre en équipe."),
            fingerprint("Je livre en e\u{301}quipe.")
        );
    }

    #[test]
    fn fingerprints_recorded_by_an_earlier_rungs_still_match() {
        // Until now, the text as shown was fingerprinted: line breaks as
        // spaces, trailing white space before them kept.
        let written = "I ship small changes  \nevery week.";
        let old = hex("I ship small changes   every week.".as_bytes());
        let prints = Fingerprints::of(written);
        assert!(prints.matches(&old));
        assert!(prints.matches(&fingerprint(written)));
        assert_eq!(
            prints.now(),
            fingerprint("I ship small changes every week.")
        );
        // Joiners were shown as `�` then.
        let hindi = "क्\u{200D}ष";
        assert!(Fingerprints::of(hindi).matches(&hex("क्\u{FFFD}ष".as_bytes())));
        // A plain one-line text: one fingerprint, the same as ever.
        let plain = Fingerprints::of("I review code daily.");
        assert_eq!(plain.earlier, None);
        assert_eq!(plain.now(), hex(b"I review code daily."));
    }
}
