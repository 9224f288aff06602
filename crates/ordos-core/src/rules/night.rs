//! The night: marches that slip away through the enemy's lines, and attacks that fall on a camp
//! in the dark (docs/campaigns/rules-plan.md H, I).
//!
//! - Tong'an 1119: "The Tangut army surrounded the Song forces, killing half of them, with the
//!   remaining falling back during the night" (the accounts). A night march may leave and pass
//!   through enemy zones of control, at half the day's allowance, losing stragglers.
//! - Qingzhou 1066: "a night attack by Song forces scattered the Tangut army" (the accounts). A
//!   field army falls on an adjacent enemy in the open — not fortified, not hidden, not behind
//!   walls — with surprise, as a sortie does, at the price of fatigue.

use crate::game::{Act, Forces, LI_M, Paths};
use crate::hex::Hex;
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, Cause};
use crate::order::OrderError;
use crate::rules::combat::{self, Engagement};
use crate::rules::march::{self, Ambush, MarchField, Pace};
use crate::rules::search::{self, Barriers};

/// How far an army can march by night this turn, in li: half its ordinary allowance.
pub fn night_allowance_li(pace: Pace, army: &Army) -> u32 {
    pace.allowance_li(army, false) / 2
}

/// The cheapest way for `army` to `goal` by night: the one march search under the night's
/// barriers (`Barriers::night`: no zones of control; a column still cannot enter a hex an
/// enemy it can see stands on, nor go on past an enemy-held place). Ignores how far it can
/// go this turn.
pub fn night_path(g: &Paths, army: &Army, goal: Hex) -> Option<Vec<Hex>> {
    let map = g.map();
    let (start, target) = (map.index(army.hex)?, map.index(goal)?);
    let b = Barriers::night(g, army);
    let field = search::outward(g, &b, army.hex, u32::MAX, Some(target));
    MarchField::new(start, field).path(map, goal)
}

/// The longest prefix of a night path the army can march this turn.
pub fn truncate_to_night(g: &Paths, pace: Pace, army: &Army, path: &[Hex]) -> Vec<Hex> {
    let budget = night_allowance_li(pace, army).saturating_mul(LI_M);
    let b = Barriers::night(g, army);
    search::prefix_within(g, &b, budget, path)
}

/// Checks a night march; returns its cost in metres.
pub(crate) fn check_march(
    g: &Paths,
    pace: Pace,
    army: &Army,
    path: &[Hex],
) -> Result<u32, OrderError> {
    let allowance = night_allowance_li(pace, army);
    march::check_walk(g, &Barriers::night(g, army), army, path, allowance)
}

/// Marches by night along a checked path, losing stragglers; hidden enemies walked into are
/// returned, for the ambush, as by day.
pub(crate) fn night_march(g: &mut Act, id: ArmyId, path: &[Hex]) -> Option<Ambush> {
    let ambush = march::resolve(g, id, path, false);
    let a = g.forces().army(id);
    if a.is_active() {
        let (men, hex) = (a.men.total(), a.hex);
        let ppm = g.rules().supply.night_march_straggler_ppm;
        let stragglers = g.share(men, ppm);
        if stragglers > 0 {
            g.emit(Event::Attrition {
                army: id,
                hex,
                cause: Cause::Deserted,
                men: stragglers,
                porters: 0,
            });
        }
    }
    ambush
}

/// Whether `army` may fall on `target` by night.
pub(crate) fn check_attack(g: Forces, army: &Army, target: ArmyId) -> Result<(), OrderError> {
    combat::check_attack(g, army, target, false)?;
    let walled = |a: &Army| {
        g.place_at(a.hex)
            .is_some_and(|p| p.walls > 0 && p.owner == Some(a.side))
    };
    if walled(army) {
        return Err(OrderError::NotAFieldArmy);
    }
    let t = g.army(target);
    if matches!(t.state, ArmyState::Fortified | ArmyState::Hidden) {
        return Err(OrderError::NotInTheOpen(t.state));
    }
    if walled(t) {
        return Err(OrderError::BehindWalls);
    }
    Ok(())
}

/// The night attack: a battle with surprise, then the night's fatigue.
pub(crate) fn night_attack(g: &mut Act, army: ArmyId, target: ArmyId) {
    combat::battle(
        g,
        army,
        target,
        Engagement {
            surprise: true,
            sortie: false,
        },
    );
    let a = g.forces().army(army);
    if a.is_active() {
        let fatigue = (a.fatigue + g.rules().combat.night_attack_fatigue).min(100);
        let morale = a.morale;
        g.emit(Event::Spirits {
            army,
            morale,
            fatigue,
        });
    }
}
