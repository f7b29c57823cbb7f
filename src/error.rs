//! Errors that tell a person what to fix, and the exit codes they map to.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Exit code for a runtime failure (disk full, permission denied, ...).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad usage or bad input: the user can fix the command or the file.
pub const EXIT_BAD_INPUT: i32 = 2;

/// A place in a text file, 1-based, counted in characters as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };

    /// The line and column of a byte offset into `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }

    pub fn of_span(text: &str, span: Option<Range<usize>>) -> Location {
        span.map_or(Location::START, |s| Location::of_offset(text, s.start))
    }
}

/// Input the user can fix: a malformed file, an unknown id on the command line.
/// Always maps to exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

impl InputError {
    pub fn new(message: impl Into<String>) -> Self {
        InputError {
            file: None,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn in_file(file: &Path, location: Location, message: impl Into<String>) -> Self {
        InputError {
            file: Some(file.to_path_buf()),
            location: Some(location),
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.location) {
            (Some(file), Some(at)) => write!(f, "{}:{}:{}: ", file.display(), at.line, at.column)?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            _ => {}
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Every problem found in one file, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, err) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{err}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl From<InputError> for InputErrors {
    fn from(err: InputError) -> Self {
        InputErrors(vec![err])
    }
}

/// The exit code an error deserves: 2 when any cause is bad input, else 1.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err
        .chain()
        .any(|cause| cause.is::<InputError>() || cause.is::<InputErrors>())
    {
        EXIT_BAD_INPUT
    } else {
        EXIT_FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 6),
            Location { line: 2, column: 1 }
        );
        // "é" is two bytes but one column.
        assert_eq!(
            Location::of_offset(text, 9),
            Location { line: 2, column: 3 }
        );
        assert_eq!(Location::of_offset(text, 999).line, 3);
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let err = InputError::in_file(
            Path::new("f.toml"),
            Location { line: 3, column: 7 },
            "bad id",
        )
        .hint("use lowercase");
        assert_eq!(err.to_string(), "f.toml:3:7: bad id\n  hint: use lowercase");
    }
}
