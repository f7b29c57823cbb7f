//! The calibration grid (`rungs team DIR --tui`): its screens at 80×24 and
//! 160×50, its keys, its monochrome look, its loop handing a person to
//! the review and taking the grid back, and the real binary in a
//! pseudo-terminal (a profile open elsewhere opens read-only).

use crate::{pty_support, tui_support};

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};

use pty_support::Tui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use rungs::model::team::{Team, TeamBuilder};
use rungs::model::{Mark, Profile, Role};
use rungs::tui::calibrate::{Calibration, Opening, Outcome, Side, Sort};
use rungs::tui::theme::Theme;
use rungs::tui::{Events, Input, run_grid};
use tui_support::{framework_file, k, key};

const ATELIER: &str = "tests/fixtures/frameworks/atelier.toml";

fn stamp(day: u32) -> toml::value::Datetime {
    format!("2026-11-{day:02}T09:00:00Z")
        .parse()
        .expect("a datetime")
}

const NAMES: [&str; 14] = [
    "Ana Souza",
    "Ben Okafor",
    "Cy Laurent",
    "Dee Park",
    "Eli Novak",
    "Fay Moreau",
    "Gus Lindqvist-Hernández",
    "Hana Sato",
    "Ivo Petrov",
    "Jo Lind",
    "Kai Berg",
    "Lea Dubois",
    "Max Weber",
    "Nia Adeyemi",
];

/// Person `i`: the first nine apprentices, the rest a level up; every
/// fourth rates two statements only; every third has Mika's round beside
/// (signed off for the even ones).
fn person(i: usize) -> Profile {
    let framework = framework_file(ATELIER);
    let level = if i <= 9 { "apprenti" } else { "compagnon" };
    let name = NAMES[i - 1];
    let mut profile = Profile::new(name, "atelier", "ingenierie", level);
    let keys: Vec<String> = framework
        .craft("ingenierie")
        .and_then(|c| c.level(level))
        .expect("the level")
        .statements()
        .map(|(key, _, _)| key.to_string())
        .collect();
    let own = profile.new_round(Role::Own, name, stamp(i as u32));
    for (j, key) in keys.iter().enumerate() {
        if i.is_multiple_of(4) && j >= 2 {
            continue;
        }
        let value = 1 + ((i * 7 + j * 3) % 5) as u8;
        profile.assessments[own].edit(&k(key), |r| r.set_mark(Mark::Value(value)));
    }
    if i % 5 == 1 {
        profile.assessments[own].finished = Some(stamp(20));
    }
    if i.is_multiple_of(3) {
        let m = profile.new_round(Role::Manager, "Mika Laine", stamp(25));
        for (j, key) in keys.iter().enumerate() {
            let value = 1 + ((i * 7 + j * 3 + 2 * (j % 2)) % 5) as u8;
            profile.assessments[m].edit(&k(key), |r| r.set_mark(Mark::Value(value)));
        }
        if i.is_multiple_of(2) {
            profile.assessments[m].finished = Some(stamp(26));
        }
    }
    profile
}

fn team() -> Team {
    let framework = framework_file(ATELIER);
    let mut builder = TeamBuilder::default();
    for i in 1..=NAMES.len() {
        builder
            .add(
                Path::new(&format!("team/p{i:02}.toml")),
                &person(i),
                &framework,
            )
            .expect("summarised");
    }
    builder.finish()
}

fn grid() -> Calibration {
    Calibration::new(team(), "Mika Laine".to_owned())
}

fn render(grid: &Calibration, width: u16, height: u16, color: bool) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| {
            rungs::tui::view::calibrate::draw(
                frame,
                grid,
                &Theme {
                    color,
                    light: false,
                },
            )
        })
        .expect("drawing never fails on a test backend");
    terminal
}

