//! Two people saving one profile at once. Each writer owns some of its
//! assessments — the person their self rounds, a reviewer their own review
//! rounds — and a save writes only those: everything else is taken from
//! the file as the other writer left it. This is the small rule of two
//! writers of one file; merging two histories of a file (git) is another,
//! larger matter.

use std::collections::HashMap;

use super::profile::{Assessment, Profile, Role};

/// The assessments a writer edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Claim {
    /// The person's own rounds (`rungs assess`).
    OwnRounds,
    /// One reviewer's rounds (`rungs review --as NAME`).
    ReviewsBy(String),
    /// Every assessment (`rungs relink --write` rewrites them all).
    Everything,
    /// No assessment: the profile's actions alone (`rungs action`).
    Actions,
}

impl Claim {
    pub fn covers(&self, assessment: &Assessment) -> bool {
        match self {
            Claim::OwnRounds => assessment.role == Role::Own,
            Claim::ReviewsBy(name) => {
                assessment.role == Role::Manager && assessment.assessor == *name
            }
            Claim::Everything => true,
            Claim::Actions => false,
        }
    }

    /// "the self-assessment", "Sam Lee's review", "the whole profile".
    pub fn describe(&self) -> String {
        match self {
            Claim::OwnRounds => "the self-assessment".to_owned(),
            Claim::ReviewsBy(name) => format!("{name}'s review"),
            Claim::Everything => "the whole profile".to_owned(),
            Claim::Actions => "the actions".to_owned(),
        }
    }
}

/// What names one assessment in every version of a file: who, in which
/// role, from when (and which of several rounds started in one second).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssessmentId {
    pub role: Role,
    pub assessor: String,
    pub started: String,
    pub nth: usize,
}

/// The identity of each assessment of `profile`, in its order.
pub fn assessment_ids(profile: &Profile) -> Vec<AssessmentId> {
    let mut seen: HashMap<(Role, &str, String), usize> = HashMap::new();
    profile
        .assessments
        .iter()
        .map(|a| {
            let started = a.started.to_string();
            let nth = seen
                .entry((a.role, a.assessor.as_str(), started.clone()))
                .or_default();
            let id = AssessmentId {
                role: a.role,
                assessor: a.assessor.clone(),
                started,
                nth: *nth,
            };
            *nth += 1;
            id
        })
        .collect()
}

/// Something both writers changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// An assessment this writer edits was changed (or added, or removed)
    /// in the file too.
    Assessment(AssessmentId),
    /// A top-level key (`level`, `person`, an unknown key) changed on both
    /// sides, to different values.
    Field(String),
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clash::Assessment(id) => write!(
                f,
                "the {} round of {} started {}",
                id.role.as_str(),
                id.assessor,
                id.started
            ),
            Clash::Field(key) => write!(f, "`{key}`"),
        }
    }
}

/// A save merged into the file another writer changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// What to write: on a clash, this writer's side.
    pub profile: Profile,
    /// Where both sides changed the same thing; empty for a clean merge.
    pub clashes: Vec<Clash>,
}

/// Merges `ours` (this writer's version, edited from `base`) into `theirs`
/// (the file as it is now, also grown from `base`): the assessments `claim`
/// covers come from `ours`, every other assessment from `theirs`, and each
/// top-level key from the side that changed it. Where both changed the same
/// thing, `ours` is taken and the clash is listed, so the caller decides:
/// a save refuses, "keep mine" accepts (after keeping theirs apart).
pub fn merge_saves(base: &Profile, ours: &Profile, theirs: &Profile, claim: &Claim) -> Merged {
    let mut clashes = Vec::new();
    let fields = merge_fields(base, ours, theirs, &mut clashes);
    let assessments = merge_assessments(base, ours, theirs, claim, &mut clashes);
    let mut profile = fields.unwrap_or_else(|| without_assessments(ours));
    profile.assessments = assessments;
    Merged { profile, clashes }
}

