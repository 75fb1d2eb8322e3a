import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { keepPlaced } from '../../lib/page/keepPlaced';

export interface MountedPanel {
  root: Root;
  /** The element inside the shadow root that carries the panel's classes (psg-root, psg-floating). */
  wrapper: HTMLElement;
}

/** Mounts a React panel in an open shadow root (floating at first) that lives until `signal`
 *  aborts, and keeps it in the page under HubSpot's re-renders: docked after `dockAfter()` while
 *  that finds an element, floating (class psg-floating) otherwise. The panels' styles come with
 *  the content script (cssInjectionMode 'ui'). */
export async function mountPanel(
  ctx: ContentScriptContext,
  opts: { name: string; className: string; signal: AbortSignal; render: () => ReactElement; dockAfter?: () => Element | null },
): Promise<ShadowRootContentScriptUi<MountedPanel> | null> {
  const ui = await createShadowRootUi<MountedPanel>(ctx, {
    name: opts.name,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const wrapper = document.createElement('div');
      wrapper.className = opts.className;
      container.append(wrapper);
      const root = createRoot(wrapper);
      root.render(opts.render());
      return { root, wrapper };
    },
    onRemove(mounted) {
      mounted?.root.unmount();
    },
  });
  if (opts.signal.aborted) return null;
  ui.mount();
  opts.signal.addEventListener('abort', () => ui.remove(), { once: true });
  keepPlaced(ui.shadowHost, document, {
    signal: opts.signal,
    dockAfter: opts.dockAfter,
    onMoved: (docked) => ui.mounted?.wrapper.classList.toggle('psg-floating', !docked),
  });
  return ui;
}
