//! Who gives a side its orders: a player, the scenario's historical orders, or the AI.

use crate::game::Game;
use crate::order::Order;
use crate::scenario::StandingOrder;
use crate::state::{Army, ArmyState, SideId};
use serde::{Deserialize, Serialize};

/// The kinds of controller the CLI and menus offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControllerKind {
    /// Holds every army where it stands.
    Idle,
    /// Plays the scenario's historical orders.
    Historical,
    /// The AI (`ai`, `ai-easy`).
    Ai(crate::ai::Level),
    /// The baseline the AI is measured against: marches on the nearest enemy and attacks.
    Greedy,
}

impl ControllerKind {
    /// Every kind, in the order the menus cycle through them.
    pub const ALL: [ControllerKind; 5] = [
        ControllerKind::Historical,
        ControllerKind::Ai(crate::ai::Level::Normal),
        ControllerKind::Ai(crate::ai::Level::Easy),
        ControllerKind::Greedy,
        ControllerKind::Idle,
    ];

    /// The name the CLI takes and the menus show.
    pub fn name(self) -> &'static str {
        match self {
            ControllerKind::Idle => "idle",
            ControllerKind::Historical => "historical",
            ControllerKind::Ai(crate::ai::Level::Easy) => "ai-easy",
            ControllerKind::Ai(crate::ai::Level::Normal) => "ai",
            ControllerKind::Greedy => "greedy",
        }
    }
}

