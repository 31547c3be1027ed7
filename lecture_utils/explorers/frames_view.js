// The front end of lecture_utils.explorers.frames_view.FramesView (an anywidget).
//
// The kernel sends every frame of a slider once (PNG bytes); they are decoded here, up
// front, into ImageBitmaps. A change of `index` (linked to the slider in the page with
// ipywidgets.jslink) draws one of them on the canvas: no message to the kernel, no image
// decoding, no DOM node created on a slider move.

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "lu-frames-canvas";
  canvas.setAttribute("role", "img");
  el.classList.add("lu-frames");
  el.appendChild(canvas);
  const context = canvas.getContext("2d");
  let bitmaps = [];
  let generation = 0;

  // The explorer's status line (and theory line) say what the frame shows at once; the
  // kernel writes the same text when it is free. An error in the status line stays.
  const showTexts = (index) => {
    const explorer = el.closest(".lu-explorer");
    if (!explorer) return;
    const text = (model.get("texts") || [])[index];
    const status = explorer.querySelector(".lu-status:not(.lu-error) .widget-html-content > span");
    if (status && text) status.textContent = text;
    const extra = (model.get("extras") || [])[index];
    const theory = explorer.querySelector(".lu-theory .widget-html-content");
    if (theory && extra) theory.innerHTML = extra;
  };

  const draw = () => {
    const index = model.get("index");
    const bitmap = bitmaps[index];
    if (!bitmap) return;
    context.drawImage(bitmap, 0, 0);
    const text = (model.get("texts") || [])[index];
    if (text) canvas.setAttribute("aria-label", text);
    canvas.dataset.frame = String(index);
    showTexts(index);
  };

  const decode = async () => {
    const mine = ++generation;
    const frames = model.get("frames") || [];
    // An empty frame is a position not drawn (yet): the picture on screen stays.
    const decoded = await Promise.all(frames.map((bytes) => bytes.byteLength === 0 ? null
      : createImageBitmap(new Blob([bytes], { type: "image/png" })).catch(() => null)));
    if (mine !== generation) {          // newer frames arrived meanwhile
      decoded.forEach((bitmap) => bitmap && bitmap.close());
      return;
    }
    const [width, height] = [model.get("width"), model.get("height")];
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    bitmaps.forEach((bitmap) => bitmap && bitmap.close());
    bitmaps = decoded;
    canvas.dataset.ready = String(decoded.filter((bitmap) => bitmap).length);  // frames on hand
    draw();
  };

  model.on("change:index", draw);
  model.on("change:frames", decode);
  decode();
  return () => {
    model.off("change:index", draw);
    model.off("change:frames", decode);
    generation += 1;
    bitmaps.forEach((bitmap) => bitmap && bitmap.close());
    bitmaps = [];
  };
}

export default { render };
