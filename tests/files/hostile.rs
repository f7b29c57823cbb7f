//! The adversarial corpus in `tests/hostile/`, each file run through the
//! real binary with the behaviour it must get: a clear error naming
//! file:line:column with exit code 2 and the file untouched, or success with
//! the content shown safely.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

fn rungs(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rungs").expect("the binary");
    cmd.env("RUNGS_HOME", home).env_remove("NO_COLOR");
    cmd
}

/// Control characters that must never reach a terminal or an export.
fn assert_safe(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && rungs::model::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "unsafe characters {bad:?} in:\n{text}");
}

/// `validate` refuses the file with exit 2, a message naming `file:line:col`
/// and containing `says`, and leaves the file as it was.
fn refused(path: &Path, at: &str, says: &str) {
    let home = tempfile::tempdir().expect("a temp dir");
    let before = std::fs::read(path).expect("read");
    let out = rungs(home.path())
        .arg("validate")
        .arg(path)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    assert!(
        stderr.contains(&format!("{name}:{at}")),
        "{} names {at}: {stderr}",
        path.display()
    );
    assert!(stderr.contains(says), "{}: {stderr}", path.display());
    assert_safe(&stderr);
    assert_eq!(
        std::fs::read(path).expect("read"),
        before,
        "the file is untouched"
    );
}

/// `validate` accepts the profile and `export` shows it safely in every format.
fn accepted(path: &Path) -> String {
    let home = tempfile::tempdir().expect("a temp dir");
    let before = std::fs::read(path).expect("read");
    rungs(home.path())
        .arg("validate")
        .arg(path)
        .assert()
        .success();
    let mut markdown = String::new();
    for format in ["markdown", "json", "csv"] {
        let out = rungs(home.path())
            .args(["export", "--format", format, "--profile"])
            .arg(path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        assert_safe(&text);
        if format == "markdown" {
            markdown = text;
        }
    }
    assert_eq!(
        std::fs::read(path).expect("read"),
        before,
        "reading never writes"
    );
    markdown
}

#[test]
fn an_empty_file() {
    refused(&hostile("empty.toml"), "1:1", "empty");
}

#[test]
fn binary_garbage() {
    refused(&hostile("garbage.bin"), "1:1", "not valid UTF-8");
}

#[test]
fn invalid_utf8_names_the_place() {
    refused(&hostile("invalid-utf8.toml"), "2:13", "not valid UTF-8");
}

#[test]
fn a_byte_order_mark_is_fine() {
    accepted(&hostile("bom.toml"));
}

#[test]
fn crlf_line_endings_are_fine() {
    let markdown = accepted(&hostile("crlf.toml"));
    assert!(markdown.contains("line one<br>line two"), "{markdown}");
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    refused(&hostile("deep-nesting.toml"), "2:", "recursion");
}

#[test]
fn duplicate_keys() {
    refused(&hostile("duplicate-keys.toml"), "6:1", "duplicate key");
}

#[test]
fn an_orphaned_rating_is_kept_and_shown() {
    let home = tempfile::tempdir().expect("a temp dir");
    let out = rungs(home.path())
        .arg("validate")
        .arg(hostile("orphan.toml"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("level-3/retired-area/7") && all.contains("orphan"),
        "{all}"
    );
    let markdown = accepted(&hostile("orphan.toml"));
    assert!(markdown.contains("level-3/retired-area/7"), "{markdown}");
    assert!(markdown.contains("From the old framework"), "{markdown}");
}

#[test]
fn the_same_statement_rated_twice() {
    refused(&hostile("rated-twice.toml"), "18:13", "rated twice");
}

#[test]
fn a_value_off_the_scale() {
    refused(&hostile("off-scale.toml"), "15:9", "not on the scale");
}

#[test]
fn a_future_format() {
    refused(&hostile("format-2.toml"), "1:10", "made by a newer rungs");
}

#[test]
fn escape_sequences_in_a_note_are_shown_not_run() {
    let markdown = accepted(&hostile("escapes-in-note.toml"));
    assert!(
        markdown.contains("␛\\[2J"),
        "visible, escaped placeholder: {markdown}"
    );
    assert!(
        markdown.contains("\\| cell"),
        "the pipe cannot break the table: {markdown}"
    );
}

#[test]
fn a_name_of_ten_thousand_characters() {
    let markdown = accepted(&hostile("long-name.toml"));
    assert!(markdown.contains(&"N".repeat(10_000)));
}

#[test]
fn a_fifty_megabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("huge.toml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("a sparse 50 MB file");
    refused(&path, "1:1", "larger than 32 MiB");
}

#[test]
fn a_hundred_thousand_ratings() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("many.toml");
    let keys: Vec<String> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/vaarst.toml"),
    )
    .expect("the framework")
    .parse::<toml::Table>()
    .expect("TOML")["crafts"][0]["levels"][0]["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|a| {
            let area = a["id"].as_str().expect("id").to_owned();
            a["statements"]
                .as_array()
                .expect("statements")
                .iter()
                .map(move |s| format!("level-4/{area}/{}", s["id"].as_str().expect("id")))
        })
        .collect();
    let mut text = String::from(
        "format = 1\nperson = \"Bulk\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n",
    );
    let mut count = 0;
    while count < 100_000 {
        text.push_str("\n[[assessments]]\nrole = \"self\"\nassessor = \"Bulk\"\nstarted = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n");
        for (i, key) in keys.iter().enumerate() {
            text.push_str(&format!(
                "[[assessments.ratings]]\nstatement = \"{key}\"\nvalue = {}\n",
                1 + i % 4
            ));
            count += 1;
        }
    }
    std::fs::write(&path, text).expect("write");
    accepted(&path);
}

#[test]
fn a_framework_with_five_thousand_long_statements() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("wide.toml");
    let mut text = String::from(
        "format = 1\nid = \"wide\"\nname = \"Wide\"\n[[crafts]]\nid = \"c\"\nname = \"C\"\n[[crafts.levels]]\nid = \"l\"\nrank = 1\ntitle = \"L\"\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [\n",
    );
    let sentence = "I do the thing well, with care and evidence; ".repeat(45);
    for n in 1..=5000 {
        text.push_str(&format!(
            "  {{ id = \"{n}\", text = \"{} {n}\" }},\n",
            &sentence[..1990]
        ));
    }
    text.push_str("]\n");
    std::fs::write(&path, &text).expect("write");
    let home = tempfile::tempdir().expect("a temp dir");
    rungs(home.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
    let out = rungs(home.path())
        .arg("show")
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("5000"));
    rungs_devtools::fuzzing::check_framework(text.as_bytes());
}

