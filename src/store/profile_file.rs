//! A profile opened to be written: read and checked first, then locked for
//! the assessment this writer edits; each save merges into what another
//! writer saved meanwhile; the version found at the start is kept as a
//! backup in rungs' own folder, never beside the profile.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};

use super::backups;
use super::locks::{self, LockError, SessionLocks, Taken};
use super::paths::Paths;
use super::read::{self, decode, read_existing};
use super::save::{self, SaveStep};
use crate::model::Profile;
use crate::model::save_merge::{Claim, merge_saves};
use crate::model::text::shown_path;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("read-only: {reason}")]
    ReadOnly { reason: String },
    #[error("{} was changed on disk by another program since it was opened", shown_path(.path))]
    ChangedOnDisk { path: PathBuf },
    #[error("could not save {}: {source} ({})", shown_path(.path), advice(.source))]
    Io { path: PathBuf, source: io::Error },
    #[error("could not save: {0}")]
    Lock(#[from] LockError),
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

/// Who opens a profile to write it: what they edit, and how a second
/// session of the same assessment is told about them.
#[derive(Debug, Clone)]
pub struct Writer {
    pub claim: Claim,
    /// `Sam Lee (rungs review)`: shown in the other session's banner.
    pub holder: String,
}

/// A save that went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The profile as written, when it holds more than the one saved:
    /// another writer changed other assessments (or other keys) meanwhile.
    pub merged: Option<Profile>,
    /// Something that went wrong beside the save (the backup), for the person.
    pub warning: Option<String>,
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

/// A profile read from disk and nothing else: nothing has been created
/// beside it or for it yet. The command checks it against its framework,
/// then [`Found::open`]s it for writing.
#[derive(Debug)]
pub struct Found {
    path: PathBuf,
    found: Option<(Vec<u8>, fs::Metadata)>,
    text: Option<String>,
}

impl Found {
    /// Reads `path` (a symbolic link is resolved, so saving keeps the link);
    /// `text` is `None` when there is no file yet. A path that holds no
    /// regular file (a device, a FIFO, a folder) is refused.
    pub fn read(path: &Path) -> Result<Found> {
        let path = resolve_link(path);
        let found = read_existing(&path)?;
        let text = match &found {
            Some((bytes, _)) => Some(decode(&path, bytes.clone())?),
            None => None,
        };
        Ok(Found { path, found, text })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// Opens the profile for `writer`: creates a missing folder, and takes
    /// the lock of the writer's assessment unless another session holds it
    /// (then the file is read-only, and says why). `base` is the profile
    /// the command read from [`Found::text`]; it is parsed here if `None`.
    pub fn open(
        self,
        writer: &Writer,
        paths: &Paths,
        base: Option<&Profile>,
    ) -> Result<ProfileFile> {
        let Found { path, found, text } = self;
        let base = match (base, &text) {
            (Some(profile), _) => Some(profile.clone()),
            (None, Some(text)) => Some(read::parse_profile(&path, text)?),
            (None, None) => None,
        };
        if found.is_none()
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", shown_path(dir)))?;
        }
        let key = locks::profile_key(&path)
            .with_context(|| format!("cannot read the folder of {}", shown_path(&path)));
        let (key, access) = match key {
            Ok(key) => {
                let access = match why_unwritable(&path, found.as_ref().map(|(_, m)| m)) {
                    Some(reason) => Err(reason),
                    None => take_session(&paths.locks, &key, writer),
                };
                (Some(key), access)
            }
            Err(err) => (None, Err(format!("{err:#}"))),
        };
        let (original, seen) = match found {
            Some((bytes, meta)) => (Some(bytes), Some(Stamp::of(&meta))),
            None => (None, None),
        };
        let file = ProfileFile {
            backups: backups::folder(&paths.backups, &path),
            path,
            claim: writer.claim.clone(),
            locks: paths.locks.clone(),
            key,
            access,
            original,
            seen,
            base,
            backup_failed: false,
        };
        file.sweep_stale_temps();
        Ok(file)
    }
}

fn take_session(locks_dir: &Path, key: &str, writer: &Writer) -> Result<SessionLocks, String> {
    match locks::lock_session(locks_dir, key, &writer.claim, &writer.holder) {
        Ok(Taken::Mine(held)) => Ok(held),
        Ok(Taken::Busy(who)) => Err(match &writer.claim {
            Claim::Everything => format!("the profile is open in rungs ({who} or another)"),
            claim => format!("{} is open in another rungs: {who}", claim.describe()),
        }),
        Err(err) => Err(err.to_string()),
    }
}

#[derive(Debug)]
pub struct ProfileFile {
    path: PathBuf,
    claim: Claim,
    locks: PathBuf,
    /// The profile's name among the locks (`None`: its folder is unreadable).
    key: Option<String>,
    /// The session's locks, or why it may not write.
    access: Result<SessionLocks, String>,
    /// This profile's folder of backups, in rungs' own data folder.
    backups: PathBuf,
    /// The bytes found at the start of the session, written as the backup
    /// before the first save replaces them.
    original: Option<Vec<u8>>,
    seen: Option<Stamp>,
    /// The profile as the file held it when we last read or wrote it: what
    /// both writers started from when the file changed since.
    base: Option<Profile>,
    /// The backup could not be written, and the person was told.
    backup_failed: bool,
}

impl ProfileFile {
    /// Reads `path` and opens it for `writer` in one step (for tests and
    /// tools; a command checks the profile against its framework between
    /// the two, see [`Found`]).
    pub fn open(
        path: &Path,
        writer: &Writer,
        paths: &Paths,
    ) -> Result<(ProfileFile, Option<String>)> {
        let found = Found::read(path)?;
        let text = found.text.clone();
        Ok((found.open(writer, paths, None)?, text))
    }

    /// Re-reads the file, for "reload" after a change on disk.
    pub fn read(&mut self) -> Result<Option<String>> {
        let Some((bytes, meta)) = read_existing(&self.path)? else {
            self.seen = None;
            self.base = None;
            return Ok(None);
        };
        let text = decode(&self.path, bytes.clone())?;
        let profile = read::parse_profile(&self.path, &text)?;
        self.seen = Some(Stamp::of(&meta));
        self.base = Some(profile);
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
        self.access.as_ref().err().map(String::as_str)
    }

    /// Where the version found at the start is kept once a save replaced it.
    pub fn backup_path(&self) -> PathBuf {
        backups::backup_path(&self.backups)
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

    /// Saves this writer's assessments: when another writer changed only
    /// other assessments (or other keys) since we last saw the file, theirs
    /// are kept and ours go in beside them; when they changed ours too, the
    /// file is left as it is and [`SaveError::ChangedOnDisk`] says so.
    pub fn save(&mut self, profile: &Profile) -> Result<Written, SaveError> {
        self.write(profile, false, &mut |_| Ok(()))
    }

    /// "Keep mine": saves over whatever is on disk now, ours winning where
    /// both changed the same thing (after [`ProfileFile::keep_theirs`]);
    /// `hook` sees each step of the write.
    pub fn overwrite(
        &mut self,
        profile: &Profile,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<Written, SaveError> {
        self.write(profile, true, hook)
    }

    fn write(
        &mut self,
        ours: &Profile,
        ours_wins: bool,
        hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<Written, SaveError> {
        if let Err(reason) = &self.access {
            return Err(SaveError::ReadOnly {
                reason: reason.clone(),
            });
        }
        let path = self.path.clone();
        let io_err = |source| SaveError::Io {
            path: path.clone(),
            source,
        };
        // A folder gone is said as the rename would say it, before rungs'
        // own locks folder (which may be inside it) is made again.
        let folder = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(io_err(io::ErrorKind::NotFound.into()));
        }
        // Held until the new file is in place: no other save of this
        // profile reads it meanwhile.
        let _saving = match &self.key {
            Some(key) => Some(locks::lock_for_save(&self.locks, key)?),
            None => None,
        };
        let changed_on_disk = || SaveError::ChangedOnDisk {
            path: self.path.clone(),
        };
        let now = stamp(&self.path);
        let read_back;
        let theirs = if now.is_none() {
            // A new profile, or one deleted meanwhile: written whole.
            None
        } else if now == self.seen {
            self.base.as_ref()
        } else {
            read_back = self.read_theirs();
            match (&read_back, ours_wins) {
                (Some(theirs), _) => Some(theirs),
                // Theirs is no profile: "keep mine" writes ours whole.
                (None, true) => None,
                (None, false) => return Err(changed_on_disk()),
            }
        };
        if let Some(reason) = self.second_name() {
            return Err(SaveError::ReadOnly { reason });
        }
        let to_write = match (&self.base, theirs) {
            (Some(base), Some(theirs)) => {
                let merged = merge_saves(base, ours, theirs, &self.claim);
                if !merged.clashes.is_empty() && !ours_wins {
                    return Err(changed_on_disk());
                }
                merged.profile
            }
            // A file someone else made while a new profile was set up.
            (None, Some(_)) if !ours_wins => return Err(changed_on_disk()),
            _ => ours.clone(),
        };
        let text = toml::to_string(&to_write)
            .map_err(|e| io_err(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        let warning = self.keep_backup();
        let written = save::write_atomic_with(&self.path, text.as_bytes(), hook).map_err(io_err)?;
        // The file as written, not as found after the rename: a version
        // another program put there meanwhile is then noticed, not taken.
        self.seen = Some(Stamp::of(&written));
        let merged = (to_write != *ours).then(|| to_write.clone());
        self.base = Some(to_write);
        Ok(Written { merged, warning })
    }

    /// The file as another writer left it, `None` when it is no profile
    /// (a half-done edit, a merge conflict): nothing can be merged into it.
    fn read_theirs(&self) -> Option<Profile> {
        let (bytes, _) = read_existing(&self.path).ok()??;
        let text = decode(&self.path, bytes).ok()?;
        read::parse_profile(&self.path, &text).ok()
    }

    /// Why the file on disk may not be replaced now: it got a second name.
    fn second_name(&self) -> Option<String> {
        let meta = fs::metadata(&self.path).ok()?;
        hard_linked(&self.path, &meta)
    }

    /// Writes the backup of the version found at the start, once. A backup
    /// that cannot be written is no reason to fail the save: it is said (the
    /// first time), and tried again at the next save.
    fn keep_backup(&mut self) -> Option<String> {
        let original = self.original.as_ref()?;
        let target = self.backup_path();
        match backups::write(&self.backups, &target, original, &self.path) {
            Ok(()) => {
                self.original = None;
                None
            }
            Err(_) if self.backup_failed => None,
            Err(err) => {
                self.backup_failed = true;
                Some(format!(
                    "no backup kept: cannot write {} ({err})",
                    shown_path(&target)
                ))
            }
        }
    }

    /// Keeps the version another program wrote, before "keep mine" replaces
    /// it, in this profile's backups folder (`theirs-YYYYMMDD-HHMMSS.toml`).
    /// `None` when the file is gone (there is nothing of theirs to keep).
    pub fn keep_theirs(&self) -> Result<Option<PathBuf>, SaveError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(SaveError::Io {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        backups::write_theirs(&self.backups, &stamp, &bytes, &self.path).map_err(|source| {
            SaveError::Io {
                path: self.backups.clone(),
                source,
            }
        })
    }

    /// Removes temporary files a crashed save left beside the profile, while
    /// no save of it is under way (the save lock is held for it).
    fn sweep_stale_temps(&self) {
        let (Ok(_), Some(key)) = (&self.access, &self.key) else {
            return;
        };
        if let Ok(_saving) = locks::lock_for_save(&self.locks, key) {
            save::remove_stale_temps(&self.path);
        }
    }
}

/// Why this user may not write the profile at `path`, if they may not:
/// its folder or the file refuses, or the file has a second name.
fn why_unwritable(path: &Path, meta: Option<&fs::Metadata>) -> Option<String> {
    if let Some(reason) = meta.and_then(|meta| hard_linked(path, meta)) {
        return Some(reason);
    }
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    unwritable_folder(folder).or_else(|| unwritable_file(path))
}

/// A save renames a new file over the profile: a file with a second name
/// (a hard link) would be parted from it, each name then holding another
/// version. Such a file is read-only, and the reason says what to do.
fn hard_linked(path: &Path, meta: &fs::Metadata) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let names = meta.nlink();
        (names > 1).then(|| {
            format!(
                "{} has {names} names (hard links), and saving would part them into different files; keep one name (remove the others, or make this one a copy: cp FILE NEW && mv NEW FILE)",
                shown_path(path)
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (path, meta);
        None
    }
}

/// Why a new file cannot be made in the profile's folder (a save makes
/// one and renames it over the profile).
#[cfg(unix)]
fn unwritable_folder(folder: &Path) -> Option<String> {
    match access(folder, libc::W_OK | libc::X_OK)? {
        io::ErrorKind::ReadOnlyFilesystem => Some("the file system is read-only".to_owned()),
        io::ErrorKind::NotFound => None,
        _ => Some("you cannot write in the profile's folder".to_owned()),
    }
}

#[cfg(not(unix))]
fn unwritable_folder(_folder: &Path) -> Option<String> {
    None
}

/// Why this user may not replace the profile, when they may not. A save
/// renames a new file over the old one, which only needs the folder to be
/// writable: a profile the user cannot write (its permission bits, its
/// owner) must be refused here, or it would be replaced all the same.
#[cfg(unix)]
fn unwritable_file(path: &Path) -> Option<String> {
    // No write bit at all is the owner's word, even to root (whom access()
    // would let through).
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Some("you cannot write this file (its permissions make it read-only)".to_owned());
    }
    match access(path, libc::W_OK)? {
        io::ErrorKind::NotFound => None,
        io::ErrorKind::ReadOnlyFilesystem => Some("the file system is read-only".to_owned()),
        _ => Some("you cannot write this file (its permissions make it read-only)".to_owned()),
    }
}

/// `access(2)`: `None` when allowed, else the kind of error it gives.
#[cfg(unix)]
fn access(path: &Path, mode: libc::c_int) -> Option<io::ErrorKind> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    let status = unsafe { libc::access(c_path.as_ptr(), mode) };
    (status != 0).then(|| io::Error::last_os_error().kind())
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
