"""Allow ``python -m careerfit``."""

from careerfit.cli import main

main()
