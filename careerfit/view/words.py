"""The sentences careerfit says about a verdict, in one place.

Pure logic: each sentence reads the verdict (:mod:`careerfit.engine.verdict`) and decides
nothing. The JSON document carries the summary and the sureness sentence
(``recommendation.summary``, ``recommendation.sureness``); the view model
(:mod:`careerfit.view.model`) adds the headline and the confidence line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from careerfit.bank import Bank
from careerfit.base.vocabulary import BLEND, MAIN, NONE, TIE, Picks
from careerfit.engine.ending import MOST_AHEAD
from careerfit.engine.result import Result
from careerfit.engine.verdict import Outcome, Verdict
from careerfit.view.numbers import apportion

# The sureness sentence names, after the verdict, the other outcomes from this chance up.
NOTABLE = 0.05
# ...and the likeliest other outcome from this chance up even when it is below NOTABLE:
# three new users saw the quiz weigh a blend ("deciding: Data Scientist, or the AI
# evaluation blend") that the result then hid among "the remaining 4 … other readings".
ALSO_FROM = 0.01
# ...and at most this many outcomes in all.
MOST_NAMED = 3


def summary_sentence(bank: Bank, result: Result, picks: Picks) -> str:
    """The verdict in one or two sentences, by its kind and its confidence, and a word of
    caution when no kind of person explains the answers well."""
    return _by_kind(bank, result, picks) + misfit_sentence(result)


def _by_kind(bank: Bank, result: Result, picks: Picks) -> str:
    verdict = result.verdict
    if verdict.kind == NONE:
        if not verdict.answered:
            return "No scored question was answered, so there is nothing to match yet."
        first, second = (bank.role(r) for r in (result.leader, result.runner_up))
        sentence = (f"Your answers fit every role about equally well: {first.name} and"
                    f" {second.name} lead, but not clearly. Compare them side by side with:"
                    f" careerfit roles --compare {first.id} {second.id}.")
        skipped = sum(1 for q in bank.scored if q.id in picks and picks[q.id] is None)
        if skipped:
            sentence += (f" Answering the {skipped} question(s) you skipped could separate"
                         " them.")
        return sentence
    leader, second = bank.role(result.leader), bank.role(result.runner_up)
    name, runner = leader.name, second.name
    if verdict.kind == BLEND:
        if verdict.confidence == "low":  # (a new user read "You are drawn to" as sure,
            # beside "about 30 of 100")
            return (f"Your answers lean toward the work where {name} and {runner} meet"
                    f" ({verdict.outcome.name}), but not surely: {_also(bank, verdict)}.")
        return (f"You are drawn to the work where {name} and {runner} meet, more than to"
                f" either on its own: look at {verdict.outcome.name}.")
    if verdict.kind == TIE:
        # (A tie is the likeliest reading of the answers, which the fits alone may not
        # show: a new user saw "can't separate them" above a fit lead of 8.8 points.)
        margin = shown_margin(result)
        lead = f" ({name} fits {margin} points better)" if margin else ""
        if verdict.confidence == "low":  # (a lecturer's student told "torn" at 27 in 100
            # might take it as firm)
            sentence = (f"Your answers lean toward liking both kinds of work, {name} and"
                        f" {runner}, about equally{lead}, but not surely:"
                        f" {_also(bank, verdict)}.")
        elif margin:
            sentence = (f"You like both kinds of work, {name} and {runner}: {name} fits"
                        f" {margin} points better, but your answers read most like someone"
                        " who likes the two about equally.")
        else:
            sentence = (f"You like both kinds of work, {name} and {runner}, and your answers"
                        " can't separate them.")
        if verdict.outcome.name:
            # (A torn user read "a role that blends both may suit you" as the tool taking
            # back "torn": the blend is offered as a way not to choose.)
            sentence += (f" If you would rather not choose, some jobs combine the two:"
                         f" {verdict.outcome.name}.")
        # (A torn user found the command that sets the two roles side by side only in
        # the README.)
        return sentence + (f" To compare the two roles: careerfit roles --compare"
                           f" {leader.id} {second.id}.")
    if verdict.confidence == "high":
        return f"{name} is a clear fit for you."
    if verdict.confidence == "medium":
        return f"{name} fits you best, with {runner} a reasonable second."
    # (Low confidence is in the chances, not the fits: the fit margin may be wide while a
    # tie or a blend stays likely, so the sentence names the likeliest other reading, as
    # the sureness sentence does, not the runner-up by fit.)
    return f"{name} leads, but not surely: {_also(bank, verdict)}."


def _also(bank: Bank, verdict: Verdict) -> str:
    """The likeliest reading after the verdict, as the end of a sentence."""
    other = next(c for c in verdict.chances if c != verdict.outcome)
    names = {r.id: r.name for r in bank.roles}
    return f"the next likeliest reading is {reading(other._asdict(), names)}"


def shown_margin(result: Result) -> float:
    """How far the leader's fit is ahead of the runner-up's, between the fits as shown
    (rounded to a tenth), so that it is their difference."""
    return round(round(result.ranking[0][1], 1) - round(result.scores.fits[result.runner_up], 1),
                 1)


def misfit_sentence(result: Result) -> str:
    """Said after the summary when no kind of person explains the answers well."""
    if not result.verdict.misfit:
        return ""
    return (" Your answers don't follow any one pattern careerfit knows well, so read this"
            " as the closest match, not a firm verdict.")


def reading(outcome: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """One outcome (as the JSON gives it) in a few words that stand in a list of
    readings ('X, or Y'): a main role, a pair, a blend, none. A main role says so, as a
    bare role name beside a pair of roles read as a third choice."""
    roles = [names[r] for r in outcome["roles"]]
    if outcome["kind"] == MAIN:
        return f"{roles[0]} as your main role"
    if outcome["kind"] == BLEND:
        return f"the {outcome['name']} blend" if outcome["name"] else f"{roles[0]} with {roles[1]}"
    if outcome["kind"] == TIE:
        return f"torn between {roles[0]} and {roles[1]}"
    return "no clear pick"


def ending_sentence(coverage: Mapping[str, Any], names: Mapping[str, str],
                    answers_file: str | None = None, *, offered: bool = False,
                    save: bool = False, data: str = "") -> str | None:
    """What an adaptive quiz's result rests on (coverage.stopped_by): settled, or what it
    could not settle and how to settle it (*answers_file* names the file in the command
    that asks more; *offered*: the quiz offers more questions right after, so no
    command); None for a quiz that asked every question. It counts the questions put,
    as the quiz numbered them, and says how many were scored when the starting-point
    question is among them (three new users counted it and asked). With *save*, each command
    that asks more saves them to that file too (--save FILE): a new user's more answers,
    asked with the command the result gave, stayed out of her file); *data* is the
    command's ' --data DIR' when the quiz was given one."""
    if not coverage["stopped_early"]:
        return None
    asked = coverage["asked"]
    put = f"{asked + coverage.get('asked_unscored', 0)} questions"
    scored = [f"{asked} scored"] if coverage.get("asked_unscored") else []
    unsettled = coverage.get("unsettled")
    if not unsettled:
        # (A new user who wanted to be surer declined the offer to read the result first,
        # then had to find --more in --help: a saved quiz's result names it. Each command
        # ends the text, with no full stop: one new user copied it with the stop, and got
        # "No such option: --more."; and it can be kept on one line: fold.COMMAND.)
        anyway = (f" To answer more anyway: {more_command(answers_file, save, data)}"
                  if answers_file and not offered else "")
        based = f"Based on {_noted(put, scored)}"
        if coverage["stopped_by"] == "settled":
            # (Settled is 'sure' or 'stable in what more answers would say': not always
            # 'high', so no 'sure' here; and no 'stopped when', as a file may be edited.)
            return f"{based}: more answers would most likely not change the result.{anyway}"
        if coverage["stopped_by"] == "early":  # (it said 'the quiz stopped there' of an
            # edited file whose JSON said 'early': a new user saw the two disagree; then
            # 'fewer than the quiz would have asked' read as blaming the person)
            return (f"{based}: with these answers the quiz would ask a few more before"
                    f" stopping, as they could still change the result.{anyway}")
        if asked >= coverage["question_cap"]:
            return f"{based}: {_limit(asked, coverage['question_cap'])}.{anyway}"
        return (f"{based}: the quiz stopped there, as the rest of the bank would most likely"
                f" not change what it says.{anyway}")
    first, second = (reading(o, names) for o in unsettled["between"])
    more = unsettled["more_answers"]
    notes = list(scored)
    if coverage["stopped_by"] == "misfit":
        notes.append("your answers fit no one pattern well")
    elif coverage["stopped_by"] == "cap" and asked >= coverage["question_cap"]:
        cap = coverage["question_cap"]
        notes = [f"{asked} scored, {_limit(asked, cap)}" if scored else
                 f"the quiz's limit of {cap} questions" if asked == cap else _limit(asked, cap)]
    # (The fewest answers that settle it in half the model's draws or more: 'most likely'
    # overstated it, as a new user answered the 8 and was not settled. It held for 9 of
    # 17 people of the external corpus and 18 of 36 simulated: bench/settle.py.)
    likely = (f" About {more} more answer{'s' if more != 1 else ''} would settle it for about"
              " half of people who answer as you did" if more else "")
    # (A new user told 'a few more answers would most likely not settle it' was settled by
    # 3. None means not by MOST_AHEAD in half the draws; of the external corpus's people
    # told so, 14 of 29 were: bench/settle.py.)
    unlikely = (f" Even {MOST_AHEAD} more answers would settle it for fewer than half of"
                " people who answer as you did.")
    if coverage["stopped_by"] == "early" and not offered:  # it would have gone on: say how
        command = more_command(answers_file or "FILE", save and bool(answers_file), data)
        them = "it" if more == 1 else "them"
        # (Said with the command when few would settle it: a new user who had read it
        # during the quiz found the result offer more with no word of it.)
        how = (f"{likely}; to answer {them}: {command}" if more else
               f"{unlikely} To answer more: {command}")
    else:
        how = f"{likely}." if more else unlikely
        if answers_file and not offered:  # (a new user told "about 7 more answers would
            # settle it" after an edit found no way to give them)
            how += f" To answer more: {more_command(answers_file, save, data)}"
    return (f"Not settled after {_noted(put, notes)}:"
            f" {first}, or {second}.{how}")


