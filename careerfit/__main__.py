"""The process entry point: ``careerfit`` (the console script) and ``python -m careerfit``.

It pauses the garbage collector before the command line's imports (see
:mod:`careerfit.base.speed`), then runs :func:`careerfit.app.cli.main`.
"""

from careerfit.base import speed


def main() -> None:
    speed.pause()
    from careerfit.app.cli import main as run

    run()


if __name__ == "__main__":
    main()
