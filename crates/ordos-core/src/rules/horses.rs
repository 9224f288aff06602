//! Horses: an army's horses need grazing. Where there is none — country without it, or scorched
//! or flooded — they die, the spare horses first; a horseman whose horse dies goes on foot
//! (docs/campaigns/rules-plan.md D). Helan 1044: the Xia "each time burned the land bare; the
//! Liao horses had nothing to eat" (Song Shi 485, docs/campaigns/helan-1044.md).

use crate::game::{Act, Ground};
use crate::hex::Hex;
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId};

/// Whether horses find grazing on a hex today: the country has it and is neither scorched nor
/// under water.
pub fn grazing_at(g: Ground, h: Hex) -> bool {
    let land = g.land(h);
    g.terrain_at(h).is_some_and(|t| t.grazing) && !land.scorched && land.flooded_days == 0
}

/// Every horse with the army: the horsemen's own and the spare ones (not pack animals).
pub fn horses(a: &Army) -> u32 {
    a.men.mounted().saturating_add(a.spare_horses)
}

/// A day of horses: on every hex without grazing, an army loses `horse_death_no_grazing_ppm`
/// of its horses (supply.ron), spare ones first, then the horsemen's own in proportion to the
/// light and heavy horse.
pub(crate) fn daily(g: &mut Act) {
    for i in 0..g.forces().armies().len() {
        let id = ArmyId(i as u16);
        let a = g.forces().army(id);
        if !a.is_active() || horses(a) == 0 || grazing_at(g.ground(), a.hex) {
            continue;
        }
        let (spare_had, light_had, heavy_had) =
            (a.spare_horses, a.men.light_horse, a.men.heavy_horse);
        let ppm = g.rules().supply.horse_death_no_grazing_ppm;
        let dead = g.share(horses(g.forces().army(id)), ppm);
        let spare = dead.min(spare_had);
        let mounts = dead - spare;
        let mounted = light_had + heavy_had;
        // The heavy horse lose their share rounded down; the light horse the rest.
        let heavy = if mounted == 0 {
            0
        } else {
            (u64::from(mounts) * u64::from(heavy_had) / u64::from(mounted)) as u32
        };
        let light = (mounts - heavy).min(light_had);
        if spare + light + heavy > 0 {
            g.emit(Event::Dismounted {
                army: id,
                light,
                heavy,
                spare,
            });
        }
    }
}
