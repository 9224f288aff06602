//! The game's logic plugins driven headless (no window, no GPU, no renderer): start a
//! scenario, select an army, order a march, end the turn, and see the core state change.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use ordos::app::LogicPlugins;
use ordos::app::map_view::click_commands;
use ordos::app::saves::SaveDir;
use ordos::app::screens::Screen;
use ordos::app::session::{Catalog, Command, Control, Session};
use ordos_core::Order;
use ordos_core::hex::Hex;
use ordos_core::play::kinds::ControllerKind;

fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, LogicPlugins))
        .insert_resource(Catalog::load());
    // Saves go to a scratch folder per test, never into the working tree.
    let dir = std::env::temp_dir().join(format!(
        "ordos-saves-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    app.insert_resource(SaveDir(dir));
    app.update();
    app
}

fn start(app: &mut App, control: Vec<Control>) {
    let index = app
        .world()
        .resource::<Catalog>()
        .scenarios
        .iter()
        .position(|s| s.scenario.id == "haoshuichuan-1041")
        .expect("shipped");
    app.world_mut().write_message(Command::Start {
        scenario: index,
        control,
        seed: 7,
    });
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn select_march_and_end_the_turn() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Human,
            Control::Computer(ControllerKind::Historical),
        ],
    );
    assert_eq!(screen(&app), Screen::Play);
    let (ren_fu, from) = {
        let s = app.world().resource::<Session>();
        let id = s.game.army_id("ren-fu").unwrap();
        (id, s.game.army(id).hex)
    };
    // A click on the army's hex selects it (the first army there).
    let clicks = click_commands(app.world().resource::<Session>(), from, false);
    assert!(matches!(clicks.as_slice(), [Command::Select(Some(_))]));
    app.world_mut().write_message(Command::Select(Some(ren_fu)));
    app.update();
    assert_eq!(app.world().resource::<Session>().selected, Some(ren_fu));
    // A click two hexes west orders a march there.
    let goal = Hex::new(from.col - 2, from.row);
    let clicks = click_commands(app.world().resource::<Session>(), goal, false);
    let Some(Command::Give(Order::Move { path, .. })) = clicks.first() else {
        panic!("no march: {clicks:?}")
    };
    assert_eq!(path.last(), Some(&goal));
    for c in clicks {
        app.world_mut().write_message(c);
    }
    app.update();
    {
        let s = app.world().resource::<Session>();
        assert_eq!(s.game.army(ren_fu).hex, goal, "{}", s.message);
        assert!(s.game.army(ren_fu).moved);
    }
    // End the turn: the Xia play their historical orders, the day passes.
    app.world_mut().write_message(Command::EndSide);
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.game.state().turn, 2);
    assert_eq!(s.game.state().date.to_string(), "1041-02-11");
    assert_eq!(s.acting_side(), s.game.side_id("song"));
    assert!(!s.game.army(ren_fu).moved, "a new turn");
    assert_eq!(s.replay.turns.len(), 1, "the game is recorded as it goes");
    assert!(
        s.replay.turns[0]
            .orders
            .iter()
            .any(|(_, o)| matches!(o, Order::Move { .. }))
    );
}

#[test]
fn an_illegal_order_is_refused_with_the_cores_reason() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    let ren_fu = app
        .world()
        .resource::<Session>()
        .game
        .army_id("ren-fu")
        .unwrap();
    app.world_mut()
        .write_message(Command::Give(Order::LiftSiege { army: ren_fu }));
    app.update();
    let s = app.world().resource::<Session>();
    assert!(
        s.message.contains("not besieging anything"),
        "{}",
        s.message
    );
}

#[test]
fn hotseat_hands_the_screen_over_between_two_humans() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    app.world_mut().write_message(Command::EndSide);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::HandOver);
    assert_eq!(
        app.world().resource::<Session>().viewer(),
        app.world()
            .resource::<Session>()
            .game
            .side_id("xia")
            .unwrap()
    );
    app.world_mut().write_message(Command::Continue);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Play);
}

#[test]
fn computer_against_computer_opens_the_viewer_on_the_whole_game() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Computer(ControllerKind::Historical),
            Control::Computer(ControllerKind::Historical),
        ],
    );
    assert_eq!(screen(&app), Screen::Play);
    let s = app.world().resource::<Session>();
    let w = s.watching.as_ref().expect("watching, not the end screen");
    assert_eq!(w.turn, 0, "from its start");
    assert!(w.timeline.turns() > 5);
    assert!(
        w.timeline.at(w.timeline.turns()).is_over(),
        "played to its end"
    );
}

