//! Battle: strength by arm, terrain, walls, surprise, flanks and rear, fording, weather,
//! morale, fatigue and hunger; a die for luck; losses killed, wounded and captured; retreats,
//! routs and surrenders. `odds` previews a fight without touching the state.

use crate::game::{Act, Forces, Ground, World};
use crate::hex::{Hex, direction_gap};
use crate::load::scenario::Weather;
use crate::load::tables::{Arm, CombatRules, RiverKind};
use crate::model::event::{BattleFactors, BattleResult, Event};
use crate::model::state::{Army, ArmyId, ArmyState, Losses, PlaceId, SupplyStatus};
use crate::order::OrderError;
use crate::rules::search::{self, Mobility};
use serde::{Deserialize, Serialize};

/// How a fight is joined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Engagement {
    /// From ambush, or a night sortie.
    pub surprise: bool,
    /// A garrison striking from its walls and returning inside.
    pub sortie: bool,
}

/// What one face of the die would give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceOutcome {
    pub attacker_loss: u32,
    pub defender_loss: u32,
    pub attacker_morale: u32,
    pub defender_morale: u32,
    pub result: BattleResult,
    /// The defenders' losses per million men, the same for every army of the stack.
    pub defender_loss_ppm: u32,
}

/// A preview of a fight: strengths, factors, and the outcome for every face of the die.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Odds {
    pub attacker_strength: u64,
    pub defender_strength: u64,
    /// Attacker : defender, in percent (300 = 3 to 1).
    pub ratio_pct: u64,
    pub factors: BattleFactors,
    pub faces: Vec<FaceOutcome>,
    /// Chance in percent that the defender gives way (retreats, routs or loses its walls).
    pub win_pct: u32,
    pub expected_attacker_loss: u32,
    pub expected_defender_loss: u32,
}

struct Sides {
    a: u64,
    d: u64,
    factors: BattleFactors,
    /// The defending stack (`defending_stack`), found once for every face of the die.
    stack: Vec<ArmyId>,
}

const PPM: u64 = 1_000_000;

/// Whether an army is caught in the act of fording a stream: it stands in one and marched
/// this turn.
pub fn fording(g: Ground, army: &Army) -> bool {
    army.moved && g.river_at(army.hex) == RiverKind::Minor
}

/// Whether `army` may attack (or, from its walls, sortie against) `target`.
pub(crate) fn check_attack(
    g: Forces,
    army: &Army,
    target: ArmyId,
    sortie: bool,
) -> Result<(), OrderError> {
    if army.attacked {
        return Err(OrderError::AlreadyAttacked);
    }
    if army.state == ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    let t = g
        .armies()
        .get(usize::from(target.0))
        .ok_or(OrderError::NoSuchArmy(target))?;
    if !g.at_war(army.side, t.side) {
        return Err(OrderError::NotAtWar);
    }
    if !g.visible_to(t, army.side) {
        return Err(OrderError::NotVisible);
    }
    if !army.hex.is_adjacent(t.hex) {
        return Err(OrderError::NotAdjacent);
    }
    if sortie
        && !g
            .place_at(army.hex)
            .is_some_and(|p| p.walls > 0 && p.owner == Some(army.side))
    {
        return Err(OrderError::NotAGarrison);
    }
    Ok(())
}

/// The armies that defend a hex together: the one attacked first, then the rest of its side
/// on that hex (not hidden, and not quarrelling with it), in id order.
pub fn defending_stack(g: Forces, def: &Army) -> Vec<ArmyId> {
    let mut out = vec![def.id];
    out.extend(
        g.armies_at(def.hex)
            .filter(|x| {
                x.id != def.id
                    && x.side == def.side
                    && x.state != ArmyState::Hidden
                    && !g.quarrel(x.id, def.id)
            })
            .map(|x| x.id),
    );
    out
}

