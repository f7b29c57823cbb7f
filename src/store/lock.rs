//! One writer per profile: a sidecar `NAME.lock` held with an OS file lock
//! for as long as a process may write. The lock is on the sidecar, never on
//! the profile, because every save renames a new file over the profile.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

pub enum Acquired {
    Mine(WriteLock),
    /// Another process writes this profile; the text says who, as far as known.
    Held(String),
}

pub fn lock_path(profile: &Path) -> PathBuf {
    let mut name = profile.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    profile.with_file_name(name)
}

/// Tries to become the one writer of `profile`, never waiting.
pub fn acquire(profile: &Path, holder: &str) -> io::Result<Acquired> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(profile))?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{holder} (process {})", std::process::id())?;
            Ok(Acquired::Mine(WriteLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut who = String::new();
            let _ = file.take(4096).read_to_string(&mut who);
            let who = crate::model::text::clean_line(who.trim()).into_owned();
            Ok(Acquired::Held(if who.is_empty() {
                "another rungs process".into()
            } else {
                who
            }))
        }
        Err(TryLockError::Error(err)) => Err(err),
    }
}
