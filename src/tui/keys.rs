//! The one table from keys to actions. The help screen and the footer are
//! drawn from it, so they can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use std::borrow::Cow;

use super::action::Action;
use crate::model::Scale;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    /// Any digit: the rating of that value.
    Digit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    /// Only in a manager's review.
    Review,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Short words for the footer, when the binding is shown there.
    pub footer: Option<&'static str>,
    pub scope: Scope,
}

impl Binding {
    /// Whether the binding works in a self assessment (`review` false) or a
    /// manager's review.
    pub fn applies(&self, review: bool) -> bool {
        review || self.scope == Scope::Everywhere
    }

    /// How help and footer write the keys: the digits as the scale's range.
    pub fn label_for(&self, scale: &Scale) -> Cow<'static, str> {
        if self.keys.contains(&Key::Digit) {
            Cow::Owned(format!("{}-{}", scale.lowest(), scale.highest()))
        } else {
            Cow::Borrowed(self.label)
        }
    }
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        footer: None,
        scope: Scope::Everywhere,
    }
}

const fn c(ch: char) -> Key {
    Key::Code(KeyCode::Char(ch))
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        footer: Some("move"),
        ..bind(
            &[c('j'), Key::Code(KeyCode::Down)],
            "j/↓",
            Action::Next,
            "next statement",
        )
    },
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        Action::Prev,
        "previous statement",
    ),
    Binding {
        footer: Some("area"),
        ..bind(
            &[Key::Code(KeyCode::Tab)],
            "Tab",
            Action::NextArea,
            "next area",
        )
    },
    bind(
        &[Key::Code(KeyCode::BackTab)],
        "S-Tab",
        Action::PrevArea,
        "previous area",
    ),
    Binding {
        footer: Some("rate"),
        ..bind(
            &[Key::Digit],
            "1-9",
            Action::Rate(0),
            "rate the statement with that value, then move on",
        )
    },
    bind(
        &[c('l'), Key::Code(KeyCode::Right)],
        "l/→",
        Action::Raise,
        "raise the rating",
    ),
    bind(
        &[c('h'), Key::Code(KeyCode::Left)],
        "h/←",
        Action::Lower,
        "lower the rating",
    ),
    bind(
        &[c('-')],
        "-",
        Action::NotApplicable,
        "not applicable to you (out of every total; a note says why)",
    ),
    bind(
        &[c('x'), Key::Code(KeyCode::Delete)],
        "x/Del",
        Action::Clear,
        "clear the rating",
    ),
    bind(
        &[c(']')],
        "]",
        Action::NextUnrated,
        "next unrated statement",
    ),
    bind(
        &[c('[')],
        "[",
        Action::PrevUnrated,
        "previous unrated statement",
    ),
    Binding {
        footer: Some("gap"),
        scope: Scope::Review,
        ..bind(
            &[c('d')],
            "d",
            Action::NextGap,
            "next statement where self and manager differ by 2+",
        )
    },
    bind(
        &[c('>')],
        ">",
        Action::NextLevel,
        "show the next level up (rate ahead for readiness)",
    ),
    bind(&[c('<')], "<", Action::PrevLevel, "show the previous level"),
    bind(
        &[c('/')],
        "/",
        Action::Search,
        "search statements and notes; Enter jumps to a match",
    ),
    Binding {
        footer: Some("note"),
        ..bind(
            &[c('n'), Key::Code(KeyCode::Enter)],
            "n/Enter",
            Action::EditNote,
            "edit the note (Esc closes and keeps it)",
        )
    },
    bind(
        &[c('E')],
        "E",
        Action::EditExternal,
        "edit the note in $VISUAL / $EDITOR",
    ),
    bind(&[c('u')], "u", Action::Undo, "undo the last change"),
    Binding {
        footer: Some("summary"),
        ..bind(
            &[c('s')],
            "s",
            Action::Summary,
            "summary: progress per area, readiness, chart",
        )
    },
    bind(
        &[c('e')],
        "e",
        Action::Export,
        "export the markdown summary next to the profile",
    ),
    Binding {
        footer: Some("help"),
        ..bind(
            &[c('?')],
            "?",
            Action::Help,
            "this help; Esc or ? closes it",
        )
    },
    bind(
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Close,
        "close a popup",
    ),
    Binding {
        footer: Some("quit"),
        ..bind(
            &[c('q'), Key::Ctrl('c')],
            "q/C-c",
            Action::Quit,
            "quit; everything is already saved",
        )
    },
];

/// The action of a key press in the given scope; releases and repeats of
/// other kinds are ignored (Windows reports releases too).
pub fn action_for(key: &KeyEvent, review: bool) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    BINDINGS.iter().filter(|b| b.applies(review)).find_map(|b| {
        b.keys.iter().find_map(|k| match (*k, key.code) {
            (Key::Digit, KeyCode::Char(d)) if !ctrl && d.is_ascii_digit() => {
                Some(Action::Rate(d as u8 - b'0'))
            }
            (Key::Ctrl(want), KeyCode::Char(got)) if ctrl && want == got.to_ascii_lowercase() => {
                Some(b.action)
            }
            (Key::Code(want), got) if !ctrl && want == got => Some(b.action),
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(
            action_for(&press(KeyCode::Char('j')), false),
            Some(Action::Next)
        );
        assert_eq!(action_for(&press(KeyCode::Down), false), Some(Action::Next));
        assert_eq!(
            action_for(&press(KeyCode::Char('3')), false),
            Some(Action::Rate(3))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('0')), false),
            Some(Action::Rate(0))
        );
        assert_eq!(
            action_for(&press(KeyCode::BackTab), false),
            Some(Action::PrevArea)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT),
                false
            ),
            Some(Action::EditExternal)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                false
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
                false
            ),
            None
        );
    }

    #[test]
    fn review_keys_only_in_review() {
        assert_eq!(action_for(&press(KeyCode::Char('d')), false), None);
        assert_eq!(
            action_for(&press(KeyCode::Char('d')), true),
            Some(Action::NextGap)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(KeyCode::Char('j'));
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(&key, false), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for key in BINDINGS.iter().flat_map(|b| b.keys) {
            assert!(!seen.contains(key), "{key:?} is bound twice");
            seen.push(*key);
        }
    }
}
