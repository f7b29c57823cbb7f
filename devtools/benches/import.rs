//! The import target (BENCHMARKS.md): a 5 MB spreadsheet of 20,000
//! statements read, checked and written as a framework file in under a
//! second. The CSV is generated here, the same bytes every run.

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

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = import_csv
}
criterion_main!(benches);
