//! The Ordos geography and the maps generated from it: every gazetteer place on the hex nearest
//! its position, the Yellow River a connected barrier round the loop, distances true to within
//! 2%, and the same map every time.

use ordos_core::hash::fnv1a;
use ordos_core::hex::Hex;
use ordos_core::load::geo::{GeneratedMap, LatLon, Window, generate, great_circle_km, ordos};
use std::collections::{BTreeSet, VecDeque};

/// The whole Ordos frontier at 5 km a hex (the "roughly 35–41.5 N, 100–111.5 E").
fn region() -> GeneratedMap {
    generate(
        &ordos(),
        Window {
            south: 35.0,
            west: 100.0,
            north: 41.5,
            east: 111.5,
        },
        5000,
    )
    .unwrap()
}

fn place(id: &str) -> LatLon {
    let g = ordos();
    let p = g.places.iter().find(|p| p.id == id).unwrap();
    (p.lat, p.lon)
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).sqrt()
}

#[test]
fn the_geography_has_every_place_of_the_gazetteer_and_says_which_are_estimates() {
    let g = ordos();
    let gazetteer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/sources/gazetteer.md"
    ))
    .unwrap_or_default();
    // Every row of the gazetteer's table names a place we have (by its name's first word).
    let mut rows = 0;
    for line in gazetteer
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| place"))
    {
        let name = line[2..].split(['|', '(', ' ', ',']).next().unwrap().trim();
        if name.is_empty() {
            continue;
        }
        rows += 1;
        let found = g.places.iter().any(|p| {
            p.name
                .to_lowercase()
                .replace('\'', "")
                .contains(&name.to_lowercase().replace('\'', ""))
        });
        assert!(
            found,
            "gazetteer place `{name}` is missing from the geography"
        );
    }
    assert!(
        gazetteer.is_empty() || rows >= 30,
        "read {rows} gazetteer rows"
    );
    assert!(g.places.len() >= 34);
    // "read" positions are not estimates; the unlocated ones say so.
    let xingqing = g.places.iter().find(|p| p.id == "xingqing").unwrap();
    assert!(!xingqing.estimated);
    let youzhou = g.places.iter().find(|p| p.id == "youzhou").unwrap();
    assert!(youzhou.estimated && !youzhou.located);
}

#[test]
fn every_place_lands_on_the_hex_nearest_its_position() {
    for (map, scale) in [(region(), "5 km"), (battle_map(), "1.5 km")] {
        let g = ordos();
        let mut seen = BTreeSet::new();
        for p in &g.places {
            let Some(h) = map.sites.get(&p.id) else {
                continue;
            };
            let at = map.projection.project((p.lat, p.lon));
            let d = dist(map.centre_km(*h), at);
            for n in h.neighbours() {
                assert!(
                    d <= dist(map.centre_km(n), at) + 1e-9,
                    "{scale}: {} at {h} is not on its nearest hex ({n} is nearer)",
                    p.id
                );
            }
            assert!(seen.insert(*h), "{scale}: two places share {h}");
        }
        assert!(!map.sites.is_empty());
    }
    // The whole frontier holds every place but Kaifeng (off the map to the south-east).
    let map = region();
    assert_eq!(map.sites.len(), ordos().places.len() - 1);
    assert!(!map.sites.contains_key("kaifeng"));
}

/// A battle's valley at 1.5 km a hex: Haoshuichuan to Zhenrong.
fn battle_map() -> GeneratedMap {
    generate(
        &ordos(),
        Window {
            south: 35.7,
            west: 105.6,
            north: 36.35,
            east: 106.45,
        },
        1500,
    )
    .unwrap()
}

#[test]
fn the_yellow_river_is_a_connected_barrier_from_lanzhou_round_the_loop_to_hukou() {
    let map = region();
    let river = |h: Hex| map.terrain_at(h) == Some("yellow-river");
    // Lanzhou stands on the south bank by its crossing (the pontoon bridge).
    let lanzhou = map.sites["lanzhou"];
    assert!(!river(lanzhou));
    let bridge = lanzhou
        .neighbours()
        .into_iter()
        .find(|h| map.crossings.contains(h))
        .expect("a crossing next to Lanzhou");
    assert!(river(bridge));
    let hukou = map.hex_of((36.15, 110.45));
    assert!(river(hukou));
    // Connected: a chain of river hexes, each next to the last, from Lanzhou to Hukou, by way
    // of the loop's north-west and north-east corners.
    let reach = flood(&map, bridge, river);
    for corner in [(39.67, 106.8), (40.55, 110.0), (39.03, 111.07)] {
        assert!(
            reach.contains(&map.hex_of(corner)),
            "the loop passes {corner:?}"
        );
    }
    assert!(reach.contains(&hukou));
    // A barrier: over land alone, the Ordos inside the loop (Xiazhou, the Mu Us, Lingzhou)
    // does not reach the country beyond it (Xingqing on the west bank, the north bank at
    // Baotou, Liangzhou, the Shanxi bank at Hequ).
    let land = flood(&map, map.sites["xiazhou"], |h| !river(h));
    for inside in ["lingzhou", "yanzhou", "zhenrong", "linzhou", "youzhou"] {
        assert!(
            land.contains(&map.sites[inside]),
            "{inside} is inside the loop"
        );
    }
    for outside in [
        map.sites["xingqing"],
        map.sites["liangzhou"],
        map.hex_of((40.9, 109.5)),
        map.hex_of((39.0, 111.4)),
    ] {
        assert!(
            !land.contains(&outside),
            "{outside} should be across the river"
        );
    }
}

