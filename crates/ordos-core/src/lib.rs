//! The rules of Ordos, a turn-based wargame of the Song–Xia wars (982–1119).
//!
//! Pure and deterministic: no Bevy, no wall clock, no hash-map iteration order, one seeded
//! ChaCha generator. A game is a function of (scenario, seed, orders):
//! `Order → check → resolve → Vec<Event> → apply`.

pub mod ai;
mod apply;
pub mod calendar;
mod campaign;
pub mod combat;
pub mod controller;
pub mod event;
pub mod game;
pub mod geo;
pub mod hash;
pub mod hex;
pub mod locate;
pub mod movement;
pub mod order;
pub mod replay;
pub mod rules;
pub mod scenario;
mod siege;
pub mod sim;
pub mod state;
pub mod supply;
pub mod validate;
mod victory;

pub use game::Game;
pub use order::{Order, OrderError};
pub use scenario::Scenario;
pub use victory::points_by_side;
