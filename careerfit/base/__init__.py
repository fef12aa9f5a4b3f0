"""Bottom layer: errors and exit codes, the answer vocabulary, start-up speed tricks.

Imports nothing else from careerfit.
"""
