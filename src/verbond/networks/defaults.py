"""The challenges (opgaven) every installation starts with: (slug, Dutch name, English name)."""

DEFAULT_CHALLENGES = [
    ("wonen", "Wonen", "Housing"),
    ("klimaat-en-energie", "Klimaat en energie", "Climate and energy"),
    ("bestaanszekerheid", "Bestaanszekerheid", "Livelihood security"),
    ("zorg-en-welzijn", "Zorg en welzijn", "Care and wellbeing"),
    ("onderwijs", "Onderwijs", "Education"),
    ("veiligheid", "Veiligheid", "Safety"),
    ("leefbaarheid", "Leefbaarheid", "Liveability"),
]


def seed_challenges(challenge_model: type) -> None:
    """Create the default challenges that are missing (also used by the data migration)."""
    for position, (slug, name, name_en) in enumerate(DEFAULT_CHALLENGES, start=1):
        challenge_model.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "position": position})
