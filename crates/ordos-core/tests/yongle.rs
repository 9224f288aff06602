//! Yongle 1082 on historical orders: Xu Xi waits outside the gates while the Tanguts ford, the
//! Iron Hawks break his army, and the town on its waterless hill falls — the Song losing about
//! 17,300 men. By the rules (fording, heavy horse, thirst), not by a script.

use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::model::event::{BattleResult, Event};
use ordos_core::model::state::SideId;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use std::path::Path;

fn scenario() -> std::sync::Arc<ordos_core::Setup> {
    load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/yongle-1082.ron"
    )))
    .unwrap()
}

#[test]
fn yongle_falls_and_the_song_lose_near_17300_men() {
    let (mut taken, mut broken, mut losses) = (0, 0, Vec::new());
    for seed in 1..=20 {
        let mut g = Game::new(scenario(), seed);
        let mut c = vec![
            make(ControllerKind::Historical),
            make(ControllerKind::Historical),
        ];
        play(&mut g, &mut c);
        if g.place(g.place_id("yongle").unwrap()).owner == g.side_id("xia") {
            taken += 1;
        }
        let (hawks, xu_xi) = (
            g.army_id("iron-hawks").unwrap(),
            g.army_id("xu-xi").unwrap(),
        );
        let routed_by_hawks = g.log().iter().any(|(_, _, e)| {
            matches!(e, Event::Battle { attacker, defender, result: BattleResult::DefenderRouted, .. } if *attacker == hawks && *defender == xu_xi)
        });
        broken += u32::from(routed_by_hawks);
        let song = g.side_totals(SideId(0));
        losses.push(song.0 - song.1);
    }
    losses.sort();
    let median = losses[losses.len() / 2];
    eprintln!(
        "Song losses {losses:?}; Yongle taken {taken}/20; Xu Xi broken by the Iron Hawks {broken}/20"
    );
    assert!(taken >= 15, "Yongle taken in {taken} of 20");
    assert!(
        broken >= 15,
        "Xu Xi broken by the Iron Hawks in {broken} of 20"
    );
    assert!(
        (14_000..=21_000).contains(&median),
        "median Song losses {median}"
    );
}

#[test]
fn the_town_falls_to_thirst_not_to_assault() {
    let mut g = Game::new(scenario(), 1);
    let mut c = vec![
        make(ControllerKind::Historical),
        make(ControllerKind::Historical),
    ];
    play(&mut g, &mut c);
    let garrison = g.army(g.army_id("yongle-garrison").unwrap());
    assert!(garrison.losses.thirst > 0, "{:?}", garrison.losses);
    assert!(
        g.log()
            .iter()
            .any(|(_, _, e)| matches!(e, Event::Surrendered { army, .. } if *army == garrison.id))
    );
}

/// A Song player who takes Xu Xi's army back to Mizhi instead of standing by the ford.
struct Prudent;

impl ordos_core::play::controller::Controller for Prudent {
    fn orders(&mut self, g: &Game, side: SideId) -> Vec<ordos_core::Order> {
        let mut hist = make(ControllerKind::Historical);
        let xu_xi = g.army_id("xu-xi").unwrap();
        let a = g.army(xu_xi);
        let mizhi = g.place(g.place_id("mizhi").unwrap()).hex;
        let mut out: Vec<_> = hist
            .orders(g, side)
            .into_iter()
            .filter(|o| o.army() != xu_xi)
            .collect();
        if a.is_active()
            && !a.moved
            && a.hex != mizhi
            && let Some(path) = g.find_path(a, mizhi)
        {
            out.push(ordos_core::Order::Move {
                army: xu_xi,
                path: g.truncate_to_turn(a, &path, false),
                forced: false,
            });
        }
        out
    }
}

#[test]
fn a_song_player_can_do_better_than_history() {
    let mut g = Game::new(scenario(), 1);
    let mut c: Vec<Box<dyn ordos_core::play::controller::Controller>> =
        vec![Box::new(Prudent), make(ControllerKind::Historical)];
    play(&mut g, &mut c);
    let (start, now, _) = g.side_totals(SideId(0));
    assert!(
        start - now < 12_000,
        "the Song lost {} (history: 17,300)",
        start - now
    );
}
