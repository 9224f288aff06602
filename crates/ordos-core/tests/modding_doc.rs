//! docs/modding.md documents the whole scenario format: every field of every struct of the
//! format, every victory condition, order, weather, start state and kind of place, and every
//! field of a terrain. A field added to the format without a word in the reference fails here.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The `pub` field names of `struct`s and the variant names of `enum`s in a source file, each
/// with the type it belongs to.
fn names(src: &str, types: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut depth = 0i32;
    for line in src.lines() {
        let t = line.trim();
        if depth == 0 {
            for kw in ["pub struct ", "pub enum "] {
                if let Some(rest) = t.strip_prefix(kw) {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                    current = types.contains(&name.as_str()).then_some(name);
                }
            }
        }
        if let Some(ty) = &current
            && depth == 1
            && !t.starts_with("//")
            && !t.starts_with('#')
        {
            if let Some(f) = t.strip_prefix("pub ") {
                let field: String = f
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((ty.clone(), field));
            } else if t.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                let variant: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
                out.push((ty.clone(), variant));
            }
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        if depth == 0 {
            current = None;
        }
    }
    out
}

#[test]
fn every_field_of_the_format_is_in_the_modding_reference() {
    let doc = read("../../docs/modding.md");
    let scenario = read("src/load/scenario.rs");
    let tables = read("src/load/tables.rs");
    let mut all = names(
        &scenario,
        &[
            "Scenario",
            "SideDef",
            "MapDef",
            "RegionDef",
            "PlaceKind",
            "PlaceDef",
            "MenDef",
            "AnimalsDef",
            "RationsDef",
            "StartState",
            "ArmyDef",
            "Scheduled",
            "Weather",
            "ScheduledEvent",
            "VictoryDef",
            "Condition",
            "HistoricalOrder",
            "StandingOrder",
            "RuleOverrides",
            "QuarrelDef",
            "LeaderFate",
        ],
    );
    all.extend(names(
        &tables,
        &["TerrainType", "RiverKind", "BySeason", "ByMobility"],
    ));
    assert!(all.len() > 90, "found only {} names", all.len());
    let missing: Vec<String> = all
        .iter()
        .filter(|(_, n)| {
            !(doc.contains(&format!("`{n}`"))
                || doc.contains(&format!("{n}("))
                || doc.contains(&format!("{n}:"))
                || doc.contains(&format!("`{n}")))
        })
        .map(|(t, n)| format!("{t}::{n}"))
        .collect();
    assert!(missing.is_empty(), "not in docs/modding.md: {missing:?}");
}
