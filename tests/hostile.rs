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
