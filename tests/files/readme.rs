//! The README's screen captures are the snapshot tests' screens, so the
//! README cannot drift from what the app draws.

use std::path::Path;

const MARKER: &str = "<!-- snapshot: ";

/// The screen of a snapshot file, without insta's header and quotes.
fn screen_of(snapshot: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/tui/snapshots")
            .join(format!("{snapshot}.snap")),
    )
    .expect("the snapshot exists");
    text.split("---\n")
        .nth(2)
        .expect("insta's header, then the screen")
        .lines()
        .map(|line| {
            line.strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or(line)
                .trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_screens_match_the_snapshots() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let mut checked = 0;
    for part in readme.split(MARKER).skip(1) {
        let (name, rest) = part.split_once(" -->").expect("a closed marker");
        let block = rest
            .split("```text\n")
            .nth(1)
            .and_then(|b| b.split("\n```").next())
            .expect("a text block after the marker");
        let block: Vec<&str> = block.lines().map(str::trim_end).collect();
        assert_eq!(
            block.join("\n"),
            screen_of(name),
            "README block {name} differs from its snapshot; copy it again"
        );
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the README shows the main screen and the summary"
    );
}