impl std::str::FromStr for ControllerKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ControllerKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ControllerKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown controller `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// Gives orders for one side. Called repeatedly in a turn until it has nothing more to say,
/// so it can react to what its earlier orders caused (an ambush, a retreat).
pub trait Controller: Send + Sync {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order>;
}

pub struct Idle;

impl Controller for Idle {
    fn orders(&mut self, _: &Game, _: SideId) -> Vec<Order> {
        Vec::new()
    }
}

/// Plays the commanders' orders from the accounts: each army follows its latest historical
/// order dated on or before today until a newer one replaces it.
pub struct Historical;

impl Historical {
    fn standing<'a>(game: &'a Game, army: &Army) -> Option<&'a StandingOrder> {
        let name = game.army_name(army.id);
        game.scenario
            .historical
            .iter()
            .filter(|h| h.army == name && h.date <= game.state.date)
            // The latest by date; of several on one date, the last written.
            .max_by_key(|h| h.date)
            .map(|h| &h.order)
    }

    fn march(game: &Game, army: &Army, goal: crate::hex::Hex, forced: bool) -> Option<Order> {
        if army.moved || army.hex == goal {
            return None;
        }
        let path = game.find_path(army, goal)?;
        let path = game.truncate_to_turn(army, &path, forced);
        (!path.is_empty()).then_some(Order::Move {
            army: army.id,
            path,
            forced,
        })
    }

    /// March next to `goal`: the nearest passable neighbour of it.
    fn approach(game: &Game, army: &Army, goal: crate::hex::Hex, forced: bool) -> Option<Order> {
        if army.hex.is_adjacent(goal) {
            return None;
        }
        let mut best: Option<(usize, Vec<crate::hex::Hex>)> = None;
        for nb in goal.neighbours() {
            if let Some(p) = game.find_path(army, nb) {
                let cost: u32 = p
                    .iter()
                    .map(|h| game.step_cost_m(army, *h).unwrap_or(u32::MAX / 64))
                    .sum();
                if best.as_ref().is_none_or(|b| (cost as usize) < b.0) {
                    best = Some((cost as usize, p));
                }
            }
        }
        let (_, path) = best?;
        if army.moved {
            return None;
        }
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
        game.check(army.side, &o).is_ok().then_some(o)
    }

    /// Lie in ambush; once the ambush is sprung, fall on the nearest enemy next to us.
    fn ambush(game: &Game, army: &Army) -> Option<Order> {
        if army.state == ArmyState::Hidden {
            return None;
        }
        let target = game
            .state
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
        let o = target.unwrap_or(Order::Hide { army: army.id });
        game.check(army.side, &o).is_ok().then_some(o)
    }

    /// A routed army falls back on the nearest friendly walls, whatever its orders.
    fn fall_back(game: &Game, army: &Army) -> Option<Order> {
        let home = game
            .state
            .places
            .iter()
            .filter(|p| p.owner == Some(army.side) && p.hex != army.hex)
            .min_by_key(|p| (p.hex.distance(army.hex), p.id))?;
        let o = Self::march(game, army, home.hex, false)?;
        game.check(army.side, &o).is_ok().then_some(o)
    }

    fn order_for(game: &Game, army: &Army) -> Option<Order> {
        let id = army.id;
        if army.state == ArmyState::Routed {
            return Self::fall_back(game, army);
        }
        let standing = Self::standing(game, army)?;
        // An army out of food gives up a siege and goes home (Lanzhou 1084: the Tangut army
        // "ran out of supplies and was forced to retreat"); the rules lift the siege itself.
        let sieging = matches!(
            standing,
            StandingOrder::Besiege { .. } | StandingOrder::Assault { .. }
        );
        if sieging && army.days_hungry > 0 && army.besieging.is_none() {
            return Self::fall_back(game, army);
        }
        let legal = |o: Order| game.check(army.side, &o).is_ok().then_some(o);
        match standing {
            StandingOrder::MoveTo { hex, forced } => legal(Self::march(game, army, *hex, *forced)?),
            StandingOrder::Withdraw { hex } => {
                if army.besieging.is_some() {
                    return legal(Order::LiftSiege { army: id });
                }
                legal(Self::march(game, army, *hex, false)?)
            }
            StandingOrder::Pursue {
                army: target,
                forced,
            } => Self::engage(game, army, target, Some(*forced)),
            StandingOrder::Attack { army: target } => Self::engage(game, army, target, None),
            StandingOrder::Hide => Self::ambush(game, army),
            StandingOrder::Hold => {
                (army.state == ArmyState::Marching).then_some(Order::Hold { army: id })
            }
            StandingOrder::Fortify => legal(Order::Fortify { army: id }),
            StandingOrder::Besiege { place } => {
                let p = game.place(game.place_id(place)?);
                if army.hex.is_adjacent(p.hex) {
                    legal(Order::Besiege {
                        army: id,
                        place: p.id,
                    })
                } else {
                    legal(Self::approach(game, army, p.hex, false)?)
                }
            }
            StandingOrder::Scorch if !game.land(army.hex).scorched => {
                legal(Order::Scorch { army: id })
            }
            StandingOrder::BreachDike
                if std::iter::once(army.hex)
                    .chain(army.hex.neighbours())
                    .all(|h| game.land(h).flooded_days == 0) =>
            {
                legal(Order::BreachDike { army: id })
            }
            StandingOrder::CutWater { place } => legal(Order::CutWater {
                army: id,
                place: game.place_id(place)?,
            }),
            StandingOrder::BuildFort if !army.building_fort => legal(Order::BuildFort { army: id }),
            StandingOrder::Fires { allowed } if army.no_fires == *allowed => legal(Order::Fires {
                army: id,
                allowed: *allowed,
            }),
            StandingOrder::Levy => legal(Order::Levy { army: id }),
            StandingOrder::Scorch
            | StandingOrder::BreachDike
            | StandingOrder::BuildFort
            | StandingOrder::Fires { .. } => None,
            StandingOrder::Assault { place } => {
                let p = game.place(game.place_id(place)?);
                if army.hex.is_adjacent(p.hex) {
                    legal(Order::Assault {
                        army: id,
                        place: p.id,
                    })
                } else {
                    legal(Self::approach(game, army, p.hex, false)?)
                }
            }
        }
    }
}

impl Controller for Historical {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order> {
        game.state
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
            .filter_map(|a| Self::order_for(game, a))
            .collect()
    }
}

/// A controller of the given kind.
pub fn make(kind: ControllerKind) -> Box<dyn Controller> {
    match kind {
        ControllerKind::Idle => Box::new(Idle),
        ControllerKind::Historical => Box::new(Historical),
        ControllerKind::Ai(level) => Box::new(crate::ai::Ai::new(level)),
        ControllerKind::Greedy => Box::new(crate::ai::Greedy),
    }
}
