"""``python -m supplyline.cli``: the same as the ``supplyline`` command."""

from supplyline.cli import main

main()
