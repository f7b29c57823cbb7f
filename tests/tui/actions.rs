//! Actions across rounds: whatever sequence of new rounds, ratings, undo,
//! redo, sign-offs and moves a session goes through, every action stays in
//! the profile, an open one open, and a done one keeps the day it was done
//! (only `t` changes that, as the model says); the file read back holds the
//! same. Plus the keys themselves: `a` types one, `t` toggles, `X` deletes
//! after asking, and Esc closes the line and the question.

use crate::tui_support;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rungs::model::actions::Action;
use rungs::model::{Profile, Role};
use rungs::tui::action::Action as Key;
use rungs::tui::action::DialogAction;
use rungs::tui::app::{App, Mode};
use tui_support::*;

fn done_at(day: &str) -> toml::value::Datetime {
    format!("{day}T09:00:00Z").parse().expect("a date")
}

/// Alex's rated profile with one open and one done action.
fn with_actions() -> Profile {
    let mut profile = partly_rated();
    let open = Action::new(
        "level-4/engineering-maturity/1",
        "Write the ADR for the queue",
        "Alex Doe",
        None,
        stamp(),
    );
    let mut done = Action::new(
        "level-4/engineering-maturity/2",
        "Pair on the deploy",
        "Sam Lee",
        None,
        stamp(),
    );
    done.done = Some(done_at("2026-11-20"));
    profile.actions.extend([open, done]);
    profile
}

#[derive(Debug, Clone)]
enum Op {
    NewRound,
    Rate(u8),
    Undo,
    Redo,
    SignOff,
    Move,
    Toggle,
    Add,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::NewRound),
        4 => (1u8..=4).prop_map(Op::Rate),
        3 => Just(Op::Undo),
        1 => Just(Op::Redo),
        2 => Just(Op::SignOff),
        3 => Just(Op::Move),
        2 => Just(Op::Toggle),
        2 => Just(Op::Add),
    ]
}

/// Each action's id, statement and the day it was done, as the model
/// expects them.
type Expected = Vec<(String, String, Option<String>)>;

fn actual(profile: &Profile) -> Expected {
    profile
        .actions
        .iter()
        .map(|a| (a.id.clone(), a.statement.clone(), a.done_day()))
        .collect()
}

fn today(app: &App) -> String {
    app.now().wall.date().to_string()
}

fn apply(app: &mut App, op: &Op, expected: &mut Expected) {
    let key = app.selected_key().as_str().to_owned();
    match op {
        Op::NewRound => {
            app.start_new_round();
        }
        Op::Rate(v) => {
            app.handle_key(ch(char::from(b'0' + v)));
        }
        Op::Undo => {
            app.handle_key(ch('u'));
        }
        Op::Redo => {
            app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
        }
        Op::SignOff => {
            app.update(Key::Finish);
            pause(app);
            app.answer(DialogAction::Yes);
        }
        Op::Move => {
            app.handle_key(ch('j'));
        }
        Op::Toggle => {
            let on_key = |e: &(String, String, Option<String>)| e.1 == key;
            let chosen = expected
                .iter()
                .position(|e| on_key(e) && e.2.is_none())
                .or_else(|| expected.iter().rposition(on_key));
            if let Some(i) = chosen {
                expected[i].2 = match expected[i].2 {
                    Some(_) => None,
                    None => Some(today(app)),
                };
            }
            app.handle_key(ch('t'));
        }
        Op::Add => {
            app.handle_key(ch('a'));
            press(app, "Read the runbook");
            app.handle_key(key_code(KeyCode::Enter));
            let added = app.profile.actions.last().expect("added");
            expected.push((added.id.clone(), key, None));
        }
    }
    pause(app);
}

fn key_code(code: KeyCode) -> KeyEvent {
    key(code)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn actions_survive_rounds_undo_and_sign_off(ops in prop::collection::vec(op(), 1..40)) {
        let mut app = app(with_actions(), Mode::Assess, "Alex Doe");
        let mut expected = actual(&app.profile);
        for op in &ops {
            apply(&mut app, op, &mut expected);
            prop_assert_eq!(&actual(&app.profile), &expected, "after {:?}", op);
        }
        let text = toml::to_string(&app.profile).expect("serialises");
        let read: Profile = toml::from_str(&text).expect("reads back");
        prop_assert_eq!(actual(&read), expected);
        prop_assert!(app.profile.assessments.iter().filter(|a| a.role == Role::Own).count() >= 1);
    }
}

#[test]
fn a_types_an_action_t_toggles_it_x_deletes_it_after_asking() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('a'));
    press(&mut app, "Pair on the pipeline by 2027-13-01");
    app.handle_key(key(KeyCode::Enter));
    assert!(app.profile.actions.is_empty(), "not a day: not added");
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Not added: `2027-13-01` is not a date"),
        "{shown}"
    );
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Backspace));
    }
    press(&mut app, "12-31");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Enter));
    let action = app.profile.actions.first().expect("added");
    assert_eq!(action.text, "Pair on the pipeline");
    assert_eq!(action.due_day().as_deref(), Some("2027-12-31"));
    assert_eq!(action.statement, "level-4/engineering-maturity/1");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Action (open, due 2027-12-31)"), "{shown}");
    app.handle_key(ch('t'));
    assert!(app.profile.actions[0].done.is_some());
    app.handle_key(ch('X'));
    pause(&mut app);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.profile.actions.len(), 1, "Esc keeps it");
    pause(&mut app);
    app.handle_key(ch('X'));
    pause(&mut app);
    app.handle_key(ch('y'));
    assert!(app.profile.actions.is_empty());
    pause(&mut app);
    app.handle_key(ch('a'));
    press(&mut app, "never mind");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.profile.actions.is_empty(), "Esc closes the line");
}
