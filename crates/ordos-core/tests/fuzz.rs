//! A fuzzing harness over everything a user can hand the game: scenario bytes, replay bytes,
//! save bytes, and scenarios with extreme values in every numeric field. Each input must be
//! refused with a located error or accepted; an accepted scenario is played a few turns with
//! its invariants checked (men conserved by cause), an accepted replay or save verified. No
//! input may panic — run it in a profile with overflow checks on, and an overflow is a panic
//! too — and no input may take long (the slowest is reported).
//!
//! `cargo test -p ordos-core --test fuzz` runs a short pass (a few thousand inputs) with the
//! other tests. The long run:
//!
//! ```sh
//! ORDOS_FUZZ_INPUTS=10000000 cargo test -p ordos-core --profile fuzz --test fuzz -- --ignored --nocapture
//! ```
//!
//! (`--profile fuzz` is the release build with overflow checks and debug assertions on.)
//! Inputs are drawn from a seeded ChaCha stream (`ORDOS_FUZZ_SEED`, default 1), split over
//! the machine's cores; a failing input is written to `target/fuzz-failures/`.

use ordos_core::Game;
use ordos_core::load::{load_bytes, load_str};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::{Replay, SavedGame};
use ordos_core::play::sim::play;
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files mutations start from: every shipped scenario, the fixtures, the broken corpus.
fn scenario_seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["scenarios", "tests/fixtures", "tests/broken"] {
        let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        paths.sort();
        for p in paths {
            out.push(std::fs::read(p).unwrap());
        }
    }
    out
}

/// Values a hostile file puts in numeric fields.
const NASTY: &[&str] = &[
    "0",
    "1",
    "-1",
    "255",
    "256",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "99999999999999999999",
    "1e308",
    "-0",
    "NaN",
    "inf",
    "0.5",
    "100",
    "101",
    "1000000",
    "1000001",
    "3650",
    "3651",
];

/// One mutation of `data`.
fn mutate(rng: &mut ChaCha8Rng, data: &mut Vec<u8>, others: &[Vec<u8>]) {
    let n = data.len().max(1);
    match rng.next_u32() % 9 {
        0 => {
            let i = rng.next_u32() as usize % n;
            if let Some(b) = data.get_mut(i) {
                *b ^= 1 << (rng.next_u32() % 8);
            }
        }
        1 => {
            let i = rng.next_u32() as usize % n;
            if i < data.len() {
                data.remove(i);
            }
        }
        2 => {
            let i = rng.next_u32() as usize % (data.len() + 1);
            data.insert(
                i,
                b"(),:[]\"'0123456789-_ax\n{}/*"[rng.next_u32() as usize % 27],
            );
        }
        3 => {
            // A number replaced by a hostile one.
            let digits: Vec<usize> = (0..data.len())
                .filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit()))
                .collect();
            if let Some(&at) = digits.get(rng.next_u32() as usize % digits.len().max(1)) {
                let end = (at..data.len())
                    .find(|&j| !data[j].is_ascii_digit())
                    .unwrap_or(data.len());
                let v = NASTY[rng.next_u32() as usize % NASTY.len()];
                data.splice(at..end, v.bytes());
            }
        }
        4 => {
            // A slice duplicated (a list that grows).
            let a = rng.next_u32() as usize % n;
            let len = (rng.next_u32() as usize % 400).min(data.len().saturating_sub(a));
            let chunk: Vec<u8> = data[a.min(data.len())..a.min(data.len()) + len].to_vec();
            let at = rng.next_u32() as usize % (data.len() + 1);
            data.splice(at..at, chunk);
        }
        5 => {
            // Spliced with another file.
            let o = &others[rng.next_u32() as usize % others.len()];
            let cut = rng.next_u32() as usize % (data.len() + 1);
            let from = rng.next_u32() as usize % (o.len() + 1);
            data.truncate(cut);
            data.extend_from_slice(&o[from..]);
        }
        6 => {
            let i = rng.next_u32() as usize % n;
            data.truncate(i);
        }
        7 => {
            let i = rng.next_u32() as usize % n;
            if i < data.len() {
                data[i] = rng.next_u32() as u8;
            }
        }
        _ => {
            // A word swapped for a keyword the format knows.
            let words: &[&[u8]] = &[
                b"Hidden",
                b"Marching",
                b"Full",
                b"Days(999999)",
                b"None",
                b"Some(\"x\")",
                b"true",
                b"false",
                b"Snow",
                b"WalledCity",
                b"\"none\"",
                b"\"song\"",
            ];
            let w = words[rng.next_u32() as usize % words.len()];
            let at = rng.next_u32() as usize % (data.len() + 1);
            data.splice(at..at, w.iter().copied());
        }
    }
}

