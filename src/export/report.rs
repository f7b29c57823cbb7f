//! The facts of a summary, gathered once from a profile and its framework:
//! what every export format prints. All text from files is made safe here.

use serde::Serialize;

use crate::error::InputError;
pub use crate::model::Named;
use crate::model::StatementKey;
use crate::model::disagreements::{Disagreement, disagreements};
use crate::model::progress::Tally;
use crate::model::reviewers;
pub use crate::model::reviewers::Round;
use crate::model::summary::Summary;
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, Framework, Mark, Profile, Role};

#[derive(Debug, Serialize)]
pub struct Report {
    pub person: String,
    pub framework: Named,
    /// The framework's own edition, when it names one.
    pub framework_version: Option<String>,
    pub craft: Named,
    pub level: Named,
    pub scale: Vec<Point>,
    pub met_from: u8,
    #[serde(rename = "self")]
    pub own: Option<Round>,
    /// The review beside self: the one `--as` names, else the direct
    /// manager's, else the rule's (`reviewers::beside`).
    pub manager: Option<Round>,
    /// Why that review stands beside self.
    pub manager_because: Option<String>,
    /// The latest day a round of the profile is dated after today, if any.
    pub dated_after_today: Option<String>,
    /// Every reviewer's latest round, the one beside self among them.
    pub reviewers: Vec<Round>,
    /// The latest round of each reviewer other than the one beside self,
    /// with what they rated: visible, never a replacement.
    pub other_reviews: Vec<OtherReview>,
    /// The self assessment before the current one, for the charts' third outline.
    pub previous_self: Option<Round>,
    pub total: Counts,
    /// The average of the whole previous self round, when there is one.
    pub previous_self_average: Option<f64>,
    pub areas: Vec<AreaReport>,
    /// How much of the next level's statements the self assessment meets.
    pub readiness: Option<Readiness>,
    /// Ratings of statements the framework no longer has: kept and listed.
    pub orphans: Vec<Orphan>,
    /// Ratings given against other words than the statement has now.
    pub reworded: Vec<Reworded>,
    /// Merge conflicts recorded on the ratings shown: not settled yet.
    pub conflicts: Vec<super::conflicts::ConflictNote>,
    /// Blind rounds whose ratings and notes this export may not show yet
    /// (`reviewers::sighted`): named, never shown.
    pub blind: Vec<Round>,
    /// When self and the review beside were a blind round, now open: where
    /// they disagree, the widest gap first.
    pub disagreements: Vec<DisagreementReport>,
    /// Every action on the profile's statements, open ones first.
    pub actions: Vec<ActionReport>,
}

#[derive(Debug, Serialize)]
pub struct DisagreementReport {
    pub key: String,
    pub area: String,
    pub text: String,
    pub gap: u8,
    #[serde(rename = "self")]
    pub own: RatingReport,
    pub manager: RatingReport,
}

