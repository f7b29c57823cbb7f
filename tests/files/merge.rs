//! The merge of profiles (`rungs merge-file`) over random three-way edits:
//! nothing either side wrote is lost (each change is in the result, or
//! recorded beside it), the result is always a profile rungs reads, and
//! merging is order-independent where it should be.

use proptest::prelude::*;
use rungs::model::conflict::Side;
use rungs::model::merge::merge;
use rungs::model::{Framework, Profile};
use rungs_devtools::merging::each_change_kept;
use toml::{Table, Value};

const STATEMENTS: [&str; 5] = [
    "level-4/automation/1",
    "level-4/automation/2",
    "level-4/process-design/1",
    "level-4/engineering-maturity/3",
    // Not in the framework: an orphan, kept like any rating.
    "level-4/gone/9",
];
/// The rounds a profile may hold: role, assessor, day of the month it began.
const ROUNDS: [(&str, &str, u8); 4] = [
    ("self", "Alex Doe", 1),
    ("manager", "Sam Lee", 2),
    ("self", "Alex Doe", 10),
    ("manager", "Kim Park", 12),
];
const NOTES: [&str; 4] = ["", "first", "second\nwith two lines", "third"];

#[derive(Debug, Clone, PartialEq)]
struct Rated {
    /// 0: none, 1-4: a value, 5: not applicable.
    mark: u8,
    note: usize,
    seen: Option<u8>,
    /// An unknown key from a newer rungs.
    confidence: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
struct Round {
    which: usize,
    updated: u8,
    finished: Option<u8>,
    ratings: Vec<(usize, Rated)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Doc {
    manager: Option<u8>,
    evidence: Vec<(u8, u8)>,
    rounds: Vec<Round>,
}

#[derive(Debug, Clone)]
enum Edit {
    Rate {
        round: usize,
        statement: usize,
        rated: Rated,
    },
    Clear {
        round: usize,
        statement: usize,
    },
    AddRound(usize),
    DropRound(usize),
    SignOff {
        round: usize,
        day: u8,
    },
    Touch {
        round: usize,
        day: u8,
    },
    Manager(Option<u8>),
    Evidence {
        id: u8,
        text: Option<u8>,
    },
}

fn rated() -> impl Strategy<Value = Rated> {
    (
        0u8..=5,
        0..NOTES.len(),
        proptest::option::of(0u8..3),
        proptest::option::weighted(0.2, 0u8..3),
    )
        .prop_map(|(mark, note, seen, confidence)| Rated {
            mark,
            note,
            seen,
            confidence,
        })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0usize..4, 0..STATEMENTS.len(), rated())
            .prop_map(|(round, statement, rated)| Edit::Rate { round, statement, rated }),
        2 => (0usize..4, 0..STATEMENTS.len()).prop_map(|(round, statement)| Edit::Clear { round, statement }),
        1 => (0..ROUNDS.len()).prop_map(Edit::AddRound),
        1 => (0usize..4).prop_map(Edit::DropRound),
        1 => (0usize..4, 20u8..28).prop_map(|(round, day)| Edit::SignOff { round, day }),
        1 => (0usize..4, 14u8..28).prop_map(|(round, day)| Edit::Touch { round, day }),
        1 => proptest::option::of(0u8..3).prop_map(Edit::Manager),
        2 => (0u8..4, proptest::option::of(0u8..3)).prop_map(|(id, text)| Edit::Evidence { id, text }),
    ]
}

fn base_doc() -> impl Strategy<Value = Doc> {
    proptest::collection::vec(edit(), 0..14).prop_map(|edits| {
        let mut doc = Doc {
            manager: None,
            evidence: Vec::new(),
            rounds: Vec::new(),
        };
        for e in edits {
            apply(&mut doc, &e);
        }
        doc
    })
}

