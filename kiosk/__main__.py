"""`python -m kiosk`, and the PyInstaller bundle's entry point."""

import sys

from kiosk.app import main

sys.exit(main())
