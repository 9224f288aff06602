//! The state of a game in progress. Everything here is plain data, hashed for replays.

use crate::calendar::Date;
use crate::hex::Hex;
use crate::load::scenario::Weather;
use crate::load::tables::Arm;
use serde::{Deserialize, Serialize};

/// Index of an army in the scenario's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub struct ArmyId(pub u16);
/// Index of a place in the scenario's list (places built in play follow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub struct PlaceId(pub u16);
/// Index of a side in the scenario's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub struct SideId(pub u8);

/// The ids a game gives its armies, places and sides (`ren-fu`, `zhenrong`, `song`), by index.
/// While `Names::with` runs, every `ArmyId`, `PlaceId` and `SideId` serializes as its name,
/// wherever it sits in what is serialized: events for JSON Lines are written so, by their type
/// rather than by guessing from field names. Otherwise (replays, saves) they are numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub armies: Vec<String>,
    pub places: Vec<String>,
    pub sides: Vec<String>,
}

thread_local! {
    static NAMES: std::cell::RefCell<Option<Names>> = const { std::cell::RefCell::new(None) };
}

impl Names {
    /// Runs `f` with ids serialized as these names.
    pub fn with<R>(&self, f: impl FnOnce() -> R) -> R {
        let before = NAMES.with(|n| n.replace(Some(self.clone())));
        let out = f();
        NAMES.with(|n| *n.borrow_mut() = before);
        out
    }
}

/// Serializes an id as its name while names are set, else as the number it is.
fn serialize_id<S: serde::Serializer>(
    s: S,
    index: usize,
    pick: fn(&Names) -> &Vec<String>,
    number: impl FnOnce(S) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error> {
    let name = NAMES.with(|n| {
        n.borrow()
            .as_ref()
            .and_then(|n| pick(n).get(index).cloned())
    });
    match name {
        Some(name) => s.serialize_str(&name),
        None => number(s),
    }
}

impl Serialize for ArmyId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_id(
            s,
            usize::from(self.0),
            |n| &n.armies,
            |s| s.serialize_newtype_struct("ArmyId", &self.0),
        )
    }
}

impl Serialize for PlaceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_id(
            s,
            usize::from(self.0),
            |n| &n.places,
            |s| s.serialize_newtype_struct("PlaceId", &self.0),
        )
    }
}

impl Serialize for SideId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_id(
            s,
            usize::from(self.0),
            |n| &n.sides,
            |s| s.serialize_newtype_struct("SideId", &self.0),
        )
    }
}

/// Soldiers by arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Men {
    pub foot: u32,
    pub crossbow: u32,
    pub light_horse: u32,
    pub heavy_horse: u32,
}

impl Men {
    pub fn total(&self) -> u32 {
        self.foot + self.crossbow + self.light_horse + self.heavy_horse
    }
    pub fn get(&self, arm: Arm) -> u32 {
        match arm {
            Arm::Foot => self.foot,
            Arm::Crossbow => self.crossbow,
            Arm::LightHorse => self.light_horse,
            Arm::HeavyHorse => self.heavy_horse,
        }
    }
    fn slot(&mut self, arm: Arm) -> &mut u32 {
        match arm {
            Arm::Foot => &mut self.foot,
            Arm::Crossbow => &mut self.crossbow,
            Arm::LightHorse => &mut self.light_horse,
            Arm::HeavyHorse => &mut self.heavy_horse,
        }
    }
    pub fn mounted(&self) -> u32 {
        self.light_horse + self.heavy_horse
    }
    /// Removes `n` men spread over the arms in proportion (largest remainder, ties by arm order),
    /// and returns how many were removed (at most the total).
    pub fn remove(&mut self, n: u32) -> u32 {
        let total = self.total();
        let n = n.min(total);
        if n == 0 {
            return 0;
        }
        let mut taken = [0u32; 4];
        let mut rems = [(0u64, 0usize); 4];
        let mut sum = 0;
        for (i, arm) in Arm::ALL.iter().enumerate() {
            let exact = u64::from(self.get(*arm)) * u64::from(n);
            taken[i] = (exact / u64::from(total)) as u32;
            rems[i] = (exact % u64::from(total), i);
            sum += taken[i];
        }
        rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut left = n - sum;
        for (_, i) in rems {
            if left == 0 {
                break;
            }
            if taken[i] < self.get(Arm::ALL[i]) {
                taken[i] += 1;
                left -= 1;
            }
        }
        for (i, arm) in Arm::ALL.iter().enumerate() {
            *self.slot(*arm) -= taken[i];
        }
        n
    }
}

/// Men lost, by cause. Every man who leaves an army is counted in exactly one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Losses {
    pub killed: u32,
    pub wounded: u32,
    pub captured: u32,
    pub hunger: u32,
    pub thirst: u32,
    pub cold: u32,
    pub disease: u32,
    pub drowned: u32,
    pub deserted: u32,
}

