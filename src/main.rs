//! The web app's entry point. Trunk builds it for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    marginalia::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-web is the browser app: build and serve it with `scripts/serve` (see README.md).");
    std::process::exit(2);
}