fn merge_assessments(
    base: &Profile,
    ours: &Profile,
    theirs: &Profile,
    claim: &Claim,
    clashes: &mut Vec<Clash>,
) -> Vec<Assessment> {
    let by_id = |p: &Profile| -> HashMap<AssessmentId, usize> {
        assessment_ids(p)
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect()
    };
    let (base_at, ours_at) = (by_id(base), by_id(ours));
    let in_base = |id: &AssessmentId| base_at.get(id).map(|&i| &base.assessments[i]);
    let in_ours = |id: &AssessmentId| ours_at.get(id).map(|&i| &ours.assessments[i]);
    let theirs_ids = assessment_ids(theirs);
    let mut merged = Vec::with_capacity(theirs.assessments.len() + 1);
    for (id, assessment) in theirs_ids.iter().zip(&theirs.assessments) {
        if !claim.covers(assessment) {
            merged.push(assessment.clone());
            continue;
        }
        let changed_there = in_base(id) != Some(assessment);
        if changed_there {
            clashes.push(Clash::Assessment(id.clone()));
        }
        match in_ours(id) {
            Some(mine) => merged.push(mine.clone()),
            // Removed here: gone, unless the other side changed it (then
            // theirs stays, so nothing of it is lost).
            None if changed_there => merged.push(assessment.clone()),
            None => {}
        }
    }
    let in_theirs: std::collections::HashSet<&AssessmentId> = theirs_ids.iter().collect();
    for (id, mine) in assessment_ids(ours).iter().zip(&ours.assessments) {
        if !claim.covers(mine) || in_theirs.contains(id) {
            continue;
        }
        if in_base(id).is_some() {
            // The other side removed an assessment this writer edits.
            clashes.push(Clash::Assessment(id.clone()));
        }
        merged.push(mine.clone());
    }
    merged
}

/// The top-level keys, three ways; `None` when a profile could not be
/// turned into a table (no profile rungs reads is like that).
fn merge_fields(
    base: &Profile,
    ours: &Profile,
    theirs: &Profile,
    clashes: &mut Vec<Clash>,
) -> Option<Profile> {
    let table = |p: &Profile| toml::Table::try_from(without_assessments(p)).ok();
    let (base, ours, theirs) = (table(base)?, table(ours)?, table(theirs)?);
    let mut keys: Vec<&String> = theirs.keys().collect();
    keys.extend(ours.keys().filter(|k| !theirs.contains_key(*k)));
    keys.extend(
        base.keys()
            .filter(|k| !theirs.contains_key(*k) && !ours.contains_key(*k)),
    );
    let mut merged = toml::Table::new();
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        if let Some(value) = merge_value(key, b, o, t, clashes) {
            merged.insert(key.clone(), value);
        }
    }
    toml::Value::Table(merged).try_into().ok()
}

/// One key three ways. Tables on both sides (the kept wordings, say, that
/// each writer adds to) merge key by key, so two writers adding different
/// keys both keep theirs; any other value changed by both differently is a
/// clash, ours kept.
fn merge_value(
    key: &str,
    b: Option<&toml::Value>,
    o: Option<&toml::Value>,
    t: Option<&toml::Value>,
    clashes: &mut Vec<Clash>,
) -> Option<toml::Value> {
    if o == b || o == t {
        return t.cloned();
    }
    if t == b {
        return o.cloned();
    }
    // A table on one side or both (a missing one counts as empty) merges key
    // by key: the kept wordings each writer adds to, say.
    if let (Some(bt), Some(ot), Some(tt)) = (as_table(b), as_table(o), as_table(t))
        && (ot.is_some() || tt.is_some())
    {
        let empty = toml::Table::new();
        let (b, o, t) = (
            bt.unwrap_or(&empty),
            ot.unwrap_or(&empty),
            tt.unwrap_or(&empty),
        );
        let mut inner: Vec<&String> = t.keys().collect();
        inner.extend(o.keys().filter(|k| !t.contains_key(*k)));
        inner.extend(
            b.keys()
                .filter(|k| !t.contains_key(*k) && !o.contains_key(*k)),
        );
        let mut merged = toml::Table::new();
        for k in inner {
            let path = format!("{key}.{k}");
            if let Some(v) = merge_value(&path, b.get(k), o.get(k), t.get(k), clashes) {
                merged.insert(k.clone(), v);
            }
        }
        return Some(toml::Value::Table(merged));
    }
    if let (Some(b), Some(o), Some(t)) = (identified(b), identified(o), identified(t)) {
        return Some(toml::Value::Array(merge_items(key, &b, &o, &t, clashes)));
    }
    clashes.push(Clash::Field(key.to_owned()));
    o.cloned()
}