def more_command(answers_file: str, save: bool, data: str = "") -> str:
    """The command that asks more questions on top of *answers_file* (and with *save*,
    keeps them in it; *data*: ' --data DIR' for another bank)."""
    return (f"careerfit quiz --answers {answers_file}{data} --more"
            + (f" --save {answers_file}" if save else ""))


def _limit(asked: int, cap: int) -> str:
    """The question cap, as a quiz that reached it, or went past it, reads (only --more
    and the offer of more go past it, when asked to: a new user read "22 questions (21
    scored, the quiz's limit)" beside a README that says never more than 20)."""
    return ("the quiz's limit" if asked <= cap else
            f"past the quiz's limit of {cap}, as you asked for more")


def _noted(text: str, notes: list[str]) -> str:
    """*text* with its *notes* in one pair of brackets."""
    return f"{text} ({'; '.join(notes)})" if notes else text


def sureness_sentence(bank: Bank, result: Result) -> str:
    """The chances in plain words (calibrated on simulated people): the verdict's first,
    then the other notable outcomes (at least the likeliest other, from ALSO_FROM); for a
    verdict other than one main role, also the chance that the leader is the main role
    (``recommendation.probability``) when it is 1 in 100 or more."""
    verdict = result.verdict
    # (A verdict above 1 - ALSO_FROM leaves less than ALSO_FROM for every other outcome.)
    others = ([] if verdict.probability > 1.0 - ALSO_FROM else
              [c for c in verdict.chances.from_chance(ALSO_FROM) if c != verdict.outcome])
    notable = [c for c in others if c.probability >= NOTABLE] or others[:1]
    named = [verdict.outcome, *notable][:MOST_NAMED]
    shown = len(named)
    leader = verdict.chances.main(result.leader)
    if leader not in named:  # said apart, after the others
        named.append(leader)
    # Counts of 100 that add up to 100 with the rest (two new users asked where the rest
    # were; a third added 97 and 2, each rounded alone, and asked for the last person).
    chances = [c.probability for c in named]
    *counts, rest_count = apportion([*chances, 1.0 - sum(chances)], 100)
    said = [_chance(bank, c, n) for c, n in zip(named, counts, strict=True)]
    # The leader's own chance, said apart, only when some of the 100 have it (a new user
    # drawn to a blend read "fewer than 1 have Data Scientist as their clear main fit").
    said = said[:shown] + [s for s, n in zip(said[shown:], counts[shown:], strict=True) if n]
    text = "; ".join([", ".join(said[:shown]), *said[shown:]])
    if rest_count == 1:
        text += "; the remaining 1 fits another reading"
    elif rest_count:
        text += f"; the remaining {rest_count} are spread over other readings"
    return f"Of 100 people who answer as you did, {text}."


