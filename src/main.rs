//! The command line: arguments → commands; diagnostics printed for editors; exit codes
//! (0 success, 1 content errors, 2 usage or input/output errors).

use bantin::content::Kind;
use bantin::messages::Text;
use bantin::pipeline::{BuildError, BuildOptions, build_site};
use bantin::t;
use bantin::watch::session::{Rebuilt, Session};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// bantin: builds mass-mobilization bulletin websites from Markdown files.
#[derive(Parser)]
#[command(name = "bantin", version, about, long_about = None, disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        target: TargetArgs,
        /// Relative links to files everywhere: the output works opened from disk, from a USB
        /// stick, and from any server under any sub-path (as site.yaml `portable: true`).
        #[arg(long)]
        portable: bool,
    },
    /// Build the site, then rebuild it on every save (content, templates, static files...).
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        target: TargetArgs,
    },
    /// Build, watch and serve the site on this computer; open pages reload after each save.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        listen: ListenArgs,
    },
    /// Build, watch and serve the site with the studio: edit items in the browser.
    Studio {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        listen: ListenArgs,
        /// Instead, ask for a password and print the line that keeps its hash in site.yaml.
        #[arg(long)]
        hash_password: bool,
    },
    /// Build the site, then upload what changed to the server site.yaml `deploy:` names.
    Deploy {
        /// The site folder (the one with site.yaml).
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
        /// Only say what would be uploaded and removed.
        #[arg(long)]
        dry_run: bool,
    },
    /// Turn documents into draft items: Word (.docx), LibreOffice (.odt) and plain-text files.
    Import {
        /// The documents to import (or folders of them).
        #[arg(required = true, num_args = 1.., value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The kind of item to make: article, model, explainer or page.
        #[arg(long, default_value = "article", value_name = "KIND")]
        kind: String,
        /// Language of the items (a code from site.yaml); the default language if not given.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The legacy Vietnamese encoding of the files: tcvn3 (.VnTime) or vni (VNI-Times).
        #[arg(long, value_name = "ENCODING")]
        encoding: Option<String>,
        /// The site folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
    /// Check the whole site and report every problem, without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Instead, list per language the items still to translate and the outdated translations.
        #[arg(long)]
        translations: bool,
        /// Output of --translations: text for people, json for tools.
        #[arg(long, value_enum, default_value = "text", requires = "translations")]
        format: ReportFormat,
    },
    /// Print a bulletin edition to PDF with a locally installed Chromium or Chrome.
    Print {
        /// The bulletin: its file name without .md (e.g. ban-tin-dan-van-so-1).
        bulletin: String,
        /// The language of the edition (a code from site.yaml) [default: the default language].
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The PDF to write [default: <bulletin>.pdf, or <bulletin>.<lang>.pdf].
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The browser to use [default: chromium, google-chrome... found on PATH].
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
        /// An A5 booklet: two pages on each side of an A4 sheet, to fold in half.
        #[arg(long)]
        booklet: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Print a bulletin's script for the commune loudspeakers (numbers, dates and
    /// abbreviations in words), and with --audio speak it into a WAV file with espeak-ng.
    ReadAloud {
        /// The bulletin: its file name without .md (e.g. ban-tin-dan-van-so-1).
        bulletin: String,
        /// The language of the edition (a code from site.yaml) [default: the default language].
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Also speak the script into this WAV file (needs espeak-ng).
        #[arg(long, value_name = "FILE.wav")]
        audio: Option<PathBuf>,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Create a new site, or a new content file with its front matter.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Show the help of bantin or of one of its commands.
    Help {
        /// The command (e.g. build, or new article).
        command: Vec<String>,
    },
    /// Create a new site (the same as `bantin new site DIR`).
    Init {
        /// The folder to create (must be missing or empty) [default: this folder].
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Args)]
struct SiteArgs {
    /// The site folder (the one with site.yaml).
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    source: PathBuf,
    /// Include items marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

/// Where `serve` and `studio` listen.
#[derive(Args)]
struct ListenArgs {
    /// The port to listen on.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// The address to listen on (127.0.0.1: this computer only).
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the page in the default browser once the site is built.
    #[arg(long)]
    open: bool,
}

/// Where a build goes and for which address.
#[derive(Args)]
struct TargetArgs {
    /// The output folder [default: <source>/public].
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Override base_url from site.yaml (e.g. for a preview host).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

impl SiteArgs {
    fn options(self, output: Option<PathBuf>, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            root: self.source,
            output,
            drafts: self.drafts,
            base_url,
            ..Default::default()
        }
    }
}

#[derive(Subcommand)]
enum NewCommand {
    /// A new site folder with a site.yaml and example content.
    Site {
        /// The folder to create (must be missing or empty).
        dir: PathBuf,
    },
    /// A new article (content/articles/<slug>.md).
    Article(NewItemArgs),
    /// A new "Skilled Mass Mobilization" model profile (content/models/).
    Model(NewItemArgs),
    /// A new policy explainer (content/explainers/).
    Explainer(NewItemArgs),
    /// A new bulletin edition (content/bulletins/), numbered after the last one.
    Bulletin(NewItemArgs),
    /// A new plain page (content/pages/), served at /<slug>/.
    Page(NewItemArgs),
}

#[derive(Args)]
struct NewItemArgs {
    /// The title, in quotes; the file name is its slug ("Đổi mới công tác" →
    /// doi-moi-cong-tac.md).
    #[arg(required = true, num_args = 1..)]
    title: Vec<String>,
    /// Language of the item (a code from site.yaml); the default language if not given.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// The site folder.
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    source: PathBuf,
}

/// Words people try after `bantin new` that bantin calls otherwise (Hugo's and Zola's `post`,
/// Vietnamese words), with the kind they most likely mean.
const NEW_KIND_GUESSES: &[(&str, &str)] = &[
    ("post", "article"),
    ("posts", "article"),
    ("news", "article"),
    ("bai", "article"),
    ("bài", "article"),
    ("tin", "article"),
    ("articles", "article"),
    ("models", "model"),
    ("mo-hinh", "model"),
    ("explainers", "explainer"),
    ("pages", "page"),
    ("bulletins", "bulletin"),
    ("ban-tin", "bulletin"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let site = source_argument(&args).unwrap_or(".");
    bantin::messages::set_language(bantin::messages::language_for_site(Path::new(site)));
    if let [_, new, what, ..] = args.as_slice()
        && new == "new"
        && let Some((_, kind)) = NEW_KIND_GUESSES.iter().find(|(w, _)| w == what)
    {
        error(t!("cli-new-kind-guess", what = what.as_str(), kind = *kind));
        return ExitCode::from(2);
    }
    let command = bantin::messages::command_line::localize(Cli::command());
    let cli = match command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(e) => match bantin::messages::command_line::usage_error(&e) {
            Some(words) if e.use_stderr() => {
                eprintln!("{words}");
                return ExitCode::from(2);
            }
            _ => e.exit(),
        },
    };
    match cli.command {
        Command::Build {
            site,
            target,
            portable,
        } => {
            let options = BuildOptions {
                progress: std::io::stderr().is_terminal(),
                portable,
                ..site.options(target.output, target.base_url)
            };
            run_build(&options)
        }
        Command::Watch { site, target } => run_watch(
            site.options(target.output, target.base_url),
            bantin::watch::channel(),
            None,
        ),
        Command::Serve { site, listen } => run_serve(site, listen, false),
        Command::Studio {
            hash_password: true,
            ..
        } => run_hash_password(),
        Command::Studio { site, listen, .. } => run_serve(site, listen, true),
        Command::Deploy { source, dry_run } => run_deploy(source, dry_run),
        Command::Import {
            files,
            kind,
            lang,
            encoding,
            source,
        } => run_import(&source, &files, &kind, lang.as_deref(), encoding.as_deref()),
        Command::Check {
            site,
            translations: true,
            format,
        } => run_translations(site, format),
        Command::Check { site, .. } => {
            let options = BuildOptions {
                root: site.source,
                drafts: site.drafts,
                dry_run: true,
                ..Default::default()
            };
            let code = run_build(&options);
            if !options.drafts {
                check_drafts(&options);
            }
            code
        }
        Command::New { what } => run_new(what),
        Command::Init { dir } => run_new(NewCommand::Site { dir }),
        Command::Help { command } => {
            let mut help = bantin::messages::command_line::localize(Cli::command());
            // Built, so that each subcommand knows its full name (`bantin new article`).
            help.build();
            for name in &command {
                match help.find_subcommand(name) {
                    Some(sub) => help = sub.clone(),
                    None => {
                        error(t!("usage-unknown-command", command = name.as_str()));
                        return ExitCode::from(2);
                    }
                }
            }
            let _ = help.print_help();
            ExitCode::SUCCESS
        }
        Command::ReadAloud {
            bulletin,
            lang,
            audio,
            site,
        } => run_read_aloud(bantin::loudspeaker::ReadAloudOptions {
            root: site.source,
            bulletin,
            lang,
            audio,
            drafts: site.drafts,
        }),
        Command::Print {
            bulletin,
            lang,
            output,
            browser,
            booklet,
            site,
        } => run_print(bantin::pdf::PrintOptions {
            root: site.source,
            bulletin,
            lang,
            output,
            browser,
            drafts: site.drafts,
            booklet,
        }),
    }
}

/// `bantin print`: the edition to PDF, and what was made.
fn run_read_aloud(options: bantin::loudspeaker::ReadAloudOptions) -> ExitCode {
    match bantin::loudspeaker::read_aloud(&options) {
        Ok(done) => {
            print!("{}", done.script.text());
            let lang = done.script.lang.as_str();
            if !done.script.numbers_spoken {
                tell(t!("cli-read-aloud-digits", lang = lang));
            }
            tell(t!(
                "cli-read-aloud-time",
                words = done.script.words,
                minutes = done.script.minutes,
                rate = done.rate
            ));
            if let Some((path, seconds)) = &done.audio {
                tell(t!(
                    "cli-read-aloud-audio",
                    path = path.display(),
                    seconds = seconds.round() as u64
                ));
            }
            ExitCode::SUCCESS
        }
        Err(e) => failure(e),
    }
}

fn run_print(options: bantin::pdf::PrintOptions) -> ExitCode {
    match bantin::pdf::print_bulletin(&options) {
        Ok(printed) => {
            let path = printed.path.display();
            match printed.booklet {
                None => say(t!("cli-printed", path = path)),
                Some(size) => say(t!(
                    "cli-printed-booklet",
                    path = path,
                    pages = size.pages,
                    sheets = size.sheets
                )),
            }
            ExitCode::SUCCESS
        }
        Err(e) => failure(e),
    }
}

/// The site folder the arguments name (`-s DIR`, `--source DIR`, `--source=DIR`), read before
/// the arguments are parsed: its site.yaml may choose the language of `--help` and of errors.
fn source_argument(args: &[String]) -> Option<&str> {
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-s" || arg == "--source" {
            return args.next().map(String::as_str);
        }
        if let Some(dir) = arg.strip_prefix("--source=") {
            return Some(dir);
        }
        if let Some(dir) = arg
            .strip_prefix("-s")
            .filter(|d| !d.is_empty() && !arg.starts_with("--"))
        {
            return Some(dir);
        }
    }
    None
}

