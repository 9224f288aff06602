//! A game in progress: the scenario, the rules, the state, and the one way to change it —
//! `Order → check → resolve → Vec<Event> → apply`.

use crate::calendar::Date;
use crate::event::Event;
use crate::hash::StableHasher;
use crate::hex::Hex;
use crate::order::{Order, OrderError};
use crate::rules::{RiverKind, Rules, TerrainType};
use crate::scenario::{RationsDef, Scenario, StartState, Weather};
use crate::state::*;
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use std::hash::{Hash, Hasher};

/// The decoded map: a terrain index per hex, fords and springs.
#[derive(Clone, Debug)]
pub struct Map {
    pub width: i32,
    pub height: i32,
    pub hex_m: u32,
    terrain: Vec<u16>,
    ford: Vec<bool>,
    spring: Vec<bool>,
}

impl Map {
    pub fn from_scenario(s: &Scenario, rules: &Rules) -> Map {
        let width = s.width() as i32;
        let height = s.height() as i32;
        let mut terrain = Vec::with_capacity((width * height).max(0) as usize);
        for row in &s.map.rows {
            for ch in row
                .chars()
                .chain(std::iter::repeat(' '))
                .take(width as usize)
            {
                let t = s
                    .map
                    .legend
                    .get(&ch)
                    .and_then(|id| rules.terrain_index(id))
                    .unwrap_or(0);
                terrain.push(t as u16);
            }
        }
        let mut map = Map {
            width,
            height,
            hex_m: s.map.hex_m.max(1),
            terrain,
            ford: Vec::new(),
            spring: Vec::new(),
        };
        map.ford = vec![false; map.terrain.len()];
        map.spring = vec![false; map.terrain.len()];
        for h in &s.map.fords {
            if let Some(i) = map.index(*h) {
                map.ford[i] = true;
            }
        }
        for h in &s.map.springs {
            if let Some(i) = map.index(*h) {
                map.spring[i] = true;
            }
        }
        map
    }

    pub fn index(&self, h: Hex) -> Option<usize> {
        (h.col >= 0 && h.row >= 0 && h.col < self.width && h.row < self.height)
            .then(|| (h.row * self.width + h.col) as usize)
    }
    pub fn contains(&self, h: Hex) -> bool {
        self.index(h).is_some()
    }
    pub fn terrain(&self, h: Hex) -> Option<usize> {
        self.index(h).map(|i| usize::from(self.terrain[i]))
    }
    pub fn is_ford(&self, h: Hex) -> bool {
        self.index(h).is_some_and(|i| self.ford[i])
    }
    pub fn has_spring(&self, h: Hex) -> bool {
        self.index(h).is_some_and(|i| self.spring[i])
    }
    pub fn len(&self) -> usize {
        self.terrain.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terrain.is_empty()
    }
    pub fn hex_at(&self, i: usize) -> Hex {
        Hex::new(i as i32 % self.width, i as i32 / self.width)
    }
}

/// One game: a pure function of (scenario, seed, orders).
#[derive(Clone, Debug)]
pub struct Game {
    pub scenario: Scenario,
    pub rules: Rules,
    pub map: Map,
    pub state: GameState,
    pub seed: u64,
    rng: ChaCha8Rng,
    at_war: Vec<Vec<bool>>,
    /// Every event so far, with the turn it happened in.
    pub log: Vec<(u32, Date, Event)>,
}

/// One li in metres (a Song li is about 550 m; logistics.md).
pub const LI_M: u32 = 550;
/// A day's ration in ge is `ration_sheng × 10`; one half-day is the step of the ration model.
pub const GE_PER_SHENG: u64 = 10;

