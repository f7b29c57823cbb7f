//! What the loop reports back (a save, an export, a reload, a copy) and what the file lacks while saves fail.

use super::*;

impl App {
    /// True when memory holds changes the file does not.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved_profile || !self.unsaved.is_empty() || self.note_pending()
    }

    /// What the file lacks, one line a statement, for the exit message.
    pub fn unsaved_report(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .unsaved
            .iter()
            .map(|key| {
                let rating = self.rating_of(key);
                let mark = match rating.map_or(Mark::Unrated, Rating::mark) {
                    Mark::Value(v) => format!("rated {v}"),
                    Mark::NotApplicable => "not applicable".to_owned(),
                    Mark::Unrated => "not rated".to_owned(),
                };
                let note = if rating.is_some_and(|r| !r.note().is_empty()) {
                    ", with its note"
                } else {
                    ""
                };
                format!("{} ({key}): {mark}{note}", self.describe(key))
            })
            .collect();
        if self.unsaved_profile {
            lines.insert(0, "the profile as a whole (new, a new round, another level, signed off, its evidence, or gone from disk)".to_owned());
        }
        if let Some(copy) = &self.rescue_copy {
            lines.push(format!(
                "(a copy with all of them is in {})",
                copy.display()
            ));
        }
        lines
    }

    /// The result of a save.
    pub fn on_saved(&mut self, result: Result<Saved, SaveError>) {
        match result {
            Ok(saved) => {
                self.unsaved.clear();
                self.unsaved_profile = false;
                self.save_failure = None;
                // What the key did ("Undone: …") stays, with the save after it.
                let said = match self.status.take() {
                    Some(Status {
                        kind: StatusKind::Info,
                        text,
                    }) => format!("{text} "),
                    _ => String::new(),
                };
                let mut text = match &saved.theirs {
                    Some(theirs) => format!(
                        "{said}Saved yours {}; theirs is kept as {}",
                        self.now.time_of_day(),
                        theirs.display()
                    ),
                    None => format!("{said}Saved {}", self.now.time_of_day()),
                };
                let mut warnings: Vec<String> = saved.warning.into_iter().collect();
                match saved.merged.map(|merged| self.take_merged(merged)) {
                    // "Keep mine" names their whole version already.
                    Some(Ok(_)) if saved.theirs.is_some() => {}
                    Some(Ok(who)) => text.push_str(&format!(", with what {who} saved meanwhile")),
                    Some(Err(why)) => warnings.push(why),
                    None => {}
                }
                if warnings.is_empty() {
                    self.ok(text);
                } else {
                    self.error(format!("{text}, but {}", warnings.join("; ")));
                }
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                self.save_failure = Some("the file changed on disk".to_owned());
                self.ask(Dialog::Conflict);
            }
            Err(err @ SaveError::ReadOnly { .. }) => {
                self.save_failure = Some(err.to_string());
                self.error(err.to_string());
            }
            Err(err) => {
                self.save_failure = Some(err.to_string());
                self.error("Not saved (see above): change anything to retry, or quit to choose.");
            }
        }
    }

    pub fn on_exported(&mut self, result: Result<PathBuf, String>) {
        match result {
            Ok(path) => self.ok(format!("Exported to {}", path.display())),
            Err(err) => self.error(format!("Export failed: {err}")),
        }
    }

    pub fn on_reloaded(&mut self, result: Result<Profile, String>) {
        match result {
            Ok(profile) => {
                self.replace_profile(profile);
                self.info("Reloaded the profile from disk.");
            }
            Err(err) => self.error(format!("Cannot reload: {err}")),
        }
    }

    pub fn on_copy_written(&mut self, result: Result<PathBuf, String>) {
        if let Ok(path) = &result {
            self.rescue_copy = Some(path.clone());
        }
        match (&mut self.overlay, result) {
            (Overlay::Dialog(Dialog::Unsaved { copy, .. }), Ok(path)) => {
                self.status = Some(Status {
                    kind: StatusKind::Ok,
                    text: format!("A copy is in {}", path.display()),
                });
                *copy = Some(path);
            }
            (_, Ok(path)) => self.ok(format!("A copy is in {}", path.display())),
            (_, Err(err)) => self.error(format!("Cannot write a copy: {err}")),
        }
    }
}
