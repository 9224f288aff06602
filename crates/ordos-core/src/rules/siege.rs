//! Sieges, blockades and ambush positions.

use crate::game::{Act, Forces, World};
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, PlaceId};
use crate::order::OrderError;

/// Besiege (`reach` 1: adjacent) or blockade (`reach` 2) an enemy place.
pub(crate) fn check_siege(
    g: Forces,
    army: &Army,
    place: PlaceId,
    reach: u32,
) -> Result<(), OrderError> {
    let p = g
        .places()
        .get(usize::from(place.0))
        .ok_or(OrderError::NoSuchPlace(place))?;
    if army.state == ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    if !p.owner.is_some_and(|o| g.at_war(o, army.side)) {
        return Err(OrderError::NotEnemyPlace);
    }
    let d = army.hex.distance(p.hex);
    if d == 0 || d > reach {
        return Err(if reach == 1 {
            OrderError::NotAdjacent
        } else {
            OrderError::TooFarToBlockade
        });
    }
    if army.besieging == Some(place) && army.siege_close == (reach == 1) {
        return Err(OrderError::Already(ArmyState::Besieging));
    }
    Ok(())
}

pub(crate) fn begin_siege(g: &mut Act, army: ArmyId, place: PlaceId, close: bool) {
    g.emit(Event::SiegeBegun { army, place, close });
}

/// An army may lie hidden only in broken or wooded country, and not in sight of the enemy.
pub(crate) fn check_hide(g: &World, army: &Army) -> Result<(), OrderError> {
    if army.state == ArmyState::Hidden {
        return Err(OrderError::Already(ArmyState::Hidden));
    }
    if army.state == ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    let t = g
        .ground()
        .terrain_at(army.hex)
        .ok_or(OrderError::OffMap { hex: army.hex })?;
    if !t.cover {
        return Err(OrderError::NoCover {
            terrain: t.name.clone(),
        });
    }
    let seen = g.forces().armies().iter().any(|e| {
        e.is_active()
            && g.forces().at_war(e.side, army.side)
            && e.state != ArmyState::Hidden
            && e.hex.distance(army.hex) <= 1
    });
    if seen {
        return Err(OrderError::EnemyInSight);
    }
    Ok(())
}

/// A day of siege: engines built where there is timber, places counting their days under
/// siege and their cisterns, starving garrisons surrendering, and starving besiegers lifting
/// the siege (Lanzhou 1084: "the siege lasted for 10 days before the Tangut army ran out of
/// supplies and was forced to retreat").
pub(crate) fn daily(g: &mut Act) {
    for i in 0..g.forces().armies().len() {
        let a = g.forces().armies()[i].clone();
        let Some(p) = a.besieging else { continue };
        if !a.is_active() {
            continue;
        }
        let id = ArmyId(i as u16);
        if a.days_hungry >= g.rules().combat.lift_siege_hungry_days {
            g.emit(Event::SiegeLifted {
                army: id,
                place: p,
                reason: "out of supplies".into(),
            });
            continue;
        }
        // Gao Zunyu at Lingzhou (1081): no engines can be built where there are no trees.
        let timber = std::iter::once(a.hex)
            .chain(a.hex.neighbours())
            .any(|h| g.ground().terrain_at(h).is_some_and(|t| t.timber));
        if a.siege_close && timber {
            let n = u64::from(a.men.total())
                * u64::from(g.rules().combat.engines_per_10000_men_day)
                / 10_000;
            if n > 0 {
                g.emit(Event::EnginesBuilt {
                    army: id,
                    engines: n as u32,
                });
            }
        }
    }
    for pi in 0..g.forces().places().len() {
        let pid = PlaceId(pi as u16);
        let besieged = g.forces().is_besieged(pid);
        let p = g.forces().place(pid).clone();
        if besieged {
            let cistern = if p.water {
                p.cistern_days
            } else {
                p.cistern_days.saturating_sub(1)
            };
            g.emit(Event::PlaceProvisioned {
                place: pid,
                stores_ge: p.stores_ge,
                cistern_days: cistern,
                days_besieged: p.days_besieged + 1,
            });
        } else if p.days_besieged > 0 {
            g.emit(Event::PlaceProvisioned {
                place: pid,
                stores_ge: p.stores_ge,
                cistern_days: p.cistern_days,
                days_besieged: 0,
            });
        }
        if !besieged {
            continue;
        }
        let c = &g.rules().combat;
        let (hungry, thirsty) = (c.surrender_hungry_days, c.surrender_thirsty_days);
        let garrison: Vec<(ArmyId, u32)> = g
            .forces()
            .armies_at(p.hex)
            .filter(|a| {
                Some(a.side) == p.owner && (a.days_hungry >= hungry || a.days_thirsty >= thirsty)
            })
            .map(|a| (a.id, a.men.total()))
            .collect();
        for (id, men) in &garrison {
            crate::rules::command::surrender(g, *id, *men);
        }
        // Walls no one holds any more — the garrison has surrendered or gone — are the
        // besiegers' (Yinzhou 985: an undefended city falls with its stores).
        let held = g.forces().armies_at(p.hex).any(|a| Some(a.side) == p.owner);
        if !held {
            let besieger = g
                .forces()
                .armies()
                .iter()
                .find(|a| a.is_active() && a.besieging == Some(pid))
                .map(|a| a.side);
            if let Some(side) = besieger {
                let stores_ge = g.forces().place(pid).stores_ge;
                g.emit(Event::PlaceCaptured {
                    place: pid,
                    side,
                    stores_ge,
                });
            }
        }
    }
}
