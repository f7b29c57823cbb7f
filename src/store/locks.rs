//! Who may write a profile. The locks live in rungs' own folder (`locks/`
//! in the data folder), never beside the profile: a shared folder (a git
//! repository) holds nothing but profiles, and a crash leaves no lock file
//! there for someone to commit.
//!
//! - A session holds the lock of the assessment it edits (the profile, the
//!   role and, in a review, the reviewer): the same assessment open twice is
//!   read-only in the second session; two different ones are both written,
//!   each save merging into what the other wrote (`model::save_merge`).
//! - A session also holds the profile's own lock, shared; a command that
//!   rewrites every assessment (`relink --write`) takes it whole, so it
//!   never runs while a session has the profile open.
//! - A save holds the profile's save lock while it reads, merges and writes,
//!   and never while a person thinks.
//!
//! A profile is known by its folder (device and inode) and its name there:
//! the same file through another path or a symbolic link is one profile,
//! and a save (a new file renamed over the old one, with a new inode) keeps
//! it. A file with a second name (a hard link) is written by nobody; see
//! `ProfileFile`.
//!
//! The locks folder can be shared too (`RUNGS_HOME` on a shared disk), so a
//! lock file is opened without following a symbolic link, must be a regular
//! file with one link, owned by this user, and is only written or removed
//! when rungs created it or it reads like a rungs lock.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::model::save_merge::Claim;
use crate::model::text::{clean_line, shown_path};

/// Why a lock could not be used at all (as opposed to being held by
/// someone): said as it is, since the person has to act on it.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "the lock file {} is {what}, not a rungs lock; remove it to edit this profile",
        shown_path(.path)
    )]
    Planted { path: PathBuf, what: &'static str },
    #[error("rungs cannot keep its locks in {}: {source}", shown_path(.dir))]
    Folder { dir: PathBuf, source: io::Error },
    #[error("cannot use the lock file {}: {source}", shown_path(.path))]
    Io { path: PathBuf, source: io::Error },
}

/// A lock this process holds; it is let go (and its file removed, when no
/// one else holds it) when dropped.
#[derive(Debug)]
pub struct Held {
    file: File,
    path: PathBuf,
    /// Rungs made this file or it reads like a rungs lock: it may go.
    removable: bool,
}

/// The locks of a session: the assessment it edits, and the profile shared.
#[derive(Debug)]
pub struct SessionLocks {
    _assessment: Held,
    _profile: Held,
}

/// A lock taken, or who holds it.
#[derive(Debug)]
pub enum Taken<T> {
    Mine(T),
    Busy(String),
}

/// The name of a profile among the locks: its folder's device and inode and
/// its file name, hashed. `profile` has its symbolic links resolved.
pub fn profile_key(profile: &Path) -> io::Result<String> {
    let mut hash = Sha256::new();
    let folder = match profile.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(folder)?;
        hash.update(meta.dev().to_le_bytes());
        hash.update(meta.ino().to_le_bytes());
        hash.update(profile.file_name().unwrap_or_default().as_bytes());
    }
    #[cfg(not(unix))]
    hash.update(
        fs::canonicalize(folder)?
            .join(profile.file_name().unwrap_or_default())
            .to_string_lossy()
            .as_bytes(),
    );
    Ok(hex(&hash.finalize(), 16))
}

