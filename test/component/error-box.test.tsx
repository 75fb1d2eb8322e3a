// The error box speaks the contract's kinds (docs/contract.md, `panel-error[data-error-kind]`): a
// refused request shows as the nearest listed kind, with its own words, never as HubSpot's fault.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBox } from '../../components/ErrorBox';
import { messageFor } from '../../lib/hubspot/messages';

afterEach(cleanup);

describe('ErrorBox', () => {
  it('shows a refused request under a contract kind, with its own text', () => {
    const message = messageFor('invalid-request', { call: 'setAuthor: userName' });
    render(<ErrorBox error={{ kind: 'invalid-request', message, detail: {} }} />);
    const box = screen.getByTestId('panel-error');
    expect(box.getAttribute('data-error-kind')).toBe('invalid-response');
    expect(box.textContent).toContain(message);
    expect(box.textContent).not.toContain(messageFor('invalid-response', {}));
  });

  it('keeps every contract kind as it is', () => {
    render(<ErrorBox error={{ kind: 'rate-limit', message: 'wait', detail: {} }} />);
    expect(screen.getByTestId('panel-error').getAttribute('data-error-kind')).toBe('rate-limit');
  });
});