impl DisagreementReport {
    pub fn of(d: &Disagreement, framework: &Framework) -> DisagreementReport {
        let side = |value: u8, note: &str| RatingReport {
            status: "rated",
            value: Some(value),
            label: Some(clean_line(framework.scale.label(value)).into_owned()),
            note: Some(clean(note).trim().to_owned()).filter(|n| !n.is_empty()),
        };
        DisagreementReport {
            key: d.key.to_string(),
            area: clean_line(&d.area.name).into_owned(),
            text: clean_line(&d.statement.text).into_owned(),
            gap: d.gap(),
            own: side(d.own, d.own_note),
            manager: side(d.other, d.other_note),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ActionReport {
    pub statement: String,
    pub text: String,
    pub owner: String,
    pub due: Option<String>,
    pub added: String,
    /// The day it was done; `None` while open.
    pub done: Option<String>,
}

impl ActionReport {
    pub fn of(action: &crate::model::actions::Action) -> ActionReport {
        ActionReport {
            statement: clean_line(&action.statement).into_owned(),
            text: clean_line(&action.text).into_owned(),
            owner: clean_line(&action.owner).into_owned(),
            due: action.due_day(),
            added: reviewers::date(&action.added),
            done: action.done_day(),
        }
    }

    /// "open, due 2027-01-31" or "done 2027-01-12".
    pub fn status(&self) -> String {
        match (&self.done, &self.due) {
            (Some(day), _) => format!("done {day}"),
            (None, Some(due)) => format!("open, due {due}"),
            (None, None) => "open".to_owned(),
        }
    }
}

/// Another reviewer's latest round and the statements of the level they
/// rated or wrote a note on.
#[derive(Debug, Serialize)]
pub struct OtherReview {
    pub round: Round,
    pub ratings: Vec<OtherRating>,
}

#[derive(Debug, Serialize)]
pub struct OtherRating {
    pub area: String,
    pub key: String,
    pub id: String,
    pub text: String,
    pub rating: RatingReport,
}

#[derive(Debug, Serialize)]
pub struct Reworded {
    pub role: &'static str,
    pub key: String,
    pub area: String,
    /// The statement's words now.
    pub text: String,
}

/// Which rounds a summary shows: a self round by number (the current one
/// by default) and whose manager round stands beside it.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub round: Option<usize>,
    pub manager: Option<String>,
    /// Today, `YYYY-MM-DD`: a round dated later is said. `None`: not checked.
    pub today: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Readiness {
    pub level: Named,
    pub met: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Point {
    pub value: u8,
    pub label: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub met: usize,
    /// Applicable statements: not-applicable ones are out of every total.
    pub total: usize,
    pub rated: usize,
    pub not_applicable: usize,
    pub self_average: Option<f64>,
    pub manager_average: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct AreaReport {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// The average of the previous self round, when there is one.
    pub previous_self_average: Option<f64>,
    pub statements: Vec<StatementReport>,
}

#[derive(Debug, Serialize)]
pub struct StatementReport {
    pub key: String,
    pub id: String,
    pub text: String,
    #[serde(rename = "self")]
    pub own: RatingReport,
    pub manager: RatingReport,
    /// Self and manager differ by two points or more.
    pub gap: bool,
    /// The items supporting the statement, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceReport>,
}

/// One evidence item as every export shows it: its texts made safe once
/// here (one line each), its links sorted into those a page may make
/// clickable and the rest. The JSON form is this, serialised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceReport {
    pub id: String,
    pub date: String,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commits: Vec<String>,
    /// Every statement the item supports (it shows under each).
    pub statements: Vec<String>,
}

impl EvidenceReport {
    pub fn of(item: &crate::model::Evidence) -> EvidenceReport {
        let lines = |all: &[String]| -> Vec<String> {
            all.iter().map(|l| clean_line(l).into_owned()).collect()
        };
        EvidenceReport {
            id: clean_line(&item.id).into_owned(),
            date: item.date.to_string(),
            // Kept over its lines, as a note is: markdown and HTML break them.
            text: clean(item.text.trim()).into_owned(),
            links: lines(&item.links),
            commits: lines(&item.commits),
            statements: lines(&item.statements),
        }
    }

    /// The items of `profile` supporting `key`.
    pub fn all_of(profile: &Profile, key: &str) -> Vec<EvidenceReport> {
        profile.items().of(key).map(EvidenceReport::of).collect()
    }
}

#[derive(Debug, Serialize)]
pub struct RatingReport {
    /// `rated`, `not_applicable` or `unrated`.
    pub status: &'static str,
    pub value: Option<u8>,
    pub label: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Orphan {
    pub role: &'static str,
    pub statement: String,
    pub rating: RatingReport,
}

impl RatingReport {
    pub fn of(assessment: Option<&Assessment>, key: &str, framework: &Framework) -> RatingReport {
        let rating = assessment.and_then(|a| a.rating(key));
        let mark = rating.map_or(Mark::Unrated, |r| r.mark());
        let note = rating
            .map(|r| clean(r.note()).trim().to_owned())
            .filter(|n| !n.is_empty());
        let (status, value) = match mark {
            Mark::Unrated => ("unrated", None),
            Mark::NotApplicable => ("not_applicable", None),
            Mark::Value(v) => ("rated", Some(v)),
        };
        let label = value.map(|v| clean_line(framework.scale.label(v)).into_owned());
        RatingReport {
            status,
            value,
            label,
            note,
        }
    }

    /// `3 Mostly`, `n/a`, `—`: how a rating reads in a table.
    pub fn short(&self) -> String {
        match (self.status, self.value, &self.label) {
            ("rated", Some(v), Some(label)) => format!("{v} {label}"),
            ("not_applicable", _, _) => "n/a".to_owned(),
            _ => "not rated".to_owned(),
        }
    }
}

/// The rounds a summary compares, chosen once.
struct Chosen<'p> {
    own: Option<&'p Assessment>,
    previous: Option<&'p Assessment>,
    manager: Option<&'p Assessment>,
    manager_because: Option<String>,
}

fn choose<'p>(profile: &'p Profile, choice: &Choice) -> Result<Chosen<'p>, InputError> {
    let selves: Vec<&Assessment> = profile
        .assessments
        .iter()
        .filter(|a| a.role == Role::Own)
        .collect();
    let own_index = match choice.round {
        None => selves.len().checked_sub(1),
        Some(n) if (1..=selves.len()).contains(&n) => Some(n - 1),
        Some(n) => {
            return Err(InputError::new(format!(
                "{} has no self round {n} (there are {})",
                clean_line(&profile.person),
                selves.len()
            ))
            .hint(format!("--round takes 1 to {}", selves.len())));
        }
    };
    let beside = reviewers::beside(profile, choice.manager.as_deref()).map_err(InputError::from)?;
    Ok(Chosen {
        own: own_index.map(|i| selves[i]),
        previous: own_index.and_then(|i| i.checked_sub(1)).map(|i| selves[i]),
        manager: beside.map(|b| b.review),
        manager_because: beside.map(|b| b.why.reason(profile)),
    })
}

fn counts(own: Tally, manager: Tally) -> Counts {
    Counts {
        met: own.met,
        total: own.total,
        rated: own.rated,
        not_applicable: own.not_applicable,
        self_average: own.average(),
        manager_average: manager.average(),
    }
}

impl Report {
    /// The reviewers other than the one whose round stands beside self.
    pub fn other_reviewers(&self) -> impl Iterator<Item = &Round> {
        self.reviewers.iter().filter(|rv| {
            self.manager
                .as_ref()
                .is_none_or(|m| m.assessor != rv.assessor)
        })
    }

    /// Who stands beside self, as a column is headed: the reviewer's name.
    pub fn beside_name(&self) -> Option<&str> {
        self.manager.as_ref().map(|m| m.assessor.as_str())
    }

    /// Statements self and the review beside rate two points or more apart.
    pub fn gap_count(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|a| &a.statements)
            .filter(|s| s.gap)
            .count()
    }

    /// "1 Not yet · 2 Sometimes …; met from 3 (Mostly)", labels through `escape`.
    pub fn scale_line(&self, escape: impl Fn(&str) -> String) -> String {
        let points: Vec<String> = self
            .scale
            .iter()
            .map(|p| format!("{} {}", p.value, escape(&p.label)))
            .collect();
        let met_label = self
            .scale
            .iter()
            .find(|p| p.value == self.met_from)
            .map_or(String::new(), |p| escape(&p.label));
        format!(
            "{}; met from {} ({met_label})",
            points.join(" · "),
            self.met_from
        )
    }

    /// The summary of `profile`'s current self and manager assessments at its
    /// level. `None` when the profile's craft or level is not in `framework`
    /// (a checked profile always fits).
    pub fn new(profile: &Profile, framework: &Framework) -> Option<Report> {
        Report::of(profile, framework, &Choice::default()).ok()
    }

    /// The summary of the chosen rounds (see [`Choice`]).
    pub fn of(
        profile: &Profile,
        framework: &Framework,
        choice: &Choice,
    ) -> Result<Report, InputError> {
        // Who exports: the person, or the reviewer `--as` names. A blind
        // round of the other side not open yet is read as unrated.
        let viewer = reviewers::Viewer::named(choice.manager.as_deref());
        let blind = reviewers::blind_rounds(profile, viewer);
        let sighted = reviewers::sighted(profile, viewer);
        let profile = &*sighted;
        let fits = || InputError::new("the profile's craft or level is not in its framework");
        let craft = framework.craft(&profile.craft).ok_or_else(fits)?;
        let level = craft.level(&profile.level).ok_or_else(fits)?;
        let chosen = choose(profile, choice)?;
        let (own, manager, previous) = (chosen.own, chosen.manager, chosen.previous);
        let manager_because = chosen.manager_because;
        let scale = &framework.scale;
        // The figures, once, as the summary screen has them.
        let rounds = match previous {
            Some(p) => vec![Some(p), own],
            None => vec![own],
        };
        let summary = Summary::of(level, craft.next_level(level), &rounds, manager, scale);
        let areas = summary
            .areas
            .iter()
            .map(|figures| {
                let area = figures.area;
                let statements = area
                    .statements
                    .iter()
                    .map(|s| {
                        let key = StatementKey::new(&level.id, &area.id, &s.id).to_string();
                        let marks =
                            |a: Option<&Assessment>| a.map_or(Mark::Unrated, |a| a.mark(&key));
                        let gap = crate::model::progress::is_gap(marks(own), marks(manager));
                        let own = RatingReport::of(own, &key, framework);
                        let manager = RatingReport::of(manager, &key, framework);
                        StatementReport {
                            id: s.id.clone(),
                            text: s.text.clone(),
                            evidence: EvidenceReport::all_of(profile, &key),
                            key,
                            own,
                            manager,
                            gap,
                        }
                    })
                    .collect();
                AreaReport {
                    id: area.id.clone(),
                    name: area.name.clone(),
                    counts: counts(figures.now, figures.beside.unwrap_or_default()),
                    previous_self_average: figures.previous.and_then(|t| t.average()),
                    statements,
                }
            })
            .collect();
        let readiness = summary.readiness.map(|(next, tally)| Readiness {
            level: Named::new(&next.id, &next.title),
            met: tally.met,
            total: tally.total,
        });
        let index = craft.index();
        let orphans = [(Role::Own, own), (Role::Manager, manager)]
            .into_iter()
            .flat_map(|(role, assessment)| {
                assessment.into_iter().flat_map(move |a| {
                    a.ratings()
                        .iter()
                        .filter(|r| !index.contains(&r.statement))
                        .map(move |r| (role, a, r))
                })
            })
            .map(|(role, a, r)| Orphan {
                role: role.as_str(),
                statement: clean_line(&r.statement).into_owned(),
                rating: RatingReport::of(Some(a), &r.statement, framework),
            })
            .collect();
        let reworded = [(Role::Own, own), (Role::Manager, manager)]
            .into_iter()
            .flat_map(|(role, assessment)| {
                level.statements().filter_map(move |(key, area, s)| {
                    let rating = assessment?.rating(key.as_str())?;
                    rating.is_reworded(s).then(|| Reworded {
                        role: role.as_str(),
                        key: key.to_string(),
                        area: area.name.clone(),
                        text: s.text.clone(),
                    })
                })
            })
            .collect();
        let conflicts = super::conflicts::notes(&[own, manager], level, framework);
        let disagreements = match (own, manager) {
            (Some(own), Some(manager)) if own.blind || manager.blind => {
                disagreements(level, own, manager)
                    .iter()
                    .map(|d| DisagreementReport::of(d, framework))
                    .collect()
            }
            _ => Vec::new(),
        };
        let mut actions: Vec<ActionReport> = profile.actions.iter().map(ActionReport::of).collect();
        actions.sort_by_key(|a| a.done.is_some());
        // Every reviewer's latest round and every round's number, each found
        // in one pass over the file.
        let latest = reviewers::latest_review_indices(profile);
        let numbers = reviewers::round_numbers(profile);
        Ok(Report {
            person: clean_line(&profile.person).into_owned(),
            framework_version: framework.version.clone(),
            framework: Named::new(&framework.id, &framework.name),
            craft: Named::new(&craft.id, &craft.name),
            level: Named::new(&level.id, &level.title),
            scale: scale
                .points
                .iter()
                .map(|p| Point {
                    value: p.value,
                    label: p.label.clone(),
                })
                .collect(),
            met_from: scale.met_from,
            own: own.map(|a| Round::of(profile, a)),
            manager: manager.map(|a| Round::of(profile, a)),
            reviewers: latest
                .iter()
                .map(|&i| Round::numbered(&profile.assessments[i], numbers[i]))
                .collect(),
            other_reviews: latest
                .iter()
                .map(|&i| (i, &profile.assessments[i]))
                .filter(|(_, a)| !manager.is_some_and(|m| std::ptr::eq(m, *a)))
                .map(|(i, a)| OtherReview {
                    round: Round::numbered(a, numbers[i]),
                    ratings: level
                        .statements()
                        .filter_map(|(key, area, s)| {
                            let rating = a.rating(key.as_str())?;
                            let shown =
                                rating.mark() != Mark::Unrated || !rating.note().trim().is_empty();
                            shown.then(|| OtherRating {
                                area: area.name.clone(),
                                id: s.id.clone(),
                                text: s.text.clone(),
                                rating: RatingReport::of(Some(a), key.as_str(), framework),
                                key: key.to_string(),
                            })
                        })
                        .collect(),
                })
                .collect(),
            manager_because,
            dated_after_today: choice
                .today
                .as_deref()
                .and_then(|today| reviewers::latest_after(profile, today)),
            previous_self: previous.map(|a| Round::of(profile, a)),
            previous_self_average: summary.previous_total.and_then(|t| t.average()),
            total: counts(summary.total, summary.beside_total.unwrap_or_default()),
            areas,
            readiness,
            orphans,
            reworded,
            conflicts,
            blind,
            disagreements,
            actions,
        })
    }
}
