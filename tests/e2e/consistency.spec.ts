import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('learner writes in one simulated location and watches the others converge in time-lapse', async ({ page }) => {
  await openHydrated(page, '/demos/consistency/');
  const demo = page.getByRole('region', { name: /Live demo: Eventual consistency/ });
  await expect(demo.getByRole('note')).toContainText('This is a model, not KV.');

  await demo.getByLabel('Clock').selectOption({ label: 'Time-lapse 10×' });
  await expect(demo.getByText('the model’s clock runs 10× faster than yours')).toBeVisible();
  await demo.getByRole('button', { name: 'Start readers' }).click();
  // Every location has read the missing key and caches the negative lookup.
  const table = demo.getByRole('table', { name: 'Each location now' });
  await expect(table.getByRole('row', { name: /Sydney \(not found\)/ })).toBeVisible();

  // Pause the model's clock, so nothing expires while the write is checked.
  await demo.getByRole('button', { name: 'Pause readers' }).click();
  await demo.getByLabel('Write at').selectOption({ label: 'Tokyo' });
  await demo.getByLabel('Value').fill('konnichiwa');
  await demo.getByRole('button', { name: 'Write to KV' }).click();
  await expect(table.getByRole('row', { name: /Tokyo “konnichiwa”/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Sydney \(not found\).*stale/ })).toBeVisible();
  await expect(demo.getByTestId('consistency-summary')).toContainText('3 of 4 locations still serve an older answer');

  // cacheTtl 30 s of model time is about a second of yours at 30×.
  await demo.getByLabel('Clock').selectOption({ label: 'Time-lapse 30×' });
  await demo.getByRole('button', { name: 'Start readers' }).click();
  await expect(demo.getByTestId('consistency-summary')).toContainText('All 4 locations now serve “konnichiwa”', { timeout: 10_000 });
  await demo.getByRole('button', { name: 'Pause readers' }).click();

  await demo.getByText('Event log (the timeline as text)').click();
  await expect(demo.getByRole('listitem').filter({ hasText: 'Tokyo · wrote “konnichiwa” to KV' })).toBeVisible();
  await expect(demo.getByRole('listitem').filter({ hasText: 'read “konnichiwa” from KV' }).first()).toBeVisible();
  await expect(demo.getByRole('img', { name: /Timeline of what each simulated location served/ })).toBeVisible();

  // Like KV, the model refuses a cacheTtl under 30 s.
  await demo.getByLabel('cacheTtl (s)').fill('20');
  await demo.getByRole('button', { name: 'Start over' }).click();
  await expect(demo.getByRole('alert')).toContainText('at least 30 seconds');
});
