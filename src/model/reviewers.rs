//! The people who reviewed a profile, and whose review stands beside the
//! person's own. One rule, used by every screen and output:
//!
//! 1. the reviewer named for the occasion (`--as NAME`);
//! 2. else the direct manager the profile names (`manager = "NAME"`), once
//!    they have reviewed;
//! 3. else, of the reviewers, the one whose latest round rated the most
//!    statements (a skip-level who looked at three statements never stands
//!    in for the manager who rated all of them); on a tie, the one whose
//!    round was updated last.
//!
//! Rounds are numbered per reviewer: Kim Park's first review is her round 1,
//! whatever Sam Lee did before.
//!
//! A blind round is seen by its author alone until it opens: both sides
//! of it have signed off, or its author revealed it. Every output reads a
//! profile through [`sighted`], so none can show a blind round early.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Serialize;
use toml::value::Datetime;

use super::profile::{Assessment, Mark, Profile, Role};
use super::text::{clean_line, identity};

/// Two spellings of one name: equal but for invisible characters and the
/// spaces around them.
pub fn same_name(a: &str, b: &str) -> bool {
    identity(a) == identity(b)
}

/// One round of one person, as every output names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub assessor: String,
    pub started: String,
    pub updated: String,
    /// Which round of this assessor in this role, 1 for the first.
    pub round: usize,
    /// The day it was signed off: the round is final.
    pub finished: Option<String>,
}

impl Round {
    pub fn of(profile: &Profile, assessment: &Assessment) -> Round {
        Round::numbered(assessment, round_number(profile, assessment))
    }

    /// The round of `assessment`, its number found already (`round_numbers`).
    pub fn numbered(assessment: &Assessment, round: usize) -> Round {
        Round {
            assessor: clean_line(&assessment.assessor).into_owned(),
            started: date(&assessment.started),
            updated: date(&assessment.updated),
            round,
            finished: assessment.finished.as_ref().map(date),
        }
    }

    /// "Sam Lee, round 2 (final, signed off 2026-06-30), started …, updated
    /// …", with the assessor's name through `escape` (each format its own).
    pub fn describe(&self, escape: impl Fn(&str) -> String) -> String {
        format!("{}, {}", escape(&self.assessor), self.facts())
    }

    /// As [`Round::describe`], with why the round stands beside self after
    /// the name: "Sam Lee, the direct manager, round 2 …".
    pub fn describe_because(&self, because: &str, escape: impl Fn(&str) -> String) -> String {
        format!(
            "{}, {}, {}",
            escape(&self.assessor),
            escape(because),
            self.facts()
        )
    }

    /// "round 2 (final, signed off …), started …, updated …".
    fn facts(&self) -> String {
        let status = self
            .finished
            .as_ref()
            .map_or(String::new(), |day| format!(" (final, signed off {day})"));
        format!(
            "round {}{status}, started {}, updated {}",
            self.round, self.started, self.updated
        )
    }
}

/// `2026-11-26` of a TOML date-time.
pub fn date(stamp: &Datetime) -> String {
    match stamp.date {
        Some(d) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        None => stamp.to_string(),
    }
}

/// Which round of its assessor in its role `assessment` is, 1 for the first:
/// self rounds are counted together, each reviewer's on their own.
pub fn round_number(profile: &Profile, assessment: &Assessment) -> usize {
    profile
        .assessments
        .iter()
        .take_while(|a| !std::ptr::eq(*a, assessment))
        .filter(|a| {
            a.role == assessment.role
                && (a.role == Role::Own || same_name(&a.assessor, &assessment.assessor))
        })
        .count()
        + 1
}

