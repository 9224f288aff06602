//! The narrow views the rules read a game through, each of a part of it:
//!
//! - `Ground`: the country — the map, the terrain table, what has been done to the land, and
//!   the day (its season, its weather, the river's ice). The cost of a hex to a column is here.
//! - `Forces`: who is at war with whom, the armies and the places, and the commanders.
//! - `World`: the ground, the forces and the rule tables together, for a rule that reads more
//!   than one of them (a battle, an order's check), and nothing more.
//! - `Paths`: what the march search reads — the ground's costs as a table, the forces, and the
//!   barrier tables kept for the present state.
//!
//! A rule takes the views it needs (and the rule tables, `Rules`, or one table of them), never the
//! whole `Game`; the rules that change the game take an `Act` (`game::Act`), which adds the
//! game's one random stream and `emit` and nothing else. Each view is a few shared references,
//! cheap to copy; what it hands out lives as long as the game it was taken from. A view hands
//! out only what its part answers, though it holds more (`Forces` holds the setup for the wars
//! and the commanders, not for the map's terrain).

use crate::calendar::{Date, Season};
use crate::hex::Hex;
use crate::load::Setup;
use crate::load::map::Map;
use crate::load::scenario::{Scenario, Weather};
use crate::load::tables::{RiverKind, Rules, TerrainType};
use crate::model::Model;
use crate::model::state::*;
use crate::order::OrderError;
use std::sync::{Arc, OnceLock};

/// The country of a game as it stands today.
#[derive(Clone, Copy)]
pub struct Ground<'a> {
    setup: &'a Setup,
    state: &'a GameState,
}

impl<'a> Ground<'a> {
    pub(crate) fn new(setup: &'a Setup, state: &'a GameState) -> Ground<'a> {
        Ground { setup, state }
    }
    pub fn map(&self) -> &'a Map {
        &self.setup.map
    }
    /// Today's date.
    pub fn date(&self) -> Date {
        self.state.date
    }
    pub fn season(&self) -> Season {
        self.state.date.season()
    }
    /// Today's weather.
    pub fn weather(&self) -> Weather {
        self.state.weather
    }
    pub fn terrain_at(&self, h: Hex) -> Option<&'a TerrainType> {
        self.setup
            .map
            .terrain(h)
            .map(|t| &self.setup.rules.terrain[t])
    }
    /// The terrain's river kind at a hex.
    pub fn river_at(&self, h: Hex) -> RiverKind {
        self.terrain_at(h).map_or(RiverKind::None, |t| t.river)
    }
    /// What has been done to the country of a hex.
    pub fn land(&self, h: Hex) -> Land {
        self.setup
            .map
            .index(h)
            .and_then(|i| self.state.land.get(i).copied())
            .unwrap_or_default()
    }
    /// A spring or well that still gives water (scorched earth spoils them).
    pub fn spring_at(&self, h: Hex) -> bool {
        self.setup.map.has_spring(h) && !self.land(h).scorched
    }
    /// Water on the hex itself: a river or stream, or a spring that still flows (scorched
    /// earth spoils them). See `rules::supply::water_near` for what an army can reach.
    pub fn water_on(&self, h: Hex) -> bool {
        self.terrain_at(h).is_some_and(|t| t.water) || self.spring_at(h)
    }
    /// Whether any hex of the map is under flood water.
    pub fn flooded_anywhere(&self) -> bool {
        self.state.land.iter().any(|l| l.flooded_days > 0)
    }
    /// Whether the Yellow River is frozen today (logistics.md: it freezes in winter).
    pub fn river_frozen(&self) -> bool {
        self.setup
            .rules
            .climate
            .river_frozen_months
            .contains(&self.state.date.month)
    }

    /// The cost in metres for a column to enter `h`, or why it cannot: the one cost function
    /// of every march and every supply line (read from `MoveCosts` by the searches).
    pub fn hex_cost(&self, mobility: Mobility, h: Hex) -> Result<u32, OrderError> {
        let t = self.terrain_at(h).ok_or(OrderError::OffMap { hex: h })?;
        if self.land(h).flooded_days > 0 {
            return Err(OrderError::Flooded { hex: h });
        }
        if !t.passable {
            let crossing =
                t.river == RiverKind::Major && (self.map().is_ford(h) || self.river_frozen());
            if !crossing {
                return Err(if t.river == RiverKind::Major {
                    OrderError::RiverBarrier { hex: h }
                } else {
                    OrderError::Impassable {
                        hex: h,
                        terrain: t.name.clone(),
                    }
                });
            }
        }
        let c = t.move_cost_pct;
        let pct = match mobility {
            Mobility::Horse => c.horse,
            Mobility::Mixed => c.foot.max(c.horse),
            Mobility::Foot => c.foot,
        };
        Ok(self.map().hex_m.saturating_mul(pct) / 100)
    }
}

/// The sides, armies and places of a game as they stand, and their commanders.
#[derive(Clone, Copy)]
pub struct Forces<'a> {
    setup: &'a Setup,
    model: &'a Model,
}

