//! Snapshots of every screen at 80×24 and 160×50, and the styles that carry
//! meaning (snapshots ignore colour).

use crate::tui_support;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use rungs::model::{Mark, Role};
use rungs::tui::app::{App, Mode};
use rungs::tui::setup::{Answers, Setup};
use rungs::tui::theme::Theme;
use rungs::tui::view;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 50)];

fn snap_all(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h).backend());
    }
}

#[test]
fn setup_screen() {
    let answers = Answers::default();
    let setup = Setup::new(vec![vaarst()], &answers, "Alex Doe".into()).expect("setup");
    for (w, h) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal
            .draw(|f| {
                view::setup::draw(
                    f,
                    &setup,
                    "/home/alex/.local/share/rungs/profile.toml",
                    &Theme::DARK,
                )
            })
            .expect("draw");
        assert_snapshot!(format!("setup_{w}x{h}"), terminal.backend());
    }
}

/// Every framework, craft and level choice is on screen at once, whichever
/// question is open.
#[test]
fn setup_lists_every_choice_at_once() {
    let mut atelier = framework_file("tests/fixtures/frameworks/atelier.toml");
    let mut second = atelier.crafts[0].clone();
    second.id = "design".into();
    second.name = "Design".into();
    atelier.crafts.push(second);
    let setup = Setup::new(
        vec![atelier, vaarst()],
        &Answers::default(),
        "Alex Doe".into(),
    )
    .expect("setup");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| view::setup::draw(f, &setup, "profile.toml", &Theme::DARK))
        .expect("draw");
    let screen = format!("{:?}", terminal.backend());
    for choice in [
        "Vaarst Career Framework (vaarst)",
        "(atelier)",
        "(ingenierie)",
        "Design (design)",
        "(apprenti)",
        "(compagnon)",
        "(maitre)",
    ] {
        assert!(screen.contains(choice), "{choice} on screen:\n{screen}");
    }
    assert_snapshot!("setup_every_choice_80x24", terminal.backend());
}

#[test]
fn assessment_unrated() {
    snap_all(
        "assess_unrated",
        &app(empty_profile(), Mode::Assess, "Alex Doe"),
    );
}

#[test]
fn assessment_partly_rated_with_notes() {
    snap_all(
        "assess_partly_rated",
        &app(partly_rated(), Mode::Assess, "Alex Doe"),
    );
}

#[test]
fn assessment_on_a_not_applicable_statement() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "\t\t");
    app.handle_key(key(KeyCode::Down));
    snap_all("assess_not_applicable", &app);
}

#[test]
fn note_editor() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('n'));
    app.handle_key(key(KeyCode::Enter));
    press(&mut app, "Also reviewed two ADRs.");
    snap_all("note_editor", &app);
}

#[test]
fn summary_one_round() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('s'));
    snap_all("summary_one_round", &app);
}

#[test]
fn summary_two_rounds() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.start_new_round();
    press(&mut app, "jj4");
    app.handle_key(ch('s'));
    snap_all("summary_two_rounds", &app);
}

#[test]
fn summary_with_manager() {
    let mut app = app(with_manager(partly_rated()), Mode::Assess, "Alex Doe");
    app.handle_key(ch('s'));
    snap_all("summary_with_manager", &app);
}

#[test]
fn review_with_differences() {
    let mut app = app(with_manager(partly_rated()), Mode::Review, "Sam Lee");
    app.handle_key(ch('d'));
    snap_all("review_differences", &app);
}

#[test]
fn help() {
    let mut app = app(empty_profile(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('?'));
    snap_all("help", &app);
}

#[test]
fn search() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('/'));
    press(&mut app, "team");
    snap_all("search", &app);
}

#[test]
fn read_only_banner() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.read_only = Some("Alex Doe (rungs assess) (process 4242) is writing this profile".into());
    assert_snapshot!("read_only_80x24", render(&app, 80, 24).backend());
}