#[test]
fn a_human_plays_against_the_ai_and_the_ai_moves_its_armies() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Human,
            Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal)),
        ],
    );
    assert_eq!(screen(&app), Screen::Play);
    let xia_hexes = |app: &App| {
        let s = app.world().resource::<Session>();
        let xia = s.game.side_id("xia").unwrap();
        s.game
            .state()
            .armies
            .iter()
            .filter(|a| a.side == xia)
            .map(|a| a.hex)
            .collect::<Vec<_>>()
    };
    let before = xia_hexes(&app);
    for _ in 0..2 {
        app.world_mut().write_message(Command::EndSide);
        app.update();
        app.update();
    }
    assert_ne!(before, xia_hexes(&app), "the AI marched");
    let s = app.world().resource::<Session>();
    assert!(s.game.state().turn >= 3);
}

#[test]
fn ai_against_ai_plays_to_the_end_screen() {
    let mut app = app();
    let ai = Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal));
    start(&mut app, vec![ai, ai]);
    assert_eq!(screen(&app), Screen::Play);
    let s = app.world().resource::<Session>();
    let w = s.watching.as_ref().expect("watching");
    assert!(w.timeline.at(w.timeline.turns()).is_over());
}

#[test]
fn a_game_is_autosaved_each_turn_and_a_quick_save_loads_back_to_the_same_state() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Human,
            Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal)),
        ],
    );
    let dir = app.world().resource::<SaveDir>().clone();
    // Play a turn: the autosave and its replay appear, and the replay verifies.
    app.world_mut().write_message(Command::EndSide);
    app.update();
    let auto = dir.path("haoshuichuan-1041", "autosave");
    assert!(auto.is_file(), "{}", auto.display());
    let replay_file = dir.0.join("haoshuichuan-1041-autosave.replay.ron");
    let replay: ordos_core::play::replay::Replay =
        ron::from_str(&std::fs::read_to_string(&replay_file).unwrap()).unwrap();
    let setup = app.world().resource::<Session>().game.setup().clone();
    assert_eq!(replay.verify(&setup), Ok(1));
    // Give an order mid-turn, quick-save, wander on, and load the quick save back.
    let (ren_fu, hash_then) = {
        let s = app.world().resource::<Session>();
        (s.game.army_id("ren-fu").unwrap(), s.game.state_hash())
    };
    app.world_mut()
        .write_message(Command::Give(Order::Fortify { army: ren_fu }));
    app.update();
    let hash_saved = app.world().resource::<Session>().game.state_hash();
    assert_ne!(hash_then, hash_saved, "the order changed the state");
    app.world_mut()
        .write_message(Command::Save("quicksave".into()));
    app.update();
    let quick = dir.path("haoshuichuan-1041", "quicksave");
    assert!(quick.is_file());
    app.world_mut().write_message(Command::EndSide);
    app.update();
    assert_ne!(
        app.world().resource::<Session>().game.state_hash(),
        hash_saved
    );
    app.world_mut().write_message(Command::Load(quick));
    app.update();
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.game.state_hash(), hash_saved);
    assert_eq!(
        s.control[1],
        Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal))
    );
    assert_eq!(s.strength.len(), 2, "the chart's history is rebuilt");
}

#[test]
fn a_damaged_save_is_refused_with_the_file_named_and_the_game_kept() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    let dir = app.world().resource::<SaveDir>().clone();
    std::fs::create_dir_all(&dir.0).unwrap();
    let bad = dir.0.join("bad.save.ron");
    std::fs::write(&bad, "SavedGame(replay: (format: 1, scen").unwrap();
    let before = app.world().resource::<Session>().game.state_hash();
    app.world_mut().write_message(Command::Load(bad.clone()));
    app.update();
    let s = app.world().resource::<Session>();
    assert!(s.message.contains("bad.save.ron"), "{}", s.message);
    assert_eq!(s.game.state_hash(), before);
}

#[test]
fn a_march_can_be_taken_back_but_a_battle_cannot() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    let (ren_fu, from, hash) = {
        let s = app.world().resource::<Session>();
        let id = s.game.army_id("ren-fu").unwrap();
        (id, s.game.army(id).hex, s.game.state_hash())
    };
    let goal = Hex::new(from.col - 2, from.row);
    app.world_mut().write_message(Command::Select(Some(ren_fu)));
    app.update();
    for c in click_commands(app.world().resource::<Session>(), goal, false) {
        app.world_mut().write_message(c);
    }
    app.update();
    assert_eq!(
        app.world().resource::<Session>().game.army(ren_fu).hex,
        goal
    );
    app.world_mut().write_message(Command::Undo);
    app.update();
    {
        let s = app.world().resource::<Session>();
        assert_eq!(s.game.army(ren_fu).hex, from, "{}", s.message);
        assert_eq!(s.game.state_hash(), hash, "the game is as it was");
    }
    // Sang Yi's vanguard attacks the Tangut bait: that cannot be taken back.
    let (sang_yi, bait) = {
        let s = app.world().resource::<Session>();
        (
            s.game.army_id("sang-yi").unwrap(),
            s.game.army_id("xia-vanguard").unwrap(),
        )
    };
    let bait_hex = app.world().resource::<Session>().game.army(bait).hex;
    let next_to = bait_hex
        .neighbours()
        .into_iter()
        .find(|h| {
            let s = app.world().resource::<Session>();
            let a = s.game.army(sang_yi);
            s.game
                .find_path(a, *h)
                .is_some_and(|p| s.game.truncate_to_turn(a, &p, true).len() == p.len())
        })
        .expect("the bait is within a day's forced march");
    let path = {
        let s = app.world().resource::<Session>();
        s.game.find_path(s.game.army(sang_yi), next_to).unwrap()
    };
    app.world_mut().write_message(Command::Give(Order::Move {
        army: sang_yi,
        path,
        forced: true,
    }));
    app.world_mut().write_message(Command::Give(Order::Attack {
        army: sang_yi,
        target: bait,
    }));
    app.update();
    let after = {
        let s = app.world().resource::<Session>();
        assert!(
            s.game
                .log()
                .iter()
                .any(|(_, _, e)| matches!(e, ordos_core::model::event::Event::Battle { .. })),
            "the attack was fought: {}",
            s.message
        );
        s.game.state_hash()
    };
    app.world_mut().write_message(Command::Undo);
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.game.state_hash(), after, "the battle stands");
    assert!(s.message.contains("Nothing to take back"), "{}", s.message);
}

