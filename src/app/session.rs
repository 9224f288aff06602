//! The game in progress, as the shell sees it: the core `Game`, who controls each side, whose
//! part of the turn it is, and the commands the screens send. Orders go to the core as they
//! are; the core says whether they are legal and what they cause.

use super::screens::Screen;
use bevy::prelude::*;
use ordos_core::load::catalog::Origin;
use ordos_core::model::event::Event;
use ordos_core::model::state::{ArmyId, SideId};
use ordos_core::play::ai::Level;
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::{Replay, TurnRecord, hex_hash};
use ordos_core::{Game, Order, Setup};
use std::sync::Arc;

/// Who gives a side its orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Human,
    Computer(ControllerKind),
}

impl Control {
    pub fn label(self) -> &'static str {
        match self {
            Control::Human => "Human",
            Control::Computer(ControllerKind::Historical) => "Historical",
            Control::Computer(ControllerKind::Idle) => "Idle",
            Control::Computer(ControllerKind::Greedy) => "Greedy",
            Control::Computer(ControllerKind::Ai(Level::Easy)) => "AI (easy)",
            Control::Computer(ControllerKind::Ai(Level::Normal)) => "AI",
        }
    }
    /// The name a save file gives it: `human` or the controller's CLI name.
    pub fn name(self) -> &'static str {
        match self {
            Control::Human => "human",
            Control::Computer(k) => k.name(),
        }
    }
    /// The next choice in the side picker: Human, then every computer controller.
    pub fn next(self) -> Control {
        let kinds = ControllerKind::ALL;
        match self {
            Control::Human => Control::Computer(kinds[0]),
            Control::Computer(k) => match kinds.iter().position(|x| *x == k) {
                Some(i) if i + 1 < kinds.len() => Control::Computer(kinds[i + 1]),
                _ => Control::Human,
            },
        }
    }
}

/// Every scenario found (`paths::catalog`), with where each came from; files that do not
/// validate are listed with why.
#[derive(Resource, Default)]
pub struct Catalog {
    pub scenarios: Vec<Arc<Setup>>,
    /// Where each scenario came from (a mod, or shipped with the game).
    pub origins: Vec<Origin>,
    pub problems: Vec<String>,
}

impl Catalog {
    pub fn load() -> Catalog {
        let mut c = Catalog::default();
        for e in crate::paths::catalog().entries {
            match e.loaded {
                Ok(s) => {
                    c.scenarios.push(s);
                    c.origins.push(e.origin);
                }
                Err(err) => c.problems.push(err.to_string()),
            }
        }
        c
    }
}

/// What the screens ask of the session.
#[derive(Message, Clone, Debug)]
pub enum Command {
    /// Begin a scenario with a controller for each side.
    Start {
        scenario: usize,
        control: Vec<Control>,
        seed: u64,
    },
    Select(Option<ArmyId>),
    /// An order from the human whose part of the turn it is.
    Give(Order),
    /// Switch new marches between ordinary and forced.
    ToggleForced,
    /// The acting human has given all their orders this turn.
    EndSide,
    /// Dismiss the hand-over screen.
    Continue,
    /// Back to the title.
    Quit,
    /// Take back the last order of this part of the turn, where it may be.
    Undo,
    /// Write a save in this slot (`quicksave`).
    Save(String),
    /// Load a save file.
    Load(std::path::PathBuf),
}

#[derive(Resource)]
pub struct Session {
    pub game: Game,
    pub control: Vec<Control>,
    /// Index into the scenario's turn order: whose part of the turn it is.
    pub acting: usize,
    pub selected: Option<ArmyId>,
    /// New move orders are forced marches.
    pub forced: bool,
    pub replay: Replay,
    orders: Vec<(SideId, Order)>,
    /// The last thing to tell the player (an order refused and why).
    pub message: String,
    /// The men of each side at the end of every turn, for the end screen's chart.
    pub strength: Vec<Vec<u32>>,
    computers: Vec<Option<Box<dyn Controller>>>,
    /// The game before each order of this part of the turn that can be taken back.
    undo: Vec<(Game, usize)>,
    /// Loaded from a save's snapshot because its replay no longer verifies (the rules changed).
    pub unverified: bool,
}

impl Session {
    pub fn new(setup: Arc<Setup>, control: Vec<Control>, seed: u64) -> Session {
        let game = Game::new(setup, seed);
        let computers = control
            .iter()
            .map(|c| match c {
                Control::Computer(k) => Some(make(*k)),
                Control::Human => None,
            })
            .collect();
        let replay = Replay::new(game.setup(), seed);
        let mut s = Session {
            game,
            control,
            acting: 0,
            selected: None,
            forced: false,
            replay,
            orders: Vec::new(),
            message: String::new(),
            strength: Vec::new(),
            computers,
            undo: Vec::new(),
            unverified: false,
        };
        s.record_strength();
        s
    }

