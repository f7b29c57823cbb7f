//! A merge conflict recorded in a profile: where `rungs merge-file` found
//! two versions it cannot choose between, it keeps one in place and the
//! other beside it, in a `conflict` table of the same table. Every reader
//! of rungs reads the file as before (the table is one more unknown key to
//! an older build, and kept); the screen marks the rating and lets the
//! person pick, `validate` warns, the exports say it.
//!
//! The form (docs/file-formats.md, "Merge conflicts"):
//!
//! ```toml
//! [assessments.ratings.conflict]
//! keys = ["value"]              # the keys the versions disagree on
//! reason = "both"               # or "signed-off"
//! theirs = { value = 2 }        # that version's values of `keys`
//! ```
//!
//! The table holding the record has the kept version: ours after a plain
//! merge, the signed-off one after a change that came after a sign-off.
//! `ours` and `theirs` hold the versions not kept (a key of `keys` missing
//! from one: that version had no such key). `missing_in` names the sides
//! that removed an item the other changed (the item is kept).

use toml::{Table, Value};

use super::profile::{Mark, Rating};

/// The key of a conflict record in any table of a profile.
pub const KEY: &str = "conflict";

/// Why two versions could not be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Both sides changed the same thing differently.
    Both,
    /// A side changed a round after it was signed off (or while the other
    /// side signed it off): the signed-off version is kept.
    SignedOff,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Both => "both",
            Reason::SignedOff => "signed-off",
        }
    }

    fn parse(text: &str) -> Reason {
        if text == Reason::SignedOff.as_str() {
            Reason::SignedOff
        } else {
            Reason::Both
        }
    }
}

/// One side of a merge, as git names them: ours is the clone the merge
/// happens in, theirs the version merged into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// A conflict record, read from a table's `conflict` key.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The keys the versions disagree on (none when only an item's
    /// presence is disputed).
    pub keys: Vec<String>,
    pub reason: Reason,
    /// The versions not kept in place, each with its values of `keys`.
    pub ours: Option<Table>,
    pub theirs: Option<Table>,
    /// Sides that removed the item the record is in, while the other changed it.
    pub missing_in: Vec<Side>,
}

impl Record {
    /// The record in `table`, if it holds one.
    pub fn of(table: &Table) -> Option<Record> {
        Record::from_value(table.get(KEY)?)
    }

    pub fn from_value(value: &Value) -> Option<Record> {
        let record = value.as_table()?;
        let strings = |key: &str| -> Vec<String> {
            record
                .get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let keys = strings("keys");
        let missing_in: Vec<Side> = strings("missing_in")
            .iter()
            .filter_map(|s| match s.as_str() {
                "ours" => Some(Side::Ours),
                "theirs" => Some(Side::Theirs),
                _ => None,
            })
            .collect();
        let version = |key: &str| record.get(key).and_then(Value::as_table).cloned();
        let (ours, theirs) = (version("ours"), version("theirs"));
        if keys.is_empty() && missing_in.is_empty() {
            return None;
        }
        Some(Record {
            keys,
            reason: Reason::parse(
                record
                    .get("reason")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            ),
            ours,
            theirs,
            missing_in,
        })
    }

    /// The versions not kept, each with its side.
    pub fn others(&self) -> impl Iterator<Item = (Side, &Table)> {
        [(Side::Ours, &self.ours), (Side::Theirs, &self.theirs)]
            .into_iter()
            .filter_map(|(side, v)| v.as_ref().map(|v| (side, v)))
    }
}

/// A step of a path into a document, for a record found anywhere in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A record and the path of the table that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: Vec<Step>,
    pub record: Record,
}

/// Every conflict record in a document, in document order.
pub fn find_all(document: &Table) -> Vec<Found> {
    let mut found = Vec::new();
    walk_table(document, &mut Vec::new(), &mut found);
    found
}

fn walk_table(table: &Table, path: &mut Vec<Step>, found: &mut Vec<Found>) {
    if let Some(record) = Record::of(table) {
        found.push(Found {
            path: path.clone(),
            record,
        });
    }
    for (key, value) in table {
        // A record's own versions are values, not places with records.
        if key == KEY {
            continue;
        }
        path.push(Step::Key(key.clone()));
        walk_value(value, path, found);
        path.pop();
    }
}

