//! `rungs show-profile FILE`: a profile as one line per fact, for git's
//! `textconv` (`rungs git-setup` sets it up), so `git diff` and `git log
//! -p` show changed ratings and notes. It never fails on a file it can
//! read: one that is not a readable profile (conflict markers, a
//! framework, a newer format) is printed as it is, after a line saying why.

use anyhow::Result;

use crate::cli::ShowProfileArgs;
use crate::export::lines;
use crate::model::reviewers;
use crate::store::{Catalog, Paths, read};

pub fn run(args: ShowProfileArgs, paths: &Paths) -> Result<()> {
    let text = read::read_text(&args.file)?;
    let shown = match read::parse_profile(&args.file, &text) {
        Ok(profile) => {
            let catalog = Catalog::load(&paths.frameworks);
            // git shows this to whoever runs it: no blind round before it opens.
            let seen = reviewers::sighted(&profile, reviewers::Viewer::Anyone);
            lines::render(&seen, catalog.find(&profile.framework))
        }
        Err(errors) => {
            // git names the file by a temporary path: the reason alone.
            let why = errors
                .0
                .first()
                .map(|e| match e.location {
                    Some(at) => format!("line {}: {}", at.line, e.message),
                    None => e.message.clone(),
                })
                .unwrap_or_default();
            format!(
                "# rungs show-profile: not a profile rungs can read ({why}); the text as it is:\n{text}"
            )
        }
    };
    super::output::print(&shown)
}
