//! The data of SPEC §7 and what the rest of the engine builds on: the wire types of the
//! account snapshot (serde), reading them with errors that point into the input, validation
//! and the indexes (ids to positions), the role catalog, dates, and what a set of grants
//! gives where (shared by migration and resolution).

pub mod access;
pub mod account;
pub mod catalog;
pub mod date;
pub mod grant;
pub mod ids;
pub mod inventory;
pub mod read;
pub mod snapshot;
