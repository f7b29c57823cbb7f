//! Reviewers calibrated against each other: one reviewer's "Mostly" may be
//! another's "Sometimes". For each framework of a team overview, each
//! reviewer's ratings are set against the other reviewers' ratings of
//! comparable people — people of the same group (framework, craft, level),
//! statement by statement — and the statements where reviewers part most
//! are listed.
//!
//! Which reviews count: every reviewer's latest round of each profile, not
//! only the one that stands beside self. Values only: not applicable and
//! unrated are no rating.
//!
//! A reviewer's mean is the average, over the statements they share with
//! another reviewer, of their mean on each; the others' mean is the average
//! of the other reviewers' means on those same statements. Averaging per
//! statement first keeps a reviewer's many ratings of an easy statement
//! from weighing more than one rating of a hard one.
//!
//! The tallies are kept as sums while profiles are read (no rating is kept),
//! so the cost is one pass over the reviews and a sort of the tallies.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::framework::{Framework, Named};
use super::profile::{Mark, Profile};
use super::reviewers::latest_review_indices;
use super::text::{clean_line, identity};

/// How far (in points of the scale) a reviewer's mean must be from the
/// others' on shared statements to be called lenient or severe.
pub const LENIENCE: f64 = 1.0;
/// How many statements a reviewer must share with other reviewers to be
/// compared: fewer say more about the people than about the reviewer.
pub const MIN_SHARED: usize = 10;
/// How many reviewers must be compared before any is: with one, there is
/// nobody to be lenient against.
pub const MIN_REVIEWERS: usize = 2;
/// How many statements the disagreements list holds, at most.
pub const TOP_DISAGREEMENTS: usize = 5;

/// What calibration is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rules {
    /// Points from the others' mean at which a reviewer is flagged.
    pub lenience: f64,
    /// Statements a reviewer must share with other reviewers to be compared.
    pub min_shared: usize,
    /// Reviewers that must be compared before any is flagged.
    pub min_reviewers: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            lenience: LENIENCE,
            min_shared: MIN_SHARED,
            min_reviewers: MIN_REVIEWERS,
        }
    }
}

/// The reviewers of one framework (one scale), calibrated.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerTable {
    pub framework: Named,
    pub rules: Rules,
    /// At least `min_reviewers` reviewers share `min_shared` statements:
    /// only then are means compared and reviewers flagged.
    pub enough: bool,
    /// Most lenient first, most severe last; reviewers not compared after
    /// them, by name.
    pub reviewers: Vec<Reviewer>,
    /// The statements where reviewers' means part most, widest first (at
    /// most `TOP_DISAGREEMENTS`; empty without enough data).
    pub disagreements: Vec<Disagreement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reviewer {
    pub name: String,
    /// People whose profile holds a round of theirs.
    pub people: usize,
    /// Values they gave, over all their latest rounds.
    pub rated: usize,
    /// Of those, at or above met.
    pub met: usize,
    /// The standard deviation of the values they gave, two decimals.
    pub spread: Option<f64>,
    /// Statements (of one group) they and at least one other reviewer rated.
    pub shared: usize,
    /// On shared statements, two decimals: their mean, the others' mean and
    /// the difference of the two (as printed). `None` unless compared.
    pub mean: Option<f64>,
    pub others: Option<f64>,
    pub difference: Option<f64>,
    pub standing: Standing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Their mean is `lenience` or more above the others'.
    Lenient,
    /// Their mean is `lenience` or more below the others'.
    Severe,
    /// Within `lenience` of the others.
    InLine,
    /// Fewer than `min_shared` shared statements, or too few reviewers
    /// compared: no verdict.
    NotCompared,
}

impl Standing {
    pub fn text(self) -> &'static str {
        match self {
            Standing::Lenient => "lenient",
            Standing::Severe => "severe",
            Standing::InLine => "in line",
            Standing::NotCompared => "not compared",
        }
    }

    pub fn flagged(self) -> bool {
        matches!(self, Standing::Lenient | Standing::Severe)
    }
}

/// One statement of one group, where reviewers part.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// `Craft · Level` (the table is one framework's).
    pub group: String,
    pub level: String,
    pub area: String,
    /// `LEVEL/AREA/STATEMENT`.
    pub key: String,
    pub text: String,
    /// Reviewers who gave it a value.
    pub reviewers: usize,
    pub highest: Side,
    pub lowest: Side,
    /// `highest.mean - lowest.mean`, two decimals.
    pub range: f64,
}

/// One reviewer's mean on one statement, over the people they rated on it.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub reviewer: String,
    pub mean: f64,
    pub people: usize,
}

impl ReviewerTable {
    pub fn flagged(&self) -> impl Iterator<Item = &Reviewer> {
        self.reviewers.iter().filter(|r| r.standing.flagged())
    }

