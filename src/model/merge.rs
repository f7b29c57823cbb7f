//! Three versions of a profile in, one out: the merge `rungs merge-file`
//! does for git, by meaning rather than by line.
//!
//! It works on the TOML tree, so keys this build does not know merge too:
//! tables merge key by key, three-way; arrays of tables whose items carry an
//! identity merge item by item (assessments by role, assessor and start;
//! ratings by `statement`; any other array whose items all have a distinct
//! `id`, or `statement`); every other value merges whole. Where the model
//! has a rule it applies: a rating's judgement (`value` or `na`) is one
//! value; `updated` is the later of the two; a rating nobody has is an
//! empty one; a round signed off (`finished`) keeps its signed-off version.
//!
//! Where both sides changed one thing differently, ours stays in place and
//! theirs is recorded beside it ([`super::conflict`]); nothing either side
//! wrote is dropped.

use std::collections::{HashMap, HashSet};

use toml::{Table, Value};

use super::conflict::{KEY, Reason, Side};

/// The merged document and how many conflict records it holds that the
/// merge wrote (a table with several disputed keys is one).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub table: Table,
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, two descendants of `base` (empty when the
/// file was added on both sides).
pub fn merge(base: &Table, ours: &Table, theirs: &Table) -> Merged {
    let mut merger = Merger { conflicts: 0 };
    let table = merger.table(base, ours, theirs, Place::Root, Keep::Merge);
    Merged {
        table,
        conflicts: merger.conflicts,
    }
}

/// Where in a profile a table is: the model's rules depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Assessment,
    Rating,
    Other,
}

/// Which version a table keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Three-way: a change of one side is taken; changes of both, disputed.
    Merge,
    /// A signed-off round: this version stays, and every change of the
    /// others since the base is disputed.
    Signed(Version),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Base,
    Ours,
    Theirs,
}

/// What one key merged to.
enum Outcome {
    Take(Option<Value>),
    /// The versions disagree: `kept` stays in place, and the flagged sides'
    /// versions are recorded.
    Dispute {
        kept: Option<Value>,
        ours: bool,
        theirs: bool,
    },
}

/// A disputed key, with both sides' values (`None`: the side has no such key).
struct Dispute {
    key: String,
    ours: Option<Value>,
    theirs: Option<Value>,
    record_ours: bool,
    record_theirs: bool,
}

/// A rating's judgement: one value, however many keys hold it.
const MARK: [&str; 2] = ["value", "na"];
/// The fingerprint of the words a judgement was given against: it goes with the judgement.
const SEEN: &str = "seen";

struct Merger {
    conflicts: usize,
}

fn keys<'a>(ours: &'a Table, theirs: &'a Table, base: &'a Table) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    ours.keys()
        .chain(theirs.keys())
        .chain(base.keys())
        .map(String::as_str)
        .filter(|k| seen.insert(*k))
        .collect()
}

fn put(out: &mut Table, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        out.insert(key.to_owned(), value);
    }
}

/// The later of two datetimes (as written: rungs writes them all in UTC).
fn later(a: &Value, b: &Value) -> Value {
    if b.to_string() > a.to_string() {
        b.clone()
    } else {
        a.clone()
    }
}

fn earlier(a: &Value, b: &Value) -> Value {
    if b.to_string() < a.to_string() {
        b.clone()
    } else {
        a.clone()
    }
}

impl Merger {
    fn table(&mut self, b: &Table, o: &Table, t: &Table, place: Place, keep: Keep) -> Table {
        let mut out = Table::new();
        let mut disputes = Vec::new();
        for key in keys(o, t, b) {
            if key == KEY || (place == Place::Rating && (MARK.contains(&key) || key == SEEN)) {
                continue;
            }
            let (vb, vo, vt) = (b.get(key), o.get(key), t.get(key));
            match self.value(key, vb, vo, vt, place, keep) {
                Outcome::Take(value) => put(&mut out, key, value),
                Outcome::Dispute { kept, ours, theirs } => {
                    put(&mut out, key, kept);
                    disputes.push(Dispute {
                        key: key.to_owned(),
                        ours: vo.cloned(),
                        theirs: vt.cloned(),
                        record_ours: ours,
                        record_theirs: theirs,
                    });
                }
            }
        }
        if place == Place::Rating {
            self.mark(b, o, t, keep, &mut out, &mut disputes);
        }
        let previous = previous_record(b.get(KEY), o.get(KEY), t.get(KEY));
        let reason = match keep {
            Keep::Merge => Reason::Both,
            Keep::Signed(_) => Reason::SignedOff,
        };
        if let Some(record) = self.record(previous, &disputes, reason) {
            out.insert(KEY.to_owned(), record);
        }
        out
    }

