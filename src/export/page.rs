//! The head every HTML page of rungs starts with: the policy that forbids
//! scripts and anything from elsewhere, the character set, the viewport,
//! the generator mark that tells an earlier export from a file to keep.

use std::fmt::Write;

/// Nothing may load, run or be fetched: only the inline stylesheet and
/// inline pictures are allowed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Writes the page up to `<body>`. `title` is escaped already; `style` is
/// the page's own stylesheet (no file text in it).
pub fn head(out: &mut String, title: &str, style: &str) -> std::fmt::Result {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en">"#)?;
    writeln!(out, "<head>")?;
    writeln!(out, r#"<meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">"#
    )?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, r#"<meta name="generator" content="rungs">"#)?;
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>{style}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

/// Closes what `head` opened, with a footer line (`text` escaped already).
pub fn foot(out: &mut String, text: &str) -> std::fmt::Result {
    writeln!(out, "<footer>{text}</footer>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}
