//! Rule tables: terrain, arms, supply, combat and climate. All of it is data, read from RON under
//! `assets/rules/` (compiled in as the defaults) and overridable by a scenario.

use crate::calendar::Season;
use serde::{Deserialize, Serialize};

/// How a river runs through a terrain type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum RiverKind {
    #[default]
    None,
    /// Fordable everywhere, but an army standing in it is caught fording.
    Minor,
    /// The Yellow River: a barrier except at fords and ferries, or when frozen.
    Major,
}

/// A value for each season.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct BySeason {
    pub spring: u32,
    pub summer: u32,
    pub autumn: u32,
    pub winter: u32,
}

impl BySeason {
    pub fn get(&self, s: Season) -> u32 {
        match s {
            Season::Spring => self.spring,
            Season::Summer => self.summer,
            Season::Autumn => self.autumn,
            Season::Winter => self.winter,
        }
    }
}

/// A value for foot and for horse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ByMobility {
    pub foot: u32,
    pub horse: u32,
}

/// One kind of country.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TerrainType {
    pub id: String,
    pub name: String,
    /// Whether armies may enter at all (a major river is impassable but at fords or when frozen).
    pub passable: bool,
    /// Cost of crossing one hex as a percentage of flat open country.
    pub move_cost_pct: ByMobility,
    /// Defender's strength here, percent.
    pub defense_pct: u32,
    /// Effectiveness of cavalry fighting here, percent.
    pub horse_combat_pct: u32,
    /// Whether the country gives water (rivers, streams, springs in the valley floor).
    pub water: bool,
    #[serde(default)]
    pub river: RiverKind,
    /// Broken or wooded ground where an army can lie hidden.
    pub cover: bool,
    /// Trees for siege engines.
    pub timber: bool,
    /// Grazing for horses and pack animals.
    pub grazing: bool,
    /// Low ground that a breached dike floods.
    #[serde(default)]
    pub low: bool,
    /// Grain an army can gather here, in ge (1/10 sheng) per man per day, by season.
    pub forage_ge: BySeason,
}

/// The arms an army is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Arm {
    Foot,
    Crossbow,
    LightHorse,
    HeavyHorse,
}

impl Arm {
    pub const ALL: [Arm; 4] = [Arm::Foot, Arm::Crossbow, Arm::LightHorse, Arm::HeavyHorse];
}

/// What one arm is worth and how fast it goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArmStats {
    pub name: String,
    pub mounted: bool,
    /// Fighting value per man attacking (foot = 10).
    pub attack: u32,
    /// Fighting value per man defending.
    pub defense: u32,
    /// Ordinary march, li a day (a Song li is about 550 m).
    pub march_li: u32,
    /// Forced march, li a day.
    pub forced_li: u32,
    /// Fighting value in rain or snow, percent (the iron hawks, strapped into their saddles,
    /// avoided battle in rain or snow).
    pub wet_pct: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArmTable {
    pub foot: ArmStats,
    pub crossbow: ArmStats,
    pub light_horse: ArmStats,
    pub heavy_horse: ArmStats,
    /// Porters march at this pace.
    pub porter_march_li: u32,
    pub porter_forced_li: u32,
}

impl ArmTable {
    pub fn get(&self, arm: Arm) -> &ArmStats {
        match arm {
            Arm::Foot => &self.foot,
            Arm::Crossbow => &self.crossbow,
            Arm::LightHorse => &self.light_horse,
            Arm::HeavyHorse => &self.heavy_horse,
        }
    }
}

