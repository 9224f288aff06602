//! One AI turn (every round of orders for a side, submitted and resolved) on each shipped
//! scenario, from the state after three turns of AI against AI.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::ai::Level;
use ordos_core::play::controller::Controller;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::replay::Replay;
use ordos_core::play::sim::{play_side, play_turn};
use std::hint::black_box;
use std::path::Path;

fn ai_turn(c: &mut Criterion) {
    for id in ["haoshuichuan-1041", "yongle-1082", "lanzhou-1084"] {
        let s = load_path(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../scenarios/{id}.ron")),
        )
        .unwrap();
        let mut g = Game::new(s, 7);
        let mut ctl: Vec<Box<dyn Controller>> = vec![
            make(ControllerKind::Ai(Level::Normal)),
            make(ControllerKind::Ai(Level::Normal)),
        ];
        let mut record = Replay::new(g.setup(), 7);
        for _ in 0..3 {
            play_turn(&mut g, &mut ctl, &mut record);
        }
        for level in [Level::Easy, Level::Normal] {
            for side in 0..g.scenario().sides.len() {
                let name = format!("{id} AI turn ({level:?}, {})", g.scenario().sides[side].id);
                c.bench_function(&name, |b| {
                    b.iter_batched(
                        || g.clone(),
                        |mut g| {
                            let mut ai = make(ControllerKind::Ai(level));
                            let side = ordos_core::model::state::SideId(side as u8);
                            black_box(play_side(&mut g, ai.as_mut(), side).len())
                        },
                        criterion::BatchSize::SmallInput,
                    )
                });
            }
        }
    }
}

criterion_group!(benches, ai_turn);
criterion_main!(benches);
