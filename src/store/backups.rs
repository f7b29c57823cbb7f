//! Copies kept of a profile, in rungs' own data folder (`backups/`), one
//! folder per profile named by its file and a hash of its full path: the
//! version found when the last session started (`backup.toml`), and the
//! other program's version that "keep mine" replaced
//! (`theirs-YYYYMMDD-HHMMSS.toml`). Never beside the profile, where a shared
//! folder's `git status` would list them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::save;
use crate::model::ids::slug;

/// The backups folder of the profile at `profile` (its links resolved).
pub fn folder(backups: &Path, profile: &Path) -> PathBuf {
    let parent = match profile.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let full = fs::canonicalize(parent)
        .unwrap_or_else(|_| parent.to_path_buf())
        .join(profile.file_name().unwrap_or_default());
    let digest = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let stem = profile
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "profile".to_owned());
    backups.join(format!("{stem}-{hash}"))
}

/// The version found when the last session started.
pub fn backup_path(folder: &Path) -> PathBuf {
    folder.join("backup.toml")
}

/// Makes the folder, private to this user: backups hold the same notes.
fn make(folder: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Writes `bytes` to `target` in `folder` atomically, with the mode of the
/// profile `like` (never that of a file found at `target`).
pub fn write(folder: &Path, target: &Path, bytes: &[u8], like: &Path) -> io::Result<()> {
    make(folder)?;
    save::write_atomic_like(target, bytes, like)
}

/// Keeps another program's version of the profile as a new file in
/// `folder`, named by `stamp`; returns where.
pub fn write_theirs(
    folder: &Path,
    stamp: &str,
    bytes: &[u8],
    like: &Path,
) -> io::Result<Option<PathBuf>> {
    make(folder)?;
    let mut copy = folder.join(format!("theirs-{stamp}.toml"));
    let mut n = 1;
    while fs::symlink_metadata(&copy).is_ok() {
        n += 1;
        copy = folder.join(format!("theirs-{stamp}-{n}.toml"));
    }
    save::write_atomic_like(&copy, bytes, like)?;
    Ok(Some(copy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_has_its_own_folder_named_after_it() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path().join("backups");
        let a = folder(&root, &dir.path().join("alex.toml"));
        let b = folder(&root, &dir.path().join("team/alex.toml"));
        assert_ne!(a, b, "two folders, two profiles");
        let name = a
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("alex-") && name.len() == "alex-".len() + 12,
            "{name}"
        );
        assert_eq!(a, folder(&root, &dir.path().join(".").join("alex.toml")));
        let odd = folder(&root, &dir.path().join("李.toml"));
        assert!(
            odd.file_name()
                .expect("a name")
                .to_string_lossy()
                .starts_with("profile-")
        );
    }
}
