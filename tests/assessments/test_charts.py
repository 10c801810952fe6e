import xml.etree.ElementTree as ET

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.factories import OrganisationFactory
from verbond.assessments.charts import profile_svg
from verbond.assessments.results import round_results


def _texts(svg):
    root = ET.fromstring(str(svg))  # noqa: S314 - our own chart, rendered in the test
    return root, [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text]


def test_the_criteria_profile_is_valid_svg_with_the_data_in_it(network):
    partner = OrganisationFactory()
    round_ = RoundFactory(network=network, closed=True, criteria=[("urgency", 1), ("results", 1)])
    for score in (4, 5):
        answer(RespondentFactory(round=round_), urgency=score, results=2)
    for score in (2, 3, 3):
        answer(RespondentFactory(round=round_, organisation=partner), urgency=score, results=1)

    svg = profile_svg(round_results(round=round_))

    root, texts = _texts(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert {"Shared urgency", "Results", "Our organisation", "Partners"} <= set(texts)
    assert {"4.5", "2.7", "2.0", "1.0"} <= set(texts)  # the bar labels: ours 4.5 and 2.0, partners 8/3 and 1.0


def test_the_profile_leaves_out_a_hidden_partner_group(network):
    partner = OrganisationFactory()
    round_ = RoundFactory(network=network, criteria=[("urgency", 1)])
    answer(RespondentFactory(round=round_), urgency=4)
    for score in (1, 2):
        answer(RespondentFactory(round=round_, organisation=partner), urgency=score)

    _root, texts = _texts(profile_svg(round_results(round=round_)))

    assert "4.0" in texts
    assert texts.count("1.5") == 1  # only the axis tick, never a bar label with the partners' mean
    assert "Partners" not in texts


def test_no_profile_before_anyone_answered(network):
    assert profile_svg(round_results(round=RoundFactory(network=network))) is None
