"""`marginalia agree --json` against the reference implementations (issue 14):
for two versions of a seed article (the rules' suggestions and a hand
annotation, tests/fixtures/agreement/), nominal alpha on the token encoding from
the PyPI `krippendorff` package and Cohen's kappa on each choice field from
scikit-learn's `cohen_kappa_score`, over spans matched here independently
(exact, and one-to-one by overlap: largest overlap first, then nearest ends).
    python agreement_check.py path/to/marginalia a.json b.json
"""
import json
import math
import re
import subprocess
import sys

import krippendorff
from sklearn.metrics import cohen_kappa_score

binary, a_path, b_path = sys.argv[1:4]
report = json.loads(subprocess.check_output([binary, "agree", a_path, b_path, "--json"]))
A, B = (json.load(open(p, encoding="utf-8")) for p in (a_path, b_path))
text = A["document"]["text"]
assert text == B["document"]["text"]
pair = report["pairs"][0]
tokens = [(m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text)]
labels = sorted({x["label"] for x in A["annotations"] + B["annotations"]})
checked = 0


def close(got, expected, what):
    global checked
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        assert got is None, f"{what}: {got} where the reference has none"
    else:
        assert got is not None and abs(got - expected) < 1e-9, f"{what}: {got} ≠ {expected}"
    checked += 1


def overlap_pairs(xs, ys):
    candidates = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            o = min(x["end"], y["end"]) - max(x["start"], y["start"])
            if o > 0:
                ends = abs(x["start"] - y["start"]) + abs(x["end"] - y["end"])
                candidates.append((-o, ends, i, j))
    used_x, used_y, pairs = set(), set(), []
    for _, _, i, j in sorted(candidates):
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            pairs.append((xs[i], ys[j]))
    return pairs


for label in labels:
    xs = [x for x in A["annotations"] if x["label"] == label]
    ys = [y for y in B["annotations"] if y["label"] == label]
    figures = pair["labels"][label]
    # Spans: counts from an independent matching.
    exact = len({(x["start"], x["end"]) for x in xs} & {(y["start"], y["end"]) for y in ys})
    matched = overlap_pairs(xs, ys)
    assert figures["exact_matched"] == exact, (label, figures, exact)
    assert (figures["matched"], figures["only_a"], figures["only_b"]) == (len(matched), len(xs) - len(matched), len(ys) - len(matched)), label
    close(figures["exact_f1"], 2 * exact / (len(xs) + len(ys)), f"{label} exact F1")
    # Nominal alpha on the token encoding.
    encoding = [[int(any(s["start"] < e and b < s["end"] for s in spans)) for (b, e) in tokens] for spans in (xs, ys)]
    reference = None
    if len({v for row in encoding for v in row}) > 1:
        reference = float(krippendorff.alpha(reliability_data=encoding, level_of_measurement="nominal"))
    close(figures["alpha_tokens"], reference, f"{label} alpha on tokens")
    # Cohen's kappa on each field the report has for this label.
    for field in [f for f in pair["fields"] if f["label"] == label]:
        values = [(x.get("attributes", {}).get(field["field"], ""), y.get("attributes", {}).get(field["field"], "")) for x, y in matched]
        reference = None
        if values and len({v for p in values for v in p}) > 1:
            reference = float(cohen_kappa_score([a for a, _ in values], [b for _, b in values]))
        close(field["kappa"], reference, f"{label}.{field['field']} kappa")

print(f"agreement: {checked} figures of `marginalia agree` equal the reference implementations")
