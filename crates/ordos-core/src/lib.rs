//! The rules of Ordos, a turn-based wargame of the Song–Xia wars (982–1119).
//!
//! Pure and deterministic: no Bevy, no wall clock, no hash-map iteration order, one seeded
//! ChaCha generator. A game is a function of (scenario, seed, orders):
//! `Order → check → resolve → Vec<Event> → apply`.
//!
//! The house, from the ground up (each module imports only those above it):
//! - `hex`, `calendar`, `hash`: geometry, dates, a stable hasher;
//! - `load`: the scenario format, rule tables, geography and map generator, and the one
//!   loading path (read → parse → build → validate) to a `Setup`; the scenario catalog;
//! - `model`: the state of a game, events, and `apply`, the only code that changes a state;
//! - `order`: orders and why they are refused;
//! - `game`: a game in progress and the queries everything reads it through;
//! - `rules`: one module per family of rules (the one march search, marching, supply, combat,
//!   sieges, the war beyond battle, victory);
//! - `turn`: the flow of a turn, which calls the rules;
//! - `play`: controllers (historical, AI), playing headless, replays, reports.

pub mod calendar;
pub mod game;
pub mod hash;
pub mod hex;
pub mod load;
pub mod model;
pub mod order;
pub mod play;
pub mod rules;
mod turn;

pub use game::Game;
pub use load::Setup;
pub use load::scenario::Scenario;
pub use order::{Order, OrderError};
pub use rules::points_by_side;
