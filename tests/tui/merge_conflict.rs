//! A merge conflict recorded in a profile (`rungs merge-file`), on screen:
//! the statement is marked `≠`, the detail pane shows the other version,
//! and `m` lets the person pick which stays.

use crate::tui_support;

use insta::assert_snapshot;
use rungs::model::{Mark, Profile};
use rungs::tui::action::Action;
use rungs::tui::app::{Effect, Mode, Overlay};
use rungs::tui::dialog::Dialog;
use tui_support::*;

/// Alex's round after a merge: both sides rated Engineering Maturity 1
/// differently and wrote different notes; the merge kept ours.
fn merged(finished: bool) -> Profile {
    let signed = if finished {
        "finished = 2026-11-27T09:00:00Z\n"
    } else {
        ""
    };
    let text = format!(
        r#"format = 1
person = "Alex Doe"
framework = "vaarst"
craft = "devops-engineer"
level = "level-4"

[[assessments]]
role = "self"
assessor = "Alex Doe"
started = 2026-11-26T09:00:00Z
updated = 2026-11-26T09:40:00Z
{signed}
[[assessments.ratings]]
statement = "level-4/engineering-maturity/1"
value = 3
note = "Chose the queue design for the billing rewrite."

[assessments.ratings.conflict]
keys = ["note", "value"]
reason = "{reason}"

[assessments.ratings.conflict.theirs]
value = 1
note = "Only with help so far."

[[assessments.ratings]]
statement = "level-4/engineering-maturity/2"
value = 2
"#,
        reason = if finished { "signed-off" } else { "both" }
    );
    toml::from_str(&text).expect("a profile")
}

#[test]
fn a_conflict_is_marked_and_its_other_version_shown() {
    let app = app(merged(false), Mode::Assess, "Alex Doe");
    let screen = screen(&app, 100, 30);
    assert!(screen.contains("≠"), "{screen}");
    assert!(
        screen.contains("≠ Merge conflict: theirs 1 Not yet, note: Only with help so far. — shown"),
        "{screen}"
    );
    assert_snapshot!(
        "merge_conflict_marked_100x30",
        render(&app, 100, 30).backend()
    );
    assert_snapshot!(
        "merge_conflict_marked_80x24",
        render(&app, 80, 24).backend()
    );
}

#[test]
fn m_asks_which_version_stays_and_t_takes_theirs() {
    let mut app = app(merged(false), Mode::Assess, "Alex Doe");
    press(&mut app, "M");
    pause(&mut app);
    assert!(matches!(app.overlay, Overlay::Dialog(Dialog::Merge { .. })));
    assert_snapshot!(
        "merge_conflict_dialog_100x30",
        render(&app, 100, 30).backend()
    );
    assert_eq!(app.handle_key(ch('t')), Effect::Save);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::Value(1));
    assert_eq!(rating.note(), "Only with help so far.");
    assert!(rating.conflict().is_none() && rating.extra.is_empty());
    assert!(!screen(&app, 100, 30).contains('≠'));
    // Undone, the conflict is back as it was.
    assert_eq!(app.update(Action::Undo), Effect::Save);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::Value(3));
    assert!(rating.conflict().is_some());
}

#[test]
fn k_keeps_the_version_shown_and_b_keeps_both_notes() {
    let mut app = app(merged(false), Mode::Assess, "Alex Doe");
    press(&mut app, "M");
    pause(&mut app);
    press(&mut app, "k");
    pause(&mut app);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::Value(3));
    assert_eq!(
        rating.note(),
        "Chose the queue design for the billing rewrite."
    );
    assert!(rating.conflict().is_none());

    let mut app = tui_support::app(merged(false), Mode::Assess, "Alex Doe");
    press(&mut app, "M");
    pause(&mut app);
    press(&mut app, "b");
    pause(&mut app);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::Value(3), "the value shown stays");
    assert!(rating.note().starts_with("Chose the queue design"));
    assert!(rating.note().ends_with("Only with help so far."));
    assert!(rating.conflict().is_none());
}

#[test]
fn esc_decides_later_and_m_elsewhere_says_there_is_nothing() {
    let mut app = app(merged(false), Mode::Assess, "Alex Doe");
    press(&mut app, "M");
    pause(&mut app);
    assert_eq!(
        app.handle_key(key(ratatui::crossterm::event::KeyCode::Esc)),
        Effect::None
    );
    assert!(app.rating_at(0, 0).and_then(|r| r.conflict()).is_some());
    pause(&mut app);
    press(&mut app, "jM");
    assert!(matches!(app.overlay, Overlay::None));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("No merge conflict here")),
        "{:?}",
        app.status
    );
}

#[test]
fn a_signed_off_round_keeps_its_version_and_nothing_else() {
    let mut app = app(merged(true), Mode::Assess, "Alex Doe");
    press(&mut app, "M");
    pause(&mut app);
    assert!(matches!(
        app.overlay,
        Overlay::Dialog(Dialog::Merge { signed: true, .. })
    ));
    assert_eq!(
        app.handle_key(ch('t')),
        Effect::None,
        "no other version to take"
    );
    assert!(matches!(app.overlay, Overlay::Dialog(_)));
    assert_eq!(app.handle_key(ch('k')), Effect::Save);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::Value(3));
    assert!(rating.conflict().is_none());
}

#[test]
fn a_read_only_profile_is_not_settled() {
    let mut app = app(merged(false), Mode::Assess, "Alex Doe");
    app.read_only = Some("Sam Lee (rungs review) is writing this profile".into());
    press(&mut app, "M");
    pause(&mut app);
    assert!(matches!(app.overlay, Overlay::None));
    assert!(app.rating_at(0, 0).and_then(|r| r.conflict()).is_some());
}
