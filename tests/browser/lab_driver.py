"""Drive JupyterLab in Debian's Chromium with Playwright.

Shared by the browser tests (``tests/browser/``) and the latency benchmark
(``benchmarks/bench_browser_latency.py``); no pytest in here.

Pieces:

- :class:`LabServer` starts ``jupyter lab`` from this interpreter's environment on a free
  port with a random token, in a throw-away home (config, data, runtime, IPython and
  Matplotlib folders, user settings) and serves a *copy* of the notebook folder with
  outputs, execution counts and stored widget state cleared.
- :func:`launch_browser` starts Debian's Chromium (Playwright's own download is not used).
- :class:`LabNotebook` opens one notebook in a page, runs it, inspects its outputs and
  its explorers (``.lu-explorer`` boxes), and reads a fingerprint of an explorer's figure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"

#: Debian's Chromium; override with ``LU_CHROMIUM``.
CHROMIUM = Path(os.environ.get("LU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM}: skipping the browser tests (tests/browser). "
    "Install it with: apt-get install -y chromium"
)

#: Text that a broken widget view shows instead of the widget.
WIDGET_FAILURE_TEXTS = (
    "Error displaying widget",
    "model not found",
    "Click to show javascript error",
)
LOADING_TEXT = "Loading widget..."
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: The plain-text repr of a widget, shown where the widget manager is missing.
WIDGET_REPR_PATTERN = (
    r"^\s*(VBox|HBox|Box|GridBox|Tab|Accordion|Stack|Output|Canvas|Figure|HTML|HTMLMath|Label|"
    r"Button|Text|Textarea|Dropdown|Select\w*|Toggle\w*|Radio\w*|Checkbox|\w*Slider|"
    r"\w*Progress|Play|Image|interactive)\("
)


def notebook_dir() -> Path:
    """The folder whose ``*.ipynb`` are tested: ``LU_NOTEBOOK_DIR`` or ``<repo>/notebooks``."""
    return Path(os.environ.get("LU_NOTEBOOK_DIR") or REPO_ROOT / "notebooks").resolve()


def discover_notebooks(directory: Path | None = None) -> list[Path]:
    """All notebooks of ``directory`` (default :func:`notebook_dir`), sorted by name."""
    directory = notebook_dir() if directory is None else Path(directory)
    return sorted(p for p in directory.glob("*.ipynb") if p.is_file())


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    """Process ids below ``pid`` (kernels run in their own session, so killpg misses them)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        return []
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _kill_pids(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def clear_notebook(path: Path) -> None:
    """Remove outputs, execution counts and stored widget state from ``path`` in place."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    nb.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "autoStartDefaultKernel": True,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


class LabServer:
    """A ``jupyter lab`` process serving a cleared copy of ``source_dir``.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, source_dir: Path | None = None, startup_timeout: float = 60.0):
        self.source_dir = notebook_dir() if source_dir is None else Path(source_dir)
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(16)
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.home: Path | None = None
        self.root: Path | None = None
        self.log_path: Path | None = None
        self._log_file = None

    # -- set-up ---------------------------------------------------------------------------
    def _prepare(self) -> dict[str, str]:
        self.home = Path(tempfile.mkdtemp(prefix="lu-lab-"))
        self.root = self.home / "notebooks"
        shutil.copytree(
            self.source_dir,
            self.root,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
        for nb in self.root.glob("*.ipynb"):
            clear_notebook(nb)
        dirs = {
            name: self.home / name for name in ("config", "data", "runtime", "ipython", "mpl")
        }
        for d in dirs.values():
            d.mkdir()
        settings_dir = dirs["config"] / "lab" / "user-settings"
        for rel, data in USER_SETTINGS.items():
            _write_json(settings_dir / rel, data)
        env = dict(os.environ)
        for var in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "MPLBACKEND", "JUPYTER_TOKEN"):
            env.pop(var, None)
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            # Inside a venv the environment's share/jupyter (labextensions, kernel specs)
            # comes first anyway; say so explicitly so that nothing depends on defaults.
            JUPYTER_PREFER_ENV_PATH="1",
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
            IPYTHONDIR=str(dirs["ipython"]),
            MPLCONFIGDIR=str(dirs["mpl"]),
            PYTHONUNBUFFERED="1",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        return env

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.expose_app_in_browser=True",
            # no requests to the internet for news or updates
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]

    def start(self) -> "LabServer":
        env = self._prepare()
        self.log_path = self.home / "jupyter-lab.log"
        last_error = ""
        for _attempt in range(3):  # a free port may be taken between choosing and binding
            self.port = _free_port()
            self._log_file = open(self.log_path, "ab")
            self.proc = subprocess.Popen(
                self._command(),
                cwd=self.root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
            try:
                self._wait_ready()
                return self
            except RuntimeError as exc:
                last_error = str(exc)
                self._terminate()
        raise RuntimeError(last_error)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with {self.proc.returncode}:\n{self.log_tail()}"
                )
            try:
                self.api("GET", "/api/status", timeout=2)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise RuntimeError(
            f"jupyter lab did not answer /api/status within {self.startup_timeout} s:\n"
            f"{self.log_tail()}"
        )

    # -- use ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, notebook_name: str) -> str:
        from urllib.parse import quote

        return f"{self.base_url}/lab/tree/{quote(notebook_name)}?reset&token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        req = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Delete every session (and its kernel): each test starts from a clean server."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except (OSError, urllib.error.URLError):
            pass

    def log_tail(self, n: int = 60) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-n:])

    # -- tear-down ------------------------------------------------------------------------
    def _terminate(self) -> None:
        proc = self.proc
        if proc is None:
            return
        children = _descendants(proc.pid)
        if proc.poll() is None:
            try:  # a clean shutdown also stops the kernels
                self.api("POST", "/api/shutdown", timeout=5)
                proc.wait(timeout=10)
            except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
                pass
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
                try:
                    proc.wait(timeout=wait)
                except subprocess.TimeoutExpired:
                    pass
            # kernels live in sessions of their own: end them by id
            _kill_pids([pid for pid in children if _alive(pid)], sig)
        self.proc = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def stop(self) -> None:
        self._terminate()
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None

    def __enter__(self) -> "LabServer":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def launch_browser(playwright: Any, headless: bool = True) -> Any:
    """Debian's Chromium through Playwright (never Playwright's own browser download)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=headless
    )


# ---------------------------------------------------------------------------------------
# In-page JavaScript. `window.jupyterapp` exists thanks to --LabApp.expose_app_in_browser.
# ---------------------------------------------------------------------------------------

_JS_STATE = r"""
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return {state: 'no app'};
  const dialog = document.querySelector('.jp-Dialog');
  if (dialog) return {state: 'dialog', text: dialog.innerText.slice(0, 300)};
  const w = app.shell.currentWidget;
  if (!w || !w.context || !w.content || w.context.path !== path)
    return {state: 'notebook not open'};
  if (!w.context.isReady) return {state: 'document not ready'};
  const session = w.sessionContext && w.sessionContext.session;
  const kernel = session && session.kernel;
  if (!kernel) return {state: 'no kernel'};
  if (!window.__lu || window.__lu.kernelId !== kernel.id) {
    // Record what the kernel publishes outside the cells' own outputs: an exception in a
    // widget callback reaches JupyterLab's log console, not the notebook.
    const lu = window.__lu = {kernelId: kernel.id, iopub: [], busy: 0};
    kernel.iopubMessage.connect((_, msg) => {
      const type = msg.header.msg_type;
      const parent = (msg.parent_header && msg.parent_header.msg_type) || '';
      if (type === 'error') {
        lu.iopub.push({type, parent,
          text: msg.content.ename + ': ' + msg.content.evalue + '\n' +
                (msg.content.traceback || []).join('\n')});
      } else if (type === 'stream' && msg.content.name === 'stderr' && parent !== 'execute_request') {
        lu.iopub.push({type: 'stderr', parent, text: msg.content.text});
      } else if ((type === 'display_data' || type === 'execute_result') && parent === 'comm_msg') {
        const data = msg.content.data || {};
        if (data['application/vnd.jupyter.stderr'])
          lu.iopub.push({type: 'stderr', parent, text: String(data['application/vnd.jupyter.stderr'])});
      }
    });
  }
  if (kernel.connectionStatus !== 'connected') return {state: 'kernel ' + kernel.connectionStatus};
  return {state: 'kernel ' + kernel.status};
}
"""

_JS_RUN_ALL = r"""
() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }
"""

_JS_PROGRESS = r"""
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  let pending = 0, total = 0;
  const errors = [];
  w.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.sharedModel.getSource().trim() === '') return;
    total++;
    if (cell.model.executionCount === null || cell.model.executionCount === undefined) pending++;
    const outs = cell.model.outputs;
    for (let j = 0; j < outs.length; j++) {
      const o = outs.get(j);
      if (o.type === 'error') {
        const j2 = o.toJSON();
        errors.push(`cell ${i}: ${j2.ename}: ${j2.evalue}`);
      }
    }
  });
  return {pending, total, errors, kernel: kernel ? kernel.status : 'none'};
}
"""

_JS_OUTPUT_PROBLEMS = r"""
([failureTexts, loadingText, widgetMime, reprPattern]) => {
  const w = window.jupyterapp.shell.currentWidget;
  const problems = [];
  let loading = 0, blank = 0;
  const repr = new RegExp(reprPattern);
  w.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const outs = cell.model.outputs;
    const children = cell.outputArea ?
      Array.from(cell.outputArea.node.querySelectorAll(':scope > .jp-OutputArea-child')) : [];
    for (let j = 0; j < outs.length; j++) {
      const o = outs.get(j);
      const data = o.data || {};
      if (o.type === 'error') {
        const e = o.toJSON();
        problems.push(`cell ${i}: error output ${e.ename}: ${e.evalue}`);
      }
      const child = children[j];
      const rendered = child && child.querySelector(':scope > .jp-OutputArea-output');
      const mime = rendered ? rendered.getAttribute('data-mime-type') : null;
      // The widget renderer's node carries no data-mime-type; a fallback renderer
      // (text/plain repr, the static PNG, ...) does.
      if (data[widgetMime] && (!rendered || (mime && mime !== widgetMime) ||
                               rendered.childElementCount === 0))
        problems.push(`cell ${i}: output ${j} is a widget but is shown as ` +
                      (rendered ? `${mime || 'an empty view'}: ${rendered.innerText.slice(0, 120)}`
                                : 'nothing'));
      const plain = data['text/plain'];
      if (!data[widgetMime] && typeof plain === 'string' && repr.test(plain))
        problems.push(`cell ${i}: output ${j} is a widget's plain-text repr: ${plain.slice(0, 120)}`);
    }
    for (const fig of cell.node.querySelectorAll('.jupyter-matplotlib')) {
      const c = fig.querySelector('canvas');
      if (c && (!c.width || !c.height)) blank++;
    }
    for (const c of cell.node.querySelectorAll('canvas.lu-frames-canvas'))
      if (!c.width || !c.height) blank++;          // frames not decoded yet
    const text = cell.node.querySelector('.jp-Cell-outputWrapper');
    const shown = text ? text.innerText : '';
    for (const t of failureTexts)
      if (shown.includes(t)) problems.push(`cell ${i}: shows "${t}"`);
    if (shown.includes(loadingText)) loading++;
  });
  return {problems, loading, blank};
}
"""

# Top-level explorers get a data-lu-explorer index so that Python can build locators.
_JS_EXPLORERS = r"""
() => {
  const all = Array.from(document.querySelectorAll('.jp-Notebook .lu-explorer'));
  const top = all.filter(el => !el.parentElement.closest('.lu-explorer'));
  return top.map((el, k) => {
    el.setAttribute('data-lu-explorer', String(k));
    const cell = el.closest('.jp-Cell');
    const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
    const name = Array.from(el.classList).find(c => c.startsWith('lu-') && c !== 'lu-explorer') || 'lu-explorer';
    const sliders = Array.from(el.querySelectorAll('.widget-slider .noUi-handle[role=slider]'))
      .map((h, s) => {
        h.setAttribute('data-lu-slider', String(s));
        const box = h.closest('.widget-slider');
        const label = box && box.querySelector('.widget-label');
        const text = label && label.innerText.trim();
        return text ? `${text} (${s})` : `slider ${s}`;
      });
    const texts = Array.from(el.querySelectorAll('.widget-text input')).map((t, s) => {
      t.setAttribute('data-lu-text', String(s));
      const box = t.closest('.widget-text');
      const label = box && box.querySelector('.widget-label');
      return (label && label.innerText.trim()) || `text ${s}`;
    });
    const dropdowns = Array.from(el.querySelectorAll('.widget-dropdown select')).map((d, s) => {
      d.setAttribute('data-lu-dropdown', String(s));
      return {options: Array.from(d.options).map(o => o.value), value: d.value};
    });
    return {index: k, name, cell: cells.indexOf(cell), sliders, texts, dropdowns,
            figures: el.querySelectorAll('.jupyter-matplotlib canvas, img, canvas.lu-frames-canvas').length};
  });
}
"""

# [value, min, max, step] of a slider handle as strings, from the noUiSlider instance ipywidgets
# attaches to the handle's target (unrounded); aria-* attributes where there is none.
_JS_SLIDER_NUMBERS = r"""
(handle) => {
  const target = handle.closest('.noUi-target');
  const api = target && target.noUiSlider;
  if (!api) {
    return [...['aria-valuenow', 'aria-valuemin', 'aria-valuemax'].map((a) => handle.getAttribute(a)), '1'];
  }
  const range = api.options.range;
  return [api.get(true), range.min, range.max, api.options.step]
    .map((v) => String(Number(Array.isArray(v) ? v[0] : v)));
}
"""

# A short fingerprint of everything an explorer draws: the first canvas of each ipympl
# figure and the canvas of client-side frames (toDataURL), and the src of each inline image. null while a canvas has no size yet.
JS_FIGURE_FINGERPRINT_FN = r"""
(el) => {
  const hash = (s) => {  // FNV-1a, enough to tell two images apart
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16) + ':' + s.length;
  };
  const parts = [];
  for (const fig of el.querySelectorAll('.jupyter-matplotlib')) {
    if (fig.parentElement.closest('.jupyter-matplotlib')) continue;
    const c = fig.querySelector('canvas');
    if (!c) continue;
    if (!c.width || !c.height) return null;
    parts.push(hash(c.toDataURL()));
  }
  for (const img of el.querySelectorAll('img')) {
    if (img.closest('.jupyter-matplotlib')) continue;
    parts.push(hash(img.currentSrc || img.src));
  }
  for (const c of el.querySelectorAll('canvas.lu-frames-canvas')) {  // client-side frames
    if (!c.width || !c.height) return null;
    parts.push(hash(c.toDataURL()));
  }
  return parts.join('|');
}
"""

_JS_EXPLORER_STATE = (
    r"""
