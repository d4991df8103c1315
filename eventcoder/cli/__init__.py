"""Command-line interface: thin commands over library functions (see ``main.py``)."""
