//! The import target (BENCHMARKS.md): a 5 MB spreadsheet of 20,000
//! statements read, checked and written as a framework file in under a
//! second. The CSV is generated here, the same bytes every run.
//!
//! And how the readers of untrusted text grow with hostile input (issue
//! 18, BENCHMARKS.md's scaling table), at sizes doubling:
//! `cargo bench -p rungs-devtools --bench import -- import-scaling`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rungs::import::{self, Format, Options, Source};

/// A long-layout CSV: 2 crafts × 10 levels × 20 areas × 50 statements,
/// each statement padded to about 250 bytes, some quoted with commas.
pub fn large_csv() -> String {
    let mut out = String::from("craft,level,rank,area,statement,statement_id,area_name\n");
    let filler = "and I write down what I learned so that the next person who meets the same problem finds the answer quickly, without asking";
    for craft in 0..2 {
        for level in 1..=10 {
            for area in 0..20 {
                for n in 0..50 {
                    out.push_str(&format!(
                        "craft-{craft},level-{level},{level},area-{area},\"I do thing {n} of area {area} at level {level}, {filler} {filler}\",s{n},Area {area}\n"
                    ));
                }
            }
        }
    }
    out
}

fn import_csv(c: &mut Criterion) {
    let text = large_csv();
    assert!(text.len() >= 5_000_000, "{} bytes", text.len());
    let sources = vec![Source {
        path: PathBuf::from("large.csv"),
        text,
    }];
    let options = Options::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("csv_5mb_20000_statements", |b| {
        b.iter(|| {
            let draft = import::read(Format::Csv, &sources, &options).expect("reads");
            let (framework, _) =
                import::assemble(draft, &sources, &options, None).expect("assembles");
            assert_eq!(framework.statement_count(), 20_000);
            black_box(import::to_toml(&framework))
        })
    });
    group.finish();
}

/// `tracks: x ` repeated with no `=` or `;`: each `tracks` makes the reader
/// look for a type annotation's `=` (quadratic before issue 18.8).
fn names_without_value(bytes: usize) -> String {
    "tracks: x ".repeat(bytes / 10)
}

/// `[` nested `bytes / 2` deep under a key rungs ignores (200,000 deep at
/// 400 KB): the YAML reader refuses it at the first level past its limit.
fn deep_yaml(bytes: usize) -> String {
    let depth = bytes / 2;
    format!(
        "name: Deep\nlevels: [{{id: a}}]\nthemes: [{{id: t}}]\ncompetencies: []\nignored: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// The deepest nesting rungs reads, repeated to `bytes`: the cost of every
/// level it accepts.
fn deepest_allowed_yaml(bytes: usize) -> String {
    let one = format!(
        "  - {}{}\n",
        "[".repeat(import::MAX_YAML_DEPTH - 3),
        "]".repeat(import::MAX_YAML_DEPTH - 3)
    );
    format!(
        "name: Deep\nlevels: [{{id: a}}]\nthemes: [{{id: t}}]\ncompetencies: []\nignored:\n{}",
        one.repeat(bytes / one.len())
    )
}

fn import_scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("import-scaling");
    group.sample_size(10);
    let read = |format: Format, name: &str, text: String| {
        let sources = vec![Source {
            path: PathBuf::from(name),
            text,
        }];
        move || black_box(import::read(format, &sources, &Options::default()).is_err())
    };
    for kb in [100, 200, 400, 800] {
        let bytes = kb * 1000;
        let mut js = read(Format::Snowflake, "c.js", names_without_value(bytes));
        assert!(js(), "no tracks object: refused");
        group.bench_function(format!("js-name-without-value/{kb}KB"), |b| b.iter(&mut js));
        let mut deep = read(Format::Ft, "deep.yml", deep_yaml(bytes));
        assert!(deep(), "refused: too deep");
        group.bench_function(format!("yaml-too-deep/{kb}KB"), |b| b.iter(&mut deep));
        let mut allowed = read(Format::Ft, "deep.yml", deepest_allowed_yaml(bytes));
        assert!(!allowed(), "read: as deep as allowed");
        group.bench_function(format!("yaml-deepest-allowed/{kb}KB"), |b| {
            b.iter(&mut allowed)
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = import_csv, import_scaling
}
criterion_main!(benches);
