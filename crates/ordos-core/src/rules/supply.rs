//! Supply and attrition: rations and porters (Shen Kuo), supply traced to friendly walls,
//! forage, water, and the losses of hunger, thirst, cold, disease and desertion.

use crate::calendar::Season;
use crate::game::{Act, Forces, GE_PER_SHENG, Ground, LI_M, Paths};
use crate::hex::Hex;
use crate::load::scenario::Weather;
use crate::load::tables::Rules;
use crate::model::event::Event;
use crate::model::state::{Army, ArmyId, ArmyState, Cause, PlaceId, SideId, SupplyStatus};
use crate::rules::search::{self, Barriers};

/// Food one man eats in half a day, in ge. Shen Kuo: every man, porter or soldier, eats 2 sheng
/// a day. The ration model steps in half-days, as Shen Kuo reckons ("six and a half days").
pub fn halfday_ration_ge(rules: &Rules) -> u64 {
    u64::from(rules.supply.ration_sheng_per_man_day) * GE_PER_SHENG / 2
}

fn animals_capacity_ge(rules: &Rules, a: &Army) -> u64 {
    let s = &rules.supply;
    (u64::from(a.animals.camels) * u64::from(s.camel_load_sheng)
        + u64::from(a.animals.horses) * u64::from(s.horse_load_sheng)
        + u64::from(a.animals.donkeys) * u64::from(s.donkey_load_sheng))
        * GE_PER_SHENG
}

/// What the soldiers' own packs hold when full.
fn packs_ge(rules: &Rules, soldiers: u64, pack_days: u32) -> u64 {
    soldiers
        * u64::from(pack_days)
        * u64::from(rules.supply.ration_sheng_per_man_day)
        * GE_PER_SHENG
}

/// Everything the column can carry: soldiers' packs, porters' loads, pack animals.
pub fn capacity_ge(rules: &Rules, a: &Army) -> u64 {
    packs_ge(rules, u64::from(a.men.total()), a.pack_days)
        + u64::from(a.porters) * u64::from(rules.supply.porter_load_sheng) * GE_PER_SHENG
        + animals_capacity_ge(rules, a)
}

/// The food a porter sent home after `halfdays_out` half-days takes for his way back. Shen Kuo:
/// after 8 days out, 6 days' food (the unladen man walks home faster).
pub fn return_ration_ge(rules: &Rules, halfdays_out: u32) -> u64 {
    (u64::from(halfdays_out) * halfday_ration_ge(rules) * u64::from(rules.supply.porter_return_pct))
        .div_ceil(100)
}

/// A column on the march, for the ration model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub soldiers: u64,
    pub porters: u64,
    pub pack_days: u32,
    pub food_ge: u64,
    pub extra_capacity_ge: u64,
    pub halfdays_out: u32,
}

/// What half a day's march did to the column's food.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HalfDay {
    pub eaten_ge: u64,
    pub short_ge: u64,
    pub porters_home: u64,
    pub given_ge: u64,
}

/// Half a day away from supply: everyone eats; then porters whose loads are eaten go home
/// with food for the way back (Shen Kuo). A batch of porters — one per soldier — is sent when
/// the remaining food fits on the other carriers and sending them stretches the food further,
/// that is when each man's share exceeds a returning porter's ration.
pub fn march_half_day(rules: &Rules, c: &mut Column) -> HalfDay {
    let mut out = HalfDay::default();
    c.halfdays_out += 1;
    let need = (c.soldiers + c.porters) * halfday_ration_ge(rules);
    out.eaten_ge = need.min(c.food_ge);
    out.short_ge = need - out.eaten_ge;
    c.food_ge -= out.eaten_ge;
    let load = u64::from(rules.supply.porter_load_sheng) * GE_PER_SHENG;
    loop {
        let n = c.porters.min(c.soldiers);
        if n == 0 {
            break;
        }
        let ret = return_ration_ge(rules, c.halfdays_out);
        let after = c.food_ge.saturating_sub(n * ret);
        let room =
            packs_ge(rules, c.soldiers, c.pack_days) + (c.porters - n) * load + c.extra_capacity_ge;
        let stretches = c.food_ge > ret * (c.soldiers + c.porters);
        if after > room || !stretches || c.food_ge < n * ret {
            break;
        }
        c.food_ge = after;
        c.porters -= n;
        out.porters_home += n;
        out.given_ge += n * ret;
    }
    out
}

