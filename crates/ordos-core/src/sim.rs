//! Playing a game to the end headless, and what it came to.

use crate::controller::Controller;
use crate::event::Event;
use crate::game::Game;
use crate::hex::Hex;
use crate::order::Order;
use crate::replay::{Replay, TurnRecord, hex_hash};
use crate::state::{ArmyState, Cause, Losses, SideId};
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
    let turn = game.state.turn;
    let mut orders = Vec::new();
    let order: Vec<SideId> = game
        .scenario
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
    let mut record = Replay::new(&game.scenario, game.seed);
    while !game.is_over() && game.state.turn < MAX_TURNS {
        play_turn(game, controllers, &mut record);
    }
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
}

pub fn summarize(game: &Game) -> Summary {
    let points = crate::victory::points_by_side(game);
    let sides = (0..game.scenario.sides.len())
        .map(|i| {
            let (men_start, men_end, losses) = game.side_totals(SideId(i as u8));
            (
                game.scenario.sides[i].id.clone(),
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
        .state
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
        Some(o) => (
            o.winner
                .map_or("draw".to_string(), |s| game.side_name(s).to_string()),
            o.reason.clone(),
        ),
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
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where an army lost most of its men to each cause (from the event log).
fn loss_sites(game: &Game, army: crate::state::ArmyId) -> BTreeMap<Cause, Hex> {
    let mut by: BTreeMap<(Cause, Hex), u32> = BTreeMap::new();
    let mut add = |c: Cause, h: Hex, n: u32| *by.entry((c, h)).or_default() += n;
    for (_, _, e) in &game.log {
        match e {
            Event::Attrition {
                army: a,
                hex,
                cause,
                men,
                ..
            } if *a == army => add(*cause, *hex, *men),
            Event::Battle {
                attacker,
                defender,
                hex,
                attacker_losses,
                defender_losses,
                supporting,
                ..
            } => {
                let mine = if *attacker == army {
                    Some(attacker_losses)
                } else if *defender == army {
                    Some(defender_losses)
                } else {
                    supporting
                        .iter()
                        .find(|s| s.army == army)
                        .map(|s| &s.losses)
                };
                if let Some(l) = mine {
                    for c in Cause::ALL {
                        add(c, *hex, l.get(c));
                    }
                }
            }
            Event::Surrendered { army: a, men } if *a == army => {
                add(Cause::Captured, game.army(army).hex, *men)
            }
            _ => {}
        }
    }
    let mut best: BTreeMap<Cause, (u32, Hex)> = BTreeMap::new();
    for ((c, h), n) in by {
        if best.get(&c).is_none_or(|b| n > b.0) {
            best.insert(c, (n, h));
        }
    }
    best.into_iter().map(|(c, (_, h))| (c, h)).collect()
}

/// A hex in words: at or near a place, near a named feature, or its coordinates.
pub fn describe_hex(game: &Game, h: Hex) -> String {
    let place = game
        .scenario
        .places
        .iter()
        .min_by_key(|p| (p.hex.distance(h), p.id.clone()));
    if let Some(p) = place.filter(|p| p.hex.distance(h) <= 2) {
        return if p.hex == h {
            format!("at {}", p.name)
        } else {
            format!("near {}", p.name)
        };
    }
    let label = game
        .scenario
        .map
        .labels
        .iter()
        .min_by_key(|(lh, name)| (lh.distance(h), name.clone()));
    if let Some((_, name)) = label.filter(|(lh, _)| lh.distance(h) <= 3) {
        return format!("near {name}");
    }
    format!("in the field at {h}")
}

/// A readable after-action report.
pub fn report(game: &Game) -> String {
    let s = summarize(game);
    let mut out = String::new();
    out.push_str(&format!("{} — seed {}\n", game.scenario.title, s.seed));
    out.push_str(&format!(
        "Ended {} after {} turns. Winner: {} ({}).\n",
        s.end_date, s.turns, s.winner, s.reason
    ));
    for (i, side) in game.scenario.sides.iter().enumerate() {
        let (start, end, losses) = game.side_totals(SideId(i as u8));
        if start == 0 {
            continue;
        }
        out.push_str(&format!(
            "\n{}: {} men at the start, {} at the end.\n",
            side.name,
            thousands(start),
            thousands(end)
        ));
        for a in game
            .state
            .armies
            .iter()
            .filter(|a| usize::from(a.side.0) == i && a.state != ArmyState::Awaiting)
        {
            let def = &game.scenario.armies[usize::from(a.id.0)];
            let state = format!("{:?}", a.state).to_lowercase();
            out.push_str(&format!(
                "  {} ({}): {} of {} men, {state}, {}.\n",
                def.name,
                def.commander,
                thousands(a.men.total()),
                thousands(a.men_start),
                describe_hex(game, a.hex)
            ));
            let sites = loss_sites(game, a.id);
            for c in Cause::ALL {
                let n = a.losses.get(c);
                if n > 0 {
                    let at = sites.get(&c).map_or(String::new(), |h| {
                        format!(", most {}", describe_hex(game, *h))
                    });
                    out.push_str(&format!("    {} {}{at}.\n", thousands(n), c.describe()));
                }
            }
        }
        if losses.total() == 0 {
            out.push_str("  No losses.\n");
        }
    }
    out.push_str("\nPlaces: ");
    out.push_str(
        &s.places
            .iter()
            .map(|(p, o)| format!("{p} ({o})"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push('\n');
    if !game.scenario.historical_outcome.is_empty() {
        out.push_str(&format!(
            "\nIn history: {}\n",
            game.scenario.historical_outcome
        ));
    }
    out
}
