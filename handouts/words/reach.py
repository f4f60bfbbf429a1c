"""A clinic's wording that reaches past the values it is given into Python's insides
(``{{ cycler.__init__.__globals__ }}``), found before a build: the sandbox (words.text)
refuses it only as a handout is filled in, so ``check`` said OK for a file whose every build
then failed. Found two ways: every branch of the template read for the names the sandbox
refuses (a branch no sample value takes is still found), then the template filled in with
sample values in the sandbox, for a name put together as it runs (``'_' ~ '_class__'``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

import jinja2
from jinja2 import nodes
from jinja2.sandbox import (UNSAFE_ASYNC_GENERATOR_ATTRIBUTES, UNSAFE_COROUTINE_ATTRIBUTES,
                            UNSAFE_GENERATOR_ATTRIBUTES)

# what the sandbox refuses by name on any object (SandboxedEnvironment.is_safe_attribute:
# a leading "_", and jinja2.sandbox.is_internal_attribute's names); Python's own are all "_"
_INTERNAL = {"mro", *UNSAFE_GENERATOR_ATTRIBUTES, *UNSAFE_COROUTINE_ATTRIBUTES,
             *UNSAFE_ASYNC_GENERATOR_ATTRIBUTES}

# the filters whose first argument is a name they look up on each value
_BY_NAME = {"attr", "selectattr", "rejectattr", "groupby"}

# values a wording of the package's is given, as a handout gives them: the sample the
# template is filled in with (a name not here is filled in as nothing, see ``_Lenient``)
SAMPLES: dict[str, Any] = {
    "patient": "Pat Example", "clinic": "Example Clinic", "phone": "555-0100",
    "handout_id": "0123456789ab", "page": 1, "total": 2, "n": 2, "minutes": 5, "week": 1,
    "weeks": 2, "plural": True, "date": dt.date(2026, 11, 23),
}


class _Lenient(jinja2.ChainableUndefined):
    """A value no sample gives, filled in as nothing, so that the rest of the template is
    still filled in: StrictUndefined stopped at the first, before what came after it. What
    the sandbox refuses it gives as an undefined value too, which is refused here at once
    (printed as nothing, it would pass)."""

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None,
                 exc=jinja2.exceptions.UndefinedError):
        if exc is jinja2.exceptions.SecurityError:
            raise exc(hint or f"access to {name!r} is unsafe")
        super().__init__(hint, obj, name, exc)


def refused(source: str, env: jinja2.Environment, template: str | None = None,
            **context: Any) -> tuple[str, int | None] | None:
    """What in ``source`` the sandbox refuses, and its line in ``source`` where known: None
    where nothing. ``env`` is the wording's own (its filters, globals and templates);
    ``template``: the name it loads ``source`` by (its compiled code is kept); ``context``
    adds to the samples (the language's months, a dose)."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return None  # its own problem, told where the file is read
    for node, name in _names(tree):
        if _unsafe(name):
            return _shown(node, name), node.lineno
    if not _put_together(tree):
        return None  # every name is written out, and none is refused: nothing to fill in
    # no templates kept in memory: those are the strict environment's own
    lenient = env.overlay(undefined=_Lenient, cache_size=0)
    try:
        (lenient.get_template(template) if template else lenient.from_string(source)).render(
            **{**SAMPLES, **context})
    except jinja2.exceptions.SecurityError as exc:
        return (exc.message or "what it asks for").rstrip("."), None
    except Exception:  # noqa: BLE001 -- anything else is no reach into Python: told elsewhere
        pass
    return None


def fill_fails(source: str, env: jinja2.Environment, **context: Any) -> str | None:
    """What goes wrong filling ``source`` in with the sample values (and ``context``), in
    the clinic's words (``{{ minutes + ' minutes' }}``: a number and a word added), where
    it is no name left unfilled: None where it fills in, or only lacks a value no sample
    gives. ``check`` tells it, rather than the build of every handout that prints it."""
    from handouts.words.text import FILLING_FAILS, failed

    try:
        env.overlay(undefined=_Lenient, cache_size=0).from_string(source).render(
            **{**SAMPLES, **context})
    except FILLING_FAILS as exc:
        return failed(exc)
    except Exception:  # noqa: BLE001 -- a syntax error or a reach: told elsewhere
        pass
    return None


def said(what: str, instead: str) -> str:
    """The line's words for what ``refused`` found, and what to do ``instead``."""
    return (f"reaches into Python ({what}), which no handout will print: a wording fills in "
            f"only the values it is given; {instead}")


def _shown(node: nodes.Node, name: str) -> str:
    """What the template asks for as written (``cycler.__init__.__globals__``) where it is
    names and dots; else the name."""
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and parts:
        return ".".join([node.name, *reversed(parts)])
    return f'"{name}"'


def _names(tree: nodes.Node) -> Iterator[tuple[nodes.Node, str]]:
    """Every name the template looks up on a value: ``x.name``, ``x['name']``, and the
    name a filter looks up (``attr('name')``, ``map(attribute='a.name')``)."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            yield node, node.attr
        elif isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                yield node, node.arg.value
        else:
            named = [k.value for k in node.kwargs if k.key == "attribute"]
            if node.name in _BY_NAME and node.args:
                named.append(node.args[0])
            for arg in named:
                if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                    for part in arg.value.split("."):  # jinja2 reads "a.b" as a path
                        yield node, part


def _put_together(tree: nodes.Node) -> bool:
    """Whether a name the template looks up is put together as it runs (``x[a ~ b]``,
    ``attr(a)``, ``"{0.name}".format``): only filling it in finds what it is. Most
    wordings have none, and are not filled in (``check`` on a clinic with a language of
    its own fills in hundreds)."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            if node.attr in ("format", "format_map"):
                return True
        elif isinstance(node, nodes.Getitem):
            if not isinstance(node.arg, nodes.Const):
                return True
        elif any(k.key == "attribute" and not isinstance(k.value, nodes.Const)
                 for k in node.kwargs) or (node.name in _BY_NAME and node.args
                                           and not isinstance(node.args[0], nodes.Const)):
            return True
    return False


def _unsafe(name: str) -> bool:
    return name.startswith("_") or name in _INTERNAL
