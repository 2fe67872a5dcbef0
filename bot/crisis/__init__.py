"""The crisis net: is a resident in danger, and which number comes first (112, 113, Veilig Thuis)?

A measured model, not only a pattern list (issue 9): a classifier over word and character
n-grams, trained on a purpose-written corpus (``data/crisis/``) and the need examples, with the
hand-written patterns of ``data/signals/crisis.yml`` and cues for time, negation and a
professional's distance as extra features. Its answer has a tier:

- ``sure``: the crisis route comes first, as before;
- ``possible``: the resident's own question is answered, with one calm sentence that gives the
  number (a near-miss costs a sentence, not the route);
- none.
"""
from bot.crisis.model import LABELS, LOKET_OF_LABEL, NEED_OF_LABEL, Assessment, CrisisModel

__all__ = ["Assessment", "CrisisModel", "LABELS", "LOKET_OF_LABEL", "NEED_OF_LABEL"]