// ---------------------------------------------------------------------------------------
// The replay viewer (#14).

/// Plays Haoshuichuan on historical orders and writes its replay to the test's save folder.
fn recorded_game(app: &App, seed: u64) -> (std::path::PathBuf, ordos_core::play::replay::Replay) {
    let catalog = app.world().resource::<Catalog>();
    let setup = catalog
        .scenarios
        .iter()
        .find(|s| s.scenario.id == "haoshuichuan-1041")
        .unwrap()
        .clone();
    let mut game = ordos_core::Game::new(setup, seed);
    let mut c: Vec<Box<dyn ordos_core::play::controller::Controller>> = vec![
        ordos_core::play::kinds::make(ControllerKind::Historical),
        ordos_core::play::kinds::make(ControllerKind::Historical),
    ];
    let replay = ordos_core::play::sim::play(&mut game, &mut c);
    let dir = app.world().resource::<SaveDir>().0.clone();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("recorded-{seed}.replay.ron"));
    std::fs::write(&file, ron::to_string(&replay).unwrap()).unwrap();
    (file, replay)
}

fn watch(app: &mut App, file: &std::path::Path) {
    app.world_mut()
        .write_message(Command::Watch(file.to_path_buf()));
    app.update();
    app.update();
}

fn shown_turn(app: &App) -> usize {
    app.world()
        .resource::<Session>()
        .watching
        .as_ref()
        .unwrap()
        .turn
}

fn hash_hex(app: &App) -> String {
    ordos_core::play::replay::hex_hash(app.world().resource::<Session>().game.state_hash())
}

#[test]
fn seeking_stepping_back_and_playing_forward_show_the_recorded_state() {
    let mut app = app();
    let (file, replay) = recorded_game(&app, 11);
    watch(&mut app, &file);
    assert_eq!(screen(&app), Screen::Play);
    let turns = replay.turns.len();
    assert!(turns >= 8, "{turns}");
    // Forward one turn at a time: every turn's state is the recorded one.
    for k in 1..=turns {
        app.world_mut().write_message(Command::Step(1));
        app.update();
        assert_eq!(shown_turn(&app), k);
        assert_eq!(
            hash_hex(&app),
            replay.turns[k - 1].hash,
            "forward to turn {k}"
        );
    }
    // A jump, then a step back: the same states again.
    let k = turns * 2 / 3;
    app.world_mut().write_message(Command::Seek(k));
    app.update();
    assert_eq!(hash_hex(&app), replay.turns[k - 1].hash, "seek to {k}");
    app.world_mut().write_message(Command::Step(-1));
    app.update();
    assert_eq!(shown_turn(&app), k - 1);
    assert_eq!(
        hash_hex(&app),
        replay.turns[k - 2].hash,
        "back to {}",
        k - 1
    );
    // Back to the start: the game as it began.
    app.world_mut().write_message(Command::Seek(0));
    app.update();
    let setup = app.world().resource::<Session>().game.setup().clone();
    assert_eq!(
        app.world().resource::<Session>().game.state_hash(),
        ordos_core::Game::new(setup, 11).state_hash()
    );
}

#[test]
fn playing_runs_the_game_to_its_end_and_stops() {
    let mut app = app();
    // Each update is a quarter of a second: at 4 turns a second, a turn an update.
    app.insert_resource(bevy::time::TimeUpdateStrategy::ManualDuration(
        std::time::Duration::from_millis(260),
    ));
    let (file, replay) = recorded_game(&app, 12);
    watch(&mut app, &file);
    // 1 turn a second → 2 → 4.
    for _ in 0..2 {
        app.world_mut().write_message(Command::CycleSpeed);
    }
    app.world_mut().write_message(Command::PlayPause);
    app.update();
    let mut updates = 0;
    while app
        .world()
        .resource::<Session>()
        .watching
        .as_ref()
        .unwrap()
        .playing
    {
        app.update();
        updates += 1;
        assert!(updates < 10 * replay.turns.len(), "never stopped");
    }
    assert_eq!(shown_turn(&app), replay.turns.len());
    let s = app.world().resource::<Session>();
    assert!(s.game.is_over());
    assert_eq!(
        hash_hex(&app),
        replay.turns.last().unwrap().hash,
        "the last recorded state"
    );
}

