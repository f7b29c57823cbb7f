//! Compiles every framework in `frameworks/` into the binary, so it needs no
//! files beside it; and marks the tests `RUNGS_TEST_SKIP` names as ignored.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("frameworks/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("pub static EMBEDDED: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("a file name").to_string_lossy();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
    skipped_tests();
}

/// The programs from outside some tests need; such a test fails when its
/// program is missing.
const OUTSIDE_PROGRAMS: [&str; 2] = ["chromium", "groff"];

/// `RUNGS_TEST_SKIP=chromium,groff` skips those tests on purpose: each is
/// built with `#[cfg_attr(rungs_skip = "…", ignore = "…")]`, so libtest lists
/// it as ignored with its reason instead of running it. A cfg, because a
/// test cannot ignore itself once it runs.
fn skipped_tests() {
    println!("cargo:rerun-if-env-changed=RUNGS_TEST_SKIP");
    let values: Vec<String> = OUTSIDE_PROGRAMS.iter().map(|p| format!("{p:?}")).collect();
    println!(
        "cargo:rustc-check-cfg=cfg(rungs_skip, values({}))",
        values.join(", ")
    );
    let skip = env::var("RUNGS_TEST_SKIP").unwrap_or_default();
    for name in skip.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !OUTSIDE_PROGRAMS.contains(&name) {
            panic!(
                "RUNGS_TEST_SKIP={skip:?}: {name:?} is not a program the tests need; \
                 name some of {OUTSIDE_PROGRAMS:?}, separated by commas"
            );
        }
        println!("cargo:rustc-cfg=rungs_skip={name:?}");
    }
}
