//! Two people on one profile at once, and what rungs leaves in a shared
//! folder (issue 19, items 6 and 7; issue 18, items 9, 12, 17 and 19): the
//! real binary in pseudo-terminals, the file and the folder read back.

use crate::pty_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pty_support::*;
use rungs::model::save_merge::Claim;
use rungs::model::{Mark, Profile, Role};

fn read_profile(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile is there");
    toml::from_str(&text).expect("the profile is whole, valid TOML")
}

fn write_profile(path: &Path, profile: &Profile) {
    std::fs::write(path, toml::to_string(profile).expect("serialise")).expect("write");
}

/// The mark of `key` in the latest round of `role` (by `who`, for a review).
fn mark(profile: &Profile, role: Role, who: Option<&str>, key: &str) -> Mark {
    profile
        .assessments
        .iter()
        .rev()
        .find(|a| a.role == role && who.is_none_or(|w| a.assessor == w))
        .map_or(Mark::Unrated, |a| a.mark(key))
}

/// The file's marks, or `None` while it cannot be read (never: saves are
/// atomic, so a reader sees the old file or the new one).
fn on_disk(path: &Path) -> Option<Profile> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}

/// A framework of one level with `n` statements in one area, so that each
/// of many saves rates a statement of its own.
fn framework_of(n: usize) -> String {
    let mut text = String::from(
        "format = 1\nid = \"hundred\"\nname = \"Hundred\"\n\n[[crafts]]\nid = \"eng\"\nname = \"Engineer\"\n\n\
         [[crafts.levels]]\nid = \"l1\"\nrank = 1\ntitle = \"Level 1\"\n\n\
         [[crafts.levels.areas]]\nid = \"all\"\nname = \"All\"\nstatements = [\n",
    );
    for i in 1..=n {
        text.push_str(&format!(
            "  {{ id = \"{i}\", text = \"I do thing number {i}.\" }},\n"
        ));
    }
    text.push_str("]\n");
    text
}

/// The embedded framework's profile of Alex, nothing rated yet.
/// Alex's profile, naming Sam Lee the direct manager (so a review by Sam
/// opens without asking).
fn alex() -> Profile {
    let mut alex = Profile::new("Alex Doe", "vaarst", "devops-engineer", "level-4");
    alex.manager = Some("Sam Lee".into());
    alex
}

fn rungs(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env("RUNGS_HOME", home)
        .env("NO_COLOR", "1")
        .current_dir(home)
        .output()
        .expect("rungs runs")
}

// --- 19.6: two people, one profile, at once --------------------------------

/// The engineer and the manager save different assessments of one file
/// alternately, 100 saves each, in two real processes: after every save
/// the file holds that change and the other side's last one, and at the end
/// all 200 ratings are there and the file validates.
#[test]
fn two_processes_saving_different_assessments_alternately_lose_nothing() {
    const SAVES: usize = 100;
    let home = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(home.path().join("frameworks")).expect("mkdir");
    std::fs::write(
        home.path().join("frameworks/hundred.toml"),
        framework_of(SAVES),
    )
    .expect("write");
    std::fs::create_dir(home.path().join("team")).expect("mkdir");
    let path = home.path().join("team/alex.toml");
    let mut alex = Profile::new("Alex Doe", "hundred", "eng", "l1");
    alex.manager = Some("Sam Lee".into());
    write_profile(&path, &alex);

    let mut engineer = Tui::start(home.path(), &["assess", "--profile", "team/alex.toml"]);
    engineer.wait_for("Rated   0/100");
    let mut manager = Tui::start(
        home.path(),
        &["review", "team/alex.toml", "--as", "Sam Lee"],
    );
    manager.wait_for("Rated   0/100");
    assert!(!engineer.contents().contains("READ-ONLY"));
    assert!(
        !manager.contents().contains("READ-ONLY"),
        "another assessment: both write"
    );

    let own = |i: usize| Mark::Value((i % 4) as u8 + 1);
    let review = |i: usize| Mark::Value(((i + 2) % 4) as u8 + 1);
    let key = |i: usize| format!("l1/all/{}", i + 1);
    for i in 0..SAVES {
        engineer.write(&digit(own(i)));
        engineer.wait_until(&format!("the engineer's save {i} on disk"), || {
            on_disk(&path).is_some_and(|p| {
                mark(&p, Role::Own, None, &key(i)) == own(i)
                    && (i == 0
                        || mark(&p, Role::Manager, Some("Sam Lee"), &key(i - 1)) == review(i - 1))
            })
        });
        manager.write(&digit(review(i)));
        manager.wait_until(&format!("the manager's save {i} on disk"), || {
            on_disk(&path).is_some_and(|p| {
                mark(&p, Role::Manager, Some("Sam Lee"), &key(i)) == review(i)
                    && mark(&p, Role::Own, None, &key(i)) == own(i)
            })
        });
    }
    // Each saw the other's ratings come in with their own saves.
    engineer.wait_for("with what Sam Lee saved meanwhile");
    manager.wait_for("with what Alex Doe saved meanwhile");
    engineer.keys(&["q"]);
    manager.keys(&["q"]);
    assert!(engineer.wait_exit().success());
    assert!(manager.wait_exit().success());

    let profile = read_profile(&path);
    for i in 0..SAVES {
        assert_eq!(
            mark(&profile, Role::Own, None, &key(i)),
            own(i),
            "{}",
            key(i)
        );
        assert_eq!(
            mark(&profile, Role::Manager, Some("Sam Lee"), &key(i)),
            review(i),
            "{}",
            key(i)
        );
    }
    assert_eq!(profile.assessments.len(), 2, "one round each");
    let validate = rungs(home.path(), &["validate", path.to_str().expect("utf-8")]);
    assert!(validate.status.success(), "{validate:?}");
}