/// How far a column can go on what it carries, through country with no forage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    /// Days it can march outward: the day on which its food runs out.
    pub outward_days: u32,
    /// Days it can march out if it must come back: the day on which it must turn.
    pub return_days: u32,
}

/// Shen Kuo's reckoning for `porters_per_soldier` porters per soldier, fully loaded.
pub fn column_reach(rules: &Rules, soldiers: u64, porters: u64, pack_days: u32) -> Reach {
    let load = u64::from(rules.supply.porter_load_sheng) * GE_PER_SHENG;
    let mut c = Column {
        soldiers,
        porters,
        pack_days,
        food_ge: packs_ge(rules, soldiers, pack_days) + porters * load,
        extra_capacity_ge: 0,
        halfdays_out: 0,
    };
    let mut fed_halfdays = 0u32;
    while c.food_ge > 0 && fed_halfdays < 10_000 {
        march_half_day(rules, &mut c);
        fed_halfdays += 1;
    }
    Reach {
        outward_days: fed_halfdays.div_ceil(2),
        return_days: fed_halfdays.div_ceil(4),
    }
}

/// Whole days the army's food lasts at full rations, porters included.
pub fn food_days(rules: &Rules, a: &Army) -> u64 {
    a.rations_ge / (a.mouths().max(1) * halfday_ration_ge(rules) * 2).max(1)
}

/// The friendly, unbesieged place with food that `army` draws on: the one it stands in, or the
/// nearest within `supply_reach_li` of march on foot over country that no enemy holds or
/// controls (`search::inward`, the march rules read from the stores outwards).
pub fn supply_source(g: &Paths, rules: &Rules, army: &Army) -> Option<PlaceId> {
    let forces = g.forces();
    if let Some(p) = forces
        .place_at(army.hex)
        .filter(|p| p.owner == Some(army.side))
    {
        return Some(p.id);
    }
    let i = g.map().index(army.hex)?;
    let f = supply_field(g, rules, army.side, &Barriers::supply(g, army.side));
    let source = f.source[i];
    (source != usize::MAX)
        .then(|| forces.place_at(g.map().hex_at(source)).map(|p| p.id))
        .flatten()
}

/// The supply lines of a side: from every friendly, unbesieged place with food, as far as
/// supply reaches, over country the barriers allow.
fn supply_field(g: &Paths, rules: &Rules, side: SideId, b: &Barriers) -> search::Field {
    let forces = g.forces();
    let sources: Vec<usize> = forces
        .places()
        .iter()
        .filter(|p| p.owner == Some(side) && p.stores_ge > 0 && !forces.is_besieged(p.id))
        .filter_map(|p| g.map().index(p.hex))
        .collect();
    let budget = rules.supply.supply_reach_li.saturating_mul(LI_M);
    search::inward(g, b, &sources, budget)
}

/// Every hex where an army of `side` would draw on friendly stores today, as the side can see
/// it: the answer `supply_source` gives for an army standing there, except that enemies lying
/// hidden are not counted (they cut supply all the same; the player finds out). For the supply
/// overlay and the AI's "how far back to my grain?".
pub fn supply_zone(g: &Paths, rules: &Rules, side: SideId) -> Vec<bool> {
    let f = supply_field(g, rules, side, &Barriers::supply_as_seen(g, side));
    let mut zone: Vec<bool> = f.source.iter().map(|s| *s != usize::MAX).collect();
    // An army in its own place draws on it whatever else is near; sources themselves are
    // places, where that rule decides.
    for p in g.forces().places().iter().filter(|p| p.owner == Some(side)) {
        if let Some(i) = g.map().index(p.hex) {
            zone[i] = p.stores_ge > 0;
        }
    }
    zone
}

