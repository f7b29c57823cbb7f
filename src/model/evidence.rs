//! Evidence items: dated pieces of work, each supporting one or more
//! statements. They belong to the person, not to a round: a new round, a
//! reviewer's save and `relink` all leave them where they are.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use toml::value::{Date, Datetime};

use super::framework::Level;
use super::ids::{StatementKey, is_statement_key};
use super::problem::{Problem, TreePath};

/// One piece of work and the statements it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Stable and unique in the profile: links, undo and the git merge
    /// driver (which merges `[[evidence]]` item by item) find an item by it.
    pub id: String,
    /// The day of the work (a TOML local date).
    pub date: Datetime,
    pub text: String,
    /// Web addresses, kept as written; only `http`/`https` ones are ever
    /// made clickable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Commits as `REPO@SHA`, `REPO` a name in the profile's `repositories`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commits: Vec<String>,
    /// The statement keys the item supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// Where the commits of one repository name can be found, recorded once
/// per profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repository {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// A commit link split into its repository name and commit id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitLink<'a> {
    pub repo: &'a str,
    pub sha: &'a str,
}

impl<'a> CommitLink<'a> {
    /// `REPO@SHA`, the sha 4 to 64 hexadecimal digits.
    pub fn parse(link: &'a str) -> Option<Self> {
        let (repo, sha) = link.rsplit_once('@')?;
        let hex = (4..=64).contains(&sha.len()) && sha.bytes().all(|b| b.is_ascii_hexdigit());
        (!repo.is_empty() && hex).then_some(CommitLink { repo, sha })
    }
}

/// A day as a person writes it: a real date, `YYYY-MM-DD`, not after
/// `today`. The error says what is wrong, for a message.
pub fn parse_day(text: &str, today: jiff::civil::Date) -> Result<Date, String> {
    let text = text.trim();
    let day: jiff::civil::Date = text
        .parse()
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| format!("`{text}` is not a day: write it as YYYY-MM-DD, like 2026-10-04"))?;
    if day > today {
        return Err(format!(
            "{day} is after today ({today}): evidence is work already done"
        ));
    }
    Ok(Date {
        year: day.year() as u16,
        month: day.month() as u8,
        day: day.day() as u8,
    })
}

/// A link as typed in one field: a commit when it reads `REPO@SHA` (and
/// is no web address), else a web address or other link, kept as written.
pub fn add_link(item: &mut Evidence, link: &str) {
    let link = link.trim();
    if link.is_empty() {
        return;
    }
    if !is_web_link(link) && CommitLink::parse(link).is_some() {
        item.commits.push(link.to_owned());
    } else {
        item.links.push(link.to_owned());
    }
}

/// True for a link a page may make clickable.
pub fn is_web_link(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

impl Evidence {
    /// A new item with an id drawn from its content and the moment it was
    /// made, so items added on two machines at once do not share an id.
    pub fn new(date: Date, text: &str, made: &str) -> Self {
        let mut hash = Sha256::new();
        for part in [made, text, &date.to_string()] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        let digest = hash.finalize();
        let id: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        Evidence {
            id,
            date: day(date),
            text: text.to_owned(),
            links: Vec::new(),
            commits: Vec::new(),
            statements: Vec::new(),
            extra: toml::Table::new(),
        }
    }

    pub fn supports(&self, key: &str) -> bool {
        self.statements.iter().any(|s| s == key)
    }

    /// The day as a date, when the file holds one.
    pub fn day(&self) -> Option<Date> {
        match self.date {
            Datetime {
                date: Some(date),
                time: None,
                offset: None,
            } => Some(date),
            _ => None,
        }
    }
}

/// A date alone, as TOML writes it (`2026-10-04`).
pub fn day(date: Date) -> Datetime {
    Datetime {
        date: Some(date),
        time: None,
        offset: None,
    }
}

/// The evidence of one profile: the items, and the repositories their
/// commits name.
#[derive(Debug, Clone, Copy)]
pub struct Items<'a> {
    pub items: &'a [Evidence],
}

impl<'a> Items<'a> {
    /// The items supporting `key`, oldest first (as in the file).
    pub fn of(self, key: &'a str) -> impl Iterator<Item = &'a Evidence> + 'a {
        self.items.iter().filter(move |e| e.supports(key))
    }

    /// How many items support each statement: one pass, for list panes and
    /// per-area counts.
    pub fn counts(self) -> HashMap<&'a str, usize> {
        let mut counts = HashMap::new();
        for item in self.items {
            for key in &item.statements {
                *counts.entry(key.as_str()).or_default() += 1;
            }
        }
        counts
    }

    pub fn get(self, id: &str) -> Option<&'a Evidence> {
        self.items.iter().find(|e| e.id == id)
    }

    /// Per area of `level`, in its order: how many items support some
    /// statement of the area, and how many of its statements have one.
    pub fn per_area(self, level: &Level) -> Vec<AreaEvidence> {
        let counts = self.counts();
        level
            .areas
            .iter()
            .map(|area| {
                let prefix = format!("{}/{}/", level.id, area.id);
                let statements = area
                    .statements
                    .iter()
                    .filter(|s| counts.contains_key(format!("{prefix}{}", s.id).as_str()))
                    .count();
                let items = self
                    .items
                    .iter()
                    .filter(|e| {
                        e.statements.iter().any(|k| {
                            k.strip_prefix(&prefix)
                                .is_some_and(|id| area.statements.iter().any(|s| s.id == id))
                        })
                    })
                    .count();
                AreaEvidence { items, statements }
            })
            .collect()
    }
}

