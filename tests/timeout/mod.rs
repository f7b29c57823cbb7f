//! The one limit on how long a test waits for anything: a screen, a file, a
//! process, a browser. Tests wait for conditions, never for fixed times;
//! this only decides when a wait that never ends becomes a failure.
//! `RUNGS_TEST_TIMEOUT=SECONDS` sets it (raise it on a slow or busy machine).
#![allow(dead_code)]

use std::time::Duration;

/// The limit when `RUNGS_TEST_TIMEOUT` is not set: generous, because the
/// machine may be shared and slow, and only a failing test ever waits it out.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

pub fn timeout() -> Duration {
    match std::env::var("RUNGS_TEST_TIMEOUT") {
        Err(_) => DEFAULT_TIMEOUT,
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(seconds) if seconds > 0 => Duration::from_secs(seconds),
            _ => panic!("RUNGS_TEST_TIMEOUT={text:?}: give a whole number of seconds, e.g. 60"),
        },
    }
}
