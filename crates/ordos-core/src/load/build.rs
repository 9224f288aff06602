//! Building a scenario's map, once: generated from a geography for its window (each place with
//! a `site` put on the hex the generator gave it), or decoded from hand-drawn rows. Problems
//! are reported at the field that causes them.

use crate::hex::Hex;
use crate::load::diagnostic::Findings;
use crate::load::geo;
use crate::load::locate::Seg::{self, Field, Index};
use crate::load::map::{Georeference, Map};
use crate::load::scenario::Scenario;
use crate::load::tables::Rules;

/// The most hexes a map may have, drawn or generated: the whole frontier at 2 km is 230,000.
pub const MAX_HEXES: u64 = 400_000;
/// The most rows or columns of a hand-drawn map.
pub const MAX_SIDE: usize = 2000;

/// Builds the map of a scenario and puts every place with a `site` on its hex. Returns None
/// (with the problems in `f`) when there is no map to build.
pub(crate) fn map(f: &mut Findings, s: &mut Scenario, rules: &Rules) -> Option<Map> {
    if !(100..=50_000).contains(&s.map.hex_m) {
        f.err(
            &[Field("map"), Field("hex_m")],
            format!("hex_m {} (expected 100 to 50000 metres)", s.map.hex_m),
        );
        return None;
    }
    let mut map = match s.map.region.clone() {
        Some(region) => generated(f, s, rules, &region)?,
        None => hand_drawn(f, s, rules)?,
    };
    for (i, h) in s.map.fords.iter().enumerate() {
        let p = [Field("map"), Field("fords"), Index(i)];
        match map.terrain(*h) {
            None => f.err(
                &p,
                format!(
                    "ford at {h} is off the map ({}×{} hexes)",
                    map.width, map.height
                ),
            ),
            Some(t) if rules.terrain[t].river != crate::load::tables::RiverKind::Major => f.err(
                &p,
                format!(
                    "ford at {h} is on {}, not on a major river",
                    rules.terrain[t].name
                ),
            ),
            Some(_) => map.add_ford(*h),
        }
    }
    for (i, h) in s.map.springs.iter().enumerate() {
        if map.contains(*h) {
            map.add_spring(*h);
        } else {
            f.err(
                &[Field("map"), Field("springs"), Index(i)],
                format!("spring at {h} is off the map"),
            );
        }
    }
    for (i, (h, metres)) in s.map.heights.iter().enumerate() {
        let p = [Field("map"), Field("heights"), Index(i)];
        let range = crate::load::validate::limits::MIN_HEIGHT_M
            ..=crate::load::validate::limits::MAX_HEIGHT_M;
        if !map.contains(*h) {
            f.err(
                &p,
                format!(
                    "height at {h} is off the map ({}×{} hexes)",
                    map.width, map.height
                ),
            );
        } else if !range.contains(metres) {
            f.err(
                &p,
                format!(
                    "height {metres} m at {h} (expected {} to {} metres above sea level)",
                    range.start(),
                    range.end()
                ),
            );
        } else {
            map.set_elevation(*h, *metres);
        }
    }
    map.labels.extend(s.map.labels.iter().cloned());
    Some(map)
}

/// Decodes `rows` through `legend`, checking that every row is as wide and every character
/// is in the legend.
fn hand_drawn(f: &mut Findings, s: &mut Scenario, rules: &Rules) -> Option<Map> {
    let m = &s.map;
    for (i, p) in s.places.iter().enumerate() {
        if p.hex == Hex::unset() {
            let msg = if p.site.is_some() {
                format!(
                    "place `{}` names a site, but the map is hand-drawn: give its hex (or generate the map from a region)",
                    p.id
                )
            } else {
                format!("place `{}` has no hex (expected `hex: (col, row)`)", p.id)
            };
            f.err(&[Field("places"), Index(i), Field("id")], msg);
        }
    }
    let mut legend = std::collections::BTreeMap::new();
    for (c, t) in &m.legend {
        match rules.terrain_index(t) {
            Some(i) => {
                legend.insert(*c, i as u16);
            }
            None => f.err(
                &[Field("map"), Field("legend")],
                format!(
                    "legend maps '{c}' to unknown terrain `{t}` (expected one of: {})",
                    terrain_list(rules)
                ),
            ),
        }
    }
    if m.rows.is_empty() {
        f.err(
            &[Field("map"), Field("rows")],
            "the map has no rows (give `rows` and `legend`, or a `region` to generate it from)",
        );
        return None;
    }
    let width = m.rows[0].chars().count();
    if m.rows.len() > MAX_SIDE
        || width > MAX_SIDE
        || (width as u64) * (m.rows.len() as u64) > MAX_HEXES
    {
        f.err(
            &[Field("map"), Field("rows")],
            format!(
                "a hand-drawn map of {width}×{} hexes (at most {MAX_SIDE} rows and columns, {MAX_HEXES} hexes)",
                m.rows.len()
            ),
        );
        return None;
    }
    let mut terrain = Vec::with_capacity(width * m.rows.len());
    let mut bad = false;
    for (r, row) in m.rows.iter().enumerate() {
        let path = [Field("map"), Field("rows"), Index(r)];
        let n = row.chars().count();
        if n != width || n == 0 {
            f.err(
                &path,
                format!("row {r} has {n} hexes, but row 0 has {width} (every row must be as wide)"),
            );
            bad = true;
            continue;
        }
        for (c, (byte, ch)) in row.char_indices().enumerate() {
            match legend.get(&ch) {
                Some(t) => terrain.push(*t),
                None => {
                    let offset = f.offset(&path).map_or(0, |o| o + 1 + byte);
                    f.err_at_offset(
                        &path,
                        offset,
                        format!("'{ch}' at column {c} of row {r} is not in the legend"),
                    );
                    bad = true;
                    break;
                }
            }
        }
    }
    if bad || f.errors() > 0 {
        return None;
    }
    let height = m.rows.len();
    Some(Map::new(
        width as i32,
        height as i32,
        m.hex_m,
        terrain,
        vec![0; width * height],
    ))
}

