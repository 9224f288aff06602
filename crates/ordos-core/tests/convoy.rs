//! The modder's convoy (tests/fixtures/convoy.ron, written from docs/modding.md): on the
//! orders of its history, the game is decided by the convoy — its grain delivered into the
//! besieged town's stores (`Deliver`), or taken on the road (`Baggage`) — and over many seeds
//! both happen.

use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use std::path::Path;

#[test]
fn the_convoys_arrival_or_capture_decides_the_game() {
    let setup =
        load_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/convoy.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(setup.warnings.is_empty(), "{:?}", setup.warnings);
    let (mut delivered, mut taken) = (0, 0);
    for seed in 1..=20 {
        let mut g = Game::new(setup.clone(), seed);
        let mut c = vec![
            make(ControllerKind::Historical),
            make(ControllerKind::Historical),
        ];
        play(&mut g, &mut c);
        let over = g.state().over.clone().expect("the game ends");
        match over.reason.as_str() {
            "The convoy's grain is in the town's granary" => {
                delivered += 1;
                let town = g.place(g.place_id("town").unwrap());
                assert!(
                    town.received_ge >= 100_000 * 10,
                    "the grain is in the stores"
                );
            }
            "The convoy's grain is taken on the road" => {
                taken += 1;
                let convoy = g.army(g.army_id("convoy").unwrap());
                assert!(convoy.grain_lost_ge >= 50_000 * 10);
            }
            other => panic!("seed {seed}: decided by something else: {other}"),
        }
    }
    eprintln!("delivered {delivered}, taken {taken} of 20");
    assert!(delivered > 0 && taken > 0, "both outcomes happen");
}

/// The AI values a supply goal (#13): given the Song side of the convoy scenario against an
/// enemy that stands still, it brings the grain into the town rather than keeping the convoy
/// at home.
#[test]
fn the_ai_delivers_the_convoy_when_nothing_stops_it() {
    let setup =
        load_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/convoy.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
    let mut delivered = 0;
    let mut reasons = Vec::new();
    for seed in 1..=10 {
        let mut g = Game::new(setup.clone(), seed);
        let mut c = vec![
            make(ControllerKind::Ai(ordos_core::play::ai::Level::Normal)),
            make(ControllerKind::Idle),
        ];
        play(&mut g, &mut c);
        let reason = g.state().over.clone().map(|o| o.reason).unwrap_or_default();
        delivered += u32::from(reason == "The convoy's grain is in the town's granary");
        reasons.push(reason);
    }
    assert!(
        delivered >= 8,
        "delivered in {delivered} of 10: {reasons:?}"
    );
}