fn text(grid: &Calibration, width: u16, height: u16) -> String {
    let terminal = render(grid, width, height, true);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(grid: &mut Calibration, keys: &str) -> Outcome {
    let mut last = Outcome::Continue;
    for c in keys.chars() {
        last = grid.handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    last
}

fn names(grid: &Calibration) -> Vec<String> {
    grid.rows().map(|p| p.name.clone()).collect()
}

#[test]
fn the_grid_at_80_by_24() {
    let grid = grid();
    insta::assert_snapshot!("calibrate_80x24", render(&grid, 80, 24, true).backend());
}

#[test]
fn the_grid_at_160_by_50_side_by_side_sorted_by_gaps() {
    let mut grid = grid();
    press(&mut grid, "mmss");
    assert_eq!((grid.side, grid.sort), (Side::Both, Sort::Gaps));
    insta::assert_snapshot!(
        "calibrate_160x50_both_by_gaps",
        render(&grid, 160, 50, true).backend()
    );
}

/// The embedded framework's five areas, with names up to 29 letters: whole
/// in their columns where the width allows, else numbered and named whole
/// below; an area off to the side is said (`→ 1 more area`).
#[test]
fn area_names_are_whole_or_named_below_and_hidden_areas_said() {
    let framework = tui_support::vaarst();
    let mut builder = TeamBuilder::default();
    for (i, name) in NAMES.iter().enumerate().take(7) {
        let mut profile = tui_support::with_manager(tui_support::partly_rated());
        profile.person = (*name).to_owned();
        builder
            .add(Path::new(&format!("team/v{i}.toml")), &profile, &framework)
            .expect("summarised");
    }
    let grid = Calibration::new(builder.finish(), "Sam Lee".to_owned());
    let names = [
        "Engineering Maturity",
        "Infrastructure and Operations",
        "Automation",
        "Software Development",
        "Process Design",
    ];
    let wide = text(&grid, 200, 60);
    let header = wide.lines().nth(2).expect("the header");
    for name in names {
        assert!(
            header.contains(name),
            "whole in the header at 200: {header}"
        );
    }
    for (w, h) in [(80, 24), (100, 30)] {
        let screen = text(&grid, w, h);
        let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, name) in names.iter().enumerate() {
            assert!(
                joined.contains(&format!("{} {name}", i + 1)),
                "{name} whole below the grid at {w}×{h}:\n{screen}"
            );
        }
        insta::assert_snapshot!(
            format!("calibrate_vaarst_{w}x{h}"),
            render(&grid, w, h, true).backend()
        );
    }
    let narrow = text(&grid, 80, 24);
    let header = narrow.lines().nth(2).expect("the header");
    assert!(
        header.contains("→ 1 more area") || header.contains("→+1"),
        "the fifth area is said to be there: {header}"
    );
    insta::assert_snapshot!(
        "calibrate_vaarst_200x60",
        render(&grid, 200, 60, true).backend()
    );
}

#[test]
fn the_help_lists_the_grid_keys() {
    let mut grid = grid();
    press(&mut grid, "?");
    let screen = text(&grid, 100, 34);
    for words in [
        "show self, manager, or both side by side",
        "sort by name, met, or gaps",
        "filter people by name",
        "open this person's review",
        "clear the filter",
    ] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
    press(&mut grid, "j");
    assert!(!grid.help, "any key closes the help");
    assert_eq!(grid.row, 0, "and does nothing else");
}

#[test]
fn groups_have_their_own_people_and_columns() {
    let mut grid = grid();
    let first = text(&grid, 120, 30);
    assert!(first.contains("Apprenti·e"), "{first}");
    assert_eq!(grid.row_count(), 9);
    assert!(!first.contains("Transm"), "{first}");
    grid.handle(key(KeyCode::Tab));
    let second = text(&grid, 120, 30);
    assert!(second.contains("Compagnon·ne · group 2 of 2"), "{second}");
    assert!(second.contains("Transm"), "{second}");
    assert_eq!(grid.row_count(), 5);
    grid.handle(key(KeyCode::Tab));
    assert_eq!(grid.group, 0, "Tab wraps round");
    grid.handle(key(KeyCode::BackTab));
    assert_eq!(grid.group, 1);
}

#[test]
fn sorting_by_met_and_by_gaps_follows_the_summary() {
    let mut grid = grid();
    let by_name = names(&grid);
    let mut sorted = by_name.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(by_name, sorted);
    press(&mut grid, "s");
    let shares: Vec<f64> = grid
        .rows()
        .map(|p| p.self_met as f64 / p.total as f64)
        .collect();
    assert!(
        shares.windows(2).all(|w| w[0] >= w[1]),
        "most met first: {shares:?}"
    );
    press(&mut grid, "s");
    let gaps: Vec<i64> = grid
        .rows()
        .map(|p| p.gaps.map_or(-1, |g| g as i64))
        .collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    assert!(gaps[0] > 0, "someone has a gap: {gaps:?}");
    press(&mut grid, "s");
    assert_eq!(names(&grid), by_name, "back to names");
}

#[test]
fn a_filter_keeps_matching_people_and_esc_clears_it() {
    let mut grid = grid();
    press(&mut grid, "/");
    assert!(grid.filtering);
    press(&mut grid, "BE");
    assert_eq!(names(&grid), vec!["Ben Okafor"], "case does not matter");
    assert!(text(&grid, 80, 24).contains("Filter: BE"));
    grid.handle(key(KeyCode::Backspace));
    grid.handle(key(KeyCode::Backspace));
    assert_eq!(grid.row_count(), 9, "an empty filter shows everyone");
    press(&mut grid, "o");
    assert_eq!(
        names(&grid),
        vec![
            "Ana Souza",
            "Ben Okafor",
            "Eli Novak",
            "Fay Moreau",
            "Hana Sato",
            "Ivo Petrov"
        ]
    );
    grid.handle(key(KeyCode::Enter));
    assert!(!grid.filtering, "Enter keeps the filter");
    assert_eq!(grid.row_count(), 6);
    // Keys act on the grid again; Ben stayed selected through the filter.
    assert_eq!(
        grid.handle(key(KeyCode::Enter)),
        Outcome::Open(Opening {
            path: PathBuf::from("team/p02.toml"),
            area: Some("qualite".into())
        })
    );
    grid.handle(key(KeyCode::Esc));
    assert_eq!(grid.row_count(), 9, "Esc clears the filter");
    assert_eq!(
        grid.selected().map(|p| p.name.as_str()),
        Some("Ben Okafor"),
        "the same person stays selected"
    );
    press(&mut grid, "/zzz");
    assert_eq!(grid.row_count(), 0);
    assert!(text(&grid, 80, 24).contains("No one matches the filter."));
    assert_eq!(grid.handle(key(KeyCode::Esc)), Outcome::Continue);
    assert_eq!(grid.row_count(), 9);
}

#[test]
fn the_side_key_shows_self_manager_and_both() {
    let mut grid = grid();
    // Cy (row 3) has Mika's round: self meets 1 of 2 quality statements.
    press(&mut grid, "jj");
    assert_eq!(grid.selected().map(|p| p.name.as_str()), Some("Cy Laurent"));
    let own = text(&grid, 80, 24);
    press(&mut grid, "m");
    let manager = text(&grid, 80, 24);
    press(&mut grid, "m");
    let both = text(&grid, 80, 24);
    assert!(own.contains("showing self "), "{own}");
    assert!(manager.contains("showing manager "), "{manager}");
    assert!(both.contains("showing self │ manager"), "{both}");
    assert_ne!(own, manager);
    // The detail line names the manager's count and the gaps.
    assert!(own.contains("Mika Laine"), "{own}");
    press(&mut grid, "m");
    assert_eq!(grid.side, Side::Own);
}

#[test]
fn without_colour_every_cell_still_has_its_symbol() {
    let grid = grid();
    let terminal = render(&grid, 80, 24, false);
    let buffer = terminal.backend().buffer();
    let mut symbols = String::new();
    for cell in buffer.content() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "no colour with NO_COLOR: {cell:?}"
        );
        symbols.push_str(cell.symbol());
    }
    for mark in ["○", "▒", "▓", "·"] {
        assert!(symbols.contains(mark), "{mark} in\n{symbols}");
    }
}

