"""The process entry point: ``careerfit`` (the console script) and ``python -m careerfit``.

It pauses the garbage collector before the command line's imports (see
:mod:`careerfit.base.startup`), then runs :func:`careerfit.app.cli.main`.
"""

from careerfit.base import startup


def main() -> None:
    startup.pause()
    from careerfit.app.cli import main as run

    run()


if __name__ == "__main__":
    main()