/// Every date of a round later than `today` (`YYYY-MM-DD`): the round's
/// position, which date (`started`, `updated`, `finished`) and the day.
/// A wrong clock, or a date written to rank first.
pub fn dated_after(profile: &Profile, today: &str) -> Vec<(usize, &'static str, String)> {
    let mut found = Vec::new();
    for (i, a) in profile.assessments.iter().enumerate() {
        for (field, stamp) in [
            ("started", Some(&a.started)),
            ("updated", Some(&a.updated)),
            ("finished", a.finished.as_ref()),
        ] {
            if let Some(day) = stamp.map(date).filter(|d| d.as_str() > today) {
                found.push((i, field, day));
            }
        }
    }
    found
}

/// The latest day of `dated_after`, if any.
pub fn latest_after(profile: &Profile, today: &str) -> Option<String> {
    dated_after(profile, today)
        .into_iter()
        .map(|(_, _, day)| day)
        .max()
}

/// The round number of every assessment of the profile, in file order
/// (see `round_number`), in one pass: a file of many reviewers costs its
/// length, not its length times theirs.
pub fn round_numbers(profile: &Profile) -> Vec<usize> {
    let mut counts: HashMap<(Role, String), usize> = HashMap::new();
    profile
        .assessments
        .iter()
        .map(|a| {
            let who = match a.role {
                Role::Own => String::new(),
                Role::Manager => identity(&a.assessor),
            };
            let n = counts.entry((a.role, who)).or_default();
            *n += 1;
            *n
        })
        .collect()
}

/// Where each reviewer's latest round is in the profile's assessments, in
/// the order they first reviewed; one pass, however many reviewers.
pub fn latest_review_indices(profile: &Profile) -> Vec<usize> {
    let mut latest: Vec<usize> = Vec::new();
    let mut slot_of: HashMap<String, usize> = HashMap::new();
    for (i, a) in profile.assessments.iter().enumerate() {
        if a.role != Role::Manager {
            continue;
        }
        match slot_of.entry(identity(&a.assessor)) {
            Entry::Occupied(slot) => latest[*slot.get()] = i,
            Entry::Vacant(slot) => {
                slot.insert(latest.len());
                latest.push(i);
            }
        }
    }
    latest
}

/// Each reviewer's latest round, in the order they first reviewed.
pub fn latest_reviews(profile: &Profile) -> Vec<&Assessment> {
    latest_review_indices(profile)
        .into_iter()
        .map(|i| &profile.assessments[i])
        .collect()
}

/// Who is looking at a profile: a blind round shows only to its author
/// until it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer<'a> {
    /// The person (`rungs assess`, `rungs export` without `--as`).
    Person,
    /// A reviewer by name (`rungs review --as`, `export --as`, `team --as`).
    Reviewer(&'a str),
    /// Nobody in particular (`show-profile`, `team` without `--as`): no
    /// blind round shows before it opens.
    Anyone,
}

impl Viewer<'_> {
    /// The person, or the reviewer `--as` names.
    pub fn named(name: Option<&str>) -> Viewer<'_> {
        name.map_or(Viewer::Person, Viewer::Reviewer)
    }

    fn wrote(self, assessment: &Assessment) -> bool {
        match self {
            Viewer::Person => assessment.role == Role::Own,
            Viewer::Reviewer(name) => {
                assessment.role == Role::Manager && same_name(&assessment.assessor, name)
            }
            Viewer::Anyone => false,
        }
    }
}

/// The blind rounds that belong together, as (self, review) positions: in
/// the order they began, each self round with the next blind round of each
/// reviewer that follows it before the person's next blind round, and the
/// other way round. The side that comes second joined the first.
pub fn blind_pairs(profile: &Profile) -> Vec<(usize, usize)> {
    let mut by_reviewer: HashMap<String, Vec<usize>> = HashMap::new();
    let selves: Vec<usize> = blind_positions(profile, Role::Own).collect();
    for i in blind_positions(profile, Role::Manager) {
        by_reviewer
            .entry(identity(&profile.assessments[i].assessor))
            .or_default()
            .push(i);
    }
    let begun = |i: &usize| (profile.assessments[*i].started.to_string(), *i);
    let mut pairs = Vec::new();
    for reviews in by_reviewer.values() {
        let mut line: Vec<usize> = selves.iter().chain(reviews).copied().collect();
        line.sort_by_key(begun);
        let mut at = 0;
        while at + 1 < line.len() {
            let (a, b) = (
                &profile.assessments[line[at]],
                &profile.assessments[line[at + 1]],
            );
            if a.role == b.role {
                at += 1;
                continue;
            }
            pairs.push(match a.role {
                Role::Own => (line[at], line[at + 1]),
                Role::Manager => (line[at + 1], line[at]),
            });
            at += 2;
        }
    }
    pairs.sort_unstable();
    pairs
}

