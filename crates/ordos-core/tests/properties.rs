//! Invariants under random orders: men are conserved, no army stands on an impassable hex, no
//! two hostile armies share a hex, stores and rations never go wrong, and the same orders give
//! the same game.

use ordos_core::hex::Hex;
use ordos_core::load::load_path;
use ordos_core::load::tables::RiverKind;
use ordos_core::model::state::{Army, ArmyId, PlaceId, SideId};
use ordos_core::order::OrderKind;
use ordos_core::{Game, Order, Setup};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

fn scenario(name: &str) -> std::sync::Arc<ordos_core::Setup> {
    let path = format!("{}/../../{name}", env!("CARGO_MANIFEST_DIR"));
    load_path(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"))
}

/// One random instruction, turned into an order against whatever the state is then.
#[derive(Clone, Debug)]
struct Pick {
    army: u8,
    /// Index into `OrderKind::ALL`: every kind of order is drawn.
    kind: usize,
    dirs: Vec<u8>,
    target: u8,
    /// Aim at the nearest fitting target (an enemy next to it, its place) rather than at any.
    aimed: bool,
    forced: bool,
}

fn pick() -> impl Strategy<Value = Pick> {
    (
        any::<u8>(),
        0..OrderKind::ALL.len(),
        proptest::collection::vec(0u8..6, 1..8),
        any::<u8>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(army, kind, dirs, target, aimed, forced)| Pick {
            army,
            kind,
            dirs,
            target,
            aimed,
            forced,
        })
}

/// The nearest army (of the enemy, or of its own side) to `a`, by distance then id.
fn nearest_army(g: &Game, a: &Army, enemy: bool) -> Option<ArmyId> {
    g.state()
        .armies
        .iter()
        .filter(|b| b.is_active() && b.id != a.id && g.at_war(a.side, b.side) == enemy)
        .min_by_key(|b| (b.hex.distance(a.hex), b.id))
        .map(|b| b.id)
}

/// The nearest place held by the enemy (or by its own side) to `a`.
fn nearest_place(g: &Game, a: &Army, enemy: bool) -> Option<PlaceId> {
    g.state()
        .places
        .iter()
        .filter(|p| p.owner.is_some_and(|o| g.at_war(a.side, o)) == enemy)
        .min_by_key(|p| (p.hex.distance(a.hex), p.id))
        .map(|p| p.id)
}

fn order_for(g: &Game, p: &Pick) -> Option<(SideId, Order)> {
    let active: Vec<&Army> = g.state().armies.iter().filter(|a| a.is_active()).collect();
    let a = active.get(usize::from(p.army) % active.len().max(1))?;
    let army = a.id;
    let n = g.state().armies.len();
    let any_army = ArmyId((usize::from(p.target) % n) as u16);
    let any_place = PlaceId((usize::from(p.target) % g.state().places.len().max(1)) as u16);
    let enemy = if p.aimed {
        nearest_army(g, a, true).unwrap_or(any_army)
    } else {
        any_army
    };
    let friend = if p.aimed {
        nearest_army(g, a, false).unwrap_or(any_army)
    } else {
        any_army
    };
    let place = if p.aimed {
        nearest_place(g, a, true).unwrap_or(any_place)
    } else {
        any_place
    };
    // Aimed, a march makes for the nearest enemy as far as it can go today; else it wanders.
    let toward = nearest_army(g, a, true).map(|e| g.army(e).hex);
    let path = match toward.and_then(|h| g.find_path(a, h)).filter(|_| p.aimed) {
        Some(way) => g.truncate_to_turn(a, &way, p.forced),
        None => {
            let mut path = Vec::new();
            let mut at = a.hex;
            for d in &p.dirs {
                at = at.neighbour(usize::from(*d));
                path.push(at);
            }
            path
        }
    };
    // By night, aimed at the nearest enemy through its zone of control, as far as half a
    // day's march goes; else it wanders.
    let night_path = match toward.and_then(|h| g.night_path(a, h)).filter(|_| p.aimed) {
        Some(way) => g.truncate_to_night(a, &way),
        None => path.clone(),
    };
    // An exhaustive match: a new kind of order does not compile here until it is drawn.
    let o = match OrderKind::ALL[p.kind] {
        OrderKind::Move => Order::Move {
            army,
            path,
            forced: p.forced,
        },
        OrderKind::Attack => Order::Attack {
            army,
            target: enemy,
        },
        OrderKind::Besiege => Order::Besiege { army, place },
        OrderKind::Blockade => Order::Blockade { army, place },
        OrderKind::Assault => Order::Assault { army, place },
        OrderKind::Sortie => Order::Sortie {
            army,
            target: enemy,
        },
        OrderKind::LiftSiege => Order::LiftSiege { army },
        OrderKind::Hold => Order::Hold { army },
        OrderKind::Hide => Order::Hide { army },
        OrderKind::Fortify => Order::Fortify { army },
        OrderKind::Scorch => Order::Scorch { army },
        OrderKind::CutWater => Order::CutWater { army, place },
        OrderKind::Fires => Order::Fires {
            army,
            allowed: p.forced,
        },
        OrderKind::BuildFort => Order::BuildFort { army },
        OrderKind::BreachDike => Order::BreachDike { army },
        OrderKind::Levy => Order::Levy { army },
        OrderKind::Deliver => Order::Deliver { army, to: friend },
        OrderKind::Stock => Order::Stock { army },
        OrderKind::Flee => Order::Flee { army },
        OrderKind::Recruit => Order::Recruit { army },
        OrderKind::Plunder => Order::Plunder { army },
        OrderKind::NightMarch => Order::NightMarch {
            army,
            path: night_path,
        },
        OrderKind::NightAttack => Order::NightAttack {
            army,
            target: enemy,
        },
    };
    debug_assert_eq!(o.kind(), OrderKind::ALL[p.kind]);
    Some((a.side, o))
}

fn check_invariants(g: &Game) -> Result<(), TestCaseError> {
    for a in &g.state().armies {
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
        let crossing = t.river == RiverKind::Major && (g.map().is_ford(a.hex) || g.river_frozen());
        prop_assert!(
            t.passable || crossing || g.place_at(a.hex).is_some(),
            "army {:?} on impassable {} at {}",
            a.id,
            t.name,
            a.hex
        );
        for b in &g.state().armies {
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
    for p in &g.state().places {
        prop_assert!(p.stores_ge < 1_000_000_000_000_000);
    }
    Ok(())
}

/// Plays random orders; returns the game and how many orders of each kind were carried out.
fn play(
    s: &Arc<Setup>,
    seed: u64,
    turns: &[Vec<Pick>],
) -> Result<(Game, BTreeMap<OrderKind, u32>), TestCaseError> {
    let mut g = Game::new(s.clone(), seed);
    let mut done = BTreeMap::new();
    for picks in turns {
        for p in picks {
            if let Some((side, o)) = order_for(&g, p) {
                if g.submit(side, &o).is_ok() {
                    *done.entry(o.kind()).or_insert(0) += 1;
                }
                check_invariants(&g)?;
            }
        }
        g.end_turn();
        check_invariants(&g)?;
        if g.is_over() {
            break;
        }
    }
    Ok((g, done))
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
    fn invariants_hold_under_random_orders_of_every_kind(seed in any::<u64>(), turns in proptest::collection::vec(proptest::collection::vec(pick(), 0..16), 1..12)) {
        let s = scenario("tests/fixtures/every-order.ron");
        play(&s, seed, &turns)?;
    }

    #[test]
    fn same_seed_and_orders_give_the_same_game(seed in any::<u64>(), turns in proptest::collection::vec(proptest::collection::vec(pick(), 0..8), 1..6)) {
        let s = scenario("scenarios/haoshuichuan-1041.ron");
        let (a, _) = play(&s, seed, &turns)?;
        let (b, _) = play(&s, seed, &turns)?;
        prop_assert_eq!(a.state_hash(), b.state_hash());
        prop_assert_eq!(a.log(), b.log());
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
    assert!(g.check(g.state().armies[0].side, &far).is_err());
}

/// The random orders above are not only drawn from every kind: every kind is also carried out
/// (accepted by the rules) in the games they make, so each order's resolution and its events
/// are exercised under the invariants. The games are those proptest would draw, from a fixed
/// seed so the count is the same on every run.
#[test]
fn every_kind_of_order_is_carried_out_under_the_invariants() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let s = scenario("tests/fixtures/every-order.ron");
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (
        any::<u64>(),
        proptest::collection::vec(proptest::collection::vec(pick(), 0..16), 1..12),
    );
    let mut total: BTreeMap<OrderKind, u32> = BTreeMap::new();
    for _ in 0..300 {
        let (seed, turns) = strategy.new_tree(&mut runner).unwrap().current();
        let (_, done) = play(&s, seed, &turns).unwrap_or_else(|e| panic!("{e}"));
        for (k, n) in done {
            *total.entry(k).or_insert(0) += n;
        }
    }
    eprintln!("orders carried out, by kind: {total:?}");
    let missing: Vec<_> = OrderKind::ALL
        .iter()
        .filter(|k| !total.contains_key(k))
        .collect();
    assert!(
        missing.is_empty(),
        "never carried out: {missing:?} (done: {total:?})"
    );
}
