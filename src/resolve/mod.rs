//! Role resolution (SPEC §6): questions and resources, `can`, `explain`, a user's access,
//! and many checks in one call.

pub mod access;
pub mod can;
pub mod question;
