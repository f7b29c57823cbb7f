//! Adding, linking, unlinking, deleting and undoing evidence in any order:
//! the history the app keeps (`EvidenceChange`, undone by its inverse)
//! never loses an item that was not deleted on purpose, and never changes
//! a link nobody asked to change.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rungs::model::Evidence;
use rungs::model::Profile;
use rungs::model::evidence_edit::EvidenceChange;

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    Link(usize, usize),
    Unlink(usize, usize),
    Delete(usize),
    Undo,
    Redo,
}

const KEYS: [&str; 4] = ["l/a/1", "l/a/2", "l/b/1", "l/b/2"];

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..KEYS.len()).prop_map(Op::Add),
        (0..8usize, 0..KEYS.len()).prop_map(|(i, k)| Op::Link(i, k)),
        (0..8usize, 0..KEYS.len()).prop_map(|(i, k)| Op::Unlink(i, k)),
        (0..8usize).prop_map(Op::Delete),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

/// What the profile should hold: each item's id and its links, as a
/// person who watched every step would expect.
type Expected = BTreeMap<String, Vec<String>>;

fn seen(profile: &Profile) -> Expected {
    profile
        .evidence
        .iter()
        .map(|e| (e.id.clone(), e.statements.clone()))
        .collect()
}

/// What a change means to the watcher, whether made, undone or redone.
fn expect(expected: &mut Expected, change: &EvidenceChange) {
    match change {
        EvidenceChange::Insert { item, .. } => {
            expected.insert(item.id.clone(), item.statements.clone());
        }
        EvidenceChange::Delete { item, .. } => {
            expected.remove(&item.id);
        }
        EvidenceChange::Link { id, key, at } => {
            let links = expected.get_mut(id).expect("linked item is there");
            links.insert((*at).min(links.len()), key.clone());
        }
        EvidenceChange::Unlink { id, key, .. } => {
            expected
                .get_mut(id)
                .expect("unlinked item is there")
                .retain(|k| k != key);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_item_is_lost_but_on_purpose(ops in proptest::collection::vec(any_op(), 0..60)) {
        let day = "2026-10-04".parse::<toml::value::Datetime>().expect("a day");
        let mut profile = Profile::new("Alex", "vaarst", "devops-engineer", "level-4");
        let start = profile.clone();
        let (mut undo, mut redo): (Vec<EvidenceChange>, Vec<EvidenceChange>) = (vec![], vec![]);
        let mut expected = Expected::new();
        for (n, op) in ops.iter().enumerate() {
            let ids: Vec<String> = profile.evidence.iter().map(|e| e.id.clone()).collect();
            let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned();
            let change = match *op {
                Op::Add(k) => {
                    let mut item = Evidence::new(day.date.expect("a date"), "work", &n.to_string());
                    item.statements = vec![KEYS[k].to_owned()];
                    Some(profile.add_evidence_change(item))
                }
                Op::Link(i, k) => pick(i).and_then(|id| profile.link_evidence_change(&id, KEYS[k])),
                Op::Unlink(i, k) => pick(i).and_then(|id| profile.unlink_evidence_change(&id, KEYS[k])),
                Op::Delete(i) => pick(i).and_then(|id| profile.remove_evidence_change(&id)),
                Op::Undo | Op::Redo => {
                    let (from, to) = if matches!(op, Op::Undo) {
                        (&mut undo, &mut redo)
                    } else {
                        (&mut redo, &mut undo)
                    };
                    if let Some(change) = from.pop() {
                        let made = if matches!(op, Op::Undo) { change.inverse() } else { change.clone() };
                        prop_assert!(made.apply(&mut profile), "{made:?} no longer applies");
                        expect(&mut expected, &made);
                        to.push(change);
                    }
                    None
                }
            };
            if let Some(change) = change {
                expect(&mut expected, &change);
                undo.push(change);
                redo.clear();
            }
            prop_assert_eq!(seen(&profile), expected.clone(), "after {:?}", op);
            prop_assert!(profile.evidence.iter().all(|e| e.text == "work"));
        }
        while let Some(change) = undo.pop() {
            prop_assert!(change.inverse().apply(&mut profile));
        }
        prop_assert_eq!(profile, start);
    }
}
