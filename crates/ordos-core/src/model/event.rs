//! Every change of state is an event: the UI animates them, the log shows them, replays check them.

use crate::calendar::Date;
use crate::hex::Hex;
use crate::load::scenario::Weather;
use crate::model::state::{
    ArmyId, ArmyState, Cause, Leader, Losses, PlaceId, SideId, SupplyStatus,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BattleResult {
    /// Both stand.
    Indecisive,
    DefenderRetreats,
    DefenderRouted,
    AttackerRepulsed,
    AttackerRouted,
    /// The walls were stormed.
    PlaceStormed,
}

/// What made a battle what it was, for the result panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct BattleFactors {
    pub surprise: bool,
    pub flank_directions: u32,
    pub rear: bool,
    pub walls: u8,
    pub attacker_fording: bool,
    pub defender_fording: bool,
    pub wet: bool,
    /// Metres the defender stood above its attacker (0 if not above it).
    #[serde(default)]
    pub defender_above_m: u32,
    /// A gale blew: crossbowmen shot badly.
    #[serde(default)]
    pub wind: bool,
}

/// Another army of the defending stack, and what the fight cost it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Support {
    pub army: ArmyId,
    pub losses: Losses,
    pub morale: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Event {
    TurnBegan {
        turn: u32,
        date: Date,
    },
    Arrived {
        army: ArmyId,
        hex: Hex,
    },
    Moved {
        army: ArmyId,
        from: Hex,
        to: Hex,
        steps: u32,
        metres: u32,
        forced: bool,
        facing: Option<u8>,
    },
    Ambushed {
        army: ArmyId,
        hex: Hex,
        by: Vec<ArmyId>,
    },
    StateChanged {
        army: ArmyId,
        state: ArmyState,
    },
    Battle {
        attacker: ArmyId,
        defender: ArmyId,
        hex: Hex,
        attacker_strength: u64,
        defender_strength: u64,
        die: u32,
        attacker_losses: Losses,
        defender_losses: Losses,
        attacker_morale: u32,
        defender_morale: u32,
        result: BattleResult,
        factors: BattleFactors,
        /// The other armies on the defender's hex, who fought beside it.
        supporting: Vec<Support>,
    },
    Retreated {
        army: ArmyId,
        from: Hex,
        to: Hex,
    },
    Surrendered {
        army: ArmyId,
        men: u32,
    },
    Destroyed {
        army: ArmyId,
    },
    PlaceCaptured {
        place: PlaceId,
        side: SideId,
        stores_ge: u64,
    },
    SiegeBegun {
        army: ArmyId,
        place: PlaceId,
        close: bool,
    },
    SiegeLifted {
        army: ArmyId,
        place: PlaceId,
        reason: String,
    },
    EnginesBuilt {
        army: ArmyId,
        engines: u32,
    },
    Attrition {
        army: ArmyId,
        hex: Hex,
        cause: Cause,
        men: u32,
        porters: u32,
    },
    PortersSentHome {
        army: ArmyId,
        porters: u32,
        ge: u64,
    },
    AnimalsDied {
        army: ArmyId,
        camels: u32,
        horses: u32,
        donkeys: u32,
    },
    /// The day's supply: food and water with the column afterwards.
    Provisioned {
        army: ArmyId,
        /// Where it foraged, and how much of that hex's forage is now gone.
        hex: Hex,
        depleted_pct: u8,
        drawn_ge: u64,
        from: Option<PlaceId>,
        foraged_ge: u64,
        eaten_ge: u64,
        rations_ge: u64,
        water_days: u32,
        halfdays_out: u32,
        days_hungry: u32,
        days_thirsty: u32,
        status: SupplyStatus,
        in_supply: bool,
    },
    /// A place's stores and water after the day.
    PlaceProvisioned {
        place: PlaceId,
        stores_ge: u64,
        cistern_days: u32,
        days_besieged: u32,
    },
    Spirits {
        army: ArmyId,
        morale: u32,
        fatigue: u32,
    },
    Weather {
        date: Date,
        weather: Weather,
    },
    Chronicle {
        date: Date,
        text: String,
    },
    ConditionMet {
        side: SideId,
        condition: u32,
        points: u32,
        text: String,
    },
    GameOver {
        winner: Option<SideId>,
        reason: String,
    },
    DayEnded {
        date: Date,
    },
    /// Scorched earth: forage and wells destroyed for the rest of the scenario.
    Scorched {
        army: ArmyId,
        hexes: Vec<Hex>,
    },
    /// A place's wells cut or poisoned.
    WaterCut {
        army: ArmyId,
        place: PlaceId,
    },
    /// Cooking fires forbidden or allowed again.
    Fires {
        army: ArmyId,
        allowed: bool,
    },
    FortBegun {
        army: ArmyId,
    },
    /// Man-days of work on the fort so far.
    FortWork {
        army: ArmyId,
        man_days: u64,
    },
    FortBuilt {
        army: ArmyId,
        place: PlaceId,
        key: String,
        name: String,
        hex: Hex,
        side: SideId,
        walls: u8,
        water: bool,
        grain_ge: u64,
    },
    /// A dike breached: these hexes are under water for `days`.
    Flooded {
        army: ArmyId,
        hexes: Vec<Hex>,
        days: u16,
    },
    /// Every flood goes down by a day.
    FloodsEbb,
    EnginesLost {
        army: ArmyId,
        engines: u32,
    },
    Levied {
        army: ArmyId,
        place: PlaceId,
        soldiers: u32,
        porters: u32,
        ge: u64,
    },
    /// Grain handed from one army to another: a convoy's delivery, or baggage taken in a rout
    /// (`to` None: lost).
    Grain {
        from: ArmyId,
        to: Option<ArmyId>,
        ge: u64,
        taken: bool,
    },
    SnowDays {
        army: ArmyId,
        days: u32,
    },
    Stocked {
        army: ArmyId,
        place: PlaceId,
        ge: u64,
    },
    /// The army's commander is wounded, killed, taken or runs (`fate`).
    LeaderFell {
        army: ArmyId,
        fate: Leader,
    },
    /// Men of the country enlisted at a friendly place, each paid from its stores (the grain,
    /// `ge`, goes with them into the army's rations).
    Recruited {
        army: ArmyId,
        place: PlaceId,
        men: u32,
        ge: u64,
    },
    /// Horses dead for want of grazing: spare ones, and those of light and heavy horsemen, who
    /// go on foot.
    Dismounted {
        army: ArmyId,
        light: u32,
        heavy: u32,
        spare: u32,
    },
    /// The country around an army plundered: its grain taken (`ge`), the hexes left scorched.
    Plundered {
        army: ArmyId,
        hexes: Vec<Hex>,
        ge: u64,
    },
}
