//! A game in progress: its setup (scenario, rules, map — shared and never changed), its state
//! (changed only by applying events, see `model`), its one random stream and its log. The
//! queries every rule, the AI and the game shell read the game through are here; the rules
//! themselves live in `rules/` and the turn's flow in `turn`.

use crate::calendar::Date;
use crate::hash::StableHasher;
use crate::hex::Hex;
use crate::load::Setup;
use crate::load::map::Map;
use crate::load::scenario::Scenario;
use crate::load::tables::{RiverKind, Rules, TerrainType};
use crate::model::event::Event;
use crate::model::state::*;
use crate::model::{Model, Snapshot};
use rand_chacha::ChaCha8Rng;
use rand_core::Rng;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

/// One game: a pure function of (scenario, seed, orders).
#[derive(Clone, Debug)]
pub struct Game {
    setup: Arc<Setup>,
    model: Model,
    seed: u64,
    rng: ChaCha8Rng,
    /// Every event so far, with the turn it happened in and the date.
    log: Vec<(u32, Date, Event)>,
    /// What each hex costs to enter, for each mobility: derived from the map and the state
    /// (floods, the river's ice), kept up to date as events change them (`emit`), so that
    /// every search reads a table instead of working the costs out again.
    move_costs: Arc<MoveCosts>,
    /// Each side's supply lines as last traced (`rules::supply::daily`): what they were traced
    /// from (an exact list of everything they depend on) and, for every hex, the source it
    /// draws on (`usize::MAX` for none). Derived from the state, never part of it: traced again
    /// whenever what they depend on differs, and dropped when the costs of the ground change.
    supply_lines: Vec<Option<(Vec<u64>, Vec<usize>)>>,
    /// What bars each side's way on the map (`rules::search::Barriers`), for each kind of
    /// search, as worked out from the state since the last event: the orders of a turn are
    /// checked and searched against one state, so they share these. Dropped by every event.
    barrier_tables: Vec<OnceLock<Arc<BarrierTables>>>,
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
/// ice, flood water). Worked out by `Game::hex_cost`, the one cost function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveCosts {
    frozen: bool,
    by_mobility: [Vec<u32>; 3],
    /// The cheapest hex to enter anywhere on the map, for each mobility (`u32::MAX` if none):
    /// a bound no march can beat per hex, for the searches' estimate of the way left.
    cheapest: [u32; 3],
}

