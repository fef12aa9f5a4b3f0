"""The command line (typer): flags in, a call into the layers below, exit code out.
"""
