//! Blind rounds on the screens: before both sides have signed off, no
//! screen of either shows the other's ratings or notes (the detail pane,
//! the column beside, `m`, the summary); once both have, the summary opens
//! on the disagreements, widest first (captured at 100×30).

use crate::tui_support;

use rungs::model::{Mark, Profile, Role};
use rungs::tui::app::Mode;
use tui_support::*;

const SAM_NOTE: &str = "Pitched inside the team only so far.";

fn at(day: u8) -> toml::value::Datetime {
    format!("2026-11-{day:02}T09:00:00Z")
        .parse()
        .expect("a date")
}

/// Alex's blind round (partly rated, with a note) and Sam Lee's review that
/// joined it, with Kim Park's open review beside; `signed` signs both off.
fn blind_pair(signed: bool) -> Profile {
    let mut profile = partly_rated();
    profile.manager = Some("Sam Lee".into());
    let own = profile.current_index(Role::Own).expect("self");
    profile.assessments[own].blind = true;
    let sam = profile.new_round(Role::Manager, "Sam Lee", at(27));
    profile.assessments[sam].blind = true;
    for (key, value, note) in [
        ("level-4/engineering-maturity/1", 4, SAM_NOTE),
        ("level-4/engineering-maturity/2", 1, ""),
        (
            "level-4/engineering-maturity/3",
            4,
            "Owns the on-call runbook.",
        ),
    ] {
        profile.assessments[sam].edit(&k(key), |r| {
            r.set_mark(Mark::Value(value));
            r.note = (!note.is_empty()).then(|| note.to_owned());
        });
    }
    if signed {
        profile.assessments[own].finished = Some(at(28));
        profile.assessments[sam].finished = Some(at(29));
    }
    profile
}

#[test]
fn no_screen_shows_the_other_side_before_both_sign_off() {
    let mut alex = app(blind_pair(false), Mode::Assess, "Alex Doe");
    let shown = screen(&alex, 100, 30);
    assert!(!shown.contains(SAM_NOTE), "{shown}");
    assert!(shown.contains("Blind round: Sam Lee's ratings"), "{shown}");
    press(&mut alex, "s");
    let summary = screen(&alex, 100, 30);
    assert!(!summary.contains("Disagreements"), "{summary}");
    assert!(
        !summary.contains(SAM_NOTE) && !summary.contains("met)"),
        "no column of Sam's: {summary}"
    );

    let mut sam = app(blind_pair(false), Mode::Review, "Sam Lee");
    let shown = screen(&sam, 100, 30);
    assert!(shown.contains("Alex Doe (self): blind"), "{shown}");
    assert!(!shown.contains("queue design"), "Alex's note: {shown}");
    press(&mut sam, "s");
    let summary = screen(&sam, 100, 30);
    assert!(!summary.contains("Disagreements"), "{summary}");
}

#[test]
fn revealing_asks_first_and_says_what_the_other_side_will_see() {
    let mut alex = app(blind_pair(false), Mode::Assess, "Alex Doe");
    press(&mut alex, "V");
    pause(&mut alex);
    let asked = screen(&alex, 100, 30);
    for said in ["Sam Lee will see your round 1", "4 ratings", "2 notes"] {
        assert!(asked.contains(said), "{said}: {asked}");
    }
    press(&mut alex, "n");
    assert!(
        alex.profile.assessments[0].revealed.is_none(),
        "n keeps it blind"
    );
    pause(&mut alex);
    press(&mut alex, "V");
    pause(&mut alex);
    press(&mut alex, "y");
    assert!(alex.profile.assessments[0].revealed.is_some());
    let sam = app(alex.profile.clone(), Mode::Review, "Sam Lee");
    let shown = screen(&sam, 100, 30);
    assert!(shown.contains("Alex Doe (self): 3 Mostly"), "{shown}");
    let again = app(alex.profile.clone(), Mode::Assess, "Alex Doe");
    assert!(
        screen(&again, 100, 30).contains("Blind round: Sam Lee's ratings"),
        "Alex still sees none of Sam's"
    );
}

#[test]
fn the_summary_of_a_revealed_blind_round_opens_on_the_disagreements() {
    let mut alex = app(blind_pair(true), Mode::Assess, "Alex Doe");
    press(&mut alex, "s");
    let summary = screen(&alex, 100, 30);
    insta::assert_snapshot!("blind_round_revealed_summary_100x30", summary);
    // Gaps of 3, 2 and 1, in that order.
    let rows: Vec<usize> = ["   3  I have built", "   2  I guide", "   1  I am able"]
        .iter()
        .map(|row| summary.find(row).expect(row))
        .collect();
    assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "widest first: {summary}"
    );
    assert!(summary.contains(SAM_NOTE));
}
