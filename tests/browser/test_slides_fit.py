"""Every slide of every ``make slides`` deck fits a 1280×720 frame, and the handout has one page per slide.

The decks are built by ``tools/build_slides.py`` into a temporary folder and opened from
``file://`` in Chromium at a 1280×720 window. The test walks every slide with reveal.js's API
(loaded through require.js: ``window.Reveal`` is not global in nbconvert's template) and
measures, on the slide the audience finally sees (fragments keep their place while hidden):

- the slide's ``scrollHeight`` against the deck's configured height (nothing taller than the
  slide, no scroll box);
- every code block, output, formula (MathJax), table and image inside it: scrolled
  (``scrollWidth > clientWidth``), or its right, bottom or left edge outside the frame.

A failure names the deck, the slide (``h/v`` as in the URL, ``#/h/v``) and what overflows.
The handout (``?print-pdf``, printed with the deck's page size) must have one page per slide,
each holding its whole slide.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import lab_driver

sys.path.insert(0, str(lab_driver.REPO_ROOT / "tools"))
import build_slides  # noqa: E402

NOTEBOOKS = sorted(lab_driver.notebook_dir().glob("*.ipynb"))
WIDTH, HEIGHT = build_slides.SLIDE_WIDTH, build_slides.SLIDE_HEIGHT
#: Sub-pixel rounding of scaled layouts.
TOLERANCE = 2

#: In the page: load reveal.js through require.js, wait until it is ready and MathJax has
#: typeset everything.
JS_READY = """async (revealUrl) => {
  if (!window.Reveal || !window.Reveal.isReady) {
    window.Reveal = await new Promise((ok, fail) => require([revealUrl], ok, fail));
  }
  const start = Date.now();
  const until = (test) => new Promise((ok, fail) => {
    const t = () => test() ? ok() : Date.now() - start > 20000 ? fail(new Error('reveal.js not ready'))
      : setTimeout(t, 50);
    t();
  });
  await until(() => window.Reveal.isReady());
  if (window.MathJax && MathJax.Hub) {   // MathJax's start-up typesetting done
    await new Promise(ok => MathJax.Hub.Register.StartupHook("End", ok));
    await new Promise(ok => MathJax.Hub.Queue(ok));
  }
  const c = Reveal.getConfig();
  return {width: c.width, height: c.height, slides: Reveal.getSlides().length};
}"""

#: In the page: show every slide in turn and list what does not fit.
JS_MEASURE = """async ([tolerance]) => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});   // measure at rest
  const config = Reveal.getConfig();
  const frame = document.querySelector('.reveal .slides').getBoundingClientRect();
  const scale = Reveal.getScale();
  const found = [];
  const describe = (el) => {
    const text = (el.innerText || el.alt || el.getAttribute('src') || '').trim()
      .replace(/\\s+/g, ' ').slice(0, 60);
    return el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/)[0] : '') + ' "' + text + '"';
  };
  // the template re-typesets a slide's formulas when it is shown (MathJax cannot measure
  // them on a hidden slide): wait for MathJax, then until the slide's size holds still
  const frameDone = () => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok)));
  const pause = (ms) => new Promise(ok => setTimeout(ok, ms));
  const wait = async () => {
    await frameDone();
    let last = '', still = 0;
    for (let i = 0; i < 60 && still < 3; i++) {
      if (window.MathJax && MathJax.Hub) await new Promise(ok => MathJax.Hub.Queue(ok));
      await pause(100);
      await frameDone();
      const slide = Reveal.getCurrentSlide();
      const size = slide.scrollHeight + 'x' + slide.scrollWidth + ':'
        + slide.querySelectorAll('.MathJax, .MathJax_Display').length;
      still = size === last ? still + 1 : 0;
      last = size;
    }
  };
  for (const slide of Reveal.getSlides()) {
    const {h, v} = Reveal.getIndices(slide);
    Reveal.slide(h, v);
    await wait();
    const where = h + '/' + (v || 0);
    const problems = [];
    if (slide.scrollHeight > config.height + tolerance) {
      problems.push('slide is ' + slide.scrollHeight + ' px tall (frame ' + config.height + ')');
    }
    if (slide.scrollWidth > config.width + tolerance) {
      problems.push('slide is ' + slide.scrollWidth + ' px wide (frame ' + config.width + ')');
    }
    const selector = 'pre, .highlight, .jp-OutputArea-output, .MathJax_Display, .MathJax, '
      + 'mjx-container, table, img, svg:not(.MathJax svg)';
    for (const el of slide.querySelectorAll(selector)) {
      if (!el.getClientRects().length) continue;   // not rendered (e.g. a MathJax preview)
      const box = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + tolerance && getComputedStyle(el).overflowX !== 'visible') {
        problems.push(describe(el) + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ' px)');
      }
      if (el.scrollHeight > el.clientHeight + tolerance && getComputedStyle(el).overflowY !== 'visible'
          && el.clientHeight > 0) {
        problems.push(describe(el) + ' scrolls (' + el.scrollHeight + ' > ' + el.clientHeight + ' px)');
      }
      const t = tolerance * scale;
      if (box.right > frame.right + t) {
        problems.push(describe(el) + ' ends ' + Math.round((box.right - frame.right) / scale) + ' px right of the slide');
      }
      if (box.left < frame.left - t) {
        problems.push(describe(el) + ' starts ' + Math.round((frame.left - box.left) / scale) + ' px left of the slide');
      }
      if (box.bottom > frame.bottom + t) {
        problems.push(describe(el) + ' ends ' + Math.round((box.bottom - frame.bottom) / scale) + ' px below the slide');
      }
    }
    if (problems.length) found.push({slide: where, problems: [...new Set(problems)]});
  }
  return found;
}"""


def reveal_url(deck: Path) -> str:
    """reveal.js as the deck's template names it to require.js (another name loads a second copy)."""
    return re.search(r'"([^"]*/dist/reveal\.js)"', deck.read_text(encoding="utf-8")).group(1)