fn digit(mark: Mark) -> String {
    match mark {
        Mark::Value(v) => v.to_string(),
        other => panic!("a value, not {other:?}"),
    }
}

/// Only the same assessment open twice is read-only: `review --as Sam Lee`
/// beside `assess` writes, a second `review --as Sam Lee` does not, says
/// who has it, and on leaving says nothing was saved, and why.
#[test]
fn the_same_review_twice_is_read_only_and_says_so_on_leaving() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &alex());
    let mut engineer = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    engineer.wait_for("Rated   0/15");
    let mut first = Tui::start(home.path(), &["review", "alex.toml", "--as", "Sam Lee"]);
    first.wait_for("Rated   0/15");
    assert!(
        !first.contents().contains("READ-ONLY"),
        "{}",
        first.contents()
    );
    let mut second = Tui::start(home.path(), &["review", "alex.toml", "--as", "Sam Lee"]);
    second.wait_for("READ-ONLY");
    second.wait_for("Sam Lee's review is open in another rungs");
    let before = std::fs::read(&path).expect("read");
    second.keys(&["4"]);
    second.wait_for("Read-only");
    second.keys(&["q"]);
    assert!(second.wait_exit().success());
    let said = second.contents();
    assert!(said.contains("Nothing to save:"), "{said}");
    assert!(said.contains("was read-only"), "{said}");
    assert!(!said.contains("Saved in"), "{said}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing written"
    );

    first.keys(&["3"]);
    first.wait_for("Saved");
    engineer.keys(&["2"]);
    engineer.wait_for("Saved");
    for tui in [&mut first, &mut engineer] {
        tui.keys(&["q"]);
        assert!(tui.wait_exit().success());
        assert!(tui.contents().contains("Saved in"), "{}", tui.contents());
    }
    let profile = read_profile(&path);
    let first_key = "level-4/engineering-maturity/1";
    assert_eq!(mark(&profile, Role::Own, None, first_key), Mark::Value(2));
    assert_eq!(
        mark(&profile, Role::Manager, Some("Sam Lee"), first_key),
        Mark::Value(3)
    );
}

// --- 19.7: no litter in a shared folder ------------------------------------

