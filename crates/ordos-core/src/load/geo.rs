//! Real geography as data, and the hex maps generated from it for any window and scale.
//!
//! `assets/geography/ordos.ron` holds rivers as latitude/longitude polylines, terrain areas as
//! polygons, and the places of the gazetteer. `generate` projects it onto a flat plane with an
//! azimuthal equidistant projection centred on the window (distances from the centre are exact;
//! over the whole Ordos frontier no distance is off by more than a fraction of a percent) and
//! lays an odd-r hex grid over it.
//!
//! Determinism: only IEEE-754 `+ - * /` and `sqrt`, which are exactly rounded on every
//! platform Rust supports; sine, cosine and arcsine are computed here by series, not by the
//! platform's maths library (whose last bits differ between systems). The same geography,
//! window and hex size give the same map, bit for bit, everywhere.

use crate::hex::Hex;
use crate::load::scenario::PlaceKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Mean Earth radius, km.
pub const EARTH_KM: f64 = 6371.0088;

/// A point: degrees north, degrees east.
pub type LatLon = (f64, f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geography {
    pub id: String,
    pub name: String,
    /// Terrain where no area lies.
    pub base: String,
    pub base_elevation_m: i32,
    /// Painted in order: a later area overrides an earlier one.
    pub areas: Vec<Area>,
    pub rivers: Vec<River>,
    pub places: Vec<GeoPlace>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub name: String,
    pub terrain: String,
    pub elevation_m: i32,
    pub estimated: bool,
    /// A name to write on the map, if any.
    pub label: Option<String>,
    pub polygon: Vec<LatLon>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct River {
    pub name: String,
    /// The Yellow River: a barrier of river hexes. Otherwise a stream with a farmland valley.
    pub major: bool,
    /// Width of the farmland valley on each side, km.
    pub valley_km: u32,
    pub estimated: bool,
    pub label: Option<String>,
    /// Upstream to downstream.
    pub points: Vec<LatLon>,
    /// Fords and ferries (major rivers).
    pub crossings: Vec<LatLon>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoPlace {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// The position is an estimate (the gazetteer's "est." or ours).
    pub estimated: bool,
    /// False where the gazetteer could not locate it and we put it where the accounts make sense.
    #[serde(default = "yes")]
    pub located: bool,
    pub kind: PlaceKind,
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

/// The Ordos frontier, as shipped.
pub fn ordos() -> Geography {
    ron::from_str(include_str!("../../../../assets/geography/ordos.ron"))
        .expect("the shipped geography parses (tested)")
}

/// The geography of the given id (only `ordos` is built in).
pub fn by_id(id: &str) -> Option<Geography> {
    (id == "ordos").then(ordos)
}

/// A latitude/longitude box: south, west, north, east (degrees).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Window {
    /// Whether a point lies inside the window (edges included).
    pub fn contains(&self, p: LatLon) -> bool {
        p.0 >= self.south && p.0 <= self.north && p.1 >= self.west && p.1 <= self.east
    }
}

/// Why a map could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GeoError {
    #[error("the window is empty: south must be below north and west left of east")]
    EmptyWindow,
    #[error("the window must lie within 80° of the equator and span less than 30°")]
    WindowTooLarge,
    #[error("hexes must be between 200 m and 100 km across, not {0} m")]
    HexSize(u32),
    #[error("the map would have {0} hexes; the most is 400,000 (use larger hexes)")]
    TooManyHexes(u64),
}

/// A generated map: terrain per hex (row by row), its crossings, labels, where each place of
/// the geography landed, and the height of each hex.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedMap {
    pub cols: i32,
    pub rows: i32,
    pub hex_m: u32,
    pub terrain: Vec<String>,
    pub elevation_m: Vec<i32>,
    pub crossings: Vec<Hex>,
    pub labels: Vec<(Hex, String)>,
    /// Place id → its hex, for the places inside the window.
    pub sites: BTreeMap<String, Hex>,
    pub projection: Projection,
    /// Where hex (0, 0)'s centre lies on the projected plane, km east and north.
    pub origin: (f64, f64),
}

impl GeneratedMap {
    pub fn terrain_at(&self, h: Hex) -> Option<&str> {
        self.index(h).map(|i| self.terrain[i].as_str())
    }
    pub fn index(&self, h: Hex) -> Option<usize> {
        (h.col >= 0 && h.row >= 0 && h.col < self.cols && h.row < self.rows)
            .then(|| (h.row * self.cols + h.col) as usize)
    }
    /// The centre of a hex on the projected plane (km east, km north).
    pub fn centre_km(&self, h: Hex) -> (f64, f64) {
        hex_centre(self.origin, self.hex_m, h)
    }
    /// The hex whose centre is nearest the point.
    pub fn hex_of(&self, p: LatLon) -> Hex {
        nearest_hex(self.origin, self.hex_m, self.projection.project(p))
    }
}

// ---------------------------------------------------------------------------------------
// Deterministic trigonometry.

const PI: f64 = std::f64::consts::PI;

fn radians(deg: f64) -> f64 {
    deg * (PI / 180.0)
}

/// Sine and cosine by range reduction to [-π/4, π/4] and Taylor series (error < 1e-16).
pub fn sin_cos(x: f64) -> (f64, f64) {
    // x = k·(π/2) + r
    let k = (x / (PI / 2.0)).round();
    let r = x - k * (PI / 2.0);
    let r2 = r * r;
    // sin r and cos r to the 17th / 16th power.
    let mut s = 0.0;
    let mut c = 0.0;
    let mut term_s = r;
    let mut term_c = 1.0;
    for n in 0..10 {
        s += term_s;
        c += term_c;
        let n2 = (2 * n + 2) as f64;
        term_s = -term_s * r2 / (n2 * (n2 + 1.0));
        term_c = -term_c * r2 / ((n2 - 1.0) * n2);
    }
    match (k as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// Arcsine for 0 ≤ z ≤ 0.75 by series (used for angular distances well under 90°).
fn asin_small(z: f64) -> f64 {
    // asin z = Σ (2n)! / (4^n (n!)^2 (2n+1)) z^(2n+1)
    let z2 = z * z;
    let mut term = z;
    let mut coef = 1.0;
    let mut sum = 0.0;
    for n in 0..60 {
        sum += coef * term / (2 * n + 1) as f64;
        let nf = n as f64;
        coef *= (2.0 * nf + 1.0) / (2.0 * nf + 2.0);
        term *= z2;
        if term < 1e-20 {
            break;
        }
    }
    sum
}

/// Azimuthal equidistant projection about a centre point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub centre: LatLon,
    sin0: f64,
    cos0: f64,
}

impl Projection {
    pub fn new(centre: LatLon) -> Projection {
        let (sin0, cos0) = sin_cos(radians(centre.0));
        Projection { centre, sin0, cos0 }
    }

    /// Km east and north of the centre, with the true distance from the centre.
    pub fn project(&self, p: LatLon) -> (f64, f64) {
        let (sinp, cosp) = sin_cos(radians(p.0));
        let (sind, cosd) = sin_cos(radians(p.1 - self.centre.1));
        let x = cosp * sind;
        let y = self.cos0 * sinp - self.sin0 * cosp * cosd;
        // The chord between the two points on the unit sphere gives the angle between them.
        let (cx, cy, cz) = (cosp * cosd - self.cos0, cosp * sind, sinp - self.sin0);
        let chord = (cx * cx + cy * cy + cz * cz).sqrt();
        if chord < 1e-15 {
            return (0.0, 0.0);
        }
        let angle = 2.0 * asin_small(chord / 2.0);
        let len = (x * x + y * y).sqrt(); // = sin(angle)
        let k = EARTH_KM * angle / len;
        (x * k, y * k)
    }

    /// The latitude and longitude of a point on the plane (km east, km north): the inverse of
    /// `project`. For showing where a hex lies, never for a rule, so the platform's
    /// trigonometry is good enough here.
    pub fn unproject(&self, p: (f64, f64)) -> LatLon {
        let rho = (p.0 * p.0 + p.1 * p.1).sqrt();
        if rho < 1e-12 {
            return self.centre;
        }
        let c = rho / EARTH_KM;
        let (sin_c, cos_c) = c.sin_cos();
        let lat = (cos_c * self.sin0 + p.1 * sin_c * self.cos0 / rho).asin();
        let dlon = (p.0 * sin_c).atan2(rho * self.cos0 * cos_c - p.1 * self.sin0 * sin_c);
        (lat.to_degrees(), self.centre.1 + dlon.to_degrees())
    }
}

/// Great-circle distance in km (haversine), by the same series: for tests and the readout.
pub fn great_circle_km(a: LatLon, b: LatLon) -> f64 {
    let (s1, _) = sin_cos(radians((b.0 - a.0) / 2.0));
    let (s2, _) = sin_cos(radians((b.1 - a.1) / 2.0));
    let (_, c1) = sin_cos(radians(a.0));
    let (_, c2) = sin_cos(radians(b.0));
    let h = s1 * s1 + c1 * c2 * s2 * s2;
    2.0 * EARTH_KM * asin_small(h.sqrt())
}

// ---------------------------------------------------------------------------------------
// The hex grid on the plane: odd-r offset, pointy-topped, `hex_m` centre to centre; row 0 at
// the north, odd rows shifted half a hex east.

fn sqrt3() -> f64 {
    3.0f64.sqrt()
}

pub(crate) fn hex_centre(origin: (f64, f64), hex_m: u32, h: Hex) -> (f64, f64) {
    let w = f64::from(hex_m) / 1000.0;
    let x = origin.0 + w * (f64::from(h.col) + if h.row & 1 == 1 { 0.5 } else { 0.0 });
    let y = origin.1 - w * sqrt3() / 2.0 * f64::from(h.row);
    (x, y)
}

fn nearest_hex(origin: (f64, f64), hex_m: u32, p: (f64, f64)) -> Hex {
    let w = f64::from(hex_m) / 1000.0;
    let size = w / sqrt3(); // centre to corner
    let x = p.0 - origin.0;
    let y = origin.1 - p.1; // rows grow southward
    let q = (sqrt3() / 3.0 * x - y / 3.0) / size;
    let r = (2.0 / 3.0 * y) / size;
    // Cube rounding.
    let (cx, cz) = (q, r);
    let cy = -cx - cz;
    let (mut rx, ry, mut rz) = (cx.round(), cy.round(), cz.round());
    let (dx, dy, dz) = ((rx - cx).abs(), (ry - cy).abs(), (rz - cz).abs());
    if dx > dy && dx > dz {
        rx = -ry - rz;
    } else if dy <= dz {
        rz = -rx - ry;
    }
    let (q, r) = (rx as i32, rz as i32);
    Hex::new(q + (r - (r & 1)) / 2, r)
}

/// The hexes from `a` (exclusive) to `b` (inclusive), each a neighbour of the last: at each
/// step the neighbour nearest `b` (the first in direction order on ties).
fn walk(a: Hex, b: Hex) -> Vec<Hex> {
    let mut out = Vec::new();
    let mut at = a;
    while at != b {
        at = at
            .neighbours()
            .into_iter()
            .min_by_key(|n| n.distance(b))
            .unwrap_or(b);
        out.push(at);
    }
    out
}

fn point_in_polygon(p: (f64, f64), poly: &[(f64, f64)]) -> bool {
    let mut inside = false;
    let n = poly.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (xi, yi) = poly[i];
        let (xj, yj) = poly[j];
        if (yi > p.1) != (yj > p.1) && p.0 < (xj - xi) * (p.1 - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    (qx * qx + qy * qy).sqrt()
}

fn distance_to_line(p: (f64, f64), line: &[(f64, f64)]) -> f64 {
    line.windows(2)
        .map(|s| distance_to_segment(p, s[0], s[1]))
        .fold(f64::INFINITY, f64::min)
}

/// Generates the hex map of `geo` for a window at `hex_m` metres a hex.
pub fn generate(geo: &Geography, window: Window, hex_m: u32) -> Result<GeneratedMap, GeoError> {
    let Window {
        south,
        west,
        north,
        east,
    } = window;
    let finite = [south, west, north, east].iter().all(|v| v.is_finite());
    if !finite || south >= north || west >= east {
        return Err(GeoError::EmptyWindow);
    }
    if north - south > 30.0 || east - west > 30.0 || south < -80.0 || north > 80.0 {
        return Err(GeoError::WindowTooLarge);
    }
    if !(200..=100_000).contains(&hex_m) {
        return Err(GeoError::HexSize(hex_m));
    }
    let projection = Projection::new(((south + north) / 2.0, (west + east) / 2.0));
    // The window's outline on the plane, sampled along its edges.
    let mut outline = Vec::new();
    for i in 0..=16 {
        let t = f64::from(i) / 16.0;
        outline.push(projection.project((south, west + t * (east - west))));
        outline.push(projection.project((north, west + t * (east - west))));
        outline.push(projection.project((south + t * (north - south), west)));
        outline.push(projection.project((south + t * (north - south), east)));
    }
    let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| {
        outline.iter().map(pick).fold(init, f)
    };
    let (x_min, x_max) = (
        fold(f64::min, f64::INFINITY, |p| p.0),
        fold(f64::max, f64::NEG_INFINITY, |p| p.0),
    );
    let (y_min, y_max) = (
        fold(f64::min, f64::INFINITY, |p| p.1),
        fold(f64::max, f64::NEG_INFINITY, |p| p.1),
    );
    let w = f64::from(hex_m) / 1000.0;
    let h = w * sqrt3() / 2.0;
    let cols = ((x_max - x_min) / w).ceil() as i64 + 1;
    let rows = ((y_max - y_min) / h).ceil() as i64 + 1;
    let count = (cols * rows) as u64;
    if count > 400_000 {
        return Err(GeoError::TooManyHexes(count));
    }
    let (cols, rows) = (cols as i32, rows as i32);
    let origin = (x_min, y_max);
    let n = (cols * rows) as usize;
    let hexes: Vec<Hex> = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| Hex::new(c, r)))
        .collect();
    let centres: Vec<(f64, f64)> = hexes
        .iter()
        .map(|h| hex_centre(origin, hex_m, *h))
        .collect();
    let index = |h: Hex| -> Option<usize> {
        (h.col >= 0 && h.row >= 0 && h.col < cols && h.row < rows)
            .then(|| (h.row * cols + h.col) as usize)
    };

    let mut terrain = vec![geo.base.clone(); n];
    let mut elevation_m = vec![geo.base_elevation_m; n];
    let mut labels = Vec::new();
    let in_window = |p: LatLon| window.contains(p);

    for area in &geo.areas {
        let poly: Vec<(f64, f64)> = area
            .polygon
            .iter()
            .map(|p| projection.project(*p))
            .collect();
        for (i, c) in centres.iter().enumerate() {
            if point_in_polygon(*c, &poly) {
                terrain[i] = area.terrain.clone();
                elevation_m[i] = area.elevation_m;
            }
        }
        if let Some(text) = &area.label {
            // At the vertex average, if that lies inside the window and the area.
            let k = area.polygon.len().max(1) as f64;
            let mid = (
                area.polygon.iter().map(|p| p.0).sum::<f64>() / k,
                area.polygon.iter().map(|p| p.1).sum::<f64>() / k,
            );
            let at = nearest_hex(origin, hex_m, projection.project(mid));
            if in_window(mid) && index(at).is_some() {
                labels.push((at, text.clone()));
            }
        }
    }

    let mut crossings = Vec::new();
    for river in &geo.rivers {
        let line: Vec<(f64, f64)> = river
            .points
            .iter()
            .map(|p| projection.project(*p))
            .collect();
        if river.major {
            // Every hex the line passes through, sampled at a quarter hex.
            let mut last: Option<Hex> = None;
            for seg in line.windows(2) {
                let (a, b) = (seg[0], seg[1]);
                let len = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).sqrt();
                let steps = (len / (w / 4.0)).ceil().max(1.0) as i64;
                for s in 0..=steps {
                    let t = s as f64 / steps as f64;
                    let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                    let hx = nearest_hex(origin, hex_m, p);
                    // Fill any gap so the river is a chain of neighbours: a barrier.
                    if let Some(prev) = last
                        && prev != hx
                        && !prev.is_adjacent(hx)
                    {
                        for g in walk(prev, hx) {
                            if let Some(i) = index(g) {
                                terrain[i] = "yellow-river".into();
                            }
                        }
                    }
                    if let Some(i) = index(hx) {
                        terrain[i] = "yellow-river".into();
                    }
                    last = Some(hx);
                }
            }
            for c in &river.crossings {
                let hx = nearest_hex(origin, hex_m, projection.project(*c));
                if index(hx).is_some() && !crossings.contains(&hx) {
                    crossings.push(hx);
                }
            }
            // Its banks: farmland within `valley_km` (not where canals, hills or sand are
            // painted already as something else worth keeping).
            let valley = f64::from(river.valley_km);
            if valley > 0.0 {
                for (i, c) in centres.iter().enumerate() {
                    if !matches!(terrain[i].as_str(), "loess-hills" | "steppe") {
                        continue;
                    }
                    let d = distance_to_line(*c, &line);
                    if d <= valley {
                        terrain[i] = "river-valley".into();
                    }
                }
            }
        } else {
            let valley = f64::from(river.valley_km);
            for (i, c) in centres.iter().enumerate() {
                if terrain[i] == "yellow-river" || terrain[i] == "mountains" {
                    continue;
                }
                let d = distance_to_line(*c, &line);
                if d <= w / 2.0 {
                    terrain[i] = "stream".into();
                } else if d <= valley.max(w / 2.0) && terrain[i] != "stream" {
                    terrain[i] = "river-valley".into();
                }
            }
        }
        if let Some(text) = &river.label {
            // Beside the river, at the first in-window vertex past its middle.
            let mid = river.points.len() / 2;
            if let Some(p) = river.points[mid..]
                .iter()
                .chain(river.points[..mid].iter())
                .find(|p| in_window(**p))
            {
                let at = nearest_hex(origin, hex_m, projection.project(*p));
                if index(at).is_some() {
                    labels.push((at, text.clone()));
                }
            }
        }
    }

    let mut sites = BTreeMap::new();
    for p in &geo.places {
        if !in_window((p.lat, p.lon)) {
            continue;
        }
        let hx = nearest_hex(origin, hex_m, projection.project((p.lat, p.lon)));
        let Some(i) = index(hx) else { continue };
        // A walled place on the Yellow River stands at a crossing (Lanzhou, Fuzhou).
        if terrain[i] == "yellow-river" && !crossings.contains(&hx) {
            crossings.push(hx);
        }
        sites.insert(p.id.clone(), hx);
    }
    crossings.sort();

    Ok(GeneratedMap {
        cols,
        rows,
        hex_m,
        terrain,
        elevation_m,
        crossings,
        labels,
        sites,
        projection,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_trigonometry_matches_the_platform_closely() {
        for i in -400..=400 {
            let x = f64::from(i) * 0.0123;
            let (s, c) = sin_cos(x);
            assert!((s - x.sin()).abs() < 1e-14, "sin {x}");
            assert!((c - x.cos()).abs() < 1e-14, "cos {x}");
        }
        for i in 0..=75 {
            let z = f64::from(i) / 100.0;
            assert!((asin_small(z) - z.asin()).abs() < 1e-13, "asin {z}");
        }
    }

    #[test]
    fn a_point_lands_on_the_hex_whose_centre_it_is() {
        let origin = (-100.0, 50.0);
        for r in 0..9 {
            for c in 0..9 {
                let h = Hex::new(c, r);
                assert_eq!(nearest_hex(origin, 5000, hex_centre(origin, 5000, h)), h);
            }
        }
    }
}