/// The odds of `attacker` attacking `defender` now, for every face of the die. Pure.
pub fn odds(g: &World, attacker: ArmyId, defender: ArmyId, surprise: bool) -> Odds {
    let (att, def) = (g.forces().army(attacker), g.forces().army(defender));
    let e = Engagement {
        surprise,
        sortie: false,
    };
    let s = strengths(g, att, def, e);
    let faces: Vec<FaceOutcome> = (0..g.rules().combat.luck_pct.len().max(1))
        .map(|f| face(g, att, def, &s, e, f))
        .collect();
    let n = faces.len() as u32;
    let wins = faces
        .iter()
        .filter(|f| {
            matches!(
                f.result,
                BattleResult::DefenderRetreats
                    | BattleResult::DefenderRouted
                    | BattleResult::PlaceStormed
            )
        })
        .count() as u32;
    Odds {
        attacker_strength: s.a,
        defender_strength: s.d,
        ratio_pct: s.a * 100 / s.d.max(1),
        factors: s.factors,
        win_pct: wins * 100 / n,
        expected_attacker_loss: faces.iter().map(|f| f.attacker_loss).sum::<u32>() / n,
        expected_defender_loss: faces.iter().map(|f| f.defender_loss).sum::<u32>() / n,
        faces,
    }
}

/// Metres `high` stands above `low` (0 if it does not).
fn above_m(g: &World, low: Hex, high: Hex) -> u32 {
    let (l, h) = (
        g.ground().map().elevation_m(low),
        g.ground().map().elevation_m(high),
    );
    match (l, h) {
        (Some(l), Some(h)) if h > l => (h - l).unsigned_abs(),
        _ => 0,
    }
}

/// Walls the defender stands behind: a walled place its own side holds.
fn walls_of(g: &World, d: &Army) -> u8 {
    g.forces()
        .place_at(d.hex)
        .filter(|p| p.owner == Some(d.side))
        .map_or(0, |p| p.walls)
}

fn arm_value(g: &World, army: &Army, arm: Arm, attacking: bool, at: Hex) -> u64 {
    let stats = g.rules().arms.get(arm);
    let mut v = u64::from(army.men.get(arm))
        * u64::from(if attacking {
            stats.attack
        } else {
            stats.defense
        });
    if stats.mounted {
        v = v * u64::from(
            g.ground()
                .terrain_at(at)
                .map_or(100, |t| t.horse_combat_pct),
        ) / 100;
    }
    // Heavy Tangut cavalry avoided fighting in rain or snow (logistics.md).
    if matches!(g.ground().weather(), Weather::Rain | Weather::Snow) {
        v = v * u64::from(stats.wet_pct) / 100;
    }
    // Dingchuan 1042: in the black wind, archers and crossbowmen shot badly.
    if arm == Arm::Crossbow && g.ground().weather() == Weather::Wind {
        v = v * u64::from(g.rules().combat.wind_crossbow_pct) / 100;
    }
    v
}

/// The morale of a defending stack, weighted by men: the steady hold the line with the
/// shaken, and a broken army that has fled into walls does not give them up by itself.
fn stack_morale(g: &World, stack: &[ArmyId], def: &Army) -> u32 {
    let (mut men, mut weighted) = (0u64, 0u64);
    for &id in stack {
        let x = g.forces().army(id);
        men += u64::from(x.men.total());
        weighted += u64::from(x.men.total()) * u64::from(x.morale);
    }
    weighted.checked_div(men).map_or(def.morale, |m| m as u32)
}

/// Men, morale, fatigue and food: what every army brings to any fight.
fn base_strength(g: &World, army: &Army, attacking: bool, at: Hex) -> u64 {
    let c = &g.rules().combat;
    let mut s: u64 = Arm::ALL
        .iter()
        .map(|&arm| arm_value(g, army, arm, attacking, at))
        .sum();
    s = s * u64::from(50 + army.morale.min(100) / 2) / 100;
    s = s * u64::from(100 - army.fatigue.min(100) / 2) / 100;
    s = match army.status {
        SupplyStatus::Starving => s * u64::from(c.hungry_pct) / 100,
        SupplyStatus::Thirsty => s * u64::from(c.thirsty_pct) / 100,
        _ => s,
    };
    if army.state == ArmyState::Routed {
        s = s * u64::from(c.routed_pct) / 100;
    }
    // An army whose commander is killed, taken or fled fights leaderless.
    if army.leader.gone() {
        s = s * u64::from(c.leaderless_pct) / 100;
    }
    s
}