fn git(repo: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("xdg"))
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A whole assessment, a review and a second assessment in a folder under
/// git: afterwards `git status` lists the profile and nothing else (no lock,
/// no backup, no temporary file); the backup is in rungs' own folder.
#[test]
fn a_whole_assessment_and_a_review_leave_only_the_profile_in_git_status() {
    let home = tempfile::tempdir().expect("a temp dir");
    let repo = home.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    git(&repo, home.path(), &["init", "-q"]);
    git(&repo, home.path(), &["config", "user.name", "Alex Doe"]);
    git(
        &repo,
        home.path(),
        &["config", "user.email", "alex@example.com"],
    );

    let mut args = NEW_PROFILE.to_vec();
    args.extend(["--profile", "repo/alex.toml", "--manager", "Sam Lee"]);
    let mut tui = Tui::start(home.path(), &args);
    tui.wait_for("Rated   0/15");
    for n in 1..=15 {
        tui.write(&((n % 4) + 1).to_string());
        tui.wait_for(&format!("Rated  {n:>2}/15"));
    }
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(
        git(&repo, home.path(), &["status", "--porcelain"]),
        "?? alex.toml\n"
    );

    git(&repo, home.path(), &["add", "alex.toml"]);
    git(
        &repo,
        home.path(),
        &["commit", "-q", "-m", "Alex's self-assessment"],
    );
    let mut review = Tui::start(
        home.path(),
        &["review", "repo/alex.toml", "--as", "Sam Lee"],
    );
    review.wait_for("Rated   0/15");
    review.keys(&["g", "3", "2"]);
    review.wait_for("Rated   2/15");
    review.keys(&["q"]);
    assert!(review.wait_exit().success());
    let mut again = Tui::start(home.path(), &["assess", "--profile", "repo/alex.toml"]);
    again.wait_for("Rated  15/15");
    again.keys(&["x"]);
    again.wait_for("Rated  14/15");
    again.keys(&["q"]);
    assert!(again.wait_exit().success());

    assert_eq!(
        git(&repo, home.path(), &["status", "--porcelain", "--ignored"]),
        " M alex.toml\n",
        "the profile's own change, nothing else"
    );
    let backups: Vec<PathBuf> = std::fs::read_dir(home.path().join("backups"))
        .expect("rungs' backups folder")
        .flatten()
        .map(|f| f.path().join("backup.toml"))
        .filter(|b| b.exists())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let locks: Vec<_> = std::fs::read_dir(home.path().join("locks"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(locks.is_empty(), "no lock is left behind: {locks:?}");
}

// --- 18.17: a hard link to a profile -----------------------------------------

/// Both names of a hard-linked profile open read-only, saying why: a save
/// (a new file renamed over the name) would part them into two files.
#[test]
fn a_hard_linked_profile_is_read_only_under_both_names_and_stays_one_file() {
    use std::os::unix::fs::MetadataExt;
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &alex());
    let other = home.path().join("bob.toml");
    std::fs::hard_link(&path, &other).expect("a hard link");
    let before = std::fs::read(&path).expect("read");
    let mut first = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    first.wait_for("READ-ONLY");
    first.wait_for("hard links");
    let mut second = Tui::start(home.path(), &["assess", "--profile", "bob.toml"]);
    second.wait_for("READ-ONLY");
    for tui in [&mut first, &mut second] {
        tui.keys(&["4"]);
        tui.wait_for("Read-only");
        tui.keys(&["q"]);
        assert!(tui.wait_exit().success());
        let said = tui.contents();
        assert!(said.contains("Nothing to save:"), "{said}");
        assert!(said.contains("hard links"), "{said}");
    }
    assert_eq!(std::fs::read(&path).expect("read"), before);
    let (a, b) = (
        std::fs::metadata(&path).expect("meta"),
        std::fs::metadata(&other).expect("meta"),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "still one file");
}

// --- 18.12: a planted lock is named as the cause -----------------------------

/// A symbolic link planted at the lock of a session's assessment makes it
/// read-only, and the banner names that link, not the folder; a link
/// planted beside the profile, where older versions kept their lock, is
/// no lock at all and is left alone.
#[test]
fn a_planted_lock_link_is_named_as_the_cause() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &alex());
    let victim = home.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    std::os::unix::fs::symlink(&victim, home.path().join("alex.toml.lock")).expect("symlink");
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    tui.wait_for("Rated   0/15");
    assert!(!tui.contents().contains("READ-ONLY"), "{}", tui.contents());
    tui.keys(&["3"]);
    tui.wait_for("Saved");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let paths = rungs::store::Paths::in_home(home.path().to_path_buf());
    let key = rungs::store::locks::profile_key(&path).expect("a key");
    let lock = rungs::store::locks::claim_lock_path(&paths.locks, &key, &Claim::OwnRounds);
    std::fs::create_dir_all(&paths.locks).expect("mkdir");
    std::os::unix::fs::symlink(&victim, &lock).expect("symlink");
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    tui.wait_for("READ-ONLY");
    tui.wait_for("is a symbolic link");
    let banner = tui.contents();
    assert!(!banner.contains("folder"), "the real cause: {banner}");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious\n");
}

