import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('learner runs the sampler and sees hit rate, a latency chart and its table alternative', async ({ page }) => {
  await openHydrated(page, '/demos/monitoring/');
  const demo = page.getByRole('region', { name: /Live demo: Monitoring/ });
  await expect(demo.getByText('No requests recorded yet')).toBeVisible();

  await demo.getByLabel('Requests').selectOption('10');
  await demo.getByLabel('Spread over posts').selectOption('1');
  await demo.getByRole('button', { name: 'Run 10 requests' }).click();
  await expect(demo.getByRole('progressbar')).toHaveAttribute('value', '10');
  await expect(demo.getByText('Sampler: 10 of 10 requests')).toBeVisible();
  // One post only: the first request misses, the other nine hit.
  await expect(demo.getByTestId('stat-requests')).toHaveText('10');
  await expect(demo.getByTestId('stat-hit-rate')).toHaveText('90.0 %');
  await expect(demo.getByRole('img', { name: /Latency histogram: 9 hits.*1 misses/ })).toBeVisible();

  await demo.getByText('The chart as a table').click();
  const table = demo.getByRole('table', { name: 'Requests per latency bucket' });
  await expect(table).toBeVisible();
  await expect(demo.getByRole('row', { name: /cache-aside 9 1 0 90.0 %/ })).toBeVisible();

  await demo.getByRole('button', { name: 'Clear my statistics' }).click();
  await expect(demo.getByText('No requests recorded yet')).toBeVisible();
});
