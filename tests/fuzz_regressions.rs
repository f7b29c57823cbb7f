//! Replays every input the fuzzers ever found (and the seeds) through the
//! same checks the fuzz targets run, and a property-test twin of each target,
//! so CI guards them without cargo-fuzz.

use std::path::Path;

use proptest::prelude::*;
use rungs::fuzzing;

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
    fn any_keys(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        fuzzing::check_keys(&bytes);
    }
}
