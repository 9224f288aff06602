//! Checking a scenario whose map is built: every id known, every number in its range, every
//! army and place on a passable hex of the map, dates inside the scenario. Each problem is
//! reported at the field that causes it.

use crate::hex::Hex;
use crate::load::diagnostic::Findings;
use crate::load::locate::Seg;
use crate::load::map::Map;
use crate::load::scenario::{Condition, Scenario, StandingOrder};
use crate::load::tables::Rules;
use std::collections::BTreeSet;

/// The range of every number a scenario file can carry: anything outside is a typo, not
/// history, and refused at the field with these bounds named. They are chosen so that no
/// arithmetic of the rules can overflow within them: men are counted in `u32`, and the most men
/// a scenario can ever field — every army full and every levy raised, porters included — is
/// 85 million, fifty times under `u32::MAX`; grain is counted in `u64` tenths of a sheng. The
/// table is in docs/modding.md.
pub mod limits {
    /// Sides: 2 to 16.
    pub const MIN_SIDES: usize = 2;
    pub const MAX_SIDES: usize = 16;
    /// Armies in a scenario.
    pub const MAX_ARMIES: usize = 2_000;
    /// Places in a scenario (forts built in play may add more, up to `u16::MAX`).
    pub const MAX_PLACES: usize = 4_000;
    /// Soldiers in one army, and in all the armies of a scenario.
    pub const MAX_MEN: u32 = 1_000_000;
    pub const MAX_MEN_IN_ALL: u64 = 20_000_000;
    /// Porters in one army, and in all.
    pub const MAX_PORTERS: u32 = 3_000_000;
    pub const MAX_PORTERS_IN_ALL: u64 = 60_000_000;
    /// Pack animals in one army.
    pub const MAX_ANIMALS: u64 = 1_000_000;
    /// Men who can be levied at one place, and at all places.
    pub const MAX_LEVY: u32 = 500_000;
    pub const MAX_LEVY_IN_ALL: u64 = 5_000_000;
    /// Grain in one place's stores, sheng (100 billion: a granary for a million men for 140 years).
    pub const MAX_STORES_SHENG: u64 = 100_000_000_000;
    /// Days: a scenario's length, cisterns.
    pub const MAX_DAYS: i64 = 3_650;
    /// Days of food a soldier carries; days of rations an army sets out with.
    pub const MAX_PACK_DAYS: u32 = 60;
    pub const MAX_RATION_DAYS: u32 = 365;
    pub const MAX_SIEGE_ENGINES: u32 = 10_000;
    /// Points one victory condition is worth, and conditions in a scenario.
    pub const MAX_POINTS: u32 = 1_000;
    pub const MAX_CONDITIONS: usize = 1_000;
    /// Men a side must make the enemy lose for `Inflict`.
    pub const MAX_INFLICT: u32 = 100_000_000;
    /// A terrain's move cost and defence, percent; its forage, ge a man a day in each season.
    pub const MAX_TERRAIN_PCT: u32 = 1_000;
    pub const MAX_FORAGE_GE: u32 = 1_000;
    /// A hex's height (`map.heights`), metres above sea level: the Turpan depression to above
    /// Everest.
    pub const MIN_HEIGHT_M: i32 = -500;
    pub const MAX_HEIGHT_M: i32 = 9_000;
    /// Spare horses with one army (the Liao took two a man: docs/campaigns/helan-1044.md).
    pub const MAX_SPARE_HORSES: u32 = 3_000_000;
    /// Grain a side's armies must plunder for `Plunder`, sheng.
    pub const MAX_PLUNDER_SHENG: u64 = MAX_STORES_SHENG;
    /// Quarrels between armies in a scenario.
    pub const MAX_QUARRELS: usize = 1_000;
}

use limits::*;
pub use limits::{MAX_MEN, MAX_STORES_SHENG};

