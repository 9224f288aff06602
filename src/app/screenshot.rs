//! `ordos screenshot SCENARIO --out FILE.png [--size WxH] [--screen title|picker|play|handover|end|replay]`
//! (or `region:ordos [--window S,W,N,E] [--hex-km K]` for a map preview; the arguments are
//! parsed by the command line, `cli::ScreenshotArgs`):
//! renders a screen of the game (by default the opening view of a scenario) and saves it.
//! Modders preview their maps with it; the README's pictures and CI's smoke test use it.

use super::overlays::Overlay;
use super::screens::Screen;
use super::session::{Catalog, Command, Control};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use ordos_core::play::kinds::ControllerKind;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Resource)]
struct Plan {
    scenario: usize,
    screen: Screen,
    out: PathBuf,
    frames: u32,
    shot_at: Option<u32>,
    /// Turns to play on historical orders before the picture (the human side's too).
    turns: u32,
    /// An army to select, to show its reach.
    select: Option<String>,
    /// Frames to time after the picture (`--time-frames N`), and the times so far.
    time_frames: u32,
    frame_secs: Vec<f32>,
    /// Every side historical: the game is watched in the viewer (and the end screen shown
    /// from it).
    watch: bool,
    sides: usize,
    /// Hex coordinates written on the map (`--grid`); true once they are.
    grid: bool,
    grid_drawn: bool,
    /// The camera on the whole map (`--whole-map`); true once it is.
    whole_map: bool,
    whole_map_set: bool,
}

/// Frames to let the map and its textures load before the picture is taken.
const SETTLE_FRAMES: u32 = 45;
const GIVE_UP_FRAMES: u32 = 900;