    /// Reviewers compared (`min_shared` statements or more).
    pub fn compared(&self) -> usize {
        self.reviewers
            .iter()
            .filter(|r| r.shared >= self.rules.min_shared)
            .count()
    }
}

/// A group of comparable people (one framework, craft and level), as the
/// calibration sees it: its statement keys in column order, each
/// statement's place for the disagreements list, and where the group sorts.
pub trait Comparable {
    fn keys(&self) -> impl Iterator<Item = &str>;
    fn place(&self, statement: usize) -> Option<Place>;
    fn order(&self) -> (String, usize, u32);
}

/// Where a statement is, in words.
#[derive(Debug, Clone)]
pub struct Place {
    /// `Craft · Level`.
    pub group: String,
    pub level: String,
    pub area: String,
    pub key: String,
    pub text: String,
}

/// `x` to two decimals: what every format prints, so the flag agrees with
/// the numbers beside it.
fn two_places(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    n: u32,
    sum: u64,
}

impl Tally {
    fn add(&mut self, v: u8) {
        self.n += 1;
        self.sum += u64::from(v);
    }

    fn mean(self) -> f64 {
        self.sum as f64 / f64::from(self.n)
    }

    fn less(self, other: Tally) -> Tally {
        Tally {
            n: self.n - other.n,
            sum: self.sum - other.sum,
        }
    }
}

#[derive(Debug, Default)]
struct ReviewerTally {
    name: String,
    people: HashSet<String>,
    values: Tally,
    squares: u64,
    met: usize,
}

#[derive(Debug, Default)]
struct FrameworkTally {
    framework: Option<Named>,
    reviewers: Vec<ReviewerTally>,
    by_name: HashMap<String, usize>,
    /// (group, reviewer) → a tally per statement of the group, in column order.
    cells: HashMap<(usize, usize), Vec<Tally>>,
}

/// The reviews of a team, gathered one profile at a time.
#[derive(Debug, Default)]
pub struct Reviews {
    frameworks: Vec<FrameworkTally>,
    by_id: HashMap<String, usize>,
}

impl Reviews {
    /// Adds every reviewer's latest round of `profile`, a person (`person`,
    /// their key across spellings) of the group at `group_index`.
    pub fn add(
        &mut self,
        framework: &Framework,
        group_index: usize,
        group: &impl Comparable,
        profile: &Profile,
        person: &str,
    ) {
        // A framework without a review still gets its table, to say so.
        let slot = *self
            .by_id
            .entry(framework.id.clone())
            .or_insert(self.frameworks.len());
        if slot == self.frameworks.len() {
            self.frameworks.push(FrameworkTally {
                framework: Some(Named::new(&framework.id, &framework.name)),
                ..FrameworkTally::default()
            });
        }
        let tally = &mut self.frameworks[slot];
        let latest = latest_review_indices(profile);
        if latest.is_empty() {
            return;
        }
        let columns = group.keys().count();
        for i in latest {
            let review = &profile.assessments[i];
            let count = tally.reviewers.len();
            let r = *tally
                .by_name
                .entry(identity(&review.assessor))
                .or_insert(count);
            if r == count {
                tally.reviewers.push(ReviewerTally {
                    name: clean_line(&review.assessor).into_owned(),
                    ..ReviewerTally::default()
                });
            }
            let reviewer = &mut tally.reviewers[r];
            reviewer.people.insert(person.to_owned());
            let cells = tally
                .cells
                .entry((group_index, r))
                .or_insert_with(|| vec![Tally::default(); columns]);
            for (key, cell) in group.keys().zip(cells.iter_mut()) {
                if let Mark::Value(v) = review.mark(key) {
                    cell.add(v);
                    reviewer.values.add(v);
                    reviewer.squares += u64::from(v) * u64::from(v);
                    reviewer.met += usize::from(framework.scale.is_met(v));
                }
            }
        }
    }

    /// One table per framework of the team, in the order of `groups`
    /// (the builder's, before sorting: `group_index` of [`Reviews::add`])
    /// sorted by their `order`.
    pub fn finish(self, groups: &[impl Comparable], rules: Rules) -> Vec<ReviewerTable> {
        let mut tables: Vec<ReviewerTable> = self
            .frameworks
            .into_iter()
            .map(|f| table(f, groups, rules))
            .collect();
        tables.sort_by(|a, b| {
            a.framework
                .name
                .cmp(&b.framework.name)
                .then_with(|| a.framework.id.cmp(&b.framework.id))
        });
        tables
    }
}

/// Per reviewer, what the shared statements add up to: the sums of their
/// means and of the others' means, and how many statements.
#[derive(Debug, Default, Clone, Copy)]
struct Shared {
    statements: usize,
    mine: f64,
    others: f64,
}

