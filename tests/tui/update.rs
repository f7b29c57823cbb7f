//! The app's state transitions, key by key, without a terminal.

use crate::tui_support;

use ratatui::crossterm::event::KeyCode;
use rungs::model::{Mark, Role};
use rungs::tui::action::Action;
use rungs::tui::app::{Effect, Mode, Overlay};
use tui_support::*;

#[test]
fn digits_rate_and_move_on_across_area_ends() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    assert_eq!(app.update(Action::Rate(3)), Effect::Save);
    assert_eq!((app.area, app.row), (0, 1));
    press(&mut app, "42");
    // The last statement of the first area was rated: on to the next area.
    assert_eq!((app.area, app.row), (1, 0));
    assert_eq!(app.mark_at(0, 0), Mark::Value(3));
    assert_eq!(app.mark_at(0, 1), Mark::Value(4));
    assert_eq!(app.mark_at(0, 2), Mark::Value(2));
    assert_eq!(app.tally(0).met, 2);
    let round = app
        .profile
        .current(Role::Own)
        .expect("a self assessment was started");
    assert_eq!(round.assessor, "Alex Doe");
}

#[test]
fn digits_off_the_scale_change_nothing() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    for value in [0, 5, 9] {
        assert_eq!(app.update(Action::Rate(value)), Effect::None);
    }
    assert_eq!(app.mark_at(0, 0), Mark::Unrated);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not on this scale"))
    );
    assert!(
        app.profile.assessments.is_empty(),
        "no assessment is started by a refused key"
    );
}

#[test]
fn raise_and_lower_stop_at_the_ends_of_the_scale() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    app.update(Action::Raise);
    assert_eq!(app.mark_at(0, 0), Mark::Value(1));
    assert_eq!(
        app.update(Action::Lower),
        Effect::None,
        "already at the lowest point"
    );
    for _ in 0..6 {
        app.update(Action::Raise);
    }
    assert_eq!(app.mark_at(0, 0), Mark::Value(4));
    app.update(Action::Lower);
    assert_eq!(app.mark_at(0, 0), Mark::Value(3));
    assert_eq!(
        (app.area, app.row),
        (0, 0),
        "raise and lower stay on the statement"
    );
}

#[test]
fn moving_crosses_areas_and_stops_at_both_ends() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    app.update(Action::Prev);
    assert_eq!((app.area, app.row), (0, 0));
    press(&mut app, "jjj");
    assert_eq!((app.area, app.row), (1, 0));
    app.update(Action::Prev);
    assert_eq!((app.area, app.row), (0, 2));
    for _ in 0..40 {
        app.update(Action::Next);
    }
    assert_eq!(
        (app.area, app.row),
        (4, 1),
        "the last statement of the last area"
    );
    app.handle_key(key(KeyCode::Tab));
    assert_eq!((app.area, app.row), (0, 0), "Tab wraps to the first area");
    app.handle_key(key(KeyCode::BackTab));
    assert_eq!(app.area, 4);
}

#[test]
fn not_applicable_asks_why_and_keeps_the_note() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    assert_eq!(app.update(Action::NotApplicable), Effect::Save);
    assert!(matches!(app.overlay, Overlay::Note(_)));
    press(&mut app, "Not in my team");
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Effect::Save);
    let rating = app.rating_at(0, 0).expect("rated");
    assert_eq!(rating.mark(), Mark::NotApplicable);
    assert_eq!(rating.note(), "Not in my team");
    assert_eq!(app.tally(0).total, 2, "not applicable is out of the total");
}

#[test]
fn notes_are_multi_line_and_esc_keeps_them() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::Note(_)));
    press(&mut app, "first");
    app.handle_key(key(KeyCode::Enter));
    press(&mut app, "second | with pipe");
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Effect::Save);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(
        app.rating_at(0, 0).map(|r| r.note()),
        Some("first\nsecond | with pipe")
    );
    assert_eq!(
        app.mark_at(0, 0),
        Mark::Unrated,
        "a note alone does not rate"
    );
    // Opening and closing without typing changes nothing.
    app.handle_key(ch('n'));
    assert_eq!(app.handle_key(key(KeyCode::Esc)), Effect::None);
}

#[test]
fn clear_and_undo_several_steps() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    assert_eq!(app.mark_at(0, 0), Mark::Value(3));
    app.update(Action::Clear);
    assert_eq!(app.mark_at(0, 0), Mark::Unrated);
    assert_eq!(
        app.rating_at(0, 0).map(|r| r.note()),
        Some("Chose the queue design for the billing rewrite; wrote the ADR."),
        "clearing keeps the note"
    );
    app.update(Action::Rate(1));
    app.update(Action::Rate(1));
    assert_eq!(app.update(Action::Undo), Effect::Save);
    assert_eq!(app.mark_at(0, 1), Mark::Value(4));
    assert_eq!((app.area, app.row), (0, 1), "undo shows what it undid");
    app.update(Action::Undo);
    app.update(Action::Undo);
    assert_eq!(app.mark_at(0, 0), Mark::Value(3));
    assert_eq!(app.update(Action::Undo), Effect::None);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Nothing to undo"))
    );
}

#[test]
fn brackets_jump_between_unrated_statements() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.update(Action::NextUnrated);
    assert_eq!((app.area, app.row), (1, 0));
    app.update(Action::PrevUnrated);
    assert_eq!(
        (app.area, app.row),
        (4, 1),
        "backwards wraps to the last unrated"
    );
}

