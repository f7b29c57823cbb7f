//! `rungs` and `rungs assess`: the self-assessment screen, with the first-run
//! setup when the profile does not exist yet.

use anyhow::Result;

use crate::cli::AssessArgs;
use crate::error::InputError;
use crate::model::Profile;
use crate::store::{Catalog, Paths, ProfileFile, check_profile};
use crate::tui::app::Mode;
use crate::tui::entry::{Opened, Start};
use crate::tui::setup::{Answers, Setup};
use crate::tui::terminal::with_terminal;
use crate::tui::theme::Theme;
use crate::tui::{Ending, run_setup};

pub fn run(args: AssessArgs, paths: &Paths) -> Result<()> {
    let mut catalog = Catalog::load(&paths.frameworks);
    let framework = match &args.framework {
        Some(name) => Some(catalog.resolve(name)?.id.clone()),
        None => None,
    };
    let path = args
        .profile
        .clone()
        .unwrap_or_else(|| paths.profile.clone());
    let holder = format!("{} (rungs assess)", login_name());
    // A new profile's folder and lock are only made once the setup is
    // answered: leaving the setup leaves nothing behind.
    let (mut file, text) = if std::fs::symlink_metadata(&path).is_ok() {
        let (file, text) = ProfileFile::open(&path, &holder)?;
        (Some(file), text)
    } else {
        (None, None)
    };
    let checked_path = file
        .as_ref()
        .map_or(path.clone(), |f| f.path().to_path_buf());
    let existing = match &text {
        Some(text) => Some(check_profile(&checked_path, text, &catalog)?),
        None => None,
    };
    let answers = Answers {
        name: args.name.clone(),
        manager: args.manager.clone(),
        framework,
        craft: args.craft.clone(),
        level: args.level.clone(),
    };
    let mut setup = match &existing {
        Some(_) => None,
        None => Some(Setup::new(
            catalog.entries.iter().map(|(f, _)| f.clone()).collect(),
            &answers,
            default_name(),
        )?),
    };
    if let Some(checked) = &existing {
        refuse_other_profile(&checked.profile, &answers, &checked_path)?;
        let craft = checked.framework.craft(&checked.profile.craft);
        if let (Some(level), Some(craft)) = (&answers.level, craft)
            && craft.level(level).is_none()
        {
            return Err(
                InputError::new(format!("craft `{}` has no level `{level}`", craft.id))
                    .hint(format!("levels are: {}", craft.level_ids().join(", ")))
                    .into(),
            );
        }
    }
    let theme = Theme::from_env();
    let shown_path = crate::model::text::shown_path(&checked_path);
    let ending = with_terminal(!args.no_mouse, |terminal, events| {
        let (profile, framework, orphans) = match existing {
            Some(checked) => (checked.profile, checked.framework, checked.orphans.len()),
            None => {
                let Some(setup) = setup.as_mut() else {
                    return Ok(None);
                };
                if !setup.is_answered() && !run_setup(terminal, events, setup, &shown_path, &theme)?
                {
                    return Ok(None);
                }
                let Some((name, framework, craft, level)) = setup.result() else {
                    return Ok(None);
                };
                let Some(framework) = catalog.find(&framework) else {
                    return Ok(None);
                };
                let mut profile = Profile::new(&name, &framework.id, &craft, &level);
                profile.manager = setup.manager();
                (profile, framework, 0)
            }
        };
        let is_new = text.is_none();
        let file = match file.take() {
            Some(file) => file,
            None => match ProfileFile::open(&path, &holder)? {
                (file, None) => file,
                (file, Some(_)) => {
                    return Err(InputError::new(format!(
                        "{} was created by another program while the setup was open",
                        file.path().display()
                    ))
                    .hint("run rungs again to open it")
                    .into());
                }
            },
        };
        let assessor = profile.person.clone();
        let mut opened = Opened::open(Start {
            framework: framework.clone(),
            profile,
            mode: Mode::Assess,
            assessor,
            file,
            new_profile: is_new,
            new_round: args.new_round,
            move_to: args.level.clone(),
            move_without_asking: args.yes,
            mouse: !args.no_mouse,
            state: Some(paths.state.clone()),
            notice: (orphans > 0).then(|| {
                format!(
                    "{} of statements no longer in the framework {} kept (see rungs validate).",
                    crate::present::count(orphans, "rating"),
                    crate::present::plural(orphans, "is", "are")
                )
            }),
            // A new profile has it from the setup already.
            name_manager: args.manager.clone().filter(|_| !is_new),
            at_area: None,
        })?;
        let ending = opened.run(terminal, events, &theme)?;
        Ok(Some((opened, ending)))
    })?;
    if let Some((opened, ending)) = ending {
        report_ending(&opened.summary(), &shown_path, ending)?;
    }
    Ok(())
}

/// The line printed on leaving: where everything is saved, or what is not.
pub fn report_ending(summary: &str, path: &str, ending: Ending) -> Result<()> {
    match ending {
        Ending::Saved => super::output::println(format_args!("{summary} Saved in {path}")),
        Ending::Unsaved(lines) => {
            super::output::eprintln(format_args!(
                "{summary} NOT saved in {path}; it lacks these changes:"
            ));
            for line in &lines {
                super::output::eprintln(format_args!("  {line}"));
            }
            Err(anyhow::anyhow!(
                "{} could not be saved to {path}",
                crate::present::count(lines.len(), "change")
            ))
        }
    }
}

/// `--name`, `--framework` and `--craft` describe a new profile; on an
/// existing one that says otherwise they are a mistake, not a wish.
fn refuse_other_profile(
    profile: &Profile,
    answers: &Answers,
    path: &std::path::Path,
) -> Result<()> {
    let differs = |given: &Option<String>, have: &str| given.as_deref().is_some_and(|g| g != have);
    if differs(&answers.name, &profile.person)
        || differs(&answers.framework, &profile.framework)
        || differs(&answers.craft, &profile.craft)
    {
        return Err(InputError::new(format!(
            "{} is the profile of {} ({} / {}); --name, --framework and --craft only set up a new profile",
            path.display(),
            profile.person,
            profile.framework,
            profile.craft
        ))
        .hint("use --profile OTHER.toml for another profile")
        .into());
    }
    Ok(())
}

/// Who holds the lock, for the message another process shows: cheap to
/// find (no subprocess on the way to the first frame).
fn login_name() -> String {
    std::env::var("USER")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "someone".into())
}

/// The name to offer: `git config user.name`, else `$USER`.
pub fn default_name() -> String {
    let git = std::process::Command::new("git")
        .args(["config", "user.name"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    git.or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .unwrap_or_default()
}
