//! The overview of many profiles: one row per person, then the statements
//! most of the people assessed on them rate below "met" — the team's shared
//! growth areas. Built from the current self assessments.

use std::collections::HashMap;
use std::fmt::Write;

use super::markdown::escape;
use crate::model::StatementKey;
use crate::model::progress::area_tally;
use crate::model::text::clean_line;
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
}

impl Team {
    /// The overview of profiles already read and checked.
    pub fn of(loaded: &[crate::store::Checked<'_>]) -> Team {
        let members: Vec<Member> = loaded
            .iter()
            .map(|c| Member {
                profile: &c.profile,
                framework: c.framework,
            })
            .collect();
        Team::new(&members)
    }

    pub fn new(members: &[Member<'_>]) -> Team {
        let mut rows = Vec::new();
        let mut columns: Vec<String> = Vec::new();
        // (framework, craft, key) → growth entry
        let mut growth: HashMap<(String, String, String), Growth> = HashMap::new();
        for member in members {
            let (profile, framework) = (member.profile, member.framework);
            let Some(craft) = framework.craft(&profile.craft) else {
                continue;
            };
            let Some(level) = craft.level(&profile.level) else {
                continue;
            };
            let own = profile.current(Role::Own);
            let person = clean_line(&profile.person).into_owned();
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
                if !columns.contains(&area.name) {
                    columns.push(area.name.clone());
                }
                for statement in &area.statements {
                    let key = StatementKey::new(&level.id, &area.id, &statement.id).to_string();
                    let Some(Mark::Value(value)) = own.map(|a| a.mark(&key)) else {
                        continue;
                    };
                    let entry = growth
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
                        entry.people.push(person.clone());
                    }
                }
            }
            rows.push(row);
        }
        let mut growth: Vec<Growth> = growth
            .into_values()
            .filter(|g| g.below * 2 > g.assessed)
            .collect();
        growth.sort_by(|a, b| b.below.cmp(&a.below).then_with(|| a.key.cmp(&b.key)));
        Team {
            rows,
            columns,
            growth,
        }
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
        let mut writer = csv::Writer::from_writer(Vec::new());
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
        writer.write_record(&header)?;
        for row in &self.rows {
            let mut record = vec![
                super::csv::defuse(&row.person),
                super::csv::defuse(&row.framework),
                super::csv::defuse(&row.craft),
                super::csv::defuse(&row.level),
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
            writer.write_record(&record)?;
        }
        let bytes = writer.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
