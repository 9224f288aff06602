//! The one march search and its one cost function.
//!
//! Every question of the kind "how far, and by which way?" is answered here: a march order's
//! check, the path to a hex, the reach shading, the AI's distances and the supply trace. They
//! share `step_cost_m` (what a hex costs to enter, or why it cannot be entered) and the rules of
//! `Barriers` (which hexes may be entered, and which passed through), so they cannot disagree.
//!
//! - A march enters a hex if its terrain allows (the Yellow River only at a ford or on the ice,
//!   nothing under flood water) and no enemy army the side can see stands on it. It passes
//!   through a hex — goes on beyond it — only if the hex is in no enemy zone of control and is
//!   no enemy-held place (walls are besieged or assaulted, not marched through). A routed army
//!   flees: it does not even enter an enemy zone of control.
//! - Supply is traced the same way, at the pace of porters on foot, by a column that does not
//!   see hidden enemies any better than the army does but is cut by them all the same (the
//!   rules know where they are; `supply_zone` shows a side only what it can see).

use crate::game::{BarrierTables, Paths};
use crate::hex::Hex;
use crate::model::state::{Army, ArmyState, SideId};
use crate::order::OrderError;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

pub use crate::game::Mobility;

/// The cost in metres for a column to enter `to`, or why it cannot: the one cost function of
/// every march and every supply line (`Ground::hex_cost`; the searches read it from the table
/// the game keeps, `Paths::move_costs`).
pub fn step_cost_m(g: &Paths, mobility: Mobility, to: Hex) -> Result<u32, OrderError> {
    match g.map().index(to) {
        Some(i) if g.move_costs().of_mobility(mobility)[i] != u32::MAX => {
            Ok(g.move_costs().of_mobility(mobility)[i])
        }
        _ => g.ground().hex_cost(mobility, to),
    }
}

/// What bars a column's way, hex by hex, for one side, and what each hex costs it to enter:
/// computed once per search (the search then only reads these arrays).
pub struct Barriers<'g> {
    mobility: Mobility,
    routed: bool,
    /// A march by night slips through enemy zones of control (rules plan H).
    by_night: bool,
    /// `step_cost_m` of every hex for this mobility; `u32::MAX` where it cannot be entered.
    cost: &'g [u32],
    /// Which hexes hold an enemy it counts, lie in an enemy zone of control, or are enemy-held
    /// places: worked out once per state and kind of search (`Paths::barrier_tables`).
    tables: Arc<BarrierTables>,
}

/// The kinds of search, by what enemy they count (the index of their `BarrierTables`).
const MARCH: usize = 0;
const SUPPLY: usize = 1;
const SUPPLY_AS_SEEN: usize = 2;

