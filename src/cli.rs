//! The `ordos` command line (clap): list, validate, sim, replay, screenshot. Headless but for
//! `screenshot`: it drives the same rules core as the game.
//!
//! Exit codes: 0 success, 1 invalid input or a failed check, 2 a wrong command line.

use crate::files;
use clap::{Args, Parser, Subcommand};
use ordos_core::Game;
use ordos_core::load::Setup;
use ordos_core::load::catalog::Catalog;
use ordos_core::load::read::{MAX_RECORD_BYTES, read_regular};
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::report::report;
use ordos_core::play::sim::{play, summarize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "ordos",
    version,
    about = "Ordos — a wargame of the Song–Xia wars (982–1119)",
    long_about = "Ordos — a wargame of the Song–Xia wars (982–1119).\n\nWith no command, `ordos` starts the game. SCENARIO is an id (see `ordos list`) or a path to a .ron file; scenarios are looked up in $ORDOS_SCENARIOS, ./scenarios, the scenarios the game was built with and your mod folder.",
    after_help = "Exit codes: 0 success, 1 invalid input or a failed check, 2 a wrong command line."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// One line per scenario: id, years, title
    List,
    /// Check scenario files: errors (and warnings) as file:line:col: message
    Validate(ValidateArgs),
    /// Play a scenario to the end, headless: an after-action report, or JSON
    Sim(SimArgs),
    /// Re-simulate a recorded game and check the state after every turn
    Replay(ReplayArgs),
    /// Every place and army of a scenario with its hex, terrain, water and forage
    Map(MapArgs),
    /// Render a screen of the game to a PNG (under Xvfb it uses software Vulkan)
    Screenshot(crate::app::screenshot::ScreenshotArgs),
    /// Watch a replay in the game's viewer (also: `ordos FILE.replay.ron`)
    View(ViewArgs),
    /// Play a scenario many times on every core: summary.json, report.md and charts
    Analyze(AnalyzeArgs),
}

