//! Where each profile was left: the statement last selected, by the
//! profile's full path, in a small file of this user's own (`state.toml` in
//! the data folder), never in the profile that is shared. Losing it loses
//! nothing but the place: it is read leniently and written best-effort.
//!
//! The file is a `[places]` table, one line a profile, the one left last at
//! the end. Only its end is read, and only a bounded number of places are
//! kept, so a state file grown huge (by hand, or by another program) costs
//! what a normal one does.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::model::StatementKey;

/// At most this many profiles are remembered; the oldest are forgotten.
pub const REMEMBERED: usize = 200;

/// Only this much of the end of the file is read: room for more than
/// [`REMEMBERED`] places with long paths.
const READ_AT_MOST: u64 = 1024 * 1024;

/// The statement last selected in `profile`, if remembered.
pub fn last_place(state: &Path, profile: &Path) -> Option<StatementKey> {
    let name = profile_key(profile);
    let places = places(state);
    let (_, place) = places.iter().rev().find(|(p, _)| *p == name)?;
    StatementKey::parse(place)
}

/// Remembers `key` as where `profile` was left, forgetting the places left
/// longest ago beyond [`REMEMBERED`]. Failing to is not an error anyone
/// can act on, so it is quiet.
pub fn remember(state: &Path, profile: &Path, key: &StatementKey) {
    let name = profile_key(profile);
    let mut kept: Vec<(String, String)> = places(state)
        .into_iter()
        .filter(|(p, _)| *p != name)
        .collect();
    let over = (kept.len() + 1).saturating_sub(REMEMBERED);
    kept.drain(..over);
    kept.push((name, key.to_string()));
    let mut table = toml::Table::new();
    table.insert(
        "places".to_owned(),
        toml::Value::Table(
            kept.into_iter()
                .map(|(p, k)| (p, toml::Value::String(k)))
                .collect(),
        ),
    );
    let Ok(text) = toml::to_string(&table) else {
        return;
    };
    if let Some(dir) = state.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = super::save::write_atomic(state, text.as_bytes());
}

fn profile_key(profile: &Path) -> String {
    std::fs::canonicalize(profile)
        .unwrap_or_else(|_| profile.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The places of the state file, left longest ago first, each profile
/// once (its last line wins), at most [`REMEMBERED`] of them; read from
/// the file's last [`READ_AT_MOST`] bytes. A line that is not a place is
/// passed over.
fn places(state: &Path) -> Vec<(String, String)> {
    let Some(text) = tail(state) else {
        return Vec::new();
    };
    let (text, whole) = text;
    // Read from the middle, the lines are of the places table (the only
    // one rungs writes), after the first line, which may be cut.
    let mut lines = text.lines();
    let mut in_places = !whole;
    if !whole {
        lines.next();
    }
    let mut found: Vec<(String, String)> = Vec::new();
    for line in lines {
        let line = line.trim();
        if line.starts_with('[') {
            in_places = line == "[places]";
            continue;
        }
        if !in_places || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Ok(entry) = toml::from_str::<toml::Table>(line) else {
            continue;
        };
        for (profile, place) in entry {
            if let toml::Value::String(place) = place {
                found.push((profile, place));
            }
        }
    }
    // Each profile once, where it was left last; the newest REMEMBERED.
    let mut seen = HashSet::new();
    let mut newest: Vec<(String, String)> = found
        .into_iter()
        .rev()
        .filter(|(profile, _)| seen.insert(profile.clone()))
        .take(REMEMBERED)
        .collect();
    newest.reverse();
    newest
}

/// The text of the file's last [`READ_AT_MOST`] bytes, and whether that
/// is the whole file.
fn tail(state: &Path) -> Option<(String, bool)> {
    let (mut file, meta) = super::open::open_regular(state).ok()??;
    let start = meta.len().saturating_sub(READ_AT_MOST);
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = Vec::new();
    file.take(READ_AT_MOST).read_to_end(&mut bytes).ok()?;
    Some((String::from_utf8_lossy(&bytes).into_owned(), start == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_remembered_per_profile_and_a_broken_file_forgets_quietly() {
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path().join("state.toml");
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        let key = StatementKey::parse("level-4/automation/2").expect("key");
        assert_eq!(last_place(&state, &a), None);
        remember(&state, &a, &key);
        assert_eq!(last_place(&state, &a), Some(key.clone()));
        assert_eq!(last_place(&state, &b), None);
        std::fs::write(&state, "not [ toml").expect("write");
        assert_eq!(last_place(&state, &a), None);
        remember(&state, &b, &key);
        assert_eq!(last_place(&state, &b), Some(key));
    }

    /// A state file of 300,000 places: remembering one more keeps the
    /// newest 199 of them and the new one, in the order they were left.
    #[test]
    fn a_huge_state_file_is_read_in_part_and_pruned_to_the_bound() {
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path().join("state.toml");
        let mut text = String::from("[places]\n");
        for i in 0..300_000 {
            text.push_str(&format!(
                "\"/profiles/p{i}.toml\" = \"level-4/automation/{}\"\n",
                i % 3 + 1
            ));
        }
        std::fs::write(&state, text).expect("write");
        let newest = Path::new("/profiles/p299999.toml");
        assert_eq!(
            last_place(&state, newest),
            StatementKey::parse("level-4/automation/3"),
            "299,999 % 3 + 1"
        );
        let new = dir.path().join("new.toml");
        let key = StatementKey::parse("level-4/process-design/2").expect("key");
        remember(&state, &new, &key);
        let table: toml::Table =
            toml::from_str(&std::fs::read_to_string(&state).expect("read")).expect("toml");
        let places = table["places"].as_table().expect("places");
        assert_eq!(places.len(), REMEMBERED);
        let names: Vec<&String> = places.keys().collect();
        assert_eq!(names[0], "/profiles/p299801.toml", "the oldest kept");
        assert_eq!(names[REMEMBERED - 2], "/profiles/p299999.toml");
        assert_eq!(
            *names[REMEMBERED - 1],
            profile_key(&new),
            "the new one last"
        );
        assert_eq!(last_place(&state, &new), Some(key));
        assert_eq!(last_place(&state, Path::new("/profiles/p5.toml")), None);
    }

    #[test]
    fn a_profile_left_again_moves_to_the_end_once() {
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path().join("state.toml");
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        let one = StatementKey::parse("level-4/automation/1").expect("key");
        let two = StatementKey::parse("level-4/automation/2").expect("key");
        remember(&state, &a, &one);
        remember(&state, &b, &one);
        remember(&state, &a, &two);
        let text = std::fs::read_to_string(&state).expect("read");
        let table: toml::Table = toml::from_str(&text).expect("toml");
        let places = table["places"].as_table().expect("places");
        let names: Vec<&String> = places.keys().collect();
        assert_eq!(names, [&profile_key(&b), &profile_key(&a)]);
        assert_eq!(last_place(&state, &a), Some(two));
    }
}
