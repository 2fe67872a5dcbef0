"""Build data/routing/gemeenten.yml and regions.yml from the source files in this folder.

Run: .venv/bin/python data/routing/sources/convert_gemeenten.py  (from the project root)
See README.md in this folder for provenance.
"""
import csv, re, unicodedata
from collections import defaultdict, OrderedDict
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE.parent

def rows(path):
    return list(csv.reader(l for l in open(path, encoding="utf-8") if not l.startswith("#")))

# --- municipalities: names/provinces/woonplaatsen from CBS 86312NED (2026), codes from minvws gm.ts (2022) ---
places = rows(HERE / "cbs_86312NED_woonplaatsen_2026.csv")[1:]
codes = {r[1]: (r[0], r[2]) for r in rows(HERE / "minvws_gm_vr_2022.csv")[1:]}
# Voorne aan Zee (1-1-2023, from Brielle, Hellevoetsluis, Westvoorne; all three were VR17):
# code 1992 confirmed in woonstadrotterdam/woningwaardering woningwaardering/data/corop/corop.generated.csv
codes["Voorne aan Zee"] = ("GM1992", "VR17")

prov = {}
wp = defaultdict(list)
for place, muni, pv in places:
    prov[muni] = pv
    wp[muni].append(place)

def clean(p):
    """Drop CBS/BAG disambiguation suffixes so residents' spelling matches ('Hengelo (Gld)' -> 'Hengelo')."""
    q = re.sub(r"\s*\((Gld|GLD|NH|NB)\)$", "", p)
    q = re.sub(r"\s+(Gn|GN|L|NB|Gld|Ut|NH|AC|ca)$", "", q)
    q = re.sub(r"\s+gem\.? .*$", "", q)           # 'Alteveer gem Hoogeveen', 'Spaarndam gem. Haarlem'
    q = re.sub(r"\s+Rotterdam$", "", q) if q != "Rotterdam" else q  # 'Hoogvliet Rotterdam'
    q = {"Nieuwlande Coevorden": "Nieuwlande", "'t Loo Oldebroek": "'t Loo"}.get(q, q)
    return q

# Former municipalities (own knowledge, mergers since ~2000; all 2018-2025 mergers; split ones under each receiver)
VOORMALIG = {
    "Midden-Groningen": ["Hoogezand-Sappemeer", "Menterwolde", "Slochteren"],
    "Westerwolde": ["Bellingwedde", "Vlagtwedde"],
    "Groningen": ["Haren", "Ten Boer"],
    "Het Hogeland": ["Bedum", "De Marne", "Eemsmond", "Winsum"],
    "Westerkwartier": ["Grootegast", "Leek", "Marum", "Zuidhorn", "Winsum"],
    "Eemsdelta": ["Appingedam", "Delfzijl", "Loppersum"],
    "Oldambt": ["Reiderland", "Scheemda", "Winschoten"],
    "Noardeast-Fryslân": ["Dongeradeel", "Ferwerderadiel", "Kollumerland en Nieuwkruisland"],
    "Waadhoeke": ["Franekeradeel", "het Bildt", "Menameradiel", "Littenseradiel"],
    "Leeuwarden": ["Leeuwarderadeel", "Littenseradiel", "Boarnsterhim"],
    "Súdwest-Fryslân": ["Bolsward", "Sneek", "Wymbritseradiel", "Wûnseradiel", "Nijefurd", "Littenseradiel", "Boarnsterhim"],
    "Heerenveen": ["Boarnsterhim"],
    # Boarnsterhim (2014) went to Leeuwarden, Heerenveen, Súdwest-Fryslân and De Fryske Marren (Terherne), not to
    # Tytsjerksteradiel: boarnsterhim.nl (herindeling) and plaatsengids.nl/boarnsterhim, checked 2026-12-06
    "De Fryske Marren": ["Gaasterlân-Sleat", "Lemsterland", "Skarsterlân", "Boarnsterhim"],
    "Hoeksche Waard": ["Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"],
    "Molenlanden": ["Giessenlanden", "Molenwaard", "Graafstroom", "Liesveld", "Nieuw-Lekkerland"],
    "Vijfheerenlanden": ["Leerdam", "Vianen", "Zederik"],
    "West Betuwe": ["Geldermalsen", "Lingewaal", "Neerijnen"],
    "Altena": ["Aalburg", "Werkendam", "Woudrichem"],
    "Beekdaelen": ["Nuth", "Onderbanken", "Schinnen"],
    "Haarlemmermeer": ["Haarlemmerliede en Spaarnwoude"],
    "Noordwijk": ["Noordwijkerhout"],
    "Boxtel": ["Haaren"], "Oisterwijk": ["Haaren"], "Tilburg": ["Haaren"], "Vught": ["Haaren"],
    "Land van Cuijk": ["Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis"],
    "Maashorst": ["Landerd", "Uden"],
    "Dijk en Waard": ["Heerhugowaard", "Langedijk"],
    "Purmerend": ["Beemster"],
    "Amsterdam": ["Weesp"],
    "Voorne aan Zee": ["Brielle", "Hellevoetsluis", "Westvoorne"],
    "Meierijstad": ["Schijndel", "Sint-Oedenrode", "Veghel"],
    "Zevenaar": ["Rijnwaarden", "Angerlo"],
    "Gooise Meren": ["Bussum", "Muiden", "Naarden"],
    "Edam-Volendam": ["Zeevang"],
    "Alkmaar": ["Graft-De Rijp", "Schermer"],
    "Berg en Dal": ["Groesbeek", "Millingen aan de Rijn", "Ubbergen"],
    "Krimpenerwaard": ["Bergambacht", "Nederlek", "Ouderkerk", "Schoonhoven", "Vlist"],
    "Nissewaard": ["Bernisse", "Spijkenisse"],
    "Oss": ["Lith", "Ravenstein", "Maasdonk"],
    "'s-Hertogenbosch": ["Maasdonk"],
    "Alphen aan den Rijn": ["Boskoop", "Rijnwoude"],
    "Hollands Kroon": ["Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer"],
    "Schagen": ["Harenkarspel", "Zijpe"],
    "Medemblik": ["Andijk", "Wervershoof"],
    "Goeree-Overflakkee": ["Dirksland", "Goedereede", "Middelharnis", "Oostflakkee"],
    "Eijsden-Margraten": ["Eijsden", "Margraten"],
    "Stichtse Vecht": ["Breukelen", "Loenen", "Maarssen"],
    "De Ronde Venen": ["Abcoude"],
    "Bodegraven-Reeuwijk": ["Bodegraven", "Reeuwijk"],
    "Peel en Maas": ["Helden", "Kessel", "Maasbree", "Meijel"],
    "Horst aan de Maas": ["Sevenum", "Meerlo-Wanssum"],
    "Venray": ["Meerlo-Wanssum"],
    "Venlo": ["Arcen en Velden", "Tegelen", "Belfeld"],
    "Zuidplas": ["Moordrecht", "Nieuwerkerk aan den IJssel", "Zevenhuizen-Moerkapelle"],
    "Rotterdam": ["Rozenburg"],
    "Kaag en Braassem": ["Alkemade", "Jacobswoude"],
    "Bloemendaal": ["Bennebroek"],
    "Nieuwkoop": ["Liemeer", "Ter Aar"],
    "Koggenland": ["Obdam", "Wester-Koggenland"],
    "Lansingerland": ["Berkel en Rodenrijs", "Bergschenhoek", "Bleiswijk"],
    "Leudal": ["Haelen", "Heythuysen", "Hunsel", "Roggel en Neer"],
    "Maasgouw": ["Heel", "Maasbracht", "Thorn"],
    "Roerdalen": ["Ambt Montfort"],
    "Roermond": ["Swalmen"],
    "Teylingen": ["Sassenheim", "Voorhout", "Warmond"],
    "Katwijk": ["Rijnsburg", "Valkenburg"],
    "Utrechtse Heuvelrug": ["Amerongen", "Doorn", "Driebergen-Rijsenburg", "Leersum", "Maarn"],
    "Berkelland": ["Borculo", "Eibergen", "Neede", "Ruurlo"],
    "Bronckhorst": ["Hengelo (Gld)", "Hummelo en Keppel", "Steenderen", "Vorden", "Zelhem"],
    "Montferland": ["Bergh", "Didam"],
    "Oude IJsselstreek": ["Gendringen", "Wisch"],
    "Oost Gelre": ["Groenlo", "Lichtenvoorde"],
    "Aalten": ["Dinxperlo"],
    "Doetinchem": ["Wehl"],
    "Lochem": ["Gorssel"],
    "Zutphen": ["Warnsveld"],
    "Deventer": ["Bathmen"],
    "Geldrop-Mierlo": ["Geldrop", "Mierlo"],
    "Westland": ["De Lier", "'s-Gravenzande", "Monster", "Naaldwijk", "Wateringen"],
    "Midden-Delfland": ["Maasland", "Schipluiden"],
    "Sluis": ["Oostburg", "Sluis-Aardenburg"],
    "Terneuzen": ["Axel", "Sas van Gent"],
    "Hulst": ["Hontenisse"],
    "Sittard-Geleen": ["Born", "Geleen", "Sittard"],
    "Steenwijkerland": ["Brederwiede", "IJsselham", "Steenwijk"],
    "Hardenberg": ["Avereest", "Gramsbergen"],
    "Twenterand": ["Den Ham", "Vriezenveen"],
    "Hof van Twente": ["Ambt Delden", "Diepenheim", "Goor", "Markelo", "Stad Delden"],
    "Dinkelland": ["Denekamp", "Ootmarsum", "Weerselo"],
    "Rijssen-Holten": ["Rijssen", "Holten"],
    "Raalte": ["Heino"],
    "Zwartewaterland": ["Genemuiden", "Hasselt", "Zwartsluis"],
    "Kampen": ["IJsselmuiden"],
    "Wijdemeren": ["Loosdrecht", "Nederhorst den Berg", "'s-Graveland"],
    "Castricum": ["Akersloot", "Limmen"],
    "Overbetuwe": ["Elst", "Heteren", "Valburg"],
    "Lingewaard": ["Bemmel", "Gendt", "Huissen"],
    "Neder-Betuwe": ["Dodewaard", "Echteld", "Kesteren"],
    "Woerden": ["Harmelen"],
    "Utrecht": ["Vleuten-De Meern"],
    "Leidschendam-Voorburg": ["Leidschendam", "Voorburg"],
    "Pijnacker-Nootdorp": ["Pijnacker", "Nootdorp"],
    "Echt-Susteren": ["Echt", "Susteren"],
}

