//! A profile opened for a session: the lock, the backup of the version found
//! at the start, and the check that nobody changed the file behind our back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};

use super::lock::{self, Acquired, WriteLock};
use super::read::{self, decode, read_existing};
use super::save::{self, SaveStep};
use crate::model::Profile;
use crate::model::text::shown_path;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("read-only: {holder} is writing this profile")]
    ReadOnly { holder: String },
    #[error("{} was changed on disk by another program since it was opened", shown_path(.path))]
    ChangedOnDisk { path: PathBuf },
    #[error("could not save {}: {source} ({})", shown_path(.path), advice(.source))]
    Io { path: PathBuf, source: io::Error },
}

/// What a person can do about a failed save.
fn advice(err: &io::Error) -> &'static str {
    match err.kind() {
        io::ErrorKind::NotFound => "its folder is gone: create it again",
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "the folder is not writable"
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full: free some space"
        }
        _ => "check the disk and the folder",
    }
}

/// What the file looked like when we last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(meta),
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    fs::metadata(path).ok().map(|meta| Stamp::of(&meta))
}

#[derive(Debug)]
pub struct ProfileFile {
    path: PathBuf,
    lock: Result<WriteLock, String>,
    /// The bytes found at the start of the session, written as the backup
    /// before the first save replaces them.
    original: Option<Vec<u8>>,
    seen: Option<Stamp>,
}

