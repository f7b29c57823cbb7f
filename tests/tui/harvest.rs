//! The harvest list (`rungs harvest`) drawn to a `TestBackend`: the list,
//! the statement pick list and the text line at 80×24, keys through its
//! state, and git's text (hostile subjects, names) drawn inert.

use crate::tui_support::{ch, key, text_of, vaarst};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use rungs::model::Profile;
use rungs::model::harvest::{Commit, Proposal, Source};
use rungs::tui::harvest::{Decision, Harvesting, Mode, Outcome};
use rungs::tui::theme::Theme;

fn proposal(n: u8, day: u8, subject: &str, merge: bool) -> (usize, Proposal) {
    let sha = format!("{n:x}").repeat(40);
    (
        0,
        Proposal {
            repo: "rungs".into(),
            commit: Commit {
                sha,
                merge,
                author: "Alex Doe".into(),
                email: "alex@example.com".into(),
                date: toml::value::Date {
                    year: 2026,
                    month: 10,
                    day,
                },
                pull_request: rungs::model::harvest::pull_request(subject),
                subject: subject.into(),
            },
        },
    )
}

fn state(subjects: &[&str]) -> Harvesting {
    let framework = vaarst();
    let craft = framework.craft("devops-engineer").expect("the craft");
    let profile = Profile::new("Alex Doe", "vaarst", "devops-engineer", "level-4");
    let sources = vec![Source {
        name: "rungs".into(),
        path: "/src/rungs".into(),
        remote: None,
    }];
    let proposals = subjects
        .iter()
        .enumerate()
        .map(|(i, s)| proposal(i as u8 + 1, i as u8 + 1, s, s.starts_with("Merge")))
        .collect();
    Harvesting::new(
        profile,
        craft,
        sources,
        proposals,
        "2026-11-01T09:00:00Z".into(),
    )
}

fn screen(state: &Harvesting) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a terminal");
    terminal
        .draw(|frame| rungs::tui::view::harvest::draw(frame, state, &Theme::MONO))
        .expect("draw");
    text_of(&terminal)
}

const SUBJECTS: [&str; 3] = [
    "Scripted the deploys",
    "Fix the flaky test (#34)",
    "Merge pull request #12 from alex/queue",
];

#[test]
fn the_list_at_80x24() {
    insta::assert_snapshot!("harvest_list_80x24", screen(&state(&SUBJECTS)));
}

#[test]
fn the_pick_list_and_the_text_line() {
    let mut s = state(&SUBJECTS);
    s.handle(ch('a'));
    s.handle(ch(' '));
    s.handle(ch('j'));
    insta::assert_snapshot!("harvest_pick_80x24", screen(&s));
    assert_eq!(s.handle(key(KeyCode::Esc)), Outcome::Continue);
    assert!(matches!(s.mode, Mode::List));
    assert!(s.profile.evidence.is_empty(), "Esc adds nothing");
    s.handle(ch('e'));
    for c in " again".chars() {
        s.handle(ch(c));
    }
    insta::assert_snapshot!("harvest_edit_80x24", screen(&s));
}

#[test]
fn nothing_is_added_without_a_statement_and_a_choice_moves_on() {
    let mut s = state(&SUBJECTS);
    s.handle(ch('a'));
    assert_eq!(s.handle(key(KeyCode::Enter)), Outcome::Continue);
    assert!(s.profile.evidence.is_empty());
    assert!(
        s.status
            .as_deref()
            .is_some_and(|t| t.contains("at least one"))
    );
    s.handle(ch(' '));
    assert_eq!(s.handle(key(KeyCode::Enter)), Outcome::Save);
    assert_eq!(s.profile.evidence.len(), 1);
    assert_eq!(s.row, 1, "on to the next to decide");
    assert_eq!(s.handle(ch('s')), Outcome::Save);
    assert_eq!(s.entries[1].decision, Decision::Skipped);
    assert_eq!(s.row, 2);
    // A decided one is not decided again.
    s.handle(ch('k'));
    assert_eq!(s.handle(ch('a')), Outcome::Continue);
    assert!(
        s.status
            .as_deref()
            .is_some_and(|t| t.contains("skipped already"))
    );
    assert!(matches!(s.mode, Mode::List));
    assert_eq!(s.handle(ch('q')), Outcome::Quit);
}

#[test]
fn a_paste_types_only_into_the_text_line() {
    let mut s = state(&SUBJECTS);
    s.paste("s");
    assert_eq!(s.entries[0].decision, Decision::Open, "a paste is no key");
    s.handle(ch('e'));
    s.paste(" and\nmore\u{1b}[2J");
    s.handle(key(KeyCode::Enter));
    assert_eq!(s.entries[0].text, "Scripted the deploys and more[2J");
}

#[test]
fn git_text_is_drawn_inert() {
    let s = state(&["wipe \u{1b}[2J title \u{1b}]2;pwned\u{7} bidi \u{202e}gnp.exe"]);
    let shown = screen(&s);
    assert!(
        shown.contains("wipe ␛[2J title ␛]2;pwned␇ bidi �gnp.exe"),
        "{shown}"
    );
    assert!(
        !shown
            .chars()
            .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
        "{shown}"
    );
}