fn strengths(g: &World, att: &Army, def: &Army, e: Engagement) -> Sides {
    let c = &g.rules().combat;
    let at = def.hex;
    let mut f = BattleFactors {
        surprise: e.surprise,
        ..Default::default()
    };
    let mut a = base_strength(g, att, true, at);
    let fortified = |x: &Army| {
        if x.state == ArmyState::Fortified {
            u64::from(c.fortified_pct)
        } else {
            100
        }
    };
    let walled = walls_of(g, def) > 0 && !e.sortie;
    let stack = defending_stack(g.forces(), def);
    let mut d: u64 = stack
        .iter()
        .map(|&id| g.forces().army(id))
        .map(|x| base_strength(g, x, false, at) * if walled { 100 } else { fortified(x) } / 100)
        .sum();
    d = d * u64::from(g.ground().terrain_at(at).map_or(100, |t| t.defense_pct)) / 100;
    // Pingxia 1098: the Tanguts failed "to dislodge the Song from their high ground position".
    f.defender_above_m = above_m(g, att.hex, def.hex);
    if f.defender_above_m > 0 {
        let bonus = (u64::from(f.defender_above_m) * u64::from(c.height_defense_pct) / 100)
            .min(u64::from(c.height_defense_max_pct));
        d = d * (100 + bonus) / 100;
    }
    // Yongle 1082: Xu Xi "refused to attack the enemy troops while they forded the river" —
    // an army caught fording fights at a disadvantage. Fording is the crossing: an army on a
    // stream that has marched this turn; one camped by the water is not fording.
    if fording(g.ground(), att) {
        f.attacker_fording = true;
        a = a * u64::from(c.fording_pct) / 100;
    }
    if fording(g.ground(), def) {
        f.defender_fording = true;
        d = d * u64::from(c.fording_pct) / 100;
    }
    f.wet = matches!(g.ground().weather(), Weather::Rain | Weather::Snow);
    f.wind = g.ground().weather() == Weather::Wind;
    if !e.sortie {
        f.walls = walls_of(g, def);
    }
    if f.walls > 0 {
        let walls = u64::from(
            c.walls_pct
                .get(usize::from(f.walls))
                .copied()
                .unwrap_or(100),
        );
        let needed = u64::from(att.men.total()) * u64::from(c.engines_per_thousand) / 1000;
        let have = u64::from(att.siege_engines).min(needed.max(1));
        // Engines batter down the walls' worth in proportion to how many of those needed are there.
        let cut =
            (walls.saturating_sub(100)) * have * u64::from(100 - c.engines_walls_pct.min(100))
                / 100
                / needed.max(1);
        d = d * (walls - cut) / 100;
    }
    if e.surprise {
        a = a * u64::from(c.surprise_pct) / 100;
    }
    // Haoshuichuan 1041: attacked from several sides and from the rear.
    let dir_from_def = |h: Hex| def.hex.direction_to(h);
    let mut dirs: Vec<usize> = g
        .forces()
        .armies()
        .iter()
        .filter(|x| {
            x.is_active()
                && x.side == att.side
                && x.state != ArmyState::Routed
                && x.state != ArmyState::Hidden
                // Lingzhou 1081: commanders who quarrel do not attack together.
                && !g.forces().quarrel(x.id, att.id)
        })
        .filter_map(|x| dir_from_def(x.hex))
        .collect();
    if let Some(d0) = dir_from_def(att.hex) {
        dirs.push(d0);
    }
    dirs.sort_unstable();
    dirs.dedup();
    f.flank_directions = dirs.len().saturating_sub(1) as u32;
    let mut bonus = u64::from(f.flank_directions) * u64::from(c.flank_pct);
    // Behind walls there is no rear; in the open, the rear is the half behind its front.
    if let (Some(front), Some(from), 0) = (def.facing, dir_from_def(att.hex), f.walls)
        && direction_gap(usize::from(front), from) >= 2
    {
        f.rear = true;
        bonus += u64::from(c.rear_pct);
    }
    a = a * (100 + bonus) / 100;
    Sides {
        a: a.max(1),
        d: d.max(1),
        factors: f,
        stack,
    }
}