([index, withFigure]) => {
  const fp = """
    + JS_FIGURE_FINGERPRINT_FN
    + r""";
  const el = document.querySelector(`[data-lu-explorer="${index}"]`);
  if (!el) return null;
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  const statuses = Array.from(el.querySelectorAll('.lu-status')).map(s => ({
    text: s.innerText.trim(), error: s.classList.contains('lu-error')}));
  const errors = Array.from(el.querySelectorAll('.lu-error')).map(s => s.innerText.trim());
  return {figure: withFigure ? fp(el) : '', statuses, errors,
          kernel: kernel ? kernel.status : 'none'};
}
"""
)


# Latency of one key press: arm a watcher before the key goes down, resolve at the first
# draw (canvas drawImage/putImageData hook) or DOM mutation (inline image) that changes the
# explorer's fingerprint. Times are taken inside the page (performance.now), so Playwright's
# round trips are not part of them.
_JS_ARM_TIMER = (
    r"""
([index, timeoutMs]) => {
  const fingerprint = """
    + JS_FIGURE_FINGERPRINT_FN
    + r""";
  const el = document.querySelector(`[data-lu-explorer="${index}"]`);
  if (!window.__luTimerHooks) {
    window.__luTimerHooks = true;
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of ['drawImage', 'putImageData']) {
      const original = proto[name];
      proto[name] = function (...args) {
        const result = original.apply(this, args);
        if (window.__luOnDraw) window.__luOnDraw(this.canvas);
        return result;
      };
    }
    document.addEventListener('keydown', () => { window.__luKeyTime = performance.now(); }, true);
  }
  const before = fingerprint(el);
  window.__luKeyTime = null;
  window.__luTimer = new Promise((resolve) => {
    let done = false, observer = null, timer = null;
    const finish = (result) => {
      done = true; window.__luOnDraw = null; observer.disconnect(); clearTimeout(timer);
      resolve(result);
    };
    const check = (how) => {
      if (done || window.__luKeyTime === null) return;
      const drawnAt = performance.now();  // before fingerprinting, which itself takes time
      const now = fingerprint(el);
      if (now === null || now === before) return;
      finish({ms: drawnAt - window.__luKeyTime, how});
    };
    window.__luOnDraw = (canvas) => { if (el.contains(canvas)) check('canvas draw'); };
    const figureLike = (n) => n.nodeType === 1 &&
      (n.matches('img, canvas') || n.querySelector('img, canvas') !== null);
    observer = new MutationObserver((records) => {
      // readouts and status text change on every press: only images count
      if (records.some(r => r.type === 'attributes' || Array.from(r.addedNodes).some(figureLike)))
        check('dom mutation');
    });
    observer.observe(el, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ['src']});
    timer = setTimeout(() => { if (!done) finish({ms: null, how: 'timeout'}); }, timeoutMs);
  });
  return before;
}
"""
)


# Every figure of the current notebook: static images of the outputs and ipympl canvases.
# For each, the border (4 px wide) is sampled: how many pixels are not fully opaque, and
# their mean luminance (0 black .. 1 white). A figure with a transparent face shows the
# notebook's background through it, which in the dark theme puts black text on near-black.
_JS_FIGURE_BACKGROUNDS = r"""
() => {
  const sample = (source, w, h) => {
    const c = document.createElement('canvas');
    c.width = w; c.height = h;
    const g = c.getContext('2d');
    g.drawImage(source, 0, 0, w, h);
    const d = g.getImageData(0, 0, w, h).data;
    let n = 0, transparent = 0, light = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      if (x >= 4 && x < w - 4 && y >= 4 && y < h - 4) continue;
      const i = 4 * (y * w + x);
      n++;
      if (d[i + 3] < 255) transparent++;
      light += (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]) / 255;
    }
    return {transparent: transparent / n, luminance: light / n};
  };
  const out = [];
  const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
  for (const img of document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img')) {
    if (!img.naturalWidth) continue;
    out.push({kind: 'image', cell: cells.indexOf(img.closest('.jp-Cell')),
              ...sample(img, img.naturalWidth, img.naturalHeight)});
  }
  for (const fig of document.querySelectorAll('.jp-Notebook .jupyter-matplotlib')) {
    const c = fig.querySelector('canvas');
    if (!c || !c.width) continue;
    out.push({kind: 'ipympl canvas', cell: cells.indexOf(fig.closest('.jp-Cell')),
              ...sample(c, c.width, c.height)});
  }
  for (const c of document.querySelectorAll('.jp-Notebook canvas.lu-frames-canvas')) {
    if (!c.width) continue;
    out.push({kind: 'client-side frames', cell: cells.indexOf(c.closest('.jp-Cell')),
              ...sample(c, c.width, c.height)});
  }
  return {theme: document.body.dataset.jpThemeName,
          light: document.body.dataset.jpThemeLight, figures: out};
}
"""


class LabError(AssertionError):
    """Something in JupyterLab did not reach the expected state."""


@dataclass
class Explorer:
    index: int
    name: str
    cell: int
    sliders: list[str]
    texts: list[str]
    dropdowns: list[dict]
    figures: int

    @property
    def selector(self) -> str:
        return f'[data-lu-explorer="{self.index}"]'

    def label(self) -> str:
        return f"{self.name}#{self.index} (cell {self.cell})"


@dataclass
class LabNotebook:
    """One notebook open in one Playwright page."""

    page: Any
    server: LabServer
    name: str
    console: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", lambda msg: self.console.append(f"[{msg.type}] {msg.text}"))
        self.page.on("pageerror", lambda exc: self.console.append(f"[pageerror] {exc}"))

    # -- waiting --------------------------------------------------------------------------
    def wait_for(
        self,
        probe: Callable[[], Any],
        done: Callable[[Any], bool],
        timeout: float,
        what: str,
        interval: float = 0.05,
    ) -> Any:
        """Poll ``probe()`` until ``done(value)``; raise :class:`LabError` naming ``what``."""
        deadline = time.monotonic() + timeout
        value = probe()
        while not done(value):
            if time.monotonic() > deadline:
                raise LabError(f"timed out after {timeout:.0f} s waiting for {what}; last: {value!r}")
            time.sleep(interval)
            value = probe()
        return value

    # -- opening and running --------------------------------------------------------------
    def open(self, timeout: float = 90) -> None:
        self.page.goto(self.server.lab_url(self.name), wait_until="domcontentloaded")

        def probe() -> dict:
            state = self.page.evaluate(_JS_STATE, self.name)
            if state["state"] == "dialog":  # e.g. "Select Kernel": take the default
                button = self.page.locator(".jp-Dialog .jp-Dialog-footer .jp-mod-accept")
                if button.count():
                    button.first.click()
            return state

        self.wait_for(probe, lambda s: s["state"] == "kernel idle", timeout,
                      f"{self.name} to open with an idle kernel")

    def run_all(self, timeout: float = 120) -> dict:
        """Run every cell; wait until each non-empty code cell has run and the kernel is idle.

        Stops early when a cell shows an error (run-all stops there, so later cells never run).
        """
        self.page.evaluate(_JS_RUN_ALL)
        progress = self.wait_for(
            lambda: self.page.evaluate(_JS_PROGRESS),
            lambda p: p["kernel"] == "idle" and (p["pending"] == 0 or p["errors"]),
            timeout,
            f"all cells of {self.name} to run",
            interval=0.1,
        )
        return progress

    def kernel_status(self) -> str:
        return self.page.evaluate(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " const k = w.sessionContext.session && w.sessionContext.session.kernel;"
            " return k ? k.status : 'none'; }"
        )

    def output_problems(self, settle_timeout: float = 20) -> list[str]:
        """Error outputs and broken widget views; waits for "Loading widget..." to resolve."""
        args = [list(WIDGET_FAILURE_TEXTS), LOADING_TEXT, WIDGET_VIEW, WIDGET_REPR_PATTERN]
        try:
            result = self.wait_for(
                lambda: self.page.evaluate(_JS_OUTPUT_PROBLEMS, args),
                lambda r: r["loading"] == 0 and r["blank"] == 0,
                settle_timeout,
                "widgets to finish loading",
                interval=0.1,
            )
        except LabError:
            result = self.page.evaluate(_JS_OUTPUT_PROBLEMS, args)
        problems = list(result["problems"])
        if result["loading"]:
            problems.append(
                f'{result["loading"]} cell(s) still show "{LOADING_TEXT}" after {settle_timeout} s'
            )
        if result["blank"]:
            problems.append(
                f"{result['blank']} ipympl figure(s) never drew: canvas still 0×0 after "
                f"{settle_timeout} s" + self.console_errors_note()
            )
        return problems

    def console_errors(self) -> list[str]:
        """Browser console errors and uncaught page errors so far."""
        return [m for m in self.console if m.startswith(("[error]", "[pageerror]"))]

    def console_errors_note(self) -> str:
        errors = self.console_errors()
        return ("; browser console: " + " | ".join(e[:300] for e in errors[:5])) if errors else ""

    def kernel_messages(self) -> list[dict]:
        """Errors and stderr the kernel published outside cell executions (callbacks)."""
        return self.page.evaluate("() => (window.__lu ? window.__lu.iopub : [])")

    # -- themes ---------------------------------------------------------------------------
    def set_theme(self, name: str, timeout: float = 15) -> None:
        """Switch JupyterLab's theme (``"JupyterLab Dark"``, ``"JupyterLab Light"``)."""
        self.page.evaluate(
            "(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})",
            name)
        self.wait_for(lambda: self.page.evaluate("() => document.body.dataset.jpThemeName"),
                      lambda current: current == name, timeout, f"the theme {name!r}")
        self.page.wait_for_timeout(500)  # the theme's CSS is applied after the attribute

    def figure_backgrounds(self) -> dict:
        """Opacity and luminance of the border of every figure (see _JS_FIGURE_BACKGROUNDS)."""
        return self.page.evaluate(_JS_FIGURE_BACKGROUNDS)

    # -- explorers ------------------------------------------------------------------------
    def explorers(self) -> list[Explorer]:
        return [Explorer(**e) for e in self.page.evaluate(_JS_EXPLORERS)]

    def explorer_state(self, explorer: Explorer, with_figure: bool = True) -> dict:
        state = self.page.evaluate(_JS_EXPLORER_STATE, [explorer.index, with_figure])
        if state is None:
            raise LabError(f"{explorer.label()} is no longer in the page")
        return state

    def settled_figure(self, explorer: Explorer, timeout: float = 15, quiet: float = 0.3) -> str:
        """Fingerprint once the kernel is idle and the figure has not changed for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while True:
            state = self.explorer_state(explorer)
            now = time.monotonic()
            fp = state["figure"]
            if fp != last or state["kernel"] != "idle" or fp is None:
                last, since = fp, now
            elif now - since >= quiet:
                return fp
            if now > deadline:
                if fp is None:
                    raise LabError(
                        f"{explorer.label()}: its ipympl canvas is still 0×0 after {timeout} s "
                        "(the figure never drew)" + self.console_errors_note()
                    )
                raise LabError(
                    f"{explorer.label()}: figure did not settle within {timeout} s "
                    f"(kernel {state['kernel']}, figure {fp!r})"
                )
            time.sleep(0.04)

    def wait_figure_change(
        self, explorer: Explorer, before: str, timeout: float = 5, what: str = ""
    ) -> str:
        """Wait until the figure differs from ``before``, then until it settles; return it."""
        self.wait_for(
            lambda: self.explorer_state(explorer)["figure"],
            lambda fp: fp is not None and fp != before,
            timeout,
            f"{explorer.label()}: the figure to change after {what}",
            interval=0.04,
        )
        after = self.settled_figure(explorer)
        if after == before:
            raise LabError(f"{explorer.label()}: the figure changed back after {what}")
        return after

    def timed_press(
        self, explorer: Explorer, slider: int, key: str, timeout: float = 5
    ) -> float | None:
        """Press ``key`` on a slider; milliseconds from keydown to the changed figure.

        ``None`` when the figure did not change within ``timeout`` s.
        """
        self.page.evaluate(_JS_ARM_TIMER, [explorer.index, int(timeout * 1000)])
        self.slider_handle(explorer, slider).press(key)
        result = self.page.evaluate("() => window.__luTimer")
        return result["ms"]

    def slider_handle(self, explorer: Explorer, slider: int) -> Any:
        return self.page.locator(f'{explorer.selector} [data-lu-slider="{slider}"]')

    def slider_value(self, explorer: Explorer, slider: int) -> str | None:
        """The slider's value, exactly: noUiSlider's own number, not ``aria-valuenow`` (which
        noUiSlider rounds to one decimal, so that a step of 0.01 seemed not to move it)."""
        return self.slider_handle(explorer, slider).evaluate(_JS_SLIDER_NUMBERS)[0]

    def slider_step(self, explorer: Explorer, slider: int) -> float:
        """The slider's step (what ArrowRight adds)."""
        return float(self.slider_handle(explorer, slider).evaluate(_JS_SLIDER_NUMBERS)[3])

    def slider_bounds(self, explorer: Explorer, slider: int) -> tuple[str | None, str | None]:
        _, low, high, _ = self.slider_handle(explorer, slider).evaluate(_JS_SLIDER_NUMBERS)
        return low, high

    def text_box(self, explorer: Explorer, text: int) -> Any:
        return self.page.locator(f'{explorer.selector} [data-lu-text="{text}"]')

    def dropdown(self, explorer: Explorer, dropdown: int) -> Any:
        return self.page.locator(f'{explorer.selector} [data-lu-dropdown="{dropdown}"]')

    # -- artifacts ------------------------------------------------------------------------
    def save_artifacts(self, stem: str, extra: str = "") -> list[Path]:
        """Screenshot (the whole notebook) and console log under ``tests/browser/artifacts``."""
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        saved = []
        png = ARTIFACTS_DIR / f"{stem}.png"
        try:
            # JupyterLab never scrolls the page itself, only the notebook panel: make the
            # window as tall as the notebook so that the screenshot shows every cell.
            viewport = self.page.viewport_size
            height = self.page.evaluate(
                "() => Math.max(0, ...Array.from(document.querySelectorAll("
                "'.jp-WindowedPanel-outer, .jp-Notebook')).map(n => n.scrollHeight))"
            )
            if viewport and height:
                self.page.set_viewport_size(
                    {"width": viewport["width"], "height": min(int(height) + 250, 15000)}
                )
            self.page.evaluate(
                "() => document.querySelectorAll('.jp-WindowedPanel-outer')"
                ".forEach(n => { n.scrollTop = 0; })"
            )
            self.page.screenshot(path=str(png), full_page=True, timeout=15000)
            saved.append(png)
        except Exception as exc:  # the page may be gone; still write the log
            self.console.append(f"[artifact] screenshot failed: {exc}")
        log = ARTIFACTS_DIR / f"{stem}.console.log"
        try:
            kernel = json.dumps(self.kernel_messages(), indent=1)
        except Exception as exc:
            kernel = f"(unavailable: {exc})"
        log.write_text(
            "## browser console\n" + "\n".join(self.console)
            + "\n\n## kernel errors/stderr outside cells\n" + strip_ansi(kernel)
            + "\n\n## jupyter lab log (tail)\n" + self.server.log_tail(200)
            + ("\n\n## notes\n" + extra if extra else "") + "\n",
            encoding="utf-8",
        )
        saved.append(log)
        return saved


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\\u001b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    """Text without terminal colour codes (kernel tracebacks carry them)."""
    return _ANSI.sub("", text)


