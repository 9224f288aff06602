//! Events as JSON Lines, with ids of armies, places and sides written as their names.

use ordos_core::Game;
use serde_json::{Map, Value};

fn name_ids(game: &Game, v: &mut Value) {
    let Value::Object(map) = v else { return };
    for (k, val) in map.iter_mut() {
        let army = |n: &Value| {
            n.as_u64()
                .and_then(|i| game.scenario.armies.get(i as usize))
                .map(|a| Value::String(a.id.clone()))
        };
        match (k.as_str(), &*val) {
            ("army" | "attacker" | "defender", n) => {
                if let Some(s) = army(n) {
                    *val = s;
                }
            }
            ("by", Value::Array(list)) => {
                *val = Value::Array(list.iter().map(|n| army(n).unwrap_or(n.clone())).collect());
            }
            ("place" | "from", n) if n.is_u64() => {
                if let Some(p) = n.as_u64().and_then(|i| game.state.places.get(i as usize)) {
                    *val = Value::String(p.key.clone());
                }
            }
            ("side" | "winner", n) if n.is_u64() => {
                if let Some(s) = n.as_u64().and_then(|i| game.scenario.sides.get(i as usize)) {
                    *val = Value::String(s.id.clone());
                }
            }
            _ => {}
        }
    }
}

/// One JSON object per event: `{"turn","date","kind",...details}`.
pub fn lines(game: &Game, with_seed: bool) -> Vec<String> {
    game.log
        .iter()
        .map(|(turn, date, e)| {
            let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
            name_ids(game, &mut v);
            let mut out = Map::new();
            if with_seed {
                out.insert("seed".into(), Value::from(game.seed));
            }
            out.insert("turn".into(), Value::from(*turn));
            out.insert("date".into(), Value::from(date.to_string()));
            if let Value::Object(m) = v {
                out.extend(m);
            }
            Value::Object(out).to_string()
        })
        .collect()
}