// --- 18.9: a backup that cannot be written ------------------------------------

/// Folders planted where the backup goes (in rungs' folder, and beside the
/// profile where older versions kept it) never fail the save: it is saved,
/// and the footer warns that no backup was kept.
#[test]
fn a_backup_that_cannot_be_written_is_a_warning_not_a_failed_save() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &alex());
    let paths = rungs::store::Paths::in_home(home.path().to_path_buf());
    let backup =
        rungs::store::backups::backup_path(&rungs::store::backups::folder(&paths.backups, &path));
    std::fs::create_dir_all(backup.join("planted")).expect("a folder at the backup's place");
    std::fs::create_dir(home.path().join("alex.toml.bak")).expect("and beside");
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    tui.wait_for("Rated   0/15");
    tui.keys(&["3"]);
    tui.wait_for("no backup kept");
    assert!(tui.contents().contains("Saved"), "{}", tui.contents());
    assert!(!tui.contents().contains("NOT SAVED"), "{}", tui.contents());
    tui.keys(&["2"]);
    tui.wait_for("Rated   2/15");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert!(tui.contents().contains("Saved in"), "{}", tui.contents());
    let profile = read_profile(&path);
    assert_eq!(
        mark(&profile, Role::Own, None, "level-4/engineering-maturity/2"),
        Mark::Value(2)
    );
}

// --- 18.18 and 18.19 in the calibration grid ---------------------------------

/// A symbolic link committed to the team folder that leads out of it (to
/// the lead's own profile) is not a team member in the grid; and a review
/// from the grid that was read-only says so when it ends.
#[test]
fn the_grid_skips_a_link_out_of_its_folder_and_a_read_only_review_says_nothing_was_saved() {
    let home = tempfile::tempdir().expect("a temp dir");
    let team = home.path().join("team");
    let private = home.path().join("private");
    std::fs::create_dir(&team).expect("mkdir");
    std::fs::create_dir(&private).expect("mkdir");
    let mut alex = alex();
    let started = "2026-11-26T09:00:00Z".parse().expect("a datetime");
    let own = alex.new_round(Role::Own, "Alex Doe", started);
    let key = rungs::model::StatementKey::parse("level-4/engineering-maturity/1").expect("a key");
    alex.assessments[own].edit(&key, |r| r.set_mark(Mark::Value(3)));
    write_profile(&team.join("alex.toml"), &alex);
    let mut lead = alex.clone();
    lead.person = "Lee Private".into();
    let lead_path = private.join("lead.toml");
    write_profile(&lead_path, &lead);
    let lead_before = std::fs::read(&lead_path).expect("read");
    std::os::unix::fs::symlink(&lead_path, team.join("lead.toml")).expect("symlink");

    // Sam has Alex's review open elsewhere.
    let mut elsewhere = Tui::start(
        home.path(),
        &["review", "team/alex.toml", "--as", "Sam Lee"],
    );
    elsewhere.wait_for("Rated   0/15");
    let mut grid = Tui::start(home.path(), &["team", "team", "--tui", "--as", "Sam Lee"]);
    grid.wait_for("Alex Doe");
    assert!(
        !grid.contents().contains("Lee Private"),
        "{}",
        grid.contents()
    );
    grid.keys(&[ENTER]);
    grid.wait_for("READ-ONLY");
    grid.keys(&["q"]);
    grid.wait_for("Nothing to save");
    grid.keys(&["q"]);
    assert!(grid.wait_exit().success());
    elsewhere.keys(&["q"]);
    assert!(elsewhere.wait_exit().success());
    assert_eq!(std::fs::read(&lead_path).expect("read"), lead_before);
}