# ---------------------------------------------------------------------------------------
# Does an explorer fit the screen? (tests/browser/test_explorer_fit.py)
# ---------------------------------------------------------------------------------------

#: Every explorer as the notebooks create it (and the demo app), for a scratch notebook.
FIT_EXPLORERS: dict[str, str] = {
    "secant (01)": 'secant_explorer("x^3/3 - x", x=0.5, dx=1.5)',
    "taylor (02)": 'taylor_explorer("sin(x) + cos(x)", order=3, x0=0.0)',
    "gradient_field (03)": 'gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5), angle=0.0)',
    "reshape (04)": "reshape_explorer(np.random.default_rng(0).normal(size=(4, 2, 3)).round(2), "
                    "entry=(2, 1, 3))",
    "identity (05)": 'identity_explorer("aT X^-1 b", size=3, seed=0)',
    "gradient_flow (06)": 'gradient_flow_explorer("sigmoid", depth=10)',
    "multivariate_taylor (07)": 'multivariate_taylor_explorer("x^2 + 2*x*y + y^3", '
                                'point=(1.0, 2.0), order=1)',
    "descent (08)": "descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), "
                    "n_steps=60)",
    "error_components (10)": "error_components_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), "
                             "x0=(-3.0, -1.0), step=0.08, n_steps=40)",
    "descent momentum (10)": "descent_explorer(ill, x0=(-2.0, 1.5), step=ill.optimal_step, "
                             "n_steps=150, momentum=True, alpha=0.5, x_range=(-2.5, 2.5), "
                             "y_range=(-1.6, 1.6))",
    "momentum_rate (10)": "momentum_rate_explorer(ill, x0=(-2.0, 1.5), step=0.05, momentum=0.5, "
                          "n_steps=120)",
    "sgd (11)": "sgd_explorer(LeastSquares.synthetic(m=100, seed=0), w0=(3.0, 2.0), batch_size=5, "
                "step=0.05)",
}

