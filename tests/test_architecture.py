"""The package's shape, checked on its import graph (``ast``, nothing is imported or run).

* **Layers.** ``maths`` (1) < ``figures`` (2) < ``explorers`` (3); ``exercises`` (4) uses only
  ``maths``. A layer imports only from itself, the layers below it and the shared bases
  (``_validation``, ``_text``; ``style`` for the drawing layers): nothing imports upward, maths
  imports no drawing library, figures import no widgets.
* **Size.** No module is longer than ``MAX_LINES`` lines.
* **Privacy.** A private (``_underscore``) name is not imported from another subpackage.
* **One public API.** Notebooks import only ``from lecture_utils import ...``; every name
  they import is in ``lecture_utils.__all__`` and every name in ``__all__`` is imported by a
  notebook.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lecture_utils"
NOTEBOOKS = [*sorted((ROOT / "notebooks").glob("*.ipynb")), ROOT / "demo" / "explorers.ipynb"]

#: Per layer (the first name after ``lecture_utils.``): the parts of the package it may import
#: from, and third-party top-level packages it must not import.
SHARED = {"_validation", "_text"}
ALLOWED: dict[str, set[str]] = {
    "_text": set(),
    "_validation": set(),
    "style": set(),
    "maths": {"maths", *SHARED},
    "figures": {"figures", "maths", "style", *SHARED},
    "explorers": {"explorers", "figures", "maths", "style", *SHARED},
    "exercises": {"exercises", "maths", *SHARED},
}
WIDGETS = {"ipywidgets", "ipympl"}
DRAWING = {"matplotlib", "IPython", "PIL", *WIDGETS}
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    "_text": DRAWING,
    "_validation": DRAWING,
    "style": WIDGETS,
    "maths": DRAWING,
    "figures": WIDGETS,
    "explorers": set(),
    "exercises": DRAWING,
}

MAX_LINES = 800
#: Modules over MAX_LINES when this test was written, with their length then. They are to be
#: split along their topic seams (issue 15); remove an entry once its module is short enough
#: (the test fails on a stale entry so that the list stays true).
OVERSIZED: dict[str, int] = {
}


@dataclass(frozen=True)
class Import:
    module: str           # the importing module, e.g. "lecture_utils.figures.taylor"
    target: str           # the imported module, e.g. "lecture_utils.maths.taylor" or "numpy"
    name: str | None      # the imported name for ``from target import name``, else None
    line: int

    def where(self) -> str:
        return f"{self.module} (line {self.line})"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(path: Path) -> list[Import]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                # ``from .. import style`` imports the module lecture_utils.style
                submodule = f"{target}.{alias.name}"
                if _is_module(submodule):
                    found.append(Import(module, submodule, None, node.lineno))
                else:
                    found.append(Import(module, target, alias.name, node.lineno))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))
IMPORTS = [imp for path in MODULES for imp in _imports(path)]


def _layer(dotted: str) -> str | None:
    """``"maths"`` for ``lecture_utils.maths.parser``; None for the package itself."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else None


def test_the_graph_is_read():
    assert len(MODULES) > 20
    assert any(i.target == "lecture_utils.maths.parser" for i in IMPORTS)
    assert any(i.target == "lecture_utils.style" for i in IMPORTS)


def test_every_module_belongs_to_a_known_layer():
    layers = {_layer(_module_name(path)) for path in MODULES} - {None}
    unknown = layers - set(ALLOWED)
    assert not unknown, (f"{sorted(unknown)}: add to ALLOWED and FORBIDDEN_LIBRARIES in "
                         "tests/test_architecture.py which layers they may import")


def test_no_layer_imports_upward():
    wrong = []
    for imp in IMPORTS:
        source = _layer(imp.module)
        if source is None or not imp.target.split(".")[0] == "lecture_utils":
            continue  # lecture_utils/__init__.py gathers the public API from every layer
        target = _layer(imp.target)
        if target not in ALLOWED[source]:
            wrong.append(f"{imp.where()} imports {imp.target}"
                         f"{'.' + imp.name if imp.name else ''} (layer {target or 'package'})")
    assert not wrong, "imports against the layer rule:\n" + "\n".join(wrong)


def test_maths_draws_nothing_and_figures_use_no_widgets():
    wrong = []
    for imp in IMPORTS:
        source = _layer(imp.module)
        if source is not None and imp.target.split(".")[0] in FORBIDDEN_LIBRARIES[source]:
            wrong.append(f"{imp.where()} imports {imp.target}")
    assert not wrong, "imports of libraries a layer must not use:\n" + "\n".join(wrong)


