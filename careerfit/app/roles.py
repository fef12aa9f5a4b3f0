"""``careerfit roles``: the role list, one role's card, or two side by side."""

from __future__ import annotations

from pathlib import Path

from careerfit.app.shared import load_checked_bank
from careerfit.bank import Bank
from careerfit.base.errors import CareerfitError, InputError
from careerfit.terminal import facts


def run_roles(role_id: str | None, compare: tuple[str, str] | None, json_output: bool,
              data: Path | None, routes: bool = False, plain: bool = False) -> None:
    from careerfit.terminal.cards import show_roles

    bank = load_checked_bank(data)
    role_id = _full_id(bank, role_id) if role_id else role_id
    compare = (tuple(_full_id(bank, given, roles_only=True) for given in compare)
               if compare else compare)
    if role_id and not compare and bank.role(role_id) is None:
        blend = bank.blend_by_id(role_id)
        if blend is not None:  # careerfit roles BLEND: where two roles meet
            from careerfit.terminal.cards import show_blend

            show_blend(bank, blend, json_output, plain=facts.plain_wanted(plain))
            return
    wanted = list(compare) if compare else [role_id] if role_id else []
    for wanted_id in wanted:
        if bank.role(wanted_id) is None:
            roles = ", ".join(r.id for r in bank.roles)
            blend = bank.blend_by_id(wanted_id)
            if compare and blend is not None:  # 'careerfit roles' lists blends too
                from careerfit.terminal.cards import blend_data

                both = " and ".join(blend_data(bank, blend)["role_names"])
                raise InputError(
                    f"'{wanted_id}' is a blend, where {both} meet:"
                    " --compare sets two roles side by side",
                    hint=f"compare two of: {roles}; or see the blend with: careerfit roles"
                         f" {wanted_id}")
            blends = (" (blends: " + ", ".join(b.id for b in bank.blends) + ")"
                      if bank.blends and not compare else "")
            raise InputError(f"unknown role '{wanted_id}'",
                             hint="known roles: " + roles + blends)
    if role_id and compare:
        raise CareerfitError("give a ROLE or --compare A B, not both",
                             hint="careerfit roles ROLE shows one; --compare A B sets two side"
                                  " by side")
    show_roles(bank, wanted, json_output, routes=routes or bool(role_id),
               plain=facts.plain_wanted(plain))


def _full_id(bank: Bank, given: str, *, roles_only: bool = False) -> str:
    """The role or blend id *given* starts, when it starts just one ('ai-evaluation' for
    the blend 'ai-evaluation-and-decision-science': a new user typed it and was refused);
    else the one id that has *given* as one of its words ('evaluation'); else *given* as
    it is. A start or a word shared by several ids names them. With *roles_only*
    (--compare, which sets roles side by side) only role ids are started: a new user's
    '--compare ml ai' was refused as 'ai' also starts a blend's id."""
    roles = [r.id for r in bank.roles]
    ids = roles + [b.id for b in bank.blends]
    # (A new user typed 'Data-Scientist'; another copied a command with the full stop
    # that ended its sentence: 'data-scientist.')
    given = given.lower().rstrip(".,;")
    if given in ids:
        return given
    pool = roles if roles_only else ids
    starting = [i for i in pool if i.startswith(given)]
    if not starting:  # (a new user typed 'evaluation' for the evaluation blend)
        starting = [i for i in pool if given and given in i.split("-")]
    if len(starting) > 1:
        raise InputError(f"'{given}' could be any of: {', '.join(starting)}",
                         hint="give more of the id")
    return starting[0] if starting else given
