"""Word senses, doers of harm, and the scope of negation, on sentences written for them."""

from __future__ import annotations

import pytest

from communique.events.matching import names_a_score


def _types(code_text, text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.cameo) for e in code_text(text).events
            if not e.negated and not e.hypothetical]


def _has(code_text, text: str, event_type: str) -> bool:
    return any(t == event_type for t, _ in _types(code_text, text))


def _accusations(code_text, text: str) -> list:
    return [e for e in code_text(text).events if e.event_type == "ACCUSE"]


def _codes(actors) -> set[str]:
    return {a.code for a in actors}


@pytest.mark.parametrize(("text", "event_type"), [
    ("The army carried out surgical strikes across the frontier on Tuesday.", "ASSAULT"),
    ("Israeli strikes on the southern town killed four people.", "ASSAULT"),
    ("Saturday's deadly strike destroyed a school in the province.", "ASSAULT"),
    ("Teachers began a general strike over unpaid wages.", "PROTEST"),
    ("The union called a strike over pay on Monday.", "PROTEST"),
    ("The foreign ministry lodged a strong protest with the Japanese embassy.", "ACCUSE"),
    ("Beijing issued a strongly worded protest to Manila over the collision.", "ACCUSE"),
    ("Thousands of students staged a protest outside parliament.", "PROTEST"),
    ("Police captured two suspected smugglers near the border.", "COERCE"),
    ("The president warned Iran against any attack on shipping.", "THREATEN"),
    ("Government troops engaged the rebels near the town.", "ASSAULT"),
    ("Russia suspended flights to Georgia.", "SANCTION"),
    ("Police dispersed the protesters with tear gas.", "ASSAULT"),
    ("Protesters demonstrated outside the ministry.", "PROTEST"),
    ("Rebels fought government troops for control of the pass.", "ASSAULT"),
    ("Fans clashed with police after the match in the capital.", "ASSAULT"),
    ("Gunmen attacked the team bus before the cup match.", "ASSAULT"),
    ("Government forces battled rebels near the town.", "ASSAULT"),
    ("Hackers launched DDoS attacks on the bank's website.", "ASSAULT"),
    ("Rebels attacked the town, sowing the seeds of a new war.", "ASSAULT"),
    ("The laureate, who won the peace prize in 2014, was attacked by masked men.", "ASSAULT"),
    ("Artillery bombarded the city for a third day.", "ASSAULT"),
    ("Workers gathered outside the factory gates to demand unpaid wages.", "PROTEST"),
    ("Russian troops evacuated the town on Friday.", "RETREAT"),
    ("The United States evacuated its embassy in the capital.", "RETREAT"),
    ("The presidents of Kenya and Uganda spoke by phone on Monday.", "CONSULT"),
    ("The United States pressed Israel to allow more aid into Gaza.", "REQUEST"),
    ("The rebels released twelve hostages on Sunday.", "RETREAT"),
    ("The government banned the opposition party.", "COERCE"),
    ("Authorities closed the border crossing.", "COERCE"),
    ("Germany paid reparations to the victims.", "RETREAT"),
    ("Militants targeted a police convoy near the border.", "ASSAULT"),
    ("Riot police stopped the march and arrested two organisers.", "COERCE"),
    ("Officers broke up the rally outside the embassy.", "COERCE"),
    ("Mutinous soldiers took over the state broadcaster at dawn.", "COERCE"),
    ("Insurgents took control of the district after two days of fighting.", "ASSAULT"),
    ("The bloc renewed its call to the junta to free all detained journalists.", "REQUEST"),
    ("Dock workers held rolling strikes after the talks on wages broke down.", "PROTEST"),
    ("Their truck hit a mine on the road to the village.", "ASSAULT"),
    ("A shepherd stepped on a landmine near the frontier.", "ASSAULT"),
    ("Rebels planted mines along the road to the capital.", "ASSAULT"),
    ("Students staged a sit-in at the ministry on Monday.", "PROTEST"),
    ("Japan reaffirmed its commitment to the defence of the Philippines.", "AGREE"),
    ("The army sent troops to the district after villagers reported rebels nearby.", "MOBILIZE"),
    ("Germany sent air-defence missiles to Ukraine in March.", "AID"),
    ("Russia reinforced its positions near the border.", "MOBILIZE"),
    ("The strike by 9,000 miners has paralysed tin production in the region.", "PROTEST"),
    ("A national seamen's strike continued at the main ports.", "PROTEST"),
    ("Members of the food workers union struck the company's processing plant at midnight.", "PROTEST"),
    ("He hit out at the club's decision on Friday.", "ACCUSE"),
    ("Troops fired on the crowd, killing two protesters.", "ASSAULT"),
    ("Baker's weekend blast at the central bank for raising interest rates unsettled markets.", "ACCUSE"),
    ("Thousands of opposition supporters rallied in the capital on Sunday.", "PROTEST"),
    ("Rebels struck the convoy near the border after ambushing a patrol.", "ASSAULT"),
    ("Dockers' union leaders rejected the offer. The strike went into its second week.", "PROTEST"),
])
def test_sense_chosen_by_evidence(code_text, text: str, event_type: str) -> None:
    assert _has(code_text, text, event_type), _types(code_text, text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("The foreign ministry lodged a strong protest with the Japanese embassy.", "PROTEST"),
    ("A camera on the drone captured footage of the flooded valley.", "COERCE"),
    ("The opposition seized the opportunity to renew its calls for an election.", "COERCE"),
    ("The minister spoke to reporters on a conference call from Geneva.", "REQUEST"),
    ("I am leaving on a visit to China tomorrow, the prime minister said.", "SANCTION"),
    ("Forecasters warned of heavy rain and flooding along the coast.", "THREATEN"),
    ("Firefighters battled the blaze through the night.", "ASSAULT"),
    ("Angry crowds gathered on the shore as divers searched the wreck.", "PROTEST"),
    ("The disaster demonstrated the need for better warning systems.", "PROTEST"),
    ("Soldiers engaged in rescue work across the province.", "ASSAULT"),
    ("Airlines suspended flights as the typhoon approached.", "SANCTION"),
    ("The smoke dispersed by evening.", "ASSAULT"),
    ("A lightning strike started the fire.", "ASSAULT"),
    ("The team beat the record set in 2007.", "ASSAULT"),
    ("Rescue teams fought through the night to free trapped miners.", "ASSAULT"),
    ("Reviewers praised the battery life of the new phone.", "CONSULT"),
    ("The company unveiled its software at its annual developer conference.", "CONSULT"),
    ("You can press the button to start the recording.", "REQUEST"),
    ("The plan lets developers add the feature to their apps.", "CONCEDE"),
    ("The leak caused a release of toxic gas.", "RETREAT"),
    ("The studio will release the film in May.", "RETREAT"),
    ("Disagreements among the mediators prevent progress on the treaty.", "COERCE"),
    ("Iraq hosts 2,500 American troops.", "CONSULT"),
    ("The zone is where the borders of Niger, Burkina Faso and Mali converge.", "PROTEST"),
    ("Relief efforts targeted the worst-hit districts.", "ASSAULT"),
    ("The army executed a rescue operation in the flooded valley.", "ASSAULT"),
    ("Riot police stopped the march and arrested two organisers.", "PROTEST"),
    ("The retailer took over a rival chain last year.", "COERCE"),
    ("The bloc renewed its call to the junta to free all detained journalists.", "RETREAT"),
    ("The minister received a call from his counterpart.", "REQUEST"),
    ("The two sides were unable to agree on a ceasefire.", "AGREE"),
    ("He said he was unwilling to accept the results of the vote.", "AGREE"),
    ("The floods left hundreds dead, with the coastal provinces worst hit.", "ASSAULT"),
    ("Farmers in the north were hardest hit by the drought.", "ASSAULT"),
    ("The Sullivan mine at Kimberley produced two million tonnes of ore last year.", "ASSAULT"),
    ("Output at the company's copper mine rose by a tenth.", "ASSAULT"),
    ("Bank staff will vote next week on selective strikes over pay and pensions.", "ASSAULT"),
    ("Two pupils were hurt by flying glass as they sat in their classroom.", "PROTEST"),
    ("The raid underlines the determination of the police to end the smuggling.", "AGREE"),
    ("The campaign aims to reinforce to voters that every ballot counts.", "MOBILIZE"),
    ("When the pupils asked why the school was closed, the teacher said nothing.", "REQUEST"),
    ("She had also watched beheading videos online.", "ASSAULT"),
    ("The band played protest songs from the sixties.", "PROTEST"),
    ("The government hopes to strike a deal with its creditors next month.", "ASSAULT"),
    ("Temperatures hit an average maximum of 40.3 degrees, beating the 1972 record.", "ASSAULT"),
    ("Thierry Henry produced a sublime strike before the keeper could react.", "ASSAULT"),
    ("The number of broadband users has exploded over the past year.", "ASSAULT"),
    ("The easing of rules has caused an explosion of bond activity.", "ASSAULT"),
    ("Analysts said the rally in silver prices was fuelled by investors.", "PROTEST"),
    ("Dutch bonds rallied further this week as the guilder firmed.", "PROTEST"),
    ("The country's stubborn march toward higher interest rates worried traders.", "PROTEST"),
    ("Personal care products which are effective in killing viruses and bacteria were launched.", "ASSAULT"),
    ("Local officials said they expect major crop destruction.", "ASSAULT"),
    ("The bank fired the director of its mergers department on Monday.", "ASSAULT"),
    ("Ecuador suspended its crude oil exports due to an earthquake that damaged pumping installations.",
     "SANCTION"),
    ("A 24-hour strike by public employees disrupted transport and hit ferry services.", "ASSAULT"),
    ("A Cypriot oil tanker ran aground after hitting a tower near the port of Philadelphia.", "ASSAULT"),
    ("A Greek ferry hit a rock off the island of Paros.", "ASSAULT"),
    # contests in sport, awards, business and law
    ("Slovakia clinched the cup by beating Argentina 3-0 in the final.", "ASSAULT"),
    ("The visitors laid siege to the home line for most of the match.", "ASSAULT"),
    ("The film beat two rivals to the award for best drama.", "ASSAULT"),
    ("The striker shot wide from close range early in the cup tie.", "ASSAULT"),
    ("The full-back was sent off for killing the ball in the second half.", "ASSAULT"),
    ("The champion beat her rival 6-3 7-5 on Tuesday.", "ASSAULT"),
    ("The visitors were beaten 19-13 in Dublin.", "ASSAULT"),
    ("A rival exchange has joined the bid battle for the bourse.", "ASSAULT"),
    ("The airline is locked in a legal battle with its former chairman.", "ASSAULT"),
    ("The broadcaster fought off competition from two newspapers.", "ASSAULT"),
    ("The chain faces an uphill battle to win back customers.", "ASSAULT"),
    # computer crime told in general, pop-ups, control of machines and firms
    ("Phishing attacks boomed last year, security firms said.", "ASSAULT"),
    ("Malicious net attacks are rising, a study of home users found.", "ASSAULT"),
    ("The adware bombards users with pop-up adverts.", "ASSAULT"),
    ("An attacker could use the flaw to take control of unprotected machines.", "ASSAULT"),
    ("The chief executive has taken day-to-day control of the car business.", "ASSAULT"),
    ("Studios have stepped up efforts to fight DVD piracy.", "ASSAULT"),
    ("Experts warned of a growing hacker threat to online banks.", "THREATEN"),
    ("According to figures gathered by the survey firm, sales doubled.", "PROTEST"),
    ("The separatist movement has gathered strength in recent months.", "PROTEST"),
    ("Authorities ordered the evacuation of 10,000 people as the river rose.", "RETREAT"),
    ("Soldiers evacuated villagers from the flood zone by boat.", "RETREAT"),
])
def test_figures_and_other_senses_are_not_those_events(code_text, text: str, wrong: str) -> None:
    assert not _has(code_text, text, wrong), _types(code_text, text)


