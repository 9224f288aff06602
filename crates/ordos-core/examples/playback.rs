//! Plays a scenario many times without the game (no Bevy): how often each side wins, why, and
//! what each side's men were lost to, on average. For scenario authors calibrating a campaign
//! against the accounts; `ordos sim` and `ordos analyze` do the same with the whole game built.
//!
//! ```sh
//! cargo run -p ordos-core --release --example playback -- scenarios/yongle-1082.ron 100
//! cargo run -p ordos-core --release --example playback -- FILE RUNS song=ai xia=historical
//! ```

use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::model::state::{Cause, SideId};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: playback FILE [RUNS] [SIDE=CONTROLLER ...]");
        std::process::exit(2);
    };
    let runs: u64 = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(100);
    let setup = load_path(std::path::Path::new(file)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let kinds: Vec<ControllerKind> = setup
        .scenario
        .sides
        .iter()
        .map(|s| {
            args.iter()
                .skip(2)
                .filter_map(|a| a.split_once('='))
                .find(|(side, _)| *side == s.id)
                .map_or(ControllerKind::Historical, |(_, c)| c.parse().unwrap())
        })
        .collect();
    let mut winners: BTreeMap<String, u64> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let sides = setup.scenario.sides.len();
    let mut losses = vec![[0u64; 9]; sides];
    let mut men = vec![(0u64, 0u64); sides];
    let mut places: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for seed in 1..=runs {
        let mut g = Game::new(setup.clone(), seed);
        let mut c: Vec<_> = kinds.iter().map(|k| make(*k)).collect();
        play(&mut g, &mut c);
        let over = g.state().over.clone();
        let w = over
            .as_ref()
            .and_then(|o| o.winner)
            .map_or("draw".to_string(), |s| g.side_name(s).to_string());
        *winners.entry(w).or_default() += 1;
        *reasons
            .entry(over.map_or("unfinished".into(), |o| o.reason))
            .or_default() += 1;
        for (i, l) in losses.iter_mut().enumerate() {
            let (start, now, lost) = g.side_totals(SideId(i as u8));
            men[i].0 += u64::from(start);
            men[i].1 += u64::from(now);
            for (k, c) in Cause::ALL.iter().enumerate() {
                l[k] += u64::from(lost.get(*c));
            }
        }
        for p in &g.state().places {
            let owner = p
                .owner
                .map_or("none".into(), |s| g.side_name(s).to_string());
            *places
                .entry(p.key.clone())
                .or_default()
                .entry(owner)
                .or_default() += 1;
        }
    }
    println!("{} — {runs} games ({kinds:?})", setup.scenario.id);
    println!("winners: {winners:?}");
    for (r, n) in &reasons {
        println!("  {n:>4} × {r}");
    }
    for i in 0..sides {
        let name = &setup.scenario.sides[i].id;
        println!(
            "{name}: men {} → {} on average; lost to:",
            men[i].0 / runs,
            men[i].1 / runs
        );
        for (k, c) in Cause::ALL.iter().enumerate() {
            if losses[i][k] > 0 {
                println!("    {:>8} {}", losses[i][k] / runs, c.describe());
            }
        }
    }
    println!("places at the end: {places:?}");
}
