//! A short fingerprint of a statement's text, recorded on a rating so that a
//! later rewording of the statement can be noticed: the goalposts a person
//! was rated against do not move silently.

use sha2::{Digest, Sha256};

/// How many hex digits of the digest a rating keeps: enough that two
/// wordings of one statement never share one by chance.
const HEX_DIGITS: usize = 12;

/// The first 12 hex digits of the SHA-256 of the text, after line endings
/// are made `\n` and trailing white space is cut from every line and from
/// the whole: saving a framework on another system changes nothing.
pub fn fingerprint(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    for line in text.split('\n') {
        if !normal.is_empty() {
            normal.push('\n');
        }
        normal.push_str(line.trim_end());
    }
    let digest = Sha256::digest(normal.trim_end().as_bytes());
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
    fn line_endings_and_trailing_space_do_not_count() {
        let a = fingerprint("I ship small changes.\nOften.");
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(fingerprint("I ship small changes.  \r\nOften.\n\n"), a);
        assert_ne!(fingerprint("I ship small changes.\nSometimes."), a);
        assert_ne!(
            fingerprint(" I ship small changes.\nOften."),
            a,
            "leading space counts"
        );
    }
}
