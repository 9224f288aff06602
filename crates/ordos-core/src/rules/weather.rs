//! What the day's weather does beyond battle. A gale (`Wind`, docs/campaigns/rules-plan.md J)
//! wrecks siege engines in the open: Pingxia 1098, "one night a great wind rose from the
//! north-west and broke all the siege carts; the host broke" (Xixia shushi 30,
//! docs/campaigns/pingxia-1098.md). (Its effect on crossbowmen is in `combat`; snow lifting sieges is in
//! `country`.)

use crate::game::Act;
use crate::load::scenario::Weather;
use crate::model::event::Event;
use crate::model::state::ArmyId;

/// A day of weather: in a gale, every army not in a place of its own side loses
/// `wind_engines_lost_pct` of its siege engines (combat.ron).
pub(crate) fn daily(g: &mut Act) {
    if g.ground().weather() != Weather::Wind {
        return;
    }
    let pct = g.rules().combat.wind_engines_lost_pct.min(100);
    for i in 0..g.forces().armies().len() {
        let id = ArmyId(i as u16);
        let a = g.forces().army(id);
        let sheltered = g
            .forces()
            .place_at(a.hex)
            .is_some_and(|p| p.owner == Some(a.side));
        if !a.is_active() || a.siege_engines == 0 || sheltered {
            continue;
        }
        // The fraction of an engine rounded by chance: a single engine is at risk too.
        let engines = g.share(a.siege_engines, pct * 10_000);
        if engines > 0 {
            g.emit(Event::EnginesLost { army: id, engines });
        }
    }
}
