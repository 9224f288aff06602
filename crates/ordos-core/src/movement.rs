//! Marching: costs by terrain and arm, zones of control, the Yellow River barrier, forced
//! marches, and ambushes sprung on the march.

use crate::event::Event;
use crate::game::{Game, LI_M};
use crate::hex::Hex;
use crate::order::OrderError;
use crate::rules::RiverKind;
use crate::state::{Army, ArmyId, ArmyState, Cause};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A march previewed: see `Game::march_forecast`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarchForecast {
    pub path: Vec<Hex>,
    pub li: u32,
    pub days: u32,
    pub food_days_left: u64,
    pub water: bool,
}

impl Game {
    /// How far an army can march this turn, in li. The column goes at the pace of its slowest
    /// arm (porters walk); a forced march goes further (logistics.md: Song infantry 30–60 li a
    /// day, forced 100–200; Tangut light horse a hundred li "in a flash"). Fatigue slows it.
    pub fn allowance_li(&self, army: &Army, forced: bool) -> u32 {
        let arms = &self.rules.arms;
        let mut pace = u32::MAX;
        for arm in crate::rules::Arm::ALL {
            if army.men.get(arm) > 0 {
                let s = arms.get(arm);
                pace = pace.min(if forced { s.forced_li } else { s.march_li });
            }
        }
        if army.porters > 0 {
            pace = pace.min(if forced {
                arms.porter_forced_li
            } else {
                arms.porter_march_li
            });
        }
        if pace == u32::MAX {
            return 0;
        }
        let days = self.scenario.turn_days.max(1);
        let hauling = if army.siege_engines > 0 {
            self.rules.combat.engines_march_pct.min(100)
        } else {
            100
        };
        pace * days * (100 - army.fatigue.min(100) / 2) / 100 * hauling / 100
    }

    /// Whether the column moves as horse (every man mounted, no porters on foot).
    fn all_mounted(army: &Army) -> bool {
        army.men.mounted() == army.men.total() && army.porters == 0
    }

    /// The cost in metres for `army` to enter `to`, or why it cannot.
    pub fn step_cost_m(&self, army: &Army, to: Hex) -> Result<u32, OrderError> {
        let t = self.terrain_at(to).ok_or(OrderError::OffMap { hex: to })?;
        if self.land(to).flooded_days > 0 {
            return Err(OrderError::Flooded { hex: to });
        }
        if !t.passable {
            let crossing =
                t.river == RiverKind::Major && (self.map.is_ford(to) || self.river_frozen());
            if !crossing {
                return Err(if t.river == RiverKind::Major {
                    OrderError::RiverBarrier { hex: to }
                } else {
                    OrderError::Impassable {
                        hex: to,
                        terrain: t.name.clone(),
                    }
                });
            }
        }
        let c = t.move_cost_pct;
        let pct = if Self::all_mounted(army) {
            c.horse
        } else if army.men.mounted() > 0 {
            c.foot.max(c.horse)
        } else {
            c.foot
        };
        Ok(self.map.hex_m.saturating_mul(pct) / 100)
    }

    /// Checks a march; returns its cost in metres.
    pub(crate) fn check_move(
        &self,
        army: &Army,
        path: &[Hex],
        forced: bool,
    ) -> Result<u32, OrderError> {
        if army.moved {
            return Err(OrderError::AlreadyMoved);
        }
        if path.is_empty() {
            return Err(OrderError::EmptyPath);
        }
        let zoc = self.enemy_zoc(army.side);
        let mut from = army.hex;
        let mut cost = 0u32;
        for (i, &h) in path.iter().enumerate() {
            if !from.is_adjacent(h) {
                return Err(OrderError::NotContiguous { from, to: h });
            }
            cost = cost.saturating_add(self.step_cost_m(army, h)?);
            if self.visible_enemy_at(army.side, h) {
                return Err(OrderError::EnemyThere { hex: h });
            }
            if let Some(p) = self.place_at(h)
                && p.owner.is_some_and(|o| self.at_war(o, army.side))
                && i + 1 < path.len()
            {
                return Err(OrderError::EnemyPlace { hex: h });
            }
            let last = i + 1 == path.len() && army.state != ArmyState::Routed;
            if !last && self.map.index(h).is_some_and(|x| zoc[x]) {
                return Err(OrderError::ZoneOfControl { hex: h });
            }
            from = h;
        }
        let allowance = self.allowance_li(army, forced);
        if cost > allowance.saturating_mul(LI_M) {
            return Err(OrderError::TooFar {
                needed_li: cost.div_ceil(LI_M),
                allowance_li: allowance,
            });
        }
        Ok(cost)
    }