impl MoveCosts {
    fn of(g: &Game) -> MoveCosts {
        let map = g.map();
        let costs = |m: Mobility| -> Vec<u32> {
            (0..map.len())
                .map(|i| g.hex_cost(m, map.hex_at(i)).unwrap_or(u32::MAX))
                .collect()
        };
        let by_mobility = [
            costs(Mobility::Foot),
            costs(Mobility::Mixed),
            costs(Mobility::Horse),
        ];
        let cheapest = |t: &[u32]| t.iter().copied().min().unwrap_or(u32::MAX);
        MoveCosts {
            frozen: g.river_frozen(),
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

/// One li in metres (a Song li is about 550 m; logistics.md).
pub const LI_M: u32 = 550;
/// A day's ration in ge is `ration_sheng × 10`; one half-day is the step of the ration model.
pub const GE_PER_SHENG: u64 = 10;

impl Game {
    /// A game at its very start, before its first turn has begun (see `turn::Game::new`).
    pub(crate) fn assemble(setup: Arc<Setup>, state: GameState, seed: u64) -> Game {
        use rand_core::SeedableRng;
        let mut g = Game {
            setup,
            model: Model::new(state),
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            log: Vec::new(),
            move_costs: Arc::new(MoveCosts {
                frozen: false,
                by_mobility: [Vec::new(), Vec::new(), Vec::new()],
                cheapest: [u32::MAX; 3],
            }),
            supply_lines: Vec::new(),
            barrier_tables: Vec::new(),
        };
        g.move_costs = Arc::new(MoveCosts::of(&g));
        g.barrier_tables = (0..g.setup.scenario.sides.len() * BARRIER_KINDS)
            .map(|_| OnceLock::new())
            .collect();
        g
    }

    /// The cost in metres for a column to enter `h`, or why it cannot: the one cost function
    /// of every march and every supply line (read from `move_costs` by the searches).
    pub fn hex_cost(&self, mobility: Mobility, h: Hex) -> Result<u32, crate::order::OrderError> {
        use crate::order::OrderError;
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

    /// Every hex's cost to enter, for each mobility (see `MoveCosts`).
    pub fn move_costs(&self) -> &MoveCosts {
        &self.move_costs
    }

    /// The game as it stands, to save beside its replay.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            state: self.state().clone(),
            luck_drawn: u64::try_from(self.luck_drawn()).unwrap_or(u64::MAX),
        }
    }

    /// A game taken up from a snapshot, if the snapshot fits the scenario (the same armies,
    /// victory conditions and map; every id in range). Nothing in it is checked against a
    /// replay: it is for a save whose replay no longer verifies after an update.
    pub fn from_snapshot(setup: Arc<Setup>, seed: u64, snap: &Snapshot) -> Option<Game> {
        let s = &snap.state;
        let sc = &setup.scenario;
        let map = &setup.map;
        let sides = sc.sides.len();
        let fits = s.armies.len() == sc.armies.len()
            && s.in_supply.len() == s.armies.len()
            && s.places.len() >= sc.places.len()
            && s.places.len() <= usize::from(u16::MAX)
            && s.scored.len() == sc.victory.len()
            && s.land.len() == map.len()
            && s.land_width == map.width
            && s.armies.iter().enumerate().all(|(i, a)| {
                usize::from(a.id.0) == i
                    && usize::from(a.side.0) < sides
                    && map.contains(a.hex)
                    && a.besieging
                        .is_none_or(|p| usize::from(p.0) < s.places.len())
            })
            && s.places.iter().enumerate().all(|(i, p)| {
                usize::from(p.id.0) == i
                    && map.contains(p.hex)
                    && p.owner.is_none_or(|o| usize::from(o.0) < sides)
            });
        if !fits {
            return None;
        }
        let mut g = Game::assemble(setup, s.clone(), seed);
        g.rng.set_word_pos(u128::from(snap.luck_drawn));
        Some(g)
    }

    // ----- what the game is made of ------------------------------------------------------------

    /// The scenario, its rules and its map.
    pub fn setup(&self) -> &Arc<Setup> {
        &self.setup
    }
    pub fn scenario(&self) -> &Scenario {
        &self.setup.scenario
    }
    pub fn rules(&self) -> &Rules {
        &self.setup.rules
    }
    pub fn map(&self) -> &Map {
        &self.setup.map
    }
    /// The state, to read. It changes only by events (`model::Model::apply`).
    pub fn state(&self) -> &GameState {
        self.model.state()
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Every event so far, with the turn it happened in and its date.
    pub fn log(&self) -> &[(u32, Date, Event)] {
        &self.log
    }

    /// The ids of the game's armies, places (forts built in play too) and sides, by index.
    pub fn names(&self) -> Names {
        Names {
            armies: self
                .scenario()
                .armies
                .iter()
                .map(|a| a.id.clone())
                .collect(),
            places: self.state().places.iter().map(|p| p.key.clone()).collect(),
            sides: self.scenario().sides.iter().map(|s| s.id.clone()).collect(),
        }
    }

    // ----- queries -------------------------------------------------------------------------

    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.setup.scenario.side_index(id).map(|i| SideId(i as u8))
    }
    pub fn side_name(&self, s: SideId) -> &str {
        &self.setup.scenario.sides[usize::from(s.0)].id
    }
    pub fn army_id(&self, id: &str) -> Option<ArmyId> {
        self.setup.scenario.army_index(id).map(|i| ArmyId(i as u16))
    }
    pub fn army_name(&self, a: ArmyId) -> &str {
        &self.setup.scenario.armies[usize::from(a.0)].id
    }
    pub fn place_id(&self, id: &str) -> Option<PlaceId> {
        self.model
            .state()
            .places
            .iter()
            .find(|p| p.key == id)
            .map(|p| p.id)
    }
    /// The place's id (`zhenrong`).
    pub fn place_name(&self, p: PlaceId) -> &str {
        &self.place(p).key
    }
    /// What has been done to the country of a hex.
    pub fn land(&self, h: Hex) -> Land {
        self.setup
            .map
            .index(h)
            .and_then(|i| self.model.state().land.get(i).copied())
            .unwrap_or_default()
    }
    /// A spring or well that still gives water (scorched earth spoils them).
    pub fn spring_at(&self, h: Hex) -> bool {
        self.setup.map.has_spring(h) && !self.land(h).scorched
    }
    pub fn army(&self, a: ArmyId) -> &Army {
        &self.model.state().armies[usize::from(a.0)]
    }
    pub fn place(&self, p: PlaceId) -> &Place {
        &self.model.state().places[usize::from(p.0)]
    }
    pub fn at_war(&self, a: SideId, b: SideId) -> bool {
        self.setup.at_war(usize::from(a.0), usize::from(b.0))
    }
    pub fn terrain_at(&self, h: Hex) -> Option<&TerrainType> {
        self.setup
            .map
            .terrain(h)
            .map(|t| &self.setup.rules.terrain[t])
    }
    /// The terrain's river kind at a hex.
    pub fn river_at(&self, h: Hex) -> RiverKind {
        self.terrain_at(h).map_or(RiverKind::None, |t| t.river)
    }
    pub fn place_at(&self, h: Hex) -> Option<&Place> {
        self.model.state().places.iter().find(|p| p.hex == h)
    }
    pub fn is_over(&self) -> bool {
        self.model.state().over.is_some()
    }
    /// Whether `side` can see the army (its own, or an enemy's that is not hidden).
    pub fn visible_to(&self, a: &Army, side: SideId) -> bool {
        a.is_active() && (a.side == side || a.state != ArmyState::Hidden)
    }
    /// Active armies on a hex, in id order.
    pub fn armies_at(&self, h: Hex) -> impl Iterator<Item = &Army> {
        self.model.armies_at(h)
    }
    /// Enemy armies of `side` on a hex that `side` can see.
    pub fn visible_enemy_at(&self, side: SideId, h: Hex) -> bool {
        self.armies_at(h)
            .any(|a| self.at_war(side, a.side) && self.visible_to(a, side))
    }
    /// A place is besieged when an enemy army is investing or blockading it.
    pub fn is_besieged(&self, p: PlaceId) -> bool {
        let place = self.place(p);
        self.model.state().armies.iter().any(|a| {
            a.is_active()
                && a.besieging == Some(p)
                && place.owner.is_none_or(|o| self.at_war(o, a.side))
        })
    }
    /// Whether the Yellow River is frozen today (logistics.md: it freezes in winter).
    pub fn river_frozen(&self) -> bool {
        self.setup
            .rules
            .climate
            .river_frozen_months
            .contains(&self.model.state().date.month)
    }
    /// Hexes in the zone of control of `side`'s visible enemies: next to an enemy army that is
    /// neither hidden nor routed.
    pub fn enemy_zoc(&self, side: SideId) -> Vec<bool> {
        let mut zoc = vec![false; self.setup.map.len()];
        for e in &self.model.state().armies {
            if e.is_active()
                && self.at_war(side, e.side)
                && !matches!(e.state, ArmyState::Hidden | ArmyState::Routed)
            {
                for n in e.hex.neighbours() {
                    if let Some(i) = self.setup.map.index(n) {
                        zoc[i] = true;
                    }
                }
            }
        }
        zoc
    }

    /// How far the game's one random stream has been drawn. An order that leaves it where it
    /// was drew no luck (the game shell lets such an order be taken back).
    pub fn luck_drawn(&self) -> u128 {
        self.rng.get_word_pos()
    }

    /// Stable hash of the whole state, the RNG's position included.
    pub fn state_hash(&self) -> u64 {
        let mut h = StableHasher::default();
        self.model.state().hash(&mut h);
        self.rng.get_word_pos().hash(&mut h);
        h.finish()
    }

    /// The men of every army of a side: (start, now, losses).
    pub fn side_totals(&self, side: SideId) -> (u32, u32, Losses) {
        let mut losses = Losses::default();
        let (mut start, mut now) = (0, 0);
        for a in self
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.state != ArmyState::Awaiting)
        {
            start += a.men_start;
            now += a.men.total();
            losses.merge(&a.losses);
        }
        (start, now, losses)
    }

    // ----- randomness and the one way to change the state --------------------------------------

    /// A number in 0..n from the game's generator (n > 0).
    pub(crate) fn roll(&mut self, n: u32) -> u32 {
        let n = n.max(1);
        let zone = u32::MAX - (u32::MAX % n);
        loop {
            let x = self.rng.next_u32();
            if x < zone {
                return x % n;
            }
        }
    }

    /// `men × ppm / 1e6`, the remainder rounded up by chance so small armies lose men too.
    pub(crate) fn share(&mut self, men: u32, ppm: u32) -> u32 {
        let exact = u64::from(men) * u64::from(ppm);
        let whole = (exact / 1_000_000) as u32;
        let frac = (exact % 1_000_000) as u32;
        if frac > 0 && self.roll(1_000_000) < frac {
            whole + 1
        } else {
            whole
        }
        .min(men)
    }

    /// Takes `ppm` per million of an army's men and porters for one cause, as an event.
    pub(crate) fn lose(&mut self, id: ArmyId, cause: Cause, ppm: u32) {
        let (men, porters) = (self.army(id).men.total(), self.army(id).porters);
        let m = self.share(men, ppm);
        let p = self.share(porters, ppm);
        if m + p > 0 {
            let hex = self.army(id).hex;
            self.emit(Event::Attrition {
                army: id,
                hex,
                cause,
                men: m,
                porters: p,
            });
        }
    }

    /// The barrier tables of kind `kind` (under `BARRIER_KINDS`) for `side` in the present state,
    /// worked out by `build` the first time they are asked for after an event.
    pub(crate) fn barrier_tables(
        &self,
        side: SideId,
        kind: usize,
        build: impl FnOnce() -> BarrierTables,
    ) -> Arc<BarrierTables> {
        debug_assert!(kind < BARRIER_KINDS);
        let i = usize::from(side.0) * BARRIER_KINDS + kind;
        match self.barrier_tables.get(i) {
            Some(cell) => cell.get_or_init(|| Arc::new(build())).clone(),
            None => Arc::new(build()),
        }
    }

    /// A side's supply lines as last traced, if they were traced from `signature`.
    pub(crate) fn supply_lines(&self, side: SideId, signature: &[u64]) -> Option<&[usize]> {
        match self.supply_lines.get(usize::from(side.0)) {
            Some(Some((s, sources))) if s == signature => Some(sources),
            _ => None,
        }
    }

    /// Keeps a side's supply lines, traced from `signature`.
    pub(crate) fn keep_supply_lines(
        &mut self,
        side: SideId,
        signature: Vec<u64>,
        sources: Vec<usize>,
    ) {
        let i = usize::from(side.0);
        if self.supply_lines.len() <= i {
            self.supply_lines.resize(i + 1, None);
        }
        self.supply_lines[i] = Some((signature, sources));
    }

    /// Applies an event to the state and logs it: the only way the state changes.
    pub(crate) fn emit(&mut self, e: Event) {
        self.model.apply(&e);
        // What a hex costs to enter changes only with floods and the river's ice.
        let stale = match e {
            Event::Flooded { .. } | Event::FloodsEbb => true,
            Event::DayEnded { .. } | Event::TurnBegan { .. } => {
                self.river_frozen() != self.move_costs.frozen
            }
            _ => false,
        };
        if stale {
            self.move_costs = Arc::new(MoveCosts::of(self));
            self.supply_lines.clear();
        }
        for t in &mut self.barrier_tables {
            t.take();
        }
        let s = self.model.state();
        self.log.push((s.turn, s.date, e));
    }
}
