//! The screens of the game, as Bevy states.

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    /// Choose a scenario, read its briefing, choose who plays each side.
    Picker,
    /// The map, the armies, orders and turns.
    Play,
    /// Hotseat: the screen is handed to the other player.
    HandOver,
    /// Who won and why.
    End,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
}
