"""Simulated people whose truth is known, and the validity figures measured on them.
"""
