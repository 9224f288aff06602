//! Playing a game to the end headless, and what it came to.

use crate::controller::Controller;
use crate::game::Game;
use crate::replay::{hex_hash, Replay, TurnRecord};
use crate::state::{ArmyState, Cause, Losses, SideId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rounds of orders a side may give in one turn (each reacting to the last).
const ROUNDS: usize = 4;
/// A guard against a scenario whose end never comes.
const MAX_TURNS: u32 = 5000;

/// Plays one turn: each side in turn order gives its orders, then the days pass.
pub fn play_turn(game: &mut Game, controllers: &mut [Box<dyn Controller>], record: &mut Replay) {
    let turn = game.state.turn;
    let mut orders = Vec::new();
    let order: Vec<SideId> = game.scenario.turn_order.iter().filter_map(|s| game.side_id(s)).collect();
    for side in order {
        let Some(ctrl) = controllers.get_mut(usize::from(side.0)) else { continue };
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
    }
    game.end_turn();
    record.turns.push(TurnRecord { turn, orders, hash: hex_hash(game.state_hash()) });
}

/// Plays to the end. `controllers` has one per side, in the scenario's side order.
pub fn play(game: &mut Game, controllers: &mut [Box<dyn Controller>]) -> Replay {
    let mut record = Replay::new(&game.scenario, game.seed);
    while !game.is_over() && game.state.turn < MAX_TURNS {
        play_turn(game, controllers, &mut record);
    }
    record
}

#[derive(Clone, Debug, Serialize)]
pub struct SideSummary {
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
}

pub fn summarize(game: &Game) -> Summary {
    let sides = (0..game.scenario.sides.len())
        .map(|i| {
            let (men_start, men_end, losses) = game.side_totals(SideId(i as u8));
            (game.scenario.sides[i].id.clone(), SideSummary { men_start, men_end, losses })
        })
        .collect();
    let places = game
        .state
        .places
        .iter()
        .map(|p| (game.place_name(p.id).to_string(), p.owner.map_or("none".to_string(), |s| game.side_name(s).to_string())))
        .collect();
    let armies = game
        .state
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
    let (winner, reason) = match &game.state.over {
        Some(o) => (o.winner.map_or("draw".to_string(), |s| game.side_name(s).to_string()), o.reason.clone()),
        None => ("draw".to_string(), "unfinished".to_string()),
    };
    Summary {
        scenario: game.scenario.id.clone(),
        seed: game.seed,
        turns: game.state.turn,
        end_date: game.state.date.to_string(),
        winner,
        reason,
        sides,
        places,
        armies,
        state_hash: hex_hash(game.state_hash()),
    }
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A readable after-action report.
pub fn report(game: &Game) -> String {
    let s = summarize(game);
    let mut out = String::new();
    out.push_str(&format!("{} — seed {}\n", game.scenario.title, s.seed));
    out.push_str(&format!("Ended {} after {} turns. Winner: {} ({}).\n", s.end_date, s.turns, s.winner, s.reason));
    for (i, side) in game.scenario.sides.iter().enumerate() {
        let (start, end, losses) = game.side_totals(SideId(i as u8));
        if start == 0 {
            continue;
        }
        out.push_str(&format!("\n{}: {} men at the start, {} at the end.\n", side.name, thousands(start), thousands(end)));
        for a in game.state.armies.iter().filter(|a| usize::from(a.side.0) == i && a.state != ArmyState::Awaiting) {
            let def = &game.scenario.armies[usize::from(a.id.0)];
            let at = game.place_at(a.hex).map_or(format!("hex {}", a.hex), |p| game.scenario.places[usize::from(p.id.0)].name.clone());
            out.push_str(&format!("  {} ({}): {} of {} men, {:?}, at {}.\n", def.name, def.commander, thousands(a.men.total()), thousands(a.men_start), a.state, at));
            for c in Cause::ALL {
                let n = a.losses.get(c);
                if n > 0 {
                    out.push_str(&format!("    {} {} near {}.\n", thousands(n), c.describe(), at));
                }
            }
        }
        if losses.total() == 0 {
            out.push_str("  No losses.\n");
        }
    }
    out.push_str("\nPlaces: ");
    out.push_str(&s.places.iter().map(|(p, o)| format!("{p} ({o})")).collect::<Vec<_>>().join(", "));
    out.push('\n');
    if !game.scenario.historical_outcome.is_empty() {
        out.push_str(&format!("\nIn history: {}\n", game.scenario.historical_outcome));
    }
    out
}