#[test]
fn search_finds_statements_and_notes_and_jumps() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('/'));
    press(&mut app, "billing");
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open")
    };
    assert_eq!(
        search.matches,
        vec![rungs::tui::search::Match {
            key: k("level-4/engineering-maturity/1"),
            note_line: Some(
                "Chose the queue design for the billing rewrite; wrote the ADR.".to_owned()
            ),
        }],
        "found by the note, which the list shows"
    );
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(ch('/'));
    press(&mut app, "LINT");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(
        (app.area, app.row),
        (2, 2),
        "the automation statement about lint"
    );
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn help_and_summary_open_and_close() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('?'));
    assert!(matches!(app.overlay, Overlay::Help));
    app.handle_key(ch('?'));
    assert!(matches!(app.overlay, Overlay::None));
    app.handle_key(ch('s'));
    assert!(matches!(app.overlay, Overlay::Summary));
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.handle_key(ch('q')), Effect::Quit);
    assert_eq!(app.handle_key(ch('e')), Effect::Export);
}

#[test]
fn review_edits_only_the_managers_ratings() {
    let profile = partly_rated();
    let own_before = profile.current(Role::Own).cloned();
    let mut app = app(profile, Mode::Review, "Sam Lee");
    app.update(Action::Rate(1));
    app.update(Action::Rate(2));
    let manager = app
        .profile
        .current(Role::Manager)
        .expect("a manager assessment");
    assert_eq!(manager.assessor, "Sam Lee");
    assert_eq!(
        manager.mark("level-4/engineering-maturity/1"),
        Mark::Value(1)
    );
    assert_eq!(
        app.profile.current(Role::Own).cloned(),
        own_before,
        "the self assessment is untouched"
    );
    assert_eq!(app.beside_at(0, 0).map(|r| r.mark()), Some(Mark::Value(3)));
    assert!(app.is_gap(0, 0), "3 against 1");
    assert!(app.is_gap(0, 1), "4 against 2");
    assert!(!app.is_gap(0, 2), "no manager rating: no gap");
}

#[test]
fn d_jumps_to_the_next_difference_in_review_only() {
    let mut review = app(with_manager(partly_rated()), Mode::Review, "Sam Lee");
    review.handle_key(ch('d'));
    assert_eq!((review.area, review.row), (0, 1), "4 against 2");
    review.handle_key(ch('d'));
    assert_eq!((review.area, review.row), (0, 2), "2 against 4");
    review.handle_key(ch('d'));
    assert_eq!((review.area, review.row), (0, 1), "wraps around");
    let mut assess = app(with_manager(partly_rated()), Mode::Assess, "Alex Doe");
    assess.handle_key(ch('d'));
    assert_eq!((assess.area, assess.row), (0, 0));
}

#[test]
fn a_read_only_session_changes_nothing() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.read_only = Some("Alex Doe (process 42)".into());
    let before = app.profile.clone();
    for action in [
        Action::Rate(1),
        Action::Clear,
        Action::NotApplicable,
        Action::Raise,
        Action::EditNote,
        Action::EditExternal,
    ] {
        assert_eq!(app.update(action), Effect::None);
    }
    assert_eq!(app.profile, before);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Read-only"))
    );
}

#[test]
fn a_new_round_is_prefilled_and_keeps_the_old_one() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.start_new_round();
    assert_eq!(app.round(), 2);
    assert_eq!(
        app.mark_at(0, 0),
        Mark::Value(3),
        "pre-filled from the last round"
    );
    app.update(Action::Rate(4));
    assert_eq!(app.profile.assessments.len(), 2);
    assert_eq!(
        app.profile.assessments[0].mark("level-4/engineering-maturity/1"),
        Mark::Value(3)
    );
    assert_eq!(
        app.profile.assessments[1].mark("level-4/engineering-maturity/1"),
        Mark::Value(4)
    );
}

#[test]
fn random_keys_never_panic() {
    let mut app = app(with_manager(partly_rated()), Mode::Review, "Sam Lee");
    let keys = "jkhl0123456789-x][/aq?sEneu\u{1b}d<>";
    for (i, c) in keys.chars().cycle().take(600).enumerate() {
        let event = match c {
            '\u{1b}' => key(KeyCode::Esc),
            _ if i % 7 == 0 => key(KeyCode::Tab),
            c => ch(c),
        };
        app.handle_key(event);
        let _ = screen(&app, 60 + (i % 50) as u16, 12 + (i % 30) as u16);
    }
}

#[test]
fn a_second_manager_sees_gaps_only_against_their_own_ratings() {
    // Sam Lee's round has gaps at rows 1 and 2; Kim Park has rated nothing.
    let mut review = app(with_manager(partly_rated()), Mode::Review, "Kim Park");
    assert_eq!(review.mark_at(0, 1), Mark::Unrated, "Kim's own column");
    assert!(
        !review.is_gap(0, 1),
        "no ⚠ beside a statement Kim has not rated"
    );
    review.handle_key(ch('d'));
    assert_eq!(
        (review.area, review.row),
        (0, 0),
        "d finds nothing to jump to"
    );
    review.update(Action::Rate(1));
    assert!(review.is_gap(0, 0), "Kim's 1 against the self 3");
}

