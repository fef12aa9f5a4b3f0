"""The response model's fitted values: ``calibration.yaml`` beside the bank.

The bank's hand-set values (role and blend profiles in roles.yaml, option effects in
questions.yaml) stay as written and documented: they give the fits. What ``careerfit
calibrate`` fits from labelled people goes here, and only the response model (the
probabilities, the outcome) reads it:

* ``sensitivity_scale``: multiplies the model's sensitivities (how consistently
  people's answers follow their preferences);
* ``prior``: the relative weight beforehand of each kind of person (pure, 70/30,
  50/50, equal, blend, random);
* ``blends``: a blend's fitted trait profile, keyed ``role-a+role-b``, in place of its
  hand-set one;
* ``question_scale``: how strongly each question speaks (1 = as hand-set).

A bank without the file uses the hand-set values throughout (every scale 1, a flat prior).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from careerfit.base.errors import DataError

FILE_NAME = "calibration.yaml"
FORMAT_VERSION = 1
PRIOR_KINDS = ("pure", "70/30", "50/50", "equal", "blend", "random")
# How far a fit may move a value: outside these bounds the file is refused.
SCALE_BOUNDS = (0.25, 4.0)
PROFILE_BOUND = 3.0


class Calibration(NamedTuple):
    sensitivity_scale: float = 1.0
    prior: Mapping[str, float] = {}
    blends: Mapping[frozenset[str], Mapping[str, float]] = {}
    question_scale: Mapping[str, float] = {}
    source: str = ""

    def prior_of(self, kind: str) -> float:
        return self.prior.get(kind, 1.0)

    def to_plain(self) -> dict:
        return {"version": FORMAT_VERSION, "source": self.source,
                "sensitivity_scale": self.sensitivity_scale, "prior": dict(self.prior),
                "blends": {"+".join(sorted(k)): dict(v) for k, v in self.blends.items()},
                "question_scale": dict(self.question_scale)}

    @classmethod
    def from_plain(cls, plain: dict) -> Calibration:
        """The inverse of :meth:`to_plain` (for the compiled bank, already checked)."""
        return cls(plain["sensitivity_scale"], plain["prior"],
                   {frozenset(k.split("+")): v for k, v in plain["blends"].items()},
                   plain["question_scale"], plain["source"])


HAND_SET = Calibration()


def read_calibration(directory: Path, role_ids: set[str], trait_ids: set[str],
                     question_ids: set[str], *, again: str = "careerfit validate"
                     ) -> Calibration:
    """The bank's calibration file, checked; the hand-set values when there is none
    (*again*: the command its problems end with, see DataError)."""
    from careerfit.bank import safeyaml

    path = directory / FILE_NAME
    if not path.exists():
        return HAND_SET
    doc = safeyaml.load(path, what="calibration file")
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[str] = []

    def number(value: object, where: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                low <= value <= high):
            problems.append(f"{doc.where(*where.split('.'))}: '{where}' must be a number"
                            f" from {low} to {high}")
            return 1.0
        return float(value)

    if data.get("version") != FORMAT_VERSION:
        problems.append(f"{doc.where('version')}: 'version' must be {FORMAT_VERSION}")
    scale = number(data.get("sensitivity_scale", 1.0), "sensitivity_scale", *SCALE_BOUNDS)
    prior = {}
    for kind, value in (data.get("prior") or {}).items():
        if kind not in PRIOR_KINDS:
            problems.append(f"{doc.where('prior', kind)}: unknown kind {kind!r}"
                            f" (one of {', '.join(PRIOR_KINDS)})")
        prior[kind] = number(value, f"prior.{kind}", *SCALE_BOUNDS)
    blends: dict[frozenset[str], dict[str, float]] = {}
    for key, profile in (data.get("blends") or {}).items():
        pair = frozenset(str(key).split("+"))
        if len(pair) != 2 or not pair <= role_ids:
            problems.append(f"{doc.where('blends', key)}: {key!r} must name two roles"
                            " as role-a+role-b")
            continue
        blends[pair] = {}
        for trait, weight in (profile or {}).items():
            if trait not in trait_ids:
                problems.append(f"{doc.where('blends', key, trait)}: unknown trait {trait!r}")
            blends[pair][trait] = number(weight, f"blends.{key}.{trait}",
                                         -PROFILE_BOUND, PROFILE_BOUND)
    questions = {}
    for qid, value in (data.get("question_scale") or {}).items():
        if qid not in question_ids:
            problems.append(f"{doc.where('question_scale', qid)}: unknown question {qid!r}")
        questions[qid] = number(value, f"question_scale.{qid}", *SCALE_BOUNDS)
    if problems:
        raise DataError(problems, again)
    return Calibration(scale, prior, blends, questions, str(data.get("source", "")))
