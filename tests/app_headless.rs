//! The game's logic plugins driven headless (no window, no GPU, no renderer): start a
//! scenario, select an army, order a march, end the turn, and see the core state change.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use ordos::app::LogicPlugins;
use ordos::app::map_view::click_commands;
use ordos::app::screens::Screen;
use ordos::app::session::{Catalog, Command, Control, Session};
use ordos_core::Order;
use ordos_core::controller::ControllerKind;
use ordos_core::hex::Hex;

fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, LogicPlugins))
        .insert_resource(Catalog::load());
    app.update();
    app
}

fn start(app: &mut App, control: Vec<Control>) {
    let index = app
        .world()
        .resource::<Catalog>()
        .scenarios
        .iter()
        .position(|s| s.id == "haoshuichuan-1041")
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
    assert_eq!(s.game.state.turn, 2);
    assert_eq!(s.game.state.date.to_string(), "1041-02-11");
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
            Control::Computer(ControllerKind::Ai(ordos_core::ai::Level::Normal)),
        ],
    );
    assert_eq!(screen(&app), Screen::Play);
    let xia_hexes = |app: &App| {
        let s = app.world().resource::<Session>();
        let xia = s.game.side_id("xia").unwrap();
        s.game
            .state
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
    assert!(s.game.state.turn >= 3);
}

#[test]
fn ai_against_ai_plays_to_the_end_screen() {
    let mut app = app();
    let ai = Control::Computer(ControllerKind::Ai(ordos_core::ai::Level::Normal));
    start(&mut app, vec![ai, ai]);
    assert_eq!(screen(&app), Screen::End);
    assert!(app.world().resource::<Session>().game.is_over());
}