/// What the fight would give for one face of the die.
fn face(g: &World, att: &Army, def: &Army, s: &Sides, e: Engagement, face: usize) -> FaceOutcome {
    let c = &g.rules().combat;
    let n = c.luck_pct.len().max(1);
    let luck_a = u64::from(c.luck_pct.get(face).copied().unwrap_or(100));
    let luck_d = u64::from(c.luck_pct.get(n - 1 - face).copied().unwrap_or(100));
    let a = s.a * luck_a;
    let d = s.d * luck_d;
    let share_a = a * PPM / (a + d); // attacker's share of the fighting, ppm
    let base = u64::from(c.base_loss_ppm);
    // Losses grow with the square of the enemy's share: lopsided fights are massacres.
    let def_ppm = (base * 4 * share_a / PPM * share_a / PPM).min(PPM / 2);
    let att_ppm = (base * 4 * (PPM - share_a) / PPM * (PPM - share_a) / PPM).min(PPM / 2);
    let defender_loss: u32 = s
        .stack
        .iter()
        .map(|&id| (u64::from(g.forces().army(id).men.total()) * def_ppm / PPM) as u32)
        .sum();
    let attacker_loss = (u64::from(att.men.total()) * att_ppm / PPM) as u32;
    let drop = |ppm: u64| (ppm / 10_000) as u32 * c.morale_per_loss_pct;
    let surprise_hit = if e.surprise { c.surprise_morale } else { 0 };
    let def_morale = stack_morale(g, &s.stack, def).saturating_sub(drop(def_ppm) + surprise_hit);
    let att_morale = att.morale.saturating_sub(drop(att_ppm));
    let walls = s.factors.walls > 0;
    let result = if def_ppm >= att_ppm {
        if def_morale < c.rout_morale {
            if walls {
                BattleResult::PlaceStormed
            } else {
                BattleResult::DefenderRouted
            }
        } else if def_morale < c.retreat_morale && !walls {
            BattleResult::DefenderRetreats
        } else {
            BattleResult::Indecisive
        }
    } else if att_morale < c.rout_morale {
        BattleResult::AttackerRouted
    } else if att_morale < c.retreat_morale || walls {
        BattleResult::AttackerRepulsed
    } else {
        BattleResult::Indecisive
    };
    FaceOutcome {
        attacker_loss,
        defender_loss,
        attacker_morale: att_morale,
        defender_morale: def_morale,
        result,
        defender_loss_ppm: def_ppm as u32,
    }
}

fn split(c: &CombatRules, n: u32) -> Losses {
    let killed = n * c.killed_pct.min(100) / 100;
    Losses {
        killed,
        wounded: n - killed,
        ..Default::default()
    }
}

