"""Scoring and the response model: fits, probabilities, outcomes, what-if, adaptive order.

Pure logic on a loaded bank; imports nothing from the documents, terminal or app layers.
"""
