"""The process entry point: ``careerfit`` (the console script) and ``python -m careerfit``.

It pauses the garbage collector before the command line's imports (see
:mod:`careerfit.base.speed`), then runs :func:`careerfit.app.entry.main` and exits
with its code.
"""

import sys

from careerfit.base import speed


def main() -> None:
    speed.pause()
    from careerfit.app.entry import main as run

    try:
        code = run()
    finally:
        speed.skip_exit_collections()
    sys.exit(code)


if __name__ == "__main__":
    main()
