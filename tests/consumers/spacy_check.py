"""spaCy reads Marginalia's spaCy/Prodigy JSONL: every span becomes a span.

For each line: build a spaCy Doc from the exported tokens and their trailing
spaces (as spaCy and Prodigy do for pre-tokenized data), require that it spells
the text exactly, then require that doc.char_span(start, end, label) finds every
exported span (strict alignment) with exactly the annotation's text, on the
exported token bounds, and that relations point at those tokens.

usage: python spacy_check.py corpus.spacy.jsonl
"""
import json
import sys

import spacy
from spacy.tokens import Doc


def main(path):
    nlp = spacy.blank("xx")
    documents = spans = relations = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            text = record["text"]
            tokens = record["tokens"]
            doc = Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
            assert doc.text == text, f"line {number}: the tokens do not spell the text"
            for span in record["spans"]:
                found = doc.char_span(span["start"], span["end"], label=span["label"])
                where = f"line {number}, span {span['start']}-{span['end']}"
                assert found is not None, f"{where}: not on token boundaries"
                assert found.text == text[span["start"]:span["end"]] == span["text"], f"{where}: {found.text!r} != {span['text']!r}"
                assert (found.start, found.end - 1) == (span["token_start"], span["token_end"]), f"{where}: token bounds"
                assert found.label_ == span["label"]
                spans += 1
            for relation in record["relations"]:
                head = doc.char_span(relation["head_span"]["start"], relation["head_span"]["end"])
                child = doc.char_span(relation["child_span"]["start"], relation["child_span"]["end"])
                assert head is not None and child is not None, f"line {number}: a relation's spans are not spans"
                assert (head.start, child.start) == (relation["head"], relation["child"]), f"line {number}: relation tokens"
                relations += 1
            documents += 1
    assert documents > 0 and spans > 0, "nothing was checked"
    print(f"spaCy {spacy.__version__}: {documents} documents, {spans} spans, {relations} relations: all found by doc.char_span")


if __name__ == "__main__":
    main(sys.argv[1])
