//! The first-run setup: name, the direct manager (optional), framework,
//! craft and level. A question answered on the command line is not asked;
//! a single choice is chosen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::error::InputError;
use crate::model::{Framework, text};
use crate::tui::action::SetupAction;
use crate::tui::keys::{SETUP_KEYS, lookup};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    /// The direct manager's name: optional, Enter leaves it out.
    Manager,
    Framework,
    Craft,
    Level,
}

const FIELDS: [Field; 5] = [
    Field::Name,
    Field::Manager,
    Field::Framework,
    Field::Craft,
    Field::Level,
];

/// One option of a picker: the id saved, the name shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
}

/// What the command line already answered.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub name: Option<String>,
    pub manager: Option<String>,
    pub framework: Option<String>,
    pub craft: Option<String>,
    pub level: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Done,
    Quit,
}

#[derive(Debug)]
pub struct Setup {
    pub name: String,
    /// The direct manager's name as typed; empty for none.
    pub manager: String,
    frameworks: Vec<Framework>,
    pub chosen: [usize; 3],
    pub field: Field,
    asked: Vec<Field>,
    pub error: Option<String>,
}

impl Setup {
    /// `frameworks` are the choices; `answers` pre-select (and skip) fields.
    pub fn new(
        frameworks: Vec<Framework>,
        answers: &Answers,
        default_name: String,
    ) -> Result<Setup, InputError> {
        let mut setup = Setup {
            name: answers.name.clone().unwrap_or(default_name),
            manager: answers.manager.clone().unwrap_or_default(),
            frameworks,
            chosen: [0; 3],
            field: Field::Name,
            asked: Vec::new(),
            error: None,
        };
        let given = [&answers.framework, &answers.craft, &answers.level];
        for (i, field) in [Field::Framework, Field::Craft, Field::Level]
            .into_iter()
            .enumerate()
        {
            if let Some(id) = given[i] {
                let choices = setup.choices(field);
                let Some(pos) = choices.iter().position(|c| &c.id == id) else {
                    let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                    let what = ["framework", "craft", "level"][i];
                    return Err(InputError::new(format!("no {what} `{id}`"))
                        .hint(format!("{what}s are: {}", ids.join(", "))));
                };
                setup.chosen[i] = pos;
            }
        }
        let unanswered = |f: &Field| match f {
            Field::Name => answers.name.is_none(),
            Field::Framework => answers.framework.is_none(),
            Field::Craft => answers.craft.is_none(),
            Field::Level => answers.level.is_none(),
            // Optional: asked only along with another question, so flags
            // that answer the rest still ask nothing.
            Field::Manager => false,
        };
        setup.asked = FIELDS.into_iter().filter(unanswered).collect();
        if !setup.asked.is_empty() && answers.manager.is_none() {
            let at = usize::from(setup.asked.first() == Some(&Field::Name));
            setup.asked.insert(at, Field::Manager);
        }
        setup.field = setup.asked.first().copied().unwrap_or(Field::Level);
        Ok(setup)
    }

    /// Nothing left to ask.
    pub fn is_answered(&self) -> bool {
        self.asked.is_empty() && !self.name.trim().is_empty()
    }

    pub fn asked(&self) -> &[Field] {
        &self.asked
    }

    pub fn choices(&self, field: Field) -> Vec<Choice> {
        let choice = |id: &str, name: &str| Choice {
            id: id.to_owned(),
            name: name.to_owned(),
        };
        let framework = self.frameworks.get(self.chosen[0]);
        let craft = framework.and_then(|f| f.crafts.get(self.chosen[1]));
        match field {
            Field::Name | Field::Manager => Vec::new(),
            Field::Framework => self
                .frameworks
                .iter()
                .map(|f| choice(&f.id, &f.name))
                .collect(),
            Field::Craft => framework
                .map(|f| f.crafts.iter().map(|c| choice(&c.id, &c.name)).collect())
                .unwrap_or_default(),
            Field::Level => {
                let levels = craft
                    .map(crate::model::Craft::levels_by_rank)
                    .unwrap_or_default();
                levels
                    .into_iter()
                    .map(|l| choice(&l.id, &l.title))
                    .collect()
            }
        }
    }