/// The evidence of one area (`Items::per_area`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AreaEvidence {
    /// Items supporting at least one statement of the area.
    pub items: usize,
    /// Statements of the area with at least one item.
    pub statements: usize,
}

/// Renames the statement links of every item by `renames` (from → to), as
/// `relink` moves ratings: an item never loses a statement, and a link
/// already present is not doubled.
pub fn rename_links(items: &mut [Evidence], renames: &HashMap<&str, &StatementKey>) {
    for item in items {
        let mut kept: Vec<String> = Vec::with_capacity(item.statements.len());
        for key in &item.statements {
            let to = renames
                .get(key.as_str())
                .map_or_else(|| key.clone(), |to| to.to_string());
            if !kept.contains(&to) {
                kept.push(to);
            }
        }
        item.statements = kept;
    }
}

/// The rules evidence keeps: unique ids, dates that are days, statement
/// keys that are keys, commit links that name a repository form.
pub fn check(items: &[Evidence]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let path = TreePath::default().at("evidence", i);
        if item.id.trim().is_empty() {
            problems.push(Problem::new(
                path.key("id"),
                "an evidence item has an empty `id`",
                "give it a short id of its own, like `id = \"e1\"`",
            ));
        } else if !ids.insert(item.id.as_str()) {
            problems.push(Problem::new(
                path.key("id"),
                format!("evidence id `{}` is used twice", item.id),
                "give one of the two items another id",
            ));
        }
        if item.day().is_none() {
            problems.push(Problem::new(
                path.key("date"),
                format!("the date of evidence `{}` is not a day", item.id),
                "write the date alone, like `date = 2026-10-04`",
            ));
        }
        for key in &item.statements {
            if !is_statement_key(key) {
                problems.push(Problem::new(
                    path.key("statements"),
                    format!("`{key}` in evidence `{}` is not a statement key", item.id),
                    "a key is LEVEL/AREA/STATEMENT ids, like `level-4/automation/1`",
                ));
            }
        }
        for commit in &item.commits {
            if CommitLink::parse(commit).is_none() {
                problems.push(Problem::new(
                    path.key("commits"),
                    format!("`{commit}` in evidence `{}` is not REPO@SHA", item.id),
                    "write a commit as the repository's name, `@`, and the commit id, like `rungs@1a2b3c4`",
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse::<Datetime>().unwrap().date.unwrap()
    }

    #[test]
    fn ids_differ_by_moment_and_text() {
        let a = Evidence::new(
            date("2026-10-04"),
            "Led the design review",
            "2026-10-05T10:00:00Z",
        );
        let b = Evidence::new(
            date("2026-10-04"),
            "Led the design review",
            "2026-10-05T10:00:01Z",
        );
        let c = Evidence::new(
            date("2026-10-04"),
            "Led the design reviews",
            "2026-10-05T10:00:00Z",
        );
        assert_eq!(a.id.len(), 8);
        assert_ne!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.date.to_string(), "2026-10-04");
    }

    #[test]
    fn a_profile_with_evidence_reads_back_as_written() {
        let mut profile = crate::model::Profile::new("Alex", "vaarst", "devops", "level-4");
        profile.identities = vec!["alex@old.example".into()];
        profile.manager = Some("Sam Lee".into());
        let mut item = Evidence::new(date("2026-10-04"), "Led the review", "t");
        item.commits = vec!["rungs@1a2b3c4".into()];
        item.links = vec!["https://example.com/pr/7".into()];
        item.statements = vec!["level-4/automation/1".into()];
        profile.add_evidence(item);
        profile.repositories.insert(
            "rungs".into(),
            Repository {
                path: Some("/src/rungs".into()),
                remote: None,
                extra: toml::Table::new(),
            },
        );
        profile.assessments.push(crate::model::Assessment::new(
            crate::model::Role::Own,
            "Alex",
            "2026-11-26T09:00:00Z".parse().unwrap(),
        ));
        let text = toml::to_string(&profile).unwrap();
        assert!(text.contains("date = 2026-10-04"), "{text}");
        let back: crate::model::Profile = toml::from_str(&text).unwrap();
        assert_eq!(back, profile);
    }

    #[test]
    fn commit_links_need_a_repository_and_hex() {
        assert_eq!(
            CommitLink::parse("rungs@1a2b3c4"),
            Some(CommitLink {
                repo: "rungs",
                sha: "1a2b3c4"
            })
        );
        assert_eq!(
            CommitLink::parse("me@example.com@abcd").map(|c| c.repo),
            Some("me@example.com")
        );
        assert_eq!(CommitLink::parse("@1a2b3c4"), None);
        assert_eq!(CommitLink::parse("rungs@xyz1234"), None);
        assert_eq!(CommitLink::parse("rungs"), None);
    }

    #[test]
    fn only_http_and_https_are_web_links() {
        assert!(is_web_link("https://example.com/pr/1"));
        assert!(is_web_link("HTTP://example.com"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("http"));
    }

    #[test]
    fn renamed_links_follow_and_never_double() {
        let mut item = Evidence::new(date("2026-10-04"), "x", "now");
        item.statements = vec!["l/a/1".into(), "l/a/2".into()];
        let to = StatementKey::as_written("l/a/2");
        let renames = HashMap::from([("l/a/1", &to)]);
        rename_links(std::slice::from_mut(&mut item), &renames);
        assert_eq!(item.statements, ["l/a/2"]);
    }
}
