//! Events as JSON Lines, with armies, places and sides written as their ids. The ids are
//! named by their types (`model::state::Names`), wherever they sit in an event.

use ordos_core::Game;
use serde_json::{Map, Value};

/// One JSON object per event: `{"turn","date","kind",...details}`.
pub fn lines(game: &Game, with_seed: bool) -> Vec<String> {
    let names = game.names();
    game.log()
        .iter()
        .map(|(turn, date, e)| {
            let v = names.with(|| serde_json::to_value(e).unwrap_or(Value::Null));
            let mut out = Map::new();
            if with_seed {
                out.insert("seed".into(), Value::from(game.seed()));
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