fn apply(doc: &mut Doc, edit: &Edit) {
    let count = doc.rounds.len();
    let round = |i: usize| (count > 0).then(|| i % count);
    match edit.clone() {
        Edit::Rate {
            round: r,
            statement,
            rated,
        } => {
            if let Some(r) = round(r) {
                let ratings = &mut doc.rounds[r].ratings;
                let empty = rated.mark == 0 && rated.note == 0 && rated.confidence.is_none();
                match ratings.iter().position(|(s, _)| *s == statement) {
                    Some(i) if empty => {
                        ratings.remove(i);
                    }
                    Some(i) => ratings[i].1 = rated,
                    None if empty => {}
                    None => ratings.push((statement, rated)),
                }
            }
        }
        Edit::Clear {
            round: r,
            statement,
        } => {
            if let Some(r) = round(r) {
                doc.rounds[r].ratings.retain(|(s, _)| *s != statement);
            }
        }
        Edit::AddRound(which) => {
            if !doc.rounds.iter().any(|r| r.which == which) {
                doc.rounds.push(Round {
                    which,
                    updated: ROUNDS[which].2,
                    finished: None,
                    ratings: Vec::new(),
                });
            }
        }
        Edit::DropRound(r) => {
            if let Some(r) = round(r) {
                doc.rounds.remove(r);
            }
        }
        Edit::SignOff { round: r, day } => {
            if let Some(r) = round(r) {
                doc.rounds[r].finished = Some(day);
            }
        }
        Edit::Touch { round: r, day } => {
            if let Some(r) = round(r) {
                doc.rounds[r].updated = day;
            }
        }
        Edit::Manager(m) => doc.manager = m,
        Edit::Evidence { id, text } => {
            let at = doc.evidence.iter().position(|(i, _)| *i == id);
            match (at, text) {
                (Some(i), Some(t)) => doc.evidence[i].1 = t,
                (Some(i), None) => {
                    doc.evidence.remove(i);
                }
                (None, Some(t)) => doc.evidence.push((id, t)),
                (None, None) => {}
            }
        }
    }
}

fn date(day: u8) -> Value {
    Value::Datetime(
        format!("2026-03-{day:02}T09:00:00Z")
            .parse()
            .expect("a datetime"),
    )
}

fn table(doc: &Doc) -> Table {
    let mut t = Table::new();
    t.insert("format".into(), Value::Integer(1));
    t.insert("person".into(), Value::String("Alex Doe".into()));
    t.insert("framework".into(), Value::String("vaarst".into()));
    t.insert("craft".into(), Value::String("devops-engineer".into()));
    t.insert("level".into(), Value::String("level-4".into()));
    if let Some(m) = doc.manager {
        t.insert("manager".into(), Value::String(format!("Manager {m}")));
    }
    if !doc.evidence.is_empty() {
        let items = doc
            .evidence
            .iter()
            .map(|(id, text)| {
                let mut e = Table::new();
                e.insert("id".into(), Value::String(format!("e{id}")));
                e.insert(
                    "date".into(),
                    Value::Datetime("2026-10-04".parse().expect("a day")),
                );
                e.insert(
                    "text".into(),
                    Value::String(format!("evidence text {text}")),
                );
                Value::Table(e)
            })
            .collect();
        t.insert("evidence".into(), Value::Array(items));
    }
    let rounds: Vec<Value> = doc
        .rounds
        .iter()
        .map(|round| {
            let (role, assessor, day) = ROUNDS[round.which];
            let mut a = Table::new();
            a.insert("role".into(), Value::String(role.into()));
            a.insert("assessor".into(), Value::String(assessor.into()));
            a.insert("started".into(), date(day));
            a.insert("updated".into(), date(round.updated.max(day)));
            if let Some(day) = round.finished {
                a.insert("finished".into(), date(day));
            }
            let ratings: Vec<Value> = round
                .ratings
                .iter()
                .map(|(s, r)| {
                    let mut x = Table::new();
                    x.insert("statement".into(), Value::String(STATEMENTS[*s].into()));
                    match r.mark {
                        1..=4 => {
                            x.insert("value".into(), Value::Integer(r.mark.into()));
                        }
                        5 => {
                            x.insert("na".into(), Value::Boolean(true));
                        }
                        _ => {}
                    }
                    if r.note > 0 {
                        x.insert("note".into(), Value::String(NOTES[r.note].into()));
                    }
                    if let Some(seen) = r.seen.filter(|_| r.mark > 0) {
                        x.insert("seen".into(), Value::String(format!("{seen:012x}")));
                    }
                    if let Some(c) = r.confidence {
                        x.insert("confidence".into(), Value::Integer(c.into()));
                    }
                    Value::Table(x)
                })
                .collect();
            if !ratings.is_empty() {
                a.insert("ratings".into(), Value::Array(ratings));
            }
            Value::Table(a)
        })
        .collect();
    if !rounds.is_empty() {
        t.insert("assessments".into(), Value::Array(rounds));
    }
    t
}