/// Rations, porters, water and attrition (logistics.md; Shen Kuo, Mengxi bitan ch. 11).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SupplyRules {
    /// Every man, porter or soldier, eats 2 sheng a day (Shen Kuo).
    pub ration_sheng_per_man_day: u32,
    /// A soldier carries his own 5 days of dry rations (Shen Kuo).
    pub soldier_pack_days: u32,
    /// Song horsemen and Xia armies carried about 10 days.
    pub horseman_pack_days: u32,
    /// A porter carries 6 dou = 60 sheng (Shen Kuo).
    pub porter_load_sheng: u32,
    /// Food a dismissed porter takes home, as a percentage of the days he marched out
    /// (Shen Kuo: after 8 days out he goes home with 6 days' food).
    pub porter_return_pct: u32,
    /// Pack loads in sheng: a camel 3 shi, a horse or mule 1.5 shi, a donkey 1 shi.
    pub camel_load_sheng: u32,
    pub horse_load_sheng: u32,
    pub donkey_load_sheng: u32,
    /// Pack animals die where there is no grazing, per million a day.
    pub animal_death_no_grazing_ppm: u32,
    /// Days of water an army carries in skins and jars.
    pub water_carried_days: u32,
    /// Men lost a day without food (after the first day), per million.
    pub hunger_ppm: u32,
    /// Men lost a day without water, per million: far faster than hunger.
    pub thirst_ppm: u32,
    /// Men lost a day to cold in winter without shelter, per million; tripled in snow.
    pub cold_ppm: u32,
    /// Baseline loss of any army in the field, per million a day: with the cold of two winters,
    /// Yuanhao lost half his soldiers to attrition in two years (1040–1042).
    pub field_disease_ppm: u32,
    /// Men who desert a day when morale is broken or hunger long, per million.
    pub desertion_ppm: u32,
    /// Stragglers lost on a day of forced march, per million.
    pub straggler_ppm: u32,
    /// How far (in li of march) an army can be from a friendly city or fort and still draw on it.
    pub supply_reach_li: u32,
    /// Morale change a day: hungry, thirsty, cold, at rest in supply.
    pub morale_hungry: i32,
    pub morale_thirsty: i32,
    pub morale_cold: i32,
    pub morale_rest: i32,
    /// Fatigue: forced march adds, ordinary march adds, rest removes.
    pub fatigue_forced: i32,
    pub fatigue_march: i32,
    pub fatigue_rest: i32,
    /// Below this morale an army's men desert.
    pub desertion_morale: u32,
    /// Man-days of foraging that strip a hex bare.
    pub forage_exhaust_man_days: u32,
    /// Disease multiplier for an army forbidden to cook (Wang Zhongzheng, 1081: "His troops became
    /// ill from their uncooked food").
    pub uncooked_disease_factor: u32,
    /// Of the men levied, the share that become soldiers; the rest carry (Xia: "every two adult
    /// Tangut men gave one soldier and one porter").
    pub levy_soldier_pct: u32,
    /// Man-days of labour and grain (sheng) a fort costs; the Song built 40 in 1097–99.
    pub fort_man_days: u64,
    pub fort_grain_sheng: u64,
    /// Walls of a fort built in play.
    pub fort_walls: u8,
    /// A breached dike floods low country this many hexes around, for this many days, drowning
    /// this many men per million a day of an army caught there (Lingzhou, 21 December 1081).
    pub flood_radius: u32,
    pub flood_days: u16,
    pub flood_drown_ppm: u32,
    /// Men drowned, per million, each time an army crosses the Yellow River at a ford or on the ice.
    pub crossing_drown_ppm: u32,
    /// Of a routed army's baggage, the share its victor takes (Puluo River 996: a Song convoy taken
    /// by Xia raiders); a surrendering army gives up all of it.
    pub rout_baggage_pct: u32,
    /// `Recruit`: men of the country an army in a friendly place enlists a day, and the grain
    /// (sheng) each is paid from the place's stores (Yinzhou 985: "captured large amounts of
    /// supply, allowing him to increase his following").
    pub recruit_per_day: u32,
    pub recruit_bounty_sheng: u32,
    /// Horses (spare ones first, then the horsemen's own) that die a day where there is no
    /// grazing, per million (Helan 1044: the Liao horses starved in the burned country).
    pub horse_death_no_grazing_ppm: u32,
    /// Men lost to straggling on a march by night, per million (Tong'an 1119: "the remaining
    /// falling back during the night").
    pub night_march_straggler_ppm: u32,
    /// `Plunder` takes the grain of this many days of the country's forage, and scorches it.
    pub plunder_days: u32,
}