/// A list of tables that each name their `id` once (the actions), by id;
/// a missing list counts as empty. `None` for any other value.
fn identified(value: Option<&toml::Value>) -> Option<Vec<(&str, &toml::Value)>> {
    let Some(value) = value else {
        return Some(Vec::new());
    };
    let mut seen = std::collections::HashSet::new();
    value
        .as_array()?
        .iter()
        .map(|item| {
            let id = item.as_table()?.get("id")?.as_str()?;
            seen.insert(id).then_some((id, item))
        })
        .collect()
}

/// Item by item: each writer's new items kept, in theirs' order then ours'
/// new ones; an item changed by both merges key by key.
fn merge_items<'a>(
    key: &str,
    b: &[(&'a str, &'a toml::Value)],
    o: &[(&'a str, &'a toml::Value)],
    t: &[(&'a str, &'a toml::Value)],
    clashes: &mut Vec<Clash>,
) -> Vec<toml::Value> {
    let map = |list: &[(&'a str, &'a toml::Value)]| -> HashMap<&'a str, &'a toml::Value> {
        list.iter().copied().collect()
    };
    let (mb, mo, mt) = (map(b), map(o), map(t));
    let mut ids: Vec<&str> = t.iter().map(|(id, _)| *id).collect();
    ids.extend(
        o.iter()
            .map(|(id, _)| *id)
            .filter(|id| !mt.contains_key(id)),
    );
    ids.extend(
        b.iter()
            .map(|(id, _)| *id)
            .filter(|id| !mt.contains_key(id) && !mo.contains_key(id)),
    );
    ids.into_iter()
        .filter_map(|id| {
            let path = format!("{key}.{id}");
            let get = |m: &HashMap<&str, &'a toml::Value>| m.get(id).copied();
            merge_value(&path, get(&mb), get(&mo), get(&mt), clashes)
        })
        .collect()
}

/// A table, or nothing (`Some(None)`); `None` for any other value.
fn as_table(value: Option<&toml::Value>) -> Option<Option<&toml::Table>> {
    match value {
        Some(toml::Value::Table(t)) => Some(Some(t)),
        None => Some(None),
        Some(_) => None,
    }
}

