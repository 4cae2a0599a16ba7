import sys

from display.app import main

sys.exit(main())
