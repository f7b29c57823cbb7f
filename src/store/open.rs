//! Opening files rungs did not create. A path in a shared repository can
//! be a FIFO (whose open blocks until a writer comes), a device, a folder, a
//! symbolic link loop or a hard link: a file is opened without blocking and
//! `fstat`ed, and anything but a regular file is refused as bad input.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::Path;

use anyhow::{Context, Result};

use crate::error::InputError;
use crate::model::text::shown_path;

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opened for reading would wait for a writer: never wait.
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    options
}

/// Opens an existing regular file for reading (following symbolic links),
/// `None` when there is nothing at `path`. Anything else at `path` is bad
/// input (exit code 2) named in the error.
pub fn open_regular(path: &Path) -> Result<Option<(File, Metadata)>> {
    let file = match options().open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
        Err(err) if is_link_loop(&err) => {
            return Err(InputError::new(format!(
                "{}: a loop of symbolic links, not a file",
                shown_path(path)
            ))
            .hint("point the link at a profile or framework file")
            .into());
        }
        Err(err) => {
            return Err(err).with_context(|| format!("cannot open {}", shown_path(path)));
        }
    };
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read {}", shown_path(path)))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta).into());
    }
    Ok(Some((file, meta)))
}

/// The error for a path that holds something other than a regular file.
pub fn not_regular(path: &Path, meta: &Metadata) -> InputError {
    InputError::new(format!(
        "{}: is {}, not a file rungs can read",
        shown_path(path),
        kind_of(meta)
    ))
    .hint("name a framework or profile file (.toml)")
}

fn is_link_loop(err: &io::Error) -> bool {
    #[cfg(unix)]
    {
        err.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        false
    }
}
