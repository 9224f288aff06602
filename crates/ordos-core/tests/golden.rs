//! The same scenario, seed and orders give the same game on every build profile and platform:
//! this hash was recorded from a debug build and is checked in debug and release alike
//! (`cargo test -p ordos-core --release --test golden`). A rule or data change that alters
//! games changes it; update it then, on purpose.

use ordos_core::Game;
use ordos_core::controller::{ControllerKind, make};
use ordos_core::sim::play;
use ordos_core::validate::load_path;
use std::path::Path;

const GOLDEN: &str = "4835e7e2e662a487";

#[test]
fn haoshuichuan_seed_7_on_historical_orders_has_the_recorded_hash() {
    let s = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/haoshuichuan-1041.ron"
    )))
    .unwrap();
    let mut g = Game::new(s, 7);
    let mut c = vec![
        make(ControllerKind::Historical),
        make(ControllerKind::Historical),
    ];
    let replay = play(&mut g, &mut c);
    let last = &replay.turns.last().unwrap().hash;
    assert_eq!(
        last,
        GOLDEN,
        "the game of seed 7 changed (turns: {})",
        replay.turns.len()
    );
}
