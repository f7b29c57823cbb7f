//! Which format a file is in, from its content first and its extension when
//! the content leaves a choice.

use std::path::Path;

use super::Format;

/// The formats a file could be in. One: that one. None or several: the
/// caller asks for `--from`.
pub fn detect(path: &Path, text: &str) -> Vec<Format> {
    let by_content: Vec<Format> = Format::ALL
        .into_iter()
        .filter(|&f| looks_like(f, text))
        .collect();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext: &[Format] = match ext.as_str() {
        "csv" | "tsv" => &[Format::Csv],
        // A page neither rule knows is read as a seed page, as rungs always
        // read pages: its errors then say what a page lacks.
        "md" | "markdown" if by_content.is_empty() => &[Format::Seed],
        "md" | "markdown" => &[Format::Seed, Format::Monzo],
        "yml" | "yaml" => &[Format::Ft],
        "js" | "mjs" | "cjs" | "ts" | "jsx" | "tsx" => &[Format::Snowflake],
        _ => &[],
    };
    match by_content.len() {
        0 if by_ext.len() == 1 => by_ext.to_vec(),
        0 | 1 => by_content,
        _ => {
            let narrowed: Vec<Format> = by_content
                .iter()
                .copied()
                .filter(|f| by_ext.contains(f))
                .collect();
            if narrowed.is_empty() {
                by_content
            } else {
                narrowed
            }
        }
    }
}

/// The first `---` … `---` block of a file, if it starts with one.
pub fn front_matter(text: &str) -> Option<&str> {
    let trimmed = text.trim_start_matches(['\n', '\r', ' ', '\t']);
    let rest = trimmed.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let end = rest.match_indices("\n---").map(|(i, _)| i).find(|&i| {
        let after = &rest[i + 4..];
        after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n")
    })?;
    Some(&rest[..end])
}

/// A key at the start of a line (no indent) in YAML text.
fn has_root_key(yaml: &str, key: &str) -> bool {
    yaml.lines().any(|line| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

fn looks_like(format: Format, text: &str) -> bool {
    let head = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    match format {
        Format::Seed => front_matter(text)
            .is_some_and(|fm| has_root_key(fm, "parent") || has_root_key(fm, "grand_parent")),
        Format::Monzo => front_matter(text).is_some_and(|fm| {
            has_root_key(fm, "topics") || has_root_key(fm, "yaml") && has_root_key(fm, "levels")
        }),
        Format::Ft => {
            front_matter(text).is_none()
                && has_root_key(text, "competencies")
                && has_root_key(text, "levels")
        }
        Format::Snowflake => {
            head.contains("tracks") && head.contains("milestones") && !head.starts_with("---")
        }
        Format::Csv => {
            let first = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let cells: Vec<String> = super::csv::header_cells(first);
            let has = |name: &str| cells.iter().any(|c| c == name);
            has("statement") && has("level") && has("area")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_between_dashes() {
        assert_eq!(front_matter("---\na: 1\n---\nbody"), Some("a: 1"));
        assert_eq!(front_matter("---\r\na: 1\r\n---\r\n"), Some("a: 1\r"));
        assert_eq!(front_matter("no\n---\n"), None);
        assert_eq!(front_matter("---\na: 1\n----\n"), None);
    }

    #[test]
    fn content_then_extension() {
        let p = Path::new;
        assert_eq!(
            detect(p("x.txt"), "craft,level,area,statement\n"),
            [Format::Csv]
        );
        assert_eq!(detect(p("x.csv"), "Level,Impact\n"), [Format::Csv]);
        assert_eq!(detect(p("x"), "Level,Impact\n"), []);
        assert_eq!(
            detect(p("x.md"), "---\ntitle: X\nparent: A Craft\n---\n"),
            [Format::Seed]
        );
        assert_eq!(
            detect(p("x.md"), "---\ntitle: X\nparent: A\ntopics:\n---\n"),
            [Format::Seed, Format::Monzo]
        );
        assert_eq!(
            detect(p("x.data"), "name: Eng\nlevels:\ncompetencies:\n"),
            [Format::Ft]
        );
        assert_eq!(
            detect(p("c.js"), "export const tracks = { A: { milestones: [] } }"),
            [Format::Snowflake]
        );
    }
}
