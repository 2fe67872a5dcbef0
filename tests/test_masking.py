"""Masking of residents' identifiers (issue 12, point 5): what must go, and what must stay."""
import pytest

from bot.privacy.masking import mask, spans

MASKED = [
    ("mijn bsn is 111222333", "111222333", "[BSN]"),
    ("BSN: 111.222.333, graag snel", "111.222.333", "[BSN]"),
    ("iban NL91ABNA0417164300", "NL91ABNA0417164300", "[IBAN]"),
    ("rekening nl91 abna 0417 1643 00 graag", "nl91 abna 0417 1643 00", "[IBAN]"),
    ("bel me op 06-12345678.", "06-12345678", "[TELEFOON]"),
    ("mijn nummer +31 6 1234 5678", "+31 6 1234 5678", "[TELEFOON]"),
    ("vast nummer 020 123 4567", "020 123 4567", "[TELEFOON]"),
    ("mail naar jan.de.vries@example.nl aub", "jan.de.vries@example.nl", "[E-MAIL]"),
    ("ik woon op 1234 AB 12 in Ede", "1234 AB 12", "[ADRES]"),
    ("Dorpsstraat 14a, Ede", "Dorpsstraat 14a", "[ADRES]"),
    ("geboren 12-03-1954", "12-03-1954", "[GEBOORTEDATUM]"),
    ("geboren op 12 maart 1954", "12 maart 1954", "[GEBOORTEDATUM]"),
    ("geboortedatum 1954-03-12", "1954-03-12", "[GEBOORTEDATUM]"),
    ("bsn zoals op mijn paspoort: 1112.22.333", "1112.22.333", "[BSN]"),
    ("postcode weet ik niet, huisnummer 45", "huisnummer 45", "[ADRES]"),
]

KEPT = [
    "Bel Veilig Thuis op 0800-2000 of 113, bij gevaar 112.",
    "De Belastingtelefoon is 0800-0543 en de gemeente 14 020.",
    "Ik moet € 1.234,56 terugbetalen en heb 850 euro per maand.",
    "Zaaknummer 123456789 staat op de brief.",  # nine digits that fail the elfproef: no BSN
    "Om 14:30 op 3 maart, in 1990 en 2000 of zo.",
    "Ik woon in de Kerkstraat en ben 84 jaar.",
]


@pytest.mark.parametrize("text,value,label", MASKED)
def test_an_identifier_is_replaced_by_its_kind(text, value, label):
    out = mask(text)
    assert value not in out
    assert label in out


@pytest.mark.parametrize("text", KEPT)
def test_public_numbers_amounts_and_dates_without_year_stay(text):
    assert mask(text) == text


def test_the_contact_detail_the_resident_chose_is_kept_and_the_rest_masked():
    text = "bel mij op 06-12345678, mijn bsn is 111222333"
    out = mask(text, keep=["06-12345678"])
    assert "06-12345678" in out and "111222333" not in out


def test_an_iban_is_not_also_read_as_a_bsn_or_phone_number():
    assert [kind for _, _, kind in spans("NL91ABNA0417164300")] == ["IBAN"]


def test_empty_text_is_left_alone():
    assert mask("") == "" and mask(None) is None
