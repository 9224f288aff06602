//! The AI: a controller that plays either side of any scenario from what that side can see.
//!
//! It works only from the core's public queries — `visible_to` for the enemy it knows of,
//! `odds` for a battle, `march_field` for paths and their cost, `food_days` and `water_near`
//! for supply, `check` for what the rules allow — so it knows no more than a human player
//! under fog of war. It never draws on the game's RNG and breaks every tie by id or hex order,
//! so an AI game replays exactly from its seed.
//!
//! It plays the war of the accounts:
//! - an army keeps enough food to get home and turns back before it starves, and does not
//!   march where there is no water for longer than its skins last (logistics.md; Lingzhou
//!   1081 and Yongle 1082 were lost to hunger and thirst);
//! - a besieger lifts its siege while it still has the food to reach its own country
//!   (Lanzhou 1084: the Tangut army "ran out of supplies and was forced to retreat");
//! - it besieges what its victory conditions want, and assaults when the odds allow;
//! - it lies in ambush in broken country when the enemy is stronger and near, and strikes
//!   with surprise when the enemy walks into it (Haoshuichuan 1041);
//! - light horse goes for columns with porters and armies cut off from supply (the Tangut raids
//!   on Song grain columns);
//! - it falls back on its walls when outmatched, and pursues a beaten enemy.

use crate::game::{Game, LI_M};
use crate::hex::Hex;
use crate::load::scenario::Condition;
use crate::model::state::{Army, ArmyId, ArmyState, PlaceId, SideId};
use crate::order::Order;
use crate::play::controller::Controller;
use crate::rules::march::MarchField;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How well the AI plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Rash and careless: attacks at poor odds, notices its food only once it is hungry,
    /// never hides, never falls back, marches into dry country, chases any bait.
    Easy,
    /// Careful with food and water, attacks at fair odds (or many against few), ambushes,
    /// falls back when outmatched, and fights only near its walls while enemy it cannot see
    /// outweighs it.
    Normal,
}

/// The knobs a level sets.
#[derive(Clone, Copy, Debug)]
struct Temper {
    /// Least chance, in percent, that the enemy gives way before it attacks.
    attack_win_pct: u32,
    /// It also attacks when it expects to kill at least this many per 100 of its own lost.
    trade_pct: u32,
    /// Whether it counts the march home before its food runs out (else only turns back when
    /// hungry).
    counts_food: bool,
    /// Days of food kept in hand beyond the march home.
    reserve_days: u64,
    /// Whether it refuses a march with no water on the way longer than its skins last.
    counts_water: bool,
    ambush: bool,
    /// The enemy's chance against it, in percent, at which it falls back (over 100: never).
    retreat_pct: u32,
    /// Whether it holds back near its walls while enemy it cannot see outweighs it.
    wary: bool,
}

impl Level {
    fn temper(self) -> Temper {
        match self {
            Level::Easy => Temper {
                attack_win_pct: 20,
                trade_pct: 60,
                counts_food: false,
                reserve_days: 0,
                counts_water: false,
                ambush: false,
                retreat_pct: 101,
                wary: false,
            },
            Level::Normal => Temper {
                attack_win_pct: 50,
                trade_pct: 150,
                counts_food: true,
                reserve_days: 2,
                counts_water: true,
                ambush: true,
                retreat_pct: 70,
                wary: true,
            },
        }
    }
}

/// The AI controller.
pub struct Ai {
    pub level: Level,
}

impl Ai {
    pub fn new(level: Level) -> Ai {
        Ai { level }
    }
}

/// What a side wants, from its victory conditions, and what it can see.
struct View<'g> {
    game: &'g Game,
    side: SideId,
    t: Temper,
    /// Enemy armies this side can see, in id order.
    enemies: Vec<&'g Army>,
    /// Enemy places its conditions want taken (or held, where the enemy holds them now), with
    /// what they are worth.
    take: Vec<(PlaceId, u64)>,
    /// Own places its conditions want held, with what they are worth.
    hold: Vec<(PlaceId, u64)>,
    /// Enemy armies its conditions want destroyed, with what they are worth.
    destroy: Vec<(ArmyId, u64)>,
    /// Own armies its conditions want kept in being.
    preserve: Vec<ArmyId>,
    /// Own places its conditions want grain brought into, with what that is worth.
    deliver: Vec<(PlaceId, u64)>,
    /// What plundering the enemy's country is worth to it (a `Plunder` condition), 0 if nothing.
    plunder: u64,
    /// Where its armies would draw on their own stores (`Game::supply_zone`).
    zone: Vec<bool>,
    /// Whether enemy strength it cannot see outweighs its own: it then fights only near its
    /// walls (the Song generals were warned of Tangut feints and ambushes in 1041).
    wary: bool,
    /// Men of its own active armies that are not routed, by hex: the strength near an enemy
    /// read off a few hexes instead of a walk over every army.
    own_men: BTreeMap<Hex, u64>,
}

