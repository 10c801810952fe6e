from django.db import migrations

from verbond.networks.defaults import seed_challenges


def seed(apps, schema_editor):
    seed_challenges(apps.get_model("networks", "Challenge"))


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
