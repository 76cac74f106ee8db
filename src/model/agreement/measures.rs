//! The measures themselves, on plain numbers: F1 from counts, Krippendorff's
//! unitizing α (α_u, Krippendorff 1995) on a continuum, nominal α on a
//! reliability matrix, and Cohen's κ. Checked in `tests.rs` against
//! scikit-learn, the PyPI `krippendorff` package and a hand-computed α_u.

/// F1 of a one-to-one matching: twice the matched over everything there is.
/// Two empty sets agree fully.
pub fn f1(matched: usize, only_a: usize, only_b: usize) -> f64 {
    let all = 2 * matched + only_a + only_b;
    if all == 0 {
        1.0
    } else {
        2.0 * matched as f64 / all as f64
    }
}

/// One coder's units of one category on a continuum `0..length`: sorted,
/// not overlapping (`(start, end)`, end exclusive).
pub type Units = Vec<(u64, u64)>;

/// Krippendorff's α_u for one category: `coders` each hold their units on the
/// same continuum of `length`. `None` when it is undefined (no units at all,
/// or fewer than two coders).
pub fn alpha_u(length: u64, coders: &[Units]) -> Option<f64> {
    let raters = coders.len() as f64;
    let units: usize = coders.iter().map(Vec::len).sum();
    if coders.len() < 2 || length == 0 || units == 0 {
        return None;
    }
    let l = length as f64;
    // Observed: every ordered pair of coders, every pair of their segments
    // (units and the gaps between them) that the distance counts.
    let segments: Vec<Vec<Segment>> = coders.iter().map(|u| segments(length, u)).collect();
    let mut observed = 0.0;
    for (i, a) in segments.iter().enumerate() {
        for (j, b) in segments.iter().enumerate() {
            if i != j {
                observed += pair_distance(a, b);
            }
        }
    }
    let observed = observed / (raters * (raters - 1.0) * l * l);
    // Expected: every way the units could fall on the continuum.
    let count = units as f64;
    let gaps: Vec<f64> = segments
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| s.length as f64)
        .collect();
    let mut sum = 0.0;
    let mut squared = 0.0;
    for unit in segments.iter().flatten().filter(|s| s.unit) {
        let u = unit.length as f64;
        squared += u * (u - 1.0);
        let placements = (count - 1.0) * (2.0 * u * u * u - 3.0 * u * u + u) / 3.0;
        let in_gaps: f64 = gaps.iter().filter(|&&g| g >= u).map(|g| g - u + 1.0).sum();
        sum += placements + u * u * in_gaps;
    }
    let expected = (2.0 / l) * sum / (raters * l * (raters * l - 1.0) - squared);
    // No room for chance: undefined, like a single value in nominal α.
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    start: u64,
    length: u64,
    unit: bool,
}

/// A coder's partition of the continuum into units and the gaps around them.
fn segments(length: u64, units: &[(u64, u64)]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut at = 0;
    for &(start, end) in units {
        if start > at {
            out.push(Segment {
                start: at,
                length: start - at,
                unit: false,
            });
        }
        out.push(Segment {
            start,
            length: end - start,
            unit: true,
        });
        at = end;
    }
    if at < length {
        out.push(Segment {
            start: at,
            length: length - at,
            unit: false,
        });
    }
    out
}

/// Σ δ² over the segment pairs of two coders: two overlapping units differ by
/// the squares of their start and end differences; a unit wholly inside the
/// other's gap by its length squared; anything else by nothing. Both lists
/// are in order, so only segments that meet are compared.
fn pair_distance(a: &[Segment], b: &[Segment]) -> f64 {
    let mut total = 0.0;
    let mut from = 0;
    for g in a {
        let g_end = g.start + g.length;
        while from < b.len() && b[from].start + b[from].length <= g.start {
            from += 1;
        }
        for h in &b[from..] {
            if h.start >= g_end {
                break;
            }
            let h_end = h.start + h.length;
            let d = match (g.unit, h.unit) {
                (true, true) => {
                    let begin = g.start as f64 - h.start as f64;
                    let end = g_end as f64 - h_end as f64;
                    begin * begin + end * end
                }
                (true, false) if h.start <= g.start && g_end <= h_end => {
                    (g.length * g.length) as f64
                }
                (false, true) if g.start <= h.start && h_end <= g_end => {
                    (h.length * h.length) as f64
                }
                _ => 0.0,
            };
            total += d;
        }
    }
    total
}

/// Krippendorff's α for nominal data: `units` are the coded items, each with
/// every coder's value (`None`: not coded). Units coded by fewer than two
/// coders are left out. `None` when undefined (one value throughout).
pub fn alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    // Values as dense indices, the coincidence matrix as one vector.
    let mut values: Vec<u32> = units.iter().flatten().flatten().copied().collect();
    values.sort_unstable();
    values.dedup();
    let k = values.len();
    let index = |v: u32| values.binary_search(&v).unwrap_or(0);
    let mut coincidences = vec![0.0f64; k * k];
    for unit in units {
        let coded: Vec<usize> = unit.iter().flatten().map(|&v| index(v)).collect();
        let m = coded.len();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (i, &c) in coded.iter().enumerate() {
            for (j, &d) in coded.iter().enumerate() {
                if i != j {
                    coincidences[c * k + d] += weight;
                }
            }
        }
    }
    let totals: Vec<f64> = (0..k)
        .map(|c| coincidences[c * k..(c + 1) * k].iter().sum())
        .collect();
    let n: f64 = totals.iter().sum();
    let mut disagreeing = 0.0;
    let mut chance = 0.0;
    for c in 0..k {
        for d in (0..k).filter(|&d| d != c) {
            disagreeing += coincidences[c * k + d];
            chance += totals[c] * totals[d];
        }
    }
    if chance == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagreeing / chance)
}

/// Cohen's κ of two coders' values for the same items (as scikit-learn's
/// `cohen_kappa_score`). `None` when undefined (no items, or chance agreement 1).
pub fn cohen_kappa(pairs: &[(&str, &str)]) -> Option<f64> {
    use std::collections::HashMap;
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut a_counts: HashMap<&str, f64> = HashMap::new();
    let mut b_counts: HashMap<&str, f64> = HashMap::new();
    for (a, b) in pairs {
        *a_counts.entry(a).or_default() += 1.0;
        *b_counts.entry(b).or_default() += 1.0;
    }
    let expected: f64 = a_counts
        .iter()
        .map(|(k, ca)| ca * b_counts.get(k).copied().unwrap_or(0.0))
        .sum::<f64>()
        / (n * n);
    if expected >= 1.0 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}
