//! Loading: read → parse → build → validate, each step reporting its problems at
//! `file:line:col`, never panicking whatever the bytes. What comes out is a `Setup`: the
//! scenario as written (each place with a `site` on its hex), the rules it plays under and its
//! map, built once and shared by every game of it.
//!
//! Also here: the scenario format (`scenario`), the rule tables (`tables`), the geography and
//! the map generator (`geo`), and the catalog of scenario files (`catalog`).

mod build;
pub mod catalog;
pub mod diagnostic;
pub mod geo;
pub mod locate;
pub mod map;
pub mod read;
pub mod scenario;
pub mod tables;
pub mod validate;
pub mod wars;

use diagnostic::{Diagnostic, Findings, ScenarioErrors, Severity};
use map::Map;
use scenario::Scenario;
use std::path::Path;
use std::sync::Arc;
use tables::Rules;

pub use build::{MAX_HEXES, MAX_SIDE};

/// A scenario ready to play: validated, with its rules and its map built. Shared (behind an
/// `Arc`) by every game of it and never changed.
#[derive(Debug, PartialEq)]
pub struct Setup {
    /// The scenario as written, with every place that names a `site` put on its hex.
    pub scenario: Scenario,
    /// The standard rule tables with the scenario's overrides.
    pub rules: Rules,
    pub map: Map,
    /// Whether side i is at war with side j.
    at_war: Vec<Vec<bool>>,
    /// `content_hash`, worked out once.
    content_hash: u64,
    /// The armies (by index) whose commanders quarrel, and the day they are reconciled.
    quarrels: Vec<(usize, usize, Option<crate::calendar::Date>)>,
    /// What validates but will probably not play as its author meant.
    pub warnings: Vec<Diagnostic>,
}

impl Setup {
    /// Whether the sides of these indices are at war.
    pub fn at_war(&self, a: usize, b: usize) -> bool {
        self.at_war
            .get(a)
            .and_then(|r| r.get(b))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the commanders of the armies of these indices quarrel on `date`
    /// (`Scenario::quarrels`).
    pub fn quarrel(&self, a: usize, b: usize, date: crate::calendar::Date) -> bool {
        self.quarrels.iter().any(|&(x, y, until)| {
            ((x, y) == (a, b) || (x, y) == (b, a)) && until.is_none_or(|d| date < d)
        })
    }

    /// A stable hash of everything a game of this scenario depends on but the rules: the
    /// scenario as written and its map. Recorded in replays.
    pub fn content_hash(&self) -> u64 {
        self.content_hash
    }
}

/// Reads, parses, builds and validates a scenario file.
pub fn load_path(path: &Path) -> Result<Arc<Setup>, ScenarioErrors> {
    let file = path.display().to_string();
    let bytes = read::read_regular(path, read::MAX_SCENARIO_BYTES).map_err(|e| {
        let hint = match e {
            read::ReadError::Directory => " (expected a .ron scenario file)",
            _ => "",
        };
        ScenarioErrors::whole(&file, format!("{e}{hint}"))
    })?;
    load_bytes(&file, &bytes)
}

/// Loads a scenario from raw bytes (which may be anything).
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Arc<Setup>, ScenarioErrors> {
    let at = |line, col, message: String| {
        let mut e = ScenarioErrors::whole(file, message);
        e.0[0].line = line;
        e.0[0].col = col;
        e
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
        let lc = locate::Source::new(&text[..i]).line_col(i);
        return Err(at(
            lc.line,
            lc.col,
            "not a text file: NUL byte (expected a RON scenario)".into(),
        ));
    }
    load_str(file, text)
}

/// Parses, builds and validates scenario text.
pub fn load_str(file: &str, text: &str) -> Result<Arc<Setup>, ScenarioErrors> {
    let scenario: Scenario = match ron::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            let mut err = ScenarioErrors::whole(file, syntax_message(&e.code));
            err.0[0].line = e.span.start.line.max(1);
            err.0[0].col = e.span.start.col.max(1);
            err.0[0].code = "syntax";
            return Err(err);
        }
    };
    prepare(file, Some(text), scenario)
}

/// Builds and validates a scenario made in code (errors name the field, with no line).
pub fn from_scenario(name: &str, scenario: Scenario) -> Result<Arc<Setup>, ScenarioErrors> {
    prepare(name, None, scenario)
}

