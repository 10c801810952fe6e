from django import forms
from django.utils.translation import gettext_lazy as _

from verbond.interchange.importing.columns import FIELD_LABELS, IGNORE
from verbond.interchange.importing.plan import ColumnMapping

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TOO_LARGE = _("The file is larger than 5 MB.")
WRONG_KIND = _("Choose an .xlsx or .csv file.")


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"))
    sheet = forms.CharField(
        label=_("Sheet"), required=False, max_length=100, help_text=_("Leave empty to read the first sheet.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(WRONG_KIND)
        return upload


class ImportMappingForm(forms.Form):
    """One choice per column of the file: which field it holds, or none."""

    def __init__(self, *args: object, columns: list[ColumnMapping], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        choices = [(IGNORE, _("(not imported)")), *[(name, label) for name, label in FIELD_LABELS.items()]]
        self.columns = columns
        for column in columns:
            self.fields[column.letter] = forms.ChoiceField(
                label=f"{column.letter} · {column.header}", choices=choices, initial=column.field or IGNORE
            )

    def rows(self) -> list[tuple[ColumnMapping, forms.BoundField]]:
        return [(column, self[column.letter]) for column in self.columns]

    def overrides(self) -> dict[str, str]:
        return {letter.lower(): value for letter, value in self.cleaned_data.items()}


class ImportConfirmForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows and leave out the rows with errors"), required=False
    )