/// True for lowercase ASCII pinyin with hyphens: `ren-fu`, `haoshuichuan-1041`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// Checks what must hold before anything else is worth checking or building: how many sides,
/// armies, places and conditions there are, and the scenario's rule overrides. Returns false
/// when a count is over its limit (nothing more is looked at, so a file with a million armies
/// is refused at once).
pub(crate) fn early(f: &mut Findings, s: &Scenario) -> bool {
    let mut v = Validator { f, map: None };
    let counts = [
        ("sides", s.sides.len(), MAX_SIDES),
        ("armies", s.armies.len(), MAX_ARMIES),
        ("places", s.places.len(), MAX_PLACES),
        ("victory", s.victory.len(), MAX_CONDITIONS),
        ("quarrels", s.quarrels.len(), MAX_QUARRELS),
    ];
    let mut ok = true;
    for (field, n, max) in counts {
        if n > max {
            v.err(
                &[Seg::Field(field)],
                format!("{n} {field} (at most {max} in a scenario)"),
            );
            ok = false;
        }
    }
    v.rules(s);
    ok
}

/// Checks everything but the map itself, which `build` checked as it built it.
pub(crate) fn check(f: &mut Findings, s: &Scenario, rules: &Rules, map: &Map) {
    Validator { f, map: Some(map) }.check(s, rules);
}

struct Validator<'f, 'a, 'm> {
    f: &'f mut Findings<'a>,
    map: Option<&'m Map>,
}