/// A long reason and a long message wrap onto more lines: every word of
/// them is on the screen, none cut with "…".
#[test]
fn long_banners_and_messages_wrap_rather_than_lose_their_end() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    let reason = "the lock file /home/alex/reviews/platform-team/alex.toml.lock is a symbolic link to /tmp/elsewhere/alex.lock, so the profile cannot be written safely (remove the link)";
    app.read_only = Some(reason.into());
    app.handle_key(ch('4'));
    let screen = screen(&app, 80, 24);
    let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(&format!(
            "READ-ONLY: {reason}. Ratings cannot be changed here."
        )),
        "the whole reason:\n{screen}"
    );
    let message = "Read-only: the lock file /home/alex/reviews/platform-team/alex.toml.lock is a symbolic link";
    assert!(joined.contains(message), "the whole message:\n{screen}");
    assert!(
        !screen.contains('…') || !screen.lines().take(3).any(|l| l.contains('…')),
        "{screen}"
    );
    assert_snapshot!(
        "read_only_long_reason_80x24",
        render(&app, 80, 24).backend()
    );
}

#[test]
fn too_small() {
    let app = app(partly_rated(), Mode::Assess, "Alex Doe");
    assert_snapshot!("too_small_39x10", render(&app, 39, 10).backend());
    assert_snapshot!("too_small_80x9", render(&app, 80, 9).backend());
    for (w, h) in [(0, 0), (1, 1), (5, 40), (200, 3)] {
        let text = screen(&app, w, h);
        assert!(
            w < 12 || h == 0 || text.contains("too") || text.contains("small"),
            "{w}x{h}:\n{text}"
        );
    }
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let mut profile = partly_rated();
    profile.person = "Mallory\u{1b}]2;pwned\u{7}\u{202e}".into();
    let i = profile.current_index(Role::Own).expect("self");
    profile.assessments[i].edit(&k("level-4/engineering-maturity/1"), |r| {
        r.note = Some("wipe\u{1b}[2J\u{1b}]52;c;aGVsbG8=\u{7} done\u{9b}".into());
        r.set_mark(Mark::Value(4));
    });
    let app = app(profile, Mode::Assess, "Mallory");
    let text = screen(&app, 120, 30);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("wipe␛[2J␛]52;c;aGVsbG8=␇ done"), "{text}");
}

#[test]
fn ratings_are_coloured_and_still_told_apart_without_colour() {
    let app = app(partly_rated(), Mode::Assess, "Alex Doe");
    let terminal = render(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    let row_of = |needle: &str| {
        (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .contains(needle)
            })
            .expect("the row is on screen")
    };
    let cell_with = |y: u16, symbol: &str| {
        (0..buffer.area.width)
            .map(|x| &buffer[(x, y)])
            .find(|c| c.symbol() == symbol)
            .expect("the symbol")
    };
    assert_eq!(cell_with(row_of("Consistently"), "■").fg, Color::Cyan);
    assert_eq!(cell_with(row_of("Mostly "), "■").fg, Color::Green);
    assert_eq!(cell_with(row_of("Sometimes"), "■").fg, Color::Yellow);

    let mut mono = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    mono.draw(|f| view::draw(f, &app, &mut view::ViewState::default(), &Theme::MONO))
        .expect("draw");
    let buffer = mono.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "NO_COLOR: no colour at all"
    );
    let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
    for shown in ["■■■■ Consistently", "■■■□ Mostly", "■■□□ Sometimes"] {
        assert!(text.contains(shown), "{shown} is shown without colour");
    }
    let selected = (0..buffer.area.width)
        .map(|x| &buffer[(x, row_of_mono(buffer))])
        .any(|c| c.modifier.contains(Modifier::REVERSED));
    assert!(selected, "the selection is reversed, not coloured");
}

fn row_of_mono(buffer: &ratatui::buffer::Buffer) -> u16 {
    (0..buffer.area.height)
        .find(|&y| (0..buffer.area.width).any(|x| buffer[(x, y)].symbol() == "▶" && x > 30))
        .expect("a selected statement row")
}

fn atelier_app() -> App {
    let framework = framework_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/frameworks/atelier.toml"
    ));
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/atelier-profile.toml"
    ))
    .expect("read");
    let profile = toml::from_str(&text).expect("valid");
    App::new(framework, profile, Mode::Assess, "Zoë Ångström").expect("app")
}

