//! The largest games a scenario may ask for (#19, #16): the whole frontier at 5 km a hex
//! (five-armies-1081's map, 15,660 hexes) with 1,000 armies — the campaign's own, and copies
//! of them (a tenth of their men, on the same hexes, with no orders) until there are a
//! thousand. Loading and validating it, one turn
//! on historical orders, and one turn with the AI playing both sides.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::load::{load_path, load_str};
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::sim::play_turn;
use std::hint::black_box;
use std::path::Path;

const ARMIES: usize = 1000;

/// five-armies-1081 with its armies copied (new ids, the same hex, no orders) to `ARMIES`.
fn thousand_armies() -> String {
    let setup = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/five-armies-1081.ron"
    )))
    .unwrap();
    let mut s = setup.scenario.clone();
    let originals = s.armies.clone();
    let mut k = 0;
    while s.armies.len() < ARMIES {
        let mut a = originals[k % originals.len()].clone();
        a.id = format!("{}-copy-{k}", a.id);
        a.name = format!("{} ({k})", a.name);
        a.ruler = false;
        // A tenth of the original's men and porters, to stay under the 20 million men a
        // scenario may have.
        for n in [
            &mut a.men.foot,
            &mut a.men.crossbow,
            &mut a.men.light_horse,
            &mut a.men.heavy_horse,
            &mut a.porters,
        ] {
            *n /= 10;
        }
        s.armies.push(a);
        k += 1;
    }
    ron::ser::to_string(&s).unwrap()
}

fn scale(c: &mut Criterion) {
    let text = thousand_armies();
    let setup = load_str("thousand.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(setup.scenario.armies.len(), ARMIES);
    eprintln!(
        "{} armies on {} hexes",
        setup.scenario.armies.len(),
        setup.map.len()
    );
    let mut group = c.benchmark_group("1,000 armies on the whole frontier");
    group.sample_size(10);
    group.bench_function("load and validate", |b| {
        b.iter(|| black_box(load_str("thousand.ron", &text).is_ok()))
    });
    for (what, kind) in [
        ("one turn, historical orders", ControllerKind::Historical),
        (
            "one turn, the AI on both sides",
            ControllerKind::Ai(ordos_core::play::ai::Level::Normal),
        ),
    ] {
        group.bench_function(what, |b| {
            b.iter(|| {
                let mut g = Game::new(setup.clone(), 1);
                let mut ctl: Vec<_> = (0..setup.scenario.sides.len())
                    .map(|_| make(kind))
                    .collect();
                let mut record = Replay::new(&setup, 1);
                play_turn(&mut g, &mut ctl, &mut record);
                black_box(g.state_hash())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