    /// The game as a save: the replay so far and the turn in progress.
    pub fn saved(&self) -> ordos_core::play::replay::SavedGame {
        let mut replay = self.replay.clone();
        replay.seal(self.game.is_over());
        ordos_core::play::replay::SavedGame {
            replay,
            pending: self.orders.clone(),
            acting: self.acting,
            control: self.control.iter().map(|c| c.name().to_string()).collect(),
            snapshot: Some(self.game.snapshot()),
        }
    }

    /// A session re-played from a save (every finished turn checked against its hash).
    pub fn resume(
        setup: &Arc<Setup>,
        saved: &ordos_core::play::replay::SavedGame,
        control: Vec<Control>,
    ) -> Result<Session, ordos_core::play::replay::ReplayError> {
        let mut s = Session::new(setup.clone(), control, saved.replay.seed);
        let mut strength = std::mem::take(&mut s.strength);
        let (game, how) = saved.load(setup, |g| strength.push(strength_row(g)))?;
        s.game = game;
        if how == ordos_core::play::replay::Loaded::FromSnapshot {
            // The rules changed since: the game goes on from where it stood, unchecked, and
            // its record starts again here.
            strength = vec![strength_row(&s.game)];
            s.unverified = true;
            s.message =
                "Recorded under older rules: loaded from its snapshot, not verified.".into();
        }
        s.strength = strength;
        s.replay = saved.replay.clone();
        // From a snapshot, the orders of the turn in progress are already in the state.
        s.orders = if s.unverified {
            Vec::new()
        } else {
            saved.pending.clone()
        };
        s.acting = saved
            .acting
            .min(setup.scenario.turn_order.len().saturating_sub(1));
        Ok(s)
    }

    /// The side whose part of the turn it is.
    pub fn acting_side(&self) -> Option<SideId> {
        let id = self.game.scenario().turn_order.get(self.acting)?;
        self.game.side_id(id)
    }

    /// The side the map is drawn for: the acting human, else the first human, else the first side.
    pub fn viewer(&self) -> SideId {
        let human = |s: SideId| self.control.get(usize::from(s.0)) == Some(&Control::Human);
        match self.acting_side() {
            Some(s) if human(s) => s,
            _ => (0..self.control.len())
                .map(|i| SideId(i as u8))
                .find(|&s| human(s))
                .unwrap_or(SideId(0)),
        }
    }

    pub fn humans(&self) -> usize {
        self.control
            .iter()
            .filter(|c| **c == Control::Human)
            .count()
    }

    /// Gives an order for the acting side; a refused order is explained, not lost silently.
    pub fn give(&mut self, order: Order) -> bool {
        let Some(side) = self.acting_side() else {
            return false;
        };
        let before = (self.game.clone(), self.orders.len());
        match self.game.submit(side, &order) {
            Ok(events) => {
                self.orders.push((side, order));
                self.message.clear();
                // An order that drew no luck and met no hidden enemy can be taken back; one
                // that fought, or found an ambush, stands (and so do those before it).
                let revealing = events
                    .iter()
                    .any(|e| matches!(e, Event::Battle { .. } | Event::Ambushed { .. }));
                if revealing || self.game.luck_drawn() != before.0.luck_drawn() {
                    self.undo.clear();
                } else {
                    self.undo.push(before);
                }
                true
            }
            Err(e) => {
                self.message = format!("Order refused: {e}");
                false
            }
        }
    }