/// What one input came to.
#[derive(Default)]
struct Tally {
    inputs: u64,
    accepted: u64,
    played_turns: u64,
    slowest: Duration,
}

/// Plays an accepted scenario a few turns with random-but-legal-looking controllers and
/// checks that men are conserved.
fn play_a_little(setup: &Arc<ordos_core::Setup>, seed: u64, tally: &mut Tally) {
    let mut g = Game::new(setup.clone(), seed);
    let kinds = [ControllerKind::Historical, ControllerKind::Greedy];
    let mut c: Vec<_> = setup
        .scenario
        .sides
        .iter()
        .enumerate()
        .map(|(i, _)| make(kinds[(i + seed as usize) % 2]))
        .collect();
    let mut record = Replay::new(setup, seed);
    for _ in 0..3 {
        if g.is_over() {
            break;
        }
        ordos_core::play::sim::play_turn(&mut g, &mut c, &mut record);
        tally.played_turns += 1;
    }
    for a in &g.state().armies {
        assert_eq!(
            a.men_start,
            a.men.total() + a.losses.total(),
            "men conserved"
        );
    }
    // The record verifies as a partial replay, and a complete one must not claim to.
    record.seal(g.is_over());
    assert_eq!(record.verify(setup), Ok(record.turns.len()));
}

/// The base replay and save the byte mutations start from: a finished game of a small
/// scenario (so that verifying a mutant costs little).
fn records() -> (Arc<ordos_core::Setup>, Vec<u8>, Vec<u8>) {
    let setup = ordos_core::load::load_path(&root().join("tests/fixtures/small.ron")).unwrap();
    let mut g = Game::new(setup.clone(), 3);
    let mut c = vec![
        make(ControllerKind::Historical),
        make(ControllerKind::Greedy),
    ];
    let replay = play(&mut g, &mut c);
    let saved = SavedGame {
        replay: replay.clone(),
        pending: Vec::new(),
        acting: 0,
        control: vec!["human".into(), "ai".into()],
        snapshot: Some(g.snapshot()),
    };
    let replay_text = ron::ser::to_string_pretty(&replay, Default::default()).unwrap();
    let save_text = ron::ser::to_string_pretty(&saved, Default::default()).unwrap();
    (setup, replay_text.into_bytes(), save_text.into_bytes())
}

