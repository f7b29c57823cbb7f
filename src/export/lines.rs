//! A profile as one line per fact, for git's `textconv` (`rungs
//! show-profile`): `git diff` and `git log -p` then read as changes of
//! ratings and notes. Each line names its place whole (`self · Alex Doe ·
//! round 2 · Automation 2: 3 Mostly · note: …`), so a changed line is
//! understood without its neighbours; the order is stable (rounds as in
//! the file, ratings in the framework's order, then the rest by key).
//! A note stays on its rating's line, its line breaks shown as ` ↵ `.
//! Every text from the file passes the one-line sanitiser.

use std::collections::HashMap;

use toml::{Table, Value};

use crate::model::conflict::{self, RatingConflict};
use crate::model::text::clean_line;
use crate::model::{Assessment, Craft, Framework, Mark, Profile, Rating, Role};

/// How a line break inside a note is written on its one line.
pub const LINE_BREAK: &str = " ↵ ";

/// The lines of `profile`; `framework` (the one it names, if installed)
/// gives statements and values their names.
pub fn render(profile: &Profile, framework: Option<&Framework>) -> String {
    let craft = framework.and_then(|f| f.craft(&profile.craft));
    let names = Names::new(framework, craft, &profile.level);
    let mut out = Vec::new();
    out.push(format!(
        "profile · {} · {} · {} · {}",
        profile.person, profile.framework, profile.craft, profile.level
    ));
    match (framework, craft) {
        (Some(f), Some(c)) => {
            let level = c
                .level(&profile.level)
                .map_or(profile.level.as_str(), |l| l.title.as_str());
            out.push(format!("framework · {} · {} · {level}", f.name, c.name));
        }
        _ => out.push(format!(
            "framework · `{}` is not installed here: statements and values without their names",
            profile.framework
        )),
    }
    // The profile's own keys that git should show change, as its unknown
    // ones are: the blind default, the actions (one line each, by id).
    let mut keys = profile.extra.clone();
    if profile.blind {
        keys.insert("blind".to_owned(), Value::Boolean(true));
    }
    if let Some(actions) = as_toml(&profile.actions) {
        keys.insert("actions".to_owned(), actions);
    }
    extra_lines(&mut out, "profile", &keys);
    let mut counts: HashMap<(Role, &str), usize> = HashMap::new();
    for assessment in &profile.assessments {
        // A manager's rounds are counted per manager, as every screen counts them.
        let who = match assessment.role {
            Role::Own => "",
            Role::Manager => assessment.assessor.as_str(),
        };
        let round = counts.entry((assessment.role, who)).or_default();
        *round += 1;
        round_lines(&mut out, assessment, *round, &names);
    }
    evidence_lines(&mut out, profile, &names);
    let mut text = String::new();
    for line in out {
        text.push_str(&clean_line(&line));
        text.push('\n');
    }
    text
}

/// What the framework calls statements and values, when it is installed.
struct Names<'f> {
    framework: Option<&'f Framework>,
    /// Statement key → (position in the craft, "Automation 2", its words).
    statements: HashMap<String, (usize, String, &'f crate::model::Statement)>,
}

impl<'f> Names<'f> {
    fn new(framework: Option<&'f Framework>, craft: Option<&'f Craft>, own: &str) -> Names<'f> {
        let mut statements = HashMap::new();
        for level in craft.map(|c| c.levels_by_rank()).unwrap_or_default() {
            for (key, area, statement) in level.statements() {
                let name = if level.id == own {
                    format!("{} {}", area.name, statement.id)
                } else {
                    format!("{} {} ({})", area.name, statement.id, level.id)
                };
                let at = statements.len();
                statements.insert(key.to_string(), (at, name, statement));
            }
        }
        Names {
            framework,
            statements,
        }
    }

    fn statement(&self, key: &str) -> String {
        self.statements
            .get(key)
            .map_or_else(|| key.to_owned(), |(_, name, _)| name.clone())
    }

    fn mark(&self, mark: Mark) -> String {
        match mark {
            Mark::Value(v) => match self.framework.map(|f| f.scale.label(v)) {
                Some(label) if !label.is_empty() => format!("{v} {label}"),
                _ => v.to_string(),
            },
            Mark::NotApplicable => "n/a".to_owned(),
            Mark::Unrated => "not rated".to_owned(),
        }
    }

    fn is_reworded(&self, rating: &Rating) -> bool {
        self.statements
            .get(&rating.statement)
            .is_some_and(|(_, _, statement)| rating.is_reworded(statement))
    }
}