fn atelier_app() -> rungs::tui::app::App {
    let framework = framework_file("tests/fixtures/frameworks/atelier.toml");
    let profile = rungs::model::Profile::new("Robin", "atelier", "ingenierie", "apprenti");
    rungs::tui::app::App::new(framework, profile, Mode::Assess, "Robin").expect("fits")
}

#[test]
fn undo_after_a_level_switch_puts_back_the_statement_it_changed() {
    // Collaboration (area 2) of the first level has three statements; the
    // next level's second area has fewer, and other ids: a position-based
    // undo panicked here or wrote another statement.
    let mut app = atelier_app();
    press(&mut app, "jjj");
    let key = app.selected_key().clone();
    assert_eq!(key.to_string(), "apprenti/collaboration/2");
    assert_eq!(app.update(Action::Rate(3)), Effect::Save);
    press(&mut app, ">j");
    assert_eq!(app.update(Action::Undo), Effect::Save);
    let own = app.profile.current(Role::Own).expect("a round");
    assert!(own.ratings().is_empty(), "{:?}", own.ratings());
    assert_eq!(
        app.level().id,
        "apprenti",
        "undo shows the statement it changed"
    );
    assert_eq!(app.selected_key(), &key);
    let status = app.status.clone().expect("feedback").text;
    assert!(status.starts_with("Undone: the rating of"), "{status}");
    assert!(status.contains("Collaboration 2"), "{status}");
    // Redo puts it back, and a new change forgets what could be redone.
    press(&mut app, ">");
    assert_eq!(
        app.handle_key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('r'),
            ratatui::crossterm::event::KeyModifiers::CONTROL
        )),
        Effect::Save
    );
    assert_eq!(app.selected_key(), &key);
    assert_eq!(app.mark_at(app.area, app.row), Mark::Value(3));
    press(&mut app, "4");
    assert_eq!(app.update(Action::Redo), Effect::None);
}

#[test]
fn undo_never_leaves_a_statement_rated_twice() {
    let mut app = atelier_app();
    for keys in ["3", ">", "2", "<", "4", ">", "5"] {
        press(&mut app, keys);
    }
    for _ in 0..6 {
        app.update(Action::Undo);
        app.update(Action::Redo);
        app.update(Action::Undo);
    }
    let framework = framework_file("tests/fixtures/frameworks/atelier.toml");
    assert!(app.profile.check(&framework).problems.is_empty());
    let own = app.profile.current(Role::Own).expect("a round");
    assert!(
        own.ratings().is_empty(),
        "every change undone: {:?}",
        own.ratings()
    );
}

#[test]
fn a_paste_types_only_into_a_note_or_the_search_line() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    let before = app.profile.clone();
    assert_eq!(app.paste("see https://wiki/x-123 hle"), Effect::None);
    assert_eq!(app.profile, before, "no key of the paste acted");
    assert!(
        app.status
            .expect("a hint")
            .text
            .contains("paste into a note")
    );
    let mut app = app_with_note_open();
    app.paste("line one\r\nline\ttwo \u{1b}[2J\n");
    assert_eq!(app.flush_note(), Effect::Save);
    assert_eq!(
        app.note_at(0, 0),
        "Chose the queue design for the billing rewrite; wrote the ADR.line one\nline\ttwo [2J\n",
        "the paste as pasted: its tab and line breaks kept, the escape (a terminal's colours) not"
    );
}

fn app_with_note_open() -> rungs::tui::app::App {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    assert!(matches!(app.overlay, Overlay::Note(_)));
    app
}

#[test]
fn the_note_is_handed_over_as_typed_and_undone_in_one_step() {
    let mut app = app_with_note_open();
    press(&mut app, " More");
    assert!(app.note_pending());
    assert_eq!(app.flush_note(), Effect::Save);
    assert!(!app.note_pending());
    assert_eq!(app.flush_note(), Effect::None, "nothing new to hand over");
    press(&mut app, " again");
    app.flush_note();
    app.handle_key(key(KeyCode::Esc));
    assert!(app.note_at(0, 0).ends_with("More again"));
    app.update(Action::Undo);
    assert_eq!(
        app.note_at(0, 0),
        "Chose the queue design for the billing rewrite; wrote the ADR.",
        "one editing session, one undo step"
    );
}

#[test]
fn keys_do_nothing_while_the_screen_is_too_small() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.set_screen(30, 8);
    let before = app.profile.clone();
    for c in "2xhl-n/uE".chars() {
        assert_eq!(app.handle_key(ch(c)), Effect::None, "{c}");
    }
    assert_eq!(app.profile, before);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(
        app.handle_key(ch('q')),
        Effect::Quit,
        "quitting still works"
    );
    app.set_screen(80, 24);
    assert_eq!(app.handle_key(ch('2')), Effect::Save);
}

#[test]
fn a_level_given_on_the_command_line_is_asked_about() {
    let mut app = atelier_app();
    app.ask_move_level("compagnon");
    pause(&mut app);
    assert_eq!(app.handle_key(ch('n')), Effect::None);
    assert_eq!(app.profile.level, "apprenti");
    app.ask_move_level("compagnon");
    pause(&mut app);
    assert_eq!(app.handle_key(ch('y')), Effect::Save);
    assert_eq!(app.profile.level, "compagnon");
    assert_eq!(app.level().id, "compagnon");
    assert!(app.has_unsaved());
}

