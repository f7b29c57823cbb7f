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
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<()> {
    let dir = folder_of(target);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    #[cfg(unix)]
    if let Ok(meta) = fs::metadata(target) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    const CHUNK: usize = 64 * 1024;
    let mut written = 0;
    for chunk in bytes.chunks(CHUNK) {
        temp.write_all(chunk)?;
        written += chunk.len();
        hook(SaveStep::Wrote(written))?;
    }
    temp.as_file().sync_all()?;
    hook(SaveStep::Synced)?;
    temp.persist(target).map_err(|e| e.error)?;
    hook(SaveStep::Renamed)?;
    File::open(&dir)?.sync_all()
}

pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, bytes, &mut |_| Ok(()))
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
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
