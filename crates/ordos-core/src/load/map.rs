//! The board a game is played on: a terrain per hex (an index into the rule tables), the
//! crossings of the Yellow River, springs, the names written on the map and, for a map
//! generated from geography, the height of each hex and the projection that relates hexes to
//! latitude and longitude. Built once when a scenario is loaded (`load::build`), never changed.

use crate::hex::Hex;
use crate::load::geo::{LatLon, Projection};

/// The decoded map. Terrain is an index into `Rules::terrain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Map {
    pub width: i32,
    pub height: i32,
    pub hex_m: u32,
    terrain: Vec<u16>,
    ford: Vec<bool>,
    spring: Vec<bool>,
    /// Height above sea level, metres (0 on a hand-drawn map).
    elevation_m: Vec<i32>,
    /// Names to draw: the generated ones, then the scenario's own.
    pub labels: Vec<(Hex, String)>,
    /// For a generated map: how hexes relate to latitude and longitude.
    pub geography: Option<Georeference>,
    /// The index of each hex's six neighbours, in direction order (`u32::MAX` off the map):
    /// worked out once, read by every search.
    neighbours: Vec<[u32; 6]>,
}

/// Where a generated map lies on the earth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Georeference {
    pub projection: Projection,
    /// Where hex (0, 0)'s centre lies on the projected plane, km east and north.
    pub origin: (f64, f64),
}

impl Map {
    /// A map of `width × height` hexes with the given terrain (row by row) and heights.
    pub(crate) fn new(
        width: i32,
        height: i32,
        hex_m: u32,
        terrain: Vec<u16>,
        elevation_m: Vec<i32>,
    ) -> Map {
        let n = terrain.len();
        let mut map = Map {
            width,
            height,
            hex_m: hex_m.max(1),
            terrain,
            ford: vec![false; n],
            spring: vec![false; n],
            elevation_m,
            labels: Vec::new(),
            geography: None,
            neighbours: Vec::new(),
        };
        map.neighbours = (0..n)
            .map(|i| {
                let h = map.hex_at(i);
                let mut out = [u32::MAX; 6];
                for (d, nb) in h.neighbours().into_iter().enumerate() {
                    if let Some(j) = map.index(nb) {
                        out[d] = j as u32;
                    }
                }
                out
            })
            .collect();
        map
    }

    /// The indices of a hex's six neighbours, in direction order; `u32::MAX` where one is off
    /// the map.
    pub fn neighbour_indices(&self, i: usize) -> &[u32; 6] {
        &self.neighbours[i]
    }

    pub(crate) fn set_terrain(&mut self, h: Hex, t: u16) {
        if let Some(i) = self.index(h) {
            self.terrain[i] = t;
        }
    }
    pub(crate) fn add_ford(&mut self, h: Hex) {
        if let Some(i) = self.index(h) {
            self.ford[i] = true;
        }
    }
    pub(crate) fn set_elevation(&mut self, h: Hex, metres: i32) {
        if let Some(i) = self.index(h) {
            self.elevation_m[i] = metres;
        }
    }
    pub(crate) fn add_spring(&mut self, h: Hex) {
        if let Some(i) = self.index(h) {
            self.spring[i] = true;
        }
    }

    pub fn index(&self, h: Hex) -> Option<usize> {
        (h.col >= 0 && h.row >= 0 && h.col < self.width && h.row < self.height)
            .then(|| (h.row * self.width + h.col) as usize)
    }
    pub fn contains(&self, h: Hex) -> bool {
        self.index(h).is_some()
    }
    /// The terrain of a hex, as an index into `Rules::terrain`.
    pub fn terrain(&self, h: Hex) -> Option<usize> {
        self.index(h).map(|i| usize::from(self.terrain[i]))
    }
    pub fn is_ford(&self, h: Hex) -> bool {
        self.index(h).is_some_and(|i| self.ford[i])
    }
    pub fn has_spring(&self, h: Hex) -> bool {
        self.index(h).is_some_and(|i| self.spring[i])
    }
    /// Height of a hex above sea level, metres.
    pub fn elevation_m(&self, h: Hex) -> Option<i32> {
        self.index(h).map(|i| self.elevation_m[i])
    }
    /// Every ford and ferry, in hex order.
    pub fn fords(&self) -> impl Iterator<Item = Hex> + '_ {
        (0..self.len())
            .filter(|&i| self.ford[i])
            .map(|i| self.hex_at(i))
    }
    pub fn len(&self) -> usize {
        self.terrain.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terrain.is_empty()
    }
    pub fn hex_at(&self, i: usize) -> Hex {
        Hex::new(i as i32 % self.width, i as i32 / self.width)
    }
    /// The latitude and longitude of a hex's centre, on a generated map.
    pub fn lat_lon(&self, h: Hex) -> Option<LatLon> {
        let g = self.geography?;
        let (x, y) = crate::load::geo::hex_centre(g.origin, self.hex_m, h);
        Some(g.projection.unproject((x, y)))
    }
}
