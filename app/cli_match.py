"""``renja match`` and ``renja reconcile``: the code of one name, and a reconciliation service
for OpenRefine. Registered on the ``renja`` group."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renja.app.cli import (
    CommandFunction,
    UserError,
    load_reference,
    main,
    nomenclature_option,
    note_line,
)
from renja.model.errors import RenjaError
from renja.model.i18n import N_, _

if TYPE_CHECKING:
    from renja.normalize.match import Match, Matcher

LEVEL_CHOICES = ("program", "kegiatan", "sub_kegiatan")
VERSION_CHOICES = ("1317/2023", "2027")
PEMDA_CHOICES = ("kabkota", "prov")


def list_options(command: CommandFunction) -> CommandFunction:
    """``--versi``, ``--pemda`` and ``--kode-pemda``: which lists candidates come from."""
    for option in reversed(
        (
            click.option(
                "--versi",
                type=click.Choice(VERSION_CHOICES),
                help=N_(
                    "Nomenclature version. Default: the newest entry of each code in every "
                    "version."
                ),
            ),
            click.option(
                "--pemda",
                type=click.Choice(PEMDA_CHOICES),
                help=N_("Type of pemda. Default: from the prefix, else kabkota."),
            ),
            click.option(
                "--kode-pemda",
                help=N_(
                    "Kemendagri region code of the pemda (11.01, 94): lets the regional blocks of "
                    "Aceh, Papua, DIY, Jakarta or Bali be candidates. Default: none of them."
                ),
            ),
        )
    ):
        command = option(command)
    return command


def make_matcher(
    nomenklatur: Path | None, versi: str | None, pemda: str | None, kode_pemda: str | None
) -> Matcher:
    """The matcher the options ask for; a missing nomenclature is a ``ClickException``."""
    from renja.normalize.match import Matcher

    reference = load_reference(nomenklatur, required=True)
    assert reference is not None  # required=True raises instead
    return Matcher(reference, version=versi, jenis_pemda=pemda, kode_pemda=kode_pemda)


def checked_prefix(matcher: Matcher, within: str | None, note: Callable[[str], None]) -> str | None:
    """``within`` read and checked against the nomenclature (``PrefixError`` when it names
    nothing); how it was read, when not as written, goes to ``note``."""
    from renja.normalize.prefix import read_prefix

    if within is None:
        return None
    prefix = read_prefix(matcher.nomenclature, within)
    if prefix.note:
        note(prefix.note)
    return prefix.code


MATCH_HELP = N_(
    "Find the Permendagri 90 code of a name.\n"
    "\n"
    "Prints the best candidates, one per line, best first: "
    "CODE<TAB>LEVEL<TAB>LIST<TAB>SCORE<TAB>NAME, where LIST is the list the entry comes from "
    "(1317/2023 kab/kota, 2027 kab/kota, 2027 provinsi). When the best is not sure (its score "
    "below the acceptance score, or not clearly ahead of the next code), a line on stderr says "
    "so."
)


@main.command(help=MATCH_HELP)
@click.argument("text")
@click.option(
    "--within",
    help=N_("Only codes under this prefix, e.g. 5.03.01.2.07; X.XX matches any bidang."),
)
@click.option("--level", type=click.Choice(LEVEL_CHOICES), help=N_("Only codes of this level."))
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help=N_("How many candidates to print."),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("teks", "json")),
    default="teks",
    show_default=True,
    help=N_("teks: one candidate per line; json: the answer and its candidates as one object."),
)
@list_options
@nomenclature_option
def match(
    text: str,
    within: str | None,
    level: str | None,
    top: int,
    output_format: str,
    versi: str | None,
    pemda: str | None,
    kode_pemda: str | None,
    nomenklatur: Path | None,
) -> None:
    """``renja match``: ``MATCH_HELP``."""
    if not text.strip():
        raise UserError(
            _("The uraian is empty: give the name of a program, kegiatan or sub kegiatan.")
        )
    matcher = make_matcher(nomenklatur, versi, pemda, kode_pemda)
    try:
        prefix = checked_prefix(matcher, within, lambda n: click.echo(note_line(f"{n}."), err=True))
    except RenjaError as exc:
        raise UserError(str(exc)) from None
    result = matcher.match(text, level=level, within=prefix, top=top)
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(within=prefix), ensure_ascii=False, indent=2))
        return
    for candidate in result.candidates:
        click.echo(
            "\t".join(
                (candidate.code, candidate.level, candidate.list_name, f"{candidate.score:g}",
                 candidate.name)
            )
        )  # fmt: skip
    if not result.accepted:
        click.echo(not_sure(matcher, result), err=True)


def not_sure(matcher: Matcher, result: Match) -> str:
    """The stderr line of an answer that is not sure: why."""
    from renja.normalize.match import ACCEPT_SCORE

    best = result.best
    if best is None:
        return _("Not sure: no candidate at this level and prefix.")
    needed = matcher.needed_margin(matcher.normalizer(result.query), best)
    return _(
        "Not sure: the best candidate's score is {score} and its lead over the next code "
        "{margin}; a code is accepted at a score of {accept} or more with a lead of {needed}."
    ).format(
        score=f"{best.score:g}",
        margin=f"{result.margin:g}",
        accept=f"{ACCEPT_SCORE:g}",
        needed=f"{needed:g}",
    )


DEFAULT_PORT = 8765


RECONCILE_HELP = N_(
    "Serve the nomenclature to OpenRefine (W3C Reconciliation API) on 127.0.0.1.\n"
    "\n"
    "In OpenRefine: Reconcile > Start reconciling > Add standard service, and give the address "
    "this prints (http://127.0.0.1:PORT/reconcile). Types are program, kegiatan and "
    "sub_kegiatan; a column may be sent as the properties level, within (a code prefix), bidang "
    "(the SKPD's bidang, 5.03) or kode_pemda. A candidate is marked a match only when renja is "
    "sure of it. Stop with Ctrl+C."
)


@main.command(help=RECONCILE_HELP)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help=N_("Port on 127.0.0.1 to serve on."),
)
@list_options
@nomenclature_option
def reconcile(
    port: int,
    versi: str | None,
    pemda: str | None,
    kode_pemda: str | None,
    nomenklatur: Path | None,
) -> None:
    """``renja reconcile``: ``RECONCILE_HELP``."""
    import socket

    from renja.app.reconcile import ReconcileService
    from renja.app.reconcile_http import HOST, serve

    matcher = make_matcher(nomenklatur, versi, pemda, kode_pemda)
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise UserError(
                _("Port {port} on {host} is taken; choose another with --port.").format(
                    port=port, host=HOST
                )
            ) from None
    base = f"http://{HOST}:{port}"
    matcher.match("persiapan")  # the normal forms, prepared before the first request
    click.echo(
        _("Reconciliation service: {address}/reconcile (stop it with Ctrl+C)").format(
            address=base
        ),
        err=True,
    )
    serve(ReconcileService(matcher, base), port)