_FIT_SETUP = """import numpy as np
from lecture_utils import (
    descent_explorer, error_components_explorer, gradient_field_explorer,
    gradient_flow_explorer, identity_explorer, LeastSquares, momentum_rate_explorer,
    multivariate_taylor_explorer, presentation, Quadratic, reshape_explorer,
    secant_explorer, sgd_explorer, taylor_explorer,
)
ill = Quadratic.with_condition_number(50, angle=np.pi / 6)
presentation({presentation})"""


def write_fit_notebook(path: Path, presentation: bool,
                       explorers: dict[str, str] | None = None) -> list[str]:
    """A scratch notebook at ``path``: set-up, then one cell per explorer (in
    :data:`FIT_EXPLORERS` order), each preceded by a markdown heading. Returns the names."""
    explorers = FIT_EXPLORERS if explorers is None else explorers

    def cell(kind: str, source: str) -> dict:
        base = {"cell_type": kind, "metadata": {}, "source": source}
        return {**base, "outputs": [], "execution_count": None} if kind == "code" else base

    cells = [cell("code", _FIT_SETUP.format(presentation=bool(presentation)))]
    for name, code in explorers.items():
        cells += [cell("markdown", f"### {name}"), cell("code", code)]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    _write_json(path, nb)
    return list(explorers)


