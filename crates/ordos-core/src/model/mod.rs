//! The state of a game and the one way it changes.
//!
//! `GameState` and its parts are plain data, readable by everyone. A `Model` owns the state of a
//! game in progress and hands out only shared references to it: the one way to change it is
//! `Model::apply`, which applies an `Event` (`apply.rs`). No other module can reach the state
//! mutably — the field is private to this module — so "only apply changes state" is checked by
//! the compiler, not kept by convention.

mod apply;
pub mod event;
pub mod state;

use crate::hex::Hex;
use event::Event;
use serde::{Deserialize, Serialize};
use state::{ArmyId, GameState};
use std::sync::OnceLock;

/// The state of a game as it stood at a moment, with how far its random stream had been
/// drawn: enough to go on playing it (a save from before an update whose replay no longer
/// verifies), though not to check it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub state: GameState,
    /// Words drawn from the random stream (a u64: a game draws far fewer than 2^64, and the
    /// save formats cannot write a u128).
    pub luck_drawn: u64,
}

/// The state of a game in progress, changed only by applying events.
#[derive(Clone, Debug)]
pub struct Model {
    state: GameState,
    /// Every army by hex, `(hex, army)` sorted: which armies stand on a hex without a walk over
    /// every army (the AI asks it for each enemy of each army, #19). Built when first asked
    /// for and kept up to date by `apply` as armies change hexes; derived from the state, never
    /// part of it (not hashed, not saved, not compared).
    stacks: OnceLock<Vec<(Hex, ArmyId)>>,
}

impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.state == other.state
    }
}
impl Eq for Model {}

fn stacks_of(state: &GameState) -> Vec<(Hex, ArmyId)> {
    let mut v: Vec<(Hex, ArmyId)> = state.armies.iter().map(|a| (a.hex, a.id)).collect();
    v.sort_unstable();
    v
}

impl Model {
    /// A game at its start.
    pub(crate) fn new(state: GameState) -> Model {
        Model {
            state,
            stacks: OnceLock::new(),
        }
    }

    /// The state, to read.
    pub fn state(&self) -> &GameState {
        &self.state
    }

    /// The active armies on `h`, in id order.
    pub fn armies_at(&self, h: Hex) -> impl Iterator<Item = &state::Army> {
        let stacks = self.stacks.get_or_init(|| stacks_of(&self.state));
        let from = stacks.partition_point(|x| x.0 < h);
        stacks[from..]
            .iter()
            .take_while(move |x| x.0 == h)
            .map(|x| &self.state.armies[usize::from(x.1.0)])
            .filter(|a| a.is_active())
    }

    /// Applies one event: the only change a state ever undergoes.
    pub(crate) fn apply(&mut self, e: &Event) {
        // The events that move an army (the only writes of `Army::hex`, in `apply.rs`).
        let moving = match e {
            Event::Arrived { army, .. }
            | Event::Moved { army, .. }
            | Event::Retreated { army, .. } => Some(*army),
            _ => None,
        };
        let from = moving.map(|a| self.state.armies[usize::from(a.0)].hex);
        apply::apply(&mut self.state, e);
        if let (Some(a), Some(from), Some(stacks)) = (moving, from, self.stacks.get_mut()) {
            let to = self.state.armies[usize::from(a.0)].hex;
            if let Ok(i) = stacks.binary_search(&(from, a)) {
                stacks.remove(i);
            }
            let j = stacks.partition_point(|x| *x < (to, a));
            stacks.insert(j, (to, a));
        }
        // The unit tests play whole games (`play::sim`'s tests): every event checks the index
        // against a fresh one.
        #[cfg(test)]
        if let Some(stacks) = self.stacks.get() {
            assert_eq!(*stacks, stacks_of(&self.state), "hex index after {e:?}");
        }
    }
}