impl<'g> View<'g> {
    fn new(game: &'g Game, side: SideId, t: Temper) -> View<'g> {
        let mut v = View {
            game,
            side,
            t,
            enemies: game
                .state()
                .armies
                .iter()
                .filter(|e| game.at_war(side, e.side) && game.visible_to(e, side))
                .collect(),
            take: Vec::new(),
            hold: Vec::new(),
            destroy: Vec::new(),
            preserve: Vec::new(),
            deliver: Vec::new(),
            plunder: 0,
            zone: game.supply_zone(side),
            wary: false,
            own_men: BTreeMap::new(),
        };
        for x in game
            .state()
            .armies
            .iter()
            .filter(|x| x.side == side && x.is_active() && x.state != ArmyState::Routed)
        {
            *v.own_men.entry(x.hex).or_default() += u64::from(x.men.total());
        }
        // The order of battle is in the briefing, as a player reads it: it knows which enemy
        // armies it cannot see and how many men they set out with, not where they are.
        let unseen: u64 = game
            .state()
            .armies
            .iter()
            .filter(|e| game.at_war(side, e.side) && e.is_active() && !game.visible_to(e, side))
            .map(|e| u64::from(e.men_start))
            .sum();
        let own: u64 = game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
            .map(|a| u64::from(a.men.total()))
            .sum();
        v.wary = t.wary && unseen > own;
        let me = game.side_name(side).to_string();
        // What the enemy must take is worth holding as much as it is worth to them.
        for c in
            game.scenario().victory.iter().filter(|c| {
                c.side != me && game.side_id(&c.side).is_some_and(|s| game.at_war(s, side))
            })
        {
            let worth = 50 * u64::from(c.points) + if c.decisive { 100 } else { 0 };
            match &c.condition {
                // What they must take (or bring grain into, or relieve), we hold or take.
                Condition::Take { place, .. }
                | Condition::Deliver { place, .. }
                | Condition::Relieve { place, .. }
                | Condition::TakeStores { place } => {
                    if let Some(p) = game.place_id(place) {
                        if game.place(p).owner == Some(side) {
                            v.hold.push((p, worth));
                        } else if !matches!(c.condition, Condition::Take { .. }) {
                            v.take.push((p, worth / 2));
                        }
                    }
                }
                // Their convoy, or an army they must keep in supply: ours to cut out.
                Condition::Supplied { army, .. } => {
                    v.destroy.extend(game.army_id(army).map(|a| (a, worth / 2)));
                }
                // Our baggage they want: kept out of their reach.
                Condition::Baggage { army, .. } => v.preserve.extend(game.army_id(army)),
                // Our commander they want taken or killed: his army kept out of harm's way.
                Condition::Leader { army, .. } => v
                    .preserve
                    .extend(game.army_id(army).filter(|a| game.army(*a).side == side)),
                _ => {}
            }
        }
        for c in game.scenario().victory.iter().filter(|c| c.side == me) {
            // A goal is worth more the more points it scores, and most when it ends the game.
            let worth = 50 * u64::from(c.points) + if c.decisive { 100 } else { 0 };
            match &c.condition {
                Condition::Take { place, .. } | Condition::Hold { place, .. } => {
                    if let Some(p) = game.place_id(place) {
                        let owner = game.place(p).owner;
                        if owner == Some(side) {
                            v.hold.push((p, worth));
                        } else {
                            v.take.push((p, worth));
                        }
                    }
                }
                Condition::Destroy { army, .. } | Condition::Baggage { army, .. } => {
                    v.destroy.extend(game.army_id(army).map(|a| (a, worth)));
                }
                Condition::Preserve { army, .. } | Condition::Supplied { army, .. } => {
                    v.preserve.extend(game.army_id(army))
                }
                Condition::TakeStores { place } => {
                    if let Some(p) = game.place_id(place)
                        && game.place(p).owner != Some(side)
                    {
                        v.take.push((p, worth));
                    }
                }
                Condition::Relieve { place, .. } => {
                    if let Some(p) = game.place_id(place) {
                        v.hold.push((p, worth));
                        // Relieving means driving off the besiegers.
                        for e in game.state().armies.iter().filter(|e| {
                            e.is_active() && e.besieging == Some(p) && game.at_war(e.side, side)
                        }) {
                            v.destroy.push((e.id, worth));
                        }
                    }
                }
                Condition::Deliver { place, .. } => {
                    if let Some(p) = game.place_id(place) {
                        v.hold.push((p, worth));
                        v.deliver.push((p, worth));
                    }
                }
                // An enemy commander to take or kill: his army is to be broken.
                Condition::Leader { army, .. } => v.destroy.extend(
                    game.army_id(army)
                        .filter(|a| game.at_war(game.army(*a).side, side))
                        .map(|a| (a, worth)),
                ),
                Condition::Plunder { .. } => v.plunder = v.plunder.max(worth),
                Condition::Inflict { .. } => {}
            }
        }
        v
    }

    fn legal(&self, o: Order) -> Option<Order> {
        self.game.check(self.side, &o).is_ok().then_some(o)
    }

    /// Whether `a` should attack `e` now: a fair chance of making it give way, or a good
    /// trade of losses (or any chance against a routed enemy: pursuit).
    fn worth_attacking(&self, a: &Army, e: &Army) -> Option<u32> {
        let surprise = a.state == ArmyState::Hidden;
        let o = self.game.odds(a.id, e.id, surprise);
        let trade = o.expected_defender_loss * 100 / o.expected_attacker_loss.max(1);
        let mut need = self.t.attack_win_pct;
        // Many against few in the field: with twice the enemy's men close by, the armies strike
        // one after another and wear it down, even where one alone might be thrown back.
        let g = self.game;
        let ours: u64 = within_two(e.hex)
            .filter_map(|h| self.own_men.get(&h))
            .sum::<u64>()
            .max(u64::from(a.men.total()));
        let theirs: u64 = self
            .enemies
            .iter()
            .filter(|x| x.hex == e.hex)
            .map(|x| u64::from(x.men.total()))
            .sum();
        // (Not against walls: storming them piecemeal only feeds the defenders.)
        if ours >= 2 * theirs && g.place_at(e.hex).is_none() {
            need = need.min(25);
        }
        if self.preserve.contains(&a.id) {
            need += 20;
        }
        let good = o.win_pct >= need
            || (trade >= self.t.trade_pct && o.win_pct * 2 >= need)
            || (e.state == ArmyState::Routed && o.win_pct > 0);
        good.then_some(o.win_pct * 1000 + trade.min(999))
    }

    /// The best chance any visible enemy within `range` has of beating `a` if it attacks.
    fn threat(&self, a: &Army, range: u32) -> u32 {
        self.enemies
            .iter()
            .filter(|e| e.state != ArmyState::Routed && e.hex.distance(a.hex) <= range)
            .map(|e| self.game.odds(e.id, a.id, false).win_pct)
            .max()
            .unwrap_or(0)
    }

    /// A day's march for `a`, in metres.
    fn day_m(&self, a: &Army, forced: bool) -> u32 {
        self.game
            .allowance_li(a, forced)
            .max(1)
            .saturating_mul(LI_M)
    }

    fn days_to(&self, a: &Army, field: &MarchField, h: Hex) -> Option<u32> {
        if h == a.hex {
            return Some(0);
        }
        let m = field.metres(self.game.map(), h)?;
        Some(m.div_ceil(self.day_m(a, false)).max(1))
    }

    /// Whether a march along `path` taking `days` runs dry for longer than the skins last.
    fn dry_march(&self, a: &Army, path: &[Hex], days: u32) -> bool {
        let wet = path.iter().any(|h| self.game.water_near(*h));
        !wet && days > a.water_days
    }

    /// The march order towards `goal` for this turn, if the army can make any progress.
    fn march(&self, a: &Army, field: &MarchField, goal: Hex, forced: bool) -> Option<Order> {
        let path = field.path(self.game.map(), goal)?;
        let path = self.game.truncate_to_turn(a, &path, forced);
        if path.is_empty() {
            return None;
        }
        self.legal(Order::Move {
            army: a.id,
            path,
            forced,
        })
    }

    /// Days of march back into its own supply, and the nearest hex of it (None: no way back).
    fn days_to_supply(&self, a: &Army, field: &MarchField) -> Option<(u32, Hex)> {
        let g = self.game;
        if g.map().index(a.hex).is_some_and(|i| self.zone[i]) {
            return Some((0, a.hex));
        }
        let (m, h) = (0..g.map().len())
            .filter(|&i| self.zone[i])
            .map(|i| g.map().hex_at(i))
            .filter_map(|h| Some((field.metres(g.map(), h)?, h)))
            .min()?;
        Some((m.div_ceil(self.day_m(a, false)).max(1), h))
    }

    /// Whether the army must turn back for its grain now: its food lasts no longer than the
    /// march back into supply and the reserve (Easy only notices once it is hungry).
    fn short_of_food(&self, a: &Army, back: Option<(u32, Hex)>) -> bool {
        let hungry = a.days_hungry > 0;
        match back {
            Some((0, _)) => false,
            _ if !self.t.counts_food => hungry,
            Some((days, _)) => {
                hungry || self.game.food_days(a) <= u64::from(days) + self.t.reserve_days
            }
            None => hungry || self.game.food_days(a) <= self.t.reserve_days,
        }
    }

    /// Whether lying in wait here pays: an enemy is near, and falling on it by surprise would
    /// likely make it give way (Haoshuichuan 1041: the hidden wings fell on Ren Fu's column).
    fn good_ambush(&self, a: &Army) -> bool {
        self.t.ambush
            && a.state != ArmyState::Hidden
            && self
                .enemies
                .iter()
                .filter(|e| e.state != ArmyState::Routed && e.hex.distance(a.hex) <= 6)
                .min_by_key(|e| (e.hex.distance(a.hex), e.id))
                .is_some_and(|e| self.game.odds(a.id, e.id, true).win_pct >= 40)
    }

    fn near_own_walls(&self, h: Hex, range: u32) -> bool {
        self.game
            .state()
            .places
            .iter()
            .any(|p| p.owner == Some(self.side) && p.walls > 0 && p.hex.distance(h) <= range)
    }

    /// Men of the visible enemy (not routed) within `range` of `h`.
    fn enemy_men_near(&self, h: Hex, range: u32) -> u64 {
        self.enemies
            .iter()
            .filter(|e| e.state != ArmyState::Routed && e.hex.distance(h) <= range)
            .map(|e| u64::from(e.men.total()))
            .sum()
    }

    /// Whether the place can stand against the enemy near it with `extra` more men inside:
    /// walls multiply the defenders (a rule of thumb for the AI, not a rule of the game).
    fn holds(&self, p: PlaceId, extra: u32) -> bool {
        let place = self.game.place(p);
        let inside: u64 = self
            .game
            .armies_at(place.hex)
            .filter(|x| x.side == self.side && x.state != ArmyState::Routed)
            .map(|x| u64::from(x.men.total()))
            .sum::<u64>()
            + u64::from(extra);
        self.enemy_men_near(place.hex, 5) < inside * (2 + u64::from(place.walls))
    }

    /// Where to fall back when beaten or outmatched: the nearest own walled place that can hold
    /// with this army inside; else the nearest own place with no enemy near; else any.
    fn refuge(&self, a: &Army, field: &MarchField) -> Option<Hex> {
        let g = self.game;
        let best = g
            .state()
            .places
            .iter()
            .filter(|p| p.owner == Some(self.side) && p.hex != a.hex)
            .filter_map(|p| {
                let d = self.days_to(a, field, p.hex)?;
                let safe = p.walls > 0 && self.holds(p.id, a.men.total());
                let quiet = self.enemy_men_near(p.hex, 5) == 0;
                Some(((!safe, !quiet, d, p.id), p.hex))
            })
            .min_by_key(|x| x.0);
        match best {
            Some(((false, _, _, _), h)) | Some(((_, false, _, _), h)) => Some(h),
            // No walls that can hold and no quiet place: get away from the enemy.
            _ => self.away(a).or(best.map(|b| b.1)),
        }
    }

    /// The hex within this turn's march furthest from the visible enemy (water near first).
    fn away(&self, a: &Army) -> Option<Hex> {
        let g = self.game;
        let gap = |h: Hex| {
            self.enemies
                .iter()
                .filter(|e| e.state != ArmyState::Routed)
                .map(|e| e.hex.distance(h))
                .min()
                .unwrap_or(u32::MAX)
        };
        let here = gap(a.hex);
        g.reachable(a, false)
            .into_iter()
            .map(|(h, m)| ((g.water_near(h), gap(h), std::cmp::Reverse(m)), h))
            .filter(|x| x.0.1 > here)
            .max_by_key(|x| (x.0, std::cmp::Reverse(x.1)))
            .map(|x| x.1)
    }

    /// Storm, or march on, the nearest enemy place with grain in store within three days whose
    /// garrison it can beat (or that has none).
    fn raid_stores(&self, a: &Army, field: &MarchField) -> Option<Order> {
        let g = self.game;
        let (_, p) = g
            .state()
            .places
            .iter()
            .filter(|p| p.owner.is_some_and(|o| g.at_war(o, self.side)) && p.stores_ge > 0)
            .filter(|p| {
                self.enemies
                    .iter()
                    .filter(|e| e.hex == p.hex)
                    .all(|e| g.odds(a.id, e.id, false).win_pct >= 50)
            })
            .filter_map(|p| {
                let near = p
                    .hex
                    .neighbours()
                    .into_iter()
                    .filter_map(|n| field.metres(g.map(), n))
                    .min();
                let m = if a.hex.is_adjacent(p.hex) { 0 } else { near? };
                (m.div_ceil(self.day_m(a, false)) <= 3).then_some((m, p))
            })
            .min_by_key(|x| (x.0, x.1.id))?;
        if a.hex.is_adjacent(p.hex) {
            return self.legal(Order::Assault {
                army: a.id,
                place: p.id,
            });
        }
        let goal = p
            .hex
            .neighbours()
            .into_iter()
            .filter_map(|n| Some((field.metres(g.map(), n)?, n)))
            .min()?
            .1;
        self.march(a, field, goal, false)
    }

    /// Where to live off the country when no stores can be reached: the hex within this turn's
    /// march (or this one) with the most forage left, water near, fewest metres on ties.
    fn forage_ground(&self, a: &Army) -> Option<Hex> {
        let g = self.game;
        let season = g.state().date.season();
        let here = (g.forage_per_man_ge(a.hex, season), 0u32, a.hex);
        let best = g
            .reachable(a, false)
            .into_iter()
            .filter(|(h, _)| g.water_near(*h) && g.place_at(*h).is_none())
            .map(|(h, m)| (g.forage_per_man_ge(h, season), m, h))
            .fold(here, |b, x| {
                if x.0 > b.0 || (x.0 == b.0 && x.1 < b.1) {
                    x
                } else {
                    b
                }
            });
        (best.2 != a.hex).then_some(best.2)
    }

    /// The nearest hex with water the army can reach.
    fn water(&self, field: &MarchField) -> Option<Hex> {
        let map = &self.game.map();
        (0..map.len())
            .map(|i| map.hex_at(i))
            .filter(|h| self.game.water_near(*h))
            .filter_map(|h| Some((field.metres(self.game.map(), h)?, h)))
            .min()
            .map(|x| x.1)
    }

    fn order_for(&self, a: &Army) -> Option<Order> {
        let g = self.game;
        let id = a.id;
        let own_place = g.place_at(a.hex).filter(|p| p.owner == Some(self.side));
        let field = g.march_field(a);

        // A beaten army goes back to its walls.
        if a.state == ArmyState::Routed {
            if own_place.is_some() || a.moved {
                return None;
            }
            if !g.has_water(a)
                && a.water_days <= 1
                && let Some(h) = self.water(&field)
            {
                return self.march(a, &field, h, false);
            }
            let home = self.refuge(a, &field)?;
            return self.march(a, &field, home, false);
        }

        // A garrison under siege sorties when the odds are good, else holds its walls.
        if let Some(p) = own_place
            && g.is_besieged(p.id)
        {
            if !a.attacked {
                let best = self
                    .enemies
                    .iter()
                    .filter(|e| e.hex.is_adjacent(a.hex) && e.besieging == Some(p.id))
                    .filter_map(|e| Some((self.worth_attacking(a, e)?, e.id)))
                    .max_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
                if let Some((_, target)) = best {
                    return self.legal(Order::Sortie { army: id, target });
                }
            }
            // Walls without wells whose cisterns are dry are no refuge: the garrison breaks
            // out for friendly walls rather than die of thirst (Yongle 1082 fell for want of
            // water).
            if !p.water
                && p.cistern_days == 0
                && !a.moved
                && let Some(h) = self.refuge(a, &field)
            {
                return self.march(a, &field, h, false);
            }
            return None;
        }

        // Strike an enemy next to us when it is worth it.
        if !a.attacked {
            let best = self
                .enemies
                .iter()
                .filter(|e| e.hex.is_adjacent(a.hex) && g.place_at(e.hex).is_none())
                .filter_map(|e| {
                    let s = self.worth_attacking(a, e)?;
                    Some((s, e.id))
                })
                .max_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
            if let Some((_, target)) = best {
                return self.legal(Order::Attack { army: id, target });
            }
        }

        // A besieger: lift while it can still get back to its grain; storm when the walls can
        // be taken.
        let back = self.days_to_supply(a, &field);
        if let Some(p) = a.besieging {
            if self.short_of_food(a, back) {
                return self.legal(Order::LiftSiege { army: id });
            }
            if !a.attacked
                && let Some(o) = self.assault(a, p)
            {
                return Some(o);
            }
            return None;
        }
        if a.moved {
            return None;
        }
        // One army inside its walls is their garrison (the fortified one, else the smallest):
        // it does not march out and leave them empty (it may still strike at an enemy next to
        // them, above).
        if let Some(p) = own_place
            && p.walls > 0
            && g.armies_at(p.hex)
                .filter(|x| x.side == self.side && x.state != ArmyState::Routed)
                .min_by_key(|x| (x.state != ArmyState::Fortified, x.men.total(), x.id))
                .is_some_and(|x| x.id == id)
        {
            let near = self.enemies.iter().any(|e| e.hex.distance(p.hex) <= 3);
            return if near && a.state != ArmyState::Fortified {
                self.legal(Order::Fortify { army: id })
            } else {
                None
            };
        }

        // Food and water: turn for home before the food runs out; find water before the skins
        // are empty.
        if self.short_of_food(a, back) {
            // Back to its grain; with no way back, live off the best country near.
            if let Some((_, h)) = back {
                return self.march(a, &field, h, false);
            }
            // With no way back to its own grain, take the enemy's (Liu Changzuo at Mingsha,
            // 1081: "captured a large supply of millet").
            if let Some(o) = self.raid_stores(a, &field) {
                return Some(o);
            }
            if let Some(h) = self.forage_ground(a) {
                return self.march(a, &field, h, false);
            }
        }
        if !g.has_water(a)
            && a.water_days <= 1
            && (self.t.counts_water || a.days_thirsty > 0)
            && let Some(h) = self.water(&field)
        {
            return self.march(a, &field, h, false);
        }

        // Outmatched in the open: lie in wait in broken country, or fall back on walls.
        let preserve = self.preserve.contains(&id);
        // An army the conditions want kept in being looks further for danger.
        let threat = self.threat(a, if preserve { 6 } else { 3 });
        let retreat_pct = if preserve {
            self.t.retreat_pct.saturating_sub(20)
        } else {
            self.t.retreat_pct
        };
        if threat >= retreat_pct {
            let holding = own_place.is_some_and(|p| {
                p.walls > 0
                    && (self.holds(p.id, 0) || !preserve && self.hold.iter().any(|h| h.0 == p.id))
            });
            if holding {
                return self.legal(Order::Fortify { army: id });
            }
            if !preserve
                && self.good_ambush(a)
                && let Some(o) = self.legal(Order::Hide { army: id })
            {
                return Some(o);
            }
            if a.state == ArmyState::Hidden {
                return None;
            }
            if let Some(h) = self.refuge(a, &field) {
                return self.march(a, &field, h, false);
            }
        }
        // In ambush: wait while the enemy is near and may come on; with none near, go about
        // its business.
        if a.state == ArmyState::Hidden
            && self
                .enemies
                .iter()
                .any(|e| e.hex.distance(a.hex) <= 4 && e.state != ArmyState::Routed)
        {
            return None;
        }

        if let Some(o) = self.plunder(a) {
            return Some(o);
        }
        if let Some(o) = self.objective(a, &field, own_place.map(|p| p.id), back) {
            return Some(o);
        }

        // Nothing to go for: wait in broken country where the enemy may pass, or rest.
        if !preserve
            && self.good_ambush(a)
            && let Some(o) = self.legal(Order::Hide { army: id })
        {
            return Some(o);
        }
        None
    }

    /// Tsongkha 1105: "Failing to take major cities, the Tangut forces went on a rampage".
    /// Where its conditions reward plunder, an army out of its own country (beyond its side's
    /// supply) and out of danger strips the enemy's country around it, if there is grain to take.
    fn plunder(&self, a: &Army) -> Option<Order> {
        let g = self.game;
        let abroad = g.map().index(a.hex).is_some_and(|i| !self.zone[i]);
        if self.plunder == 0 || !abroad || g.place_at(a.hex).is_some() || g.plunder_ge(a) == 0 {
            return None;
        }
        self.legal(Order::Plunder { army: a.id })
    }

    /// Storm an enemy place next to the army when the odds against its strongest garrison
    /// allow (an empty place is simply taken).
    fn assault(&self, a: &Army, p: PlaceId) -> Option<Order> {
        let place = self.game.place(p);
        if !a.hex.is_adjacent(place.hex) {
            return None;
        }
        let garrison = self
            .enemies
            .iter()
            .filter(|e| e.hex == place.hex)
            .max_by_key(|e| (e.men.total(), std::cmp::Reverse(e.id)));
        let go = match garrison {
            None => true,
            Some(e) => self.worth_attacking(a, e).is_some(),
        };
        if go {
            self.legal(Order::Assault {
                army: a.id,
                place: p,
            })
        } else {
            None
        }
    }

    /// Goes for the most worthwhile goal it can reach and live through: an enemy place the
    /// conditions want, an enemy army it can beat (beaten, wanted or supply-carrying ones
    /// first), or an own place under threat.
    fn objective(
        &self,
        a: &Army,
        field: &MarchField,
        here: Option<PlaceId>,
        back: Option<(u32, Hex)>,
    ) -> Option<Order> {
        let g = self.game;
        let mounted = a.men.mounted() * 10 >= a.men.total().max(1) * 6;
        // (value, goal hex, what to do on arrival)
        let mut best: Option<(u64, Hex, Goal)> = None;
        // Goals where the enemy near would likely beat it are not worth the march (the careful
        // levels only): an army does not walk into a host ten times its size.
        let retreat_pct = if self.preserve.contains(&a.id) {
            self.t.retreat_pct.saturating_sub(20)
        } else {
            self.t.retreat_pct
        };
        let safe = |goal: Hex| {
            !self.t.counts_food
                || self
                    .enemies
                    .iter()
                    .filter(|e| e.state != ArmyState::Routed && e.hex.distance(goal) <= 2)
                    .all(|e| g.odds(e.id, a.id, false).win_pct < retreat_pct)
        };
        let mut consider = |value: u64, goal: Hex, what: Goal, days: u32| {
            if !matches!(what, Goal::Stay | Goal::Stock) && !safe(goal) {
                return;
            }
            let score = value * 1000 / (u64::from(days) + 1);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, goal, what));
            }
        };

        // Grain the conditions want brought into a place: a column with grain to spare makes
        // for it and stocks its walls (a convoy to a town under siege).
        let spare = crate::rules::country::spare_grain(g.rules(), a);
        if spare > 0 && a.porters > 0 {
            for &(p, worth) in &self.deliver {
                let place = g.place(p);
                if place.owner != Some(self.side) {
                    continue;
                }
                if here == Some(p) {
                    consider(worth + 100, a.hex, Goal::Stock, 0);
                } else if let Some(days) = self.days_to(a, field, place.hex) {
                    consider(worth + 100, place.hex, Goal::March, days);
                }
            }
        }

        // Places the conditions want: besiege, or storm.
        for &(p, worth) in &self.take {
            let place = g.place(p);
            if place.owner == Some(self.side) {
                continue;
            }
            if a.hex.is_adjacent(place.hex) {
                consider(worth, a.hex, Goal::Siege(p), 0);
                continue;
            }
            // The nearest neighbour of the place it can reach.
            let near = place
                .hex
                .neighbours()
                .into_iter()
                .filter_map(|n| Some((field.metres(g.map(), n)?, n)))
                .min();
            if let Some((_, n)) = near
                && let Some(days) = self.days_to(a, field, n)
                && self.can_make(a, field, n, days, back)
            {
                consider(worth, n, Goal::March, days);
            }
        }

        // Enemy armies it can beat. (The cheap tests first: the odds are worked out only for
        // the enemies within four days' march, so a thousand armies cost no more than a few.)
        for e in &self.enemies {
            if g.place_at(e.hex).is_some() {
                continue;
            }
            let near = e
                .hex
                .neighbours()
                .into_iter()
                .filter_map(|n| Some((field.metres(g.map(), n)?, n)))
                .min();
            let Some((_, n)) = near else { continue };
            let Some(days) = self.days_to(a, field, n) else {
                continue;
            };
            if days > 4
                || self.worth_attacking(a, e).is_none()
                || !self.can_make(a, field, n, days, back)
            {
                continue;
            }
            if self.wary && !self.near_own_walls(e.hex, 3) {
                continue;
            }
            let mut value: u64 = 40;
            value += self.destroy.iter().find(|d| d.0 == e.id).map_or(0, |d| d.1);
            if e.state == ArmyState::Routed {
                value += 40;
            }
            if mounted && e.porters > 0 {
                value += 40; // light horse goes for the grain column
            }
            consider(value, n, Goal::Pursue(e.state == ArmyState::Routed), days);
        }

        // Own places the conditions want held, when the enemy comes on in more strength than
        // their garrison can stand: reinforce them; stay in them.
        for &(p, worth) in &self.hold {
            let place = g.place(p);
            let near = self.enemy_men_near(place.hex, 5);
            if near == 0 {
                continue;
            }
            if here == Some(p) {
                // Stay while the place can hold; an army the conditions want kept in being
                // does not shut itself up in walls that will fall.
                if self.holds(p, 0) || !self.preserve.contains(&a.id) {
                    consider(worth + 60, a.hex, Goal::Stay, 0);
                }
                continue;
            }
            // A place whose loss ends the game is manned whatever the odds (by armies the
            // conditions do not want kept in being); others only where the men make it hold.
            let vital = worth >= 150 && !self.preserve.contains(&a.id);
            if !self.holds(p, 0)
                && (vital || self.holds(p, a.men.total()))
                && let Some(days) = self.days_to(a, field, place.hex)
                && days <= 3
            {
                consider(worth + 60, place.hex, Goal::March, days);
            }
        }

        let (_, goal, what) = best?;
        match what {
            Goal::Stay => self.legal(Order::Fortify { army: a.id }),
            Goal::Stock => self.legal(Order::Stock { army: a.id }),
            Goal::Siege(p) => {
                if let Some(o) = self.assault(a, p).filter(|_| {
                    // Storm an empty place, or a weak garrison, at once; a stronger one only
                    // after engines or hunger have had a few days to work.
                    let hex = g.place(p).hex;
                    g.place(p).days_besieged >= 3
                        || self
                            .enemies
                            .iter()
                            .filter(|e| e.hex == hex)
                            .all(|e| g.odds(a.id, e.id, false).win_pct >= 80)
                }) {
                    return Some(o);
                }
                self.legal(Order::Besiege {
                    army: a.id,
                    place: p,
                })
                .or_else(|| {
                    self.legal(Order::Blockade {
                        army: a.id,
                        place: p,
                    })
                })
            }
            Goal::March => self.march(a, field, goal, false),
            Goal::Pursue(routed) => {
                // Horse force-march after a beaten enemy (it cannot rally while pursued); a
                // host on foot would only lose its stragglers.
                self.march(a, field, goal, routed && mounted)
                    .or_else(|| self.march(a, field, goal, false))
            }
        }
    }

    /// Whether the army can march to `goal` in `days` and still have food to get back, and
    /// water on the way.
    fn can_make(
        &self,
        a: &Army,
        field: &MarchField,
        goal: Hex,
        days: u32,
        back: Option<(u32, Hex)>,
    ) -> bool {
        let food = self.game.food_days(a);
        if self.t.counts_water
            && let Some(path) = field.path(self.game.map(), goal)
            && self.dry_march(a, &path, days)
        {
            return false;
        }
        if !self.t.counts_food {
            return true;
        }
        // Out, and back into supply again, with the reserve.
        let back = back.map_or(u64::from(days), |b| u64::from(b.0));
        let goal_in_zone = self.game.map().index(goal).is_some_and(|i| self.zone[i]);
        goal_in_zone || food >= 2 * u64::from(days) + back + self.t.reserve_days
    }
}

