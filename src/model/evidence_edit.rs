//! Changes to a profile's evidence as values: each one made is recorded,
//! and its inverse undoes it. The app's undo history holds these; a change
//! never touches an item it does not name, so no undo or redo can lose an
//! item that was not deleted on purpose.

use super::evidence::Evidence;
use super::profile::Profile;

#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceChange {
    /// `item` put in the list at `at`.
    Insert { at: usize, item: Evidence },
    /// `item` taken out of the list from `at`.
    Delete { at: usize, item: Evidence },
    /// Item `id` linked to statement `key`, the link at `at` of its list.
    Link { id: String, key: String, at: usize },
    /// Item `id` unlinked from statement `key`, which was at `at`.
    Unlink { id: String, key: String, at: usize },
}

impl EvidenceChange {
    /// The change that undoes this one.
    pub fn inverse(&self) -> EvidenceChange {
        match self.clone() {
            EvidenceChange::Insert { at, item } => EvidenceChange::Delete { at, item },
            EvidenceChange::Delete { at, item } => EvidenceChange::Insert { at, item },
            EvidenceChange::Link { id, key, at } => EvidenceChange::Unlink { id, key, at },
            EvidenceChange::Unlink { id, key, at } => EvidenceChange::Link { id, key, at },
        }
    }

    /// The id of the item changed.
    pub fn id(&self) -> &str {
        match self {
            EvidenceChange::Insert { item, .. } | EvidenceChange::Delete { item, .. } => &item.id,
            EvidenceChange::Link { id, .. } | EvidenceChange::Unlink { id, .. } => id,
        }
    }

    /// Makes the change again on `profile` (a redo, or the inverse for an
    /// undo). False, and nothing changed, when it no longer applies: the
    /// item is gone (or back already), or the link is as asked.
    pub fn apply(&self, profile: &mut Profile) -> bool {
        let items = &mut profile.evidence;
        let position = |id: &str| items.iter().position(|e| e.id == id);
        match self {
            EvidenceChange::Insert { at, item } => {
                if position(&item.id).is_some() {
                    return false;
                }
                items.insert((*at).min(items.len()), item.clone());
                true
            }
            EvidenceChange::Delete { item, .. } => match position(&item.id) {
                Some(i) => {
                    items.remove(i);
                    true
                }
                None => false,
            },
            EvidenceChange::Link { id, key, at } => match position(id) {
                Some(i) if !items[i].supports(key) => {
                    let links = &mut items[i].statements;
                    links.insert((*at).min(links.len()), key.clone());
                    true
                }
                _ => false,
            },
            EvidenceChange::Unlink { id, key, .. } => profile.unlink_evidence(id, key),
        }
    }
}

impl Profile {
    /// Adds `item` and records how: the id it got is the change's.
    pub fn add_evidence_change(&mut self, item: Evidence) -> EvidenceChange {
        self.add_evidence(item);
        let at = self.evidence.len() - 1;
        EvidenceChange::Insert {
            at,
            item: self.evidence[at].clone(),
        }
    }

    /// Links item `id` to `key`, recording it; `None` when there is no such
    /// item or it is linked already.
    pub fn link_evidence_change(&mut self, id: &str, key: &str) -> Option<EvidenceChange> {
        self.link_evidence(id, key).then(|| EvidenceChange::Link {
            id: id.to_owned(),
            key: key.to_owned(),
            at: self.items().get(id).map_or(0, |e| e.statements.len() - 1),
        })
    }

    /// Unlinks item `id` from `key`, recording where the link was.
    pub fn unlink_evidence_change(&mut self, id: &str, key: &str) -> Option<EvidenceChange> {
        let at = self
            .items()
            .get(id)?
            .statements
            .iter()
            .position(|s| s == key)?;
        self.unlink_evidence(id, key)
            .then(|| EvidenceChange::Unlink {
                id: id.to_owned(),
                key: key.to_owned(),
                at,
            })
    }

    /// Deletes item `id` for good, recording it whole for the undo.
    pub fn remove_evidence_change(&mut self, id: &str) -> Option<EvidenceChange> {
        self.remove_evidence(id)
            .map(|(at, item)| EvidenceChange::Delete { at, item })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Evidence {
        let day = "2026-10-04".parse::<toml::value::Datetime>().unwrap();
        Evidence::new(day.date.unwrap(), text, "t")
    }

    #[test]
    fn each_change_undoes_to_the_profile_before() {
        let mut profile = Profile::new("Alex", "f", "c", "l");
        let first = profile.add_evidence_change(item("one"));
        let id = first.id().to_owned();
        profile.link_evidence(&id, "l/a/1");
        let before = profile.clone();
        let changes = [
            profile.link_evidence_change(&id, "l/a/2").unwrap(),
            profile.unlink_evidence_change(&id, "l/a/1").unwrap(),
            profile.add_evidence_change(item("two")),
            profile.remove_evidence_change(&id).unwrap(),
        ];
        for change in changes.iter().rev() {
            assert!(change.inverse().apply(&mut profile), "{change:?}");
        }
        assert_eq!(profile, before);
        for change in &changes {
            assert!(change.apply(&mut profile), "{change:?}");
        }
        assert_eq!(profile.evidence.len(), 1);
        assert_eq!(profile.evidence[0].text, "two");
    }

    #[test]
    fn a_change_to_an_item_gone_changes_nothing() {
        let mut profile = Profile::new("Alex", "f", "c", "l");
        let added = profile.add_evidence_change(item("one"));
        let link = profile.link_evidence_change(added.id(), "l/a/1").unwrap();
        profile.remove_evidence(added.id());
        let before = profile.clone();
        assert!(!link.inverse().apply(&mut profile));
        assert!(!link.apply(&mut profile));
        assert_eq!(profile, before);
    }
}
