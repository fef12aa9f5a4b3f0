"""The terminal: prompts (questionary), rendering (rich), plain mode, exports, signals.
"""
