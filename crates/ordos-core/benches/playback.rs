//! One full Haoshuichuan 1041 playback with both sides on historical orders.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use std::hint::black_box;
use std::path::Path;

fn playback(c: &mut Criterion) {
    let s = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/haoshuichuan-1041.ron"
    )))
    .unwrap();
    c.bench_function("haoshuichuan-1041 full historical playback", |b| {
        b.iter(|| {
            let mut g = Game::new(s.clone(), black_box(7));
            let mut ctl = vec![
                make(ControllerKind::Historical),
                make(ControllerKind::Historical),
            ];
            play(&mut g, &mut ctl);
            black_box(g.state_hash())
        })
    });
    c.bench_function("haoshuichuan-1041 load and validate", |b| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/haoshuichuan-1041.ron"
        ))
        .unwrap();
        b.iter(|| black_box(ordos_core::load::load_str("h.ron", &text).is_ok()))
    });
}

criterion_group!(benches, playback);
criterion_main!(benches);
