//! The promise of `rungs merge-file`, as a check the merge property test
//! and the merge fuzz target share: every change either side made to the
//! base is in the merged document, or recorded in it beside the version
//! kept (docs/file-formats.md, "Merge conflicts").

use std::collections::{BTreeMap, BTreeSet};

use rungs::model::conflict::{KEY, Record, Side};
use toml::{Table, Value};

/// Where a leaf is: keys, and items of arrays by their identity.
type Leaves = BTreeMap<Vec<String>, Value>;

/// Where a table is, for the identity of the arrays in it: the merge's own
/// rules (rounds at the top, ratings in a round, `id` or `statement` elsewhere).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Round,
    Other,
}

/// The identities of an array's items, `None` when it merges as one value
/// (an item is no table, has no identity, or shares it with another).
fn identities(key: &str, place: Place, items: &[Value]) -> Option<Vec<String>> {
    let tables: Vec<&Table> = items.iter().map(Value::as_table).collect::<Option<_>>()?;
    let by = |id: &dyn Fn(&Table) -> Option<String>| -> Option<Vec<String>> {
        let ids: Vec<String> = tables.iter().map(|t| id(t)).collect::<Option<_>>()?;
        let unique: BTreeSet<&String> = ids.iter().collect();
        (unique.len() == ids.len()).then_some(ids)
    };
    let text = |t: &Table, k: &str| -> Option<String> {
        match t.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Integer(n) => Some(n.to_string()),
            _ => None,
        }
    };
    match (place, key) {
        (Place::Root, "assessments") => by(&|t: &Table| {
            let part = |k: &str| t.get(k).map(|v| v.to_string());
            Some(format!(
                "{}|{}|{}",
                part("role")?,
                part("assessor")?,
                part("started")?
            ))
        }),
        (Place::Round, "ratings") => by(&|t: &Table| text(t, "statement")),
        _ => by(&|t: &Table| text(t, "id")).or_else(|| by(&|t: &Table| text(t, "statement"))),
    }
}

fn item_place(key: &str, place: Place) -> Place {
    if place == Place::Root && key == "assessments" {
        Place::Round
    } else {
        Place::Other
    }
}

/// Every leaf of a document (conflict records apart); an empty table or
/// array is as no key at all.
pub fn leaves(table: &Table) -> Leaves {
    let mut out = Leaves::new();
    walk(table, Place::Root, &mut Vec::new(), &mut out);
    out
}

fn walk(table: &Table, place: Place, path: &mut Vec<String>, out: &mut Leaves) {
    for (key, value) in table {
        if key == KEY {
            continue;
        }
        path.push(key.clone());
        match value {
            Value::Table(t) => walk(t, Place::Other, path, out),
            Value::Array(items) if items.is_empty() => {}
            Value::Array(items) => match identities(key, place, items) {
                Some(ids) => {
                    for (id, item) in ids.iter().zip(items.iter().filter_map(Value::as_table)) {
                        path.push(format!("[{id}]"));
                        walk(item, item_place(key, place), path, out);
                        path.pop();
                    }
                }
                None => {
                    out.insert(path.clone(), value.clone());
                }
            },
            leaf => {
                out.insert(path.clone(), leaf.clone());
            }
        }
        path.pop();
    }
}

/// The table at `path` (keys and identities) in `doc`.
fn table_at<'a>(doc: &'a Table, path: &[String]) -> Option<&'a Table> {
    let mut here = doc;
    let mut place = Place::Root;
    let mut i = 0;
    while i < path.len() {
        match here.get(&path[i])? {
            Value::Table(t) => {
                here = t;
                place = Place::Other;
                i += 1;
            }
            Value::Array(items) => {
                let want = path.get(i + 1)?;
                let ids = identities(&path[i], place, items)?;
                let at = ids.iter().position(|id| format!("[{id}]") == *want)?;
                here = items.get(at)?.as_table()?;
                place = item_place(&path[i], place);
                i += 2;
            }
            _ => return None,
        }
    }
    Some(here)
}

/// Each change `side` made to `base` is in `result`, or recorded: in a
/// record beside the place (that side's version of the key), or as an
/// item kept although the side removed it.
pub fn each_change_kept(
    base: &Table,
    side: &Table,
    result: &Table,
    which: Side,
) -> Result<(), String> {
    let name = which.as_str();
    let (before, after, merged) = (leaves(base), leaves(side), leaves(result));
    let paths: BTreeSet<&Vec<String>> = before.keys().chain(after.keys()).collect();
    for path in paths {
        let (was, now) = (before.get(path), after.get(path));
        if was == now || merged.get(path) == now {
            continue;
        }
        let Some((key, parent)) = path.split_last() else {
            continue;
        };
        // A rating's statement is its identity: a rating cleared on one
        // side is an empty one, merged key by key with the other side's.
        if key == "statement" && parent.len() >= 2 && parent[parent.len() - 2] == "ratings" {
            continue;
        }
        // The later of two changes of `updated` is kept.
        if key == "updated"
            && let (Some(now), Some(got)) = (now, merged.get(path))
            && got.to_string() >= now.to_string()
        {
            continue;
        }
        // Two sign-offs: final since the first.
        if key == "finished"
            && let (Some(now), Some(got)) = (now, merged.get(path))
            && got.to_string() <= now.to_string()
        {
            continue;
        }
        let recorded = (0..=parent.len()).rev().any(|n| {
            let Some(record) = table_at(result, &parent[..n]).and_then(Record::of) else {
                return false;
            };
            if n == parent.len() && record.keys.iter().any(|k| k == key) {
                let version = if name == "ours" {
                    &record.ours
                } else {
                    &record.theirs
                };
                let kept_here = table_at(result, parent).and_then(|t| t.get(key)) == now;
                return kept_here || version.as_ref().is_some_and(|v| v.get(key) == now);
            }
            // A removed item kept (as a whole, or a rating emptied) is recorded.
            record.missing_in.iter().any(|s| s.as_str() == name)
        });
        // A key whose whole value is disputed higher up (a list inside a
        // signed-off round): the side's version of that value is recorded.
        let recorded_whole = (1..=parent.len()).any(|n| {
            let Some((inner_key, holder)) = parent[..n].split_last() else {
                return false;
            };
            let Some(record) = table_at(result, holder).and_then(Record::of) else {
                return false;
            };
            let version = if name == "ours" {
                &record.ours
            } else {
                &record.theirs
            };
            record.keys.iter().any(|k| k == inner_key) && version.is_some()
        });
        if !recorded && !recorded_whole {
            return Err(format!(
                "{name}'s change at {path:?} ({was:?} → {now:?}) is lost: the result has {:?}",
                merged.get(path)
            ));
        }
    }
    Ok(())
}
