//! Harvest: the person's commits in local git history, proposed one by one
//! as evidence items. This module reads `git log` output (already run by
//! the caller), chooses what to propose, and turns an accepted proposal
//! into an item; it runs nothing and touches no file.

use toml::value::{Date, Datetime};

use super::evidence::{CommitLink, Evidence, Repository};
use super::profile::Profile;
use super::reviewers::same_name;

/// How many hexadecimal digits of a commit id a harvested link keeps: long
/// enough to stay unique in large repositories, short enough to read.
pub const SHA_DIGITS: usize = 12;

/// One commit as `git log` told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full commit id, lower case.
    pub sha: String,
    /// More than one parent.
    pub merge: bool,
    pub author: String,
    pub email: String,
    /// The author's day, in the author's time zone.
    pub date: Date,
    pub subject: String,
    /// The pull request a merge (`Merge pull request #12 …`) or a squash
    /// (`… (#34)`) names.
    pub pull_request: Option<u64>,
}

/// The field separator in [`LOG_FORMAT`]: git writes it literally, and no
/// field but the subject (the last) is free text that could hold one.
const FIELD: char = '\u{1f}';

/// The `--format` harvest runs `git log -z` with: id, parents, the author's
/// day, e-mail, name and the subject. Records are separated by NUL (`-z`).
pub const LOG_FORMAT: &str = "%H%x1f%P%x1f%ad%x1f%ae%x1f%an%x1f%s";

/// The commits of `git log -z --date=short --format=LOG_FORMAT` output, in
/// its order, and how many records could not be read (each is skipped).
pub fn parse_log(output: &str) -> (Vec<Commit>, usize) {
    let mut commits = Vec::new();
    let mut unread = 0;
    for record in output.split('\0') {
        let record = record.trim_start_matches('\n');
        if record.is_empty() {
            continue;
        }
        match parse_record(record) {
            Some(commit) => commits.push(commit),
            None => unread += 1,
        }
    }
    (commits, unread)
}