ALIAS = {
    "'s-Gravenhage": ["Den Haag"],
    "'s-Hertogenbosch": ["Den Bosch"],
    "Súdwest-Fryslân": ["Zuidwest-Friesland", "Súdwest Fryslân"],
    "Noardeast-Fryslân": ["Noordoost-Friesland"],
    "De Fryske Marren": ["De Friese Meren"],
    "Dantumadiel": ["Dantumadeel"],
    "Tytsjerksteradiel": ["Tietjerksteradeel"],
    "Leeuwarden": ["Ljouwert"],
    "Harlingen": ["Harns"],
    "Heerenveen": ["It Hearrenfean"],
    "Terschelling": ["Skylge"],
    "Vlieland": ["Flylân"],
    "Schiermonnikoog": ["Skiermûntseach"],
    "Bergen (NH.)": ["Bergen (Noord-Holland)", "Bergen NH"],
    "Bergen (L.)": ["Bergen (Limburg)", "Bergen L"],
    "Beek (L.)": ["Beek (Limburg)"],
    "Hengelo (O.)": ["Hengelo (Overijssel)"],
    "Laren (NH.)": ["Laren (Noord-Holland)"],
    "Middelburg (Z.)": ["Middelburg"],
    "Rijswijk (ZH.)": ["Rijswijk (Zuid-Holland)"],
    "Stein (L.)": ["Stein (Limburg)"],
    "Nuenen, Gerwen en Nederwetten": ["Nuenen c.a."],
    "Hollands Kroon": ["Hollandse Kroon"],  # the seeds write 'Hollandse Kroon'; CBS writes 'Hollands Kroon' (GM1911)
}

# Well-known wijken/stadsdelen residents name that are not BAG woonplaatsen (own knowledge)
WIJKEN = {
    "'s-Gravenhage": ["Scheveningen", "Loosduinen", "Ypenburg", "Kijkduin", "Escamp", "Laak", "Segbroek", "Leidschenveen"],
    "Amsterdam": ["Amsterdam-Noord", "Amsterdam-Zuidoost", "Bijlmer", "Nieuw-West", "Osdorp", "Slotervaart", "Driemond", "Sloten", "IJburg"],
    "Rotterdam": ["Hoogvliet", "Pernis", "IJsselmonde", "Charlois", "Feijenoord", "Kralingen", "Overschie", "Delfshaven", "Prins Alexander", "Ommoord"],
    "Utrecht": ["Leidsche Rijn", "Overvecht", "Kanaleneiland", "Lunetten"],
    "Eindhoven": ["Woensel", "Strijp", "Stratum", "Gestel", "Tongelre"],
    "Almere": ["Almere Haven", "Almere Stad", "Almere Buiten", "Almere Poort", "Almere Hout", "Almere Pampus"],
    "Groningen": ["Hoogkerk"],
    "Tilburg": ["Reeshof"],
    "Nijmegen": ["Dukenburg"],
}

WEBSITES = {  # only sites the author is certain of
    "Amsterdam": "https://www.amsterdam.nl", "Rotterdam": "https://www.rotterdam.nl",
    "'s-Gravenhage": "https://www.denhaag.nl", "Utrecht": "https://www.utrecht.nl",
    "Eindhoven": "https://www.eindhoven.nl", "Dordrecht": "https://www.dordrecht.nl",
    "Tilburg": "https://www.tilburg.nl", "Almere": "https://www.almere.nl",
    "Breda": "https://www.breda.nl", "Nijmegen": "https://www.nijmegen.nl",
}

