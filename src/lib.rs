//! Hatua: an offline course player for the terminal.
//!
//! Data flows one way: bundles on disk → [`course`] (parse, validate) → [`library`]
//! (available courses) → [`tui`] shows them; learner actions → [`quiz`] (pure grading) →
//! [`store`] (SQLite).

pub mod bundle;
pub mod certificate;
pub mod cli;
pub mod commands;
pub mod config;
pub mod course;
pub mod desk;
pub mod harvest;
pub mod i18n;
pub mod library;
pub mod log;
pub mod paths;
pub mod pictures;
pub mod pin;
pub mod progress;
pub mod quiz;
pub mod records;
pub mod reports;
pub mod sanitize;
pub mod site;
pub mod store;
pub mod support;
pub mod sync;
pub mod tui;
pub mod width;