fn walk_value(value: &Value, path: &mut Vec<Step>, found: &mut Vec<Found>) {
    match value {
        Value::Table(table) => walk_table(table, path, found),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk_value(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Where a record is, in words: `self · Alex Doe · round 2 ·
/// level-4/automation/1` for a rating, the keys' path elsewhere
/// (`evidence[e1]`). Rounds are counted per role, and a manager's per manager.
pub fn describe(document: &Table, path: &[Step]) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut here: Option<&Value> = None;
    let mut table = Some(document);
    let mut last_key = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                here = table.and_then(|t| t.get(key));
                last_key = key.clone();
                if key != "assessments" && key != "ratings" {
                    words.push(key.clone());
                }
            }
            Step::Index(i) => {
                let items = here.and_then(Value::as_array);
                let item = items.and_then(|a| a.get(*i));
                let item_table = item.and_then(Value::as_table);
                words.push(match (last_key.as_str(), item_table) {
                    ("assessments", Some(round)) => {
                        round_words(items.map(Vec::as_slice).unwrap_or_default(), *i, round)
                    }
                    ("ratings", Some(rating)) => text_of(rating, "statement"),
                    (_, Some(t)) if t.contains_key("id") => {
                        format!("{last_key}[{}]", text_of(t, "id"))
                    }
                    _ => format!("{last_key}[{i}]"),
                });
                here = item;
                table = item_table;
                continue;
            }
        }
        table = here.and_then(Value::as_table);
    }
    if words.is_empty() {
        "the profile's own keys".to_owned()
    } else {
        words.join(" · ")
    }
}

fn text_of(table: &Table, key: &str) -> String {
    match table.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// `self · Alex Doe · round 2`.
fn round_words(rounds: &[Value], index: usize, round: &Table) -> String {
    let (role, assessor) = (text_of(round, "role"), text_of(round, "assessor"));
    let number = rounds[..index.min(rounds.len())]
        .iter()
        .filter_map(Value::as_table)
        .filter(|a| {
            text_of(a, "role") == role && (role == "self" || text_of(a, "assessor") == assessor)
        })
        .count()
        + 1;
    format!("{role} · {assessor} · round {number}")
}

/// What a record says, in words: `value, note (theirs beside ours)`.
pub fn summary(record: &Record) -> String {
    let what = if record.keys.is_empty() {
        String::new()
    } else {
        record.keys.join(", ")
    };
    let missing: Vec<&str> = record.missing_in.iter().map(|s| s.as_str()).collect();
    let kept = match record.reason {
        Reason::Both => "ours kept",
        Reason::SignedOff => "the signed-off version kept",
    };
    let others: Vec<&str> = record.others().map(|(s, _)| s.as_str()).collect();
    let mut parts = Vec::new();
    if !what.is_empty() {
        parts.push(format!(
            "{what} ({kept}; {} beside it)",
            others.join(" and ")
        ));
    }
    if !missing.is_empty() {
        parts.push(format!(
            "removed by {} while changed by the other (kept)",
            missing.join(" and ")
        ));
    }
    parts.join("; ")
}

/// A rating as one version of a conflict has it: its judgement and note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingVersion {
    pub mark: Mark,
    pub note: String,
}

/// A conflict recorded on a rating, with both versions as ratings read.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingConflict {
    pub record: Record,
    /// The version in place.
    pub kept: RatingVersion,
}

impl RatingConflict {
    /// Whether the note is disputed (so "keep both notes" makes sense).
    pub fn notes_differ(&self) -> bool {
        self.record.keys.iter().any(|k| k == "note")
    }

    /// Whether the judgement (value or not applicable) is disputed.
    pub fn marks_differ(&self) -> bool {
        self.record.keys.iter().any(|k| k == "value" || k == "na")
    }

    /// The other versions, as ratings read.
    pub fn others(&self) -> Vec<(Side, RatingVersion)> {
        self.record
            .others()
            .map(|(side, values)| (side, self.version(values)))
            .collect()
    }

    /// The version `values` describes: its values of the disputed keys,
    /// the kept ones for the rest.
    fn version(&self, values: &Table) -> RatingVersion {
        let disputed = |key: &str| self.record.keys.iter().any(|k| k == key);
        let mark = if self.marks_differ() {
            let na = values.get("na").and_then(Value::as_bool).unwrap_or(false);
            let value = values
                .get("value")
                .and_then(Value::as_integer)
                .and_then(|v| u8::try_from(v).ok());
            match (na, value) {
                (true, _) => Mark::NotApplicable,
                (false, Some(v)) => Mark::Value(v),
                (false, None) => Mark::Unrated,
            }
        } else {
            self.kept.mark
        };
        let note = if disputed("note") {
            values
                .get("note")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        } else {
            self.kept.note.clone()
        };
        RatingVersion { mark, note }
    }
}

/// How a person settles a rating's conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The version in place: the record goes.
    Kept,
    /// The version of that side replaces the disputed keys.
    Side(Side),
    /// The kept rating, with the other version's note after its own.
    BothNotes,
}

/// What joins two notes kept together: a line naming where the second
/// came from, so the reader sees two texts, not one.
pub const BOTH_NOTES_RULE: &str = "── the other version of this note (merge) ──";

impl Rating {
    /// The conflict recorded on this rating, if any.
    pub fn conflict(&self) -> Option<RatingConflict> {
        let record = Record::from_value(self.extra.get(KEY)?)?;
        Some(RatingConflict {
            record,
            kept: RatingVersion {
                mark: self.mark(),
                note: self.note().to_owned(),
            },
        })
    }