#[test]
fn next_battle_goes_to_the_first_turn_with_a_battle_or_capture() {
    let mut app = app();
    let (file, _) = recorded_game(&app, 13);
    watch(&mut app, &file);
    app.world_mut().write_message(Command::NextEvent);
    app.update();
    let s = app.world().resource::<Session>();
    let w = s.watching.as_ref().unwrap();
    let k = w.turn;
    assert!(k > 0);
    assert!(
        w.timeline.events_of(k).iter().any(|(_, _, e)| matches!(
            e,
            ordos_core::model::event::Event::Battle { .. }
                | ordos_core::model::event::Event::PlaceCaptured { .. }
        )),
        "turn {k} has a battle or a capture"
    );
    for t in 1..k {
        assert!(!w.timeline.events_of(t).iter().any(|(_, _, e)| matches!(
            e,
            ordos_core::model::event::Event::Battle { .. }
                | ordos_core::model::event::Event::PlaceCaptured { .. }
        )));
    }
}

/// Ends every part of the turn until the game is over (the human gives no orders).
fn finish(app: &mut App) {
    let mut n = 0;
    while !app.world().resource::<Session>().game.is_over() {
        app.world_mut().write_message(Command::EndSide);
        app.update();
        if screen(app) == Screen::HandOver {
            app.world_mut().write_message(Command::Continue);
            app.update();
        }
        n += 1;
        assert!(n < 400, "the game does not end");
    }
}

#[test]
fn taking_command_as_either_side_plays_on_and_records_a_replay_that_verifies() {
    for side in 0..2 {
        let mut app = app();
        let (file, replay) = recorded_game(&app, 14);
        watch(&mut app, &file);
        let k = 3;
        app.world_mut().write_message(Command::Seek(k));
        app.update();
        let at_k = hash_hex(&app);
        let mut control =
            vec![Control::Computer(ControllerKind::Ai(ordos_core::play::ai::Level::Normal,)); 2];
        control[side] = Control::Human;
        app.world_mut().write_message(Command::TakeCommand(control));
        app.update();
        app.update();
        {
            let s = app.world().resource::<Session>();
            assert!(s.watching.is_none(), "playing now");
            assert_eq!(s.replay.turns.len(), k, "the turns before are kept");
            assert_eq!(s.replay.turns[k - 1].hash, replay.turns[k - 1].hash);
            assert_eq!(s.replay.turns[k - 1].hash, at_k);
            assert_eq!(s.control[side], Control::Human);
        }
        finish(&mut app);
        let s = app.world().resource::<Session>();
        let saved = s.saved();
        assert!(saved.replay.complete);
        let n = saved
            .replay
            .verify(s.game.setup())
            .expect("the new game's replay verifies");
        assert_eq!(n, saved.replay.turns.len());
        assert!(n > k);
    }
}

#[test]
fn a_replay_under_other_rules_is_refused_naming_both() {
    let mut app = app();
    let (file, mut replay) = recorded_game(&app, 15);
    replay.rules.version += 1;
    std::fs::write(&file, ron::to_string(&replay).unwrap()).unwrap();
    watch(&mut app, &file);
    assert_eq!(screen(&app), Screen::Title);
    let problem = &app.world().resource::<ordos::app::session::LoadProblem>().0;
    assert!(problem.contains("recorded under other rules"), "{problem}");
    assert!(problem.contains(&replay.rules.to_string()), "{problem}");
    assert!(
        problem.contains(&ordos_core::play::replay::RulesStamp::current().to_string()),
        "{problem}"
    );
    assert!(problem.contains("recorded-15.replay.ron"), "{problem}");
}

#[test]
fn a_save_under_other_rules_still_loads_from_its_snapshot() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    for _ in 0..4 {
        app.world_mut().write_message(Command::EndSide);
        app.update();
        app.world_mut().write_message(Command::Continue);
        app.update();
    }
    let hash = app.world().resource::<Session>().game.state_hash();
    app.world_mut().write_message(Command::Save("older".into()));
    app.update();
    let file = app
        .world()
        .resource::<SaveDir>()
        .path("haoshuichuan-1041", "older");
    let mut saved = ordos::app::saves::read_save(&file).unwrap();
    saved.replay.rules.tables = "0000000000000000".into();
    std::fs::write(&file, ron::to_string(&saved).unwrap()).unwrap();
    app.world_mut().write_message(Command::Quit);
    app.update();
    app.world_mut().write_message(Command::Load(file));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Play);
    let s = app.world().resource::<Session>();
    assert!(s.unverified);
    assert!(s.message.contains("older rules"), "{}", s.message);
    assert_eq!(s.game.state_hash(), hash, "the game as it stood");
}

