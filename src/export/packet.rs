//! The promotion packet (`rungs packet`): the case for one level, built
//! from the profile alone, so the same file always gives the same
//! document. Each statement of the level with the self rating, the rating
//! of the review beside self, the evidence linked to it with dates, and
//! whether it counts as met under one rule written out in the document;
//! per area, how the evidence is spread over time. The facts are gathered
//! here once; [`super::packet_markdown`] and [`super::packet_html`] write
//! them, and JSON is their serialisation.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::report::EvidenceReport;
use super::report::RatingReport;
use crate::error::InputError;
use crate::model::evidence::Evidence;
use crate::model::reviewers::{self, Round};
use crate::model::text::clean_line;
use crate::model::{Assessment, Framework, Mark, Profile, Role};

/// Why a statement does not count as met: each reason the rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Short {
    /// The person has not rated it.
    NotRated,
    /// The person rated it below the scale's `met_from`.
    SelfBelow,
    /// The review beside self rated it below `met_from`.
    ReviewerBelow,
    /// No evidence item supports it.
    NoEvidence,
}

impl Short {
    pub fn words(self) -> &'static str {
        match self {
            Short::NotRated => "not rated by self",
            Short::SelfBelow => "self rating below met",
            Short::ReviewerBelow => "reviewer's rating below met",
            Short::NoEvidence => "no evidence",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct StatementFact {
    pub key: String,
    /// Its place in the area, from 1.
    pub number: usize,
    pub text: String,
    #[serde(rename = "self")]
    pub own: RatingReport,
    pub reviewer: RatingReport,
    /// Self and reviewer two points or more apart.
    pub gap: bool,
    /// Not applicable to the person (self said so): out of every count.
    pub not_applicable: bool,
    pub met: bool,
    /// Why it is not met, under the rule; empty when met.
    pub short: Vec<Short>,
    pub evidence: Vec<EvidenceReport>,
}

/// How an area's evidence is spread over time.
#[derive(Debug, Serialize)]
pub struct Spread {
    /// Distinct items supporting a statement of the area.
    pub items: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Every quarter from the first item's to the last's (`2026-Q2`), with
    /// its count: quiet quarters show as 0.
    pub quarters: Vec<(String, usize)>,
}

#[derive(Debug, Serialize)]
pub struct AreaFact {
    pub id: String,
    pub name: String,
    pub met: usize,
    /// Applicable statements.
    pub total: usize,
    pub with_evidence: usize,
    pub spread: Spread,
    pub statements: Vec<StatementFact>,
}

#[derive(Debug, Serialize)]
pub struct LevelName {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct Packet {
    pub person: String,
    pub framework: String,
    pub craft: String,
    /// The profile's level now.
    pub from: LevelName,
    /// The level the case is made for.
    pub to: LevelName,
    pub met_from: u8,
    pub met_label: String,
    /// The rule for "met", in words, as the document prints it.
    pub rule: String,
    #[serde(rename = "self")]
    pub own: Option<Round>,
    pub reviewer: Option<Round>,
    /// Why that review stands beside self.
    pub reviewer_because: Option<String>,
    pub met: usize,
    pub total: usize,
    pub with_evidence: usize,
    pub gaps: usize,
    pub areas: Vec<AreaFact>,
}

/// The rule, with the scale's point and whose review stands beside self.
fn rule(met_from: u8, label: &str) -> String {
    format!(
        "A statement counts as met when the person rated it {met_from} ({label}) or higher, \
         the review beside theirs (when it rated the statement) also rated it {met_from} or \
         higher, and at least one dated evidence item supports it. A statement the person \
         marked not applicable is left out of every count. A gap is a statement the two \
         ratings put two points or more apart."
    )
}

/// The quarter of a `YYYY-MM-DD` day, as `(year, 1..=4)`.
fn quarter(day: &str) -> Option<(i64, u32)> {
    let mut parts = day.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((year, (month - 1) / 3 + 1))
}

fn spread(items: &[&Evidence]) -> Spread {
    let mut days: Vec<String> = items.iter().map(|e| e.date.to_string()).collect();
    days.sort();
    let mut counts: BTreeMap<(i64, u32), usize> = BTreeMap::new();
    for day in &days {
        if let Some(q) = quarter(day) {
            *counts.entry(q).or_default() += 1;
        }
    }
    let mut quarters = Vec::new();
    if let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) {
        let mut q = first;
        while q <= last {
            quarters.push((
                format!("{}-Q{}", q.0, q.1),
                counts.get(&q).copied().unwrap_or(0),
            ));
            q = if q.1 == 4 {
                (q.0 + 1, 1)
            } else {
                (q.0, q.1 + 1)
            };
        }
    }
    Spread {
        items: items.len(),
        first: days.first().cloned(),
        last: days.last().cloned(),
        quarters,
    }
}

impl Packet {
    /// The case for `to` (default: the level above the profile's).
    pub fn of(
        profile: &Profile,
        framework: &Framework,
        to: Option<&str>,
    ) -> Result<Packet, InputError> {
        let fits = || InputError::new("the profile's craft or level is not in its framework");
        let craft = framework.craft(&profile.craft).ok_or_else(fits)?;
        let from = craft.level(&profile.level).ok_or_else(fits)?;
        let level = match to {
            Some(id) => craft.level(id).ok_or_else(|| {
                InputError::new(format!("craft `{}` has no level `{id}`", craft.id))
                    .hint(format!("levels are: {}", craft.level_ids().join(", ")))
            })?,
            None => craft.next_level(from).ok_or_else(|| {
                InputError::new(format!(
                    "`{}` is the highest level of craft `{}`",
                    from.id, craft.id
                ))
                .hint("name the level the case is for with --to LEVEL")
            })?,
        };
        // The person's document: a reviewer's blind round not open yet is
        // theirs to see, not the packet's.
        let sighted = reviewers::sighted(profile, reviewers::Viewer::Person);
        let profile = &*sighted;
        let scale = &framework.scale;
        let own: Option<&Assessment> = profile.current(Role::Own);
        let beside = reviewers::beside(profile, None).ok().flatten();
        let review = beside.map(|b| b.review);
        let met_by = |mark: Mark| matches!(mark, Mark::Value(v) if scale.is_met(v));
        // Each statement's items, found in one pass over the evidence.
        let mut by_key: HashMap<&str, Vec<&Evidence>> = HashMap::new();
        for item in &profile.evidence {
            for key in &item.statements {
                by_key.entry(key.as_str()).or_default().push(item);
            }
        }
        let mut areas = Vec::new();
        for area in &level.areas {
            let mut facts = Vec::new();
            let mut linked: Vec<&Evidence> = Vec::new();
            let mut seen: HashSet<&str> = HashSet::new();
            for (i, statement) in area.statements.iter().enumerate() {
                let key = crate::model::StatementKey::new(&level.id, &area.id, &statement.id);
                let key = key.as_str();
                let mark = |a: Option<&Assessment>| a.map_or(Mark::Unrated, |a| a.mark(key));
                let (own_mark, review_mark) = (mark(own), mark(review));
                let evidence = by_key.get(key).cloned().unwrap_or_default();
                for item in &evidence {
                    if seen.insert(item.id.as_str()) {
                        linked.push(item);
                    }
                }
                let mut short = Vec::new();
                match own_mark {
                    Mark::Unrated => short.push(Short::NotRated),
                    Mark::Value(_) if !met_by(own_mark) => short.push(Short::SelfBelow),
                    _ => {}
                }
                if matches!(review_mark, Mark::Value(_)) && !met_by(review_mark) {
                    short.push(Short::ReviewerBelow);
                }
                if evidence.is_empty() {
                    short.push(Short::NoEvidence);
                }
                let not_applicable = own_mark == Mark::NotApplicable;
                let mut evidence: Vec<EvidenceReport> =
                    evidence.into_iter().map(EvidenceReport::of).collect();
                evidence.sort_by(|a, b| a.date.cmp(&b.date));
                facts.push(StatementFact {
                    key: key.to_owned(),
                    number: i + 1,
                    text: statement.text.clone(),
                    own: RatingReport::of(own, key, framework),
                    reviewer: RatingReport::of(review, key, framework),
                    gap: crate::model::progress::is_gap(own_mark, review_mark),
                    not_applicable,
                    met: !not_applicable && short.is_empty(),
                    short: if not_applicable { Vec::new() } else { short },
                    evidence,
                });
            }
            let applicable = facts.iter().filter(|s| !s.not_applicable);
            areas.push(AreaFact {
                id: area.id.clone(),
                name: area.name.clone(),
                met: facts.iter().filter(|s| s.met).count(),
                total: applicable.clone().count(),
                with_evidence: applicable.filter(|s| !s.evidence.is_empty()).count(),
                spread: spread(&linked),
                statements: facts,
            });
        }
        let met_label = clean_line(scale.label(scale.met_from)).into_owned();
        let sum = |f: fn(&AreaFact) -> usize| areas.iter().map(f).sum::<usize>();
        Ok(Packet {
            person: clean_line(&profile.person).into_owned(),
            framework: clean_line(&framework.name).into_owned(),
            craft: clean_line(&craft.name).into_owned(),
            from: LevelName {
                id: from.id.clone(),
                title: clean_line(&from.title).into_owned(),
            },
            to: LevelName {
                id: level.id.clone(),
                title: clean_line(&level.title).into_owned(),
            },
            met_from: scale.met_from,
            rule: rule(scale.met_from, &met_label),
            met_label,
            own: own.map(|a| Round::of(profile, a)),
            reviewer: review.map(|a| Round::of(profile, a)),
            reviewer_because: beside.map(|b| b.why.reason(profile)),
            met: sum(|a| a.met),
            total: sum(|a| a.total),
            with_evidence: sum(|a| a.with_evidence),
            gaps: areas
                .iter()
                .flat_map(|a| &a.statements)
                .filter(|s| s.gap)
                .count(),
            areas,
        })
    }

    /// The statements not met, with why, in framework order.
    pub fn short_of(&self) -> impl Iterator<Item = (&AreaFact, &StatementFact)> {
        self.areas
            .iter()
            .flat_map(|a| a.statements.iter().map(move |s| (a, s)))
            .filter(|(_, s)| !s.met && !s.not_applicable)
    }
}

/// "Sam Lee, the direct manager, round 2 …", or "none yet", with the
/// name through each format's `escape`.
pub fn round_line(
    round: Option<&Round>,
    because: Option<&str>,
    escape: impl Fn(&str) -> String,
) -> String {
    match (round, because) {
        (Some(r), Some(because)) => r.describe_because(because, escape),
        (Some(r), None) => r.describe(escape),
        (None, _) => "none yet".to_owned(),
    }
}

/// The packet as JSON.
pub fn json(packet: &Packet) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(packet).map(|mut s| {
        s.push('\n');
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_quarters_are_counted_as_nought() {
        let day = |d: &str| {
            let date = d.parse::<toml::value::Datetime>().unwrap().date.unwrap();
            Evidence::new(date, "x", d)
        };
        let items = [day("2026-11-02"), day("2026-02-10"), day("2026-02-11")];
        let refs: Vec<&Evidence> = items.iter().collect();
        let s = spread(&refs);
        assert_eq!(s.first.as_deref(), Some("2026-02-10"));
        assert_eq!(s.last.as_deref(), Some("2026-11-02"));
        let q: Vec<(&str, usize)> = s.quarters.iter().map(|(q, n)| (q.as_str(), *n)).collect();
        assert_eq!(
            q,
            [
                ("2026-Q1", 2),
                ("2026-Q2", 0),
                ("2026-Q3", 0),
                ("2026-Q4", 1)
            ]
        );
        assert_eq!(quarter("2025-12-31"), Some((2025, 4)));
    }
}
