//! The I/O side of a session: saving after each change, exporting, and
//! re-reading the profile when another program changed it.

use std::path::PathBuf;

use crate::model::Framework;
use crate::store::{ProfileFile, SaveError, read};
use crate::tui::app::{App, Effect, Overlay};

pub struct Session {
    pub file: ProfileFile,
}

impl Session {
    pub fn new(file: ProfileFile) -> Session {
        Session { file }
    }

    /// Carries out an effect of `App::update`, and tells the person how it went.
    pub fn carry_out(&mut self, effect: Effect, app: &mut App) {
        match effect {
            Effect::Save => self.save(app, false),
            Effect::Overwrite => self.save(app, true),
            Effect::Export => match self.export(app) {
                Ok(path) => app.ok(format!("Exported to {}", path.display())),
                Err(err) => app.error(format!("Export failed: {err:#}")),
            },
            Effect::Reload => match self.reload(&app.framework) {
                Ok(profile) => {
                    app.replace_profile(profile);
                    app.info("Reloaded the profile from disk.");
                }
                Err(err) => app.error(format!("Cannot reload: {err:#}")),
            },
            Effect::None | Effect::EditExternal | Effect::Quit => {}
        }
    }

    fn save(&mut self, app: &mut App, overwrite: bool) {
        let result = if overwrite {
            self.file.overwrite(&app.profile, &mut |_| Ok(()))
        } else {
            self.file.save(&app.profile)
        };
        match result {
            Ok(()) => app.ok(format!("Saved {}", clock())),
            Err(SaveError::ChangedOnDisk { .. }) => app.overlay = Overlay::Conflict,
            Err(err @ SaveError::ReadOnly { .. }) => app.error(err.to_string()),
            Err(err) => app.error(format!("{err}. Your ratings are kept here: fix it and change anything to retry, or press e to export.")),
        }
    }

    /// Writes the markdown summary beside the profile: `NAME.md` for `NAME.toml`.
    fn export(&self, app: &App) -> anyhow::Result<PathBuf> {
        let path = self.file.path().with_extension("md");
        let text = crate::export::render(
            &app.profile,
            &app.framework,
            crate::cli::ExportFormat::Markdown,
        )?;
        crate::store::save::write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    fn reload(&mut self, framework: &Framework) -> anyhow::Result<crate::model::Profile> {
        let path = self.file.path().to_path_buf();
        let text = self
            .file
            .read()?
            .ok_or_else(|| anyhow::anyhow!("{} was deleted", path.display()))?;
        let profile = read::parse_profile(&path, &text)?;
        let check = profile.check(framework);
        if !check.problems.is_empty() {
            return Err(read::locate_all(&path, &text, &check.problems).into());
        }
        Ok(profile)
    }
}

/// The local wall-clock time, for "Saved 14:02:03".
fn clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}
