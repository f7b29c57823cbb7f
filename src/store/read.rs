//! Reading framework and profile files: size-capped, UTF-8 checked, parsed,
//! and every problem turned into an error that names file, line and column.

use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{InputError, InputErrors, Location};
use crate::model::conflict;
use crate::model::problem::{Problem, Step};
use crate::model::text::shown_path;
use crate::model::{Framework, Profile, Statement, text};

/// Files above this size are refused before they are read: a real framework
/// of a large organisation is a few megabytes, a profile far less.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The text of a file, refusing a missing, oversized or non-UTF-8 file with
/// an error the user can act on.
pub fn read_text(path: &Path) -> Result<String> {
    Ok(decode(path, read_bytes(path)?)?)
}

/// The bytes of a file, refusing a missing or oversized one, or anything
/// but a regular file, before reading it whole.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    match read_existing(path)? {
        Some((bytes, _)) => Ok(bytes),
        None => Err(
            InputError::new(format!("{}: no such file", shown_path(path)))
                .hint("check the path")
                .into(),
        ),
    }
}

/// The bytes of a regular file and what `fstat` said of it, `None` when
/// there is no file at `path`; see [`read_bytes`].
pub fn read_existing(path: &Path) -> Result<Option<(Vec<u8>, Metadata)>> {
    let Some((file, meta)) = super::open::open_regular(path)? else {
        return Ok(None);
    };
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(path).into());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", shown_path(path)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path).into());
    }
    Ok(Some((bytes, meta)))
}

fn too_big(path: &Path) -> InputError {
    InputError::in_file(
        path,
        Location::START,
        format!(
            "the file is larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .hint("rungs reads framework and profile files up to that size; is this the right file?")
}

/// UTF-8 text without a byte-order mark.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            Err(InputError::in_file(
                path,
                Location::of_offset(&before, before.len()),
                "the file is not valid UTF-8 text",
            )
            .hint("save the file as UTF-8"))
        }
    }
}

/// Parses and validates a framework file. Its text is sanitised here, once.
pub fn parse_framework(path: &Path, text: &str) -> Result<Framework, InputErrors> {
    // One plain parse: a file is accepted exactly when the toml crate
    // accepts it (an earlier two-thread split parse was removed because it
    // could not be shown to agree; BENCHMARKS.md gives the cost).
    let mut framework: Framework = from_toml(path, text)?;
    let problems = framework.problems();
    if !problems.is_empty() {
        return Err(locate_all(path, text, &problems));
    }
    sanitize_framework(&mut framework);
    Ok(framework)
}

/// Parses a profile file. Its rules against a framework are checked apart
/// (`Profile::check`), since that needs the framework it names.
pub fn parse_profile(path: &Path, text: &str) -> Result<Profile, InputErrors> {
    from_toml(path, text)
}

/// Checks that `text` is a profile (its root keys and their types), without
/// building its ratings: done before anything is created beside a file
/// opened for writing, so a path to some other file is refused first.
pub fn check_is_profile(path: &Path, text: &str) -> Result<(), InputErrors> {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Head {
        format: u32,
        person: String,
        framework: String,
        craft: String,
        level: String,
    }
    match toml::from_str::<Head>(text) {
        Ok(head) if head.format <= crate::model::profile::PROFILE_FORMAT => Ok(()),
        _ => parse_profile(path, text).map(|_| ()),
    }
}

/// A file whose `format` this build knows how to check: read files say
/// which format they are in, so a file from a newer rungs can be told so.
pub trait Formatted {
    /// The newest format this build reads.
    const NEWEST: u32;
    /// What such a file is called in messages.
    const WHAT: &'static str;
    fn format(&self) -> u32;
}

impl Formatted for Framework {
    const NEWEST: u32 = crate::model::framework::FRAMEWORK_FORMAT;
    const WHAT: &'static str = "framework";
    fn format(&self) -> u32 {
        self.format
    }
}

impl Formatted for Profile {
    const NEWEST: u32 = crate::model::profile::PROFILE_FORMAT;
    const WHAT: &'static str = "profile";
    fn format(&self) -> u32 {
        self.format
    }
}