// ---------------------------------------------------------------------------------------
// A new player (#18).

#[test]
fn turn_one_is_saved_before_any_turn_is_played() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Human,
            Control::Computer(ControllerKind::Historical),
        ],
    );
    let dir = app.world().resource::<SaveDir>().clone();
    let auto = dir.path("haoshuichuan-1041", "autosave");
    assert!(auto.is_file(), "{}", auto.display());
    let saved = ordos::app::saves::read_save(&auto).unwrap();
    assert_eq!(saved.replay.turns.len(), 0);
    assert_eq!(saved.control, vec!["human", "historical"]);
}

#[test]
fn a_click_on_a_hex_held_by_a_friendly_army_marches_there() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    // Some Song army, and another Song army's hex it can reach today.
    let (army, goal) = {
        let s = app.world().resource::<Session>();
        let g = &s.game;
        let song = g.side_id("song").unwrap();
        let mine: Vec<_> = g
            .state()
            .armies
            .iter()
            .filter(|a| a.side == song && a.is_active())
            .collect();
        mine.iter()
            .flat_map(|a| mine.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a.id != b.id && a.hex != b.hex)
            .find_map(|(a, b)| {
                let p = g.find_path(a, b.hex)?;
                (g.truncate_to_turn(a, &p, false).last() == Some(&b.hex)).then_some((a.id, b.hex))
            })
            .expect("two Song armies a day apart")
    };
    app.world_mut().write_message(Command::Select(Some(army)));
    app.update();
    let clicks = click_commands(app.world().resource::<Session>(), goal, false);
    assert!(
        matches!(clicks.as_slice(), [Command::Give(Order::Move { path, .. })] if path.last() == Some(&goal)),
        "{clicks:?}"
    );
    for c in clicks {
        app.world_mut().write_message(c);
    }
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.game.army(army).hex, goal, "{}", s.message);
    // With nothing selected, the same click selects the army there.
    let mut s2 = Session::new(s.game.setup().clone(), s.control.clone(), 7);
    s2.selected = None;
    let there = s2.game.armies_at(goal).next().map(|a| a.id);
    assert_eq!(
        click_commands(&s2, goal, false)
            .first()
            .map(|c| matches!(c, Command::Select(x) if *x == there)),
        Some(true)
    );
}

/// The game over a mod folder of its own holding a copy of Haoshuichuan (its folders looked at
/// as time passes): the app, the copy's path and its text.
fn mod_folder_app(name: &str) -> (App, std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("ordos-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/haoshuichuan-1041.ron");
    let file = dir.join("haoshuichuan-1041.ron");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::write(&file, &text).unwrap();
    let folders = vec![ordos_core::load::catalog::Folder {
        path: dir.clone(),
        origin: ordos_core::load::catalog::Origin::User,
    }];
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, LogicPlugins))
        .insert_resource(Catalog::of_folders(folders))
        .insert_resource(SaveDir(dir.join("saves")))
        .insert_resource(bevy::time::TimeUpdateStrategy::ManualDuration(
            std::time::Duration::from_millis(700),
        ));
    app.update();
    (app, file, text)
}

#[test]
fn a_scenario_edited_on_disk_is_reloaded_and_the_game_offers_a_restart() {
    let (mut app, file, text) = mod_folder_app("hot");
    start(&mut app, vec![Control::Human, Control::Human]);
    let title = app
        .world()
        .resource::<Session>()
        .game
        .scenario()
        .title
        .clone();
    // The modder edits the title and saves the file.
    std::fs::write(
        &file,
        text.replacen(&format!("\"{title}\""), "\"Edited by a modder\"", 1),
    )
    .unwrap();
    for _ in 0..6 {
        app.update();
    }
    assert!(app.world().resource::<Session>().scenario_changed);
    let catalog = app.world().resource::<Catalog>();
    assert_eq!(catalog.scenarios[0].scenario.title, "Edited by a modder");
    assert!(catalog.is_mod(0));
    app.world_mut().write_message(Command::Restart);
    app.update();
    app.update();
    let s = app.world().resource::<Session>();
    assert_eq!(s.game.scenario().title, "Edited by a modder");
    assert!(!s.scenario_changed);
    assert_eq!(s.game.state().turn, 1);
}

// ---------------------------------------------------------------------------------------
// The play screen's HUD, headless (#18): the logic plugins with the HUD and the end screen,
// fonts left empty (nothing is drawn).

use ordos::app::hud::{Ask, Dialog};
use ordos::app::theme::ButtonAction;

fn ui_app() -> App {
    let mut app = app();
    app.add_plugins(bevy::input::InputPlugin)
        .init_resource::<ordos::app::theme::Fonts>()
        .init_resource::<ordos::app::map_view::Hovered>()
        .init_resource::<ordos::app::map_view::FocusOn>()
        .add_plugins((ordos::app::hud::plugin, ordos::app::end::plugin));
    app.update();
    app
}

