"""One answers file: read, checked and described.

Loader, model, validation, schema, scaffold, fields, and the facts the answers
decide. Imports only the root modules (errors, citations, resources).
"""
