//! Issue 21: `rungs harvest` and `rungs packet`, at n and 10n, to show how
//! each grows. `git log` output of n commits read and filtered to the
//! person's; one frame of the harvest list (200×60) over n proposals, and
//! with the statement pick list open over a craft of 4,000 statements; the
//! promotion packet (facts, markdown, HTML and JSON) of a profile rating
//! 4,000 statements, with n evidence items.
//!
//! `cargo bench -p rungs-devtools --bench harvest -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rungs::export::packet::{self, Packet};
use rungs::model::harvest::{Identities, Proposal, Source, parse_log, propose};
use rungs::model::{Evidence, Framework, Profile};
use rungs::store::read;
use rungs::tui::harvest::Harvesting;
use rungs::tui::theme::Theme;
use rungs_devtools::testgen::{self, Rng, Shape};

/// One craft of 8 levels × 10 areas × 50 statements.
const SHAPE: Shape = Shape {
    crafts: 1,
    levels: 8,
    areas: 10,
    statements: 50,
};

/// `git log -z` output of `n` commits, every third by someone else.
fn log(n: usize) -> String {
    let mut rng = Rng::new(21);
    (0..n)
        .map(|i| {
            let (name, email) = if i % 3 == 2 {
                ("Sam Lee", "sam@example.com")
            } else {
                ("Alex Doe", "alex@example.com")
            };
            let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            format!(
                "{:040x}\u{1f}{:040x}\u{1f}{day}\u{1f}{email}\u{1f}{name}\u{1f}{} (#{i})",
                i + 1,
                i,
                testgen::sentence(&mut rng, 60)
            )
        })
        .collect::<Vec<_>>()
        .join("\0")
}

fn framework() -> Framework {
    read::parse_framework(Path::new("large.toml"), &testgen::framework_toml(SHAPE, 1))
        .expect("a valid framework")
}

fn profile() -> Profile {
    read::parse_profile(Path::new("p.toml"), &testgen::profile_toml(SHAPE, 2)).expect("a profile")
}

fn proposals(n: usize, profile: &Profile) -> Vec<(usize, Proposal)> {
    let (commits, _) = parse_log(&log(n));
    let ids = Identities::new(["alex@example.com".to_owned()]);
    propose(profile, "big", commits, &ids, None)
        .into_iter()
        .map(|p| (0, p))
        .collect()
}

fn harvest(c: &mut Criterion) {
    let mut group = c.benchmark_group("harvest");
    let base = profile();
    for n in [1_000, 10_000] {
        let text = log(n);
        group.bench_with_input(BenchmarkId::new("read_log", n), &text, |b, text| {
            let ids = Identities::new(["alex@example.com".to_owned()]);
            b.iter(|| {
                let (commits, _) = parse_log(black_box(text));
                black_box(propose(&base, "big", commits, &ids, None))
            })
        });
    }
    let framework = framework();
    let craft = framework.craft(&base.craft).expect("the craft");
    let source = Source {
        name: "big".into(),
        path: "/src/big".into(),
        remote: None,
    };
    for n in [1_000, 10_000] {
        let mut state = Harvesting::new(
            base.clone(),
            craft,
            vec![source.clone()],
            proposals(n, &base),
            "t".into(),
        );
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a terminal");
        group.bench_function(BenchmarkId::new("frame_list", n), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| rungs::tui::view::harvest::draw(f, &state, &Theme::DARK))
                    .expect("draw");
            })
        });
        state.handle(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char('a'),
        ));
        group.bench_function(BenchmarkId::new("frame_pick_4000_statements", n), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| rungs::tui::view::harvest::draw(f, &state, &Theme::DARK))
                    .expect("draw");
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("packet");
    let next = format!("level-{}", SHAPE.levels / 2 + 1);
    for n in [100, 1_000] {
        let mut profile = base.clone();
        let mut rng = Rng::new(7);
        let date = toml::value::Date {
            year: 2026,
            month: 3,
            day: 1,
        };
        for i in 0..n {
            let mut item = Evidence::new(date, &testgen::sentence(&mut rng, 100), &i.to_string());
            item.statements = (0..3)
                .map(|_| {
                    format!(
                        "{next}/{}/{}",
                        testgen::area_id(rng.below(SHAPE.areas)),
                        rng.below(SHAPE.statements) + 1
                    )
                })
                .collect();
            profile.add_evidence(item);
        }
        group.bench_function(BenchmarkId::new("all_formats_4000_ratings", n), |b| {
            b.iter(|| {
                let p = Packet::of(black_box(&profile), &framework, None).expect("a packet");
                black_box(rungs::export::packet_markdown::render(&p));
                black_box(rungs::export::packet_html::render(&p));
                black_box(packet::json(&p).expect("json"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, harvest);
criterion_main!(benches);
