"""The demo newsroom, wired through every layer: newsroom content plus the desk's records.

It sits on top of the stack (above desk and public) because loading the demo is the one
job that needs both the newsroom's content and the desk's view of translations.
"""
