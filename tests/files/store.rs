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

/// Issue 19, item 6: the person and their manager save different
/// assessments of one file from two sessions: each save takes in the
/// other's, the app shows it and says whose it is, and nothing is lost.
#[test]
fn two_writers_of_different_assessments_each_keep_the_others_save() {
    use rungs::model::save_merge::Claim;
    use rungs::tui::app::Mode;
    use rungs::tui::session::Session;
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let (own_file, _) = open_own(&path, "Alex (rungs assess)");
    let (review_file, _) = open_as(&path, Claim::ReviewsBy("Sam Lee".into()), "Sam Lee");
    assert_eq!(review_file.read_only_reason(), None, "another assessment");
    let (mut own, mut review) = (Session::new(own_file), Session::new(review_file));
    let mut alex = app(partly_rated(), Mode::Assess, "Alex Doe");
    let mut sam = app(partly_rated(), Mode::Review, "Sam Lee");

    press(&mut alex, "jjj4"); // Infrastructure and Operations, 1: 4
    alex.on_saved(own.save(&alex.profile));
    press(&mut sam, "2"); // Engineering Maturity, 1: 2
    sam.on_saved(review.save(&sam.profile));
    let status = sam.status.clone().expect("a status").text;
    assert!(
        status.contains("with what Alex Doe saved meanwhile"),
        "{status}"
    );
    let alex_key = "level-4/infrastructure-and-operations/1";
    assert_eq!(
        sam.profile.current(Role::Own).map(|a| a.mark(alex_key)),
        Some(Mark::Value(4)),
        "Sam sees Alex's rating come in"
    );
    press(&mut alex, "3");
    alex.on_saved(own.save(&alex.profile));
    assert!(
        alex.status
            .as_ref()
            .is_some_and(|s| s.text.contains("with what Sam Lee saved meanwhile")),
        "{:?}",
        alex.status
    );
    let saved: Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid");
    assert_eq!(saved, alex.profile, "memory and file agree");
    let own_round = saved.current(Role::Own).expect("self");
    assert_eq!(own_round.mark(alex_key), Mark::Value(4));
    assert_eq!(
        own_round.mark("level-4/infrastructure-and-operations/2"),
        Mark::Value(3)
    );
    assert_eq!(
        saved
            .latest_by(Role::Manager, "Sam Lee")
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(2))
    );
}

/// A merged save can move this session's assessment in the file (another
/// writer removed an earlier round): undo still finds its rating.
#[test]
fn undo_after_a_merge_that_moved_the_assessment_undoes_the_right_rating() {
    use rungs::model::save_merge::Claim;
    use rungs::tui::app::Mode;
    use rungs::tui::session::Session;
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    let mut start = partly_rated();
    let kim = start.new_round(Role::Manager, "Kim Park", stamp());
    start.assessments[kim].edit(&k("level-4/automation/1"), |r| r.set_mark(Mark::Value(1)));
    let sam = start.new_round(Role::Manager, "Sam Lee", stamp());
    start.assessments[sam].edit(&k("level-4/automation/1"), |r| r.set_mark(Mark::Value(2)));
    std::fs::write(&path, toml::to_string(&start).expect("serialise")).expect("write");
    let (file, _) = open_as(&path, Claim::ReviewsBy("Sam Lee".into()), "Sam Lee");
    let mut session = Session::new(file);
    let mut app = app(start.clone(), Mode::Review, "Sam Lee");
    press(&mut app, "4");
    app.on_saved(session.save(&app.profile));

    // Someone removes Kim's old round (not Sam's to keep or lose).
    let mut theirs = start.clone();
    theirs.assessments.remove(kim);
    theirs.assessments[sam - 1] = app.profile.assessments[sam].clone();
    std::fs::write(&path, toml::to_string(&theirs).expect("serialise")).expect("write");
    // Another program's write, whatever the file system's clock resolution.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(later))
        .expect("set the time");

    press(&mut app, "3"); // the next statement
    app.on_saved(session.save(&app.profile));
    assert!(
        app.profile.latest_by(Role::Manager, "Kim Park").is_none(),
        "{:?}",
        app.status
    );
    press(&mut app, "uu");
    app.on_saved(session.save(&app.profile));
    let saved: Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid");
    let round = saved.latest_by(Role::Manager, "Sam Lee").expect("Sam's");
    assert_eq!(
        round.mark("level-4/engineering-maturity/1"),
        Mark::Unrated,
        "both undone, in the moved round"
    );
    assert_eq!(round.mark("level-4/automation/1"), Mark::Value(2));
    assert_eq!(saved.assessments.len(), 2);
}