/// Generates the map of a window on a geography, applies the hex overrides, and puts every
/// place with a `site` on its hex.
fn generated(
    f: &mut Findings,
    s: &mut Scenario,
    rules: &Rules,
    region: &crate::load::scenario::RegionDef,
) -> Option<Map> {
    let Some(geography) = geo::by_id(&region.geography) else {
        f.err(
            &[Field("map"), Field("region"), Field("geography")],
            format!(
                "unknown geography `{}` (expected `ordos`)",
                region.geography
            ),
        );
        return None;
    };
    if !s.map.rows.is_empty() {
        f.err(
            &[Field("map"), Field("rows")],
            "the map is generated from a region; leave out `rows` (change single hexes with `overrides`)",
        );
        return None;
    }
    let window = geo::Window {
        south: region.south,
        west: region.west,
        north: region.north,
        east: region.east,
    };
    let g = match geo::generate(&geography, window, s.map.hex_m) {
        Ok(m) => m,
        Err(e) => {
            f.err(
                &[Field("map"), Field("region")],
                format!("cannot generate the map: {e}"),
            );
            return None;
        }
    };
    let mut terrain = Vec::with_capacity(g.terrain.len());
    for t in &g.terrain {
        match rules.terrain_index(t) {
            Some(i) => terrain.push(i as u16),
            None => {
                // The shipped geography names only shipped terrain (tested); a scenario that
                // replaces the table can still break that.
                f.err(
                    &[Field("map"), Field("region"), Field("geography")],
                    format!("the geography uses terrain `{t}`, which this scenario's rules lack"),
                );
                return None;
            }
        }
    }
    let mut map = Map::new(g.cols, g.rows, g.hex_m, terrain, g.elevation_m.clone());
    map.geography = Some(Georeference {
        projection: g.projection,
        origin: g.origin,
    });
    for (i, (h, t)) in s.map.overrides.iter().enumerate() {
        let path = [Field("map"), Field("overrides"), Index(i)];
        match (map.index(*h), rules.terrain_index(t)) {
            (None, _) => f.err(
                &path,
                format!(
                    "override at {h} is off the map ({}×{} hexes)",
                    g.cols, g.rows
                ),
            ),
            (_, None) => f.err(
                &path,
                format!(
                    "override to unknown terrain `{t}` (expected one of: {})",
                    terrain_list(rules)
                ),
            ),
            (Some(_), Some(ti)) => map.set_terrain(*h, ti as u16),
        }
    }
    for h in &g.crossings {
        map.add_ford(*h);
    }
    // Generated labels first; the scenario's own are drawn over them.
    map.labels = g.labels.clone();
    for (i, p) in s.places.iter_mut().enumerate() {
        let path: [Seg; 3] = [Field("places"), Index(i), Field("site")];
        match &p.site {
            Some(site) => match g.sites.get(site) {
                Some(h) => p.hex = *h,
                None => {
                    let known = geography.places.iter().any(|x| &x.id == site);
                    let msg = if known {
                        format!(
                            "place `{}`: site `{site}` lies outside the map's window",
                            p.id
                        )
                    } else {
                        format!(
                            "place `{}`: no site `{site}` in the geography `{}` (see assets/geography/{}.ron)",
                            p.id, geography.id, geography.id
                        )
                    };
                    f.err(&path, msg);
                }
            },
            None if p.hex == Hex::unset() => f.err(
                &[Field("places"), Index(i), Field("id")],
                format!("place `{}` has neither a hex nor a site", p.id),
            ),
            None => {}
        }
    }
    Some(map)
}

pub(crate) fn terrain_list(r: &Rules) -> String {
    r.terrain
        .iter()
        .map(|x| x.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
