import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// The whole suite shares a 2-core machine with other work: give answers
// (debounced lookups, chained queries) time to arrive before a find gives up.
configure({ asyncUtilTimeout: 5000 });

// Dates and times are written in the reader's locale: the tests read them as a British reader would.
beforeEach(() => {
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
