//! The historical controller: the commanders' orders from the accounts, by date.

use crate::game::Game;
use crate::load::scenario::StandingOrder;
use crate::model::state::{Army, ArmyId, ArmyState, SideId};
use crate::order::Order;
use crate::play::controller::{Controller, Refusal};
use std::collections::BTreeSet;

/// Plays the commanders' orders from the accounts: each army follows its latest historical
/// order dated on or before today until a newer one replaces it. An order the rules refuse
/// when its day comes is noted (`refusals`), for the after-action report and `ordos validate`.
#[derive(Default)]
pub struct Historical {
    refusals: Vec<Refusal>,
    /// (army, order) pairs already noted, so each refusal is told once.
    noted: BTreeSet<(ArmyId, usize)>,
}

impl Historical {
    /// The army's standing order today and its index in the scenario's list.
    fn standing<'a>(game: &'a Game, army: &Army) -> Option<(usize, &'a StandingOrder)> {
        let name = game.army_name(army.id);
        game.scenario()
            .historical
            .iter()
            .enumerate()
            .filter(|(_, h)| h.army == name && h.date <= game.state().date)
            // The latest by date; of several on one date, the last written.
            .max_by_key(|(i, h)| (h.date, *i))
            .map(|(i, h)| (i, &h.order))
    }

    /// March next to `goal`: to the neighbour of it the army can reach most cheaply (of two
    /// as cheap, the first in direction order). One search serves all six.
    fn approach(game: &Game, army: &Army, goal: crate::hex::Hex, forced: bool) -> Option<Order> {
        if army.hex.is_adjacent(goal) || army.moved {
            return None;
        }
        let (_, _, path) = game.nearest_of(army, &goal.neighbours())?;
        let path = game.truncate_to_turn(army, &path, forced);
        (!path.is_empty()).then_some(Order::Move {
            army: army.id,
            path,
            forced,
        })
    }

    /// Attack the target if it is next to us; when pursuing, march on it first.
    fn engage(game: &Game, army: &Army, target: &str, pursue: Option<bool>) -> Option<Order> {
        let t = game.army(game.army_id(target)?);
        if !game.visible_to(t, army.side) {
            return None;
        }
        let o = if army.hex.is_adjacent(t.hex) {
            Order::Attack {
                army: army.id,
                target: t.id,
            }
        } else {
            Self::approach(game, army, t.hex, pursue?)?
        };
        Some(o)
    }

    /// Lie in ambush; once the ambush is sprung, fall on the nearest enemy next to us.
    fn ambush(game: &Game, army: &Army) -> Option<Order> {
        if army.state == ArmyState::Hidden {
            return None;
        }
        let target = game
            .state()
            .armies
            .iter()
            .filter(|t| {
                game.at_war(t.side, army.side)
                    && game.visible_to(t, army.side)
                    && t.hex.is_adjacent(army.hex)
            })
            .min_by_key(|t| (t.state == ArmyState::Routed, t.id))
            .map(|t| Order::Attack {
                army: army.id,
                target: t.id,
            });
        Some(target.unwrap_or(Order::Hide { army: army.id }))
    }

    /// A routed army falls back on the nearest friendly walls, whatever its orders.
    fn fall_back(game: &Game, army: &Army) -> Option<Order> {
        let home = game
            .state()
            .places
            .iter()
            .filter(|p| p.owner == Some(army.side) && p.hex != army.hex)
            .min_by_key(|p| (p.hex.distance(army.hex), p.id))?;
        // A routed army may not step into an enemy's zone of control: where its walls lie in
        // one, it makes for the hex nearest them that it can reach.
        if army.moved || army.hex == home.hex {
            return None;
        }
        let field = game.march_field_toward(army, &[home.hex]);
        let goal = if field.metres(game.map(), home.hex).is_some() {
            home.hex
        } else {
            (0..game.map().len())
                .map(|i| game.map().hex_at(i))
                .filter(|h| *h != army.hex && field.metres(game.map(), *h).is_some())
                .min_by_key(|h| (h.distance(home.hex), field.metres(game.map(), *h), *h))?
        };
        let path = game.truncate_to_turn(army, &field.path(game.map(), goal)?, false);
        (!path.is_empty()).then_some(Order::Move {
            army: army.id,
            path,
            forced: false,
        })
    }

    /// What the army's standing order of the accounts asks of it today, before the rules
    /// are asked: an order, nothing, or a goal it has no way to reach.
    fn plan(game: &Game, army: &Army, standing: &StandingOrder) -> Plan {
        use Plan::{Give, NoWay, Nothing, Refused};
        let id = army.id;
        let give = |o: Option<Order>| o.map_or(Nothing, Give);
        let march_to = |hex: crate::hex::Hex, forced: bool| {
            if army.hex == hex || army.moved {
                return Nothing;
            }
            let Some(way) = game.find_path(army, hex) else {
                return NoWay(hex);
            };
            let path = game.truncate_to_turn(army, &way, forced);
            give((!path.is_empty()).then_some(Order::Move {
                army: id,
                path,
                forced,
            }))
        };
        let near = |hex: crate::hex::Hex, o: Order| {
            if army.hex.is_adjacent(hex) {
                Give(o)
            } else {
                give(Self::approach(game, army, hex, false))
            }
        };
        // A place already in the army's hands asks nothing more of it.
        let place = |id: &str| {
            game.place_id(id)
                .map(|p| game.place(p))
                .filter(|p| p.owner != Some(army.side))
        };
        match standing {
            StandingOrder::MoveTo { hex, forced } => march_to(*hex, *forced),
            StandingOrder::Withdraw { hex } => {
                if army.besieging.is_some() {
                    return Give(Order::LiftSiege { army: id });
                }
                march_to(*hex, false)
            }
            StandingOrder::Pursue { .. } | StandingOrder::Attack { .. } if army.attacked => Nothing,
            StandingOrder::Pursue {
                army: target,
                forced,
            } => give(Self::engage(game, army, target, Some(*forced))),
            StandingOrder::Attack { army: target } => give(Self::engage(game, army, target, None)),
            StandingOrder::Hide => give(Self::ambush(game, army)),
            StandingOrder::Hold => {
                give((army.state == ArmyState::Marching).then_some(Order::Hold { army: id }))
            }
            // Orders already carried out ask nothing more of the army today.
            StandingOrder::Fortify if army.state == ArmyState::Fortified => Nothing,
            StandingOrder::Fortify => Give(Order::Fortify { army: id }),
            StandingOrder::Besiege { place: p } => match place(p) {
                Some(p) if army.besieging == Some(p.id) && army.siege_close => Nothing,
                Some(p) => near(
                    p.hex,
                    Order::Besiege {
                        army: id,
                        place: p.id,
                    },
                ),
                None => Nothing,
            },
            StandingOrder::Assault { .. } if army.attacked => Nothing,
            StandingOrder::Assault { place: p } => match place(p) {
                Some(p) => near(
                    p.hex,
                    Order::Assault {
                        army: id,
                        place: p.id,
                    },
                ),
                None => Nothing,
            },
            StandingOrder::Blockade { place: p } => match place(p) {
                Some(p) if army.besieging == Some(p.id) => Nothing,
                Some(p) if army.hex.distance(p.hex) <= 2 && army.hex != p.hex => {
                    Give(Order::Blockade {
                        army: id,
                        place: p.id,
                    })
                }
                Some(p) => give(Self::approach(game, army, p.hex, false)),
                None => Nothing,
            },
            StandingOrder::Scorch if !game.land(army.hex).scorched => {
                Give(Order::Scorch { army: id })
            }
            StandingOrder::BreachDike
                if std::iter::once(army.hex)
                    .chain(army.hex.neighbours())
                    .all(|h| game.land(h).flooded_days == 0) =>
            {
                Give(Order::BreachDike { army: id })
            }
            StandingOrder::CutWater { place: p } => match place(p) {
                Some(p) if p.water => near(
                    p.hex,
                    Order::CutWater {
                        army: id,
                        place: p.id,
                    },
                ),
                // Never had any (not cut already: that order was carried out).
                Some(p)
                    if game
                        .scenario()
                        .places
                        .iter()
                        .any(|d| d.id == p.key && !d.water) =>
                {
                    Refused(format!(
                        "`{}` has no wells or spring to cut (its water: false)",
                        game.place_name(p.id)
                    ))
                }
                _ => Nothing,
            },
            StandingOrder::BuildFort if !army.building_fort => Give(Order::BuildFort { army: id }),
            StandingOrder::Fires { allowed } if army.no_fires == *allowed => Give(Order::Fires {
                army: id,
                allowed: *allowed,
            }),
            StandingOrder::Levy if game.place_at(army.hex).is_some_and(|p| p.levy_men > 0) => {
                Give(Order::Levy { army: id })
            }
            // Levied already (the place has no more men to give), or never at a place to
            // levy from: the second is an order that cannot be carried out, and says so.
            StandingOrder::Levy => match game.place_at(army.hex) {
                Some(_) => Nothing,
                None => Refused(format!(
                    "`{}` is not in a town or camp at {}: men are levied in a place of its side",
                    game.army_name(army.id),
                    army.hex
                )),
            },
            StandingOrder::Scorch
            | StandingOrder::BreachDike
            | StandingOrder::BuildFort
            | StandingOrder::Fires { .. } => Nothing,
            StandingOrder::Sortie => {
                // The nearest besieger next to the walls; once, while there is one.
                let target = game
                    .state()
                    .armies
                    .iter()
                    .filter(|t| {
                        game.at_war(t.side, army.side)
                            && game.visible_to(t, army.side)
                            && t.hex.is_adjacent(army.hex)
                    })
                    .min_by_key(|t| (t.state != ArmyState::Besieging, t.id));
                give(target.filter(|_| !army.attacked).map(|t| Order::Sortie {
                    army: id,
                    target: t.id,
                }))
            }
            StandingOrder::LiftSiege => give(army.besieging.map(|_| Order::LiftSiege { army: id })),
            StandingOrder::Deliver { to } => {
                let Some(t) = game.army_id(to).map(|t| game.army(t)) else {
                    return Nothing;
                };
                if !t.is_active() {
                    return Refused(format!(
                        "`{}`, to be given grain, is no longer in the field",
                        game.army_name(t.id)
                    ));
                }
                if army.hex.distance(t.hex) <= 1 {
                    // Once: what it can spare goes, and it has nothing more to give.
                    let spare = crate::rules::country::spare_grain(game.rules(), army) > 0;
                    give(spare.then_some(Order::Deliver { army: id, to: t.id }))
                } else {
                    give(Self::approach(game, army, t.hex, false))
                }
            }
            StandingOrder::Stock => {
                let spare = crate::rules::country::spare_grain(game.rules(), army) > 0;
                give(spare.then_some(Order::Stock { army: id }))
            }
            // Once: a commander who has run (or fallen) runs no more.
            StandingOrder::Flee => give(army.leader.present().then_some(Order::Flee { army: id })),
            StandingOrder::Recruit => {
                let men = game
                    .place_at(army.hex)
                    .filter(|p| p.owner == Some(army.side))
                    .map_or(0, |p| game.recruits(p));
                give((men > 0 && !army.recruited).then_some(Order::Recruit { army: id }))
            }
            StandingOrder::Plunder if !game.land(army.hex).scorched => {
                Give(Order::Plunder { army: id })
            }
            StandingOrder::Plunder => Nothing,
            StandingOrder::NightMarch { hex } => {
                if army.moved || army.hex == *hex {
                    return Nothing;
                }
                match game.night_path(army, *hex) {
                    None => NoWay(*hex),
                    Some(path) => {
                        let path = game.truncate_to_night(army, &path);
                        give((!path.is_empty()).then_some(Order::NightMarch { army: id, path }))
                    }
                }
            }
            StandingOrder::NightAttack { .. } if army.attacked => Nothing,
            StandingOrder::NightAttack { army: target } => {
                let Some(t) = game.army_id(target).map(|t| game.army(t)) else {
                    return Nothing;
                };
                if !game.visible_to(t, army.side) {
                    Nothing
                } else if army.hex.is_adjacent(t.hex) {
                    Give(Order::NightAttack {
                        army: id,
                        target: t.id,
                    })
                } else {
                    give(Self::approach(game, army, t.hex, false))
                }
            }
        }
    }

    /// Today's order for an army: its standing order of the accounts (or, routed, falling
    /// back on its walls), checked by the rules; a refusal is noted, once per order.
    fn order_for(&mut self, game: &Game, army: &Army) -> Option<Order> {
        if army.state == ArmyState::Routed {
            return Self::fall_back(game, army).filter(|o| game.check(army.side, o).is_ok());
        }
        let (index, standing) = Self::standing(game, army)?;
        // An army out of food gives up a siege and goes home (Lanzhou 1084: the Tangut army
        // "ran out of supplies and was forced to retreat"); the rules lift the siege itself.
        let sieging = matches!(
            standing,
            StandingOrder::Besiege { .. } | StandingOrder::Assault { .. }
        );
        if sieging && army.days_hungry > 0 && army.besieging.is_none() {
            return Self::fall_back(game, army).filter(|o| game.check(army.side, o).is_ok());
        }
        // Qingzhou 1066: "Yizong was wounded by a crossbow and forced to retreat" — a fallen
        // ruler's army gives up the offensive and falls back on its walls.
        let offensive = matches!(
            standing,
            StandingOrder::Besiege { .. }
                | StandingOrder::Assault { .. }
                | StandingOrder::Blockade { .. }
                | StandingOrder::Attack { .. }
                | StandingOrder::Pursue { .. }
                | StandingOrder::NightAttack { .. }
                | StandingOrder::Sortie
        );
        if offensive && game.ruler_fallen(army) {
            return Self::fall_back(game, army).filter(|o| game.check(army.side, o).is_ok());
        }
        let refused = match Self::plan(game, army, standing) {
            Plan::Give(o) => match game.check(army.side, &o) {
                Ok(()) => return Some(o),
                Err(e) => e.to_string(),
            },
            Plan::Nothing => return None,
            Plan::NoWay(hex) => {
                format!("no way to {hex}: every road there is barred or impassable")
            }
            Plan::Refused(why) => why,
        };
        if self.noted.insert((army.id, index)) {
            self.refusals.push(Refusal {
                date: game.state().date,
                army: army.id,
                order: index,
                reason: refused,
            });
        }
        None
    }
}

/// What a standing order asks of an army today.
enum Plan {
    Give(Order),
    Nothing,
    NoWay(crate::hex::Hex),
    /// An order that cannot be carried out, for this reason (reported like a refusal of the
    /// rules: in `sim`'s report, and by `validate` at the order's line).
    Refused(String),
}

impl Controller for Historical {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order> {
        let armies: Vec<Army> = game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
            .cloned()
            .collect();
        armies
            .iter()
            .filter_map(|a| self.order_for(game, a))
            .collect()
    }

    fn refusals(&self) -> &[Refusal] {
        &self.refusals
    }
}