/// Who plays each side (`sim` and `analyze`); a side not named plays its historical orders.
#[derive(Args, Debug)]
pub struct ControllerFlags {
    /// Controller of the Song side: historical | ai | ai-easy | greedy | idle
    #[arg(long, value_name = "C")]
    pub song: Option<ControllerKind>,
    /// Controller of the Xia side
    #[arg(long, value_name = "C")]
    pub xia: Option<ControllerKind>,
    /// Controller of the Liao side (where a scenario has one)
    #[arg(long, value_name = "C")]
    pub liao: Option<ControllerKind>,
    /// Controller of any other side: --side ID=C (also written --ID C)
    #[arg(long = "side", value_name = "ID=C")]
    pub sides: Vec<String>,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// An id from `ordos list`, or a path to a scenario file
    pub scenario: Option<String>,
    /// Games to play
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub runs: u64,
    /// The seed of the first game; game k uses seed S+k, as `ordos sim --runs` does
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub controllers: ControllerFlags,
    /// Play the same seeds again with one side's controller changed, and compare
    #[arg(long, value_name = "SIDE=C")]
    pub vs: Option<String>,
    /// The folder for summary.json, report.md and the charts (default analysis/SCENARIO)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace the files of an earlier analysis in DIR
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ViewArgs {
    /// A replay written by the game or by `ordos sim --record`
    pub file: PathBuf,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Scenario files
    pub paths: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Print every error and warning as a JSON object, one a line
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct MapArgs {
    /// An id from `ordos list`, or a path to a scenario file
    pub scenario: Option<String>,
    /// One JSON object for the whole map
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SimArgs {
    /// An id from `ordos list`, or a path to a scenario file
    pub scenario: Option<String>,
    /// The seed of the first run; run k of K uses seed N+k
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Games to play
    #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub runs: u64,
    #[command(flatten)]
    pub controllers: ControllerFlags,
    /// One JSON object per run, one per line
    #[arg(long)]
    pub json: bool,
    /// Write the replay (RON); with --runs K, FILE-<seed>.ron for each run
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Write every event as JSON Lines
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// Allow --record and --events to replace existing (regular) files
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// A replay written by `ordos sim --record` or by the game
    pub file: Option<PathBuf>,
    /// Re-simulate it and check every turn
    #[arg(long)]
    pub verify: bool,
    /// The scenario to verify against (an id or a path), if not the one the replay names
    #[arg(long, value_name = "SCENARIO")]
    pub scenario: Option<String>,
    /// Print the situation after N turns: the date, every army's men, state and hex, the
    /// places and their owners, the losses so far by cause
    #[arg(long, value_name = "N")]
    pub at: Option<usize>,
    /// With --at: one JSON object
    #[arg(long)]
    pub json: bool,
}

/// A user error: what to print and the exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("{}\nrun `ordos help` for usage", message.into()),
            code: 2,
        }
    }
    fn fail(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

/// `--liao ai` for a side clap was not told of becomes `--side liao=ai`, so that `--<side> C`
/// works for every side of any scenario.
fn side_flags(args: &[String]) -> Vec<String> {
    let known = [
        "--seed", "--runs", "--song", "--xia", "--liao", "--side", "--json", "--record",
        "--events", "--force", "--help", "-h", "--vs", "--out",
    ];
    if !matches!(args.first().map(String::as_str), Some("sim" | "analyze")) {
        return args.to_vec();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let flag = a.split('=').next().unwrap_or(a);
        if a.starts_with("--") && !known.contains(&flag) && i + 1 < args.len() && !a.contains('=') {
            out.push("--side".into());
            out.push(format!("{}={}", &a[2..], args[i + 1]));
            i += 2;
            continue;
        }
        out.push(a.clone());
        i += 1;
    }
    out
}

/// Output piped into a reader that stops early (`ordos map X --json | head -c 600`) ends the
/// command quietly, as it ends `cat` or `grep`, instead of a panic in `println!`.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restores the default disposition of SIGPIPE before any thread is started or
    // any output is written; no handler is installed.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn run(args: &[String]) -> ExitCode {
    // `ordos FILE.ron`: a replay opened in the viewer (a file manager's "open with").
    if let [one] = args
        && one.ends_with(".ron")
        && Path::new(one).is_file()
    {
        return view(&ViewArgs {
            file: PathBuf::from(one),
        });
    }
    let argv = std::iter::once("ordos".to_string()).chain(side_flags(args));
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => return clap_failure(e),
    };
    if !matches!(cli.command, Command::Screenshot(_) | Command::View(_)) {
        quiet_on_closed_pipe();
    }
    let result = match cli.command {
        Command::List => list(),
        Command::Validate(a) => validate(&a),
        Command::Sim(a) => sim(a),
        Command::Replay(a) => replay(&a),
        Command::Map(a) => map(&a),
        Command::Screenshot(a) => return crate::app::screenshot::run(a),
        Command::View(a) => return view(&a),
        Command::Analyze(a) => analyze(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Help and the version to stdout with 0; a wrong command line to stderr with 2.
fn clap_failure(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{e}");
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{e}");
            ExitCode::from(2)
        }
        ErrorKind::InvalidSubcommand => {
            let what = e
                .get(clap::error::ContextKind::InvalidSubcommand)
                .map(|v| v.to_string())
                .unwrap_or_default();
            eprintln!("unknown command `{what}`\nrun `ordos help` for usage");
            ExitCode::from(2)
        }
        _ => {
            eprint!("{e}");
            ExitCode::from(2)
        }
    }
}

fn list() -> Result<(), Failure> {
    let mut bad = 0;
    for e in crate::paths::catalog().entries {
        match &e.loaded {
            Ok(s) => {
                let s = &s.scenario;
                let mark = if e.origin.is_mod() { "  (mod)" } else { "" };
                println!(
                    "{:<20} {}–{}  {}{mark}",
                    s.id, s.start.year, s.end.year, s.title
                );
            }
            Err(_) => {
                bad += 1;
                eprintln!(
                    "{}: invalid (run `ordos validate {}`)",
                    e.path.display(),
                    e.path.display()
                );
            }
        }
    }
    if bad > 0 {
        Err(Failure::fail(format!("{bad} scenario file(s) are invalid")))
    } else {
        Ok(())
    }
}

fn validate(a: &ValidateArgs) -> Result<(), Failure> {
    if a.paths.is_empty() {
        return Err(Failure::usage("`ordos validate` needs at least one PATH"));
    }
    let (mut bad, mut warned) = (0, 0);
    let show = |d: &ordos_core::load::diagnostic::Diagnostic| {
        if a.json {
            println!("{}", serde_json::to_string(d).unwrap_or_default());
        } else {
            println!("{d}");
        }
    };
    for p in &a.paths {
        let shown = p.display().to_string();
        match ordos_core::load::load_path(p) {
            Ok(s) => {
                // The warnings that need a game: the history played through once.
                // Read again for the lines of the warnings, with the same checks and cap as
                // the first read (the file may have been swapped for something else since).
                let text = read_regular(p, ordos_core::load::read::MAX_SCENARIO_BYTES)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok());
                let mut warnings = s.warnings.clone();
                warnings.extend(ordos_core::play::lint::lint(&s, &shown, text.as_deref()));
                warnings.sort_by_key(|w| (w.line, w.col));
                warnings.iter().for_each(show);
                if !warnings.is_empty() {
                    warned += 1;
                }
                if !a.json {
                    let n = warnings.len();
                    let w = if n == 0 {
                        String::new()
                    } else {
                        format!(", {n} warning{}", if n == 1 { "" } else { "s" })
                    };
                    println!("{shown}: ok ({}){w}", s.scenario.id);
                }
            }
            Err(errors) => {
                bad += 1;
                errors.0.iter().for_each(show);
            }
        }
    }
    if bad > 0 {
        Err(Failure::fail(format!(
            "{bad} of {} file(s) invalid",
            a.paths.len()
        )))
    } else if a.strict && warned > 0 {
        Err(Failure::fail(format!(
            "{warned} of {} file(s) have warnings (--strict)",
            a.paths.len()
        )))
    } else {
        Ok(())
    }
}

