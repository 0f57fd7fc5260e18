"""One module per finsam command, each registered in finsam.cli.COMMANDS.

Every module has ``add_parser(subcommands, name)``, which adds the command's parser and
arguments, a typed ``run(...)`` that does the work, and ``execute(args)``, which hands the
parsed arguments to ``run``. Modules that only some commands need (the site, the file
scanner, git) are imported inside ``run``, so that a pre-commit run of one file starts fast.
"""
