//! Small scenarios for tests, written in the modders' RON format.
#![allow(dead_code)]

use ordos_core::load::load_str;
use ordos_core::{Game, Scenario, Setup};
use std::sync::Arc;

/// A scenario on a hand-drawn map with the given rows and armies (RON snippets).
pub fn scenario(start: &str, rows: &[&str], places: &str, armies: &str, extra: &str) -> Arc<Setup> {
    let rows: String = rows.iter().map(|r| format!("        \"{r}\",\n")).collect();
    let end = start
        .parse::<ordos_core::calendar::Date>()
        .expect("a date")
        .plus_days(365);
    let text = format!(
        r#"Scenario(
    id: "test",
    title: "Test",
    start: "{start}",
    end: "{end}",
    briefing: "",
    sides: [(id: "song", name: "Song"), (id: "xia", name: "Xia")],
    wars: [("song", "xia")],
    turn_order: ["song", "xia"],
    map: (
        hex_m: 5000,
        legend: {{'s': "steppe", 'd': "desert", 'l': "loess-hills", 'm': "mountains", 'v': "river-valley", '~': "stream", 'Y': "yellow-river", 'f': "forest", 'i': "irrigated-plain"}},
        rows: [
{rows}        ],
        {extra}
    ),
    places: [{places}],
    armies: [{armies}],
    victory: [(side: "song", condition: Inflict(men: 999999))],
)"#
    );
    load_str("test.ron", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

pub fn army(id: &str, side: &str, col: i32, row: i32, men: &str, more: &str) -> String {
    format!(
        r#"(id: "{id}", name: "{id}", side: "{side}", commander: "{id}", hex: ({col}, {row}), men: ({men}), {more}),"#
    )
}

pub fn game(s: Arc<Setup>) -> Game {
    Game::new(s, 42)
}

/// The same scenario with a change made to it, loaded again.
pub fn remake(s: &Setup, change: impl FnOnce(&mut Scenario)) -> Arc<Setup> {
    let mut scenario = s.scenario.clone();
    change(&mut scenario);
    ordos_core::load::from_scenario("test.ron", scenario).unwrap_or_else(|e| panic!("{e}"))
}
