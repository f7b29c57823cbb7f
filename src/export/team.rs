//! The overview of many profiles: one row per person, then the statements
//! most of the people assessed on them rate below "met" — the team's shared
//! growth areas. Built from the current self assessments.

use std::collections::HashMap;
use std::fmt::Write;

use super::csv::Sheet;
use super::markdown::escape;
use crate::model::StatementKey;
use crate::model::progress::area_tally;
use crate::model::text::{clean_line, identity};
use crate::model::{Framework, Mark, Profile, Role};

pub struct Member<'a> {
    pub profile: &'a Profile,
    pub framework: &'a Framework,
}

pub struct Row {
    pub person: String,
    pub framework: String,
    pub craft: String,
    pub level: String,
    pub updated: String,
    /// (area name, met, total) for the areas of the person's level.
    pub areas: Vec<(String, usize, usize)>,
    pub met: usize,
    pub total: usize,
}

pub struct Growth {
    pub area: String,
    pub text: String,
    pub key: String,
    pub below: usize,
    pub assessed: usize,
    pub people: Vec<String>,
}

pub struct Team {
    pub rows: Vec<Row>,
    /// Area names in the order first met, for the table's columns.
    pub columns: Vec<String>,
    pub growth: Vec<Growth>,
    /// Names that differ only by invisible characters, counted as one person.
    pub warnings: Vec<String>,
}

/// The overview built one profile at a time: only the tallies of a profile
/// are kept once it is added, so a team of any size costs the size of its
/// tallies, not of its files.
#[derive(Default)]
pub struct TeamBuilder {
    rows: Vec<Row>,
    columns: Vec<String>,
    /// (framework, craft, key) → growth entry
    growth: HashMap<(String, String, String), Growth>,
    /// A name without its invisible characters → the name shown for it.
    people: HashMap<String, String>,
    warnings: Vec<String>,
}

impl TeamBuilder {
    /// The name a person is shown by: the first spelling met of all those
    /// that differ only by invisible characters (`Sam` and `S\u{200B}am`).
    fn person(&mut self, name: &str) -> String {
        let shown = clean_line(name).into_owned();
        let key = identity(name);
        match self.people.get(&key) {
            Some(first) if *first != shown => {
                self.warnings.push(format!(
                    "`{shown}` and `{first}` differ only by invisible characters: counted as one person, `{first}`"
                ));
                first.clone()
            }
            Some(first) => first.clone(),
            None => {
                self.people.insert(key, shown.clone());
                shown
            }
        }
    }

    /// Adds one profile's tallies.
    pub fn add(&mut self, profile: &Profile, framework: &Framework) {
        let Some(craft) = framework.craft(&profile.craft) else {
            return;
        };
        let Some(level) = craft.level(&profile.level) else {
            return;
        };
        let own = profile.current(Role::Own);
        let person = self.person(&profile.person);
        let mut row = Row {
            person: person.clone(),
            framework: framework.name.clone(),
            craft: craft.name.clone(),
            level: level.title.clone(),
            updated: own.map_or_else(String::new, |a| {
                a.updated.to_string().chars().take(10).collect()
            }),
            areas: Vec::new(),
            met: 0,
            total: 0,
        };
        for area in &level.areas {
            let tally = area_tally(level, area, own, &framework.scale);
            row.areas.push((area.name.clone(), tally.met, tally.total));
            (row.met, row.total) = (row.met + tally.met, row.total + tally.total);
            if !self.columns.contains(&area.name) {
                self.columns.push(area.name.clone());
            }
            for statement in &area.statements {
                let key = StatementKey::new(&level.id, &area.id, &statement.id).to_string();
                let Some(Mark::Value(value)) = own.map(|a| a.mark(&key)) else {
                    continue;
                };
                let entry = self
                    .growth
                    .entry((framework.id.clone(), craft.id.clone(), key.clone()))
                    .or_insert_with(|| Growth {
                        area: area.name.clone(),
                        text: statement.text.clone(),
                        key,
                        below: 0,
                        assessed: 0,
                        people: Vec::new(),
                    });
                entry.assessed += 1;
                if !framework.scale.is_met(value) {
                    entry.below += 1;
                    if !entry.people.contains(&person) {
                        entry.people.push(person.clone());
                    }
                }
            }
        }
        self.rows.push(row);
    }