    /// This rating with its conflict settled by `pick`. A pick the record
    /// does not offer (a side it does not hold) changes nothing.
    pub fn resolved(&self, pick: Pick) -> Option<Rating> {
        let conflict = self.conflict()?;
        let mut rating = self.clone();
        match pick {
            Pick::Kept => {}
            Pick::Side(side) => {
                let values = conflict
                    .record
                    .others()
                    .find(|(s, _)| *s == side)
                    .map(|(_, v)| v.clone())?;
                for key in &conflict.record.keys {
                    rating.set_key(key, values.get(key));
                }
            }
            Pick::BothNotes => {
                let (_, other) = conflict.others().into_iter().next()?;
                let mine = rating.note().trim_end().to_owned();
                let theirs = other.note.trim();
                rating.note = Some(match (mine.is_empty(), theirs.is_empty()) {
                    (_, true) => mine,
                    (true, false) => theirs.to_owned(),
                    (false, false) => format!("{mine}\n\n{BOTH_NOTES_RULE}\n{theirs}"),
                })
                .filter(|n| !n.is_empty());
            }
        }
        rating.extra.remove(KEY);
        Some(rating)
    }

    /// Sets (or with `None` removes) one key of the rating as the file names it.
    fn set_key(&mut self, key: &str, value: Option<&Value>) {
        match key {
            "value" => {
                self.value = value
                    .and_then(Value::as_integer)
                    .and_then(|v| u8::try_from(v).ok())
            }
            "na" => self.na = value.and_then(Value::as_bool).unwrap_or(false),
            "note" => self.note = value.and_then(Value::as_str).map(str::to_owned),
            "seen" => self.seen = value.and_then(Value::as_str).map(str::to_owned),
            // The identity never changes; a record never names it.
            "statement" => {}
            other => match value {
                Some(v) => {
                    self.extra.insert(other.to_owned(), v.clone());
                }
                None => {
                    self.extra.remove(other);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(text: &str) -> Rating {
        toml::from_str(text).expect("a rating")
    }

    #[test]
    fn a_rating_conflict_reads_both_versions() {
        let r = rating(
            "statement = \"l/a/1\"\nvalue = 3\nnote = \"mine\"\n[conflict]\nkeys = [\"value\", \"note\"]\nreason = \"both\"\ntheirs = { value = 2, note = \"theirs\" }\n",
        );
        let c = r.conflict().expect("a conflict");
        assert_eq!(c.kept.mark, Mark::Value(3));
        assert_eq!(
            c.others(),
            vec![(
                Side::Theirs,
                RatingVersion {
                    mark: Mark::Value(2),
                    note: "theirs".into()
                }
            )]
        );
        assert!(c.notes_differ() && c.marks_differ());
    }

    #[test]
    fn picking_a_side_sets_and_clears_the_disputed_keys() {
        let r = rating(
            "statement = \"l/a/1\"\nvalue = 3\nseen = \"abc\"\nnote = \"kept\"\n[conflict]\nkeys = [\"value\", \"na\", \"seen\"]\ntheirs = { na = true }\n",
        );
        let theirs = r.resolved(Pick::Side(Side::Theirs)).expect("resolved");
        assert_eq!(theirs.mark(), Mark::NotApplicable);
        assert_eq!(theirs.seen, None);
        assert_eq!(theirs.note(), "kept", "the note was not disputed");
        assert!(theirs.conflict().is_none() && !theirs.extra.contains_key(KEY));
        let kept = r.resolved(Pick::Kept).expect("resolved");
        assert_eq!(kept.mark(), Mark::Value(3));
        assert!(kept.extra.is_empty());
        assert_eq!(r.resolved(Pick::Side(Side::Ours)), None, "no ours version");
    }

    #[test]
    fn both_notes_are_kept_one_after_the_other() {
        let r = rating(
            "statement = \"l/a/1\"\nnote = \"mine\"\n[conflict]\nkeys = [\"note\"]\ntheirs = { note = \"yours\" }\n",
        );
        let both = r.resolved(Pick::BothNotes).expect("resolved");
        assert_eq!(both.note(), format!("mine\n\n{BOTH_NOTES_RULE}\nyours"));
    }

    #[test]
    fn records_are_found_anywhere_with_their_path() {
        let doc: Table = toml::from_str(
            "person = \"A\"\n[[assessments]]\nrole = \"self\"\n[[assessments.ratings]]\nstatement = \"x\"\n[assessments.ratings.conflict]\nkeys = [\"value\"]\ntheirs = {}\n[extra.deep]\nconflict = { missing_in = [\"ours\"] }\n",
        )
        .expect("toml");
        let found = find_all(&doc);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].path,
            vec![
                Step::Key("assessments".into()),
                Step::Index(0),
                Step::Key("ratings".into()),
                Step::Index(0)
            ]
        );
        assert_eq!(found[1].record.missing_in, vec![Side::Ours]);
        assert_eq!(describe(&doc, &found[0].path), "self ·  · round 1 · x");
        assert_eq!(describe(&doc, &found[1].path), "extra · deep");
        assert_eq!(
            summary(&found[0].record),
            "value (ours kept; theirs beside it)"
        );
    }
}
