//! Playing games: who gives each side its orders (a player, the accounts, the AI), playing to
//! the end headless, recording and verifying replays, and the after-action report.

pub mod ai;
pub mod analyze;
pub mod controller;
pub mod historical;
pub mod kinds;
pub mod lint;
pub mod replay;
pub mod report;
pub mod sim;
pub mod timeline;
