//! Reading framework and profile files: size-capped, UTF-8 checked, parsed,
//! and every problem turned into an error that names file, line and column.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use anyhow::{Context, Result};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{InputError, InputErrors, Location};
use crate::model::problem::{Problem, Step};
use crate::model::{Framework, Profile, text};

/// Files above this size are refused before they are read: a real framework
/// of a large organisation is a few megabytes, a profile far less.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The text of a file, refusing a missing, oversized or non-UTF-8 file with
/// an error the user can act on.
pub fn read_text(path: &Path) -> Result<String> {
    Ok(decode(path, read_bytes(path)?)?)
}

/// The bytes of a file, refusing a missing or oversized one before reading it whole.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = match File::open(path) {
        Err(err) if err.kind() == ErrorKind::NotFound => {
            return Err(InputError::new(format!("{}: no such file", path.display()))
                .hint("check the path")
                .into());
        }
        other => other.with_context(|| format!("cannot open {}", path.display()))?,
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(too_big(path).into());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path).into());
    }
    Ok(bytes)
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
    let mut framework: Framework = match parse_in_halves(text, SPLIT_FROM_BYTES) {
        Some(framework) => framework,
        None => from_toml(path, text)?,
    };
    let problems = framework.problems();
    if !problems.is_empty() {
        return Err(locate_all(path, text, &problems));
    }
    sanitize_framework(&mut framework);
    Ok(framework)
}

/// Framework files from this size on are parsed in two halves at once.
pub const SPLIT_FROM_BYTES: usize = 1024 * 1024;

/// The part of a framework file after its root keys: crafts and nothing else.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CraftsOnly {
    #[serde(default)]
    crafts: Vec<crate::model::Craft>,
}

/// Parsing is most of the cost of loading a large framework (BENCHMARKS.md)
/// and the toml crate parses on one core, so a large file is cut at two
/// `[[crafts]]` header lines, the first one and the one nearest the middle, and
/// the two halves are parsed on two threads.
///
/// `None` (the caller then parses the whole file, which also locates any
/// error) unless every piece parses alone and can only mean what it means
/// in the whole file:
/// - a cut line inside a multi-line string or array leaves the piece before
///   it unterminated, so that piece fails;
/// - after a real `[[crafts]]` header every key belongs to that craft, until
///   a root table such as `[scale]` comes, which `CraftsOnly` refuses;
/// - the root part must not mention `crafts` at all, so it cannot define
///   them in a way the whole file would reject beside the headers;
/// - a newer `format` is left to the whole-file parse, which says so.
fn parse_in_halves(text: &str, from_bytes: usize) -> Option<Framework> {
    if text.len() < from_bytes {
        return None;
    }
    let headers = crafts_headers(text);
    let first = *headers.first()?;
    let middle = first + (text.len() - first) / 2;
    let cut = headers
        .iter()
        .copied()
        .filter(|&h| h > first)
        .min_by_key(|&h| h.abs_diff(middle))?;
    parse_cut(text, first, cut)
}

/// Where the lines that read exactly `[[crafts]]` start.
fn crafts_headers(text: &str) -> Vec<usize> {
    let mut headers = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[crafts]]" {
            headers.push(offset);
        }
        offset += line.len();
    }
    headers
}

/// The root part `..first`, crafts `first..cut` and `cut..` parsed apart,
/// the last on another thread; see [`parse_in_halves`].
fn parse_cut(text: &str, first: usize, cut: usize) -> Option<Framework> {
    let (root, crafts, rest) = (text.get(..first)?, text.get(first..cut)?, text.get(cut..)?);
    if root.contains("crafts") {
        return None;
    }
    let (root, crafts, rest) = std::thread::scope(|scope| {
        let rest = scope.spawn(|| toml::from_str::<CraftsOnly>(rest).ok());
        let root = toml::from_str::<Framework>(root).ok();
        let crafts = toml::from_str::<CraftsOnly>(crafts).ok();
        (root, crafts, rest.join().ok().flatten())
    });
    let (mut framework, crafts, rest) = (root?, crafts?, rest?);
    if framework.format > crate::model::framework::FRAMEWORK_FORMAT || !framework.crafts.is_empty()
    {
        return None;
    }
    framework.crafts = crafts.crafts;
    framework.crafts.extend(rest.crafts);
    Some(framework)
}