/// Per statement, the reviewers' means at both ends.
#[derive(Debug, Clone, Copy)]
struct Ends {
    reviewers: usize,
    high: (f64, usize, u32),
    low: (f64, usize, u32),
}

fn table(f: FrameworkTally, groups: &[impl Comparable], rules: Rules) -> ReviewerTable {
    // A fixed order of the sums: the same files print the same digits.
    let mut cells: Vec<((usize, usize), Vec<Tally>)> = f.cells.into_iter().collect();
    cells.sort_by_key(|(key, _)| *key);
    let mut totals: HashMap<usize, Vec<Tally>> = HashMap::new();
    for ((g, _), tallies) in &cells {
        let total = totals
            .entry(*g)
            .or_insert_with(|| vec![Tally::default(); tallies.len()]);
        for (t, cell) in total.iter_mut().zip(tallies) {
            t.n += cell.n;
            t.sum += cell.sum;
        }
    }
    let mut shared = vec![Shared::default(); f.reviewers.len()];
    let mut ends: HashMap<(usize, usize), Ends> = HashMap::new();
    for ((g, r), tallies) in &cells {
        let Some(total) = totals.get(g) else { continue };
        for (s, (&mine, &all)) in tallies.iter().zip(total).enumerate() {
            if mine.n == 0 {
                continue;
            }
            let others = all.less(mine);
            let mean = mine.mean();
            if others.n > 0 {
                let sum = &mut shared[*r];
                sum.statements += 1;
                sum.mine += mean;
                sum.others += others.mean();
            }
            let here = (mean, *r, mine.n);
            ends.entry((*g, s))
                .and_modify(|e| {
                    e.reviewers += 1;
                    if mean > e.high.0 {
                        e.high = here;
                    }
                    if mean < e.low.0 {
                        e.low = here;
                    }
                })
                .or_insert(Ends {
                    reviewers: 1,
                    high: here,
                    low: here,
                });
        }
    }
    let compared = shared
        .iter()
        .filter(|s| s.statements >= rules.min_shared.max(1))
        .count();
    let enough = compared >= rules.min_reviewers.max(2);
    let mut reviewers: Vec<Reviewer> = f
        .reviewers
        .iter()
        .zip(&shared)
        .map(|(r, s)| reviewer(r, *s, enough, rules))
        .collect();
    reviewers.sort_by(|a, b| {
        let key = |r: &Reviewer| r.difference.map(|d| -d);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
    });
    let disagreements = if enough {
        disagreements(ends, groups, &f.reviewers)
    } else {
        Vec::new()
    };
    ReviewerTable {
        framework: f.framework.unwrap_or_else(|| Named::new("", "")),
        rules,
        enough,
        reviewers,
        disagreements,
    }
}

fn reviewer(r: &ReviewerTally, s: Shared, enough: bool, rules: Rules) -> Reviewer {
    let spread = (r.values.n > 0).then(|| {
        let n = f64::from(r.values.n);
        let mean = r.values.sum as f64 / n;
        let variance = (r.squares as f64 / n - mean * mean).max(0.0);
        two_places(variance.sqrt())
    });
    let compared = enough && s.statements >= rules.min_shared.max(1);
    let (mean, others, difference, standing) = if compared {
        let n = s.statements as f64;
        let (mine, theirs) = (two_places(s.mine / n), two_places(s.others / n));
        let difference = two_places(mine - theirs);
        // A hair under the line from the float sum must still count:
        // the printed difference is what is judged.
        let edge = rules.lenience - 1e-9;
        let standing = if difference >= edge {
            Standing::Lenient
        } else if difference <= -edge {
            Standing::Severe
        } else {
            Standing::InLine
        };
        (Some(mine), Some(theirs), Some(difference), standing)
    } else {
        (None, None, None, Standing::NotCompared)
    };
    Reviewer {
        name: r.name.clone(),
        people: r.people.len(),
        rated: r.values.n as usize,
        met: r.met,
        spread,
        shared: s.statements,
        mean,
        others,
        difference,
        standing,
    }
}