fn key(app: &mut App, k: KeyCode) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: k,
            logical_key: Key::Unidentified(NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
    app.update();
}

/// Presses the button that does `action`, as a click would.
fn press(app: &mut App, action: ButtonAction) {
    let e = {
        let w = app.world_mut();
        let mut q = w.query::<(Entity, &ButtonAction)>();
        q.iter(w)
            .find(|(_, a)| **a == action)
            .map(|(e, _)| e)
            .unwrap_or_else(|| panic!("no {action:?} button"))
    };
    app.world_mut().entity_mut(e).insert(Interaction::Pressed);
    app.update();
    if let Ok(mut em) = app.world_mut().get_entity_mut(e) {
        em.insert(Interaction::None);
    }
    app.update();
}

fn texts(app: &mut App) -> Vec<String> {
    let w = app.world_mut();
    let mut q = w.query::<&Text>();
    q.iter(w).map(|t| t.0.clone()).collect()
}

fn human_vs_history(app: &mut App) {
    start(
        app,
        vec![
            Control::Human,
            Control::Computer(ControllerKind::Historical),
        ],
    );
    app.update();
}

#[test]
fn the_menu_asks_before_leaving_and_keeps_the_game() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    let ren_fu = app
        .world()
        .resource::<Session>()
        .game
        .army_id("ren-fu")
        .unwrap();
    app.world_mut()
        .write_message(Command::Give(Order::Fortify { army: ren_fu }));
    app.update();
    press(&mut app, ButtonAction::Quit);
    assert_eq!(app.world().resource::<Dialog>().0, Some(Ask::Quit));
    assert_eq!(screen(&app), Screen::Play, "asked, not gone");
    // "Keep playing" closes the question.
    press(&mut app, ButtonAction::Stay);
    assert_eq!(app.world().resource::<Dialog>().0, None);
    assert_eq!(screen(&app), Screen::Play);
    // Asked again and answered yes: the game is saved, with the order of this turn.
    press(&mut app, ButtonAction::Quit);
    press(&mut app, ButtonAction::QuitConfirmed);
    app.update();
    assert_eq!(screen(&app), Screen::Title);
    let auto = app
        .world()
        .resource::<SaveDir>()
        .path("haoshuichuan-1041", "autosave");
    let saved = ordos::app::saves::read_save(&auto).unwrap();
    assert!(
        saved
            .pending
            .iter()
            .any(|(_, o)| matches!(o, Order::Fortify { army } if *army == ren_fu)),
        "{:?}",
        saved.pending
    );
    assert!(ordos::app::saves::latest(app.world().resource::<SaveDir>()).is_some());
}

#[test]
fn ending_a_turn_with_armies_unmoved_asks_first() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    key(&mut app, KeyCode::Enter);
    let Some(Ask::EndTurn(unmoved)) = app.world().resource::<Dialog>().0.clone() else {
        panic!("no question")
    };
    assert!(!unmoved.is_empty());
    assert_eq!(app.world().resource::<Session>().game.state().turn, 1);
    // Escape: back to giving orders.
    key(&mut app, KeyCode::Escape);
    assert_eq!(app.world().resource::<Dialog>().0, None);
    assert_eq!(app.world().resource::<Session>().game.state().turn, 1);
    // Enter, Enter: the turn ends.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.world().resource::<Session>().game.state().turn, 2);
    // With every army given an order, Enter ends the turn at once.
    let mine = app.world().resource::<Session>().unmoved();
    for a in mine {
        app.world_mut()
            .write_message(Command::Give(Order::Fortify { army: a }));
        app.update();
    }
    assert!(app.world().resource::<Session>().unmoved().is_empty());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.world().resource::<Dialog>().0, None);
    assert_eq!(app.world().resource::<Session>().game.state().turn, 3);
}

#[test]
fn the_next_army_key_selects_each_unmoved_army_and_centres_on_it() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    let unmoved = app.world().resource::<Session>().unmoved();
    assert!(unmoved.len() >= 2);
    let mut seen = Vec::new();
    for _ in 0..unmoved.len() {
        key(&mut app, KeyCode::KeyN);
        let s = app.world().resource::<Session>();
        let sel = s.selected.expect("selected");
        assert_eq!(
            app.world().resource::<ordos::app::map_view::FocusOn>().0,
            Some(s.game.army(sel).hex),
            "centred on it"
        );
        seen.push(sel);
    }
    seen.sort();
    let mut want = unmoved.clone();
    want.sort();
    assert_eq!(seen, want, "each unmoved army once");
}