/// One input of each kind in turn, from the stream.
fn one(
    rng: &mut ChaCha8Rng,
    k: u64,
    seeds: &[Vec<u8>],
    base: &(Arc<ordos_core::Setup>, Vec<u8>, Vec<u8>),
    tally: &mut Tally,
) -> Result<(), (String, Vec<u8>)> {
    let start = Instant::now();
    let kind = k % 10;
    let (label, bytes) = match kind {
        // Scenarios: most inputs.
        0..=6 => {
            let mut data = seeds[rng.next_u32() as usize % seeds.len()].clone();
            for _ in 0..1 + rng.next_u32() % 4 {
                mutate(rng, &mut data, seeds);
            }
            ("scenario", data)
        }
        7 => {
            let mut data = base.1.clone();
            for _ in 0..1 + rng.next_u32() % 3 {
                mutate(rng, &mut data, std::slice::from_ref(&base.1));
            }
            ("replay", data)
        }
        8 => {
            let mut data = base.2.clone();
            for _ in 0..1 + rng.next_u32() % 3 {
                mutate(rng, &mut data, std::slice::from_ref(&base.2));
            }
            ("save", data)
        }
        _ => ("extreme", extreme_scenario(rng).into_bytes()),
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut t = Tally::default();
        match label {
            "scenario" | "extreme" => {
                if let Ok(setup) = load_bytes("fuzz.ron", &bytes) {
                    t.accepted += 1;
                    // Big generated maps cost milliseconds to build; play only small ones.
                    if setup.map.len() <= 5_000 && setup.scenario.armies.len() <= 64 {
                        play_a_little(&setup, k, &mut t);
                    }
                } else if label == "extreme" {
                    // The extreme scenarios are valid by construction.
                    let e = load_str("fuzz.ron", std::str::from_utf8(&bytes).unwrap())
                        .err()
                        .unwrap();
                    panic!("an extreme but valid scenario was refused: {e}");
                }
            }
            "replay" => {
                if let Ok(text) = std::str::from_utf8(&bytes)
                    && let Ok(r) = ron::from_str::<Replay>(text)
                {
                    t.accepted += 1;
                    let _ = r.verify(&base.0);
                }
            }
            _ => {
                if let Ok(text) = std::str::from_utf8(&bytes)
                    && let Ok(s) = ron::from_str::<SavedGame>(text)
                {
                    t.accepted += 1;
                    let _ = s.load(&base.0, |_| {});
                }
            }
        }
        t
    }));
    match run {
        Ok(t) => {
            tally.accepted += t.accepted;
            tally.played_turns += t.played_turns;
        }
        Err(p) => {
            let why = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err((format!("{label}: {why}"), bytes));
        }
    }
    tally.inputs += 1;
    tally.slowest = tally.slowest.max(start.elapsed());
    Ok(())
}

/// A valid scenario with every number drawn from the edges of its range.
fn extreme_scenario(rng: &mut ChaCha8Rng) -> String {
    use ordos_core::load::validate::limits::*;
    let mut pick = |choices: &[u64]| choices[rng.next_u32() as usize % choices.len()];
    let men = |p: &mut dyn FnMut(&[u64]) -> u64| p(&[0, 1, 250_000, u64::from(MAX_MEN) / 4]);
    let mut armies = String::new();
    let count = pick(&[1, 2, 5, 20]);
    for i in 0..count {
        let side = if i % 2 == 0 { "song" } else { "xia" };
        let (foot, cross, light, heavy) = (
            men(&mut pick),
            men(&mut pick),
            men(&mut pick),
            men(&mut pick),
        );
        let foot = if foot + cross + light + heavy == 0 {
            1
        } else {
            foot
        };
        armies += &format!(
            r#"(id: "a{i}", name: "a", side: "{side}", commander: "c", hex: ({}, {}),
                men: (foot: {foot}, crossbow: {cross}, light_horse: {light}, heavy_horse: {heavy}),
                porters: {}, animals: (camels: {}, horses: 0, donkeys: 0),
                rations: Days({}), pack_days: Some({}), morale: {}, fatigue: {}, siege_engines: {},
                state: {}),"#,
            [0, 1, 2, 3, 5, 6][i as usize % 6],
            if side == "song" { 0 } else { 5 },
            pick(&[0, 1, u64::from(MAX_PORTERS) / 20]),
            pick(&[0, 1, MAX_ANIMALS / 20]),
            pick(&[0, 1, u64::from(MAX_RATION_DAYS)]),
            pick(&[0, 1, u64::from(MAX_PACK_DAYS)]),
            pick(&[0, 1, 100]),
            pick(&[0, 100]),
            pick(&[0, u64::from(MAX_SIEGE_ENGINES)]),
            ["Marching", "Encamped", "Fortified"][pick(&[0, 1, 2]) as usize],
        );
    }
    let (stores, levy, cistern, walls) = (
        pick(&[0, 1, MAX_STORES_SHENG]),
        pick(&[0, 1, u64::from(MAX_LEVY)]),
        pick(&[0, 1, MAX_DAYS as u64]),
        pick(&[0, 1, 2, 3]),
    );
    let (turn_days, points) = (pick(&[1, 7, 30]), pick(&[0, 1, u64::from(MAX_POINTS)]));
    let year = pick(&[1, 1081, 9989]);
    format!(
        r#"Scenario(id: "x", title: "X", start: "{year:04}-01-01", end: "{year:04}-12-31", turn_days: {turn_days}, briefing: "",
    sides: [(id: "song", name: "Song"), (id: "xia", name: "Xia")], wars: [("song", "xia")], turn_order: ["song", "xia"],
    map: (hex_m: 5000, legend: {{'l': "loess-hills", 'v': "river-valley", 'Y': "yellow-river", 'f': "forest"}},
        rows: ["llvvYfl", "llvvYfl", "llvvYfl", "llvvYfl", "llvvYfl", "llvvYfl"], fords: [(4, 2)]),
    places: [(id: "p", name: "P", kind: Fort, hex: (1, 1), owner: "song", walls: {walls}, stores_sheng: {stores},
              water: false, cistern_days: {cistern}, levy_men: {levy}),
             (id: "q", name: "Q", kind: Fort, hex: (6, 4), owner: "xia", walls: {walls}, stores_sheng: {stores},
              water: true, levy_men: {levy})],
    armies: [{armies}],
    victory: [(side: "song", condition: Take(place: "q", by: None), points: {points}, decisive: true),
              (side: "xia", condition: Inflict(men: {MAX_INFLICT}), points: {points})])"#
    )
}