/// A TOML document into `T`; a file from a newer rungs is told so, whatever
/// else is wrong with it.
fn from_toml<T: serde::de::DeserializeOwned + Formatted>(
    path: &Path,
    text: &str,
) -> Result<T, InputErrors> {
    // Parsing is most of the cost of loading a large framework, so a sound
    // file of a known format is parsed once; only a failure, or a newer
    // format, pays for the second look at `format`.
    let parsed = match toml::from_str::<T>(text) {
        Ok(value) if value.format() <= T::NEWEST => return Ok(value),
        parsed => parsed,
    };
    if let Some(err) = newer_format(path, text) {
        return Err(err.into());
    }
    if parsed.is_err()
        && let Some(err) = conflict_markers(path, text, T::WHAT)
    {
        return Err(err.into());
    }
    parsed.map_err(|err| {
        let location = Location::of_span(text, err.span());
        let message = err.message().trim_end().to_owned();
        InputError::in_file(path, location, message)
            .hint(syntax_hint(err.message()))
            .into()
    })
}

/// The error for a file whose `format` is newer than this build reads.
fn newer_format(path: &Path, text: &str) -> Option<InputError> {
    let root = DeTable::parse(text).ok()?;
    let format = root.get_ref().get("format")?;
    let found = format
        .get_ref()
        .as_integer()?
        .as_str()
        .parse::<u32>()
        .ok()?;
    let problem = crate::model::framework::format_problem(found, &Default::default());
    (found > 1).then(|| at(path, text, Some(format.span()), &problem))
}

/// The first line a text merge marked as a conflict (git's `<<<<<<<`,
/// `|||||||`, `=======` and `>>>>>>>`), as an error that says how to merge
/// the file again by meaning. Looked for only in a file that does not
/// parse: in a note, such a line is text.
pub fn conflict_markers(path: &Path, text: &str, what: &str) -> Option<InputError> {
    let is_marker = |line: &str, sign: &str| {
        line.strip_prefix(sign)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
    };
    let mut offset = 0;
    let mut found = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if ["<<<<<<<", ">>>>>>>", "|||||||"]
            .iter()
            .any(|sign| is_marker(bare, sign))
        {
            found = Some(offset);
            break;
        }
        offset += line.len();
    }
    let at = Location::of_offset(text, found?);
    let file = shown_path(path);
    let hint = if what == "profile" {
        format!(
            "merge the versions by meaning instead: with rungs' driver set up (`rungs git-setup --write`), `git checkout -m {file}` merges them again; or by hand, from the three versions git keeps (paths from the repository's top): `git show :1:{file} > base.toml`, `git show :2:{file} > ours.toml`, `git show :3:{file} > theirs.toml`, then `rungs merge-file base.toml ours.toml theirs.toml` and copy ours.toml over {file}"
        )
    } else {
        format!(
            "keep the lines you want and delete the markers (`git checkout --conflict=merge {file}` shows the merge again), then `rungs validate {file}`"
        )
    };
    Some(
        InputError::in_file(
            path,
            at,
            format!("a text merge left conflict markers (<<<<<<< … >>>>>>>) in this {what}"),
        )
        .hint(hint),
    )
}

fn syntax_hint(message: &str) -> &'static str {
    if message.contains("missing field") {
        "add the missing key; see docs/file-formats.md"
    } else if message.contains("unknown field") {
        "remove or rename the key; the expected keys are listed above"
    } else if message.contains("duplicate key") {
        "each key may appear once in a table"
    } else {
        "fix the TOML at that place; see docs/file-formats.md for the format"
    }
}

/// Turns problems found on the parsed model into errors located in the text:
/// the document's spans are read once and the locations found in one walk
/// ([`Location::of_offsets`]), so thousands of problems cost one pass.
pub fn locate_all(path: &Path, text: &str, problems: &[Problem]) -> InputErrors {
    let root = DeTable::parse(text).ok();
    let spans: Vec<Option<std::ops::Range<usize>>> = problems
        .iter()
        .map(|p| root.as_ref().and_then(|r| span_of(r, &p.path.0)))
        .collect();
    let offsets: Vec<usize> = spans
        .iter()
        .map(|s| s.as_ref().map_or(0, |s| s.start))
        .collect();
    let locations = Location::of_offsets(text, &offsets);
    InputErrors(
        problems
            .iter()
            .zip(locations)
            .map(|(p, location)| {
                InputError::in_file(path, location, p.message.clone()).hint(p.hint.clone())
            })
            .collect(),
    )
}