    pub fn finish(self) -> Team {
        let mut growth: Vec<Growth> = self
            .growth
            .into_values()
            .filter(|g| g.below * 2 > g.assessed)
            .collect();
        growth.sort_by(|a, b| b.below.cmp(&a.below).then_with(|| a.key.cmp(&b.key)));
        Team {
            rows: self.rows,
            columns: self.columns,
            growth,
            warnings: self.warnings,
        }
    }
}

impl Team {
    /// The overview of profiles already read and checked.
    pub fn of(loaded: &[crate::store::Checked<'_>]) -> Team {
        let mut team = TeamBuilder::default();
        for checked in loaded {
            team.add(&checked.profile, checked.framework);
        }
        team.finish()
    }

    pub fn new(members: &[Member<'_>]) -> Team {
        let mut team = TeamBuilder::default();
        for member in members {
            team.add(member.profile, member.framework);
        }
        team.finish()
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "# Team overview")?;
        writeln!(out)?;
        writeln!(
            out,
            "{} profiles. Met / total per area, from each person's current self assessment.",
            self.rows.len()
        )?;
        writeln!(out)?;
        let columns: Vec<String> = self.columns.iter().map(|c| escape(c)).collect();
        writeln!(
            out,
            "| Person | Craft | Level | {} | Met | Updated |",
            columns.join(" | ")
        )?;
        writeln!(out, "|{}", " --- |".repeat(columns.len() + 5))?;
        for row in &self.rows {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|c| {
                    row.areas
                        .iter()
                        .find(|(name, _, _)| name == c)
                        .map_or("—".to_owned(), |(_, met, total)| {
                            format!("{met} / {total}")
                        })
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} / {} | {} |",
                escape(&row.person),
                escape(&row.craft),
                escape(&row.level),
                cells.join(" | "),
                row.met,
                row.total,
                row.updated
            )?;
        }
        writeln!(out)?;
        writeln!(out, "## Shared growth areas")?;
        writeln!(out)?;
        if self.growth.is_empty() {
            writeln!(
                out,
                "No statement is rated below \"met\" by most of the people assessed on it."
            )?;
            return Ok(());
        }
        writeln!(
            out,
            "Statements that most of the people who rated them rate below \"met\":"
        )?;
        writeln!(out)?;
        writeln!(out, "| Area | Statement | Below met | Who |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for g in &self.growth {
            writeln!(
                out,
                "| {} | {} | {} of {} | {} |",
                escape(&g.area),
                escape(&g.text),
                g.below,
                g.assessed,
                escape(&g.people.join(", "))
            )?;
        }
        Ok(())
    }

    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut sheet = Sheet::default();
        let mut header = vec![
            "person".to_owned(),
            "framework".into(),
            "craft".into(),
            "level".into(),
            "updated".into(),
            "met".into(),
            "total".into(),
        ];
        header.extend(self.columns.iter().cloned());
        sheet.row(&header)?;
        for row in &self.rows {
            let mut record = vec![
                row.person.clone(),
                row.framework.clone(),
                row.craft.clone(),
                row.level.clone(),
                row.updated.clone(),
                row.met.to_string(),
                row.total.to_string(),
            ];
            record.extend(self.columns.iter().map(|c| {
                row.areas
                    .iter()
                    .find(|(name, _, _)| name == c)
                    .map_or(String::new(), |(_, met, total)| format!("{met}/{total}"))
            }));
            sheet.row(&record)?;
        }
        sheet.finish()
    }
}