/// `ordos map`: where everything is, for a modder placing garrisons and goals.
fn map(a: &MapArgs) -> Result<(), Failure> {
    let Some(name) = a.scenario.as_deref() else {
        return Err(Failure::usage(
            "`ordos map` needs a SCENARIO (an id from `ordos list`, or a path)",
        ));
    };
    let setup = find_scenario(&crate::paths::catalog(), name)?;
    let game = Game::new(setup.clone(), 1);
    let rows = ordos_core::play::report::map_rows(&game);
    if a.json {
        let v = serde_json::json!({
            "scenario": setup.scenario.id,
            "width": setup.map.width,
            "height": setup.map.height,
            "hex_m": setup.map.hex_m,
            "rows": rows,
        });
        println!("{v}");
    } else {
        print!("{}", ordos_core::play::report::map_text(&game, &rows));
    }
    Ok(())
}

/// Finds a scenario named on the command line: an id, or a path the user gave.
fn find_scenario(catalog: &Catalog, arg: &str) -> Result<Arc<Setup>, Failure> {
    catalog.find(arg).map_err(Failure::fail)
}

fn record_path(base: &Path, seed: u64, runs: u64) -> PathBuf {
    if runs == 1 {
        return base.to_path_buf();
    }
    let stem = base
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "replay".into());
    base.with_file_name(format!("{stem}-{seed}.ron"))
}

/// The controller each side of the scenario gets: the flags, else historical.
/// The controllers of --song, --xia, --liao and --side ID=C, each side historical if not
/// named.
fn controllers_for(flags: &ControllerFlags, setup: &Setup) -> Result<Vec<ControllerKind>, Failure> {
    let mut named: Vec<(String, ControllerKind)> = Vec::new();
    for (id, c) in [
        ("song", flags.song),
        ("xia", flags.xia),
        ("liao", flags.liao),
    ] {
        if let Some(c) = c {
            named.push((id.into(), c));
        }
    }
    for s in &flags.sides {
        let (id, c) = s
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("--side {s}: expected ID=CONTROLLER")))?;
        let kind = c
            .parse::<ControllerKind>()
            .map_err(|e| Failure::usage(format!("--{id}: {e}")))?;
        named.push((id.to_string(), kind));
    }
    let scenario = &setup.scenario;
    for (side, _) in &named {
        if scenario.side_index(side).is_none() {
            let sides: Vec<_> = scenario
                .sides
                .iter()
                .map(|s| format!("--{}", s.id))
                .collect();
            return Err(Failure::usage(format!(
                "unknown option --{side} (this scenario's sides: {})",
                sides.join(", ")
            )));
        }
    }
    Ok(scenario
        .sides
        .iter()
        .map(|s| {
            named
                .iter()
                .rev()
                .find(|(id, _)| *id == s.id)
                .map_or(ControllerKind::Historical, |c| c.1)
        })
        .collect())
}

