//! `rungs validate --evidence`: each evidence date a day not after today,
//! each commit link found in its repository on this machine. What does not
//! hold is a warning at the item's line: the file stays valid (a commit
//! rebased away is still work that was done), and the person is told.

use std::path::{Path, PathBuf};

use crate::model::evidence::CommitLink;
use crate::model::text::{clean_line, shown_path};
use crate::model::{Problem, Profile, TreePath};
use crate::present::count;
use crate::store::{git, read};

/// What was checked, for the `ok` line.
pub struct Checked {
    pub items: usize,
    pub commits: usize,
    pub found: usize,
}

/// Checks `profile`'s evidence, warning at each place that does not hold;
/// `repos` are the `--repo` folders.
pub fn check(path: &Path, text: &str, profile: &Profile, repos: &[PathBuf]) -> Checked {
    let today = crate::clock::today_date();
    let named: Vec<(PathBuf, Vec<String>)> =
        repos.iter().map(|d| (d.clone(), names_of(d))).collect();
    let mut problems = Vec::new();
    let mut checked = Checked {
        items: profile.evidence.len(),
        commits: 0,
        found: 0,
    };
    for (i, item) in profile.evidence.iter().enumerate() {
        let at = TreePath::default().at("evidence", i);
        let id = clean_line(&item.id);
        if let Some(day) = item.day()
            && let Ok(day) = jiff::civil::Date::new(day.year as i16, day.month as i8, day.day as i8)
            && day > today
        {
            problems.push(Problem::new(
                at.key("date"),
                format!("evidence `{id}` is dated {day}, after today ({today})"),
                "evidence is work already done: correct the date",
            ));
        }
        for commit in item.commits.iter().filter_map(|c| CommitLink::parse(c)) {
            checked.commits += 1;
            let Some(dir) = repository(profile, commit.repo, &named) else {
                problems.push(Problem::new(
                    at.key("commits"),
                    format!(
                        "commit {}@{} of evidence `{id}` cannot be checked: no repository `{}` on this machine",
                        commit.repo, commit.sha, commit.repo
                    ),
                    format!(
                        "record its folder with `rungs evidence repo {} --path DIR`, or give `--repo DIR`",
                        commit.repo
                    ),
                ));
                continue;
            };
            if git::has_commit(&dir, commit.sha) {
                checked.found += 1;
            } else {
                problems.push(Problem::new(
                    at.key("commits"),
                    format!(
                        "commit {}@{} of evidence `{id}` (“{}”) is not in {}",
                        commit.repo,
                        commit.sha,
                        crate::present::fit(&clean_line(&item.text), 60),
                        shown_path(&dir)
                    ),
                    "rewritten by a rebase, or not fetched here: find the commit that holds the work now and correct the link",
                ));
            }
        }
    }
    read::locate_all(path, text, &problems)
        .0
        .iter()
        .for_each(super::output::warn);
    checked
}

impl Checked {
    /// `3 evidence items, 2 of 3 commits found`.
    pub fn describe(&self) -> String {
        format!(
            "{}, {} of {} found",
            count(self.items, "evidence item"),
            self.found,
            count(self.commits, "commit")
        )
    }
}

/// The folder of repository `name`: the one the profile records, else a
/// `--repo` folder named so or whose remote is.
fn repository(profile: &Profile, name: &str, repos: &[(PathBuf, Vec<String>)]) -> Option<PathBuf> {
    let recorded = profile.repositories.get(name);
    if let Some(path) = recorded.and_then(|r| r.path.as_deref()) {
        let path = PathBuf::from(path);
        if path.is_dir() {
            return Some(path);
        }
    }
    let remote = recorded.and_then(|r| r.remote.as_deref());
    repos
        .iter()
        .find(|(_, names)| {
            names
                .iter()
                .any(|n| n == name || Some(n.as_str()) == remote)
        })
        .map(|(dir, _)| dir.clone())
}

/// The names a `--repo` folder answers to: its folder's name, and each of
/// its remotes' URLs and their last part (`rungs` of `…/rungs.git`).
fn names_of(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .into_iter()
        .collect();
    for url in git::remote_urls(dir) {
        let last = url
            .trim_end_matches('/')
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(&url)
            .trim_end_matches(".git")
            .to_owned();
        names.push(last);
        names.push(url);
    }
    names
}
