//! Determinism and replays: same scenario + seed + orders = same game; a recorded game verifies;
//! a tampered one fails at the turn that was changed.

use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::{Replay, ReplayError};
use ordos_core::play::sim::{play, summarize};
use ordos_core::{Game, Order, Setup};
use std::path::Path;
use std::sync::Arc;

fn haoshuichuan() -> Arc<Setup> {
    load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/haoshuichuan-1041.ron"
    )))
    .unwrap()
}

fn historical(s: &Arc<Setup>, seed: u64) -> (Game, Replay) {
    let mut g = Game::new(s.clone(), seed);
    let mut c = vec![
        make(ControllerKind::Historical),
        make(ControllerKind::Historical),
    ];
    let r = play(&mut g, &mut c);
    (g, r)
}

#[test]
fn the_same_seed_gives_the_same_game() {
    let s = haoshuichuan();
    let (a, _) = historical(&s, 7);
    let (b, _) = historical(&s, 7);
    assert_eq!(a.state_hash(), b.state_hash());
    assert_eq!(
        serde_json::to_string(&summarize(&a)).unwrap(),
        serde_json::to_string(&summarize(&b)).unwrap()
    );
}

#[test]
fn a_recorded_game_verifies() {
    let s = haoshuichuan();
    let (_, r) = historical(&s, 7);
    assert!(!r.turns.is_empty());
    let text = ron::ser::to_string_pretty(&r, Default::default()).unwrap();
    let back: Replay = ron::from_str(&text).unwrap();
    assert_eq!(back.verify(&s), Ok(r.turns.len()));
}

#[test]
fn a_tampered_replay_fails_naming_the_turn() {
    let s = haoshuichuan();
    let (_, mut r) = historical(&s, 7);
    // Change the third turn's recorded hash.
    r.turns[2].hash = "0000000000000000".into();
    assert!(matches!(
        r.verify(&s),
        Err(ReplayError::Diverged { turn: 3, .. })
    ));
    // Or drop an order from the second turn: the state then differs from that turn on.
    let (_, mut r) = historical(&s, 7);
    let t = r
        .turns
        .iter()
        .position(|t| {
            t.orders
                .iter()
                .any(|(_, o)| matches!(o, Order::Move { .. }))
        })
        .unwrap();
    let turn = r.turns[t].turn;
    let i = r.turns[t]
        .orders
        .iter()
        .position(|(_, o)| matches!(o, Order::Move { .. }))
        .unwrap();
    r.turns[t].orders.remove(i);
    match r.verify(&s) {
        Err(ReplayError::Diverged { turn: bad, .. })
        | Err(ReplayError::OrderRefused { turn: bad, .. }) => assert_eq!(bad, turn),
        other => panic!("expected a failure at turn {turn}, got {other:?}"),
    }
}

#[test]
fn a_replay_of_another_scenario_or_a_changed_one_is_refused() {
    let s = haoshuichuan();
    let (_, r) = historical(&s, 7);
    let remake = |change: &dyn Fn(&mut ordos_core::Scenario)| {
        let mut sc = s.scenario.clone();
        change(&mut sc);
        ordos_core::load::from_scenario("test", sc).unwrap()
    };
    let changed = remake(&|sc| sc.armies[0].men.foot += 1);
    assert!(matches!(
        r.verify(&changed),
        Err(ReplayError::ScenarioChanged(_))
    ));
    let other = remake(&|sc| sc.id = "other".into());
    assert!(matches!(
        r.verify(&other),
        Err(ReplayError::WrongScenario { .. })
    ));
}

#[test]
fn different_seeds_give_different_games() {
    let s = haoshuichuan();
    let hashes: std::collections::BTreeSet<u64> = (1..6)
        .map(|seed| historical(&s, seed).0.state_hash())
        .collect();
    assert!(hashes.len() > 1);
}

/// A record cut short, emptied, reordered or edited is refused for what it is (#19), each
/// with its own error — never "verified".
#[test]
fn a_cut_empty_reordered_or_edited_record_is_refused_for_what_it_is() {
    let s = haoshuichuan();
    let (_, whole) = historical(&s, 7);
    assert!(whole.complete && whole.turns.len() > 4);
    assert_eq!(whole.verify(&s).unwrap(), whole.turns.len());

    // Cut: the last turns taken away, the record still saying it runs to the end (and
    // re-sealed, as an editor who knew the format would).
    let mut cut = whole.clone();
    cut.turns.truncate(3);
    cut.seal(true);
    assert!(matches!(cut.verify(&s), Err(ReplayError::Unfinished(3))));
    // Honest about it (a game in progress): it verifies, as far as it goes.
    cut.seal(false);
    assert_eq!(cut.verify(&s).unwrap(), 3);

    // Empty: no turns, said to be complete.
    let mut empty = whole.clone();
    empty.turns.clear();
    empty.seal(true);
    assert!(matches!(empty.verify(&s), Err(ReplayError::Unfinished(0))));

    // Reordered: two turns swapped.
    let mut swapped = whole.clone();
    swapped.turns.swap(1, 2);
    assert!(matches!(
        swapped.verify(&s),
        Err(ReplayError::TurnOutOfSequence {
            expected: 2,
            found: 3
        })
    ));

    // Edited where the game does not notice (the seal no longer matches): refused as edited.
    let mut edited = whole.clone();
    edited.seed = whole.seed; // the same game...
    edited.complete = false; // ...but a field of the file changed without re-sealing
    assert!(matches!(edited.verify(&s), Err(ReplayError::Edited)));
}