/// Fights one battle and carries out its consequences.
pub(crate) fn battle(g: &mut Act, attacker: ArmyId, defender: ArmyId, e: Engagement) {
    let (att, def) = (
        g.forces().army(attacker).clone(),
        g.forces().army(defender).clone(),
    );
    if def.state == ArmyState::Hidden {
        g.emit(Event::StateChanged {
            army: defender,
            state: ArmyState::Marching,
        });
    }
    let s = strengths(&g.world(), &att, &def, e);
    let die = g.roll(g.rules().combat.luck_pct.len().max(1) as u32);
    let o = face(&g.world(), &att, &def, &s, e, die as usize);
    let stack = s.stack;
    let c = &g.rules().combat;
    let surprise_hit = if e.surprise { c.surprise_morale } else { 0 };
    let drop = (o.defender_loss_ppm / 10_000) * c.morale_per_loss_pct + surprise_hit;
    let supporting: Vec<crate::model::event::Support> = stack[1..]
        .iter()
        .map(|&id| {
            let x = g.forces().army(id);
            let lost = (u64::from(x.men.total()) * u64::from(o.defender_loss_ppm) / PPM) as u32;
            crate::model::event::Support {
                army: id,
                losses: split(&g.rules().combat, lost),
                morale: x.morale.saturating_sub(drop),
            }
        })
        .collect();
    let primary_loss = (u64::from(def.men.total()) * u64::from(o.defender_loss_ppm) / PPM) as u32;
    // Who fought, with their men before the fight and what it cost them: for their commanders.
    let mut fought = vec![
        (attacker, att.men.total(), o.attacker_loss),
        (defender, def.men.total(), primary_loss),
    ];
    fought.extend(supporting.iter().map(|sp| {
        (
            sp.army,
            g.forces().army(sp.army).men.total(),
            sp.losses.total(),
        )
    }));
    g.emit(Event::Battle {
        attacker,
        defender,
        hex: def.hex,
        attacker_strength: s.a,
        defender_strength: s.d,
        die,
        attacker_losses: split(&g.rules().combat, o.attacker_loss),
        defender_losses: split(&g.rules().combat, primary_loss),
        attacker_morale: o.attacker_morale,
        defender_morale: o.defender_morale,
        result: o.result,
        factors: s.factors,
        supporting,
    });
    match o.result {
        BattleResult::Indecisive => {}
        BattleResult::DefenderRetreats => stack
            .iter()
            .for_each(|&d| retreat(g, d, att.hex, 1, attacker)),
        BattleResult::DefenderRouted => stack.iter().for_each(|&d| rout(g, d, &att)),
        BattleResult::AttackerRepulsed if !e.sortie => retreat(g, attacker, def.hex, 1, defender),
        BattleResult::AttackerRouted if !e.sortie => rout(g, attacker, &def),
        BattleResult::AttackerRepulsed | BattleResult::AttackerRouted => {}
        BattleResult::PlaceStormed => storm(g, attacker, &stack),
    }
    for id in std::iter::once(attacker).chain(stack) {
        let a = g.forces().army(id);
        if a.is_active() && a.men.total() == 0 {
            g.emit(Event::Destroyed { army: id });
        }
    }
    crate::rules::command::after_battle(g, &fought);
}

/// The garrison is overwhelmed: it surrenders and the place falls, stores and all.
fn storm(g: &mut Act, attacker: ArmyId, stack: &[ArmyId]) {
    let hex = g.forces().army(stack[0]).hex;
    for &d in stack {
        let men = g.forces().army(d).men.total();
        if g.forces().army(d).is_active() {
            crate::rules::command::surrender(g, d, men);
        }
    }
    let side = g.forces().army(attacker).side;
    if let Some(p) = g.forces().place_at(hex).map(|p| (p.id, p.stores_ge))
        && !g
            .forces()
            .armies_at(hex)
            .any(|x| x.side != side && g.forces().at_war(x.side, side))
    {
        g.emit(Event::PlaceCaptured {
            place: p.0,
            side,
            stores_ge: p.1,
        });
        occupy(g, attacker, hex);
    }
}

/// A routed army flees two hexes; the pursuit takes prisoners, more of them when the victor
/// has horse. One with nowhere to flee surrenders.
fn rout(g: &mut Act, id: ArmyId, victor: &Army) {
    let (men, routed) = (
        g.forces().army(id).men.total(),
        g.forces().army(id).state == ArmyState::Routed,
    );
    let horse_share = u64::from(victor.men.mounted()) * 100 / u64::from(victor.men.total().max(1));
    let ppm =
        (u64::from(g.rules().combat.rout_capture_ppm) * (100 + horse_share) / 100).min(PPM) as u32;
    let captured = g.share(men, ppm);
    if !routed {
        g.emit(Event::StateChanged {
            army: id,
            state: ArmyState::Routed,
        });
    }
    if captured > 0 {
        g.emit(Event::Attrition {
            army: id,
            hex: g.forces().army(id).hex,
            cause: crate::model::state::Cause::Captured,
            men: captured,
            porters: 0,
        });
    }
    // Sanchuan 1040: in the rout "Liu Ping was taken captive".
    crate::rules::command::rout_capture(g, id);
    crate::rules::country::take_baggage(g, id, victor.id, false);
    retreat(g, id, victor.hex, 2, victor.id);
}

