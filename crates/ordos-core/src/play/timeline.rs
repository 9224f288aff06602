//! A recorded game laid out in time, for watching it: every turn reachable at once (seek),
//! backwards as well as forwards, and the moments worth marking on a timeline.
//!
//! Opening a replay plays it through once, checking every turn's hash as `verify` does, and
//! keeps a snapshot of the game every few turns. The game after turn n is then the snapshot
//! at or before n, played forward the few turns between — the same state, hash for hash,
//! however it is reached: forward, back, or by a jump.

use crate::game::Game;
use crate::load::Setup;
use crate::model::event::Event;
use crate::play::replay::{Replay, ReplayError, TurnRecord};
use crate::play::report::describe_event;
use std::sync::Arc;

/// Turns between snapshots: a seek replays at most this many turns less one.
pub const SNAPSHOT_EVERY: usize = 4;

/// What a mark on the timeline stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    Battle,
    Capture,
    SiegeBegun,
    SiegeLifted,
    Chronicle,
    /// A victory condition met, or the game's end.
    Victory,
}

/// A moment worth marking: in which turn it happened (1 = the first) and what it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub turn: usize,
    pub kind: MarkKind,
    pub text: String,
}

/// A replay opened for watching.
#[derive(Clone, Debug)]
pub struct Timeline {
    setup: Arc<Setup>,
    replay: Replay,
    /// The game after `k × SNAPSHOT_EVERY` turns, for every k.
    snapshots: Vec<Game>,
    /// The game at the end of the record, with every event of it in its log.
    last: Game,
    /// Where each turn's events begin in `last`'s log (index n: turn n+1).
    turn_starts: Vec<usize>,
    pub marks: Vec<Mark>,
    /// The men of each side at the start and after every turn.
    men: Vec<Vec<u32>>,
}

impl Timeline {
    /// Plays the replay through once, checking every turn, keeping snapshots and marks.
    pub fn open(setup: Arc<Setup>, replay: Replay) -> Result<Timeline, ReplayError> {
        replay.check_record(&setup)?;
        let mut snapshots = Vec::new();
        let mut turn_starts = Vec::new();
        let mut game = Game::new(setup.clone(), replay.seed);
        let men_of = |g: &Game| {
            (0..g.scenario().sides.len())
                .map(|s| g.side_totals(crate::model::state::SideId(s as u8)).1)
                .collect::<Vec<u32>>()
        };
        let mut men = vec![men_of(&game)];
        snapshots.push(game.clone());
        for (n, t) in replay.turns.iter().enumerate() {
            turn_starts.push(game.log().len());
            play_turn(&mut game, t)?;
            men.push(men_of(&game));
            if (n + 1) % SNAPSHOT_EVERY == 0 {
                snapshots.push(game.clone());
            }
        }
        let marks = marks(&game, &turn_starts);
        Ok(Timeline {
            setup,
            replay,
            snapshots,
            last: game,
            turn_starts,
            marks,
            men,
        })
    }

    pub fn setup(&self) -> &Arc<Setup> {
        &self.setup
    }
    pub fn replay(&self) -> &Replay {
        &self.replay
    }

    /// The men of each side at the start (index 0) and after every turn.
    pub fn men_by_turn(&self) -> &[Vec<u32>] {
        &self.men
    }

    /// Turns recorded: `at` takes 0 (the start) to this.
    pub fn turns(&self) -> usize {
        self.replay.turns.len()
    }

    /// The game after `n` turns (0: as it began), the same whether reached forward, back or
    /// by a jump. `n` past the end gives the end.
    pub fn at(&self, n: usize) -> Game {
        let n = n.min(self.turns());
        if n == self.turns() {
            return self.last.clone();
        }
        let k = n / SNAPSHOT_EVERY;
        let mut game = self.snapshots[k].clone();
        for t in &self.replay.turns[k * SNAPSHOT_EVERY..n] {
            // Checked when the timeline was opened.
            let _ = play_turn(&mut game, t);
        }
        game
    }

    /// The state hash recorded after turn `n` (1-based), as the replay gives it.
    pub fn recorded_hash(&self, n: usize) -> Option<&str> {
        n.checked_sub(1)
            .and_then(|i| self.replay.turns.get(i))
            .map(|t| t.hash.as_str())
    }

    /// The events of turn `n` (1-based): its orders' results and the days that passed.
    pub fn events_of(&self, n: usize) -> &[(u32, crate::calendar::Date, Event)] {
        let log = self.last.log();
        let start = n
            .checked_sub(1)
            .and_then(|i| self.turn_starts.get(i))
            .copied()
            .unwrap_or(log.len());
        let end = self.turn_starts.get(n).copied().unwrap_or(log.len());
        &log[start.min(end)..end]
    }

    /// The next turn after `from` with a battle or a capture, if any.
    pub fn next_battle_or_capture(&self, from: usize) -> Option<usize> {
        self.marks
            .iter()
            .filter(|m| m.turn > from && matches!(m.kind, MarkKind::Battle | MarkKind::Capture))
            .map(|m| m.turn)
            .min()
    }

    /// A new game taken over at turn `n`: the game as it stands then and the replay of the
    /// turns before, to record the rest of the game on (a replay of its own, which verifies
    /// like any other).
    pub fn take_command(&self, n: usize) -> (Game, Replay) {
        let n = n.min(self.turns());
        let mut prefix = self.replay.clone();
        prefix.turns.truncate(n);
        prefix.complete = false;
        (self.at(n), prefix)
    }
}

/// Plays one recorded turn: its orders, then the end of the turn, checked against its hash.
fn play_turn(game: &mut Game, t: &TurnRecord) -> Result<(), ReplayError> {
    for (index, (side, order)) in t.orders.iter().enumerate() {
        game.submit(*side, order)
            .map_err(|e| ReplayError::OrderRefused {
                turn: t.turn,
                index,
                reason: e.to_string(),
            })?;
    }
    game.end_turn();
    let replayed = crate::play::replay::hex_hash(game.state_hash());
    if replayed != t.hash {
        return Err(ReplayError::Diverged {
            turn: t.turn,
            recorded: t.hash.clone(),
            replayed,
        });
    }
    Ok(())
}

/// The moments of a game worth marking, from its log.
fn marks(game: &Game, turn_starts: &[usize]) -> Vec<Mark> {
    let log = game.log();
    let mut out = Vec::new();
    for (n, &start) in turn_starts.iter().enumerate() {
        let end = turn_starts.get(n + 1).copied().unwrap_or(log.len());
        for (_, _, e) in &log[start..end] {
            let kind = match e {
                Event::Battle { .. } => MarkKind::Battle,
                Event::PlaceCaptured { .. } => MarkKind::Capture,
                Event::SiegeBegun { .. } => MarkKind::SiegeBegun,
                Event::SiegeLifted { .. } => MarkKind::SiegeLifted,
                Event::Chronicle { .. } => MarkKind::Chronicle,
                Event::ConditionMet { .. } | Event::GameOver { .. } => MarkKind::Victory,
                _ => continue,
            };
            let text = describe_event(game, e).unwrap_or_default();
            out.push(Mark {
                turn: n + 1,
                kind,
                text,
            });
        }
    }
    out
}
