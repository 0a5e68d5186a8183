"""From Markdown to files, and the per-file pipeline that runs every stage.

Reader, writers, accessibility and reference document, output folders, batch,
clock, PDF, the plain-language report and the completeness plan. Imports every
layer below the command line.
"""
