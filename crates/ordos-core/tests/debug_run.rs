use ordos_core::controller::{make, ControllerKind};
use ordos_core::validate::load_path;
use ordos_core::Game;

#[test]
fn debug_run() {
    let s = load_path(std::path::Path::new("../../scenarios/haoshuichuan-1041.ron")).unwrap_or_else(|e| panic!("{e}"));
    let seed: u64 = std::env::var("SEED").ok().and_then(|x| x.parse().ok()).unwrap_or(7);
    let mut g = Game::new(s, seed);
    let mut c = vec![make(ControllerKind::Historical), make(ControllerKind::Historical)];
    ordos_core::sim::play(&mut g, &mut c);
    if std::env::var("EVENTS").is_ok() {
        for (t, d, e) in &g.log {
            if !matches!(e, ordos_core::event::Event::Provisioned { .. } | ordos_core::event::Event::Spirits { .. } | ordos_core::event::Event::Weather { .. }) {
                println!("{t} {d} {e:?}");
            }
        }
    }
    println!("{}", ordos_core::sim::report(&g));
}