@pytest.mark.parametrize("text", [
    "A powerful earthquake killed at least 40 people in the mountain villages.",
    "Four people were injured when a gas tank at the plant exploded.",
    "The storm destroyed hundreds of homes along the coast.",
    "A quake hit the region shortly after midnight.",
    "The bus plunged into a ravine, killing 20 people.",
    "A chlorine gas leak at the plant killed three workers and injured dozens.",
    "Rising waters threatened thousands of homes along the river.",
    "Residents were ordered to evacuate as the fire threatened the town.",
    "Authorities warned residents to stay indoors.",
    "At least 47 people were killed in a fireworks factory explosion.",
    "The airliner crashed into a mountain shortly after take-off, killing all 120 on board.",
    "Hailstorms and strong winds killed two people and injured twenty in the south.",
    "The judge ruled on the crash of a Boeing 747 which killed 520 people near Tokyo.",
    "The contact list was plundered by the worm, which then mailed itself to everyone.",
    "Disaster struck the Indian space programme today.",
    # a closure or a ban in a disaster report tells of no attack behind its deaths
    "Heavy rain lashed the province on Monday. Schools were closed and at least 12 people were killed.",
    "The refinery was shut after a fire in the hydrocracker. Two workers were killed.",
])
def test_harm_with_no_doer_is_no_event(code_text, text: str) -> None:
    assert not any(t in ("ASSAULT", "THREATEN", "RETREAT") for t, _ in _types(code_text, text)), \
        _types(code_text, text)


