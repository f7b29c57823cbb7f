//! The seeded test data (`rungs_devtools::testgen`) the benchmarks and the
//! large-file tests stand on: the same bytes for the same seed, valid files
//! of the promised size.

use std::path::Path;

use rungs::store::read::{parse_framework, parse_profile};
use rungs_devtools::testgen::*;

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let shape = Shape::scaled(1);
    assert_eq!(framework_toml(shape, 7), framework_toml(shape, 7));
    assert_ne!(framework_toml(shape, 7), framework_toml(shape, 8));
}

#[test]
fn generated_files_are_valid_and_of_the_promised_size() {
    let shape = Shape::scaled(10);
    let text = framework_toml(shape, 1);
    let framework = parse_framework(Path::new("large.toml"), &text).expect("a valid framework");
    assert_eq!(framework.statement_count(), shape.total());
    let statement = &framework.crafts[0].levels[0].areas[0].statements[0].text;
    assert!((STATEMENT_CHARS..STATEMENT_CHARS + 20).contains(&statement.len()));

    let profile =
        parse_profile(Path::new("profile.toml"), &profile_toml(shape, 1)).expect("a profile");
    let check = profile.check(&framework);
    assert!(check.problems.is_empty() && check.orphans.is_empty());
    assert_eq!(profile.assessments[0].ratings().len(), shape.per_craft());
}

#[test]
fn vaarst_profiles_rate_all_fifteen_statements() {
    let keys = vaarst_keys();
    assert_eq!(keys.len(), 15);
    let profile = parse_profile(Path::new("p.toml"), &vaarst_profile_toml("Kim", 3, &keys))
        .expect("a profile");
    let catalog = rungs::store::Catalog::load(Path::new("/nonexistent"));
    let framework = catalog.find("vaarst").expect("embedded");
    let check = profile.check(framework);
    assert!(check.problems.is_empty() && check.orphans.is_empty());
    assert_eq!(profile.assessments[0].ratings().len(), 15);
}
