import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { Header } from '../../src/ui/Header.tsx';

test('Header shows the campaign title in Chinese as the page heading', () => {
  render(<Header />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('鹿城区精品示范社区创建看板');
});