gem = []
missing_code = []
for muni in sorted(prov, key=lambda n: codes.get(n, ("ZZ",))[0]):
    if muni not in codes:
        missing_code.append(muni); continue
    code = codes[muni][0]
    pl = []
    for p in sorted(wp[muni]) + WIJKEN.get(muni, []):
        for v in (p, clean(p)):
            if v not in pl:
                pl.append(v)
    e = OrderedDict()
    e["code"] = code
    e["naam"] = muni
    e["provincie"] = prov[muni]
    if muni in WEBSITES:
        e["website"] = WEBSITES[muni]
    e["voormalige_gemeenten"] = VOORMALIG.get(muni, [])
    e["plaatsen"] = pl
    e["aliassen"] = ALIAS.get(muni, [])
    gem.append(e)
assert not missing_code, missing_code
assert set(VOORMALIG) <= set(prov), set(VOORMALIG) - set(prov)
assert set(ALIAS) <= set(prov) and set(WIJKEN) <= set(prov) and set(WEBSITES) <= set(prov)

name2code = {e["naam"]: e["code"] for e in gem}

class D(yaml.SafeDumper):
    pass
D.add_representer(OrderedDict, lambda d, o: d.represent_mapping("tag:yaml.org,2002:map", o.items()))

head_g = OrderedDict([
    ("bron", "Gemeentenamen, provincies en woonplaatsen: CBS StatLine 86312NED 'Woonplaatsen in Nederland 2026' "
             "(via TheBanker1945/JobLens src/joblens/sources/places_nl.csv @ 9f769e440faa79df2af05a6ad3fc39cc34e3df8b); "
             "CBS-gemeentecodes: minvws/nl-covid19-data-dashboard packages/common/src/data/gm.ts @ 1705ac930e912d250e3b510a6609ef18da7d0f00 "
             "(stand 2022) + GM1992 Voorne aan Zee uit woonstadrotterdam/woningwaardering woningwaardering/data/corop/corop.generated.csv "
             "@ 61a387d708417dc1f54e41fad308e19e8d6d0c68. Voormalige gemeenten, aliassen, wijken (niet-BAG) en websites: eigen kennis "
             "van de auteur (zie data/routing/sources/README.md)."),
    ("peildatum", "2025-01-01"),
    ("opmerking", "342 gemeenten; de CBS-woonplaatsenlijst 2026 bevat dezelfde 342 gemeenten, dus geen herindelingen per 1-1-2024, "
                  "1-1-2025 of 1-1-2026. Woonplaatsen die over een gemeentegrens liggen staan (zoals bij CBS) onder elke gemeente; "
                  "'plaatsen' bevat ook de CBS-schrijfwijze met achtervoegsel (bv. 'Hengelo (Gld)') naast de kale naam ('Hengelo')."),
    ("gemeenten", gem),
])

# ---------------- regions ----------------
regions = []
def R(code, typ, naam, members, bron, opm=None, centrum=None, org=None, website=None, peil="2025-01-01", hoe=None,
      check=None):
    e = OrderedDict([("code", code), ("type", typ), ("naam", naam)])
    if centrum: e["centrumgemeente"] = name2code[centrum]
    if org: e["organisatie"] = org
    if website: e["website"] = website
    if hoe: e["hoe"] = hoe
    e["gemeenten"] = sorted(name2code[m] for m in members)
    e["bron"] = bron
    e["peildatum"] = peil
    if opm: e["opmerking"] = opm
    if check: e["te_verifieren"] = check
    regions.append(e)

# Veilig Thuis: derived from veiligheidsregio membership
VR_NAMES = {"VR01": "Groningen", "VR02": "Fryslân", "VR03": "Drenthe", "VR04": "IJsselland", "VR05": "Twente",
            "VR06": "Noord- en Oost-Gelderland", "VR07": "Gelderland-Midden", "VR08": "Gelderland-Zuid", "VR09": "Utrecht",
            "VR10": "Noord-Holland Noord", "VR11": "Zaanstreek-Waterland", "VR12": "Kennemerland", "VR13": "Amsterdam-Amstelland",
            "VR14": "Gooi en Vechtstreek", "VR15": "Haaglanden", "VR16": "Hollands Midden", "VR17": "Rotterdam-Rijnmond",
            "VR18": "Zuid-Holland Zuid", "VR19": "Zeeland", "VR20": "Midden- en West-Brabant", "VR21": "Brabant-Noord",
            "VR22": "Brabant-Zuidoost", "VR23": "Limburg-Noord", "VR24": "Zuid-Limburg", "VR25": "Flevoland"}
vr_members = defaultdict(list)
# Veilig Thuis-regio differs from the veiligheidsregio (own knowledge): Eemnes is in VR Utrecht but takes part in the
# GR Regio Gooi en Vechtstreek, which runs Veilig Thuis Gooi en Vechtstreek for its 7 gemeenten (incl. Eemnes).
VT_MOVE = {"Eemnes": "VR14"}
for e in gem:
    vr_members[VT_MOVE.get(e["naam"], codes[e["naam"]][1])].append(e["naam"])
WEST_BRABANT = ["Alphen-Chaam", "Altena", "Baarle-Nassau", "Bergen op Zoom", "Breda", "Drimmelen", "Etten-Leur",
                "Geertruidenberg", "Halderberge", "Moerdijk", "Oosterhout", "Roosendaal", "Rucphen", "Steenbergen",
                "Woensdrecht", "Zundert"]
VT_CHECK = ("indeling afgeleid van de veiligheidsregio's, niet gecontroleerd tegen CBS 'Veilig Thuis-regio' (26 hier, CBS 25). "
            "Het landelijke nummer 0800-2000 verbindt door naar de juiste regio, dus de route klopt ook als de indeling afwijkt")
vt_bron = ("Afgeleid van veiligheidsregio-indeling: minvws/nl-covid19-data-dashboard packages/common/src/data/gm.ts "
           "@ 1705ac930e912d250e3b510a6609ef18da7d0f00 (vrCode per gemeente) en vr.ts (namen)")
for vr, naam in VR_NAMES.items():
    mem = vr_members[vr]
    opm = ("regio-indeling afgeleid van veiligheidsregio " + naam + "; Veilig Thuis-regio's volgen grotendeels de veiligheidsregio's, "
           "niet gecontroleerd tegen CBS 'Veilig Thuis-regio' (VT-codes). Dit bestand heeft 26 VT-regio's (zoals VNG: '26 regionale "
           "Veilig Thuis-organisaties', vng.nl/veilig-thuis), CBS telt 25 VT-regio's; welke twee CBS samenvoegt is niet nagegaan")
    if vr == "VR20":
        wb = [m for m in mem if m in WEST_BRABANT]
        mb = [m for m in mem if m not in WEST_BRABANT]
        assert len(wb) == 16, wb
        R("vt-west-brabant", "veilig-thuis", "Veilig Thuis West-Brabant", wb,
          vt_bron + "; splitsing: moerdijk.nl besluitenlijst 2018 'Gemeenschappelijke regeling voor Veilig Thuis West-Brabant' "
          "(18 gemeenten, Breda centrumgemeente) en bredavandaag.nl 2014-12-11",
          opm + "; 18 gemeenten in 2015 = nu 16 (Aalburg, Werkendam, Woudrichem zijn Altena)", check=VT_CHECK)
        R("vt-midden-brabant", "veilig-thuis", "Veilig Thuis Midden-Brabant", mb, vt_bron,
          opm + "; rest van veiligheidsregio Midden- en West-Brabant na afsplitsing West-Brabant (de regio Hart van Brabant zonder "
          "Heusden); of Heusden (VR Brabant-Noord) hierbij hoort is niet geverifieerd. Mogelijk telt CBS West- en Midden-Brabant als "
          "één VT-regio (dat zou het verschil 26/25 verklaren), niet nagegaan", check=VT_CHECK)
        continue
    extra = ""
    if vr == "VR09":
        extra = "; zonder Eemnes (zie Veilig Thuis Gooi en Vechtstreek)"
    if vr == "VR14":
        extra = ("; Eemnes (veiligheidsregio Utrecht) is hier ingedeeld omdat het deelneemt aan de gemeenschappelijke regeling Regio "
                 "Gooi en Vechtstreek, waaronder Veilig Thuis Gooi en Vechtstreek valt (kennis van de auteur, niet uit een databestand)")
    if vr == "VR13":
        extra = "; Weesp (voorheen VR Gooi en Vechtstreek) is sinds 24-3-2022 deel van Amsterdam"
    if vr == "VR21":
        extra = ("; Heusden (veiligheidsregio Brabant-Noord) hoort in het sociaal domein bij de regio Hart van Brabant en valt "
                 "mogelijk onder Veilig Thuis Midden-Brabant; niet zeker, daarom hier gelaten (te verifiëren)")
    R("vt-" + re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()).strip("-"),
      "veilig-thuis", "Veilig Thuis " + naam, mem, vt_bron, opm + extra, check=VT_CHECK)

