//! The same scenario, seed and orders give the same game on every build profile and platform:
//! this hash was recorded from a debug build and is checked in debug and release alike
//! (`cargo test -p ordos-core --release --test golden`). A rule or data change that alters
//! games changes it; update it then, on purpose, and say why here.
//!
//! History of the hash:
//! - `4835e7e2e662a487`: the generated maps (round 1).
//! - `1d06128c6cb3d696`: one march search. A routed army may not step into an enemy's zone
//!   of control, and now the search that finds its way knows it too: before, the search found
//!   ways that the march check then refused, so a routed army whose cheapest way home ended
//!   beside the enemy stood where it was; now it makes for the nearest hex it can reach.
//!   (Over seeds 1–30 of Haoshuichuan on historical orders the Xia now win 28, the Song 1, one
//!   is drawn; before it was 26, 1 and 3. Seed 7, drawn before, is now the Song's win.)
//! - `8f6471150cb4d658`: the modder's kit. The state records grain stocked into each place and
//!   grain each army lost to the enemy (for the `Deliver` and `Baggage` conditions), so every
//!   state hashes differently; an army is caught fording only while it crosses (it marched
//!   into the stream this turn), not whenever it stands by one; historical orders already
//!   carried out (a fortified army told to fortify) are no longer given again. Haoshuichuan
//!   seeds 1–30: the Xia win all 30; Yongle falls in all 30; Lanzhou holds in all 30.
//! - `fb93338c7287767f`: the rules of the campaigns' plan (docs/campaigns/rules-plan.md A–K).
//!   Every army's state records its commander's fate, its spare horses, the grain it has
//!   plundered and whether it has recruited this turn; after every battle each army's
//!   commander may fall (a draw on the random stream), horses die where there is no grazing
//!   (the Tangut army besieging Lanzhou from the river ice loses about a third of its horses),
//!   `climate.ron` has gales (a day of January or February in fifty), and on generated maps a
//!   defender higher than its attacker fights better. Seeds 1–30 on historical orders:
//!   Haoshuichuan, the Xia win all 30 (the Song lose 22,600 men on average, 23,300 before);
//!   Yongle falls in all 30 (the Song lose 17,700, as before); Lanzhou holds in all 30, the
//!   siege lifted for want of supplies after ten days.

use ordos_core::Game;
use ordos_core::load::load_path;
use ordos_core::play::kinds::{ControllerKind, make};
use ordos_core::play::sim::play;
use std::path::Path;

const GOLDEN: &str = "fb93338c7287767f";

#[test]
fn haoshuichuan_seed_7_on_historical_orders_has_the_recorded_hash() {
    let s = load_path(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/haoshuichuan-1041.ron"
    )))
    .unwrap();
    let mut g = Game::new(s, 7);
    let mut c = vec![
        make(ControllerKind::Historical),
        make(ControllerKind::Historical),
    ];
    let replay = play(&mut g, &mut c);
    let last = &replay.turns.last().unwrap().hash;
    assert_eq!(
        last,
        GOLDEN,
        "the game of seed 7 changed (turns: {})",
        replay.turns.len()
    );
}
