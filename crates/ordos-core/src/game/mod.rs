//! A game in progress: its setup (scenario, rules, map — shared and never changed), its state
//! (changed only by applying events, see `model`), its one random stream and its log. The
//! narrow views the rules read it through are in `view` (`Ground`, `Forces`, `Paths`), with
//! `Act`, what a rule that changes the game holds; the shell, the AI and the tools read it
//! through the queries here. The rules themselves live in `rules/` and the turn's flow in
//! `turn`.

pub mod view;

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
pub(crate) use view::BARRIER_KINDS;
pub use view::{BarrierTables, Forces, Ground, Mobility, MoveCosts, Paths, World};

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

/// One li in metres (a Song li is about 550 m; logistics.md).
pub const LI_M: u32 = 550;
/// A day's ration in ge is `ration_sheng × 10`; one half-day is the step of the ration model.
pub const GE_PER_SHENG: u64 = 10;

impl Game {
    /// A game at its very start, before its first turn has begun (see `turn::Game::new`).
    pub(crate) fn assemble(setup: Arc<Setup>, state: GameState, seed: u64) -> Game {
        use rand_core::SeedableRng;
        let move_costs = Arc::new(MoveCosts::of(Ground::new(&setup, &state)));
        let barrier_tables = (0..setup.scenario.sides.len() * BARRIER_KINDS)
            .map(|_| OnceLock::new())
            .collect();
        Game {
            setup,
            model: Model::new(state),
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            log: Vec::new(),
            move_costs,
            supply_lines: Vec::new(),
            barrier_tables,
        }
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

    // ----- the views the rules read it through ----------------------------------------------

    /// The country as it stands today (`view::Ground`).
    pub fn ground(&self) -> Ground<'_> {
        Ground::new(&self.setup, self.model.state())
    }
    /// The sides, armies and places (`view::Forces`).
    pub fn forces(&self) -> Forces<'_> {
        Forces::new(&self.setup, &self.model)
    }
    /// The ground, the forces and the rule tables (`view::World`).
    pub fn world(&self) -> World<'_> {
        World::new(self.ground(), self.forces(), self.rules())
    }
    /// What the march search reads (`view::Paths`).
    pub fn paths(&self) -> Paths<'_> {
        Paths::new(
            self.ground(),
            self.forces(),
            &self.move_costs,
            &self.barrier_tables,
        )
    }

    // ----- queries, for the shell, the AI and the tools (each is its view's) -------------------

    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.forces().side_id(id)
    }
    pub fn side_name(&self, s: SideId) -> &str {
        &self.setup.scenario.sides[usize::from(s.0)].id
    }
    pub fn army_id(&self, id: &str) -> Option<ArmyId> {
        self.forces().army_id(id)
    }
    pub fn army_name(&self, a: ArmyId) -> &str {
        &self.setup.scenario.armies[usize::from(a.0)].id
    }
    pub fn place_id(&self, id: &str) -> Option<PlaceId> {
        self.forces().place_id(id)
    }
    /// The place's id (`zhenrong`).
    pub fn place_name(&self, p: PlaceId) -> &str {
        &self.place(p).key
    }
    pub fn land(&self, h: Hex) -> Land {
        self.ground().land(h)
    }
    pub fn spring_at(&self, h: Hex) -> bool {
        self.ground().spring_at(h)
    }
    pub fn water_on(&self, h: Hex) -> bool {
        self.ground().water_on(h)
    }
    pub fn army(&self, a: ArmyId) -> &Army {
        self.forces().army(a)
    }
    pub fn place(&self, p: PlaceId) -> &Place {
        self.forces().place(p)
    }
    pub fn at_war(&self, a: SideId, b: SideId) -> bool {
        self.forces().at_war(a, b)
    }
    pub fn terrain_at(&self, h: Hex) -> Option<&TerrainType> {
        self.ground().terrain_at(h)
    }
    pub fn river_at(&self, h: Hex) -> RiverKind {
        self.ground().river_at(h)
    }
    pub fn place_at(&self, h: Hex) -> Option<&Place> {
        self.forces().place_at(h)
    }
    pub fn is_over(&self) -> bool {
        self.model.state().over.is_some()
    }
    pub fn visible_to(&self, a: &Army, side: SideId) -> bool {
        self.forces().visible_to(a, side)
    }
    pub fn armies_at(&self, h: Hex) -> impl Iterator<Item = &Army> {
        self.model.armies_at(h)
    }
    pub fn is_besieged(&self, p: PlaceId) -> bool {
        self.forces().is_besieged(p)
    }
    pub fn river_frozen(&self) -> bool {
        self.ground().river_frozen()
    }
    pub fn enemy_zoc(&self, side: SideId) -> Vec<bool> {
        self.forces().enemy_zoc(side)
    }
    pub fn side_totals(&self, side: SideId) -> (u32, u32, Losses) {
        self.forces().side_totals(side)
    }
    pub fn ruler_fallen(&self, army: &Army) -> bool {
        self.forces().ruler_fallen(army)
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
            self.move_costs = Arc::new(MoveCosts::of(self.ground()));
            self.supply_lines.clear();
        }
        for t in &mut self.barrier_tables {
            t.take();
        }
        let s = self.model.state();
        self.log.push((s.turn, s.date, e));
    }
}

