//! The title screen: play a scenario, continue the last game still going on, watch a replay
//! (the autosaved replays and any others in the saves folder), quit; and why the last thing
//! asked of it could not be done, or which scenario files do not load.

use super::saves::{SaveDir, latest, replays};
use super::screens::Screen;
use super::session::{Catalog, Command, LoadProblem};
use super::theme::{ButtonAction, Fonts, button, button_with, dim_words, screen_root, words};
use bevy::prelude::*;

/// The replays listed, in the order of their buttons.
#[derive(Resource, Default)]
pub struct ReplayList(pub Vec<std::path::PathBuf>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ReplayList>()
        .add_systems(OnEnter(Screen::Title), spawn)
        .add_systems(Update, press.run_if(in_state(Screen::Title)));
}

fn spawn(
    mut commands: Commands,
    catalog: Res<Catalog>,
    fonts: Res<Fonts>,
    problem: Option<Res<LoadProblem>>,
    saves: Res<SaveDir>,
    mut list: ResMut<ReplayList>,
) {
    let latest = latest(&saves);
    list.0 = replays(&saves).into_iter().take(6).collect();
    commands.spawn(screen_root(Screen::Title)).with_children(|p| {
        p.spawn((Text::new("ORDOS"), fonts.title(84.0), TextColor(super::theme::INK)));
        p.spawn(words(&fonts, "The Song–Xia wars on the Ordos plateau, 982–1119", 22.0));
        p.spawn(words(
            &fonts,
            "Armies here are beaten less by the enemy than by hunger, thirst, cold and distance.",
            16.0,
        ));
        button(p, &fonts, "Play a scenario", ButtonAction::ToPicker, 22.0);
        if let Some(file) = &latest {
            let name = file
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().to_string());
            button(
                p,
                &fonts,
                &format!("Continue the last game ({name})"),
                ButtonAction::LoadLatest,
                18.0,
            );
        }
        if !list.0.is_empty() {
            p.spawn(dim_words(&fonts, "Watch a replay:", 15.0));
            for (i, file) in list.0.iter().enumerate() {
                let name = file
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().to_string());
                button_with(
                    p,
                    &fonts,
                    &name,
                    ButtonAction::OpenReplay(i),
                    14.0,
                    Some("Watch the game turn by turn: play, step back, jump anywhere, and take command at any turn."),
                );
            }
        }
        button(p, &fonts, "Quit", ButtonAction::Exit, 18.0);
        if let Some(problem) = &problem {
            p.spawn(words(&fonts, &format!("Not opened: {}", problem.0), 13.0));
        }
        for problem in &catalog.problems {
            p.spawn(dim_words(&fonts, &format!("Not loaded: {problem}"), 12.0));
        }
    });
}

fn press(
    q: Query<(&Interaction, &ButtonAction), Changed<Interaction>>,
    mut next: ResMut<NextState<Screen>>,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
    saves: Res<SaveDir>,
    list: Res<ReplayList>,
) {
    for (i, action) in &q {
        if *i != Interaction::Pressed {
            continue;
        }
        match *action {
            ButtonAction::ToPicker => next.set(Screen::Picker),
            ButtonAction::LoadLatest => {
                if let Some(file) = latest(&saves) {
                    out.write(Command::Load(file));
                }
            }
            ButtonAction::OpenReplay(k) => {
                if let Some(file) = list.0.get(k) {
                    out.write(Command::Watch(file.clone()));
                }
            }
            ButtonAction::Exit => {
                exit.write(AppExit::Success);
            }
            _ => {}
        }
    }
}