/// Battle (data for `combat.rs`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CombatRules {
    /// Share of the engaged men the loser of an even day's fight loses, per million.
    pub base_loss_ppm: u32,
    /// Outcomes of the die: luck percentage for each face (the die has as many faces as entries).
    pub luck_pct: Vec<u32>,
    /// Ambush: attacker's strength percent and defender's morale loss.
    pub surprise_pct: u32,
    pub surprise_morale: u32,
    /// Each further direction the defender is attacked from adds this percent.
    pub flank_pct: u32,
    /// An attack from the defender's rear adds this percent.
    pub rear_pct: u32,
    /// An army caught fording a river fights at this percent.
    pub fording_pct: u32,
    /// Walls multiply the garrison's strength by level (0 = none, 1 = town, 2 = fort, 3 = city).
    pub walls_pct: Vec<u32>,
    /// With siege engines, walls count only this percent of their value.
    pub engines_walls_pct: u32,
    /// Engines needed per 1,000 assaulting men for the full effect.
    pub engines_per_thousand: u32,
    /// Fortified (entrenched) armies' defence, percent.
    pub fortified_pct: u32,
    /// Starving or thirsty armies fight at this percent.
    pub hungry_pct: u32,
    pub thirsty_pct: u32,
    /// Morale lost per 1% of men lost in a battle.
    pub morale_per_loss_pct: u32,
    /// The loser retreats below this morale, routs below the next.
    pub retreat_morale: u32,
    pub rout_morale: u32,
    /// Of the men a routed army loses in the pursuit, per million of its strength; captured.
    pub rout_capture_ppm: u32,
    /// Of battle losses, the share killed (percent); the rest are wounded.
    pub killed_pct: u32,
    /// A routed army fights at this percent.
    pub routed_pct: u32,
    /// A besieging army builds this many engines a day per 10,000 men where there is timber.
    pub engines_per_10000_men_day: u32,
    /// A sortie from the walls against besiegers strikes with surprise (Wang Wenyu's night attack,
    /// Lanzhou 1083).
    pub sortie_surprise: bool,
    /// A garrison surrenders after this many days starving, or this many days without water.
    pub surrender_hungry_days: u32,
    pub surrender_thirsty_days: u32,
    /// A besieger that has starved this many days lifts the siege (Lanzhou 1084).
    pub lift_siege_hungry_days: u32,
    /// A besieger that has endured this many days of snow lifts the siege (Yanzhou 1040).
    pub lift_siege_snow_days: u32,
    /// An army hauling siege engines marches at this percent of its pace.
    pub engines_march_pct: u32,
    /// Leaders who fall. After a battle an army's commander is hit (wounded or killed) with a
    /// chance, per million, of `leader_hit_ppm` plus `leader_hit_ppm_per_loss_pct` for each 1% of
    /// its men lost; of those hit, `leader_killed_pct` are killed. In a rout he is taken with a
    /// chance of `leader_rout_capture_pct`; in a surrender he always is.
    pub leader_hit_ppm: u32,
    pub leader_hit_ppm_per_loss_pct: u32,
    pub leader_killed_pct: u32,
    pub leader_rout_capture_pct: u32,
    /// Morale a commander's fall costs his army.
    pub leader_fall_morale: u32,
    /// Morale a ruler's fall costs every army of his side.
    pub ruler_fall_morale: u32,
    /// An army whose commander is killed, taken or fled fights at this percent.
    pub leaderless_pct: u32,
    /// Morale a commander who runs costs his army (Dingchuan 1042, Ge Huaimin).
    pub leader_flees_morale: u32,
    /// A defender higher than its attacker: this percent more strength per 100 m above it, up
    /// to `height_defense_max_pct` (Pingxia 1098: the Song on their high ground).
    pub height_defense_pct: u32,
    pub height_defense_max_pct: u32,
    /// Fatigue a night attack costs the attacker.
    pub night_attack_fatigue: u32,
    /// In a gale (`Wind`), this percent of the siege engines in the open are wrecked a day, and
    /// crossbowmen fight at `wind_crossbow_pct`.
    pub wind_engines_lost_pct: u32,
    pub wind_crossbow_pct: u32,
}

