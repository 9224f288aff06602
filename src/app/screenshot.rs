//! `ordos screenshot SCENARIO --out FILE.png [--size WxH] [--screen title|picker|play|handover|end]`
//! (or `region:ordos [--window S,W,N,E] [--hex-km K]` for a map preview):
//! renders a screen of the game (by default the opening view of a scenario) and saves it.
//! Modders preview their maps with it; the README's pictures and CI's smoke test use it.

use super::screens::Screen;
use super::session::{Catalog, Command, Control};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use ordos_core::controller::ControllerKind;
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
}

/// Frames to let the map and its textures load before the picture is taken.
const SETTLE_FRAMES: u32 = 45;
const GIVE_UP_FRAMES: u32 = 900;

pub fn run(args: &[String]) -> ExitCode {
    match parse(args) {
        Ok(parsed) => shoot(parsed),
        Err(e) => {
            eprintln!(
                "{e}\nusage: ordos screenshot SCENARIO --out FILE.png [--size WxH] [--screen title|picker|play|handover|end] [--turns N] [--select ARMY] [--overlay supply|zoc|forage] [--time-frames N]\n       ordos screenshot region:ordos --out FILE.png [--size WxH] [--window SOUTH,WEST,NORTH,EAST] [--hex-km K]"
            );
            ExitCode::from(2)
        }
    }
}

type Parsed = (
    String,
    PathBuf,
    (u32, u32),
    Screen,
    (u32, u32),
    (Option<String>, super::overlays::Overlay),
    Option<(ordos_core::geo::Window, u32)>,
);

/// The whole Ordos frontier at 5 km a hex: the default window of `region:ordos`.
const ORDOS_WINDOW: ordos_core::geo::Window = ordos_core::geo::Window {
    south: 35.0,
    west: 100.0,
    north: 41.5,
    east: 111.5,
};

fn parse(args: &[String]) -> Result<Parsed, String> {
    let (mut scenario, mut out, mut size, mut screen) = (None, None, (1280, 800), Screen::Play);
    let (mut turns, mut select, mut time_frames) = (0, None, 0);
    let (mut window, mut hex_km) = (None, None);
    let mut overlay = super::overlays::Overlay::None;
    let mut i = 0;
    while i < args.len() {
        let val = |i: usize| {
            args.get(i + 1)
                .cloned()
                .ok_or_else(|| format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--out" => out = Some(PathBuf::from(val(i)?)),
            "--size" => {
                let v = val(i)?;
                let (w, h) = v
                    .split_once('x')
                    .ok_or(format!("--size {v}: expected WxH, e.g. 1280x800"))?;
                size = (
                    w.parse().map_err(|_| format!("--size {v}: bad width"))?,
                    h.parse().map_err(|_| format!("--size {v}: bad height"))?,
                );
                if !(200..=8192).contains(&size.0) || !(200..=8192).contains(&size.1) {
                    return Err(format!("--size {v}: each side must be 200 to 8192 pixels"));
                }
            }
            "--turns" => {
                turns = val(i)?
                    .parse()
                    .map_err(|_| "--turns needs a whole number".to_string())?
            }
            "--select" => select = Some(val(i)?),
            "--overlay" => {
                use super::overlays::Overlay;
                overlay = match val(i)?.as_str() {
                    "supply" => Overlay::Supply,
                    "zoc" => Overlay::Zoc,
                    "forage" => Overlay::Forage,
                    "none" => Overlay::None,
                    other => {
                        return Err(format!(
                            "--overlay {other}: expected supply, zoc, forage or none"
                        ));
                    }
                }
            }
            "--time-frames" => {
                time_frames = val(i)?
                    .parse()
                    .map_err(|_| "--time-frames needs a whole number".to_string())?
            }
            "--window" => {
                let v = val(i)?;
                let n: Vec<f64> = v
                    .split(',')
                    .map(|x| x.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        format!("--window {v}: expected SOUTH,WEST,NORTH,EAST in degrees")
                    })?;
                let [south, west, north, east] = n[..] else {
                    return Err(format!(
                        "--window {v}: expected four numbers: SOUTH,WEST,NORTH,EAST"
                    ));
                };
                window = Some(ordos_core::geo::Window {
                    south,
                    west,
                    north,
                    east,
                });
            }
            "--hex-km" => {
                let v = val(i)?;
                let km: f64 = v
                    .parse()
                    .map_err(|_| format!("--hex-km {v}: expected a number of km, e.g. 5"))?;
                if !(0.2..=100.0).contains(&km) {
                    return Err(format!("--hex-km {v}: expected 0.2 to 100 km"));
                }
                hex_km = Some((km * 1000.0).round() as u32);
            }
            "--screen" => {
                screen = match val(i)?.as_str() {
                    "title" => Screen::Title,
                    "picker" => Screen::Picker,
                    "play" => Screen::Play,
                    "end" => Screen::End,
                    "handover" => Screen::HandOver,
                    other => {
                        return Err(format!(
                            "--screen {other}: expected title, picker, play, handover or end"
                        ));
                    }
                }
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}")),
            a if scenario.is_none() => {
                scenario = Some(a.to_string());
                i += 1;
                continue;
            }
            a => return Err(format!("unexpected argument `{a}`")),
        }
        i += 2;
    }
    let out = out.ok_or("--out FILE.png is required")?;
    if out.extension().is_none_or(|e| e != "png") {
        return Err(format!(
            "{}: the picture is saved as PNG; name it .png",
            out.display()
        ));
    }
    let scenario = scenario
        .ok_or("a SCENARIO is required (an id from `ordos list`, a path, or region:ordos)")?;
    let region = if scenario.starts_with("region:") {
        Some((window.unwrap_or(ORDOS_WINDOW), hex_km.unwrap_or(5000)))
    } else if window.is_some() || hex_km.is_some() {
        return Err("--window and --hex-km go with region:ordos".into());
    } else {
        None
    };
    Ok((
        scenario,
        out,
        size,
        screen,
        (turns, time_frames),
        (select, overlay),
        region,
    ))
}