/// Water within reach: the hex or a neighbour gives it (a river, a stream, a spring), or the
/// army stands in a place with wells. A garrison under siege has only its own wells and
/// cisterns (Yongle 1082: a hilltop fort without springs).
pub fn has_water(ground: Ground, forces: Forces, army: &Army) -> bool {
    if let Some(p) = forces.place_at(army.hex)
        && p.owner == Some(army.side)
        && forces.is_besieged(p.id)
    {
        return p.water || p.cistern_days > 0;
    }
    water_near(ground, forces, army.hex)
}

/// Days the stores of place `p` feed the armies of its owner inside it (none inside: the days
/// they would feed a garrison of 1,000). For the hex panel: stores in days, as the accounts
/// count them ("grain for ten days").
pub fn place_food_days(forces: Forces, rules: &Rules, p: PlaceId) -> u64 {
    let place = forces.place(p);
    let mouths: u64 = forces
        .armies()
        .iter()
        .filter(|a| a.hex == place.hex && Some(a.side) == place.owner && a.is_active())
        .map(|a| a.mouths())
        .sum();
    place.stores_ge / (mouths.max(1000) * halfday_ration_ge(rules) * 2).max(1)
}

/// Water an army at `h` can reach: a river, stream or spring on the hex or next to it, or the
/// wells of a place on it.
pub fn water_near(ground: Ground, forces: Forces, h: Hex) -> bool {
    forces.place_at(h).is_some_and(|p| p.water)
        || std::iter::once(h)
            .chain(h.neighbours())
            .any(|x| ground.water_on(x))
}

/// What the army can gather where it stands today: by terrain and season, less what has been
/// taken already; nothing from scorched or flooded country.
pub fn forage_ge(ground: Ground, army: &Army, season: Season) -> u64 {
    let got = forage_per_man_ge(ground, army.hex, season) * u64::from(army.men.total()) / 100;
    if army.moved { got / 2 } else { got }
}

/// What one man can gather on `h` in a day in `season`, in hundredths of a ge: by terrain, less
/// what has been taken already; nothing from scorched or flooded country. (For the supply
/// overlay and the AI's choice of where to forage.)
pub fn forage_per_man_ge(ground: Ground, h: Hex, season: Season) -> u64 {
    let land = ground.land(h);
    if land.scorched || land.flooded_days > 0 {
        return 0;
    }
    let per_man = ground.terrain_at(h).map_or(0, |t| t.forage_ge.get(season));
    let left = u64::from(100 - land.depleted_pct.min(100));
    u64::from(per_man) * left
}

/// The share of a man's daily ration, in percent, that foraging on `h` gives today: what
/// `forage_per_man_ge` gathers, against Shen Kuo's 2 sheng a day.
pub fn forage_share_pct(ground: Ground, rules: &Rules, h: Hex, season: Season) -> u64 {
    let ration_ge = halfday_ration_ge(rules) * 2;
    forage_per_man_ge(ground, h, season) / ration_ge.max(1)
}

/// How much of a hex's forage is gone after `men` forage it for a day.
fn depleted_after(ground: Ground, rules: &Rules, h: Hex, men: u32) -> u8 {
    let exhaust = u64::from(rules.supply.forage_exhaust_man_days.max(1));
    let add = (u64::from(men) * 100).div_ceil(exhaust);
    (u64::from(ground.land(h).depleted_pct) + add).min(100) as u8
}

