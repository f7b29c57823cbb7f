//! `rungs --help` and every subcommand's `--help` and `-h`, from the real
//! binary, laid out for the terminal they are read in.

use crate::common;

use clap::CommandFactory;
use common::*;
use unicode_width::UnicodeWidthStr;

/// Every command line a person can ask help of: the top level and each
/// subcommand, with `--help` (long) and `-h` (short).
fn every_help() -> Vec<Vec<String>> {
    let cli = rungs::cli::Cli::command();
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    commands.extend(
        cli.get_subcommands()
            .map(|sub| vec![sub.get_name().to_owned()]),
    );
    assert!(commands.len() > 10, "the subcommands: {commands:?}");
    commands
        .into_iter()
        .flat_map(|command| {
            ["--help", "-h"].map(|flag| {
                let mut args = command.clone();
                args.push(flag.to_owned());
                args
            })
        })
        .collect()
}

/// The help as a terminal `columns` wide would show it.
fn help(args: &[String], columns: &str) -> String {
    let home = home(false);
    let out = rungs(home.path())
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .expect("rungs runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

/// What clap appends in brackets (`[default: markdown]`, `[possible values:
/// …]`) starts a line or follows a space: never runs into the words before.
fn brackets_stand_apart(args: &[String], text: &str) {
    for line in text.lines() {
        for tag in ["[default:", "[possible values:", "[aliases:", "[env:"] {
            for (at, _) in line.match_indices(tag) {
                let before = line[..at].chars().next_back();
                assert!(
                    before.is_none_or(char::is_whitespace),
                    "rungs {}: {tag:?} runs into the text before it:\n{line}",
                    args.join(" ")
                );
            }
        }
    }
}

#[test]
fn every_help_fits_an_80_column_terminal_and_keeps_defaults_apart() {
    for args in every_help() {
        let text = help(&args, "80");
        brackets_stand_apart(&args, &text);
        for line in text.lines() {
            assert!(
                line.width() <= 80,
                "rungs {}: a line of {} columns:\n{line}",
                args.join(" "),
                line.width()
            );
        }
    }
}

/// On a wide terminal the lines stop at 100 columns, to stay readable.
#[test]
fn help_on_a_wide_terminal_keeps_lines_readable() {
    for args in every_help() {
        let text = help(&args, "250");
        brackets_stand_apart(&args, &text);
        let widest = text.lines().map(UnicodeWidthStr::width).max();
        assert!(
            widest.is_some_and(|w| w <= 100),
            "rungs {}: {widest:?} columns",
            args.join(" ")
        );
    }
}

/// The case people saw: the last value's words ran into `[default: markdown]`.
#[test]
fn export_and_team_formats_have_words_and_their_default_on_its_own() {
    for command in ["export", "team"] {
        let args = [command.to_owned(), "--help".to_owned()];
        let text = help(&args, "80");
        let format = text
            .split("--format <FORMAT>")
            .nth(1)
            .expect("the --format option");
        let lines: Vec<&str> = format.lines().skip(1).map(str::trim).collect();
        assert!(
            !lines[0].is_empty() && !lines[0].starts_with("Possible values"),
            "{command}: --format says what it is first:\n{format}"
        );
        assert!(
            lines.contains(&"[default: markdown]"),
            "{command}: the default on a line of its own:\n{format}"
        );
    }
}
