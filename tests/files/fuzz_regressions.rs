//! Replays every input the fuzzers ever found (and the seeds) through the
//! same checks the fuzz targets run, and a property-test twin of each target,
//! so CI guards them without cargo-fuzz.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rungs::import::Format;
use rungs_devtools::fuzzing::{self, Reached};

fn corpus(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target)
}

/// Every kept input of a target reaches what its MANIFEST says it reaches.
fn replay(target: &str, check: impl Fn(&[u8]) -> Reached) {
    if let Err(problems) = fuzzing::replay(&corpus(target), check) {
        panic!("{problems}");
    }
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
fn import_csv_corpus() {
    replay("import-csv", |b| {
        fuzzing::check_import_format(Format::Csv, b)
    });
}

#[test]
fn import_monzo_corpus() {
    replay("import-monzo", |b| {
        fuzzing::check_import_format(Format::Monzo, b)
    });
}

#[test]
fn import_ft_corpus() {
    replay("import-ft", |b| fuzzing::check_import_format(Format::Ft, b));
}

#[test]
fn import_snowflake_corpus() {
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

/// The replay itself: a seed that stops parsing fails it, and so does a
/// file the manifest does not list, or a manifest line naming no file.
#[test]
fn the_replay_fails_when_a_seed_stops_reaching_what_it_was_kept_for() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let seed = std::fs::read(corpus("framework").join("seed-vaarst.toml")).expect("the seed");
    std::fs::write(dir.path().join("good.toml"), &seed).expect("write");
    std::fs::write(
        dir.path().join("MANIFEST"),
        "# kept\ngood.toml exercised  # the seed\n",
    )
    .expect("write");
    assert_eq!(fuzzing::replay(dir.path(), fuzzing::check_framework), Ok(1));

    // The same seed with one broken line no longer parses: it still runs
    // through the check without a crash, but no longer reaches the screens.
    let mut broken = seed.clone();
    broken.splice(0..0, b"format = = 1\n".iter().copied());
    std::fs::write(dir.path().join("broken.toml"), broken).expect("write");
    std::fs::write(
        dir.path().join("MANIFEST"),
        "good.toml exercised\nbroken.toml exercised\n",
    )
    .expect("write");
    let problems = fuzzing::replay(dir.path(), fuzzing::check_framework).expect_err("fails");
    assert!(
        problems.contains("broken.toml: kept as exercised, now refused-at"),
        "{problems}"
    );
    assert!(!problems.contains("good.toml"), "{problems}");

    std::fs::write(
        dir.path().join("MANIFEST"),
        "good.toml exercised\nbroken.toml refused-at\ngone.toml refused\nodd.toml\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("stray.toml"), "x").expect("write");
    let problems = fuzzing::replay(dir.path(), fuzzing::check_framework).expect_err("fails");
    for says in [
        "gone.toml: listed, cannot be read",
        "MANIFEST:4: not `FILE REACHED`",
        "stray.toml: not in the MANIFEST",
    ] {
        assert!(problems.contains(says), "{says}: {problems}");
    }
    assert!(!problems.contains("broken.toml"), "{problems}");
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