#[test]
fn a_tiny_terminal_says_so() {
    let grid = grid();
    assert!(text(&grid, 30, 8).contains("too small"));
}

#[test]
fn q_quits_and_ctrl_c_too() {
    let mut grid = grid();
    assert_eq!(press(&mut grid, "q"), Outcome::Quit);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(grid.handle(ctrl_c), Outcome::Quit);
}

struct Script(VecDeque<Input>);

impl Events for Script {
    fn next(&mut self) -> io::Result<Input> {
        Ok(self.0.pop_front().unwrap_or(Input::Stop))
    }
    fn ready(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }
    fn edit_externally(&mut self, _: &str) -> anyhow::Result<Option<String>> {
        Ok(None)
    }
    fn suspend(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Enter opens the review at the selected cell's area.
#[test]
fn enter_on_a_cell_opens_the_review_at_its_area() {
    let mut grid = grid();
    grid.handle(key(KeyCode::Right));
    let Outcome::Open(opening) = grid.handle(key(KeyCode::Enter)) else {
        panic!("Enter opens a review");
    };
    assert_eq!(opening.area.as_deref(), Some("collaboration"));
    assert_eq!(
        Some(&opening.path),
        grid.selected().map(|p| &p.path),
        "the selected person's"
    );
}

fn typed(code: KeyCode) -> Input {
    Input::Event(Event::Key(key(code)))
}

#[test]
fn enter_hands_the_person_to_the_review_and_the_grid_comes_back() {
    let mut grid = grid();
    let mut events = Script(
        [
            typed(KeyCode::Char('s')),
            typed(KeyCode::Char('j')),
            typed(KeyCode::Enter),
            typed(KeyCode::Char('q')),
        ]
        .into(),
    );
    let chosen = grid.rows().nth(1).expect("a second row").path.clone();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let mut opened = Vec::new();
    run_grid(
        &mut terminal,
        &mut events,
        &mut grid,
        &Theme::DARK,
        |_, _, opening| {
            opened.push(opening.path.clone());
            // The review raised nothing here; the overview is read again.
            ("Review of someone: saved.".to_owned(), Some(team()))
        },
    )
    .expect("the loop ends on q");
    assert_eq!(opened, vec![chosen.clone()]);
    assert_eq!(
        grid.selected().map(|p| p.path.clone()),
        Some(chosen),
        "the same person is selected after the grid is read again"
    );
    assert_eq!(grid.sort, Sort::Met, "and the sort is kept");
    assert_eq!(grid.status.as_deref(), Some("Review of someone: saved."));
    assert!(text(&grid, 80, 24).contains("Review of someone: saved."));
}

// ---------------------------------------------------------------------------
// The real binary in a pseudo-terminal.

/// The grid of `write_team` in a terminal wide enough for its key hints.
fn start_grid(home: &Path) -> Tui {
    Tui::start_sized(
        home,
        &["team", "team", "--tui", "--as", "Mika Laine"],
        &[],
        30,
        110,
    )
}

fn write_team(home: &Path) -> PathBuf {
    let dir = home.join("team");
    std::fs::create_dir_all(home.join("frameworks")).expect("mkdir");
    std::fs::copy(ATELIER, home.join("frameworks/atelier.toml")).expect("copy");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 1..=NAMES.len() {
        let text = toml::to_string(&person(i)).expect("a profile");
        std::fs::write(dir.join(format!("p{i:02}.toml")), text).expect("write");
    }
    dir
}

#[test]
fn the_real_grid_opens_a_review_and_comes_back() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = write_team(home.path());
    let ben = dir.join("p02.toml");
    let before = std::fs::read_to_string(&ben).expect("Ben's profile");
    let mut tui = start_grid(home.path());
    tui.wait_for("Calibration");
    tui.wait_for("Enter reviews as Mika Laine");
    // Ben's row, the second area's cell: the review opens at that area.
    tui.keys(&["j", "l", "\r"]);
    tui.wait_for("Ben Okafor");
    tui.wait_for("Mika Laine");
    // Ben's profile names no direct manager: Mika, reviewing first, is asked.
    tui.wait_for("Are you Ben Okafor's direct manager?");
    // The choices show once the question takes answers.
    tui.wait_for("y yes");
    tui.keys(&["y"]);
    tui.wait_for("Mika Laine is named Ben Okafor's direct manager.");
    tui.wait_for("area 2 of 2");
    // A rating in the review: the area's first statement gets a 4 from Mika.
    tui.keys(&["4"]);
    tui.keys(&["q"]);
    tui.wait_for("Calibration");
    tui.wait_for("Review of Ben Okafor by Mika Laine");
    // The grid was read again: Ben now has a manager round.
    tui.keys(&["m"]);
    tui.wait_for("showing manager");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let after: Profile =
        toml::from_str(&std::fs::read_to_string(&ben).expect("Ben's profile")).expect("valid");
    let before: Profile = toml::from_str(&before).expect("valid");
    assert_eq!(
        after.current(Role::Own),
        before.current(Role::Own),
        "Ben's own round is untouched"
    );
    let mika = after
        .latest_by(Role::Manager, "Mika Laine")
        .expect("Mika's round");
    assert_eq!(mika.mark("apprenti/collaboration/1"), Mark::Value(4));
    assert_eq!(mika.mark("apprenti/qualite/1"), Mark::Unrated);
    assert_eq!(after.manager.as_deref(), Some("Mika Laine"));
}

#[test]
fn a_profile_open_elsewhere_opens_read_only_from_the_grid() {
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = write_team(home.path());
    let ana = dir.join("p01.toml");
    let before = std::fs::read_to_string(&ana).expect("Ana's profile");
    // Mika has Ana's review open elsewhere: its lock is held.
    let writer = rungs::store::Writer {
        claim: rungs::model::save_merge::Claim::ReviewsBy("Mika Laine".into()),
        holder: "Mika Laine (rungs review)".into(),
    };
    let (held, _) = rungs::store::ProfileFile::open(
        &ana,
        &writer,
        &rungs::store::Paths::in_home(home.path().to_path_buf()),
    )
    .expect("the lock");
    assert!(held.read_only_reason().is_none());
    let mut tui = start_grid(home.path());
    tui.wait_for("Calibration");
    tui.keys(&["\r"]);
    tui.wait_for("READ-ONLY");
    tui.keys(&["4", "q"]);
    tui.wait_for("Calibration");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    drop(held);
    assert_eq!(
        std::fs::read_to_string(&ana).expect("Ana's profile"),
        before,
        "nothing was written"
    );
}
