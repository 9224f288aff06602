//! Marching: how far a column goes in a turn, the march order's check and what it does (fatigue,
//! stragglers, men drowned at the Yellow River's fords, enemy walls entered, ambushes walked
//! into), and the queries the HUD and the AI plan with. Every way and every cost comes from the
//! one search in `search`.

use crate::game::{Act, Forces, LI_M, Paths};
use crate::hex::Hex;
use crate::load::map::Map;
use crate::load::tables::{RiverKind, Rules};
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, Cause, PlaceId};
use crate::order::OrderError;
use crate::rules::search::{self, Barriers, Field, Mobility};

/// A march previewed: see `march_forecast`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarchForecast {
    pub path: Vec<Hex>,
    pub li: u32,
    pub days: u32,
    pub food_days_left: u64,
    pub water: bool,
}

/// Hidden enemies a march walked into: it stopped at `hex`, and they fall on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambush {
    pub hex: Hex,
    pub by: Vec<ArmyId>,
}

/// The cost of marching from one army's hex to every hex of the map: the one search behind
/// `find_path`, kept whole so the AI can ask "how far to each goal?" of many goals.
#[derive(Clone, Debug)]
pub struct MarchField {
    start: usize,
    field: Field,
}

impl MarchField {
    /// The field of a search from the hex of index `start`, for its paths (`path`).
    pub(crate) fn new(start: usize, field: Field) -> MarchField {
        MarchField { start, field }
    }

    /// Metres of march to `h`, or None where the army cannot go.
    pub fn metres(&self, map: &Map, h: Hex) -> Option<u32> {
        self.field.metres(map.index(h)?)
    }

    /// The cheapest path to `goal` (not including the start); ties go to the lower hex index.
    pub fn path(&self, map: &Map, goal: Hex) -> Option<Vec<Hex>> {
        let target = map.index(goal)?;
        if target == self.start || self.field.metres(target).is_none() {
            return None;
        }
        let mut path = vec![goal];
        let mut i = self.field.prev[target] as usize;
        while i != self.start {
            path.push(map.hex_at(i));
            i = self.field.prev[i] as usize;
        }
        path.reverse();
        Some(path)
    }
}

/// Marching costs from `army` outwards until the nearest of `goals` is settled (every
/// goal as near too): their ways are final then. Where no goal can be reached, the field
/// is the army's whole reach, so a caller may look for the next best place in it.
pub fn march_field_toward(g: &Paths, army: &Army, goals: &[Hex]) -> MarchField {
    let map = g.map();
    let targets: Vec<usize> = goals
        .iter()
        .filter(|h| **h != army.hex)
        .filter_map(|h| map.index(*h))
        .collect();
    let b = Barriers::march(g, army);
    MarchField {
        start: map.index(army.hex).unwrap_or(usize::MAX),
        field: search::outward_until(g, &b, army.hex, u32::MAX, &targets),
    }
}

/// The way to whichever of `goals` the army can reach most cheaply (of two as cheap, the
/// first in the list), and its cost: one search, stopped once the nearest is settled.
pub fn nearest_of(g: &Paths, army: &Army, goals: &[Hex]) -> Option<(Hex, u32, Vec<Hex>)> {
    let field = march_field_toward(g, army, goals);
    let mut best: Option<(u32, Hex)> = None;
    for &h in goals {
        if h != army.hex
            && let Some(m) = field.metres(g.map(), h)
            && best.is_none_or(|b| m < b.0)
        {
            best = Some((m, h));
        }
    }
    let (m, h) = best?;
    Some((h, m, field.path(g.map(), h)?))
}

/// What an army's pace reads: the rule tables (each arm's day's march, the drag of siege
/// engines) and the turn's length in days.
#[derive(Clone, Copy)]
pub struct Pace<'a> {
    pub rules: &'a Rules,
    pub turn_days: u32,
}

impl Pace<'_> {
    /// How far an army can march this turn, in li. The column goes at the pace of its slowest
    /// arm (porters walk); a forced march goes further (logistics.md: Song infantry 30–60 li a
    /// day, forced 100–200; Tangut light horse a hundred li "in a flash"). Fatigue slows it.
    pub fn allowance_li(&self, army: &Army, forced: bool) -> u32 {
        let arms = &self.rules.arms;
        let mut pace = u32::MAX;
        for arm in crate::load::tables::Arm::ALL {
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
        let days = self.turn_days.max(1);
        let hauling = if army.siege_engines > 0 {
            self.rules.combat.engines_march_pct.min(100)
        } else {
            100
        };
        pace.saturating_mul(days) * (100 - army.fatigue.min(100) / 2) / 100 * hauling / 100
    }

    /// Metres of march this turn.
    fn budget_m(&self, army: &Army, forced: bool) -> u32 {
        self.allowance_li(army, forced).saturating_mul(LI_M)
    }
}

