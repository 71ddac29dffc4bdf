"""Many bodies at once: a county's folders scaffolded from a list (`init --bodies`), drafted
concurrently and resumably into draft folders with a SQLite manifest (`batch`), summed into
the parent's tables (`aggregate`), and published reports checked in parallel (`check` with
several files). Each step is its own module; cli.py only declares the options.
"""
