from django.db import migrations

CHALLENGES = [
    ("wonen", "Wonen", "Housing"),
    ("klimaat-en-energie", "Klimaat en energie", "Climate and energy"),
    ("bestaanszekerheid", "Bestaanszekerheid", "Livelihood security"),
    ("zorg-en-welzijn", "Zorg en welzijn", "Care and wellbeing"),
    ("onderwijs", "Onderwijs", "Education"),
    ("veiligheid", "Veiligheid", "Safety"),
    ("leefbaarheid", "Leefbaarheid", "Liveability"),
]


def seed(apps, schema_editor):
    Challenge = apps.get_model("networks", "Challenge")
    for position, (slug, name, name_en) in enumerate(CHALLENGES, start=1):
        Challenge.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "position": position})


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