fn shoot(
    (scenario, out, size, screen, (turns, time_frames), (select, overlay), region): Parsed,
) -> ExitCode {
    let found = match region {
        // A map preview: the geography's places on the generated map, no armies.
        Some((window, hex_m)) => {
            let id = scenario.trim_start_matches("region:");
            ordos_core::geo::preview_scenario(id, window, hex_m).map_err(|e| {
                eprintln!("{scenario}: {e}");
                ExitCode::from(1)
            })
        }
        None => crate::cli::find_scenario(&scenario).map_err(|f| {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }),
    };
    let chosen = match found {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut catalog = Catalog::load();
    let index = match catalog
        .scenarios
        .iter()
        .position(|s| s.id == chosen.id && *s == chosen)
    {
        Some(i) => i,
        None => {
            catalog.scenarios.push(chosen);
            catalog.scenarios.len() - 1
        }
    };
    let _ = std::fs::remove_file(&out);
    App::new()
        .add_plugins(super::default_plugins("Ordos — screenshot", size, true))
        .add_plugins((super::LogicPlugins, super::ViewPlugins))
        .insert_resource(catalog)
        .insert_resource(Plan {
            scenario: index,
            screen,
            out: out.clone(),
            frames: 0,
            shot_at: None,
            turns,
            select,
            time_frames,
            frame_secs: Vec::new(),
        })
        .insert_resource(overlay)
        .add_systems(Update, drive)
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

fn drive(
    mut commands: Commands,
    mut plan: ResMut<Plan>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut out: MessageWriter<Command>,
    mut exit: MessageWriter<AppExit>,
    session: Option<ResMut<super::session::Session>>,
    time: Res<Time>,
) {
    plan.frames += 1;
    if let Some(mut s) = session
        && *state.get() == Screen::Play
        && plan.shot_at.is_none()
    {
        while plan.turns > 0 && !s.game.is_over() {
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
                    control: vec![Control::Human, Control::Human],
                    seed: 7,
                });
            }
            Screen::Picker => next.set(Screen::Picker),
            Screen::Play => {
                out.write(Command::Start {
                    scenario: plan.scenario,
                    control: vec![
                        Control::Human,
                        Control::Computer(ControllerKind::Historical),
                    ],
                    seed: 7,
                });
            }
            Screen::End => {
                out.write(Command::Start {
                    scenario: plan.scenario,
                    control: vec![Control::Computer(ControllerKind::Historical); 8],
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
