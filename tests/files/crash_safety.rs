//! A save stopped at any step leaves the old or the new profile, whole;
//! a failed save says why and keeps the ratings in memory.

use crate::tui_support;

use std::io;
use std::path::Path;

use rungs::model::{Mark, Profile, Role};
use rungs::store::SaveError;
use rungs::store::save::{SaveStep, write_atomic_with};
use rungs::tui::app::Mode;
use rungs::tui::session::Session;
use tui_support::*;

/// A profile big enough that its save takes several write steps.
fn big_profile(note: &str) -> Profile {
    let mut profile = partly_rated();
    let i = profile.current_index(Role::Own).expect("self");
    for n in 0..3000 {
        profile.assessments[i].edit(&k(&format!("level-4/old-area/{n}")), |r| {
            r.set_mark(Mark::Value(2));
            r.note = Some(format!("{note} {n} {}", "x".repeat(80)));
        });
    }
    profile
}

fn read(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile is there");
    toml::from_str(&text).expect("the profile is whole and valid")
}

#[test]
fn a_save_stopped_at_any_step_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    let old = big_profile("old");
    let new = big_profile("new");
    let new_text = toml::to_string(&new).expect("serialise");
    // Count the steps of one whole save.
    std::fs::write(&path, toml::to_string(&old).expect("serialise")).expect("write");
    let mut steps = Vec::new();
    write_atomic_with(
        &dir.path().join("count.toml"),
        new_text.as_bytes(),
        &mut |s| {
            steps.push(s);
            Ok(())
        },
    )
    .expect("a whole save");
    assert!(steps.len() >= 5, "several write steps: {steps:?}");
    assert_eq!(steps.last(), Some(&SaveStep::Renamed));

    for (stop_at, step) in steps.iter().enumerate() {
        std::fs::write(&path, toml::to_string(&old).expect("serialise")).expect("reset");
        let mut seen = 0;
        let result = write_atomic_with(&path, new_text.as_bytes(), &mut |_| {
            seen += 1;
            if seen > stop_at {
                Err(io::Error::other("crash"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err());
        let on_disk = read(&path);
        let renamed = *step == SaveStep::Renamed;
        assert_eq!(
            on_disk,
            if renamed { new.clone() } else { old.clone() },
            "stopped after step {stop_at}"
        );
    }
    // The temporary files of the crashed saves are cleaned up by the next session.
    let temps = |dir: &Path| {
        std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count()
    };
    let (_file, _) = open_own(&path, "test");
    assert_eq!(
        temps(dir.path()),
        0,
        "stale temporary files are removed at the next start"
    );
}

fn session_with(profile: &Profile) -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let folder = dir.path().join("profiles");
    std::fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("profile.toml");
    std::fs::write(&path, toml::to_string(profile).expect("serialise")).expect("write");
    // rungs' own folders outside the profile's, which the tests take away.
    let home = rungs::store::Paths::in_home(dir.path().join("rungs-home"));
    let claim = rungs::model::save_merge::Claim::OwnRounds;
    let (file, _) = open_in(&path, claim, "test", &home);
    (dir, path, Session::new(file))
}

#[test]
fn a_missing_folder_gives_a_clear_error_and_keeps_the_ratings() {
    let (_dir, path, mut session) = session_with(&partly_rated());
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    std::fs::remove_dir_all(path.parent().expect("a folder")).expect("remove the folder");
    let effect = app.update(rungs::tui::action::Action::Rate(1));
    assert_eq!(effect, rungs::tui::app::Effect::Save);
    app.on_saved(session.save(&app.profile));
    let status = app.status.clone().expect("a status");
    assert!(status.text.contains("Not saved"), "{status:?}");
    let failure = app.save_failure.clone().expect("the failure is kept");
    assert!(failure.contains("could not save"), "{failure}");
    assert!(failure.contains("folder is gone"), "{failure}");
    assert!(
        app.has_unsaved(),
        "memory and disk differ, and the app knows"
    );
    assert_eq!(
        app.mark_at(0, 0),
        Mark::Value(1),
        "the rating is kept in memory"
    );
    // The person fixes it and changes anything: both changes are saved.
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    let effect = app.update(rungs::tui::action::Action::Rate(2));
    assert_eq!(effect, rungs::tui::app::Effect::Save);
    app.on_saved(session.save(&app.profile));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.starts_with("Saved")),
        Some(true),
        "{:?}",
        app.status
    );
    assert!(!app.has_unsaved() && app.save_failure.is_none());
    let own = read(&path);
    let own = own.current(Role::Own).expect("self");
    assert_eq!(own.mark("level-4/engineering-maturity/1"), Mark::Value(1));
    assert_eq!(own.mark("level-4/engineering-maturity/2"), Mark::Value(2));
}

fn failing_save(kind: io::ErrorKind) -> String {
    let (_dir, path, mut session) = session_with(&partly_rated());
    let before = std::fs::read(&path).expect("read");
    let mut changed = partly_rated();
    changed.person = "Changed".into();
    let err = session
        .file
        .overwrite(&changed, &mut |step| match step {
            SaveStep::Wrote(_) => Err(io::Error::from(kind)),
            _ => Ok(()),
        })
        .expect_err("the save fails");
    assert!(matches!(err, SaveError::Io { .. }));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file on disk is untouched"
    );
    err.to_string()
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    let message = failing_save(io::ErrorKind::StorageFull);
    assert!(message.contains("disk is full"), "{message}");
}

#[test]
fn a_read_only_folder_gives_a_clear_error_and_loses_nothing() {
    let message = failing_save(io::ErrorKind::PermissionDenied);
    assert!(message.contains("not writable"), "{message}");

    // A real read-only folder, where permissions apply (not to root).
    let (_dir, path, mut session) = session_with(&partly_rated());
    let folder = path.parent().expect("a folder").to_path_buf();
    let mut perms = std::fs::metadata(&folder).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&folder, perms.clone()).expect("chmod");
    let probe = std::fs::File::create(folder.join("probe"));
    if probe.is_err() {
        let err = session
            .file
            .save(&big_profile("x"))
            .expect_err("a read-only folder refuses the save");
        assert!(err.to_string().contains("not writable"), "{err}");
        assert_eq!(read(&path), partly_rated());
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&folder, perms).expect("chmod back");
}