// ---------------------------------------------------------------------------
// Untrusted files (issue 9): files and file names written by other people,
// as a team lead or a framework maintainer meets them in a shared repository.

use crate::timeout::timeout;

fn untrusted(name: &str) -> PathBuf {
    hostile("untrusted").join(name)
}

/// Runs the binary with the tests' one time limit (a FIFO must never make
/// it wait).
fn run<I, S>(home: &Path, args: I) -> (Option<i32>, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = rungs(home)
        .args(args)
        .timeout(timeout())
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No byte 0x00–0x1F but `\n` and `\t`, no DEL, no C1, no bidi control and
/// no invisible format character.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && rungs::model::text::is_unsafe(c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: unsafe characters {bad:?} in:\n{text}"
    );
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// A home with the inject framework installed.
fn home_with_inject() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(home.path().join("frameworks")).expect("mkdir");
    std::fs::copy(
        untrusted("inject-framework.toml"),
        home.path().join("frameworks/inject.toml"),
    )
    .expect("copy");
    home
}

fn inject_profile(dir: &Path, file: &str, person: &str, value: u8) -> PathBuf {
    let path = dir.join(file);
    let person = toml::Value::String(person.to_owned()).to_string();
    std::fs::write(
        &path,
        format!(
            "format = 1\nperson = {person}\nframework = \"inject\"\ncraft = \"c\"\nlevel = \"l\"\n\n\
             [[assessments]]\nrole = \"self\"\nassessor = {person}\n\
             started = 2026-01-01T00:00:00Z\nupdated = 2026-01-02T00:00:00Z\n\n\
             [[assessments.ratings]]\nstatement = \"l/a/1\"\nvalue = {value}\nnote = \"=1+1 https://evil.example\"\n\n\
             [[assessments.ratings]]\nstatement = \"l/a/2\"\nvalue = 1\n\n\
             [[assessments.ratings]]\nstatement = \"l/b/1\"\nvalue = 1\n"
        ),
    )
    .expect("write");
    path
}

/// Item 1: a lock file planted as a symbolic link, a hard link, or a
/// foreign file is never written through or cut. Locks live in rungs' own
/// folder now, which `RUNGS_HOME` can put on a shared disk, so the same
/// rules hold there; a planted `NAME.lock` beside the profile (where older
/// versions kept it) is ignored and left alone.
#[test]
fn a_planted_lock_never_writes_another_file() {
    use crate::tui_support::{home_beside, open_as};
    use rungs::model::save_merge::Claim;
    let dir = tempfile::tempdir().expect("a temp dir");
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    let profile = repo.join("alex.toml");
    std::fs::copy(hostile("orphan.toml"), &profile).expect("copy");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    let sam = || Claim::ReviewsBy("Sam".into());
    let locks = home_beside(&profile).locks;
    std::fs::create_dir_all(&locks).expect("mkdir");
    let key = rungs::store::locks::profile_key(&profile).expect("a key");
    let lock = rungs::store::locks::claim_lock_path(&locks, &key, &sam());

    // A symbolic link to the victim, and one to a file not there yet.
    for target in [victim.clone(), dir.path().join("not-yet.txt")] {
        let _ = std::fs::remove_file(&lock);
        std::os::unix::fs::symlink(&target, &lock).expect("symlink");
        let (mut file, text) = open_as(&profile, sam(), "Sam (rungs review)");
        assert!(text.is_some());
        let reason = file.read_only_reason().expect("read-only").to_owned();
        assert!(reason.contains("is a symbolic link"), "{reason}");
        assert!(!reason.contains("folder"), "the real cause: {reason}");
        let profile_data = rungs::store::read::parse_profile(&profile, &text.unwrap_or_default())
            .expect("a profile");
        assert!(matches!(
            file.save(&profile_data),
            Err(rungs::store::SaveError::ReadOnly { .. })
        ));
        drop(file);
        assert_eq!(std::fs::read(&victim).expect("read"), b"precious\n");
        assert!(
            !dir.path().join("not-yet.txt").exists(),
            "nothing created through the link"
        );
    }

    // A hard link to the victim.
    std::fs::remove_file(&lock).expect("rm");
    std::fs::hard_link(&victim, &lock).expect("hard link");
    let (file, _) = open_as(&profile, sam(), "Sam");
    assert!(
        file.read_only_reason()
            .expect("read-only")
            .contains("hard link")
    );
    drop(file);
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious\n");

    // A regular file that is no rungs lock: locked, never cut nor removed.
    std::fs::remove_file(&lock).expect("rm");
    std::fs::write(&lock, "someone's data\nline two\n").expect("write");
    let (file, _) = open_as(&profile, sam(), "Sam");
    assert_eq!(file.read_only_reason(), None, "the session may write");
    drop(file);
    assert_eq!(
        std::fs::read(&lock).expect("still there"),
        b"someone's data\nline two\n"
    );

    // Rungs' own lock is rewritten with the new holder, made safe, and
    // removed when the session ends.
    std::fs::write(&lock, "Alex (process 12)\n").expect("write");
    let (file, _) = open_as(&profile, sam(), "Sam\u{1b}[2J");
    let holder = std::fs::read_to_string(&lock).expect("read");
    assert!(holder.starts_with("Sam␛[2J (process "), "{holder}");
    drop(file);
    assert!(!lock.exists(), "no lock is left behind");

    // A link planted where older versions kept the lock changes nothing.
    let beside = repo.join("alex.toml.lock");
    std::os::unix::fs::symlink(&victim, &beside).expect("symlink");
    let (mut file, text) = open_as(&profile, sam(), "Sam");
    assert_eq!(file.read_only_reason(), None);
    let data =
        rungs::store::read::parse_profile(&profile, &text.unwrap_or_default()).expect("a profile");
    file.save(&data).expect("saved");
    drop(file);
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious\n");
    assert!(
        std::fs::symlink_metadata(&beside)
            .expect("left alone")
            .file_type()
            .is_symlink()
    );
}