fn sim(a: SimArgs) -> Result<(), Failure> {
    let Some(name) = a.scenario.as_deref() else {
        return Err(Failure::usage(
            "`ordos sim` needs a SCENARIO (an id from `ordos list`, or a path)",
        ));
    };
    let catalog = crate::paths::catalog();
    let setup = find_scenario(&catalog, name)?;
    let kinds = controllers_for(&a.controllers, &setup)?;
    let records: Vec<PathBuf> = a
        .record
        .iter()
        .flat_map(|r| (0..a.runs).map(|k| record_path(r, a.seed.wrapping_add(k), a.runs)))
        .collect();
    let outputs: Vec<PathBuf> = records.iter().chain(a.events.iter()).cloned().collect();
    files::check_outputs(&outputs, a.force).map_err(Failure::fail)?;
    let mut events_out = String::new();
    let stdout = std::io::stdout();
    for k in 0..a.runs {
        let seed = a.seed.wrapping_add(k);
        let mut game = Game::new(setup.clone(), seed);
        let mut controllers: Vec<Box<dyn Controller>> = kinds.iter().map(|k| make(*k)).collect();
        let replay = play(&mut game, &mut controllers);
        let refused: Vec<_> = controllers
            .iter()
            .flat_map(|c| c.refusals().to_vec())
            .collect();
        let mut out = stdout.lock();
        if a.json {
            let mut summary = summarize(&game);
            summary.refused_orders = ordos_core::play::report::refusal_lines(&game, &refused);
            let line = serde_json::to_string(&summary).map_err(|e| Failure::fail(e.to_string()))?;
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "{}", report(&game));
            for line in ordos_core::play::report::refusal_lines(&game, &refused) {
                let _ = writeln!(out, "Not carried out: {line}");
            }
        }
        if a.record.is_some() {
            let text = ron::ser::to_string_pretty(&replay, ron::ser::PrettyConfig::default())
                .map_err(|e| Failure::fail(e.to_string()))?;
            files::write_atomic(&records[k as usize], &text).map_err(Failure::fail)?;
        }
        if a.events.is_some() {
            for line in crate::events_json::lines(&game, a.runs > 1) {
                events_out.push_str(&line);
                events_out.push('\n');
            }
        }
    }
    if let Some(p) = &a.events {
        files::write_atomic(p, &events_out).map_err(Failure::fail)?;
    }
    Ok(())
}

fn analyze(a: &AnalyzeArgs) -> Result<(), Failure> {
    let Some(name) = a.scenario.as_deref() else {
        return Err(Failure::usage(
            "`ordos analyze` needs a SCENARIO (an id from `ordos list`, or a path)",
        ));
    };
    let catalog = crate::paths::catalog();
    let setup = find_scenario(&catalog, name)?;
    let kinds = controllers_for(&a.controllers, &setup)?;
    let vs = match &a.vs {
        None => None,
        Some(v) => {
            let (side, c) = v
                .split_once('=')
                .ok_or_else(|| Failure::usage(format!("--vs {v}: expected SIDE=CONTROLLER")))?;
            let i = setup.scenario.side_index(side).ok_or_else(|| {
                let sides: Vec<_> = setup.scenario.sides.iter().map(|s| s.id.as_str()).collect();
                Failure::usage(format!(
                    "--vs {v}: no side `{side}` in this scenario (its sides: {})",
                    sides.join(", ")
                ))
            })?;
            let kind = c
                .parse::<ControllerKind>()
                .map_err(|e| Failure::usage(format!("--vs {v}: {e}")))?;
            Some((i, kind))
        }
    };
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| Path::new("analysis").join(&setup.scenario.id));
    if out.exists() && !out.is_dir() {
        return Err(Failure::fail(format!(
            "--out {}: not a folder",
            out.display()
        )));
    }
    files::check_outputs(&crate::analyze::outputs(&out), a.force).map_err(|e| {
        Failure::fail(format!(
            "{e} (an earlier analysis? give another --out, or --force to replace it)"
        ))
    })?;
    let started = std::time::Instant::now();
    let summary = crate::analyze::summarize(&setup, &kinds, a.seed, a.runs, vs);
    let secs = started.elapsed().as_secs_f64();
    crate::analyze::write(&summary, &out).map_err(Failure::fail)?;
    let an = &summary.analysis;
    let games = a.runs * if summary.vs.is_some() { 2 } else { 1 };
    println!(
        "{}: {} games in {:.1} s ({:.1} a second on {} threads)",
        an.title,
        games,
        secs,
        games as f64 / secs.max(1e-9),
        rayon::current_num_threads()
    );
    for x in &an.sides {
        println!(
            "  {} ({}) wins {:.1}% (95%: {:.1}–{:.1}%)",
            x.name,
            x.controller,
            x.wins.share * 100.0,
            x.wins.low * 100.0,
            x.wins.high * 100.0
        );
    }
    println!("  draws {:.1}%", an.draws.share * 100.0);
    if let Some(v) = &summary.vs {
        println!("  with {} = {}:", v.side, v.controller);
        for (id, d) in &v.win_difference {
            println!(
                "    {id} wins {:+.1} points (95%: {:+.1} to {:+.1})",
                d.difference * 100.0,
                d.low * 100.0,
                d.high * 100.0
            );
        }
    }
    println!("report: {}", out.join("report.md").display());
    Ok(())
}

