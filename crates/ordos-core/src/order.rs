//! Orders a side gives its armies, and the typed reasons an order is refused.

use crate::hex::Hex;
use crate::model::state::{ArmyId, ArmyState, PlaceId, SideId};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Order {
    /// March along a path of adjacent hexes (not including the start), ordinary or forced.
    Move {
        army: ArmyId,
        path: Vec<Hex>,
        forced: bool,
    },
    /// Attack an adjacent enemy army.
    Attack { army: ArmyId, target: ArmyId },
    /// Invest an adjacent enemy place: cut it off, build engines where there is timber.
    Besiege { army: ArmyId, place: PlaceId },
    /// Cut an enemy place off from within two hexes, without investing it.
    Blockade { army: ArmyId, place: PlaceId },
    /// Storm the walls of an adjacent enemy place.
    Assault { army: ArmyId, place: PlaceId },
    /// A garrison strikes an adjacent besieger and returns inside the walls.
    Sortie { army: ArmyId, target: ArmyId },
    /// Give up a siege or blockade.
    LiftSiege { army: ArmyId },
    /// Stand and rest.
    Hold { army: ArmyId },
    /// Lie hidden in ambush in broken or wooded country.
    Hide { army: ArmyId },
    /// Dig in where it stands.
    Fortify { army: ArmyId },
    /// Strip the country around it of forage and spoil its wells, for the rest of the scenario
    /// (the Xia doctrine of 1044 and 1081).
    Scorch { army: ArmyId },
    /// Cut or poison the wells of an adjacent enemy place (Dingchuan 1042).
    CutWater { army: ArmyId, place: PlaceId },
    /// Forbid or allow cooking fires (Wang Zhongzheng, 1081).
    Fires { army: ArmyId, allowed: bool },
    /// Build a fort on its hex, over days, with grain and labour ("advance and fortify").
    BuildFort { army: ArmyId },
    /// Breach the Yellow River dikes and flood the low country around (Lingzhou 1081).
    BreachDike { army: ArmyId },
    /// Raise the men of 15 to 60 of the friendly place it stands in.
    Levy { army: ArmyId },
    /// Hand grain to a friendly army on the same or an adjacent hex (a convoy's delivery).
    Deliver { army: ArmyId, to: ArmyId },
    /// Leave spare grain in the stores of the friendly place it stands in (stocking a fort).
    Stock { army: ArmyId },
    /// The commander abandons his army and runs (Ge Huaimin, Dingchuan 1042).
    Flee { army: ArmyId },
    /// Enlist men of the country around the friendly place it stands in, paid from its stores
    /// (Yinzhou 985: "with that grain his following grew").
    Recruit { army: ArmyId },
    /// Strip the country around it of its grain and leave it scorched (Tsongkha 1105).
    Plunder { army: ArmyId },
    /// March by night: through enemy zones of control, at half the day's pace, with stragglers
    /// (Tong'an 1119).
    NightMarch { army: ArmyId, path: Vec<Hex> },
    /// Fall by night on an adjacent enemy in the open, with surprise (Qingzhou 1066).
    NightAttack { army: ArmyId, target: ArmyId },
}

/// The kinds of order, one for each variant of `Order`: for menus, documentation and tests
/// that must cover them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OrderKind {
    Move,
    Attack,
    Besiege,
    Blockade,
    Assault,
    Sortie,
    LiftSiege,
    Hold,
    Hide,
    Fortify,
    Scorch,
    CutWater,
    Fires,
    BuildFort,
    BreachDike,
    Levy,
    Deliver,
    Stock,
    Flee,
    Recruit,
    Plunder,
    NightMarch,
    NightAttack,
}

impl OrderKind {
    /// Every kind, in the order of `Order`'s variants.
    pub const ALL: [OrderKind; 23] = [
        OrderKind::Move,
        OrderKind::Attack,
        OrderKind::Besiege,
        OrderKind::Blockade,
        OrderKind::Assault,
        OrderKind::Sortie,
        OrderKind::LiftSiege,
        OrderKind::Hold,
        OrderKind::Hide,
        OrderKind::Fortify,
        OrderKind::Scorch,
        OrderKind::CutWater,
        OrderKind::Fires,
        OrderKind::BuildFort,
        OrderKind::BreachDike,
        OrderKind::Levy,
        OrderKind::Deliver,
        OrderKind::Stock,
        OrderKind::Flee,
        OrderKind::Recruit,
        OrderKind::Plunder,
        OrderKind::NightMarch,
        OrderKind::NightAttack,
    ];
}

impl Order {
    /// Which kind of order this is.
    pub fn kind(&self) -> OrderKind {
        match self {
            Order::Move { .. } => OrderKind::Move,
            Order::Attack { .. } => OrderKind::Attack,
            Order::Besiege { .. } => OrderKind::Besiege,
            Order::Blockade { .. } => OrderKind::Blockade,
            Order::Assault { .. } => OrderKind::Assault,
            Order::Sortie { .. } => OrderKind::Sortie,
            Order::LiftSiege { .. } => OrderKind::LiftSiege,
            Order::Hold { .. } => OrderKind::Hold,
            Order::Hide { .. } => OrderKind::Hide,
            Order::Fortify { .. } => OrderKind::Fortify,
            Order::Scorch { .. } => OrderKind::Scorch,
            Order::CutWater { .. } => OrderKind::CutWater,
            Order::Fires { .. } => OrderKind::Fires,
            Order::BuildFort { .. } => OrderKind::BuildFort,
            Order::BreachDike { .. } => OrderKind::BreachDike,
            Order::Levy { .. } => OrderKind::Levy,
            Order::Deliver { .. } => OrderKind::Deliver,
            Order::Stock { .. } => OrderKind::Stock,
            Order::Flee { .. } => OrderKind::Flee,
            Order::Recruit { .. } => OrderKind::Recruit,
            Order::Plunder { .. } => OrderKind::Plunder,
            Order::NightMarch { .. } => OrderKind::NightMarch,
            Order::NightAttack { .. } => OrderKind::NightAttack,
        }
    }