/// Parses a profile file. Its rules against a framework are checked apart
/// (`Profile::check`), since that needs the framework it names.
pub fn parse_profile(path: &Path, text: &str) -> Result<Profile, InputErrors> {
    from_toml(path, text)
}

/// A file whose `format` this build knows how to check: read files say
/// which format they are in, so a file from a newer rungs can be told so.
pub trait Formatted {
    /// The newest format this build reads.
    const NEWEST: u32;
    fn format(&self) -> u32;
}

impl Formatted for Framework {
    const NEWEST: u32 = crate::model::framework::FRAMEWORK_FORMAT;
    fn format(&self) -> u32 {
        self.format
    }
}

impl Formatted for Profile {
    const NEWEST: u32 = crate::model::profile::PROFILE_FORMAT;
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

/// Turns problems found on the parsed model into errors located in the text.
pub fn locate_all(path: &Path, text: &str, problems: &[Problem]) -> InputErrors {
    let root = DeTable::parse(text).ok();
    InputErrors(
        problems
            .iter()
            .map(|p| {
                at(
                    path,
                    text,
                    root.as_ref().and_then(|r| span_of(r, &p.path.0)),
                    p,
                )
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
    if let Some(description) = &mut framework.description {
        line(description);
    }
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
                for s in &mut area.statements {
                    line(&mut s.text);
                    s.hint.iter_mut().for_each(line);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::{Shape, framework_toml};

    /// At every possible cut, whatever the pieces give is what the whole
    /// file gives; where the whole file is refused, the pieces give nothing.
    fn same_as_whole_at_every_cut(text: &str) -> bool {
        let whole = toml::from_str::<Framework>(text).ok();
        let headers = crafts_headers(text);
        let Some(&first) = headers.first() else {
            return true;
        };
        headers
            .iter()
            .skip(1)
            .all(|&cut| match parse_cut(text, first, cut) {
                Some(pieces) => whole.as_ref() == Some(&pieces),
                None => true,
            })
    }

    #[test]
    fn halves_parse_a_large_framework_as_the_whole() {
        let text = framework_toml(Shape::scaled(10), 5);
        let whole: Framework = toml::from_str(&text).expect("valid");
        assert_eq!(parse_in_halves(&text, 0), Some(whole));
        assert_eq!(
            parse_in_halves(&text, text.len() + 1),
            None,
            "small files are parsed whole"
        );
    }

    #[test]
    fn halves_never_differ_from_the_whole() {
        let text = framework_toml(Shape::scaled(1), 5);
        let lines: Vec<&str> = text.lines().collect();
        let middle = lines
            .iter()
            .rposition(|l| *l == "[[crafts]]")
            .expect("crafts")
            - 3;
        let around = |before: &str, after: &str| {
            let mut out = lines[..middle].join("\n");
            out.push_str(before);
            out.push_str(&lines[middle..].join("\n"));
            out.push_str(after);
            out
        };
        let cases = [
            // A cut line inside a multi-line string, and inside an array.
            around("\ndescription = \"\"\"\n[[crafts]]\n\"\"\"\n", ""),
            around("\nx = [\n[[crafts]]\n]\n", ""),
            // A root table after the crafts.
            around(
                "",
                "\n[scale]\nmet_from = 2\npoints = [{ value = 1, label = \"a\" }, { value = 2, label = \"b\" }]\n",
            ),
            // Crafts defined in the root part as well as by headers.
            format!("crafts = []\n{text}"),
            // A header line inside a string in the root part.
            text.replace(
                "description = \"Every statement is generated text.\"",
                "description = \"\"\"\n[[crafts]]\n\"\"\"",
            ),
            text.replace("format = 1", "format = 2"),
        ];
        for case in &cases {
            assert!(same_as_whole_at_every_cut(case), "differs:\n{case}");
        }
        let sound = crafts_headers(&text);
        assert!(
            parse_cut(&text, sound[0], sound[5]).is_some(),
            "a sound file is cut"
        );
        assert!(
            parse_in_halves(&cases[2], 0).is_none(),
            "a root table after the crafts is left to the whole parse"
        );
    }
}