impl<'a> Forces<'a> {
    pub(crate) fn new(setup: &'a Setup, model: &'a Model) -> Forces<'a> {
        Forces { setup, model }
    }
    /// Every army, by id (those not yet come and those destroyed too).
    pub fn armies(&self) -> &'a [Army] {
        &self.model.state().armies
    }
    /// Every place, by id (forts built in play too).
    pub fn places(&self) -> &'a [Place] {
        &self.model.state().places
    }
    pub fn army(&self, a: ArmyId) -> &'a Army {
        &self.model.state().armies[usize::from(a.0)]
    }
    pub fn place(&self, p: PlaceId) -> &'a Place {
        &self.model.state().places[usize::from(p.0)]
    }
    pub fn place_at(&self, h: Hex) -> Option<&'a Place> {
        self.model.state().places.iter().find(|p| p.hex == h)
    }
    /// The place with this id (`zhenrong`).
    pub fn place_id(&self, key: &str) -> Option<PlaceId> {
        self.places().iter().find(|p| p.key == key).map(|p| p.id)
    }
    /// The scenario's sides, armies as written, victory conditions and calendar.
    pub fn scenario(&self) -> &'a Scenario {
        &self.setup.scenario
    }
    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.setup.scenario.side_index(id).map(|i| SideId(i as u8))
    }
    pub fn army_id(&self, id: &str) -> Option<ArmyId> {
        self.setup.scenario.army_index(id).map(|i| ArmyId(i as u16))
    }
    pub fn at_war(&self, a: SideId, b: SideId) -> bool {
        self.setup.at_war(usize::from(a.0), usize::from(b.0))
    }
    /// Whether `side` can see the army (its own, or an enemy's that is not hidden).
    pub fn visible_to(&self, a: &Army, side: SideId) -> bool {
        a.is_active() && (a.side == side || a.state != ArmyState::Hidden)
    }
    /// Active armies on a hex, in id order.
    pub fn armies_at(&self, h: Hex) -> impl Iterator<Item = &'a Army> + use<'a> {
        self.model.armies_at(h)
    }
    /// A place is besieged when an enemy army is investing or blockading it.
    pub fn is_besieged(&self, p: PlaceId) -> bool {
        let place = self.place(p);
        self.armies().iter().any(|a| {
            a.is_active()
                && a.besieging == Some(p)
                && place.owner.is_none_or(|o| self.at_war(o, a.side))
        })
    }
    /// Hexes in the zone of control of `side`'s visible enemies: next to an enemy army that is
    /// neither hidden nor routed.
    pub fn enemy_zoc(&self, side: SideId) -> Vec<bool> {
        let map = &self.setup.map;
        let mut zoc = vec![false; map.len()];
        for e in self.armies() {
            if e.is_active()
                && self.at_war(side, e.side)
                && !matches!(e.state, ArmyState::Hidden | ArmyState::Routed)
            {
                for n in e.hex.neighbours() {
                    if let Some(i) = map.index(n) {
                        zoc[i] = true;
                    }
                }
            }
        }
        zoc
    }
    /// The men of every army of a side: (start, now, losses).
    pub fn side_totals(&self, side: SideId) -> (u32, u32, Losses) {
        let mut losses = Losses::default();
        let (mut start, mut now) = (0, 0);
        for a in self
            .armies()
            .iter()
            .filter(|a| a.side == side && a.state != ArmyState::Awaiting)
        {
            start += a.men_start;
            now += a.men.total();
            losses.merge(&a.losses);
        }
        (start, now, losses)
    }
    /// Whether the commanders of these two armies quarrel today (`Scenario::quarrels`): they do
    /// not attack together, defend a hex together or give each other grain.
    pub fn quarrel(&self, a: ArmyId, b: ArmyId) -> bool {
        self.setup
            .quarrel(usize::from(a.0), usize::from(b.0), self.model.state().date)
    }
    /// Whether the army is led by the ruler of its side (`ArmyDef::ruler`).
    pub fn is_ruler(&self, a: ArmyId) -> bool {
        self.setup
            .scenario
            .armies
            .get(usize::from(a.0))
            .is_some_and(|d| d.ruler)
    }
    /// Whether the army's ruler has fallen (wounded, killed, taken or fled): it will no longer
    /// attack, assault or besiege (Qingzhou 1066: "Yizong was wounded by a crossbow and forced
    /// to retreat").
    pub fn ruler_fallen(&self, army: &Army) -> bool {
        army.leader != Leader::Present && self.is_ruler(army.id)
    }
}

/// The ground, the forces and the rule tables: what a rule reads that needs more than one of
/// them (a battle reads the ground it is fought on, the forces and the combat table).
#[derive(Clone, Copy)]
pub struct World<'a> {
    ground: Ground<'a>,
    forces: Forces<'a>,
    rules: &'a Rules,
}

