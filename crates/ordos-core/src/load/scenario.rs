//! The scenario file: what a modder writes, one RON file per scenario. `load` parses, builds
//! and validates it, reporting every problem at `file:line:col`.

use crate::calendar::Date;
use crate::hex::Hex;
use crate::load::tables::{Rules, TerrainType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A scenario as written in its file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// The war of the accounts it belongs to: an id of `assets/rules/wars.ron` (`shenzong`).
    /// The scenario picker groups scenarios by war.
    #[serde(default)]
    pub war: Option<String>,
    pub start: Date,
    pub end: Date,
    /// Days a turn spans (the default is one day).
    #[serde(default = "one")]
    pub turn_days: u32,
    pub briefing: String,
    /// The passage of the accounts this scenario plays.
    #[serde(default)]
    pub passage: String,
    /// The side history favours, for the scenario picker.
    #[serde(default)]
    pub historically_favoured: Option<String>,
    /// What happened, for the end screen and the summary.
    #[serde(default)]
    pub historical_outcome: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Notes on disputed or estimated figures.
    #[serde(default)]
    pub notes: Vec<String>,
    pub sides: Vec<SideDef>,
    /// Pairs of sides at war.
    pub wars: Vec<(String, String)>,
    /// The order in which sides move each turn.
    pub turn_order: Vec<String>,
    pub map: MapDef,
    #[serde(default)]
    pub places: Vec<PlaceDef>,
    pub armies: Vec<ArmyDef>,
    #[serde(default)]
    pub schedule: Vec<Scheduled>,
    pub victory: Vec<VictoryDef>,
    /// What the commanders actually did, by date.
    #[serde(default)]
    pub historical: Vec<HistoricalOrder>,
    /// Pairs of armies of one side whose commanders will not work together (Gao Zunyu and Liu
    /// Changzuo before Lingzhou, 1081).
    #[serde(default)]
    pub quarrels: Vec<QuarrelDef>,
    /// Replaces rule tables for this scenario only.
    #[serde(default)]
    pub rules: RuleOverrides,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideDef {
    pub id: String,
    pub name: String,
    /// Counter colour, `"#rrggbb"`.
    #[serde(default)]
    pub color: String,
}

/// The map: generated from real geography (`region`), or drawn by hand (`rows` + `legend`:
/// one character per hex). Either way, loading builds it once into a `load::map::Map`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDef {
    /// Hex size, centre to centre, in metres.
    pub hex_m: u32,
    /// Generate the map from a geography (`assets/geography/<id>.ron`) for this window.
    #[serde(default)]
    pub region: Option<RegionDef>,
    /// Single hexes changed after generation: `((col, row), "terrain-id")`.
    #[serde(default)]
    pub overrides: Vec<(Hex, String)>,
    /// Character → terrain id.
    #[serde(default)]
    pub legend: BTreeMap<char, String>,
    /// Rows from north to south; every row has the same number of characters.
    #[serde(default)]
    pub rows: Vec<String>,
    /// Fords and ferries across the Yellow River.
    #[serde(default)]
    pub fords: Vec<Hex>,
    /// Springs and wells in otherwise dry country.
    #[serde(default)]
    pub springs: Vec<Hex>,
    /// Single hexes' heights above sea level, in metres, over the generated ones (a hand-drawn
    /// map is at 0 m elsewhere): a hilltop fort, a ridge. A defender above its attacker fights
    /// better (`combat.ron`, `height_defense_pct`).
    #[serde(default)]
    pub heights: Vec<(Hex, i32)>,
    /// Names of features for the map view, e.g. rivers.
    #[serde(default)]
    pub labels: Vec<(Hex, String)>,
}

/// A window on a geography, in degrees north and east.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionDef {
    /// The geography's id: `ordos`.
    pub geography: String,
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    WalledCity,
    Fort,
    Town,
    Pass,
    Camp,
}

