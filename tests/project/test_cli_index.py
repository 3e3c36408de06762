"""The command index of ui/cli.py: a command line imports its command's module alone and builds
that command's parser alone, the same parser the whole one holds."""

from __future__ import annotations

import argparse
import contextlib
import io
from importlib import import_module

import pytest

from ui.cli import COMMAND_MODULES, build_parser, named_command

EVERY_COMMAND = [name for names in COMMAND_MODULES.values() for name in names]


def test_the_index_names_each_modules_commands_in_their_order() -> None:
    for module, names in COMMAND_MODULES.items():
        assert tuple(import_module(module).COMMANDS) == names, module


def _help(parser: argparse.ArgumentParser, command: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args([command, "--help"])
    return out.getvalue()


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_a_commands_own_parser_is_the_one_of_the_whole_parser(command: str) -> None:
    assert _help(build_parser(command), command) == _help(build_parser(), command)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["tasks", "--json"], "tasks"),
        (["--db", "x.sqlite", "--as", "an", "--json", "tasks", "--limit", "5"], "tasks"),
        (["--db=x.sqlite", "peers", "--db", "y.sqlite"], "peers"),
        (["--d", "x.sqlite", "dump"], "dump"),  # an abbreviation, read as argparse reads it
        (["--db", "tasks", "dump"], "dump"),  # an option's value that is a command's name
        (["no-such-command"], "no-such-command"),  # not in the index: the whole parser says so
        (["--help", "tasks"], None),
        (["-h"], None),
        (["--version"], None),
        (["--vers", "tasks"], None),
        (["-x", "tasks"], None),
        (["--db"], None),
        (["--json"], None),
        ([], None),
    ],
)
def test_the_command_a_line_names(argv: list[str], command: str | None) -> None:
    assert named_command(argv) == command


def test_a_name_not_in_the_index_gets_the_whole_parser() -> None:
    parser = build_parser("no-such-command")
    assert _help(parser, "tasks") == _help(build_parser(), "tasks")
