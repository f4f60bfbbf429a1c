"""The package's layout, held by reading its imports (shared/STYLE.md): stages import
forward only, shells go through the public API, reportlab stays in render/, nothing cycles,
no module grows past 400 lines and no function takes more than 8 parameters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "handouts"
SHELLS = ("handouts.cli", "handouts.web", "handouts.mail", "handouts.batch")
PUBLIC = ("handouts", "handouts.errors")
NO_REPORTLAB = ("handouts.input", "handouts.words", "handouts.resolve", "handouts.dose_text",
                "handouts.errors", "handouts.figures", "handouts.record")
SINKS = ("handouts.mail", "handouts.batch", "handouts.record")  # a shell may hand work to these


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """Every module ``name`` imports (absolute, at any depth of the file: lazy ones too)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from handouts.render import layout` imports handouts.render.layout (and runs
            # handouts/render/__init__, which is no dependency on what it holds)
            submodules = {f"{base}.{a.name}" for a in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(base)
    return found


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def own_package(name: str) -> str:
    return next((s for s in SHELLS if within(name, [s])), name)


def test_the_layout_is_what_the_readme_says():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == ["cli", "figures", "input", "mail", "record", "render", "web", "words"]
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    for name in MODULES:
        shown = name.removeprefix("handouts.").replace(".", "/")
        if name != "handouts" and not name.endswith("__init__"):
            assert f"`{shown}" in readme, f"the README's module map does not name {shown}"


@pytest.mark.parametrize("name", [m for m in MODULES if within(m, SHELLS)])
def test_shells_use_only_the_public_api(name):
    for target in imports(name):
        if not within(target, ["handouts"]):
            continue
        ok = (target in PUBLIC or within(target, [own_package(name)])
              or within(target, SINKS)
              or (name.startswith("handouts.cli") and within(target, ["handouts.web"])))
        assert ok, f"{name} imports {target}; shells go through the public API (handouts)"


@pytest.mark.parametrize("name", [m for m in MODULES if within(m, ["handouts.record"])])
def test_the_record_uses_only_the_public_api(name):
    for target in imports(name):
        if within(target, ["handouts"]):
            assert target in PUBLIC or within(target, ["handouts.record"]), (
                f"{name} imports {target}; the record goes through the public API (handouts)")


@pytest.mark.parametrize("name", list(MODULES))
def test_nothing_imports_a_shell_that_is_not_its_own(name):
    for target in imports(name):
        for shell in ("handouts.cli", "handouts.web"):
            if within(target, [shell]) and not within(name, ["handouts.cli", shell]):
                pytest.fail(f"{name} imports {target}")


@pytest.mark.parametrize("name", [m for m in MODULES if within(m, NO_REPORTLAB)
                                  or m in ("handouts", "handouts.build", "handouts.files")
                                  or within(m, SHELLS)])
def test_only_render_imports_reportlab(name):
    assert not any(within(t, ["reportlab", "svglib"]) for t in imports(name)), name


def test_no_import_cycles():
    graph = {m: {t for t in imports(m) if t in MODULES and t != m and t != "handouts"}
             for m in MODULES}
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


@pytest.mark.parametrize("name", list(MODULES))
def test_modules_stay_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{name} has {lines} lines; split it by job"


@pytest.mark.parametrize("name", list(MODULES))
def test_functions_take_at_most_eight_parameters(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            a = node.args
            count = len(a.posonlyargs) + len(a.args) + len(a.kwonlyargs)
            count -= bool(a.args) and a.args[0].arg in ("self", "cls")
            assert count <= 8, f"{name}.{node.name} takes {count} parameters; group them"


def test_importing_the_package_loads_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, handouts, handouts.cli, handouts.record; "
            "print(' '.join(m for m in ('reportlab', 'pydantic', 'jinja2', 'yaml', 'sqlalchemy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PACKAGE.parent, check=True).stdout.strip()
    assert out == "", f"importing handouts (or its CLI) loaded {out}"