    /// Hidden enemies of `army` lying next to (or on) `h`, in id order.
    fn ambushers(&self, army: &Army, h: Hex) -> Vec<ArmyId> {
        self.state
            .armies
            .iter()
            .filter(|e| {
                e.state == ArmyState::Hidden
                    && self.at_war(e.side, army.side)
                    && (e.hex == h || e.hex.is_adjacent(h))
            })
            .map(|e| e.id)
            .collect()
    }

    pub(crate) fn resolve_move(&mut self, id: ArmyId, path: &[Hex], forced: bool) {
        if let Some(p) = self.army(id).besieging {
            self.emit(Event::SiegeLifted {
                army: id,
                place: p,
                reason: "marched away".into(),
            });
        }
        let start = self.army(id).hex;
        let mut at = start;
        let mut steps = 0;
        let mut metres = 0;
        let mut facing = self.army(id).facing;
        let mut sprung = Vec::new();
        let mut crossings = 0;
        for &h in path {
            // A hidden army on the next hex is found by walking into it.
            let army = self.army(id).clone();
            if self
                .armies_at(h)
                .any(|e| e.state == ArmyState::Hidden && self.at_war(e.side, army.side))
            {
                sprung = self.ambushers(&army, at);
                break;
            }
            metres += self.step_cost_m(&army, h).unwrap_or(0);
            facing = at.direction_to(h).map(|d| d as u8);
            at = h;
            steps += 1;
            if self.river_at(h) == RiverKind::Major {
                crossings += 1;
            }
            sprung = self.ambushers(&army, at);
            if !sprung.is_empty() {
                break;
            }
        }
        if steps > 0 {
            self.emit(Event::Moved {
                army: id,
                from: start,
                to: at,
                steps,
                metres,
                forced,
                facing,
            });
        }
        self.march_toll(id, forced);
        self.crossing_toll(id, crossings);
        if let Some(p) = self.place_at(at).map(|p| p.id) {
            self.enter_place(id, p);
        }
        if !sprung.is_empty() {
            self.spring_ambush(id, at, sprung);
        }
    }

    /// Men lost crossing the Yellow River at a ford or on the ice: drowned.
    fn crossing_toll(&mut self, id: ArmyId, crossings: u32) {
        if crossings == 0 {
            return;
        }
        let ppm = self
            .rules
            .supply
            .crossing_drown_ppm
            .saturating_mul(crossings);
        self.lose(id, Cause::Drowned, ppm);
    }

    /// Fatigue of the march, and the stragglers a forced march leaves behind.
    fn march_toll(&mut self, id: ArmyId, forced: bool) {
        let sup = &self.rules.supply;
        let (add, ppm) = if forced {
            (sup.fatigue_forced, sup.straggler_ppm)
        } else {
            (sup.fatigue_march, 0)
        };
        let a = self.army(id);
        let (men, morale, fatigue) = (a.men.total(), a.morale, a.fatigue);
        let stragglers = self.share(men, ppm);
        if stragglers > 0 {
            self.emit(Event::Attrition {
                army: id,
                hex: self.army(id).hex,
                cause: Cause::Deserted,
                men: stragglers,
                porters: 0,
            });
        }
        let fatigue = (fatigue as i32 + add).clamp(0, 100) as u32;
        self.emit(Event::Spirits {
            army: id,
            morale,
            fatigue,
        });
    }

