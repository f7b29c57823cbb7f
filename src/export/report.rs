//! The facts of a summary, gathered once from a profile and its framework:
//! what every export format prints. All text from files is made safe here.

use serde::Serialize;

use crate::model::StatementKey;
use crate::model::progress::{Tally, area_tally};
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, CraftIndex, Framework, Mark, Profile, Role};

#[derive(Debug, Serialize)]
pub struct Report {
    pub person: String,
    pub framework: Named,
    pub craft: Named,
    pub level: Named,
    pub scale: Vec<Point>,
    pub met_from: u8,
    #[serde(rename = "self")]
    pub own: Option<Round>,
    pub manager: Option<Round>,
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

/// The round of `role` that is `back` rounds before the current one (0: the current).
fn round_of(profile: &Profile, role: Role, back: usize) -> Option<Round> {
    let count = profile
        .assessments
        .iter()
        .filter(|a| a.role == role)
        .count();
    let assessment = match back {
        0 => profile.current(role)?,
        _ => profile.previous(role)?,
    };
    Some(Round {
        assessor: clean_line(&assessment.assessor).into_owned(),
        started: date(&assessment.started),
        updated: date(&assessment.updated),
        round: count - back,
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
    /// The summary of `profile`'s current self and manager assessments at its
    /// level. `None` when the profile's craft or level is not in `framework`
    /// (a checked profile always fits).
    pub fn new(profile: &Profile, framework: &Framework) -> Option<Report> {
        let craft = framework.craft(&profile.craft)?;
        let level = craft.level(&profile.level)?;
        let own = profile.current(Role::Own);
        let manager = profile.current(Role::Manager);
        let previous = profile.previous(Role::Own);
        let scale = &framework.scale;
        let mut total = (Tally::default(), Tally::default());
        let areas = level
            .areas
            .iter()
            .map(|area| {
                let own_tally = area_tally(level, area, own, scale);
                let manager_tally = area_tally(level, area, manager, scale);
                total.0.merge(&own_tally);
                total.1.merge(&manager_tally);
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
                    counts: counts(own_tally, manager_tally),
                    previous_self_average: previous
                        .and_then(|p| area_tally(level, area, Some(p), scale).average()),
                    statements,
                }
            })
            .collect();
        let readiness = craft.next_level(level).map(|next| {
            let tally = crate::model::progress::level_tally(next, own, scale);
            Readiness {
                level: Named {
                    id: next.id.clone(),
                    name: next.title.clone(),
                },
                met: tally.met,
                total: tally.total,
            }
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
        Some(Report {
            person: clean_line(&profile.person).into_owned(),
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
            own: round_of(profile, Role::Own, 0),
            manager: round_of(profile, Role::Manager, 0),
            previous_self: round_of(profile, Role::Own, 1),
            previous_self_average: previous
                .and_then(|p| crate::model::progress::level_tally(level, Some(p), scale).average()),
            total: counts(total.0, total.1),
            areas,
            readiness,
            orphans,
        })
    }
}