/// Item 1: a path that holds no profile is refused before anything is
/// created beside it (`--profile /dev/zero` made `/dev/zero.lock`).
#[test]
fn nothing_is_created_beside_a_path_that_holds_no_profile() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = tempfile::tempdir().expect("a temp dir");
    let fifo = dir.path().join("pipe.toml");
    mkfifo(&fifo);
    let keys = dir.path().join("authorized_keys");
    std::fs::write(&keys, "ssh-ed25519 AAAAC3Nza me@host\n").expect("write");
    let folder = dir.path().join("folder.toml");
    std::fs::create_dir(&folder).expect("mkdir");
    for path in [&fifo, &keys, &folder] {
        let before = std::fs::symlink_metadata(path).expect("there").len();
        let (code, _, stderr) = run(
            home.path(),
            ["assess".as_ref(), "--profile".as_ref(), path.as_os_str()],
        );
        assert_eq!(code, Some(2), "{}: {stderr}", path.display());
        assert_eq!(
            std::fs::symlink_metadata(path).expect("there").len(),
            before
        );
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["authorized_keys", "folder.toml", "pipe.toml"],
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read(&keys).expect("read"),
        b"ssh-ed25519 AAAAC3Nza me@host\n"
    );
}

/// Item 2: every command, given hostile file names and hostile field
/// values, keeps raw escapes, bidi and invisible characters off the
/// terminal, and a line break in a name cannot forge a line of output.
#[test]
fn every_command_keeps_file_text_and_names_off_the_terminal_raw() {
    let home = tempfile::tempdir().expect("a temp dir");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    let evil = "evil\u{1b}]2;pwned\u{7}\u{202e}\u{200b}\nok  forged";
    let dir = tempfile::tempdir().expect("a temp dir");
    let copy = |fixture: &str, name: String| {
        let path = dir.path().join(name);
        std::fs::copy(untrusted(fixture), &path).expect("copy");
        path
    };
    let fields = copy("fields.toml", format!("{evil}.toml"));
    let unknown = copy("unknown-framework.toml", format!("{evil}-unknown.toml"));
    let role = copy("bad-role.toml", format!("{evil}-role.toml"));
    let statement = copy("bad-statement.toml", format!("{evil}-statement.toml"));
    let bad_key = copy("bad-key-framework.toml", format!("{evil}-key.toml"));
    let missing = dir.path().join(format!("{evil}-missing.toml"));
    std::fs::copy(
        untrusted("bad-key-framework.toml"),
        frameworks.join(format!("{evil}.toml")),
    )
    .expect("copy");
    let page = dir.path().join(format!("{evil}.md"));
    std::fs::write(&page, "no table here \u{1b}[2J\n").expect("write");
    let out_file = dir.path().join(format!("{evil}-out.md"));

    let d = |p: &Path| p.as_os_str().to_owned();
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["validate".into(), d(&fields)],
        vec![
            "validate".into(),
            d(&fields),
            d(&unknown),
            d(&role),
            d(&bad_key),
            d(&missing),
        ],
        vec![
            "validate".into(),
            "--all".into(),
            d(&fields),
            d(&unknown),
            d(&role),
            d(&statement),
        ],
        vec!["team".into(), d(&statement)],
        vec!["export".into(), "--profile".into(), d(&statement)],
        vec![
            "team".into(),
            d(&fields),
            d(&unknown),
            d(&role),
            d(&missing),
        ],
        vec![
            "team".into(),
            "--format".into(),
            "csv".into(),
            d(&fields),
            d(&unknown),
        ],
        vec!["team".into(), d(dir.path())],
        vec!["export".into(), "--profile".into(), d(&fields)],
        vec![
            "export".into(),
            "--format".into(),
            "json".into(),
            "--profile".into(),
            d(&fields),
        ],
        vec![
            "export".into(),
            "--format".into(),
            "csv".into(),
            "--profile".into(),
            d(&fields),
        ],
        vec![
            "export".into(),
            "--profile".into(),
            d(&fields),
            "-o".into(),
            d(&out_file),
        ],
        vec!["export".into(), "--profile".into(), d(&unknown)],
        vec!["export".into(), "--profile".into(), d(&role)],
        vec!["export".into(), "--profile".into(), d(&missing)],
        vec!["show".into(), d(&bad_key)],
        vec![
            "show".into(),
            "vaarst".into(),
            "--craft".into(),
            evil.into(),
        ],
        vec!["show".into(), evil.into()],
        vec!["frameworks".into()],
        vec!["assess".into(), "--profile".into(), d(&unknown)],
        vec!["assess".into(), "--profile".into(), d(&role)],
        vec![
            "assess".into(),
            "--framework".into(),
            evil.into(),
            "--profile".into(),
            d(&missing),
        ],
        vec!["review".into(), d(&missing), "--as".into(), "Sam".into()],
        vec!["review".into(), d(&unknown), "--as".into(), "Sam".into()],
        vec!["import".into(), d(&page)],
        vec!["import".into(), d(&missing)],
        vec![
            "evidence".into(),
            "list".into(),
            "--profile".into(),
            d(&fields),
        ],
        vec![
            "evidence".into(),
            "list".into(),
            "--format".into(),
            "json".into(),
            "--profile".into(),
            d(&fields),
        ],
        vec![
            "evidence".into(),
            "add".into(),
            "--profile".into(),
            d(&fields),
            "--statement".into(),
            evil.into(),
            evil.into(),
        ],
        vec![
            "evidence".into(),
            "link".into(),
            "--profile".into(),
            d(&fields),
            evil.into(),
            "--statement".into(),
            "level-4/automation/3".into(),
        ],
        vec!["show-profile".into(), d(&fields)],
        vec![
            "validate".into(),
            "--evidence".into(),
            "--repo".into(),
            d(dir.path()),
            d(&fields),
        ],
    ];
    for args in &runs {
        let (code, stdout, stderr) = run(home.path(), args);
        let what = format!("rungs {args:?} (exit {code:?})");
        assert_clean(&what, &stdout);
        assert_clean(&what, &stderr);
        for line in stdout.lines().chain(stderr.lines()) {
            assert!(
                !line.starts_with("ok  forged"),
                "{what}: a forged line:\n{stdout}{stderr}"
            );
        }
        assert_ne!(code, Some(101), "{what}: a panic\n{stderr}");
    }
    let written = std::fs::read_to_string(&out_file).expect("exported");
    assert_clean("the exported file", &written);
    // The messages still say what is wrong and where.
    let (code, _, stderr) = run(home.path(), ["validate".as_ref(), role.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("evil␛]2;pwned␇") && stderr.contains("ok  forged-role.toml:8:8"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown variant `␛]2;pwned␇`"), "{stderr}");
}

/// Issue 21: evidence text, links and commit and repository names from a
/// file stay inert in every format: no script, tag or link of theirs in
/// HTML but an `http`/`https` address, none in markdown, nothing raw on
/// the terminal, and a JSON item holds the cleaned text.
#[test]
fn hostile_evidence_stays_inert_in_every_format() {
    let home = tempfile::tempdir().expect("a temp dir");
    let fields = untrusted("fields.toml");
    let markdown = accepted(&fields);
    assert!(markdown.contains("Evidence:"), "{markdown}");
    assert_eq!(markdown.matches("2026-10-04 — ").count(), 3, "{markdown}");
    assert_inert_markdown("evidence in markdown", &markdown);
    let (code, html, stderr) = run(
        home.path(),
        [
            "export".as_ref(),
            "--format".as_ref(),
            "html".as_ref(),
            "--profile".as_ref(),
            fields.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_clean("html", &html);
    for never in [
        "<script",
        "<img",
        "<b>",
        "href=\"javascript",
        "href=\"\u{1b}",
    ] {
        assert!(!html.contains(never), "{never} in\n{html}");
    }
    // Only the web addresses are links, their quotes escaped.
    let hrefs: Vec<&str> = html
        .split("<a href=\"")
        .skip(1)
        .map(|a| a.split('"').next().unwrap_or(""))
        .collect();
    for href in &hrefs {
        assert!(
            href.starts_with("https://evil.example/") || href.starts_with("HTTPS://evil.example/"),
            "{href}"
        );
    }
    assert_eq!(
        hrefs.len(),
        6,
        "two web links under each of three statements: {hrefs:?}"
    );
    assert!(
        html.contains("https://evil.example/&quot;&gt;&lt;script&gt;"),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="link">javascript:alert(1)</span>"#),
        "{html}"
    );
    let (code, json, stderr) = run(
        home.path(),
        [
            "export".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            "--profile".as_ref(),
            fields.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let item = &report["areas"][2]["statements"][0]["evidence"][0];
    let text = item["text"].as_str().expect("a text");
    // Kept over its lines, as a note is (JSON escapes the line break).
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
        "{text:?}"
    );
    assert!(text.starts_with("<script>alert(1)</script>"), "{text}");
    assert_eq!(item["links"][0], "javascript:alert(1)");
    let (code, lines, stderr) = run(home.path(), ["show-profile".as_ref(), fields.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_clean("show-profile", &lines);
    assert_eq!(
        lines
            .lines()
            .filter(|l| l.starts_with("evidence · "))
            .count(),
        1,
        "{lines}"
    );
    assert!(
        lines.contains("repository · ␛]2;r␇<b> · path /tmp/␛[2J<img src=x>"),
        "{lines}"
    );
}

/// Item 3: invisible characters are shown as a visible mark, and two names
/// that differ only by them are one person in the team overview: both files
/// are shown, each marked, never one chosen silently (issue 18, item 5).
#[test]
fn names_that_differ_only_by_invisible_characters_are_one_person() {
    let home = home_with_inject();
    let dir = tempfile::tempdir().expect("a temp dir");
    inject_profile(dir.path(), "a.toml", "Sam", 1);
    inject_profile(dir.path(), "b.toml", "S\u{200b}am\u{2060}", 1);
    inject_profile(dir.path(), "c.toml", "Alex", 4);
    let (code, stdout, stderr) = run(home.path(), ["team".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_clean("team", &stdout);
    assert!(
        stderr.contains("are one person by name: every profile is shown, marked ⚠"),
        "{stderr}"
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("| Sam ⚠ |"))
            .count(),
        1,
        "{stdout}"
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("| S\u{FFFD}am\u{FFFD} ⚠ |"))
            .count(),
        1,
        "the look-alike is shown as what it is, marked:\n{stdout}"
    );
    assert!(
        stdout.contains("2 profiles of 1 person") || stdout.contains("3 profiles of 2 people"),
        "{stdout}"
    );
    let (_, stdout, _) = run(
        home.path(),
        [
            "team".as_ref(),
            "--min-raters".as_ref(),
            "2".as_ref(),
            dir.path().as_os_str(),
        ],
    );
    assert!(
        stdout.contains("| 2 of 2 | Alex, Sam |") || stdout.contains("| 1 of 2 | Sam |"),
        "one person in the growth list:\n{stdout}"
    );
    let exported = accepted(&untrusted("fields.toml"));
    assert!(
        exported.contains("Sam\u{FFFD}\u{FFFD}"),
        "visible marks:\n{exported}"
    );
}

/// The records of a CSV text.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

/// A spreadsheet would run the cell: after what it skips, a formula lead.
fn is_formula(cell: &str) -> bool {
    cell.trim_start_matches(|c: char| {
        c.is_whitespace()
            || c.is_control()
            || rungs::model::text::is_invisible(c)
            || c == '\u{FFFD}'
    })
    .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// Item 4: every cell of every CSV rungs writes, header included, is
/// defused, whatever blank or invisible character leads it.
#[test]
fn every_csv_cell_is_defused() {
    let home = home_with_inject();
    let dir = tempfile::tempdir().expect("a temp dir");
    for (i, person) in [
        "\t=1+1",
        "＝1+1",
        "\u{a0}=1",
        "\u{3000}=1",
        "\u{200b}=1",
        "+1",
        "@x",
        "-1",
    ]
    .iter()
    .enumerate()
    {
        inject_profile(dir.path(), &format!("p{i}.toml"), person, 1);
    }
    let (code, team, stderr) = run(
        home.path(),
        [
            "team".as_ref(),
            "--format".as_ref(),
            "csv".as_ref(),
            dir.path().as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let profile = dir.path().join("p0.toml");
    let (code, export, stderr) = run(
        home.path(),
        [
            "export".as_ref(),
            "--format".as_ref(),
            "csv".as_ref(),
            "--profile".as_ref(),
            profile.as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    for (what, text) in [("team", &team), ("export", &export)] {
        assert_clean(what, text);
        let rows = csv_cells(text);
        assert!(rows.len() > 2, "{what}: {text}");
        for cell in rows.iter().flatten() {
            assert!(
                !is_formula(cell) || cell.starts_with('\''),
                "{what}: {cell:?} in\n{text}"
            );
        }
    }
    // The framework's names, in every row (areas are columns by id).
    let row = &csv_cells(&team)[1];
    assert!(
        row.contains(&"'=HYPERLINK(\"http://evil.example\")".to_owned()),
        "{row:?}"
    );
    assert!(row.iter().any(|c| c.starts_with("'+cmd")), "{row:?}");
}

/// Every HTML tag a GFM renderer makes of `markdown`, with autolinks and tables on.
fn rendered_tags(markdown: &str) -> (String, Vec<String>) {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.parse.relaxed_autolinks = true;
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(markdown, &options);
    let tags = html
        .split('<')
        .skip(1)
        .map(|t| {
            t.split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_start_matches('/')
                .to_owned()
        })
        .collect();
    (html, tags)
}

/// No text from a file became a link, an image or HTML, and every table row
/// has as many cells as its header.
fn assert_inert_markdown(what: &str, markdown: &str) {
    // The one comment rungs writes itself, as the export's last line.
    let markdown = match markdown.strip_suffix(&format!("{}\n", rungs::export::MARKDOWN_MARK)) {
        Some(body) => body.to_owned(),
        None => markdown.to_owned(),
    };
    assert!(
        !markdown.contains(rungs::export::MARKDOWN_MARK),
        "{what}: the mark comes last, once"
    );
    let (html, tags) = rendered_tags(&markdown);
    let allowed = [
        "h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code",
        "strong", "br",
    ];
    for tag in &tags {
        assert!(
            allowed.contains(&tag.as_str()),
            "{what}: <{tag}> in\n{html}"
        );
    }
    for table in html.split("<table>").skip(1) {
        let table = table.split("</table>").next().unwrap_or("");
        let cells = |row: &str| {
            row.matches("<th>").count() + row.matches("<th ").count() + row.matches("<td").count()
        };
        let header = cells(table.split("</tr>").next().unwrap_or(""));
        for row in table.split("<tr>").skip(2) {
            assert_eq!(cells(row), header, "{what}: a row lost its shape:\n{row}");
        }
    }
}

/// Item 5: links, autolinks, images and HTML in names, notes and statements
/// stay text in a real GFM renderer (comrak, autolink and table extensions).
#[test]
fn markdown_exports_hold_no_link_image_or_html_from_file_text() {
    let markdown = accepted(&untrusted("fields.toml"));
    assert_inert_markdown("export", &markdown);
    assert!(
        markdown.contains("`https://evil.example/login`"),
        "{markdown}"
    );

    let home = home_with_inject();
    let dir = tempfile::tempdir().expect("a temp dir");
    let profile = inject_profile(dir.path(), "p.toml", "www.evil.example x@evil.example", 1);
    inject_profile(
        dir.path(),
        "q.toml",
        "<img src=x> https://evil.example |",
        2,
    );
    let (code, export, stderr) = run(
        home.path(),
        ["export".as_ref(), "--profile".as_ref(), profile.as_os_str()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_inert_markdown("export of the inject framework", &export);
    let (code, team, stderr) = run(
        home.path(),
        [
            "team".as_ref(),
            "--min-raters".as_ref(),
            "1".as_ref(),
            dir.path().as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_inert_markdown("team", &team);
    assert!(
        team.contains("Shared growth areas") && team.contains("see `https"),
        "{team}"
    );
    // The calibration grid names every statement, and is as inert.
    let (code, grid, stderr) = run(
        home.path(),
        [
            "team".as_ref(),
            "--by".as_ref(),
            "statement".as_ref(),
            dir.path().as_os_str(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_inert_markdown("team --by statement", &grid);
    assert!(grid.contains("see `https"), "{grid}");
}

/// Issue 23, item 11: markdown escapes only what a renderer would act on,
/// so text reads as written in a plain-text viewer and renders as written.
#[test]
fn markdown_leaves_what_it_need_not_escape_as_written() {
    use rungs::export::markdown::escape;
    for plain in [
        "Level 4 (Mid)",
        "PR #311 (merged) fixed the C# client's snake_case_name",
        "R&D: 3 < 4 > 2, 2 * 3 = 6, wow!",
    ] {
        assert_eq!(escape(plain), plain, "written as it is");
        let (html, _) = rendered_tags(&format!("| a |\n| --- |\n| {} |\n", escape(plain)));
        let shown = plain
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&format!("<td>{shown}</td>")), "{html}");
    }
    // And what a renderer would act on is still escaped, and shows as typed.
    for (text, shown) in [
        ("*bold* _it_ ~no~", "*bold* _it_ ~no~"),
        ("[a](b) ![i](x) <b>", "[a](b) ![i](x) &lt;b&gt;"),
        ("&amp; &#58; `tick`", "&amp;amp; &amp;#58; `tick`"),
        ("closing #", "closing #"),
    ] {
        let (html, tags) = rendered_tags(&format!("# {}\n", escape(text)));
        assert_eq!(tags, ["h1", "h1"], "{text}: {html}");
        assert!(
            html.contains(&format!("<h1>{shown}</h1>")),
            "{text}: {html}"
        );
    }
}

/// Item 6: a FIFO, a folder or a symbolic link loop where a file is
/// expected is refused at once with exit code 2; a FIFO among the user
/// frameworks is reported and skipped, never waited on.
#[test]
fn non_regular_files_are_refused_not_waited_on() {
    let home = tempfile::tempdir().expect("a temp dir");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    mkfifo(&frameworks.join("pipe.toml"));
    let dir = tempfile::tempdir().expect("a temp dir");
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let folder = dir.path().join("folder.toml");
    std::fs::create_dir(&folder).expect("mkdir");
    let looped = dir.path().join("loop.toml");
    std::os::unix::fs::symlink("loop.toml", &looped).expect("symlink");
    for (path, says) in [
        (&fifo, "named pipe"),
        (&folder, "a folder"),
        (&looped, "loop of symbolic links"),
    ] {
        let p = path.as_os_str();
        for args in [
            vec!["validate".as_ref(), p],
            vec!["export".as_ref(), "--profile".as_ref(), p],
            vec!["show".as_ref(), p],
            vec!["assess".as_ref(), "--profile".as_ref(), p],
            vec!["review".as_ref(), p, "--as".as_ref(), "Sam".as_ref()],
        ] {
            let (code, _, stderr) = run(home.path(), &args);
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            // `review` names a missing link target "no such file" first.
            let loop_in_review = path == &looped && args[0] == "review";
            assert!(
                stderr.contains(says) || loop_in_review,
                "{args:?}: {stderr}"
            );
        }
        if path != &folder {
            let (code, _, stderr) = run(home.path(), ["team".as_ref(), p]);
            assert_eq!(code, Some(2), "team: {stderr}");
            assert!(stderr.contains(says), "team: {stderr}");
        }
    }
    let (code, stdout, stderr) = run(home.path(), ["frameworks"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.contains("vaarst"), "{stdout}");
    assert!(
        stderr.contains("pipe.toml: is a named pipe (FIFO)"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        home.path(),
        ["validate".as_ref(), hostile("orphan.toml").as_os_str()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stdout, stderr) = run(home.path(), ["team".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("fifo.toml: is a named pipe"), "{stderr}");
    assert!(
        stderr.contains("could be read; nothing to summarise"),
        "{stderr}"
    );
    assert_eq!(stdout, "", "nothing read, no table");
}

/// A profile rating `n` statements that are not in the framework, and
/// rating `bad` statements off the scale.
fn many_problems(dir: &Path, orphans: usize, bad: usize) -> PathBuf {
    let path = dir.join(format!("many-{orphans}-{bad}.toml"));
    let mut text = String::from(
        "format = 1\nperson = \"Bulk\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Bulk\"\nstarted = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n",
    );
    for n in 0..orphans {
        text.push_str(&format!(
            "[[assessments.ratings]]\nstatement = \"level-4/gone/{n}\"\nvalue = 2\n"
        ));
    }
    for n in 0..bad {
        text.push_str(&format!(
            "[[assessments.ratings]]\nstatement = \"level-3/off/{n}\"\nvalue = 7\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    path
}

/// Item 7: the first 20 problems of a file and a count of the rest (all of
/// them with `--all`); orphaned ratings: a few, then one summary line.
#[test]
fn many_problems_are_cut_with_a_count_and_all_lists_them() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = tempfile::tempdir().expect("a temp dir");
    let bad = many_problems(dir.path(), 0, 25);
    let (code, _, stderr) = run(home.path(), ["validate".as_ref(), bad.as_os_str()]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr.matches("not on the scale").count(), 20, "{stderr}");
    assert!(
        stderr.contains("... and 5 more problems in this file (`rungs validate --all"),
        "{stderr}"
    );
    for command in [
        vec!["export".as_ref(), "--profile".as_ref(), bad.as_os_str()],
        vec!["team".as_ref(), bad.as_os_str()],
    ] {
        let (code, _, stderr) = run(home.path(), &command);
        assert_eq!(code, Some(2));
        assert_eq!(stderr.matches("not on the scale").count(), 20, "{stderr}");
    }
    let (_, _, stderr) = run(
        home.path(),
        ["validate".as_ref(), "--all".as_ref(), bad.as_os_str()],
    );
    assert_eq!(stderr.matches("not on the scale").count(), 25, "{stderr}");
    assert!(
        stderr.contains("many-0-25.toml:86:9: 7 is not on the scale"),
        "{stderr}"
    );

    let orphans = many_problems(dir.path(), 12, 0);
    let (code, _, stderr) = run(home.path(), ["validate".as_ref(), orphans.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr
            .matches("is not a statement of this framework")
            .count(),
        5,
        "{stderr}"
    );
    assert!(
        stderr.contains("... and 7 more orphaned ratings in"),
        "{stderr}"
    );
    let (_, _, stderr) = run(
        home.path(),
        ["validate".as_ref(), "--all".as_ref(), orphans.as_os_str()],
    );
    assert_eq!(
        stderr
            .matches("is not a statement of this framework")
            .count(),
        12,
        "{stderr}"
    );
}

/// Item 9: a large framework is accepted exactly when the plain TOML parse
/// accepts it (the split parse accepted an escaped duplicate key).
#[test]
fn a_large_framework_with_an_escaped_duplicate_key_is_refused() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = tempfile::tempdir().expect("a temp dir");
    let text =
        rungs_devtools::testgen::framework_toml(rungs_devtools::testgen::Shape::scaled(12), 5);
    let cut = text.find("[[crafts]]").expect("crafts");
    let path = dir.path().join("large.toml");
    std::fs::write(
        &path,
        format!("{}\"\\u0063rafts\" = []\n{}", &text[..cut], &text[cut..]),
    )
    .expect("write");
    let (code, _, stderr) = run(home.path(), ["validate".as_ref(), path.as_os_str()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("duplicate key"), "{stderr}");
}

/// Item 10: the backup gets the profile's own mode, not that of a file
/// planted at the backup path (now in rungs' own backups folder).
#[test]
fn the_backup_keeps_the_profiles_mode_not_a_planted_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temp dir");
    let profile = dir.path().join("alex.toml");
    std::fs::copy(hostile("orphan.toml"), &profile).expect("copy");
    std::fs::set_permissions(&profile, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let (mut file, text) = crate::tui_support::open_own(&profile, "Alex");
    let backup = file.backup_path();
    std::fs::create_dir_all(backup.parent().expect("its folder")).expect("mkdir");
    std::fs::write(&backup, "planted").expect("write");
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let data = rungs::store::read::parse_profile(&profile, &text.expect("text")).expect("profile");
    file.save(&data).expect("saved");
    let mode = |p: &Path| std::fs::metadata(p).expect("there").permissions().mode() & 0o777;
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mode(&profile), 0o600);
    assert_eq!(
        std::fs::read(&backup).expect("read"),
        std::fs::read(hostile("orphan.toml")).expect("read")
    );
}

/// Item 10: a closed standard error or output ends the output quietly,
/// never with a panic (exit 101).
#[test]
fn a_closed_stderr_or_stdout_ends_quietly() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = tempfile::tempdir().expect("a temp dir");
    let bad = many_problems(dir.path(), 0, 30);
    for (closed_err, args) in [
        (true, vec!["team".as_ref(), bad.as_os_str()]),
        (true, vec!["validate".as_ref(), bad.as_os_str()]),
        (false, vec!["show".as_ref(), "vaarst".as_ref()]),
    ] {
        let binary = std::env::var_os("CARGO_BIN_EXE_rungs")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_rungs").into());
        let mut child = std::process::Command::new(binary)
            .args(&args)
            .env("RUNGS_HOME", home.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawns");
        if closed_err {
            drop(child.stderr.take());
        } else {
            drop(child.stdout.take());
        }
        let status = child.wait().expect("waits");
        assert_ne!(status.code(), Some(101), "{args:?}: a panic");
        assert!(status.code().is_some(), "{args:?}: ended by a signal");
    }
}

/// Item 8: `import` refuses to write a framework over the 32 MiB that
/// rungs reads, and says how large it would be.
#[test]
fn import_refuses_a_framework_over_the_read_cap() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = tempfile::tempdir().expect("a temp dir");
    let statement = "I write statements long enough to fill a page quickly. ".repeat(20);
    let description = vec![statement.trim(); 12 * 1024].join(" <br><br> ");
    let mut args: Vec<std::ffi::OsString> = vec!["import".into()];
    for level in 1..=3 {
        let page = dir.path().join(format!("level{level}.md"));
        std::fs::write(
            &page,
            format!(
                "---\ntitle: Level {level}\nparent: Big Craft\ngrand_parent: Big Framework\n---\n\n# Big Craft - Level {level}\n\nSummary.\n\nFocus.\n\n|Area | Description |\n|:--|:--|\n| [Bulk](/x#bulk) | {description} |\n"
            ),
        )
        .expect("write");
        args.push(page.into());
    }
    let out = dir.path().join("big.toml");
    args.extend(["-o".into(), out.clone().into()]);
    let (code, _, stderr) = run(home.path(), &args);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("MiB, over the 32 MiB rungs reads"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

/// Text built from the pieces links, images, HTML and tables are made of.
fn link_pieces() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "https://",
        "http://",
        "www.",
        "mailto:",
        "xmpp:",
        "ftp://",
        "@",
        ":",
        "/",
        ".",
        "`",
        "``",
        "|",
        "<",
        ">",
        "[",
        "]",
        "(",
        ")",
        "!",
        "\\",
        "*",
        "_",
        "~",
        "&",
        "#",
        ";",
        "=",
        "\n",
        " ",
        "\t",
        "a",
        "evil",
        "example",
        "com",
        "x",
        "1",
        "<br>",
        "<img src=x>",
        "<a href=x>",
        "&lt;",
        "&#58;",
        "\u{a0}",
        "\u{200b}",
        "-",
        // What markdown leaves alone is written as it is: each of these
        // must still be inert wherever it lands.
        "Level 4 (Mid)",
        "PR #311",
        "C#",
        "##",
        " # ",
        "a_b",
        "_",
        " * ",
        " ~ ",
        "< ",
        "<3",
        "&",
        "&#",
        "&copy;",
        "&#x3A;",
        "R&D",
        "\\a",
        "](",
        "![",
        ">",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

    /// Whatever a cell's text, a GFM renderer with autolinks makes no link,
    /// image or HTML of it, and the row keeps its cells; in a heading and a
    /// list item (where exports put names) too, followed by the format's own
    /// text, as `Round::describe` follows a name with `, round`.
    #[test]
    fn an_escaped_cell_is_inert_in_gfm(text in link_pieces()) {
        use rungs::export::markdown::escape;
        let e = escape(&text);
        let markdown = format!(
            "# {e} — x\n\n- Self assessment: {e}, round 1\n- Also reviewed by: {e}; {e}\n\n| a | b |\n| --- | --- |\n| {e} | end |\n"
        );
        let (html, tags) = rendered_tags(&markdown);
        for tag in &tags {
            proptest::prop_assert!(
                ["h1", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "br"]
                    .contains(&tag.as_str()),
                "<{}> from {:?}:\n{}", tag, text, html
            );
        }
        proptest::prop_assert_eq!(html.matches("<td").count(), 2, "{:?}:\n{}", text, html);
        proptest::prop_assert!(html.contains("<td>end</td>"), "{:?}:\n{}", text, html);
        proptest::prop_assert_eq!(html.matches("<li>").count(), 2, "{:?}:\n{}", text, html);
    }

    /// Whatever a cell's text, the CSV cell a spreadsheet reads back is no formula.
    #[test]
    fn a_csv_cell_is_never_a_formula(text in link_pieces()) {
        let cell = rungs::export::csv::defuse(&text);
        proptest::prop_assert!(!is_formula(&cell) || cell.starts_with('\''), "{:?}", cell);
    }
}

/// Issue 22, item 2: reviewers' names are file text too. Escape sequences,
/// bidi overrides, markdown links and HTML, table pipes and formula leads
/// as reviewer names, over the inject framework's hostile statements, stay
/// inert in the reviewer table and the disagreements of every format.
#[test]
fn hostile_reviewer_names_stay_inert_in_every_format() {
    let home = home_with_inject();
    let dir = tempfile::tempdir().expect("a temp dir");
    let reviewers = [
        "\u{1b}[31mRed\u{1b}[0m \u{202e}evil",
        "<img src=x onerror=alert(1)> [x](https://evil.example) |",
        "=HYPERLINK(\"http://evil.example\")",
        "-2+3 @Sam",
    ];
    for i in 0..8 {
        let path = inject_profile(dir.path(), &format!("p{i}.toml"), &format!("P{i}"), 2);
        let mut text = std::fs::read_to_string(&path).expect("read");
        for (j, reviewer) in reviewers.iter().enumerate() {
            if (i + j) % 3 == 0 {
                continue;
            }
            let name = toml::Value::String((*reviewer).to_owned()).to_string();
            let value = 1 + (i + j) % 4;
            text.push_str(&format!(
                "\n[[assessments]]\nrole = \"manager\"\nassessor = {name}\n\
                 started = 2026-01-03T00:00:00Z\nupdated = 2026-01-03T00:00:00Z\n\n\
                 [[assessments.ratings]]\nstatement = \"l/a/1\"\nvalue = {value}\n\n\
                 [[assessments.ratings]]\nstatement = \"l/a/2\"\nvalue = {}\n\n\
                 [[assessments.ratings]]\nstatement = \"l/b/1\"\nvalue = 1\n",
                1 + j % 4
            ));
        }
        std::fs::write(&path, text).expect("write");
    }
    let team = |format: &str| {
        let (code, out, stderr) = run(
            home.path(),
            [
                "team".as_ref(),
                "--min-shared".as_ref(),
                "1".as_ref(),
                "--by".as_ref(),
                "reviewer".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                dir.path().as_os_str(),
            ],
        );
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert_clean(format, &out);
        out
    };
    let markdown = team("markdown");
    assert_inert_markdown("team --by reviewer", &markdown);
    assert!(
        markdown.contains("Where reviewers disagree most"),
        "{markdown}"
    );
    let html = team("html");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href="), "{html}");
    assert!(html.contains("&lt;img src=x"), "{html}");
    let csv = team("csv");
    let rows = csv_cells(&csv);
    assert_eq!(rows.len(), 1 + reviewers.len(), "{csv}");
    for row in &rows {
        // Column 1 is the name, from a file: defused. The figures (mean,
        // others' mean, difference, spread) are the program's own numbers
        // and keep their sign.
        assert!(!is_formula(&row[1]) || row[1].starts_with('\''), "{row:?}");
    }
    let json = team("json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let names: Vec<&str> = value["reviewers"][0]["reviewers"]
        .as_array()
        .expect("reviewers")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names.len(), reviewers.len(), "{json}");
    for name in names {
        assert_clean("a reviewer's name in JSON", name);
    }
}

/// Issue 21: evidence items are file text too. The promotion packet of a
/// profile whose evidence holds markup, escape sequences and hostile links
/// is inert in every format: markdown renders no link, image or HTML from
/// it, the page makes only web links clickable, and nothing reaches a
/// terminal raw.
#[test]
fn the_packet_keeps_hostile_evidence_inert_in_every_format() {
    let home = tempfile::tempdir().expect("a temp dir");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("frameworks/atelier.toml"),
        frameworks.join("atelier.toml"),
    )
    .expect("copy");
    let profile = home.path().join("zoe.toml");
    let hostile_item = r#"
[[evidence]]
id = "h1"
date = 2026-11-01
text = "<script>alert(1)</script> | cell \u001b[2J ![i](http://evil.example/x.png) [a](http://evil.example) www.evil.example x@evil.example\nsecond | line \u202egnp.exe"
links = ["javascript:alert(3)", "https://ok.example/x\"onmouseover=\"alert(4)", "data:text/html,<b>x</b>"]
commits = ["billing@abcdef123456", "evil\u001b]52;c;cm0gLXJm\u0007@abcdef"]
statements = ["maitre/qualite/1", "maitre/transmission/1", "maitre/transmission/2"]
"#;
    let text = std::fs::read_to_string(fixtures.join("packet-profile.toml")).expect("fixture");
    std::fs::write(&profile, format!("{text}{hostile_item}")).expect("write");
    let mut outputs = Vec::new();
    for format in ["markdown", "json", "html"] {
        let (code, out, stderr) = run(
            home.path(),
            [
                "packet".as_ref(),
                profile.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
            ],
        );
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert_clean(format, &out);
        outputs.push(out);
    }
    let markdown = &outputs[0];
    assert_inert_markdown("packet", markdown);
    assert_eq!(
        markdown.matches("\\<script>alert(1)").count(),
        3,
        "the item shows under each of its three statements:\n{markdown}"
    );
    let html = &outputs[2];
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(!html.contains("href=\"data"), "{html}");
    assert!(html.contains("href=\"https://ok.example/x&quot;onmouseover=&quot;alert(4)\""));
}

#[test]
fn actions_and_a_revealed_blind_round_are_shown_safely_everywhere() {
    let path = hostile("actions-and-blind.toml");
    let markdown = accepted(&path);
    for escaped in [
        "do \\| this \\#\\# not a heading ␛\\[31m",
        "Kim ␇ \\| Park",
        "mine \\| cell<br>second ␛\\[2J line \\<script>",
    ] {
        assert!(markdown.contains(escaped), "{escaped}: {markdown}");
    }
    let home = tempfile::tempdir().expect("a temp dir");
    for args in [
        vec!["export", "--format", "html", "--profile"],
        vec!["export", "--format", "svg", "--profile"],
        vec!["agenda", "--format", "json"],
        vec!["agenda"],
        vec!["action", "list", "--profile"],
    ] {
        let out = rungs(home.path())
            .args(&args)
            .arg(&path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        assert_safe(&text);
        if args[0] == "agenda" && args.len() == 1 {
            // Every table row of the agenda keeps its cells.
            for row in text.lines().filter(|l| l.starts_with("| overdue")) {
                assert_eq!(row.matches(" | ").count(), 4, "{row}");
            }
        }
    }
}

#[test]
fn an_action_due_on_no_date() {
    refused(
        &hostile("action-bad-due.toml"),
        "12:7",
        "expected a TOML datetime",
    );
}

#[test]
fn two_actions_with_one_id() {
    refused(
        &hostile("action-twice.toml"),
        "15:6",
        "two actions have the id",
    );
}
