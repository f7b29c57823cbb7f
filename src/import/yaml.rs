//! YAML from files rungs did not write (the Monzo front matter, the FT job
//! family), read by serde-saphyr: pure Rust with no unsafe code, linear in
//! its input, and held to a budget so that no file can make it nest, expand
//! or run without bound. Each refusal names the place in the file.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Error, MessageFormatter, Options, UserMessageFormatter};

use super::tree::error_at;
use crate::error::{InputError, Location};
use crate::store::read::MAX_FILE_BYTES;

/// How deep collections may nest, flow (`[…]`, `{…}`) and block alike. The
/// formats rungs reads need five or six levels; deeper is refused at the
/// first level past it, before anything further in the file is read
/// (docs/file-formats.md).
pub const MAX_DEPTH: usize = 32;

/// What aliases may add to a file: the text of its scalars, replayed, at
/// most twice the largest file rungs reads. A "billion laughs" file is
/// refused when it gets there, not after filling the memory.
const MAX_SCALAR_BYTES: usize = 2 * MAX_FILE_BYTES as usize;

fn options() -> Options {
    let file_bytes = MAX_FILE_BYTES as usize;
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            // Without aliases a file has fewer events and nodes than bytes:
            // these only stop aliases from multiplying them.
            max_events: file_bytes,
            max_nodes: file_bytes,
            max_total_scalar_bytes: MAX_SCALAR_BYTES,
        },
        with_snippet: false,
    }
}

/// YAML text into `T`; an error is located in the file, `first_line` being
/// the file's line where the YAML text starts (after front matter's `---`).
pub fn from_yaml<T: DeserializeOwned>(
    file: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<T, InputError> {
    serde_saphyr::from_str_with_options(yaml, options())
        .map_err(|err| located(file, yaml, &err, first_line))
}

fn located(file: &Path, yaml: &str, err: &Error, first_line: usize) -> InputError {
    let at = err.location().map_or(
        Location {
            line: first_line,
            column: 1,
        },
        |l| Location {
            line: usize::try_from(l.line()).unwrap_or(1).max(1) + first_line - 1,
            column: usize::try_from(l.column()).unwrap_or(1).max(1),
        },
    );
    let original = original(err);
    let (message, hint) = if nests_too_deep(original) {
        (
            format!("the YAML nests deeper than {MAX_DEPTH} levels"),
            "rungs reads a few levels of lists and maps; remove the nesting at that place",
        )
    } else if let Error::Budget { breach, .. } = original {
        (
            format!("the YAML grows past what rungs reads: {}", too_much(breach)),
            "write the values out instead of repeating them through aliases (`*name`)",
        )
    } else {
        let key = err
            .location()
            .and_then(|l| key_before(yaml, l.line(), l.column()))
            .map_or(String::new(), |key| format!("`{key}`: "));
        (
            format!(
                "the YAML cannot be read: {key}{}",
                UserMessageFormatter.format_message(original)
            ),
            "fix the YAML at that place; see docs/file-formats.md for the shape rungs reads",
        )
    };
    error_at(file, at, message).hint(hint)
}

/// The key written before a place (1-based line and column) on its line,
/// as in `summary: [a]`: the parser's message does not name it.
fn key_before(yaml: &str, line: u64, column: u64) -> Option<&str> {
    let text = yaml
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let end = text
        .char_indices()
        .nth(usize::try_from(column).ok()?.checked_sub(1)?)
        .map_or(text.len(), |(i, _)| i);
    let before = text[..end].trim_end().strip_suffix(':')?.trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '-' | '{' | ',' | '[' | '"' | '\''))
        .map_or(0, |i| i + 1);
    let key = &before[start..];
    (!key.is_empty() && key.len() <= 64).then_some(key)
}

/// The error itself, without the wrapping that says which alias led to it.
fn original(err: &Error) -> &Error {
    match err.without_snippet() {
        Error::AliasError { error, .. } => original(error),
        other => other,
    }
}

/// Too deep a nesting: the budget's depth, or the parser's own limit on
/// flow collections (which it meets while scanning, before the budget sees
/// the events).
fn nests_too_deep(err: &Error) -> bool {
    match err {
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => true,
        Error::ExternalMessage { msg, .. } => msg.contains("recursion limit exceeded"),
        _ => false,
    }
}

fn too_much(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::ScalarBytes { .. } => format!(
            "its text, with every alias repeated, comes to over {} MiB",
            MAX_SCALAR_BYTES / (1024 * 1024)
        ),
        BudgetBreach::Aliases { .. } => "it has too many aliases".to_owned(),
        BudgetBreach::Anchors { .. } => "it has too many anchors".to_owned(),
        BudgetBreach::Documents { .. } => "it holds too many documents".to_owned(),
        _ => "with every alias repeated, it has too many values".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read only to be refused
    struct Doc {
        name: String,
        examples: Option<Vec<String>>,
    }

    fn refusal(yaml: &str) -> InputError {
        from_yaml::<Doc>(Path::new("f.yml"), yaml, 3).expect_err("refused")
    }

    #[test]
    fn nesting_past_the_limit_is_refused_where_it_goes_too_deep() {
        let deep = |depth: usize| {
            format!(
                "name: x\nignored: {}{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        assert!(from_yaml::<Doc>(Path::new("f.yml"), &deep(MAX_DEPTH - 1), 1).is_ok());
        for (yaml, line) in [
            (deep(200_000), 4),
            (format!("name: x\nignored:\n{}x\n", "- ".repeat(100_000)), 5),
            (format!("name: x\nignored: {}\n", "{a: ".repeat(10_000)), 4),
        ] {
            let e = refusal(&yaml);
            assert!(
                e.message.contains("nests deeper than 32 levels"),
                "{}",
                e.message
            );
            let at = e.location.expect("located");
            assert_eq!(at.line, line, "the file's line, after the front matter's");
            assert!(at.column > MAX_DEPTH && at.column < 300, "{at:?}");
        }
    }

    #[test]
    fn an_alias_bomb_is_refused_before_it_fills_the_memory() {
        let mut yaml = format!("name: &s \"{}\"\nexamples: [", "x".repeat(1 << 20));
        yaml.push_str(&"*s, ".repeat(200));
        yaml.push_str("]\n");
        let e = refusal(&yaml);
        assert!(e.message.contains("comes to over 64 MiB"), "{}", e.message);
        assert_eq!(e.location.map(|l| l.line), Some(4));
    }

    #[test]
    fn errors_are_located_in_the_file_without_the_parser_s_own_marks() {
        let e = refusal("name: [a]\n");
        assert_eq!(e.location, Some(Location { line: 3, column: 7 }));
        assert!(
            e.message.starts_with("the YAML cannot be read: `name`: "),
            "{}",
            e.message
        );
        assert!(!e.message.contains("line"), "{}", e.message);
        let e = refusal("name: \"open\nexamples: []\n");
        assert_eq!(e.location, Some(Location { line: 3, column: 7 }));
    }
}