/// One day of supply for every army on the map.
///
/// Each side's supply lines are traced again only when something they depend on has changed
/// since they were last traced — on an earlier day, or earlier today (stores run out, an enemy
/// army moves, is destroyed or rallies): the same answer as tracing them for every army, for a
/// fraction of the work.
pub(crate) fn daily(g: &mut Act) {
    for i in 0..g.forces().armies().len() {
        if !g.forces().armies()[i].is_active() {
            continue;
        }
        let side = g.forces().armies()[i].side;
        let sig = lines_signature(g.forces(), side);
        if g.supply_lines(side, &sig).is_none() {
            let paths = g.paths();
            let field = supply_field(&paths, g.rules(), side, &Barriers::supply(&paths, side));
            g.keep_supply_lines(side, sig.clone(), field.source);
        }
        let id = ArmyId(i as u16);
        let sources = g.supply_lines(side, &sig).expect("traced above");
        let source = source_in(g.paths(), g.forces().army(id), sources);
        provision(g, id, source);
    }
}

/// The source an army draws on, given its side's supply lines (the source of each hex): see
/// `supply_source`.
fn source_in(g: Paths, army: &Army, sources: &[usize]) -> Option<PlaceId> {
    if let Some(p) = g
        .forces()
        .place_at(army.hex)
        .filter(|p| p.owner == Some(army.side))
    {
        return Some(p.id);
    }
    let s = *sources.get(g.map().index(army.hex)?)?;
    (s != usize::MAX)
        .then(|| g.forces().place_at(g.map().hex_at(s)).map(|p| p.id))
        .flatten()
}

/// Everything a side's supply lines depend on that can change in a game, exactly (the costs
/// of the ground aside: the game drops the lines when they change, in `emit`): which places
/// are its sources and which are enemy-held (`supply_field`, `Barriers::supply`), and where each enemy
/// army stands and whether it blocks the way, blocks it and its neighbours (zone of control),
/// or neither (routed, gone).
fn lines_signature(g: Forces, side: SideId) -> Vec<u64> {
    let mut sig = Vec::with_capacity(g.places().len() + g.armies().len());
    for p in g.places() {
        let source = p.owner == Some(side) && p.stores_ge > 0 && !g.is_besieged(p.id);
        let enemy = p.owner.is_some_and(|o| g.at_war(o, side));
        sig.push(u64::from(source) | u64::from(enemy) << 1);
    }
    for a in g.armies().iter().filter(|a| g.at_war(side, a.side)) {
        let blocks: u64 = match a.state {
            _ if !a.is_active() => 0,
            ArmyState::Routed => 1,
            ArmyState::Hidden => 2,
            _ => 3,
        };
        let hex = (u64::from(a.hex.col as u32) << 32) | u64::from(a.hex.row as u32);
        sig.push(blocks);
        sig.push(hex);
    }
    sig
}

