"""``python -m sitante_tui`` runs the ``sitante`` command."""

from sitante_tui.cli import main

raise SystemExit(main())
