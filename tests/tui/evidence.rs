//! The evidence of a statement in the assessment screen (`v`): the dialog,
//! the list's marker, the detail pane and the summary's counts, and every
//! change it makes (add, link, unlink, delete) saved and undone with `u`.

use crate::tui_support;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use rungs::model::{Evidence, Profile};
use rungs::tui::app::{App, Effect, Mode};
use rungs::tui::clock::Moment;
use tui_support::*;

fn day(text: &str) -> toml::value::Date {
    text.parse::<toml::value::Datetime>()
        .expect("a day")
        .date
        .expect("a date")
}

/// Alex's partly rated profile with two items: a design review supporting
/// three statements (two areas), and a runbook commit supporting one.
pub fn with_evidence() -> Profile {
    let mut profile = partly_rated();
    let mut review = Evidence::new(
        day("2026-10-04"),
        "Led the design review of the billing queue",
        "t1",
    );
    review.id = "e1".into();
    review.links = vec!["https://example.com/pr/7".into()];
    review.statements = vec![
        "level-4/engineering-maturity/1".into(),
        "level-4/engineering-maturity/3".into(),
        "level-4/automation/1".into(),
    ];
    profile.add_evidence(review);
    let mut runbook = Evidence::new(day("2026-11-02"), "Wrote the failover runbook", "t2");
    runbook.id = "e2".into();
    runbook.commits = vec!["rungs@1a2b3c4".into()];
    runbook.statements = vec!["level-4/engineering-maturity/1".into()];
    profile.add_evidence(runbook);
    profile
}

/// The app at a fixed moment, so today's date in the form is known.
fn at_fixed_moment(profile: Profile, mode: Mode, who: &str) -> App {
    let mut app = app(profile, mode, who);
    let wall: jiff::ZonedDateTime = "2026-11-26T09:00:00+00:00[UTC]".parse().expect("a moment");
    app.set_now(Moment {
        instant: std::time::Instant::now(),
        wall,
    });
    app
}

fn ids_of(app: &App, key: &str) -> Vec<String> {
    app.profile.items().of(key).map(|e| e.id.clone()).collect()
}

#[test]
fn the_list_marks_statements_with_evidence_and_the_pane_lists_them() {
    let app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    assert_snapshot!("evidence_main_100x30", render(&app, 100, 30).backend());
    let screen = screen(&app, 100, 30);
    assert!(screen.contains("◆2"), "{screen}");
    assert!(screen.contains("◆1"), "{screen}");
    assert!(screen.contains("Evidence (2, v opens):"), "{screen}");
    assert!(
        screen.contains("2026-11-02  Wrote the failover runbook"),
        "{screen}"
    );
}

#[test]
fn a_profile_without_evidence_draws_as_before() {
    let app = at_fixed_moment(partly_rated(), Mode::Assess, "Alex Doe");
    let screen = screen(&app, 100, 30);
    assert!(!screen.contains('◆'), "{screen}");
    assert!(!screen.contains("Evidence"), "{screen}");
}

#[test]
fn the_dialog_lists_the_statements_items() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    press(&mut app, "v");
    assert_snapshot!("evidence_dialog_100x30", render(&app, 100, 30).backend());
    assert_snapshot!("evidence_dialog_80x24", render(&app, 80, 24).backend());
}

