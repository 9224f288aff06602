//! Plunder (docs/campaigns/rules-plan.md G). Tsongkha 1105: "Failing to take major cities, the
//! Tangut forces went on a rampage, killing tens of thousands of local civilians" (the
//! accounts); "they surround the forts so that the garrisons cannot come out, then plunder the
//! people and the herds and dig up the grain pits" (Xixia shushi, docs/campaigns/tsongkha-1105.md). An army
//! strips its hex and the six around it: it takes the grain of `plunder_days` days of that
//! country's forage and leaves it scorched, and the grain taken is counted (the `Plunder`
//! condition).

use crate::game::{Act, Ground, World};
use crate::hex::Hex;
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState};
use crate::order::OrderError;

/// The grain, in ge, the army would take by plundering the country around it today: on each of
/// its hex and the six next to it, what its men would forage there in `plunder_days` days — but
/// no more than the country holds, which is what `forage_exhaust_man_days` man-days of foraging
/// would strip. Scorched, flooded and stripped country gives nothing.
pub fn plunder_ge(g: &World, army: &Army) -> u64 {
    let s = &g.rules().supply;
    let ground = g.ground();
    let man_days = (u64::from(army.men.total()) * u64::from(s.plunder_days))
        .min(u64::from(s.forage_exhaust_man_days));
    plunder_hexes(ground, army.hex)
        .iter()
        // forage_per_man_ge is in hundredths of a ge.
        .map(|h| {
            crate::rules::supply::forage_per_man_ge(ground, *h, ground.season()) * man_days / 100
        })
        .sum()
}

/// The army's hex and the six next to it, those on the map.
fn plunder_hexes(g: Ground, at: Hex) -> Vec<Hex> {
    std::iter::once(at)
        .chain(at.neighbours())
        .filter(|h| g.map().contains(*h))
        .collect()
}

pub(crate) fn check(army: &Army) -> Result<(), OrderError> {
    if army.state == ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    Ok(())
}

pub(crate) fn resolve(g: &mut Act, army: ArmyId) {
    let a = g.forces().army(army);
    let ge = plunder_ge(&g.world(), a);
    let hexes = plunder_hexes(g.ground(), a.hex);
    g.emit(Event::Plundered { army, hexes, ge });
}