fn forge(version: &str) -> rungs::model::Framework {
    framework_file(&format!("tests/fixtures/evolution/forge-{version}.toml"))
}

/// Robin rated the first area on v1 of the framework; v2 rewords statement 1.
fn rated_on_v1() -> rungs::model::Profile {
    let profile = rungs::model::Profile::new("Robin", "forge", "backend", "l1");
    let mut app =
        rungs::tui::app::App::new(forge("v1"), profile, Mode::Assess, "Robin").expect("fits");
    press(&mut app, "333");
    app.profile
}

#[test]
fn a_rating_remembers_the_words_it_was_given_against() {
    let profile = rated_on_v1();
    let own = profile.current(Role::Own).expect("a round");
    let seen = own
        .rating("l1/delivery/1")
        .and_then(|r| r.seen.clone())
        .expect("a fingerprint");
    assert_eq!(
        seen,
        rungs::model::fingerprint::fingerprint("I ship small changes behind a review.")
    );
    let mut app =
        rungs::tui::app::App::new(forge("v2"), profile, Mode::Assess, "Robin").expect("fits");
    assert!(app.is_reworded_at(0, 0), "statement 1 was reworded in v2");
    assert!(!app.is_reworded_at(0, 1), "statement 5 is new: never rated");
    let screen = screen(&app, 100, 30);
    assert!(screen.contains('Δ'), "{screen}");
    assert!(screen.contains("Reworded since you rated it"), "{screen}");
    // `c` finds it from anywhere; Enter asks, and y pins the rating to the new words.
    press(&mut app, "jjc");
    assert_eq!(app.selected_key(), &k("l1/delivery/1"));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::Dialog(_)));
    pause(&mut app);
    assert_eq!(app.handle_key(ch('y')), Effect::Save);
    assert!(!app.is_reworded_at(0, 0));
    assert_eq!(
        app.mark_at(0, 0),
        Mark::Value(3),
        "the rating itself is unchanged"
    );
    app.update(Action::NextReworded);
    assert!(
        app.status
            .expect("a word")
            .text
            .contains("No statement was reworded")
    );
}

/// The words a rating was given against are kept in the profile, once per
/// wording; when the framework words the statement otherwise later, the
/// detail shows both, word-marked.
#[test]
fn a_reworded_statement_shows_the_words_it_had_then() {
    let profile = rated_on_v1();
    let seen = rungs::model::fingerprint::fingerprint("I ship small changes behind a review.");
    assert_eq!(
        profile.wording(&seen),
        Some("I ship small changes behind a review.")
    );
    // Through the file and back.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("robin.toml");
    let (mut file, _) =
        tui_support::open_as(&path, rungs::model::save_merge::Claim::Everything, "test");
    file.save(&profile).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("[wordings]"), "{text}");
    assert_eq!(
        text.matches("I ship small changes behind a review.")
            .count(),
        1,
        "one copy of a wording, whatever holds it: {text}"
    );
    let profile = rungs::store::read::parse_profile(&path, &text).expect("reads back");
    let mut app =
        rungs::tui::app::App::new(forge("v2"), profile, Mode::Assess, "Robin").expect("fits");
    let screen = screen(&app, 100, 30);
    let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("Then: I ship"), "{screen}");
    assert!(
        joined.contains("[-") && joined.contains("{+"),
        "word-marked: {screen}"
    );
    assert!(
        joined.contains("Then: I ship [-small-]{+small,+} {+reviewed +}changes [-behind a-]{+every+} [-review.-]{+week.+}"),
        "the old words and the new, marked: {screen}"
    );
    // Rated again against the new words: those are kept, the old let go.
    press(&mut app, "4");
    let new = rungs::model::fingerprint::fingerprint("I ship small, reviewed changes every week.");
    assert_eq!(
        app.profile.wording(&new),
        Some("I ship small, reviewed changes every week.")
    );
}

/// A rating from a rungs that did not keep wordings: Δ says the old words
/// are not known rather than showing nothing.
#[test]
fn a_reworded_statement_rated_by_an_older_rungs_says_its_words_were_not_kept() {
    let mut profile = rated_on_v1();
    profile.wordings.clear();
    let app = rungs::tui::app::App::new(forge("v2"), profile, Mode::Assess, "Robin").expect("fits");
    let screen = screen(&app, 100, 30);
    let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("The words it had then were not kept"),
        "{screen}"
    );
}

#[test]
fn rating_again_clears_the_reworded_mark() {
    let mut app =
        rungs::tui::app::App::new(forge("v2"), rated_on_v1(), Mode::Assess, "Robin").expect("fits");
    assert!(app.is_reworded_at(0, 0));
    press(&mut app, "4");
    assert!(!app.is_reworded_at(0, 0));
    app.update(Action::Undo);
    assert!(
        app.is_reworded_at(0, 0),
        "undo brings back the old fingerprint too"
    );
}

#[test]
fn d_shows_what_the_next_level_asks_with_the_ratings_ahead() {
    let profile = rungs::model::Profile::new("Robin", "forge", "backend", "l1");
    let mut app =
        rungs::tui::app::App::new(forge("v2"), profile, Mode::Assess, "Robin").expect("fits");
    // Rate the next level's first statement ahead.
    press(&mut app, ">j4<sD");
    assert!(matches!(app.overlay, Overlay::LevelDiff));
    let screen = screen(&app, 110, 40);
    assert!(screen.contains("What Engineer II asks for"), "{screen}");
    assert!(
        screen.contains("+ [ahead 4] I plan the tests of a feature before I build it."),
        "{screen}"
    );
    assert!(
        screen.contains("+ I split a large change into steps others can review."),
        "{screen}"
    );
    assert!(screen.contains("Mentoring (new at this level)"), "{screen}");
    assert!(
        screen.contains("− I ask for help when I am stuck for an hour."),
        "{screen}"
    );
    // Opened from the summary, it closes back to the summary.
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::Summary));
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
    // Opened from the main screen, it closes to it.
    press(&mut app, "D");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::None));
}