fn prepare(
    file: &str,
    text: Option<&str>,
    mut scenario: Scenario,
) -> Result<Arc<Setup>, ScenarioErrors> {
    let mut f = Findings::new(file, text);
    if !validate::early(&mut f, &scenario) {
        return Err(only_errors(f.found));
    }
    let rules = scenario.rules();
    let map = build::map(&mut f, &mut scenario, &rules);
    let map = match map {
        Some(m) if f.errors() == 0 => m,
        _ => return Err(only_errors(f.found)),
    };
    validate::check(&mut f, &scenario, &rules, &map);
    if f.errors() > 0 {
        return Err(only_errors(f.found));
    }
    let n = scenario.sides.len();
    let mut at_war = vec![vec![false; n]; n];
    for (a, b) in &scenario.wars {
        if let (Some(i), Some(j)) = (scenario.side_index(a), scenario.side_index(b)) {
            at_war[i][j] = true;
            at_war[j][i] = true;
        }
    }
    let quarrels = scenario
        .quarrels
        .iter()
        .filter_map(|q| {
            let (a, b) = (scenario.army_index(&q.a)?, scenario.army_index(&q.b)?);
            Some((a, b, q.until))
        })
        .collect();
    Ok(Arc::new(Setup {
        content_hash: scenario.content_hash(),
        scenario,
        rules,
        map,
        at_war,
        quarrels,
        warnings: f.found,
    }))
}

fn only_errors(found: Vec<Diagnostic>) -> ScenarioErrors {
    ScenarioErrors(
        found
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    )
}

fn syntax_message(code: &ron::Error) -> String {
    let hint = match code {
        ron::Error::MissingStructField { .. } => {
            " (every required field must be given; see docs/modding.md)"
        }
        ron::Error::NoSuchStructField { .. } => " (check the spelling; see docs/modding.md)",
        ron::Error::Eof => " (the file ends early: an unclosed bracket or string?)",
        _ => "",
    };
    format!("{code}{hint}")
}

/// A scenario that only shows a geography's map: every place inside the window (walls by
/// kind, held by no one), no armies. For `ordos screenshot region:ordos` and modders who want
/// to see a window before writing a scenario on it.
pub fn preview(geography: &str, window: geo::Window, hex_m: u32) -> Result<Arc<Setup>, String> {
    use scenario::*;
    let geo = geo::by_id(geography)
        .ok_or_else(|| format!("unknown geography `{geography}` (expected `ordos`)"))?;
    let places: Vec<PlaceDef> = geo
        .places
        .iter()
        .filter(|p| window.contains((p.lat, p.lon)))
        .map(|p| PlaceDef {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind,
            hex: crate::hex::Hex::unset(),
            site: Some(p.id.clone()),
            owner: "none".into(),
            walls: p.kind.default_walls(),
            stores_sheng: 0,
            water: true,
            cistern_days: 0,
            levy_men: 0,
        })
        .collect();
    let first = places
        .first()
        .map(|p| p.id.clone())
        .ok_or("no place of the geography lies inside the window")?;
    let side = |id: &str, name: &str, color: &str| SideDef {
        id: id.into(),
        name: name.into(),
        color: color.into(),
    };
    let date = |s: &str| s.parse().map_err(|e: String| e);
    let scenario = Scenario {
        id: format!("preview-{}", geo.id),
        title: geo.name.clone(),
        war: None,
        start: date("1081-06-01")?,
        end: date("1081-06-02")?,
        turn_days: 1,
        briefing: "A preview of the map.".into(),
        passage: String::new(),
        historically_favoured: None,
        historical_outcome: String::new(),
        sources: Vec::new(),
        notes: Vec::new(),
        sides: vec![
            side("song", "Northern Song", "#b3261e"),
            side("xia", "Western Xia", "#1e4fb3"),
        ],
        wars: vec![("song".into(), "xia".into())],
        turn_order: vec!["song".into(), "xia".into()],
        map: MapDef {
            hex_m,
            region: Some(RegionDef {
                geography: geo.id.clone(),
                south: window.south,
                west: window.west,
                north: window.north,
                east: window.east,
            }),
            overrides: Vec::new(),
            legend: Default::default(),
            rows: Vec::new(),
            fords: Vec::new(),
            springs: Vec::new(),
            heights: Vec::new(),
            labels: Vec::new(),
        },
        places,
        armies: Vec::new(),
        schedule: Vec::new(),
        victory: vec![VictoryDef {
            side: "song".into(),
            condition: Condition::Hold {
                place: first,
                until: None,
            },
            points: 1,
            decisive: false,
            text: String::new(),
        }],
        historical: Vec::new(),
        quarrels: Vec::new(),
        rules: RuleOverrides::default(),
    };
    from_scenario(&format!("region:{geography}"), scenario).map_err(|e| e.to_string())
}
