//! Prints what clean-up proposes for each file named, then the text with every
//! proposal applied (`model::cleanup`): a way to look at what it does.
//!
//!     cargo run --example cleanup_preview tests/fixtures/seeds/*.txt

use marginalia::model::cleanup::{apply, propose, ChangeKind};

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let p = propose(&text);
        let all: Vec<_> = p.changes.iter().collect();
        for c in p
            .changes
            .iter()
            .filter(|c| !matches!(c.kind, ChangeKind::JoinLines))
        {
            let gone: String = text.chars().skip(c.start).take(c.end - c.start).collect();
            println!(
                "  - {:?}: {:?}",
                c.kind.describe(),
                gone.chars().take(70).collect::<String>()
            );
        }
        println!(
            "=== {} (wrapped {}) ===\n{}",
            path,
            p.wrapped,
            apply(&text, &all).0
        );
    }
}
