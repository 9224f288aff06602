//! Loading a scenario file: never a panic, whatever the bytes; every problem reported as
//! `file:line:col: what is wrong (and what was expected)`.

use crate::hex::Hex;
use crate::locate::{Seg, Source};
use crate::rules::{RiverKind, Rules};
use crate::scenario::{Condition, Scenario, StandingOrder};
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// One problem with a scenario file, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for ScenarioError {}

/// Every problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

/// Largest believable numbers: anything above is a typo, not history.
const MAX_MEN: u32 = 1_000_000;
const MAX_STORES_SHENG: u64 = 100_000_000_000;

/// Reads and validates a scenario file.
pub fn load_path(path: &Path) -> Result<Scenario, ScenarioErrors> {
    let file = path.display().to_string();
    let whole = |message: String| {
        ScenarioErrors(vec![ScenarioError {
            file: file.clone(),
            line: 1,
            col: 1,
            message,
        }])
    };
    if path.is_dir() {
        return Err(whole(
            "is a directory, not a scenario file (expected a .ron file)".into(),
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(whole("no such file".into()));
        }
        Err(e) => return Err(whole(format!("cannot be read: {e}"))),
    };
    load_bytes(&file, &bytes)
}

/// Validates a scenario from raw bytes (which may be anything).
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioErrors> {
    let at = |line, col, message: String| {
        ScenarioErrors(vec![ScenarioError {
            file: file.into(),
            line,
            col,
            message,
        }])
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(at(
            1,
            1,
            "the file is empty (expected a RON scenario: `Scenario(id: ..., ...)`)".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            return Err(at(
                line,
                col,
                format!(
                    "not a text file: invalid UTF-8 at byte {} (expected a RON scenario)",
                    e.valid_up_to()
                ),
            ));
        }
    };
    if let Some(i) = text.find('\0') {
        let lc = Source::new(&text[..i]).line_col(i);
        return Err(at(
            lc.line,
            lc.col,
            "not a text file: NUL byte (expected a RON scenario)".into(),
        ));
    }
    load_str(file, text)
}

/// Parses and validates scenario text.
pub fn load_str(file: &str, text: &str) -> Result<Scenario, ScenarioErrors> {
    let scenario: Scenario = match ron::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            return Err(ScenarioErrors(vec![ScenarioError {
                file: file.into(),
                line: e.span.start.line.max(1),
                col: e.span.start.col.max(1),
                message: syntax_message(&e.code),
            }]));
        }
    };
    let mut v = Validator {
        file,
        source: Source::new(text),
        errors: Vec::new(),
    };
    let scenario = v.materialize(scenario);
    if !v.errors.is_empty() {
        return Err(ScenarioErrors(v.errors));
    }
    v.check(&scenario);
    if v.errors.is_empty() {
        Ok(scenario)
    } else {
        Err(ScenarioErrors(v.errors))
    }
}

fn syntax_message(code: &ron::Error) -> String {
    let hint = match code {
        ron::Error::MissingStructField { .. } => {
            " (every required field must be given; see README: Scenario format)"
        }
        ron::Error::NoSuchStructField { .. } => {
            " (check the spelling; see README: Scenario format)"
        }
        ron::Error::Eof => " (the file ends early: an unclosed bracket or string?)",
        _ => "",
    };
    format!("{code}{hint}")
}

struct Validator<'a> {
    file: &'a str,
    source: Source<'a>,
    errors: Vec<ScenarioError>,
}

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

