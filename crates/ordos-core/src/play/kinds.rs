//! The kinds of controller a side can have — the CLI's names and the menus' choices — and
//! making one.

use crate::play::ai;
use crate::play::controller::{Controller, Idle};
use crate::play::historical::Historical;
use serde::{Deserialize, Serialize};

/// The kinds of controller the CLI and menus offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControllerKind {
    /// Holds every army where it stands.
    Idle,
    /// Plays the scenario's historical orders.
    Historical,
    /// The AI (`ai`, `ai-easy`).
    Ai(ai::Level),
    /// The baseline the AI is measured against: marches on the nearest enemy and attacks.
    Greedy,
}

impl ControllerKind {
    /// Every kind, in the order the menus cycle through them.
    pub const ALL: [ControllerKind; 5] = [
        ControllerKind::Historical,
        ControllerKind::Ai(ai::Level::Normal),
        ControllerKind::Ai(ai::Level::Easy),
        ControllerKind::Greedy,
        ControllerKind::Idle,
    ];

    /// The name the CLI takes and the menus show.
    pub fn name(self) -> &'static str {
        match self {
            ControllerKind::Idle => "idle",
            ControllerKind::Historical => "historical",
            ControllerKind::Ai(ai::Level::Easy) => "ai-easy",
            ControllerKind::Ai(ai::Level::Normal) => "ai",
            ControllerKind::Greedy => "greedy",
        }
    }
}

impl std::str::FromStr for ControllerKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ControllerKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ControllerKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown controller `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// A controller of the given kind.
pub fn make(kind: ControllerKind) -> Box<dyn Controller> {
    match kind {
        ControllerKind::Idle => Box::new(Idle),
        ControllerKind::Historical => Box::new(Historical::default()),
        ControllerKind::Ai(level) => Box::new(ai::Ai::new(level)),
        ControllerKind::Greedy => Box::new(ai::Greedy),
    }
}
