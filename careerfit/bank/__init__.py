"""The question bank: reading ``data/*.yaml`` and typing what it holds.

``from careerfit.bank import Bank, load_bank`` is the usual way in; the YAML parser
(:mod:`careerfit.bank.safeyaml`) is imported only when a file is read.
"""

from careerfit.bank.load import default_data_dir, is_shipped, load_bank, validate_command
from careerfit.bank.types import (
    BACK,
    DATA_MAX_BYTES,
    GRADED_KINDS,
    ID_PATTERN,
    KINDS,
    MAX_LISTED_OPTIONS,
    PAIR_BOTH,
    PAIR_POINTS,
    SCALE_POINTS,
    SHORT_LIMIT,
    SKIP,
    Bank,
    Blend,
    Option,
    Question,
    Role,
    Salary,
    Trait,
)

__all__ = [
    "BACK", "DATA_MAX_BYTES", "GRADED_KINDS", "ID_PATTERN", "KINDS", "MAX_LISTED_OPTIONS",
    "PAIR_BOTH", "PAIR_POINTS", "SCALE_POINTS", "SHORT_LIMIT", "SKIP", "Bank", "Blend",
    "Option", "Question", "Role", "Salary", "Trait", "default_data_dir", "is_shipped",
    "load_bank", "validate_command",
]
