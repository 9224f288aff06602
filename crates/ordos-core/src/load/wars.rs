//! The wars of the accounts, in the order the accounts tell them (`assets/rules/wars.ron`): a
//! scenario names the war it belongs to (`war: Some("shenzong")`), and the scenario picker
//! groups scenarios by war in this order.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One war of the accounts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct War {
    /// The id scenarios name it by (`shenzong`).
    pub id: String,
    /// Its name as the accounts' heading gives it (`Shenzong's invasion`).
    pub name: String,
    /// Its years as the accounts' heading gives them (`1081–1085`).
    pub years: String,
    /// The first sentence of the accounts' section on it, for the picker.
    pub intro: String,
}

pub const WARS_RON: &str = include_str!("../../../../assets/rules/wars.ron");

/// Every war, in the order of the accounts. The table is compiled in and tested, so it always
/// parses.
pub fn all() -> &'static [War] {
    static WARS: OnceLock<Vec<War>> = OnceLock::new();
    WARS.get_or_init(|| match ron::from_str(WARS_RON) {
        Ok(w) => w,
        // Compiled in and tested: reaching this is a build defect, not bad input.
        Err(e) => panic!(
            "assets/rules/wars.ron:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        ),
    })
}

/// The war of this id.
pub fn by_id(id: &str) -> Option<&'static War> {
    all().iter().find(|w| w.id == id)
}

/// Where a war comes in the order of the accounts (for sorting the picker).
pub fn position(id: &str) -> Option<usize> {
    all().iter().position(|w| w.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seven_wars_of_the_accounts_are_listed_in_their_order() {
        let ids: Vec<&str> = all().iter().map(|w| w.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "jiqian",
                "yuanhao",
                "yizong",
                "shenzong",
                "advance-and-fortify",
                "tsongkha",
                "huizong"
            ]
        );
        let accounts = include_str!("../../../../docs/sources/accounts.txt");
        for w in all() {
            let id_ok = w.id.bytes().all(|c| c.is_ascii_lowercase() || c == b'-');
            assert!(id_ok, "war id {}", w.id);
            // The name and years are the accounts' heading; the introduction is its words.
            assert!(
                accounts.contains(&format!("=={} ({})==", w.name, w.years)),
                "no heading `{} ({})` in the accounts",
                w.name,
                w.years
            );
            assert!(
                accounts.contains(&w.intro),
                "intro of {} not in the accounts",
                w.id
            );
            assert_eq!(
                w.intro.matches(". ").count(),
                0,
                "one sentence: {}",
                w.intro
            );
        }
    }
}