#[test]
fn a_five_point_multi_level_framework_with_wide_characters() {
    let mut app = atelier_app();
    assert_snapshot!("atelier_assess_100x30", render(&app, 100, 30).backend());
    app.handle_key(ch('s'));
    let summary = screen(&app, 100, 30);
    assert!(
        summary.contains("Readiness for Maître·sse d'atelier: 1/3 statements met (33%)"),
        "{summary}"
    );
    assert!(
        summary.contains("Since last round"),
        "two self rounds: {summary}"
    );
    assert!(summary.contains("Met means rated 4 (Souvent) or higher."));
    assert_snapshot!("atelier_summary_100x30", render(&app, 100, 30).backend());
}

#[test]
fn greater_and_less_than_show_other_levels_to_rate_ahead() {
    let mut app = atelier_app();
    app.handle_key(ch('>'));
    assert_eq!(app.level().id, "maitre");
    assert!(screen(&app, 100, 30).contains("(not your level)"));
    assert_eq!(
        app.mark_at(0, 0),
        Mark::Value(4),
        "the rating made ahead shows"
    );
    app.handle_key(ch('5'));
    assert_eq!(
        app.profile
            .current(Role::Own)
            .map(|a| a.mark("maitre/qualite/1")),
        Some(Mark::Value(5))
    );
    app.handle_key(ch('>'));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("highest level"))
    );
    app.handle_key(ch('<'));
    app.handle_key(ch('<'));
    assert_eq!(app.level().id, "apprenti");
    assert_eq!(app.profile.level, "compagnon", "the assessed level stays");
}

/// Area names whole wherever the width allows: on one line in the areas
/// pane at 200 columns, over two lines at 80 and 100, whole in the summary.
#[test]
fn area_names_are_whole_wherever_the_width_allows() {
    let mut app = app(with_manager(partly_rated()), Mode::Assess, "Alex Doe");
    for (w, h) in [(80, 24), (100, 30), (200, 60)] {
        let main = screen(&app, w, h);
        let one_line = main.contains("Infrastructure and Operations");
        let two_lines = (main.contains("│  Infrastructure and ")
            && main.contains("│  Operations "))
            || (main.contains("│  Infrastructure") && main.contains("│  and Operations "));
        assert!(one_line || two_lines, "{w}×{h}:\n{main}");
        assert!(
            !main.contains("Infrastructur…") && !main.contains("and Oper…"),
            "{main}"
        );
    }
    assert!(screen(&app, 200, 60).contains("│  Infrastructure and Operations ░░░░ 0/4│"));
    app.handle_key(ch('s'));
    for (w, h) in [(80, 24), (100, 30), (200, 60)] {
        let summary = screen(&app, w, h);
        assert!(
            summary.contains("│ Infrastructure and Operations "),
            "{w}×{h}:\n{summary}"
        );
        assert_snapshot!(
            format!("summary_with_manager_{w}x{h}"),
            render(&app, w, h).backend()
        );
    }
}

/// The `D` view compares the levels once per change: frames only draw it.
#[test]
fn the_next_level_view_is_made_once_per_change_not_per_frame() {
    let mut app = atelier_app();
    let mut shown = view::ViewState::default();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let mut frame = |app: &App, shown: &mut view::ViewState| {
        terminal
            .draw(|f| view::draw(f, app, shown, &Theme::DARK))
            .expect("draw");
        format!("{:?}", terminal.backend())
    };
    app.handle_key(ch('D'));
    for _ in 0..5 {
        frame(&app, &mut shown);
    }
    assert_eq!(shown.level_diffs_made(), 1, "five frames, one comparison");
    app.handle_key(ch('j'));
    frame(&app, &mut shown);
    assert_eq!(
        shown.level_diffs_made(),
        1,
        "scrolling changes nothing it shows"
    );
    // Rating ahead on the next level changes what it shows.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(ch('>'));
    app.handle_key(ch('j'));
    app.handle_key(ch('3'));
    app.handle_key(ch('<'));
    app.handle_key(ch('D'));
    let screen = frame(&app, &mut shown);
    assert_eq!(shown.level_diffs_made(), 2);
    assert!(screen.contains("[ahead 3]"), "{screen}");
}

