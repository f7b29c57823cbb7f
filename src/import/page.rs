//! One markdown page in the seed's format, read line by line so every error
//! names its line.

use std::path::Path;

use crate::error::{InputError, Location};
use crate::model::text::clean_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub title_line: usize,
    /// The craft's name: the front matter's `parent` without " Craft".
    pub craft: String,
    pub framework: String,
    pub framework_line: usize,
    pub nav_order: Option<u32>,
    pub summary: Option<String>,
    pub focus: Option<String>,
    /// Area name and its statements, in page order.
    pub areas: Vec<(String, Vec<String>)>,
}

fn error(path: &Path, line: usize, message: impl Into<String>) -> InputError {
    InputError::in_file(path, Location { line, column: 1 }, message)
}

/// A front matter value without quotes, made safe.
fn scalar(value: &str) -> String {
    let value = value.trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    clean_line(unquoted.trim()).into_owned()
}

/// What a page's front matter holds, for an error about it.
const FRONT_HINT: &str = "a page starts with front matter between `---` lines: title, parent (\"<Craft> Craft\"), grand_parent (the framework)";

pub fn parse_page(path: &Path, text: &str) -> Result<Page, InputError> {
    let lines: Vec<&str> = text.lines().collect();
    let (start, end) = front_matter_lines(path, &lines)?;
    let mut page = head_of(path, &lines, start, end)?;
    let (paragraphs, table_at) = paragraphs_before_table(&lines, end);
    let Some(header) = table_at else {
        return Err(error(
            path,
            lines.len().max(1),
            "the page has no `| Area | Description |` table",
        )
        .hint("list the level's areas in a two-column markdown table"));
    };
    let mut paragraphs = paragraphs
        .into_iter()
        .map(|p| clean_line(p.trim()).into_owned());
    page.areas = parse_table(path, &lines, header)?;
    page.summary = paragraphs.next();
    page.focus = paragraphs.next();
    Ok(page)
}

/// The indexes of the `---` lines that open and close the front matter.
fn front_matter_lines(path: &Path, lines: &[&str]) -> Result<(usize, usize), InputError> {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    if start.is_none_or(|i| lines[i].trim() != "---") {
        return Err(error(
            path,
            start.map_or(1, |i| i + 1),
            "the page has no front matter",
        )
        .hint(FRONT_HINT));
    }
    let start = start.unwrap_or(0);
    let Some(end) = lines
        .iter()
        .skip(start + 1)
        .position(|l| l.trim() == "---")
        .map(|i| i + start + 1)
    else {
        return Err(error(
            path,
            start + 1,
            "the front matter is not closed by a `---` line",
        )
        .hint(FRONT_HINT));
    };
    Ok((start, end))
}

/// The page as its front matter (between lines `start` and `end`) says
/// it, its text still to read: `title`, `parent` and `grand_parent` must
/// be there, `nav_order` may be.
fn head_of(path: &Path, lines: &[&str], start: usize, end: usize) -> Result<Page, InputError> {
    let field = |key: &str| -> Option<(String, usize)> {
        lines[start + 1..end]
            .iter()
            .enumerate()
            .find_map(|(i, line)| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == key).then(|| (scalar(v), start + 2 + i))
            })
    };
    let required = |key: &str| {
        field(key).filter(|(v, _)| !v.is_empty()).ok_or_else(|| {
            error(path, start + 1, format!("the front matter has no `{key}`")).hint(FRONT_HINT)
        })
    };
    let (title, title_line) = required("title")?;
    let (parent, _) = required("parent")?;
    let (framework, framework_line) = required("grand_parent")?;
    let nav_order = field("nav_order").and_then(|(v, _)| v.parse().ok());
    let craft = parent
        .strip_suffix(" Craft")
        .unwrap_or(&parent)
        .trim()
        .to_owned();
    Ok(Page {
        title,
        title_line,
        craft,
        framework,
        framework_line,
        nav_order,
        summary: None,
        focus: None,
        areas: Vec::new(),
    })
}

/// The paragraphs after the front matter (headings end one), and the
/// index of the first table line, if there is one.
fn paragraphs_before_table(lines: &[&str], end: usize) -> (Vec<String>, Option<usize>) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut table_at = None;
    for (i, line) in lines.iter().enumerate().skip(end + 1) {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            table_at = Some(i);
            break;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        current.push(trimmed);
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    (paragraphs, table_at)
}

