//! Replays: every game recorded as (scenario, rules, seed, orders turn by turn, state hash
//! after each turn), sealed with a hash over the record itself. Verifying a replay checks the
//! record — the scenario and rules it names, turns numbered in sequence, its own hash — and
//! re-simulates it, checking every turn's state and that the game ends where the record says.

use crate::game::Game;
use crate::load::Setup;
use crate::model::Snapshot;
use crate::model::state::SideId;
use crate::order::Order;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The version of the rules' code. It changes whenever a change to the rules changes games
/// (the golden hash of `tests/golden.rs` with it): a replay recorded under other rules is
/// refused with both versions named, not as a state that differs.
pub const RULES_VERSION: u32 = 2;

/// The format of replay files. Format 1 (round 1) had no rules stamp and no seal.
pub const REPLAY_FORMAT: u32 = 2;

/// One turn of a recorded game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    /// Orders in the order they were given, each with the side that gave it.
    pub orders: Vec<(SideId, Order)>,
    /// `state_hash()` after the turn ended, in hex.
    pub hash: String,
}

/// The rules a game was played under: the version of their code and a hash of the standard
/// rule tables (a scenario's own overrides are in its content hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RulesStamp {
    pub version: u32,
    pub tables: String,
}

impl RulesStamp {
    /// The rules of this build (worked out once).
    pub fn current() -> RulesStamp {
        static CURRENT: std::sync::OnceLock<RulesStamp> = std::sync::OnceLock::new();
        CURRENT
            .get_or_init(|| {
                let tables =
                    ron::to_string(&crate::load::tables::Rules::standard()).unwrap_or_default();
                RulesStamp {
                    version: RULES_VERSION,
                    tables: hex_hash(crate::hash::fnv1a(tables.as_bytes())),
                }
            })
            .clone()
    }
}

impl std::fmt::Display for RulesStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.version == 0 {
            return write!(f, "rules of round 1 (unstamped)");
        }
        write!(f, "rules v{} (tables {})", self.version, self.tables)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replay {
    pub format: u32,
    pub scenario: String,
    /// `Setup::content_hash`, in hex: a replay only verifies against the same scenario.
    pub scenario_hash: String,
    #[serde(default)]
    pub rules: RulesStamp,
    pub seed: u64,
    pub turns: Vec<TurnRecord>,
    /// The record runs to the game's end. A game in progress (an autosave) or the part of a
    /// replay someone took command at is partial.
    #[serde(default)]
    pub complete: bool,
    /// A hash over the record itself (`seal`): an edited order that happens to change nothing
    /// in the game is still found.
    #[serde(default)]
    pub record_hash: String,
}

/// Why a replay does not verify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the replay is for scenario `{found}`, not `{expected}`")]
    WrongScenario { expected: String, found: String },
    #[error("the scenario `{0}` has changed since this game was recorded (content hash differs)")]
    ScenarioChanged(String),
    #[error(
        "replay format {0} is not supported: this version of Ordos reads format {REPLAY_FORMAT} (a format-1 replay was recorded by the first release, under other rules)"
    )]
    Format(u32),
    #[error(
        "recorded under other rules: {recorded}; this game plays {current}. A replay can only be verified under the rules it was played by"
    )]
    RulesChanged { recorded: String, current: String },
    #[error("turn {found} is recorded where turn {expected} should be: the record is out of order")]
    TurnOutOfSequence { expected: u32, found: u32 },
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
    #[error(
        "the replay says it runs to the game's end, but after its {0} turns the game goes on: turns are missing"
    )]
    Unfinished(usize),
    #[error(
        "the record has been edited: its own hash differs (every turn replays, but the file is not the one written)"
    )]
    Edited,
}

pub fn hex_hash(h: u64) -> String {
    format!("{h:016x}")
}

impl Replay {
    pub fn new(setup: &Setup, seed: u64) -> Replay {
        Replay {
            format: REPLAY_FORMAT,
            scenario: setup.scenario.id.clone(),
            scenario_hash: hex_hash(setup.content_hash()),
            rules: RulesStamp::current(),
            seed,
            turns: Vec::new(),
            complete: false,
            record_hash: String::new(),
        }
    }