# Centrumgemeenten maatschappelijke opvang / beschermd wonen (Wmo 2015). No data file with the regional
# division was found (see README.md); the division below is the author's knowledge, backed for some regions by
# public web pages. Every municipality must be in exactly one region (checked below).
prov_members = defaultdict(list)
for e in gem:
    prov_members[e["provincie"]].append(e["naam"])
MO_KENNIS_BRON = "VNG/Rijksoverheid indeling centrumgemeenten maatschappelijke opvang en beschermd wonen (uit kennis, te verifiëren)"
MO_KENNIS_OPM = "Indeling uit kennis van de auteur, niet uit een databestand; te verifiëren bij de gemeente of VNG."
MO_PEIL = "2025-01-01"
# regions whose centrumgemeente and complete membership come from a dated public page -> peildatum of that page
MO_PAGE_SOURCED = {"enschede": "2021-02-01", "vlaardingen": "2020-05-03", "heerlen": "2025-01-01", "delft": "2026-12-06"}
# code suffix, centrumgemeente, regio-omschrijving, members, extra bron (public page) or None, extra opmerking or None
MO_BW = [
    ("groningen", "Groningen", "provincie Groningen", prov_members["Groningen"], None, None),
    ("leeuwarden", "Leeuwarden", "Fryslân", prov_members["Fryslân"], None, None),
    ("assen", "Assen", "Noord- en Midden-Drenthe",
     ["Aa en Hunze", "Assen", "Midden-Drenthe", "Noordenveld", "Tynaarlo"], None, None),
    ("emmen", "Emmen", "Zuidoost- en Zuidwest-Drenthe",
     ["Borger-Odoorn", "Coevorden", "Emmen", "De Wolden", "Hoogeveen", "Meppel", "Westerveld"], None,
     "onzeker: Zuidwest-Drenthe (De Wolden, Hoogeveen, Meppel, Westerveld) kan ook bij Assen horen"),
    ("zwolle", "Zwolle", "IJssel-Vecht (Overijssel-noord)",
     ["Dalfsen", "Hardenberg", "Kampen", "Ommen", "Staphorst", "Steenwijkerland", "Zwartewaterland", "Zwolle"], None,
     "Hattem (Gelderland) is bij Apeldoorn ingedeeld; te verifiëren"),
    ("deventer", "Deventer", "Midden-IJssel (Salland-zuid)", ["Deventer", "Olst-Wijhe", "Raalte"], None, None),
    ("almelo", "Almelo", "Twente-Noordwest",
     ["Almelo", "Hellendoorn", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden"],
     "http://www.woontwente.nl/nieuwsoverzicht/samenwerking-centrumgemeenten-zorgpartijen-%C3%A9n-woon-twente (april 2017: centrumgemeenten "
     "Almelo en Enschede voor resp. 6 en 8 Twentse gemeenten); https://www.twenterand.nl/opvang-en-beschermd-wonen (toegang via CIMOT "
     "gemeente Almelo)",
     "de 6 gemeenten zijn de Twentse gemeenten die niet bij Enschede horen (rtvoost.nl 2021 noemt de 8 van Enschede)"),
    ("enschede", "Enschede", "Twente-Zuidoost",
     ["Borne", "Dinkelland", "Enschede", "Haaksbergen", "Hengelo (O.)", "Hof van Twente", "Losser", "Oldenzaal"],
     "https://www.rtvoost.nl/nieuws/1507808/Acht-Twentse-gemeenten-zoeken-plek-voor-kwetsbare-inwoners-meer-dan-120-inwoners-op-wachtlijst (februari 2021: Borne, Dinkelland, Enschede, Haaksbergen, Hengelo, Hof van Twente, Losser "
     "en Oldenzaal; Enschede centrumgemeente beschermd wonen); woontwente.nl (april 2017, zie regio Almelo)", None),
    ("almere", "Almere", "Almere", ["Almere"], None, "onzeker: Zeewolde kan ook bij Almere horen (hier bij Lelystad)"),
    ("lelystad", "Lelystad", "Flevoland zonder Almere",
     ["Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde"], None, "onzeker: plaats van Zeewolde"),
    ("apeldoorn", "Apeldoorn", "Oost-Veluwe, Gelderse Stedendriehoek en Noord-Veluwe",
     ["Apeldoorn", "Brummen", "Epe", "Hattem", "Heerde", "Lochem", "Voorst", "Zutphen",
      "Elburg", "Ermelo", "Harderwijk", "Nunspeet", "Oldebroek", "Putten"], None,
     "onzeker: Noord-Veluwe (Elburg, Ermelo, Harderwijk, Nunspeet, Oldebroek, Putten), Lochem, Zutphen en Hattem"),
    ("arnhem", "Arnhem", "Centraal Gelderland",
     ["Arnhem", "Doesburg", "Duiven", "Lingewaard", "Overbetuwe", "Renkum", "Rheden", "Rozendaal", "Westervoort", "Zevenaar"],
     None, None),
    ("doetinchem", "Doetinchem", "Achterhoek",
     ["Aalten", "Berkelland", "Bronckhorst", "Doetinchem", "Montferland", "Oost Gelre", "Oude IJsselstreek", "Winterswijk"],
     None, None),
    ("ede", "Ede", "Foodvalley / Vallei",
     ["Barneveld", "Ede", "Renswoude", "Rhenen", "Scherpenzeel", "Veenendaal", "Wageningen"], None,
     "Renswoude, Rhenen en Veenendaal liggen in de provincie Utrecht; Nijkerk is bij Amersfoort ingedeeld (onzeker)"),
    ("nijmegen", "Nijmegen", "Rijk van Nijmegen en Rivierenland",
     ["Berg en Dal", "Beuningen", "Druten", "Heumen", "Nijmegen", "Wijchen",
      "Buren", "Culemborg", "Maasdriel", "Neder-Betuwe", "Tiel", "West Betuwe", "West Maas en Waal", "Zaltbommel"], None,
     "onzeker: Rivierenland (Buren, Culemborg, Maasdriel, Neder-Betuwe, Tiel, West Betuwe, West Maas en Waal, Zaltbommel); "
     "Mook en Middelaar is bij Venlo (Noord-Limburg) ingedeeld"),
    ("utrecht", "Utrecht", "Utrecht-stad en Utrecht-west/-zuid/-oost",
     ["Bunnik", "De Bilt", "De Ronde Venen", "Houten", "IJsselstein", "Lopik", "Montfoort", "Nieuwegein", "Oudewater",
      "Stichtse Vecht", "Utrecht", "Utrechtse Heuvelrug", "Vijfheerenlanden", "Wijk bij Duurstede", "Woerden", "Zeist"], None,
     "Vijfheerenlanden (sinds 2019 provincie Utrecht) hier ingedeeld; het deel Leerdam/Zederik werkte vroeger met Zuid-Holland Zuid samen"),
    ("amersfoort", "Amersfoort", "Eemland / regio Amersfoort",
     ["Amersfoort", "Baarn", "Bunschoten", "Leusden", "Nijkerk", "Soest", "Woudenberg"], None,
     "onzeker: Nijkerk (kan ook bij Ede horen); Eemnes is bij Hilversum (Gooi en Vechtstreek) ingedeeld"),
    ("den-helder", "Den Helder", "Kop van Noord-Holland", ["Den Helder", "Hollands Kroon", "Schagen", "Texel"], None, None),
    ("alkmaar", "Alkmaar", "Noord-Kennemerland (regio Alkmaar)",
     ["Alkmaar", "Bergen (NH.)", "Castricum", "Dijk en Waard", "Heiloo", "Uitgeest"], None, None),
    ("hoorn", "Hoorn", "West-Friesland",
     ["Drechterland", "Enkhuizen", "Hoorn", "Koggenland", "Medemblik", "Opmeer", "Stede Broec"], None, None),
    ("purmerend", "Purmerend", "Waterland", ["Edam-Volendam", "Landsmeer", "Purmerend", "Waterland"], None,
     "onzeker: verdeling Zaanstreek-Waterland over Purmerend en Zaanstad (Oostzaan en Wormerland hier bij Zaanstad)"),
    ("zaanstad", "Zaanstad", "Zaanstreek", ["Oostzaan", "Wormerland", "Zaanstad"], None,
     "onzeker: Oostzaan en Wormerland kunnen ook bij Purmerend (Waterland) horen"),
    ("haarlem", "Haarlem", "Kennemerland (Zuid-Kennemerland, IJmond) en Haarlemmermeer",
     ["Beverwijk", "Bloemendaal", "Haarlem", "Haarlemmermeer", "Heemskerk", "Heemstede", "Velsen", "Zandvoort"], None, None),
    ("amsterdam", "Amsterdam", "Amsterdam-Amstelland",
     ["Aalsmeer", "Amstelveen", "Amsterdam", "Diemen", "Ouder-Amstel", "Uithoorn"], None,
     "samenstelling = veiligheidsregio Amsterdam-Amstelland; Weesp is sinds 2022 deel van Amsterdam"),
    ("hilversum", "Hilversum", "Gooi en Vechtstreek",
     ["Blaricum", "Eemnes", "Gooise Meren", "Hilversum", "Huizen", "Laren (NH.)", "Wijdemeren"],
     "seed 002 r. 2683 noemt Hilversum als centrumgemeente (voor een werkvoorzieningsschap)",
     "Eemnes (provincie Utrecht) werkt in het sociaal domein met Gooi en Vechtstreek samen; kan ook bij Amersfoort horen"),
    ("leiden", "Leiden", "Holland Rijnland",
     ["Alphen aan den Rijn", "Hillegom", "Kaag en Braassem", "Katwijk", "Leiden", "Leiderdorp", "Lisse", "Nieuwkoop",
      "Noordwijk", "Oegstgeest", "Teylingen", "Voorschoten", "Zoeterwoude"], None, None),
    ("den-haag", "'s-Gravenhage", "Haaglanden (zonder Delft Westland Oostland)",
     ["'s-Gravenhage", "Leidschendam-Voorburg", "Rijswijk (ZH.)", "Wassenaar", "Zoetermeer"], None,
     "Delft, Midden-Delfland, Pijnacker-Nootdorp en Westland gaan via Delft (regio DWO)"),
    ("delft", "Delft", "Delft Westland Oostland (DWO)",
     ["Delft", "Midden-Delfland", "Pijnacker-Nootdorp", "Westland"],
     "https://lokaleregelgeving.overheid.nl/CVDR626683 (Beleidsregels landelijke toegankelijkheid maatschappelijke opvang regio DWO, "
     "geldend vanaf 1-8-2019: Delft is centrumgemeente maatschappelijke opvang voor Westland, Midden-Delfland en Pijnacker-Nootdorp); "
     "https://www.pijnacker-nootdorp.nl/direct-regelen/zorg-en-welzijn/beschermd-wonen-18 (beschermd wonen en opvang: aanmelden bij de "
     "eigen gemeente, doorverwezen naar Delft Support, www.delftsupport.nl; Delft beslist); "
     "https://www.sociaalpleinwestland.nl/proces/beschermd-wonen (beschermd wonen voor Westland via een Wmo-melding bij de gemeente Delft)",
     "Voor Midden-Delfland is alleen de maatschappelijke opvang via Delft bevestigd (CVDR626683); beschermd wonen via Delft is daar "
     "niet apart nagegaan"),
    ("gouda", "Gouda", "Midden-Holland",
     ["Bodegraven-Reeuwijk", "Gouda", "Krimpenerwaard", "Waddinxveen", "Zuidplas"], None, None),
    ("rotterdam", "Rotterdam", "Rotterdam-Rijnmond (zonder Nieuwe Waterweg Noord)",
     ["Albrandswaard", "Barendrecht", "Capelle aan den IJssel", "Goeree-Overflakkee", "Krimpen aan den IJssel",
      "Lansingerland", "Nissewaard", "Ridderkerk", "Rotterdam", "Voorne aan Zee"], None,
     "onzeker: Goeree-Overflakkee"),
    ("vlaardingen", "Vlaardingen", "Nieuwe Waterweg Noord", ["Maassluis", "Schiedam", "Vlaardingen"],
     "https://www.schiedam.nl/nieuws/sporthal-groenoord-tijdelijk-opvang-dak-en-thuislozen (3-5-2020: Vlaardingen is centrumgemeente "
     "voor de opvang van dak- en thuislozen in Maassluis, Vlaardingen en Schiedam); woonvisie Vlaardingen, contourennota p. 25 (https://fliphtml5.com/fpsud/awmm/): "
     "beschermd wonen per 2023 gezamenlijke taak van de drie gemeenten, middelen MO blijven bij Vlaardingen",
     "niet Schiedam maar Vlaardingen is de centrumgemeente"),
    ("dordrecht", "Dordrecht", "Zuid-Holland Zuid",
     ["Alblasserdam", "Dordrecht", "Gorinchem", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Hoeksche Waard",
      "Molenlanden", "Papendrecht", "Sliedrecht", "Zwijndrecht"], None, "onzeker: Hoeksche Waard (kan ook bij Rotterdam horen)"),
    ("vlissingen", "Vlissingen", "Zeeland", prov_members["Zeeland"], None, None),
    ("bergen-op-zoom", "Bergen op Zoom", "West-Brabant West",
     ["Bergen op Zoom", "Halderberge", "Moerdijk", "Roosendaal", "Rucphen", "Steenbergen", "Woensdrecht"], None, None),
    ("breda", "Breda", "West-Brabant Oost",
     ["Alphen-Chaam", "Altena", "Baarle-Nassau", "Breda", "Drimmelen", "Etten-Leur", "Geertruidenberg", "Oosterhout", "Zundert"],
     None, None),
    ("tilburg", "Tilburg", "Hart van Brabant",
     ["Dongen", "Gilze en Rijen", "Goirle", "Heusden", "Hilvarenbeek", "Loon op Zand", "Oisterwijk", "Tilburg", "Waalwijk"],
     "https://www.100procent-moergestel.nl/gemeenteberichten-18-november-2021/ ('Regiovisie Beschermd Wonen regio Hart van Brabant')",
     "Heusden hoort bij de regio Hart van Brabant (onzeker of dat ook voor MO/BW geldt)"),
    ("s-hertogenbosch", "'s-Hertogenbosch", "Noordoost-Brabant west",
     ["Boxtel", "'s-Hertogenbosch", "Meierijstad", "Sint-Michielsgestel", "Vught"], None, None),
    ("oss", "Oss", "Noordoost-Brabant oost", ["Bernheze", "Boekel", "Land van Cuijk", "Maashorst", "Oss"],
     "https://www.ed.nl/oss-uden-e-o/nieuwe-wetgeving-of-niet-oss-blijft-beschermd-wonen-ook-na-volgend-jaar-voor-hele-regio-organiseren~a5350b36/ (januari 2023) "
     "(Oss centrumgemeente o.a. voor Bernheze, Boekel, Maashorst en Land van Cuijk)", None),
    ("eindhoven", "Eindhoven", "Zuidoost-Brabant, regio Eindhoven",
     ["Bergeijk", "Best", "Bladel", "Cranendonck", "Eersel", "Eindhoven", "Geldrop-Mierlo", "Heeze-Leende",
      "Nuenen, Gerwen en Nederwetten", "Oirschot", "Reusel-De Mierden", "Son en Breugel", "Valkenswaard", "Veldhoven", "Waalre"],
     "Seed 002 (shared/seeds/002_8f711c6fb5ac4ec8.txt r. 5215-5225: Eindhoven centrumgemeente beschermd wonen voor "
     "'veertien omliggende gemeenten', 2018)",
     "ledenlijst (Eindhoven + 14) uit kennis: het Eindhovense deel van Zuidoost-Brabant; de Peelgemeenten vallen onder Helmond"),
    ("helmond", "Helmond", "Peelregio", ["Asten", "Deurne", "Gemert-Bakel", "Helmond", "Laarbeek", "Someren"], None, None),
    ("venlo", "Venlo", "Noord-Limburg",
     ["Beesel", "Bergen (L.)", "Gennep", "Horst aan de Maas", "Mook en Middelaar", "Peel en Maas", "Venlo", "Venray"], None,
     "onzeker: Mook en Middelaar (kan ook bij Nijmegen horen)"),
    ("roermond", "Roermond", "Midden-Limburg",
     ["Echt-Susteren", "Leudal", "Maasgouw", "Nederweert", "Roerdalen", "Roermond", "Weert"], None, None),
    ("sittard-geleen", "Sittard-Geleen", "Westelijke Mijnstreek", ["Beek (L.)", "Sittard-Geleen", "Stein (L.)"], None,
     "onzeker of Sittard-Geleen een eigen centrumgemeente is (anders bij Maastricht of Heerlen)"),
    ("heerlen", "Heerlen", "Parkstad Limburg",
     ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"],
     "https://www.1limburg.nl/nieuws/1884221/nieuwe-aanpak-beschermd-wonen-in-parkstad (de zeven Parkstad-gemeenten Heerlen, Kerkrade, "
     "Landgraaf, Brunssum, Voerendaal, Simpelveld en Beekdaelen); https://www.landgraaf.nl/beschermd-wonen (Loket Opvang en Beschermd Wonen "
     "in de gemeente Heerlen is de toegang voor heel Parkstad)",
     "de pagina's zijn ongedateerd; peildatum 2025-01-01 is een aanname"),
    ("maastricht", "Maastricht", "Maastricht-Heuvelland",
     ["Eijsden-Margraten", "Gulpen-Wittem", "Maastricht", "Meerssen", "Vaals", "Valkenburg aan de Geul"],
     "https://www.gemeentemaastricht.nl/stad/stadsontwikkeling/zicht-op-thuis (beschermd wonen en opvang voor 'Maastricht en Heuvelland')", None),
]
mo_seen = {}
for suffix, centrum, regio, members, extra_bron, extra_opm in MO_BW:
    assert centrum in members, (suffix, centrum)
    for m in members:
        assert m in name2code, (suffix, m)
        assert m not in mo_seen, (m, mo_seen.get(m), suffix)
        mo_seen[m] = suffix
    extra = (" " + extra_opm[0].upper() + extra_opm[1:] + "." if extra_opm else "")
    if suffix in MO_PAGE_SOURCED:   # centrumgemeente and every member named on a public page
        bron = "Openbare webpagina's (geen databestand): " + extra_bron
        opm = ("Centrumgemeente en alle leden staan op de genoemde pagina's; geen officiële VNG-lijst gezien." + extra)
        peil = MO_PAGE_SOURCED[suffix]
    else:
        bron = MO_KENNIS_BRON + ("; steun: " + extra_bron if extra_bron else "")
        opm = MO_KENNIS_OPM + extra
        peil = MO_PEIL
    check = None if suffix in MO_PAGE_SOURCED else ("indeling uit kennis van de auteur; controleer bij de centrumgemeente of VNG "
                                                   "(geen databestand met de indeling gevonden)")
    if suffix == "delft":
        check = "beschermd wonen voor Midden-Delfland via Delft niet apart bevestigd"
    R("mo-bw-" + suffix, "centrumgemeente-opvang", f"Maatschappelijke opvang en beschermd wonen regio {regio}", members,
      bron, opm, centrum=centrum, peil=peil, website="https://www.delftsupport.nl" if suffix == "delft" else None,
      hoe=("Meld u bij de Wmo van uw eigen gemeente, of bij Delft Support. De gemeente Delft beslist over opvang en beschermd wonen "
           "voor de hele regio.") if suffix == "delft" else None, check=check)
assert set(mo_seen) == set(name2code), sorted(set(name2code) - set(mo_seen))

# Zorgkantoorregio's from the 2014 besluit, mapped to current municipalities
OLD2NEW = {}
for new, olds in VOORMALIG.items():
    for o in olds:
        OLD2NEW.setdefault(o, set()).add(new)
RENAME = {"Bergen nh": "Bergen (NH.)", "Bergen lb": "Bergen (L.)", "Beek": "Beek (L.)", "Hengelo": "Hengelo (O.)",
          "Laren": "Laren (NH.)", "Middelburg": "Middelburg (Z.)", "Rijswijk": "Rijswijk (ZH.)", "Stein": "Stein (L.)",
          "Súdwest Fryslân": "Súdwest-Fryslân", "de Friese Meren": "De Fryske Marren", "’s-Gravenhage": "'s-Gravenhage",
          "‘s-Hertogenbosch": "'s-Hertogenbosch", "Oost-Gelre": "Oost Gelre", "Nuenen; Gerwen en Nederwetten": "Nuenen, Gerwen en Nederwetten"}
CURRENT_ORG = {"Agis Zorgverzekeringen N.V.": "Zilveren Kruis Zorgkantoor", "Achmea Zorgkantoor N.V.": "Zilveren Kruis Zorgkantoor"}
# The 2014 legal entity names without legal form, as residents find them (e.g. 'CZ zorgkantoor B.V.' -> 'CZ Zorgkantoor').
# Only the legal form is dropped; whether Trias, Univé and Salland still execute their region was not found (te verifiëren).
DISPLAY_ORG = {"Stichting Zorgkantoor Menzis": "Menzis Zorgkantoor", "Zorgkantoor Friesland B.V.": "Zorgkantoor Friesland",
               "VGZ Zorgkantoor B.V.": "VGZ Zorgkantoor", "CZ zorgkantoor B.V.": "CZ Zorgkantoor",
               "Zorgkantoor DSW B.V.": "DSW Zorgkantoor", "Trias Zorgkantoor B.V.": "Trias Zorgkantoor",
               "Univé Zorgkantoor B.V.": "Univé Zorgkantoor", "Salland Zorgkantoor B.V.": "Salland Zorgkantoor",
               "OWM Zorgverzekeraar Zorg en Zekerheid U.A.": "Zorg en Zekerheid Zorgkantoor"}
UNCERTAIN_ORG = {"Trias Zorgkantoor B.V.", "Univé Zorgkantoor B.V.", "Salland Zorgkantoor B.V."}
zk_unplaced = set()
zk_assign = defaultdict(set)
zk_own = {}
zk_meta = {}
for line in open(HERE / "zorgkantoor_2014_bijlage2.txt", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    regio, org, mem = line.rstrip("\n").split("|")
    zk_meta[regio] = org
    for m in (x.strip() for x in mem.split(",")):
        m = RENAME.get(m, m)
        targets = {m} if m in name2code else OLD2NEW.get(m, set())
        assert targets, (regio, m)
        if m in name2code:
            zk_own[m] = regio   # the municipality itself (same name) was listed: it keeps its own region
        for t in targets:
            zk_assign[t].add(regio)
# a merged municipality whose parts were in different regions cannot be placed from this source
byregion = defaultdict(list)
for muni, regs in zk_assign.items():
    if muni in zk_own:
        byregion[zk_own[muni]].append(muni)
    elif len(regs) == 1:
        byregion[next(iter(regs))].append(muni)
    else:
        zk_unplaced.add((muni, tuple(sorted(regs))))
# Manual placement of merged municipalities whose 2014 parts were in different regions (own judgement, see opmerking)
ZK_MANUAL = {
    "Vijfheerenlanden": ("Waardenland",
        "Vijfheerenlanden (2019: Leerdam en Zederik uit zorgkantoorregio Waardenland, Vianen uit Utrecht) is ingedeeld bij "
        "Waardenland omdat Leerdam en Zederik samen het grootste deel vormden (ca. 35.000 van 55.000 inwoners); niet uit een "
        "databestand: de huidige indeling van de Wlz-zorgkantoorregio's (Zorginstituut/VWS) is niet nagegaan, sinds de overgang "
        "naar de provincie Utrecht kan Vijfheerenlanden ook bij zorgkantoorregio Utrecht horen"),
}
zk_notes = defaultdict(list)
for muni, regs in sorted(zk_unplaced):
    if muni in ZK_MANUAL:
        regio, note = ZK_MANUAL[muni]
        assert regio in regs, (muni, regio, regs)
        byregion[regio].append(muni)
        zk_notes[regio].append(note)
zk_unplaced = {u for u in zk_unplaced if u[0] not in ZK_MANUAL}
zk_bron = ("statengeneraal/laws-markdown ministeriele-regeling/besluit/aanwijzing/administratie-instellingen/bijzondere/ziektekosten/"
           "BWBR0034132/README.md @ 347ed6334a28c33ac142e8f9d9712ddbbe960263 (Besluit aanwijzing administratie-instellingen "
           "bijzondere ziektekosten, bijlage 1 en 2: werkgebieden zorgkantoren per 1-1-2014), omgezet naar de gemeente-indeling 2025")
for regio, org in zk_meta.items():
    mem = sorted(byregion.get(regio, []))
    if not mem:
        continue
    opm = "regio-indeling en uitvoerder volgens aanwijzing 2014 (AWBZ-verbindingskantoren, sinds 2015 Wlz-zorgkantoren); "
    if org in CURRENT_ORG:
        opm += f"in 2014 '{org}', dat is nu {CURRENT_ORG[org]}; "
        org_out = CURRENT_ORG[org]
    else:
        org_out = DISPLAY_ORG.get(org, org)
        opm += f"in 2014 '{org}'; "
        if org in UNCERTAIN_ORG:
            opm += "of deze uitvoerder de regio nog uitvoert is niet gevonden; "
    opm += "CBS telt nu 31 zorgkantoorregio's (deze bron 32): mogelijk zijn twee regio's samengevoegd"
    for note in zk_notes.get(regio, []):
        opm += "; " + note
    code = "zk-" + re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", regio).encode("ascii", "ignore").decode().lower()).strip("-")
    check = ("regio-indeling van 2014; de indeling en uitvoerders van 2026 (Zorginstituut/VWS) zijn niet gevonden in de "
             "geraadpleegde bronnen" + ("; uitvoerder onzeker" if org in UNCERTAIN_ORG else ""))
    R(code, "zorgkantoor", "Zorgkantoorregio " + regio, mem, zk_bron, opm, org=org_out, peil="2014-01-01", check=check)

# Werk en inkomen
CHECKED = "2026-12-06"
DRECHT = ["Alblasserdam", "Dordrecht", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht", "Zwijndrecht"]
DRECHT_BRON = ("https://dordrecht.jaarverslag-2024.nl/p29228/welke-verbonden-partijen-hebben-bijgedragen (jaarverslag 2024 Dordrecht: "
               "Gemeenschappelijke regeling Sociaal, deelnemers Alblasserdam, Dordrecht, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, "
               "Zwijndrecht en Hardinxveld-Giessendam; Participatiewet, schuldhulpverlening en Wmo-maatwerkvoorzieningen); "
               "seed 002 (GR Drechtsteden sinds 2015)")
DRECHT_CHECK = ("de naam waaronder inwoners de dienst vinden (vroeger 'Sociale Dienst Drechtsteden') en de website zijn niet "
                "opnieuw gevonden; daarom geen website")
R("wi-drechtsteden", "werk-inkomen", "Sociale Dienst Drechtsteden (GR Sociaal Drechtsteden)", DRECHT, DRECHT_BRON,
  "de zeven Drechtsteden voeren Participatiewet, schuldhulp en Wmo-maatwerk samen uit", peil=CHECKED, check=DRECHT_CHECK,
  hoe="Bel of mail uw gemeente en vraag naar Werk en Inkomen. Dat regelen de Drechtsteden samen.")
R("sh-drechtsteden", "schuldhulp", "Schuldhulp van de Drechtsteden (GR Sociaal Drechtsteden)", DRECHT, DRECHT_BRON,
  None, peil=CHECKED, check=DRECHT_CHECK,
  hoe="Bel of mail uw gemeente en vraag naar schuldhulp. Dat regelen de Drechtsteden samen.")
WIL = ["Houten", "IJsselstein", "Lopik", "Nieuwegein"]
WIL_BRON = ("https://www.wil-lekstroom.nl/over-wil/regelgeving-en-verordeningen (WIL is de regionale sociale dienst voor Houten, "
            "IJsselstein, Lopik en Nieuwegein; bellen ma-vr 8.30-17.00 uur); https://www.wil-lekstroom.nl/over-wil/dienstverlening "
            "(Participatiewet, bijzondere bijstand, Wet gemeentelijke schuldhulpverlening); houten.nl (intake bij WIL in Nieuwegein)")
R("wi-wil-lekstroom", "werk-inkomen", "Werk en Inkomen Lekstroom (WIL)", WIL, WIL_BRON, None,
  org="Werk en Inkomen Lekstroom (WIL)", website="https://www.wil-lekstroom.nl", peil=CHECKED,
  hoe="Neem contact op met Werk en Inkomen Lekstroom (WIL), op werkdagen van 8.30 tot 17.00 uur. Het telefoonnummer staat op wil-lekstroom.nl.")
R("sh-wil-lekstroom", "schuldhulp", "Schuldhulp via Werk en Inkomen Lekstroom (WIL)", WIL, WIL_BRON, None,
  org="Werk en Inkomen Lekstroom (WIL)", website="https://www.wil-lekstroom.nl", peil=CHECKED,
  hoe="Neem contact op met Werk en Inkomen Lekstroom (WIL) en vraag naar schuldhulp. Het telefoonnummer staat op wil-lekstroom.nl.")
R("wi-ferm-werk", "werk-inkomen", "Ferm Werk", ["Bodegraven-Reeuwijk", "Montfoort", "Oudewater", "Woerden"],
  "https://fermwerk.nl/uw-inkomen/uw-uitkering/participatiewet (bijstandsuitkering voor inwoners van Woerden, Bodegraven-Reeuwijk, "
  "Montfoort en Oudewater); sdg.rijksoverheid.nl (gemeente Bodegraven-Reeuwijk: bijzondere bijstand bij Ferm Werk); "
  "rtvmiddenholland.nl (Ferm Werk voert voor de vier gemeenten de bijstand uit)", None,
  org="Ferm Werk", website="https://www.fermwerk.nl", peil=CHECKED,
  hoe="Vraag bijstand aan bij Ferm Werk. Op fermwerk.nl staat hoe, en hoe u Ferm Werk bereikt.")
R("wi-laborijn", "werk-inkomen", "Laborijn", ["Aalten", "Doetinchem"],
  "https://www.laborijn.nl/checklist ('Bent u inwoner van Aalten of Doetinchem? ... Dan kunt u een uitkering aanvragen'); "
  "rtvslingeland.nl 2021-02-25 (sociale dienst Laborijn voor Doetinchem en Aalten)",
  "issue 10 noemt ook Oost Gelre en Winterswijk; de gevonden bronnen noemen alleen Aalten en Doetinchem",
  org="Laborijn", website="https://www.laborijn.nl", peil=CHECKED,
  check="Oost Gelre en Winterswijk (genoemd in issue 10) niet bevestigd; daarom niet ingedeeld",
  hoe="Vraag een uitkering aan bij Laborijn, de sociale dienst. Op laborijn.nl staat hoe.")
ISD = ["Hillegom", "Lisse", "Noordwijk", "Teylingen"]
R("wi-isd-bollenstreek", "werk-inkomen", "ISD Bollenstreek (Intergemeentelijke Sociale Dienst)", ISD,
  "https://isdbollenstreek.nl (bijzondere bijstand en noodfonds; schulddienstverlening voor Hillegom, Lisse, Noordwijk en Teylingen); "
  "rd.nl 2018-01 (ISD voert sociale zekerheid en Wmo uit voor Hillegom, Lisse, Noordwijk(erhout) en Teylingen)", None,
  org="ISD Bollenstreek", website="https://isdbollenstreek.nl", peil=CHECKED,
  hoe="Neem contact op met de ISD Bollenstreek in Lisse. Op isdbollenstreek.nl staat hoe.")
R("sh-isd-bollenstreek", "schuldhulp", "Schulddienstverlening ISD Bollenstreek", ISD,
  "https://isdbollenstreek.nl/Schulden/Schulden/Schulden (inwoners van Hillegom, Lisse, Noordwijk en Teylingen kunnen voor "
  "schulddienstverlening terecht bij de ISD Bollenstreek; gratis adviesgesprek)", None,
  org="ISD Bollenstreek", website="https://isdbollenstreek.nl", peil=CHECKED,
  hoe="Vraag bij de ISD Bollenstreek een gratis adviesgesprek over geld en schulden aan. Op isdbollenstreek.nl staat hoe.")
RDWI = ["Bunnik", "De Bilt", "Utrechtse Heuvelrug", "Wijk bij Duurstede", "Zeist"]
RDWI_BRON = ("https://lokaleregelgeving.overheid.nl/CVDR743404/1 (Beleidsplan Schulddienstverlening & Budgetbeheer 2025-2027 van de "
             "Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug: De Bilt, Bunnik, Utrechtse Heuvelrug, Wijk bij Duurstede en Zeist)")
R("sh-rdwi", "schuldhulp", "Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug (RDWI)", RDWI, RDWI_BRON, None,
  org="Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug (RDWI)", peil=CHECKED,
  check="website en telefoon van de RDWI niet gevonden",
  hoe="Bel of mail uw gemeente en vraag naar schuldhulp. De RDWI doet dit voor de gemeente.")
R("wi-rdwi", "werk-inkomen", "Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug (RDWI)", RDWI, RDWI_BRON,
  "de bron gaat over schulddienstverlening; dat de RDWI ook de bijstand uitvoert volgt uit de naam en is niet apart nagegaan",
  org="Regionale Dienst Werk en Inkomen Kromme Rijn Heuvelrug (RDWI)", peil=CHECKED,
  check="uitvoering van de Participatiewet door de RDWI niet apart bevestigd; website en telefoon niet gevonden",
  hoe="Bel of mail uw gemeente en vraag naar Werk en Inkomen. De RDWI doet dit voor de gemeente.")

head_r = OrderedDict([
    ("bron", "zie per regio; overzicht en werkwijze in data/routing/sources/README.md"),
    ("peildatum", "2026-12-06"),
    ("regions", regions),
])

for path, obj in ((OUT / "gemeenten.yml", head_g), (OUT / "regions.yml", head_r)):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by data/routing/sources/convert_gemeenten.py; edit the script or its sources, not this file.\n")
        yaml.dump(obj, f, Dumper=D, allow_unicode=True, sort_keys=False, width=120)
print("gemeenten", len(gem), "regions", len(regions))
print("zorgkantoor unplaced:", sorted(zk_unplaced))
