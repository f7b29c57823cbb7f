//! The agenda of a one-to-one (`rungs agenda`): what the next conversation
//! between the person and the reviewer beside them should cover, gathered
//! once from the profile as that reviewer or the person may see it. Each
//! section is one field of [`Agenda`] and one function in [`SECTIONS`]: a
//! new kind of item is one more of each.

use std::fmt::Write;

use serde::Serialize;

use super::markdown::escape;
use super::markdown::evidence_line;
use super::report::{ActionReport, DisagreementReport, EvidenceReport, RatingReport, Round};
use crate::error::InputError;
use crate::model::disagreements::disagreements;
use crate::model::reviewers::{self, Viewer};
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, Framework, Mark, Profile, Role};

/// At most this many disagreements: the widest are what a conversation
/// has time for.
pub const MOST_DISAGREEMENTS: usize = 10;

#[derive(Debug, Serialize)]
pub struct Agenda {
    pub person: String,
    pub level: String,
    /// The reviewer the person meets: `--as`, else the one the rule picks.
    pub reviewer: Option<String>,
    /// Blind rounds the one running it may not see yet: named, not shown.
    pub blind: Vec<Round>,
    /// The widest gaps between self and the reviewer (`manager` in each),
    /// widest first.
    pub disagreements: Vec<DisagreementReport>,
    /// How many disagreements there are in all.
    pub disagreement_count: usize,
    /// Open actions due before today.
    pub overdue_actions: Vec<ActionReport>,
    /// The other open actions.
    pub open_actions: Vec<ActionReport>,
    /// Notes written or changed in the current rounds since the round before.
    pub new_notes: Vec<NewNote>,
    /// The day the current self round began (`YYYY-MM-DD`): evidence dated
    /// from then on is new since the last conversation. `None`: no round.
    pub evidence_since: Option<String>,
    /// Evidence items dated on or after `evidence_since` (all of them
    /// without a round), oldest first, each with the statements it supports.
    pub new_evidence: Vec<EvidenceReport>,
    /// Statements reworded since the current rounds rated them.
    pub reworded: Vec<AgendaStatement>,
    /// The next level's statements the person's current round does not meet.
    pub next_level: Option<NextLevel>,
}

