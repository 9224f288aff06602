//! The war beyond battle: scorched earth, cut wells, cooking fires, forts, floods, levies and
//! convoys. Each rule cites the passage of the accounts it models.

use crate::game::{Act, GE_PER_SHENG, World};
use crate::hex::Hex;
use crate::load::scenario::Weather;
use crate::load::tables::{RiverKind, Rules};
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, PlaceId};
use crate::order::{Order, OrderError};

/// Whether an order of the war beyond battle may be given.
pub(crate) fn check(g: &World, army: &Army, order: &Order) -> Result<(), OrderError> {
    if army.state == ArmyState::Routed
        && !matches!(order, Order::Fires { .. } | Order::Deliver { .. })
    {
        return Err(OrderError::Routed);
    }
    match order {
        Order::Scorch { .. } | Order::Fires { .. } => Ok(()),
        Order::CutWater { place, .. } => {
            let p = g
                .forces()
                .places()
                .get(usize::from(place.0))
                .ok_or(OrderError::NoSuchPlace(*place))?;
            if !p.owner.is_some_and(|o| g.forces().at_war(o, army.side)) {
                return Err(OrderError::NotEnemyPlace);
            }
            if army.hex.distance(p.hex) != 1 {
                return Err(OrderError::NotAdjacent);
            }
            if !p.water {
                return Err(OrderError::NoWaterToCut);
            }
            Ok(())
        }
        Order::BuildFort { .. } => {
            if g.forces().place_at(army.hex).is_some() {
                return Err(OrderError::PlaceHere);
            }
            // Places are numbered in a u16: the frontier has room for 65,535.
            if g.forces().places().len() >= usize::from(u16::MAX) {
                return Err(OrderError::TooManyPlaces);
            }
            if army.building_fort {
                return Err(OrderError::Already(army.state));
            }
            let needed = g.rules().supply.fort_grain_sheng;
            if army.rations_ge < needed * GE_PER_SHENG {
                return Err(OrderError::NoGrainForFort {
                    needed_sheng: needed,
                });
            }
            Ok(())
        }
        Order::BreachDike { .. } => {
            let near = std::iter::once(army.hex)
                .chain(army.hex.neighbours())
                .any(|h| g.ground().river_at(h) == RiverKind::Major);
            if near && !g.ground().river_frozen() {
                Ok(())
            } else {
                Err(OrderError::NoDike)
            }
        }
        Order::Levy { .. } => match g.forces().place_at(army.hex) {
            Some(p) if p.owner == Some(army.side) && p.levy_men > 0 => Ok(()),
            _ => Err(OrderError::NoLevy),
        },
        Order::Deliver { to, .. } => {
            let t = g
                .forces()
                .armies()
                .get(usize::from(to.0))
                .ok_or(OrderError::NoSuchArmy(*to))?;
            if t.side != army.side || !t.is_active() || t.id == army.id {
                return Err(OrderError::NotFriendly);
            }
            // Wang Zhongzheng "quarreled with Chong E over provisions" (1081).
            if g.forces().quarrel(army.id, t.id) {
                return Err(OrderError::Quarrel);
            }
            if army.hex.distance(t.hex) > 1 {
                return Err(OrderError::NotAdjacent);
            }
            if spare_grain(g.rules(), army) == 0 || room_for_grain(g.rules(), t) == 0 {
                return Err(OrderError::NothingToGive);
            }
            Ok(())
        }
        Order::Stock { .. } => match g.forces().place_at(army.hex) {
            Some(p) if p.owner == Some(army.side) => {
                if spare_grain(g.rules(), army) == 0 {
                    Err(OrderError::NothingToGive)
                } else {
                    Ok(())
                }
            }
            _ => Err(OrderError::NotFriendly),
        },
        _ => Ok(()),
    }
}

