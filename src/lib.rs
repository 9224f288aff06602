//! Ordos: the game (a Bevy shell over the rules core) and its command line.

pub mod app;
pub mod cli;
mod events_json;
