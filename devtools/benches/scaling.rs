//! How each cost grows with a hostile input (issue 9): every dimension a
//! file controls, at n and 10n. Each must grow at most about linearly (10n
//! costs at most about 10× n); a text the screen shows only part of must
//! not cost more at 10n at all. The table is in BENCHMARKS.md.
//!
//! `cargo bench --bench scaling -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rungs::export::Format as ExportFormat;
use rungs::model::team::TeamBuilder;
use rungs::model::{Framework, Profile};
use rungs::store::{Catalog, check_profile, read};
use rungs::tui::app::{App, Mode};
use rungs::tui::theme::Theme;
use rungs::tui::view;
use rungs_devtools::testgen;

const SEED: u64 = 2026;

fn catalog() -> Catalog {
    Catalog::load(Path::new("/nonexistent"))
}

const HEAD: &str = "format = 1\nperson = \"Bulk\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n";
const ROUND: &str = "\n[[assessments]]\nrole = \"self\"\nassessor = \"Bulk\"\nstarted = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n";

/// A profile of one round whose `n` ratings each break a rule with
/// `value`: 2 for orphans (a statement not in the framework), 7 for
/// off-scale values of orphans (errors).
fn broken_profile(n: usize, value: u8) -> String {
    let mut text = format!("{HEAD}{ROUND}");
    for i in 0..n {
        text.push_str(&format!(
            "[[assessments.ratings]]\nstatement = \"level-4/gone/{i}\"\nvalue = {value}\n"
        ));
    }
    text
}

/// A sound profile of `rounds` rounds of the 15 vaarst statements.
fn many_ratings(rounds: usize) -> String {
    let keys = testgen::vaarst_keys();
    let mut text = HEAD.to_owned();
    for _ in 0..rounds {
        text.push_str(ROUND);
        for (i, key) in keys.iter().enumerate() {
            text.push_str(&format!(
                "[[assessments.ratings]]\nstatement = \"{key}\"\nvalue = {}\nnote = \"evidence {i}\"\n",
                1 + i % 4
            ));
        }
    }
    text
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group
}

fn located(c: &mut Criterion) {
    let catalog = catalog();
    let path = Path::new("p.toml");
    let mut group = group(c, "scaling");
    for n in [2_000, 20_000] {
        let orphans = broken_profile(n, 2);
        group.bench_function(format!("orphans/{n}"), |b| {
            b.iter(|| {
                let checked = check_profile(path, &orphans, &catalog).expect("orphans are kept");
                black_box(checked.orphans.len())
            })
        });
        let errors = broken_profile(n, 7);
        group.bench_function(format!("errors/{n}"), |b| {
            b.iter(|| {
                let err = check_profile(path, &errors, &catalog)
                    .err()
                    .expect("refused");
                black_box(err.to_string().len())
            })
        });
    }
    for rounds in [100, 1_000] {
        let text = many_ratings(rounds);
        let n = rounds * 15;
        group.bench_function(format!("ratings/{n}"), |b| {
            b.iter(|| {
                let checked = check_profile(path, &text, &catalog).expect("valid");
                rungs::export::render(&checked.profile, checked.framework, ExportFormat::Markdown)
                    .expect("renders")
                    .len()
            })
        });
    }
    group.finish();
}

/// The selected statement after a Tab and two `j`.
const SELECTED: (usize, usize) = (1, 2);

fn frame_of(framework: Framework, profile: Profile) -> impl FnMut() {
    let mut app = App::new(framework, profile, Mode::Assess, "Bulk").expect("fits");
    app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    for _ in 0..2 {
        app.handle_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    }
    let theme = Theme::DARK;
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut shown = view::ViewState::default();
    move || {
        terminal
            .draw(|f| view::draw(f, &app, &mut shown, &theme))
            .expect("draws");
    }
}

fn screen(c: &mut Criterion) {
    let catalog = catalog();
    let vaarst = catalog.find("vaarst").expect("embedded").clone();
    let key = {
        let level = &vaarst.crafts[0].levels[0];
        let area = &level.areas[SELECTED.0];
        format!(
            "{}/{}/{}",
            level.id, area.id, area.statements[SELECTED.1].id
        )
    };
    let mut group = group(c, "scaling");
    for mb in [1, 10] {
        let note = "I wrote the evidence down at length. ".repeat(mb * 1024 * 1024 / 37);
        let text = format!(
            "{HEAD}{ROUND}[[assessments.ratings]]\nstatement = \"{key}\"\nvalue = 3\nnote = \"{note}\"\n"
        );
        let profile = read::parse_profile(Path::new("p.toml"), &text).expect("a profile");
        let mut draw = frame_of(vaarst.clone(), profile);
        group.bench_function(format!("note-frame/{mb}MB"), |b| b.iter(&mut draw));
    }
    for mb in [3, 30] {
        let mut framework = vaarst.clone();
        framework.crafts[0].levels[0].areas[SELECTED.0].statements[SELECTED.1].text =
            "I state a long thing. ".repeat(mb * 1024 * 1024 / 22);
        let profile = Profile::new("Bulk", "vaarst", "devops-engineer", "level-4");
        let mut draw = frame_of(framework, profile);
        group.bench_function(format!("statement-frame/{mb}MB"), |b| b.iter(&mut draw));
    }
    group.finish();
}

