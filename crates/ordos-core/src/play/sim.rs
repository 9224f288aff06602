//! Playing a game to the end headless, and what it came to.

use crate::game::Game;
use crate::model::state::{ArmyState, Losses, SideId};
use crate::order::Order;
use crate::play::controller::Controller;
use crate::play::replay::{Replay, TurnRecord, hex_hash};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rounds of orders a side may give in one turn (each reacting to the last).
const ROUNDS: usize = 4;
/// A guard against a scenario whose end never comes.
const MAX_TURNS: u32 = 5000;

/// Lets a controller give `side`'s orders for the turn, in rounds, each reacting to what the
/// last caused, until it has nothing more to say. Returns the orders the rules accepted.
pub fn play_side(game: &mut Game, ctrl: &mut dyn Controller, side: SideId) -> Vec<(SideId, Order)> {
    let mut orders = Vec::new();
    for _ in 0..ROUNDS {
        let mut accepted = 0;
        for o in ctrl.orders(game, side) {
            if game.submit(side, &o).is_ok() {
                orders.push((side, o));
                accepted += 1;
            }
            if game.is_over() {
                break;
            }
        }
        if accepted == 0 || game.is_over() {
            break;
        }
    }
    orders
}

/// Plays one turn: each side in turn order gives its orders, then the days pass.
pub fn play_turn(game: &mut Game, controllers: &mut [Box<dyn Controller>], record: &mut Replay) {
    let turn = game.state().turn;
    let mut orders = Vec::new();
    let order: Vec<SideId> = game
        .scenario()
        .turn_order
        .iter()
        .filter_map(|s| game.side_id(s))
        .collect();
    for side in order {
        let Some(ctrl) = controllers.get_mut(usize::from(side.0)) else {
            continue;
        };
        orders.extend(play_side(game, ctrl.as_mut(), side));
    }
    game.end_turn();
    record.turns.push(TurnRecord {
        turn,
        orders,
        hash: hex_hash(game.state_hash()),
    });
}

/// Plays to the end. `controllers` has one per side, in the scenario's side order.
pub fn play(game: &mut Game, controllers: &mut [Box<dyn Controller>]) -> Replay {
    play_watched(game, controllers, |_| {})
}

/// Plays to the end as [`play`] does, the same game turn for turn, showing `after_turn` the
/// game as each turn ends (for statistics by turn).
pub fn play_watched(
    game: &mut Game,
    controllers: &mut [Box<dyn Controller>],
    mut after_turn: impl FnMut(&Game),
) -> Replay {
    let mut record = Replay::new(game.setup(), game.seed());
    while !game.is_over() && game.state().turn < MAX_TURNS {
        play_turn(game, controllers, &mut record);
        after_turn(game);
    }
    record.seal(game.is_over());
    record
}

#[derive(Clone, Debug, Serialize)]
pub struct SideSummary {
    /// Victory points scored.
    pub points: u32,
    pub men_start: u32,
    pub men_end: u32,
    pub losses: Losses,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArmySummary {
    pub id: String,
    pub side: String,
    pub men_start: u32,
    pub men_end: u32,
    pub state: ArmyState,
}

/// The result of one game, as `ordos sim --json` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub scenario: String,
    pub seed: u64,
    pub turns: u32,
    pub end_date: String,
    pub winner: String,
    pub reason: String,
    pub sides: BTreeMap<String, SideSummary>,
    pub places: BTreeMap<String, String>,
    pub armies: Vec<ArmySummary>,
    pub state_hash: String,
    /// Orders of the accounts the rules refused when their day came (historical sides only;
    /// filled in by whoever played the game, who has the controllers).
    pub refused_orders: Vec<String>,
}

pub fn summarize(game: &Game) -> Summary {
    let points = crate::rules::points_by_side(game);
    let sides = (0..game.scenario().sides.len())
        .map(|i| {
            let (men_start, men_end, losses) = game.side_totals(SideId(i as u8));
            (
                game.scenario().sides[i].id.clone(),
                SideSummary {
                    points: points.get(i).copied().unwrap_or(0),
                    men_start,
                    men_end,
                    losses,
                },
            )
        })
        .collect();
    let places = game
        .state()
        .places
        .iter()
        .map(|p| {
            (
                game.place_name(p.id).to_string(),
                p.owner
                    .map_or("none".to_string(), |s| game.side_name(s).to_string()),
            )
        })
        .collect();
    let armies = game
        .state()
        .armies
        .iter()
        .map(|a| ArmySummary {
            id: game.army_name(a.id).to_string(),
            side: game.side_name(a.side).to_string(),
            men_start: a.men_start,
            men_end: a.men.total(),
            state: a.state,
        })
        .collect();
    let (winner, reason) = match &game.state().over {
        Some(o) => (
            o.winner
                .map_or("draw".to_string(), |s| game.side_name(s).to_string()),
            o.reason.clone(),
        ),
        None => ("draw".to_string(), "unfinished".to_string()),
    };
    Summary {
        scenario: game.scenario().id.clone(),
        seed: game.seed(),
        turns: game.state().turn,
        end_date: game.state().date.to_string(),
        winner,
        reason,
        sides,
        places,
        armies,
        state_hash: hex_hash(game.state_hash()),
        refused_orders: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::play_turn;
    use crate::Game;
    use crate::load::load_path;
    use crate::play::kinds::{ControllerKind, make};
    use crate::play::replay::Replay;

    /// Whole games with the AI on both sides (it asks for stacks all through the turn, between
    /// the events that move armies): `Model::apply` checks after every event that the hex index
    /// it keeps up to date equals one built afresh (the `cfg(test)` assertion there).
    #[test]
    fn the_hex_index_stays_true_through_whole_games() {
        for name in ["haoshuichuan-1041", "yongle-1082", "lanzhou-1083"] {
            let path = format!("{}/../../scenarios/{name}.ron", env!("CARGO_MANIFEST_DIR"));
            let setup = load_path(std::path::Path::new(&path)).unwrap();
            for (seed, kind) in [
                (1, ControllerKind::Ai(crate::play::ai::Level::Normal)),
                (2, ControllerKind::Historical),
            ] {
                let mut g = Game::new(setup.clone(), seed);
                let mut c: Vec<_> = setup.scenario.sides.iter().map(|_| make(kind)).collect();
                let mut r = Replay::new(&setup, seed);
                let mut moves = 0;
                while !g.is_over() {
                    let before: Vec<_> = g.state().armies.iter().map(|a| a.hex).collect();
                    play_turn(&mut g, &mut c, &mut r);
                    moves += g
                        .state()
                        .armies
                        .iter()
                        .zip(&before)
                        .filter(|(a, h)| a.hex != **h)
                        .count();
                    for a in &g.state().armies {
                        let by_scan: Vec<_> = g
                            .state()
                            .armies
                            .iter()
                            .filter(|x| x.is_active() && x.hex == a.hex)
                            .map(|x| x.id)
                            .collect();
                        let by_index: Vec<_> = g.armies_at(a.hex).map(|x| x.id).collect();
                        assert_eq!(by_index, by_scan, "{name} turn {}", g.state().turn);
                    }
                }
                assert!(moves > 0, "{name}: no army moved");
            }
        }
    }
}
