//! Standard output for the commands: a closed pipe (`rungs show | head`)
//! ends the output quietly instead of failing.

use std::io::{ErrorKind, Write};

use anyhow::{Context, Result};

pub fn print(text: &str) -> Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}