/// The hexes within two of `h` (itself among them), each once.
fn within_two(h: Hex) -> impl Iterator<Item = Hex> {
    let mut v: Vec<Hex> = std::iter::once(h)
        .chain(h.neighbours())
        .chain(h.neighbours().into_iter().flat_map(|n| n.neighbours()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v.into_iter()
}

#[derive(Clone, Copy, Debug)]
enum Goal {
    March,
    Pursue(bool),
    Siege(PlaceId),
    Stay,
    /// Leave its spare grain in the walls it stands in.
    Stock,
}

impl Controller for Ai {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order> {
        let view = View::new(game, side, self.level.temper());
        game.state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
            .filter_map(|a| view.order_for(a))
            .collect()
    }
}

/// The baseline the AI is measured against: every army marches on the nearest enemy it can
/// see and attacks it, or besieges the nearest enemy place; it never counts food or water.
pub struct Greedy;

impl Controller for Greedy {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order> {
        let mut out = Vec::new();
        for a in game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active() && a.state != ArmyState::Routed)
        {
            let legal = |o: Order| game.check(side, &o).is_ok().then_some(o);
            if !a.attacked
                && let Some(e) = game
                    .state()
                    .armies
                    .iter()
                    .filter(|e| game.at_war(side, e.side) && game.visible_to(e, side))
                    .find(|e| e.hex.is_adjacent(a.hex))
                && let Some(o) = legal(Order::Attack {
                    army: a.id,
                    target: e.id,
                })
            {
                out.push(o);
                continue;
            }
            if a.moved || a.besieging.is_some() {
                continue;
            }
            let field = game.march_field(a);
            let place = game
                .state()
                .places
                .iter()
                .filter(|p| p.owner.is_some_and(|o| game.at_war(side, o)))
                .min_by_key(|p| (p.hex.distance(a.hex), p.id));
            if let Some(p) = place
                && a.hex.is_adjacent(p.hex)
                && let Some(o) = legal(Order::Besiege {
                    army: a.id,
                    place: p.id,
                })
            {
                out.push(o);
                continue;
            }
            let target = game
                .state()
                .armies
                .iter()
                .filter(|e| game.at_war(side, e.side) && game.visible_to(e, side))
                .map(|e| e.hex)
                .chain(place.map(|p| p.hex))
                .flat_map(|h| h.neighbours())
                .filter_map(|n| Some((field.metres(game.map(), n)?, n)))
                .min();
            if let Some((_, goal)) = target
                && let Some(path) = field.path(game.map(), goal)
            {
                let path = game.truncate_to_turn(a, &path, false);
                if let Some(o) = (!path.is_empty())
                    .then_some(Order::Move {
                        army: a.id,
                        path,
                        forced: false,
                    })
                    .and_then(legal)
                {
                    out.push(o);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::within_two;
    use crate::hex::Hex;

    #[test]
    fn within_two_is_every_hex_at_most_two_away() {
        for centre in [
            Hex::new(0, 0),
            Hex::new(5, 7),
            Hex::new(6, 8),
            Hex::new(-3, 2),
        ] {
            let got: Vec<Hex> = within_two(centre).collect();
            let mut want: Vec<Hex> = (-4..=4)
                .flat_map(|dc| (-4..=4).map(move |dr| Hex::new(centre.col + dc, centre.row + dr)))
                .filter(|h| h.distance(centre) <= 2)
                .collect();
            want.sort_unstable();
            assert_eq!(got, want, "around {centre:?}");
            assert_eq!(got.len(), 19);
        }
    }
}
