//! Seeking in a recorded game (#14): Lanzhou 1083 on historical orders, a game of over 100
//! one-day turns, opened as a timeline; then the game at a turn just short of a snapshot (the
//! most turns a seek replays), at the end, and a sweep over every turn.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use ordos_core::play::timeline::{SNAPSHOT_EVERY, Timeline};
use std::hint::black_box;
use std::path::Path;

fn seek(c: &mut Criterion) {
    let s = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/lanzhou-1083.ron"
    )))
    .unwrap();
    let mut g = Game::new(s.clone(), 7);
    let sides = s.scenario.sides.len();
    let mut ctl: Vec<_> = (0..sides)
        .map(|_| make(ControllerKind::Historical))
        .collect();
    let replay = play(&mut g, &mut ctl);
    let turns = replay.turns.len();
    assert!(
        turns >= 100,
        "a seek benchmark wants a long game: {turns} turns"
    );
    eprintln!("lanzhou-1083, seed 7: {turns} turns recorded");

    c.bench_function("lanzhou-1083 open timeline (plays the game once)", |b| {
        b.iter(|| black_box(Timeline::open(s.clone(), replay.clone()).unwrap().turns()))
    });
    let t = Timeline::open(s.clone(), replay.clone()).unwrap();
    // The last turn before a snapshot near the middle: SNAPSHOT_EVERY − 1 turns replayed.
    let worst = (turns / 2 / SNAPSHOT_EVERY) * SNAPSHOT_EVERY + SNAPSHOT_EVERY - 1;
    c.bench_function("lanzhou-1083 seek, worst case (3 turns replayed)", |b| {
        b.iter(|| black_box(t.at(black_box(worst)).state_hash()))
    });
    c.bench_function("lanzhou-1083 seek to the end", |b| {
        b.iter(|| black_box(t.at(black_box(turns)).state_hash()))
    });
    c.bench_function("lanzhou-1083 seek to every turn in turn (one sweep)", |b| {
        b.iter(|| {
            let mut h = 0u64;
            for n in 0..=turns {
                h ^= t.at(n).state_hash();
            }
            black_box(h)
        })
    });
}

criterion_group!(benches, seek);
criterion_main!(benches);
