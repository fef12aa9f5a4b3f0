"""The quiz session, in one home: everything between the first question and the result.

- :mod:`.plans`: which question comes next (every question, the missing ones, or the
  adaptive order and its stop), and the plan a quiz needs;
- :mod:`.loop`: asking, the back key, "a few more?", the review;
- :mod:`.run`: a session from start to stop: the offer to continue an unfinished quiz,
  progress kept after every answer, the unscored skills question, interruptions;
- :mod:`.progress`: the unfinished quiz in the per-user state folder, and the lock that
  keeps one quiz at a time.

It lives in the terminal layer because it asks (prompts) and keeps files (documents). Its
modules are imported only when a quiz asks, so this file imports nothing.
"""