fn disagreements(
    ends: HashMap<(usize, usize), Ends>,
    groups: &[impl Comparable],
    names: &[ReviewerTally],
) -> Vec<Disagreement> {
    let mut wide: Vec<((usize, usize), Ends)> = ends
        .into_iter()
        .filter(|(_, e)| e.reviewers >= 2 && e.high.0 > e.low.0)
        .collect();
    let orders: Vec<(String, usize, u32)> = groups.iter().map(Comparable::order).collect();
    wide.sort_by(|(a, x), (b, y)| {
        (y.high.0 - y.low.0)
            .total_cmp(&(x.high.0 - x.low.0))
            .then_with(|| {
                let place = |(g, s): (usize, usize)| (orders.get(g), s);
                place(*a).cmp(&place(*b))
            })
    });
    let side = |(mean, r, n): (f64, usize, u32)| Side {
        reviewer: names.get(r).map_or_else(String::new, |t| t.name.clone()),
        mean: two_places(mean),
        people: n as usize,
    };
    wide.into_iter()
        .filter_map(|((g, s), e)| {
            let place = groups.get(g)?.place(s)?;
            let (highest, lowest) = (side(e.high), side(e.low));
            Some(Disagreement {
                group: place.group,
                level: place.level,
                area: place.area,
                key: place.key,
                text: place.text,
                reviewers: e.reviewers,
                range: two_places(highest.mean - lowest.mean),
                highest,
                lowest,
            })
        })
        .take(TOP_DISAGREEMENTS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::{Assessment, Rating, Role};
    use crate::model::team::{Options, Team, TeamBuilder};

    fn vaarst() -> Framework {
        let (_, text) = crate::store::catalog::embedded_files()
            .iter()
            .find(|(name, _)| *name == "vaarst.toml")
            .expect("embedded");
        crate::store::read::parse_framework(std::path::Path::new("vaarst.toml"), text)
            .expect("parses")
    }

    /// A profile reviewed by `who`, the values of automation 1 and 2.
    fn reviewed(person: &str, who: &str, values: [Option<u8>; 2]) -> Profile {
        let mut p = Profile::new(person, "vaarst", "devops-engineer", "level-4");
        let stamp = "2026-11-02T09:00:00Z".parse().expect("a date");
        let mut review = Assessment::new(Role::Manager, who, stamp);
        for (i, value) in values.iter().enumerate() {
            if let Some(v) = value {
                let key = format!("level-4/automation/{}", i + 1);
                let mut r = Rating::new(&key);
                r.set_mark(Mark::Value(*v));
                review.put(&key, Some(r)).expect("same key");
            }
        }
        p.assessments.push(review);
        p
    }

    fn team_of(rules: Rules) -> Team {
        let framework = vaarst();
        let mut builder = TeamBuilder::new(Options {
            calibration: rules,
            ..Options::default()
        });
        for (i, profile) in [
            reviewed("P1", "Ann", [Some(4), Some(3)]),
            reviewed("P2", "Ann", [Some(4), None]),
            reviewed("P3", "Bo", [Some(2), Some(1)]),
            reviewed("P4", "B\u{200B}o", [None, Some(3)]),
        ]
        .iter()
        .enumerate()
        {
            let path = std::path::PathBuf::from(format!("p{i}.toml"));
            builder.add(&path, profile, &framework).expect("fits");
        }
        builder.finish()
    }

    /// Ann: statement 1 4.0, statement 2 3.0, a mean of 3.5 (pooled, her
    /// three values would say 3.67); Bo: 2.0 and 2.0. The difference of
    /// 1.5 is flagged at 1.5 (the line is inclusive), not at 1.6.
    #[test]
    fn means_are_per_statement_then_averaged_and_the_line_is_inclusive() {
        let rules = Rules {
            lenience: 1.5,
            min_shared: 2,
            ..Rules::default()
        };
        let team = team_of(rules);
        let table = &team.reviewers[0];
        assert!(table.enough);
        let rows: Vec<_> = table
            .reviewers
            .iter()
            .map(|r| {
                let figures = (r.mean, r.others, r.difference);
                (r.name.as_str(), figures, r.standing, r.people)
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Ann",
                    (Some(3.5), Some(2.0), Some(1.5)),
                    Standing::Lenient,
                    2
                ),
                (
                    "Bo",
                    (Some(2.0), Some(3.5), Some(-1.5)),
                    Standing::Severe,
                    2
                ),
            ],
            "an invisible character does not make a second reviewer"
        );
        assert_eq!(table.reviewers[1].spread, Some(0.82));
        assert_eq!(table.reviewers[0].met, 3);
        let d = &table.disagreements[0];
        assert_eq!(
            (d.key.as_str(), d.highest.reviewer.as_str(), d.range),
            ("level-4/automation/1", "Ann", 2.0)
        );
        let wider = team_of(Rules {
            lenience: 1.6,
            ..rules
        });
        assert!(wider.reviewers[0].flagged().next().is_none());
    }

    #[test]
    fn too_few_shared_statements_compare_nobody() {
        let team = team_of(Rules {
            min_shared: 3,
            ..Rules::default()
        });
        let table = &team.reviewers[0];
        assert!(!table.enough);
        assert!(table.disagreements.is_empty());
        assert!(
            table
                .reviewers
                .iter()
                .all(|r| r.standing == Standing::NotCompared && r.mean.is_none() && r.shared == 2)
        );
    }
}
