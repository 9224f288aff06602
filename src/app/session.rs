//! The game in progress, as the shell sees it: the core `Game`, who controls each side, whose
//! part of the turn it is, and the commands the screens send. Orders go to the core as they
//! are; the core says whether they are legal and what they cause. A session may also be
//! watching a recorded game (`Watching`): the same map, stepped through turn by turn.

use super::screens::Screen;
use bevy::prelude::*;
use ordos_core::load::catalog::Origin;
use ordos_core::model::event::Event;
use ordos_core::model::state::{ArmyId, ArmyState, SideId};
use ordos_core::play::ai::Level;
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::{Replay, SavedGame, TurnRecord, hex_hash};
use ordos_core::play::timeline::Timeline;
use ordos_core::{Game, Order, Setup};
use std::path::PathBuf;
use std::sync::Arc;

/// Who gives a side its orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Human,
    Computer(ControllerKind),
}

impl Control {
    /// The default: the first side to a human, the rest to the AI.
    pub fn first_human(sides: usize) -> Vec<Control> {
        (0..sides)
            .map(|i| {
                if i == 0 {
                    Control::Human
                } else {
                    Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal))
                }
            })
            .collect()
    }

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
    /// The control a save file names.
    pub fn parse(name: &str) -> Result<Control, String> {
        match name {
            "human" => Ok(Control::Human),
            k => k.parse::<ControllerKind>().map(Control::Computer),
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

/// Every scenario found (`paths::catalog`), with where each came from, and the files that do
/// not validate with their located errors. The game looks at the folders again every few
/// seconds (`refresh`), so a modder's edits show without restarting.
#[derive(Resource, Default)]
pub struct Catalog {
    pub scenarios: Vec<Arc<Setup>>,
    /// Where each scenario came from (a mod, or shipped with the game).
    pub origins: Vec<Origin>,
    /// Files that do not validate: the file and its errors.
    pub problems: Vec<String>,
    folders: ordos_core::load::catalog::Catalog,
    /// Seconds since the folders were last looked at.
    since: f32,
    /// Bumped whenever the catalog changes, so screens can rebuild.
    pub version: u32,
}

impl Catalog {
    pub fn load() -> Catalog {
        Catalog::from(crate::paths::catalog())
    }

    /// The catalog of the given folders (tests point it at a scratch folder).
    pub fn of_folders(folders: Vec<ordos_core::load::catalog::Folder>) -> Catalog {
        Catalog::from(ordos_core::load::catalog::Catalog::scan(folders))
    }

    fn from(folders: ordos_core::load::catalog::Catalog) -> Catalog {
        let mut c = Catalog {
            folders,
            ..Catalog::default()
        };
        c.rebuild();
        c
    }

    fn rebuild(&mut self) {
        self.scenarios.clear();
        self.origins.clear();
        self.problems.clear();
        for e in &self.folders.entries {
            match &e.loaded {
                Ok(s) => {
                    self.scenarios.push(s.clone());
                    self.origins.push(e.origin);
                }
                Err(err) => self.problems.push(err.to_string()),
            }
        }
        // Grouped by war in the order of the accounts, then by date.
        let mut order: Vec<usize> = (0..self.scenarios.len()).collect();
        order.sort_by_key(|&i| {
            let s = &self.scenarios[i].scenario;
            let war = s
                .war
                .as_deref()
                .and_then(ordos_core::load::wars::position)
                .unwrap_or(usize::MAX);
            (war, s.start, s.id.clone())
        });
        self.scenarios = order.iter().map(|&i| self.scenarios[i].clone()).collect();
        self.origins = order.iter().map(|&i| self.origins[i]).collect();
        self.version = self.version.wrapping_add(1);
    }

    /// Looks at the folders again; returns the ids of scenarios that changed.
    pub fn refresh(&mut self) -> Vec<String> {
        let changed = self.folders.refresh();
        if !changed.is_empty() {
            self.rebuild();
        }
        changed
    }

    /// Whether the scenario at this index is a mod (not shipped with the game).
    pub fn is_mod(&self, i: usize) -> bool {
        self.origins.get(i).is_some_and(|o| o.is_mod())
    }
}

/// What the screens ask of the session.
#[derive(Message, Clone, Debug)]
pub enum Command {
    /// Begin a scenario with a controller for each side. With no human side, it is played to
    /// its end and opened in the replay viewer.
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
    Load(PathBuf),
    /// Open a replay file in the viewer.
    Watch(PathBuf),
    /// The viewer: go to the game after this many turns.
    Seek(usize),
    /// The viewer: one turn on, or back.
    Step(i32),
    /// The viewer: start or stop playing.
    PlayPause,
    /// The viewer: the next speed.
    CycleSpeed,
    /// The viewer: on to the next battle or capture.
    NextEvent,
    /// The viewer: watch as the next side, or everything.
    CycleView,
    /// Take command of the game being watched, at the turn shown, with these controllers.
    TakeCommand(Vec<Control>),
    /// Start the game again from its beginning (its scenario file changed).
    Restart,
}

/// How fast the viewer plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Half,
    One,
    Two,
    Four,
    /// On to the next battle or capture, then stop.
    ToEvent,
}

impl Speed {
    pub fn next(self) -> Speed {
        match self {
            Speed::Half => Speed::One,
            Speed::One => Speed::Two,
            Speed::Two => Speed::Four,
            Speed::Four => Speed::ToEvent,
            Speed::ToEvent => Speed::Half,
        }
    }
    /// Seconds between turns.
    pub fn seconds(self) -> f32 {
        match self {
            Speed::Half => 2.0,
            Speed::One => 1.0,
            Speed::Two => 0.5,
            Speed::Four | Speed::ToEvent => 0.25,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Speed::Half => "½ turn/s",
            Speed::One => "1 turn/s",
            Speed::Two => "2 turns/s",
            Speed::Four => "4 turns/s",
            Speed::ToEvent => "to the next battle",
        }
    }
}

/// A recorded game being watched.
pub struct Watching {
    pub timeline: Arc<Timeline>,
    /// The game shown is the game after this many turns.
    pub turn: usize,
    pub playing: bool,
    pub speed: Speed,
    /// Whose eyes the map is seen with: a side (its fog of war), or everything.
    pub view: Option<SideId>,
    /// Seconds since the last step while playing.
    pub elapsed: f32,
    /// The controllers chosen for taking command, while the choice is open.
    pub take: Option<Vec<Control>>,
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
    /// The last thing to tell the player (an order refused and why), and the turn it was said
    /// in (it is not kept past the turn, nor across selections).
    pub message: String,
    /// The men of each side at the end of every turn, for the end screen's chart.
    pub strength: Vec<Vec<u32>>,
    computers: Vec<Option<Box<dyn Controller>>>,
    /// The game before each order of this part of the turn that can be taken back.
    undo: Vec<(Game, usize)>,
    /// Loaded from a save's snapshot because its replay no longer verifies (the rules changed).
    pub unverified: bool,
    /// Watching a recorded game, not playing one.
    pub watching: Option<Watching>,
    /// The scenario's file changed on disk since the game began.
    pub scenario_changed: bool,
}

impl Session {
    pub fn new(setup: Arc<Setup>, control: Vec<Control>, seed: u64) -> Session {
        let game = Game::new(setup, seed);
        let replay = Replay::new(game.setup(), seed);
        Session::from_game(game, replay, control)
    }

    /// A session of a game as it stands, its record so far, and its controllers.
    fn from_game(game: Game, replay: Replay, control: Vec<Control>) -> Session {
        let computers = control
            .iter()
            .map(|c| match c {
                Control::Computer(k) => Some(make(*k)),
                Control::Human => None,
            })
            .collect();
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
            watching: None,
            scenario_changed: false,
        };
        s.record_strength();
        s
    }

    /// A session watching a recorded game, from its start.
    pub fn watch(timeline: Timeline) -> Session {
        let timeline = Arc::new(timeline);
        let game = timeline.at(0);
        let control = vec![Control::Computer(ControllerKind::Idle); game.scenario().sides.len()];
        let replay = timeline.replay().clone();
        let mut s = Session::from_game(game, replay, control);
        // The men of each side after every turn, for the end screen and the chart.
        s.strength = timeline.men_by_turn().to_vec();
        s.watching = Some(Watching {
            timeline,
            turn: 0,
            playing: false,
            speed: Speed::One,
            view: None,
            elapsed: 0.0,
            take: None,
        });
        s
    }

    /// The viewer: shows the game after `n` turns.
    pub fn seek(&mut self, n: usize) {
        let Some(w) = &mut self.watching else { return };
        let n = n.min(w.timeline.turns());
        w.turn = n;
        self.game = w.timeline.at(n);
        self.selected = None;
    }

    /// The game as a save: the replay so far, the turn in progress, and a snapshot.
    pub fn saved(&self) -> SavedGame {
        let mut replay = self.replay.clone();
        replay.seal(self.game.is_over());
        SavedGame {
            replay,
            pending: self.orders.clone(),
            acting: self.acting,
            control: self.control.iter().map(|c| c.name().to_string()).collect(),
            snapshot: Some(self.game.snapshot()),
        }
    }

    /// A session re-played from a save (every finished turn checked against its hash); from
    /// its snapshot, unverified, where the rules changed since it was written.
    pub fn resume(
        setup: &Arc<Setup>,
        saved: &SavedGame,
        control: Vec<Control>,
    ) -> Result<Session, ordos_core::play::replay::ReplayError> {
        let mut strength = Vec::new();
        let (game, how) = saved.load(setup, |g| strength.push(strength_row(g)))?;
        let mut s = Session::from_game(game, saved.replay.clone(), control);
        if how == ordos_core::play::replay::Loaded::FromSnapshot {
            // The rules changed since: the game goes on from where it stood, unchecked.
            s.unverified = true;
            s.message =
                "Recorded under older rules: loaded from its snapshot, not verified.".into();
        } else {
            let mut rows = vec![strength_row(&Game::new(setup.clone(), saved.replay.seed))];
            rows.extend(strength);
            s.strength = rows;
            // The orders of the turn in progress were given again by `load`.
            s.orders = saved.pending.clone();
        }
        s.acting = saved
            .acting
            .min(setup.scenario.turn_order.len().saturating_sub(1));
        Ok(s)
    }

    /// The side whose part of the turn it is.
    pub fn acting_side(&self) -> Option<SideId> {
        if self.watching.is_some() {
            return None;
        }
        let id = self.game.scenario().turn_order.get(self.acting)?;
        self.game.side_id(id)
    }

    /// The side the map is drawn for: the acting human, else the first human, else the first
    /// side (the viewer: the side watched with).
    pub fn viewer(&self) -> SideId {
        if let Some(w) = &self.watching {
            return w.view.unwrap_or(SideId(0));
        }
        let human = |s: SideId| self.control.get(usize::from(s.0)) == Some(&Control::Human);
        match self.acting_side() {
            Some(s) if human(s) => s,
            _ => (0..self.control.len())
                .map(|i| SideId(i as u8))
                .find(|&s| human(s))
                .unwrap_or(SideId(0)),
        }
    }

    /// Whether the map shows this army: what the viewing side can see (watching with
    /// everything in view, every army in being).
    pub fn shows(&self, a: &ordos_core::model::state::Army) -> bool {
        match &self.watching {
            Some(w) if w.view.is_none() => a.is_active(),
            _ => self.game.visible_to(a, self.viewer()),
        }
    }

    pub fn humans(&self) -> usize {
        self.control
            .iter()
            .filter(|c| **c == Control::Human)
            .count()
    }

    /// The acting human's armies that could still march and have not, this turn.
    pub fn unmoved(&self) -> Vec<ArmyId> {
        let Some(side) = self.acting_side() else {
            return Vec::new();
        };
        self.game
            .state()
            .armies
            .iter()
            .filter(|a| {
                a.side == side
                    && a.is_active()
                    && !a.moved
                    && !a.attacked
                    && !matches!(
                        a.state,
                        ArmyState::Fortified
                            | ArmyState::Besieging
                            | ArmyState::Hidden
                            | ArmyState::Encamped
                    )
            })
            .map(|a| a.id)
            .collect()
    }

    /// The next army of the acting side after the selected one (for the next-army key).
    pub fn next_army(&self) -> Option<ArmyId> {
        let side = self.acting_side().unwrap_or(self.viewer());
        let mine: Vec<ArmyId> = self
            .game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == side && a.is_active())
            .map(|a| a.id)
            .collect();
        let at = self
            .selected
            .and_then(|s| mine.iter().position(|x| *x == s));
        match at {
            Some(i) => mine.get((i + 1) % mine.len().max(1)).copied(),
            None => mine.first().copied(),
        }
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
        self.message.clear();
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
                self.greet();
                return;
            }
            self.run_computer(side);
            self.acting += 1;
        }
    }

    /// As a human's part of the turn begins: what happened last turn that they can see, and
    /// which of their armies are hungry or thirsty.
    fn greet(&mut self) {
        let Some(side) = self.acting_side() else {
            return;
        };
        if self.game.state().turn <= 1 {
            return;
        }
        let lines = ordos_core::play::report::turn_summary(&self.game, side);
        if !lines.is_empty() {
            self.message = format!("Since your last orders:\n{}", lines.join("\n"));
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

    /// The viewer's "take command here": the game as it stands at the turn shown goes on, with
    /// these controllers, recorded as a replay of its own (the turns before, then the new).
    pub fn take_command(&self, control: Vec<Control>) -> Option<Session> {
        let w = self.watching.as_ref()?;
        let (game, prefix) = w.timeline.take_command(w.turn);
        let mut s = Session::from_game(game, prefix, control);
        s.strength = w.timeline.men_by_turn()[..=w.turn].to_vec();
        s.message = format!(
            "You have taken command on {}, turn {}.",
            s.game.state().date,
            s.game.state().turn
        );
        s.begin();
        Some(s)
    }
}

/// The men of each side now: a row of the end screen's chart.
pub fn strength_row(g: &Game) -> Vec<u32> {
    (0..g.scenario().sides.len())
        .map(|s| g.side_totals(SideId(s as u8)).1)
        .collect()
}

/// Writes the session as a save in `slot` (the autosave with its replay beside it).
pub fn save(dir: &super::saves::SaveDir, s: &Session, slot: &str) -> Result<PathBuf, String> {
    super::saves::write_save(dir, &s.game.scenario().id, slot, &s.saved())
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
        .add_systems(Update, (apply_commands, watch_clock, hot_reload));
}

/// Opens a replay file in a session watching it, or says why not (naming the file).
pub fn open_replay(file: &std::path::Path, catalog: &Catalog) -> Result<Session, String> {
    let shown = file.display();
    let replay = super::saves::read_replay(file)?;
    let setup = catalog
        .scenarios
        .iter()
        .find(|s| s.scenario.id == replay.scenario)
        .ok_or_else(|| format!("{shown}: no scenario `{}` is installed", replay.scenario))?;
    let timeline = Timeline::open(setup.clone(), replay).map_err(|e| format!("{shown}: {e}"))?;
    Ok(Session::watch(timeline))
}

/// Reads a save and re-plays it into a session. Every problem names the file.
pub fn load_save(file: &std::path::Path, catalog: &Catalog) -> Result<Session, String> {
    let shown = file.display();
    let saved = super::saves::read_save(file)?;
    let setup = catalog
        .scenarios
        .iter()
        .find(|s| s.scenario.id == saved.replay.scenario)
        .ok_or_else(|| {
            format!(
                "{shown}: no scenario `{}` is installed",
                saved.replay.scenario
            )
        })?;
    let control = saved
        .control
        .iter()
        .map(|c| Control::parse(c).map_err(|e| format!("{shown}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let sides = setup.scenario.sides.len();
    if control.len() != sides {
        return Err(format!(
            "{shown}: names {} controller(s), but `{}` has {sides} sides (the save is damaged or for another version)",
            control.len(),
            setup.scenario.id
        ));
    }
    Session::resume(setup, &saved, control).map_err(|e| format!("{shown}: {e}"))
}

/// The viewer's clock: steps on while playing.
fn watch_clock(time: Res<Time>, session: Option<ResMut<Session>>) {
    let Some(mut s) = session else { return };
    // Read before writing: a mutable look at the session marks it changed, and every view
    // of it (counters, places, panels) is rebuilt on a change.
    if !s.watching.as_ref().is_some_and(|w| w.playing) {
        return;
    }
    let Some(w) = s.watching.as_mut() else { return };
    w.elapsed += time.delta_secs();
    if w.elapsed < w.speed.seconds() {
        return;
    }
    w.elapsed = 0.0;
    let (turn, end) = (w.turn, w.timeline.turns());
    let to = match w.speed {
        Speed::ToEvent => w.timeline.next_battle_or_capture(turn).unwrap_or(end),
        _ => turn + 1,
    };
    if to >= end || w.speed == Speed::ToEvent {
        w.playing = false;
    }
    s.seek(to.min(end));
}

/// Looks at the scenario folders every few seconds: edited files reload in the catalog, and a
/// game whose scenario changed is told so (and offered a restart).
fn hot_reload(time: Res<Time>, mut catalog: ResMut<Catalog>, session: Option<ResMut<Session>>) {
    catalog.since += time.delta_secs();
    if catalog.since < 2.0 {
        return;
    }
    catalog.since = 0.0;
    let changed = catalog.refresh();
    if let Some(mut s) = session
        && s.watching.is_none()
        && changed.contains(&s.game.scenario().id)
    {
        s.scenario_changed = true;
    }
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
                if !control.contains(&Control::Human) {
                    // Nobody plays: the game is watched, from its start.
                    let mut replay = new.replay.clone();
                    replay.seal(new.game.is_over());
                    match Timeline::open(s.clone(), replay) {
                        Ok(t) => new = Session::watch(t),
                        Err(e) => new.message = format!("Cannot watch: {e}"),
                    }
                    commands.insert_resource(new);
                    next.set(Screen::Play);
                    return;
                }
                // Turn 1 is saved at once: nothing played is ever lost.
                if let Err(e) = save(&saves, &new, "autosave") {
                    new.message = format!("Autosave failed: {e}");
                }
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
                match load_save(file, &catalog) {
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
            Command::Watch(file) => {
                match open_replay(file, &catalog) {
                    Ok(w) => {
                        commands.insert_resource(w);
                        next.set(Screen::Play);
                    }
                    Err(e) => {
                        commands.insert_resource(LoadProblem(e));
                        next.set(Screen::Title);
                    }
                }
                return;
            }
            Command::Restart => {
                if let Some(s) = session.as_deref() {
                    let id = s.game.scenario().id.clone();
                    if let Some(setup) = catalog.scenarios.iter().find(|x| x.scenario.id == id) {
                        let mut new = Session::new(setup.clone(), s.control.clone(), s.game.seed());
                        new.begin();
                        commands.insert_resource(new);
                        next.set(Screen::Play);
                    }
                }
                return;
            }
            Command::TakeCommand(control) => {
                if let Some(new) = session
                    .as_deref()
                    .and_then(|s| s.take_command(control.clone()))
                {
                    let over = new.game.is_over();
                    commands.insert_resource(new);
                    next.set(if over { Screen::End } else { Screen::Play });
                }
                return;
            }
            _ => {}
        }
        let Some(s) = session.as_deref_mut() else {
            continue;
        };
        match c {
            Command::Select(a) => {
                s.selected = *a;
                s.message.clear();
            }
            Command::Give(o) => {
                s.give(o.clone());
            }
            Command::ToggleForced => s.forced = !s.forced,
            Command::Undo => {
                s.undo();
            }
            Command::Save(slot) => {
                s.message = match save(&saves, s, slot) {
                    Ok(f) => format!("Saved to {}", f.display()),
                    Err(e) => format!("Not saved: {e}"),
                };
            }
            Command::EndSide => {
                if s.watching.is_some() {
                    continue;
                }
                let before = s.viewer();
                let turn = s.game.state().turn;
                s.advance();
                // Every finished turn: the replay and an autosave on disk.
                if s.game.state().turn != turn
                    && let Err(e) = save(&saves, s, "autosave")
                {
                    s.message = format!("Autosave failed: {e}");
                }
                if s.game.is_over() {
                    next.set(Screen::End);
                } else if s.humans() > 1 && s.viewer() != before {
                    next.set(Screen::HandOver);
                }
            }
            Command::Seek(n) => s.seek(*n),
            Command::Step(d) => {
                if let Some(w) = &s.watching {
                    let to = (w.turn as i64 + i64::from(*d)).max(0) as usize;
                    s.seek(to);
                }
            }
            Command::PlayPause => {
                if let Some(w) = &mut s.watching {
                    if w.turn >= w.timeline.turns() {
                        w.turn = 0;
                    }
                    w.playing = !w.playing;
                    w.elapsed = 0.0;
                }
                if s.watching
                    .as_ref()
                    .is_some_and(|w| w.turn == 0 && w.playing)
                {
                    s.seek(0);
                }
            }
            Command::CycleSpeed => {
                if let Some(w) = &mut s.watching {
                    w.speed = w.speed.next();
                }
            }
            Command::NextEvent => {
                if let Some(w) = &s.watching {
                    let to = w
                        .timeline
                        .next_battle_or_capture(w.turn)
                        .unwrap_or(w.timeline.turns());
                    s.seek(to);
                }
            }
            Command::CycleView => {
                let sides = s.game.scenario().sides.len();
                if let Some(w) = &mut s.watching {
                    w.view = match w.view {
                        None => Some(SideId(0)),
                        Some(v) if usize::from(v.0) + 1 < sides => Some(SideId(v.0 + 1)),
                        Some(_) => None,
                    };
                }
            }
            _ => {}
        }
    }
}
