//! The interactive screens.