# Scroll the explorer's top to the top of the notebook panel, then measure it against what
# the panel shows: its box and the extent of everything inside it, the output area's width,
# every label, readout, drop-down and text that is cut off, and the figure canvas.
_JS_EXPLORER_FIT = r"""
(index) => {
  const el = document.querySelector(`[data-lu-explorer="${index}"]`);
  if (!el) return null;
  const panel = el.closest('.jp-WindowedPanel-outer');
  const out = el.closest('.jp-OutputArea-output') || el.parentElement;
  panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  const P = panel.getBoundingClientRect(), O = out.getBoundingClientRect();
  const E = el.getBoundingClientRect();
  let right = E.right, bottom = E.bottom;
  for (const n of el.querySelectorAll('*')) {
    const r = n.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
  }
  const measure = document.createElement('canvas').getContext('2d');
  const textWidth = (node, text) => {
    const s = getComputedStyle(node);
    measure.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return measure.measureText(text).width;
  };
  const cut = [];
  const what = (n) => (n.innerText || n.value || '').trim().slice(0, 60);
  for (const n of el.querySelectorAll('.widget-label, .widget-readout, .widget-html-content, ' +
                                      '.widget-htmlmath-content, button, input[type=text]')) {
    if (!n.offsetParent) continue;
    if (n.scrollWidth > n.clientWidth + 1)
      cut.push(`${n.className.split(' ')[0] || n.tagName} "${what(n)}" needs ${n.scrollWidth} px, has ${n.clientWidth}`);
  }
  for (const s of el.querySelectorAll('select')) {
    const option = s.options[s.selectedIndex];
    if (!option) continue;
    const st = getComputedStyle(s);
    const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
    const need = textWidth(s, option.text);
    if (need > room + 1)
      cut.push(`drop-down "${option.text}" needs ${Math.ceil(need)} px of text room, has ${Math.floor(room)}`);
  }
  const canvases = [];
  const figures = Array.from(el.querySelectorAll('.jupyter-matplotlib'))
    .filter((fig) => !fig.parentElement.closest('.jupyter-matplotlib'))
    .map((fig) => fig.querySelector('canvas'))
    .concat(Array.from(el.querySelectorAll('canvas.lu-frames-canvas')));   // client-side frames
  for (const c of figures) {
    if (!c) continue;
    const r = c.getBoundingClientRect();
    canvases.push({width: r.width, height: r.height, top: r.top - P.top, bottom: r.bottom - P.top,
                   left: r.left - O.left, right: r.right - O.left,
                   visible: r.width > 0 && r.top >= P.top - 1 && r.bottom <= P.bottom + 1 &&
                            r.left >= O.left - 1 && r.right <= O.right + 1});
  }
  const labels = Array.from(el.querySelectorAll('.widget-label')).map(n => parseFloat(getComputedStyle(n).fontSize));
  return {visibleHeight: panel.clientHeight, outputWidth: out.clientWidth,
          height: E.height, width: E.width,
          extentHeight: bottom - E.top, extentWidth: right - O.left,
          truncated: cut, canvases,
          labelFont: labels.length ? Math.min(...labels) : null,
          window: {width: window.innerWidth, height: window.innerHeight}};
}
"""


