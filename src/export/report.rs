//! The facts of a summary, gathered once from a profile and its framework:
//! what every export format prints. All text from files is made safe here.

use serde::Serialize;

use crate::error::InputError;
use crate::model::StatementKey;
use crate::model::progress::Tally;
use crate::model::summary::Summary;
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, CraftIndex, Framework, Mark, Profile, Role};

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
    /// The manager round beside self: the one `--as` names, else the one
    /// updated last.
    pub manager: Option<Round>,
    /// Every reviewer's latest round, the one beside self among them.
    pub reviewers: Vec<Round>,
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
}

#[derive(Debug, Serialize)]
pub struct Readiness {
    pub level: Named,
    pub met: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Point {
    pub value: u8,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Round {
    pub assessor: String,
    pub started: String,
    pub updated: String,
    /// Which round of this role it is, 1 for the first.
    pub round: usize,
    /// The day it was signed off: the round is final.
    pub finished: Option<String>,
}

impl Round {
    /// "Sam Lee, round 2 (final, signed off 2026-06-30), started …, updated
    /// …", with the assessor's name through `escape` (each format its own).
    pub fn describe(&self, escape: impl Fn(&str) -> String) -> String {
        let status = self
            .finished
            .as_ref()
            .map_or(String::new(), |day| format!(" (final, signed off {day})"));
        format!(
            "{}, round {}{status}, started {}, updated {}",
            escape(&self.assessor),
            self.round,
            self.started,
            self.updated
        )
    }

    fn of(profile: &Profile, assessment: &Assessment) -> Round {
        let round = profile
            .assessments
            .iter()
            .take_while(|a| !std::ptr::eq(*a, assessment))
            // A manager's rounds are counted per manager, as their screen counts them.
            .filter(|a| {
                a.role == assessment.role
                    && (a.role == Role::Own || a.assessor == assessment.assessor)
            })
            .count()
            + 1;
        Round {
            assessor: clean_line(&assessment.assessor).into_owned(),
            started: date(&assessment.started),
            updated: date(&assessment.updated),
            round,
            finished: assessment.finished.as_ref().map(date),
        }
    }
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
    fn of(assessment: Option<&Assessment>, key: &str, framework: &Framework) -> RatingReport {
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

fn date(stamp: &toml::value::Datetime) -> String {
    match stamp.date {
        Some(d) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        None => stamp.to_string(),
    }
}

/// The rounds a summary compares, chosen once.
struct Chosen<'p> {
    own: Option<&'p Assessment>,
    previous: Option<&'p Assessment>,
    manager: Option<&'p Assessment>,
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
    let manager = match &choice.manager {
        Some(name) => Some(profile.latest_by(Role::Manager, name).ok_or_else(|| {
            let names: Vec<String> = reviewers(profile)
                .iter()
                .map(|a| clean_line(&a.assessor).into_owned())
                .collect();
            InputError::new(format!("no manager round by {}", clean_line(name))).hint(
                if names.is_empty() {
                    "nobody has reviewed this profile yet".to_owned()
                } else {
                    format!("reviewers are: {}", names.join(", "))
                },
            )
        })?),
        None => reviewers(profile)
            .into_iter()
            .max_by_key(|a| a.updated.to_string()),
    };
    Ok(Chosen {
        own: own_index.map(|i| selves[i]),
        previous: own_index.and_then(|i| i.checked_sub(1)).map(|i| selves[i]),
        manager,
    })
}

/// Each reviewer's latest round, in the order they first reviewed.
fn reviewers(profile: &Profile) -> Vec<&Assessment> {
    let mut names: Vec<&str> = Vec::new();
    for a in profile
        .assessments
        .iter()
        .filter(|a| a.role == Role::Manager)
    {
        if !names.contains(&a.assessor.as_str()) {
            names.push(&a.assessor);
        }
    }
    names
        .into_iter()
        .filter_map(|name| profile.latest_by(Role::Manager, name))
        .collect()
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
        let fits = || InputError::new("the profile's craft or level is not in its framework");
        let craft = framework.craft(&profile.craft).ok_or_else(fits)?;
        let level = craft.level(&profile.level).ok_or_else(fits)?;
        let chosen = choose(profile, choice)?;
        let (own, manager, previous) = (chosen.own, chosen.manager, chosen.previous);
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
            level: Named {
                id: next.id.clone(),
                name: next.title.clone(),
            },
            met: tally.met,
            total: tally.total,
        });
        let index = &CraftIndex::new(craft);
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
        Ok(Report {
            person: clean_line(&profile.person).into_owned(),
            framework_version: framework.version.clone(),
            framework: Named {
                id: framework.id.clone(),
                name: framework.name.clone(),
            },
            craft: Named {
                id: craft.id.clone(),
                name: craft.name.clone(),
            },
            level: Named {
                id: level.id.clone(),
                name: level.title.clone(),
            },
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
            reviewers: reviewers(profile)
                .into_iter()
                .map(|a| Round::of(profile, a))
                .collect(),
            previous_self: previous.map(|a| Round::of(profile, a)),
            previous_self_average: summary.previous_total.and_then(|t| t.average()),
            total: counts(summary.total, summary.beside_total.unwrap_or_default()),
            areas,
            readiness,
            orphans,
            reworded,
        })
    }
}
