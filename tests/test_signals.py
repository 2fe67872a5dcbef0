"""Crisis, urgency and route-changing facts read from the text itself."""
import pytest

from bot.nlu.signals import age, crisis_need, facts, implied_needs, switched_need


@pytest.mark.parametrize("text, need", [
    ("Ik wil niet meer leven, alles is zinloos", "suicidaal"),
    ("soms denk ik dat iedereen beter af is zonder mij", "suicidaal"),
    ("Ik heb een vraag over huurtoeslag. Eerlijk gezegd denk ik ook aan zelfmoord.", "suicidaal"),
    ("ik wil er gewoon niet meer zijn", "suicidaal"),
    ("Mijn vriend slaat me als hij gedronken heeft", "huiselijk_geweld"),
    ("We zoeken dagbesteding voor mijn vader. Mijn moeder wordt thuis door hem geslagen.", "huiselijk_geweld"),
    ("de kinderen van de overburen hebben steeds blauwe plekken", "huiselijk_geweld"),
    ("Mijn opa ligt op de grond en reageert niet meer", "levensgevaar"),
    ("Help er is brand in de flat", "levensgevaar"),
    ("Suïcide", "suicidaal"),
    ("Ik zit met een vraag over de WW. Ik heb al weken slaappillen opgespaard.", "suicidaal"),
    ("ik ben bang dat ik mezelf iets aandoe", "suicidaal"),
    ("het zou voor iedereen makkelijker zijn als ik er niet meer was", "suicidaal"),
    ("Ik durf het niemand te zeggen maar hij slaat en schopt. Ik weet dat hij me slaat omdat hij boos is.", "huiselijk_geweld"),
    ("Mijn ex dreigt me iets aan te doen als ik de kinderen meeneem", "huiselijk_geweld"),
    ("mijn buurman loopt met een bijl rond en roept dat hij ons gaat afmaken", "levensgevaar"),
    ("mijn zoon heeft een potje paracetamol ingenomen", "levensgevaar"),
    ("Vraag over mijn toeslag, maar ik heb nu ineens pijn op de borst", "levensgevaar"),
    ("mijn man reageert niet meer en ademt raar", "levensgevaar"),
    # inverted word order and filler words
    ("Mijn hulp stopt, en eigenlijk wil ik er gewoon niet meer zijn", "suicidaal"),
    ("soms wil ik echt niet meer leven", "suicidaal"),
    ("eigenlijk wil ik gewoon dood", "suicidaal"),
    ("ik heb pillen klaarliggen", "suicidaal"),
    ("ik sta op het dak en wil springen", "suicidaal"),
    ("mijn dochter snijdt zichzelf", "suicidaal"),
    ("mijn zoon zegt dat hij zich wil ophangen", "suicidaal"),
    ("hij heeft me gisteren weer in elkaar geslagen", "huiselijk_geweld"),
    ("ik word thuis elke dag uitgescholden en geslagen", "huiselijk_geweld"),
    ("mijn partner sluit me op in huis", "huiselijk_geweld"),
    ("my husband beats me", "huiselijk_geweld"),
    # stroke signs told one by one, after a question about something else
    ("Vraag over de thuiszorg. Mijn vader is sinds een kwartier verward en zijn mondhoek hangt", "levensgevaar"),
    ("ze praat sinds tien minuten ineens onduidelijk en kan haar linkerarm niet meer optillen", "levensgevaar"),
    # a lethal amount, a painless way, a wish to be with someone who died
    ("vanaf hoeveel slaaptabletten is het dodelijk?", "suicidaal"),
    ("wat is een dodelijke dosis insuline", "suicidaal"),
    ("ik zoek de makkelijkste manier om er een eind aan te maken", "suicidaal"),
    ("sinds mijn man is overleden hoeft het voor mij allemaal niet meer", "suicidaal"),
    ("mijn dochter is vorig jaar gestorven en ik wil alleen nog maar bij haar zijn", "suicidaal"),
])
def test_crisis_found_anywhere(text, need):
    assert crisis_need(text) == need


