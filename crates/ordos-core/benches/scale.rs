//! The largest games a scenario may ask for (#19, #16): the whole frontier at 5 km a hex
//! (five-armies-1081's map, 15,660 hexes) with up to 1,000 armies — the campaign's own, and
//! copies of them (a tenth of their men, no orders) until there are enough. Loading and
//! validating it, one turn on historical orders, and one turn with the AI playing both sides.
//!
//! The copies stand in one of two layouts:
//! - **spread**: each on the nearest free passable hex to its original (a frontier crowded with
//!   columns, each on its own ground);
//! - **stacked**: each on its original's hex (a few hexes each holding a hundred armies: the
//!   worst case, where every army has every enemy within reach and every stack is huge).
//!
//! The AI turn is measured at 250, 500 and 1,000 armies in each layout, to show how it grows.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::hex::Hex;
use ordos_core::load::{load_path, load_str};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::sim::play_turn;
use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;

const ARMIES: usize = 1000;

/// five-armies-1081 with its armies copied (new ids, no orders) to `n`, stacked on their
/// originals' hexes or spread to the nearest free passable hexes.
fn armies(n: usize, spread: bool) -> String {
    let setup = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/five-armies-1081.ron"
    )))
    .unwrap();
    let mut s = setup.scenario.clone();
    let originals = s.armies.clone();
    let mut taken: BTreeSet<Hex> = originals.iter().map(|a| a.hex).collect();
    taken.extend(s.places.iter().map(|p| p.hex));
    let passable = |h: Hex| {
        setup.map.is_ford(h)
            || setup
                .map
                .terrain(h)
                .is_some_and(|t| setup.rules.terrain[t].passable)
    };
    let mut k = 0;
    while s.armies.len() < n {
        let mut a = originals[k % originals.len()].clone();
        a.id = format!("{}-copy-{k}", a.id);
        a.name = format!("{} ({k})", a.name);
        a.ruler = false;
        // A tenth of the original's men and porters, to stay under the 20 million men a
        // scenario may have.
        for m in [
            &mut a.men.foot,
            &mut a.men.crossbow,
            &mut a.men.light_horse,
            &mut a.men.heavy_horse,
            &mut a.porters,
        ] {
            *m /= 10;
        }
        if spread {
            // Rings outwards from the original until a free passable hex.
            let mut ring = vec![a.hex];
            let mut seen: BTreeSet<Hex> = ring.iter().copied().collect();
            'search: loop {
                for &h in &ring {
                    if !taken.contains(&h) && passable(h) {
                        a.hex = h;
                        break 'search;
                    }
                }
                let next: Vec<Hex> = ring
                    .iter()
                    .flat_map(|h| h.neighbours())
                    .filter(|h| setup.map.contains(*h) && seen.insert(*h))
                    .collect();
                assert!(!next.is_empty(), "no free hex for copy {k}");
                ring = next;
            }
            taken.insert(a.hex);
        }
        s.armies.push(a);
        k += 1;
    }
    ron::ser::to_string(&s).unwrap()
}

fn one_turn(setup: &std::sync::Arc<ordos_core::load::Setup>, kind: ControllerKind) -> u64 {
    let mut g = Game::new(setup.clone(), 1);
    let mut ctl: Vec<_> = (0..setup.scenario.sides.len())
        .map(|_| make(kind))
        .collect();
    let mut record = Replay::new(setup, 1);
    play_turn(&mut g, &mut ctl, &mut record);
    g.state_hash()
}

fn scale(c: &mut Criterion) {
    let ai = ControllerKind::Ai(ordos_core::play::ai::Level::Normal);
    let mut group = c.benchmark_group("1,000 armies on the whole frontier");
    group.sample_size(10);
    for (layout, spread) in [("spread", true), ("stacked", false)] {
        let text = armies(ARMIES, spread);
        let setup = load_str("thousand.ron", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(setup.scenario.armies.len(), ARMIES);
        group.bench_function(format!("load and validate, {layout}"), |b| {
            b.iter(|| black_box(load_str("thousand.ron", &text).is_ok()))
        });
        group.bench_function(format!("one turn, historical orders, {layout}"), |b| {
            b.iter(|| black_box(one_turn(&setup, ControllerKind::Historical)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("one turn, the AI on both sides");
    group.sample_size(10);
    for (layout, spread) in [("spread", true), ("stacked", false)] {
        for n in [250, 500, ARMIES] {
            let setup =
                load_str("armies.ron", &armies(n, spread)).unwrap_or_else(|e| panic!("{e}"));
            group.bench_with_input(BenchmarkId::new(layout, n), &setup, |b, setup| {
                b.iter(|| black_box(one_turn(setup, ai)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