#[test]
fn adding_an_item_saves_it_on_the_statement_and_u_takes_it_back() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    press(&mut app, "jv");
    press(&mut app, "a");
    assert_snapshot!("evidence_form_100x30", render(&app, 100, 30).backend());
    press(&mut app, "Paired on the alerting rules");
    app.handle_key(key(KeyCode::Tab));
    for _ in 0.."2026-11-26".len() {
        app.handle_key(key(KeyCode::Backspace));
    }
    press(&mut app, "2026-11-20");
    app.handle_key(key(KeyCode::Tab));
    press(&mut app, "rungs@abcdef1");
    assert_eq!(app.handle_key(key(KeyCode::Enter)), Effect::Save);
    assert!(app.has_unsaved());
    let added = app.profile.evidence.last().expect("an item").clone();
    assert_eq!(added.text, "Paired on the alerting rules");
    assert_eq!(added.date.to_string(), "2026-11-20");
    assert_eq!(added.commits, ["rungs@abcdef1"]);
    assert_eq!(added.statements, ["level-4/engineering-maturity/2"]);
    assert_eq!(
        ids_of(&app, "level-4/engineering-maturity/2"),
        [added.id.as_str()]
    );
    // Still in the dialog: u undoes there, as on the main screen.
    assert_eq!(app.handle_key(ch('u')), Effect::Save);
    assert!(app.profile.items().get(&added.id).is_none());
    assert_eq!(app.profile.evidence.len(), 2);
    assert_eq!(
        app.handle_key(rungs_ctrl('r')),
        Effect::Save,
        "C-r redoes the add"
    );
    assert_eq!(app.profile.items().get(&added.id), Some(&added));
}

fn rungs_ctrl(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )
}

#[test]
fn a_date_after_today_or_not_a_day_is_refused_and_the_form_stays() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    press(&mut app, "va");
    press(&mut app, "Future work");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Backspace));
    press(&mut app, "7");
    assert_eq!(app.handle_key(key(KeyCode::Enter)), Effect::None);
    let said = app.status.clone().expect("a message").text;
    assert!(said.contains("after today (2026-11-26)"), "{said}");
    for _ in 0..10 {
        app.handle_key(key(KeyCode::Backspace));
    }
    press(&mut app, "2026-02-30");
    assert_eq!(app.handle_key(key(KeyCode::Enter)), Effect::None);
    let said = app.status.clone().expect("a message").text;
    assert!(said.contains("is not a day"), "{said}");
    assert_eq!(app.profile.evidence.len(), 2);
    assert!(screen(&app, 100, 30).contains("Future work"));
}

#[test]
fn linking_an_item_of_another_statement_then_unlinking_keeps_the_item() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    // Engineering maturity 2 has no evidence: link the runbook (e2).
    press(&mut app, "jv");
    press(&mut app, "l");
    assert_snapshot!("evidence_pick_100x30", render(&app, 100, 30).backend());
    press(&mut app, "j");
    assert_eq!(app.handle_key(key(KeyCode::Enter)), Effect::Save);
    assert_eq!(ids_of(&app, "level-4/engineering-maturity/2"), ["e2"]);
    assert_eq!(
        app.profile.items().get("e2").expect("e2").statements,
        [
            "level-4/engineering-maturity/1",
            "level-4/engineering-maturity/2"
        ]
    );
    assert_eq!(app.handle_key(ch('d')), Effect::Save);
    assert!(ids_of(&app, "level-4/engineering-maturity/2").is_empty());
    assert_eq!(app.profile.evidence.len(), 2, "the item stays");
    assert_eq!(app.handle_key(ch('u')), Effect::Save);
    assert_eq!(ids_of(&app, "level-4/engineering-maturity/2"), ["e2"]);
}

#[test]
fn deleting_asks_first_and_u_brings_the_item_back_whole() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    let before = app.profile.evidence.clone();
    press(&mut app, "vX");
    assert_snapshot!("evidence_delete_100x30", render(&app, 100, 30).backend());
    assert_eq!(app.handle_key(ch('n')), Effect::None);
    assert_eq!(app.profile.evidence, before, "n keeps it");
    press(&mut app, "X");
    assert_eq!(app.handle_key(ch('y')), Effect::Save);
    assert_eq!(app.profile.evidence.len(), 1);
    assert!(app.profile.items().get("e1").is_none());
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, rungs::tui::app::Overlay::None));
    assert_eq!(
        app.handle_key(ch('u')),
        Effect::Save,
        "u on the main screen"
    );
    assert_eq!(app.profile.evidence, before);
}

