"""The use cases the command line and the window both call.

Each function takes a Session and does one user action's worth of work; the caller opens the
session with `store.write()` or `store.read()`. They return plain records, never ORM objects,
so nothing outside a session can lazy-load by accident.
"""
