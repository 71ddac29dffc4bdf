"""`python -m drafter`: the same program as the `drafter` command."""

from drafter.cli import main

main()