    /// Takes back the last order, if it can be: restores the game as it was before it.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some((game, n)) => {
                self.game = game;
                self.orders.truncate(n);
                self.message = "Order taken back.".into();
                true
            }
            None => {
                self.message =
                    "Nothing to take back (orders that fought or drew luck stand).".into();
                false
            }
        }
    }

    fn run_computer(&mut self, i: usize) {
        let Some(side) = self.acting_side() else {
            return;
        };
        let Some(Some(ctrl)) = self.computers.get_mut(i) else {
            return;
        };
        let given = ordos_core::play::sim::play_side(&mut self.game, ctrl.as_mut(), side);
        self.orders.extend(given);
    }

    /// Gives the acting side's orders from the scenario's historical orders (used to show a
    /// game in progress, e.g. by `ordos screenshot --turns`).
    pub fn play_acting_side_historically(&mut self) {
        let Some(side) = self.acting_side() else {
            return;
        };
        let given = ordos_core::play::sim::play_side(
            &mut self.game,
            make(ControllerKind::Historical).as_mut(),
            side,
        );
        self.orders.extend(given);
    }

    fn record_strength(&mut self) {
        self.strength.push(strength_row(&self.game));
    }

    /// Ends the acting side's part of the turn and plays any computer sides after it, ending
    /// the turn when every side has moved. Stops at the next human side (or the game's end).
    pub fn advance(&mut self) {
        self.selected = None;
        self.undo.clear();
        self.acting += 1;
        loop {
            if self.game.is_over() {
                return;
            }
            if self.acting >= self.game.scenario().turn_order.len() {
                let turn = self.game.state().turn;
                self.game.end_turn();
                let orders = std::mem::take(&mut self.orders);
                self.replay.turns.push(TurnRecord {
                    turn,
                    orders,
                    hash: hex_hash(self.game.state_hash()),
                });
                self.record_strength();
                self.acting = 0;
                continue;
            }
            let side = self.acting_side().map_or(0, |s| usize::from(s.0));
            if self.control.get(side) == Some(&Control::Human) {
                return;
            }
            self.run_computer(side);
            self.acting += 1;
        }
    }

    /// Plays computer sides that move before the first human.
    pub fn begin(&mut self) {
        self.acting = 0;
        let side = self.acting_side().map_or(0, |s| usize::from(s.0));
        if self.control.get(side) != Some(&Control::Human) {
            self.run_computer(side);
            self.advance();
        }
    }
}

/// The men each side has now: a row of the end screen's chart.
fn strength_row(g: &Game) -> Vec<u32> {
    (0..g.scenario().sides.len())
        .map(|s| g.side_totals(SideId(s as u8)).1)
        .collect()
}

/// Why the last load from the title screen failed, to show there.
#[derive(Resource, Default)]
pub struct LoadProblem(pub String);

/// Set when the hand-over screen should show before the next human plays (hotseat).
#[derive(Resource, Default)]
pub struct HandOverPending(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Command>()
        .init_resource::<Catalog>()
        .init_resource::<HandOverPending>()
        .init_resource::<super::saves::SaveDir>()
        .add_systems(Update, apply_commands);
}

fn apply_commands(
    mut commands: Commands,
    mut reader: MessageReader<Command>,
    catalog: Res<Catalog>,
    session: Option<ResMut<Session>>,
    mut next: ResMut<NextState<Screen>>,
    saves: Res<super::saves::SaveDir>,
) {
    let mut session = session;
    for c in reader.read() {
        match c {
            Command::Start {
                scenario,
                control,
                seed,
            } => {
                let Some(s) = catalog.scenarios.get(*scenario) else {
                    continue;
                };
                let mut new = Session::new(s.clone(), control.clone(), *seed);
                new.begin();
                let over = new.game.is_over();
                commands.insert_resource(new);
                next.set(if over { Screen::End } else { Screen::Play });
                return; // the new session exists from the next update
            }
            Command::Quit => {
                commands.remove_resource::<Session>();
                next.set(Screen::Title);
                return;
            }
            Command::Continue => next.set(Screen::Play),
            Command::Load(file) => {
                match super::saves::load(file, &catalog) {
                    Ok(loaded) => {
                        let over = loaded.game.is_over();
                        commands.insert_resource(loaded);
                        next.set(if over { Screen::End } else { Screen::Play });
                    }
                    Err(e) => match session.as_deref_mut() {
                        Some(s) => s.message = format!("Not loaded: {e}"),
                        None => {
                            commands.insert_resource(LoadProblem(e));
                            next.set(Screen::Title); // redraw the title with the reason
                        }
                    },
                }
                return;
            }
            _ => {}
        }
        let Some(s) = session.as_deref_mut() else {
            continue;
        };
        match c {
            Command::Select(a) => s.selected = *a,
            Command::Give(o) => {
                s.give(o.clone());
            }
            Command::ToggleForced => s.forced = !s.forced,
            Command::Undo => {
                s.undo();
            }
            Command::Save(slot) => {
                s.message = match super::saves::save(&saves, s, slot) {
                    Ok(f) => format!("Saved to {}", f.display()),
                    Err(e) => format!("Not saved: {e}"),
                };
            }
            Command::EndSide => {
                let before = s.viewer();
                let turn = s.game.state().turn;
                s.advance();
                // Every finished turn: the replay and an autosave on disk.
                if s.game.state().turn != turn
                    && let Err(e) = super::saves::save(&saves, s, "autosave")
                {
                    s.message = format!("Autosave failed: {e}");
                }
                if s.game.is_over() {
                    next.set(Screen::End);
                } else if s.humans() > 1 && s.viewer() != before {
                    next.set(Screen::HandOver);
                }
            }
            _ => {}
        }
    }
}
