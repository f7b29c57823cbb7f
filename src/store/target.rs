//! Where an export may be written: never over the profile, never over a
//! file that is a profile, and over another existing file only when it is
//! an earlier export or the person says `--force`.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::InputError;

/// Exports are small; an existing file is only read this far to recognise it.
const LOOK_AT_BYTES: u64 = 1024 * 1024;

/// Refuses an export target that would destroy something.
/// `is_export` recognises the bytes of an earlier export of rungs.
pub fn check_export_target(
    output: &Path,
    profile: &Path,
    force: bool,
    is_export: impl Fn(&[u8]) -> bool,
) -> Result<(), InputError> {
    let shown = output.display();
    let refuse = |message: String, hint: &str| Err(InputError::new(message).hint(hint.to_owned()));
    if same_file(output, profile) {
        return refuse(
            format!(
                "{shown} is the profile being exported: writing there would replace its ratings"
            ),
            "choose another file for the export",
        );
    }
    let meta = match fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(_) => return Ok(()),
    };
    if !meta.file_type().is_file() {
        return refuse(
            format!("{shown} exists and is not a regular file"),
            "choose another file for the export",
        );
    }
    let mut head = Vec::new();
    if let Ok(file) = fs::File::open(output) {
        let _ = file.take(LOOK_AT_BYTES).read_to_end(&mut head);
    }
    if looks_like_profile(&head) {
        return refuse(
            format!("{shown} is a rungs profile: an export must not replace it"),
            "choose another file for the export",
        );
    }
    if force || is_export(&head) {
        return Ok(());
    }
    refuse(
        format!("{shown} exists and is not an earlier export of rungs"),
        "choose another file, or add --force to replace it",
    )
}

/// Both paths name one file (also through links), or the same path.
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn looks_like_profile(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    toml::from_str::<toml::Table>(text)
        .is_ok_and(|t| t.contains_key("person") && t.contains_key("framework"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: &[u8]) -> bool {
        false
    }

    #[test]
    fn the_profile_and_other_files_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let profile = dir.path().join("alex.toml");
        fs::write(&profile, "format = 1\nperson = \"A\"\nframework = \"f\"\n").expect("write");
        let other = dir.path().join("notes.md");
        fs::write(&other, "my own notes").expect("write");
        let fresh = dir.path().join("new.md");
        assert!(check_export_target(&profile, &profile, true, never).is_err());
        let copy = dir.path().join("copy.toml");
        fs::copy(&profile, &copy).expect("copy");
        assert!(
            check_export_target(&copy, &profile, true, never).is_err(),
            "a profile"
        );
        assert!(check_export_target(&other, &profile, false, never).is_err());
        assert!(check_export_target(&other, &profile, true, never).is_ok());
        assert!(check_export_target(&other, &profile, false, |_| true).is_ok());
        assert!(check_export_target(&fresh, &profile, false, never).is_ok());
    }
}