    fn value(
        &mut self,
        key: &str,
        vb: Option<&Value>,
        vo: Option<&Value>,
        vt: Option<&Value>,
        place: Place,
        keep: Keep,
    ) -> Outcome {
        if vo == vt {
            return Outcome::Take(vo.cloned());
        }
        if place == Place::Assessment {
            match (key, vo, vt) {
                // When it last changed: the later change, never a dispute.
                ("updated", Some(o), Some(t)) => {
                    return Outcome::Take(Some(match vb {
                        Some(b) if b == o => t.clone(),
                        Some(b) if b == t => o.clone(),
                        _ => later(o, t),
                    }));
                }
                // Both signed the round off: it is final since the first.
                ("finished", Some(o), Some(t)) if keep == Keep::Merge => {
                    return Outcome::Take(Some(earlier(o, t)));
                }
                _ => {}
            }
        }
        // The rounds always merge one by one, for the sign-off rule: a
        // side's whole list is never taken because the other kept the base's.
        if place == Place::Root
            && key == "assessments"
            && let Some(deeper) = self.deeper(key, [vb, vo, vt], place, keep)
        {
            return Outcome::Take(deeper);
        }
        let (kept, ours, theirs) = match keep {
            Keep::Merge if vo == vb => return Outcome::Take(vt.cloned()),
            Keep::Merge if vt == vb => return Outcome::Take(vo.cloned()),
            Keep::Merge => (vo, false, true),
            Keep::Signed(Version::Base) => (vb, vo != vb, vt != vb),
            Keep::Signed(Version::Ours) if vt == vb => return Outcome::Take(vo.cloned()),
            Keep::Signed(Version::Ours) => (vo, false, true),
            Keep::Signed(Version::Theirs) if vo == vb => return Outcome::Take(vt.cloned()),
            Keep::Signed(Version::Theirs) => (vt, true, false),
        };
        if let Some(deeper) = self.deeper(key, [vb, vo, vt], place, keep) {
            return Outcome::Take(deeper);
        }
        Outcome::Dispute {
            kept: kept.cloned(),
            ours,
            theirs,
        }
    }

    /// Tables, and arrays of tables with an identity, merge inside rather
    /// than as one value. `None` when the versions are not of such a shape.
    fn deeper(
        &mut self,
        key: &str,
        [vb, vo, vt]: [Option<&Value>; 3],
        place: Place,
        keep: Keep,
    ) -> Option<Option<Value>> {
        let present = [vb, vo, vt];
        let present = present.iter().flatten();
        let empty_when_absent = |merged: Value, empty: bool| {
            // Nothing left, where a side has no such key: no key.
            if empty && (vo.is_none() || vt.is_none()) {
                None
            } else {
                Some(merged)
            }
        };
        if present.clone().all(|v| v.is_table()) {
            let none = Table::new();
            let merged = self.table(
                vb.and_then(Value::as_table).unwrap_or(&none),
                vo.and_then(Value::as_table).unwrap_or(&none),
                vt.and_then(Value::as_table).unwrap_or(&none),
                Place::Other,
                keep,
            );
            let empty = merged.is_empty();
            return Some(empty_when_absent(Value::Table(merged), empty));
        }
        if present.clone().all(|v| v.is_array()) {
            let items = self.array(key, [vb, vo, vt], place, keep)?;
            let empty = items.is_empty();
            return Some(empty_when_absent(Value::Array(items), empty));
        }
        None
    }