#[test]
fn the_victory_panel_shows_every_condition_with_its_points_and_where_it_stands() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    let all = texts(&mut app).join("\n");
    let s = app.world().resource::<Session>();
    let sc = s.game.scenario();
    assert!(all.contains("To win"), "{all}");
    for v in &sc.victory {
        let words = ordos_core::play::report::condition_words(sc, v);
        assert!(all.contains(&words), "{words} not shown");
    }
    // Where Zhenrong stands now, by the side's name.
    let song = &sc.sides.iter().find(|x| x.id == "song").unwrap().name;
    assert!(all.contains(&format!("Zhenrong held by {song}")), "{all}");
}

#[test]
fn the_end_screen_lists_the_conditions_met_and_the_last_turn() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    finish(&mut app);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::End);
    let all = texts(&mut app).join("\n");
    let g = &app.world().resource::<Session>().game;
    let met = g.state().scored.iter().filter(|m| **m).count();
    assert!(met > 0);
    assert_eq!(all.matches("— met on ").count(), met, "{all}");
    assert!(all.contains("Victory conditions"));
    assert!(all.contains("The last turn"));
    assert!(all.contains("Men of each side, turn by turn"));
}

#[test]
fn order_buttons_have_fixed_rects_ahead_of_the_changing_text() {
    let mut app = ui_app();
    human_vs_history(&mut app);
    let w = app.world_mut();
    let mut q = w.query::<(&ButtonAction, &Node, &ChildOf)>();
    let orders: Vec<(ButtonAction, Node, Entity)> = q
        .iter(w)
        .filter(|(a, _, _)| {
            ordos::app::hud::ORDER_BUTTONS
                .iter()
                .any(|(_, b, _)| *b == **a)
        })
        .map(|(a, n, p)| (*a, n.clone(), p.parent()))
        .collect();
    assert_eq!(orders.len(), ordos::app::hud::ORDER_BUTTONS.len());
    for (a, n, _) in &orders {
        assert!(
            matches!(n.width, Val::Px(_)) && matches!(n.height, Val::Px(_)),
            "{a:?} has a fixed size"
        );
    }
    // One row holds them all, and it comes before anything else in its panel, so text that
    // grows below cannot push them.
    let row = orders[0].2;
    assert!(orders.iter().all(|(_, _, p)| *p == row));
    let panel = w.get::<ChildOf>(row).unwrap().parent();
    let children = w.get::<Children>(panel).unwrap();
    assert_eq!(children.first(), Some(&row));
}

#[test]
fn an_idle_screen_is_not_redrawn_but_a_playing_viewer_is() {
    use bevy::winit::{UpdateMode, WinitSettings};
    let mut app = app();
    ordos::app::redraw_when_needed(&mut app);
    app.update();
    // The first frames are drawn in full (the window's first picture), then it rests.
    assert_eq!(
        app.world().resource::<WinitSettings>().focused_mode,
        UpdateMode::Continuous
    );
    for _ in 0..65 {
        app.update();
    }
    let idle = WinitSettings::desktop_app().focused_mode;
    assert!(matches!(idle, UpdateMode::Reactive { .. }));
    assert_eq!(app.world().resource::<WinitSettings>().focused_mode, idle);
    let (file, _) = recorded_game(&app, 16);
    watch(&mut app, &file);
    app.world_mut().write_message(Command::PlayPause);
    app.update();
    app.update();
    assert_eq!(
        app.world().resource::<WinitSettings>().focused_mode,
        UpdateMode::Continuous
    );
    // Without the focus too: a replay plays on behind another window.
    assert_eq!(
        app.world().resource::<WinitSettings>().unfocused_mode,
        UpdateMode::Continuous
    );
    app.world_mut().write_message(Command::PlayPause);
    for _ in 0..65 {
        app.update();
    }
    assert_eq!(app.world().resource::<WinitSettings>().focused_mode, idle);
}

#[test]
fn taking_command_stops_the_replay_where_the_question_was_asked() {
    let mut app = ui_app();
    let (file, _) = recorded_game(&app, 21);
    watch(&mut app, &file);
    app.world_mut().write_message(Command::PlayPause);
    app.update();
    assert!(
        app.world()
            .resource::<Session>()
            .watching
            .as_ref()
            .unwrap()
            .playing
    );
    press(&mut app, ButtonAction::TakeCommand);
    let w = app.world().resource::<Session>().watching.as_ref().unwrap();
    assert!(!w.playing, "the replay pauses behind the question");
    let turn = w.turn;
    assert!(matches!(
        app.world().resource::<Dialog>().0,
        Some(Ask::TakeCommand(_))
    ));
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(shown_turn(&app), turn);
}

#[test]
fn a_save_naming_the_wrong_number_of_controllers_is_refused_and_the_game_kept() {
    let mut app = app();
    start(&mut app, vec![Control::Human, Control::Human]);
    let dir = app.world().resource::<SaveDir>().clone();
    std::fs::create_dir_all(&dir.0).unwrap();
    let mut saved = app.world().resource::<Session>().saved();
    saved.control.push("ai".into());
    let bad = dir.0.join("three-sides.save.ron");
    std::fs::write(&bad, ron::to_string(&saved).unwrap()).unwrap();
    let before = app.world().resource::<Session>().game.state_hash();
    app.world_mut().write_message(Command::Load(bad.clone()));
    app.update();
    let s = app.world().resource::<Session>();
    assert!(s.message.contains("three-sides.save.ron"), "{}", s.message);
    assert!(s.message.contains("3 controller(s)"), "{}", s.message);
    assert_eq!(s.game.state_hash(), before);
}

