"""What people read: the sentences about a verdict, and the one view model every format
renders (rich, plain, Markdown, HTML, SVG). No terminal libraries: it sits below the
documents, so the JSON document carries the very sentences the screens show.
"""
