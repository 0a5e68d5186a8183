"""What the package says, as Markdown and a document tree.

Document kinds, render context, the Jinja environment, the document tree and
the wording they draw on. Imports answers and the root modules.
"""