/// Issue 18, item 17: a file with a second name (a hard link) is written by
/// no session under either name, and a link made after opening stops the
/// save too, so the two names never part into two files.
#[test]
fn a_hard_linked_profile_is_never_written() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let (mut open_before, _) = open_own(&path, "Alex");
    assert_eq!(open_before.read_only_reason(), None);
    let other = dir.path().join("bob.toml");
    std::fs::hard_link(&path, &other).expect("a hard link");
    let (linked, _) = open_own(&other, "Bob");
    let reason = linked.read_only_reason().expect("read-only").to_owned();
    assert!(reason.contains("2 names (hard links)"), "{reason}");
    let err = open_before
        .save(&changed(partly_rated(), 1))
        .expect_err("refused");
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("hard links"), "{err}");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        std::fs::metadata(&path).expect("meta").ino(),
        std::fs::metadata(&other).expect("meta").ino(),
        "still one file"
    );
}

/// Issue 18, item 9: something planted where the backup goes never fails
/// the save: it is said, once.
#[test]
fn a_backup_that_cannot_be_written_is_a_warning() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    std::fs::create_dir(dir.path().join("alex.toml.bak")).expect("a folder beside");
    let (mut file, _) = open_own(&path, "Alex");
    std::fs::create_dir_all(file.backup_path()).expect("a folder at the backup");
    let written = file
        .save(&changed(partly_rated(), 1))
        .expect("saved all the same");
    let warning = written.warning.expect("a warning");
    assert!(
        warning.starts_with("no backup kept: cannot write"),
        "{warning}"
    );
    let again = file.save(&changed(partly_rated(), 2)).expect("saved");
    assert_eq!(again.warning, None, "said once");
    let saved: Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid");
    assert_eq!(saved, changed(partly_rated(), 2));
}

/// `relink --write` rewrites every assessment: it waits for no session and
/// never runs while one has the profile open.
#[test]
fn the_whole_profile_is_not_taken_while_a_session_has_it_open() {
    use rungs::model::save_merge::Claim;
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let (session, _) = open_as(
        &path,
        Claim::ReviewsBy("Sam Lee".into()),
        "Sam Lee (rungs review)",
    );
    let (whole, _) = open_as(&path, Claim::Everything, "rungs relink --write");
    let reason = whole.read_only_reason().expect("refused").to_owned();
    assert!(reason.contains("open in rungs"), "{reason}");
    drop(whole);
    drop(session);
    let (whole, _) = open_as(&path, Claim::Everything, "rungs relink --write");
    assert_eq!(whole.read_only_reason(), None);
    let (late, _) = open_own(&path, "Alex");
    assert!(
        late.read_only_reason().is_some(),
        "no session while it rewrites"
    );
}

/// Another program writes the profile between rungs' rename and the moment
/// it records what it wrote: rungs must see that version as theirs (and ask
/// before its next save), never take it for its own.
#[test]
fn a_version_written_right_after_a_save_is_noticed_not_taken_for_ours() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("alex.toml");
    std::fs::write(&path, toml::to_string(&partly_rated()).expect("serialise")).expect("write");
    let (mut file, _) = open_own(&path, "test");
    let mut rival = partly_rated();
    rival.person = "Written Meanwhile".into();
    let rival_text = toml::to_string(&rival).expect("serialise");
    let rival_path = dir.path().join("rival.tmp");
    file.overwrite(&changed(partly_rated(), 4), &mut |step| {
        if step == rungs::store::save::SaveStep::Renamed {
            std::fs::write(&rival_path, &rival_text)?;
            std::fs::rename(&rival_path, &path)?;
        }
        Ok(())
    })
    .expect("the save itself went through");
    assert!(
        file.changed_on_disk(),
        "the version written after the rename is someone else's"
    );
}
