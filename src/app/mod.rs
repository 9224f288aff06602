//! The game: a Bevy shell that draws the rules core's state and sends it orders. It decides no
//! rule itself. Plugins come in two groups so that headless tests load only the logic.

pub mod counters;
pub mod end;
pub mod far_map;
pub mod handover;
pub mod hud;
pub mod map_view;
pub mod overlays;
pub mod picker;
pub mod reports;
pub mod saves;
pub mod screens;
pub mod screenshot;
pub mod session;
pub mod theme;
pub mod title;

use bevy::app::PluginGroupBuilder;
use bevy::prelude::*;
use std::process::ExitCode;

/// Screens, the session and turn flow: everything but drawing. Runs under `MinimalPlugins`.
pub struct LogicPlugins;

impl PluginGroup for LogicPlugins {
    fn build(self) -> PluginGroupBuilder {
        PluginGroupBuilder::start::<Self>()
            .add(screens::plugin)
            .add(session::plugin)
    }
}

/// The map, the counters, the menus and the HUD. Needs a renderer.
pub struct ViewPlugins;

impl PluginGroup for ViewPlugins {
    fn build(self) -> PluginGroupBuilder {
        PluginGroupBuilder::start::<Self>()
            .add(theme::plugin)
            .add(bevy_ecs_tilemap::TilemapPlugin)
            .add(map_view::plugin)
            .add(far_map::plugin)
            .add(counters::plugin)
            .add(overlays::plugin)
            .add(reports::plugin)
            .add(title::plugin)
            .add(picker::plugin)
            .add(handover::plugin)
            .add(end::plugin)
            .add(hud::plugin)
    }
}

/// Where the game's assets are: beside the sources when run with cargo, else `./assets`.
pub fn asset_dir() -> String {
    let built = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
    if std::path::Path::new(built).is_dir() {
        built.to_string()
    } else {
        "assets".to_string()
    }
}

pub fn default_plugins(title: &str, size: (u32, u32), visible: bool) -> PluginGroupBuilder {
    DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(Window {
                title: title.to_string(),
                resolution: bevy::window::WindowResolution::new(size.0, size.1),
                visible,
                ..default()
            }),
            ..default()
        })
        .set(AssetPlugin {
            file_path: asset_dir(),
            ..default()
        })
        .set(ImagePlugin::default_linear())
}

/// Starts the game at the title screen.
pub fn run() -> ExitCode {
    run_with(None)
}

/// A replay to open in the viewer as the game starts (`ordos view FILE`).
#[derive(Resource)]
struct OpenAtStart(std::path::PathBuf);

fn open_at_start(start: Option<Res<OpenAtStart>>, mut out: MessageWriter<session::Command>) {
    if let Some(s) = start {
        out.write(session::Command::Watch(s.0.clone()));
    }
}

/// Starts the game: at the title screen, or watching a replay.
pub fn run_with(replay: Option<std::path::PathBuf>) -> ExitCode {
    let catalog = session::Catalog::load();
    let mut app = App::new();
    app.add_plugins(default_plugins(
        "Ordos — the Song–Xia wars",
        (1280, 800),
        true,
    ))
    .add_plugins((LogicPlugins, ViewPlugins))
    .insert_resource(catalog)
    .add_systems(Startup, open_at_start);
    redraw_when_needed(&mut app);
    if let Some(file) = replay {
        app.insert_resource(OpenAtStart(file));
    }
    app.run();
    ExitCode::SUCCESS
}

/// Redraw only when something happens (input, or the viewer playing, or counters gliding): an
/// idle screen costs next to nothing.
pub fn redraw_when_needed(app: &mut App) {
    app.insert_resource(bevy::winit::WinitSettings::desktop_app())
        .add_systems(Update, keep_awake);
}

/// While something moves by itself (the viewer playing, counters gliding, the "how often"
/// games running), the screen updates every frame; otherwise only on input.
/// Frames drawn continuously at the start and after a change of screen.
const SETTLE_FRAMES: u32 = 60;

pub fn keep_awake(
    session: Option<Res<session::Session>>,
    glides: Query<(), With<counters::Gliding>>,
    how_often: Option<Res<end::HowOften>>,
    screen: Option<Res<State<screens::Screen>>>,
    mut settle: Local<Option<u32>>,
    mut settings: ResMut<bevy::winit::WinitSettings>,
) {
    // A few frames drawn in full at the start and after every change of screen: the window's
    // first picture (an X server need not send an expose event) and the new screen's layout.
    if settle.is_none() || screen.is_some_and(|s| s.is_changed()) {
        *settle = Some(SETTLE_FRAMES);
    }
    let settling = settle.is_some_and(|n| n > 0);
    if let Some(n) = settle.as_mut() {
        *n = n.saturating_sub(1);
    }
    let busy = settling
        || session
            .as_deref()
            .is_some_and(|s| s.watching.as_ref().is_some_and(|w| w.playing))
        || !glides.is_empty()
        || how_often.is_some_and(|h| h.running());
    // Both modes: a window without the focus (behind another, or under a window manager that
    // never gives it) still plays its replay.
    let rest = bevy::winit::WinitSettings::desktop_app();
    let (focused, unfocused) = if busy {
        (
            bevy::winit::UpdateMode::Continuous,
            bevy::winit::UpdateMode::Continuous,
        )
    } else {
        (rest.focused_mode, rest.unfocused_mode)
    };
    if settings.focused_mode != focused || settings.unfocused_mode != unfocused {
        settings.focused_mode = focused;
        settings.unfocused_mode = unfocused;
    }
}