/// Why men were lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    Killed,
    Wounded,
    Captured,
    Hunger,
    Thirst,
    Cold,
    Disease,
    Drowned,
    Deserted,
}

impl Cause {
    pub const ALL: [Cause; 9] = [
        Cause::Killed,
        Cause::Wounded,
        Cause::Captured,
        Cause::Hunger,
        Cause::Thirst,
        Cause::Cold,
        Cause::Disease,
        Cause::Drowned,
        Cause::Deserted,
    ];
    pub fn describe(self) -> &'static str {
        match self {
            Cause::Killed => "were killed",
            Cause::Wounded => "were wounded",
            Cause::Captured => "were captured",
            Cause::Hunger => "died of hunger",
            Cause::Thirst => "died of thirst",
            Cause::Cold => "died of cold",
            Cause::Disease => "died of disease",
            Cause::Drowned => "drowned",
            Cause::Deserted => "deserted or straggled",
        }
    }
    /// The cause in a word or two, after a number: "30 killed", "12 starved".
    pub fn short(self) -> &'static str {
        match self {
            Cause::Killed => "killed",
            Cause::Wounded => "wounded",
            Cause::Captured => "captured",
            Cause::Hunger => "starved",
            Cause::Thirst => "died of thirst",
            Cause::Cold => "died of cold",
            Cause::Disease => "sick",
            Cause::Drowned => "drowned",
            Cause::Deserted => "deserted",
        }
    }
}

impl Losses {
    pub fn total(&self) -> u32 {
        Cause::ALL.iter().map(|c| self.get(*c)).sum()
    }
    pub fn get(&self, c: Cause) -> u32 {
        match c {
            Cause::Killed => self.killed,
            Cause::Wounded => self.wounded,
            Cause::Captured => self.captured,
            Cause::Hunger => self.hunger,
            Cause::Thirst => self.thirst,
            Cause::Cold => self.cold,
            Cause::Disease => self.disease,
            Cause::Drowned => self.drowned,
            Cause::Deserted => self.deserted,
        }
    }
    pub fn add(&mut self, c: Cause, n: u32) {
        let slot = match c {
            Cause::Killed => &mut self.killed,
            Cause::Wounded => &mut self.wounded,
            Cause::Captured => &mut self.captured,
            Cause::Hunger => &mut self.hunger,
            Cause::Thirst => &mut self.thirst,
            Cause::Cold => &mut self.cold,
            Cause::Disease => &mut self.disease,
            Cause::Drowned => &mut self.drowned,
            Cause::Deserted => &mut self.deserted,
        };
        *slot += n;
    }
    pub fn merge(&mut self, other: &Losses) {
        for c in Cause::ALL {
            self.add(c, other.get(c));
        }
    }
}

/// Pack animals with the column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Animals {
    pub camels: u32,
    pub horses: u32,
    pub donkeys: u32,
}

/// What an army is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArmyState {
    /// Not yet on the map (a reinforcement).
    Awaiting,
    Marching,
    Encamped,
    Besieging,
    Fortified,
    Hidden,
    Routed,
    /// No men left.
    Destroyed,
}

/// What has become of an army's commander (docs/campaigns/rules-plan.md A, B).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Leader {
    /// With his army, unhurt.
    #[default]
    Present,
    /// Hit, but still with his army (Yizong, Qingzhou 1066).
    Wounded,
    Killed,
    /// Taken by the enemy (Liu Ping, Sanchuan 1040).
    Captured,
    /// Ran and abandoned his army (Ge Huaimin, Dingchuan 1042).
    Fled,
}

impl Leader {
    /// Still with his army: he may yet fall.
    pub fn present(self) -> bool {
        matches!(self, Leader::Present | Leader::Wounded)
    }
    /// Gone from his army: it fights leaderless.
    pub fn gone(self) -> bool {
        !self.present()
    }
    /// Whether he has met the fate a `Leader` victory condition asks for.
    pub fn meets(self, fate: crate::load::scenario::LeaderFate) -> bool {
        use crate::load::scenario::LeaderFate;
        match fate {
            LeaderFate::Captured => self == Leader::Captured,
            LeaderFate::Killed => self == Leader::Killed,
            LeaderFate::Fallen => self != Leader::Present,
        }
    }
    /// The commander, in the words of the log: "is wounded", "is taken".
    pub fn describe(self) -> &'static str {
        match self {
            Leader::Present => "is with his army",
            Leader::Wounded => "is wounded",
            Leader::Killed => "is killed",
            Leader::Captured => "is taken",
            Leader::Fled => "flees and abandons his army",
        }
    }
}

