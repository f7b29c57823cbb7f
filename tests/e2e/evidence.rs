//! Evidence in the real binary in a real terminal: an item added on one
//! statement, linked to a second, undone and redone, read back from the
//! saved profile.

use std::path::Path;

use rungs::model::Profile;

use crate::pty_support::*;

const BACKSPACE: &str = "\u{7f}";

fn read_profile(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile was saved");
    toml::from_str(&text).expect("the profile is valid TOML")
}

#[test]
fn add_an_item_link_it_to_a_second_statement_and_read_the_file() {
    let home = tempfile::tempdir().expect("a temp dir");
    let profile_path = home.path().join("profile.toml");
    let mut args = NEW_PROFILE.to_vec();
    args.extend(["--profile", "profile.toml"]);
    let mut tui = Tui::start(home.path(), &args);
    tui.wait_for("Rated   0/15");

    // v on the first statement, a: the form, its date today's.
    tui.keys(&["v"]);
    tui.wait_for("No evidence yet");
    tui.keys(&["a"]);
    tui.wait_for("What:");
    tui.keys(&["Led the design review | billing", TAB]);
    tui.keys(&[BACKSPACE; 10]);
    tui.keys(&["2026-10-04", TAB, "https://example.com/pr/7", ENTER]);
    tui.wait_for("2026-10-04  Led the design review | billing");
    tui.keys(&[ESC]);
    tui.wait_for("Evidence (1, v opens):");

    // The next statement: link the same item there too.
    tui.keys(&["j", "v"]);
    tui.wait_for("No evidence yet");
    tui.keys(&["l"]);
    tui.wait_for("Link an item of another statement");
    tui.keys(&[ENTER]);
    tui.wait_for("supports Engineering Maturity 1, Engineering Maturity 2");
    // Undone and redone in the dialog: the link is back.
    tui.keys(&["u"]);
    tui.wait_for("Undone: the evidence's link");
    tui.keys(&[CTRL_R]);
    tui.wait_for("Redone: the evidence's link");
    tui.keys(&["q"]);
    tui.wait_gone("Redone");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let profile = read_profile(&profile_path);
    assert_eq!(profile.evidence.len(), 1, "{:?}", profile.evidence);
    let item = &profile.evidence[0];
    assert_eq!(item.text, "Led the design review | billing");
    assert_eq!(item.date.to_string(), "2026-10-04");
    assert_eq!(item.links, ["https://example.com/pr/7"]);
    assert_eq!(
        item.statements,
        [
            "level-4/engineering-maturity/1",
            "level-4/engineering-maturity/2"
        ]
    );
    assert_eq!(
        item.id.len(),
        8,
        "an id of 8 hexadecimal digits: {}",
        item.id
    );

    // Opened again: both statements carry the marker.
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "profile.toml"]);
    tui.wait_for("◆1");
    tui.keys(&["g"]);
    tui.wait_for("Evidence (1, v opens):");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}
