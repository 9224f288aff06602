//! The supply phase of one day on a map of 20,000 hexes with 50 armies (and 10 places): supply
//! traced to walls, forage, porters, water, attrition.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::load::load_str;
use std::hint::black_box;

const W: usize = 160;
const H: usize = 125;

fn big_scenario() -> String {
    let pattern = b"llllvvssdlmf";
    let mut rows = String::new();
    for r in 0..H {
        let row: String = (0..W)
            .map(|c| {
                if c == W / 2 {
                    'Y'
                } else {
                    pattern[(c * 7 + r * 13 + (c / 9) * (r / 7)) % pattern.len()] as char
                }
            })
            .collect();
        rows.push_str(&format!("\"{row}\",\n"));
    }
    let mut places = String::new();
    for i in 0..10 {
        let (c, r) = (8 + i * 15, 10 + (i * 37) % 100);
        let owner = if c < W / 2 { "song" } else { "xia" };
        places.push_str(&format!(r#"(id: "p{i}", name: "P{i}", kind: Fort, hex: ({c}, {r}), owner: "{owner}", walls: 2, stores_sheng: 100000000, water: true),"#));
    }
    let mut armies = String::new();
    for i in 0..50 {
        let (c, r) = (3 + (i * 31) % (W - 6), 3 + (i * 17) % (H - 6));
        let c = if c == W / 2 { c + 1 } else { c };
        let side = if c < W / 2 { "song" } else { "xia" };
        armies.push_str(&format!(r#"(id: "a{i}", name: "A{i}", side: "{side}", commander: "c", hex: ({c}, {r}), men: (foot: 10000, light_horse: 2000), porters: 8000, animals: (camels: 100)),"#));
    }
    format!(
        r#"Scenario(id: "bench", title: "Bench", start: "1082-09-01", end: "1082-12-01", briefing: "",
        sides: [(id: "song", name: "Song"), (id: "xia", name: "Xia")], wars: [("song", "xia")], turn_order: ["song", "xia"],
        map: (hex_m: 5000, legend: {{'l': "loess-hills", 'v': "river-valley", 's': "steppe", 'd': "desert", 'm': "mountains", 'f': "forest", 'Y': "yellow-river"}},
              rows: [{rows}], fords: [(80, 60)]),
        places: [{places}], armies: [{armies}],
        victory: [(side: "song", condition: Inflict(men: 1000000))])"#
    )
}

fn supply(c: &mut Criterion) {
    let s = load_str("bench.ron", &big_scenario()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.map.len(), 20_000);
    let game = Game::new(s, 1);
    c.bench_function("supply phase, 20,000 hexes, 50 armies", |b| {
        b.iter_batched(
            || game.clone(),
            |mut g| {
                g.supply_phase();
                black_box(g.state().armies.len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, supply);
criterion_main!(benches);
