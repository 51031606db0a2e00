//! The migration of SPEC §4: the request and its checks, eligibility, steps 3.1 and 3.2,
//! the resolution rules, the plan, and what is shown (preview, the choices compared,
//! overview) or written (apply) from it.

pub mod apply;
pub mod compare;
pub mod export;
pub mod flows;
pub mod overview;
pub mod pages;
pub mod plan;
pub mod preview;
pub mod request;
pub mod rules;
pub mod txid;
