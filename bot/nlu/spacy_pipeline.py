"""Build the Dutch spaCy pipeline that Rasa's ``SpacyNLP`` loads (config.yml).

``nl_core_news_sm`` is not on the package registries this project can reach, so by default the
pipeline is ``spacy.blank("nl")`` with the lookup lemmatizer from spacy-lookups-data ("schulden"
-> "schuld", "spijbelden" -> "spijbelen") and an entity ruler that tags municipality and place
names from the routing table as ``GEMEENTE``. With ``--model nl_core_news_sm`` (or
``make run SPACY_MODEL=nl_core_news_sm``) the real model is used instead, with the same ruler.
Either way the result is saved to ``build/spacy/nl_loketwijzer``, the path config.yml names,
and is rebuilt only when its inputs change.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Iterable, List, Set

import yaml

from bot.paths import ROUTING_DATA, SPACY_PIPELINE

GEMEENTEN_FILE = ROUTING_DATA / "gemeenten.yml"
STAMP_NAME = "loketwijzer-build.json"


def place_names(path: Path = GEMEENTEN_FILE) -> List[str]:
    """Every municipality name, alias, former name and place in the routing data."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = set()
    for g in data.get("gemeenten", []):
        names.add(g["naam"])
        for key in ("aliassen", "voormalige_gemeenten", "plaatsen"):
            names.update(g.get(key) or [])
    return sorted(n for n in names if n)


def _dutch_words(nlp) -> Set[str]:
    """Stop words and every word form the Dutch lemma lookup knows."""
    words = set(nlp.Defaults.stop_words)
    try:
        from spacy.lookups import load_lookups

        table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
        words.update(table.keys())
        words.update(table.values())
    except (ImportError, ValueError, KeyError):  # no spacy-lookups-data: only the stop words
        pass
    return {w.lower() for w in words if isinstance(w, str)}


def gemeente_patterns(nlp, names: Iterable[str]) -> List[dict]:
    """Entity-ruler patterns for place names.

    Many Dutch places are ordinary words too ("Een", "Echt", "Loon", "Hem", "Zetten", "Leiden").
    Those match only when written with a capital and not at the start of a sentence; all other
    names match in any case.
    The dialogue still finds a lower-case "ik woon in echt" through the municipality matcher."""
    words = _dutch_words(nlp)
    patterns = []
    for name in names:
        if name.lower() in words:
            tokens = [{"ORTH": t.text} for t in nlp.make_doc(name)]
            tokens[0]["IS_SENT_START"] = False  # "Een vraag ..." starts a sentence, not a place
            patterns.append({"label": "GEMEENTE", "pattern": tokens})
        else:
            patterns.append({"label": "GEMEENTE", "pattern": name})
    return patterns


def _inputs_hash(model: str, names: Iterable[str]) -> str:
    import spacy

    h = hashlib.sha256()
    h.update(f"{model}|spacy={spacy.__version__}|v3".encode())
    for name in names:
        h.update(name.encode("utf-8") + b"\0")
    return h.hexdigest()[:16]


def build(model: str = "blank", out: Path = SPACY_PIPELINE, force: bool = False) -> bool:
    """Build the pipeline into ``out``. Returns False when an up-to-date build was already there."""
    import spacy

    names = place_names()
    digest = _inputs_hash(model, names)
    stamp = out / STAMP_NAME
    if not force and stamp.exists() and json.loads(stamp.read_text()).get("hash") == digest:
        return False

    if model == "blank":
        nlp = spacy.blank("nl")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.add_pipe("sentencizer")  # so a capital after a full stop is not read as a name
    else:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise SystemExit(
                f"ERROR: spaCy model '{model}' is not installed. Install it "
                f"(python -m spacy download {model}) or use SPACY_MODEL=blank."
            )
    ruler = nlp.add_pipe("entity_ruler", last=True, config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()
    ruler.add_patterns(gemeente_patterns(nlp, names))

    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    stamp.write_text(json.dumps({"hash": digest, "model": model, "places": len(names)}))
    print(f"== spaCy pipeline built from '{model}' with {len(names)} place names -> {out}")
    return True


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="blank", help="'blank' (default) or an installed spaCy model name")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    if not build(args.model, force=args.force):
        print("== spaCy pipeline up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