/// Cells of a table row, split at the pipes that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut out = vec![String::new()];
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' if chars.peek() == Some(&'|') => chars.next().unwrap_or(c),
            '|' => {
                out.push(String::new());
                continue;
            }
            c => c,
        };
        if let Some(cell) = out.last_mut() {
            cell.push(c);
        }
    }
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// The areas of the table whose header is line `header`, each row a name
/// and its statements.
fn parse_table(
    path: &Path,
    lines: &[&str],
    header: usize,
) -> Result<Vec<(String, Vec<String>)>, InputError> {
    check_table_head(path, lines, header)?;
    let mut areas = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(header + 2) {
        if !line.trim().starts_with('|') {
            break;
        }
        areas.push(table_row(path, i, line)?);
    }
    if areas.is_empty() {
        return Err(error(path, header + 1, "the table has no areas"));
    }
    Ok(areas)
}

/// The header is `| Area | Description |`, and a `|---|---|` line follows it.
fn check_table_head(path: &Path, lines: &[&str], header: usize) -> Result<(), InputError> {
    let head = cells(lines[header]);
    let named = head.len() == 2
        && head[0].eq_ignore_ascii_case("area")
        && head[1].eq_ignore_ascii_case("description");
    if !named {
        return Err(error(
            path,
            header + 1,
            "the table's header is not `| Area | Description |`",
        )
        .hint("the first column names the area, the second holds its statements"));
    }
    let is_rule = |line: &str| {
        cells(line)
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
    };
    if !lines.get(header + 1).is_some_and(|l| is_rule(l)) {
        return Err(error(
            path,
            header + 2,
            "the table's header is not followed by a `|---|---|` line",
        ));
    }
    Ok(())
}

/// Table row `i`: an area's name and its statements.
fn table_row(path: &Path, i: usize, line: &str) -> Result<(String, Vec<String>), InputError> {
    let row = cells(line);
    if row.len() != 2 {
        return Err(error(
            path,
            i + 1,
            format!("this row has {} cells, the table 2", row.len()),
        )
        .hint("escape a `|` inside a cell as `\\|`"));
    }
    let name = area_name(&row[0]);
    if name.is_empty() {
        return Err(error(path, i + 1, "this row names no area"));
    }
    Ok((name, statements(&row[1])))
}

/// `[Name](link)` or plain `Name`.
fn area_name(cell: &str) -> String {
    let name = cell
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .map_or(cell, |(name, _)| name);
    clean_line(name.trim()).into_owned()
}

/// The statements of a description cell: the text between runs of `<br>`
/// (any case and spacing: `<BR>`, `<br >`, `<br/>`, `< br / >`), trimmed;
/// empty pieces are no statements.
fn statements(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut i = 0;
    let bytes = cell.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'<'
            && let Some(len) = br_tag(&bytes[i..])
        {
            out.push(&cell[piece_start..i]);
            i += len;
            piece_start = i;
        } else {
            i += 1;
        }
    }
    out.push(&cell[piece_start..]);
    out.into_iter()
        .map(|s| clean_line(s.trim()).into_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The length of a `<br>` tag at the start of `bytes`, in any case and spacing.
fn br_tag(bytes: &[u8]) -> Option<usize> {
    let spaces = |at: usize| bytes[at..].iter().take_while(|b| **b == b' ').count();
    let mut at = 1;
    at += spaces(at);
    if !bytes.get(at..at + 2)?.eq_ignore_ascii_case(b"br") {
        return None;
    }
    at += 2;
    at += spaces(at);
    if bytes.get(at) == Some(&b'/') {
        at += 1;
        at += spaces(at);
    }
    (bytes.get(at) == Some(&b'>')).then_some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_at_unescaped_pipes() {
        assert_eq!(cells("| a | b \\| c |"), vec!["a", "b | c"]);
        assert_eq!(cells("|x|"), vec!["x"]);
    }

    #[test]
    fn statements_split_at_br_runs() {
        assert_eq!(
            statements("One. <br><br> Two.<br/>Three. <br><br>"),
            vec!["One.", "Two.", "Three."]
        );
        assert_eq!(
            statements("a<BR>b<br >c<Br/>d< br / >e<brx>f<b>g"),
            vec!["a", "b", "c", "d", "e<brx>f<b>g"]
        );
    }

    #[test]
    fn area_names_from_links_or_text() {
        assert_eq!(area_name("[Process Design](/x#y)"), "Process Design");
        assert_eq!(area_name("Plain Area"), "Plain Area");
    }
}
