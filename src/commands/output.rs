//! The one way out to the terminal for the commands and `main`: every string
//! headed for standard output or standard error passes here and is made safe
//! ([`crate::model::text::clean`]), so no message, path or field value from a
//! file can put an escape sequence, a bidi control or an invisible character
//! on the terminal. A closed pipe (`rungs show | head`, or a closed standard
//! error) ends the output quietly instead of failing or panicking.

use std::fmt::Display;
use std::io::{ErrorKind, Write};

use anyhow::{Context, Result};

use crate::model::text::clean;

/// Writes `text` to standard output, made safe.
pub fn print(text: &str) -> Result<()> {
    match std::io::stdout().lock().write_all(clean(text).as_bytes()) {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Writes a word comparison (`[-old-]{+new+}`) to standard output, made
/// safe; on a terminal that takes colour (no `NO_COLOR`), the removed words
/// are red and the added ones green instead of bracketed. The colour codes
/// are added after the text is made safe: only rungs' own reach the terminal.
pub fn print_diff(text: &str) -> Result<()> {
    use std::io::IsTerminal;
    let safe = clean(text);
    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if !colour {
        return print(&safe);
    }
    let coloured = safe
        .replace("[-", "\u{1b}[31m")
        .replace("-]", "\u{1b}[0m")
        .replace("{+", "\u{1b}[32m")
        .replace("+}", "\u{1b}[0m");
    match std::io::stdout().lock().write_all(coloured.as_bytes()) {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Writes `text` and a line break to standard output, made safe.
pub fn println(text: impl Display) -> Result<()> {
    print(&format!("{text}\n"))
}

/// Writes `text` and a line break to standard error, made safe. Nothing can
/// be told about a failure to write there, so none is raised.
pub fn eprintln(text: impl Display) {
    let line = format!("{text}\n");
    let _ = std::io::stderr().lock().write_all(clean(&line).as_bytes());
}

/// A warning on standard error.
pub fn warn(text: impl Display) {
    eprintln(format_args!("warning: {text}"));
}

/// An error with its causes (`{:#}`) on standard error.
pub fn error(err: &anyhow::Error) {
    eprintln(format_args!("{err:#}"));
}
