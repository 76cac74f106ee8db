//! Issue 15's measurements, with y-sweet (scripts/setup installs it) on this
//! machine: how long a 5,000-annotation layer takes to reach the server and a
//! second device on first connect, and the latency of one edit from one device
//! to another in steady state. Prints figures; passes or fails nothing.
//!   cargo run --release --example sync_bench
#[path = "../tests/support/ysweet.rs"]
mod ysweet;

use std::time::{Duration, Instant};

use ysweet::{auth_key, scratch, Client, Server};

fn main() {
    let folder = scratch("bench");
    let server = Server::start(&folder, &auth_key());
    let full = server.token("layer-bench", "full");

    // 5,000 annotations made offline, then the first connect.
    let mut laptop = Client::new(1);
    for n in 0..5000 {
        laptop.tag(
            &format!("a{n}"),
            &format!("quote {} {}", n * 40, n * 40 + 30),
        );
    }
    let started = Instant::now();
    laptop.connect(&full);
    let mut phone = Client::new(2);
    phone.connect(&full);
    let took = phone.until(&mut [&mut laptop], |c| c.annotations().len() == 5000);
    println!(
        "first connect: a 5,000-annotation layer from one device through y-sweet to another in {} ms",
        took.max(started.elapsed()).as_millis()
    );

    // Steady state: one edit at a time, until the other device has it.
    let mut latencies: Vec<Duration> = (0..50)
        .map(|n| {
            laptop.tag(&format!("b{n}"), "source 0 12");
            phone.until(&mut [&mut laptop], |c| c.annotations().len() == 5001 + n)
        })
        .collect();
    latencies.sort();
    println!(
        "steady state: one edit reaches the other device in {:.1} ms (median of 50), {:.1} ms (95th percentile)",
        latencies[25].as_secs_f64() * 1000.0,
        latencies[47].as_secs_f64() * 1000.0
    );
}