def test_exercises_use_maths_only():
    """The checkers compute with layer 1 and answer in text: no figure, no widget."""
    layers = {_layer(i.target) for i in IMPORTS
              if _layer(i.module) == "exercises" and i.target.startswith("lecture_utils.")}
    assert layers <= {"exercises", "maths", *SHARED}, layers


def test_no_private_name_is_imported_from_another_subpackage():
    wrong = [f"{imp.where()} imports {imp.name} from {imp.target}" for imp in IMPORTS
             if imp.name and imp.name.startswith("_") and not imp.name.startswith("__")
             and imp.target.startswith("lecture_utils.")
             and _layer(imp.target) != _layer(imp.module)]
    wrong += [f"{imp.where()} imports the private module {imp.target}" for imp in IMPORTS
              if imp.target.startswith("lecture_utils.") and _layer(imp.module) is not None
              and _layer(imp.target) != _layer(imp.module) and _layer(imp.target) not in SHARED
              and any(p.startswith("_") and not p.startswith("__")
                      for p in imp.target.split(".")[2:])]
    assert not wrong, ("private names used across subpackages (make them public in their "
                       "subpackage or move them to a shared base):\n" + "\n".join(wrong))


def test_no_module_is_longer_than_max_lines():
    lengths = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in MODULES}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in OVERSIZED}
    assert not too_long, f"modules over {MAX_LINES} lines (split them by topic): {too_long}"
    stale = {name for name in OVERSIZED if lengths.get(name, 0) <= MAX_LINES}
    assert not stale, f"{sorted(stale)} no longer exceed {MAX_LINES} lines: remove from OVERSIZED"


def test_the_digit_tables_exist_once():
    """Sub- and superscript digits come from lecture_utils/_text.py."""
    copies = [path.relative_to(PACKAGE).as_posix() for path in MODULES
              if path.name != "_text.py"
              and re.search(r"maketrans\(\s*[\"']0123456789", path.read_text(encoding="utf-8"))]
    assert not copies, f"use lecture_utils._text.subscript/superscript instead of a table in {copies}"


# ===================================================================== public API ====

def _code_cells(notebook: Path) -> list[tuple[int, str]]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        # IPython magics and shell escapes are not Python
        source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                           for line in source.splitlines())
        found.append((index, source))
    return found


def _notebook_imports(notebook: Path) -> tuple[set[str], list[str]]:
    """(names imported with ``from lecture_utils import ...``, other imports of the package)."""
    names: set[str] = set()
    other: list[str] = []
    for index, source in _code_cells(notebook):
        for node in ast.walk(ast.parse(source, f"{notebook.name}, cell {index}")):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "lecture_utils":
                if node.module == "lecture_utils" and not node.level:
                    names |= {alias.name for alias in node.names}
                else:
                    other.append(f"cell {index}: from {node.module} import ...")
            elif isinstance(node, ast.Import):
                other += [f"cell {index}: import {alias.name}" for alias in node.names
                          if alias.name.split(".")[0] == "lecture_utils"]
    return names, other


NOTEBOOK_IMPORTS = {notebook: _notebook_imports(notebook) for notebook in NOTEBOOKS}


def _exported() -> set[str]:
    """``__all__`` of lecture_utils/__init__.py, read without importing the package."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__"
                                                for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise AssertionError("lecture_utils/__init__.py defines no __all__")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_import_only_from_the_package_root(notebook):
    _, other = NOTEBOOK_IMPORTS[notebook]
    assert not other, (f"{notebook.relative_to(ROOT)} imports lecture_utils otherwise than "
                       f"'from lecture_utils import ...': {other}")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_name_a_notebook_imports_is_exported(notebook):
    names, _ = NOTEBOOK_IMPORTS[notebook]
    missing = sorted(names - _exported())
    assert not missing, (f"{notebook.relative_to(ROOT)} imports names that are not in "
                         f"lecture_utils.__all__: {missing}")


def test_every_exported_name_is_used_by_a_notebook():
    used = set().union(*(names for names, _ in NOTEBOOK_IMPORTS.values()))
    unused = sorted(_exported() - used)
    assert not unused, f"lecture_utils.__all__ exports names no notebook imports: {unused}"


def test_all_matches_what_the_package_defines():
    import lecture_utils

    exported = _exported()
    assert len(lecture_utils.__all__) == len(exported), "__all__ lists a name twice"
    missing = sorted(name for name in exported if not hasattr(lecture_utils, name))
    assert not missing, f"__all__ names what lecture_utils does not define: {missing}"