#[test]
fn capital_c_lists_what_changed_since_the_last_round() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "C");
    assert!(
        app.status
            .clone()
            .expect("a word")
            .text
            .contains("no earlier round")
    );
    app.start_new_round();
    press(&mut app, "4");
    press(&mut app, "sC");
    let screen = screen(&app, 100, 30);
    assert!(
        screen.contains("Alex Doe's self-assessment since round 1"),
        "{screen}"
    );
    assert!(
        screen.contains("changed   3 → 4  I am able to pitch"),
        "{screen}"
    );
    assert!(
        screen.contains("Engineering Maturity             met 2 → 2 of 3"),
        "{screen}"
    );
    // Opened from the summary, Esc returns to it (item 23.4).
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlay, Overlay::Summary));
}

fn later() -> toml::value::Datetime {
    "2026-12-01T09:00:00Z".parse().expect("a datetime")
}

#[test]
fn f_signs_off_the_round_and_it_stays_read_only() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "F");
    assert!(matches!(app.overlay, Overlay::Dialog(_)));
    pause(&mut app);
    assert_eq!(app.handle_key(ch('n')), Effect::None, "no: nothing changes");
    assert!(app.finished_on().is_none());
    pause(&mut app);
    press(&mut app, "F");
    pause(&mut app);
    assert_eq!(app.handle_key(ch('y')), Effect::Save);
    pause(&mut app);
    let own = app.profile.current(Role::Own).expect("a round");
    assert!(own.finished.is_some(), "finished is recorded");
    assert!(app.finished_on().is_some());
    let before = app.profile.clone();
    for c in "u4xn-".chars() {
        assert_eq!(app.handle_key(ch(c)), Effect::None, "{c}");
    }
    assert_eq!(app.profile, before, "a finished round never changes");
    assert!(app.status.clone().expect("why").text.contains("signed off"));
    let screen = screen(&app, 100, 30);
    assert!(
        screen.contains("FINISHED: this round was signed off"),
        "{screen}"
    );
    // A new round is the way on; it starts open and pre-filled.
    app.start_new_round();
    assert!(app.finished_on().is_none());
    assert_eq!(app.mark_at(0, 0), Mark::Value(3));
    assert_eq!(app.handle_key(ch('4')), Effect::Save);
}

#[test]
fn each_manager_edits_their_own_latest_round_and_starts_from_it() {
    let mut profile = with_manager(partly_rated());
    // A skip-level reviews after Sam.
    let i = profile.new_round(Role::Manager, "Kim Park", later());
    profile.assessments[i].edit(&k("level-4/automation/1"), |r| r.set_mark(Mark::Value(1)));
    let mut sam = app(profile.clone(), Mode::Review, "Sam Lee");
    assert_eq!(sam.edited().map(|a| a.assessor.as_str()), Some("Sam Lee"));
    assert_eq!(
        sam.mark_at(0, 1),
        Mark::Value(2),
        "Sam's own rating, not Kim's round"
    );
    sam.start_new_round();
    let sam_round = sam.edited().expect("a new round");
    assert_eq!(sam_round.assessor, "Sam Lee");
    assert_eq!(
        sam_round.mark("level-4/engineering-maturity/2"),
        Mark::Value(2),
        "pre-filled from Sam's last round"
    );
    assert_eq!(
        sam_round.mark("level-4/automation/1"),
        Mark::Unrated,
        "not from Kim's"
    );
    let managers = sam
        .profile
        .assessments
        .iter()
        .filter(|a| a.role == Role::Manager)
        .count();
    assert_eq!(managers, 3, "no round is lost");
}

#[test]
fn a_review_offers_a_new_round_when_the_person_started_one() {
    let mut profile = with_manager(partly_rated());
    let mut sam = app(profile.clone(), Mode::Review, "Sam Lee");
    sam.offer_new_round();
    assert!(
        matches!(sam.overlay, Overlay::None),
        "same quarter: nothing to offer"
    );
    profile.new_round(Role::Own, "Alex Doe", later());
    let mut sam = app(profile, Mode::Review, "Sam Lee");
    sam.offer_new_round();
    assert!(matches!(sam.overlay, Overlay::Dialog(_)));
    pause(&mut sam);
    let screen = screen(&sam, 100, 30);
    assert!(
        screen.contains("started a new round on 2026-12-01"),
        "{screen}"
    );
    assert_eq!(sam.handle_key(ch('y')), Effect::Save);
    assert_eq!(sam.round(), 2);
}