#[test]
fn undo_takes_back_ratings_and_evidence_in_the_order_made() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    press(&mut app, "j1");
    press(&mut app, "kkvX");
    app.handle_key(ch('y'));
    press(&mut app, "q");
    assert_eq!(app.profile.evidence.len(), 1);
    press(&mut app, "u");
    assert_eq!(app.profile.evidence.len(), 2);
    let own = app.edited().expect("a round");
    assert_eq!(
        own.mark("level-4/engineering-maturity/2"),
        rungs::model::Mark::Value(1)
    );
    press(&mut app, "u");
    let own = app.edited().expect("a round");
    assert_eq!(
        own.mark("level-4/engineering-maturity/2"),
        rungs::model::Mark::Value(4)
    );
}

#[test]
fn a_manager_sees_the_persons_evidence_read_only() {
    let profile = with_manager(with_evidence());
    let mut app = at_fixed_moment(profile, Mode::Review, "Sam Lee");
    let before = app.profile.evidence.clone();
    assert_snapshot!("evidence_review_100x30", render(&app, 100, 30).backend());
    press(&mut app, "v");
    for c in ['a', 'l', 'd', 'x', 'X', 'u'] {
        assert_eq!(app.handle_key(ch(c)), Effect::None, "{c}");
        let said = app.status.clone().expect("a message").text;
        assert!(
            said.contains("Read-only: this is Alex Doe's evidence"),
            "{said}"
        );
    }
    assert_eq!(app.profile.evidence, before);
    assert!(!app.has_unsaved());
    assert!(screen(&app, 100, 30).contains("Wrote the failover runbook"));
}

#[test]
fn the_summary_counts_evidence_per_area() {
    let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
    press(&mut app, "s");
    assert_snapshot!("evidence_summary_100x30", render(&app, 100, 30).backend());
    let screen = screen(&app, 100, 30);
    assert!(screen.contains("2 on 2/3"), "{screen}");
    assert!(screen.contains("1 on 1/3"), "{screen}");
}

#[test]
fn hostile_evidence_never_reaches_the_screen_raw() {
    let mut profile = with_evidence();
    let hostile = "wipe\u{1b}[2J \u{1b}]52;c;aGk=\u{7} \u{202e}evil \r\n|pipe| <script>";
    profile.evidence[0].text = hostile.into();
    profile.evidence[0].links = vec![format!("javascript:alert(1)\u{1b}[31m{hostile}")];
    profile.evidence[1].commits = vec![format!("re\u{1b}]2;po\u{7}@1a2b3c4")];
    let mut app = at_fixed_moment(profile, Mode::Assess, "Alex Doe");
    for keys in ["", "v", "l", "\u{1b}", "s"] {
        for c in keys.chars() {
            if c == '\u{1b}' {
                app.handle_key(key(KeyCode::Esc));
            } else {
                app.handle_key(ch(c));
            }
        }
        for (w, h) in [(80, 24), (160, 50)] {
            let screen = screen(&app, w, h);
            assert!(
                !screen
                    .chars()
                    .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
                "{screen:?}"
            );
        }
    }
}

#[test]
fn the_pane_shows_what_fits_and_counts_the_rest() {
    let mut profile = partly_rated();
    for i in 0..40 {
        let mut item = Evidence::new(day("2026-10-04"), &format!("Piece {i}"), "t");
        item.statements = vec!["level-4/engineering-maturity/1".into()];
        profile.add_evidence(item);
    }
    let app = at_fixed_moment(profile, Mode::Assess, "Alex Doe");
    let screen = screen(&app, 100, 40);
    assert!(screen.contains("Evidence (40, v opens):"), "{screen}");
    assert!(screen.contains("◆40"), "{screen}");
    let more = screen
        .lines()
        .find(|l| l.contains("more: v lists them all"))
        .unwrap_or_else(|| panic!("a count of the rest:\n{screen}"));
    let shown = screen
        .lines()
        .filter(|l| l.contains("◆ 2026-10-04  Piece"))
        .count();
    assert!(
        more.contains(&format!("… and {} more", 40 - shown)),
        "{more}"
    );
}

