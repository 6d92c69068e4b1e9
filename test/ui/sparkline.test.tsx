import { render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { Sparkline } from '../../src/ui/details/Sparkline.tsx';

afterEach(() => vi.restoreAllMocks());

test('Sparkline draws one point per inspection, two on the same date included, without a key clash', () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const values = [
    { date: '2002-03-01', value: 70 },
    { date: '2002-04-01', value: 72 },
    { date: '2002-04-01', value: 81 },
  ];
  render(<Sparkline values={values} reference={75} label="得分走势" />);
  const titles = [...screen.getByTestId('sparkline').querySelectorAll('circle title')].map((title) => title.textContent);
  expect(titles).toHaveLength(3);
  expect(titles.filter((title) => title?.includes('2002'))).toHaveLength(3);
  expect(errors.mock.calls.filter((call) => String(call[0]).includes('same key'))).toEqual([]);
});
