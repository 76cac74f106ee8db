"""Reference figures for src/model/agreement/tests.rs, from the reference
implementations the issue names (scikit-learn's cohen_kappa_score, the PyPI
krippendorff package on the token-level encoding). Run once to produce the
numbers the tests hold; not part of the test run (no Python needed there).
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install krippendorff scikit-learn
    /tmp/venv/bin/python scripts/agreement-reference.py
"""
import re
import krippendorff
from sklearn.metrics import cohen_kappa_score

# Cohen's kappa on fixed value lists.
kappa_cases = {
    "kappa_mixed": (["direct", "indirect", "direct", "direct", "mixed", "indirect"],
                    ["direct", "indirect", "indirect", "direct", "mixed", "direct"]),
    "kappa_with_blank": (["yes", "no", "", "yes", "yes"], ["yes", "no", "no", "", "yes"]),
}
for name, (a, b) in kappa_cases.items():
    print(name, repr(cohen_kappa_score(a, b)))

# Nominal alpha on the token encoding of two annotators' spans of one label.
TEXT = "The minister said the talks would resume. Critics said the plan was late and costly."
A = [(18, 40), (55, 83)]   # "the talks would resume", "the plan was late and costly"
B = [(18, 40), (64, 83)]   # "the talks would resume", "was late and costly"
tokens = [(m.start(), m.end()) for m in re.finditer(r"[^\W_]+", TEXT)]
def inside(spans, t):
    return int(any(s < t[1] and t[0] < e for s, e in spans))
data = [[inside(A, t) for t in tokens], [inside(B, t) for t in tokens]]
print("alpha_tokens", repr(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")))
# Three coders, a value missing.
import numpy as np
data3 = [[1, 0, 1, 1, 0, np.nan], [1, 0, 0, 1, 0, 1], [1, 1, 1, 1, 0, 1]]
print("alpha_nominal_three", repr(krippendorff.alpha(reliability_data=data3, level_of_measurement="nominal")))