    pub fn selected(&self, field: Field) -> Option<Choice> {
        let slot = match field {
            Field::Name | Field::Manager => return None,
            Field::Framework => 0,
            Field::Craft => 1,
            Field::Level => 2,
        };
        self.choices(field).into_iter().nth(self.chosen[slot])
    }

    /// The direct manager's name, when one was given.
    pub fn manager(&self) -> Option<String> {
        let name = self.manager.trim();
        (!name.is_empty()).then(|| name.to_owned())
    }

    /// The text field being typed in, if the question is one.
    fn text_field(&mut self) -> Option<&mut String> {
        match self.field {
            Field::Name => Some(&mut self.name),
            Field::Manager => Some(&mut self.manager),
            _ => None,
        }
    }

    /// The answers: name, framework, craft and level ids.
    pub fn result(&self) -> Option<(String, String, String, String)> {
        let pick = |f| self.selected(f).map(|c| c.id);
        Some((
            self.name.trim().to_owned(),
            pick(Field::Framework)?,
            pick(Field::Craft)?,
            pick(Field::Level)?,
        ))
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        if key.kind != KeyEventKind::Press {
            return Outcome::Continue;
        }
        let chord = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        self.error = None;
        let on_text = matches!(self.field, Field::Name | Field::Manager);
        // On a name, a letter is a letter, even one a choice list moves
        // with; with Ctrl or Alt it is no letter at all.
        let typed = matches!(key.code, KeyCode::Char(_)) && !chord && on_text;
        match lookup(SETUP_KEYS, &key, false).filter(|_| !typed) {
            Some(SetupAction::Quit) => return Outcome::Quit,
            Some(SetupAction::Next) => return self.advance(),
            Some(SetupAction::Back) => self.back(),
            Some(SetupAction::ChoiceUp) => self.pick(-1),
            Some(SetupAction::ChoiceDown) => self.pick(1),
            Some(SetupAction::ClearName) => {
                if let Some(text) = self.text_field() {
                    text.clear();
                }
            }
            Some(SetupAction::Erase) => {
                if let Some(text) = self.text_field() {
                    text.pop();
                }
            }
            None => match (key.code, self.text_field()) {
                (KeyCode::Char(c), Some(text))
                    if typed && !text::is_unsafe(c) && text.chars().count() < 200 =>
                {
                    text.push(c);
                }
                _ => {}
            },
        }
        Outcome::Continue
    }

    fn advance(&mut self) -> Outcome {
        if self.field == Field::Name && self.name.trim().is_empty() {
            self.error = Some("Please type your name.".into());
            return Outcome::Continue;
        }
        let here = self.asked.iter().position(|&f| f == self.field);
        match here.and_then(|i| self.asked.get(i + 1)) {
            Some(&next) => {
                self.field = next;
                Outcome::Continue
            }
            None if self.name.trim().is_empty() => {
                self.error = Some("Please type your name.".into());
                Outcome::Continue
            }
            None => Outcome::Done,
        }
    }

    fn back(&mut self) {
        if let Some(i) = self
            .asked
            .iter()
            .position(|&f| f == self.field)
            .filter(|&i| i > 0)
        {
            self.field = self.asked[i - 1];
        }
    }

    fn pick(&mut self, by: isize) {
        let slot = match self.field {
            Field::Name | Field::Manager => return,
            Field::Framework => 0,
            Field::Craft => 1,
            Field::Level => 2,
        };
        let n = self.choices(self.field).len();
        if n == 0 {
            return;
        }
        self.chosen[slot] = (self.chosen[slot] as isize + by).clamp(0, n as isize - 1) as usize;
        // A new framework or craft invalidates the choices below it.
        for later in &mut self.chosen[slot + 1..] {
            *later = 0;
        }
    }
}