/// A copy of the profile's top level, without cloning its ratings. Spelled
/// field by field, so a field added to `Profile` must be thought about here.
fn without_assessments(profile: &Profile) -> Profile {
    let Profile {
        format,
        person,
        framework,
        craft,
        level,
        manager,
        identities,
        extra,
        assessments: _,
        wordings,
        evidence,
        repositories,
        harvest,
        blind,
        actions,
    } = profile;
    Profile {
        format: *format,
        person: person.clone(),
        framework: framework.clone(),
        craft: craft.clone(),
        level: level.clone(),
        manager: manager.clone(),
        identities: identities.clone(),
        extra: extra.clone(),
        assessments: Vec::new(),
        wordings: wordings.clone(),
        evidence: evidence.clone(),
        repositories: repositories.clone(),
        harvest: harvest.clone(),
        blind: *blind,
        actions: actions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mark, StatementKey};

    fn at(stamp: &str) -> toml::value::Datetime {
        stamp.parse().expect("a datetime")
    }

    fn rate(profile: &mut Profile, index: usize, key: &str, value: u8) {
        let key = StatementKey::parse(key).expect("a key");
        profile.assessments[index].edit(&key, |r| r.set_mark(Mark::Value(value)));
    }

    /// Alex's self round and Sam's review, each with one rating.
    fn base() -> Profile {
        let mut p = Profile::new("Alex", "vaarst", "devops-engineer", "level-4");
        let own = p.new_round(Role::Own, "Alex", at("2026-01-01T09:00:00Z"));
        rate(&mut p, own, "level-4/a/1", 2);
        let sam = p.new_round(Role::Manager, "Sam", at("2026-01-02T09:00:00Z"));
        rate(&mut p, sam, "level-4/a/1", 3);
        p
    }

    fn value(profile: &Profile, role: Role, who: &str, key: &str) -> Mark {
        profile
            .assessments
            .iter()
            .rev()
            .find(|a| a.role == role && a.assessor == who)
            .map_or(Mark::Unrated, |a| a.mark(key))
    }

    #[test]
    fn evidence_both_writers_added_is_all_kept() {
        use crate::model::Evidence;
        let date: toml::value::Date = "2026-10-04"
            .parse::<toml::value::Datetime>()
            .unwrap()
            .date
            .unwrap();
        let mut base = base();
        base.add_evidence(Evidence::new(date, "shared", "t0"));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.add_evidence(Evidence::new(date, "mine", "t1"));
        theirs.add_evidence(Evidence::new(date, "yours", "t2"));
        let first = base.evidence[0].id.clone();
        theirs.link_evidence(&first, "level-4/automation/1");
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        let texts: Vec<&str> = merged
            .profile
            .evidence
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(texts, ["shared", "yours", "mine"]);
        assert_eq!(
            merged.profile.evidence[0].statements,
            ["level-4/automation/1"]
        );
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
    }

    #[test]
    fn commits_each_writer_skipped_or_accepted_are_all_kept() {
        use crate::model::harvest::{Commit, Proposal, Source, accept, skip};
        let commit = |sha: &str| Proposal {
            repo: "rungs".into(),
            commit: Commit {
                sha: sha.repeat(40),
                merge: false,
                author: "Alex".into(),
                email: "a@x".into(),
                date: toml::value::Date {
                    year: 2026,
                    month: 4,
                    day: 2,
                },
                subject: "work".into(),
                pull_request: None,
            },
        };
        let source = Source {
            name: "rungs".into(),
            path: "/src/rungs".into(),
            remote: None,
        };
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        skip(&mut ours, &commit("a"));
        skip(&mut theirs, &commit("b"));
        // Both skipped the same commit: the same value, no clash.
        skip(&mut ours, &commit("c"));
        skip(&mut theirs, &commit("c"));
        accept(
            &mut theirs,
            &commit("d"),
            &source,
            "work",
            vec!["level-4/automation/1".into()],
            "t",
        );
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
        let skipped: Vec<&str> = merged
            .profile
            .harvest
            .skipped
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            skipped,
            [
                "rungs@aaaaaaaaaaaa",
                "rungs@bbbbbbbbbbbb",
                "rungs@cccccccccccc"
            ]
        );
        assert_eq!(merged.profile.evidence.len(), 1);
        assert!(merged.profile.repositories.contains_key("rungs"));
    }

    #[test]
    fn actions_added_and_done_by_two_writers_are_all_kept() {
        use crate::model::actions::Action;
        let mut base = base();
        let first = Action::new(
            "level-4/a/1",
            "Pair",
            "Alex",
            None,
            at("2026-01-03T09:00:00Z"),
        );
        base.actions.push(first.clone());
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.actions[0].toggle(at("2026-01-04T09:00:00Z"));
        ours.actions.push(Action::new(
            "level-4/a/2",
            "Read",
            "Alex",
            None,
            at("2026-01-04T09:00:00Z"),
        ));
        theirs.actions[0].text = "Pair twice".into();
        theirs.actions.push(Action::new(
            "level-4/a/3",
            "Talk",
            "Sam",
            None,
            at("2026-01-05T09:00:00Z"),
        ));
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
        let p = merged.profile;
        let texts: Vec<&str> = p.actions.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Pair twice", "Talk", "Read"]);
        assert!(!p.actions[0].is_open(), "ours marked it done");
        theirs.actions[0].done = Some(at("2026-01-06T09:00:00Z"));
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        let [Clash::Field(field)] = merged.clashes.as_slice() else {
            panic!("one clash: {:?}", merged.clashes);
        };
        assert!(
            field.starts_with(&format!("actions.{}.done", first.id)),
            "{field}"
        );
    }

    #[test]
    fn wordings_both_writers_kept_merge_into_one_table() {
        let base = base();
        let mut ours = base.clone();
        ours.wordings
            .insert("aaaaaaaaaaaa".into(), "I ship.".into());
        let mut theirs = base.clone();
        theirs
            .wordings
            .insert("bbbbbbbbbbbb".into(), "I review.".into());
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
        assert_eq!(merged.profile.wordings.len(), 2);
    }

    #[test]
    fn each_writer_keeps_its_own_assessment_and_takes_the_others() {
        let base = base();
        let mut ours = base.clone();
        rate(&mut ours, 0, "level-4/a/2", 4);
        let mut theirs = base.clone();
        rate(&mut theirs, 1, "level-4/a/2", 1);
        theirs.extra.insert("team".into(), "platform".into());
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes, vec![]);
        let p = merged.profile;
        assert_eq!(value(&p, Role::Own, "Alex", "level-4/a/2"), Mark::Value(4));
        assert_eq!(
            value(&p, Role::Manager, "Sam", "level-4/a/2"),
            Mark::Value(1)
        );
        assert_eq!(p.extra.get("team"), Some(&"platform".into()));
        assert_eq!(
            merge_saves(&base, &theirs, &ours, &Claim::ReviewsBy("Sam".into())).profile,
            p,
            "the same file whichever side saves it"
        );
    }

    #[test]
    fn a_new_round_on_each_side_is_kept_and_ours_comes_last() {
        let base = base();
        let mut ours = base.clone();
        let mine = ours.new_round(Role::Own, "Alex", at("2026-04-01T09:00:00Z"));
        rate(&mut ours, mine, "level-4/a/3", 3);
        let mut theirs = base.clone();
        theirs.new_round(Role::Manager, "Kim", at("2026-04-02T09:00:00Z"));
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes, vec![]);
        let who: Vec<&str> = merged
            .profile
            .assessments
            .iter()
            .map(|a| a.assessor.as_str())
            .collect();
        assert_eq!(who, ["Alex", "Sam", "Kim", "Alex"]);
        assert_eq!(
            merged
                .profile
                .current(Role::Own)
                .map(|a| a.mark("level-4/a/3")),
            Some(Mark::Value(3))
        );
    }

    #[test]
    fn the_same_assessment_changed_on_both_sides_is_a_clash_and_ours_is_written() {
        let base = base();
        let mut ours = base.clone();
        rate(&mut ours, 0, "level-4/a/1", 4);
        let mut theirs = base.clone();
        rate(&mut theirs, 0, "level-4/a/1", 1);
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes.len(), 1);
        assert!(matches!(&merged.clashes[0], Clash::Assessment(id) if id.assessor == "Alex"));
        assert_eq!(
            value(&merged.profile, Role::Own, "Alex", "level-4/a/1"),
            Mark::Value(4)
        );
        // A round of ours the other side added is theirs to explain too.
        let mut theirs = base.clone();
        theirs.new_round(Role::Own, "Alex", at("2026-05-01T09:00:00Z"));
        let merged = merge_saves(&base, &base, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes.len(), 1, "{:?}", merged.clashes);
        assert_eq!(
            merged.profile.assessments.len(),
            3,
            "nothing of theirs lost"
        );
    }

    #[test]
    fn top_level_keys_merge_one_by_one() {
        let base = base();
        let mut ours = base.clone();
        ours.level = "level-5".into();
        let mut theirs = base.clone();
        theirs.person = "Alex Doe".into();
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes, vec![]);
        assert_eq!(
            (
                merged.profile.level.as_str(),
                merged.profile.person.as_str()
            ),
            ("level-5", "Alex Doe")
        );
        let mut theirs = base.clone();
        theirs.level = "level-3".into();
        let merged = merge_saves(&base, &ours, &theirs, &Claim::OwnRounds);
        assert_eq!(merged.clashes, vec![Clash::Field("level".into())]);
        assert_eq!(merged.profile.level, "level-5");
        let mut theirs = base.clone();
        theirs.extra.remove("nothing");
        theirs.extra.insert("gone-here".into(), 1.into());
        let mut base2 = base.clone();
        base2.extra.insert("gone-here".into(), 1.into());
        let mut ours2 = base2.clone();
        ours2.extra.remove("gone-here");
        let merged = merge_saves(&base2, &ours2, &theirs, &Claim::OwnRounds);
        assert!(
            !merged.profile.extra.contains_key("gone-here"),
            "removed here"
        );
    }

    #[test]
    fn rounds_started_in_one_second_keep_apart() {
        let mut base = base();
        base.new_round(Role::Own, "Alex", at("2026-01-01T09:00:00Z"));
        let ids = assessment_ids(&base);
        assert_eq!((ids[0].nth, ids[2].nth), (0, 1));
        let mut ours = base.clone();
        rate(&mut ours, 2, "level-4/a/4", 2);
        let merged = merge_saves(&base, &ours, &base, &Claim::OwnRounds);
        assert_eq!(merged.clashes, vec![]);
        assert_eq!(merged.profile, ours);
    }

    #[test]
    fn everything_claimed_means_any_change_there_clashes() {
        let base = base();
        let mut theirs = base.clone();
        rate(&mut theirs, 1, "level-4/a/5", 1);
        let merged = merge_saves(&base, &base, &theirs, &Claim::Everything);
        assert_eq!(merged.clashes.len(), 1);
        assert_eq!(
            merge_saves(&base, &base, &base, &Claim::Everything).clashes,
            vec![]
        );
    }
}