@pytest.mark.parametrize("text", [
    "Gunmen killed five villagers in the north on Sunday.",
    "A roadside bomb exploded near the convoy, killing two soldiers.",
    "Three people were killed in an attack on a market.",
    "Militants stormed the base at dawn. Twelve soldiers were killed.",
])
def test_harm_by_someone_or_in_an_attack_is_an_event(code_text, text: str) -> None:
    assert _has(code_text, text, "ASSAULT"), _types(code_text, text)


def test_negation_stays_in_its_clause(code_text) -> None:
    events = code_text("A truce was not part of the deal, and the army killed nine rebels.").events
    killing = [e for e in events if e.event_type == "ASSAULT"]
    assert killing and not killing[0].negated


def test_negation_covers_a_coordinated_verb(code_text) -> None:
    events = code_text("The rebels did not attack the town or seize the bridge.").events
    assert events and all(e.negated for e in events if e.event_type in ("ASSAULT", "COERCE"))


@pytest.mark.parametrize("text", [
    "Reports of shelling near the border are an absolute lie.",
    "The claim that troops fired on the crowd is baseless.",
])
def test_an_event_called_false_is_negated(code_text, text: str) -> None:
    events = [e for e in code_text(text).events if e.event_type == "ASSAULT"]
    assert events and all(e.negated for e in events)