fn blind_positions(profile: &Profile, role: Role) -> impl Iterator<Item = usize> + '_ {
    profile
        .assessments
        .iter()
        .enumerate()
        .filter(move |(_, a)| a.blind && a.role == role)
        .map(|(i, _)| i)
}

/// Which assessments of the profile are open to everyone: not blind, or
/// revealed by their author, or signed off together with the other side's
/// blind round they belong with.
pub fn open_rounds(profile: &Profile) -> Vec<bool> {
    let mut open: Vec<bool> = profile
        .assessments
        .iter()
        .map(|a| !a.blind || a.revealed.is_some())
        .collect();
    for (own, review) in blind_pairs(profile) {
        let signed = |i: usize| profile.assessments[i].finished.is_some();
        if signed(own) && signed(review) {
            open[own] = true;
            open[review] = true;
        }
    }
    open
}

/// The positions of the rounds `viewer` may not see yet.
pub fn hidden(profile: &Profile, viewer: Viewer) -> Vec<usize> {
    // Most profiles have no blind round: `team` over thousands pays nothing.
    if !profile.assessments.iter().any(|a| a.blind) {
        return Vec::new();
    }
    open_rounds(profile)
        .into_iter()
        .enumerate()
        .filter(|&(i, open)| !open && !viewer.wrote(&profile.assessments[i]))
        .map(|(i, _)| i)
        .collect()
}

/// Whether a round of `role` by `assessor` starting now is blind unasked:
/// the profile says every round is (`blind = true`), or it is the other
/// half of a blind round the other side began.
pub fn starts_blind(profile: &Profile, role: Role, assessor: &str) -> bool {
    profile.blind || joins_blind(profile, role, assessor)
}

/// Whether a new round of `role` by `assessor` joins a blind round of the
/// other side that has not opened and has no partner on this side yet:
/// then it is blind too, the other half of that round.
pub fn joins_blind(profile: &Profile, role: Role, assessor: &str) -> bool {
    let pairs = blind_pairs(profile);
    let open = open_rounds(profile);
    let partnered = |i: usize| {
        pairs.iter().any(|&(own, review)| match role {
            Role::Own => review == i,
            Role::Manager => own == i && same_name(&profile.assessments[review].assessor, assessor),
        })
    };
    blind_positions(profile, role.other()).any(|i| !open[i] && !partnered(i))
}

/// The profile as `viewer` may see it: each round they may not see yet
/// keeps who wrote it and when, and none of its ratings or notes.
pub fn sighted<'p>(profile: &'p Profile, viewer: Viewer) -> Cow<'p, Profile> {
    let hidden = hidden(profile, viewer);
    if hidden.is_empty() {
        return Cow::Borrowed(profile);
    }
    let mut seen = profile.clone();
    for i in hidden {
        seen.assessments[i] = profile.assessments[i].unrated();
    }
    Cow::Owned(seen)
}

/// The rounds `viewer` may not see yet, as every output names them.
pub fn blind_rounds(profile: &Profile, viewer: Viewer) -> Vec<Round> {
    let numbers = round_numbers(profile);
    hidden(profile, viewer)
        .into_iter()
        .map(|i| Round::numbered(&profile.assessments[i], numbers[i]))
        .collect()
}