/// The main screen at every size people use, with the seed and with the
/// five-point framework: statements wrap to be read whole where there is
/// room, the panes share the height by need, and from 160 columns the
/// detail sits beside the list.
#[test]
fn the_main_screen_at_every_size() {
    let seed = app(partly_rated(), Mode::Assess, "Alex Doe");
    let atelier = atelier_app();
    for (w, h) in [(80, 24), (100, 30), (160, 50), (200, 60)] {
        assert_snapshot!(format!("main_seed_{w}x{h}"), render(&seed, w, h).backend());
        assert_snapshot!(
            format!("main_atelier_{w}x{h}"),
            render(&atelier, w, h).backend()
        );
    }
    // At 100×30 every statement of every seed area reads whole, without moving.
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    for _ in 0..app.area_count() {
        let screen = screen(&app, 100, 30);
        for statement in &app.current_area().statements {
            let first_words: String = statement
                .text
                .split(' ')
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let last_word = statement.text.split(' ').next_back().unwrap_or("");
            assert!(screen.contains(&first_words), "{first_words}:\n{screen}");
            assert!(screen.contains(last_word), "{last_word}:\n{screen}");
        }
        app.handle_key(key(KeyCode::Tab));
    }
}

/// The review screen puts the person's evidence first: at 80×24 and
/// 100×30 the selected statement's five-line self note is on screen whole
/// without scrolling, every rating is named by whose it is, and at 200×60
/// the height shows every statement's evidence. The direct manager sees
/// the person beside them; the skip-level too, and with `m` the direct
/// manager's ratings.
#[test]
fn reviews_by_the_direct_manager_and_the_skip_level() {
    for (who, name) in [("Sam Lee", "direct_manager"), ("Kim Park", "skip_level")] {
        let review = app(three_reviewers(), Mode::Review, who);
        for (w, h) in [(80, 24), (100, 30), (200, 60)] {
            let text = screen(&review, w, h);
            for line in FIVE_LINE_NOTE {
                assert!(text.contains(line), "{who} at {w}×{h}: {line}\n{text}");
            }
            assert!(text.contains("Alex Doe (self): 3 Mostly"), "{text}");
            assert!(!text.contains("manager 3"), "{text}");
            assert_snapshot!(
                format!("review_{name}_{w}x{h}"),
                render(&review, w, h).backend()
            );
        }
    }
    // The skip-level sees the direct manager's rating, named, in the detail…
    let mut kim = app(three_reviewers(), Mode::Review, "Kim Park");
    let text = screen(&kim, 100, 30);
    assert!(
        text.contains("Sam Lee, the direct manager, round 1: 3 Mostly"),
        "{text}"
    );
    assert!(text.contains("self 3"), "the person's beside hers: {text}");
    // …and with m, beside her own in the list.
    kim.handle_key(ch('m'));
    let text = screen(&kim, 100, 30);
    assert!(text.contains("Sam Lee 3"), "{text}");
    assert!(text.contains("Sam Lee 2"), "{text}");
    assert!(text.contains("Beside yours: Sam Lee's ratings"), "{text}");
    assert_snapshot!(
        "review_skip_level_sees_sam_100x30",
        render(&kim, 100, 30).backend()
    );
    // The direct manager sees the skip-level's, as the other review.
    let sam = app(three_reviewers(), Mode::Review, "Sam Lee");
    let text = screen(&sam, 100, 30);
    assert!(
        text.contains("Kim Park, the only other reviewer, round 1: 2 Sometimes"),
        "{text}"
    );
    // The person sees their direct manager's review, named.
    let alex = app(three_reviewers(), Mode::Assess, "Alex Doe");
    let text = screen(&alex, 100, 30);
    assert!(text.contains("Sam Lee 3"), "{text}");
    assert!(
        text.contains("Sam Lee, the direct manager, round 1: 3 Mostly"),
        "{text}"
    );
}

