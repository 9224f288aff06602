//! `ordos analyze`: a scenario played many times on every core, and what it came to, as
//! `summary.json`, a report (`report.md`) and charts (PNG and SVG).
//!
//! The games are the core's ([`ordos_core::play::analyze::play_one`], the same games as
//! `ordos sim` with those seeds); this module only spreads them over the cores (rayon: each
//! game is independent and the results are sorted by seed, so the answer does not depend on
//! the number of threads), shows progress (indicatif, on a terminal only) and draws (plotters,
//! with the bundled DejaVu font through ab_glyph, so no system font library is needed).

use crate::files;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ordos_core::load::Setup;
use ordos_core::play::analyze::{Analysis, Difference, GameOutcome, paired_difference, play_one};
use ordos_core::play::kinds::ControllerKind;
use plotters::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A second set of games, with one side's controller changed.
#[derive(Clone, Debug, Serialize)]
pub struct Versus {
    /// The side whose controller changed, and to what.
    pub side: String,
    pub controller: String,
    pub analysis: Analysis,
    /// For each side, its share of wins with the change minus without, seed for seed, with
    /// a 95% interval.
    pub win_difference: Vec<(String, Difference)>,
}

/// `summary.json`.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub analysis: Analysis,
    pub vs: Option<Versus>,
}

/// Plays `runs` games from `first_seed` on, on every core.
pub fn play_many(
    setup: &Arc<Setup>,
    kinds: &[ControllerKind],
    first_seed: u64,
    runs: u64,
    what: &str,
) -> Vec<GameOutcome> {
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(runs);
        b.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} games, {per_sec}, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b.set_message(what.to_string());
        b
    } else {
        ProgressBar::with_draw_target(Some(runs), ProgressDrawTarget::hidden())
    };
    let games: Vec<GameOutcome> = (0..runs)
        .into_par_iter()
        .map(|k| {
            let g = play_one(setup, kinds, first_seed.wrapping_add(k));
            bar.inc(1);
            g
        })
        .collect();
    bar.finish_and_clear();
    games
}

/// Builds the summary: the games as asked, and with `--vs` the same seeds again with one
/// side's controller changed.
pub fn summarize(
    setup: &Arc<Setup>,
    kinds: &[ControllerKind],
    first_seed: u64,
    runs: u64,
    vs: Option<(usize, ControllerKind)>,
) -> Summary {
    let a = play_many(setup, kinds, first_seed, runs, "playing");
    let analysis = Analysis::of(setup, kinds, a.clone());
    let vs = vs.map(|(side, kind)| {
        let mut other = kinds.to_vec();
        other[side] = kind;
        let b = play_many(setup, &other, first_seed, runs, "playing --vs");
        let win_difference = setup
            .scenario
            .sides
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), paired_difference(&a, &b, i)))
            .collect();
        Versus {
            side: setup.scenario.sides[side].id.clone(),
            controller: kind.name().to_string(),
            analysis: Analysis::of(setup, &other, b),
            win_difference,
        }
    });
    Summary { analysis, vs }
}

/// Writes `summary.json`, `report.md` and the charts to `out`.
pub fn write(summary: &Summary, out: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = Vec::new();
    let json = serde_json::to_string_pretty(summary).map_err(|e| e.to_string())?;
    let p = out.join("summary.json");
    files::write_atomic(&p, &json)?;
    written.push(p);
    register_font();
    for name in CHARTS {
        for (ext, bytes) in [("svg", svg(name, summary)?), ("png", png(name, summary)?)] {
            let p = out.join(format!("{name}.{ext}"));
            files::write_atomic_bytes(&p, &bytes)?;
            written.push(p);
        }
    }
    let p = out.join("report.md");
    files::write_atomic(&p, &report(summary))?;
    written.push(p);
    Ok(written)
}

/// The files `write` makes in `out`, to check before playing that none would replace a
/// file of the user's.
pub fn outputs(out: &Path) -> Vec<PathBuf> {
    let mut v = vec![out.join("summary.json"), out.join("report.md")];
    for name in CHARTS {
        for ext in ["svg", "png"] {
            v.push(out.join(format!("{name}.{ext}")));
        }
    }
    v
}

const CHARTS: [&str; 5] = ["winners", "men", "losses", "places", "end-dates"];
const W: u32 = 960;
const H: u32 = 540;
const FONT: &str = "sans-serif";

fn register_font() {
    // Once is enough; a second registration of the same bytes is harmless.
    let _ = plotters::style::register_font(
        FONT,
        FontStyle::Normal,
        include_bytes!("../assets/fonts/DejaVuSans.ttf"),
    );
}