/// Why a review stands beside the person's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// Named for this occasion (`--as NAME`).
    Named,
    /// The profile names them as the person's direct manager.
    DirectManager,
    /// Nobody else has reviewed.
    OnlyReviewer,
    /// No direct manager is named (or they have not reviewed yet): of the
    /// reviewers, theirs rated the most statements.
    MostRated,
    /// On the direct manager's own screen: the only other reviewer.
    OnlyOther,
    /// On the direct manager's own screen: of the other reviewers, the one
    /// whose latest round rated the most statements.
    MostRatedOther,
}

impl Why {
    /// Why, as words that follow the reviewer's name ("Sam Lee, the
    /// direct manager"), for every output.
    pub fn reason(self, profile: &Profile) -> String {
        let manager = profile.manager.as_deref().map(clean_line);
        let absent = |m: &str| format!("{m}, the direct manager, has not reviewed yet");
        match (self, manager) {
            (Why::OnlyOther, _) => "the only other reviewer".to_owned(),
            (Why::MostRatedOther, _) => "the other reviewer who rated the most".to_owned(),
            (Why::Named, _) => "named with --as".to_owned(),
            (Why::DirectManager, _) => "the direct manager".to_owned(),
            (Why::OnlyReviewer, None) => "the only reviewer".to_owned(),
            (Why::OnlyReviewer, Some(m)) => format!("the only reviewer ({})", absent(&m)),
            (Why::MostRated, None) => {
                "the reviewer who rated the most (no direct manager is named)".to_owned()
            }
            (Why::MostRated, Some(m)) => {
                format!("the reviewer who rated the most ({})", absent(&m))
            }
        }
    }
}

/// The review that stands beside self, and why.
#[derive(Debug, Clone, Copy)]
pub struct Beside<'p> {
    pub review: &'p Assessment,
    pub why: Why,
}

/// `--as NAME` names someone who has not reviewed this profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no review by {name}")]
pub struct NotAReviewer {
    pub name: String,
    /// Who has reviewed, as they may be shown.
    pub reviewers: Vec<String>,
}

/// The review standing beside the person's own (see the module's rule);
/// `None` when nobody has reviewed.
pub fn beside<'p>(
    profile: &'p Profile,
    named: Option<&str>,
) -> Result<Option<Beside<'p>>, NotAReviewer> {
    let latest = latest_reviews(profile);
    if let Some(name) = named {
        return match latest.iter().find(|a| same_name(&a.assessor, name)) {
            Some(review) => Ok(Some(Beside {
                review,
                why: Why::Named,
            })),
            None => Err(NotAReviewer {
                name: clean_line(name).into_owned(),
                reviewers: latest
                    .iter()
                    .map(|a| clean_line(&a.assessor).into_owned())
                    .collect(),
            }),
        };
    }
    Ok(by_rule(profile, latest))
}

/// The review that would stand beside self if `me` had not reviewed: what
/// a reviewer calibrates against (a skip-level sees the direct manager's).
pub fn beside_other<'p>(profile: &'p Profile, me: &str) -> Option<Beside<'p>> {
    let others = latest_reviews(profile)
        .into_iter()
        .filter(|a| !same_name(&a.assessor, me))
        .collect();
    let mut other = by_rule(profile, others)?;
    // The direct manager looking at the others: the rule's words would say
    // they have not reviewed, which is theirs to do, not a reason.
    if is_direct_manager(profile, me) {
        other.why = match other.why {
            Why::OnlyReviewer => Why::OnlyOther,
            Why::MostRated => Why::MostRatedOther,
            why => why,
        };
    }
    Some(other)
}

/// Steps 2 and 3 of the rule over these latest reviews.
fn by_rule<'p>(profile: &'p Profile, latest: Vec<&'p Assessment>) -> Option<Beside<'p>> {
    if let Some(manager) = profile.manager.as_deref()
        && let Some(review) = latest.iter().find(|a| same_name(&a.assessor, manager))
    {
        return Some(Beside {
            review,
            why: Why::DirectManager,
        });
    }
    let why = if latest.len() == 1 {
        Why::OnlyReviewer
    } else {
        Why::MostRated
    };
    latest
        .into_iter()
        .max_by(|a, b| {
            rated(a)
                .cmp(&rated(b))
                .then_with(|| a.updated.to_string().cmp(&b.updated.to_string()))
        })
        .map(|review| Beside { review, why })
}