impl ProfileFile {
    /// Opens `path` for a session: resolves a symlink (so saving keeps the
    /// link), reads the text (`None` for a new profile) and checks that it is
    /// a profile, and only then creates missing folders and takes the write
    /// lock beside it, if no other process holds it. A path that holds no
    /// profile (a device, a FIFO, a folder, another kind of file) is refused
    /// before anything is created beside it.
    pub fn open(path: &Path, holder: &str) -> Result<(ProfileFile, Option<String>)> {
        let path = resolve_link(path);
        let found = read_existing(&path)?;
        let text = match &found {
            Some((bytes, _)) => {
                let text = decode(&path, bytes.clone())?;
                read::check_is_profile(&path, &text)?;
                Some(text)
            }
            None => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create folder {}", shown_path(dir)))?;
                }
                None
            }
        };
        let lock = match lock::acquire(&path, holder) {
            Ok(Acquired::Mine(lock)) => {
                save::remove_stale_temps(&path);
                Ok(lock)
            }
            Ok(Acquired::Held(by)) => Err(format!("{by} is writing this profile")),
            Err(err) => Err(unwritable_folder(&err)),
        };
        let lock = lock.and_then(|lock| match unwritable_file(&path) {
            Some(reason) => Err(reason),
            None => Ok(lock),
        });
        let (original, seen) = match found {
            Some((bytes, meta)) => (Some(bytes), Some(Stamp::of(&meta))),
            None => (None, None),
        };
        let file = ProfileFile {
            path,
            lock,
            original,
            seen,
        };
        Ok((file, text))
    }

    /// Re-reads the file, for "reload" after a change on disk.
    pub fn read(&mut self) -> Result<Option<String>> {
        let Some((bytes, meta)) = read_existing(&self.path)? else {
            self.seen = None;
            return Ok(None);
        };
        self.seen = Some(Stamp::of(&meta));
        let text = decode(&self.path, bytes.clone())?;
        if self.original.is_none() {
            self.original = Some(bytes);
        }
        Ok(Some(text))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why this session may not write, if it may not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.lock.as_ref().err().map(String::as_str)
    }

    pub fn backup_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".bak");
        self.path.with_file_name(name)
    }

    /// True when another program replaced or edited the file since we last
    /// read or wrote it. A deleted file is no rival version: saving writes it again.
    pub fn changed_on_disk(&self) -> bool {
        match stamp(&self.path) {
            None => false,
            now => now != self.seen,
        }
    }

    /// True when the file this session saved is no longer there (deleted,
    /// or its folder gone): what the session holds is then nowhere on disk.
    pub fn is_missing(&self) -> bool {
        self.seen.is_some() && stamp(&self.path).is_none()
    }

    /// Saves unless the file changed on disk since we last saw it.
    pub fn save(&mut self, profile: &Profile) -> Result<(), SaveError> {
        if self.changed_on_disk() {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        self.overwrite(profile, &mut |_| Ok(()))
    }

    /// Keeps the version another program wrote, before "keep mine" replaces
    /// it: `NAME.theirs-YYYYMMDD-HHMMSS` beside the profile. `None` when the
    /// file is gone (there is nothing of theirs to keep).
    pub fn keep_theirs(&self) -> Result<Option<PathBuf>, SaveError> {
        let io_err = |source| SaveError::Io {
            path: self.path.clone(),
            source,
        };
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(io_err(err)),
        };
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let mut copy = self.path.with_file_name(format!("{name}.theirs-{stamp}"));
        let mut n = 1;
        while fs::symlink_metadata(&copy).is_ok() {
            n += 1;
            copy = self
                .path
                .with_file_name(format!("{name}.theirs-{stamp}-{n}"));
        }
        save::write_atomic(&copy, &bytes).map_err(io_err)?;
        Ok(Some(copy))
    }

    /// Saves whatever is on disk now ("keep mine"); `hook` sees each step.
    pub fn overwrite(
        &mut self,
        profile: &Profile,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<(), SaveError> {
        if let Err(holder) = &self.lock {
            return Err(SaveError::ReadOnly {
                holder: holder.clone(),
            });
        }
        let io_err = |source| SaveError::Io {
            path: self.path.clone(),
            source,
        };
        let text = toml::to_string(profile)
            .map_err(|e| io_err(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        if let Some(original) = &self.original {
            // The backup holds the same private notes: it gets the profile's
            // own mode, never that of whatever file sits at the backup path.
            save::write_atomic_like(&self.backup_path(), original, &self.path).map_err(io_err)?;
            self.original = None;
        }
        save::write_atomic_with(&self.path, text.as_bytes(), hook).map_err(io_err)?;
        self.seen = stamp(&self.path);
        Ok(())
    }
}

/// Why the folder refuses the lock file beside the profile.
fn unwritable_folder(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::PermissionDenied => "you cannot write in the profile's folder".to_owned(),
        _ => format!("the folder refuses the lock file ({err})"),
    }
}

/// Why this user may not replace the profile, when they may not. A save
/// renames a new file over the old one, which only needs the folder to be
/// writable: a profile the user cannot write (its permission bits, its
/// owner) must be refused here, or it would be replaced all the same.
#[cfg(unix)]
fn unwritable_file(path: &Path) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    // No write bit at all is the owner's word, even to root (whom access()
    // would let through).
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Some("you cannot write this file (its permissions make it read-only)".to_owned());
    }
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    let status = unsafe { libc::access(c_path.as_ptr(), libc::W_OK) };
    if status == 0 {
        return None;
    }
    match io::Error::last_os_error().kind() {
        io::ErrorKind::NotFound => None,
        io::ErrorKind::ReadOnlyFilesystem => Some("the file system is read-only".to_owned()),
        _ => Some("you cannot write this file (its permissions make it read-only)".to_owned()),
    }
}

#[cfg(not(unix))]
fn unwritable_file(path: &Path) -> Option<String> {
    fs::metadata(path)
        .ok()
        .filter(|m| m.permissions().readonly())
        .map(|_| "you cannot write this file (it is read-only)".to_owned())
}

fn resolve_link(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_path_buf();
    }
    fs::canonicalize(path).unwrap_or_else(|_| match fs::read_link(path) {
        Ok(target) if target.is_absolute() => target,
        Ok(target) => path.with_file_name(target),
        Err(_) => path.to_path_buf(),
    })
}
