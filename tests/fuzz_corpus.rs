//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`) and the seeds
//! they started from (`fuzz/seeds/<target>/`) through the same checks the fuzz
//! targets run (`marginalia::fuzzing`), so what libFuzzer found stays tested in
//! the normal `cargo test`, with no nightly toolchain.

use std::path::Path;

use marginalia::fuzzing::{run, TARGETS};

#[test]
fn every_kept_fuzz_input_passes_its_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for target in TARGETS {
        for folder in ["seeds", "corpus"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("a readable folder").path();
                let data = std::fs::read(&path).expect("a readable file");
                let outcome = std::panic::catch_unwind(|| run(target, &data));
                assert!(outcome.is_ok(), "{target} fails on {}", path.display());
                replayed += 1;
            }
        }
    }
    // The seeds alone are a few dozen; far fewer means the folders went missing.
    assert!(replayed >= 25, "only {replayed} inputs found under fuzz/");
    eprintln!("replayed {replayed} fuzz inputs");
}
