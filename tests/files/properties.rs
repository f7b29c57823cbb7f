//! Properties over generated data: saving then loading any profile gives it
//! back; nothing unsafe ever reaches the screen.

use crate::tui_support;

use proptest::prelude::*;
use rungs::model::{Assessment, Mark, Profile, Rating, Role};
use rungs::store::read;
use rungs::tui::app::Mode;

fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex(&format!(".{{0,{max}}}")).expect("a regex"),
        proptest::collection::vec(any::<char>(), 0..max).prop_map(|cs| cs.into_iter().collect()),
        Just(
            "wipe\u{1b}[2J \u{1b}]52;c;aGk=\u{7} \u{1b}]2;title\u{7} \u{202e}evil \r\n\t|pipe|"
                .to_owned()
        ),
    ]
}

fn any_rating() -> impl Strategy<Value = Rating> {
    (
        prop_oneof!["level-4/[a-z-]{1,12}/[0-9]{1,3}", any_text(30)],
        proptest::option::of(0u8..=9),
        any::<bool>(),
        proptest::option::of(any_text(400)),
    )
        .prop_map(|(statement, value, na, note)| {
            let mut rating = Rating::new(&statement);
            rating.value = value;
            rating.na = na;
            rating.note = note;
            rating
        })
}

fn any_profile() -> impl Strategy<Value = Profile> {
    (
        any_text(60),
        proptest::collection::vec(
            (
                any::<bool>(),
                any_text(30),
                proptest::collection::vec(any_rating(), 0..12),
            ),
            0..4,
        ),
        proptest::option::of(any_text(40)),
    )
        .prop_map(|(person, rounds, extra)| {
            let mut profile = Profile::new(&person, "vaarst", "devops-engineer", "level-4");
            if let Some(extra) = extra {
                profile
                    .extra
                    .insert("team".into(), toml::Value::String(extra));
            }
            for (manager, assessor, ratings) in rounds {
                let role = if manager { Role::Manager } else { Role::Own };
                let mut round = Assessment::new(role, &assessor, tui_support::stamp());
                for rating in ratings {
                    let key = rating.statement.clone();
                    round
                        .put(&key, Some(rating))
                        .expect("a rating of its own key");
                }
                profile.assessments.push(round);
            }
            profile
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_is_identity(profile in any_profile()) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("profile.toml");
        let (mut file, _) = tui_support::open_own(&path, "test");
        file.save(&profile).expect("save");
        let text = read::read_text(&path).expect("read");
        let back = read::parse_profile(&path, &text).expect("parse");
        prop_assert_eq!(back, profile);
    }

    #[test]
    fn the_screen_never_holds_a_control_or_bidi_character(
        person in any_text(80),
        note in any_text(300),
        w in 0u16..200,
        h in 0u16..60,
    ) {
        let mut profile = tui_support::partly_rated();
        profile.person = person;
        let i = profile.current_index(Role::Own).expect("self");
        profile.assessments[i].edit(&tui_support::k("level-4/engineering-maturity/1"), |r| {
            r.note = Some(note);
            r.set_mark(Mark::Value(2));
        });
        let mut app = tui_support::app(profile, Mode::Assess, "Alex");
        for keys in ["", "n", "s", "?"] {
            tui_support::press(&mut app, keys);
            let screen = tui_support::screen(&app, w, h);
            prop_assert!(
                !screen.chars().any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
                "{:?}", screen
            );
            app.handle_key(tui_support::key(ratatui::crossterm::event::KeyCode::Esc));
        }
    }
}

/// A round of the vaarst level where some ratings are orphans whose words
/// are those of a vaarst statement (often the same one, often one the
/// round rates already) and some carry no words at all.
fn any_relinkable_profile() -> impl Strategy<Value = Profile> {
    let statements: Vec<(String, String)> = {
        let framework = tui_support::vaarst();
        framework.crafts[0].levels[0]
            .statements()
            .map(|(key, _, s)| (key.to_string(), s.text.clone()))
            .collect()
    };
    let n = statements.len();
    proptest::collection::vec(
        proptest::collection::vec(
            (
                any::<bool>(),
                0..n,
                proptest::option::of(0..n),
                0u8..=4,
                any_text(40),
            ),
            0..10,
        ),
        1..4,
    )
    .prop_map(move |rounds| {
        let mut profile = Profile::new("Alex", "vaarst", "devops-engineer", "level-4");
        for (r, ratings) in rounds.into_iter().enumerate() {
            let mut round = Assessment::new(Role::Own, "Alex", tui_support::stamp());
            for (i, (orphan, at, words, value, note)) in ratings.into_iter().enumerate() {
                let key = if orphan {
                    format!("level-4/gone-{r}/{i}")
                } else {
                    statements[at].0.clone()
                };
                let mut rating = Rating::new(&key);
                rating.set_mark(if value == 0 {
                    Mark::NotApplicable
                } else {
                    Mark::Value(value)
                });
                rating.note = Some(note);
                rating.seen =
                    words.map(|w| rungs::model::fingerprint::fingerprint(&statements[w].1));
                round
                    .put(&key, Some(rating))
                    .expect("a rating of its own key");
            }
            profile.assessments.push(round);
        }
        profile
    })
}

/// Every rating's judgement, note and words, per round, in a stable order.
fn ratings_of(profile: &Profile) -> Vec<Vec<(Mark, String, Option<String>)>> {
    profile
        .assessments
        .iter()
        .map(|a| {
            let mut all: Vec<_> = a
                .ratings()
                .iter()
                .map(|r| (r.mark(), r.note().to_owned(), r.seen.clone()))
                .collect();
            all.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
            all
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn relink_keeps_every_rating_and_note(profile in any_relinkable_profile()) {
        let framework = tui_support::vaarst();
        let craft = &framework.crafts[0];
        let plan = rungs::model::relink::plan(&profile, craft);
        let mut after = profile.clone();
        rungs::model::relink::apply(&mut after, &plan);
        prop_assert_eq!(ratings_of(&after), ratings_of(&profile));
        // Every move happened, and nothing is rated twice in a round.
        for m in &plan.moves {
            prop_assert!(after.assessments[m.assessment].rating(m.to.as_str()).is_some());
            prop_assert!(after.assessments[m.assessment].rating(&m.from).is_none());
        }
        prop_assert!(profile.check(&framework).problems.is_empty() <= after.check(&framework).problems.is_empty());
    }
}
