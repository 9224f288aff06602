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

use event::Event;
use serde::{Deserialize, Serialize};
use state::GameState;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    state: GameState,
}

impl Model {
    /// A game at its start.
    pub(crate) fn new(state: GameState) -> Model {
        Model { state }
    }

    /// The state, to read.
    pub fn state(&self) -> &GameState {
        &self.state
    }

    /// Applies one event: the only change a state ever undergoes.
    pub(crate) fn apply(&mut self, e: &Event) {
        apply::apply(&mut self.state, e);
    }
}
