//! `snowflake`: the `tracks` object of a `constants.js` or `.ts` file,
//! `{TRACK_ID: {displayName, category, description, milestones: [{summary,
//! signals: [..], examples: [..]}]}}`, read as data, never run. Milestone
//! N (from 1) is the level of rank N; a track is an area; a milestone's
//! summary and signals are its statements, its examples the summary's hint.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;

use super::js::{JsError, Node, Value, find_object};
use super::tree::{Draft, LevelAt, Lines, bare_level, error_at, hint_of, id_of, text_of};
use super::{Options, Source};
use crate::error::{InputError, InputErrors};

/// The craft of the tracks when `--craft` names none.
const DEFAULT_CRAFT: &str = "Engineering";

pub fn read(sources: &[Source], options: &Options) -> Result<Draft, InputErrors> {
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    for source in sources {
        if let Err(errs) = read_file(source, options, &mut draft) {
            errors.extend(errs.0);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    // Levels are made as the tracks name them: put them in rank order.
    for craft in &mut draft.tree.crafts {
        craft.levels.sort_by_key(|l| l.rank);
    }
    Ok(draft)
}

fn read_file(source: &Source, options: &Options, draft: &mut Draft) -> Result<(), InputErrors> {
    let path = source.path.as_path();
    let lines = Lines::new(&source.text);
    let error = |offset: usize, message: String| error_at(path, lines.location(offset), message);
    let tracks = find_object(&source.text, "tracks").map_err(|JsError { offset, message }| {
        error(offset, message).hint(
            "rungs reads `tracks = { ID: { displayName, milestones: [{ summary, signals, examples }] } }` as data",
        )
    })?;
    let Value::Object(tracks) = &tracks.value else {
        return Err(error(tracks.offset, "`tracks` is not an object".into()).into());
    };
    let (craft_name, craft_id) = craft_of(options)?;
    let mut reading = Tracks {
        path,
        lines: &lines,
        craft: draft.tree.craft(&craft_id, &craft_name),
        craft_id,
        seen: HashSet::new(),
        unread: Unread::default(),
        errors: Vec::new(),
    };
    for (key, track) in tracks {
        reading.track(key, track, draft);
    }
    let Tracks { errors, unread, .. } = reading;
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    unread.skip_all(path, &lines, draft);
    Ok(())
}

/// The craft the tracks go to, and its id: `--craft`, else Engineering.
fn craft_of(options: &Options) -> Result<(String, String), InputError> {
    let craft_name = options
        .craft
        .as_deref()
        .map_or_else(|| DEFAULT_CRAFT.to_owned(), text_of);
    let Some(craft_id) = id_of(&craft_name) else {
        return Err(
            InputError::new(format!("no craft id can be made from \"{craft_name}\""))
                .hint("name the craft with --craft NAME"),
        );
    };
    Ok((craft_name, craft_id))
}

/// One file's tracks read into one craft, and what reading them found.
struct Tracks<'a> {
    path: &'a Path,
    lines: &'a Lines<'a>,
    craft: usize,
    craft_id: String,
    /// The area ids of the tracks read so far.
    seen: HashSet<String>,
    unread: Unread,
    errors: Vec<InputError>,
}

impl Tracks<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> InputError {
        error_at(self.path, self.lines.location(offset), message)
    }

    fn skip(&self, draft: &mut Draft, offset: usize, reason: String) {
        draft.skip(self.path, self.lines.location(offset).line, reason);
    }

    /// A track: an area at the level of each of its milestones. One that
    /// cannot be read is an error; one without milestones is skipped.
    fn track(&mut self, key: &str, track: &Node, draft: &mut Draft) {
        let area_id = match self.area_id(key, track) {
            Ok(id) => id,
            Err(error) => {
                self.errors.push(error);
                return;
            }
        };
        self.unread
            .note("track", track, &["displayName", "milestones"]);
        let name = match track.get("displayName").map(|n| &n.value) {
            Some(Value::Str(name)) if !text_of(name).is_empty() => text_of(name),
            _ => text_of(key),
        };
        let Some(milestones) = self.milestones(key, track, draft) else {
            return;
        };
        for (i, milestone) in milestones.iter().enumerate() {
            let area = (area_id.as_str(), name.as_str());
            if self
                .milestone(i as u32 + 1, key, area, milestone, draft)
                .is_break()
            {
                break;
            }
        }
    }

    /// A track's milestones; `None` when it has none (skipped, saying so)
    /// or they are not an array (an error).
    fn milestones<'t>(
        &mut self,
        key: &str,
        track: &'t Node,
        draft: &mut Draft,
    ) -> Option<&'t [Node]> {
        match track.get("milestones") {
            Some(Node {
                value: Value::Array(items),
                ..
            }) => Some(items),
            Some(other) => {
                let error = self.error(
                    other.offset,
                    format!(
                        "`milestones` of `{}` is {}, not an array",
                        text_of(key),
                        other.value.kind()
                    ),
                );
                self.errors.push(error);
                None
            }
            None => {
                let why = format!("track `{}` has no milestones", text_of(key));
                self.skip(draft, track.offset, why);
                None
            }
        }
    }

    /// The id of a track's area: made from its key, not made before, and
    /// the track an object.
    fn area_id(&mut self, key: &str, track: &Node) -> Result<String, InputError> {
        let Some(area_id) = id_of(key) else {
            return Err(self.error(
                track.offset,
                format!("no area id can be made from the track `{}`", text_of(key)),
            ));
        };
        if !self.seen.insert(area_id.clone()) {
            return Err(self
                .error(track.offset, format!("two tracks make area `{area_id}`"))
                .hint("give each track its own id"));
        }
        if !matches!(track.value, Value::Object(_)) {
            return Err(self.error(
                track.offset,
                format!(
                    "track `{}` is {}, not an object",
                    text_of(key),
                    track.value.kind()
                ),
            ));
        }
        Ok(area_id)
    }

    /// Milestone `rank` of a track: its statements in the track's area
    /// (id, name) at the milestone's level. A track the craft has already
    /// stops here.
    fn milestone(
        &mut self,
        rank: u32,
        key: &str,
        (area_id, name): (&str, &str),
        milestone: &Node,
        draft: &mut Draft,
    ) -> ControlFlow<()> {
        self.unread
            .note("milestone", milestone, &["summary", "signals", "examples"]);
        if lone_examples(milestone) {
            self.skip(draft, milestone.offset, format!(
                "the examples of milestone {rank} of `{}` are not imported: they are the hint of a summary, and it has none",
                text_of(key)
            ));
        }
        let list = match statements(milestone) {
            Ok(list) => list,
            Err((offset, message)) => {
                self.errors.push(self.error(offset, message));
                return ControlFlow::Continue(());
            }
        };
        if list.is_empty() {
            let why = format!(
                "milestone {rank} of `{}` has no summary or signals",
                text_of(key)
            );
            self.skip(draft, milestone.offset, why);
            return ControlFlow::Continue(());
        }
        self.fill(rank, (area_id, name), milestone.offset, list, draft)
    }

    /// Milestone `rank`'s statements into the track's area at its level;
    /// an area filled before means a track given twice.
    fn fill(
        &mut self,
        rank: u32,
        (area_id, name): (&str, &str),
        offset: usize,
        list: Statements,
        draft: &mut Draft,
    ) -> ControlFlow<()> {
        let level = self.level(rank, draft);
        let area = draft.tree.area(level, area_id, name);
        if !draft.tree.area_ref(area).statements.is_empty() {
            let error = self
                .error(
                    offset,
                    format!(
                        "track `{area_id}` is given twice for craft `{}`",
                        self.craft_id
                    ),
                )
                .hint("import each tracks file into its own craft with --craft");
            self.errors.push(error);
            return ControlFlow::Break(());
        }
        for (text, hint) in list {
            draft.tree.push_numbered(area, text, hint);
        }
        ControlFlow::Continue(())
    }

    /// The level of milestone `rank`, made when new.
    fn level(&self, rank: u32, draft: &mut Draft) -> LevelAt {
        let level_id = format!("milestone-{rank}");
        match draft.tree.find_level(self.craft, &level_id) {
            Some(level) => level,
            None => {
                let level = bare_level(level_id, rank, format!("Milestone {rank}"));
                draft.tree.add_level(self.craft, level)
            }
        }
    }
}