@pytest.mark.parametrize("text", [
    "Ik wil een brandverzekering afsluiten",
    "Mijn moeder kan niet meer zelf douchen",
    "ik heb schulden en de deurwaarder komt",
    "hoe vraag ik een paspoort aan",
    "mijn zoon slaat over en toe een les over",
    "de verhuurder dreigt ons uit huis te zetten",
    "het energiebedrijf dreigt ons af te sluiten",
    "mijn vorige werkgever reageert niet meer op mijn mails",
    "het pensioenfonds reageert niet",
    "mijn vader heeft vorig jaar een beroerte gehad en kan nu niet meer traplopen",
    "mijn man is overleden aan een hartaanval, hoe zit het met het nabestaandenpensioen",
    "ik word van het kastje naar de muur gestuurd en heen en weer geschopt tussen instanties",
    "de chemo slaat me helemaal plat",
    "wij willen dood hout laten ophalen door de gemeente",
    "de plant wil maar niet groeien, is hij dood",
    "de kinderen springen graag van de glijbaan",
    "ik word van het ene loket naar het andere gestuurd",
    "mijn moeder had vorig jaar een beroerte, haar mond hangt nog wat scheef; kan ze thuiszorg krijgen?",
    "mijn vader kan zijn arm niet meer optillen sinds zijn schouderoperatie, wie helpt met douchen?",
    "hoeveel paracetamol mag ik per dag nemen?",
    "hoeveel chocolade is dodelijk voor een hond?",
    "mijn oma is overleden en ik wil bij haar begrafenis zijn, krijg ik vrij van school?",
])
def test_no_false_alarm(text):
    assert crisis_need(text) is None


@pytest.mark.parametrize("text, years", [
    ("Oma (91) valt steeds", 91),
    ("mijn zoon van 7 heeft adhd", 7),
    ("Ik ben 23 en heb geen huis", 23),
    ("een 16-jarige die niet naar school gaat", 16),
    ("mijn moeder is 84 jaar", 84),
    ("ik heb 3 kinderen", None),
    ("Mijn zoon is 22 en heeft een licht verstandelijke beperking", 22),
    ("mijn man is 3 keer gevallen", None),
    # a duration is not an age; the age said beside it is
    ("Ik ben 71 en woon sinds 30 jaar in Nederland", 71),
    ("Ik woon pas 12 jaar in Nederland en ben 68", 68),
    ("Ik heb 35 jaar gewerkt, ben 62 en mijn baan stopt", 62),
    ("Ben 70 en krijg maar een deel van de AOW", 70),
    ("al 4 jaar mantelzorger voor mijn moeder", None),
])
def test_age(text, years):
    assert age(text) == years


def test_facts_that_change_a_route():
    f = facts("Mijn vader heeft een Wlz-indicatie en woont in een verpleeghuis")
    assert f.wlz_indicatie and f.woont_in_instelling
    assert facts("ik woon alleen sinds mijn man overleed").woont_alleen
    assert facts("mijn moeder heeft een pgb").pgb
    assert not facts("we moeten een wlz-indicatie aanvragen zegt de zorgaanbieder").wlz_indicatie


