//! What `rungs harvest` keeps in a profile (`[harvest]`): the commits the
//! person skipped, and the rules that table keeps. Apart from the
//! proposals ([`super::harvest`]), which read the whole profile.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::evidence::CommitLink;
use super::problem::{Problem, TreePath};

/// What harvest remembers in the profile: the commits the person skipped,
/// so none is proposed again. A table keyed by `REPO@SHA` (not a list), so
/// two writers, or two clones merged by git, each add their own keys and
/// both are kept; the value is the commit's own day, the same whoever
/// skipped it, so skipping one commit on two machines never disagrees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Harvest {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<String, Datetime>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Harvest {
    pub fn is_empty(&self) -> bool {
        self.skipped.is_empty() && self.extra.is_empty()
    }
}

/// The rules `[harvest]` keeps: each skipped commit is `REPO@SHA` with
/// the commit's day.
pub fn check(harvest: &Harvest) -> Vec<Problem> {
    let path = TreePath::default().key("harvest").key("skipped");
    let mut problems = Vec::new();
    for (link, day) in &harvest.skipped {
        if CommitLink::parse(link).is_none() {
            problems.push(Problem::new(
                path.clone(),
                format!("`{link}` in `[harvest.skipped]` is not REPO@SHA"),
                "write a skipped commit as the repository's name, `@`, and the commit id, like `\"rungs@1a2b3c4\" = 2026-10-04`",
            ));
        }
        if day.date.is_none() || day.time.is_some() {
            problems.push(Problem::new(
                path.clone(),
                format!("the date of skipped commit `{link}` is not a day"),
                "write the commit's day alone, like `2026-10-04`",
            ));
        }
    }
    problems
}
