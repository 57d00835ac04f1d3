"""What a person at a terminal sees: colour and a progress bar (rich) when stdout is a terminal, plain lines when not."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

STYLES = {"ok": "green", "deferred": "yellow", "SKIPPED": "yellow", "FAILED": "bold red", "NOT SWEPT": "bold red"}


def interactive() -> bool:
    """stdout is a terminal (not a pipe, a file or a test runner)."""
    return sys.stdout.isatty()


def say(line: str, word: str | None = None) -> None:
    """Print a result line; on a terminal its status word in colour (the rest is shown as text, never as markup)."""
    if not interactive() or word is None or word not in line:
        click.echo(line)
        return
    from rich.console import Console
    from rich.text import Text

    head, tail = line.split(word, 1)
    text = Text(head)
    text.append(word, style=STYLES.get(word, "bold"))
    text.append(tail)
    Console(highlight=False, soft_wrap=True).print(text)


@contextlib.contextmanager
def progress(total: int, what: str) -> Iterator[Callable[[str], None]]:
    """A bar over `total` steps on a terminal; elsewhere each step is a plain "what NAME ..." line on stderr.

    The callable takes the next step's name; the bar advances as each step starts and completes at the end.
    """
    if not interactive():
        yield lambda name: click.echo(f"{what} {name} ...", err=True)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task(what, total=total)
        started = [0]

        def step(name: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] += 1
            bar.update(task, description=f"{what} {name}")

        yield step
        bar.update(task, completed=total)
