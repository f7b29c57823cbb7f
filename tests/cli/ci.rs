//! `.ci/run`, CI's script, run for real against stand-ins for cargo, rustup,
//! apt-get and the programs the report tests need (each records how it was
//! called): where it writes, what it installs, when it fails, and its
//! closing line.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The system programs `.ci/run` itself uses, linked into the stand-ins'
/// folder so that nothing else on this machine's PATH is seen.
const SYSTEM: [&str; 8] = [
    "bash", "env", "dirname", "mktemp", "tee", "awk", "rm", "cat",
];

/// A clone holding only `.ci/run`, a PATH of stand-ins, and the file they
/// write their calls to.
struct Ci {
    dir: tempfile::TempDir,
}

impl Ci {
    /// `programs`: which of chromium, pdfinfo and groff are "installed".
    fn new(programs: &[&str]) -> Ci {
        let ci = Ci {
            dir: tempfile::tempdir().expect("a temp dir"),
        };
        for folder in ["clone/.ci", "bin", "elsewhere", "tmp"] {
            std::fs::create_dir_all(ci.path(folder)).expect("mkdir");
        }
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run"),
            ci.path("clone/.ci/run"),
        )
        .expect("copy .ci/run");
        for name in SYSTEM {
            let real = which(name);
            std::os::unix::fs::symlink(real, ci.path("bin").join(name)).expect("link");
        }
        // cargo: `test` prints two binaries' results, the second failing
        // when FAKE_FAILED is set, and exits as cargo would.
        ci.stand_in(
            "cargo",
            r#"if [ "$1" = test ]; then
  echo "test result: ok. 7 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out"
  if [ -n "${FAKE_FAILED:-}" ]; then
    echo "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out"
    exit 101
  fi
  echo "test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out"
fi"#,
        );
        ci.stand_in("rustup", "");
        // apt-get: fails unless FAKE_APT_WORKS is set.
        ci.stand_in("apt-get", r#"[ -n "${FAKE_APT_WORKS:-}" ]"#);
        for program in programs {
            ci.stand_in(program, "");
        }
        ci
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// A script in the stand-ins' folder that records its call, then runs `body`.
    fn stand_in(&self, name: &str, body: &str) {
        let path = self.path("bin").join(name);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho \"{name} $*\" >> \"$CALLS\"\n{body}\n"),
        )
        .expect("write a stand-in");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    /// Runs `.ci/run` with `env` set: (exit code, stdout, stderr).
    fn run(&self, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
        let out = Command::new(self.path("clone/.ci/run"))
            .env_clear()
            .env("PATH", self.path("bin"))
            .env("HOME", self.path("tmp"))
            .env("TMPDIR", self.path("tmp"))
            .env("CALLS", self.path("calls"))
            .env("CARGO_TARGET_DIR", self.path("elsewhere"))
            .envs(env.iter().copied())
            .output()
            .expect(".ci/run runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn calls(&self) -> String {
        std::fs::read_to_string(self.path("calls")).unwrap_or_default()
    }

    /// Every file under the clone and the temporary folder but `.ci/run`.
    fn left_behind(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut folders = vec![self.path("clone"), self.path("tmp")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path != self.path("clone/.ci/run") {
                    found.push(path);
                }
            }
        }
        found
    }
}

fn which(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| panic!("`{name}` is not on PATH"))
}

#[test]
fn ci_runs_with_the_build_elsewhere_and_sums_the_tests_up() {
    let ci = Ci::new(&["chromium", "pdfinfo", "groff"]);
    let (code, stdout, stderr) = ci.run(&[]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert_eq!(
        stdout.lines().last(),
        Some("cargo test: 10 passed, 0 failed, 2 ignored")
    );
    assert!(
        ci.left_behind().is_empty(),
        "CARGO_TARGET_DIR is elsewhere, yet .ci/run wrote {:?}",
        ci.left_behind()
    );
    let calls = ci.calls();
    for call in [
        "cargo fmt --all --check",
        "cargo clippy --locked --workspace --all-targets -- -D warnings",
        "cargo test --locked",
    ] {
        assert!(calls.lines().any(|l| l == call), "{call:?} in:\n{calls}");
    }
    assert!(!calls.contains("apt-get"), "nothing to install:\n{calls}");
}

#[test]
fn ci_fails_when_a_test_fails_and_says_how_many() {
    let ci = Ci::new(&["chromium", "pdfinfo", "groff"]);
    let (code, stdout, stderr) = ci.run(&[("FAKE_FAILED", "1")]);
    assert_eq!(code, Some(101), "{stdout}\n{stderr}");
    assert_eq!(
        stdout.lines().last(),
        Some("cargo test: 9 passed, 1 failed, 2 ignored")
    );
}

#[test]
fn ci_installs_what_the_report_tests_need() {
    let ci = Ci::new(&["groff"]);
    let (code, stdout, stderr) = ci.run(&[("FAKE_APT_WORKS", "1")]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let calls = ci.calls();
    assert!(
        calls
            .lines()
            .any(|l| l == "apt-get install -y -qq chromium poppler-utils"),
        "{calls}"
    );
}

/// A machine without Chromium, where it cannot be installed: red, and the
/// message names the opt-out; with the opt-out, green, and the closing line
/// says what was skipped.
#[test]
fn without_chromium_ci_is_red_unless_rungs_test_skip_names_it() {
    let ci = Ci::new(&["groff"]);
    let (code, stdout, stderr) = ci.run(&[]);
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("could not install chromium poppler-utils")
            && stderr.contains("RUNGS_TEST_SKIP"),
        "{stderr}"
    );
    assert!(
        !ci.calls().contains("cargo test"),
        "no tests without what they need"
    );

    let ci = Ci::new(&["groff"]);
    let (code, stdout, stderr) = ci.run(&[("RUNGS_TEST_SKIP", "chromium")]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(!ci.calls().contains("apt-get"), "{}", ci.calls());
    assert_eq!(
        stdout.lines().last(),
        Some("cargo test: 10 passed, 0 failed, 2 ignored (RUNGS_TEST_SKIP=chromium)")
    );
}
