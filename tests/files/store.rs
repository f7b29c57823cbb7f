//! Saving: the backup of the version found at the start (in rungs' own
//! folder), the locks, symlinks, permissions, and unknown keys kept.

use crate::tui_support;

use std::os::unix::fs::PermissionsExt;

use rungs::model::{Mark, Profile, Role};
use rungs::store::SaveError;
use tui_support::*;

fn changed(mut profile: Profile, value: u8) -> Profile {
    let i = profile.current_index(Role::Own).expect("self");
    profile.assessments[i].edit(&k("level-4/automation/1"), |r| {
        r.set_mark(Mark::Value(value))
    });
    profile
}

#[test]
fn the_version_found_at_the_start_is_kept_as_the_backup_once_per_session() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    let original = "# my comments stay in the backup\n".to_owned()
        + &toml::to_string(&partly_rated()).expect("serialise");
    std::fs::write(&path, &original).expect("write");
    let (mut file, text) = open_own(&path, "test");
    assert_eq!(text.as_deref(), Some(original.as_str()));
    file.save(&changed(partly_rated(), 1)).expect("save");
    file.save(&changed(partly_rated(), 2)).expect("save");
    let backup = file.backup_path();
    assert!(
        backup.starts_with(home_beside(&path).backups),
        "in rungs' own folder: {}",
        backup.display()
    );
    assert!(
        !dir.path().join("profile.toml.bak").exists(),
        "never beside"
    );
    assert_eq!(
        std::fs::read_to_string(&backup).expect("a backup"),
        original,
        "the start version, not the first save"
    );
    let saved: Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid");
    assert_eq!(saved, changed(partly_rated(), 2));
}

#[test]
fn a_new_profile_has_no_backup_and_is_private() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("new").join("profile.toml");
    let (mut file, text) = open_own(&path, "test");
    assert!(text.is_none());
    file.save(&empty_profile()).expect("save");
    assert!(!file.backup_path().exists());
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a new profile is readable by its owner only");
}

#[test]
fn a_second_writer_of_one_assessment_is_refused_and_told_who_holds_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let (mut first, _) = open_own(&path, "Alex on laptop");
    let (mut second, _) = open_own(&path, "Alex again");
    assert!(first.read_only_reason().is_none());
    let reason = second.read_only_reason().expect("read-only").to_owned();
    assert!(reason.contains("Alex on laptop"), "{reason}");
    assert!(reason.contains("the self-assessment"), "{reason}");
    let before = std::fs::read(&path).expect("read");
    let err = second
        .save(&changed(partly_rated(), 1))
        .expect_err("refused");
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the second writer wrote nothing"
    );
    first
        .save(&changed(partly_rated(), 4))
        .expect("the first writer saves");
    drop(first);
    drop(second);
    let (third, _) = open_own(&path, "later");
    assert!(
        third.read_only_reason().is_none(),
        "the lock goes with its session"
    );
    drop(third);
    let locks: Vec<_> = std::fs::read_dir(home_beside(&path).locks)
        .expect("the locks folder")
        .collect();
    assert!(locks.is_empty(), "no lock file is left: {locks:?}");
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "rungs-home")
        .collect();
    assert_eq!(beside, ["profile.toml"], "nothing beside the profile");
}

#[test]
fn a_symlinked_profile_stays_a_link() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let real = dir.path().join("dotfiles").join("profile.toml");
    std::fs::create_dir(dir.path().join("dotfiles")).expect("mkdir");
    std::fs::write(&real, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let link = dir.path().join("profile.toml");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let (mut file, _) = open_own(&link, "test");
    file.save(&changed(partly_rated(), 1)).expect("save");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link survives"
    );
    let saved: Profile =
        toml::from_str(&std::fs::read_to_string(&real).expect("read")).expect("valid");
    assert_eq!(saved, changed(partly_rated(), 1), "the target was written");
}

#[test]
fn unknown_keys_are_kept_on_rewrite() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    let text = "format = 1\nperson = \"Alex\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\nteam = \"platform\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Alex\"\nstarted = 2026-11-26T09:00:00Z\nupdated = 2026-11-26T09:00:00Z\nsource = \"hr-import\"\n\n[[assessments.ratings]]\nstatement = \"level-4/automation/1\"\nvalue = 2\nconfidence = 0.5\nlinks = [\"https://example.com/adr/7\"]\n";
    std::fs::write(&path, text).expect("write");
    let (mut file, read) = open_own(&path, "test");
    let profile: Profile = toml::from_str(read.as_deref().expect("text")).expect("valid");
    file.save(&changed(profile, 3)).expect("save");
    let saved = std::fs::read_to_string(&path).expect("read");
    for kept in [
        "team = \"platform\"",
        "source = \"hr-import\"",
        "confidence = 0.5",
        "links = [\"https://example.com/adr/7\"]",
    ] {
        assert!(saved.contains(kept), "{kept} is kept:\n{saved}");
    }
    assert!(saved.contains("value = 3"));
}
