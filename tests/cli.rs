//! The `ordos` command line, driven as a user would. Headless: no window, no GPU.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ordos(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ordos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("ordos runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ordos-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn list_shows_id_years_and_title() {
    let o = ordos(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&o)
        .lines()
        .find(|l| l.starts_with("haoshuichuan-1041"))
        .map(str::to_string)
        .expect("listed");
    assert!(
        line.contains("1041") && line.contains("Haoshuichuan"),
        "{line}"
    );
}

#[test]
fn validate_accepts_the_shipped_scenarios() {
    let files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .filter(|p| p.ends_with(".ron"))
            .collect();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = ordos(&args);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn validate_locates_every_error_in_the_broken_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let p = path.display().to_string();
        let o = ordos(&["validate", &p]);
        assert_eq!(o.status.code(), Some(1), "{p}");
        let out = stdout(&o);
        let first = out.lines().next().unwrap_or_default();
        let rest = first
            .strip_prefix(&format!("{p}:"))
            .unwrap_or_else(|| panic!("{p}: `{first}`"));
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{first}"));
        let col: usize = parts
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{first}"));
        assert!(
            line >= 1 && col >= 1 && !parts.next().unwrap().trim().is_empty(),
            "{first}"
        );
    }
}

#[test]
fn validate_gives_clear_errors_for_missing_directory_empty_and_binary_input() {
    let dir = scratch("bad-input");
    let empty = dir.join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    let junk = dir.join("junk.ron");
    std::fs::write(&junk, [0x7f, b'E', b'L', b'F', 0, 0, 0xff, 0x10]).unwrap();
    for (path, words) in [
        (dir.join("missing.ron"), "no such file"),
        (dir.clone(), "is a directory"),
        (empty, "the file is empty"),
        (junk, "not a text file"),
    ] {
        let o = ordos(&["validate", &path.display().to_string()]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stdout(&o).contains(words),
            "{}: {}",
            path.display(),
            stdout(&o)
        );
    }
}