fn round_lines(out: &mut Vec<String>, assessment: &Assessment, round: usize, names: &Names) {
    let head = format!(
        "{} · {} · round {round}",
        assessment.role.as_str(),
        assessment.assessor
    );
    out.push(format!("{head} · started {}", assessment.started));
    out.push(format!("{head} · updated {}", assessment.updated));
    if let Some(finished) = &assessment.finished {
        out.push(format!("{head} · signed off {finished}"));
    }
    if assessment.blind {
        out.push(format!("{head} · blind"));
    }
    if let Some(revealed) = &assessment.revealed {
        out.push(format!("{head} · revealed {revealed}"));
    }
    let mut extra = assessment.extra.clone();
    if let Some(record) = extra.remove(conflict::KEY) {
        record_line(out, &head, &record);
    }
    extra_lines(out, &head, &extra);
    let mut ratings: Vec<&Rating> = assessment.ratings().iter().collect();
    // The framework's order, then the statements it does not have, by key.
    ratings.sort_by(|a, b| {
        let place = |r: &Rating| names.statements.get(&r.statement).map(|(i, _, _)| *i);
        match (place(a), place(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.statement.cmp(&b.statement),
        }
    });
    for rating in ratings {
        rating_lines(out, &head, rating, names);
    }
}

fn rating_lines(out: &mut Vec<String>, head: &str, rating: &Rating, names: &Names) {
    let statement = names.statement(&rating.statement);
    let mut line = format!("{head} · {statement}: {}", names.mark(rating.mark()));
    if names.is_reworded(rating) {
        line.push_str(" · Δ reworded since rated");
    }
    if !rating.note().trim().is_empty() {
        line.push_str(&format!(" · note: {}", one_line(rating.note())));
    }
    let mut extra = rating.extra.clone();
    extra.remove(conflict::KEY);
    for (key, value) in &extra {
        line.push_str(&format!(" · {key} = {}", inline(value)));
    }
    out.push(line);
    if let Some(c) = rating.conflict() {
        out.push(rating_conflict_line(head, &statement, &c, names));
    }
}

fn rating_conflict_line(head: &str, statement: &str, c: &RatingConflict, names: &Names) -> String {
    let others: Vec<String> = c
        .others()
        .into_iter()
        .map(|(side, version)| {
            let mut said = format!("{} {}", side.as_str(), names.mark(version.mark));
            if c.notes_differ() {
                match one_line(&version.note) {
                    note if note.is_empty() => said.push_str(" · no note"),
                    note => said.push_str(&format!(" · note: {note}")),
                }
            }
            said
        })
        .collect();
    let missing: Vec<&str> = c.record.missing_in.iter().map(|s| s.as_str()).collect();
    let mut line = format!(
        "{head} · {statement} · ≠ merge conflict ({}): {}",
        c.record.keys.join(", "),
        others.join(" · ")
    );
    if !missing.is_empty() {
        line.push_str(&format!(" · removed in {}", missing.join(", ")));
    }
    line
}

/// A record that is not a rating's: its keys and versions as written.
fn record_line(out: &mut Vec<String>, head: &str, record: &Value) {
    match conflict::Record::from_value(record) {
        Some(r) => out.push(format!(
            "{head} · ≠ merge conflict: {} · {}",
            conflict::summary(&r),
            r.others()
                .map(|(side, values)| format!(
                    "{} {}",
                    side.as_str(),
                    inline(&Value::Table(values.clone()))
                ))
                .collect::<Vec<_>>()
                .join(" · ")
        )),
        None => out.push(format!("{head} · {} = {}", conflict::KEY, inline(record))),
    }
}

/// Keys this build does not know: one line each, an array of tables one
/// line per item (by its `id` when it has one).
fn extra_lines(out: &mut Vec<String>, head: &str, extra: &Table) {
    let mut keys: Vec<&String> = extra.keys().collect();
    keys.sort();
    for key in keys {
        let value = &extra[key.as_str()];
        if key == conflict::KEY {
            record_line(out, head, value);
            continue;
        }
        match value.as_array() {
            Some(items) if !items.is_empty() && items.iter().all(Value::is_table) => {
                for (i, item) in items.iter().enumerate() {
                    let id = item.get("id").map_or_else(
                        || i.to_string(),
                        |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                    );
                    let mut fields = item.as_table().cloned().unwrap_or_default();
                    fields.remove("id");
                    let record = fields.remove(conflict::KEY);
                    let shown: Vec<String> = fields
                        .iter()
                        .map(|(k, v)| format!("{k} = {}", inline(v)))
                        .collect();
                    out.push(format!("{head} · {key} {id} · {}", shown.join(" · ")));
                    if let Some(record) = record {
                        record_line(out, &format!("{head} · {key} {id}"), &record);
                    }
                }
            }
            _ => out.push(format!("{head} · {key} = {}", inline(value))),
        }
    }
}

/// The person's other identities, each evidence item (`evidence · ID ·
/// DAY · words · link … · supports Automation 2, …`) and where each
/// repository is.
fn evidence_lines(out: &mut Vec<String>, profile: &Profile, names: &Names) {
    for identity in &profile.identities {
        out.push(format!("identity · {}", one_line(identity)));
    }
    for item in &profile.evidence {
        let mut line = format!(
            "evidence · {} · {} · {}",
            item.id,
            item.date,
            one_line(&item.text)
        );
        for link in &item.links {
            line.push_str(&format!(" · link {}", one_line(link)));
        }
        for commit in &item.commits {
            line.push_str(&format!(" · commit {}", one_line(commit)));
        }
        let supports: Vec<String> = item.statements.iter().map(|k| names.statement(k)).collect();
        if !supports.is_empty() {
            line.push_str(&format!(" · supports {}", supports.join(", ")));
        }
        out.push(line);
        extra_lines(out, &format!("evidence · {}", item.id), &item.extra);
    }
    for (name, repository) in &profile.repositories {
        let mut line = format!("repository · {name}");
        if let Some(path) = &repository.path {
            line.push_str(&format!(" · path {}", one_line(path)));
        }
        if let Some(remote) = &repository.remote {
            line.push_str(&format!(" · remote {}", one_line(remote)));
        }
        out.push(line);
        extra_lines(out, &format!("repository · {name}"), &repository.extra);
    }
}

/// The actions as the file writes them (dates as dates), through TOML text;
/// `None` when there are none.
fn as_toml(actions: &[crate::model::actions::Action]) -> Option<Value> {
    #[derive(serde::Serialize)]
    struct Written<'a> {
        actions: &'a [crate::model::actions::Action],
    }
    if actions.is_empty() {
        return None;
    }
    let text = toml::to_string(&Written { actions }).ok()?;
    text.parse::<Table>().ok()?.remove("actions")
}

/// A note on one line: its line breaks as ` ↵ `, white space at its ends cut.
pub fn one_line(note: &str) -> String {
    note.trim()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join(LINE_BREAK)
}

/// A value as TOML writes it inline, on one line whatever it holds.
fn inline(value: &Value) -> String {
    match value {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Table(t) => format!(
            "{{ {} }}",
            t.iter()
                .map(|(k, v)| format!("{k} = {}", inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}
