//! Named styles. With `NO_COLOR` every style is monochrome, and the views
//! still tell every state apart by symbols and weight, never by colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours for a light terminal background.
    pub light: bool,
}

impl Theme {
    pub const DARK: Theme = Theme {
        color: true,
        light: false,
    };
    pub const LIGHT: Theme = Theme {
        color: true,
        light: true,
    };
    pub const MONO: Theme = Theme {
        color: false,
        light: false,
    };

    /// Colour unless the `NO_COLOR` convention asks for none; light or dark
    /// as `RUNGS_THEME` says, else as the terminal tells through
    /// `COLORFGBG` (set by many terminals: `15;0` is light on dark), else dark.
    pub fn from_env() -> Theme {
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        if var("NO_COLOR").is_some() {
            return Theme::MONO;
        }
        Theme::choose(var("RUNGS_THEME").as_deref(), var("COLORFGBG").as_deref())
    }

    fn choose(setting: Option<&str>, colorfgbg: Option<&str>) -> Theme {
        let light = match setting.map(str::to_ascii_lowercase).as_deref() {
            Some("light") => true,
            Some("dark") => false,
            _ => colorfgbg
                .and_then(|v| v.rsplit(';').next())
                .and_then(|bg| bg.trim().parse::<u8>().ok())
                .is_some_and(|bg| bg == 7 || bg == 15),
        };
        if light { Theme::LIGHT } else { Theme::DARK }
    }

    fn pick(&self, colored: Style, mono: Style) -> Style {
        if self.color { colored } else { mono }
    }

    /// One colour on a dark background, another on a light one.
    fn shade(&self, dark: Color, light: Color) -> Color {
        if self.light { light } else { dark }
    }

    pub fn title(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.shade(Color::Cyan, Color::Blue))
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn border(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::DarkGray, Color::Gray)),
            Style::new(),
        )
    }

    pub fn focus_border(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::Cyan, Color::Blue)),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn selected(&self) -> Style {
        self.pick(
            Style::new()
                .bg(self.shade(Color::Rgb(40, 48, 64), Color::Rgb(214, 224, 240)))
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::DarkGray, Color::Rgb(96, 96, 96))),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn key(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.shade(Color::Yellow, Color::Magenta))
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn ok(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::Green, Color::Rgb(0, 110, 0))),
            Style::new(),
        )
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn warning(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn unrated(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.shade(Color::DarkGray, Color::Rgb(110, 110, 110)))
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    pub fn gauge(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::Cyan, Color::Blue)),
            Style::new(),
        )
    }

    /// A rating's colour by where it sits on the scale and whether it is met.
    pub fn rating(&self, fraction: f64, met: bool) -> Style {
        let color = match (met, fraction) {
            (false, f) if f < 0.25 => Color::Red,
            (false, _) => self.shade(Color::Yellow, Color::Rgb(150, 90, 0)),
            (true, f) if f < 0.99 => self.shade(Color::Green, Color::Rgb(0, 110, 0)),
            (true, _) => self.shade(Color::Cyan, Color::Blue),
        };
        self.pick(
            Style::new().fg(color),
            if met {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_wins_then_the_terminals_word_then_dark() {
        assert_eq!(Theme::choose(Some("light"), Some("15;0")), Theme::LIGHT);
        assert_eq!(Theme::choose(Some("Dark"), Some("0;15")), Theme::DARK);
        assert_eq!(Theme::choose(None, Some("0;15")), Theme::LIGHT);
        assert_eq!(Theme::choose(None, Some("0;default;7")), Theme::LIGHT);
        assert_eq!(Theme::choose(None, Some("15;0")), Theme::DARK);
        assert_eq!(Theme::choose(None, None), Theme::DARK);
        assert_eq!(Theme::choose(Some("sepia"), None), Theme::DARK);
    }

    #[test]
    fn light_keeps_yellow_off_a_light_background() {
        for style in [Theme::LIGHT.key(), Theme::LIGHT.rating(0.6, false)] {
            assert_ne!(style.fg, Some(Color::Yellow));
        }
        assert_eq!(Theme::DARK.key().fg, Some(Color::Yellow));
    }
}