def explorer_fit(notebook: "LabNotebook", explorer: Explorer) -> dict:
    """Scroll ``explorer`` to the top of the notebook panel and measure it (see _JS_EXPLORER_FIT)."""
    result = notebook.page.evaluate(_JS_EXPLORER_FIT, explorer.index)
    if result is None:
        raise LabError(f"{explorer.label()} is no longer in the page")
    return result


def fit_problems(name: str, fit: dict) -> list[str]:
    """What does not fit, in words (empty when the explorer fits)."""
    problems = []
    tall = max(fit["height"], fit["extentHeight"])
    wide = max(fit["width"], fit["extentWidth"])
    if tall > fit["visibleHeight"] + 0.5:
        problems.append(f"{name}: {tall:.0f} px tall, the notebook shows {fit['visibleHeight']} px")
    if wide > fit["outputWidth"] + 0.5:
        problems.append(f"{name}: {wide:.0f} px wide, the output area is {fit['outputWidth']} px")
    for text in fit["truncated"]:
        problems.append(f"{name}: cut off: {text}")
    if not fit["canvases"]:
        problems.append(f"{name}: no figure canvas")
    for c in fit["canvases"]:
        if not c["visible"]:
            problems.append(f"{name}: the figure canvas ({c['width']:.0f}×{c['height']:.0f} px, "
                            f"top {c['top']:.0f}, bottom {c['bottom']:.0f}, right {c['right']:.0f}) "
                            "is not fully visible")
    return problems