fn provision(g: &mut Act, id: ArmyId, source: Option<PlaceId>) {
    let a = g.forces().army(id).clone();
    let rules = g.rules();
    let season = g.ground().season();
    let capacity = capacity_ge(rules, &a);
    let mut food = a.rations_ge;
    let mut drawn = 0;
    if let Some(p) = source {
        drawn = capacity
            .saturating_sub(food)
            .min(g.forces().place(p).stores_ge);
        // A garrison eats from its stores whatever its packs hold.
        let need = a.mouths() * halfday_ration_ge(rules) * 2;
        if drawn < need && g.forces().place(p).hex == a.hex {
            drawn = need.min(g.forces().place(p).stores_ge);
        }
        food += drawn;
    }
    let in_supply = source.is_some_and(|p| drawn > 0 || g.forces().place(p).stores_ge > 0);
    let foraged = if in_supply {
        0
    } else {
        forage_ge(g.ground(), &a, season)
    };
    let depleted_pct = if foraged > 0 {
        depleted_after(g.ground(), rules, a.hex, a.men.total())
    } else {
        g.ground().land(a.hex).depleted_pct
    };
    food += foraged;
    let mut col = Column {
        soldiers: u64::from(a.men.total()),
        porters: u64::from(a.porters),
        pack_days: a.pack_days,
        food_ge: food,
        extra_capacity_ge: animals_capacity_ge(g.rules(), &a),
        halfdays_out: if in_supply { 0 } else { a.halfdays_out },
    };
    let (mut eaten, mut short, mut home, mut given) = (0, 0, 0, 0);
    for _ in 0..2 {
        let h = if in_supply {
            let need = (col.soldiers + col.porters) * halfday_ration_ge(g.rules());
            let e = need.min(col.food_ge);
            col.food_ge -= e;
            HalfDay {
                eaten_ge: e,
                short_ge: need - e,
                ..Default::default()
            }
        } else {
            march_half_day(g.rules(), &mut col)
        };
        eaten += h.eaten_ge;
        short += h.short_ge;
        home += h.porters_home;
        given += h.given_ge;
    }
    if home > 0 {
        g.emit(Event::PortersSentHome {
            army: id,
            porters: home as u32,
            ge: given,
        });
    }
    let watered = has_water(g.ground(), g.forces(), &a);
    let water_max = g.rules().supply.water_carried_days;
    let (water_days, days_thirsty) = match (watered, a.water_days) {
        (true, _) => (water_max, 0),
        (false, w) if w > 0 => (w - 1, 0),
        (false, _) => (0, a.days_thirsty + 1),
    };
    let days_hungry = if short > 0 { a.days_hungry + 1 } else { 0 };
    let daily_need = (col.soldiers + col.porters) * halfday_ration_ge(g.rules()) * 2;
    let status = if days_thirsty > 0 {
        SupplyStatus::Thirsty
    } else if days_hungry > 0 {
        SupplyStatus::Starving
    } else if col.food_ge < daily_need * 3 {
        SupplyStatus::Short
    } else {
        SupplyStatus::Fed
    };
    g.emit(Event::Provisioned {
        army: id,
        hex: a.hex,
        depleted_pct,
        drawn_ge: drawn,
        from: source.filter(|_| drawn > 0),
        foraged_ge: foraged,
        eaten_ge: eaten,
        rations_ge: col.food_ge,
        water_days,
        halfdays_out: col.halfdays_out,
        days_hungry,
        days_thirsty,
        status,
        in_supply,
    });
    attrition(g, id);
    spirits(g, id);
}

/// Losses by cause for one day. Rates are data (supply.ron), each from the accounts.
fn attrition(g: &mut Act, id: ArmyId) {
    let a = g.forces().army(id).clone();
    let s = g.rules().supply.clone();
    let sheltered = g
        .forces()
        .place_at(a.hex)
        .is_some_and(|p| p.owner == Some(a.side));
    let winter = g.ground().season() == Season::Winter;
    let snow = g.ground().weather() == Weather::Snow;
    let mut causes: Vec<(Cause, u32)> = Vec::new();
    if a.days_hungry >= 2 {
        causes.push((Cause::Hunger, s.hunger_ppm));
    }
    if a.days_thirsty >= 1 {
        causes.push((Cause::Thirst, s.thirst_ppm));
    }
    if winter && !sheltered {
        causes.push((Cause::Cold, if snow { s.cold_ppm * 3 } else { s.cold_ppm }));
    }
    if !sheltered {
        let factor = if a.no_fires {
            s.uncooked_disease_factor
        } else {
            1
        };
        causes.push((Cause::Disease, s.field_disease_ppm.saturating_mul(factor)));
    }
    if g.ground().land(a.hex).flooded_days > 0 {
        causes.push((Cause::Drowned, s.flood_drown_ppm));
    }
    if a.morale < s.desertion_morale || a.days_hungry > 3 {
        causes.push((Cause::Deserted, s.desertion_ppm));
    }
    for (cause, ppm) in causes {
        g.lose(id, cause, ppm);
    }
    let grazing = g.ground().terrain_at(a.hex).is_some_and(|t| t.grazing);
    if !grazing && (a.animals.camels + a.animals.horses + a.animals.donkeys) > 0 {
        let ppm = s.animal_death_no_grazing_ppm;
        let (camels, horses, donkeys) = (
            g.share(a.animals.camels, ppm),
            g.share(a.animals.horses, ppm),
            g.share(a.animals.donkeys, ppm),
        );
        if camels + horses + donkeys > 0 {
            g.emit(Event::AnimalsDied {
                army: id,
                camels,
                horses,
                donkeys,
            });
        }
    }
    if g.forces().army(id).men.total() == 0 && g.forces().army(id).is_active() {
        g.emit(Event::Destroyed { army: id });
    }
}

