// "Latest call wins" (entrypoints/hubspot.content/useLatest.ts): two overlapping calls whose answers
// arrive out of order; the panel shows the later call's answer, never the older one's.
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLatest } from '../../entrypoints/hubspot.content/useLatest';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function Probe({ ask }: { ask: () => Promise<string> }) {
  const begin = useLatest();
  const [shown, setShown] = useState('none');
  const load = async () => {
    const isLatest = begin();
    const answer = await ask();
    if (isLatest()) setShown(answer);
  };
  return (
    <button type="button" onClick={() => void load()}>
      {shown}
    </button>
  );
}

describe('useLatest', () => {
  it('shows only the later call when two overlapping answers arrive out of order', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    render(<Probe ask={() => answers[calls++]!.promise} />);
    const button = screen.getByRole('button');
    act(() => button.click());
    act(() => button.click());
    expect(calls).toBe(2);
    await act(async () => answers[1]!.resolve('second'));
    expect(button.textContent).toBe('second');
    await act(async () => answers[0]!.resolve('first'));
    expect(button.textContent).toBe('second');
  });

  it('lets a call that was not overtaken through', async () => {
    const answer = deferred<string>();
    render(<Probe ask={() => answer.promise} />);
    const button = screen.getByRole('button');
    act(() => button.click());
    await act(async () => answer.resolve('only'));
    expect(button.textContent).toBe('only');
  });
});