impl Validator<'_, '_, '_> {
    fn err(&mut self, path: &[Seg], message: impl Into<String>) {
        self.f.err(path, message);
    }

    fn check(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        self.id(&[Field("id")], &s.id, "scenario");
        if let Some(war) = &s.war
            && crate::load::wars::by_id(war).is_none()
        {
            let known: Vec<&str> = crate::load::wars::all()
                .iter()
                .map(|w| w.id.as_str())
                .collect();
            self.err(
                &[Field("war")],
                format!(
                    "unknown war `{war}` (expected one of the wars of the accounts: {})",
                    known.join(", ")
                ),
            );
        }
        if s.end < s.start {
            self.err(
                &[Field("end")],
                format!("end {} is before start {}", s.end, s.start),
            );
        }
        if s.start.days_until(s.end) > MAX_DAYS {
            self.err(
                &[Field("end")],
                "a scenario longer than ten years (expected an end within 3650 days of the start)",
            );
        }
        if !(1..=30).contains(&s.turn_days) {
            self.err(
                &[Field("turn_days")],
                format!("turn_days {} (expected 1 to 30)", s.turn_days),
            );
        }
        self.sides(s);
        self.places(s, rules);
        self.armies(s, rules);
        self.schedule(s);
        self.quarrels(s);
        self.victory(s);
        if self.f.errors() == 0 {
            self.warnings(s, rules);
        }
        self.historical(s);
    }

    fn id(&mut self, path: &[Seg], id: &str, what: &str) {
        if !is_valid_id(id) {
            self.err(
                path,
                format!(
                    "{what} id `{id}` (expected lowercase ASCII pinyin with hyphens, e.g. `ren-fu`)"
                ),
            );
        }
    }

    fn rules(&mut self, s: &Scenario) {
        use Seg::*;
        for (i, t) in s.rules.terrain.iter().enumerate() {
            let p = [Field("rules"), Field("terrain"), Index(i)];
            self.id(&p, &t.id, "terrain");
            if t.move_cost_pct.foot == 0
                || t.move_cost_pct.horse == 0
                || t.move_cost_pct.foot > 1000
                || t.move_cost_pct.horse > 1000
            {
                self.err(
                    &p,
                    format!("terrain `{}`: move_cost_pct must be 1 to 1000", t.id),
                );
            }
            if t.defense_pct == 0 || t.defense_pct > 1000 {
                self.err(
                    &p,
                    format!("terrain `{}`: defense_pct must be 1 to 1000", t.id),
                );
            }
            if t.horse_combat_pct > MAX_TERRAIN_PCT {
                self.err(
                    &p,
                    format!(
                        "terrain `{}`: horse_combat_pct must be 0 to {MAX_TERRAIN_PCT}",
                        t.id
                    ),
                );
            }
            let f = t.forage_ge;
            if [f.spring, f.summer, f.autumn, f.winter]
                .iter()
                .any(|g| *g > MAX_FORAGE_GE)
            {
                self.err(
                    &p,
                    format!(
                        "terrain `{}`: forage_ge must be 0 to {MAX_FORAGE_GE} ge a man a day",
                        t.id
                    ),
                );
            }
        }
    }

    fn sides(&mut self, s: &Scenario) {
        use Seg::*;
        if s.sides.len() < MIN_SIDES {
            self.err(&[Field("sides")], "a scenario needs at least two sides");
        }
        let mut seen = BTreeSet::new();
        for (i, side) in s.sides.iter().enumerate() {
            self.id(&[Field("sides"), Index(i), Field("id")], &side.id, "side");
            if !seen.insert(side.id.as_str()) {
                self.err(
                    &[Field("sides"), Index(i), Field("id")],
                    format!("side `{}` is defined twice", side.id),
                );
            }
        }
        for (i, (a, b)) in s.wars.iter().enumerate() {
            for who in [a, b] {
                if s.side_index(who).is_none() {
                    self.err(
                        &[Field("wars"), Index(i)],
                        format!(
                            "unknown side `{who}` in wars (expected one of: {})",
                            side_list(s)
                        ),
                    );
                }
            }
            if a == b {
                self.err(
                    &[Field("wars"), Index(i)],
                    format!("side `{a}` cannot be at war with itself"),
                );
            }
        }
        let mut order = BTreeSet::new();
        for (i, who) in s.turn_order.iter().enumerate() {
            if s.side_index(who).is_none() {
                self.err(
                    &[Field("turn_order"), Index(i)],
                    format!(
                        "unknown side `{who}` in turn_order (expected one of: {})",
                        side_list(s)
                    ),
                );
            } else if !order.insert(who.as_str()) {
                self.err(
                    &[Field("turn_order"), Index(i)],
                    format!("side `{who}` moves twice in turn_order"),
                );
            }
        }
        for side in &s.sides {
            if !order.contains(side.id.as_str()) {
                self.err(
                    &[Field("turn_order")],
                    format!(
                        "side `{}` is missing from turn_order (every side moves once a turn)",
                        side.id
                    ),
                );
            }
        }
    }

    fn places(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        let mut seen = BTreeSet::new();
        let mut hexes = std::collections::BTreeMap::new();
        for (i, p) in s.places.iter().enumerate() {
            let at = |f| [Field("places"), Index(i), Field(f)];
            self.id(&at("id"), &p.id, "place");
            if !seen.insert(p.id.as_str()) {
                self.err(&at("id"), format!("place `{}` is defined twice", p.id));
            }
            if p.owner != "none" && s.side_index(&p.owner).is_none() {
                self.err(
                    &at("owner"),
                    format!(
                        "place `{}`: unknown owner `{}` (expected `none` or one of: {})",
                        p.id,
                        p.owner,
                        side_list(s)
                    ),
                );
            }
            if p.walls > 3 {
                self.err(
                    &at("walls"),
                    format!(
                        "place `{}`: walls {} (expected 0 none, 1 town, 2 fort, 3 city)",
                        p.id, p.walls
                    ),
                );
            }
            if p.stores_sheng > MAX_STORES_SHENG {
                self.err(
                    &at("stores_sheng"),
                    format!(
                        "place `{}`: {} sheng in store is absurd (at most {MAX_STORES_SHENG})",
                        p.id, p.stores_sheng
                    ),
                );
            }
            if p.levy_men > MAX_LEVY {
                self.err(
                    &at("levy_men"),
                    format!(
                        "place `{}`: levy_men {} (at most {MAX_LEVY} at one place)",
                        p.id, p.levy_men
                    ),
                );
            }
            if i64::from(p.cistern_days) > MAX_DAYS {
                self.err(
                    &at("cistern_days"),
                    format!(
                        "place `{}`: cistern_days {} (expected at most 3650)",
                        p.id, p.cistern_days
                    ),
                );
            }
            self.passable(rules, &at("hex"), p.hex, &format!("place `{}`", p.id));
            if let Some(other) = hexes.insert(p.hex, p.id.as_str()) {
                self.err(
                    &at("hex"),
                    format!(
                        "place `{}` is on the same hex {} as the place `{other}`",
                        p.id, p.hex
                    ),
                );
            }
        }
        let levy: u64 = s.places.iter().map(|p| u64::from(p.levy_men)).sum();
        if levy > MAX_LEVY_IN_ALL {
            self.err(
                &[Field("places")],
                format!("{levy} men to levy in all (at most {MAX_LEVY_IN_ALL} in a scenario)"),
            );
        }
    }

    fn passable(&mut self, rules: &Rules, path: &[Seg], h: Hex, what: &str) {
        let Some(map) = self.map else { return };
        match map.terrain(h) {
            None => self.err(
                path,
                format!(
                    "{what} is at {h}, off the map ({}×{} hexes: columns 0-{}, rows 0-{})",
                    map.width,
                    map.height,
                    (map.width - 1).max(0),
                    (map.height - 1).max(0)
                ),
            ),
            Some(t) if !rules.terrain[t].passable && !map.is_ford(h) => self.err(
                path,
                format!(
                    "{what} is at {h}, on impassable {} (expected a passable hex)",
                    rules.terrain[t].name
                ),
            ),
            Some(_) => {}
        }
    }

    fn armies(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        let mut seen = BTreeSet::new();
        let mut on_hex: std::collections::BTreeMap<Hex, Vec<usize>> = Default::default();
        for (i, a) in s.armies.iter().enumerate() {
            let at = |f| [Field("armies"), Index(i), Field(f)];
            self.id(&at("id"), &a.id, "army");
            if !seen.insert(a.id.as_str()) {
                self.err(&at("id"), format!("army `{}` is defined twice", a.id));
            }
            if s.side_index(&a.side).is_none() {
                self.err(
                    &at("side"),
                    format!(
                        "army `{}`: unknown side `{}` (expected one of: {})",
                        a.id,
                        a.side,
                        side_list(s)
                    ),
                );
            }
            let men = a.men.total();
            if men == 0 {
                self.err(&at("men"), format!("army `{}` has no men", a.id));
            } else if men > u64::from(MAX_MEN) {
                self.err(
                    &at("men"),
                    format!(
                        "army `{}` has {men} men (at most {MAX_MEN} in one counter)",
                        a.id
                    ),
                );
            }
            if a.porters > MAX_PORTERS {
                self.err(
                    &at("porters"),
                    format!(
                        "army `{}`: {} porters (at most {MAX_PORTERS} in one army)",
                        a.id, a.porters
                    ),
                );
            }
            let animals = u64::from(a.animals.camels)
                + u64::from(a.animals.horses)
                + u64::from(a.animals.donkeys);
            if animals > MAX_ANIMALS {
                self.err(
                    &at("animals"),
                    format!(
                        "army `{}`: {animals} pack animals (at most {MAX_ANIMALS})",
                        a.id
                    ),
                );
            }
            if a.morale > 100 {
                self.err(
                    &at("morale"),
                    format!("army `{}`: morale {} (expected 0 to 100)", a.id, a.morale),
                );
            }
            if a.fatigue > 100 {
                self.err(
                    &at("fatigue"),
                    format!("army `{}`: fatigue {} (expected 0 to 100)", a.id, a.fatigue),
                );
            }
            if a.pack_days.is_some_and(|d| d > MAX_PACK_DAYS) {
                self.err(
                    &at("pack_days"),
                    format!(
                        "army `{}`: a soldier cannot carry more than 60 days of food",
                        a.id
                    ),
                );
            }
            if let crate::load::scenario::RationsDef::Days(d) = a.rations
                && d > MAX_RATION_DAYS
            {
                self.err(
                    &at("rations"),
                    format!(
                        "army `{}`: rations for {d} days is absurd (at most 365)",
                        a.id
                    ),
                );
            }
            if a.spare_horses > MAX_SPARE_HORSES {
                self.err(
                    &at("spare_horses"),
                    format!(
                        "army `{}`: {} spare horses (at most {MAX_SPARE_HORSES} with one army)",
                        a.id, a.spare_horses
                    ),
                );
            }
            if a.siege_engines > MAX_SIEGE_ENGINES {
                self.err(
                    &at("siege_engines"),
                    format!(
                        "army `{}`: {} siege engines is absurd",
                        a.id, a.siege_engines
                    ),
                );
            }
            if let Some(d) = a.arrives
                && (d < s.start || d > s.end)
            {
                self.err(
                    &at("arrives"),
                    format!(
                        "army `{}` arrives on {d}, outside the scenario ({} to {})",
                        a.id, s.start, s.end
                    ),
                );
            }
            self.passable(rules, &at("hex"), a.hex, &format!("army `{}`", a.id));
            let here = on_hex.entry(a.hex).or_default();
            let hostile = here.iter().map(|&j| &s.armies[j]).find(|b| {
                b.arrives.is_none() && a.arrives.is_none() && at_war(s, &a.side, &b.side)
            });
            here.push(i);
            if let Some(b) = hostile {
                self.err(
                    &at("hex"),
                    format!(
                        "army `{}` starts on {} with the hostile army `{}`",
                        a.id, a.hex, b.id
                    ),
                );
            }
        }
        let men: u64 = s.armies.iter().map(|a| a.men.total()).sum();
        if men > MAX_MEN_IN_ALL {
            self.err(
                &[Field("armies")],
                format!("{men} men in all (at most {MAX_MEN_IN_ALL} in a scenario)"),
            );
        }
        let porters: u64 = s.armies.iter().map(|a| u64::from(a.porters)).sum();
        if porters > MAX_PORTERS_IN_ALL {
            self.err(
                &[Field("armies")],
                format!("{porters} porters in all (at most {MAX_PORTERS_IN_ALL} in a scenario)"),
            );
        }
    }

    fn schedule(&mut self, s: &Scenario) {
        use Seg::*;
        for (i, e) in s.schedule.iter().enumerate() {
            if e.date < s.start || e.date > s.end {
                self.err(
                    &[Field("schedule"), Index(i), Field("date")],
                    format!(
                        "scheduled on {}, outside the scenario ({} to {})",
                        e.date, s.start, s.end
                    ),
                );
            }
        }
    }

    fn quarrels(&mut self, s: &Scenario) {
        use Seg::*;
        for (i, q) in s.quarrels.iter().enumerate() {
            let at = |f| [Field("quarrels"), Index(i), Field(f)];
            let mut sides = Vec::new();
            for (field, id) in [("a", &q.a), ("b", &q.b)] {
                match s.armies.iter().find(|a| &a.id == id) {
                    Some(a) => sides.push(a.side.as_str()),
                    None => self.err(
                        &at(field),
                        format!("unknown army `{id}` (expected one of: {})", army_list(s)),
                    ),
                }
            }
            if q.a == q.b {
                self.err(
                    &at("b"),
                    format!("army `{}` cannot quarrel with itself", q.a),
                );
            } else if let [x, y] = sides[..]
                && x != y
            {
                self.err(
                    &at("b"),
                    format!(
                        "armies `{}` ({x}) and `{}` ({y}) are of different sides: a quarrel is between commanders of one side",
                        q.a, q.b
                    ),
                );
            }
            if let Some(d) = q.until
                && (d < s.start || d > s.end)
            {
                self.err(
                    &at("until"),
                    format!(
                        "reconciled on {d}, outside the scenario ({} to {})",
                        s.start, s.end
                    ),
                );
            }
        }
    }

    fn victory(&mut self, s: &Scenario) {
        use Seg::*;
        if s.victory.is_empty() {
            self.err(
                &[Field("victory")],
                "no victory conditions (expected at least one for some side)",
            );
        }
        for (i, v) in s.victory.iter().enumerate() {
            let at = |f| [Field("victory"), Index(i), Field(f)];
            if v.points > MAX_POINTS {
                self.err(
                    &at("points"),
                    format!(
                        "{} points (at most {MAX_POINTS} for one condition)",
                        v.points
                    ),
                );
            }
            if s.side_index(&v.side).is_none() {
                self.err(
                    &at("side"),
                    format!(
                        "unknown side `{}` (expected one of: {})",
                        v.side,
                        side_list(s)
                    ),
                );
            }
            let (place, army, date) = v.condition.refs();
            if let Some(place) = place
                && s.place_index(place).is_none()
            {
                self.err(
                    &at("condition"),
                    format!(
                        "unknown place `{place}` (expected one of: {})",
                        place_list(s)
                    ),
                );
            }
            if let Some(army) = army
                && s.army_index(army).is_none()
            {
                self.err(
                    &at("condition"),
                    format!("unknown army `{army}` (expected one of: {})", army_list(s)),
                );
            }
            if let Some(d) = date
                && (d < s.start || d > s.end)
            {
                self.err(
                    &at("condition"),
                    format!(
                        "date {d} is outside the scenario ({} to {})",
                        s.start, s.end
                    ),
                );
            }
            match &v.condition {
                Condition::Destroy { below_pct: pct, .. }
                | Condition::Preserve { above_pct: pct, .. }
                    if *pct > 100 =>
                {
                    self.err(
                        &at("condition"),
                        format!("{pct}% is not a share (expected 0 to 100)"),
                    );
                }
                Condition::Deliver { sheng, .. } | Condition::Baggage { sheng, .. }
                    if *sheng > MAX_STORES_SHENG =>
                {
                    self.err(
                        &at("condition"),
                        format!("{sheng} sheng (at most {MAX_STORES_SHENG})"),
                    );
                }
                Condition::Plunder { sheng } if *sheng > MAX_PLUNDER_SHENG => {
                    self.err(
                        &at("condition"),
                        format!("Plunder of {sheng} sheng (at most {MAX_PLUNDER_SHENG})"),
                    );
                }
                Condition::Inflict { men } if *men > MAX_INFLICT => {
                    self.err(
                        &at("condition"),
                        format!("Inflict of {men} men (at most {MAX_INFLICT})"),
                    );
                }
                _ => {}
            }
        }
    }

    fn historical(&mut self, s: &Scenario) {
        use Seg::*;
        for (i, h) in s.historical.iter().enumerate() {
            let at = |f| [Field("historical"), Index(i), Field(f)];
            if s.army_index(&h.army).is_none() {
                self.err(
                    &at("army"),
                    format!(
                        "unknown army `{}` (expected one of: {})",
                        h.army,
                        army_list(s)
                    ),
                );
            }
            if h.date < s.start || h.date > s.end {
                self.err(
                    &at("date"),
                    format!(
                        "order dated {}, outside the scenario ({} to {})",
                        h.date, s.start, s.end
                    ),
                );
            }
            let map = self.map;
            let off = |x: &Hex| map.is_some_and(|m| !m.contains(*x));
            match &h.order {
                StandingOrder::MoveTo { hex, .. }
                | StandingOrder::Withdraw { hex }
                | StandingOrder::NightMarch { hex }
                    if off(hex) =>
                {
                    self.err(
                        &at("order"),
                        format!("order to march to {hex}, off the map"),
                    );
                }
                StandingOrder::Pursue { army, .. }
                | StandingOrder::Attack { army }
                | StandingOrder::Deliver { to: army }
                | StandingOrder::NightAttack { army }
                    if s.army_index(army).is_none() =>
                {
                    self.err(
                        &at("order"),
                        format!("unknown army `{army}` (expected one of: {})", army_list(s)),
                    );
                }
                StandingOrder::Besiege { place }
                | StandingOrder::Assault { place }
                | StandingOrder::Blockade { place }
                | StandingOrder::CutWater { place }
                    if s.place_index(place).is_none() =>
                {
                    self.err(
                        &at("order"),
                        format!(
                            "unknown place `{place}` (expected one of: {})",
                            place_list(s)
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

impl Validator<'_, '_, '_> {
    /// What validates but will probably not play as its author meant.
    fn warnings(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        let Some(map) = self.map else { return };
        for (i, a) in s.armies.iter().enumerate() {
            let at = |f| [Field("armies"), Index(i), Field(f)];
            // An army hidden where the rules would not let it hide.
            if a.state == crate::load::scenario::StartState::Hidden
                && map.terrain(a.hex).is_some_and(|t| !rules.terrain[t].cover)
            {
                let t = map
                    .terrain(a.hex)
                    .map_or("", |t| rules.terrain[t].name.as_str());
                self.f.warn(
                    &at("state"),
                    "hidden-without-cover",
                    format!(
                        "army `{}` starts hidden on {t} at {}, which gives no cover: the rules let an army hide only in broken or wooded country (it will be seen as soon as it moves)",
                        a.id, a.hex
                    ),
                );
            }
            // A garrison (an army set to stand: encamped or fortified) one hex off its walls:
            // the place falls undefended.
            let stands = matches!(
                a.state,
                crate::load::scenario::StartState::Encamped
                    | crate::load::scenario::StartState::Fortified
            );
            if stands
                && a.arrives.is_none()
                && !s.places.iter().any(|p| p.hex == a.hex)
                && let Some(p) = s.places.iter().find(|p| {
                    p.owner == a.side
                        && p.walls > 0
                        && p.hex.is_adjacent(a.hex)
                        && !s.armies.iter().any(|b| b.side == a.side && b.hex == p.hex)
                })
            {
                self.f.warn(
                    &at("hex"),
                    "garrison-off-its-place",
                    format!(
                        "army `{}` stands at {}, next to its side's place `{}` at {} but not in it: the place has no garrison and falls to the first enemy who walks in (put the army on {} to hold the walls; `ordos map` lists every place's hex)",
                        a.id, a.hex, p.id, p.hex, p.hex
                    ),
                );
            }
        }
        // Two orders for one army on one date: only the last written is followed.
        let mut seen: std::collections::BTreeMap<(&str, crate::calendar::Date), usize> =
            Default::default();
        for (i, h) in s.historical.iter().enumerate() {
            if let Some(first) = seen.insert((h.army.as_str(), h.date), i) {
                self.f.warn(
                    &[Field("historical"), Index(i)],
                    "two-orders-one-day",
                    format!(
                        "army `{}` has two orders for {} (this one and historical[{first}]): only the last written is followed",
                        h.army, h.date
                    ),
                );
            }
        }
        // Grain in a place without walls (not a camp, which is a depot by design), within
        // reach of the enemy from the start.
        let reach_hexes =
            u64::from(rules.supply.supply_reach_li) * 550 / u64::from(s.map.hex_m.max(1));
        for (i, p) in s.places.iter().enumerate() {
            let camp = p.kind == crate::load::scenario::PlaceKind::Camp;
            if camp || p.walls > 0 || p.stores_sheng == 0 || p.owner == "none" {
                continue;
            }
            let near = s.armies.iter().find(|a| {
                a.arrives.is_none()
                    && at_war(s, &a.side, &p.owner)
                    && u64::from(a.hex.distance(p.hex)) <= reach_hexes
            });
            if let Some(e) = near {
                self.f.warn(
                    &[Field("places"), Index(i), Field("stores_sheng")],
                    "unwalled-stores-near-enemy",
                    format!(
                        "place `{}` has no walls but {} sheng of grain, and the enemy army `{}` starts {} hexes away: every friendly place with grain feeds armies within {} li, walls or not, and an enemy who walks into an unwalled place takes its grain (make it a `Camp` if it is a depot, or give it walls)",
                        p.id,
                        p.stores_sheng,
                        e.id,
                        e.hex.distance(p.hex),
                        rules.supply.supply_reach_li
                    ),
                );
            }
        }
        if s.map.region.is_some() && !s.map.legend.is_empty() {
            self.f.warn(
                &[Field("map"), Field("legend")],
                "unused-legend",
                "the map is generated from a region, so `legend` is not used (change single hexes with `overrides`)",
            );
        }
    }
}

fn at_war(s: &Scenario, a: &str, b: &str) -> bool {
    s.wars
        .iter()
        .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
}

fn side_list(s: &Scenario) -> String {
    s.sides
        .iter()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
fn place_list(s: &Scenario) -> String {
    s.places
        .iter()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
fn army_list(s: &Scenario) -> String {
    s.armies
        .iter()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