/// Morale and fatigue: they fall with hunger, thirst and cold, and recover at rest in supply.
fn spirits(g: &mut Act, id: ArmyId) {
    let a = g.forces().army(id).clone();
    if !a.is_active() {
        return;
    }
    let s = &g.rules().supply;
    let mut morale = a.morale as i32;
    let mut fatigue = a.fatigue as i32;
    match a.status {
        SupplyStatus::Starving => morale += s.morale_hungry,
        SupplyStatus::Thirsty => morale += s.morale_thirsty,
        _ => {}
    }
    let sheltered = g
        .forces()
        .place_at(a.hex)
        .is_some_and(|p| p.owner == Some(a.side));
    if g.ground().season() == Season::Winter && g.ground().weather() == Weather::Snow && !sheltered
    {
        morale += s.morale_cold;
    }
    if !a.moved {
        fatigue -= s.fatigue_rest;
        if matches!(a.status, SupplyStatus::Fed | SupplyStatus::Short) {
            morale += s.morale_rest;
        }
    }
    let (morale, fatigue) = (morale.clamp(0, 100) as u32, fatigue.clamp(0, 100) as u32);
    if (morale, fatigue) != (a.morale, a.fatigue) {
        g.emit(Event::Spirits {
            army: id,
            morale,
            fatigue,
        });
    }
    let rallies =
        a.state == ArmyState::Routed && !a.moved && morale >= g.rules().combat.retreat_morale;
    if rallies {
        g.emit(Event::StateChanged {
            army: id,
            state: ArmyState::Encamped,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shen Kuo, Mengxi bitan ch. 11: one, two or three porters per soldier take a column
    /// 18, 26 or 31 days out, or 9, 13 or 16 days out if it must come back.
    #[test]
    fn shen_kuo_porter_table_is_reproduced_exactly() {
        let rules = Rules::standard();
        let pack = rules.supply.soldier_pack_days;
        let table = [(1, 18, 9), (2, 26, 13), (3, 31, 16)];
        for (porters, outward, back) in table {
            let r = column_reach(&rules, 1, porters, pack);
            assert_eq!(
                (r.outward_days, r.return_days),
                (outward, back),
                "{porters} porters per soldier"
            );
        }
    }

    #[test]
    fn shen_kuo_table_holds_for_a_whole_army() {
        let rules = Rules::standard();
        let pack = rules.supply.soldier_pack_days;
        for (porters, outward, back) in [(1, 18, 9), (2, 26, 13), (3, 31, 16)] {
            let r = column_reach(&rules, 30_000, 30_000 * porters, pack);
            assert_eq!((r.outward_days, r.return_days), (outward, back));
        }
    }

    #[test]
    fn shen_kuo_second_porter_goes_home_on_day_eight_with_six_days_food() {
        let rules = Rules::standard();
        let load = 600;
        let mut c = Column {
            soldiers: 1,
            porters: 2,
            pack_days: 5,
            food_ge: 100 + 2 * load,
            extra_capacity_ge: 0,
            halfdays_out: 0,
        };
        let mut sent = None;
        for h in 1..=40 {
            let r = march_half_day(&rules, &mut c);
            if r.porters_home > 0 {
                sent = Some((h, r.given_ge));
                break;
            }
        }
        assert_eq!(
            sent,
            Some((16, 120)),
            "after 16 half-days (8 days), 12 sheng (6 days' food)"
        );
    }
}