#[derive(Debug, Serialize)]
pub struct NewNote {
    pub key: String,
    /// Whose note: the person's name or the reviewer's.
    pub by: String,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct AgendaStatement {
    pub key: String,
    pub text: String,
    /// Whose rating was given against the old words.
    pub rated_by: String,
}

#[derive(Debug, Serialize)]
pub struct NextLevel {
    pub level: String,
    pub met: usize,
    pub total: usize,
    pub not_met: Vec<NotMet>,
}

#[derive(Debug, Serialize)]
pub struct NotMet {
    pub key: String,
    pub text: String,
    #[serde(rename = "self")]
    pub own: RatingReport,
}

impl Agenda {
    /// The agenda of `profile` for a meeting with `named` (else the
    /// reviewer the rule picks), as of `today` (`YYYY-MM-DD`).
    pub fn of(
        profile: &Profile,
        framework: &Framework,
        named: Option<&str>,
        today: &str,
    ) -> Result<Agenda, InputError> {
        let viewer = Viewer::named(named);
        let blind = reviewers::blind_rounds(profile, viewer);
        let sighted = reviewers::sighted(profile, viewer);
        let profile = &*sighted;
        let fits = || InputError::new("the profile's craft or level is not in its framework");
        let craft = framework.craft(&profile.craft).ok_or_else(fits)?;
        let level = craft.level(&profile.level).ok_or_else(fits)?;
        let own = profile.current(Role::Own);
        let beside = reviewers::beside(profile, named)
            .map_err(InputError::from)?
            .map(|b| b.review);
        let rating = |a: Option<&Assessment>, key: &str| RatingReport::of(a, key, framework);

        let found = match (own, beside) {
            (Some(own), Some(review)) => disagreements(level, own, review),
            _ => Vec::new(),
        };
        let disagreement_count = found.len();
        let disagreements = found
            .iter()
            .take(MOST_DISAGREEMENTS)
            .map(|d| DisagreementReport::of(d, framework))
            .collect();

        let (overdue_actions, open_actions) = profile
            .actions
            .iter()
            .filter(|a| a.is_open())
            .partition::<Vec<_>, _>(|a| a.is_overdue(today));
        let actions = |list: Vec<&crate::model::actions::Action>| {
            list.into_iter().map(ActionReport::of).collect()
        };

        let mut new_notes = Vec::new();
        let person = clean_line(&profile.person).into_owned();
        if let Some(own) = own {
            new_notes.extend(notes_since(own, profile.previous(Role::Own), &person));
        }
        if let Some(review) = beside {
            let before = profile
                .assessments
                .iter()
                .filter(|a| {
                    a.role == Role::Manager && reviewers::same_name(&a.assessor, &review.assessor)
                })
                .rev()
                .nth(1);
            new_notes.extend(notes_since(review, before, &clean_line(&review.assessor)));
        }

        let evidence_since = own.and_then(|a| a.started.date).map(|d| d.to_string());
        let mut new_evidence: Vec<EvidenceReport> = profile
            .evidence
            .iter()
            .map(EvidenceReport::of)
            .filter(|e| {
                evidence_since
                    .as_deref()
                    .is_none_or(|since| e.date.as_str() >= since)
            })
            .collect();
        new_evidence.sort_by(|a, b| a.date.cmp(&b.date));

        let reworded = [own, beside]
            .into_iter()
            .flatten()
            .flat_map(|a| {
                level.statements().filter_map(move |(key, _, s)| {
                    a.rating(key.as_str())?
                        .is_reworded(s)
                        .then(|| AgendaStatement {
                            key: key.to_string(),
                            text: clean_line(&s.text).into_owned(),
                            rated_by: match a.role {
                                Role::Own => clean_line(&profile.person).into_owned(),
                                Role::Manager => clean_line(&a.assessor).into_owned(),
                            },
                        })
                })
            })
            .collect();

        let next_level = craft.next_level(level).map(|next| {
            let scale = &framework.scale;
            let met = |key: &str| {
                own.map(|a| a.mark(key))
                    .is_some_and(|m| matches!(m, Mark::Value(v) if scale.is_met(v)))
            };
            let applicable: Vec<_> = next
                .statements()
                .filter(|(key, _, _)| {
                    own.map(|a| a.mark(key.as_str())) != Some(Mark::NotApplicable)
                })
                .collect();
            let not_met: Vec<NotMet> = applicable
                .iter()
                .filter(|(key, _, _)| !met(key.as_str()))
                .map(|(key, _, s)| NotMet {
                    key: key.to_string(),
                    text: clean_line(&s.text).into_owned(),
                    own: rating(own, key.as_str()),
                })
                .collect();
            NextLevel {
                level: clean_line(&next.title).into_owned(),
                met: applicable.len() - not_met.len(),
                total: applicable.len(),
                not_met,
            }
        });

        Ok(Agenda {
            person,
            level: clean_line(&level.title).into_owned(),
            reviewer: beside.map(|a| clean_line(&a.assessor).into_owned()),
            blind,
            disagreements,
            disagreement_count,
            overdue_actions: actions(overdue_actions),
            open_actions: actions(open_actions),
            new_notes,
            evidence_since,
            new_evidence,
            reworded,
            next_level,
        })
    }
}

/// The notes of `now` that `before` (the same author's round before) did
/// not have, or had in other words.
fn notes_since(now: &Assessment, before: Option<&Assessment>, by: &str) -> Vec<NewNote> {
    now.ratings()
        .iter()
        .filter(|r| !r.note().trim().is_empty())
        .filter(|r| {
            before
                .and_then(|b| b.rating(&r.statement))
                .is_none_or(|old| old.note().trim() != r.note().trim())
        })
        .map(|r| NewNote {
            key: clean_line(&r.statement).into_owned(),
            by: by.to_owned(),
            note: clean(r.note()).trim().to_owned(),
        })
        .collect()
}

/// The agenda in markdown, section by section.
pub fn markdown(agenda: &Agenda) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, agenda);
    out
}

/// The agenda's sections in the order a conversation takes them.
const SECTIONS: &[fn(&mut String, &Agenda) -> std::fmt::Result] = &[
    disagreements_section,
    actions_section,
    notes_section,
    evidence_section,
    reworded_section,
    next_level_section,
];

fn write_markdown(out: &mut String, a: &Agenda) -> std::fmt::Result {
    let with = a
        .reviewer
        .as_deref()
        .map_or("nobody has reviewed yet".to_owned(), |r| {
            format!("with {}", escape(r))
        });
    writeln!(
        out,
        "# Agenda: {}, {} ({with})",
        escape(&a.person),
        escape(&a.level)
    )?;
    for round in &a.blind {
        writeln!(out)?;
        writeln!(
            out,
            "Blind round: {}; its ratings and notes are not shown until both sides have signed off or it is revealed.",
            round.describe(escape)
        )?;
    }
    for section in SECTIONS {
        writeln!(out)?;
        section(out, a)?;
    }
    Ok(())
}