/// A base and two sides, each the base after its own edits.
fn three() -> impl Strategy<Value = (Doc, Doc, Doc)> {
    (
        base_doc(),
        proptest::collection::vec(edit(), 0..8),
        proptest::collection::vec(edit(), 0..8),
    )
        .prop_map(|(base, a, b)| {
            let (mut ours, mut theirs) = (base.clone(), base.clone());
            a.iter().for_each(|e| apply(&mut ours, e));
            b.iter().for_each(|e| apply(&mut theirs, e));
            (base, ours, theirs)
        })
}

fn vaarst() -> Framework {
    rungs::store::Catalog::load(std::path::Path::new("/nonexistent"))
        .find("vaarst")
        .expect("the embedded framework")
        .clone()
}

/// Arrays whose order carries no meaning, in one order: to compare two
/// merges made either way round.
fn canonical(table: &Table) -> Table {
    let mut out = table.clone();
    if let Some(Value::Array(items)) = out.get_mut("evidence") {
        items.sort_by_key(|v| v.get("id").map(|v| v.to_string()));
    }
    out
}

/// 400 cases; `PROPTEST_CASES=20000` for a longer run.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(400),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn nothing_either_side_wrote_is_lost((base, ours, theirs) in three()) {
        let (b, o, t) = (table(&base), table(&ours), table(&theirs));
        let merged = merge(&b, &o, &t);
        let profile: Profile = Value::Table(merged.table.clone())
            .try_into()
            .map_err(|e| TestCaseError::fail(format!("not a profile: {e}")))?;
        let check = profile.check(&vaarst());
        prop_assert!(check.problems.is_empty(), "{:?}\n{:#?}", check.problems, merged.table);
        // The record count matches the records found.
        let found = rungs::model::conflict::find_all(&merged.table).len();
        prop_assert_eq!(found, merged.conflicts);
        each_change_kept(&b, &o, &merged.table, Side::Ours).map_err(TestCaseError::fail)?;
        each_change_kept(&b, &t, &merged.table, Side::Theirs).map_err(TestCaseError::fail)?;
        // Written and read back as every profile is: the same.
        let text = toml::to_string(&profile).expect("written");
        let again: Profile = toml::from_str(&text).expect("read back");
        prop_assert_eq!(again, profile);
    }

    #[test]
    fn merging_a_version_with_itself_or_the_base_gives_it_back((base, x, _) in three()) {
        let (b, x) = (table(&base), table(&x));
        let same = merge(&b, &x, &x);
        prop_assert_eq!(&same.table, &x);
        prop_assert_eq!(same.conflicts, 0);
        // Only a change of a round signed off in the base is recorded
        // rather than taken.
        let signed_in_base = base.rounds.iter().any(|r| r.finished.is_some());
        if !signed_in_base {
            let theirs = merge(&b, &b, &x);
            prop_assert_eq!(&theirs.table, &x);
            let ours = merge(&b, &x, &b);
            prop_assert_eq!(&ours.table, &x);
        }
    }

    #[test]
    fn either_side_first_gives_the_same_clean_merge((base, ours, theirs) in three()) {
        let (b, o, t) = (table(&base), table(&ours), table(&theirs));
        let one = merge(&b, &o, &t);
        let other = merge(&b, &t, &o);
        prop_assert_eq!(one.conflicts, other.conflicts);
        if one.conflicts == 0 {
            prop_assert_eq!(canonical(&one.table), canonical(&other.table));
        }
    }
}