/// What a rule that changes the game holds while it acts: the views it reads (`Ground`,
/// `Forces`, `Paths`) and the rule tables, the game's one random stream, and `emit`, the one way
/// to change the state. Nothing else of the game — its log, its seed, the flow of the turn — is
/// in reach of a rule.
pub struct Act<'g> {
    game: &'g mut Game,
}

impl<'g> Act<'g> {
    pub(crate) fn new(game: &'g mut Game) -> Act<'g> {
        Act { game }
    }
    pub fn ground(&self) -> Ground<'_> {
        self.game.ground()
    }
    pub fn forces(&self) -> Forces<'_> {
        self.game.forces()
    }
    pub fn paths(&self) -> Paths<'_> {
        self.game.paths()
    }
    pub fn world(&self) -> World<'_> {
        self.game.world()
    }
    /// The rule tables.
    pub fn rules(&self) -> &Rules {
        self.game.rules()
    }
    /// The scenario as written (its calendar, sides and armies, victory conditions).
    pub fn scenario(&self) -> &Scenario {
        self.game.scenario()
    }
    /// Which victory conditions have been met, by index (`Scenario::victory`).
    pub fn scored(&self) -> &[bool] {
        &self.game.state().scored
    }
    /// A number in 0..n from the game's random stream (n > 0).
    pub fn roll(&mut self, n: u32) -> u32 {
        self.game.roll(n)
    }
    /// Applies an event to the state and logs it.
    pub fn emit(&mut self, e: Event) {
        self.game.emit(e)
    }

    /// `men × ppm / 1e6`, the remainder rounded up by chance so small armies lose men too.
    pub(crate) fn share(&mut self, men: u32, ppm: u32) -> u32 {
        let exact = u64::from(men) * u64::from(ppm);
        let whole = (exact / 1_000_000) as u32;
        let frac = (exact % 1_000_000) as u32;
        if frac > 0 && self.game.roll(1_000_000) < frac {
            whole + 1
        } else {
            whole
        }
        .min(men)
    }

    /// Takes `ppm` per million of an army's men and porters for one cause, as an event.
    pub(crate) fn lose(&mut self, id: ArmyId, cause: Cause, ppm: u32) {
        let (men, porters) = (
            self.forces().army(id).men.total(),
            self.forces().army(id).porters,
        );
        let m = self.share(men, ppm);
        let p = self.share(porters, ppm);
        if m + p > 0 {
            let hex = self.forces().army(id).hex;
            self.game.emit(Event::Attrition {
                army: id,
                hex,
                cause,
                men: m,
                porters: p,
            });
        }
    }

    /// A side's supply lines as last traced, if they were traced from `signature`.
    pub(crate) fn supply_lines(&self, side: SideId, signature: &[u64]) -> Option<&[usize]> {
        match self.game.supply_lines.get(usize::from(side.0)) {
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
        if self.game.supply_lines.len() <= i {
            self.game.supply_lines.resize(i + 1, None);
        }
        self.game.supply_lines[i] = Some((signature, sources));
    }
}