    /// A rating's judgement and the fingerprint that goes with it.
    fn mark(
        &mut self,
        b: &Table,
        o: &Table,
        t: &Table,
        keep: Keep,
        out: &mut Table,
        disputes: &mut Vec<Dispute>,
    ) {
        let unit = |table: &Table| MARK.map(|k| table.get(k).cloned());
        let (mb, mo, mt) = (unit(b), unit(o), unit(t));
        let taken = if mo == mt {
            Ok(o)
        } else {
            match keep {
                Keep::Merge if mo == mb => Ok(t),
                Keep::Merge if mt == mb => Ok(o),
                Keep::Merge => Err(Version::Ours),
                Keep::Signed(Version::Ours) if mt == mb => Ok(o),
                Keep::Signed(Version::Ours) => Err(Version::Ours),
                Keep::Signed(Version::Theirs) if mo == mb => Ok(t),
                Keep::Signed(Version::Theirs) => Err(Version::Theirs),
                Keep::Signed(Version::Base) => Err(Version::Base),
            }
        };
        match taken {
            Ok(side) => {
                for key in MARK {
                    put(out, key, side.get(key).cloned());
                }
                let (vb, vo, vt) = (b.get(SEEN), o.get(SEEN), t.get(SEEN));
                match self.value(SEEN, vb, vo, vt, Place::Rating, keep) {
                    Outcome::Take(value) => put(out, SEEN, value),
                    Outcome::Dispute { kept, ours, theirs } => {
                        put(out, SEEN, kept);
                        disputes.push(Dispute {
                            key: SEEN.to_owned(),
                            ours: vo.cloned(),
                            theirs: vt.cloned(),
                            record_ours: ours,
                            record_theirs: theirs,
                        });
                    }
                }
            }
            Err(version) => {
                let kept = match version {
                    Version::Base => b,
                    Version::Ours => o,
                    Version::Theirs => t,
                };
                // The judgement and its fingerprint as one: a side that
                // changed any of them, to other than the kept, is recorded.
                let whole = |table: &Table| [MARK[0], MARK[1], SEEN].map(|k| table.get(k).cloned());
                let recorded = |side: &Table, is_kept: bool| {
                    !is_kept && whole(side) != whole(kept) && whole(side) != whole(b)
                };
                let record_ours = recorded(o, version == Version::Ours);
                let record_theirs = recorded(t, version == Version::Theirs);
                for key in MARK.into_iter().chain([SEEN]) {
                    let here = kept.get(key);
                    put(out, key, here.cloned());
                    let differs = (record_ours && o.get(key) != here)
                        || (record_theirs && t.get(key) != here);
                    if differs {
                        disputes.push(Dispute {
                            key: key.to_owned(),
                            ours: o.get(key).cloned(),
                            theirs: t.get(key).cloned(),
                            record_ours,
                            record_theirs,
                        });
                    }
                }
            }
        }
    }

    /// An array of tables merged item by item, by identity; `None` when its
    /// items have none (then it merges as one value).
    fn array(
        &mut self,
        key: &str,
        [vb, vo, vt]: [Option<&Value>; 3],
        place: Place,
        keep: Keep,
    ) -> Option<Vec<Value>> {
        let item_place = match (place, key) {
            (Place::Root, "assessments") => Place::Assessment,
            (Place::Assessment, "ratings") => Place::Rating,
            _ => Place::Other,
        };
        // In a signed-off round only ratings, which the screen resolves one
        // by one, merge inside; anything else there is disputed whole.
        if matches!(keep, Keep::Signed(_)) && item_place != Place::Rating {
            return None;
        }
        let versions = [tables(vb)?, tables(vo)?, tables(vt)?];
        let [lb, lo, lt] = match item_place {
            Place::Assessment => identified(&versions, assessment_id)?,
            Place::Rating => identified(&versions, |t| key_id(t, "statement"))?,
            _ => identified(&versions, |t| key_id(t, "id"))
                .or_else(|| identified(&versions, |t| key_id(t, "statement")))?,
        };
        let sorted = matches!(item_place, Place::Assessment | Place::Rating);
        let order = order(&lb, &lo, &lt, sorted);
        let (mb, mo, mt) = (index(&lb), index(&lo), index(&lt));
        let mut out = Vec::with_capacity(order.len());
        for id in order {
            let (ib, io, it) = (
                mb.get(id).copied(),
                mo.get(id).copied(),
                mt.get(id).copied(),
            );
            if io == it {
                out.extend(io.map(|i| Value::Table(i.clone())));
                continue;
            }
            let item = match item_place {
                Place::Rating => self.rating(ib, io, it, keep),
                _ => self.item(ib, io, it, item_place),
            };
            out.extend(item.map(Value::Table));
        }
        Some(out)
    }

    /// A rating: one nobody has is an empty one, so clearing a rating on
    /// one side and changing it on the other is a dispute of its keys.
    fn rating(
        &mut self,
        ib: Option<&Table>,
        io: Option<&Table>,
        it: Option<&Table>,
        keep: Keep,
    ) -> Option<Table> {
        let mut empty = Table::new();
        if let Some(statement) = [ib, io, it]
            .iter()
            .flatten()
            .find_map(|t| t.get("statement"))
        {
            empty.insert("statement".to_owned(), statement.clone());
        }
        let merged = self.table(
            ib.unwrap_or(&empty),
            io.unwrap_or(&empty),
            it.unwrap_or(&empty),
            Place::Rating,
            keep,
        );
        let only_identity = merged.keys().all(|k| k == "statement");
        (!(only_identity && (io.is_none() || it.is_none()))).then_some(merged)
    }

