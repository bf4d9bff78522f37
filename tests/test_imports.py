"""The package's imports form a layered graph (issue 19): no circle, no late import to dodge one, no private
name imported from another module, and ``credscore.errors`` at the bottom, importing nothing of credscore.

Read from the source with :mod:`ast`, so the test sees every import, also those a run would not reach.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "credscore"

#: Imports inside functions that are there for speed, not to dodge a circle: each keeps a heavy or optional
#: dependency (scikit-learn, pandas, pyarrow, Dask, a browser-facing module) out of `import credscore` and
#: of `credscore score`. (module, imported module) -> why.
LAZY_FOR_SPEED = {
    ("credscore", "credscore.transformer"): "scikit-learn, imported on first use of CredibilityFeatures",
    ("credscore", "credscore.batch"): "pandas, imported on first use of score_frame",
    ("credscore", "credscore.summary"): "summarize on first use",
    ("credscore", "credscore.explanations"): "explain on first use",
    ("credscore", "credscore.training"): "scikit-learn and pandas, on first use of train/evaluate",
    ("credscore", "credscore.profiles"): "pandas (0.6 s), imported on first use of credscore.profile",
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports() -> list[tuple[str, str, list[str], bool, bool]]:
    """(module, imported module, names, at module level, under TYPE_CHECKING) for every intra-package import."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[child] = node
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(module, is_package, node)
                names = [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                target, names = node.names[0].name, []
            else:
                continue
            if not (target == "credscore" or target.startswith("credscore.")):
                continue
            top, checking = True, False
            p = parents.get(node)
            while p is not None:
                if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    top = False
                if isinstance(p, ast.If) and "TYPE_CHECKING" in ast.unparse(p.test):
                    checking = True
                p = parents.get(p)
            # "from . import x" names submodules
            if isinstance(node, ast.ImportFrom):
                subs = [f"{target}.{n}" for n in names if (PACKAGE.parent / f"{target}.{n}".replace(".", "/")).exists()
                        or (PACKAGE.parent / (f"{target}.{n}".replace(".", "/") + ".py")).exists()]  # fmt: skip
                if subs:
                    out.extend((module, s, [], top, checking) for s in subs)
                    continue
            out.append((module, target, names, top, checking))
    return out


IMPORTS = _imports()


def _circles(edges: set[tuple[str, str]]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for m, t in edges:
        graph.setdefault(m, set()).add(t)
    state: dict[str, int] = {}
    path: list[str] = []
    circles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                circles.append([*path[path.index(t) :], t])
            elif t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return circles


def test_module_level_imports_form_no_circle() -> None:
    top = {(m, t) for m, t, _n, at_top, checking in IMPORTS if at_top and not checking and m != t}
    circles = _circles(top)
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)


def test_no_late_imports_to_dodge_circles() -> None:
    """An import inside a function is allowed only to keep a heavy module off a path that does not need it:
    in a command of the command line (each imports what it runs, so that ``credscore score`` starts without
    training, reports or pandas) or in :data:`LAZY_FOR_SPEED`. None may dodge a circle: with every late
    import moved to the top, the graph still has none (the package's ``__init__``, which imports its public
    modules on first use by design, aside)."""
    late = {(m, t) for m, t, _n, top, _c in IMPORTS if not top and m != t}
    unexplained = sorted((m, t) for m, t in late - set(LAZY_FOR_SPEED) if not m.startswith("credscore.cli"))
    assert not unexplained, "imports inside functions (move them to the top, or say why they are late):\n" + (
        "\n".join(f"{m} imports {t}" for m, t in unexplained)
    )
    top = {(m, t) for m, t, _n, at_top, checking in IMPORTS if at_top and not checking and m != t}
    hoisted = {(m, t) for m, t in late if m != "credscore"}
    circles = _circles(top | hoisted)
    assert not circles, "late imports that dodge a circle:\n" + "\n".join(" -> ".join(c) for c in circles)


def test_no_private_names_across_modules() -> None:
    private = sorted(
        (m, t, n)
        for m, t, names, _top, _c in IMPORTS
        for n in names
        if n.startswith("_") and not n.startswith("__") and m != t
    )
    assert not private, "private names imported from another module (make them public or move them):\n" + "\n".join(
        f"{m} imports {n} from {t}" for m, t, n in private
    )


def test_errors_sit_at_the_bottom() -> None:
    up = [(t, top) for m, t, _n, top, _c in IMPORTS if m == "credscore.errors"]
    assert up == [], f"credscore.errors imports {up}; it must import nothing of credscore"


@pytest.mark.parametrize(
    "name",
    [
        "ScoreFileError",
        "DocumentTooLongError",
        "ModelError",
        "LabelError",
        "LexiconError",
        "InputError",
        "ProfileError",
        "PlotDependencyError",
    ],
)
def test_every_error_is_defined_in_errors(name: str) -> None:
    import credscore.errors as errors

    cls = getattr(errors, name)
    assert cls.__module__ == "credscore.errors"
    assert issubclass(cls, errors.CredscoreError)