fn hex(bytes: &[u8], digits: usize) -> String {
    bytes
        .iter()
        .take(digits / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The lock file of what `claim` edits in the profile named `key`.
pub fn claim_lock_path(locks: &Path, key: &str, claim: &Claim) -> PathBuf {
    let what = match claim {
        Claim::OwnRounds => "self".to_owned(),
        Claim::ReviewsBy(name) => format!("review-{}", hex(&Sha256::digest(name.as_bytes()), 12)),
        Claim::Everything => "all".to_owned(),
        Claim::Actions => "actions".to_owned(),
    };
    locks.join(format!("{key}.{what}.lock"))
}

/// The profile's own lock, shared by its sessions.
pub fn profile_lock_path(locks: &Path, key: &str) -> PathBuf {
    locks.join(format!("{key}.open.lock"))
}

fn save_lock_path(locks: &Path, key: &str) -> PathBuf {
    locks.join(format!("{key}.save.lock"))
}

/// Makes the locks folder, private to this user.
fn make_folder(locks: &Path) -> Result<(), LockError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(locks).map_err(|source| LockError::Folder {
        dir: locks.to_path_buf(),
        source,
    })
}

/// Tries, without waiting, to become a writer of what `claim` covers in
/// the profile `key`: the claim's lock alone, and the profile's lock shared
/// (whole for [`Claim::Everything`]). `holder` is what a second session is
/// told about this one.
pub fn lock_session(
    locks: &Path,
    key: &str,
    claim: &Claim,
    holder: &str,
) -> Result<Taken<SessionLocks>, LockError> {
    make_folder(locks)?;
    let whole = *claim == Claim::Everything;
    let profile = match take(
        &profile_lock_path(locks, key),
        whole,
        whole.then_some(holder),
    )? {
        Taken::Mine(held) => held,
        Taken::Busy(who) => return Ok(Taken::Busy(who)),
    };
    let assessment = match take(&claim_lock_path(locks, key, claim), true, Some(holder))? {
        Taken::Mine(held) => held,
        Taken::Busy(who) => return Ok(Taken::Busy(who)),
    };
    Ok(Taken::Mine(SessionLocks {
        _assessment: assessment,
        _profile: profile,
    }))
}

/// How long a save waits for another one of the same profile to finish:
/// saves take milliseconds, so only a stuck process makes it give up.
const SAVE_WAIT: Duration = Duration::from_secs(10);

/// Waits for the profile's save lock (another process may be saving it).
pub fn lock_for_save(locks: &Path, key: &str) -> Result<Held, LockError> {
    make_folder(locks)?;
    let path = save_lock_path(locks, key);
    let start = Instant::now();
    loop {
        match take(&path, true, None)? {
            Taken::Mine(held) => return Ok(held),
            Taken::Busy(_) if start.elapsed() < SAVE_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Taken::Busy(_) => {
                return Err(LockError::Io {
                    path,
                    source: io::Error::new(
                        ErrorKind::TimedOut,
                        "another rungs has been saving this profile for 10 seconds",
                    ),
                });
            }
        }
    }
}

/// The longest holder line rungs writes or reads back.
const MAX_LOCK_BYTES: u64 = 4096;

/// Takes the lock at `path` (exclusive or shared) without waiting.
fn take(path: &Path, exclusive: bool, holder: Option<&str>) -> Result<Taken<Held>, LockError> {
    let io_err = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    // The last holder removes the file as it leaves; a file taken just then
    // is no longer the lock, so it is opened again (a few times at most).
    for _ in 0..8 {
        let (mut file, created) = open_lock(path)?;
        let got = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match got {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut who = String::new();
                let _ = (&file).take(MAX_LOCK_BYTES).read_to_string(&mut who);
                let who = clean_line(who.trim()).into_owned();
                return Ok(Taken::Busy(if who.is_empty() {
                    "another rungs".into()
                } else {
                    who
                }));
            }
            Err(TryLockError::Error(err)) => return Err(io_err(err)),
        }
        if !still_at(path, &file) {
            continue;
        }
        let removable = created || looks_like_lock(&mut file).map_err(io_err)?;
        if let (true, true, Some(holder)) = (exclusive, removable, holder) {
            file.set_len(0).map_err(io_err)?;
            file.rewind().map_err(io_err)?;
            writeln!(
                file,
                "{} (process {})",
                clean_line(holder),
                std::process::id()
            )
            .map_err(io_err)?;
        }
        return Ok(Taken::Mine(Held {
            file,
            path: path.to_path_buf(),
            removable,
        }));
    }
    Err(io_err(io::Error::other(
        "the lock file keeps being replaced",
    )))
}

