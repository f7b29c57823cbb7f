//! A profile opened for a session: the lock, the backup of the version found
//! at the start, and the check that nobody changed the file behind our back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};

use super::lock::{self, Acquired, WriteLock};
use super::read::{decode, read_bytes};
use super::save::{self, SaveStep};
use crate::model::Profile;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("read-only: {holder} is writing this profile")]
    ReadOnly { holder: String },
    #[error("{} was changed on disk by another program since it was opened", .path.display())]
    ChangedOnDisk { path: PathBuf },
    #[error("could not save {}: {source} ({})", .path.display(), advice(.source))]
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

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
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
    /// link), creates missing folders, takes the write lock if no other
    /// process holds it, and reads the text (`None` for a new profile).
    pub fn open(path: &Path, holder: &str) -> Result<(ProfileFile, Option<String>)> {
        let path = resolve_link(path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        let lock = match lock::acquire(&path, holder) {
            Ok(Acquired::Mine(lock)) => {
                save::remove_stale_temps(&path);
                Ok(lock)
            }
            Ok(Acquired::Held(by)) => Err(by),
            Err(err) => Err(format!("the lock file cannot be written ({err})")),
        };
        let mut file = ProfileFile {
            path,
            lock,
            original: None,
            seen: None,
        };
        let text = file.read()?;
        Ok((file, text))
    }

    /// Re-reads the file, for "reload" after a change on disk.
    pub fn read(&mut self) -> Result<Option<String>> {
        if !self.path.exists() {
            self.seen = None;
            return Ok(None);
        }
        let bytes = read_bytes(&self.path)?;
        self.seen = stamp(&self.path);
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

    /// Saves unless the file changed on disk since we last saw it.
    pub fn save(&mut self, profile: &Profile) -> Result<(), SaveError> {
        if self.changed_on_disk() {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        self.overwrite(profile, &mut |_| Ok(()))
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
            save::write_atomic(&self.backup_path(), original).map_err(io_err)?;
            self.original = None;
        }
        save::write_atomic_with(&self.path, text.as_bytes(), hook).map_err(io_err)?;
        self.seen = stamp(&self.path);
        Ok(())
    }
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