fn flood(map: &GeneratedMap, from: Hex, pass: impl Fn(Hex) -> bool) -> BTreeSet<Hex> {
    let mut seen = BTreeSet::from([from]);
    let mut queue = VecDeque::from([from]);
    while let Some(h) = queue.pop_front() {
        for n in h.neighbours() {
            if map.index(n).is_some() && pass(n) && seen.insert(n) {
                queue.push_back(n);
            }
        }
    }
    seen
}

#[test]
fn projected_distances_are_within_two_percent_of_great_circle_distances() {
    let map = region();
    for (a, b) in [
        ("lanzhou", "xingqing"),
        ("yanzhou", "xingqing"),
        ("ganzhou", "fuzhou"),
        ("qingtang", "linzhou"),
    ] {
        let (pa, pb) = (place(a), place(b));
        let truth = haversine(pa, pb);
        let on_map = dist(map.projection.project(pa), map.projection.project(pb));
        let err = (on_map - truth).abs() / truth;
        assert!(
            err < 0.02,
            "{a}–{b}: map {on_map:.1} km, true {truth:.1} km"
        );
        // And between the centres of their hexes, to within the half hex each was moved.
        let hexes = dist(map.centre_km(map.sites[a]), map.centre_km(map.sites[b]));
        assert!(
            (hexes - truth).abs() < truth * 0.02 + 5.0,
            "{a}–{b} by hexes: {hexes:.1}"
        );
    }
    // Our series great-circle agrees with the platform's trigonometry.
    let (pa, pb) = (place("lanzhou"), place("xingqing"));
    assert!((great_circle_km(pa, pb) - haversine(pa, pb)).abs() < 1e-6);
}

/// The haversine distance with the platform's trigonometry (a reference for the test only).
fn haversine(a: LatLon, b: LatLon) -> f64 {
    let (la, lb) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lb - la;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

#[test]
fn generation_is_deterministic_and_matches_the_recorded_map() {
    let a = region();
    let b = region();
    assert_eq!(a, b);
    // The whole frontier's terrain, crossings and sites, hashed: recorded in a debug build and
    // checked in release too (`cargo test -p ordos-core --release --test geography`).
    let mut text = format!("{}x{}", a.cols, a.rows);
    for t in &a.terrain {
        text.push_str(t);
    }
    text.push_str(&format!("{:?}{:?}", a.crossings, a.sites));
    assert_eq!(
        format!("{:016x}", fnv1a(text.as_bytes())),
        MAP_HASH,
        "{}x{}",
        a.cols,
        a.rows
    );
}

// Changed for issue #16: the places of the Yizong and Shenzong campaigns (Dashun, Rouyuan,
// Moqi, Nanping, Dongguan, ...) added, Youzhou moved from Otog to 120 li west of Xiazhou, and
// the Kushui, the water of the Huanzhou–Lingzhou road, drawn. Changed for issue #15: Yinzhou
// moved from near Mizhi (37.9 N 109.9 E, "est., low") to its walled site at Dangcha on the
// middle Wuding, 38.00 N 109.77 E (docs/campaigns/yinzhou-985.md §2.3).
// Changed for issue #17: the Datong river (a barrier, with its bridge) and the Huangshui hills
// and Daban Shan west of Lanzhou drawn; Pingxia, Gugulong and Zangdihe moved to the sites the
// dossiers found; the forts round Pingxia, the Huangshui and Datong places, Tong'an, Gaizhuwei
// and Dingbian added (the dossiers docs/campaigns/pingxia-1098.md,
// docs/campaigns/tsongkha-1105.md, docs/campaigns/zangdihe-1115.md and
// docs/campaigns/tongan-1119.md).
const MAP_HASH: &str = "c1e721d6f43e2d3e";

#[test]
fn the_country_is_where_a_real_map_has_it() {
    let map = region();
    let at = |p: LatLon| map.terrain_at(map.hex_of(p)).unwrap().to_string();
    assert_eq!(at((38.5, 109.0)), "desert", "the Mu Us");
    assert_eq!(at((40.2, 109.0)), "desert", "the Kubuqi");
    assert_eq!(at((38.6, 104.5)), "desert", "the Tengger");
    assert_eq!(at((38.9, 105.97)), "mountains", "the Helan");
    assert_eq!(at((36.3, 106.35)), "mountains", "the Liupan");
    assert_eq!(
        at((36.9, 108.0)),
        "loess-hills",
        "the loess south of the wall line"
    );
    assert_eq!(
        at((38.3, 106.3)),
        "irrigated-plain",
        "the Xingqing–Lingzhou plain"
    );
    assert_eq!(at((37.6, 110.2)), "stream", "the Wuding at Suide–Mizhi");
    // Labels name the great features.
    for name in [
        "Yellow River",
        "Mu Us Desert",
        "Helan Mountains",
        "Liupan Mountains",
    ] {
        assert!(map.labels.iter().any(|(_, t)| t == name), "{name}");
    }
}

#[test]
fn bad_windows_and_sizes_are_refused_with_a_reason() {
    let g = ordos();
    let w = Window {
        south: 36.0,
        west: 106.0,
        north: 35.0,
        east: 107.0,
    };
    assert!(
        generate(&g, w, 5000)
            .unwrap_err()
            .to_string()
            .contains("south")
    );
    let w = Window {
        south: 35.0,
        west: 100.0,
        north: 41.5,
        east: 111.5,
    };
    assert!(generate(&g, w, 50).is_err());
    assert!(
        generate(&g, w, 1000)
            .unwrap_err()
            .to_string()
            .contains("hexes")
    );
    let nan = Window {
        south: f64::NAN,
        ..w
    };
    assert!(generate(&g, nan, 5000).is_err());
}