/// Falls back up to `hexes` away from `enemy_at`, avoiding enemies and their zones where it
/// can; an army that cannot move at all surrenders.
fn retreat(g: &mut Act, id: ArmyId, enemy_at: Hex, hexes: u32, victor: ArmyId) {
    for step in 0..hexes {
        let a = g.forces().army(id).clone();
        if !a.is_active() {
            return;
        }
        if g.forces()
            .place_at(a.hex)
            .is_some_and(|p| p.walls > 0 && p.owner == Some(a.side))
        {
            return; // behind its own walls
        }
        let zoc = g.forces().enemy_zoc(a.side);
        let mut best: Option<(u32, u32, usize, Hex)> = None;
        for (dir, h) in a.hex.neighbours().into_iter().enumerate() {
            if search::step_cost_m(&g.paths(), Mobility::of(&a), h).is_err()
                || g.forces()
                    .armies_at(h)
                    .any(|e| g.forces().at_war(e.side, a.side))
            {
                continue;
            }
            if g.forces()
                .place_at(h)
                .is_some_and(|p| p.owner.is_some_and(|o| g.forces().at_war(o, a.side)))
            {
                continue;
            }
            let far = h.distance(enemy_at);
            let safe = u32::from(!g.ground().map().index(h).is_some_and(|i| zoc[i]));
            let key = (safe, far, usize::MAX - dir, h);
            if best.is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2)) {
                best = Some(key);
            }
        }
        match best {
            Some((_, _, _, to)) => g.emit(Event::Retreated {
                army: id,
                from: a.hex,
                to,
            }),
            None if step == 0 => {
                let men = a.men.total();
                crate::rules::country::take_baggage(g, id, victor, true);
                crate::rules::command::surrender(g, id, men);
                return;
            }
            None => return,
        }
    }
}

/// The victor marches into the hex it has taken.
fn occupy(g: &mut Act, army: ArmyId, hex: Hex) {
    let from = g.forces().army(army).hex;
    let facing = from.direction_to(hex).map(|d| d as u8);
    g.emit(Event::Moved {
        army,
        from,
        to: hex,
        steps: 1,
        metres: 0,
        forced: false,
        facing,
    });
}

pub(crate) fn check_assault(g: Forces, army: &Army, place: PlaceId) -> Result<(), OrderError> {
    let p = g
        .places()
        .get(usize::from(place.0))
        .ok_or(OrderError::NoSuchPlace(place))?;
    if army.attacked {
        return Err(OrderError::AlreadyAttacked);
    }
    if army.state == ArmyState::Routed {
        return Err(OrderError::Routed);
    }
    if !p.owner.is_some_and(|o| g.at_war(o, army.side)) {
        return Err(OrderError::NotEnemyPlace);
    }
    if !army.hex.is_adjacent(p.hex) {
        return Err(OrderError::NotAdjacent);
    }
    Ok(())
}

/// Storms a place: the strongest garrison army defends behind the walls; an empty place
/// is simply taken.
pub(crate) fn assault(g: &mut Act, id: ArmyId, place: PlaceId) {
    let side = g.forces().army(id).side;
    let hex = g.forces().place(place).hex;
    let garrison = g
        .forces()
        .armies_at(hex)
        .filter(|x| g.forces().at_war(x.side, side))
        .max_by_key(|x| (x.men.total(), std::cmp::Reverse(x.id)))
        .map(|x| x.id);
    match garrison {
        Some(defender) => battle(g, id, defender, Engagement::default()),
        None => {
            let stores_ge = g.forces().place(place).stores_ge;
            g.emit(Event::PlaceCaptured {
                place,
                side,
                stores_ge,
            });
            occupy(g, id, hex);
        }
    }
}

/// Yuanhao's trap at Haoshuichuan (1041): the hidden armies a march walked into fall on the
/// column, each from its own side, with surprise.
pub(crate) fn spring_ambush(g: &mut Act, id: ArmyId, ambush: crate::rules::march::Ambush) {
    g.emit(Event::Ambushed {
        army: id,
        hex: ambush.hex,
        by: ambush.by.clone(),
    });
    for &e in &ambush.by {
        g.emit(Event::StateChanged {
            army: e,
            state: ArmyState::Marching,
        });
    }
    for e in ambush.by {
        let (me, target) = (g.forces().army(e), g.forces().army(id));
        if !me.is_active() || !target.is_active() || !me.hex.is_adjacent(target.hex) {
            continue;
        }
        battle(
            g,
            e,
            id,
            Engagement {
                surprise: true,
                sortie: false,
            },
        );
    }
}
