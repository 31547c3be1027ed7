"""Browser tests: JupyterLab driven by Playwright in Debian's Chromium.

- Every test under ``tests/browser/`` gets the ``browser`` marker (``-m "not browser"``
  deselects them).
- Without ``/usr/bin/chromium`` (or ``LU_CHROMIUM``) they are skipped with one reason, unless
  ``LU_REQUIRE_BROWSER=1`` (CI), where they fail instead.
- ``LU_NOTEBOOK_DIR`` points them at another notebook folder (default ``<repo>/notebooks``).
- On failure a screenshot and the browser console log go to ``tests/browser/artifacts/``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import lab_driver  # noqa: E402

REQUIRE_BROWSER = os.environ.get("LU_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}
_REPORTS = pytest.StashKey[dict]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives JupyterLab in Debian's Chromium (tests/browser)"
    )


def _is_browser_test(item: pytest.Item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = None
    if not lab_driver.chromium_available() and not REQUIRE_BROWSER:
        skip = pytest.mark.skip(reason=lab_driver.CHROMIUM_MISSING)
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(item: pytest.Item) -> bool:
    reports = item.stash.get(_REPORTS, {})
    return any(r.failed for r in reports.values())


def _require_chromium() -> None:
    if not lab_driver.chromium_available():
        pytest.fail(
            f"LU_REQUIRE_BROWSER=1 and Chromium not found at {lab_driver.CHROMIUM}: the browser "
            "tests must run here. Install it with: apt-get install -y chromium",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def serve():
    """``serve(folder)`` → ``jupyter lab`` started on a cleared copy of ``folder``
    (:class:`lab_driver.LabServer`); a server that does not start fails the test. Every server
    is stopped at the end of the session (or earlier by its user: ``stop`` is idempotent)."""
    _require_chromium()
    servers: list[lab_driver.LabServer] = []

    def _serve(folder: Path) -> lab_driver.LabServer:
        server = lab_driver.LabServer(folder)
        servers.append(server)
        try:
            server.start()
        except RuntimeError as exc:
            server.stop()
            pytest.fail(f"could not start jupyter lab: {exc}", pytrace=False)
        return server

    yield _serve
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def lab_server(serve):
    """``jupyter lab`` serving a cleared copy of the notebook folder, for the whole session."""
    return serve(lab_driver.notebook_dir())


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no server: for pages opened from files)."""
    from playwright.sync_api import sync_playwright

    _require_chromium()
    playwright = sync_playwright().start()
    try:
        browser = lab_driver.launch_browser(playwright)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def browser(lab_server, chromium):
    """Chromium, with JupyterLab running."""
    return chromium


@pytest.fixture
def open_notebook(request: pytest.FixtureRequest, lab_server, browser):
    """``open_notebook(name)`` → :class:`lab_driver.LabNotebook`, opened in a fresh page.

    Tear-down: on failure save a screenshot and the console log; then close the page and
    shut down the kernel.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    opened: list[lab_driver.LabNotebook] = []

    def _open(name: str) -> lab_driver.LabNotebook:
        notebook = lab_driver.LabNotebook(context.new_page(), lab_server, name)
        opened.append(notebook)
        notebook.open()
        return notebook

    yield _open

    if _failed(request.node):
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::")[-1])
        for notebook in opened:
            paths = notebook.save_artifacts(stem)
            sys.stderr.write(
                "\nartifacts: " + ", ".join(str(p.relative_to(lab_driver.REPO_ROOT)) for p in paths) + "\n"
            )
    context.close()
    lab_server.shutdown_kernels()