@pytest.mark.parametrize("text, flag, present", [
    ("mijn broer heeft sinds kort een wlz-indicatie", "wlz_indicatie", True),
    ("heeft mijn vader een wlz-indicatie nodig?", "wlz_indicatie", False),
    ("hij heeft nog geen wlz-indicatie", "wlz_indicatie", False),
    ("we hebben een wlz-indicatie aangevraagd", "wlz_indicatie", False),
    ("mijn dochter heeft een psychische stoornis en wast zich niet", "psychische_problemen", True),
    ("hij is depressief en komt zijn bed niet uit", "psychische_problemen", True),
    ("mijn moeder is dement en kan zich niet meer wassen", "psychische_problemen", False),
    ("ik heb mijn pols gebroken en kan niet koken", "tijdelijk", True),
    ("na mijn operatie heb ik voor een paar weken krukken nodig", "tijdelijk", True),
    ("waar kan ik een rolstoel lenen", "tijdelijk", True),
    ("mijn vader zit al jaren in een rolstoel en wil een scootmobiel", "tijdelijk", False),
    ("ik wil klagen over de jeugdzorg van mijn dochter", "jeugdhulp", True),
    ("de gezinsvoogd luistert niet naar ons", "jeugdhulp", True),
    ("ik heb een klacht over de thuiszorg van mijn moeder", "jeugdhulp", False),
    # written around the fact, with words between the verb and the place or the indication
    ("oma woont al drie jaar in het verzorgingshuis en de rekening is hoog", "woont_in_instelling", True),
    ("opa is vorige maand naar een verpleeghuis verhuisd", "woont_in_instelling", True),
    ("mijn tante woont niet in een verpleeghuis maar bij ons", "woont_in_instelling", False),
    ("mijn oom heeft sinds het voorjaar een wlz-indicatie", "wlz_indicatie", True),
    ("hij kreeg in maart een indicatie van het CIZ voor de gehandicaptenzorg", "wlz_indicatie", True),
    ("het besluit van het CIZ is binnen, wat nu", "wlz_indicatie", True),
    ("moet mijn vader een indicatie van het CIZ aanvragen", "wlz_indicatie", False),
    ("de oppas van mijn zoon wordt betaald uit zijn jeugd-pgb", "jeugdhulp", True),
    ("het budget vanuit de Jeugdwet is niet uitbetaald", "jeugdhulp", True),
    ("mijn vader krijgt een pgb van de gemeente", "jeugdhulp", False),
])
def test_flags_that_change_a_route(text, flag, present):
    assert bool(getattr(facts(text), flag)) is present


@pytest.mark.parametrize("text", [
    "Ik heb mijn enkel gebroken en kan niet meer schoonmaken",
    "De huishoudelijke hulp is ineens gestopt",
    "volgende week worden we uit huis gezet",
    "ik slaap vannacht op straat",
    "ik heb geen enkel inkomen meer",
    "ik zorg voor mijn man en ik kan niet meer",
])
def test_urgency(text):
    assert facts(text).spoed


def test_no_urgency_in_a_calm_question():
    assert not facts("Hoe vraag ik een traplift aan voor later?").spoed


@pytest.mark.parametrize("text", ["nu dreigt de energiemaatschappij ons af te sluiten",
                                  "Het gaat thuis zo echt niet meer.",
                                  "Mijn moeder is vanochtend in het ziekenhuis opgenomen, zij zorgde voor mijn vader"])
def test_urgent_as_principle_8_says(text):
    from bot.nlu.signals import facts

    assert facts(text).spoed


def test_a_stay_long_ago_is_not_urgent():
    from bot.nlu.signals import facts

    assert not facts("mijn vader is vorig jaar opgenomen in een verpleeghuis").spoed


@pytest.mark.parametrize("text, need", [
    ("sinds de operatie staan we elke maand rood en de creditcard zit vol", "schulden"),
    ("het incassobureau belt elke dag", "schulden"),
    ("ik durf de post al een maand niet open te maken", "schulden"),
    ("ze dreigen het gas af te sluiten", "schulden"),
    ("sinds de winkel dicht is komt er niks meer binnen", "bijstand"),
    ("waar moeten we nu van leven?", "bijstand"),
    ("zijn uitkering is vorige maand stopgezet", "bijstand"),
    ("we halen eten bij de voedselbank", "bijstand"),
    ("de huur van oktober en november is niet betaald", "huurachterstand"),
    ("we staan drie maanden achter met de huur", "huurachterstand"),
    ("mijn oudste van 9 slaat zijn zusje de laatste tijd", "opvoeden"),
    ("hij heeft van alles op afbetaling gekocht", "schulden"),
    ("haar loon was het enige dat binnenkwam", "bijstand"),
    ("de verhuurder belt omdat de huur niet binnen is", "huurachterstand"),
    ("de woningcorporatie wil dat ik eerst de achterstand wegwerk", "huurachterstand"),
    ("er is vaak geen schoon ondergoed voor de kinderen", "opvoeden"),
    ("we hebben sinds de zomer geen gasrekening meer betaald", "schulden"),
    ("de energierekening kan ik al twee maanden niet betalen", "schulden"),
    ("mijn mobiel is afgesloten", "schulden"),
    ("er liggen rekeningen van een webshop die nooit betaald zijn", "schulden"),
    ("vorige week stond de deurwaarder voor de deur", "schulden"),
    ("hij heeft 12.000 euro schuld bij vrienden", "schulden"),
    ("ik leen elke maand geld van mijn broer om rond te komen", "schulden"),
    ("de corporatie stapt naar de kantonrechter", "huurachterstand"),
    ("de verhuurder heeft al drie keer gebeld", "huurachterstand"),
    ("sinds de zomer gaat mijn zoon niet meer naar school", "thuiszitter"),
])
def test_a_problem_told_without_its_name(text, need):
    assert need in implied_needs(text)