impl Game {
    /// Sets up a validated scenario. (An unvalidated one may give odd results, never a panic.)
    pub fn new(scenario: Scenario, seed: u64) -> Game {
        let rules = scenario.rules();
        let map = Map::from_scenario(&scenario, &rules);
        let n = scenario.sides.len();
        let mut at_war = vec![vec![false; n]; n];
        for (a, b) in &scenario.wars {
            if let (Some(i), Some(j)) = (scenario.side_index(a), scenario.side_index(b)) {
                at_war[i][j] = true;
                at_war[j][i] = true;
            }
        }
        let places = scenario
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| Place {
                id: PlaceId(i as u16),
                key: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                levy_men: p.levy_men,
                hex: p.hex,
                owner: scenario.side_index(&p.owner).map(|s| SideId(s as u8)),
                walls: p.walls.min(3),
                stores_ge: p.stores_sheng.saturating_mul(GE_PER_SHENG),
                water: p.water,
                cistern_days: p.cistern_days,
                days_besieged: 0,
            })
            .collect();
        let armies = scenario
            .armies
            .iter()
            .enumerate()
            .map(|(i, a)| new_army(&scenario, &rules, i, a))
            .collect::<Vec<_>>();
        let state = GameState {
            turn: 0,
            date: scenario.start,
            weather: Weather::Clear,
            in_supply: vec![true; armies.len()],
            armies,
            places,
            scored: vec![false; scenario.victory.len()],
            over: None,
            land: vec![Land::default(); map.len()],
            land_width: map.width,
        };
        let mut game = Game {
            scenario,
            rules,
            map,
            state,
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            at_war,
            log: Vec::new(),
        };
        game.begin_turn();
        game
    }

    // ----- queries -------------------------------------------------------------------------

    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.scenario.side_index(id).map(|i| SideId(i as u8))
    }
    pub fn side_name(&self, s: SideId) -> &str {
        &self.scenario.sides[usize::from(s.0)].id
    }
    pub fn army_id(&self, id: &str) -> Option<ArmyId> {
        self.scenario.army_index(id).map(|i| ArmyId(i as u16))
    }
    pub fn army_name(&self, a: ArmyId) -> &str {
        &self.scenario.armies[usize::from(a.0)].id
    }
    pub fn place_id(&self, id: &str) -> Option<PlaceId> {
        self.state.places.iter().find(|p| p.key == id).map(|p| p.id)
    }
    /// The place's id (`zhenrong`).
    pub fn place_name(&self, p: PlaceId) -> &str {
        &self.place(p).key
    }
    /// What has been done to the country of a hex.
    pub fn land(&self, h: Hex) -> Land {
        self.map
            .index(h)
            .and_then(|i| self.state.land.get(i).copied())
            .unwrap_or_default()
    }
    /// A spring or well that still gives water (scorched earth spoils them).
    pub fn spring_at(&self, h: Hex) -> bool {
        self.map.has_spring(h) && !self.land(h).scorched
    }
    pub fn army(&self, a: ArmyId) -> &Army {
        &self.state.armies[usize::from(a.0)]
    }
    pub fn place(&self, p: PlaceId) -> &Place {
        &self.state.places[usize::from(p.0)]
    }
    pub fn at_war(&self, a: SideId, b: SideId) -> bool {
        self.at_war
            .get(usize::from(a.0))
            .and_then(|r| r.get(usize::from(b.0)))
            .copied()
            .unwrap_or(false)
    }
    pub fn terrain_at(&self, h: Hex) -> Option<&TerrainType> {
        self.map.terrain(h).map(|t| &self.rules.terrain[t])
    }
    pub fn place_at(&self, h: Hex) -> Option<&Place> {
        self.state.places.iter().find(|p| p.hex == h)
    }
    pub fn is_over(&self) -> bool {
        self.state.over.is_some()
    }
    /// Whether `side` can see the army (its own, or an enemy's that is not hidden).
    pub fn visible_to(&self, a: &Army, side: SideId) -> bool {
        a.is_active() && (a.side == side || a.state != ArmyState::Hidden)
    }
    /// Active armies on a hex, in id order.
    pub fn armies_at(&self, h: Hex) -> impl Iterator<Item = &Army> {
        self.state
            .armies
            .iter()
            .filter(move |a| a.is_active() && a.hex == h)
    }
    /// Enemy armies of `side` on a hex that `side` can see.
    pub fn visible_enemy_at(&self, side: SideId, h: Hex) -> bool {
        self.armies_at(h)
            .any(|a| self.at_war(side, a.side) && self.visible_to(a, side))
    }
    /// A place is besieged when an enemy army is investing or blockading it.
    pub fn is_besieged(&self, p: PlaceId) -> bool {
        let place = self.place(p);
        self.state.armies.iter().any(|a| {
            a.is_active()
                && a.besieging == Some(p)
                && place.owner.is_none_or(|o| self.at_war(o, a.side))
        })
    }
    /// Whether the Yellow River is frozen today (logistics.md: it freezes in winter).
    pub fn river_frozen(&self) -> bool {
        self.rules
            .climate
            .river_frozen_months
            .contains(&self.state.date.month)
    }
    /// Hexes in the zone of control of `side`'s visible enemies: next to an enemy army that is
    /// neither hidden nor routed.
    pub fn enemy_zoc(&self, side: SideId) -> Vec<bool> {
        let mut zoc = vec![false; self.map.len()];
        for e in &self.state.armies {
            if e.is_active()
                && self.at_war(side, e.side)
                && !matches!(e.state, ArmyState::Hidden | ArmyState::Routed)
            {
                for n in e.hex.neighbours() {
                    if let Some(i) = self.map.index(n) {
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
        self.state.hash(&mut h);
        self.rng.get_word_pos().hash(&mut h);
        h.finish()
    }

    /// The men of every army of a side: (start, now, losses).
    pub fn side_totals(&self, side: SideId) -> (u32, u32, Losses) {
        let mut losses = Losses::default();
        let (mut start, mut now) = (0, 0);
        for a in self
            .state
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

    // ----- randomness ----------------------------------------------------------------------

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

    // ----- the flow ------------------------------------------------------------------------

    /// Applies an event to the state and logs it. The only place the state changes.
    pub(crate) fn emit(&mut self, e: Event) {
        crate::apply::apply(&mut self.state, &e);
        self.log.push((self.state.turn, self.state.date, e));
    }

    /// Checks and carries out one order of `side`, returning the events it caused.
    pub fn submit(&mut self, side: SideId, order: &Order) -> Result<Vec<Event>, OrderError> {
        self.check(side, order)?;
        let first = self.log.len();
        self.resolve(order);
        Ok(self.log[first..]
            .iter()
            .map(|(_, _, e)| e.clone())
            .collect())
    }

    /// Whether an order is legal now, and if not, why.
    pub fn check(&self, side: SideId, order: &Order) -> Result<(), OrderError> {
        if self.is_over() {
            return Err(OrderError::GameOver);
        }
        let id = order.army();
        let army = self
            .state
            .armies
            .get(usize::from(id.0))
            .ok_or(OrderError::NoSuchArmy(id))?;
        if army.side != side {
            return Err(OrderError::NotYourArmy { side: army.side });
        }
        if !army.is_active() {
            return Err(OrderError::CannotAct(army.state));
        }
        match order {
            Order::Move { path, forced, .. } => self.check_move(army, path, *forced).map(|_| ()),
            Order::Attack { target, .. } => self.check_attack(army, *target, false),
            Order::Sortie { target, .. } => self.check_attack(army, *target, true),
            Order::Besiege { place, .. } => self.check_siege(army, *place, 1),
            Order::Blockade { place, .. } => self.check_siege(army, *place, 2),
            Order::Assault { place, .. } => self.check_assault(army, *place),
            Order::LiftSiege { .. } => army.besieging.map(|_| ()).ok_or(OrderError::NotBesieging),
            Order::Hold { .. } => Ok(()),
            Order::Fortify { .. } => match army.state {
                ArmyState::Fortified => Err(OrderError::Already(ArmyState::Fortified)),
                ArmyState::Routed => Err(OrderError::Routed),
                _ => Ok(()),
            },
            Order::Hide { .. } => self.check_hide(army),
            other => self.check_campaign(army, other),
        }
    }

    fn resolve(&mut self, order: &Order) {
        match order {
            Order::Move { army, path, forced } => self.resolve_move(*army, path, *forced),
            Order::Attack { army, target } => {
                self.battle(*army, *target, crate::combat::Engagement::default())
            }
            Order::Sortie { army, target } => {
                let surprise = self.rules.combat.sortie_surprise
                    && self.army(*target).state == ArmyState::Besieging;
                self.battle(
                    *army,
                    *target,
                    crate::combat::Engagement {
                        surprise,
                        sortie: true,
                    },
                )
            }
            Order::Besiege { army, place } => self.begin_siege(*army, *place, true),
            Order::Blockade { army, place } => self.begin_siege(*army, *place, false),
            Order::Assault { army, place } => self.assault(*army, *place),
            Order::LiftSiege { army } => {
                if let Some(p) = self.army(*army).besieging {
                    self.emit(Event::SiegeLifted {
                        army: *army,
                        place: p,
                        reason: "ordered".into(),
                    });
                }
            }
            Order::Hold { army } => {
                let a = self.army(*army);
                if matches!(a.state, ArmyState::Marching) {
                    self.emit(Event::StateChanged {
                        army: *army,
                        state: ArmyState::Encamped,
                    });
                }
            }
            Order::Fortify { army } => self.emit(Event::StateChanged {
                army: *army,
                state: ArmyState::Fortified,
            }),
            Order::Hide { army } => self.emit(Event::StateChanged {
                army: *army,
                state: ArmyState::Hidden,
            }),
            other => self.resolve_campaign(other),
        }
    }

    /// Starts a turn: resets what armies have done, brings in reinforcements.
    pub(crate) fn begin_turn(&mut self) {
        let turn = self.state.turn + 1;
        self.emit(Event::TurnBegan {
            turn,
            date: self.state.date,
        });
        for i in 0..self.state.armies.len() {
            let a = &self.state.armies[i];
            let due = self.scenario.armies[i]
                .arrives
                .is_some_and(|d| d <= self.state.date);
            if a.state == ArmyState::Awaiting
                && due
                && !self.armies_at(a.hex).any(|e| self.at_war(e.side, a.side))
            {
                let hex = a.hex;
                self.emit(Event::Arrived {
                    army: ArmyId(i as u16),
                    hex,
                });
            }
        }
    }

    /// Ends the turn: the days pass (weather, supply, sieges, attrition), victory is judged,
    /// and the next turn begins unless the game is over.
    pub fn end_turn(&mut self) {
        if self.is_over() {
            return;
        }
        for _ in 0..self.scenario.turn_days.max(1) {
            self.pass_day();
            if self.state.date > self.scenario.end {
                break;
            }
        }
        crate::victory::judge(self);
        if !self.is_over() {
            self.begin_turn();
        }
    }

    fn pass_day(&mut self) {
        self.weather_and_chronicle();
        crate::supply::daily(self);
        crate::siege::daily(self);
        crate::campaign::daily(self);
        let next = self.state.date.plus_days(1);
        self.emit(Event::DayEnded { date: next });
    }

    fn weather_and_chronicle(&mut self) {
        let date = self.state.date;
        let mut weather = None;
        let mut chronicle = Vec::new();
        for s in &self.scenario.schedule {
            if s.date == date {
                match &s.event {
                    crate::scenario::ScheduledEvent::Weather(w) => weather = Some(*w),
                    crate::scenario::ScheduledEvent::Chronicle(t) => chronicle.push(t.clone()),
                }
            }
        }
        // Always roll, so an override does not shift every later roll of the game.
        let r = self.roll(100);
        let m = usize::from(date.month - 1);
        let c = &self.rules.climate;
        let pct = |v: &Vec<u32>| v.get(m).copied().unwrap_or(0);
        let (snow, rain, heat) = (pct(&c.snow_pct), pct(&c.rain_pct), pct(&c.heat_pct));
        let rolled = if r < snow {
            Weather::Snow
        } else if r < snow + rain {
            Weather::Rain
        } else if r < snow + rain + heat {
            Weather::Heat
        } else {
            Weather::Clear
        };
        self.emit(Event::Weather {
            date,
            weather: weather.unwrap_or(rolled),
        });
        for text in chronicle {
            self.emit(Event::Chronicle { date, text });
        }
    }

    /// Only the supply phase of a day, for benchmarks.
    pub fn supply_phase(&mut self) {
        crate::supply::daily(self);
    }

    /// The terrain's river kind at a hex.
    pub fn river_at(&self, h: Hex) -> RiverKind {
        self.terrain_at(h).map_or(RiverKind::None, |t| t.river)
    }
}

fn new_army(s: &Scenario, rules: &Rules, i: usize, a: &crate::scenario::ArmyDef) -> Army {
    let men = Men {
        foot: a.men.foot,
        crossbow: a.men.crossbow,
        light_horse: a.men.light_horse,
        heavy_horse: a.men.heavy_horse,
    };
    let sup = &rules.supply;
    let pack_days = a.pack_days.unwrap_or(if men.mounted() * 2 > men.total() {
        sup.horseman_pack_days
    } else {
        sup.soldier_pack_days
    });
    let animals = Animals {
        camels: a.animals.camels,
        horses: a.animals.horses,
        donkeys: a.animals.donkeys,
    };
    let mut army = Army {
        id: ArmyId(i as u16),
        side: SideId(s.side_index(&a.side).unwrap_or(0) as u8),
        hex: a.hex,
        men,
        men_start: men.total(),
        losses: Losses::default(),
        porters: a.porters,
        porters_start: a.porters,
        porters_home: 0,
        porters_lost: 0,
        animals,
        rations_ge: 0,
        pack_days,
        water_days: sup.water_carried_days,
        morale: a.morale.min(100),
        fatigue: a.fatigue.min(100),
        siege_engines: a.siege_engines,
        state: match (a.arrives, a.state) {
            (Some(d), _) if d > s.start => ArmyState::Awaiting,
            (_, StartState::Marching) => ArmyState::Marching,
            (_, StartState::Encamped) => ArmyState::Encamped,
            (_, StartState::Fortified) => ArmyState::Fortified,
            (_, StartState::Hidden) => ArmyState::Hidden,
        },
        besieging: None,
        siege_close: false,
        facing: None,
        halfdays_out: 0,
        days_hungry: 0,
        days_thirsty: 0,
        moved: false,
        attacked: false,
        forced_today: false,
        status: SupplyStatus::Fed,
        no_fires: false,
        snow_days: 0,
        building_fort: false,
        fort_work: 0,
    };
    let capacity = crate::supply::capacity_ge(rules, &army);
    army.rations_ge = match a.rations {
        RationsDef::Full => capacity,
        RationsDef::Days(d) => {
            (u64::from(d) * army.mouths() * u64::from(sup.ration_sheng_per_man_day) * GE_PER_SHENG)
                .min(capacity)
        }
    };
    army
}
