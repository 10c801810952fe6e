"""`verbond analyse FILE`: JSON out, files out, one-line errors with exit code 2, never the database."""

import json
import subprocess
import sys
from io import StringIO

import networkx as nx
import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

# A chain A–B–C–D through networks X, Y, Z, and two identical networks P and Q shared by E and F.
ROWS = [
    ("A", "X"),
    ("B", "X"),
    ("B", "Y"),
    ("C", "Y"),
    ("C", "Z"),
    ("D", "Z"),
    ("E", "P"),
    ("F", "P"),
    ("E", "Q"),
    ("F", "Q"),
]


def _csv(tmp_path, text, name="memberships.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _analyse(*args):
    out = StringIO()
    call_command("analyse", *map(str, args), stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.fixture
def memberships(tmp_path):
    return _csv(tmp_path, "organisation,network\n" + "".join(f"{o},{n}\n" for o, n in ROWS))


def test_analyse_prints_counts_overlap_co_membership_and_the_organisations_table(memberships):
    result = _analyse(memberships)

    assert (result["organisations"], result["networks"], result["memberships"]) == (6, 5, 10)
    assert result["components"] == 2
    assert result["density"] == pytest.approx(4 / 15)
    assert result["network_overlap"] == [{"a": "P", "b": "Q", "shared": 2, "jaccard": 1.0}]
    assert result["co_membership"][0] == {"a": "E", "b": "F", "shared": 2}
    assert {(p["a"], p["b"]) for p in result["co_membership"]} == {
        ("A", "B"),
        ("B", "C"),
        ("C", "D"),
        ("E", "F"),
    }
    table = {row["organisation"]: row for row in result["organisations_table"]}
    assert table["B"]["networks"] == 2
    assert table["B"]["partners"] == 2
    assert set(table["B"]) >= {"organisation", "networks", "partners", "betweenness", "closeness"}
    assert table["B"]["betweenness"] > table["A"]["betweenness"] == 0


def test_analyse_finds_brokers_that_cut_the_chain(memberships):
    result = _analyse(memberships)

    cut = {b["organisation"] for b in result["brokers"] if b["articulation_point"]}
    assert cut == {"B", "C"}


def test_analyse_lowers_the_threshold_with_min_jaccard(memberships):
    result = _analyse(memberships, "--min-jaccard", "0.3")

    assert [(p["a"], p["b"]) for p in result["network_overlap"]] == [("P", "Q"), ("X", "Y"), ("Y", "Z")]


def test_analyse_top_limits_partners_per_organisation(tmp_path):
    rows = "".join(f"hub,N{i}\nspoke{i},N{i}\n" for i in range(5))
    path = _csv(tmp_path, "organisation,network\n" + rows)

    result = _analyse(path, "--top", "2")

    hub_pairs = [p for p in result["co_membership"] if "hub" in (p["a"], p["b"])]
    assert len(hub_pairs) == 5  # each spoke keeps the hub as its best partner
    all_pairs = _analyse(path)["co_membership"]
    assert len(all_pairs) == 5


def test_analyse_reads_dutch_headers_semicolons_and_weights(tmp_path):
    path = _csv(tmp_path, "Organisatie;Netwerk;Gewicht\nGemeente;Wijkteam;4,5\nCorporatie;Wijkteam;2\n")

    result = _analyse(path)

    table = {row["organisation"]: row for row in result["organisations_table"]}
    assert table["Gemeente"]["weighted_degree"] == 4.5
    assert result["co_membership"] == [{"a": "Corporatie", "b": "Gemeente", "shared": 1}]


def test_analyse_reads_a_windows_encoded_file_when_told(tmp_path):
    path = _csv(
        tmp_path, "organisatie,netwerk\nStichting Één,Wijkteam\nGemeente,Wijkteam\n", encoding="cp1252"
    )

    result = _analyse(path, "--encoding", "cp1252")

    assert {row["organisation"] for row in result["organisations_table"]} == {"Stichting Één", "Gemeente"}


def test_analyse_reads_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["organisatie", "netwerk"])
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "memberships.xlsx"
    workbook.save(path)

    result = _analyse(path)

    assert result["memberships"] == 10


def test_analyse_out_writes_csv_graphml_and_gexf(memberships, tmp_path):
    out = tmp_path / "out"

    result = _analyse(memberships, "--out", out)

    names = {p.name for p in out.iterdir()}
    assert {"organisations.csv", "network_overlap.csv", "co_membership.csv", "affiliations.graphml"} <= names
    assert {"affiliations.gexf", "projection.graphml", "projection.gexf", "brokers.csv"} <= names
    assert len(result["files"]) == len(names)
    affiliation = nx.read_graphml(out / "affiliations.graphml")
    assert affiliation.number_of_edges() == 10
    projection = nx.read_gexf(out / "projection.gexf")
    assert projection.number_of_edges() == 4
    assert (out / "co_membership.csv").read_text().splitlines()[0] == "a,b,shared"


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("", "utf-8", "no memberships"),
        ("\n\n", "utf-8", "no memberships"),
        ("organisation,netwerk\n", "utf-8", "no memberships"),
        ("naam,netwerk\nA,X\n", "utf-8", "missing column"),
        ("organisation,network\nA,\n", "utf-8", "row 2"),
        ("organisation,network,weight\nA,X,veel\n", "utf-8", "not a number"),
        ("organisation,network\nAë,X\n", "utf-16", "cannot read the file as utf-8"),
        ("organisation,network\nA," + "x" * 140_000 + "\n", "utf-8", "line 2: cannot read the file as CSV"),
    ],
)
def test_analyse_rejects_bad_input_with_exit_code_2(tmp_path, content, encoding, message):
    path = _csv(tmp_path, content, encoding=encoding)

    with pytest.raises(CommandError, match=message) as raised:
        _analyse(path)

    assert raised.value.returncode == 2


def test_analyse_rejects_a_file_that_is_not_a_table(tmp_path):
    path = tmp_path / "memberships.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")

    with pytest.raises(CommandError, match="CSV or XLSX") as raised:
        _analyse(path)

    assert raised.value.returncode == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("naam,netwerk\nA,X\n", "missing column"),
        ("organisation,network\nA," + "x" * 140_000 + "\n", "field larger than field limit"),
    ],
)
def test_analyse_from_the_command_line_prints_one_line_error_and_exits_2(tmp_path, content, message):
    path = _csv(tmp_path, content)

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "verbond", "analyse", str(path)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1  # no traceback, no blank line left by a progress bar
    assert message in result.stderr


def test_analyse_from_the_command_line_prints_json(memberships):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "verbond", "analyse", str(memberships), "--top", "1"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0
    assert json.loads(result.stdout)["organisations"] == 6
