//! `rungs` and `rungs assess`: the self-assessment screen, with the first-run
//! setup when the profile does not exist yet.

use anyhow::Result;

use crate::cli::AssessArgs;
use crate::error::InputError;
use crate::model::Profile;
use crate::model::save_merge::Claim;
use crate::store::{Catalog, Found, Paths, Writer, check_profile};
use crate::tui::app::Mode;
use crate::tui::entry::{Closing, Opened, Start};
use crate::tui::run_setup;
use crate::tui::setup::{Answers, Setup};
use crate::tui::terminal::with_terminal;
use crate::tui::theme::Theme;

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
    let writer = Writer {
        claim: Claim::OwnRounds,
        holder: format!("{} (rungs assess)", login_name()),
    };
    // Nothing is made for a profile (its folder, its lock) until it is read
    // and checked; a new profile's only once the setup is answered, so
    // leaving the setup leaves nothing behind.
    let mut found = if std::fs::symlink_metadata(&path).is_ok() {
        Some(Found::read(&path)?)
    } else {
        None
    };
    let checked_path = found
        .as_ref()
        .map_or(path.clone(), |f| f.path().to_path_buf());
    let existing = match found.as_ref().and_then(Found::text) {
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
            catalog
                .load_all()
                .0
                .into_iter()
                .map(|(f, _)| f.clone())
                .collect(),
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
        let (profile, framework, orphans, file, is_new) = match (existing, found.take()) {
            (Some(checked), Some(found)) => {
                let file = found.open(&writer, paths, Some(&checked.profile))?;
                let orphans = checked.orphans.len();
                (checked.profile, checked.framework, orphans, file, false)
            }
            _ => {
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
                // Read again: the file may have been made while the setup was open.
                let found = Found::read(&path)?;
                if found.text().is_some() {
                    return Err(InputError::new(format!(
                        "{} was created by another program while the setup was open",
                        found.path().display()
                    ))
                    .hint("run rungs again to open it")
                    .into());
                }
                let file = found.open(&writer, paths, None)?;
                let mut profile = Profile::new(&name, &framework.id, &craft, &level);
                profile.manager = setup.manager();
                (profile, framework, 0, file, true)
            }
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
            blind: args.blind,
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
        report_ending(opened.closing(ending), &shown_path)?;
    }
    Ok(())
}

/// The line printed on leaving: where everything is saved, that nothing
/// could be, or what the file lacks (then an error: exit code 1).
pub fn report_ending(closing: Closing, path: &str) -> Result<()> {
    let Some(lacking) = closing.lacking else {
        return super::output::println(format_args!("{}", closing.line));
    };
    super::output::eprintln(format_args!("{}; it lacks these changes:", closing.line));
    for line in &lacking {
        super::output::eprintln(format_args!("  {line}"));
    }
    Err(anyhow::anyhow!(
        "{} could not be saved to {path}",
        crate::present::count(lacking.len(), "change")
    ))
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
