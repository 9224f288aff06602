//! The rules of war on the frontier, one module per family, each a set of functions over the
//! game that return (emit) events. They read the game through its queries and change it only
//! by events; the turn's flow (`turn`) calls them, they never call it.

pub mod combat;
pub mod command;
pub mod country;
pub mod horses;
pub mod march;
pub mod night;
pub mod plunder;
pub mod recruit;
pub mod search;
pub mod siege;
pub mod supply;
pub mod victory;
pub mod weather;
