"""The wire app keeps no tables: an import writes stories and editions of the newsroom.

This module exists so that `migrate` sends this app its post_migrate signal, which
queues the first look at the wire-drop folder (see tasks.py).
"""