fn svg(name: &str, s: &Summary) -> Result<Vec<u8>, String> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw(&root, name, s)?;
        root.present().map_err(err)?;
    }
    Ok(text.into_bytes())
}

fn png(name: &str, s: &Summary) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; (W * H * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        draw(&root, name, s)?;
        root.present().map_err(err)?;
    }
    let img = image::RgbImage::from_raw(W, H, buf).ok_or("image buffer size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageOutputFormat::Png)
        .map_err(err)?;
    Ok(out.into_inner())
}

/// Colours of the sides, in the scenario's order: Song red, Xia blue as on the map, then
/// others.
const SIDE_COLOURS: [RGBColor; 5] = [
    RGBColor(178, 34, 34),
    RGBColor(30, 80, 160),
    RGBColor(40, 130, 60),
    RGBColor(150, 100, 20),
    RGBColor(110, 60, 140),
];

fn colour(i: usize) -> RGBColor {
    SIDE_COLOURS[i % SIDE_COLOURS.len()]
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The legend of a chart's labelled series, in the chart's corner.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    size: u32,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .label_font((FONT, size))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(err)
}

type Area<DB> = DrawingArea<DB, plotters::coord::Shift>;

fn draw<DB: DrawingBackend>(root: &Area<DB>, name: &str, s: &Summary) -> Result<(), String> {
    match name {
        "winners" => winners_chart(root, s),
        "men" => men_chart(root, s),
        "losses" => losses_chart(root, &s.analysis),
        "places" => places_chart(root, &s.analysis),
        _ => end_chart(root, &s.analysis),
    }
}

/// Winners (each side, and draws) as bars with their 95% intervals; with --vs, both sets.
fn winners_chart<DB: DrawingBackend>(root: &Area<DB>, s: &Summary) -> Result<(), String> {
    let a = &s.analysis;
    let mut sets = vec![("as asked".to_string(), a)];
    if let Some(v) = &s.vs {
        sets.push((format!("with {} = {}", v.side, v.controller), &v.analysis));
    }
    let outcomes: Vec<String> = a
        .sides
        .iter()
        .map(|x| format!("{} wins", x.name))
        .chain(std::iter::once("draw".to_string()))
        .collect();
    let k = sets.len() as i32;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: who wins, of {} games (95% intervals)", a.title, a.runs),
            (FONT, 22),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0..(outcomes.len() as i32 * (k + 1)), 0f64..1.0)
        .map_err(err)?;
    let labels = outcomes.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(outcomes.len() * (k as usize + 1))
        .x_label_formatter(&move |x| {
            let i = (*x / (k + 1)) as usize;
            if *x % (k + 1) == 0 {
                labels.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_desc("share of games")
        .label_style((FONT, 14))
        .draw()
        .map_err(err)?;
    for (j, (label, an)) in sets.iter().enumerate() {
        let shares: Vec<_> = an
            .sides
            .iter()
            .map(|x| x.wins)
            .chain(std::iter::once(an.draws))
            .collect();
        let c = if j == 0 {
            RGBColor(90, 90, 90)
        } else {
            RGBColor(200, 140, 40)
        };
        chart
            .draw_series(shares.iter().enumerate().map(|(i, sh)| {
                let x = i as i32 * (k + 1) + j as i32;
                Rectangle::new([(x, 0.0), (x + 1, sh.share)], c.mix(0.8).filled())
            }))
            .map_err(err)?
            .label(label.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        chart
            .draw_series(shares.iter().enumerate().map(|(i, sh)| {
                let x = i as i32 * (k + 1) + j as i32;
                PathElement::new(vec![(x, sh.low), (x, sh.high)], BLACK.stroke_width(2))
            }))
            .map_err(err)?;
    }
    legend(&mut chart, 14)?;
    Ok(())
}

/// Men of each side by turn: the median and the 10–90% band.
fn men_chart<DB: DrawingBackend>(root: &Area<DB>, s: &Summary) -> Result<(), String> {
    let a = &s.analysis;
    let turns = a.sides.first().map_or(1, |x| x.men_by_turn.len()).max(2) as i32;
    let top = a
        .sides
        .iter()
        .flat_map(|x| x.men_by_turn.iter().map(|b| b.p90))
        .max()
        .unwrap_or(1)
        .max(1) as f64
        * 1.05;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: men of each side by turn (median, 10–90%)", a.title),
            (FONT, 22),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(72)
        .build_cartesian_2d(0..turns - 1, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("turn")
        .y_desc("men")
        .label_style((FONT, 14))
        .y_label_formatter(&|y| format!("{:.0}", y))
        .draw()
        .map_err(err)?;
    for (i, side) in a.sides.iter().enumerate() {
        let c = colour(i);
        let mut band: Vec<(i32, f64)> = side
            .men_by_turn
            .iter()
            .map(|b| (b.turn as i32, f64::from(b.p90)))
            .collect();
        band.extend(
            side.men_by_turn
                .iter()
                .rev()
                .map(|b| (b.turn as i32, f64::from(b.p10))),
        );
        chart
            .draw_series(std::iter::once(Polygon::new(band, c.mix(0.2).filled())))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                side.men_by_turn
                    .iter()
                    .map(|b| (b.turn as i32, f64::from(b.median))),
                c.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("{} ({})", side.name, side.controller))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2)));
    }
    legend(&mut chart, 14)?;
    Ok(())
}