/// Reads a replay file (a regular file, size-capped).
pub fn read_replay(file: &Path) -> Result<Replay, Failure> {
    let shown = file.display();
    let bytes =
        read_regular(file, MAX_RECORD_BYTES).map_err(|e| Failure::fail(format!("{shown}: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Failure::fail(format!(
            "{shown}:1:1: not a text file (expected a RON replay)"
        ))
    })?;
    ron::from_str(text).map_err(|e| {
        Failure::fail(format!(
            "{shown}:{}:{}: {} (expected a replay written by `ordos sim --record`)",
            e.span.start.line, e.span.start.col, e.code
        ))
    })
}

/// Opens the game's viewer on a replay; a file that is not one is refused here, before any
/// window opens, with the reason.
fn view(a: &ViewArgs) -> ExitCode {
    let replay = match read_replay(&a.file) {
        Ok(r) => r,
        Err(f) => {
            eprintln!("{}", f.message);
            return ExitCode::from(f.code);
        }
    };
    let catalog = crate::paths::catalog();
    let Some(setup) = catalog.get(&replay.scenario).cloned() else {
        eprintln!(
            "{}: no scenario `{}` is installed (see `ordos list`)",
            a.file.display(),
            replay.scenario
        );
        return ExitCode::from(1);
    };
    if let Err(e) = replay.check_record(&setup) {
        eprintln!("{}: {e}", a.file.display());
        return ExitCode::from(1);
    }
    crate::app::run_with(Some(a.file.clone()))
}

fn replay(a: &ReplayArgs) -> Result<(), Failure> {
    let file = a
        .file
        .as_ref()
        .ok_or_else(|| Failure::usage("`ordos replay` needs a FILE"))?;
    if a.json && a.at.is_none() {
        return Err(Failure::usage("--json goes with --at N"));
    }
    if !a.verify && a.at.is_none() {
        return Err(Failure::usage(
            "`ordos replay FILE --verify` checks a replay; `--at N` prints turn N (watch one with `ordos view FILE`)",
        ));
    }
    let replay = read_replay(file)?;
    let catalog = crate::paths::catalog();
    // The scenario the replay names is looked up by id, never opened as a path: a replay
    // someone sends you cannot make the game read any file it likes.
    let setup = match &a.scenario {
        Some(arg) => find_scenario(&catalog, arg)?,
        None => catalog.get(&replay.scenario).cloned().ok_or_else(|| {
            Failure::fail(format!(
                "{}: no scenario `{}` is installed (see `ordos list`, or give --scenario PATH)",
                file.display(),
                replay.scenario
            ))
        })?,
    };
    if let Some(n) = a.at {
        let turns = replay.turns.len();
        if n > turns {
            return Err(Failure::fail(format!(
                "{}: --at {n}, but the replay has {turns} turns",
                file.display()
            )));
        }
        let timeline = ordos_core::play::timeline::Timeline::open(setup.clone(), replay.clone())
            .map_err(|e| Failure::fail(format!("{}: {e}", file.display())))?;
        let g = timeline.at(n);
        let out = if a.json {
            serde_json::to_string(&ordos_core::play::report::situation(&g))
                .map_err(|e| Failure::fail(e.to_string()))?
                + "\n"
        } else {
            ordos_core::play::report::situation_text(&g)
        };
        print!("{out}");
        if !a.verify {
            return Ok(());
        }
    }
    match replay.verify(&setup) {
        Ok(n) => {
            println!(
                "{}: verified, {n} turns identical (scenario {}, seed {})",
                file.display(),
                replay.scenario,
                replay.seed
            );
            Ok(())
        }
        Err(e) => Err(Failure::fail(format!("{}: {e}", file.display()))),
    }
}
