//! Invariants under random orders: men are conserved, no army stands on an impassable hex, no
//! two hostile armies share a hex, stores and rations never go wrong, and the same orders give
//! the same game.

use ordos_core::hex::Hex;
use ordos_core::rules::RiverKind;
use ordos_core::state::{ArmyId, PlaceId};
use ordos_core::validate::load_path;
use ordos_core::{Game, Order, Scenario};
use proptest::prelude::*;
use std::path::Path;

fn scenario(name: &str) -> Scenario {
    let path = format!("{}/../../{name}", env!("CARGO_MANIFEST_DIR"));
    load_path(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"))
}

/// One random instruction, turned into an order against whatever the state is then.
#[derive(Clone, Debug)]
struct Pick {
    army: u8,
    kind: u8,
    dirs: Vec<u8>,
    target: u8,
    forced: bool,
}

fn pick() -> impl Strategy<Value = Pick> {
    (
        any::<u8>(),
        0u8..11,
        proptest::collection::vec(0u8..6, 1..8),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(army, kind, dirs, target, forced)| Pick {
            army,
            kind,
            dirs,
            target,
            forced,
        })
}

fn order_for(g: &Game, p: &Pick) -> Option<(ordos_core::state::SideId, Order)> {
    let n = g.state.armies.len();
    let a = &g.state.armies[usize::from(p.army) % n];
    let army = a.id;
    let target = ArmyId((usize::from(p.target) % n) as u16);
    let place = PlaceId((usize::from(p.target) % g.state.places.len().max(1)) as u16);
    let mut path = Vec::new();
    let mut at = a.hex;
    for d in &p.dirs {
        at = at.neighbour(usize::from(*d));
        path.push(at);
    }
    let o = match p.kind {
        0..=2 => Order::Move {
            army,
            path,
            forced: p.forced,
        },
        3 => Order::Attack { army, target },
        4 => Order::Besiege { army, place },
        5 => Order::Assault { army, place },
        6 => Order::Hide { army },
        7 => Order::Fortify { army },
        8 => Order::Blockade { army, place },
        9 => Order::Sortie { army, target },
        10 => Order::LiftSiege { army },
        11 => Order::Scorch { army },
        12 => Order::CutWater { army, place },
        13 => Order::Fires {
            army,
            allowed: p.forced,
        },
        14 => Order::BuildFort { army },
        15 => Order::BreachDike { army },
        16 => Order::Levy { army },
        17 => Order::Deliver { army, to: target },
        _ => Order::Stock { army },
    };
    Some((a.side, o))
}

fn check_invariants(g: &Game) -> Result<(), TestCaseError> {
    for a in &g.state.armies {
        prop_assert_eq!(
            a.men_start,
            a.men.total() + a.losses.total(),
            "men of {:?} not conserved",
            a.id
        );
        prop_assert_eq!(
            a.porters_start,
            a.porters + a.porters_home + a.porters_lost,
            "porters of {:?}",
            a.id
        );
        prop_assert!(
            a.rations_ge < 1_000_000_000_000_000,
            "rations wrapped: {}",
            a.rations_ge
        );
        if !a.is_active() {
            continue;
        }
        let t = g.terrain_at(a.hex);
        prop_assert!(t.is_some(), "army {:?} off the map at {}", a.id, a.hex);
        let t = t.unwrap();
        let crossing = t.river == RiverKind::Major && (g.map.is_ford(a.hex) || g.river_frozen());
        prop_assert!(
            t.passable || crossing || g.place_at(a.hex).is_some(),
            "army {:?} on impassable {} at {}",
            a.id,
            t.name,
            a.hex
        );
        for b in &g.state.armies {
            if b.is_active() && b.id != a.id && b.hex == a.hex {
                prop_assert!(
                    !g.at_war(a.side, b.side),
                    "hostile {:?} and {:?} share {}",
                    a.id,
                    b.id,
                    a.hex
                );
            }
        }
    }
    for p in &g.state.places {
        prop_assert!(p.stores_ge < 1_000_000_000_000_000);
    }
    Ok(())
}

fn play(s: &Scenario, seed: u64, turns: &[Vec<Pick>]) -> Result<Game, TestCaseError> {
    let mut g = Game::new(s.clone(), seed);
    for picks in turns {
        for p in picks {
            if let Some((side, o)) = order_for(&g, p) {
                let _ = g.submit(side, &o);
                check_invariants(&g)?;
            }
        }
        g.end_turn();
        check_invariants(&g)?;
        if g.is_over() {
            break;
        }
    }
    Ok(g)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn invariants_hold_under_random_orders_at_haoshuichuan(seed in any::<u64>(), turns in proptest::collection::vec(proptest::collection::vec(pick(), 0..12), 1..12)) {
        let s = scenario("scenarios/haoshuichuan-1041.ron");
        play(&s, seed, &turns)?;
    }

    #[test]
    fn invariants_hold_under_random_orders_by_the_yellow_river(seed in any::<u64>(), turns in proptest::collection::vec(proptest::collection::vec(pick(), 0..12), 1..10)) {
        let s = scenario("tests/fixtures/small.ron");
        play(&s, seed, &turns)?;
    }

    #[test]
    fn same_seed_and_orders_give_the_same_game(seed in any::<u64>(), turns in proptest::collection::vec(proptest::collection::vec(pick(), 0..8), 1..6)) {
        let s = scenario("scenarios/haoshuichuan-1041.ron");
        let a = play(&s, seed, &turns)?;
        let b = play(&s, seed, &turns)?;
        prop_assert_eq!(a.state_hash(), b.state_hash());
        prop_assert_eq!(a.log, b.log);
    }
}

#[test]
fn a_far_off_hex_is_refused_not_a_panic() {
    let s = scenario("tests/fixtures/small.ron");
    let g = Game::new(s, 1);
    let far = Order::Move {
        army: ArmyId(0),
        path: vec![Hex::new(i32::MAX, i32::MIN)],
        forced: true,
    };
    assert!(g.check(g.state.armies[0].side, &far).is_err());
}