#[test]
fn sim_json_has_the_contracted_fields_and_is_repeatable() {
    let a = ordos(&["sim", "haoshuichuan-1041", "--seed", "7", "--json"]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = ordos(&["sim", "haoshuichuan-1041", "--seed", "7", "--json"]);
    assert_eq!(stdout(&a), stdout(&b), "same seed, same output");
    let out = stdout(&a);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    for key in [
        "scenario",
        "seed",
        "turns",
        "end_date",
        "winner",
        "sides",
        "places",
        "armies",
        "state_hash",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["scenario"], "haoshuichuan-1041");
    assert_eq!(v["seed"], 7);
    let song = &v["sides"]["song"];
    for key in [
        "killed", "wounded", "captured", "hunger", "thirst", "cold", "disease", "drowned",
        "deserted",
    ] {
        assert!(song["losses"][key].is_u64(), "losses.{key}");
    }
    let lost: u64 = song["losses"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_u64().unwrap())
        .sum();
    assert_eq!(
        song["men_start"].as_u64().unwrap(),
        song["men_end"].as_u64().unwrap() + lost,
        "men conserved"
    );
    let army = &v["armies"][0];
    for key in ["id", "side", "men_start", "men_end", "state"] {
        assert!(army.get(key).is_some(), "armies[].{key}");
    }
    assert!(["song", "xia", "draw"].contains(&v["winner"].as_str().unwrap()));
}

#[test]
fn sim_runs_several_seeds_and_takes_controllers() {
    let o = ordos(&[
        "sim",
        "haoshuichuan-1041",
        "--seed",
        "3",
        "--runs",
        "3",
        "--song",
        "idle",
        "--xia",
        "historical",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let seeds: Vec<u64> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seed"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(seeds, vec![3, 4, 5]);
    for id in ["haoshuichuan-1041", "yongle-1082", "lanzhou-1084"] {
        let o = ordos(&[
            "sim", id, "--song", "ai", "--xia", "ai-easy", "--runs", "2", "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 2);
    }
    let bad = ordos(&["sim", "haoshuichuan-1041", "--song", "clever"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("ai-easy"), "{}", stderr(&bad));
    let text = ordos(&["sim", "haoshuichuan-1041", "--seed", "7"]);
    assert!(stdout(&text).contains("Winner:"), "{}", stdout(&text));
}

#[test]
fn record_then_replay_verifies_and_a_tampered_replay_names_the_turn() {
    let dir = scratch("replay");
    let file = dir.join("game.ron");
    let f = file.display().to_string();
    let o = ordos(&["sim", "haoshuichuan-1041", "--seed", "7", "--record", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ok = ordos(&["replay", &f, "--verify"]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("verified"));
    // Tamper with the recorded hash of turn 4.
    let text = std::fs::read_to_string(&file).unwrap();
    let marker = "turn: 4,";
    let at = text.find(marker).expect("turn 4 recorded");
    let hash_at = at + text[at..].find("hash: \"").unwrap() + 7;
    let mut bad = text.clone();
    bad.replace_range(hash_at..hash_at + 16, "0123456789abcdef");
    let tampered = dir.join("tampered.ron");
    std::fs::write(&tampered, bad).unwrap();
    let o = ordos(&["replay", &tampered.display().to_string(), "--verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("turn 4"), "{}", stderr(&o));
    // The recording is never overwritten by accident.
    let again = ordos(&["sim", "haoshuichuan-1041", "--seed", "8", "--record", &f]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn events_are_written_as_json_lines() {
    let dir = scratch("events");
    let file = dir.join("events.jsonl");
    let o = ordos(&[
        "sim",
        "haoshuichuan-1041",
        "--seed",
        "7",
        "--events",
        &file.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["turn"].is_u64() && v["date"].is_string(), "{line}");
        kinds.insert(v["kind"].as_str().unwrap().to_string());
    }
    for k in ["turn-began", "moved", "battle", "provisioned", "game-over"] {
        assert!(kinds.contains(k), "no {k} event");
    }
    assert!(text.contains("\"army\":\"ren-fu\""), "armies are named");
}

#[test]
fn wrong_arguments_get_a_clear_message_and_a_usage_exit_code() {
    for (args, words) in [
        (vec!["frobnicate"], "unknown command"),
        (vec!["sim"], "needs a SCENARIO"),
        (vec!["sim", "haoshuichuan-1041", "--seed", "x"], "--seed"),
        (vec!["sim", "haoshuichuan-1041", "--runs", "0"], "--runs"),
        (
            vec!["sim", "haoshuichuan-1041", "--song", "genius"],
            "unknown controller",
        ),
        (
            vec!["sim", "haoshuichuan-1041", "--liao", "idle"],
            "--song, --xia",
        ),
        (vec!["validate"], "at least one PATH"),
        (vec!["replay", "x.ron"], "--verify"),
    ] {
        let o = ordos(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
    }
    let o = ordos(&["sim", "no-such-battle"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no scenario `no-such-battle`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn replay_at_prints_the_situation_after_a_turn_with_its_recorded_hash() {
    let dir = scratch("at");
    let file = dir.join("game.ron");
    let f = file.display().to_string();
    let o = ordos(&["sim", "haoshuichuan-1041", "--seed", "7", "--record", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    // The hash the record gives for turn 3.
    let at = text.find("turn: 3,").expect("turn 3 recorded");
    let h = at + text[at..].find("hash: \"").unwrap() + 7;
    let recorded = &text[h..h + 16];

    let o = ordos(&["replay", &f, "--at", "3", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["turn"], 3);
    assert_eq!(v["scenario"], "haoshuichuan-1041");
    assert_eq!(v["state_hash"], recorded);
    let armies = v["armies"].as_array().unwrap();
    assert!(armies.iter().any(|a| a["id"] == "ren-fu"), "{v}");
    assert!(
        armies
            .iter()
            .all(|a| a["men"].as_u64().unwrap() <= a["men_start"].as_u64().unwrap())
    );
    assert!(
        v["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["owner"] == "song")
    );

    let o = ordos(&["replay", &f, "--at", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("after 0 turns"), "{out}");
    assert!(
        out.contains("Places:") && out.contains("state hash"),
        "{out}"
    );

    // Past the end, and --json alone, are refused with the reason.
    let o = ordos(&["replay", &f, "--at", "100000"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--at 100000") && stderr(&o).contains("turns"),
        "{}",
        stderr(&o)
    );
    let o = ordos(&["replay", &f, "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--json goes with --at"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn view_refuses_what_is_not_a_replay_before_opening_a_window() {
    // No display is needed: each of these is refused before the window would open.
    let o = ordos(&["view", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no/such/file.ron"), "{}", stderr(&o));
    // A scenario is not a replay, whether given to `view` or opened as `ordos FILE.ron`.
    for args in [
        vec!["view", "scenarios/haoshuichuan-1041.ron"],
        vec!["scenarios/haoshuichuan-1041.ron"],
    ] {
        let o = ordos(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("haoshuichuan-1041.ron"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // A replay of a scenario that is not installed names the scenario.
    let dir = scratch("view");
    let file = dir.join("game.ron");
    let f = file.display().to_string();
    let o = ordos(&["sim", "haoshuichuan-1041", "--seed", "7", "--record", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "\"haoshuichuan-1041\"",
        "\"no-such-battle\"",
        1,
    );
    let other = dir.join("other.ron");
    std::fs::write(&other, text).unwrap();
    let o = ordos(&["view", &other.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no-such-battle"), "{}", stderr(&o));
}

fn summary(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("summary.json")).expect("summary.json written");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn analyze_writes_consistent_statistics_charts_and_a_report() {
    let dir = scratch("analyze");
    let out = dir.join("small");
    let o = ordos(&[
        "analyze",
        "tests/fixtures/small.ron",
        "--runs",
        "20",
        "--seed",
        "5",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("20 games"), "{}", stdout(&o));
    let v = summary(&out);
    assert_eq!(v["runs"], 20);
    assert_eq!(v["first_seed"], 5);
    let seeds: Vec<u64> = v["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g[0].as_u64().unwrap())
        .collect();
    assert_eq!(seeds, (5..25).collect::<Vec<u64>>());
    // Wins and draws account for every game, and each interval holds its share.
    let sides = v["sides"].as_array().unwrap();
    let mut total = v["draws"]["count"].as_u64().unwrap();
    for s in sides.iter().map(|s| &s["wins"]).chain([&v["draws"]]) {
        let (p, lo, hi) = (
            s["share"].as_f64().unwrap(),
            s["low"].as_f64().unwrap(),
            s["high"].as_f64().unwrap(),
        );
        assert!(
            lo <= p && p <= hi && (0.0..=1.0).contains(&lo) && hi <= 1.0,
            "{s}"
        );
    }
    for s in sides {
        total += s["wins"]["count"].as_u64().unwrap();
        assert_eq!(s["controller"], "historical");
        for b in s["men_by_turn"].as_array().unwrap() {
            assert!(b["p10"].as_u64() <= b["median"].as_u64(), "{b}");
            assert!(b["median"].as_u64() <= b["p90"].as_u64(), "{b}");
        }
    }
    assert_eq!(total, 20);
    let reasons: u64 = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["share"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(reasons, 20);
    let ends: u64 = v["end_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[1].as_u64().unwrap())
        .sum();
    assert_eq!(ends, 20);
    // Every place's owner shares add up to one, every turn.
    for p in v["places"].as_array().unwrap() {
        for t in p["held_by"].as_array().unwrap() {
            let sum: f64 = t
                .as_object()
                .unwrap()
                .values()
                .map(|x| x.as_f64().unwrap())
                .sum();
            assert!((sum - 1.0).abs() < 1e-9, "{p}");
        }
    }
    for chart in ["winners", "men", "losses", "places", "end-dates"] {
        let png = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}.png");
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{chart}.svg");
    }
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("![who wins](winners.png)") && report.contains("| draw |"));

    // A second analysis into the same folder is refused, and the first is kept.
    let before = std::fs::read_to_string(out.join("summary.json")).unwrap();
    let again = ordos(&[
        "analyze",
        "tests/fixtures/small.ron",
        "--runs",
        "3",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("summary.json")).unwrap(),
        before
    );
}

#[test]
fn analyze_plays_the_same_games_as_sim() {
    let dir = scratch("analyze-sim");
    let out = dir.join("h");
    let common = [
        "haoshuichuan-1041",
        "--runs",
        "6",
        "--seed",
        "3",
        "--xia",
        "greedy",
    ];
    let mut args = vec!["analyze"];
    args.extend(common);
    let o_dir = out.display().to_string();
    args.extend(["--out", &o_dir]);
    let o = ordos(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut sim = vec!["sim"];
    sim.extend(common);
    sim.push("--json");
    let s = ordos(&sim);
    assert!(s.status.success(), "{}", stderr(&s));
    let from_sim: Vec<(u64, String)> = stdout(&s)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["seed"].as_u64().unwrap(),
                v["state_hash"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let v = summary(&out);
    let from_analyze: Vec<(u64, String)> = v["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g[0].as_u64().unwrap(), g[1].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(from_sim.len(), 6);
    assert_eq!(from_analyze, from_sim);
    assert_eq!(v["sides"][1]["controller"], "greedy");
}

#[test]
fn analyze_vs_plays_the_same_seeds_with_one_side_changed() {
    let dir = scratch("analyze-vs");
    let out = dir.join("vs");
    let o = ordos(&[
        "analyze",
        "tests/fixtures/small.ron",
        "--runs",
        "8",
        "--vs",
        "xia=idle",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = summary(&out);
    assert_eq!(v["vs"]["side"], "xia");
    assert_eq!(v["vs"]["controller"], "idle");
    assert_eq!(v["vs"]["analysis"]["sides"][1]["controller"], "idle");
    let seeds = |x: &serde_json::Value| -> Vec<u64> {
        x["games"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g[0].as_u64().unwrap())
            .collect()
    };
    assert_eq!(seeds(&v), seeds(&v["vs"]["analysis"]));
    for (i, d) in v["vs"]["win_difference"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let before = v["sides"][i]["wins"]["share"].as_f64().unwrap();
        let after = v["vs"]["analysis"]["sides"][i]["wins"]["share"]
            .as_f64()
            .unwrap();
        let diff = d[1]["difference"].as_f64().unwrap();
        assert!((diff - (after - before)).abs() < 1e-9, "{d}");
        assert!(d[1]["low"].as_f64().unwrap() <= diff && diff <= d[1]["high"].as_f64().unwrap());
    }
    for (args, words) in [
        (
            vec!["analyze", "tests/fixtures/small.ron", "--vs", "xia"],
            "SIDE=CONTROLLER",
        ),
        (
            vec!["analyze", "tests/fixtures/small.ron", "--vs", "liao=ai"],
            "no side `liao`",
        ),
        (
            vec!["analyze", "tests/fixtures/small.ron", "--vs", "xia=genius"],
            "--vs",
        ),
        (vec!["analyze"], "needs a SCENARIO"),
    ] {
        let o = ordos(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn output_into_a_pipe_closed_early_ends_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ordos"))
        .args(["map", "five-armies-1081", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the output comes (as `head -c 600` does once it has its
    // bytes): loading the scenario takes far longer than this, so the writes meet a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

/// Waits for a command at most `secs`, killing it if it is still running (a read that blocks
/// on a FIFO would never end).
fn ordos_within(args: &[&str], secs: u64) -> Option<Output> {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ordos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(secs) {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(unix)]
#[test]
fn a_fifo_given_as_a_scenario_or_a_replay_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let f = fifo.display().to_string();
    for args in [
        vec!["validate", f.as_str()],
        vec!["sim", f.as_str()],
        vec!["replay", f.as_str(), "--verify"],
        vec!["view", f.as_str()],
    ] {
        let o = ordos_within(&args, 20).unwrap_or_else(|| panic!("{args:?} blocked on the FIFO"));
        // validate reports on stdout (file:line:col: message), the others on stderr.
        let said = stdout(&o) + &stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {said}");
        assert!(said.contains("pipe.ron"), "{args:?}: {said}");
    }
}

#[test]
fn outputs_that_would_overwrite_each_other_are_refused_before_anything_is_written() {
    let dir = scratch("same-out");
    let file = dir.join("out.ron");
    let f = file.display().to_string();
    // One file for both the replay and the events.
    let o = ordos(&["sim", "haoshuichuan-1041", "--record", &f, "--events", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("same file"), "{}", stderr(&o));
    assert!(!file.exists(), "nothing written");
    // With --runs, run 8's replay is out-8.ron: an events file of that name is refused.
    let base = dir.join("run.ron").display().to_string();
    let clash = dir.join("run-8.ron").display().to_string();
    let o = ordos(&[
        "sim",
        "haoshuichuan-1041",
        "--seed",
        "7",
        "--runs",
        "2",
        "--record",
        &base,
        "--events",
        &clash,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("same file"), "{}", stderr(&o));
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing written"
    );
}