/// The cost in metres for `army` to enter `to`, or why it cannot (`search::step_cost_m`).
pub fn step_cost_m(g: &Paths, army: &Army, to: Hex) -> Result<u32, OrderError> {
    search::step_cost_m(g, Mobility::of(army), to)
}

/// The cheapest path for `army` to `goal` under the march rules, ignoring how far it can
/// go this turn. Ties are broken by hex order, so the same state always gives the same path.
pub fn find_path(g: &Paths, army: &Army, goal: Hex) -> Option<Vec<Hex>> {
    if army.hex == goal || !g.map().contains(goal) {
        return None;
    }
    // The search may stop once the goal is settled: its path is final then.
    let b = Barriers::march(g, army);
    let field = search::outward(g, &b, army.hex, u32::MAX, g.map().index(goal));
    let start = g.map().index(army.hex)?;
    MarchField { start, field }.path(g.map(), goal)
}

/// Marching costs from `army` to the whole map; see `MarchField`.
pub fn march_field(g: &Paths, army: &Army) -> MarchField {
    let b = Barriers::march(g, army);
    MarchField {
        start: g.map().index(army.hex).unwrap_or(usize::MAX),
        field: search::outward(g, &b, army.hex, u32::MAX, None),
    }
}

/// Every hex the army can reach this turn with its cost in metres (for the reach shading).
pub fn reachable(g: &Paths, pace: Pace, army: &Army, forced: bool) -> Vec<(Hex, u32)> {
    let b = Barriers::march(g, army);
    let f = search::outward(g, &b, army.hex, pace.budget_m(army, forced), None);
    let start = g.map().index(army.hex);
    (0..g.map().len())
        .filter(|&i| Some(i) != start)
        .filter_map(|i| f.metres(i).map(|m| (g.map().hex_at(i), m)))
        .collect()
}

/// What a march to `goal` would mean, for the UI's path preview and the AI: its path, length,
/// days at this pace, food left on arrival and whether water lies on the way.
pub fn march_forecast(
    g: &Paths,
    pace: Pace,
    army: &Army,
    goal: Hex,
    forced: bool,
) -> Option<MarchForecast> {
    let path = find_path(g, army, goal)?;
    let metres: u32 = path
        .iter()
        .map(|h| step_cost_m(g, army, *h).unwrap_or(0))
        .fold(0, u32::saturating_add);
    let per_day = pace.allowance_li(army, forced).max(1).saturating_mul(LI_M);
    let days = metres.div_ceil(per_day).max(1);
    let food_days_left =
        crate::rules::supply::food_days(pace.rules, army).saturating_sub(u64::from(days));
    let water = path.iter().any(|h| g.ground().water_on(*h));
    Some(MarchForecast {
        li: metres / LI_M,
        days,
        food_days_left,
        water,
        path,
    })
}

/// The longest prefix of `path` the army can march this turn.
pub fn truncate_to_turn(
    g: &Paths,
    pace: Pace,
    army: &Army,
    path: &[Hex],
    forced: bool,
) -> Vec<Hex> {
    let budget = pace.budget_m(army, forced);
    let b = Barriers::march(g, army);
    search::prefix_within(g, &b, budget, path)
}

/// Checks a march; returns its cost in metres.
pub(crate) fn check(
    g: &Paths,
    pace: Pace,
    army: &Army,
    path: &[Hex],
    forced: bool,
) -> Result<u32, OrderError> {
    let allowance = pace.allowance_li(army, forced);
    check_walk(g, &Barriers::march(g, army), army, path, allowance)
}

/// What every march's check asks, by day or by night: the army has not marched this turn, the
/// path is not empty, it can be walked under the barriers `b`, and its cost is within
/// `allowance` li. Returns the cost in metres.
pub(crate) fn check_walk(
    g: &Paths,
    b: &Barriers,
    army: &Army,
    path: &[Hex],
    allowance: u32,
) -> Result<u32, OrderError> {
    if army.moved {
        return Err(OrderError::AlreadyMoved);
    }
    if path.is_empty() {
        return Err(OrderError::EmptyPath);
    }
    let cost = search::walk(g, b, army.hex, path)?;
    if cost > allowance.saturating_mul(LI_M) {
        return Err(OrderError::TooFar {
            needed_li: cost.div_ceil(LI_M),
            allowance_li: allowance,
        });
    }
    Ok(cost)
}

