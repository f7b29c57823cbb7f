//! A note is kept as it was written: editing it in the app changes only
//! what was typed, whatever the note holds (emoji sequences, Persian and
//! Hindi text with their joiners, tabs, control characters), while the
//! editor never draws a control character raw.

use crate::tui_support;

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use rungs::model::{Mark, Profile, Role};
use rungs::tui::app::Mode;
use tui_support::*;

const KEY: &str = "level-4/engineering-maturity/1";

fn with_note(note: &str) -> Profile {
    let mut profile = empty_profile();
    let i = profile.new_round(Role::Own, "Alex Doe", stamp());
    profile.assessments[i].edit(&k(KEY), |r| {
        r.set_mark(Mark::Value(3));
        r.note = Some(note.to_owned());
    });
    profile
}

/// Opens the note, types `typed` at its end, closes it, saves the profile
/// through the store and reads the file back: the note as saved.
fn edit_and_save(note: &str, typed: &str) -> String {
    let mut app = app(with_note(note), Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    for c in typed.chars() {
        app.handle_key(ch(c));
    }
    app.handle_key(key(KeyCode::Esc));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("alex.toml");
    let (mut file, _) =
        tui_support::open_as(&path, rungs::model::save_merge::Claim::Everything, "test");
    file.save(&app.profile).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    let read = rungs::store::read::parse_profile(&path, &text).expect("the file reads back");
    read.current(Role::Own)
        .and_then(|a| a.rating(KEY))
        .map(|r| r.note().to_owned())
        .unwrap_or_default()
}

#[test]
fn joiners_tabs_and_controls_are_kept_when_a_note_is_edited() {
    for note in [
        "Paired with 👩\u{200D}💻 on the rollout",
        "می\u{200C}خواهم این را بنویسم",
        "क्\u{200D}ष और क्\u{200C}ष",
        "col\tumns\tkept",
        "bell \u{7} escape \u{1b}[2J bidi \u{202E}txt",
        "line one\r\nline two\r\n",
        "ends with a line break\n",
        "\u{FEFF}bom and \u{200B}zero width",
    ] {
        assert_eq!(edit_and_save(note, "!"), format!("{note}!"), "{note:?}");
    }
}

#[test]
fn a_pasted_non_joiner_and_tab_are_kept() {
    let mut app = app(with_note("Persian: "), Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    app.paste("می\u{200C}خواهم\tok");
    app.handle_key(key(KeyCode::Esc));
    let note = app.rating_of(&k(KEY)).map(|r| r.note().to_owned());
    assert_eq!(note.as_deref(), Some("Persian: می\u{200C}خواهم\tok"));
}

#[test]
fn a_pasted_line_break_is_a_new_line_in_the_editor() {
    let mut app = app(with_note("first"), Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    app.paste("\nsecond\r\nthird");
    let rungs::tui::app::Overlay::Note(editor) = &app.overlay else {
        panic!("the editor is open")
    };
    assert_eq!(editor.textarea.lines(), ["first", "second", "third"]);
    assert_eq!(editor.text(), "first\nsecond\nthird");
    let screen = screen(&app, 80, 24);
    assert!(!screen.contains('␊'), "{screen}");
}

#[test]
fn the_editor_draws_control_characters_as_visible_stand_ins() {
    let mut app = app(
        with_note("bell \u{7} esc \u{1b}[2J bidi \u{202E}x 👩\u{200D}💻"),
        Mode::Assess,
        "Alex Doe",
    );
    app.handle_key(ch('n'));
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let mut drawn = String::new();
    for cell in buffer.content() {
        drawn.push_str(cell.symbol());
    }
    assert!(drawn.contains("bell ␇ esc ␛[2J bidi �x"), "{drawn}");
    assert!(drawn.contains("👩\u{200D}💻"), "the emoji sequence whole");
    assert!(
        !drawn
            .chars()
            .any(|c| c != '\u{200D}' && rungs::model::text::is_unsafe(c)),
        "nothing unsafe reaches a cell"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For any note, opening the editor, typing a character at the end and
    /// closing gives the old note and that character in the saved file.
    #[test]
    fn typing_at_the_end_adds_exactly_what_was_typed(
        note in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}\u{e0041}\u{f001b}]|\r\n|\t|\n|👩\u{200D}💻|क्\u{200C}ष){0,40}",
        typed in "[a-zA-Zéक्👍\u{200C}\u{200D}]",
    ) {
        prop_assume!(!note.trim().is_empty());
        prop_assert_eq!(edit_and_save(&note, &typed), format!("{note}{typed}"));
    }
}
