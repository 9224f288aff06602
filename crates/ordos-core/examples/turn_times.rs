//! Times each turn of one game (both sides' controllers and the turn's resolution): the
//! slowest turn and the mean. `cargo run -p ordos-core --release --example turn_times --
//! scenarios/five-armies-1081.ron ai`
use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::sim::play_turn;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let setup = load_path(std::path::Path::new(&args[0])).unwrap_or_else(|e| panic!("{e}"));
    let kind: ControllerKind = args.get(1).map_or("ai", |s| s.as_str()).parse().unwrap();
    let mut g = Game::new(setup.clone(), 1);
    let mut c: Vec<_> = setup.scenario.sides.iter().map(|_| make(kind)).collect();
    let mut r = Replay::new(&setup, 1);
    let mut times = Vec::new();
    while !g.is_over() && g.state().turn < 5000 {
        let t = Instant::now();
        play_turn(&mut g, &mut c, &mut r);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let max = times.iter().cloned().fold(0.0, f64::max);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "{} turns: mean {mean:.1} ms, slowest {max:.1} ms (both sides and the turn's resolution)",
        times.len()
    );
}
