//! Prints what the suggester (`model::suggest`, issue 13) finds in a text file:
//! each suggested attribution as "quote ← source (cue)", the quotes it could
//! not attribute, and how long it took.
//!   cargo run --release --example suggest -- ../shared/seeds/004_ef4a60158f06bac0.txt
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let t = std::time::Instant::now();
    let found = marginalia::model::suggest::suggest(&text);
    eprintln!("{:?}", t.elapsed());
    let said = |i: usize| {
        chars[found.spans[i].start..found.spans[i].end]
            .iter()
            .collect::<String>()
    };
    for l in &found.links {
        println!(
            "{} ← {} ({})",
            said(l.content),
            said(l.source),
            l.cue.map(&said).unwrap_or_default()
        );
    }
    let unlinked: Vec<String> = (0..found.spans.len())
        .filter(|i| {
            found.spans[*i].label == "quote" && !found.links.iter().any(|l| l.content == *i)
        })
        .map(&said)
        .collect();
    println!("unlinked quotes: {unlinked:?}");
}
