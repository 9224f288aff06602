//! The `ordos` command line: list, validate, sim, replay. Headless: it drives the same rules
//! core as the game.

use ordos_core::Game;
use ordos_core::controller::{Controller, ControllerKind, make};
use ordos_core::replay::Replay;
use ordos_core::scenario::Scenario;
use ordos_core::sim::{play, report, summarize};
use ordos_core::validate::{ScenarioErrors, load_path};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str = "\
ordos — a wargame of the Song–Xia wars (982–1119)

USAGE:
    ordos                         start the game (scenario menu)
    ordos screenshot SCENARIO --out FILE.png [--size WxH]
                                  render the opening view of a scenario to a PNG
    ordos list                    list the scenarios: id, years, title
    ordos validate PATH...        check scenario files; errors as file:line:col: message
    ordos sim SCENARIO [OPTIONS]  play a scenario to the end, headless
    ordos replay FILE --verify    re-simulate a recorded game and check every turn
    ordos help                    this text

SIM OPTIONS:
    --seed N        the seed of the first run (default 1); run k uses N+k
    --runs K        play K games (default 1)
    --song C        controller of the Song side: historical | ai | ai-easy | greedy |
                    idle (default historical)
    --xia C         controller of the Xia side (default historical); --<side> C for any side
    --json          one JSON object per run, one per line
    --record FILE   write the replay (RON); with --runs K, FILE-<seed>.ron for each run
    --events FILE   write every event as JSON Lines
    --force         allow --record/--events to replace existing files

SCENARIO is an id (see `ordos list`) or a path to a .ron file. Scenarios are looked up in
$ORDOS_SCENARIOS, ./scenarios and the scenarios folder the game was built with.
";

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

pub fn run(args: &[String]) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("list") => list(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("sim") => sim(&args[1..]),
        Some("replay") => replay(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("ordos {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(Failure::usage(format!("unknown command `{other}`"))),
        None => Err(Failure::usage("no command")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Folders scenarios are looked up in, first match wins.
pub fn scenario_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("ORDOS_SCENARIOS") {
        dirs.push(PathBuf::from(d));
    }
    dirs.push(PathBuf::from("scenarios"));
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"));
    dirs
}

/// Every scenario file found, by id (the first folder wins for an id).
pub fn scenario_files() -> Vec<(PathBuf, Result<Scenario, ScenarioErrors>)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for dir in scenario_dirs() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        paths.sort();
        for p in paths {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if seen.insert(stem) {
                let loaded = load_path(&p);
                out.push((p, loaded));
            }
        }
    }
    out
}

/// Finds a scenario by id or path.
pub fn find_scenario(arg: &str) -> Result<Scenario, Failure> {
    let as_path = Path::new(arg);
    if as_path.exists() || arg.ends_with(".ron") || arg.contains('/') {
        return load_path(as_path).map_err(|e| Failure::fail(e.to_string()));
    }
    for dir in scenario_dirs() {
        let p = dir.join(format!("{arg}.ron"));
        if p.is_file() {
            return load_path(&p).map_err(|e| Failure::fail(e.to_string()));
        }
    }
    for (_, s) in scenario_files() {
        if let Ok(s) = s
            && s.id == arg
        {
            return Ok(s);
        }
    }
    let known: Vec<String> = scenario_files()
        .into_iter()
        .filter_map(|(_, s)| s.ok().map(|s| s.id))
        .collect();
    Err(Failure::fail(format!(
        "no scenario `{arg}` (known: {})",
        if known.is_empty() {
            "none found".into()
        } else {
            known.join(", ")
        }
    )))
}

fn list(args: &[String]) -> Result<(), Failure> {
    if let Some(a) = args.first() {
        return Err(Failure::usage(format!(
            "`ordos list` takes no arguments, got `{a}`"
        )));
    }
    let mut bad = 0;
    for (path, s) in scenario_files() {
        match s {
            Ok(s) => println!("{:<20} {}–{}  {}", s.id, s.start.year, s.end.year, s.title),
            Err(_) => {
                bad += 1;
                eprintln!(
                    "{}: invalid (run `ordos validate {}`)",
                    path.display(),
                    path.display()
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

fn validate(args: &[String]) -> Result<(), Failure> {
    if args.is_empty() {
        return Err(Failure::usage("`ordos validate` needs at least one PATH"));
    }
    let mut bad = 0;
    for a in args {
        match load_path(Path::new(a)) {
            Ok(s) => println!("{a}: ok ({})", s.id),
            Err(errors) => {
                bad += 1;
                for e in errors.0 {
                    println!("{e}");
                }
            }
        }
    }
    if bad > 0 {
        Err(Failure::fail(format!(
            "{bad} of {} file(s) invalid",
            args.len()
        )))
    } else {
        Ok(())
    }
}

struct SimArgs {
    scenario: String,
    seed: u64,
    runs: u64,
    controllers: Vec<(String, ControllerKind)>,
    json: bool,
    record: Option<PathBuf>,
    events: Option<PathBuf>,
    force: bool,
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, Failure> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| Failure::usage(format!("{flag} needs a value")))
}

fn parse_sim(args: &[String]) -> Result<SimArgs, Failure> {
    let mut s = SimArgs {
        scenario: String::new(),
        seed: 1,
        runs: 1,
        controllers: Vec::new(),
        json: false,
        record: None,
        events: None,
        force: false,
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--seed" => {
                s.seed = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| Failure::usage("--seed needs a whole number ≥ 0"))?
            }
            "--runs" => {
                s.runs = value(args, &mut i, a)?
                    .parse()
                    .map_err(|_| Failure::usage("--runs needs a whole number ≥ 1"))?;
                if s.runs == 0 || s.runs > 100_000 {
                    return Err(Failure::usage("--runs must be 1 to 100000"));
                }
            }
            "--json" => s.json = true,
            "--force" => s.force = true,
            "--record" => s.record = Some(PathBuf::from(value(args, &mut i, a)?)),
            "--events" => s.events = Some(PathBuf::from(value(args, &mut i, a)?)),
            flag if flag.starts_with("--") => {
                let side = flag.trim_start_matches("--").to_string();
                let kind = value(args, &mut i, flag)?
                    .parse::<ControllerKind>()
                    .map_err(|e| Failure::usage(format!("{flag}: {e}")))?;
                s.controllers.push((side, kind));
            }
            other if s.scenario.is_empty() => s.scenario = other.to_string(),
            other => return Err(Failure::usage(format!("unexpected argument `{other}`"))),
        }
        i += 1;
    }
    if s.scenario.is_empty() {
        return Err(Failure::usage(
            "`ordos sim` needs a SCENARIO (an id from `ordos list`, or a path)",
        ));
    }
    Ok(s)
}

/// Refuses to replace a file the user has, unless told to.
fn check_writable(path: &Path, force: bool) -> Result<(), Failure> {
    if path.is_dir() {
        return Err(Failure::fail(format!("{}: is a directory", path.display())));
    }
    if path.exists() && !force {
        return Err(Failure::fail(format!(
            "{}: already exists; not overwriting it (use --force to replace it)",
            path.display()
        )));
    }
    Ok(())
}

/// Writes through a temporary file and a rename, so a failed write leaves nothing half-done.
fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    let tmp = path.with_extension("ordos-tmp");
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Failure::fail(format!("{}: cannot write: {e}", path.display()))
        })
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