/// Grain an army can give away and still eat for two days.
pub(crate) fn spare_grain(rules: &Rules, a: &Army) -> u64 {
    let keep = a.mouths() * u64::from(rules.supply.ration_sheng_per_man_day) * GE_PER_SHENG * 2;
    a.rations_ge.saturating_sub(keep)
}

fn room_for_grain(rules: &Rules, a: &Army) -> u64 {
    crate::rules::supply::capacity_ge(rules, a).saturating_sub(a.rations_ge)
}

pub(crate) fn resolve(g: &mut Act, order: &Order) {
    match order {
        Order::Scorch { army } => {
            let at = g.forces().army(*army).hex;
            let hexes: Vec<Hex> = std::iter::once(at)
                .chain(at.neighbours())
                .filter(|h| g.ground().map().contains(*h))
                .collect();
            g.emit(Event::Scorched { army: *army, hexes });
        }
        Order::CutWater { army, place } => g.emit(Event::WaterCut {
            army: *army,
            place: *place,
        }),
        Order::Fires { army, allowed } => g.emit(Event::Fires {
            army: *army,
            allowed: *allowed,
        }),
        Order::BuildFort { army } => g.emit(Event::FortBegun { army: *army }),
        Order::BreachDike { army } => breach(g, *army),
        Order::Levy { army } => levy(g, *army),
        Order::Deliver { army, to } => {
            let (rules, forces) = (g.rules(), g.forces());
            let ge =
                spare_grain(rules, forces.army(*army)).min(room_for_grain(rules, forces.army(*to)));
            g.emit(Event::Grain {
                from: *army,
                to: Some(*to),
                ge,
                taken: false,
            });
        }
        Order::Stock { army } => {
            let ge = spare_grain(g.rules(), g.forces().army(*army));
            if let Some(p) = g
                .forces()
                .place_at(g.forces().army(*army).hex)
                .map(|p| p.id)
            {
                g.emit(Event::Stocked {
                    army: *army,
                    place: p,
                    ge,
                });
            }
        }
        _ => {}
    }
}

/// Lingzhou, 21 December 1081: "Xia forces breached the dikes along the Yellow River and
/// flooded the camps of the two besieging Song armies, forcing them to retreat."
fn breach(g: &mut Act, army: ArmyId) {
    let s = &g.rules().supply;
    let (radius, days) = (s.flood_radius, s.flood_days);
    let at = g.forces().army(army).hex;
    let hexes: Vec<Hex> = (0..g.ground().map().len())
        .map(|i| g.ground().map().hex_at(i))
        .filter(|h| {
            h.distance(at) <= radius
                && g.ground()
                    .terrain_at(*h)
                    .is_some_and(|t| t.low && t.river != RiverKind::Major)
        })
        .collect();
    g.emit(Event::Flooded { army, hexes, days });
}

/// Xia: Yuanhao "levied all able bodied men between 15 and 60"; every two gave a soldier and
/// a porter, who come with their own food.
fn levy(g: &mut Act, army: ArmyId) {
    let a = g.forces().army(army);
    let Some(p) = g.forces().place_at(a.hex) else {
        return;
    };
    let (place, men) = (p.id, p.levy_men);
    let s = &g.rules().supply;
    let soldiers = men * s.levy_soldier_pct.min(100) / 100;
    let porters = men - soldiers;
    let ge = (u64::from(soldiers) * u64::from(a.pack_days) * u64::from(s.ration_sheng_per_man_day)
        + u64::from(porters) * u64::from(s.porter_load_sheng))
        * GE_PER_SHENG;
    g.emit(Event::Levied {
        army,
        place,
        soldiers,
        porters,
        ge,
    });
}