@pytest.mark.parametrize("text", [
    "ik kan de huur volgende maand misschien niet betalen",  # a worry about income, no arrears yet
    "kan ik de eigen bijdrage betalen in termijnen",
    "ik heb een vraag over mijn pensioen",
    "hoeveel jaar WW krijg ik",
    "ik betaal de huur elke maand netjes, maar de verwarming is kapot",
    "mijn kinderen krijgen brood mee naar school, mag dat ook in de opvang?",
    "het is niet mijn schuld dat de rolstoel kapot is",  # guilt, not debt
    "kan ik een lening krijgen voor een scootmobiel of moet ik hem huren?",
])
def test_no_hidden_problem_in_an_ordinary_question(text):
    assert implied_needs(text) == []


@pytest.mark.parametrize("text", [
    "mijn moeder heeft een wlz-indicatie maar die past niet meer bij wat ze nu nodig heeft",
    "moet er een herindicatie komen nu mijn vader veel meer zorg nodig heeft?",
    "hoe vraag ik een zwaardere indicatie aan voor mijn zus in de woonvorm",
    "oma moet naar een verpleeghuis, maar ze heeft nog geen indicatie. gaat dat via het zorgkantoor?",
    "mijn zus heeft veel meer zorg nodig dan in haar indicatie staat, wie kan die aanpassen?",
])
def test_a_new_wlz_indication_is_a_question_for_the_ciz(text):
    assert switched_need("wlz_zorg", text) == ("wlz_aanvragen", ("wlz_indicatie",))
    assert facts(text, ("wlz_indicatie",)).wlz_indicatie is None


def test_wlz_care_without_a_new_indication_stays():
    assert switched_need("wlz_zorg", "mijn vader heeft een wlz-indicatie en staat op de wachtlijst voor een verpleeghuis") == (None, ())
    assert switched_need("huishoudelijke_hulp", "de indicatie past niet meer") == (None, ())


@pytest.mark.parametrize("text", [
    "ik ben vorige maand ontslagen en heb nu niks, moet ik bijstand aanvragen?",
    "mijn contract wordt in maart niet verlengd, kan ik dan een uitkering krijgen",
    "my contract ends next month, can I get money?",
])
def test_just_dismissed_asks_the_uwv_first(text):
    assert switched_need("bijstand", text) == ("ww", ())


@pytest.mark.parametrize("text", [
    "mijn eenmanszaak is failliet, ik ben mijn klanten kwijt en heb geen inkomen",
    "ik ben ontslagen maar mijn ww is al afgelopen, hoe vraag ik bijstand aan",
    "mijn contract stopte maar voor ww heb ik te kort gewerkt",
])
def test_bijstand_stays_for_the_self_employed_and_after_the_ww(text):
    assert switched_need("bijstand", text) == (None, ())


