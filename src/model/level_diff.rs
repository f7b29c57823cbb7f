//! What changes between two levels of a craft, area by area: statements
//! only in one, statements in both with other words, statements with the
//! same words under another number or in another area, and areas only the
//! second level has. Statements are paired by their words, never by their
//! number: frameworks numbered per area reuse numbers for unrelated
//! sentences.

use std::collections::HashMap;

use super::fingerprint::normalised;
use super::framework::{Area, Level, Statement};

/// One area's changes from level A to level B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaDiff<'f> {
    /// The area as level B has it (or A, for an area B lacks).
    pub area: &'f Area,
    /// Gone: only level A has these words.
    pub only_a: Vec<&'f Statement>,
    /// New: only level B has these words.
    pub only_b: Vec<&'f Statement>,
    /// In both, with other words: A's statement and B's (their numbers may differ).
    pub reworded: Vec<(&'f Statement, &'f Statement)>,
    /// In both with the same words, under another number or moved here
    /// from another area.
    pub moved: Vec<Moved<'f>>,
}

/// The same words at both levels, in another place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved<'f> {
    /// Where level A has them.
    pub from: &'f Area,
    pub a: &'f Statement,
    pub b: &'f Statement,
}

impl AreaDiff<'_> {
    pub fn is_empty(&self) -> bool {
        self.only_a.is_empty()
            && self.only_b.is_empty()
            && self.reworded.is_empty()
            && self.moved.is_empty()
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

/// Two statements are one statement reworded when their words are at
/// least this alike ([`similarity`]).
pub const REWORDED_FROM: f64 = 0.5;

/// Past this many pairs of statements in one area, only statements with
/// the same number are compared: the cost of pairing stays bounded on any
/// framework.
const MOST_PAIRS_COMPARED: usize = 10_000;

/// Compares two levels (of one craft: an area id names the same area at
/// another rank).
pub fn level_diff<'f>(a: &'f Level, b: &'f Level) -> LevelDiff<'f> {
    let mut areas = Vec::new();
    let mut new_areas = Vec::new();
    for area_b in &b.areas {
        match a.area(&area_b.id) {
            Some(area_a) => areas.push(pair_area(area_a, area_b)),
            None => new_areas.push(area_b),
        }
    }
    let shared = areas.len();
    for area_a in &a.areas {
        if b.area(&area_a.id).is_none() {
            areas.push(AreaDiff {
                area: area_a,
                only_a: area_a.statements.iter().collect(),
                only_b: Vec::new(),
                reworded: Vec::new(),
                moved: Vec::new(),
            });
        }
    }
    find_moves_between_areas(a, &mut areas[..shared]);
    LevelDiff {
        a,
        b,
        areas,
        new_areas,
    }
}

/// Pairs the statements of one area at two levels: the same words first
/// (the same number before another), then the most alike words, as long as
/// they are alike enough; the rest are gone or new.
fn pair_area<'f>(area_a: &'f Area, area_b: &'f Area) -> AreaDiff<'f> {
    let (sa, sb) = (&area_a.statements, &area_b.statements);
    let mut paired_a = vec![false; sa.len()];
    let mut paired_b = vec![false; sb.len()];
    let mut diff = AreaDiff {
        area: area_b,
        only_a: Vec::new(),
        only_b: Vec::new(),
        reworded: Vec::new(),
        moved: Vec::new(),
    };
    // The same words.
    let mut by_words: HashMap<std::borrow::Cow<'_, str>, Vec<usize>> = HashMap::new();
    for (i, s) in sa.iter().enumerate() {
        by_words.entry(normalised(s.written())).or_default().push(i);
    }
    for (j, t) in sb.iter().enumerate() {
        let Some(candidates) = by_words.get_mut(&normalised(t.written())) else {
            continue;
        };
        let pick = candidates
            .iter()
            .position(|&i| sa[i].id == t.id)
            .unwrap_or(0);
        if candidates.is_empty() {
            continue;
        }
        let i = candidates.remove(pick);
        paired_a[i] = true;
        paired_b[j] = true;
        if sa[i].id != t.id {
            diff.moved.push(Moved {
                from: area_a,
                a: &sa[i],
                b: t,
            });
        }
    }
    // Alike words: the most alike pairs first.
    let left_a: Vec<usize> = (0..sa.len()).filter(|&i| !paired_a[i]).collect();
    let left_b: Vec<usize> = (0..sb.len()).filter(|&j| !paired_b[j]).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    if left_a.len().saturating_mul(left_b.len()) <= MOST_PAIRS_COMPARED {
        let bags_a: Vec<Bag> = left_a.iter().map(|&i| Bag::of(&sa[i].text)).collect();
        let bags_b: Vec<Bag> = left_b.iter().map(|&j| Bag::of(&sb[j].text)).collect();
        for (x, &i) in left_a.iter().enumerate() {
            for (y, &j) in left_b.iter().enumerate() {
                let score = bags_a[x].dice(&bags_b[y]);
                if score >= REWORDED_FROM {
                    pairs.push((score, i, j));
                }
            }
        }
    } else {
        let ids: HashMap<&str, usize> = left_b.iter().map(|&j| (sb[j].id.as_str(), j)).collect();
        for &i in &left_a {
            if let Some(&j) = ids.get(sa[i].id.as_str()) {
                let score = similarity(&sa[i].text, &sb[j].text);
                if score >= REWORDED_FROM {
                    pairs.push((score, i, j));
                }
            }
        }
    }
    // Ties go to the same number, then to the order of the file.
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| (sa[y.1].id == sb[y.2].id).cmp(&(sa[x.1].id == sb[x.2].id)))
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    let mut reworded = Vec::new();
    for (_, i, j) in pairs {
        if !paired_a[i] && !paired_b[j] {
            paired_a[i] = true;
            paired_b[j] = true;
            reworded.push((j, i));
        }
    }
    reworded.sort_unstable();
    diff.reworded = reworded
        .into_iter()
        .map(|(j, i)| (&sa[i], &sb[j]))
        .collect();
    diff.only_a = (0..sa.len())
        .filter(|&i| !paired_a[i])
        .map(|i| &sa[i])
        .collect();
    diff.only_b = (0..sb.len())
        .filter(|&j| !paired_b[j])
        .map(|j| &sb[j])
        .collect();
    diff
}

