"""Matching organisation names from a spreadsheet to known organisations: exact first, then fuzzy."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.text import slugify
from rapidfuzz import fuzz, process

from verbond.interchange.importing.values import organisation_key

# At or above this similarity (0-100) a spelling variant is taken to be the same organisation.
CONFIDENT = 95
# Between this and CONFIDENT the match is only reported: a new organisation is proposed instead.
POSSIBLE = 85


class Method:
    EXACT = "exact"
    FUZZY = "fuzzy"
    NEW = "new"


@dataclass
class Match:
    """What a name in the file became. `organisation_id` is None for an organisation still to be created."""

    name: str
    canonical: str  # the known organisation's name, or the spelling a new one gets
    method: str
    confidence: int
    organisation_id: int | None = None
    candidate: str = ""  # a low-confidence look-alike, reported but not used
    candidate_confidence: int = 0

    @property
    def is_new(self) -> bool:
        return self.method == Method.NEW


@dataclass(frozen=True)
class KnownOrganisation:
    id: int | None
    name: str
    slug: str


class OrganisationMatcher:
    """Remembers names it has seen, so 'gem. Vaartstad' after 'Gemeente Vaartstad' is one new organisation."""

    def __init__(self, known: list[KnownOrganisation]) -> None:
        self.known = list(known)
        self.by_key: dict[str, KnownOrganisation] = {}
        for organisation in self.known:
            self.by_key.setdefault(organisation_key(organisation.name), organisation)
            self.by_key.setdefault(organisation_key(organisation.slug.replace("-", " ")), organisation)
        self.new: dict[str, str] = {}  # key → first spelling seen
        self.cache: dict[str, Match] = {}
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)  # new key → spellings seen

    def match(self, name: str) -> Match:
        key = organisation_key(name)
        if key not in self.cache:
            self.cache[key] = self._match(name, key)
        result = self.cache[key]
        if result.organisation_id is None:
            self.spellings[organisation_key(result.canonical)][name] += 1
        return result

    def settle_names(self) -> None:
        """A new organisation is named by its most frequent spelling ('Welzijn Vaartstad', not '... (WVS)')."""
        chosen = {key: counts.most_common(1)[0][0] for key, counts in self.spellings.items()}
        for result in self.cache.values():
            if result.organisation_id is None:
                result.canonical = chosen.get(organisation_key(result.canonical), result.canonical)

    def _match(self, name: str, key: str) -> Match:
        if key in self.by_key:
            found = self.by_key[key]
            return Match(name, found.name, Method.EXACT, 100, found.id)
        if key in self.new:
            return Match(name, self.new[key], Method.NEW, 100)
        slug = slugify(name)
        for organisation in self.known:
            if organisation.slug == slug:
                return Match(name, organisation.name, Method.EXACT, 100, organisation.id)
        choices = {k: k for k in [*self.by_key, *self.new]}
        best = process.extractOne(key, choices, scorer=fuzz.ratio) if choices else None
        if best and best[1] >= CONFIDENT:
            if best[0] in self.by_key:
                found = self.by_key[best[0]]
                return Match(name, found.name, Method.FUZZY, round(best[1]), found.id)
            return Match(name, self.new[best[0]], Method.FUZZY, round(best[1]))
        self.new[key] = name
        result = Match(name, name, Method.NEW, 100)
        if best and best[1] >= POSSIBLE:
            result.candidate = self.by_key[best[0]].name if best[0] in self.by_key else self.new[best[0]]
            result.candidate_confidence = round(best[1])
        return result