/// Legend characters for generated maps, one per terrain of the rules, in their order.
const GENERATED_LEGEND: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl Validator<'_> {
    /// Generates the map of a scenario that names a region, writes it into the map's rows and
    /// legend, applies the hex overrides, and puts every place with a `site` on its hex.
    fn materialize(&mut self, mut s: Scenario) -> Scenario {
        use Seg::*;
        let Some(region) = s.map.region.clone() else {
            for (i, p) in s.places.iter().enumerate() {
                if p.hex == Hex::unset() {
                    let msg = if p.site.is_some() {
                        format!(
                            "place `{}` names a site, but the map is hand-drawn: give its hex (or generate the map from a region)",
                            p.id
                        )
                    } else {
                        format!("place `{}` has no hex (expected `hex: (col, row)`)", p.id)
                    };
                    self.err(&[Field("places"), Index(i), Field("id")], msg);
                }
            }
            return s;
        };
        let at = [Field("map"), Field("region")];
        let Some(geo) = crate::geo::by_id(&region.geography) else {
            self.err(
                &[Field("map"), Field("region"), Field("geography")],
                format!(
                    "unknown geography `{}` (expected `ordos`)",
                    region.geography
                ),
            );
            return s;
        };
        if !s.map.rows.is_empty() {
            self.err(
                &[Field("map"), Field("rows")],
                "the map is generated from a region; leave out `rows` (change single hexes with `overrides`)",
            );
            return s;
        }
        let window = crate::geo::Window {
            south: region.south,
            west: region.west,
            north: region.north,
            east: region.east,
        };
        let map = match crate::geo::generate(&geo, window, s.map.hex_m) {
            Ok(m) => m,
            Err(e) => {
                self.err(&at, format!("cannot generate the map: {e}"));
                return s;
            }
        };
        let rules = Rules::standard();
        let mut legend = std::collections::BTreeMap::new();
        let mut code = std::collections::BTreeMap::new();
        for (t, ch) in rules.terrain.iter().zip(GENERATED_LEGEND.chars()) {
            legend.insert(ch, t.id.clone());
            code.insert(t.id.clone(), ch);
        }
        // Terrain a scenario defines for itself keeps the legend it was given.
        for (ch, t) in &s.map.legend {
            legend.entry(*ch).or_insert_with(|| t.clone());
            code.entry(t.clone()).or_insert(*ch);
        }
        let mut cells: Vec<char> = map
            .terrain
            .iter()
            .map(|t| code.get(t).copied().unwrap_or('?'))
            .collect();
        for (i, (h, t)) in s.map.overrides.iter().enumerate() {
            let path = [Field("map"), Field("overrides"), Index(i)];
            match (map.index(*h), code.get(t)) {
                (None, _) => self.err(
                    &path,
                    format!(
                        "override at {h} is off the map ({}×{} hexes)",
                        map.cols, map.rows
                    ),
                ),
                (_, None) => self.err(
                    &path,
                    format!(
                        "override to unknown terrain `{t}` (expected one of: {})",
                        terrain_list(&rules)
                    ),
                ),
                (Some(i), Some(ch)) => cells[i] = *ch,
            }
        }
        s.map.legend = legend;
        s.map.rows = cells
            .chunks(map.cols as usize)
            .map(|r| r.iter().collect())
            .collect();
        for h in &map.crossings {
            if !s.map.fords.contains(h) {
                s.map.fords.push(*h);
            }
        }
        // Generated labels first; the scenario's own are drawn over them.
        let own = std::mem::take(&mut s.map.labels);
        s.map.labels = map.labels.clone();
        s.map.labels.extend(own);
        for (i, p) in s.places.iter_mut().enumerate() {
            let path = [Field("places"), Index(i), Field("site")];
            match &p.site {
                Some(site) => match map.sites.get(site) {
                    Some(h) => p.hex = *h,
                    None => {
                        let known = geo.places.iter().any(|g| &g.id == site);
                        let msg = if known {
                            format!(
                                "place `{}`: site `{site}` lies outside the map's window",
                                p.id
                            )
                        } else {
                            format!(
                                "place `{}`: no site `{site}` in the geography `{}` (see assets/geography/{}.ron)",
                                p.id, geo.id, geo.id
                            )
                        };
                        self.err(&path, msg);
                    }
                },
                None if p.hex == Hex::unset() => self.err(
                    &[Field("places"), Index(i), Field("id")],
                    format!("place `{}` has neither a hex nor a site", p.id),
                ),
                None => {}
            }
        }
        s
    }

    fn err(&mut self, path: &[Seg], message: impl Into<String>) {
        let lc = self.source.line_col(self.source.find(path));
        self.errors.push(ScenarioError {
            file: self.file.into(),
            line: lc.line,
            col: lc.col,
            message: message.into(),
        });
    }

    fn err_at_offset(&mut self, offset: usize, message: impl Into<String>) {
        let lc = self.source.line_col(offset);
        self.errors.push(ScenarioError {
            file: self.file.into(),
            line: lc.line,
            col: lc.col,
            message: message.into(),
        });
    }

    fn check(&mut self, s: &Scenario) {
        use Seg::*;
        self.id(&[Field("id")], &s.id, "scenario");
        if s.end < s.start {
            self.err(
                &[Field("end")],
                format!("end {} is before start {}", s.end, s.start),
            );
        }
        if s.start.days_until(s.end) > 3650 {
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
        let rules = self.rules(s);
        self.sides(s);
        self.map(s, &rules);
        self.places(s, &rules);
        self.armies(s, &rules);
        self.schedule(s);
        self.victory(s);
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

    fn rules(&mut self, s: &Scenario) -> Rules {
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
        }
        s.rules()
    }

    fn sides(&mut self, s: &Scenario) {
        use Seg::*;
        if s.sides.len() < 2 {
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

    fn map(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        let m = &s.map;
        if !(100..=50_000).contains(&m.hex_m) {
            self.err(
                &[Field("map"), Field("hex_m")],
                format!("hex_m {} (expected 100 to 50000 metres)", m.hex_m),
            );
        }
        for (c, t) in &m.legend {
            if rules.terrain_index(t).is_none() {
                self.err(
                    &[Field("map"), Field("legend")],
                    format!(
                        "legend maps '{c}' to unknown terrain `{t}` (expected one of: {})",
                        terrain_list(rules)
                    ),
                );
            }
        }
        if m.rows.is_empty() {
            self.err(&[Field("map"), Field("rows")], "the map has no rows");
            return;
        }
        if m.rows.len() > 2000 {
            self.err(
                &[Field("map"), Field("rows")],
                "more than 2000 rows (expected a smaller hand-made map)",
            );
        }
        let width = s.width();
        for (r, row) in m.rows.iter().enumerate() {
            let start = self.source.find(&[Field("map"), Field("rows"), Index(r)]);
            let n = row.chars().count();
            if n != width || n == 0 {
                self.err_at_offset(
                    start,
                    format!(
                        "row {r} has {n} hexes, but row 0 has {width} (every row must be as wide)"
                    ),
                );
            }
            for (c, ch) in row.chars().enumerate() {
                if !m.legend.contains_key(&ch) {
                    let offset = start + 1 + row.char_indices().nth(c).map_or(0, |(b, _)| b);
                    self.err_at_offset(
                        offset,
                        format!("'{ch}' at column {c} of row {r} is not in the legend"),
                    );
                    break;
                }
            }
        }
        for (i, h) in m.fords.iter().enumerate() {
            let p = [Field("map"), Field("fords"), Index(i)];
            match terrain_at(s, rules, *h) {
                None => self.err(
                    &p,
                    format!("ford at {h} is off the map ({width}×{} hexes)", s.height()),
                ),
                Some(t) if rules.terrain[t].river != RiverKind::Major => self.err(
                    &p,
                    format!(
                        "ford at {h} is on {}, not on a major river",
                        rules.terrain[t].name
                    ),
                ),
                Some(_) => {}
            }
        }
        for (i, h) in m.springs.iter().enumerate() {
            if terrain_at(s, rules, *h).is_none() {
                self.err(
                    &[Field("map"), Field("springs"), Index(i)],
                    format!("spring at {h} is off the map"),
                );
            }
        }
    }

    fn places(&mut self, s: &Scenario, rules: &Rules) {
        use Seg::*;
        let mut seen = BTreeSet::new();
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
            if p.cistern_days > 3650 {
                self.err(
                    &at("cistern_days"),
                    format!(
                        "place `{}`: cistern_days {} (expected at most 3650)",
                        p.id, p.cistern_days
                    ),
                );
            }
            self.passable(s, rules, &at("hex"), p.hex, &format!("place `{}`", p.id));
            if s.places[..i].iter().any(|q| q.hex == p.hex) {
                self.err(
                    &at("hex"),
                    format!(
                        "place `{}` is on the same hex {} as another place",
                        p.id, p.hex
                    ),
                );
            }
        }
    }

    fn passable(&mut self, s: &Scenario, rules: &Rules, path: &[Seg], h: Hex, what: &str) {
        match terrain_at(s, rules, h) {
            None => self.err(
                path,
                format!(
                    "{what} is at {h}, off the map ({}×{} hexes: columns 0-{}, rows 0-{})",
                    s.width(),
                    s.height(),
                    s.width().saturating_sub(1),
                    s.height().saturating_sub(1)
                ),
            ),
            Some(t) if !rules.terrain[t].passable && !s.map.fords.contains(&h) => self.err(
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
            let men = u64::from(a.men.foot)
                + u64::from(a.men.crossbow)
                + u64::from(a.men.light_horse)
                + u64::from(a.men.heavy_horse);
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
            if a.porters > 3 * MAX_MEN {
                self.err(
                    &at("porters"),
                    format!("army `{}`: {} porters is absurd", a.id, a.porters),
                );
            }
            let animals = u64::from(a.animals.camels)
                + u64::from(a.animals.horses)
                + u64::from(a.animals.donkeys);
            if animals > u64::from(MAX_MEN) {
                self.err(
                    &at("animals"),
                    format!("army `{}`: {animals} pack animals is absurd", a.id),
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
            if a.pack_days.is_some_and(|d| d > 60) {
                self.err(
                    &at("pack_days"),
                    format!(
                        "army `{}`: a soldier cannot carry more than 60 days of food",
                        a.id
                    ),
                );
            }
            if let crate::scenario::RationsDef::Days(d) = a.rations
                && d > 365
            {
                self.err(
                    &at("rations"),
                    format!(
                        "army `{}`: rations for {d} days is absurd (at most 365)",
                        a.id
                    ),
                );
            }
            if a.siege_engines > 10_000 {
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
            self.passable(s, rules, &at("hex"), a.hex, &format!("army `{}`", a.id));
            let hostile = s.armies[..i].iter().find(|b| {
                b.hex == a.hex
                    && b.arrives.is_none()
                    && a.arrives.is_none()
                    && at_war(s, &a.side, &b.side)
            });
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
            match &v.condition {
                Condition::Hold { place, until } | Condition::Take { place, by: until } => {
                    if s.place_index(place).is_none() {
                        self.err(
                            &at("condition"),
                            format!(
                                "unknown place `{place}` (expected one of: {})",
                                place_list(s)
                            ),
                        );
                    }
                    if let Some(d) = until
                        && (*d < s.start || *d > s.end)
                    {
                        self.err(
                            &at("condition"),
                            format!(
                                "date {d} is outside the scenario ({} to {})",
                                s.start, s.end
                            ),
                        );
                    }
                }
                Condition::Destroy {
                    army,
                    below_pct: pct,
                }
                | Condition::Preserve {
                    army,
                    above_pct: pct,
                } => {
                    if s.army_index(army).is_none() {
                        self.err(
                            &at("condition"),
                            format!("unknown army `{army}` (expected one of: {})", army_list(s)),
                        );
                    }
                    if *pct > 100 {
                        self.err(
                            &at("condition"),
                            format!("{pct}% is not a share (expected 0 to 100)"),
                        );
                    }
                }
                Condition::Inflict { .. } => {}
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
            let (w, hh) = (s.width() as i32, s.height() as i32);
            let off = |x: &Hex| x.col < 0 || x.row < 0 || x.col >= w || x.row >= hh;
            match &h.order {
                StandingOrder::MoveTo { hex, .. } | StandingOrder::Withdraw { hex } if off(hex) => {
                    self.err(
                        &at("order"),
                        format!("order to march to {hex}, off the map"),
                    );
                }
                StandingOrder::Pursue { army, .. } | StandingOrder::Attack { army }
                    if s.army_index(army).is_none() =>
                {
                    self.err(
                        &at("order"),
                        format!("unknown army `{army}` (expected one of: {})", army_list(s)),
                    );
                }
                StandingOrder::Besiege { place } | StandingOrder::Assault { place }
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

/// The terrain index of a hex of the scenario's map, or None if it is off the map.
pub fn terrain_at(s: &Scenario, rules: &Rules, h: Hex) -> Option<usize> {
    if h.col < 0 || h.row < 0 {
        return None;
    }
    let row = s.map.rows.get(h.row as usize)?;
    let ch = row.chars().nth(h.col as usize)?;
    rules.terrain_index(s.map.legend.get(&ch)?)
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
fn terrain_list(r: &Rules) -> String {
    r.terrain
        .iter()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
