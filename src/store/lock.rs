//! One writer per profile: a sidecar `NAME.lock` held with an OS file lock
//! for as long as a process may write. The lock is on the sidecar, never on
//! the profile, because every save renames a new file over the profile.
//!
//! The sidecar sits in a folder others may write (a shared repository), so
//! it is opened without following a symbolic link, must be a regular file
//! with one link owned by this user, and is only ever written when rungs
//! created it or it already reads like a rungs lock: a planted link or file
//! can make the session read-only, never make rungs overwrite another file.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::model::text::{clean_line, shown_path};

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

/// The longest holder line rungs writes or reads back.
const MAX_LOCK_BYTES: u64 = 4096;

/// Tries to become the one writer of `profile`, never waiting.
pub fn acquire(profile: &Path, holder: &str) -> io::Result<Acquired> {
    let path = lock_path(profile);
    let (mut file, created) = open_lock(&path)?;
    match file.try_lock() {
        Ok(()) => {
            if created || looks_like_lock(&mut file)? {
                file.set_len(0)?;
                file.rewind()?;
                writeln!(
                    file,
                    "{} (process {})",
                    clean_line(holder),
                    std::process::id()
                )?;
            }
            Ok(Acquired::Mine(WriteLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut who = String::new();
            let _ = file.take(MAX_LOCK_BYTES).read_to_string(&mut who);
            let who = clean_line(who.trim()).into_owned();
            Ok(Acquired::Held(if who.is_empty() {
                "another rungs process".into()
            } else {
                who
            }))
        }
        Err(TryLockError::Error(err)) => Err(err),
    }
}

/// The lock file, and whether this call created it.
fn open_lock(path: &Path) -> io::Result<(File, bool)> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .mode(0o644);
    }
    // `create_new` refuses whatever is at the path, a dangling link included.
    match options.clone().create_new(true).open(path) {
        Ok(file) => return Ok((file, true)),
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {}
        Err(err) => return Err(err),
    }
    let refused = |what: &str| {
        io::Error::other(format!(
            "{} is {what}, not a rungs lock file; remove it to edit this profile",
            shown_path(path)
        ))
    };
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => {
            return Err(refused("a symbolic link"));
        }
        Err(err) => return Err(err),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused("not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() != 1 {
            return Err(refused("a hard link to another file"));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(refused("owned by another user"));
        }
    }
    Ok((file, false))
}

/// True when the file holds what rungs writes there: nothing, or one line
/// `WHO (process N)`.
fn looks_like_lock(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() > MAX_LOCK_BYTES {
        return Ok(false);
    }
    let mut bytes = Vec::new();
    file.rewind()?;
    file.take(MAX_LOCK_BYTES).read_to_end(&mut bytes)?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(false);
    };
    let line = text.strip_suffix('\n').unwrap_or(&text);
    if line.is_empty() {
        return Ok(true);
    }
    let Some(rest) = line.strip_suffix(')') else {
        return Ok(false);
    };
    let Some((_, pid)) = rest.rsplit_once(" (process ") else {
        return Ok(false);
    };
    Ok(!line.contains('\n') && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}