/// Keys of tracks and milestones that rungs does not read (`category`,
/// `description`, …): each said once, with how many held it and where
/// the first is, so that nothing is left out silently.
#[derive(Default)]
struct Unread {
    /// (what holds it, key) → (first offset, how many).
    keys: std::collections::BTreeMap<(&'static str, String), (usize, usize)>,
}

impl Unread {
    fn note(&mut self, holder: &'static str, node: &Node, read: &[&str]) {
        let Value::Object(entries) = &node.value else {
            return;
        };
        for (key, value) in entries {
            if !read.contains(&key.as_str()) {
                let seen = self
                    .keys
                    .entry((holder, key.clone()))
                    .or_insert((value.offset, 0));
                seen.1 += 1;
            }
        }
    }

    fn skip_all(self, path: &Path, lines: &Lines<'_>, draft: &mut Draft) {
        let mut keys: Vec<_> = self.keys.into_iter().collect();
        keys.sort_by_key(|(_, (offset, _))| *offset);
        for ((holder, key), (offset, count)) in keys {
            let read = if holder == "track" {
                "a track's displayName and milestones"
            } else {
                "a milestone's summary, signals and examples"
            };
            draft.skip(
                path,
                lines.location(offset).line,
                format!(
                    "`{}` of {count} {holder}(s) is not imported: rungs reads {read}",
                    text_of(&key)
                ),
            );
        }
    }
}

/// A milestone with examples but no summary to be their hint.
fn lone_examples(milestone: &Node) -> bool {
    let has_examples = matches!(
        milestone.get("examples").map(|n| &n.value),
        Some(Value::Array(items)) if !items.is_empty()
    );
    let has_summary = matches!(
        milestone.get("summary").map(|n| &n.value),
        Some(Value::Str(s)) if !text_of(s).is_empty()
    );
    has_examples && !has_summary
}

type Statements = Vec<(String, Option<String>)>;

/// The strings of an array `key` of a milestone; none if it has no `key`.
fn strings(milestone: &Node, key: &str) -> Result<Vec<String>, (usize, String)> {
    match milestone.get(key) {
        None => Ok(Vec::new()),
        Some(Node {
            value: Value::Array(items),
            ..
        }) => items
            .iter()
            .map(|item| match &item.value {
                Value::Str(s) => Ok(s.clone()),
                other => Err((
                    item.offset,
                    format!("an entry of `{key}` is {}, not a string", other.kind()),
                )),
            })
            .collect(),
        Some(other) => Err((
            other.offset,
            format!("`{key}` is {}, not an array", other.value.kind()),
        )),
    }
}

/// A milestone's statements: the summary (with the examples as its hint),
/// then each signal.
fn statements(milestone: &Node) -> Result<Statements, (usize, String)> {
    if !matches!(milestone.value, Value::Object(_)) {
        return Err((
            milestone.offset,
            format!("a milestone is {}, not an object", milestone.value.kind()),
        ));
    }
    let examples = strings(milestone, "examples")?;
    let signals = strings(milestone, "signals")?;
    let mut out = Vec::new();
    match milestone.get("summary") {
        None => {}
        Some(Node {
            value: Value::Str(summary),
            ..
        }) => {
            let text = text_of(summary);
            if !text.is_empty() {
                out.push((text, hint_of(examples.iter().map(String::as_str))));
            }
        }
        Some(other) => {
            return Err((
                other.offset,
                format!("`summary` is {}, not a string", other.value.kind()),
            ));
        }
    }
    out.extend(
        signals
            .iter()
            .map(|s| text_of(s))
            .filter(|s| !s.is_empty())
            .map(|s| (s, None)),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_without_a_summary_and_keys_not_read_are_said() {
        let source = Source {
            path: "c.js".into(),
            text: "tracks = {\n A: { note: 1, milestones: [\n  { signals: ['I do.'], examples: ['Did.'], extra: 2 }] },\n B: { note: 3, milestones: [{ summary: 'I lead.' }] } }".into(),
        };
        let draft = read(&[source], &Options::default()).expect("reads");
        let said: Vec<(usize, &str)> = draft
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    3,
                    "the examples of milestone 1 of `A` are not imported: they are the hint of a summary, and it has none"
                ),
                (
                    2,
                    "`note` of 2 track(s) is not imported: rungs reads a track's displayName and milestones"
                ),
                (
                    3,
                    "`extra` of 1 milestone(s) is not imported: rungs reads a milestone's summary, signals and examples"
                ),
            ]
        );
    }
}