    /// Marching into an enemy place that no army holds takes it, with its stores (Yinzhou 985:
    /// Li Jiqian "captured large amounts of supply").
    fn enter_place(&mut self, id: ArmyId, p: crate::state::PlaceId) {
        let side = self.army(id).side;
        let place = self.place(p);
        let hostile_owner = place
            .owner
            .is_none_or(|o| o != side && self.at_war(o, side));
        let defended = self.armies_at(place.hex).any(|e| e.side != side);
        if hostile_owner
            && !defended
            && place.owner != Some(side)
            && (place.owner.is_some() || place.walls > 0)
        {
            let stores_ge = place.stores_ge;
            self.emit(Event::PlaceCaptured {
                place: p,
                side,
                stores_ge,
            });
        }
    }

    /// Yuanhao's trap at Haoshuichuan (1041): the hidden armies fall on the column, each from
    /// its own side, with surprise.
    fn spring_ambush(&mut self, id: ArmyId, at: crate::hex::Hex, by: Vec<ArmyId>) {
        self.emit(Event::Ambushed {
            army: id,
            hex: at,
            by: by.clone(),
        });
        for &e in &by {
            self.emit(Event::StateChanged {
                army: e,
                state: ArmyState::Marching,
            });
        }
        for e in by {
            let (me, target) = (self.army(e), self.army(id));
            if !me.is_active() || !target.is_active() || !me.hex.is_adjacent(target.hex) {
                continue;
            }
            self.battle(
                e,
                id,
                crate::combat::Engagement {
                    surprise: true,
                    sortie: false,
                },
            );
        }
    }

    /// The cheapest path for `army` to `goal` (not entering visible enemies or their places,
    /// stopping at the first hex in an enemy zone of control), ignoring how far it can go this
    /// turn. Ties are broken by hex order, so the same state always gives the same path.
    pub fn find_path(&self, army: &Army, goal: Hex) -> Option<Vec<Hex>> {
        if army.hex == goal || !self.map.contains(goal) {
            return None;
        }
        // The search may stop once the goal is settled: its path is final then.
        self.march_search(army, self.map.index(goal))
            .path(self, goal)
    }

    /// What a march to `goal` would mean, for the UI's path preview and the AI: its path, length,
    /// days at this pace, food left on arrival and whether water lies on the way.
    pub fn march_forecast(&self, army: &Army, goal: Hex, forced: bool) -> Option<MarchForecast> {
        let path = self.find_path(army, goal)?;
        let metres: u32 = path
            .iter()
            .map(|h| self.step_cost_m(army, *h).unwrap_or(0))
            .sum();
        let per_day = self.allowance_li(army, forced).max(1).saturating_mul(LI_M);
        let days = metres.div_ceil(per_day).max(1);
        let food_days_left = self.food_days(army).saturating_sub(u64::from(days));
        let water = path
            .iter()
            .any(|h| self.terrain_at(*h).is_some_and(|t| t.water) || self.spring_at(*h));
        Some(MarchForecast {
            li: metres / LI_M,
            days,
            food_days_left,
            water,
            path,
        })
    }

    /// The longest prefix of `path` the army can march this turn (and that stops at the first
    /// enemy zone of control).
    pub fn truncate_to_turn(&self, army: &Army, path: &[Hex], forced: bool) -> Vec<Hex> {
        let budget = self.allowance_li(army, forced).saturating_mul(LI_M);
        let zoc = self.enemy_zoc(army.side);
        let mut used = 0u32;
        let mut out = Vec::new();
        for &h in path {
            let Ok(c) = self.step_cost_m(army, h) else {
                break;
            };
            if used + c > budget {
                break;
            }
            used += c;
            out.push(h);
            if self.map.index(h).is_some_and(|i| zoc[i]) {
                break;
            }
        }
        out
    }

