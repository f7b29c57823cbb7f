//! The code's layering, read from the source: the model and the store know
//! nothing of the screens or the export formats, the view never writes the
//! app's state, and no two modules import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, by its module path (`tui::view::assess`).
fn modules() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            // The code itself: tests beside it may reach anywhere.
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            (parts, code)
        })
        .collect()
}

/// The modules a file's code names (`crate::x::y`, `super::x`), resolved to
/// the longest module path that exists.
fn imports(
    me: &[String],
    code: &str,
    all: &BTreeMap<Vec<String>, String>,
) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    for (start, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let path: String = code[start..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let mut target: Vec<String> = Vec::new();
        if parts.first() == Some(&"crate") {
            parts.remove(0);
        } else {
            target = me.to_vec();
            while parts.first() == Some(&"super") {
                target.pop();
                parts.remove(0);
            }
        }
        target.extend(parts.iter().map(|p| p.to_string()));
        while !target.is_empty() && !all.contains_key(&target) {
            target.pop();
        }
        if !target.is_empty() && target != me {
            found.insert(target);
        }
    }
    found
}

#[test]
fn model_and_store_import_neither_the_screens_nor_the_formats() {
    let all = modules();
    for (me, code) in &all {
        let lower = matches!(me.first().map(String::as_str), Some("model" | "store"));
        if !lower {
            continue;
        }
        for target in imports(me, code, &all) {
            let top = target.first().map(String::as_str);
            assert!(
                !matches!(top, Some("tui" | "export" | "commands" | "import")),
                "{} imports {}",
                me.join("::"),
                target.join("::")
            );
        }
    }
}

#[test]
fn no_two_modules_import_each_other() {
    let all = modules();
    let edges: BTreeSet<(Vec<String>, Vec<String>)> = all
        .iter()
        .flat_map(|(me, code)| {
            imports(me, code, &all)
                .into_iter()
                .map(move |target| (me.clone(), target))
        })
        // A module and its own parent (`mod.rs` declaring it) are one unit.
        .filter(|(a, b)| !a.starts_with(b) && !b.starts_with(a))
        .collect();
    for (a, b) in &edges {
        assert!(
            !edges.contains(&(b.clone(), a.clone())),
            "{} and {} import each other",
            a.join("::"),
            b.join("::")
        );
    }
}

#[test]
fn the_view_only_reads_the_app() {
    let all = modules();
    for (me, code) in &all {
        if !me.starts_with(&["tui".to_owned(), "view".to_owned()]) {
            continue;
        }
        for forbidden in ["Cell<", "RefCell", "&mut App", ".set(", "borrow_mut"] {
            assert!(
                !code.contains(forbidden),
                "{} holds `{forbidden}`: drawing writes only the view's own state",
                me.join("::")
            );
        }
    }
}

/// Every `.rs` file of the crate, its tests, benches and devtools, by path
/// from the crate's folder, with its text.
fn all_sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("target") {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "devtools"] {
        walk(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the sources were found: {}", files.len());
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let name = path
                .strip_prefix(root)
                .expect("under the crate")
                .to_string_lossy()
                .into_owned();
            (name, text)
        })
        .collect()
}

fn files_with(needle: &str, sources: &[(String, String)]) -> Vec<String> {
    sources
        .iter()
        .filter(|(name, text)| text.contains(needle) && !name.ends_with("layering.rs"))
        .map(|(name, _)| name.clone())
        .collect()
}

/// One home each: the pseudo-terminal the tests and benches drive, the head
/// of the HTML pages, and the person row the team's formats lay out.
#[test]
fn one_pty_harness_one_page_head_one_person_row() {
    let sources = all_sources();
    assert_eq!(
        files_with("openpty(", &sources),
        ["tests/pty_support/mod.rs"],
        "only the harness opens a pseudo-terminal"
    );
    assert_eq!(
        files_with("<html lang=", &sources),
        ["src/export/page.rs"],
        "only page.rs writes an HTML page's head"
    );
    let mut rows = files_with("PersonRow::of(", &sources);
    rows.sort();
    assert_eq!(
        rows,
        [
            "src/export/team_html.rs",
            "src/export/team_table.rs",
            "src/tui/view/calibrate.rs"
        ],
        "the markdown, HTML and grid rows are one PersonRow"
    );
}
