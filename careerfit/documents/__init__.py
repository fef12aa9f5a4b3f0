"""Files and documents: answers files, progress, the result document, schemas, batch
scoring. No terminal code: everything here works from Python and from pipes.
"""
