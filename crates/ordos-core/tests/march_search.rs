//! One march search serves every caller: for every army of every shipped scenario, at several
//! moments of a game (the later campaigns and the whole frontier on their first turn), and for
//! every hex of its map, the reach shading (`reachable`), the path (`find_path`), the AI's field
//! of distances (`march_field`) and the march order's check (`check`) agree on whether the
//! army can get there this turn and at what cost.

use ordos_core::hex::Hex;
use ordos_core::load::load_path;
use ordos_core::model::state::ArmyState;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::sim::play_turn;
use ordos_core::{Game, Order, OrderError};
use std::collections::BTreeMap;
use std::path::Path;

const FILES: [&str; 4] = [
    "scenarios/haoshuichuan-1041.ron",
    "scenarios/yongle-1082.ron",
    "scenarios/lanzhou-1084.ron",
    "tests/fixtures/every-order.ron",
];

/// Checks every `stride`-th hex of the map (every hex for 1) for every active army that has
/// not marched yet.
fn agree_everywhere(g: &Game, what: &str, stride: usize) -> usize {
    let mut checked = 0;
    for army in g
        .state()
        .armies
        .iter()
        .filter(|a| a.is_active() && !a.moved)
    {
        let field = g.march_field(army);
        for forced in [false, true] {
            let reach: BTreeMap<Hex, u32> = g.reachable(army, forced).into_iter().collect();
            let budget = g.allowance_li(army, forced) * ordos_core::game::LI_M;
            for i in (0..g.map().len()).step_by(stride) {
                let h = g.map().hex_at(i);
                if h == army.hex {
                    continue;
                }
                let path = g.find_path(army, h);
                let at = format!("{what}: {} to {h} (forced {forced})", g.army_name(army.id));
                // The AI's field and the path search are one search (the path search looks
                // towards its goal first, A*, and must find the same way, ties and all).
                assert_eq!(field.path(g.map(), h), path, "{at}: field and path differ");
                let cost = path.as_ref().map(|p| {
                    p.iter()
                        .map(|x| g.step_cost_m(army, *x).unwrap())
                        .sum::<u32>()
                });
                assert_eq!(field.metres(g.map(), h), cost, "{at}: field cost");
                let within = cost.is_some_and(|c| c <= budget);
                // The reach shading is exactly the hexes a path reaches within today's march.
                assert_eq!(
                    reach.get(&h).copied(),
                    cost.filter(|_| within),
                    "{at}: reach"
                );
                let Some(path) = path else { continue };
                let order = Order::Move {
                    army: army.id,
                    path: path.clone(),
                    forced,
                };
                match g.check(army.side, &order) {
                    Ok(()) => assert!(within, "{at}: check accepts a march beyond reach"),
                    Err(OrderError::TooFar { .. }) => assert!(!within, "{at}: too far?"),
                    Err(e) => panic!("{at}: the check refuses the path the search found: {e}"),
                }
                if within {
                    assert_eq!(
                        g.truncate_to_turn(army, &path, forced),
                        path,
                        "{at}: truncated"
                    );
                }
                checked += 1;
            }
        }
    }
    checked
}

/// Plays `file` on historical orders, checking every `stride`-th hex on the odd turns up to
/// `last_turn`.
fn check_file(file: &str, last_turn: u32, stride: usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(file);
    let setup = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut g = Game::new(setup, 5);
    let mut controllers: Vec<_> = g
        .scenario()
        .sides
        .iter()
        .map(|_| make(ControllerKind::Historical))
        .collect();
    let mut record = Replay::new(g.setup(), 5);
    let mut checked = 0;
    let mut routed = 0;
    for turn in 1..=last_turn {
        if g.is_over() {
            break;
        }
        if turn % 2 == 1 {
            checked += agree_everywhere(&g, &format!("{file} turn {turn}"), stride);
            routed += g
                .state()
                .armies
                .iter()
                .filter(|a| a.state == ArmyState::Routed)
                .count();
        }
        play_turn(&mut g, &mut controllers, &mut record);
    }
    assert!(checked > 100, "{file}: only {checked} paths checked");
    eprintln!("{file}: {checked} paths agree ({routed} routed armies seen)");
}

#[test]
fn reach_path_field_and_check_agree_on_every_hex_of_every_scenario() {
    for file in FILES {
        check_file(file, 6, 1);
    }
}

/// The later campaigns on their first turn (the check is quadratic in hexes; the whole
/// frontier has its own test below).
#[test]
fn reach_path_field_and_check_agree_on_the_first_turn_of_the_later_campaigns() {
    for file in [
        "scenarios/yinzhou-985.ron",
        "scenarios/sanchuan-1040.ron",
        "scenarios/dingchuan-1042.ron",
        "scenarios/qingzhou-1066.ron",
        "scenarios/lanzhou-1083.ron",
        "scenarios/pingxia-1098.ron",
        "scenarios/tsongkha-1105.ron",
        "scenarios/tongan-1119.ron",
        "scenarios/lingzhou-1081.ron",
        "scenarios/zangdihe-1115.ron",
        "scenarios/helan-1044.ron",
    ] {
        check_file(file, 1, 1);
    }
}

/// The whole frontier (five-armies-1081: 15,660 hexes, every army of the five columns and the
/// Xia) on its first turn, every hex: 708,834 paths, about four and a half minutes in a test
/// build on two cores (a path search looks towards its goal first, so each is short).
#[test]
fn reach_path_field_and_check_agree_across_the_whole_frontier() {
    check_file("scenarios/five-armies-1081.ron", 1, 1);
}
