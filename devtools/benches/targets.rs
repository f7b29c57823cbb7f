//! The in-process rows of the performance targets (BENCHMARKS.md), and how
//! each cost grows with the size of the data. The whole-process rows are
//! timed by `scripts/bench-process.sh`.
//!
//! All data comes from `rungs_devtools::testgen`, seeded, so every run measures the
//! same bytes. Sample counts are kept small: the machine has two cores and
//! `cargo bench` should finish in a few minutes.

use std::fs::{File, OpenOptions};
use std::hint::black_box;
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rungs::export::Format as ExportFormat;
use rungs::model::save_merge::Claim;
use rungs::model::team::TeamBuilder;
use rungs::model::{Framework, Mark, Profile};
use rungs::store::{Catalog, Paths, ProfileFile, Writer, check_profile, read};
use rungs::tui::app::{App, Effect, Mode};
use rungs::tui::session::Session;
use rungs::tui::theme::Theme;
use rungs::tui::view;
use rungs_devtools::testgen::{self, Shape};

const SEED: u64 = 2026;
/// The screen size of the render target.
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// A temporary folder on the same disk a real profile lives on (not a
/// tmpfs, where fsync would cost nothing).
fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writable temp folder");
    path
}

fn load_framework(path: &Path) -> Framework {
    let text = read::read_text(path).expect("readable");
    read::parse_framework(path, &text).expect("a valid framework")
}

fn vaarst() -> Framework {
    Catalog::load(Path::new("/nonexistent"))
        .find("vaarst")
        .expect("the embedded framework")
        .clone()
}

fn large_profile(shape: Shape) -> Profile {
    read::parse_profile(
        Path::new("profile.toml"),
        &testgen::profile_toml(shape, SEED),
    )
    .expect("a profile")
}

/// A generated framework of `shape`, written to `dir` and read back as a
/// user's framework file is, and a profile rating one craft of it.
fn large(dir: &Path, shape: Shape) -> (Framework, Profile) {
    let path = write(dir, "large.toml", &testgen::framework_toml(shape, SEED));
    (load_framework(&path), large_profile(shape))
}

fn vaarst_profile() -> Profile {
    let text = testgen::vaarst_profile_toml("Alex Doe", SEED, &testgen::vaarst_keys());
    read::parse_profile(Path::new("profile.toml"), &text).expect("a profile")
}

fn press(app: &mut App, code: KeyCode) -> Effect {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// An app with the selection a few rows into the second area, as in use.
fn app_on(framework: Framework, profile: Profile) -> App {
    let mut app = App::new(framework, profile, Mode::Assess, "Alex Doe").expect("the profile fits");
    press(&mut app, KeyCode::Tab);
    for _ in 0..2 {
        press(&mut app, KeyCode::Char('j'));
    }
    app
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    samples: usize,
    secs: u64,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(samples)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(secs));
    group
}

/// Read the ~9 MB file (from the page cache), parse, validate, sanitise.
fn load(c: &mut Criterion) {
    let dir = temp_dir();
    let mut group = group(c, "load", 10, 6);
    for scale in [1, 10, 100] {
        let path = write(
            dir.path(),
            "large.toml",
            &testgen::framework_toml(Shape::scaled(scale), SEED),
        );
        group.bench_with_input(
            BenchmarkId::new("framework", format!("{scale}x")),
            &path,
            |b, path| b.iter(|| load_framework(black_box(path))),
        );
    }
    // Where the time goes: the toml crate's parse and deserialisation alone.
    let text = testgen::framework_toml(Shape::LARGE, SEED);
    group.bench_function("toml-parse-only/100x", |b| {
        b.iter(|| toml::from_str::<Framework>(black_box(&text)).expect("valid"))
    });
    group.finish();
}

/// One frame of the assessment screen at 200×60 on a TestBackend. The
/// terminal is kept between frames, as the real loop keeps it, so each frame
/// is built in full and diffed against the previous one.
fn render(c: &mut Criterion) {
    let dir = temp_dir();
    let theme = Theme::DARK;
    let mut group = group(c, "render", 50, 3);
    let frame = |group: &mut criterion::BenchmarkGroup<_>, name: String, app: App| {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        let mut shown = view::ViewState::default();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| view::draw(f, &app, &mut shown, &theme))
                    .expect("drawing a test backend");
            })
        });
    };
    frame(
        &mut group,
        "embedded".into(),
        app_on(vaarst(), vaarst_profile()),
    );
    for scale in [1, 10, 100] {
        let (framework, profile) = large(dir.path(), Shape::scaled(scale));
        frame(
            &mut group,
            format!("large/{scale}x"),
            app_on(framework, profile),
        );
    }
    // The same screen as large/100x (10 areas of 50 statements, so the same
    // rows are visible) from a framework of 500 statements instead of
    // 40,000: equal times mean nothing scales with the statement count.
    let shape = Shape {
        crafts: 1,
        levels: 1,
        areas: 10,
        statements: 50,
    };
    let (framework, profile) = large(dir.path(), shape);
    frame(
        &mut group,
        "same-screen/500-statements".into(),
        app_on(framework, profile),
    );
    // Evidence: n items on the embedded profile, each on three statements;
    // the main screen (markers, detail pane) and the open dialog, at n and 10n.
    for n in [300, 3000] {
        let profile = with_evidence(vaarst_profile(), n);
        frame(
            &mut group,
            format!("evidence/{n}"),
            app_on(vaarst(), profile.clone()),
        );
        let mut app = app_on(vaarst(), profile);
        press(&mut app, KeyCode::Char('v'));
        frame(&mut group, format!("evidence-dialog/{n}"), app);
    }
    group.finish();
}

