//! The rules of war on the frontier, one module per family, each a set of functions that take
//! what they read and return (emit) events. A rule reads the narrow views of the game it needs
//! (`game::view`: `Ground`, `Forces`, `World`, `Paths`) and the rule tables, or only plain values;
//! a rule that changes the game takes an `Act` (the views, the one random stream and `emit`). No
//! rule module names `Game` (`tests/layers.rs` checks it). The turn's flow (`turn`) calls them;
//! they never call it.
//!
//! For the shell, the AI and the tools, which hold a whole `Game`, the rules' answers are also
//! `Game` methods, below: each one line that hands the rule what it reads.

pub mod combat;
pub mod command;
pub mod country;
pub mod horses;
pub mod march;
pub mod night;
pub mod plunder;
pub mod recruit;
pub mod search;
pub mod siege;
pub mod supply;
pub mod victory;
pub mod weather;

use crate::calendar::Season;
use crate::game::Game;
use crate::hex::Hex;
use crate::model::state::{Army, ArmyId, Place, PlaceId, SideId};
use crate::order::OrderError;

/// What the game's marches go at (`march::Pace`): its rule tables and its turn's length.
fn pace(g: &Game) -> march::Pace<'_> {
    march::Pace {
        rules: g.rules(),
        turn_days: g.scenario().turn_days,
    }
}

/// Points each side has scored so far (`victory::points`).
pub fn points_by_side(g: &Game) -> Vec<u32> {
    victory::points(g.scenario(), &g.state().scored)
}

impl Game {
    /// `combat::defending_stack`.
    pub fn defending_stack(&self, def: &Army) -> Vec<ArmyId> {
        combat::defending_stack(self.forces(), def)
    }
    /// `combat::odds`.
    pub fn odds(&self, attacker: ArmyId, defender: ArmyId, surprise: bool) -> combat::Odds {
        combat::odds(&self.world(), attacker, defender, surprise)
    }
    /// `march::march_field_toward`.
    pub fn march_field_toward(&self, army: &Army, goals: &[Hex]) -> march::MarchField {
        march::march_field_toward(&self.paths(), army, goals)
    }
    /// `march::nearest_of`.
    pub fn nearest_of(&self, army: &Army, goals: &[Hex]) -> Option<(Hex, u32, Vec<Hex>)> {
        march::nearest_of(&self.paths(), army, goals)
    }
    /// `march::Pace::allowance_li`.
    pub fn allowance_li(&self, army: &Army, forced: bool) -> u32 {
        pace(self).allowance_li(army, forced)
    }
    /// `march::step_cost_m`.
    pub fn step_cost_m(&self, army: &Army, to: Hex) -> Result<u32, OrderError> {
        march::step_cost_m(&self.paths(), army, to)
    }
    /// `march::find_path`.
    pub fn find_path(&self, army: &Army, goal: Hex) -> Option<Vec<Hex>> {
        march::find_path(&self.paths(), army, goal)
    }
    /// `march::march_field`.
    pub fn march_field(&self, army: &Army) -> march::MarchField {
        march::march_field(&self.paths(), army)
    }
    /// `march::reachable`.
    pub fn reachable(&self, army: &Army, forced: bool) -> Vec<(Hex, u32)> {
        march::reachable(&self.paths(), pace(self), army, forced)
    }
    /// `march::march_forecast`.
    pub fn march_forecast(
        &self,
        army: &Army,
        goal: Hex,
        forced: bool,
    ) -> Option<march::MarchForecast> {
        march::march_forecast(&self.paths(), pace(self), army, goal, forced)
    }
    /// `march::truncate_to_turn`.
    pub fn truncate_to_turn(&self, army: &Army, path: &[Hex], forced: bool) -> Vec<Hex> {
        march::truncate_to_turn(&self.paths(), pace(self), army, path, forced)
    }
    /// `night::night_path`.
    pub fn night_path(&self, army: &Army, goal: Hex) -> Option<Vec<Hex>> {
        night::night_path(&self.paths(), army, goal)
    }
    /// `night::truncate_to_night`.
    pub fn truncate_to_night(&self, army: &Army, path: &[Hex]) -> Vec<Hex> {
        night::truncate_to_night(&self.paths(), pace(self), army, path)
    }
    /// `plunder::plunder_ge`.
    pub fn plunder_ge(&self, army: &Army) -> u64 {
        plunder::plunder_ge(&self.world(), army)
    }
    /// `recruit::recruits`.
    pub fn recruits(&self, place: &Place) -> u32 {
        recruit::recruits(&self.rules().supply, self.scenario().turn_days, place)
    }
    /// `supply::food_days`.
    pub fn food_days(&self, a: &Army) -> u64 {
        supply::food_days(self.rules(), a)
    }
    /// `supply::supply_source`.
    pub fn supply_source(&self, army: &Army) -> Option<PlaceId> {
        supply::supply_source(&self.paths(), self.rules(), army)
    }
    /// `supply::supply_zone`.
    pub fn supply_zone(&self, side: SideId) -> Vec<bool> {
        supply::supply_zone(&self.paths(), self.rules(), side)
    }
    /// `supply::has_water`.
    pub fn has_water(&self, army: &Army) -> bool {
        supply::has_water(self.ground(), self.forces(), army)
    }
    /// `supply::place_food_days`.
    pub fn place_food_days(&self, p: PlaceId) -> u64 {
        supply::place_food_days(self.forces(), self.rules(), p)
    }
    /// `supply::water_near`.
    pub fn water_near(&self, h: Hex) -> bool {
        supply::water_near(self.ground(), self.forces(), h)
    }
    /// `supply::forage_ge`.
    pub fn forage_ge(&self, army: &Army, season: Season) -> u64 {
        supply::forage_ge(self.ground(), army, season)
    }
    /// `supply::forage_per_man_ge`.
    pub fn forage_per_man_ge(&self, h: Hex, season: Season) -> u64 {
        supply::forage_per_man_ge(self.ground(), h, season)
    }
    /// `supply::forage_share_pct`.
    pub fn forage_share_pct(&self, h: Hex, season: Season) -> u64 {
        supply::forage_share_pct(self.ground(), self.rules(), h, season)
    }
}
