//! `rungs diff` of two people with 4,000 ratings each on one level, in
//! process: both profiles parsed and checked, compared, written as markdown
//! and JSON (issue target: ≤ 50 ms). The framework is loaded once, outside
//! the measured part, as every command loads it before anything else.
//!
//! `cargo bench --bench diff -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rungs::export::changes::{Sides, round_diff_json, round_diff_markdown};
use rungs::model::Role;
use rungs::model::round_diff::round_diff;
use rungs::store::{Catalog, check_profile, read};
use rungs_devtools::testgen::{self, Shape};

/// One level of 10 areas × 400 statements: a profile rates all 4,000.
const SHAPE: Shape = Shape {
    crafts: 1,
    levels: 1,
    areas: 10,
    statements: 400,
};

fn diff(c: &mut Criterion) {
    let mut catalog = Catalog::load(Path::new("/nonexistent"));
    let framework =
        read::parse_framework(Path::new("large.toml"), &testgen::framework_toml(SHAPE, 1))
            .expect("a valid framework");
    catalog.add_framework(framework, Path::new("large.toml"));
    let (a, b) = (
        testgen::profile_toml(SHAPE, 2),
        testgen::profile_toml(SHAPE, 3),
    );
    c.bench_function("diff_two_people_4000_ratings", |bench| {
        bench.iter(|| {
            let one = check_profile(Path::new("a.toml"), black_box(&a), &catalog).expect("a");
            let two = check_profile(Path::new("b.toml"), black_box(&b), &catalog).expect("b");
            let craft = one.framework.craft(&one.profile.craft).expect("craft");
            let level = craft.level(&one.profile.level).expect("level");
            let scale = &one.framework.scale;
            let changes = round_diff(
                level,
                one.profile.current(Role::Own),
                two.profile.current(Role::Own),
                scale,
            );
            assert_eq!(changes.areas.len(), 10);
            let sides = Sides {
                title: "A and B".into(),
                from: "A".into(),
                to: "B".into(),
                from_date: None,
                to_date: None,
                reviewer: None,
            };
            black_box(round_diff_markdown(&sides, &changes, scale));
            black_box(round_diff_json(&sides, &changes).expect("json"));
        })
    });
}

criterion_group!(benches, diff);
criterion_main!(benches);