#[test]
fn a_very_long_note_is_edited_in_the_editor_not_in_the_app() {
    let mut profile = partly_rated();
    let i = profile.current_index(Role::Own).expect("self");
    let long = "log line\n".repeat(1_200_000);
    profile.assessments[i].edit(&k("level-4/engineering-maturity/1"), |r| {
        r.note = Some(long.clone())
    });
    let mut app = app(profile, Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    assert!(
        matches!(app.overlay, Overlay::None),
        "the in-app editor stays closed"
    );
    assert!(app.status.clone().expect("a hint").text.contains("with E"));
    assert_eq!(app.handle_key(ch('E')), Effect::EditExternal);
    // A paste that would make a note that long is refused, and says so.
    let mut app = app_with_note_open();
    app.paste(&long);
    assert_eq!(app.flush_note(), Effect::None);
    assert!(
        app.status
            .clone()
            .expect("a hint")
            .text
            .contains("Too long to paste")
    );
}

#[test]
fn a_review_shows_the_persons_note_as_written_before_the_managers_own() {
    let mut profile = with_manager(partly_rated());
    let i = profile.current_index(Role::Own).expect("self");
    let lines: Vec<String> = (1..=30).map(|n| format!("Evidence line {n}.")).collect();
    profile.assessments[i].edit(&k("level-4/engineering-maturity/2"), |r| {
        r.note = Some(format!(
            "Chose the queue.\nPresented it at guild.\n{}",
            lines.join("\n")
        ))
    });
    let mut sam = app(profile, Mode::Review, "Sam Lee");
    press(&mut sam, "j");
    let screen = screen(&sam, 80, 24);
    assert!(
        screen.contains(" Alex Doe (self): 4 Consistently "),
        "the person's rating comes first: {screen}"
    );
    assert!(screen.contains(" Chose the queue. "), "{screen}");
    assert!(
        screen.contains(" Presented it at guild. "),
        "line breaks kept, without scrolling: {screen}"
    );
    assert!(
        !screen.contains("Needs more guidance than this says."),
        "the manager's own note comes after the person's evidence: {screen}"
    );
    assert!(screen.contains("more ↓"), "{screen}");
    assert!(
        !screen.contains("self 4"),
        "no column squeezes the statement at 80: {screen}"
    );
    for _ in 0..40 {
        press(&mut sam, "J");
    }
    let scrolled = tui_support::screen(&sam, 80, 24);
    assert!(scrolled.contains("Evidence line 30."), "{scrolled}");
    assert!(
        scrolled.contains("Needs more guidance than this says."),
        "{scrolled}"
    );
    assert!(!scrolled.contains("more ↓"), "{scrolled}");
    press(&mut sam, "K");
    press(&mut sam, "j");
    let next = tui_support::screen(&sam, 80, 24);
    assert!(next.contains("Statement 3 of 3"), "{next}");
    let wide = tui_support::screen(&sam, 160, 50);
    assert!(
        wide.contains("self 2"),
        "a wide pane keeps the column: {wide}"
    );
}

#[test]
fn ctrl_z_suspends_from_the_note_editor_too() {
    let mut app = app_with_note_open();
    press(&mut app, " typed");
    let ctrl_z = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('z'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert_eq!(app.handle_key(ctrl_z), Effect::Suspend);
    assert!(
        matches!(app.overlay, Overlay::Note(_)),
        "the editor is there on return"
    );
}

fn mouse(
    kind: ratatui::crossterm::event::MouseEventKind,
    column: u16,
    row: u16,
) -> ratatui::crossterm::event::MouseEvent {
    ratatui::crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }
}

#[test]
fn g_and_shift_g_home_and_end_and_pages_move_as_people_expect() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "G");
    assert_eq!(app.selected_key(), &k("level-4/process-design/2"));
    press(&mut app, "g");
    assert_eq!(app.selected_key(), &k("level-4/engineering-maturity/1"));
    app.handle_key(key(KeyCode::End));
    assert_eq!((app.area, app.row), (4, 1));
    app.handle_key(key(KeyCode::Home));
    assert_eq!((app.area, app.row), (0, 0));
    let shown = tui_support::frame(&mut app, 80, 24);
    // The statement rows the list shows: "│▶ 1 " or "│  2 " after the areas pane.
    let page = shown
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .filter(|row| row.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .count();
    assert!(page >= 3, "{page}");
    app.handle_key(key(KeyCode::PageDown));
    let flat =
        |app: &rungs::tui::app::App| (0..app.area).map(|a| app.rows_in(a)).sum::<usize>() + app.row;
    assert_eq!(flat(&app), page.min(14), "a screenful down, across areas");
    app.handle_key(key(KeyCode::PageUp));
    assert_eq!((app.area, app.row), (0, 0));
}

#[test]
fn jumps_say_which_of_how_many() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "]");
    assert_eq!(app.status.clone().expect("a count").text, "Unrated 1 of 11");
    press(&mut app, "]");
    assert_eq!(app.status.clone().expect("a count").text, "Unrated 2 of 11");
    let mut sam = tui_support::app(with_manager(partly_rated()), Mode::Review, "Sam Lee");
    press(&mut sam, "d");
    assert!(
        sam.status
            .clone()
            .expect("a count")
            .text
            .starts_with("Gap 1 of ")
    );
}