/// The army's food situation, as a counter shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SupplyStatus {
    Fed,
    Short,
    Starving,
    Thirsty,
}

/// One counter: an army or column under a named commander.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Army {
    pub id: ArmyId,
    pub side: SideId,
    pub hex: Hex,
    pub men: Men,
    pub men_start: u32,
    pub losses: Losses,
    pub porters: u32,
    pub porters_start: u32,
    /// Porters sent home with their loads eaten (Shen Kuo).
    pub porters_home: u32,
    /// Porters who died or fled.
    pub porters_lost: u32,
    pub animals: Animals,
    /// Food with the column, in ge (1/10 sheng).
    pub rations_ge: u64,
    /// Days each soldier carries in his own pack.
    pub pack_days: u32,
    /// Days of water in skins.
    pub water_days: u32,
    pub morale: u32,
    pub fatigue: u32,
    pub siege_engines: u32,
    pub state: ArmyState,
    /// The place it besieges.
    pub besieging: Option<PlaceId>,
    /// Invested closely (besieging) rather than blockaded from a distance.
    pub siege_close: bool,
    /// Direction of its last step (its front), for attacks from the rear.
    pub facing: Option<u8>,
    /// Half-days since it last drew supply (for porters' return rations).
    pub halfdays_out: u32,
    pub days_hungry: u32,
    pub days_thirsty: u32,
    pub moved: bool,
    pub attacked: bool,
    pub forced_today: bool,
    pub status: SupplyStatus,
    /// Cooking fires forbidden (Wang Zhongzheng, 1081): hidden from raiders, sick from raw food.
    pub no_fires: bool,
    /// Days of snow endured while besieging.
    pub snow_days: u32,
    /// Building a fort on its hex, and the man-days of work done so far.
    pub building_fort: bool,
    pub fort_work: u64,
    /// Grain lost to the enemy, in ge: baggage taken in a rout or a surrender, or left behind.
    pub grain_lost_ge: u64,
    /// Its commander: with it, wounded, or gone (killed, taken, fled).
    #[serde(default)]
    pub leader: Leader,
    /// Spare horses (remounts): they die first where there is no grazing.
    #[serde(default)]
    pub spare_horses: u32,
    /// Grain taken by plundering the country (`Plunder`), in ge, all told.
    #[serde(default)]
    pub plundered_ge: u64,
    /// Has enlisted men (`Recruit`) this turn.
    #[serde(default)]
    pub recruited: bool,
}

impl Army {
    pub fn is_active(&self) -> bool {
        !matches!(self.state, ArmyState::Awaiting | ArmyState::Destroyed)
    }
    /// Every man of the column who eats: soldiers and porters.
    pub fn mouths(&self) -> u64 {
        u64::from(self.men.total()) + u64::from(self.porters)
    }
}

/// A city, fort, town or pass.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    pub id: PlaceId,
    /// Its id in the scenario (`zhenrong`), or `fort-<col>-<row>` for a fort built in play.
    pub key: String,
    pub name: String,
    pub kind: crate::load::scenario::PlaceKind,
    /// Men of 15 to 60 who can still be levied here.
    pub levy_men: u32,
    pub hex: Hex,
    pub owner: Option<SideId>,
    pub walls: u8,
    pub stores_ge: u64,
    pub water: bool,
    pub cistern_days: u32,
    /// Days under siege so far.
    pub days_besieged: u32,
    /// Grain brought in by its own side's armies (`Stock`), in ge, all told.
    pub received_ge: u64,
}

impl Place {
    /// Grain in store, in sheng (1 sheng = 10 ge).
    pub fn stores_sheng(&self) -> u64 {
        self.stores_ge / 10
    }
}

/// What has been done to a hex's country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Land {
    /// Share of its forage already gathered, percent.
    pub depleted_pct: u8,
    /// Stripped of forage and its wells spoiled for the rest of the scenario.
    pub scorched: bool,
    /// Days it stays under water after a dike is breached.
    pub flooded_days: u16,
}

/// The whole state of a game.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GameState {
    pub turn: u32,
    pub date: Date,
    pub weather: Weather,
    pub armies: Vec<Army>,
    pub places: Vec<Place>,
    /// Victory points scored by each side so far (conditions met once and kept).
    pub scored: Vec<bool>,
    pub over: Option<Outcome>,
    /// Where the supply of each side was last traced (in supply or not), per army.
    pub in_supply: Vec<bool>,
    /// Forage taken, scorched earth and floods, per hex of the map (row by row).
    pub land: Vec<Land>,
    /// Hexes in a row of `land`.
    pub land_width: i32,
}

/// How a game ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outcome {
    /// The winning side, or None for a draw.
    pub winner: Option<SideId>,
    pub reason: String,
}
