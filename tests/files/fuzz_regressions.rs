//! Replays every input the fuzzers ever found (and the seeds) through the
//! same checks the fuzz targets run, and a property-test twin of each target,
//! so CI guards them without cargo-fuzz.

use std::path::Path;

use proptest::prelude::*;
use rungs_devtools::fuzzing;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).expect("a corpus file");
        check(&bytes);
        count += 1;
    }
    assert!(count > 0, "{target}: the corpus is not empty");
}

#[test]
fn framework_corpus() {
    replay("framework", fuzzing::check_framework);
}

#[test]
fn profile_corpus() {
    replay("profile", fuzzing::check_profile);
}

#[test]
fn import_corpus() {
    replay("import", fuzzing::check_import);
}

#[test]
fn import_format_corpora() {
    use rungs::import::Format;
    replay("import-csv", |b| {
        fuzzing::check_import_format(Format::Csv, b)
    });
    replay("import-monzo", |b| {
        fuzzing::check_import_format(Format::Monzo, b)
    });
    replay("import-ft", |b| fuzzing::check_import_format(Format::Ft, b));
    replay("import-snowflake", |b| {
        fuzzing::check_import_format(Format::Snowflake, b)
    });
}

#[test]
fn merge_corpus() {
    replay("merge", fuzzing::check_merge);
}

#[test]
fn keys_corpus() {
    replay("keys", fuzzing::check_keys);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_framework_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        fuzzing::check_framework(&bytes);
    }

    #[test]
    fn any_profile_text(text in "(format = 1\nperson = \"[^\"]{0,20}\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n)?[ -~\n]{0,300}") {
        fuzzing::check_profile(text.as_bytes());
    }

    #[test]
    fn any_page(text in "(---\ntitle: Level [0-9]\nparent: [A-Za-z ]{0,12} Craft\ngrand_parent: [A-Za-z ]{0,12}\n---\n)?[ -~\n]{0,300}") {
        fuzzing::check_import(text.as_bytes());
    }

    #[test]
    fn any_csv(text in "(craft,level,rank,area,statement\n|Level;Rank;A;B\n)?([a-z0-9 ,;\t\"\n•-]{0,30}\r?\n){0,12}") {
        fuzzing::check_import_format(rungs::import::Format::Csv, text.as_bytes());
    }

    #[test]
    fn any_monzo(text in "---\ntitle: [A-Za-z ]{0,10}\nlevels: [0-9]\ntopics:\n(  - name: [a-z\"]{0,5}\n    content:\n(      - level: [0-9]\n        (criteria|exampleCriteria): [\\[\\]\"a-z, {}:]{0,20}\n){0,3}){0,3}---\n") {
        fuzzing::check_import_format(rungs::import::Format::Monzo, text.as_bytes());
    }

    #[test]
    fn any_ft(text in "name: [A-Za-z ]{0,10}\nlevels: \\[(\\{id: [a-z]{1,3}\\}, ){0,3}\\]\nthemes: \\[\\{id: t\\}\\]\ncompetencies:\n(  - \\{id: [a-z0-9-]{0,5}, level: [a-z]{1,3}, theme: [t ], summary: [a-z\"\\[ ]{0,8}\\}\n){0,4}") {
        fuzzing::check_import_format(rungs::import::Format::Ft, text.as_bytes());
    }

    #[test]
    fn any_tracks(text in "(// c\n)?export const tracks[: A-Za-z]{0,8}= \\{( ?[A-Z\"'`]{0,4}: \\{ displayName: ['\"`][a-z]{0,4}['\"`], milestones: \\[( ?\\{ summary: ['\"`][a-z $\\{]{0,6}['\"`], signals: \\[[\"a-z, /*]{0,10}\\] \\},?){0,3}\\] \\},?){0,3}\\}") {
        fuzzing::check_import_format(rungs::import::Format::Snowflake, text.as_bytes());
    }

    #[test]
    fn any_keys(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        fuzzing::check_keys(&bytes);
    }
}
