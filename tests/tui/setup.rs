//! The first-run setup: what it asks, what it skips, what it refuses.

use crate::tui_support;

use ratatui::crossterm::event::KeyCode;
use rungs::tui::setup::{Answers, Field, Outcome, Setup};
use tui_support::*;

fn two_frameworks() -> Vec<rungs::model::Framework> {
    let mut other = vaarst();
    other.id = "other".into();
    other.name = "Other Framework".into();
    other.crafts[0].levels[0].id = "level-9".into();
    vec![vaarst(), other]
}

#[test]
fn single_choices_are_chosen_so_enter_goes_straight_on() {
    let mut setup =
        Setup::new(vec![vaarst()], &Answers::default(), "Alex Doe".into()).expect("setup");
    assert_eq!(setup.field, Field::Name);
    for _ in 0..4 {
        assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Continue);
    }
    assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Done);
    assert_eq!(setup.manager(), None, "Enter skips the direct manager");
    assert_eq!(
        setup.result(),
        Some((
            "Alex Doe".into(),
            "vaarst".into(),
            "devops-engineer".into(),
            "level-4".into()
        ))
    );
}

#[test]
fn answered_questions_are_not_asked() {
    let answers = Answers {
        name: Some("Pat".into()),
        manager: None,
        framework: Some("other".into()),
        craft: None,
        level: Some("level-9".into()),
    };
    let mut setup = Setup::new(two_frameworks(), &answers, String::new()).expect("setup");
    assert_eq!(setup.asked(), &[Field::Manager, Field::Craft]);
    assert_eq!(setup.field, Field::Manager);
    assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Continue);
    assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Done);
    assert_eq!(
        setup.result().map(|r| (r.1, r.3)),
        Some(("other".into(), "level-9".into()))
    );

    let all = Answers {
        name: Some("Pat".into()),
        manager: None,
        framework: Some("vaarst".into()),
        craft: Some("devops-engineer".into()),
        level: Some("level-4".into()),
    };
    assert!(
        Setup::new(two_frameworks(), &all, String::new())
            .expect("setup")
            .is_answered()
    );
}

#[test]
fn an_unknown_answer_lists_what_exists() {
    let answers = Answers {
        framework: Some("nope".into()),
        ..Answers::default()
    };
    let err = Setup::new(two_frameworks(), &answers, String::new()).expect_err("refused");
    assert!(err.to_string().contains("no framework `nope`"));
    assert!(err.to_string().contains("vaarst, other"));
}

#[test]
fn a_name_is_required_and_can_be_retyped() {
    let mut setup =
        Setup::new(vec![vaarst()], &Answers::default(), "Old Name".into()).expect("setup");
    setup.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Continue);
    assert!(setup.error.is_some(), "an empty name is refused");
    assert_eq!(setup.field, Field::Name);
    for c in "Zoë 日本".chars() {
        setup.handle_key(ch(c));
    }
    setup.handle_key(ch('\u{1b}'));
    assert_eq!(
        setup.name, "Zoë 日本",
        "control characters are not typed into the name"
    );
    assert_eq!(setup.handle_key(key(KeyCode::Esc)), Outcome::Quit);
}

/// The direct manager is an optional question after the name: typed, it
/// is the answer; the flags that answer the rest leave it unasked.
#[test]
fn the_direct_manager_is_asked_after_the_name_and_may_be_left_out() {
    let mut setup =
        Setup::new(vec![vaarst()], &Answers::default(), "Alex Doe".into()).expect("setup");
    setup.handle_key(key(KeyCode::Enter));
    assert_eq!(setup.field, Field::Manager);
    for c in "Sam Lee".chars() {
        setup.handle_key(ch(c));
    }
    setup.handle_key(key(KeyCode::Backspace));
    setup.handle_key(ch('e'));
    for _ in 0..3 {
        assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Continue);
    }
    assert_eq!(setup.handle_key(key(KeyCode::Enter)), Outcome::Done);
    assert_eq!(setup.manager().as_deref(), Some("Sam Lee"));
    assert_eq!(
        setup.name, "Alex Doe",
        "typing there never touches the name"
    );
    let given = Answers {
        manager: Some("Kim Park".into()),
        ..Answers::default()
    };
    let setup = Setup::new(vec![vaarst()], &given, "Alex".into()).expect("setup");
    assert!(
        !setup.asked().contains(&Field::Manager),
        "--manager answers it"
    );
    assert_eq!(setup.manager().as_deref(), Some("Kim Park"));
}

#[test]
fn choosing_another_framework_resets_the_choices_below_it() {
    let mut setup = Setup::new(two_frameworks(), &Answers::default(), "Pat".into()).expect("setup");
    setup.handle_key(key(KeyCode::Enter));
    setup.handle_key(key(KeyCode::Enter));
    assert_eq!(setup.field, Field::Framework);
    setup.handle_key(key(KeyCode::Down));
    assert_eq!(
        setup.selected(Field::Framework).map(|c| c.id),
        Some("other".into())
    );
    assert_eq!(
        setup.selected(Field::Level).map(|c| c.id),
        Some("level-9".into())
    );
    setup.handle_key(key(KeyCode::BackTab));
    assert_eq!(setup.field, Field::Manager);
    setup.handle_key(key(KeyCode::BackTab));
    assert_eq!(setup.field, Field::Name);
}

/// Item 24.11: Alt with a letter is not the letter, in the name or as a key.
#[test]
fn alt_and_a_letter_types_nothing_and_moves_nothing() {
    let alt = |c| {
        ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::ALT,
        )
    };
    let mut setup = Setup::new(two_frameworks(), &Answers::default(), "Al".into()).expect("setup");
    setup.handle_key(alt('x'));
    setup.handle_key(ch('x'));
    assert_eq!(setup.name, "Alx");
    setup.handle_key(key(KeyCode::Enter));
    assert_eq!(setup.field, Field::Manager);
    setup.handle_key(alt('x'));
    assert_eq!(
        setup.manager, "",
        "Alt+x types nothing in the manager's name either"
    );
    setup.handle_key(key(KeyCode::Enter));
    assert_eq!(setup.field, Field::Framework);
    setup.handle_key(alt('j'));
    assert_eq!(setup.chosen, [0, 0, 0], "Alt+j chooses nothing");
    setup.handle_key(ch('j'));
    assert_eq!(setup.chosen[0], 1, "j chooses the next framework");
}