/// Whether `name` is the direct manager the profile names.
pub fn is_direct_manager(profile: &Profile, name: &str) -> bool {
    profile
        .manager
        .as_deref()
        .is_some_and(|m| same_name(m, name))
}

/// Statements given a value or judged not applicable.
fn rated(assessment: &Assessment) -> usize {
    assessment
        .ratings()
        .iter()
        .filter(|r| r.mark() != Mark::Unrated)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::Rating;

    fn stamp(day: u8) -> Datetime {
        format!("2026-11-{day:02}T09:00:00Z")
            .parse()
            .expect("a date")
    }

    fn review(profile: &mut Profile, who: &str, day: u8, rated: usize) {
        let mut a = Assessment::new(Role::Manager, who, stamp(day));
        for i in 0..rated {
            let key = format!("level-4/area/{i}");
            let mut r = Rating::new(&key);
            r.set_mark(Mark::Value(3));
            a.put(&key, Some(r)).expect("same key");
        }
        profile.assessments.push(a);
    }

    fn profile() -> Profile {
        let mut p = Profile::new("Alex", "f", "c", "level-4");
        p.assessments
            .push(Assessment::new(Role::Own, "Alex", stamp(1)));
        review(&mut p, "Sam Lee", 2, 14);
        review(&mut p, "Kim Park", 3, 3);
        p
    }

    #[test]
    fn a_skip_level_who_rated_less_never_stands_in_for_the_manager() {
        let p = profile();
        let b = beside(&p, None).expect("no name").expect("reviewed");
        assert_eq!(
            (b.review.assessor.as_str(), b.why),
            ("Sam Lee", Why::MostRated)
        );
    }

    #[test]
    fn the_direct_manager_stands_once_they_reviewed_and_as_overrides() {
        let mut p = profile();
        p.manager = Some("Kim Park".into());
        let b = beside(&p, None).expect("ok").expect("reviewed");
        assert_eq!(
            (b.review.assessor.as_str(), b.why),
            ("Kim Park", Why::DirectManager)
        );
        let b = beside(&p, Some("Sam Lee")).expect("ok").expect("reviewed");
        assert_eq!((b.review.assessor.as_str(), b.why), ("Sam Lee", Why::Named));
        let err = beside(&p, Some("Nobody")).expect_err("not a reviewer");
        assert_eq!(err.reviewers, ["Sam Lee", "Kim Park"]);
        p.manager = Some("Lee Chen".into());
        let b = beside(&p, None).expect("ok").expect("reviewed");
        assert_eq!(b.review.assessor, "Sam Lee");
        assert!(
            b.why
                .reason(&p)
                .contains("Lee Chen, the direct manager, has not reviewed yet")
        );
    }

    #[test]
    fn a_reviewer_calibrates_against_the_review_that_stands_without_them() {
        let mut p = profile();
        p.manager = Some("Sam Lee".into());
        let other = beside_other(&p, "Kim Park").expect("Sam reviewed");
        assert_eq!(
            (other.review.assessor.as_str(), other.why),
            ("Sam Lee", Why::DirectManager)
        );
        let other = beside_other(&p, "Sam Lee").expect("Kim reviewed");
        assert_eq!(
            (other.review.assessor.as_str(), other.why),
            ("Kim Park", Why::OnlyOther)
        );
        assert_eq!(other.why.reason(&p), "the only other reviewer");
        p.manager = Some("Lee Chen".into());
        assert_eq!(
            Why::MostRated.reason(&p),
            "the reviewer who rated the most (Lee Chen, the direct manager, has not reviewed yet)"
        );
        p.manager = Some("Sam Lee".into());
        assert!(is_direct_manager(&p, "Sam\u{200B} Lee"));
        assert!(!is_direct_manager(&p, "Kim Park"));
    }

    #[test]
    fn a_blind_round_opens_when_both_halves_are_signed_off_and_stays_open() {
        let mut p = Profile::new("Alex", "f", "c", "level-4");
        let blind = |p: &mut Profile, role: Role, who: &str, day: u8| {
            assert!(role == Role::Own || !p.blind);
            let mut a = Assessment::new(role, who, stamp(day));
            a.blind = true;
            p.assessments.push(a);
            p.assessments.len() - 1
        };
        let s1 = blind(&mut p, Role::Own, "Alex", 1);
        assert!(
            joins_blind(&p, Role::Manager, "Sam"),
            "Sam's review joins it"
        );
        let r1 = blind(&mut p, Role::Manager, "Sam", 2);
        assert!(!joins_blind(&p, Role::Manager, "Sam"), "paired already");
        assert_eq!(blind_pairs(&p), [(s1, r1)]);
        assert_eq!(hidden(&p, Viewer::Person), [r1]);
        assert_eq!(hidden(&p, Viewer::Reviewer("Sam")), [s1]);
        assert_eq!(hidden(&p, Viewer::Anyone), [s1, r1]);
        p.assessments[s1].finished = Some(stamp(3));
        assert_eq!(
            hidden(&p, Viewer::Reviewer("Sam")),
            [s1],
            "one side signed off"
        );
        p.assessments[r1].finished = Some(stamp(4));
        assert!(hidden(&p, Viewer::Anyone).is_empty(), "both signed off");
        assert_eq!(sighted(&p, Viewer::Anyone), Cow::Borrowed(&p));

        // Next quarter Sam starts first and signs off: Alex's old round is
        // not the other half of it, so it stays blind until Alex's next.
        let r2 = blind(&mut p, Role::Manager, "Sam", 5);
        p.assessments[r2].finished = Some(stamp(6));
        assert_eq!(hidden(&p, Viewer::Person), [r2]);
        assert!(
            !hidden(&p, Viewer::Reviewer("Sam")).contains(&s1),
            "s1 stays open"
        );
        assert!(joins_blind(&p, Role::Own, "Alex"));
        let s2 = blind(&mut p, Role::Own, "Alex", 7);
        assert_eq!(hidden(&p, Viewer::Person), [r2]);
        p.assessments[s2].revealed = Some(stamp(8));
        assert_eq!(
            hidden(&p, Viewer::Reviewer("Sam")),
            Vec::<usize>::new(),
            "revealed"
        );
        assert_eq!(
            hidden(&p, Viewer::Person),
            [r2],
            "a reveal shows one's own only"
        );
        let seen = sighted(&p, Viewer::Person);
        assert!(seen.assessments[r2].ratings().is_empty());
        assert_eq!(blind_rounds(&p, Viewer::Person)[0].round, 2);
        p.assessments[s2].finished = Some(stamp(9));
        assert!(hidden(&p, Viewer::Anyone).is_empty());
    }

    #[test]
    fn rounds_are_numbered_per_reviewer() {
        let mut p = profile();
        review(&mut p, "Sam Lee", 4, 14);
        let numbers: Vec<(String, usize)> = p
            .assessments
            .iter()
            .map(|a| (a.assessor.clone(), round_number(&p, a)))
            .collect();
        assert_eq!(
            numbers,
            [
                ("Alex".to_owned(), 1),
                ("Sam Lee".to_owned(), 1),
                ("Kim Park".to_owned(), 1),
                ("Sam Lee".to_owned(), 2)
            ]
        );
        let all: Vec<usize> = p.assessments.iter().map(|a| round_number(&p, a)).collect();
        assert_eq!(round_numbers(&p), all, "one pass gives the same numbers");
        let latest: Vec<&str> = latest_reviews(&p)
            .iter()
            .map(|a| a.assessor.as_str())
            .collect();
        assert_eq!(latest, ["Sam Lee", "Kim Park"]);
    }
}