#[test]
fn a_scenario_that_stops_validating_is_listed_with_its_located_errors() {
    let (mut app, file, text) = mod_folder_app("broken");
    assert_eq!(app.world().resource::<Catalog>().scenarios.len(), 1);
    // The modder saves a mistake: an unknown side on one army.
    let broken = text.replacen("side: \"song\"", "side: \"jin\"", 1);
    let line = broken.lines().position(|l| l.contains("\"jin\"")).unwrap() + 1;
    std::fs::write(&file, broken).unwrap();
    // The folders are looked at every 2 s of game time (a frame counts at most 0.25 s).
    for _ in 0..12 {
        app.update();
    }
    let catalog = app.world().resource::<Catalog>();
    assert!(
        catalog.scenarios.is_empty(),
        "the broken file is not offered"
    );
    let problem = catalog
        .problems
        .iter()
        .find(|p| p.contains("haoshuichuan-1041.ron"))
        .unwrap_or_else(|| panic!("not listed: {:?}", catalog.problems));
    assert!(
        problem.contains(&format!(":{line}:")) && problem.contains("jin"),
        "{problem}"
    );
}

#[test]
fn the_viewers_summary_speaks_of_the_games_end_from_any_turn() {
    let mut app = ui_app();
    let (file, _) = recorded_game(&app, 23);
    watch(&mut app, &file);
    assert_eq!(shown_turn(&app), 0);
    press(&mut app, ButtonAction::ShowEnd);
    app.update();
    assert_eq!(screen(&app), Screen::End);
    let all = texts(&mut app).join("\n");
    // Not the game at turn 0 (nobody has won yet, nothing is met), but as the replay ends.
    assert!(all.contains("Western Xia wins."), "{all}");
    assert!(all.contains("— met on "), "{all}");
}

#[test]
fn the_pickers_rows_keep_their_places_from_one_scenario_to_the_next() {
    use ordos::app::picker::{BeginRow, PickerChoice, SIDE_ROW_PX};
    let mut app = ui_app();
    app.init_resource::<Assets<Image>>()
        .add_plugins(ordos::app::picker::plugin);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Picker);
    app.update();
    app.update();
    let scenarios = app.world().resource::<Catalog>().scenarios.len();
    assert!(scenarios > 10);
    for k in 0..scenarios {
        // As picking it in the list does: the choice, and the picker built again for it.
        app.world_mut().resource_mut::<PickerChoice>().scenario = k;
        app.world_mut()
            .resource_mut::<PickerChoice>()
            .control
            .clear();
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Picker);
        app.update();
        app.update();
        let w = app.world_mut();
        // Begin sits at the foot of its panel: the last row, its top margin taking the slack.
        let mut q = w.query_filtered::<(Entity, &Node, &ChildOf), With<BeginRow>>();
        let (begin, node, parent) = q.single(w).expect("one Begin row");
        assert_eq!(node.margin.top, Val::Auto, "scenario {k}");
        let panel = parent.parent();
        let rows: Vec<Entity> = w.get::<Children>(panel).unwrap().iter().collect();
        assert_eq!(rows.last(), Some(&begin), "scenario {k}");
        // Every row between the briefing and Begin is a side's row, of one fixed height.
        for &r in &rows[1..rows.len() - 1] {
            assert_eq!(
                w.get::<Node>(r).unwrap().height,
                Val::Px(SIDE_ROW_PX),
                "scenario {k}"
            );
        }
        assert_eq!(rows.len() - 2, w.resource::<PickerChoice>().control.len());
    }
}

/// A game at rest is not marked changed, so the counters, places and panels that are rebuilt on
/// a change are not rebuilt every frame (the viewer's clock took the session mutably each
/// frame, watching or not, and marked it changed).
#[test]
fn a_game_at_rest_is_not_marked_changed_from_frame_to_frame() {
    #[derive(Resource, Default)]
    struct Changes(u32);
    fn count(s: Option<Res<Session>>, mut c: ResMut<Changes>) {
        if s.is_some_and(|s| s.is_changed()) {
            c.0 += 1;
        }
    }
    let mut app = app();
    app.init_resource::<Changes>().add_systems(Last, count);
    human_vs_history(&mut app);
    for _ in 0..5 {
        app.update();
    }
    app.world_mut().resource_mut::<Changes>().0 = 0;
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(app.world().resource::<Changes>().0, 0);
    // A change is still seen: a selection marks it once.
    let id = app.world().resource::<Session>().game.army_id("ren-fu");
    app.world_mut().write_message(Command::Select(id));
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(app.world().resource::<Changes>().0, 1);
}
