//! Role resolution (SPEC §6): questions and resources, `can`, `explain`, a user's access,
//! many checks in one call, who can (the reverse question), and abilities (plain data from
//! which the package's JS answers checks with no WebAssembly call).

pub mod ability;
pub mod access;
pub mod can;
pub mod question;
pub mod who_can;