fn team(c: &mut Criterion) {
    let catalog = catalog();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temp dir");
    let mut group = group(c, "scaling");
    for n in [100, 1_000] {
        let sub = dir.path().join(n.to_string());
        std::fs::create_dir(&sub).expect("mkdir");
        let files: Vec<PathBuf> = testgen::write_vaarst_profiles(&sub, n, SEED).expect("writes");
        group.bench_function(format!("team/{n}-profiles"), |b| {
            b.iter(|| {
                let mut team = TeamBuilder::default();
                for path in &files {
                    let text = read::read_text(path).expect("readable");
                    let checked = check_profile(path, &text, &catalog).expect("valid");
                    team.add(path, &checked.profile, checked.framework)
                        .expect("summarised");
                }
                rungs::export::team_table::markdown(&team.finish(), Default::default()).len()
            })
        });
    }
    group.finish();
}

/// `relink --write`'s plan and moves over `n` orphans of one round that all
/// carry the words of one statement (each stays: none may take it).
fn relink(c: &mut Criterion) {
    let catalog = catalog();
    let vaarst = catalog.find("vaarst").expect("embedded");
    let craft = &vaarst.crafts[0];
    let (_, _, first) = craft.levels[0].statements().next().expect("a statement");
    let words = first.fingerprint();
    let mut group = group(c, "scaling");
    for n in [2_000, 20_000] {
        let mut text = format!("{HEAD}{ROUND}");
        for i in 0..n {
            text.push_str(&format!(
                "[[assessments.ratings]]\nstatement = \"level-4/gone/{i}\"\nvalue = 3\nseen = \"{words}\"\n"
            ));
        }
        let profile = read::parse_profile(Path::new("p.toml"), &text).expect("a profile");
        group.bench_function(format!("relink-same-words/{n}"), |b| {
            b.iter(|| {
                let mut profile = profile.clone();
                let plan = rungs::model::relink::plan(&profile, craft);
                rungs::model::relink::apply(&mut profile, &plan);
                black_box(plan.kept.len())
            })
        });
    }
    group.finish();
}

/// Leaving a profile with a state file of 30,000 and 300,000 places
/// (issue 18.14): only the end of the file is read, so the cost is flat.
fn places(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temp dir");
    let key = rungs::model::StatementKey::parse("level-4/automation/2").expect("a key");
    let profile = dir.path().join("alex.toml");
    let mut group = group(c, "scaling");
    for n in [30_000, 300_000] {
        let mut text = String::from("[places]\n");
        for i in 0..n {
            text.push_str(&format!(
                "\"/home/someone/profiles/person-{i}.toml\" = \"level-4/automation/1\"\n"
            ));
        }
        let state = dir.path().join(format!("state-{n}.toml"));
        group.bench_function(format!("state-places/{n}"), |b| {
            b.iter_batched(
                || std::fs::write(&state, &text).expect("writes"),
                |()| rungs::store::state::remember(&state, &profile, &key),
                criterion::BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// `rungs show --diff` of two levels whose one statement is reworded at
/// length, 3 KB and 30 KB (issue 18.13: 13 s before): statements paired by
/// their words, the word diff bounded, so the cost is flat in the length.
fn word_diff(c: &mut Criterion) {
    let catalog = catalog();
    let vaarst = catalog.find("vaarst").expect("embedded").clone();
    let mut group = group(c, "scaling");
    for kb in [3, 30] {
        let mut framework = vaarst.clone();
        let craft = &mut framework.crafts[0];
        let mut next = craft.levels[0].clone();
        next.id = "level-5".into();
        next.rank = 5;
        let long = "I state a long thing about the way I work with others. ".repeat(kb * 1024 / 55);
        craft.levels[0].areas[0].statements[0].text = long.clone();
        next.areas[0].statements[0].text = format!("{long} And I say so.");
        craft.levels.push(next);
        let (a, b) = (
            &framework.crafts[0].levels[0],
            &framework.crafts[0].levels[1],
        );
        group.bench_function(format!("word-diff/{kb}KB"), |bench| {
            bench.iter(|| {
                let diff = rungs::model::level_diff::level_diff(a, b);
                rungs::export::changes::level_diff_text(&framework, &diff).len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, located, screen, team, relink, places, word_diff);
criterion_main!(benches);