/// Hidden enemies of `army` lying next to (or on) `h`, in id order.
fn ambushers(g: Forces, army: &Army, h: Hex) -> Vec<ArmyId> {
    g.armies()
        .iter()
        .filter(|e| {
            e.state == ArmyState::Hidden
                && g.at_war(e.side, army.side)
                && (e.hex == h || e.hex.is_adjacent(h))
        })
        .map(|e| e.id)
        .collect()
}

/// Marches an army along a checked path. It stops where it walks into hidden enemies, who
/// fall on it: they are returned, for the battle (Haoshuichuan 1041).
pub(crate) fn resolve(g: &mut Act, id: ArmyId, path: &[Hex], forced: bool) -> Option<Ambush> {
    if let Some(p) = g.forces().army(id).besieging {
        g.emit(Event::SiegeLifted {
            army: id,
            place: p,
            reason: "marched away".into(),
        });
    }
    let start = g.forces().army(id).hex;
    let mut at = start;
    let mut steps = 0;
    let mut metres = 0u32;
    let mut facing = g.forces().army(id).facing;
    let mut sprung = Vec::new();
    let mut crossings = 0;
    for &h in path {
        let army = g.forces().army(id);
        // A hidden army on the next hex is found by walking into it.
        if g.forces()
            .armies_at(h)
            .any(|e| e.state == ArmyState::Hidden && g.forces().at_war(e.side, army.side))
        {
            sprung = ambushers(g.forces(), army, at);
            break;
        }
        metres = metres.saturating_add(step_cost_m(&g.paths(), army, h).unwrap_or(0));
        facing = at.direction_to(h).map(|d| d as u8);
        at = h;
        steps += 1;
        if g.ground().river_at(h) == RiverKind::Major {
            crossings += 1;
        }
        sprung = ambushers(g.forces(), army, at);
        if !sprung.is_empty() {
            break;
        }
    }
    if steps > 0 {
        g.emit(Event::Moved {
            army: id,
            from: start,
            to: at,
            steps,
            metres,
            forced,
            facing,
        });
    }
    march_toll(g, id, forced);
    crossing_toll(g, id, crossings);
    if let Some(p) = g.forces().place_at(at).map(|p| p.id) {
        enter_place(g, id, p);
    }
    (!sprung.is_empty()).then_some(Ambush {
        hex: at,
        by: sprung,
    })
}

/// Men lost crossing the Yellow River at a ford or on the ice: drowned.
fn crossing_toll(g: &mut Act, id: ArmyId, crossings: u32) {
    if crossings == 0 {
        return;
    }
    let ppm = g
        .rules()
        .supply
        .crossing_drown_ppm
        .saturating_mul(crossings);
    g.lose(id, Cause::Drowned, ppm);
}

/// Fatigue of the march, and the stragglers a forced march leaves behind.
fn march_toll(g: &mut Act, id: ArmyId, forced: bool) {
    let sup = &g.rules().supply;
    let (add, ppm) = if forced {
        (sup.fatigue_forced, sup.straggler_ppm)
    } else {
        (sup.fatigue_march, 0)
    };
    let a = g.forces().army(id);
    let (men, morale, fatigue, hex) = (a.men.total(), a.morale, a.fatigue, a.hex);
    let stragglers = g.share(men, ppm);
    if stragglers > 0 {
        g.emit(Event::Attrition {
            army: id,
            hex,
            cause: Cause::Deserted,
            men: stragglers,
            porters: 0,
        });
    }
    let fatigue = (fatigue as i32 + add).clamp(0, 100) as u32;
    g.emit(Event::Spirits {
        army: id,
        morale,
        fatigue,
    });
}

/// Marching into an enemy place that no army holds takes it, with its stores (Yinzhou 985:
/// Li Jiqian "captured large amounts of supply").
fn enter_place(g: &mut Act, id: ArmyId, p: PlaceId) {
    let side = g.forces().army(id).side;
    let place = g.forces().place(p);
    let hostile_owner = place
        .owner
        .is_none_or(|o| o != side && g.forces().at_war(o, side));
    let defended = g.forces().armies_at(place.hex).any(|e| e.side != side);
    if hostile_owner
        && !defended
        && place.owner != Some(side)
        && (place.owner.is_some() || place.walls > 0)
    {
        let stores_ge = place.stores_ge;
        g.emit(Event::PlaceCaptured {
            place: p,
            side,
            stores_ge,
        });
    }
}
