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
    rungs::fuzzing::check_framework(text.as_bytes());
}

// ---------------------------------------------------------------------------
// Untrusted files (issue 9): files and file names written by other people,
// as a team lead or a framework maintainer meets them in a shared repository.

use std::time::Duration;

fn untrusted(name: &str) -> PathBuf {
    hostile("untrusted").join(name)
}

/// Runs the binary with a time limit (a FIFO must never make it wait).
fn run<I, S>(home: &Path, args: I) -> (Option<i32>, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = rungs(home)
        .args(args)
        .timeout(Duration::from_secs(20))
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

/// Item 1: a lock file planted as a symbolic link (it can be committed to
/// git), a hard link, or a foreign file is never written through or cut.
#[test]
fn a_planted_lock_never_writes_another_file() {
    use rungs::store::ProfileFile;
    let dir = tempfile::tempdir().expect("a temp dir");
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    let profile = repo.join("alex.toml");
    std::fs::copy(hostile("orphan.toml"), &profile).expect("copy");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    let lock = repo.join("alex.toml.lock");

    // A symbolic link to the victim, and one to a file not there yet.
    for target in [victim.clone(), dir.path().join("not-yet.txt")] {
        let _ = std::fs::remove_file(&lock);
        std::os::unix::fs::symlink(&target, &lock).expect("symlink");
        let (mut file, text) = ProfileFile::open(&profile, "Sam (rungs review)").expect("opens");
        assert!(text.is_some());
        let reason = file.read_only_reason().expect("read-only").to_owned();
        assert!(reason.contains("symbolic link"), "{reason}");
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
    let (file, _) = ProfileFile::open(&profile, "Sam").expect("opens");
    assert!(
        file.read_only_reason()
            .expect("read-only")
            .contains("hard link")
    );
    drop(file);
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious\n");

    // A committed regular file that is no rungs lock: locked, never cut.
    std::fs::remove_file(&lock).expect("rm");
    std::fs::write(&lock, "someone's data\nline two\n").expect("write");
    let (file, _) = ProfileFile::open(&profile, "Sam").expect("opens");
    assert_eq!(file.read_only_reason(), None, "the session may write");
    assert_eq!(
        std::fs::read(&lock).expect("read"),
        b"someone's data\nline two\n"
    );
    drop(file);

    // Rungs' own lock is rewritten with the new holder, made safe.
    std::fs::write(&lock, "Alex (process 12)\n").expect("write");
    let (file, _) = ProfileFile::open(&profile, "Sam\u{1b}[2J").expect("opens");
    let holder = std::fs::read_to_string(&lock).expect("read");
    assert!(holder.starts_with("Sam␛[2J (process "), "{holder}");
    drop(file);
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