@pytest.mark.parametrize("main, text, to", [
    ("bijzondere_bijstand", "de kinderopvang kost 900 euro per maand, kan de gemeente dat betalen?", "toeslagen"),
    ("bijzondere_bijstand", "ik verdien weinig en de zorgpremie is te hoog, kan de gemeente helpen?", "toeslagen"),
    ("bijzondere_bijstand", "iemand zei dat er hulp is voor de huur, moet ik bij de gemeente zijn?", "toeslagen"),
    ("kinderbijslag", "moet ik kindgebonden budget apart aanvragen?", "toeslagen"),
    ("toeslagen", "mijn bril is kapot en ik krijg al zorgtoeslag en huurtoeslag, wie helpt?", "bijzondere_bijstand"),
    ("toeslagen", "ik krijg een brief van het waterschap en kan die niet betalen, is daar toeslag voor?", "kwijtschelding"),
    # rounds r23/r24 (tuned on)
    ("kinderbijslag", "mijn vriend is vertrokken en nu heb ik alleen nog de kinderbijslag", "bijstand"),
    ("bijstand", "ik heb een bijstandsuitkering, kan ik ook zorgtoeslag aanvragen?", "toeslagen"),
    ("woningaanpassing", "mijn huis aanpassen gaat niet, ik heb echt een gelijkvloerse woning nodig", "woning_urgentie"),
    ("bijstand", "ik ben 16 en gestopt met school, krijg ik nu geld?", "thuiszitter"),
    ("verward_gedrag", "mijn oma vergeet steeds alles en liet gisteren het gas branden", "dementie"),
    ("verward_gedrag", "mijn moeder van 81 is sinds kort erg verward en ziet dingen die er niet zijn", "dementie"),
    # rounds r25/r26 (tuned on)
    ("ziektewet", "het bedrijf heeft geen werk meer voor mij, krijg ik nu een uitkering?", "ww"),
    ("nabestaanden", "wij zijn net in nederland, hoe krijgen we geld voor onze kinderen?", "kinderbijslag"),
    ("wlz_zorg", "mijn vader heeft een wlz-pgb maar zijn verzorger wacht al twee maanden op zijn loon", "pgb_betaling"),
    ("begeleiding", "zelfstandig wonen lukt haar niet, ze heeft een plek nodig waar altijd iemand is", "beschermd_wonen"),
    ("toeslagen", "ik krijg huurtoeslag maar mijn tandartsrekening is te hoog, kan ik extra toeslag krijgen?", "bijzondere_bijstand"),
])
def test_the_question_switches_the_door(main, text, to):
    """The classifier read the topic, these signs (implied.yml ``switches``) the question."""
    assert switched_need(main, text) == (to, ())


@pytest.mark.parametrize("main, text", [
    # already a toeslag for it: the extra cost is a question for the municipality
    ("bijzondere_bijstand", "ik krijg al huurtoeslag maar de huur is nog te hoog, kan de gemeente helpen?"),
    ("bijzondere_bijstand", "mijn wasmachine is kapot en ik kan geen nieuwe betalen"),
    ("toeslagen", "ik krijg al zorgtoeslag, moet ik die doorgeven als ik ga samenwonen?"),
    ("kinderbijslag", "krijg ik kinderbijslag als mijn zoon 16 wordt?"),
    ("bijstand", "ik wil bijstand aanvragen en ik heb al huurtoeslag"),
    ("woningaanpassing", "kan de gemeente een traplift in mijn huis plaatsen?"),
    ("bijstand", "ik ben 23 en gestopt met mijn opleiding, kan ik bijstand krijgen?"),
    ("persoonlijke_verzorging", "hoe regel ik wijkverpleging en telt die mee voor het eigen risico?"),
    ("persoonlijke_verzorging", "wie komt mijn wond verbinden, en gaat dat van mijn eigen risico af?"),
    ("verward_gedrag", "de buurman van 75 is in de war en loopt 's nachts op straat"),
    ("verward_gedrag", "mijn broer is psychotisch en ziet dingen die er niet zijn"),
    ("persoonlijke_verzorging", "kan de wijkverpleging mijn steunkousen aantrekken en telt dat voor het eigen risico?"),
    ("ziektewet", "ik ben ziek en mijn contract is afgelopen, wat nu?"),
    ("ziektewet", "ik heb een hernia, kan niet werken en mijn contract stopt"),
    ("nabestaanden", "mijn man is overleden, krijg ik geld voor de kinderen?"),
])
def test_the_door_stays_without_the_sign(main, text):
    assert switched_need(main, text) == (None, ())
