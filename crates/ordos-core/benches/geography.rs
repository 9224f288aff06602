//! Generating hex maps from the Ordos geography: the whole frontier at 5 km a hex, and a
//! battle's valley at 1.5 km.

use criterion::{Criterion, criterion_group, criterion_main};
use ordos_core::load::geo::{Window, generate, ordos};
use std::hint::black_box;

fn geography(c: &mut Criterion) {
    let geo = ordos();
    let region = Window {
        south: 35.0,
        west: 100.0,
        north: 41.5,
        east: 111.5,
    };
    c.bench_function(
        "generate the whole Ordos frontier at 5 km (36,292 hexes)",
        |b| {
            b.iter(|| {
                black_box(
                    generate(&geo, black_box(region), 5000)
                        .unwrap()
                        .terrain
                        .len(),
                )
            })
        },
    );
    let valley = Window {
        south: 35.7,
        west: 105.6,
        north: 36.35,
        east: 106.45,
    };
    c.bench_function("generate the Haoshuichuan valley at 1.5 km", |b| {
        b.iter(|| {
            black_box(
                generate(&geo, black_box(valley), 1500)
                    .unwrap()
                    .terrain
                    .len(),
            )
        })
    });
    c.bench_function("parse the geography file", |b| {
        b.iter(|| black_box(ordos().places.len()))
    });
}

criterion_group!(benches, geography);
criterion_main!(benches);