#[test]
fn the_mouse_selects_rates_and_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    let before = tui_support::frame(&mut app, 100, 30);
    // Click the third area's row in the areas pane.
    let (y, _) = before
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Automation"))
        .expect("the areas pane");
    assert_eq!(
        app.mouse(mouse(MouseEventKind::Down(MouseButton::Left), 5, y as u16)),
        Effect::None
    );
    assert_eq!(app.area, 2);
    let screen_now = tui_support::frame(&mut app, 100, 30);
    // The second statement's row, and its third pip.
    let (y, line) = screen_now
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│  2 "))
        .expect("a second row");
    // The statements pane's "│" before the row, then "▶2 ": the pips follow.
    let start = line.find("│  2 ").expect("the row");
    let x = line[..start].chars().count() as u16 + 3 + 2;
    assert_eq!(
        app.mouse(mouse(
            MouseEventKind::Down(MouseButton::Left),
            x + 2,
            y as u16
        )),
        Effect::Save
    );
    assert_eq!(app.row, 1);
    assert_eq!(app.mark_at(2, 1), Mark::Value(3), "the third pip rates 3");
    app.mouse(mouse(MouseEventKind::ScrollDown, 50, 10));
    assert_eq!(app.row, 2);
    app.mouse(mouse(MouseEventKind::ScrollUp, 50, 10));
    assert_eq!(app.row, 1);
    // A popup takes no clicks.
    press(&mut app, "?");
    assert_eq!(
        app.mouse(mouse(
            MouseEventKind::Down(MouseButton::Left),
            x + 2,
            y as u16
        )),
        Effect::None
    );
}

#[test]
fn search_ignores_accents_and_case_and_counts() {
    let mut profile = partly_rated();
    let i = profile.current_index(Role::Own).expect("self");
    profile.assessments[i].edit(&k("level-4/automation/1"), |r| {
        r.note = Some("Paired with José on the déploiement scripts.\nSecond line.".into())
    });
    let mut app = app(profile, Mode::Assess, "Alex Doe");
    app.handle_key(ch('/'));
    press(&mut app, "JOSE");
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open")
    };
    assert_eq!(search.matches.len(), 1);
    assert_eq!(
        search.matches[0].note_line.as_deref(),
        Some("Paired with José on the déploiement scripts.")
    );
    let screen = screen(&app, 100, 30);
    assert!(screen.contains("1 match "), "{screen}");
    assert!(screen.contains("✎ Paired with José"), "{screen}");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.selected_key(), &k("level-4/automation/1"));
    // Accents in the query are dropped too, and statements are searched the same way.
    app.handle_key(ch('/'));
    press(&mut app, "ÀUTOMAT");
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open")
    };
    assert!(search.matches.len() >= 2, "{:?}", search.matches);
    let screen = tui_support::screen(&app, 100, 30);
    assert!(screen.contains(" matches "), "{screen}");
}

#[test]
fn a_statements_hint_shows_below_it() {
    let text = r#"
format = 1
id = "hinted"
name = "Hinted"

[[crafts]]
id = "eng"
name = "Engineering"

[[crafts.levels]]
id = "one"
rank = 1
title = "One"

[[crafts.levels.areas]]
id = "code"
name = "Code"
statements = [
  { id = "1", text = "I write code a teammate can read.", hint = "Renamed a confusing module after review." },
]
"#;
    let framework =
        rungs::store::read::parse_framework(std::path::Path::new("h.toml"), text).expect("valid");
    let profile = rungs::model::Profile::new("Robin", "hinted", "eng", "one");
    let app = rungs::tui::app::App::new(framework, profile, Mode::Assess, "Robin").expect("fits");
    let screen = screen(&app, 100, 30);
    assert!(
        screen.contains("Hint: Renamed a confusing module after review."),
        "{screen}"
    );
}

// --- the keys' purpose (issues 18, 23, 24) --------------------------------

fn alt(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::ALT,
    )
}

/// Item 24.11: the key tables match modifiers exactly.
#[test]
fn alt_and_a_key_is_not_the_key() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    assert_eq!(
        app.handle_key(alt('q')),
        Effect::None,
        "Alt+q does not quit"
    );
    assert_eq!(
        app.handle_key(alt('3')),
        Effect::None,
        "Alt+3 does not rate"
    );
    assert_eq!(app.handle_key(alt('j')), Effect::None);
    assert_eq!(app.handle_key(alt('n')), Effect::None);
    assert_eq!(
        app.handle_key(alt('e')),
        Effect::None,
        "Alt+e does not export"
    );
    assert_eq!((app.area, app.row), (0, 0));
    assert!(matches!(app.overlay, Overlay::None));
    assert!(app.profile.assessments.is_empty());
    // Nor is it typed into the search line.
    press(&mut app, "/a");
    app.handle_key(alt('b'));
    let Overlay::Search(search) = &app.overlay else {
        panic!("the search is open");
    };
    assert_eq!(search.query, "a");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.handle_key(ch('q')), Effect::Quit);
}

/// Each kind of question the app asks, open and read, with what it should
/// leave as it was.
fn every_question() -> Vec<(&'static str, rungs::tui::app::App)> {
    let mut questions = Vec::new();

    let mut conflict = app(partly_rated(), Mode::Assess, "Alex Doe");
    conflict.handle_key(ch('1'));
    conflict.on_saved(Err(rungs::store::SaveError::ChangedOnDisk {
        path: "profile.toml".into(),
    }));
    questions.push(("conflict", conflict));

    let mut unsaved = app(partly_rated(), Mode::Assess, "Alex Doe");
    unsaved.ask_unsaved();
    questions.push(("unsaved", unsaved));

    let mut move_level = atelier_app();
    move_level.ask_move_level("compagnon");
    questions.push(("move level", move_level));

    let mut reworded =
        rungs::tui::app::App::new(forge("v2"), rated_on_v1(), Mode::Assess, "Robin").expect("fits");
    reworded.handle_key(key(KeyCode::Enter));
    questions.push(("reworded", reworded));

    let mut finish = app(partly_rated(), Mode::Assess, "Alex Doe");
    finish.handle_key(ch('F'));
    questions.push(("finish", finish));

    let mut profile = with_manager(partly_rated());
    profile.new_round(Role::Own, "Alex Doe", later());
    let mut new_round = app(profile, Mode::Review, "Sam Lee");
    new_round.offer_new_round();
    questions.push(("new round", new_round));
    questions
}

