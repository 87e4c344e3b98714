//! The command line's own words in the run's language: clap's descriptions of commands and
//! options (`--help`), its headings, and its usage errors, replaced from the catalogue. Each
//! command's description is `help-<command path>`, each option's `help-<command path>-<id>`
//! or, for options many commands share, `help-arg-<id>`.

use super::{Language, Text, language, text};
use crate::t;
use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// `cmd` and all its subcommands with descriptions, headings and defaults from the catalogue.
pub fn localize(cmd: Command) -> Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(t!("help-flag-version").into_string())
        .help_heading(t!("help-heading-options").into_string());
    localize_command(cmd.disable_version_flag(true), "").arg(version)
}

fn localize_command(mut cmd: Command, path: &str) -> Command {
    let id = if path.is_empty() {
        "help-bantin".to_string()
    } else {
        format!("help-{path}")
    };
    cmd = placeholders(cmd);
    let usage = usage_of(&cmd, path);
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t!("help-heading-usage")
    );
    cmd = cmd
        .about(described(&id))
        .long_about(None)
        .help_template(template)
        .override_usage(usage)
        .subcommand_help_heading(t!("help-heading-commands").into_string())
        .subcommand_value_name(t!("help-value-command").into_string())
        .disable_help_flag(true);
    let args: Vec<(String, bool)> = cmd
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (arg, positional) in args {
        let own = format!("{id}-{arg}");
        let help = if super::has(&own) {
            described(&own)
        } else {
            described(&format!("help-arg-{arg}"))
        };
        let heading = if positional {
            t!("help-heading-arguments")
        } else {
            t!("help-heading-options")
        };
        cmd = cmd.mut_arg(&arg, |a| {
            a.help(help)
                .hide_default_value(true)
                .hide_possible_values(true)
                .help_heading(heading.into_string())
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subcommands {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |c| localize_command(c, &child));
    }
    cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t!("help-flag-help").into_string())
            .help_heading(t!("help-heading-options").into_string()),
    )
}

/// Each option's placeholder (`<DIR>`) in the run's language (`help-value-dir`).
fn placeholders(mut cmd: Command) -> Command {
    let named: Vec<(String, Vec<String>)> = cmd
        .get_arguments()
        .filter_map(|a| {
            let names = a.get_value_names()?;
            Some((
                a.get_id().to_string(),
                names.iter().map(|n| n.to_string()).collect(),
            ))
        })
        .collect();
    for (arg, names) in named {
        let names: Vec<String> = names
            .iter()
            .map(|n| described(&format!("help-value-{}", n.to_lowercase())))
            .collect();
        cmd = cmd.mut_arg(&arg, |a| a.value_names(names));
    }
    cmd
}

/// The usage line as clap writes it (`bantin new article [OPTIONS] <TITLE>...`), with the
/// words of the run's language: clap's own has `[OPTIONS]` in English whatever the help says.
fn usage_of(cmd: &Command, path: &str) -> String {
    let mut words = vec!["bantin".to_string()];
    words.extend(
        path.split('-')
            .filter(|w| !w.is_empty())
            .map(str::to_string),
    );
    let own = |a: &&Arg| !matches!(a.get_id().as_str(), "help" | "version");
    if cmd.get_arguments().filter(own).any(|a| !a.is_positional()) {
        words.push(format!("[{}]", described("help-value-options")));
    }
    for a in cmd.get_positionals().filter(own) {
        let name = a
            .get_value_names()
            .map(|n| {
                n.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
        let many = matches!(a.get_action(), ArgAction::Append)
            || matches!(a.get_num_args(), Some(n) if n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        words.push(if a.is_required_set() {
            format!("<{name}>{dots}")
        } else {
            format!("[{name}]{dots}")
        });
    }
    if cmd.has_subcommands() {
        let name = described("help-value-command");
        words.push(if cmd.is_subcommand_required_set() {
            format!("<{name}>")
        } else {
            format!("[{name}]")
        });
    }
    words.join(" ")
}

/// A help text; its id is made from command and option names, so a test runs every command's
/// `--help` in both languages to find any that is missing.
fn described(id: &str) -> String {
    text(id, &[]).into_string()
}

/// What went wrong on the command line, for a run that is not in English (English keeps
/// clap's own messages): the problem, the command's usage, and where to read more.
pub fn usage_error(e: &clap::Error) -> Option<Text> {
    if language() == Language::English {
        return None;
    }
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let problem = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let command = context(ContextKind::InvalidSubcommand);
            match e.get(ContextKind::SuggestedSubcommand) {
                Some(s) => t!(
                    "usage-unknown-command-suggested",
                    command = command,
                    suggestion = s.to_string()
                ),
                None => t!("usage-unknown-command", command = command),
            }
        }
        ErrorKind::UnknownArgument => match e.get(ContextKind::SuggestedArg) {
            Some(s) => t!(
                "usage-unknown-argument-suggested",
                argument = argument,
                suggestion = s.to_string()
            ),
            None => t!("usage-unknown-argument", argument = argument),
        },
        ErrorKind::InvalidValue => t!(
            "usage-invalid-value",
            argument = argument,
            value = value,
            valid = context(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            t!(
                "usage-value-not-accepted",
                argument = argument,
                value = value
            )
        }
        ErrorKind::MissingRequiredArgument => t!("usage-missing-argument", argument = argument),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("usage-missing-command")
        }
        ErrorKind::ArgumentConflict => t!(
            "usage-conflict",
            argument = argument,
            other = context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            t!("usage-too-many", argument = argument)
        }
        ErrorKind::NoEquals => t!("usage-no-equals", argument = argument),
        _ => t!("usage-other"),
    };
    let usage = context(ContextKind::Usage);
    let usage = usage
        .split_once(':')
        .map_or(usage.as_str(), |(_, u)| u)
        .trim();
    // The command's words, before its options and arguments (`bantin new article`).
    let command = usage.split(['[', '<']).next().unwrap_or("bantin").trim();
    let label = t!("cli-label-error");
    Some(if usage.is_empty() {
        t!("usage-error-brief", label = label, problem = problem)
    } else {
        t!(
            "usage-error",
            label = label,
            problem = problem,
            heading = t!("help-heading-usage"),
            usage = usage,
            command = command
        )
    })
}
