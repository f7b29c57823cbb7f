//! Errors that tell a person what to fix, and the exit codes they map to.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::model::text::{clean_line, shown_path};

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

    /// The locations of many offsets into `text`, in their order, with one
    /// walk through the text: a file with thousands of problems costs what
    /// one with a single problem costs, plus a sort of the offsets, however
    /// long its lines are.
    pub fn of_offsets(text: &str, offsets: &[usize]) -> Vec<Location> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut found = vec![Location::START; offsets.len()];
        let (mut at, mut here) = (0, Location::START);
        for i in order {
            let mut target = offsets[i].min(text.len());
            while !text.is_char_boundary(target) {
                target -= 1;
            }
            for c in text[at..target].chars() {
                if c == '\n' {
                    here = Location {
                        line: here.line + 1,
                        column: 1,
                    };
                } else {
                    here.column += 1;
                }
            }
            at = target;
            found[i] = here;
        }
        found
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
            (Some(file), Some(at)) => {
                write!(f, "{}:{}:{}: ", shown_path(file), at.line, at.column)?
            }
            (Some(file), None) => write!(f, "{}: ", shown_path(file))?,
            _ => {}
        }
        // Messages quote text from files (keys, values, names): one line each,
        // made safe, so no file can forge another line or reach the terminal raw.
        f.write_str(&clean_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", clean_line(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// `--as NAME` names someone who never reviewed the profile: say who did.
impl From<crate::model::reviewers::NotAReviewer> for InputError {
    fn from(err: crate::model::reviewers::NotAReviewer) -> Self {
        let hint = if err.reviewers.is_empty() {
            "nobody has reviewed this profile yet".to_owned()
        } else {
            format!("reviewers are: {}", err.reviewers.join(", "))
        };
        InputError::new(err.to_string()).hint(hint)
    }
}

/// Every problem found in one file, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<InputError>);

/// How many problems of one file a message lists; `rungs validate --all`
/// lists every one.
pub const SHOWN_PROBLEMS: usize = 20;

impl InputErrors {
    /// Every problem, however many: for `rungs validate --all`.
    pub fn all(&self) -> impl fmt::Display + '_ {
        Listed(&self.0)
    }
}

struct Listed<'a>(&'a [InputError]);

impl fmt::Display for Listed<'_> {
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

/// The first [`SHOWN_PROBLEMS`] problems, then how many more there are.
impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.0.len().min(SHOWN_PROBLEMS);
        write!(f, "{}", Listed(&self.0[..shown]))?;
        let more = self.0.len() - shown;
        if more > 0 {
            let file = self.0[0]
                .file
                .as_deref()
                .map_or_else(|| "FILE".to_owned(), shown_path);
            write!(
                f,
                "\n... and {more} more {} in this file (`rungs validate --all {file}` lists them all)",
                crate::present::plural(more, "problem", "problems")
            )?;
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
        let offsets = [9, 0, 999, 6, 8];
        let one_by_one: Vec<Location> = offsets
            .iter()
            .map(|&o| Location::of_offset(text, o))
            .collect();
        assert_eq!(Location::of_offsets(text, &offsets), one_by_one);
    }

    #[test]
    fn many_problems_are_cut_with_a_count() {
        let errors = InputErrors(
            (1..=25)
                .map(|n| {
                    InputError::in_file(Path::new("p.toml"), Location { line: n, column: 1 }, "bad")
                })
                .collect(),
        );
        let shown = errors.to_string();
        assert_eq!(shown.lines().count(), SHOWN_PROBLEMS + 1, "{shown}");
        assert!(shown.contains("p.toml:20:1: bad"));
        assert!(!shown.contains("p.toml:21:1"));
        assert!(shown.ends_with(
            "... and 5 more problems in this file (`rungs validate --all p.toml` lists them all)"
        ));
        assert_eq!(errors.all().to_string().lines().count(), 25);
    }

    #[test]
    fn paths_and_messages_cannot_reach_the_terminal_raw() {
        let err = InputError::in_file(
            Path::new("evil\u{1b}]2;pwned\u{7}\nok  forged.toml"),
            Location::START,
            "unknown field `\u{1b}[2J\nok  x`",
        )
        .hint("a\u{202e}b");
        let shown = err.to_string();
        assert!(
            !shown
                .chars()
                .any(|c| c != '\n' && crate::model::text::is_unsafe(c)),
            "{shown:?}"
        );
        assert_eq!(shown.lines().count(), 2, "one line and the hint: {shown:?}");
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