def measure(page, deck: Path) -> tuple[dict, list[dict]]:
    """Open ``deck`` in ``page``; return its reveal configuration and the slides that overflow."""
    page.goto(deck.as_uri())
    page.wait_for_selector(".reveal.ready", state="attached", timeout=20_000)
    config = page.evaluate(JS_READY, reveal_url(deck))
    return config, page.evaluate(JS_MEASURE, [TOLERANCE])


def report(deck: Path, overflowing: list[dict]) -> str:
    lines = [f"{deck.name}: {len(overflowing)} slides do not fit {WIDTH}×{HEIGHT}"]
    for item in overflowing:
        lines.append(f"  slide #/{item['slide']}: " + "; ".join(item["problems"][:6]))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("slides")
    return {path.name: path for path in build_slides.build(lab_driver.notebook_dir(), out)}


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_slide_fits_the_frame(notebook, decks, page):
    deck = decks[f"{notebook.stem}.slides.html"]
    config, overflowing = measure(page, deck)
    assert (config["width"], config["height"]) == (WIDTH, HEIGHT), (
        f"{deck.name}: reveal.js frame {config['width']}×{config['height']}, not {WIDTH}×{HEIGHT}")
    assert not overflowing, report(deck, overflowing)


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF Chromium printed (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_handout_has_one_page_per_slide(notebook, decks, page):
    deck = decks[f"{notebook.stem}.slides.html"]
    page.goto(deck.as_uri() + "?print-pdf")
    page.wait_for_selector(".reveal.ready", state="attached", timeout=20_000)
    config = page.evaluate(JS_READY, reveal_url(deck))
    page.wait_for_selector(".reveal .pdf-page", state="attached", timeout=20_000)
    pages = page.evaluate("() => document.querySelectorAll('.reveal .pdf-page').length")
    assert pages == config["slides"], (
        f"{deck.name}: the print layout has {pages} pages for {config['slides']} slides")
    page.wait_for_timeout(500)   # the last formulas typeset
    cut = page.evaluate("""() => [...document.querySelectorAll('.reveal .pdf-page')].flatMap((p, i) => {
      const s = p.querySelector('section');
      return s && s.offsetTop + s.scrollHeight > p.offsetHeight + 2
        ? [i + ': ' + (s.offsetTop + s.scrollHeight) + ' px on a ' + p.offsetHeight + ' px page'] : [];
    })""")
    assert not cut, f"{deck.name}: handout pages cut off at the bottom: {cut}"
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == config["slides"], (
        f"{deck.name}: the handout PDF has {pdf_pages(pdf)} pages for {config['slides']} slides")
