//! Where each profile was left: the statement last selected, by the
//! profile's full path, in a small file of this user's own (`state.toml` in
//! the data folder), never in the profile that is shared. Losing it loses
//! nothing but the place: it is read leniently and written best-effort.

use std::path::Path;

use crate::model::StatementKey;

/// At most this many profiles are remembered; the oldest are forgotten.
const REMEMBERED: usize = 200;

/// The statement last selected in `profile`, if remembered.
pub fn last_place(state: &Path, profile: &Path) -> Option<StatementKey> {
    let table = read(state);
    let place = table.get("places")?.get(&*profile_key(profile))?.as_str()?;
    StatementKey::parse(place)
}

/// Remembers `key` as where `profile` was left. Failing to is not an error
/// anyone can act on, so it is quiet.
pub fn remember(state: &Path, profile: &Path, key: &StatementKey) {
    let mut table = read(state);
    let places = table
        .entry("places")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let Some(places) = places.as_table_mut() else {
        return;
    };
    let name = profile_key(profile);
    places.remove(&name);
    while places.len() >= REMEMBERED {
        let Some(oldest) = places.keys().next().cloned() else {
            break;
        };
        places.remove(&oldest);
    }
    places.insert(name, toml::Value::String(key.to_string()));
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

fn read(state: &Path) -> toml::Table {
    super::read::read_text(state)
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default()
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
}
