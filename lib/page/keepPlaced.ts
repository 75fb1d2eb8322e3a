// Keeps a panel's host element in the page while HubSpot re-renders it. HubSpot's React tree
// replaces whole subtrees (and, on list and workflow pages, children of <body>): a node we put
// there is thrown out without notice. The panel docks right after an anchor when one is given and
// found, and floats as the last child of <body> otherwise.

export interface KeepPlacedOptions {
  /** Ends the watching. */
  signal: AbortSignal;
  /** The element the panel docks after, or null while there is none (then it floats). Without
   *  it the panel always floats, and only <body>'s own children are watched. */
  dockAfter?: () => Element | null;
  /** Told after the host was moved: docked after the anchor, or floating in <body>. */
  onMoved?: (docked: boolean) => void;
}

/** Puts `host` where it belongs once, without waiting for a change: after the anchor when there is
 *  one and it is not already there; into <body> when there is none and the host was thrown out. */
export function placePanel(host: Element, doc: Document, opts: Pick<KeepPlacedOptions, 'dockAfter' | 'onMoved'>): void {
  const after = opts.dockAfter?.() ?? null;
  if (after && host.previousElementSibling !== after) {
    after.after(host);
    opts.onMoved?.(true);
  } else if (!after && !host.isConnected) {
    doc.body.append(host);
    opts.onMoved?.(false);
  }
}

/** Places `host` now and again after every change of the page (at most once per animation frame)
 *  until `signal` aborts. */
export function keepPlaced(host: Element, doc: Document, opts: KeepPlacedOptions): void {
  if (opts.signal.aborted) return;
  const place = () => {
    if (!opts.signal.aborted) placePanel(host, doc, opts);
  };
  place();
  const view = doc.defaultView;
  let queued = false;
  const observer = new (view?.MutationObserver ?? MutationObserver)(() => {
    if (queued) return;
    queued = true;
    const run = () => {
      queued = false;
      place();
    };
    if (view?.requestAnimationFrame) view.requestAnimationFrame(run);
    else setTimeout(run, 0);
  });
  // A docked panel can be thrown out anywhere below <body>, and its anchor appear anywhere.
  observer.observe(doc.body, { childList: true, subtree: Boolean(opts.dockAfter) });
  opts.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
