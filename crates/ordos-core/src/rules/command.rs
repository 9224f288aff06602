//! Command: the commanders of the armies. Leaders who fall in battle, are taken in a rout or a
//! surrender, or run; rulers whose fall shakes their whole side; commanders who quarrel and will
//! not work together (docs/campaigns/rules-plan.md A, B, E).

use crate::game::{Act, Forces};
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, Leader};
use crate::order::{Order, OrderError};

/// The orders an army whose ruler has fallen may no longer give.
pub(crate) fn check_ruler(g: Forces, army: &Army, order: &Order) -> Result<(), OrderError> {
    let offensive = matches!(
        order,
        Order::Attack { .. }
            | Order::Sortie { .. }
            | Order::NightAttack { .. }
            | Order::Assault { .. }
            | Order::Besiege { .. }
            | Order::Blockade { .. }
    );
    if offensive && g.ruler_fallen(army) {
        return Err(OrderError::RulerFallen);
    }
    Ok(())
}

/// Only a commander still with his army can run from it.
pub(crate) fn check_flee(army: &Army) -> Result<(), OrderError> {
    if army.leader.present() {
        Ok(())
    } else {
        Err(OrderError::LeaderGone(army.leader))
    }
}

/// Dingchuan 1042: "The defending commander Ge Huaimin lost his nerve and decided to run,
/// abandoning his 19,000 troops to be slaughtered." What becomes of the army then is the
/// rules': it fights leaderless.
pub(crate) fn flee(g: &mut Act, army: ArmyId) {
    let cost = g.rules().combat.leader_flees_morale;
    fall(g, army, Leader::Fled, cost);
}

/// A commander falls: the event, the morale it costs his army and, for a ruler, every army of
/// his side; a fallen ruler's army gives up its siege.
fn fall(g: &mut Act, army: ArmyId, fate: Leader, cost: u32) {
    g.emit(Event::LeaderFell { army, fate });
    lose_heart(g, army, cost);
    if !g.forces().is_ruler(army) {
        return;
    }
    let side = g.forces().army(army).side;
    let ruler_cost = g.rules().combat.ruler_fall_morale;
    for i in 0..g.forces().armies().len() {
        let id = ArmyId(i as u16);
        let a = g.forces().army(id);
        if a.side == side && a.is_active() {
            lose_heart(g, id, ruler_cost);
        }
    }
    if let Some(place) = g.forces().army(army).besieging
        && g.forces().army(army).is_active()
    {
        g.emit(Event::SiegeLifted {
            army,
            place,
            reason: "the ruler has fallen".into(),
        });
    }
}

/// Morale lost, as an event (nothing if there is nothing to lose).
fn lose_heart(g: &mut Act, id: ArmyId, cost: u32) {
    let a = g.forces().army(id);
    if cost == 0 || a.morale == 0 || !a.is_active() {
        return;
    }
    let (morale, fatigue) = (a.morale.saturating_sub(cost), a.fatigue);
    g.emit(Event::Spirits {
        army: id,
        morale,
        fatigue,
    });
}

/// After a battle, each army that fought may lose its commander, wounded or killed, with a
/// chance growing with the share of its men lost (combat.ron). `fought`: each army with its men
/// before the battle and the men it lost. Armies destroyed or surrendered are past caring.
pub(crate) fn after_battle(g: &mut Act, fought: &[(ArmyId, u32, u32)]) {
    for &(id, men, lost) in fought {
        let a = g.forces().army(id);
        if !a.is_active() || !a.leader.present() {
            continue;
        }
        let c = &g.rules().combat;
        let loss_pct = u64::from(lost) * 100 / u64::from(men.max(1));
        let chance = (u64::from(c.leader_hit_ppm)
            + u64::from(c.leader_hit_ppm_per_loss_pct) * loss_pct)
            .min(1_000_000) as u32;
        let killed_pct = c.leader_killed_pct;
        if g.roll(1_000_000) >= chance {
            continue;
        }
        let fate = if g.roll(100) < killed_pct {
            Leader::Killed
        } else {
            Leader::Wounded
        };
        // A wounded commander hit again and only wounded again is no new news.
        if fate == g.forces().army(id).leader {
            continue;
        }
        let cost = g.rules().combat.leader_fall_morale;
        fall(g, id, fate, cost);
    }
}

/// A routed army's commander may be taken in the pursuit (Sanchuan 1040: "Liu Ping was taken
/// captive").
pub(crate) fn rout_capture(g: &mut Act, id: ArmyId) {
    let a = g.forces().army(id);
    if !a.is_active() || !a.leader.present() {
        return;
    }
    let pct = g.rules().combat.leader_rout_capture_pct;
    if g.roll(100) < pct {
        let cost = g.rules().combat.leader_fall_morale;
        fall(g, id, Leader::Captured, cost);
    }
}

/// An army surrenders, its commander with it.
pub(crate) fn surrender(g: &mut Act, id: ArmyId, men: u32) {
    if g.forces().army(id).leader.present() && g.forces().army(id).state != ArmyState::Destroyed {
        // His men go with him into captivity: only his side feels it (a ruler's fall).
        fall(g, id, Leader::Captured, 0);
    }
    g.emit(Event::Surrendered { army: id, men });
}