/// `profile` with `n` evidence items, each supporting three statements of
/// its level in turn.
fn with_evidence(mut profile: Profile, n: usize) -> Profile {
    let keys = testgen::vaarst_keys();
    let day = toml::value::Date {
        year: 2026,
        month: 10,
        day: 4,
    };
    for i in 0..n {
        let mut item = rungs::model::Evidence::new(day, &format!("Piece of work {i}"), "bench");
        item.id = format!("e{i}");
        item.links = vec![format!("https://example.com/pr/{i}")];
        item.statements = (0..3).map(|j| keys[(i + j) % keys.len()].clone()).collect();
        profile.add_evidence(item);
    }
    profile
}

/// A digit key that changes the selected rating, then the save the loop
/// does for it: serialise, write a temporary file, fsync, rename, fsync the
/// folder.
fn save(c: &mut Criterion) {
    let dir = temp_dir();
    let mut group = group(c, "save", 20, 4);
    let keypress_and_save = |group: &mut criterion::BenchmarkGroup<_>,
                             name: String,
                             framework: Framework,
                             profile: Profile| {
        let path = dir.path().join(format!("{}.toml", name.replace('/', "-")));
        std::fs::write(&path, toml::to_string(&profile).expect("serialisable")).expect("writable");
        let writer = Writer {
            claim: Claim::OwnRounds,
            holder: "bench".into(),
        };
        let home = Paths::in_home(dir.path().join("rungs-home"));
        let (file, _) = ProfileFile::open(&path, &writer, &home).expect("opens");
        let mut session = Session::new(file);
        let mut app = app_on(framework, profile);
        group.bench_function(name, |b| {
            b.iter(|| {
                // Always a different value, so every press is a change and a save.
                let digit = if app.mark_at(app.area, app.row) == Mark::Value(3) {
                    '2'
                } else {
                    '3'
                };
                let effect = press(&mut app, KeyCode::Char(digit));
                assert_eq!(effect, Effect::Save);
                app.on_saved(session.save(&app.profile));
                // Back up the list so the selection never runs off its end.
                press(&mut app, KeyCode::Char('k'));
            })
        });
        // (No status when a filter skipped this bench.)
        assert!(
            app.status
                .as_ref()
                .is_none_or(|s| s.text.starts_with("Saved")),
            "saves succeeded"
        );
    };
    keypress_and_save(&mut group, "embedded".into(), vaarst(), vaarst_profile());
    for scale in [1, 10, 100] {
        let (framework, profile) = large(dir.path(), Shape::scaled(scale));
        keypress_and_save(&mut group, format!("large/{scale}x"), framework, profile);
    }

    // The parts of the large save, to say where its time goes.
    let profile = large_profile(Shape::LARGE);
    group.bench_function("serialise-only/large", |b| {
        b.iter(|| toml::to_string(black_box(&profile)).expect("serialisable"))
    });

    // What one fsync of a small, just-written file costs on this disk.
    let mut small: File = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(dir.path().join("fsync-probe"))
        .expect("writable");
    group.bench_function("fsync-only/small-file", |b| {
        b.iter(|| {
            small.rewind().expect("seek");
            small.write_all(b"rungs fsync probe\n").expect("write");
            small.sync_all().expect("fsync");
        })
    });
    group.finish();
}

/// The markdown export of a profile (the report, then the text).
fn export(c: &mut Criterion) {
    let dir = temp_dir();
    let mut group = group(c, "export", 20, 3);
    for scale in [1, 10, 100] {
        let (framework, profile) = large(dir.path(), Shape::scaled(scale));
        group.bench_function(format!("markdown/{scale}x"), |b| {
            b.iter(|| {
                rungs::export::render(black_box(&profile), &framework, ExportFormat::Markdown)
                    .expect("renders")
            })
        });
    }
    group.finish();
}

/// `rungs team` over 1,000 embedded-framework profiles, minus process start:
/// read and check every file, build the overview, render markdown.
fn team(c: &mut Criterion) {
    let dir = temp_dir();
    let files = testgen::write_vaarst_profiles(dir.path(), 1000, SEED).expect("writable");
    let catalog = Catalog::load(Path::new("/nonexistent"));
    let mut group = group(c, "team", 10, 6);
    group.bench_function("markdown/1000-profiles", |b| {
        b.iter(|| {
            let mut team = TeamBuilder::default();
            for path in &files {
                let checked =
                    check_profile(path, &read::read_text(path).expect("readable"), &catalog)
                        .expect("valid");
                team.add(path, &checked.profile, checked.framework)
                    .expect("summarised");
            }
            rungs::export::team_table::markdown(&team.finish(), Default::default())
        })
    });
    group.finish();
}

criterion_group!(benches, load, render, save, export, team);
criterion_main!(benches);
