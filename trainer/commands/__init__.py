"""Sub-commands of the ``trainer`` command, one module each (see trainer/cli.py)."""