mod in_any_order {
    //! The app driven by keys: adding, linking, unlinking, deleting,
    //! undoing and redoing evidence in any order loses no item but one
    //! deleted on purpose, and undoing everything gives the start back.

    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[derive(Debug, Clone)]
    enum Op {
        Move(bool, usize),
        Add(String),
        Link(usize),
        Unlink(usize),
        Delete(usize),
        Undo,
        Redo,
    }

    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any::<bool>(), 1..4usize).prop_map(|(down, n)| Op::Move(down, n)),
            "[a-z][a-z ]{0,7}".prop_map(Op::Add),
            (0..3usize).prop_map(Op::Link),
            (0..3usize).prop_map(Op::Unlink),
            (0..3usize).prop_map(Op::Delete),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    fn ids(app: &App) -> BTreeSet<String> {
        app.profile.evidence.iter().map(|e| e.id.clone()).collect()
    }

    /// From anywhere in the dialog back to the main screen, then `v`.
    fn open(app: &mut App) {
        app.handle_key(key(KeyCode::Esc));
        app.handle_key(key(KeyCode::Esc));
        app.handle_key(ch('v'));
    }

    fn play(app: &mut App, op: &Op) {
        match op {
            Op::Move(down, n) => {
                app.handle_key(key(KeyCode::Esc));
                app.handle_key(key(KeyCode::Esc));
                for _ in 0..*n {
                    app.handle_key(ch(if *down { 'j' } else { 'k' }));
                }
            }
            Op::Add(text) => {
                open(app);
                app.handle_key(ch('a'));
                press(app, text);
                app.handle_key(key(KeyCode::Enter));
            }
            Op::Link(n) => {
                open(app);
                app.handle_key(ch('l'));
                for _ in 0..*n {
                    app.handle_key(ch('j'));
                }
                app.handle_key(key(KeyCode::Enter));
            }
            Op::Unlink(n) | Op::Delete(n) => {
                open(app);
                for _ in 0..*n {
                    app.handle_key(ch('j'));
                }
                if matches!(op, Op::Delete(_)) {
                    press(app, "Xy");
                } else {
                    app.handle_key(ch('d'));
                }
            }
            Op::Undo => {
                app.handle_key(ch('u'));
            }
            Op::Redo => {
                app.handle_key(rungs_ctrl('r'));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn no_item_is_lost_but_on_purpose(ops in proptest::collection::vec(any_op(), 0..30)) {
            let mut app = at_fixed_moment(with_evidence(), Mode::Assess, "Alex Doe");
            let start = app.profile.evidence.clone();
            let mut texts = std::collections::BTreeMap::new();
            for op in &ops {
                let before = ids(&app);
                play(&mut app, op);
                let after = ids(&app);
                let lost = before.difference(&after).count();
                let gained = after.difference(&before).count();
                match op {
                    Op::Add(_) => prop_assert_eq!((lost, gained), (0, 1), "{:?} adds one item", op),
                    Op::Delete(_) | Op::Undo | Op::Redo => prop_assert!(lost + gained <= 1, "{op:?}"),
                    _ => prop_assert_eq!(lost, 0, "{:?} lost an item", op),
                }
                for item in &app.profile.evidence {
                    let text = texts.entry(item.id.clone()).or_insert_with(|| item.text.clone());
                    prop_assert_eq!(&item.text, text, "an item's words never change");
                }
            }
            app.handle_key(key(KeyCode::Esc));
            app.handle_key(key(KeyCode::Esc));
            for _ in 0..ops.len() * 2 + 2 {
                app.handle_key(ch('u'));
            }
            prop_assert_eq!(&app.profile.evidence, &start);
        }
    }
}
