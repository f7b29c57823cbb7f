//! What changes between two levels of a craft, area by area: statements only
//! in one, statements in both (the same area and statement id) with other
//! words, and areas only the second level has.

use super::framework::{Area, Level};

/// One area's changes from level A to level B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaDiff<'f> {
    /// The area as level B has it (or A, for an area B lacks).
    pub area: &'f Area,
    pub only_a: Vec<&'f super::Statement>,
    pub only_b: Vec<&'f super::Statement>,
    /// The same statement id under the same area id, with other words.
    pub reworded: Vec<(&'f super::Statement, &'f super::Statement)>,
}

impl AreaDiff<'_> {
    pub fn is_empty(&self) -> bool {
        self.only_a.is_empty() && self.only_b.is_empty() && self.reworded.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelDiff<'f> {
    pub a: &'f Level,
    pub b: &'f Level,
    /// Areas both levels have (by id), in B's order, then areas only A has.
    pub areas: Vec<AreaDiff<'f>>,
    /// Areas new in B.
    pub new_areas: Vec<&'f Area>,
}

/// Compares two levels (of one craft: an area id names the same area at another rank).
pub fn level_diff<'f>(a: &'f Level, b: &'f Level) -> LevelDiff<'f> {
    let mut areas = Vec::new();
    let mut new_areas = Vec::new();
    for area_b in &b.areas {
        let Some(area_a) = a.area(&area_b.id) else {
            new_areas.push(area_b);
            continue;
        };
        let mut diff = AreaDiff {
            area: area_b,
            only_a: Vec::new(),
            only_b: Vec::new(),
            reworded: Vec::new(),
        };
        for s in &area_a.statements {
            match area_b.statements.iter().find(|t| t.id == s.id) {
                None => diff.only_a.push(s),
                Some(t) if t.text != s.text => diff.reworded.push((s, t)),
                Some(_) => {}
            }
        }
        diff.only_b = area_b
            .statements
            .iter()
            .filter(|t| !area_a.statements.iter().any(|s| s.id == t.id))
            .collect();
        areas.push(diff);
    }
    for area_a in &a.areas {
        if b.area(&area_a.id).is_none() {
            areas.push(AreaDiff {
                area: area_a,
                only_a: area_a.statements.iter().collect(),
                only_b: Vec::new(),
                reworded: Vec::new(),
            });
        }
    }
    LevelDiff {
        a,
        b,
        areas,
        new_areas,
    }
}

/// A piece of a word-level comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

/// The words of `old` and `new`, compared: what stays, what goes, what comes.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = similar::TextDiff::from_words(old, new);
    // Two wordings with little in common read better whole, one after the other.
    if diff.ratio() < 0.5 {
        return vec![
            Words::Removed(old.to_owned()),
            Words::Same(" ".to_owned()),
            Words::Added(new.to_owned()),
        ];
    }
    let mut out: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Words::Same(text.to_owned()),
            similar::ChangeTag::Delete => Words::Removed(text.to_owned()),
            similar::ChangeTag::Insert => Words::Added(text.to_owned()),
        };
        // Runs of one kind are joined, so a rewording reads as one change.
        match (out.last_mut(), &piece) {
            (Some(Words::Same(a)), Words::Same(b))
            | (Some(Words::Removed(a)), Words::Removed(b))
            | (Some(Words::Added(a)), Words::Added(b)) => a.push_str(b),
            _ => out.push(piece),
        }
    }
    out
}

/// The comparison in plain text: `[-old-]{+new+}`.
pub fn word_diff_plain(old: &str, new: &str) -> String {
    word_diff(old, new)
        .into_iter()
        .map(|w| match w {
            Words::Same(s) => s,
            Words::Removed(s) => format!("[-{s}-]"),
            Words::Added(s) => format!("{{+{s}+}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_show_what_changed() {
        assert_eq!(
            word_diff_plain("I review code daily.", "I review designs daily."),
            "I review [-code-]{+designs+} daily."
        );
        assert_eq!(word_diff_plain("same", "same"), "same");
        assert_eq!(
            word_diff_plain("I review code daily.", "Everyone ships on Fridays here."),
            "[-I review code daily.-] {+Everyone ships on Fridays here.+}",
            "little in common: whole sentences"
        );
    }
}
