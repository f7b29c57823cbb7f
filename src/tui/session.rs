//! The I/O side of a session: saving after each change (merged with what
//! another writer saved meanwhile), keeping the other program's version on
//! "keep mine", exporting, writing a rescue copy, and
//! re-reading the profile when another program changed it. Each returns a
//! result that the app applies (`App::on_saved` and its siblings).

use std::path::{Path, PathBuf};

use crate::model::ids::slug;
use crate::model::{Framework, Profile, Role};
use crate::store::{ProfileFile, SaveError, read};
use crate::tui::app::Saved;

pub struct Session {
    pub file: ProfileFile,
}

impl Session {
    pub fn new(file: ProfileFile) -> Session {
        Session { file }
    }

    /// Saves this session's assessment, taking in what another writer
    /// saved meanwhile in other assessments (the app then shows it).
    pub fn save(&mut self, profile: &Profile) -> Result<Saved, SaveError> {
        let written = self.file.save(profile)?;
        Ok(Saved {
            theirs: None,
            merged: written.merged,
            warning: written.warning,
        })
    }

    /// "Keep mine": the version on disk is first kept in the profile's
    /// backups folder, then ours replaces it where both changed the same.
    pub fn keep_mine(&mut self, profile: &Profile) -> Result<Saved, SaveError> {
        let theirs = self.file.keep_theirs()?;
        let written = self.file.overwrite(profile, &mut |_| Ok(()))?;
        Ok(Saved {
            theirs,
            merged: written.merged,
            warning: written.warning,
        })
    }

    /// Writes the markdown summary beside the profile (see [`export_path`]);
    /// `reviewer` is the manager whose review this session is, if it is one.
    pub fn export(
        &self,
        profile: &Profile,
        framework: &Framework,
        reviewer: Option<&str>,
    ) -> Result<PathBuf, String> {
        let path = export_path(self.file.path(), reviewer);
        // A manager's export puts their own round beside the person's.
        let choice = crate::export::report::Choice {
            round: None,
            manager: reviewer
                .filter(|r| profile.latest_by(Role::Manager, r).is_some())
                .map(str::to_owned),
            today: Some(crate::clock::today()),
        };
        let text = crate::export::render_chosen(
            profile,
            framework,
            crate::export::Format::Markdown,
            &choice,
        )
        .map_err(|e| format!("{e:#}"))?;
        crate::store::target::check_export_target(
            &path,
            self.file.path(),
            false,
            crate::export::is_earlier_export,
        )
        .map_err(|e| e.to_string())?;
        crate::store::save::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// A copy of the profile in a new file of the temporary folder, for
    /// when the profile's own folder refuses every save.
    pub fn write_copy(&self, profile: &Profile) -> Result<PathBuf, String> {
        let text = toml::to_string(profile).map_err(|e| e.to_string())?;
        crate::store::save::write_new_copy(self.file.path(), text.as_bytes())
            .map_err(|e| e.to_string())
    }

    pub fn reload(&mut self, framework: &Framework) -> Result<Profile, String> {
        let path = self.file.path().to_path_buf();
        let text = self
            .file
            .read()
            .map_err(|e| format!("{e:#}"))?
            .ok_or_else(|| format!("{} was deleted", path.display()))?;
        let profile = read::parse_profile(&path, &text).map_err(|e| e.to_string())?;
        let check = profile.check(framework);
        if !check.problems.is_empty() {
            return Err(read::locate_all(&path, &text, &check.problems).to_string());
        }
        Ok(profile)
    }
}

/// Where `e` writes the summary: `NAME.md` beside `NAME.toml`, and in a
/// review `NAME.review-MANAGER.md`, so a manager's export never replaces the
/// person's own. Never the profile itself: a profile named `NAME.md` exports
/// to `NAME.summary.md`.
pub fn export_path(profile: &Path, reviewer: Option<&str>) -> PathBuf {
    let stem = profile
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_owned());
    let name = match reviewer {
        Some(who) => {
            let who = slug(who);
            let who = if who.is_empty() {
                "manager".to_owned()
            } else {
                who
            };
            format!("{stem}.review-{who}.md")
        }
        None => format!("{stem}.md"),
    };
    let path = profile.with_file_name(&name);
    if path == profile {
        profile.with_file_name(format!("{stem}.summary.md"))
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_never_land_on_the_profile_nor_on_each_other() {
        assert_eq!(
            export_path(Path::new("d/alex.toml"), None),
            Path::new("d/alex.md")
        );
        assert_eq!(
            export_path(Path::new("d/alex.md"), None),
            Path::new("d/alex.summary.md")
        );
        assert_eq!(
            export_path(Path::new("d/alex.toml"), Some("Sam Lee")),
            Path::new("d/alex.review-sam-lee.md")
        );
        assert_eq!(
            export_path(Path::new("d/alex.toml"), Some("李")),
            Path::new("d/alex.review-manager.md")
        );
    }
}
