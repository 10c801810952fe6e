"""verbond.analysis stays framework-free."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_engine_does_not_import_django():
    code = "import sys, verbond.analysis; print('django' in sys.modules)"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603

    assert result.stdout.strip() == "False"


def test_ruff_rejects_a_django_import_in_the_engine():
    ruff = Path(sys.executable).parent / "ruff"
    source = "from django.db import models\n\nprint(models)\n"

    result = subprocess.run(  # noqa: S603
        [str(ruff), "check", "--no-cache", "--stdin-filename", "src/verbond/analysis/leak.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )

    assert result.returncode == 1
    assert "TID251" in result.stdout