fn run(inputs: u64, seed: u64) -> Tally {
    let seeds = scenario_seeds();
    let base = records();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let per = inputs.div_ceil(threads);
    let results: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (seeds, base) = (&seeds, &base);
                s.spawn(move || {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (t << 32));
                    let mut tally = Tally::default();
                    for k in 0..per {
                        if let Err((why, bytes)) = one(&mut rng, k, seeds, base, &mut tally) {
                            let dir = root().join("target/fuzz-failures");
                            let _ = std::fs::create_dir_all(&dir);
                            let file = dir.join(format!("{seed}-{t}-{k}.ron"));
                            let _ = std::fs::write(&file, &bytes);
                            panic!(
                                "input {k} of thread {t} failed: {why} (saved to {})",
                                file.display()
                            );
                        }
                        if t == 0 && k > 0 && k % 100_000 == 0 {
                            eprintln!("… {} inputs", k * threads);
                        }
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut total = Tally::default();
    for t in results {
        total.inputs += t.inputs;
        total.accepted += t.accepted;
        total.played_turns += t.played_turns;
        total.slowest = total.slowest.max(t.slowest);
    }
    total
}

fn report(t: &Tally, secs: f64) {
    eprintln!(
        "fuzz: {} inputs in {secs:.0} s, {} accepted, {} turns played; no panic; slowest input {:.1} ms",
        t.inputs,
        t.accepted,
        t.played_turns,
        t.slowest.as_secs_f64() * 1000.0
    );
}

#[test]
fn a_short_fuzz_pass_finds_no_panic() {
    let start = Instant::now();
    let t = run(3_000, 11);
    report(&t, start.elapsed().as_secs_f64());
    assert!(
        t.accepted > 100,
        "the mutations reach the rules ({} accepted)",
        t.accepted
    );
}

#[test]
#[ignore = "the long run: ORDOS_FUZZ_INPUTS=10000000 --profile fuzz"]
fn fuzz() {
    let inputs = std::env::var("ORDOS_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let seed = std::env::var("ORDOS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let start = Instant::now();
    let t = run(inputs, seed);
    report(&t, start.elapsed().as_secs_f64());
}
