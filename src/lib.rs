//! Ordos: the game (a Bevy shell over the rules core) and its command line.

// Bevy systems take their data as many parameters of query types; that is the idiom.
#![allow(clippy::type_complexity, clippy::too_many_arguments)]

pub mod analyze;
pub mod app;
pub mod cli;
mod events_json;
pub mod files;
pub mod paths;