impl<'g> Barriers<'g> {
    /// The barriers of a march by `army`: the enemies its side can see.
    pub fn march(g: &Paths<'g>, army: &Army) -> Barriers<'g> {
        let side = army.side;
        Barriers::new(
            g,
            side,
            MARCH,
            Mobility::of(army),
            army.state == ArmyState::Routed,
            |e| g.forces().visible_to(e, side),
        )
    }

    /// The barriers of a march by night (Tong'an 1119: "the remaining falling back during the
    /// night"): as by day, but the column may leave and pass through enemy zones of control.
    pub fn night(g: &Paths<'g>, army: &Army) -> Barriers<'g> {
        Barriers {
            by_night: true,
            ..Barriers::march(g, army)
        }
    }

    /// The barriers of a supply line of `side`: every enemy army but the routed cuts it,
    /// hidden ones included.
    pub fn supply(g: &Paths<'g>, side: SideId) -> Barriers<'g> {
        Barriers::new(g, side, SUPPLY, Mobility::Foot, false, |e| {
            e.state != ArmyState::Routed
        })
    }

    /// The barriers of a supply line of `side` as the side sees it: hidden enemies unknown.
    pub fn supply_as_seen(g: &Paths<'g>, side: SideId) -> Barriers<'g> {
        Barriers::new(g, side, SUPPLY_AS_SEEN, Mobility::Foot, false, |e| {
            e.state != ArmyState::Routed && g.forces().visible_to(e, side)
        })
    }

    fn new(
        g: &Paths<'g>,
        side: SideId,
        kind: usize,
        mobility: Mobility,
        routed: bool,
        blocks: impl Fn(&Army) -> bool,
    ) -> Barriers<'g> {
        let tables = g.barrier_tables(side, kind, || {
            let map = g.map();
            let mut enemy = vec![false; map.len()];
            for e in g.forces().armies() {
                if e.is_active()
                    && g.forces().at_war(side, e.side)
                    && blocks(e)
                    && let Some(i) = map.index(e.hex)
                {
                    enemy[i] = true;
                }
            }
            let mut enemy_place = vec![false; map.len()];
            for p in g.forces().places() {
                if p.owner.is_some_and(|o| g.forces().at_war(o, side))
                    && let Some(i) = map.index(p.hex)
                {
                    enemy_place[i] = true;
                }
            }
            BarrierTables {
                enemy,
                zoc: g.forces().enemy_zoc(side),
                enemy_place,
            }
        });
        Barriers {
            mobility,
            routed,
            by_night: false,
            cost: g.move_costs().of_mobility(mobility),
            tables,
        }
    }

    pub fn mobility(&self) -> Mobility {
        self.mobility
    }

    /// Whether the column may enter hex `i` (its terrain aside), and if not, why.
    pub fn enter(&self, i: usize, h: Hex) -> Result<(), OrderError> {
        if self.tables.enemy[i] {
            return Err(OrderError::EnemyThere { hex: h });
        }
        if self.routed && self.tables.zoc[i] && !self.by_night {
            return Err(OrderError::ZoneOfControl { hex: h });
        }
        Ok(())
    }

    /// Whether the column may go on beyond hex `i`, and if not, why.
    pub fn pass(&self, i: usize, h: Hex) -> Result<(), OrderError> {
        if self.tables.zoc[i] && !self.by_night {
            return Err(OrderError::ZoneOfControl { hex: h });
        }
        if self.tables.enemy_place[i] {
            return Err(OrderError::EnemyPlace { hex: h });
        }
        Ok(())
    }

    /// The cost of entering hex `i` if it may be entered (`u32::MAX as usize`, a neighbour off
    /// the map, may not).
    fn step(&self, i: usize) -> Option<u32> {
        let c = *self.cost.get(i)?;
        let zoc = self.tables.zoc[i] && !self.by_night;
        (c != u32::MAX && !self.tables.enemy[i] && !(self.routed && zoc)).then_some(c)
    }

    /// Whether the column may go on beyond hex `i` (`pass`, without the reason).
    fn passes(&self, i: usize) -> bool {
        (!self.tables.zoc[i] || self.by_night) && !self.tables.enemy_place[i]
    }
}

/// The result of a search: the cost of the cheapest way between every hex and the start (or
/// the nearest source), and the way itself.
#[derive(Clone, Debug)]
pub struct Field {
    /// Metres, `u32::MAX` where there is no way.
    pub dist: Vec<u32>,
    /// The hex before this one on the cheapest way from the start (outward), or the next one
    /// towards the source (inward); `u32::MAX` for none. (Maps have at most 400,000 hexes.)
    pub prev: Vec<u32>,
    /// For an inward search: the source each hex draws on (`usize::MAX` for none).
    pub source: Vec<usize>,
}

impl Field {
    fn new(n: usize, sources: bool) -> Field {
        Field {
            dist: vec![u32::MAX; n],
            prev: vec![u32::MAX; n],
            source: if sources {
                vec![usize::MAX; n]
            } else {
                Vec::new()
            },
        }
    }

    /// Metres to hex `i`, if there is a way.
    pub fn metres(&self, i: usize) -> Option<u32> {
        (self.dist[i] != u32::MAX).then_some(self.dist[i])
    }
}

/// Dijkstra outward from `start` under the march rules: every hex the column can reach within
/// `budget` metres, stopping early once `stop_at` is settled. Ties go to the lower hex index,
/// so the same state always gives the same ways.
pub fn outward(g: &Paths, b: &Barriers, start: Hex, budget: u32, stop_at: Option<usize>) -> Field {
    outward_until(g, b, start, budget, stop_at.as_slice())
}

/// `outward`, stopping once the nearest of `targets` and every other target as near are
/// settled (their ways are final then). No targets: the whole map within `budget`.
///
/// With targets the search looks first where they lie (A*): a hex is taken in the order of its
/// metres from the start plus a bound on the metres still to go — hexes to the nearest target
/// times the cheapest hex on the map, which no way can beat, so each hex's metres are final
/// when it is taken, as in Dijkstra's order. It goes on until every hex whose bound is no more
/// than the nearest target's metres is taken: those are all the hexes any cheapest way to a
/// target can pass, so each way, and its tie-break (the lower hex index before), is the one the
/// whole search would find — only fewer hexes far off the way are looked at.
pub fn outward_until(g: &Paths, b: &Barriers, start: Hex, budget: u32, targets: &[usize]) -> Field {
    let map = g.map();
    let mut f = Field::new(map.len(), false);
    let Some(s) = map.index(start) else {
        return f;
    };
    let per_hex = if targets.is_empty() {
        0
    } else {
        g.move_costs().cheapest(b.mobility)
    };
    let target_hexes: Vec<Hex> = targets
        .iter()
        .filter(|&&t| t < map.len())
        .map(|&t| map.hex_at(t))
        .collect();
    // The bound on the metres from hex `i` to the nearest target (0 without targets).
    let to_go = |i: usize| -> u64 {
        if per_hex == 0 || target_hexes.is_empty() {
            return 0;
        }
        let h = map.hex_at(i);
        let hexes = target_hexes
            .iter()
            .map(|t| t.distance(h))
            .min()
            .unwrap_or(0);
        // (Capped at a u32: a smaller bound is still one no way beats.)
        (u64::from(hexes) * u64::from(per_hex)).min(u64::from(u32::MAX))
    };
    f.dist[s] = 0;
    // (estimate, hex) packed into one u64, ordered as the pair is: ties to the lower hex. The
    // estimate is two u32s added (under 2^33), above a hex index of 20 bits (maps have at most
    // 400,000 hexes).
    const HEX_BITS: u32 = 20;
    const _: () = assert!(crate::load::MAX_HEXES < 1 << HEX_BITS);
    let key = |e: u64, i: usize| Reverse((e << HEX_BITS) | i as u64);
    let mut heap = BinaryHeap::new();
    heap.push(key(to_go(s), s));
    // The metres of the nearest target settled so far.
    let mut nearest: Option<u32> = None;
    while let Some(Reverse(k)) = heap.pop() {
        let (e, i) = (k >> HEX_BITS, (k & ((1 << HEX_BITS) - 1)) as usize);
        if nearest.is_some_and(|n| e > u64::from(n)) {
            break;
        }
        let d = f.dist[i];
        if e > u64::from(d) + to_go(i) {
            continue;
        }
        if targets.contains(&i) {
            nearest = Some(nearest.map_or(d, |n| n.min(d)));
            continue;
        }
        if i != s && !b.passes(i) {
            continue;
        }
        for &j in map.neighbour_indices(i) {
            let j = j as usize;
            let Some(c) = b.step(j) else { continue };
            let nd = d.saturating_add(c);
            if nd <= budget && (nd < f.dist[j] || (nd == f.dist[j] && (i as u32) < f.prev[j])) {
                f.dist[j] = nd;
                f.prev[j] = i as u32;
                heap.push(key(u64::from(nd) + to_go(j), j));
            }
        }
    }
    f
}

/// Dijkstra inward to many sources at once under the same rules, read backwards: for every
/// hex, the cost of the cheapest way from it to its nearest source (within `budget`), and
/// which source that is (of two as near, the one of lower hex index). A way from a hex to a
/// source enters every hex after the first, and passes through every hex but the first and
/// the source itself.
pub fn inward(g: &Paths, b: &Barriers, sources: &[usize], budget: u32) -> Field {
    let map = g.map();
    let mut f = Field::new(map.len(), true);
    // (metres, source, hex) packed into one u128, ordered as the triple is (hexes under 2^32).
    let key = |d: u32, src: usize, i: usize| {
        Reverse((u128::from(d) << 64) | ((src as u128) << 32) | i as u128)
    };
    let mut heap = BinaryHeap::new();
    for &s in sources {
        if s < map.len() && (0, s) < (f.dist[s], f.source[s]) {
            f.dist[s] = 0;
            f.source[s] = s;
            heap.push(key(0, s, s));
        }
    }
    while let Some(Reverse(k)) = heap.pop() {
        let (d, src, i) = (
            (k >> 64) as u32,
            ((k >> 32) & 0xffff_ffff) as usize,
            (k & 0xffff_ffff) as usize,
        );
        if (d, src) > (f.dist[i], f.source[i]) {
            continue;
        }
        // The column walks from a neighbour into hex `i` and on towards the source.
        let Some(c) = b.step(i) else { continue };
        if f.source[i] != i && !b.passes(i) {
            continue;
        }
        let nd = d.saturating_add(c);
        if nd > budget {
            continue;
        }
        for &j in map.neighbour_indices(i) {
            let j = j as usize;
            if j == u32::MAX as usize {
                continue;
            }
            if (nd, src) < (f.dist[j], f.source[j]) {
                f.dist[j] = nd;
                f.source[j] = src;
                f.prev[j] = i as u32;
                heap.push(key(nd, src, j));
            }
        }
    }
    f
}

/// The longest prefix of `path` that fits in `budget` metres under these barriers: the march
/// of a day (`truncate_to_turn`) or of a night (`truncate_to_night`).
pub fn prefix_within(g: &Paths, b: &Barriers, budget: u32, path: &[Hex]) -> Vec<Hex> {
    let mut used = 0u32;
    let mut out = Vec::new();
    for &h in path {
        let Ok(c) = step_cost_m(g, b.mobility, h) else {
            break;
        };
        let Some(i) = g.map().index(h) else { break };
        if used.saturating_add(c) > budget || b.enter(i, h).is_err() {
            break;
        }
        used += c;
        out.push(h);
        if b.pass(i, h).is_err() {
            break;
        }
    }
    out
}

/// Walks a given path under the march rules: its cost in metres, or the first reason it
/// cannot be marched. (The search above finds only paths this accepts.)
pub fn walk(g: &Paths, b: &Barriers, from: Hex, path: &[Hex]) -> Result<u32, OrderError> {
    let map = g.map();
    let mut at = from;
    let mut cost = 0u32;
    for (k, &h) in path.iter().enumerate() {
        if !at.is_adjacent(h) {
            return Err(OrderError::NotContiguous { from: at, to: h });
        }
        cost = cost.saturating_add(step_cost_m(g, b.mobility, h)?);
        let i = map.index(h).ok_or(OrderError::OffMap { hex: h })?;
        b.enter(i, h)?;
        if k + 1 < path.len() {
            b.pass(i, h)?;
        }
        at = h;
    }
    Ok(cost)
}
