import { describe, expect, it } from 'vitest';
import { createUpdateState } from '../../../src-main/core/updates/state';

describe('the update state the screen shows', () => {
  it('goes idle → downloading → ready, and restarts only once a download is ready', () => {
    const state = createUpdateState();
    let installed = 0;
    expect(state.status()).toEqual({ kind: 'idle' });
    expect(() => state.restart()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    state.downloading('1.3.0', 41.6);
    expect(state.status()).toEqual({ kind: 'downloading', version: '1.3.0', percent: 42 });
    state.downloading('1.3.0', 180);
    expect(state.status()).toMatchObject({ percent: 100 });
    expect(() => state.restart()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    state.ready('1.3.0', () => installed++);
    state.restart();
    expect(installed).toBe(1);
    state.failed();
    expect(state.status()).toEqual({ kind: 'idle' });
    expect(() => state.restart()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
