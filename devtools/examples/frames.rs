//! Draws frames of the assessment screen at 200×60, as the `render` bench
//! does, and prints the best time a frame over batches of 100.
//!
//! Its real use is under cachegrind, which counts instructions: on a shared
//! machine wall time swings by half while the count does not move. The cost
//! of a frame is the count with N frames less the count with none, over N:
//!
//! ```text
//! cargo build --release -p rungs-devtools --example frames
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/frames large 0
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/frames large 200
//! ```
//!
//! Usage: `frames embedded|large N`

use std::path::Path;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rungs::model::{Framework, Profile};
use rungs::store::{Catalog, read};
use rungs::tui::app::{App, Mode};
use rungs::tui::theme::Theme;
use rungs::tui::view;
use rungs_devtools::testgen::{self, Shape};

const SEED: u64 = 2026;

fn data(which: &str) -> Option<(Framework, Profile)> {
    let name = Path::new("generated.toml");
    match which {
        "embedded" => {
            let framework = Catalog::load(Path::new("/nonexistent"))
                .find("vaarst")?
                .clone();
            let text = testgen::vaarst_profile_toml("Alex Doe", SEED, &testgen::vaarst_keys());
            Some((framework, read::parse_profile(name, &text).ok()?))
        }
        "large" => {
            let text = testgen::framework_toml(Shape::LARGE, SEED);
            let framework = read::parse_framework(name, &text).ok()?;
            let text = testgen::profile_toml(Shape::LARGE, SEED);
            Some((framework, read::parse_profile(name, &text).ok()?))
        }
        _ => None,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let frames: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let Some((framework, profile)) = data(&which) else {
        eprintln!("usage: frames embedded|large N");
        std::process::exit(2);
    };
    let mut app = App::new(framework, profile, Mode::Assess, "Alex Doe").expect("the profile fits");
    // The selection a few rows into the second area, as in the bench.
    for code in [KeyCode::Tab, KeyCode::Char('j'), KeyCode::Char('j')] {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let theme = Theme::DARK;
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    let mut shown = view::ViewState::default();
    let mut best = f64::INFINITY;
    for _ in 0..frames / 100 {
        let start = Instant::now();
        for _ in 0..100 {
            terminal
                .draw(|f| view::draw(f, &app, &mut shown, &theme))
                .expect("drawing a test backend");
        }
        best = best.min(start.elapsed().as_secs_f64() / 100.0);
    }
    if best.is_finite() {
        println!("{which}: best {:.1} µs a frame", best * 1e6);
    }
}