impl<'a> World<'a> {
    pub fn new(ground: Ground<'a>, forces: Forces<'a>, rules: &'a Rules) -> World<'a> {
        World {
            ground,
            forces,
            rules,
        }
    }
    pub fn ground(&self) -> Ground<'a> {
        self.ground
    }
    pub fn forces(&self) -> Forces<'a> {
        self.forces
    }
    /// The rule tables.
    pub fn rules(&self) -> &'a Rules {
        self.rules
    }
}

/// What the march search reads: the ground (its costs as a table), the forces, and the
/// barrier tables worked out for the present state (`rules::search::Barriers`).
#[derive(Clone, Copy)]
pub struct Paths<'a> {
    ground: Ground<'a>,
    forces: Forces<'a>,
    costs: &'a MoveCosts,
    barriers: &'a [OnceLock<Arc<BarrierTables>>],
}

impl<'a> Paths<'a> {
    pub(crate) fn new(
        ground: Ground<'a>,
        forces: Forces<'a>,
        costs: &'a MoveCosts,
        barriers: &'a [OnceLock<Arc<BarrierTables>>],
    ) -> Paths<'a> {
        Paths {
            ground,
            forces,
            costs,
            barriers,
        }
    }
    pub fn ground(&self) -> Ground<'a> {
        self.ground
    }
    pub fn forces(&self) -> Forces<'a> {
        self.forces
    }
    pub fn map(&self) -> &'a Map {
        self.ground.map()
    }
    /// Every hex's cost to enter, for each mobility (see `MoveCosts`).
    pub fn move_costs(&self) -> &'a MoveCosts {
        self.costs
    }
    /// The barrier tables of kind `kind` (under `BARRIER_KINDS`) for `side` in the present
    /// state, worked out by `build` the first time they are asked for after an event.
    pub(crate) fn barrier_tables(
        &self,
        side: SideId,
        kind: usize,
        build: impl FnOnce() -> BarrierTables,
    ) -> Arc<BarrierTables> {
        debug_assert!(kind < BARRIER_KINDS);
        let i = usize::from(side.0) * BARRIER_KINDS + kind;
        match self.barriers.get(i) {
            Some(cell) => cell.get_or_init(|| Arc::new(build())).clone(),
            None => Arc::new(build()),
        }
    }
}

/// How many kinds of search keep barrier tables (`rules::search::Barriers`).
pub(crate) const BARRIER_KINDS: usize = 3;

/// Hex by hex, what bars one side's way, for one kind of search (`rules::search::Barriers`).
#[derive(Clone, Debug, Default)]
pub struct BarrierTables {
    /// An enemy army stands here (one the search counts).
    pub enemy: Vec<bool>,
    /// Next to an enemy army that is neither hidden nor routed.
    pub zoc: Vec<bool>,
    /// An enemy-held place.
    pub enemy_place: Vec<bool>,
}

/// How a column moves over country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mobility {
    /// At the pace of men on foot: infantry, porters, and the supply trace.
    Foot,
    /// Horse and foot together: the worse of the two costs.
    Mixed,
    /// Every man mounted and no porters.
    Horse,
}

impl Mobility {
    pub fn of(army: &Army) -> Mobility {
        if army.men.mounted() == army.men.total() && army.porters == 0 {
            Mobility::Horse
        } else if army.men.mounted() > 0 {
            Mobility::Mixed
        } else {
            Mobility::Foot
        }
    }
}

/// The cost in metres of entering each hex, for foot, mixed and horse columns; `u32::MAX`
/// where it cannot be entered (impassable, the Yellow River where there is no ford and no
/// ice, flood water). Worked out by `Ground::hex_cost`, the one cost function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveCosts {
    pub(crate) frozen: bool,
    by_mobility: [Vec<u32>; 3],
    /// The cheapest hex to enter anywhere on the map, for each mobility (`u32::MAX` if none):
    /// a bound no march can beat per hex, for the searches' estimate of the way left.
    cheapest: [u32; 3],
}

impl MoveCosts {
    pub(crate) fn of(ground: Ground) -> MoveCosts {
        let map = ground.map();
        let costs = |m: Mobility| -> Vec<u32> {
            (0..map.len())
                .map(|i| ground.hex_cost(m, map.hex_at(i)).unwrap_or(u32::MAX))
                .collect()
        };
        let by_mobility = [
            costs(Mobility::Foot),
            costs(Mobility::Mixed),
            costs(Mobility::Horse),
        ];
        let cheapest = |t: &[u32]| t.iter().copied().min().unwrap_or(u32::MAX);
        MoveCosts {
            frozen: ground.river_frozen(),
            cheapest: [
                cheapest(&by_mobility[0]),
                cheapest(&by_mobility[1]),
                cheapest(&by_mobility[2]),
            ],
            by_mobility,
        }
    }

    /// The cheapest hex to enter for one mobility (`u32::MAX` where none can be entered).
    pub fn cheapest(&self, m: Mobility) -> u32 {
        self.cheapest[m as usize]
    }

    /// The table for one mobility, by hex index.
    pub fn of_mobility(&self, m: Mobility) -> &[u32] {
        &self.by_mobility[m as usize]
    }
}