/// Weather and season for the region, by month.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Climate {
    /// Chance in percent of rain, snow and heat on a day, for each month (index 0 = January).
    pub rain_pct: Vec<u32>,
    pub snow_pct: Vec<u32>,
    pub heat_pct: Vec<u32>,
    /// Chance in percent of a gale (`Wind`) on a day, for each month.
    pub wind_pct: Vec<u32>,
    /// Months (1–12) in which the Yellow River is frozen and can be crossed on the ice.
    pub river_frozen_months: Vec<u8>,
}

/// Everything the rules read from data.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rules {
    pub terrain: Vec<TerrainType>,
    pub arms: ArmTable,
    pub supply: SupplyRules,
    pub combat: CombatRules,
    pub climate: Climate,
}

pub const TERRAIN_RON: &str = include_str!("../../../../assets/rules/terrain.ron");
pub const ARMS_RON: &str = include_str!("../../../../assets/rules/arms.ron");
pub const SUPPLY_RON: &str = include_str!("../../../../assets/rules/supply.ron");
pub const COMBAT_RON: &str = include_str!("../../../../assets/rules/combat.ron");
pub const CLIMATE_RON: &str = include_str!("../../../../assets/rules/climate.ron");

impl Rules {
    /// The shipped rule tables. These are checked by tests, so a broken table cannot land.
    pub fn standard() -> Rules {
        Rules {
            terrain: parse_table("assets/rules/terrain.ron", TERRAIN_RON),
            arms: parse_table("assets/rules/arms.ron", ARMS_RON),
            supply: parse_table("assets/rules/supply.ron", SUPPLY_RON),
            combat: parse_table("assets/rules/combat.ron", COMBAT_RON),
            climate: parse_table("assets/rules/climate.ron", CLIMATE_RON),
        }
    }

    pub fn terrain_index(&self, id: &str) -> Option<usize> {
        self.terrain.iter().position(|t| t.id == id)
    }
}

fn parse_table<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> T {
    match ron::from_str(text) {
        Ok(t) => t,
        // The tables are compiled in and tested; reaching this is a build defect, not bad input.
        Err(e) => panic!(
            "{file}:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_tables_parse_and_name_every_terrain_once() {
        let rules = Rules::standard();
        let mut ids: Vec<_> = rules.terrain.iter().map(|t| t.id.clone()).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len(), "terrain ids repeat");
        for needed in [
            "steppe",
            "desert",
            "loess-hills",
            "mountains",
            "river-valley",
            "irrigated-plain",
            "marsh",
            "forest",
            "yellow-river",
        ] {
            assert!(rules.terrain_index(needed).is_some(), "missing {needed}");
        }
        assert!(!rules.combat.luck_pct.is_empty());
        assert_eq!(rules.combat.walls_pct.len(), 4);
        let c = &rules.climate;
        assert!(
            [&c.rain_pct, &c.snow_pct, &c.heat_pct, &c.wind_pct]
                .iter()
                .all(|m| m.len() == 12)
        );
        for m in 0..12 {
            assert!(
                c.rain_pct[m] + c.snow_pct[m] + c.heat_pct[m] + c.wind_pct[m] <= 100,
                "month {} over 100%",
                m + 1
            );
        }
    }
}