    /// The hash over everything the record says but its seal.
    fn digest(&self) -> String {
        let body = (
            self.format,
            &self.scenario,
            &self.scenario_hash,
            &self.rules,
            self.seed,
            &self.turns,
            self.complete,
        );
        // The hash of the record's RON text, fed to the hasher as it is written rather than
        // gathered into a string first (the same bytes, so the same hash; an error hashes
        // the empty text, as it always did).
        struct Hashing(crate::hash::StableHasher);
        impl std::fmt::Write for Hashing {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                std::hash::Hasher::write(&mut self.0, s.as_bytes());
                Ok(())
            }
        }
        let mut h = Hashing(crate::hash::StableHasher::default());
        let hash = match ron::ser::to_writer(&mut h, &body) {
            Ok(()) => std::hash::Hasher::finish(&h.0),
            Err(_) => crate::hash::fnv1a(b""),
        };
        hex_hash(hash)
    }

    /// Marks whether the record runs to the game's end and seals it with its hash. Called
    /// before a replay is written.
    pub fn seal(&mut self, complete: bool) {
        self.complete = complete;
        self.record_hash = self.digest();
    }

    /// Checks what can be checked without playing: format, scenario, rules, turn numbers.
    pub fn check_record(&self, setup: &Setup) -> Result<(), ReplayError> {
        if self.format != REPLAY_FORMAT {
            return Err(ReplayError::Format(self.format));
        }
        let scenario = &setup.scenario;
        if self.scenario != scenario.id {
            return Err(ReplayError::WrongScenario {
                expected: scenario.id.clone(),
                found: self.scenario.clone(),
            });
        }
        let current = RulesStamp::current();
        if self.rules != current {
            return Err(ReplayError::RulesChanged {
                recorded: self.rules.to_string(),
                current: current.to_string(),
            });
        }
        if self.scenario_hash != hex_hash(setup.content_hash()) {
            return Err(ReplayError::ScenarioChanged(scenario.id.clone()));
        }
        for (i, t) in self.turns.iter().enumerate() {
            let expected = i as u32 + 1;
            if t.turn != expected {
                return Err(ReplayError::TurnOutOfSequence {
                    expected,
                    found: t.turn,
                });
            }
        }
        Ok(())
    }

    /// Re-plays the game, checking each turn's hash. Returns the number of turns verified.
    pub fn verify(&self, setup: &Arc<Setup>) -> Result<usize, ReplayError> {
        let game = self.resume(setup, |_| {})?;
        if self.complete && !game.is_over() {
            return Err(ReplayError::Unfinished(self.turns.len()));
        }
        if self.record_hash != self.digest() {
            return Err(ReplayError::Edited);
        }
        Ok(self.turns.len())
    }

    /// Re-plays the game, checking each turn's hash, and returns it as it stands after the
    /// last recorded turn; `after_turn` sees the game at the end of every turn.
    pub fn resume(
        &self,
        setup: &Arc<Setup>,
        mut after_turn: impl FnMut(&Game),
    ) -> Result<Game, ReplayError> {
        self.check_record(setup)?;
        let mut game = Game::new(setup.clone(), self.seed);
        for t in &self.turns {
            if game.is_over() {
                return Err(ReplayError::EndedEarly(game.state().turn));
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
/// Loading it re-plays the game, so a save is as trustworthy as a replay; the snapshot lets a
/// save from before an update still load, unverified.
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
    /// The game as it stood when saved.
    #[serde(default)]
    pub snapshot: Option<Snapshot>,
}

/// How a save was loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// Every turn re-played and checked.
    Verified,
    /// Recorded under other rules: taken from its snapshot, not checked.
    FromSnapshot,
}

impl SavedGame {
    /// Re-plays the saved game: the finished turns (each checked against its hash), then the
    /// orders of the turn in progress.
    pub fn resume(
        &self,
        setup: &Arc<Setup>,
        after_turn: impl FnMut(&Game),
    ) -> Result<Game, ReplayError> {
        let mut game = self.replay.resume(setup, after_turn)?;
        let turn = game.state().turn;
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

    /// Loads the save: verified where its replay still plays under these rules; else, where
    /// only the rules differ and it has a snapshot that fits the scenario, from the snapshot.
    pub fn load(
        &self,
        setup: &Arc<Setup>,
        after_turn: impl FnMut(&Game),
    ) -> Result<(Game, Loaded), ReplayError> {
        match self.resume(setup, after_turn) {
            Ok(g) => Ok((g, Loaded::Verified)),
            Err(e @ (ReplayError::RulesChanged { .. } | ReplayError::Format(_))) => {
                let snap = self.snapshot.as_ref().ok_or(e.clone())?;
                if self.replay.scenario != setup.scenario.id {
                    return Err(e);
                }
                let game = Game::from_snapshot(setup.clone(), self.replay.seed, snap).ok_or(e)?;
                Ok((game, Loaded::FromSnapshot))
            }
            Err(e) => Err(e),
        }
    }
}