/// A routed army loses part of its baggage to the victor, a surrendering one all of it
/// (Puluo River 996; the millet at Mingsha 1081). What the victor cannot carry is lost.
pub(crate) fn take_baggage(g: &mut Act, loser: ArmyId, victor: ArmyId, all: bool) {
    let pct = if all {
        100
    } else {
        u64::from(g.rules().supply.rout_baggage_pct.min(100))
    };
    let lost = g.forces().army(loser).rations_ge * pct / 100;
    if lost == 0 {
        return;
    }
    let v = g.forces().army(victor);
    let room = if v.is_active() {
        room_for_grain(g.rules(), v)
    } else {
        0
    };
    let taken = lost.min(room);
    if taken > 0 {
        g.emit(Event::Grain {
            from: loser,
            to: Some(victor),
            ge: taken,
            taken: true,
        });
    }
    if lost > taken {
        g.emit(Event::Grain {
            from: loser,
            to: None,
            ge: lost - taken,
            taken: true,
        });
    }
}

/// A day of forts, floods and snow.
pub(crate) fn daily(g: &mut Act) {
    for i in 0..g.forces().armies().len() {
        let id = ArmyId(i as u16);
        let a = g.forces().army(id).clone();
        if !a.is_active() {
            continue;
        }
        if a.building_fort {
            build(g, id, &a);
        }
        if g.ground().land(a.hex).flooded_days > 0 {
            flooded(g, id, &a);
        }
        // Yanzhou 1040: "Yuanhao was forced to lift the siege ... when heavy winter snows set in."
        if let Some(p) = g.forces().army(id).besieging {
            let days = if g.ground().weather() == Weather::Snow {
                a.snow_days + 1
            } else {
                a.snow_days
            };
            if days != a.snow_days {
                g.emit(Event::SnowDays { army: id, days });
            }
            if days >= g.rules().combat.lift_siege_snow_days {
                g.emit(Event::SiegeLifted {
                    army: id,
                    place: p,
                    reason: "heavy snow".into(),
                });
                g.emit(Event::SnowDays { army: id, days: 0 });
            }
        } else if a.snow_days > 0 {
            g.emit(Event::SnowDays { army: id, days: 0 });
        }
    }
    if g.ground().flooded_anywhere() {
        g.emit(Event::FloodsEbb);
    }
}

/// "Advance and fortify" (1097–99): the army's men work; when the work is done and the grain
/// spent, a fort with walls stands on the hex, with water if the hex has it.
fn build(g: &mut Act, id: ArmyId, a: &Army) {
    let s = &g.rules().supply;
    let work = a.fort_work + u64::from(a.men.total()) + u64::from(a.porters);
    if work < s.fort_man_days {
        g.emit(Event::FortWork {
            army: id,
            man_days: work,
        });
        return;
    }
    let grain_ge = s.fort_grain_sheng * GE_PER_SHENG;
    if a.rations_ge < grain_ge {
        g.emit(Event::FortWork {
            army: id,
            man_days: work,
        });
        return;
    }
    let water = g.ground().water_on(a.hex);
    let Ok(n) = u16::try_from(g.forces().places().len()) else {
        return;
    };
    let place = PlaceId(n);
    let key = format!("fort-{}-{}", a.hex.col, a.hex.row);
    let name = format!("Fort at {}", a.hex);
    let walls = s.fort_walls.min(3);
    g.emit(Event::FortBuilt {
        army: id,
        place,
        key,
        name,
        hex: a.hex,
        side: a.side,
        walls,
        water,
        grain_ge,
    });
}

/// Caught in the flood: engines and camp stores swept away, a siege broken.
fn flooded(g: &mut Act, id: ArmyId, a: &Army) {
    if a.siege_engines > 0 {
        g.emit(Event::EnginesLost {
            army: id,
            engines: a.siege_engines,
        });
    }
    if let Some(p) = a.besieging {
        g.emit(Event::SiegeLifted {
            army: id,
            place: p,
            reason: "flooded".into(),
        });
    }
    let spoiled = a.rations_ge / 2;
    if spoiled > 0 {
        g.emit(Event::Grain {
            from: id,
            to: None,
            ge: spoiled,
            taken: false,
        });
    }
}