/// A line of the command's outcome, on standard output: `bantin: ...`.
fn say(words: Text) {
    println!("bantin: {words}");
}

/// A line about how things went (problems, hints), on standard error: `bantin: ...`.
fn tell(words: Text) {
    eprintln!("bantin: {words}");
}

/// An error, on standard error: `error: ...` in the run's language.
fn error(what: impl std::fmt::Display) {
    eprintln!("{}: {what}", t!("cli-label-error"));
}

/// Prints why a command failed and gives its exit code: 1 for problems in the site's files,
/// 2 for usage and input/output problems.
fn failure(problem: BuildError) -> ExitCode {
    match problem {
        BuildError::Content(diagnostics) => {
            for d in &diagnostics {
                error(d);
            }
            ExitCode::from(1)
        }
        BuildError::Io(message) => {
            error(message);
            ExitCode::from(2)
        }
    }
}

/// What runs after every build of `bantin serve` (the reload of open pages).
type AfterBuild = Box<dyn FnMut(&Result<Rebuilt, BuildError>)>;

/// Watches the site until interrupted; `after` runs after every build.
fn run_watch(
    options: BuildOptions,
    channel: (
        std::sync::mpsc::Sender<bantin::watch::Message>,
        std::sync::mpsc::Receiver<bantin::watch::Message>,
    ),
    mut after: Option<AfterBuild>,
) -> ExitCode {
    let mut session = match Session::new(options) {
        Ok(s) => s,
        Err(e) => return failure(e),
    };
    say(t!("cli-watching", path = session.root().display()));
    let output = session.output().to_path_buf();
    let outcome = bantin::watch::watch(&mut session, channel, |result| {
        // What follows a build (live reload, the studio's list) is done before it is told, so
        // that whoever reads the terminal line finds the server up to date.
        if let Some(after) = after.as_mut() {
            after(result);
        }
        match result {
            Ok(r) if r.scope == "full" => say(t!(
                "cli-watch-built",
                files = r.rendered,
                output = output.display(),
                ms = r.elapsed.as_millis() as u64,
                warnings = warnings_note(r.warnings)
            )),
            Ok(r) => say(t!(
                "cli-watch-rebuilt",
                summary = &r.summary,
                written = r.written,
                ms = r.elapsed.as_millis() as u64,
                warnings = warnings_note(r.warnings)
            )),
            Err(BuildError::Content(diagnostics)) => {
                for d in diagnostics {
                    error(d);
                }
                tell(t!("cli-watch-problems", count = diagnostics.len()));
            }
            Err(BuildError::Io(message)) => error(message),
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => failure(BuildError::Io(message)),
    }
}

/// `bantin serve` and `bantin studio`: the preview is built for the local address into a
/// folder of its own (in the system's temporary folder), so that public/ never gets local
/// addresses. The studio adds its editing pages and builds drafts too.
fn run_serve(mut site: SiteArgs, listen: ListenArgs, with_studio: bool) -> ExitCode {
    let ListenArgs { port, bind, open } = listen;
    use bantin::server::{LiveState, Server, ServerOptions};
    use bantin::studio::{STUDIO_PATH, Studio};
    let root = site
        .source
        .canonicalize()
        .unwrap_or_else(|_| site.source.clone());
    let output = std::env::temp_dir().join(format!("bantin-serve-{:016x}", {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        root.hash(&mut h);
        h.finish()
    }));
    let channel = bantin::watch::channel();
    let previews = channel.0.clone();
    let studio = match with_studio
        .then(|| Studio::new(&root, bind, previews))
        .transpose()
    {
        Ok(studio) => studio,
        Err(message) => return failure(BuildError::Io(message)),
    };
    if studio.is_some() {
        site.drafts = true;
    }
    let live = LiveState::new();
    let server = match Server::bind(ServerOptions {
        bind,
        port,
        root: output.clone(),
        live: Some(live.clone()),
        routes: studio.clone().map(bantin::studio::router),
    }) {
        Ok(s) => s,
        Err(message) => return failure(BuildError::Io(message)),
    };
    let addr = server.local_addr();
    if let Some(studio) = &studio {
        studio.listening_on(addr);
    }
    // Links work from other devices of the network too when listening on all addresses.
    let host = if addr.ip().is_unspecified() {
        std::net::SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
    } else {
        addr
    };
    let url = format!("http://{host}/");
    server.spawn();
    let address = match &studio {
        Some(_) => {
            let studio_url = format!("http://{host}{STUDIO_PATH}/");
            say(t!(
                "cli-studio",
                url = &studio_url,
                output = output.display()
            ));
            studio_url
        }
        None => {
            say(t!("cli-serving", url = &url, output = output.display()));
            url.clone()
        }
    };
    let mut first = open;
    let after: AfterBuild = Box::new(move |result| {
        match result {
            Ok(_) => live.reloaded(),
            Err(BuildError::Content(ds)) => live.failed(
                ds.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Err(BuildError::Io(message)) => live.failed(message.to_string()),
        }
        if let Some(studio) = &studio {
            match result {
                Ok(_) => studio.built(),
                Err(BuildError::Content(ds)) => studio.failed(ds),
                Err(BuildError::Io(_)) => {}
            }
        }
        if std::mem::take(&mut first) {
            open_browser(&address);
        }
    });
    run_watch(site.options(Some(output), Some(url)), channel, Some(after))
}

/// Opens `url` in the default browser, if the system has a way to.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        tell(t!("cli-no-browser", url = url));
    }
}

fn warnings_note(n: usize) -> Text {
    if n == 0 {
        Text::default()
    } else {
        t!("cli-warnings-note", count = n)
    }
}

/// Drafts are checked as if they were published (their links, images and localities), after
/// the site: their problems are listed as notes, since they stop no build until the draft
/// is published. Problems the site's check already showed are not repeated.
fn check_drafts(options: &BuildOptions) {
    let Ok(config) = bantin::config::Config::load(&options.root) else {
        return;
    };
    let registry = bantin::locality::Registry::load(&options.root).unwrap_or_default();
    let drafts: std::collections::BTreeSet<std::path::PathBuf> =
        bantin::content::load_sources(&options.root, &config, &registry)
            .sources
            .into_iter()
            .filter(|s| s.front_matter.common.draft)
            .map(|s| s.rel_path)
            .collect();
    if drafts.is_empty() {
        return;
    }
    let published = BuildOptions {
        drafts: true,
        ..options.clone()
    };
    let problems = match build_site(&published) {
        Ok(report) => report.warnings,
        Err(BuildError::Content(ds)) => ds,
        Err(BuildError::Io(_)) => return,
    };
    let in_drafts: Vec<_> = problems
        .iter()
        .filter(|d| drafts.contains(&d.path))
        .collect();
    for d in &in_drafts {
        eprintln!("{}: {d}", t!("cli-label-draft"));
    }
    let n = in_drafts.len();
    if n == 0 {
        say(t!("cli-drafts-fine", count = drafts.len()));
    } else {
        tell(t!("cli-drafts-problems", count = n));
    }
}

fn run_build(options: &BuildOptions) -> ExitCode {
    built(options).map_or_else(|code| code, |_| ExitCode::SUCCESS)
}

/// Builds (or checks) the site and says how it went; the exit code when it failed.
fn built(options: &BuildOptions) -> Result<bantin::pipeline::BuildReport, ExitCode> {
    match build_site(options) {
        Ok(report) => {
            let languages = bantin::config::Config::load(&options.root)
                .map(|c| c.languages.into_iter().map(|l| l.code).collect::<Vec<_>>())
                .unwrap_or_default();
            if options.dry_run {
                for w in &report.warnings {
                    eprintln!("{}: {w}", t!("cli-label-warning"));
                }
                for n in &report.notes {
                    eprintln!(
                        "{}: {}",
                        t!("cli-label-note"),
                        t!("cli-partial-note", note = n.to_string())
                    );
                }
            } else if !report.warnings.is_empty() {
                tell(t!("cli-build-warnings", count = report.warnings.len()));
            }
            let summary = report.summary_line(&languages);
            say(if options.dry_run {
                t!("cli-checked", summary = summary)
            } else {
                t!(
                    "cli-built",
                    summary = summary,
                    output = report.output.display()
                )
            });
            Ok(report)
        }
        Err(BuildError::Content(diagnostics)) => {
            for d in &diagnostics {
                error(d);
            }
            let n = diagnostics.len();
            tell(if options.dry_run {
                t!("cli-problems-found", count = n)
            } else {
                t!("cli-problems-found-kept", count = n)
            });
            Err(ExitCode::from(1))
        }
        Err(BuildError::Io(message)) => {
            error(message);
            Err(ExitCode::from(2))
        }
    }
}

/// `bantin studio --hash-password`: the password read from standard input (not shown on a
/// terminal), its hash printed as the site.yaml line.
fn run_hash_password() -> ExitCode {
    let terminal = std::io::stdin().is_terminal();
    if terminal {
        eprint!("{} ", t!("cli-password-prompt"));
        // Typing is not shown where `stty` is (Linux, macOS); elsewhere it is.
        let _ = std::process::Command::new("stty").arg("-echo").status();
    }
    let mut line = String::new();
    let read = std::io::stdin().read_line(&mut line);
    if terminal {
        let _ = std::process::Command::new("stty").arg("echo").status();
        eprintln!();
    }
    let password = line.trim_end_matches(['\r', '\n']);
    if read.is_err() || password.is_empty() {
        error(t!("cli-password-empty"));
        return ExitCode::from(2);
    }
    match bantin::studio::password::hash(password) {
        Ok(hash) => {
            tell(t!("cli-password-line"));
            println!("studio_password: \"{hash}\"");
            ExitCode::SUCCESS
        }
        Err(message) => {
            error(message);
            ExitCode::from(2)
        }
    }
}

/// `bantin import`: each document on its own (a bad one does not stop the others).
fn run_import(
    source: &Path,
    files: &[PathBuf],
    kind: &str,
    lang: Option<&str>,
    encoding: Option<&str>,
) -> ExitCode {
    let Some(kind) = Kind::from_singular(kind).filter(|k| *k != Kind::Bulletin) else {
        error(t!("import-unknown-kind", kind = kind));
        return ExitCode::from(2);
    };
    let encoding = match encoding.map(|e| (e, bantin::import::legacy::Legacy::from_name(e))) {
        None => None,
        Some((_, Some(legacy))) => Some(legacy),
        Some((name, None)) => {
            error(t!("import-unknown-encoding", name = name));
            return ExitCode::from(2);
        }
    };
    // A folder stands for the documents in it, in name order.
    let mut documents = Vec::new();
    for file in files {
        match std::fs::read_dir(file) {
            Ok(entries) => {
                let mut inside: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| bantin::import::is_document(p))
                    .collect();
                inside.sort();
                documents.extend(inside);
            }
            Err(_) => documents.push(file.clone()),
        }
    }
    let mut failed = 0;
    for file in &documents {
        match bantin::import::import_file(source, file, kind, lang, encoding) {
            Ok(done) => {
                let item = done.item.strip_prefix(source).unwrap_or(&done.item);
                say(t!(
                    "import-made",
                    file = file.display(),
                    item = item.display()
                ));
                for note in &done.notes {
                    println!("  - {note}");
                }
            }
            Err(message) => {
                error(message);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `bantin deploy`: a build, then the upload of what changed to site.yaml's `deploy:`.
fn run_deploy(source: PathBuf, dry_run: bool) -> ExitCode {
    let settings = match bantin::config::Config::load(&source) {
        Ok(config) => config.deploy,
        Err(diagnostics) => return failure(BuildError::Content(diagnostics)),
    };
    let Some(settings) = settings else {
        error(t!("cli-deploy-nowhere"));
        return ExitCode::from(2);
    };
    let options = BuildOptions {
        root: source,
        progress: std::io::stderr().is_terminal(),
        ..Default::default()
    };
    let report = match built(&options) {
        Ok(report) => report,
        Err(code) => {
            tell(t!("cli-deploy-not-built"));
            return code;
        }
    };
    match bantin::deploy::deploy(&options.root, &report.output, &settings, dry_run) {
        Ok(done) => {
            say(bantin::deploy::summary(&done, dry_run));
            ExitCode::SUCCESS
        }
        Err(e) => {
            error(e.message());
            ExitCode::from(2)
        }
    }
}

fn run_translations(site: SiteArgs, format: ReportFormat) -> ExitCode {
    let options = BuildOptions {
        root: site.source,
        drafts: site.drafts,
        dry_run: true,
        ..Default::default()
    };
    match bantin::pipeline::load_site(&options) {
        Ok((loaded, problems)) => {
            let status = bantin::translations::translation_status(&loaded.library, &loaded.config);
            match format {
                ReportFormat::Text => print!("{}", bantin::translations::format_text(&status)),
                ReportFormat::Json => match serde_json::to_string_pretty(&status) {
                    Ok(json) => println!("{json}"),
                    Err(e) => {
                        error(e);
                        return ExitCode::from(2);
                    }
                },
            }
            if !problems.is_empty() {
                tell(t!("cli-translations-problems", count = problems.len()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => failure(e),
    }
}

fn run_new(what: NewCommand) -> ExitCode {
    let (kind, args) = match what {
        NewCommand::Site { dir } => {
            return match bantin::new::new_site(&dir) {
                Ok(_) => {
                    say(t!("cli-new-site", dir = dir.display()));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    error(e);
                    ExitCode::from(2)
                }
            };
        }
        NewCommand::Article(a) => (Kind::Article, a),
        NewCommand::Model(a) => (Kind::Model, a),
        NewCommand::Explainer(a) => (Kind::Explainer, a),
        NewCommand::Bulletin(a) => (Kind::Bulletin, a),
        NewCommand::Page(a) => (Kind::Page, a),
    };
    let title = args.title.join(" ");
    if args.title.len() > 1 {
        // The shell split an unquoted title into words; they are joined with single spaces.
        tell(t!(
            "cli-title-words",
            count = args.title.len(),
            title = &title,
            kind = kind.singular()
        ));
    }
    match bantin::new::new_item(&args.source, kind, &title, args.lang.as_deref()) {
        Ok(path) => {
            say(t!("cli-new-item", path = path.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            error(e);
            ExitCode::from(2)
        }
    }
}
