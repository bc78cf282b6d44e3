"""The test suite's root: its folder goes on ``sys.path`` (pytest does that for a conftest
outside a package), so the factories here (``corpus_factories``) import from any sub-folder."""