@pytest.mark.parametrize(("text", "recipient"), [
    ("Moscow called the British expulsions a hostile and unacceptable act.", "GBR"),
    ("Iran branded the American sanctions an act of economic terrorism.", "USA"),
    ("Tehran called the American sanctions an act of economic terrorism.", "USA"),
    ("China described the Japanese move as a provocation.", "JPN"),
    ("Beijing called the American report a pack of lies.", "USA"),
])
def test_calling_an_act_a_wrong_is_an_accusation(code_text, text: str, recipient: str) -> None:
    events = _accusations(code_text, text)
    assert events and events[0].cameo == "111"
    assert recipient in _codes(events[0].recipient)


@pytest.mark.parametrize(("text", "recipient"), [
    ("Russia said the British expulsions were unacceptable.", "GBR"),
    ("China said the American sanctions were illegal.", "USA"),
])
def test_saying_an_act_is_a_wrong_is_an_accusation(code_text, text: str, recipient: str) -> None:
    events = _accusations(code_text, text)
    assert events and recipient in _codes(events[0].recipient)


@pytest.mark.parametrize("text", [
    "Russia said the talks were constructive.",
    "The minister said this was unacceptable.",
    "His lawyers said he was unaware of the fraud.",
])
def test_saying_something_else_is_no_accusation(code_text, text: str) -> None:
    assert not _has(code_text, text, "ACCUSE")


@pytest.mark.parametrize("text", [
    "China described the Japanese visit as historic.",
    "Moscow called the talks with France constructive.",
    "The couple called their son Hawar.",
])
def test_calling_something_a_good_thing_or_a_name_is_no_accusation(code_text, text: str) -> None:
    assert not _has(code_text, text, "ACCUSE")


@pytest.mark.parametrize("text", [
    "The chancellor is considering visiting Beijing next month.",
    "Washington is weighing imposing new sanctions on Tehran.",
])
def test_an_act_someone_is_weighing_is_hypothetical(code_text, text: str) -> None:
    events = code_text(text).events
    assert events and all(e.hypothetical for e in events)


@pytest.mark.parametrize("text", [
    "The ceremony marked the 80th anniversary of the Allied invasion of Normandy.",
    "Veterans laid wreaths in memory of those killed in the 1944 massacre.",
    "Last month marked the 85th anniversary of Germany invading Poland.",
])
def test_an_event_only_remembered_is_not_coded(code_text, text: str) -> None:
    assert not [e for e in code_text(text).events if e.event_type == "ASSAULT"]


def test_an_act_on_an_anniversary_is_coded(code_text) -> None:
    text = "On the first anniversary of the war, Russian forces shelled Kharkiv."
    assert _has(code_text, text, "ASSAULT")


def test_a_score_is_two_small_numbers_joined_by_a_hyphen(code_text) -> None:
    doc = code_text("She won 7-5 6-4. The war lasted from 1997-2003.")
    sentences = [sent for _, sent in doc.sentences()]
    assert [names_a_score(s) for s in sentences] == [True, False]


@pytest.mark.parametrize(("text", "recipient"), [
    ("The United States faulted China for the collapse of the talks.", "CHN"),
    ("Iran lashed out at Saudi Arabia over the executions.", "SAU"),
    ("Pakistan pointed the finger at India for the bombing.", "IND"),
    ("Beijing voiced strong dissatisfaction with Washington's arms sales.", "USA"),
])
def test_complaints_in_other_words_are_accusations(code_text, text: str, recipient: str) -> None:
    events = _accusations(code_text, text)
    assert events and recipient in _codes(events[0].recipient)


@pytest.mark.parametrize("text", [
    "The verdict sparked outrage in Cairo.",
    "Hewitt double-faulted twice in the third set.",
])
def test_outrage_no_one_voices_and_tennis_faults_are_no_accusations(code_text, text: str) -> None:
    assert not _has(code_text, text, "ACCUSE")
