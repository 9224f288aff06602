//! Hex grid geometry: pointy-top hexes in "odd-r" offset coordinates (odd rows shifted right),
//! the layout `bevy_ecs_tilemap` calls `HexCoordSystem::RowOdd`.

use serde::{Deserialize, Serialize};

/// One hex of the map, by column and row. Written `(col, row)` in scenario files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "(i32, i32)", into = "(i32, i32)")]
pub struct Hex {
    pub col: i32,
    pub row: i32,
}

impl From<(i32, i32)> for Hex {
    fn from((col, row): (i32, i32)) -> Self {
        Hex { col, row }
    }
}

impl From<Hex> for (i32, i32) {
    fn from(h: Hex) -> Self {
        (h.col, h.row)
    }
}

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({}, {})", self.col, self.row)
    }
}

/// The six directions, in order E, NE, NW, W, SW, SE. `(d + 3) % 6` is the opposite.
pub const DIRECTIONS: usize = 6;

const EVEN_ROW: [(i32, i32); 6] = [(1, 0), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1)];
const ODD_ROW: [(i32, i32); 6] = [(1, 0), (1, -1), (0, -1), (-1, 0), (0, 1), (1, 1)];

impl Hex {
    pub const fn new(col: i32, row: i32) -> Self {
        Hex { col, row }
    }

    /// The neighbour in direction `dir` (0..6).
    pub fn neighbour(self, dir: usize) -> Hex {
        let table = if self.row & 1 == 0 {
            &EVEN_ROW
        } else {
            &ODD_ROW
        };
        let (dc, dr) = table[dir % DIRECTIONS];
        Hex::new(self.col + dc, self.row + dr)
    }

    /// All six neighbours, in direction order (deterministic).
    /// A hex no map contains: "not given" in scenario files.
    pub fn unset() -> Hex {
        Hex::new(i32::MIN, i32::MIN)
    }

    pub fn neighbours(self) -> [Hex; 6] {
        std::array::from_fn(|d| self.neighbour(d))
    }

    fn cube(self) -> (i32, i32, i32) {
        let x = self.col - (self.row - (self.row & 1)) / 2;
        let z = self.row;
        (x, -x - z, z)
    }

    /// Distance in hexes.
    pub fn distance(self, other: Hex) -> u32 {
        let (ax, ay, az) = self.cube();
        let (bx, by, bz) = other.cube();
        let d = (ax - bx).abs().max((ay - by).abs()).max((az - bz).abs());
        d as u32
    }

    /// The direction from `self` to an adjacent `other`, if they are adjacent.
    pub fn direction_to(self, other: Hex) -> Option<usize> {
        (0..DIRECTIONS).find(|&d| self.neighbour(d) == other)
    }

    /// True if the hexes share an edge.
    pub fn is_adjacent(self, other: Hex) -> bool {
        self.direction_to(other).is_some()
    }
}

/// The opposite of a direction.
pub fn opposite(dir: usize) -> usize {
    (dir + 3) % DIRECTIONS
}

/// How far two directions are apart, 0 (same) to 3 (opposite).
pub fn direction_gap(a: usize, b: usize) -> usize {
    let d = (a + DIRECTIONS - b) % DIRECTIONS;
    d.min(DIRECTIONS - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_at_distance_one_and_symmetric() {
        for h in [Hex::new(3, 4), Hex::new(2, 5), Hex::new(0, 0)] {
            for d in 0..DIRECTIONS {
                let n = h.neighbour(d);
                assert_eq!(h.distance(n), 1);
                assert_eq!(n.neighbour(opposite(d)), h);
            }
        }
    }

    #[test]
    fn distance_along_a_row_and_diagonal() {
        assert_eq!(Hex::new(0, 0).distance(Hex::new(5, 0)), 5);
        assert_eq!(Hex::new(0, 0).distance(Hex::new(0, 4)), 4);
        assert_eq!(Hex::new(0, 0).distance(Hex::new(2, 4)), 4);
    }
}
