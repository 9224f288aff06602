//! Hotseat: the screen is handed to the other player, who sees nothing of the first's moves.

use super::screens::Screen;
use super::session::{Command, Session};
use super::theme::{ButtonAction, Fonts, button, screen_root, words};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::HandOver), spawn)
        .add_systems(Update, press.run_if(in_state(Screen::HandOver)));
}

fn spawn(mut commands: Commands, session: Option<Res<Session>>, fonts: Res<Fonts>) {
    let who = session.as_ref().map_or("the next".to_string(), |s| {
        s.game.scenario().sides[usize::from(s.viewer().0)]
            .name
            .clone()
    });
    commands
        .spawn(screen_root(Screen::HandOver))
        .with_children(|p| {
            p.spawn(words(
                &fonts,
                &format!("Hand the screen to the {who} player."),
                30.0,
            ));
            p.spawn(words(
                &fonts,
                "The other side's moves stay hidden until you continue.",
                16.0,
            ));
            button(p, &fonts, "Continue", ButtonAction::Continue, 22.0);
        });
}

fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    mut out: MessageWriter<Command>,
) {
    for (i, action) in &q {
        if *i == Interaction::Pressed && *action == ButtonAction::Continue {
            out.write(Command::Continue);
        }
    }
}