/// A statement gone from one area and new in another with the same words
/// moved there.
fn find_moves_between_areas<'f>(a: &'f Level, areas: &mut [AreaDiff<'f>]) {
    let mut gone: HashMap<std::borrow::Cow<'f, str>, Vec<(usize, &'f Statement)>> = HashMap::new();
    for (x, area) in areas.iter().enumerate() {
        for s in &area.only_a {
            gone.entry(normalised(s.written()))
                .or_default()
                .push((x, s));
        }
    }
    if gone.is_empty() {
        return;
    }
    for y in 0..areas.len() {
        let mut keep = Vec::new();
        for t in std::mem::take(&mut areas[y].only_b) {
            let found = gone
                .get_mut(&normalised(t.written()))
                .and_then(|list| (!list.is_empty()).then(|| list.remove(0)));
            match found {
                Some((x, s)) => {
                    let from = a.area(&areas[x].area.id).unwrap_or(areas[x].area);
                    areas[x].only_a.retain(|g| !std::ptr::eq(*g, s));
                    areas[y].moved.push(Moved { from, a: s, b: t });
                }
                None => keep.push(t),
            }
        }
        areas[y].only_b = keep;
    }
}

/// The words of a text, lower case, without the punctuation around them,
/// counted: what [`similarity`] compares. Only the first words of a very
/// long text are counted, so comparing costs what a long sentence costs.
struct Bag(HashMap<String, usize>, usize);

/// A text's first this many words are what similarity looks at.
const MOST_WORDS_COMPARED: usize = 400;

impl Bag {
    fn of(text: &str) -> Bag {
        let mut words = HashMap::new();
        let mut count = 0;
        let tokens = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(MOST_WORDS_COMPARED);
        for word in tokens {
            *words.entry(word.to_lowercase()).or_insert(0) += 1;
            count += 1;
        }
        Bag(words, count)
    }

    fn dice(&self, other: &Bag) -> f64 {
        if self.1 + other.1 == 0 {
            return 1.0;
        }
        let (small, large) = if self.0.len() <= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let shared: usize = small
            .0
            .iter()
            .map(|(w, n)| (*n).min(large.0.get(w).copied().unwrap_or(0)))
            .sum();
        2.0 * shared as f64 / (self.1 + other.1) as f64
    }
}

/// How alike the words of two texts are, from 0 (none shared) to 1 (the
/// same words): twice the words they share over all their words, case and
/// punctuation aside. The one measure for pairing statements and for
/// choosing to show two wordings whole.
pub fn similarity(a: &str, b: &str) -> f64 {
    Bag::of(a).dice(&Bag::of(b))
}

/// A piece of a word-level comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

/// Two wordings compared word by word, or shown whole and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordDiff {
    pub pieces: Vec<Words>,
    pub whole: Option<Whole>,
}

/// Why two wordings are shown whole, one after the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// They have little in common: they read better whole.
    LittleInCommon,
    /// They are too long to compare word by word at a bounded cost.
    TooLong,
}

impl Whole {
    /// What to say of it, beside the two wordings.
    pub fn reason(self) -> &'static str {
        match self {
            Whole::LittleInCommon => "little in common: both wordings whole",
            Whole::TooLong => "too long to compare word by word: both wordings whole",
        }
    }
}

/// Past this many bytes of the two texts together, they are shown whole:
/// a word comparison's cost grows with the product of their lengths.
pub const MOST_BYTES_COMPARED: usize = 4 * 1024;

