//! The data and its rules: frameworks, profiles, scales, ids and the figures
//! drawn from them. No terminal and no file I/O here.

pub mod actions;
pub mod as_of;
pub mod calibration;
pub mod conflict;
pub mod disagreements;
pub mod evidence;
pub mod evidence_edit;
pub mod fingerprint;
pub mod framework;
pub mod harvest;
pub mod harvest_record;
pub mod ids;
pub mod level_diff;
pub mod merge;
pub mod problem;
pub mod profile;
pub mod progress;
pub mod relink;
pub mod reviewers;
pub mod round_diff;
pub mod save_merge;
pub mod scale;
pub mod summary;
pub mod team;
pub mod text;

pub use evidence::{Evidence, Repository};
pub use framework::{Area, Craft, CraftIndex, Framework, Level, Named, Statement};
pub use ids::StatementKey;
pub use problem::{Problem, TreePath};
pub use profile::{Assessment, Mark, Profile, Rating, Role};
pub use scale::Scale;