fn sim(args: &[String]) -> Result<(), Failure> {
    let a = parse_sim(args)?;
    let scenario = find_scenario(&a.scenario)?;
    for (side, _) in &a.controllers {
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
    let records: Vec<PathBuf> = a
        .record
        .iter()
        .flat_map(|r| (0..a.runs).map(|k| record_path(r, a.seed + k, a.runs)))
        .collect();
    for p in records.iter().chain(a.events.iter()) {
        check_writable(p, a.force)?;
    }
    let mut events_out = String::new();
    let stdout = std::io::stdout();
    for k in 0..a.runs {
        let seed = a.seed.wrapping_add(k);
        let mut game = Game::new(scenario.clone(), seed);
        let mut controllers: Vec<Box<dyn Controller>> = scenario
            .sides
            .iter()
            .map(|s| {
                make(
                    a.controllers
                        .iter()
                        .rev()
                        .find(|(id, _)| *id == s.id)
                        .map_or(ControllerKind::Historical, |c| c.1),
                )
            })
            .collect();
        let replay = play(&mut game, &mut controllers);
        let mut out = stdout.lock();
        if a.json {
            let line = serde_json::to_string(&summarize(&game))
                .map_err(|e| Failure::fail(e.to_string()))?;
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "{}", report(&game));
        }
        if a.record.is_some() {
            let text = ron::ser::to_string_pretty(&replay, ron::ser::PrettyConfig::default())
                .map_err(|e| Failure::fail(e.to_string()))?;
            write_file(&records[k as usize], &text)?;
        }
        if a.events.is_some() {
            for line in crate::events_json::lines(&game, a.runs > 1) {
                events_out.push_str(&line);
                events_out.push('\n');
            }
        }
    }
    if let Some(p) = &a.events {
        write_file(p, &events_out)?;
    }
    Ok(())
}

fn replay(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut verify = false;
    let mut scenario_arg = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--verify" => verify = true,
            "--scenario" => scenario_arg = Some(value(args, &mut i, "--scenario")?.to_string()),
            other if file.is_none() && !other.starts_with("--") => file = Some(other.to_string()),
            other => return Err(Failure::usage(format!("unexpected argument `{other}`"))),
        }
        i += 1;
    }
    let file = file.ok_or_else(|| Failure::usage("`ordos replay` needs a FILE"))?;
    if !verify {
        return Err(Failure::usage(
            "`ordos replay FILE --verify` is the only mode so far (watching a replay is in the game)",
        ));
    }
    let bytes =
        std::fs::read(&file).map_err(|e| Failure::fail(format!("{file}: cannot be read: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Failure::fail(format!(
            "{file}:1:1: not a text file (expected a RON replay)"
        ))
    })?;
    let replay: Replay = ron::from_str(text).map_err(|e| {
        Failure::fail(format!(
            "{file}:{}:{}: {} (expected a replay written by `ordos sim --record`)",
            e.span.start.line, e.span.start.col, e.code
        ))
    })?;
    let scenario = find_scenario(scenario_arg.as_deref().unwrap_or(&replay.scenario))?;
    match replay.verify(&scenario) {
        Ok(n) => {
            println!(
                "{file}: verified, {n} turns identical (scenario {}, seed {})",
                replay.scenario, replay.seed
            );
            Ok(())
        }
        Err(e) => Err(Failure::fail(format!("{file}: {e}"))),
    }
}