    /// An item of an array merged by identity: a change wins over a
    /// removal, which is recorded in the item.
    fn item(
        &mut self,
        ib: Option<&Table>,
        io: Option<&Table>,
        it: Option<&Table>,
        place: Place,
    ) -> Option<Table> {
        let keep = match place {
            Place::Assessment => signed(ib, io, it),
            _ => Keep::Merge,
        };
        match (io, it) {
            (Some(o), Some(t)) => {
                let none = Table::new();
                Some(self.table(ib.unwrap_or(&none), o, t, place, keep))
            }
            (Some(x), None) | (None, Some(x)) => {
                let remover = if io.is_none() {
                    Side::Ours
                } else {
                    Side::Theirs
                };
                // A signed-off round is never removed silently.
                let signed_off =
                    place == Place::Assessment && signed(ib, None, None) != Keep::Merge;
                match ib {
                    None => Some(x.clone()),
                    Some(b) if b == x && !signed_off => None,
                    Some(_) => {
                        let mut kept = x.clone();
                        let reason = if signed_off {
                            Reason::SignedOff
                        } else {
                            Reason::Both
                        };
                        self.missing(&mut kept, remover, reason);
                        Some(kept)
                    }
                }
            }
            (None, None) => None,
        }
    }

    /// Records in `item` that `side` removed it while the other changed it.
    fn missing(&mut self, item: &mut Table, side: Side, reason: Reason) {
        self.conflicts += 1;
        let record = item
            .entry(KEY.to_owned())
            .or_insert_with(|| Value::Table(Table::new()));
        if !record.is_table() {
            *record = Value::Table(Table::from_iter([("previous".to_owned(), record.clone())]));
        }
        if let Value::Table(record) = record {
            add_strings(record, "missing_in", [side.as_str()]);
            record
                .entry("reason".to_owned())
                .or_insert_with(|| Value::String(reason.as_str().to_owned()));
        }
    }

    /// The table's record: the one it had (merged), with this merge's disputes.
    fn record(
        &mut self,
        previous: Option<Value>,
        disputes: &[Dispute],
        reason: Reason,
    ) -> Option<Value> {
        if disputes.is_empty() {
            return previous;
        }
        self.conflicts += 1;
        let mut record = match previous {
            Some(Value::Table(table)) => table,
            // Something else under the key from a newer rungs: kept inside.
            Some(other) => Table::from_iter([("previous".to_owned(), other)]),
            None => Table::new(),
        };
        add_strings(&mut record, "keys", disputes.iter().map(|d| d.key.as_str()));
        let signed =
            record.get("reason").and_then(Value::as_str) == Some(Reason::SignedOff.as_str());
        if !signed {
            record.insert(
                "reason".to_owned(),
                Value::String(reason.as_str().to_owned()),
            );
        }
        for side in [Side::Ours, Side::Theirs] {
            let recorded = |d: &Dispute| match side {
                Side::Ours => d.record_ours,
                Side::Theirs => d.record_theirs,
            };
            if !disputes.iter().any(recorded) {
                continue;
            }
            let mut version = record
                .get(side.as_str())
                .and_then(Value::as_table)
                .cloned()
                .unwrap_or_default();
            for d in disputes {
                let value = match side {
                    Side::Ours => &d.ours,
                    Side::Theirs => &d.theirs,
                };
                match value {
                    Some(v) => version.insert(d.key.clone(), v.clone()),
                    None => version.remove(&d.key),
                };
            }
            record.insert(side.as_str().to_owned(), Value::Table(version));
        }
        Some(Value::Table(record))
    }
}

/// The tables of an array (none for no array); `None` when an item is no table.
fn tables(value: Option<&Value>) -> Option<Vec<&Table>> {
    match value {
        None => Some(Vec::new()),
        Some(v) => v.as_array()?.iter().map(Value::as_table).collect(),
    }
}

