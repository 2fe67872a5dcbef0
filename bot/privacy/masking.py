"""Mask the identifiers a resident may type before a text is stored, logged or passed on.

Why masking and not "do not store": the tracker, the logs and a handover summary need the story,
not the BSN in it. What counts as an identifier is decided by maintained validators where one
exists, not by a digit count: python-stdnum for the BSN (elfproef) and the IBAN (mod-97),
phonenumbers for Dutch and international numbers. A nine-digit amount that fails the elfproef
stays, and so do the numbers of organisations (0800, 0900, 088, 14 0xx; 112 and 113 are too short
to be a number at all): they are not personal data and the resident may need them.

Masks are labels in square brackets ("[BSN]"), so a reader still sees what kind of thing was said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import iban as _iban
from stdnum.nl import bsn as _bsn

BSN, IBAN, PHONE, EMAIL, ADDRESS, BIRTH_DATE = "BSN", "IBAN", "TELEFOON", "E-MAIL", "ADRES", "GEBOORTEDATUM"
PUBLIC = "public"  # an organisation's phone number: found, never masked

# numbers of organisations, not of persons: free (0800), paid service (0900), company (088) and
# municipal (14 0xx) numbers
PUBLIC_NUMBER_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
                       PhoneNumberType.UAN}

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
# an IBAN as people type it: two letters, two digits, then groups of letters and digits, with or without spaces
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}\b")
# nine digits (eight with a dropped leading zero), plain, with dots, spaces or dashes in groups of three
# also as printed on Dutch documents, 4.2.3 ("1234.56.789")
_BSN = re.compile(r"(?<![\d.,€])(?:\d{3}[ .-]?\d{3}[ .-]?\d{2,3}|\d{4}[ .]?\d{2}[ .]?\d{3})(?!\d|[.,]\d)")
# a postcode's letters are never SA, SD or SS; lower case only when a house number follows, and never
# a two-letter word ("2000 of", "1990 en")
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS)(?:[A-Z]{2}|(?!(?:of|en|in|op|is|te|om|al|na|je|me|we|ze|er|nu|zo|ik|uw|um)\b)[a-z]{2}(?=,? *(?:nr\.? *)?\d))\b(?:,? *(?:nr\.? *|nummer *)?\d{1,5}(?:-?[A-Za-z]\b| [A-Za-z]\b)?(?![.,]?\d))?")
_STREET = re.compile(r"\b[A-Z][a-zà-ÿ'-]*(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|dreef|steeg|"
                     r"markt|park|ring|wal|erf|baan|hoven|veld|akker|plantsoen)\b,? *(?:nr\.? *)?\d{1,5}(?:-?[A-Za-z]\b| [A-Za-z]\b)?"
                     r"(?![.,]?\d)")
# a house number on its own, said as one ("huisnummer 45", "ik woon op nummer 11")
_HOUSE_NUMBER = re.compile(r"\b(?:huisnummer|huisnr\.?|(?<=op )(?:nummer|nr\.?))\s*\d{1,5}(?:-?[A-Za-z]\b)?", re.I)
_ISO_DATE = re.compile(r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE = re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])(?:[-/.](?:0?[1-9]|1[0-2])[-/.]|\s+(?:" + _MONTHS + r")\.?\s+)"
                   r"(?:19|20)\d{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str


def _phones(text: str) -> Iterable[Found]:
    """Numbers of persons; an organisation's number is found too (kind PUBLIC) so that no other
    finder takes its digits ("0800-2000" is no postcode), and it is left as typed."""
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        public = phonenumbers.number_type(match.number) in PUBLIC_NUMBER_TYPES
        yield Found(match.start, match.end, PUBLIC if public else PHONE)


def _ibans(text: str) -> Iterable[Found]:
    for m in _IBAN.finditer(text):
        # the pattern may run on into the next words ("nl91 abna 0417 1643 00 graag"): the longest
        # run of groups that is a valid IBAN is the one
        groups = m.group(0).split(" ")
        for k in range(len(groups), 0, -1):
            candidate = " ".join(groups[:k])
            if _iban.is_valid(candidate):
                yield Found(m.start(), m.start() + len(candidate), IBAN)
                break


def _bsns(text: str) -> Iterable[Found]:
    for m in _BSN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) in (8, 9) and _bsn.is_valid(digits.zfill(9)):
            yield Found(m.start(), m.end(), BSN)


def _by_pattern(pattern: re.Pattern, kind: str, text: str) -> Iterable[Found]:
    for m in pattern.finditer(text):
        yield Found(m.start(), m.end(), kind)


def find(text: str) -> List[Found]:
    """Every identifier in ``text``, without overlaps (the first finder wins: an IBAN's digits are
    not also a BSN, an e-mail address's digits not a phone number)."""
    if not text:
        return []
    found: List[Found] = []
    finders = (lambda t: _by_pattern(_EMAIL, EMAIL, t), _ibans, _bsns, lambda t: _by_pattern(_DATE, BIRTH_DATE, t),
               lambda t: _by_pattern(_ISO_DATE, BIRTH_DATE, t),
               _phones, lambda t: _by_pattern(_POSTCODE, ADDRESS, t), lambda t: _by_pattern(_STREET, ADDRESS, t),
               lambda t: _by_pattern(_HOUSE_NUMBER, ADDRESS, t))
    for finder in finders:
        for f in finder(text):
            if not any(f.start < g.end and g.start < f.end for g in found):
                found.append(f)
    return sorted(found, key=lambda f: f.start)


def mask(text: Optional[str], keep: Iterable[str] = ()) -> Optional[str]:
    """``text`` with every identifier replaced by its kind in brackets ("[BSN]"). ``keep``: values
    the resident chose to pass on with consent (the one contact detail), left as typed."""
    if not text:
        return text
    kept = {k.strip() for k in keep if k and k.strip()}
    out, last = [], 0
    for f in find(text):
        if f.kind == PUBLIC or text[f.start:f.end].strip() in kept:
            continue
        out += [text[last:f.start], f"[{f.kind}]"]
        last = f.end
    return "".join(out + [text[last:]])


def spans(text: str) -> List[Tuple[int, int, str]]:
    return [(f.start, f.end, f.kind) for f in find(text) if f.kind != PUBLIC]