fn at(
    path: &Path,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    problem: &Problem,
) -> InputError {
    InputError::in_file(path, Location::of_span(text, span), problem.message.clone())
        .hint(problem.hint.clone())
}

/// Where each merge-conflict record of a profile's text is (its `conflict`
/// key), found with one parse of the document and one walk of the text.
pub fn locate_records(text: &str, paths: &[&[conflict::Step]]) -> Vec<Location> {
    let Ok(root) = DeTable::parse(text) else {
        return vec![Location::START; paths.len()];
    };
    let offsets: Vec<usize> = paths
        .iter()
        .map(|steps| {
            let mut here: Option<&Spanned<DeValue<'_>>> = None;
            let mut table = Some(root.get_ref());
            let mut span = None;
            let record = conflict::Step::Key(conflict::KEY.to_owned());
            for step in steps.iter().chain([&record]) {
                let next = match (step, table, here) {
                    (conflict::Step::Key(k), Some(t), _) => t.get(k.as_str()),
                    (conflict::Step::Key(k), None, Some(v)) => v.get_ref().get(k.as_str()),
                    (conflict::Step::Index(i), _, Some(v)) => v.get_ref().get(*i),
                    _ => None,
                };
                let Some(next) = next else { break };
                span = Some(next.span().start);
                here = Some(next);
                table = None;
            }
            span.unwrap_or(0)
        })
        .collect();
    Location::of_offsets(text, &offsets)
}

/// The span of the deepest node of `steps` that exists in the document.
fn span_of(root: &Spanned<DeTable<'_>>, steps: &[Step]) -> Option<std::ops::Range<usize>> {
    let mut span = None;
    let mut table = Some(root.get_ref());
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    for step in steps {
        let next = match (step, table, value) {
            (Step::Key(k), Some(t), _) => t.get(*k),
            (Step::Key(k), None, Some(v)) => v.get_ref().get(*k),
            (Step::Index(i), _, Some(v)) => v.get_ref().get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        span = Some(next.span());
        value = Some(next);
        table = None;
    }
    span
}

fn sanitize_framework(framework: &mut Framework) {
    let line = |s: &mut String| {
        if let std::borrow::Cow::Owned(clean) = text::clean_line(s) {
            *s = clean;
        }
    };
    line(&mut framework.name);
    framework
        .description
        .iter_mut()
        .chain(framework.version.iter_mut())
        .for_each(line);
    for point in &mut framework.scale.points {
        line(&mut point.label);
        line(&mut point.description);
    }
    for craft in &mut framework.crafts {
        line(&mut craft.name);
        for level in &mut craft.levels {
            line(&mut level.title);
            level
                .summary
                .iter_mut()
                .chain(level.focus.iter_mut())
                .for_each(line);
            for area in &mut level.areas {
                line(&mut area.name);
                area.statements.iter_mut().for_each(Statement::make_safe);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key spelled with an escape beside `[[crafts]]` headers is a
    /// duplicate key, whatever the file's size (the removed split parse
    /// accepted it in files from 1 MiB).
    #[test]
    fn a_duplicate_key_spelled_with_an_escape_is_refused_at_any_size() {
        let text =
            rungs_devtools::testgen::framework_toml(rungs_devtools::testgen::Shape::scaled(12), 5);
        assert!(text.len() > 1024 * 1024, "a large file: {}", text.len());
        let cut = text.find("[[crafts]]").expect("crafts");
        let hostile = format!("{}\"\\u0063rafts\" = []\n{}", &text[..cut], &text[cut..]);
        assert!(toml::from_str::<Framework>(&hostile).is_err());
        let err = parse_framework(Path::new("f.toml"), &hostile).expect_err("refused");
        assert!(err.to_string().contains("duplicate key"), "{err}");
    }
}