/// Mean men lost a game, by cause and side.
fn losses_chart<DB: DrawingBackend>(root: &Area<DB>, a: &Analysis) -> Result<(), String> {
    let causes: Vec<String> = a
        .sides
        .first()
        .map(|x| x.mean_losses.keys().cloned().collect())
        .unwrap_or_default();
    let k = a.sides.len() as i32;
    let top = a
        .sides
        .iter()
        .flat_map(|x| x.mean_losses.values().copied())
        .fold(1.0f64, f64::max)
        * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: men lost a game, by cause (mean)", a.title),
            (FONT, 22),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(72)
        .build_cartesian_2d(0..(causes.len() as i32 * (k + 1)), 0f64..top)
        .map_err(err)?;
    let labels = causes.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(causes.len() * (k as usize + 1))
        .x_label_formatter(&move |x| {
            if *x % (k + 1) == 0 {
                labels
                    .get((*x / (k + 1)) as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_desc("men")
        .label_style((FONT, 13))
        .y_label_formatter(&|y| format!("{:.0}", y))
        .draw()
        .map_err(err)?;
    for (j, side) in a.sides.iter().enumerate() {
        let c = colour(j);
        chart
            .draw_series(causes.iter().enumerate().map(|(i, cause)| {
                let x = i as i32 * (k + 1) + j as i32;
                let v = side.mean_losses.get(cause).copied().unwrap_or(0.0);
                Rectangle::new([(x, 0.0), (x + 1, v)], c.mix(0.85).filled())
            }))
            .map_err(err)?
            .label(side.name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
    }
    legend(&mut chart, 14)?;
    Ok(())
}

/// For each place whose owner changes in some game: the share of games in which its first
/// owner still holds it, turn by turn.
fn places_chart<DB: DrawingBackend>(root: &Area<DB>, a: &Analysis) -> Result<(), String> {
    let turns = a.places.first().map_or(1, |p| p.held_by.len()).max(2) as i32;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: places still held by their first owner", a.title),
            (FONT, 22),
        )
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0..turns - 1, 0f64..1.05)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("turn")
        .y_desc("share of games")
        .label_style((FONT, 14))
        .draw()
        .map_err(err)?;
    let mut drawn = 0;
    for p in &a.places {
        let Some((first, _)) = p
            .held_by
            .first()
            .and_then(|m| m.iter().max_by(|x, y| x.1.total_cmp(y.1)))
        else {
            continue;
        };
        let line: Vec<(i32, f64)> = p
            .held_by
            .iter()
            .enumerate()
            .map(|(t, m)| (t as i32, m.get(first).copied().unwrap_or(0.0)))
            .collect();
        if line.iter().all(|(_, v)| (*v - 1.0).abs() < 1e-9) {
            continue;
        }
        let c = Palette99::pick(drawn).to_rgba();
        drawn += 1;
        chart
            .draw_series(LineSeries::new(line, c.stroke_width(2)))
            .map_err(err)?
            .label(format!("{} ({first})", p.name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2)));
    }
    if drawn > 0 {
        legend(&mut chart, 13)?;
    } else {
        root.draw(&Text::new(
            "No place changed hands in any game.",
            (W as i32 / 3, H as i32 / 2),
            (FONT, 18),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// How many games ended on each date.
fn end_chart<DB: DrawingBackend>(root: &Area<DB>, a: &Analysis) -> Result<(), String> {
    let n = a.end_dates.len().max(1) as i32;
    let top = a.end_dates.iter().map(|d| d.1).max().unwrap_or(1) as f64 * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: the date each game ended", a.title), (FONT, 22))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d(0..n, 0f64..top)
        .map_err(err)?;
    let dates: Vec<String> = a.end_dates.iter().map(|d| d.0.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(dates.len().min(12))
        .x_label_formatter(&move |x| dates.get(*x as usize).cloned().unwrap_or_default())
        .y_desc("games")
        .label_style((FONT, 13))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(a.end_dates.iter().enumerate().map(|(i, (_, c))| {
            Rectangle::new(
                [(i as i32, 0.0), (i as i32 + 1, *c as f64)],
                RGBColor(90, 90, 90).mix(0.8).filled(),
            )
        }))
        .map_err(err)?;
    Ok(())
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The report, in Markdown, with the charts.
pub fn report(s: &Summary) -> String {
    let a = &s.analysis;
    let mut out = format!(
        "# {} — {} games\n\nSeeds {} to {}; {}. Games last {:.1} turns on average.\n\n",
        a.title,
        a.runs,
        a.first_seed,
        a.first_seed + a.runs.saturating_sub(1),
        a.sides
            .iter()
            .map(|x| format!("{}: {}", x.name, x.controller))
            .collect::<Vec<_>>()
            .join(", "),
        a.turns_mean
    );
    out.push_str("## Who wins\n\n![who wins](winners.png)\n\n| outcome | games | share | 95% interval |\n|---|---:|---:|---|\n");
    for x in &a.sides {
        out.push_str(&format!(
            "| {} wins | {} | {} | {} – {} |\n",
            x.name,
            x.wins.count,
            pct(x.wins.share),
            pct(x.wins.low),
            pct(x.wins.high)
        ));
    }
    out.push_str(&format!(
        "| draw | {} | {} | {} – {} |\n\n",
        a.draws.count,
        pct(a.draws.share),
        pct(a.draws.low),
        pct(a.draws.high)
    ));
    out.push_str("How the games ended:\n\n| winner | reason | games | share | 95% interval |\n|---|---|---:|---:|---|\n");
    for r in &a.reasons {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} – {} |\n",
            r.winner,
            r.reason,
            r.share.count,
            pct(r.share.share),
            pct(r.share.low),
            pct(r.share.high)
        ));
    }
    if let Some(v) = &s.vs {
        out.push_str(&format!(
            "\n### With {} played by {}\n\nThe same seeds, with that one change. The difference is seed for seed (paired), with its 95% interval.\n\n| side | wins as asked | wins with the change | difference | 95% interval |\n|---|---:|---:|---:|---|\n",
            v.side, v.controller
        ));
        for (i, (id, d)) in v.win_difference.iter().enumerate() {
            let before = a.sides.get(i).map_or(0.0, |x| x.wins.share);
            let after = v.analysis.sides.get(i).map_or(0.0, |x| x.wins.share);
            out.push_str(&format!(
                "| {id} | {} | {} | {:+.1} points | {:+.1} to {:+.1} |\n",
                pct(before),
                pct(after),
                d.difference * 100.0,
                d.low * 100.0,
                d.high * 100.0
            ));
        }
    }
    out.push_str("\n## Men by turn\n\nThe median and the band from the 10th to the 90th percentile; a game that has ended counts with its last turn.\n\n![men by turn](men.png)\n\n## Losses by cause\n\nMean men lost a game.\n\n![losses](losses.png)\n\n| cause |");
    for x in &a.sides {
        out.push_str(&format!(" {} |", x.name));
    }
    out.push_str("\n|---|");
    for _ in &a.sides {
        out.push_str("---:|");
    }
    out.push('\n');
    let causes: Vec<String> = a
        .sides
        .first()
        .map(|x| x.mean_losses.keys().cloned().collect())
        .unwrap_or_default();
    for c in &causes {
        out.push_str(&format!("| {c} |"));
        for x in &a.sides {
            out.push_str(&format!(
                " {:.0} |",
                x.mean_losses.get(c).copied().unwrap_or(0.0)
            ));
        }
        out.push('\n');
    }
    out.push_str("\n## Places\n\nThe share of games in which a place's first owner still holds it, for the places that change hands in some game.\n\n![places](places.png)\n\n| place | held at the end by |\n|---|---|\n");
    for p in &a.places {
        if let Some(last) = p.held_by.last() {
            let parts: Vec<String> = last
                .iter()
                .map(|(k, v)| format!("{k} {}", pct(*v)))
                .collect();
            out.push_str(&format!("| {} | {} |\n", p.name, parts.join(", ")));
        }
    }
    out.push_str(
        "\n## When the game ends\n\n![end dates](end-dates.png)\n\n| date | games |\n|---|---:|\n",
    );
    for (d, c) in &a.end_dates {
        out.push_str(&format!("| {d} | {c} |\n"));
    }
    out.push_str("\nEvery game's seed and state hash are in `summary.json` (`games`): `ordos sim SCENARIO --seed N` with the same controllers plays the same game.\n");
    out
}
