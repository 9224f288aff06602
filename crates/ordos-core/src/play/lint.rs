//! Warnings that need the game itself: playing a scenario's history through once to find the
//! historical orders the rules refuse when their day comes, and asking the march search
//! whether a side's armies can reach the places its conditions name in the time there is.
//! Each warning is given at the line of the file it is about.

use crate::game::{Game, LI_M};
use crate::load::Setup;
use crate::load::diagnostic::{Diagnostic, Findings};
use crate::load::locate::Seg::{Field, Index};
use crate::load::scenario::Condition;
use crate::play::controller::Controller;
use crate::play::kinds::{ControllerKind, make};
use crate::play::replay::Replay;
use crate::play::sim::play_turn;
use std::sync::Arc;

/// The seed the history is played through on (any seed would do; weather and luck may make an
/// order refused on one seed and carried out on another, so this is a warning, not an error).
const SEED: u64 = 1;

/// The warnings that need a game, for a scenario loaded from `file` (with its `text`, to give
/// each at its line).
pub fn lint(setup: &Arc<Setup>, file: &str, text: Option<&str>) -> Vec<Diagnostic> {
    let mut f = Findings::new(file, text);
    refused_orders(setup, &mut f);
    out_of_reach(setup, &mut f);
    f.found
}

/// Plays the history through and warns at every order the rules refused.
fn refused_orders(setup: &Arc<Setup>, f: &mut Findings) {
    let s = &setup.scenario;
    let mut game = Game::new(setup.clone(), SEED);
    let mut controllers: Vec<Box<dyn Controller>> = s
        .sides
        .iter()
        .map(|_| make(ControllerKind::Historical))
        .collect();
    let mut record = Replay::new(setup, SEED);
    while !game.is_over() && game.state().turn < 5000 {
        play_turn(&mut game, &mut controllers, &mut record);
    }
    let mut refusals: Vec<_> = controllers
        .iter()
        .flat_map(|c| c.refusals().to_vec())
        .collect();
    refusals.sort_by_key(|r| r.order);
    for r in refusals {
        let h = &s.historical[r.order];
        f.warn(
            &[Field("historical"), Index(r.order), Field("order")],
            "order-refused",
            format!(
                "on {}, `{}` could not carry out this order: {} (found by playing the history through on seed {SEED})",
                r.date, h.army, r.reason
            ),
        );
    }
}

/// Warns where a place a side's conditions want it to take, hold, relieve or supply lies
/// beyond the forced marches of all its armies in the scenario's time.
fn out_of_reach(setup: &Arc<Setup>, f: &mut Findings) {
    let s = &setup.scenario;
    let game = Game::new(setup.clone(), SEED);
    let days = u64::try_from(s.start.days_until(s.end) + 1).unwrap_or(0);
    for (i, v) in s.victory.iter().enumerate() {
        let (Some(place), _, _) = v.condition.refs() else {
            continue;
        };
        if matches!(v.condition, Condition::TakeStores { .. }) {
            // Stores can also be eaten to nothing by a siege at a distance.
            continue;
        }
        let (Some(side), Some(p)) = (game.side_id(&v.side), game.place_id(place)) else {
            continue;
        };
        if game.place(p).owner == Some(side) {
            continue;
        }
        let goal = game.place(p).hex;
        let reachable = game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.state != crate::model::state::ArmyState::Destroyed)
            .any(|a| can_reach(&game, a, goal, days));
        if !reachable {
            f.warn(
                &[Field("victory"), Index(i), Field("condition")],
                "objective-out-of-reach",
                format!(
                    "no army of `{}` can reach `{place}` at {goal} in the scenario's {days} days, even by forced marches: the condition cannot be met",
                    v.side
                ),
            );
        }
    }
}

/// Whether the army could get within two hexes of `goal` by forced marches in `days`, by the
/// ways open at the start (two hexes: a besieged place's neighbours may all be held).
fn can_reach(game: &Game, a: &crate::model::state::Army, goal: crate::hex::Hex, days: u64) -> bool {
    if a.hex.distance(goal) <= 2 {
        return true;
    }
    let per_day = u64::from(game.allowance_li(a, true).max(1)) * u64::from(LI_M)
        / u64::from(game.scenario().turn_days.max(1));
    let field = game.march_field(a);
    (0..game.map().len())
        .map(|i| game.map().hex_at(i))
        .filter(|h| h.distance(goal) <= 2)
        .filter_map(|h| field.metres(game.map(), h))
        .any(|m| u64::from(m) <= per_day.saturating_mul(days))
}
