import hashlib

from django.db import migrations, models


def digest_existing_consents(apps, schema_editor):
    """Consents given before texts were fingerprinted hold for the texts as they are now."""
    example_model = apps.get_model("outcomes", "GoodExample")
    consent_model = apps.get_model("outcomes", "ExampleConsent")
    for example in example_model.objects.select_related("network"):
        parts = [example.network.name, example.network.purpose, example.lesson, example.contact]
        digest = hashlib.sha256("\x1f".join(part.strip() for part in parts).encode()).hexdigest()
        consent_model.objects.filter(network_id=example.network_id).update(text_digest=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0002_historicalindicator_historicalmeasurement"),
    ]

    operations = [
        migrations.AddField(
            model_name="exampleconsent",
            name="text_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(digest_existing_consents, migrations.RunPython.noop),
    ]
