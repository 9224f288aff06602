//! Who gives a side its orders: the one thing every controller does. The kinds there are —
//! idle, the accounts' orders, the AI — are in `kinds`.

use crate::calendar::Date;
use crate::game::Game;
use crate::model::state::{ArmyId, SideId};
use crate::order::Order;

/// An order of the accounts that the rules refused when its day came, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub date: Date,
    pub army: ArmyId,
    /// Its index in the scenario's `historical` list.
    pub order: usize,
    pub reason: String,
}

/// Gives orders for one side. Called repeatedly in a turn until it has nothing more to say,
/// so it can react to what its earlier orders caused (an ambush, a retreat).
pub trait Controller: Send + Sync {
    fn orders(&mut self, game: &Game, side: SideId) -> Vec<Order>;
    /// Orders it meant to give that the rules refused (the historical controller's record of
    /// the accounts' orders that could not be carried out); none for the others.
    fn refusals(&self) -> &[Refusal] {
        &[]
    }
}

pub struct Idle;

impl Controller for Idle {
    fn orders(&mut self, _: &Game, _: SideId) -> Vec<Order> {
        Vec::new()
    }
}
