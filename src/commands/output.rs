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

/// Makes a panic (a bug in rungs) report itself through the same guard as
/// every other message: a panic's message can quote text from a file (an
/// index into a string shows the string), and it must not reach the
/// terminal raw any more than an error would. Installed first thing in
/// `main`; the terminal's own hooks (which restore the screen) run before it.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let backtrace = std::backtrace::Backtrace::capture();
        let backtrace = (backtrace.status() == std::backtrace::BacktraceStatus::Captured)
            .then(|| backtrace.to_string());
        let report = panic_report(info.payload(), info.location(), backtrace.as_deref());
        let _ = std::io::stderr().lock().write_all(report.as_bytes());
    }));
}

/// What the panic hook prints: where, the message and the backtrace when
/// one was asked for (`RUST_BACKTRACE=1`), all made safe.
pub fn panic_report(
    payload: &(dyn std::any::Any + Send),
    location: Option<&std::panic::Location<'_>>,
    backtrace: Option<&str>,
) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = location.map_or(String::new(), |l| {
        format!(" at {}:{}:{}", l.file(), l.line(), l.column())
    });
    let tail = backtrace.map_or_else(
        || "note: run with `RUST_BACKTRACE=1` to see where it happened\n".to_owned(),
        |trace| format!("{}\n", trace.trim_end()),
    );
    let report = format!(
        "rungs: internal error (a bug in rungs; please report it){place}:\n{message}\n{tail}"
    );
    clean(&report).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_report_holds_no_raw_control_or_bidi_character() {
        let hostile = "byte index 8 is not a char boundary of `\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}gnp.exe\u{2066}`";
        let location = std::panic::Location::caller();
        for payload in [
            Box::new(hostile) as Box<dyn std::any::Any + Send>,
            Box::new(hostile.to_owned()),
        ] {
            for backtrace in [None, Some("   0: rungs::import\u{1b}[31m\n")] {
                let report = panic_report(&*payload, Some(location), backtrace);
                assert!(
                    !report
                        .chars()
                        .any(|c| c != '\n' && crate::model::text::is_unsafe(c)),
                    "{report:?}"
                );
                assert!(
                    report.contains("\u{241b}]0;pwned\u{2407}\u{241b}[2J\u{FFFD}gnp.exe\u{FFFD}"),
                    "the message is shown, its controls visible: {report:?}"
                );
                assert!(report.contains("src/commands/output.rs:"), "{report}");
                assert!(report.starts_with("rungs: internal error"), "{report}");
            }
        }
        let other = panic_report(&42_u8, None, None);
        assert!(other.contains("(no message)"), "{other}");
    }
}