fn disagreements_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    writeln!(out, "## Largest disagreements")?;
    writeln!(out)?;
    let Some(reviewer) = a.reviewer.as_deref().map(escape) else {
        return writeln!(out, "No review to compare with yet.");
    };
    if a.disagreements.is_empty() {
        return writeln!(out, "None: where both rated, they agree.");
    }
    if a.disagreement_count > a.disagreements.len() {
        writeln!(
            out,
            "The widest {} of {}.",
            a.disagreements.len(),
            a.disagreement_count
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "| Gap | Statement | Self | {reviewer} | Self's note | {reviewer}'s note |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
    for d in &a.disagreements {
        writeln!(
            out,
            "| {} | {} `{}` | {} | {} | {} | {} |",
            d.gap,
            escape(&d.text),
            escape(&d.key),
            escape(&d.own.short()),
            escape(&d.manager.short()),
            escape(d.own.note.as_deref().unwrap_or("")),
            escape(d.manager.note.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}

fn actions_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    writeln!(out, "## Actions")?;
    writeln!(out)?;
    if a.overdue_actions.is_empty() && a.open_actions.is_empty() {
        return writeln!(out, "No open actions.");
    }
    writeln!(out, "| | Statement | Action | Owner | Due |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    let rows = a
        .overdue_actions
        .iter()
        .map(|x| ("overdue", x))
        .chain(a.open_actions.iter().map(|x| ("open", x)));
    for (status, x) in rows {
        writeln!(
            out,
            "| {status} | `{}` | {} | {} | {} |",
            escape(&x.statement),
            escape(&x.text),
            escape(&x.owner),
            x.due.as_deref().unwrap_or("—")
        )?;
    }
    Ok(())
}

fn notes_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    writeln!(out, "## Notes since the last round")?;
    writeln!(out)?;
    if a.new_notes.is_empty() {
        return writeln!(out, "No new notes.");
    }
    writeln!(out, "| Statement | By | Note |")?;
    writeln!(out, "| --- | --- | --- |")?;
    for n in &a.new_notes {
        writeln!(
            out,
            "| `{}` | {} | {} |",
            escape(&n.key),
            escape(&n.by),
            escape(&n.note)
        )?;
    }
    Ok(())
}

fn evidence_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    writeln!(out, "## Evidence since the last round")?;
    writeln!(out)?;
    let since = a.evidence_since.as_deref().map_or(String::new(), |day| {
        format!(" dated from {day}, when this round began")
    });
    if a.new_evidence.is_empty() {
        return writeln!(out, "No evidence items{since}.");
    }
    writeln!(
        out,
        "{}{since}:",
        crate::present::count(a.new_evidence.len(), "item")
    )?;
    writeln!(out)?;
    for item in &a.new_evidence {
        let supports: Vec<String> = item.statements.iter().map(|k| escape(k)).collect();
        writeln!(
            out,
            "- {} (supports {})",
            evidence_line(item),
            supports.join(", ")
        )?;
    }
    Ok(())
}

fn reworded_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    writeln!(out, "## Reworded since rated")?;
    writeln!(out)?;
    if a.reworded.is_empty() {
        return writeln!(out, "No statement was reworded since it was rated.");
    }
    for s in &a.reworded {
        writeln!(
            out,
            "- `{}` {} (rated by {} against the old words)",
            escape(&s.key),
            escape(&s.text),
            escape(&s.rated_by)
        )?;
    }
    Ok(())
}

fn next_level_section(out: &mut String, a: &Agenda) -> std::fmt::Result {
    let Some(next) = &a.next_level else {
        writeln!(out, "## The next level")?;
        writeln!(out)?;
        return writeln!(out, "This is the craft's top level.");
    };
    writeln!(out, "## Before {}", escape(&next.level))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} of its {} statements met; not met yet:",
        next.met, next.total
    )?;
    writeln!(out)?;
    for s in &next.not_met {
        writeln!(
            out,
            "- `{}` {} (self: {})",
            escape(&s.key),
            escape(&s.text),
            escape(&s.own.short())
        )?;
    }
    Ok(())
}

/// The agenda as JSON, for other tools.
pub fn json(agenda: &Agenda) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(agenda)?;
    text.push('\n');
    Ok(text)
}
