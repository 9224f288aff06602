//! Haoshuichuan 1041 played on historical orders: Ren Fu pursues, the trap closes, the Song
//! army is destroyed — by the rules (ambush, surprise, the rear attack), not by a script.

use ordos_core::load::load_path;
use ordos_core::model::event::Event;
use ordos_core::model::state::{ArmyState, SideId};
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::{play, summarize};
use ordos_core::{Game, Order};
use std::path::Path;

fn scenario() -> std::sync::Arc<ordos_core::Setup> {
    load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/haoshuichuan-1041.ron"
    )))
    .unwrap()
}

fn run(seed: u64, song: ControllerKind) -> Game {
    let mut g = Game::new(scenario(), seed);
    let mut c = vec![make(song), make(ControllerKind::Historical)];
    play(&mut g, &mut c);
    g
}

#[test]
fn on_historical_orders_ren_fu_is_ambushed_and_destroyed_in_most_games() {
    let mut destroyed = 0;
    let mut ambushed = 0;
    for seed in 1..=20 {
        let g = run(seed, ControllerKind::Historical);
        let ren_fu = g.army(g.army_id("ren-fu").unwrap());
        if matches!(ren_fu.state, ArmyState::Destroyed | ArmyState::Routed)
            || ren_fu.men.total() * 2 < ren_fu.men_start
        {
            destroyed += 1;
        }
        if g.log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::Ambushed { .. }))
        {
            ambushed += 1;
        }
        assert!(g.is_over(), "seed {seed}: the game reaches its end");
    }
    assert!(destroyed >= 15, "Ren Fu destroyed in {destroyed} of 20");
    assert!(ambushed >= 15, "ambush sprung in {ambushed} of 20");
}

/// A cautious Song player: every field army falls back into Zhenrong and digs in.
struct Cautious;

impl Controller for Cautious {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<Order> {
        let home = g.place(g.place_id("zhenrong").unwrap()).hex;
        let mut out = Vec::new();
        for a in g
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
        {
            if a.hex != home && !a.moved {
                if let Some(path) = g.find_path(a, home) {
                    out.push(Order::Move {
                        army: a.id,
                        path: g.truncate_to_turn(a, &path, false),
                        forced: false,
                    });
                }
            } else if a.state != ArmyState::Fortified {
                out.push(Order::Fortify { army: a.id });
            }
        }
        out
    }
}

#[test]
fn a_song_player_who_does_not_take_the_bait_keeps_the_army() {
    let mut g = Game::new(scenario(), 7);
    let mut c: Vec<Box<dyn Controller>> =
        vec![Box::new(Cautious), make(ControllerKind::Historical)];
    play(&mut g, &mut c);
    let s = summarize(&g);
    assert_eq!(s.winner, "song", "{}", s.reason);
    let ren_fu = g.army(g.army_id("ren-fu").unwrap());
    assert!(
        ren_fu.men.total() * 2 > ren_fu.men_start,
        "Ren Fu kept {} of {}",
        ren_fu.men.total(),
        ren_fu.men_start
    );
}