/// Item 23.4: every question takes Esc and q as "close without acting",
/// and keys read with the closing key do not reach the screen below.
#[test]
fn every_question_closes_with_esc_or_q_without_acting() {
    for close in [key(KeyCode::Esc), ch('q')] {
        for (name, mut app) in every_question() {
            assert!(
                matches!(app.overlay, Overlay::Dialog(_)),
                "{name}: the question is open"
            );
            let before = app.profile.clone();
            let (row, level) = (app.row, app.level().id.clone());
            pause(&mut app);
            assert_eq!(app.handle_key(close), Effect::None, "{name}: {close:?}");
            assert!(
                matches!(app.overlay, Overlay::None),
                "{name}: {close:?} closes it"
            );
            // In the same read as the closing key: typed before it showed.
            for c in "4n-".chars() {
                assert_eq!(app.handle_key(ch(c)), Effect::None, "{name}: {c} after");
            }
            assert!(matches!(app.overlay, Overlay::None), "{name}: no editor");
            assert_eq!(app.profile, before, "{name}: nothing acted on");
            assert_eq!((app.row, app.level().id.clone()), (row, level), "{name}");
            // Keys typed once the screen is back work as ever.
            pause(&mut app);
            assert_eq!(app.handle_key(ch('q')), Effect::Quit, "{name}");
        }
    }
}

/// Item 18.1, made general: a question answers nothing until it has been
/// drawn and then left alone for a moment.
#[test]
fn a_question_takes_answers_only_once_shown_and_left_alone() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "Fy");
    assert!(app.finished_on().is_none(), "y came with F: no answer");
    app.after_frame();
    let soon = app.now().later(std::time::Duration::from_millis(200));
    app.before_frame(soon.clone());
    app.set_now(soon.clone());
    assert_eq!(app.handle_key(ch('y')), Effect::None, "0.2 s: too soon");
    assert_eq!(app.question_state(), (false, 2));
    let later = soon.later(std::time::Duration::from_millis(400));
    app.before_frame(later);
    assert!(!app.question_state().0, "0.4 s since the last key");
    // A terminal too small to show it: once it fits, the question is new.
    app.set_screen(30, 8);
    pause(&mut app);
    assert!(!app.question_state().0, "never shown");
    app.set_screen(100, 30);
    app.after_frame();
    assert!(!app.question_state().0, "shown just now");
    pause(&mut app);
    assert_eq!(app.handle_key(ch('y')), Effect::Save);
    assert!(app.finished_on().is_some());
}

/// Item 23.1: a digit rates and moves on; `n` right after writes the note
/// of the statement just rated, and the footer says so.
#[test]
fn a_digit_then_n_writes_the_note_of_the_statement_just_rated() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    press(&mut app, "3");
    assert_eq!((app.area, app.row), (0, 1), "on to the next statement");
    assert_eq!(app.just_rated().as_deref(), Some("1"));
    let footer = screen(&app, 100, 30);
    assert!(
        footer.contains("n/Enter note on 1 (just rated)"),
        "{footer}"
    );
    press(&mut app, "nShipped it");
    let Overlay::Note(editor) = &app.overlay else {
        panic!("the note editor is open");
    };
    assert_eq!(editor.key, k("level-4/engineering-maturity/1"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.note_at(0, 0), "Shipped it");
    assert_eq!(app.note_at(0, 1), "");
    assert_eq!(
        (app.area, app.row),
        (0, 1),
        "the selection stays on the next"
    );
    // Rating on with digits alone is unchanged; crossing into the next
    // area names the area.
    press(&mut app, "42");
    assert_eq!((app.area, app.row), (1, 0));
    assert_eq!(app.just_rated().as_deref(), Some("Engineering Maturity 3"));
    // Any other key first: n is the selected statement's again.
    press(&mut app, "jk");
    assert_eq!(app.just_rated(), None);
    press(&mut app, "n");
    let Overlay::Note(editor) = &app.overlay else {
        panic!("the note editor is open");
    };
    assert_eq!(editor.key, k("level-4/infrastructure-and-operations/1"));
}

/// Item 23.6: rating the last unrated statement says so, once.
#[test]
fn rating_the_last_unrated_statement_says_all_are_rated() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "]");
    // 15 statements: 3 rated and 1 not applicable, so 11 to go.
    for _ in 0..10 {
        press(&mut app, "3");
        assert!(
            !app.status
                .as_ref()
                .is_some_and(|s| s.text.starts_with("All")),
            "not yet"
        );
        press(&mut app, "]");
    }
    press(&mut app, "4");
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("All 14 rated — s for the summary, e to export.")
    );
    press(&mut app, "g2");
    assert!(app.status.is_none(), "said once, not on every change after");
}