/// The words of `old` and `new`, compared: what stays, what goes, what comes.
pub fn word_diff(old: &str, new: &str) -> WordDiff {
    let whole = |why| WordDiff {
        pieces: vec![
            Words::Removed(old.to_owned()),
            Words::Same(" ".to_owned()),
            Words::Added(new.to_owned()),
        ],
        whole: Some(why),
    };
    if old.len() + new.len() > MOST_BYTES_COMPARED {
        return whole(Whole::TooLong);
    }
    if similarity(old, new) < REWORDED_FROM {
        return whole(Whole::LittleInCommon);
    }
    let diff = similar::TextDiff::from_words(old, new);
    let mut pieces: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Words::Same(text.to_owned()),
            similar::ChangeTag::Delete => Words::Removed(text.to_owned()),
            similar::ChangeTag::Insert => Words::Added(text.to_owned()),
        };
        // Runs of one kind are joined, so a rewording reads as one change.
        match (pieces.last_mut(), &piece) {
            (Some(Words::Same(a)), Words::Same(b))
            | (Some(Words::Removed(a)), Words::Removed(b))
            | (Some(Words::Added(a)), Words::Added(b)) => a.push_str(b),
            _ => pieces.push(piece),
        }
    }
    WordDiff {
        pieces,
        whole: None,
    }
}

/// The comparison in plain text: `[-old-]{+new+}`, and why two wordings
/// are shown whole when they are.
pub fn word_diff_plain(old: &str, new: &str) -> String {
    let diff = word_diff(old, new);
    let mut out: String = diff
        .pieces
        .into_iter()
        .map(|w| match w {
            Words::Same(s) => s,
            Words::Removed(s) => format!("[-{s}-]"),
            Words::Added(s) => format!("{{+{s}+}}"),
        })
        .collect();
    if diff.whole == Some(Whole::TooLong) {
        out.push_str(&format!(" ({})", Whole::TooLong.reason()));
    }
    out
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

    #[test]
    fn long_wordings_are_shown_whole_and_say_so() {
        let old = "I state a long thing. ".repeat(200);
        let new = format!("{old} And one more.");
        let diff = word_diff(&old, &new);
        assert_eq!(diff.whole, Some(Whole::TooLong));
        assert!(
            word_diff_plain(&old, &new)
                .ends_with("(too long to compare word by word: both wordings whole)")
        );
    }

    fn statement(id: &str, text: &str) -> Statement {
        Statement::new(id, text, None)
    }

    fn level(id: &str, areas: Vec<(&str, Vec<Statement>)>) -> Level {
        let text = format!("id = \"{id}\"\nrank = 1\ntitle = \"{id}\"\n");
        let mut level: Level = toml::from_str(&text).expect("a level");
        level.areas = areas
            .into_iter()
            .map(|(id, statements)| {
                let mut area: Area =
                    toml::from_str(&format!("id = \"{id}\"\nname = \"{id}\"\n")).expect("an area");
                area.statements = statements;
                area
            })
            .collect();
        level
    }

    /// Numbered per area: statement 1 of level A and statement 1 of level B
    /// are unrelated; the words pair them.
    #[test]
    fn statements_pair_by_their_words_not_their_numbers() {
        let a = level(
            "a",
            vec![
                (
                    "craft",
                    vec![
                        statement("1", "I write tests for the code I change."),
                        statement("2", "I ship small changes behind a review."),
                        statement("3", "I ask for help when I am stuck."),
                    ],
                ),
                (
                    "ops",
                    vec![statement("1", "I read the logs of my services.")],
                ),
            ],
        );
        let b = level(
            "b",
            vec![
                (
                    "craft",
                    vec![
                        statement("1", "I design the interfaces between services."),
                        statement("2", "I write tests for the code I change and review."),
                        statement("3", "I ship small changes behind a review."),
                        statement("4", "I read the logs of my services."),
                    ],
                ),
                ("ops", vec![statement("1", "I run the incident review.")]),
            ],
        );
        let diff = level_diff(&a, &b);
        let craft = &diff.areas[0];
        let ids = |v: &[&Statement]| v.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&craft.only_b), ["1"], "new");
        assert_eq!(ids(&craft.only_a), ["3"], "gone");
        assert_eq!(craft.reworded.len(), 1);
        assert_eq!(
            (
                craft.reworded[0].0.id.as_str(),
                craft.reworded[0].1.id.as_str()
            ),
            ("1", "2")
        );
        let moved: Vec<(&str, &str, &str)> = craft
            .moved
            .iter()
            .map(|m| (m.from.id.as_str(), m.a.id.as_str(), m.b.id.as_str()))
            .collect();
        assert_eq!(moved, [("craft", "2", "3"), ("ops", "1", "4")]);
        let ops = &diff.areas[1];
        assert!(ops.only_a.is_empty(), "moved, not gone");
        assert_eq!(ids(&ops.only_b), ["1"]);
        assert!(
            ops.reworded.is_empty(),
            "unrelated sentences are not paired by number"
        );
    }

    #[test]
    fn similarity_counts_shared_words() {
        assert_eq!(similarity("I review code.", "i REVIEW code"), 1.0);
        assert_eq!(similarity("a b", "c d"), 0.0);
        assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-9);
    }
}