/// Adds `new` to the array of strings at `key`, each once.
fn add_strings<'a>(record: &mut Table, key: &str, new: impl IntoIterator<Item = &'a str>) {
    let mut list: Vec<Value> = match record.get(key) {
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    for s in new {
        if !list.iter().any(|v| v.as_str() == Some(s)) {
            list.push(Value::String(s.to_owned()));
        }
    }
    record.insert(key.to_owned(), Value::Array(list));
}

/// The conflict record a table had before this merge. Both sides changing
/// it (each resolving or adding) keeps what either holds.
fn previous_record(vb: Option<&Value>, vo: Option<&Value>, vt: Option<&Value>) -> Option<Value> {
    if vo == vt || vt == vb {
        return vo.cloned();
    }
    if vo == vb {
        return vt.cloned();
    }
    match (vo, vt) {
        (Some(Value::Table(o)), Some(Value::Table(t))) => Some(Value::Table(union(o, t))),
        (Some(o), _) => Some(o.clone()),
        (None, t) => t.cloned(),
    }
}

/// Every key of both tables (ours' value where both have one), lists of
/// strings joined.
fn union(o: &Table, t: &Table) -> Table {
    let mut out = o.clone();
    for (key, theirs) in t {
        match (out.get_mut(key), theirs) {
            (None, _) => {
                out.insert(key.clone(), theirs.clone());
            }
            (Some(Value::Table(mine)), Value::Table(theirs)) => *mine = union(mine, theirs),
            (Some(Value::Array(mine)), Value::Array(theirs)) => {
                for v in theirs {
                    if !mine.contains(v) {
                        mine.push(v.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// How an assessment item keeps its versions: a round signed off in the
/// base keeps the base; one signed off by one side keeps that side's.
fn signed(ib: Option<&Table>, io: Option<&Table>, it: Option<&Table>) -> Keep {
    let finished = |t: Option<&Table>| t.is_some_and(|t| t.contains_key("finished"));
    match (finished(ib), finished(io), finished(it)) {
        (true, _, _) => Keep::Signed(Version::Base),
        (false, true, false) => Keep::Signed(Version::Ours),
        (false, false, true) => Keep::Signed(Version::Theirs),
        _ => Keep::Merge,
    }
}

/// An assessment is the round of one role by one assessor that started at
/// one time: none of the three changes once it exists. Its start comes
/// first, so identities sort in the order rounds began.
fn assessment_id(table: &Table) -> Option<String> {
    let text = |k: &str| table.get(k).map(Value::to_string);
    Some(format!(
        "{}\u{0}{}\u{0}{}",
        text("started")?,
        text("role")?,
        text("assessor")?
    ))
}

fn key_id(table: &Table, key: &str) -> Option<String> {
    match table.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Integer(n) => Some(n.to_string()),
        _ => None,
    }
}

type Items<'a> = Vec<(String, &'a Table)>;

/// Each version's items with their identities, when every item has one and
/// no version has one twice.
fn identified<'a>(
    versions: &[Vec<&'a Table>; 3],
    id: impl Fn(&Table) -> Option<String>,
) -> Option<[Items<'a>; 3]> {
    let one = |items: &Vec<&'a Table>| -> Option<Items<'a>> {
        let mut seen = HashSet::new();
        items
            .iter()
            .map(|t| {
                let id = id(t)?;
                seen.insert(id.clone()).then_some((id, *t))
            })
            .collect()
    };
    Some([one(&versions[0])?, one(&versions[1])?, one(&versions[2])?])
}

fn index<'a, 'b>(items: &'b Items<'a>) -> HashMap<&'b str, &'a Table> {
    items.iter().map(|(id, t)| (id.as_str(), *t)).collect()
}

/// The order of the merged items. When one side kept the base's order,
/// the other side's order is taken; else ours, with theirs' other items
/// after the item they follow in theirs, and the base's after the one they
/// follow there.
fn order<'a>(
    lb: &'a Items<'_>,
    lo: &'a Items<'_>,
    lt: &'a Items<'_>,
    sorted_when_both: bool,
) -> Vec<&'a str> {
    let ids = |items: &'a Items<'_>| -> Vec<&'a str> {
        items.iter().map(|(id, _)| id.as_str()).collect()
    };
    let (sb, so, st) = (ids(lb), ids(lo), ids(lt));
    let (primary, secondary) = if so == sb { (&st, &so) } else { (&so, &st) };
    let mut out = weave(primary.clone(), secondary);
    out = weave(out, &sb);
    // Both sides changed the order of rounds or ratings (items new on both
    // sides, one removed and added again): the base's order for the items
    // it had, then the new ones in the order of their identity (for rounds,
    // the order they began), the same whichever side is ours.
    if sorted_when_both && so != sb && st != sb && so != st {
        let position: HashMap<&str, usize> =
            sb.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let (mut kept, mut new): (Vec<&str>, Vec<&str>) =
            out.into_iter().partition(|id| position.contains_key(id));
        kept.sort_by_key(|id| position.get(id).copied());
        new.sort_unstable();
        kept.extend(new);
        out = kept;
    }
    out
}

/// `out` with the items of `other` it lacks: each after the item of both
/// it follows in `other`, and after `out`'s own items there (first when it
/// follows no item of both).
fn weave<'a>(out: Vec<&'a str>, other: &[&'a str]) -> Vec<&'a str> {
    let present: HashSet<&str> = out.iter().copied().collect();
    let shared: HashSet<&str> = other
        .iter()
        .copied()
        .filter(|id| present.contains(id))
        .collect();
    let mut after: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut anchor = None;
    for &id in other {
        if present.contains(id) {
            anchor = Some(id);
        } else {
            after.entry(anchor).or_default().push(id);
        }
    }
    let mut woven = Vec::with_capacity(out.len() + other.len());
    let mut pending = after.remove(&None).unwrap_or_default();
    for id in out {
        if shared.contains(id) {
            woven.append(&mut pending);
            pending = after.remove(&Some(id)).unwrap_or_default();
        }
        woven.push(id);
    }
    woven.append(&mut pending);
    woven
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::conflict::Record;

    const HEAD: &str = "format = 1\nperson = \"Alex Doe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n";

    fn self_round(started: &str, ratings: &str, extra: &str) -> String {
        format!(
            "\n[[assessments]]\nrole = \"self\"\nassessor = \"Alex Doe\"\nstarted = {started}\nupdated = {started}\n{extra}{ratings}"
        )
    }

    fn rating(key: &str, body: &str) -> String {
        format!("\n[[assessments.ratings]]\nstatement = \"level-4/{key}\"\n{body}\n")
    }

    fn doc(text: &str) -> Table {
        toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn ratings(table: &Table, round: usize) -> Vec<Table> {
        table["assessments"].as_array().expect("assessments")[round]
            .get("ratings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|r| r.as_table().expect("table").clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn different_statements_merge_cleanly() {
        let base = doc(&format!(
            "{HEAD}{}",
            self_round(
                "2026-01-01T00:00:00Z",
                &rating("automation/1", "value = 2"),
                ""
            )
        ));
        let ours = doc(&format!(
            "{HEAD}{}",
            self_round(
                "2026-01-01T00:00:00Z",
                &(rating("automation/1", "value = 3") + &rating("automation/2", "value = 1")),
                ""
            )
        ));
        let theirs = doc(&format!(
            "{HEAD}{}",
            self_round(
                "2026-01-01T00:00:00Z",
                &(rating("automation/1", "value = 2\nnote = \"why\"")
                    + &rating("process-design/1", "na = true")),
                ""
            )
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let rs = ratings(&merged.table, 0);
        assert_eq!(rs.len(), 3);
        assert_eq!(rs[0]["value"].as_integer(), Some(3));
        assert_eq!(rs[0]["note"].as_str(), Some("why"));
        assert_eq!(
            merge(&base, &theirs, &ours).table,
            merged.table,
            "either way round"
        );
    }

    #[test]
    fn the_same_rating_changed_on_both_sides_keeps_ours_and_records_theirs() {
        let at = "2026-01-01T00:00:00Z";
        let base = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 2\nnote = \"a\""), "")
        ));
        let ours = doc(&format!(
            "{HEAD}{}",
            self_round(
                at,
                &rating("automation/1", "value = 3\nnote = \"mine\""),
                ""
            )
        ));
        let theirs = doc(&format!(
            "{HEAD}{}",
            self_round(
                at,
                &rating("automation/1", "na = true\nnote = \"theirs\""),
                ""
            )
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1);
        let r = &ratings(&merged.table, 0)[0];
        assert_eq!(r["value"].as_integer(), Some(3));
        assert!(!r.contains_key("na"), "never a value and n/a together");
        let record = Record::of(r).expect("a record");
        assert_eq!(record.reason, Reason::Both);
        assert_eq!(record.keys, ["note", "value", "na"]);
        let theirs = record.theirs.expect("theirs");
        assert_eq!(theirs.get("na").and_then(Value::as_bool), Some(true));
        assert_eq!(theirs.get("note").and_then(Value::as_str), Some("theirs"));
        assert!(!theirs.contains_key("value"), "they had no value");
    }

    #[test]
    fn a_rating_cleared_on_one_side_and_changed_on_the_other_is_kept_as_a_conflict() {
        let at = "2026-01-01T00:00:00Z";
        let base = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 2"), "")
        ));
        let ours = doc(&format!("{HEAD}{}", self_round(at, "", "")));
        let theirs = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 4"), "")
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1);
        let r = &ratings(&merged.table, 0)[0];
        assert!(!r.contains_key("value"), "ours cleared it");
        assert_eq!(
            Record::of(r)
                .and_then(|c| c.theirs)
                .and_then(|t| t.get("value").cloned()),
            Some(Value::Integer(4))
        );
        // Cleared on one side and untouched on the other: gone.
        let merged = merge(&base, &ours, &base);
        assert_eq!(merged.conflicts, 0);
        assert!(ratings(&merged.table, 0).is_empty());
    }

    #[test]
    fn rounds_added_on_each_side_are_both_kept_in_the_order_they_began() {
        let first = self_round(
            "2026-01-01T00:00:00Z",
            &rating("automation/1", "value = 2"),
            "",
        );
        let base = doc(&format!("{HEAD}{first}"));
        let ours = doc(&format!(
            "{HEAD}{first}{}",
            self_round("2026-04-02T00:00:00Z", "", "")
        ));
        let theirs = doc(&format!(
            "{HEAD}{first}\n[[assessments]]\nrole = \"manager\"\nassessor = \"Sam Lee\"\nstarted = 2026-04-01T00:00:00Z\nupdated = 2026-04-01T00:00:00Z\n"
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let started: Vec<String> = merged.table["assessments"]
            .as_array()
            .expect("rounds")
            .iter()
            .map(|a| a["started"].to_string())
            .collect();
        assert_eq!(
            started,
            [
                "2026-01-01T00:00:00Z",
                "2026-04-01T00:00:00Z",
                "2026-04-02T00:00:00Z"
            ]
        );
        assert_eq!(merge(&base, &theirs, &ours).table, merged.table);
    }

    #[test]
    fn updated_is_the_later_and_never_a_conflict() {
        let base = doc(&format!(
            "{HEAD}{}",
            self_round("2026-01-01T00:00:00Z", "", "")
        ));
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let set = |t: &mut Table, when: &str| {
            t["assessments"].as_array_mut().expect("rounds")[0]
                .as_table_mut()
                .expect("round")
                .insert(
                    "updated".into(),
                    Value::Datetime(when.parse().expect("date")),
                );
        };
        set(&mut ours, "2026-02-01T00:00:00Z");
        set(&mut theirs, "2026-03-01T00:00:00Z");
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        assert_eq!(merged.table, theirs);
    }

    #[test]
    fn a_signed_off_round_changed_afterwards_keeps_the_signed_off_version() {
        let at = "2026-01-01T00:00:00Z";
        let signed = "finished = 2026-01-05T00:00:00Z\n";
        let base = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 2"), signed)
        ));
        let changed = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 4"), signed)
        ));
        // Changed on one side only: still a conflict, never a silent change.
        for (ours, theirs, side) in [(&base, &changed, "theirs"), (&changed, &base, "ours")] {
            let merged = merge(&base, ours, theirs);
            assert_eq!(merged.conflicts, 1, "{side}");
            let r = &ratings(&merged.table, 0)[0];
            assert_eq!(
                r["value"].as_integer(),
                Some(2),
                "the signed-off value stays"
            );
            let record = Record::of(r).expect("a record");
            assert_eq!(record.reason, Reason::SignedOff);
            let (recorded, _) = record.others().next().expect("a version");
            assert_eq!(recorded.as_str(), side);
        }
        // Signed off on one side while the other still rated: the sign-off wins.
        let open = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 2"), "")
        ));
        let signs = doc(&format!(
            "{HEAD}{}",
            self_round(at, &rating("automation/1", "value = 2"), signed)
        ));
        let rates = doc(&format!(
            "{HEAD}{}",
            self_round(
                at,
                &(rating("automation/1", "value = 2") + &rating("automation/2", "value = 1")),
                ""
            )
        ));
        let merged = merge(&open, &rates, &signs);
        assert_eq!(merged.conflicts, 1);
        let round = merged.table["assessments"][0]
            .as_table()
            .expect("round")
            .clone();
        assert!(round.contains_key("finished"));
        let added = &ratings(&merged.table, 0)[1];
        assert!(!added.contains_key("value"), "not in the signed-off round");
        assert!(Record::of(added).and_then(|r| r.ours).is_some());
    }

    #[test]
    fn unknown_keys_and_arrays_with_ids_merge_too() {
        let base = doc(&format!(
            "{HEAD}\n[[evidence]]\nid = \"e1\"\ntext = \"a\"\n"
        ));
        let ours = doc(&format!(
            "{HEAD}manager = \"Sam\"\n\n[[evidence]]\nid = \"e1\"\ntext = \"a\"\nlinks = [\"x\"]\n\n[[evidence]]\nid = \"e2\"\ntext = \"b\"\n"
        ));
        let theirs = doc(&format!(
            "{HEAD}blind = true\n\n[[evidence]]\nid = \"e1\"\ntext = \"a2\"\n\n[[evidence]]\nid = \"e3\"\ntext = \"c\"\n"
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let t = &merged.table;
        assert_eq!(t["manager"].as_str(), Some("Sam"));
        assert_eq!(t["blind"].as_bool(), Some(true));
        let evidence = t["evidence"].as_array().expect("evidence");
        let ids: Vec<&str> = evidence
            .iter()
            .map(|e| e["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["e1", "e2", "e3"]);
        assert_eq!(evidence[0]["text"].as_str(), Some("a2"));
        assert_eq!(evidence[0]["links"].as_array().map(Vec::len), Some(1));
    }

    #[test]
    fn commits_skipped_in_two_clones_are_all_kept() {
        let base = doc(&format!(
            "{HEAD}\n[harvest.skipped]\n\"r@aaaa\" = 2026-01-02\n"
        ));
        let ours = doc(&format!(
            "{HEAD}\n[harvest.skipped]\n\"r@aaaa\" = 2026-01-02\n\"r@bbbb\" = 2026-01-03\n\"r@cccc\" = 2026-01-04\n"
        ));
        let theirs = doc(&format!(
            "{HEAD}\n[harvest]\nnext = 1\n\n[harvest.skipped]\n\"r@aaaa\" = 2026-01-02\n\"r@cccc\" = 2026-01-04\n\"r@dddd\" = 2026-01-05\n"
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let harvest = merged.table["harvest"].as_table().expect("harvest");
        let keys: Vec<&str> = harvest["skipped"]
            .as_table()
            .expect("skipped")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["r@aaaa", "r@bbbb", "r@cccc", "r@dddd"]);
        assert_eq!(harvest["next"].as_integer(), Some(1), "unknown keys kept");
    }

    #[test]
    fn actions_merge_by_id_and_a_reveal_is_kept() {
        let action = |id: &str, extra: &str| {
            format!(
                "\n[[actions]]\nid = \"{id}\"\nstatement = \"level-4/automation/1\"\ntext = \"t\"\nowner = \"Alex\"\nadded = 2026-01-01T00:00:00Z\n{extra}"
            )
        };
        let round = |extra: &str| {
            self_round(
                "2026-01-01T00:00:00Z",
                "",
                &format!("blind = true\n{extra}"),
            )
        };
        let base = doc(&format!("{HEAD}{}{}", action("a1", ""), round("")));
        let ours = doc(&format!(
            "{HEAD}{}{}{}",
            action("a1", "done = 2026-02-01T00:00:00Z\n"),
            action("a2", ""),
            round("revealed = 2026-01-05T00:00:00Z\n")
        ));
        let theirs = doc(&format!(
            "{HEAD}{}{}{}",
            action("a1", ""),
            action("a3", "due = 2026-03-01\n"),
            round("")
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        let actions = merged.table["actions"].as_array().expect("actions");
        let ids: Vec<&str> = actions
            .iter()
            .map(|a| a["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["a1", "a2", "a3"], "nothing either side added is lost");
        assert!(
            actions[0].get("done").is_some(),
            "done on one side stays done"
        );
        let profile: crate::model::Profile = toml::Value::Table(merged.table.clone())
            .try_into()
            .expect("a profile");
        assert!(profile.assessments[0].revealed.is_some());
        // Both sides marking one action done on different days: ours kept,
        // theirs recorded.
        let theirs = doc(&format!(
            "{HEAD}{}{}",
            action("a1", "done = 2026-02-09T00:00:00Z\n"),
            round("")
        ));
        assert_eq!(merge(&base, &ours, &theirs).conflicts, 1);
    }

    #[test]
    fn an_item_removed_on_one_side_and_changed_on_the_other_is_kept_and_marked() {
        let base = doc(&format!(
            "{HEAD}\n[[evidence]]\nid = \"e1\"\ntext = \"a\"\n"
        ));
        let ours = doc(HEAD);
        let theirs = doc(&format!(
            "{HEAD}\n[[evidence]]\nid = \"e1\"\ntext = \"changed\"\n"
        ));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1);
        let item = merged.table["evidence"][0]
            .as_table()
            .expect("kept")
            .clone();
        assert_eq!(item["text"].as_str(), Some("changed"));
        assert_eq!(
            Record::of(&item).map(|r| r.missing_in),
            Some(vec![Side::Ours])
        );
    }

    #[test]
    fn an_empty_base_merges_two_new_files() {
        let ours = doc(&format!(
            "{HEAD}{}",
            self_round(
                "2026-01-01T00:00:00Z",
                &rating("automation/1", "value = 2"),
                ""
            )
        ));
        let theirs = doc(&format!(
            "{HEAD}{}",
            self_round(
                "2026-01-02T00:00:00Z",
                &rating("automation/1", "value = 3"),
                ""
            )
        ));
        let merged = merge(&Table::new(), &ours, &theirs);
        assert_eq!(merged.conflicts, 0);
        assert_eq!(
            merged.table["assessments"].as_array().map(Vec::len),
            Some(2)
        );
        let same = merge(&Table::new(), &ours, &ours);
        assert_eq!(same.table, ours);
    }
}
