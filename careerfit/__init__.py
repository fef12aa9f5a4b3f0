"""careerfit: a career-fit quiz for Data Scientist, ML Engineer and AI Engineer."""

__version__ = "0.1.0"