def _chance(bank: Bank, chance: Outcome, count: int) -> str:
    """One outcome's share of 100 people, in words ("about 1 has", "about 4 have")."""
    many = in_100(count)
    one = count == 1
    names = [bank.role(r).name for r in chance.roles]
    if chance.kind == MAIN:
        return f"{many} {'has' if one else 'have'} {names[0]} as their clear main fit"
    if chance.kind == TIE:
        return f"{many} {'likes' if one else 'like'} {names[0]} and {names[1]} about equally"
    if chance.kind == BLEND:
        return (f"{many} {'is' if one else 'are'} drawn to the work where {names[0]} and"
                f" {names[1]} meet ({chance.name})")
    return f"{many} {'leans' if one else 'lean'} to no one role or pair"


def in_100(count: int) -> str:
    """A count of 100 people (rounded, :func:`careerfit.view.numbers.apportion`) in words:
    never a certainty either way, as the chances it comes from are not."""
    if count >= 100:
        return "more than 99"
    if count <= 0:
        return "fewer than 1"
    return f"about {count}"


def blend_text(description: str, titles: Sequence[str], skills: Sequence[str] = ()) -> str:
    """A blend in words: what it is, then the job titles to search for and the skills it
    asks for most, when the bank gives them (a new user drawn to a blend found no title
    to look for; another found only its two roles' next steps)."""
    text = description
    if titles:
        text += f" Job titles to search for: {', '.join(titles)}."
    if skills:
        text += f" Skills it asks for most: {'; '.join(skills)}."
    return text


def roles_footer(has_blends: bool) -> str:
    """What the role list ends with: how to see one card, and how to compare two (a line
    each: at 80 columns one line broke the compare command in two)."""
    return ("Show a card: careerfit roles " + ("ROLE or BLEND" if has_blends else "ROLE")
            + "\nCompare two: careerfit roles --compare A B")


def salary_text(salary: dict[str, Any]) -> str:
    """A role's pay band in words ('to', not a dash: screen readers skip an en dash, and a
    user heard '160,000 230,000')."""
    return (f"{salary['region']} total compensation {salary['currency']} {salary['low']:,}"
            f" to {salary['high']:,} ({salary['period']} figures)")