fn parse_record(record: &str) -> Option<Commit> {
    let mut fields = record.splitn(6, FIELD);
    let sha = fields.next()?.trim();
    let is_id = |s: &str| (40..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_id(sha) {
        return None;
    }
    let parents = fields.next()?;
    if !parents.split_whitespace().all(is_id) {
        return None;
    }
    let date: Date = match fields.next()?.parse::<Datetime>() {
        Ok(Datetime {
            date: Some(date),
            time: None,
            offset: None,
        }) => date,
        _ => return None,
    };
    let email = fields.next()?.to_owned();
    let author = fields.next()?.to_owned();
    let subject = fields.next()?.trim_end_matches('\n').to_owned();
    Some(Commit {
        sha: sha.to_ascii_lowercase(),
        merge: parents.split_whitespace().count() > 1,
        author,
        email,
        date,
        pull_request: pull_request(&subject),
        subject,
    })
}

/// The pull request number a subject names: git forges' merge subject
/// (`Merge pull request #12 from …`) or a squash's closing `(#34)`.
pub fn pull_request(subject: &str) -> Option<u64> {
    let number = |digits: &str| {
        (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    if let Some(rest) = subject.strip_prefix("Merge pull request #") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return number(&digits);
    }
    let inner = subject.trim_end().strip_suffix(')')?;
    let (_, digits) = inner.rsplit_once("(#")?;
    number(digits)
}

/// The person as git knows them: names and e-mail addresses. An entry with
/// an `@` is an address (compared without regard to case), any other a
/// name (compared as `same_name` compares people).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identities {
    entries: Vec<String>,
}

impl Identities {
    pub fn new(entries: impl IntoIterator<Item = String>) -> Identities {
        let mut out = Identities::default();
        for entry in entries {
            let entry = entry.trim().to_owned();
            if !entry.is_empty() && !out.entries.contains(&entry) {
                out.entries.push(entry);
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    pub fn authored(&self, commit: &Commit) -> bool {
        self.entries.iter().any(|entry| {
            if entry.contains('@') {
                entry.eq_ignore_ascii_case(commit.email.trim())
            } else {
                same_name(entry, &commit.author)
            }
        })
    }
}

/// One repository harvest reads: its name in the profile and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub path: String,
    pub remote: Option<String>,
}

/// A commit proposed as an evidence item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub repo: String,
    pub commit: Commit,
}

impl Proposal {
    /// `REPO@SHA`, the link an accepted item keeps.
    pub fn link(&self) -> String {
        let digits = self.commit.sha.len().min(SHA_DIGITS);
        format!("{}@{}", self.repo, &self.commit.sha[..digits])
    }

    /// The item's first words: the subject as git has it.
    pub fn text(&self) -> &str {
        &self.commit.subject
    }

    /// `merge · PR #12`: what kind of commit it is, for lists.
    pub fn kind(&self) -> String {
        let mut parts = Vec::new();
        if self.commit.merge {
            parts.push("merge".to_owned());
        }
        if let Some(n) = self.commit.pull_request {
            parts.push(format!("PR #{n}"));
        }
        parts.join(" · ")
    }
}

/// The name a repository folder gets in the profile: the folder's own
/// name, unless the profile gives that name to another folder (then
/// `NAME-2`, `NAME-3` …).
pub fn repository_name(profile: &Profile, folder: &str, path: &str) -> String {
    let base = if folder.is_empty() { "repo" } else { folder };
    let mut name = base.to_owned();
    let mut n = 1;
    while let Some(known) = profile.repositories.get(&name) {
        if known.path.as_deref() == Some(path) {
            break;
        }
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}

/// True when `link` (`REPO@SHA`, maybe shortened) names this commit of `repo`.
fn names(link: &str, repo: &str, sha: &str) -> bool {
    CommitLink::parse(link)
        .is_some_and(|l| l.repo == repo && sha.starts_with(&l.sha.to_ascii_lowercase()))
}

/// Whether the person has already decided about this commit: an item
/// links it, or it was skipped.
pub fn decided(profile: &Profile, repo: &str, sha: &str) -> bool {
    profile
        .evidence
        .iter()
        .flat_map(|e| &e.commits)
        .chain(profile.harvest.skipped.keys())
        .any(|link| names(link, repo, sha))
}

/// The proposals from one repository's commits: the person's own, on or
/// after `since`, not decided yet; in the order given (oldest first).
pub fn propose(
    profile: &Profile,
    repo: &str,
    commits: Vec<Commit>,
    identities: &Identities,
    since: Option<Date>,
) -> Vec<Proposal> {
    let on_or_after =
        |d: &Date| since.is_none_or(|s| (d.year, d.month, d.day) >= (s.year, s.month, s.day));
    commits
        .into_iter()
        .filter(|c| identities.authored(c) && on_or_after(&c.date))
        .filter(|c| !decided(profile, repo, &c.sha))
        .map(|commit| Proposal {
            repo: repo.to_owned(),
            commit,
        })
        .collect()
}

/// Adds the proposal as an item with `text`, supporting `statements`, and
/// records its repository; `made` (the moment, as text) makes its id.
/// Returns the item's id.
pub fn accept(
    profile: &mut Profile,
    proposal: &Proposal,
    source: &Source,
    text: &str,
    statements: Vec<String>,
    made: &str,
) -> String {
    let link = proposal.link();
    let mut item = Evidence::new(proposal.commit.date, text, &format!("{made} {link}"));
    item.commits = vec![link];
    item.statements = statements;
    profile
        .repositories
        .entry(source.name.clone())
        .or_insert_with(|| Repository {
            path: Some(source.path.clone()),
            remote: source.remote.clone(),
            extra: toml::Table::new(),
        });
    profile.add_evidence(item)
}

/// Records the proposal as skipped: it is not proposed again.
pub fn skip(profile: &mut Profile, proposal: &Proposal) {
    profile
        .harvest
        .skipped
        .insert(proposal.link(), super::evidence::day(proposal.commit.date));
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";

    fn record(
        sha: &str,
        parents: &str,
        date: &str,
        email: &str,
        name: &str,
        subject: &str,
    ) -> String {
        format!("{sha}\u{1f}{parents}\u{1f}{date}\u{1f}{email}\u{1f}{name}\u{1f}{subject}")
    }

    #[test]
    fn a_log_reads_commit_by_commit_and_skips_what_is_not_one() {
        let log = [
            record(A, "", "2026-04-02", "alex@example.com", "Alex", "First"),
            record(
                B,
                &format!("{A} {A}"),
                "2026-07-01",
                "sam@example.com",
                "Sam",
                "Merge pull request #12 from a/b",
            ),
            "not a commit".to_owned(),
            record(A, "", "2026-13-40", "x", "y", "bad day"),
        ]
        .join("\0");
        let (commits, unread) = parse_log(&log);
        assert_eq!(unread, 2);
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].subject, "First");
        assert!(!commits[0].merge);
        assert!(commits[1].merge);
        assert_eq!(commits[1].pull_request, Some(12));
    }

    #[test]
    fn a_separator_in_a_subject_stays_in_the_subject() {
        let log = record(A, "", "2026-04-02", "a@x", "A", "one\u{1f}two\u{1b}[2J");
        let (commits, _) = parse_log(&log);
        assert_eq!(commits[0].subject, "one\u{1f}two\u{1b}[2J");
    }

    #[test]
    fn pull_requests_are_found_in_merges_and_squashes_only() {
        assert_eq!(pull_request("Merge pull request #12 from x/y"), Some(12));
        assert_eq!(pull_request("Fix the parser (#34)"), Some(34));
        assert_eq!(pull_request("Fix the parser (#34) "), Some(34));
        assert_eq!(pull_request("Fix #34 in the parser"), None);
        assert_eq!(pull_request("Fix (#) it"), None);
        assert_eq!(pull_request("Fix (#99999999999999999999)"), None);
    }

    #[test]
    fn identities_match_addresses_by_case_and_names_by_identity() {
        let ids = Identities::new([
            "Alex@Example.com".to_owned(),
            "Alex Doe".to_owned(),
            " ".to_owned(),
        ]);
        assert_eq!(ids.entries().len(), 2);
        let commit = |email: &str, author: &str| Commit {
            sha: A.into(),
            merge: false,
            author: author.into(),
            email: email.into(),
            date: Date {
                year: 2026,
                month: 1,
                day: 1,
            },
            subject: String::new(),
            pull_request: None,
        };
        assert!(ids.authored(&commit("alex@example.com", "someone")));
        assert!(ids.authored(&commit("other@example.com", "Alex\u{200b} Doe")));
        assert!(!ids.authored(&commit("sam@example.com", "Sam")));
    }

    #[test]
    fn accepted_and_skipped_commits_are_not_proposed_again() {
        let mut profile = Profile::new("Alex", "vaarst", "devops-engineer", "level-4");
        let commit = |sha: &str| Commit {
            sha: sha.into(),
            merge: false,
            author: "Alex".into(),
            email: "a@x".into(),
            date: Date {
                year: 2026,
                month: 4,
                day: 2,
            },
            subject: "work".into(),
            pull_request: None,
        };
        let ids = Identities::new(["Alex".to_owned()]);
        let found = propose(&profile, "r", vec![commit(A), commit(B)], &ids, None);
        assert_eq!(found.len(), 2);
        let source = Source {
            name: "r".into(),
            path: "/r".into(),
            remote: None,
        };
        accept(
            &mut profile,
            &found[0],
            &source,
            "did work",
            vec!["l/a/1".into()],
            "t",
        );
        skip(&mut profile, &found[1]);
        assert_eq!(profile.evidence[0].commits, ["r@111111111111"]);
        assert!(profile.harvest.skipped.contains_key("r@222222222222"));
        assert!(propose(&profile, "r", vec![commit(A), commit(B)], &ids, None).is_empty());
        // Another repository's commit with the same id is its own.
        assert_eq!(propose(&profile, "s", vec![commit(A)], &ids, None).len(), 1);
        let since = Date {
            year: 2026,
            month: 4,
            day: 3,
        };
        assert!(
            propose(
                &Profile::new("A", "v", "c", "l"),
                "r",
                vec![commit(A)],
                &ids,
                Some(since)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_name_taken_by_another_folder_gets_a_number() {
        let mut profile = Profile::new("Alex", "vaarst", "devops-engineer", "level-4");
        assert_eq!(repository_name(&profile, "rungs", "/a/rungs"), "rungs");
        profile.repositories.insert(
            "rungs".into(),
            Repository {
                path: Some("/a/rungs".into()),
                remote: None,
                extra: toml::Table::new(),
            },
        );
        assert_eq!(repository_name(&profile, "rungs", "/a/rungs"), "rungs");
        assert_eq!(repository_name(&profile, "rungs", "/b/rungs"), "rungs-2");
    }

    proptest::proptest! {
        /// Whatever git prints, reading it never fails and every record is
        /// either a commit or counted as unread.
        #[test]
        fn any_log_is_read_without_panic(text in "[\\x00-\\x7f\\x{1f}\\x{202e}a-f0-9@ -]{0,300}") {
            let (commits, unread) = parse_log(&text);
            let records = text.split('\0').filter(|r| !r.trim_start_matches('\n').is_empty()).count();
            proptest::prop_assert_eq!(commits.len() + unread, records);
        }

        /// A subject comes back as written, whatever it holds but NUL.
        #[test]
        fn a_subject_comes_back_whole(subject in "[^\\x00]{0,80}", day in 1u8..=28) {
            let date = format!("2026-05-{day:02}");
            let log = record(A, B, &date, "a@x", "A", &subject);
            let (commits, unread) = parse_log(&log);
            proptest::prop_assert_eq!(unread, 0);
            proptest::prop_assert_eq!(&commits[0].subject, subject.trim_end_matches('\n'));
            proptest::prop_assert_eq!(commits[0].date.day, day);
        }
    }
}