    pub fn army(&self) -> ArmyId {
        match self {
            Order::Move { army, .. }
            | Order::Attack { army, .. }
            | Order::Besiege { army, .. }
            | Order::Blockade { army, .. }
            | Order::Assault { army, .. }
            | Order::Sortie { army, .. }
            | Order::LiftSiege { army }
            | Order::Hold { army }
            | Order::Hide { army }
            | Order::Fortify { army }
            | Order::Scorch { army }
            | Order::CutWater { army, .. }
            | Order::Fires { army, .. }
            | Order::BuildFort { army }
            | Order::BreachDike { army }
            | Order::Levy { army }
            | Order::Deliver { army, .. }
            | Order::Stock { army }
            | Order::Flee { army }
            | Order::Recruit { army }
            | Order::Plunder { army }
            | Order::NightMarch { army, .. }
            | Order::NightAttack { army, .. } => *army,
        }
    }
}

/// Why an order cannot be carried out. Shown to the player as it is.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum OrderError {
    #[error("the game is over")]
    GameOver,
    #[error("there is no army {0:?}")]
    NoSuchArmy(ArmyId),
    #[error("there is no place {0:?}")]
    NoSuchPlace(PlaceId),
    #[error("that army belongs to another side")]
    NotYourArmy { side: SideId },
    #[error("the army cannot act: it is {0:?}")]
    CannotAct(ArmyState),
    #[error("the army has already marched this turn")]
    AlreadyMoved,
    #[error("the army has already fought this turn")]
    AlreadyAttacked,
    #[error("a routed army cannot attack or besiege")]
    Routed,
    #[error("the path is empty")]
    EmptyPath,
    #[error("the path jumps from {from} to {to}, which are not adjacent")]
    NotContiguous { from: Hex, to: Hex },
    #[error("{hex} is off the map")]
    OffMap { hex: Hex },
    #[error("{hex} is {terrain}, which armies cannot enter")]
    Impassable { hex: Hex, terrain: String },
    #[error(
        "the Yellow River at {hex} can be crossed only at a ford or ferry, or when it is frozen"
    )]
    RiverBarrier { hex: Hex },
    #[error("an enemy army holds {hex}")]
    EnemyThere { hex: Hex },
    #[error("an enemy-held place at {hex} must be besieged or assaulted, not marched through")]
    EnemyPlace { hex: Hex },
    #[error("{hex} is in an enemy's zone of control: a march must stop there")]
    ZoneOfControl { hex: Hex },
    #[error("the march needs {needed_li} li but the army can make {allowance_li} li this turn")]
    TooFar { needed_li: u32, allowance_li: u32 },
    #[error("the target is not adjacent")]
    NotAdjacent,
    #[error("the target is too far to blockade (within two hexes)")]
    TooFarToBlockade,
    #[error("the two sides are not at war")]
    NotAtWar,
    #[error("the target cannot be seen")]
    NotVisible,
    #[error("the place is not held by an enemy")]
    NotEnemyPlace,
    #[error("{terrain} gives no cover to hide an army")]
    NoCover { terrain: String },
    #[error("an army cannot hide in sight of the enemy")]
    EnemyInSight,
    #[error("the army is not besieging anything")]
    NotBesieging,
    #[error("only a garrison inside walls can sortie")]
    NotAGarrison,
    #[error("the army is already {0:?}")]
    Already(ArmyState),
    #[error("{hex} is under water")]
    Flooded { hex: Hex },
    #[error("there is no dike of the Yellow River within reach")]
    NoDike,
    #[error("a place already stands on this hex")]
    PlaceHere,
    #[error("no more places can be built on this map")]
    TooManyPlaces,
    #[error("there are no men to levy here")]
    NoLevy,
    #[error("that army is not of our side")]
    NotFriendly,
    #[error("the army has no grain to spare")]
    NothingToGive,
    #[error("that place has no wells to cut")]
    NoWaterToCut,
    #[error("the army cannot build a fort: it lacks {needed_sheng} sheng of grain")]
    NoGrainForFort { needed_sheng: u64 },
    #[error("the army's commander is no longer with it: he is {0:?}")]
    LeaderGone(crate::model::state::Leader),
    #[error("the ruler has fallen: his army will not attack, assault or besiege")]
    RulerFallen,
    #[error("there are no men to enlist here, or no grain in store to pay them")]
    NoRecruits,
    #[error("the army has already enlisted men this turn")]
    AlreadyRecruited,
    #[error("the two commanders quarrel and will not work together")]
    Quarrel,
    #[error("the target is {0:?}: a night attack falls only on an army in the open")]
    NotInTheOpen(ArmyState),
    #[error("the target is behind walls: they must be assaulted")]
    BehindWalls,
    #[error("a garrison inside its walls strikes by sortie, not by a night attack")]
    NotAFieldArmy,
}