/// In a review the hint speaks to the reviewer, and signing off names
/// whose round becomes final.
#[test]
fn a_review_speaks_to_the_reviewer() {
    let mut sam = app(three_reviewers(), Mode::Review, "Sam Lee");
    press(&mut sam, "jj");
    let text = screen(&sam, 100, 30);
    assert!(
        text.contains("n: add your note on Alex's rating."),
        "{text}"
    );
    assert!(!text.contains("your evidence"), "{text}");
    assert!(
        text.contains("Kim Park, the only other reviewer, round 1: not rated"),
        "{text}"
    );
    press(&mut sam, "F");
    pause(&mut sam);
    let text = screen(&sam, 100, 30);
    assert!(
        text.contains("Sam Lee's review, round 1 becomes final"),
        "{text}"
    );
    sam.handle_key(ch('y'));
    assert!(
        sam.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Sam Lee's review, round 1, is signed off")),
        "{:?}",
        sam.status
    );
    let mut alex = app(three_reviewers(), Mode::Assess, "Alex Doe");
    press(&mut alex, "F");
    let text = screen(&alex, 100, 30);
    assert!(
        text.contains("Alex Doe's self-assessment, round 1 becomes final"),
        "{text}"
    );
}

#[test]
fn a_long_name_never_hides_the_level_and_a_long_note_says_there_is_more() {
    let mut profile = partly_rated();
    profile.person = "Maximiliana Alexandrina von Hohenzollern-Sigmaringen".into();
    let i = profile.current_index(Role::Own).expect("self");
    let note: Vec<String> = (1..=25).map(|n| format!("Evidence, part {n}.")).collect();
    profile.assessments[i].edit(&k("level-4/engineering-maturity/1"), |r| {
        r.note = Some(note.join("\n"))
    });
    let app = app(profile, Mode::Assess, "Maximiliana");
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = screen(&app, w, h);
        assert!(screen.contains("Level 4 (Mid)"), "{w}: {screen}");
        assert!(screen.contains("more ↓"), "{w}: {screen}");
    }
    assert_snapshot!("long_name_and_note_80x24", render(&app, 80, 24).backend());
    let mut atelier = atelier_app();
    atelier.profile.person = "Maximiliana Alexandrina von Hohenzollern-Sigmaringen".into();
    atelier.handle_key(ch('>'));
    let screen = screen(&atelier, 60, 20);
    assert!(screen.contains("(not your level)"), "{screen}");
}

/// Item 23.6: the finish line, once the last unrated statement is rated
/// and saved (at 14:02:03 by the clock the loop gave the app).
#[test]
fn the_finish_line_at_every_size() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    press(&mut app, "]");
    for _ in 0..10 {
        press(&mut app, "3]");
    }
    let wall = jiff::Timestamp::from_second(1_795_701_723)
        .expect("a second")
        .to_zoned_datetime(jiff::tz::TimeZone::UTC);
    app.set_now(rungs::tui::clock::Moment {
        instant: std::time::Instant::now(),
        wall,
    });
    press(&mut app, "4");
    app.on_saved(Ok(rungs::tui::app::Saved {
        theirs: None,
        merged: None,
        warning: None,
    }));
    for (w, h) in [(80, 24), (100, 30), (200, 60)] {
        assert_snapshot!(format!("finish_line_{w}x{h}"), render(&app, w, h).backend());
    }
}

/// Item 18.1: a question shows its choices only once it takes answers;
/// until then it says why there are none, and how many keys it did not take.
#[test]
fn a_question_before_and_after_it_takes_answers() {
    let mut app = app(partly_rated(), Mode::Assess, "Alex Doe");
    app.handle_key(ch('1'));
    app.on_saved(Err(rungs::store::SaveError::ChangedOnDisk {
        path: "profile.toml".into(),
    }));
    app.after_frame();
    app.handle_key(ch('k'));
    assert_snapshot!("question_settling_80x24", render(&app, 80, 24).backend());
    pause(&mut app);
    assert_snapshot!(
        "question_taking_answers_80x24",
        render(&app, 80, 24).backend()
    );
}
