"""spaCy is imported without its command line (``extract/spacy_import.py``), which is there,
whole, for whoever asks for it; a failure with the placeholders imports spaCy as usual. Each
test runs in a fresh interpreter, where spaCy is not imported yet."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import supplyline.extract.spacy_import as spacy_import


def _run(code: str) -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_the_extractor_imports_spacy_without_its_command_line() -> None:
    _run("""
        import sys
        import supplyline.extract
        from supplyline.config import Settings
        from supplyline.extract import extract
        from supplyline.engines.work import load_pipeline

        load_pipeline(Settings.from_env())
        assert extract("Norway has delivered 12 howitzers to Ukraine, its defence ministry said.")
        assert not {"typer", "weasel", "requests", "spacy.cli", "spacy.cli.info"} & set(sys.modules)
        assert not [f for f in sys.meta_path if type(f).__name__ == "_Placeholders"]

        import spacy
        assert callable(spacy.cli.download)  # the placeholder imports the real package
        import spacy.cli
        assert type(spacy.cli).__name__ == "module" and "typer" in sys.modules
        assert isinstance(spacy.info(silent=True), dict)
    """)


def test_spacy_s_own_import_when_the_placeholders_fail() -> None:
    path = str(Path(spacy_import.__file__))
    _run(f"""
        import importlib.abc, importlib.util, sys

        class Once(importlib.abc.MetaPathFinder):
            failed = False

            def find_spec(self, name, path=None, target=None):
                if name == "spacy.glossary" and not Once.failed:
                    Once.failed = True
                    raise ImportError("once")
                return None

        sys.meta_path.insert(0, Once())
        spec = importlib.util.spec_from_file_location("placeholders", {path!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        import spacy
        assert Once.failed and type(sys.modules["spacy.cli"]).__name__ == "module"
        assert callable(spacy.cli.download) and spacy.info is not module.info
        assert not [f for f in sys.meta_path if type(f).__name__ == "_Placeholders"]
    """)