impl Drop for Held {
    /// The last holder removes the file: it holds the lock whole (a shared
    /// holder tries to), and the path still names its file.
    fn drop(&mut self) {
        if self.removable && self.file.try_lock().is_ok() && still_at(&self.path, &self.file) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// True when `path` names the very file `file` is (not one made since).
fn still_at(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(path), file.metadata()) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// The lock file, and whether this call created it.
fn open_lock(path: &Path) -> Result<(File, bool), LockError> {
    let io_err = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    let planted = |what| LockError::Planted {
        path: path.to_path_buf(),
        what,
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .mode(0o600);
    }
    // `create_new` refuses whatever is at the path, a dangling link included.
    match options.clone().create_new(true).open(path) {
        Ok(file) => return Ok((file, true)),
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {}
        Err(err) => return Err(io_err(err)),
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => {
            return Err(planted("a symbolic link"));
        }
        Err(err) if err.kind() == ErrorKind::IsADirectory => return Err(planted("a folder")),
        Err(err) => return Err(io_err(err)),
    };
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(planted("not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() != 1 {
            return Err(planted("a hard link to another file"));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(planted("owned by another user"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(dir: &Path) -> String {
        profile_key(&dir.join("alex.toml")).expect("a key")
    }

    #[test]
    fn one_writer_per_assessment_and_no_file_left_when_all_are_gone() {
        let dir = tempfile::tempdir().expect("dir");
        let locks = dir.path().join("locks");
        let key = key(dir.path());
        let sam = Claim::ReviewsBy("Sam".into());
        let own = lock_session(&locks, &key, &Claim::OwnRounds, "Alex").expect("usable");
        let review = lock_session(&locks, &key, &sam, "Sam").expect("usable");
        assert!(matches!(own, Taken::Mine(_)));
        assert!(matches!(review, Taken::Mine(_)), "another assessment");
        match lock_session(&locks, &key, &sam, "Sam again").expect("usable") {
            Taken::Busy(who) => assert!(who.starts_with("Sam (process "), "{who}"),
            Taken::Mine(_) => panic!("the same review twice"),
        }
        match lock_session(&locks, &key, &Claim::Everything, "relink").expect("usable") {
            Taken::Busy(_) => {}
            Taken::Mine(_) => panic!("the whole profile while sessions are open"),
        }
        drop(own);
        drop(review);
        let whole = lock_session(&locks, &key, &Claim::Everything, "relink").expect("usable");
        assert!(matches!(whole, Taken::Mine(_)), "no session left");
        drop(whole);
        let left: Vec<_> = fs::read_dir(&locks).expect("the folder").collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn the_same_file_by_another_path_is_the_same_profile() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir(dir.path().join("team")).expect("mkdir");
        let a = profile_key(&dir.path().join("team/alex.toml")).expect("key");
        let b = profile_key(&dir.path().join("team/../team/alex.toml")).expect("key");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("team"), dir.path().join("link"))
            .expect("symlink");
        let c = profile_key(&dir.path().join("link/alex.toml")).expect("key");
        assert_eq!((&a, &a), (&b, &c));
        assert_ne!(
            a,
            profile_key(&dir.path().join("team/sam.toml")).expect("key")
        );
    }

    #[test]
    fn a_save_waits_for_the_other_save() {
        let dir = tempfile::tempdir().expect("dir");
        let locks = dir.path().join("locks");
        let key = key(dir.path());
        let first = lock_for_save(&locks, &key).expect("the lock");
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let (locks, key) = (locks.clone(), key.clone());
            std::thread::spawn(move || {
                let second = lock_for_save(&locks, &key).expect("the lock, later");
                tx.send(()).expect("send");
                drop(second);
            })
        };
        assert!(rx.try_recv().is_err(), "the second save waits");
        drop(first);
        rx.recv().expect("the second save went on");
        waiter.join().expect("joined");
    }
}
