//! The game: a Bevy shell that draws the rules core's state and sends it orders. It decides no
//! rule itself. Plugins come in two groups so that headless tests load only the logic.

pub mod counters;
pub mod hud;
pub mod map_view;
pub mod menus;
pub mod overlays;
pub mod reports;
pub mod saves;
pub mod screens;
pub mod screenshot;
pub mod session;

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
            .add(fonts_plugin)
            .add(bevy_ecs_tilemap::TilemapPlugin)
            .add(map_view::plugin)
            .add(counters::plugin)
            .add(overlays::plugin)
            .add(reports::plugin)
            .add(menus::plugin)
            .add(hud::plugin)
    }
}

/// The game's typefaces (DejaVu, under `assets/fonts`, for its wide coverage of letters).
#[derive(Resource, Clone)]
pub struct Fonts {
    /// Menus, HUD and labels.
    pub text: Handle<Font>,
    /// Counters: condensed and bold, to read small.
    pub counter: Handle<Font>,
    /// Titles.
    pub title: Handle<Font>,
}

impl Fonts {
    pub fn text(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.text.clone())
    }
    pub fn counter(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.counter.clone())
    }
    pub fn title(&self, size: f32) -> TextFont {
        TextFont::from_font_size(size).with_font(self.title.clone())
    }
}

/// Readable at 1280×800 and at 4K: menus and panels grow with the window (1× up to 800
/// pixels high, 2× at 1600, 2.7× at 2160), in quarter steps so text stays crisp.
fn scale_ui(windows: Query<&Window, Changed<Window>>, mut scale: ResMut<UiScale>) {
    let Ok(w) = windows.single() else { return };
    let want = ui_scale_for(w.height());
    if (scale.0 - want).abs() > f32::EPSILON {
        scale.0 = want;
    }
}

pub fn ui_scale_for(height: f32) -> f32 {
    ((height / 800.0).max(1.0) * 4.0).floor() / 4.0
}

/// Loads the fonts as the plugin is built, so every screen's first frame has them.
fn fonts_plugin(app: &mut App) {
    app.add_systems(Update, scale_ui);
    let assets = app.world().resource::<AssetServer>().clone();
    app.insert_resource(Fonts {
        text: assets.load("fonts/DejaVuSans.ttf"),
        counter: assets.load("fonts/DejaVuSansCondensed-Bold.ttf"),
        title: assets.load("fonts/DejaVuSerif.ttf"),
    });
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
    let catalog = session::Catalog::load();
    App::new()
        .add_plugins(default_plugins(
            "Ordos — the Song–Xia wars",
            (1280, 800),
            true,
        ))
        .add_plugins((LogicPlugins, ViewPlugins))
        .insert_resource(catalog)
        .run();
    ExitCode::SUCCESS
}
