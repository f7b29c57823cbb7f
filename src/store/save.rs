//! The one way a profile reaches the disk: a temporary file in the same
//! folder, flushed to the device, renamed over the old file, and the folder
//! flushed too, so a crash leaves either the old or the new file, never half.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temporary files are named `.NAME.XXXXXX.tmp` beside the file they replace.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

const TEMP_SUFFIX: &str = ".tmp";

/// The steps of a save, named so a fault can be injected after any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// `n` bytes of the new content are in the temporary file.
    Wrote(usize),
    Synced,
    Renamed,
}

/// Writes `bytes` to `target` atomically. `hook` runs after each step; an
/// error from it stops the save there, as a crash or a full disk would.
/// Gives the new file's metadata as it was before the rename put it in
/// place (the same file after it): what a writer records as "the version I
/// wrote", never a version someone else put there a moment later.
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    write_atomic_inner(target, bytes, mode_of(target), hook)
}

/// Writes `bytes` to `target` atomically with the mode of the file `like`
/// (a backup gets its profile's mode), or private when `like` is missing.
pub fn write_atomic_like(target: &Path, bytes: &[u8], like: &Path) -> io::Result<()> {
    write_atomic_inner(target, bytes, mode_of(like), &mut |_| Ok(())).map(|_| ())
}

/// The permissions of the regular file at `path`: never those of a file a
/// symbolic link points to (`symlink_metadata`), so a planted link cannot
/// lend its mode.
fn mode_of(path: &Path) -> Option<fs::Permissions> {
    fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|meta| meta.permissions())
}

fn write_atomic_inner(
    target: &Path,
    bytes: &[u8],
    mode: Option<fs::Permissions>,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    let dir = folder_of(target);
    // A temporary file starts private (0600); it takes the given mode
    // before any byte is written to it.
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        temp.as_file().set_permissions(mode)?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    const CHUNK: usize = 64 * 1024;
    let mut written = 0;
    for chunk in bytes.chunks(CHUNK) {
        temp.write_all(chunk)?;
        written += chunk.len();
        hook(SaveStep::Wrote(written))?;
    }
    temp.as_file().sync_all()?;
    hook(SaveStep::Synced)?;
    let written = temp.as_file().metadata()?;
    temp.persist(target).map_err(|e| e.error)?;
    hook(SaveStep::Renamed)?;
    sync_folder(&dir)?;
    Ok(written)
}

/// Flushes a folder so the rename survives a crash. Some file systems (SMB
/// and CIFS shares, some FUSE ones) refuse to sync a folder: the rename is
/// done all the same, so that is no failed save.
fn sync_folder(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(err) if folder_sync_unsupported(&err) => Ok(()),
        other => other,
    }
}

/// True for the errors a file system gives when it cannot sync a folder.
pub fn folder_sync_unsupported(err: &io::Error) -> bool {
    #[cfg(unix)]
    if let Some(code) = err.raw_os_error() {
        return code == libc::EINVAL || code == libc::ENOTSUP || code == libc::EOPNOTSUPP;
    }
    matches!(
        err.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
    )
}

pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, bytes, &mut |_| Ok(())).map(|_| ())
}

/// Writes `bytes` to a new file (never one that exists) in the temporary
/// folder, named after `target`: the rescue copy when `target`'s own folder
/// refuses every save. Private to the user (0600).
pub fn write_new_copy(target: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let stem = target
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut file = tempfile::Builder::new()
        .prefix(&format!("rungs-copy-{stem}-"))
        .suffix(".toml")
        .tempfile_in(std::env::temp_dir())?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    let (_, path) = file.keep().map_err(|e| e.error)?;
    Ok(path)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes temporary files a crashed save of `target` left behind. Only
/// the holder of the lock may call this: another writer's file is not stale.
pub fn remove_stale_temps(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_sync_a_file_system_refuses_is_no_failed_save() {
        #[cfg(unix)]
        for code in [libc::EINVAL, libc::ENOTSUP, libc::EOPNOTSUPP] {
            assert!(folder_sync_unsupported(&io::Error::from_raw_os_error(code)));
        }
        #[cfg(unix)]
        assert!(!folder_sync_unsupported(&io::Error::from_raw_os_error(
            libc::EIO
        )));
        assert!(!folder_sync_unsupported(&io::Error::from(
            io::ErrorKind::StorageFull
        )));
    }
}