/// What `ordos screenshot` takes (parsed by the command line).
#[derive(clap::Args, Debug)]
pub struct ScreenshotArgs {
    /// A scenario id or path, or region:ordos for a map of the geography
    pub scenario: Option<String>,
    /// The PNG to write
    #[arg(long, value_name = "FILE.png")]
    pub out: Option<PathBuf>,
    /// Window size, WxH
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: (u32, u32),
    /// The screen to render
    #[arg(long, value_enum, default_value = "play")]
    pub screen: ShotScreen,
    /// Turns to play on historical orders before the picture
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub turns: u32,
    /// An army to select (its id), to show its reach
    #[arg(long, value_name = "ARMY")]
    pub select: Option<String>,
    /// An overlay to show
    #[arg(long, value_enum, default_value = "none")]
    pub overlay: ShotOverlay,
    /// Print the frame time over N frames after the picture
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub time_frames: u32,
    /// With region:ordos: the window, SOUTH,WEST,NORTH,EAST in degrees
    #[arg(long, value_name = "S,W,N,E", value_parser = parse_window)]
    pub window: Option<ordos_core::load::geo::Window>,
    /// With region:ordos: the hex size in km
    #[arg(long, value_name = "K", value_parser = parse_hex_km)]
    pub hex_km: Option<u32>,
    /// Write every hex's coordinates (column,row, as the scenario format gives them) on the map
    #[arg(long)]
    pub grid: bool,
    /// Replace FILE.png if it exists (a regular file only)
    #[arg(long)]
    pub force: bool,
    /// Show the whole map, zoomed out to fit the window (for `--time-frames` on the whole
    /// frontier with every army on it)
    #[arg(long)]
    pub whole_map: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShotScreen {
    Title,
    Picker,
    Play,
    Handover,
    End,
    /// The replay viewer, on the game played on historical orders, at turn `--turns`.
    Replay,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShotOverlay {
    None,
    Supply,
    Zoc,
    Forage,
}

fn parse_size(v: &str) -> Result<(u32, u32), String> {
    let (w, h) = v
        .split_once('x')
        .ok_or(format!("{v}: expected WxH, e.g. 1280x800"))?;
    let size: (u32, u32) = (
        w.parse().map_err(|_| format!("{v}: bad width"))?,
        h.parse().map_err(|_| format!("{v}: bad height"))?,
    );
    if !(200..=8192).contains(&size.0) || !(200..=8192).contains(&size.1) {
        return Err(format!("{v}: each side must be 200 to 8192 pixels"));
    }
    Ok(size)
}

fn parse_window(v: &str) -> Result<ordos_core::load::geo::Window, String> {
    let n: Vec<f64> = v
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{v}: expected SOUTH,WEST,NORTH,EAST in degrees"))?;
    let [south, west, north, east] = n[..] else {
        return Err(format!("{v}: expected four numbers: SOUTH,WEST,NORTH,EAST"));
    };
    Ok(ordos_core::load::geo::Window {
        south,
        west,
        north,
        east,
    })
}

fn parse_hex_km(v: &str) -> Result<u32, String> {
    let km: f64 = v
        .parse()
        .map_err(|_| format!("{v}: expected a number of km, e.g. 5"))?;
    if !(0.2..=100.0).contains(&km) {
        return Err(format!("{v}: expected 0.2 to 100 km"));
    }
    Ok((km * 1000.0).round() as u32)
}

/// The whole Ordos frontier at 5 km a hex: the default window of `region:ordos`.
const ORDOS_WINDOW: ordos_core::load::geo::Window = ordos_core::load::geo::Window {
    south: 35.0,
    west: 100.0,
    north: 41.5,
    east: 111.5,
};

fn usage(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("{e}\nrun `ordos screenshot --help` for usage");
    ExitCode::from(2)
}

/// Renders the screen the arguments ask for and saves it.
pub fn run(a: ScreenshotArgs) -> ExitCode {
    let Some(out) = a.out.clone() else {
        return usage("--out FILE.png is required");
    };
    if out.extension().is_none_or(|e| e != "png") {
        return usage(format!(
            "{}: the picture is saved as PNG; name it .png",
            out.display()
        ));
    }
    let Some(scenario) = a.scenario.clone() else {
        return usage("a SCENARIO is required (an id from `ordos list`, a path, or region:ordos)");
    };
    let region = scenario.starts_with("region:");
    if !region && (a.window.is_some() || a.hex_km.is_some()) {
        return usage("--window and --hex-km go with region:ordos");
    }
    let found = if region {
        // A map preview: the geography's places on the generated map, no armies.
        let id = scenario.trim_start_matches("region:");
        let window = a.window.unwrap_or(ORDOS_WINDOW);
        ordos_core::load::preview(id, window, a.hex_km.unwrap_or(5000))
    } else {
        crate::paths::catalog().find(&scenario)
    };
    let chosen = match found {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{scenario}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut catalog = Catalog::load();
    let index = match catalog.scenarios.iter().position(|s| *s == chosen) {
        Some(i) => i,
        None => {
            catalog.scenarios.push(chosen);
            catalog
                .origins
                .push(ordos_core::load::catalog::Origin::Working);
            catalog.scenarios.len() - 1
        }
    };
    let screen = match a.screen {
        ShotScreen::Title => Screen::Title,
        ShotScreen::Picker => Screen::Picker,
        ShotScreen::Play => Screen::Play,
        ShotScreen::Handover => Screen::HandOver,
        ShotScreen::End => Screen::End,
        ShotScreen::Replay => Screen::Play,
    };
    let watch = matches!(a.screen, ShotScreen::Replay | ShotScreen::End);
    let sides = catalog.scenarios[index].scenario.sides.len();
    let overlay = match a.overlay {
        ShotOverlay::None => Overlay::None,
        ShotOverlay::Supply => Overlay::Supply,
        ShotOverlay::Zoc => Overlay::Zoc,
        ShotOverlay::Forage => Overlay::Forage,
    };
    if let Err(e) = crate::files::check_writable(&out, a.force) {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    let _ = std::fs::remove_file(&out);
    App::new()
        .add_plugins(super::default_plugins("Ordos — screenshot", a.size, true))
        .add_plugins((super::LogicPlugins, super::ViewPlugins))
        .insert_resource(catalog)
        .insert_resource(Plan {
            scenario: index,
            screen,
            out: out.clone(),
            frames: 0,
            shot_at: None,
            turns: a.turns,
            select: a.select.clone(),
            time_frames: a.time_frames,
            frame_secs: Vec::new(),
            watch,
            sides,
            grid: a.grid,
            grid_drawn: false,
            whole_map: a.whole_map,
            whole_map_set: false,
        })
        .insert_resource(overlay)
        .add_systems(Update, (drive, draw_grid, whole_map))
        .run();
    if out.is_file() {
        println!("wrote {}", out.display());
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{}: no picture was taken (is there a display? try `xvfb-run`)",
            out.display()
        );
        ExitCode::from(1)
    }
}

/// `--whole-map`: the camera on the middle of the map, zoomed out until all of it fits.
fn whole_map(
    mut plan: ResMut<Plan>,
    geo: Option<Res<super::map_view::MapGeometry>>,
    window: Query<&Window>,
    mut camera: Query<(&mut Transform, &mut Projection), With<super::map_view::MapCamera>>,
) {
    if !plan.whole_map || plan.whole_map_set || plan.frames < 2 {
        return;
    }
    let (Some(geo), Ok(w), Ok((mut t, mut proj))) = (geo, window.single(), camera.single_mut())
    else {
        return;
    };
    plan.whole_map_set = true;
    // The opening view with no armies to show is the whole map.
    let (at, scale) = super::map_view::opening_view(&geo, w.size(), 1.0, &[]);
    t.translation = at.extend(t.translation.z);
    if let Projection::Orthographic(o) = &mut *proj {
        o.scale = scale;
    }
}

/// `--grid`: each hex's column,row written on it, small, over the terrain and under the
/// counters, for a modder placing places and armies.
fn draw_grid(
    mut commands: Commands,
    mut plan: ResMut<Plan>,
    geo: Option<Res<super::map_view::MapGeometry>>,
    fonts: Option<Res<super::theme::Fonts>>,
) {
    if !plan.grid || plan.grid_drawn {
        return;
    }
    let (Some(geo), Some(fonts)) = (geo, fonts) else {
        return;
    };
    plan.grid_drawn = true;
    for row in 0..geo.size.y as i32 {
        for col in 0..geo.size.x as i32 {
            let at = geo.world(ordos_core::hex::Hex::new(col, row));
            commands.spawn((
                Text2d::new(format!("{col},{row}")),
                fonts.text(9.0),
                TextColor(Color::srgba(0.1, 0.08, 0.05, 0.9)),
                Transform::from_translation(at.extend(4.0)),
            ));
        }
    }
}

fn drive(
    mut commands: Commands,
    mut plan: ResMut<Plan>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
    session: Option<ResMut<super::session::Session>>,
    choice: Option<ResMut<super::picker::PickerChoice>>,
    time: Res<Time>,
) {
    plan.frames += 1;
    if let Some(mut s) = session
        && *state.get() == Screen::Play
        && plan.shot_at.is_none()
    {
        if s.watching.is_some() {
            // The viewer: go to the turn asked for (the end screen: to the end).
            if plan.screen == Screen::End {
                s.seek(usize::MAX);
                next.set(Screen::End);
            } else if plan.turns > 0 {
                s.seek(plan.turns as usize);
                plan.turns = 0;
            }
        }
        while plan.turns > 0 && !s.game.is_over() && s.watching.is_none() {
            s.play_acting_side_historically();
            s.advance();
            plan.turns -= 1;
        }
        s.message.clear();
        if let Some(id) = plan.select.take() {
            s.selected = s.game.army_id(&id);
        }
    }
    if plan.frames == 2 {
        match plan.screen {
            Screen::Title => {}
            Screen::HandOver => {
                // Two players: the first ends their part, the screen is handed over.
                out.write(Command::Start {
                    scenario: plan.scenario,
                    control: vec![Control::Human; plan.sides],
                    seed: 7,
                });
            }
            Screen::Picker => {
                // The picker opens on the scenario asked for.
                if let Some(mut choice) = choice {
                    choice.scenario = plan.scenario;
                    choice.control.clear();
                }
                next.set(Screen::Picker);
            }
            Screen::Play | Screen::End if plan.watch => {
                out.write(Command::Start {
                    scenario: plan.scenario,
                    control: vec![Control::Computer(ControllerKind::Historical); plan.sides],
                    seed: 7,
                });
            }
            Screen::Play | Screen::End => {
                let mut control = vec![Control::Computer(ControllerKind::Historical); plan.sides];
                control[0] = Control::Human;
                out.write(Command::Start {
                    scenario: plan.scenario,
                    control,
                    seed: 7,
                });
            }
        }
    }
    if plan.screen == Screen::HandOver && *state.get() == Screen::Play && plan.frames == 12 {
        out.write(Command::EndSide);
    }
    if plan.shot_at.is_none() && plan.frames >= SETTLE_FRAMES && *state.get() == plan.screen {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(plan.out.clone()));
        plan.shot_at = Some(plan.frames);
    }
    let written = plan.shot_at.is_some() && plan.out.is_file();
    if written && (plan.frame_secs.len() as u32) < plan.time_frames {
        // Frame times with the view as pictured, for the closing notes and README.
        plan.frame_secs.push(time.delta_secs());
        if plan.frame_secs.len() as u32 == plan.time_frames {
            let mut v = plan.frame_secs.clone();
            v.sort_by(f32::total_cmp);
            let mean = v.iter().sum::<f32>() / v.len() as f32;
            println!(
                "frame time over {} frames: mean {:.1} ms, median {:.1} ms, worst {:.1} ms",
                v.len(),
                mean * 1000.0,
                v[v.len() / 2] * 1000.0,
                v[v.len() - 1] * 1000.0
            );
        }
        return;
    }
    if written || plan.frames > GIVE_UP_FRAMES {
        exit.write(AppExit::Success);
    }
}