impl PlaceKind {
    /// The walls a place of this kind has when nothing else is said: 3 a city, 2 a fort, 1 a
    /// town, none a pass or camp.
    pub fn default_walls(self) -> u8 {
        match self {
            PlaceKind::WalledCity => 3,
            PlaceKind::Fort => 2,
            PlaceKind::Town => 1,
            PlaceKind::Pass | PlaceKind::Camp => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceDef {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// Its hex; on a generated map it may be left out for `site`.
    #[serde(default = "Hex::unset")]
    pub hex: Hex,
    /// The geography's place it stands at (on a generated map): its hex is where the
    /// generator put that place.
    #[serde(default)]
    pub site: Option<String>,
    /// Side id, or "none".
    pub owner: String,
    /// 0 none, 1 town wall, 2 fort, 3 city walls.
    pub walls: u8,
    /// Grain in store, sheng.
    #[serde(default)]
    pub stores_sheng: u64,
    /// Wells or springs inside the walls.
    pub water: bool,
    /// Days of water in cisterns for a place without wells.
    #[serde(default)]
    pub cistern_days: u32,
    /// Men of 15 to 60 who can be levied here (Xia: "two men give a soldier and a porter").
    #[serde(default)]
    pub levy_men: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MenDef {
    #[serde(default)]
    pub foot: u32,
    #[serde(default)]
    pub crossbow: u32,
    #[serde(default)]
    pub light_horse: u32,
    #[serde(default)]
    pub heavy_horse: u32,
}

impl MenDef {
    /// Every soldier, counted without overflow whatever the file says.
    pub fn total(&self) -> u64 {
        u64::from(self.foot)
            + u64::from(self.crossbow)
            + u64::from(self.light_horse)
            + u64::from(self.heavy_horse)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AnimalsDef {
    #[serde(default)]
    pub camels: u32,
    #[serde(default)]
    pub horses: u32,
    #[serde(default)]
    pub donkeys: u32,
}

/// How much food an army sets out with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum RationsDef {
    /// Every pack and load full.
    #[default]
    Full,
    /// Days of food for every man in the column.
    Days(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum StartState {
    #[default]
    Marching,
    Encamped,
    Fortified,
    Hidden,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmyDef {
    pub id: String,
    pub name: String,
    pub side: String,
    pub commander: String,
    pub hex: Hex,
    pub men: MenDef,
    #[serde(default)]
    pub porters: u32,
    #[serde(default)]
    pub animals: AnimalsDef,
    #[serde(default)]
    pub rations: RationsDef,
    /// Days of food each soldier carries himself (default: the supply table's, by arm).
    #[serde(default)]
    pub pack_days: Option<u32>,
    #[serde(default = "fifty")]
    pub morale: u32,
    #[serde(default)]
    pub fatigue: u32,
    #[serde(default)]
    pub siege_engines: u32,
    #[serde(default)]
    pub state: StartState,
    /// The date the army enters the map (reinforcements); absent = at the start.
    #[serde(default)]
    pub arrives: Option<Date>,
    /// Its commander is the ruler of his side (Yizong, Xingzong): his fall costs every army of
    /// the side morale, and his own army will no longer attack, assault or besiege.
    #[serde(default)]
    pub ruler: bool,
    /// Spare horses (remounts) with the army; they die first where there is no grazing.
    #[serde(default)]
    pub spare_horses: u32,
}

/// Two armies of one side whose commanders quarrel: neither counts for the other's attacks from
/// several sides, they do not defend a hex together, and they give each other no grain — until
/// `until` (a date), or to the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuarrelDef {
    pub a: String,
    pub b: String,
    /// The day they are reconciled (the quarrel holds before it); None: never.
    #[serde(default)]
    pub until: Option<Date>,
}

fn fifty() -> u32 {
    50
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheduled {
    pub date: Date,
    pub event: ScheduledEvent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Weather {
    Clear,
    Rain,
    Snow,
    Heat,
    /// A gale (the black north-east wind of Dingchuan 1042; the gale that broke the siege carts
    /// at Pingxia 1098): engines in the open are wrecked, crossbowmen shoot badly.
    Wind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ScheduledEvent {
    /// A dated entry from the accounts, shown in the log.
    Chronicle(String),
    /// The day's weather, overriding the climate table.
    Weather(Weather),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VictoryDef {
    pub side: String,
    pub condition: Condition,
    /// Points for meeting it; the side with more points at the end wins.
    #[serde(default = "one")]
    pub points: u32,
    /// Meeting it ends the game at once in this side's favour.
    #[serde(default)]
    pub decisive: bool,
    #[serde(default)]
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Own the place at the end (or on `until`).
    Hold { place: String, until: Option<Date> },
    /// Own the place on or before `by` (or the end).
    Take { place: String, by: Option<Date> },
    /// The army is routed, destroyed, or down to `below_pct` of its men.
    Destroy { army: String, below_pct: u32 },
    /// The army still has `above_pct` of its men at the end, not routed.
    Preserve { army: String, above_pct: u32 },
    /// The enemy sides lose at least this many men.
    Inflict { men: u32 },
    /// Grain stocked into the place by the side's armies (`Stock`) reaches `sheng`, on or before
    /// `by` (or the end): a convoy's delivery to a town under siege.
    Deliver {
        place: String,
        sheng: u64,
        #[serde(default)]
        by: Option<Date>,
    },
    /// On `by` (or at the end) the side holds the place and no enemy besieges or blockades it:
    /// a besieged place relieved.
    Relieve {
        place: String,
        #[serde(default)]
        by: Option<Date>,
    },
    /// The enemy's grain at the place is taken or gone: the side holds the place, or its stores
    /// are eaten to nothing.
    TakeStores { place: String },
    /// The army has lost at least `sheng` of its grain to the enemy (baggage taken in a rout or a
    /// surrender, or left behind): a convoy or a baggage train cut out.
    Baggage { army: String, sheng: u64 },
    /// On `by` (or at the end) the army is in being, not routed, and neither starving nor
    /// thirsty: an army kept in supply.
    Supplied {
        army: String,
        #[serde(default)]
        by: Option<Date>,
    },
    /// The army's commander has met this fate: wounded, killed, taken or fled (`Fallen`),
    /// `Killed` or `Captured`.
    Leader { army: String, fate: LeaderFate },
    /// The side's armies have taken at least `sheng` of grain by plundering the country.
    Plunder { sheng: u64 },
}

/// The fate a `Leader` condition asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LeaderFate {
    /// Taken by the enemy.
    Captured,
    Killed,
    /// Wounded, killed, taken or fled: any.
    Fallen,
}

impl Condition {
    /// The place, army and date the condition names, if any.
    pub fn refs(&self) -> (Option<&str>, Option<&str>, Option<Date>) {
        match self {
            Condition::Hold { place, until: d }
            | Condition::Take { place, by: d }
            | Condition::Deliver { place, by: d, .. }
            | Condition::Relieve { place, by: d } => (Some(place), None, *d),
            Condition::TakeStores { place } => (Some(place), None, None),
            Condition::Destroy { army, .. }
            | Condition::Preserve { army, .. }
            | Condition::Baggage { army, .. } => (None, Some(army), None),
            Condition::Supplied { army, by } => (None, Some(army), *by),
            Condition::Leader { army, .. } => (None, Some(army), None),
            Condition::Inflict { .. } | Condition::Plunder { .. } => (None, None, None),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoricalOrder {
    pub date: Date,
    pub army: String,
    pub order: StandingOrder,
    #[serde(default)]
    pub note: String,
}

/// An order as the accounts give it: a goal that holds until it is done or replaced.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StandingOrder {
    /// March to a hex.
    MoveTo { hex: Hex, forced: bool },
    /// Pursue and attack an army.
    Pursue { army: String, forced: bool },
    /// Attack an adjacent army.
    Attack { army: String },
    /// Lie hidden in ambush.
    Hide,
    /// Stand where it is.
    Hold,
    /// Dig in.
    Fortify,
    /// Invest a place.
    Besiege { place: String },
    /// Storm a place.
    Assault { place: String },
    /// March back to a hex, e.g. after lifting a siege.
    Withdraw { hex: Hex },
    /// Strip the country where it stands (once).
    Scorch,
    /// Breach the Yellow River dikes next to it (once).
    BreachDike,
    /// Cut the wells of an adjacent enemy place.
    CutWater { place: String },
    /// Build a fort where it stands.
    BuildFort,
    /// Forbid (false) or allow (true) cooking fires.
    Fires { allowed: bool },
    /// Levy the men of the place it stands in.
    Levy,
    /// From its walls, strike the nearest enemy next to them and return inside (a garrison's
    /// sortie; Wang Wenyu at Lanzhou, 1083).
    Sortie,
    /// Cut a place off from within two hexes, without investing it.
    Blockade { place: String },
    /// Give up a siege or blockade (and stand).
    LiftSiege,
    /// March to the army and hand it all the grain it can spare (a convoy's delivery).
    Deliver { to: String },
    /// Leave all the grain it can spare in the stores of the friendly place it stands in.
    Stock,
    /// The commander abandons his army and runs (once).
    Flee,
    /// Enlist men of the country at the friendly place it stands in, each turn while there are
    /// men and grain to pay them.
    Recruit,
    /// Plunder the country where it stands (once there).
    Plunder,
    /// March by night to a hex, through enemy zones of control, at half pace.
    NightMarch { hex: Hex },
    /// March next to the army and fall on it by night.
    NightAttack { army: String },
}

/// Scenario-only replacements for rule tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleOverrides {
    /// Terrain types replacing (same id) or extending the standard table.
    #[serde(default)]
    pub terrain: Vec<TerrainType>,
}

impl Scenario {
    /// The rules this scenario plays under: the standard tables with its overrides.
    pub fn rules(&self) -> Rules {
        let mut rules = Rules::standard();
        for t in &self.rules.terrain {
            match rules.terrain_index(&t.id) {
                Some(i) => rules.terrain[i] = t.clone(),
                None => rules.terrain.push(t.clone()),
            }
        }
        rules
    }

    pub fn side_index(&self, id: &str) -> Option<usize> {
        self.sides.iter().position(|s| s.id == id)
    }
    pub fn army_index(&self, id: &str) -> Option<usize> {
        self.armies.iter().position(|a| a.id == id)
    }
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id)
    }
    /// A stable hash of the scenario's content, recorded in replays.
    pub fn content_hash(&self) -> u64 {
        let text = ron::to_string(self).unwrap_or_default();
        crate::hash::fnv1a(text.as_bytes())
    }
}
