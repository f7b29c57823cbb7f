//! `rungs man`: the manual page in roff, from the same definitions as
//! `--help`, then a section per subcommand with its synopsis and options,
//! and the environment, files and exit status.

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;

/// What `--help` cannot say: written in roff, hyphens escaped.
const TAIL: &str = r#".SH ENVIRONMENT
.TP
\fBRUNGS_HOME\fR
When set, the one folder for data and configuration: the default profile is
\fI$RUNGS_HOME/profile.toml\fR and user frameworks are
\fI$RUNGS_HOME/frameworks/*.toml\fR.
.TP
\fBNO_COLOR\fR
When set, the screens are drawn without colour; every state still shows by its symbol.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor that \fBE\fR opens a note in (default \fBvi\fR).
.SH FILES
.TP
\fI~/.local/share/rungs/profile.toml\fR
The default profile (on Linux, without \fBRUNGS_HOME\fR).
.TP
\fI~/.local/share/rungs/locks/\fR, \fI~/.local/share/rungs/backups/\fR
Who has each profile open, and the copies kept of each profile (the version
a session started from, and another program's version that "keep mine"
replaced); nothing is kept beside a profile.
.TP
\fI~/.config/rungs/frameworks/*.toml\fR
User frameworks.
.SH "EXIT STATUS"
0 on success, 1 on a runtime failure (a disk error), 2 on bad usage or bad
input (a malformed file, an unknown id).
"#;

pub fn page() -> Result<String> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    for sub in command.get_subcommands() {
        let name = format!("rungs {}", sub.get_name());
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_options_section(&mut part)?;
        let part = String::from_utf8(part).context("the manual page is UTF-8")?;
        let part = part
            .replace(".SH SYNOPSIS\n", "")
            .replace(".SH OPTIONS\n", ".PP\nOptions:\n");
        out.extend_from_slice(
            format!(
                ".SH \"{}\"\n{}\n.PP\n",
                name.to_uppercase(),
                roff_text(&about)
            )
            .as_bytes(),
        );
        out.extend_from_slice(part.as_bytes());
    }
    out.extend_from_slice(TAIL.as_bytes());
    man.render_version_section(&mut out)?;
    let page = String::from_utf8(out).context("the manual page is UTF-8")?;
    Ok(ascii(&page))
}

/// Every character beyond ASCII as a roff escape (`\[u00D7]`), so the page
/// reads the same whatever input encoding groff assumes.
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Plain text as a roff paragraph: backslashes and hyphens escaped, and no
/// line starting with a control character.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    text.lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run() -> Result<()> {
    super::output::print(&page()?)
}
