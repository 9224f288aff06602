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
fn computer_against_computer_plays_to_the_end_screen() {
    let mut app = app();
    start(
        &mut app,
        vec![
            Control::Computer(ControllerKind::Historical),
            Control::Computer(ControllerKind::Historical),
        ],
    );
    assert_eq!(screen(&app), Screen::End);
    assert!(app.world().resource::<Session>().game.is_over());
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
    assert_eq!(screen(&app), Screen::End);
    assert!(app.world().resource::<Session>().game.is_over());
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