    /// Every hex the army can reach this turn with its cost in metres (for the UI's reach overlay).
    pub fn reachable(&self, army: &Army, forced: bool) -> Vec<(Hex, u32)> {
        let budget = self.allowance_li(army, forced).saturating_mul(LI_M);
        let zoc = self.enemy_zoc(army.side);
        let n = self.map.len();
        let mut dist = vec![u32::MAX; n];
        let Some(start) = self.map.index(army.hex) else {
            return Vec::new();
        };
        dist[start] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0u32, start)));
        while let Some(Reverse((d, i))) = heap.pop() {
            if d > dist[i] || (i != start && zoc[i]) {
                continue;
            }
            for nb in self.map.hex_at(i).neighbours() {
                let Some(j) = self.map.index(nb) else {
                    continue;
                };
                let Ok(c) = self.step_cost_m(army, nb) else {
                    continue;
                };
                let nd = d.saturating_add(c);
                if nd <= budget && nd < dist[j] && !self.visible_enemy_at(army.side, nb) {
                    dist[j] = nd;
                    heap.push(Reverse((nd, j)));
                }
            }
        }
        (0..n)
            .filter(|&i| i != start && dist[i] != u32::MAX)
            .map(|i| (self.map.hex_at(i), dist[i]))
            .collect()
    }
}

/// The cost of marching from one army's hex to every hex of the map: the one search behind
/// `Game::find_path`, kept whole so the AI can ask "how far to each goal?" of many goals.
#[derive(Clone, Debug)]
pub struct MarchField {
    start: usize,
    dist: Vec<u32>,
    prev: Vec<usize>,
}

impl MarchField {
    /// Metres of march to `h`, or None where the army cannot go.
    pub fn metres(&self, game: &Game, h: Hex) -> Option<u32> {
        let i = game.map.index(h)?;
        (self.dist[i] != u32::MAX).then_some(self.dist[i])
    }

    /// The cheapest path to `goal` (not including the start); ties go to the lower hex index.
    pub fn path(&self, game: &Game, goal: Hex) -> Option<Vec<Hex>> {
        let target = game.map.index(goal)?;
        if target == self.start || self.dist[target] == u32::MAX {
            return None;
        }
        let mut path = vec![goal];
        let mut i = self.prev[target];
        while i != self.start {
            path.push(game.map.hex_at(i));
            i = self.prev[i];
        }
        path.reverse();
        Some(path)
    }
}

impl Game {
    /// Marching costs from `army` to the whole map; see `MarchField`.
    pub fn march_field(&self, army: &Army) -> MarchField {
        self.march_search(army, None)
    }

    /// Dijkstra over the march rules from `army`, stopping once `stop_at` is settled (if given).
    fn march_search(&self, army: &Army, stop_at: Option<usize>) -> MarchField {
        let zoc = self.enemy_zoc(army.side);
        let n = self.map.len();
        let mut dist = vec![u32::MAX; n];
        let mut prev = vec![usize::MAX; n];
        let Some(start) = self.map.index(army.hex) else {
            return MarchField {
                start: usize::MAX,
                dist,
                prev,
            };
        };
        dist[start] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0u32, start)));
        while let Some(Reverse((d, i))) = heap.pop() {
            if d > dist[i] {
                continue;
            }
            if Some(i) == stop_at {
                break;
            }
            let h = self.map.hex_at(i);
            if i != start && zoc[i] {
                continue;
            }
            if i != start
                && self
                    .place_at(h)
                    .is_some_and(|p| p.owner.is_some_and(|o| self.at_war(o, army.side)))
            {
                continue;
            }
            for nb in h.neighbours() {
                let Some(j) = self.map.index(nb) else {
                    continue;
                };
                let Ok(c) = self.step_cost_m(army, nb) else {
                    continue;
                };
                if self.visible_enemy_at(army.side, nb) {
                    continue;
                }
                let nd = d.saturating_add(c);
                if nd < dist[j] || (nd == dist[j] && i < prev[j]) {
                    dist[j] = nd;
                    prev[j] = i;
                    heap.push(Reverse((nd, j)));
                }
            }
        }
        MarchField { start, dist, prev }
    }
}
