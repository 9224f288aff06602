//! Replays: every game recorded as (scenario, seed, orders turn by turn, state hash after each
//! turn). Verifying a replay re-simulates it and checks every hash.

use crate::game::Game;
use crate::order::Order;
use crate::scenario::Scenario;
use crate::state::SideId;
use serde::{Deserialize, Serialize};

/// One turn of a recorded game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    /// Orders in the order they were given, each with the side that gave it.
    pub orders: Vec<(SideId, Order)>,
    /// `state_hash()` after the turn ended, in hex.
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replay {
    pub format: u32,
    pub scenario: String,
    /// `Scenario::content_hash`, in hex: a replay only verifies against the same scenario.
    pub scenario_hash: String,
    pub seed: u64,
    pub turns: Vec<TurnRecord>,
}

pub const REPLAY_FORMAT: u32 = 1;

/// Why a replay does not verify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the replay is for scenario `{found}`, not `{expected}`")]
    WrongScenario { expected: String, found: String },
    #[error("the scenario `{0}` has changed since this game was recorded (content hash differs)")]
    ScenarioChanged(String),
    #[error("replay format {0} is not supported (expected {REPLAY_FORMAT})")]
    Format(u32),
    #[error("turn {turn}: order {index} was refused on replay: {reason}")]
    OrderRefused {
        turn: u32,
        index: usize,
        reason: String,
    },
    #[error("turn {turn}: state differs (recorded {recorded}, replayed {replayed})")]
    Diverged {
        turn: u32,
        recorded: String,
        replayed: String,
    },
    #[error("the game ended at turn {0}, before the replay did")]
    EndedEarly(u32),
}

pub fn hex_hash(h: u64) -> String {
    format!("{h:016x}")
}

impl Replay {
    pub fn new(scenario: &Scenario, seed: u64) -> Replay {
        Replay {
            format: REPLAY_FORMAT,
            scenario: scenario.id.clone(),
            scenario_hash: hex_hash(scenario.content_hash()),
            seed,
            turns: Vec::new(),
        }
    }

    /// Re-plays the game, checking each turn's hash. Returns the number of turns verified.
    pub fn verify(&self, scenario: &Scenario) -> Result<usize, ReplayError> {
        self.resume(scenario, |_| {}).map(|_| self.turns.len())
    }

    /// Re-plays the game, checking each turn's hash, and returns it as it stands after the
    /// last recorded turn; `after_turn` sees the game at the end of every turn.
    pub fn resume(
        &self,
        scenario: &Scenario,
        mut after_turn: impl FnMut(&Game),
    ) -> Result<Game, ReplayError> {
        if self.format != REPLAY_FORMAT {
            return Err(ReplayError::Format(self.format));
        }
        if self.scenario != scenario.id {
            return Err(ReplayError::WrongScenario {
                expected: scenario.id.clone(),
                found: self.scenario.clone(),
            });
        }
        if self.scenario_hash != hex_hash(scenario.content_hash()) {
            return Err(ReplayError::ScenarioChanged(scenario.id.clone()));
        }
        let mut game = Game::new(scenario.clone(), self.seed);
        for t in &self.turns {
            if game.is_over() {
                return Err(ReplayError::EndedEarly(game.state.turn));
            }
            for (index, (side, order)) in t.orders.iter().enumerate() {
                game.submit(*side, order)
                    .map_err(|e| ReplayError::OrderRefused {
                        turn: t.turn,
                        index,
                        reason: e.to_string(),
                    })?;
            }
            game.end_turn();
            let replayed = hex_hash(game.state_hash());
            if replayed != t.hash {
                return Err(ReplayError::Diverged {
                    turn: t.turn,
                    recorded: t.hash.clone(),
                    replayed,
                });
            }
            after_turn(&game);
        }
        Ok(game)
    }
}

/// A game saved part-way through a turn: the replay of the turns played, the orders already
/// given in the turn in progress, whose part of the turn it is, and who commands each side.
/// Loading it re-plays the game, so a save is as trustworthy as a replay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedGame {
    pub replay: Replay,
    /// Orders given so far in the turn in progress.
    pub pending: Vec<(SideId, Order)>,
    /// Index into the scenario's turn order of the side to give orders next.
    pub acting: usize,
    /// Per side: `human`, or a controller name (`ai`, `historical`, ...).
    pub control: Vec<String>,
}

impl SavedGame {
    /// Re-plays the saved game: the finished turns (each checked against its hash), then the
    /// orders of the turn in progress.
    pub fn resume(
        &self,
        scenario: &Scenario,
        after_turn: impl FnMut(&Game),
    ) -> Result<Game, ReplayError> {
        let mut game = self.replay.resume(scenario, after_turn)?;
        let turn = game.state.turn;
        for (index, (side, order)) in self.pending.iter().enumerate() {
            game.submit(*side, order)
                .map_err(|e| ReplayError::OrderRefused {
                    turn,
                    index,
                    reason: e.to_string(),
                })?;
        }
        Ok(game)
    }
}
