import { expect, test, type Browser, type Page } from '@playwright/test';
import { asInstructor, createWorkshop, INSTRUCTOR_TOKEN } from './workshop-helpers';

// A participant answers through the lesson pages; the instructor debriefs, reveals and resets
// from the console, and the participant's open pages follow live.

async function joinAs(browser: Browser, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/workshop/?code=${code}`);
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'You are in' })).toBeVisible();
  // The join form is gone once in.
  await expect(page.getByRole('button', { name: 'Join' })).toBeHidden();
  return page;
}

async function openConsole(browser: Browser, code: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/workshop/console/?code=${code}#token=${INSTRUCTOR_TOKEN}`);
  await expect(page.getByTestId('online-count')).toBeVisible();
  return page;
}

const REFLECTION =
  'Product pages and feature flags: read on every request, changed a few times a day.\nI would guess ten thousand reads per write, so a hit rate near 99% is realistic.';

test('the console debriefs a prediction by its choice text and a reflection in full, and the CSV has both', async ({ browser, request }) => {
  const code = await createWorkshop(request, 'Debrief');
  const ada = await joinAs(browser, code, 'Ada');

  await ada.goto('/lessons/basic-operations/');
  const prediction = ada.getByRole('group', { name: /What does env\.KV\.get\('no-such-key', 'json'\) give you\?/ });
  await prediction.getByRole('button', { name: 'null', exact: true }).click();
  await ada.goto('/lessons/reflection/');
  const reflect = ada.getByLabel('In your application: which data is read often but written rarely?', { exact: false });
  await reflect.fill(REFLECTION);
  await reflect.blur();

  const console_ = await openConsole(browser, code);
  const debrief = console_.getByRole('region', { name: 'Debrief: predictions and reflections' });
  const question = debrief.locator('[data-question="l2-missing-json"]');
  await expect(question).toContainText("What does env.KV.get('no-such-key', 'json') give you?");
  const right = question.locator('li[data-correct="true"]');
  await expect(right).toContainText('✓ null');
  await expect(right.getByTestId('choice-count')).toHaveText('1');
  await expect(question.locator('li', { hasText: 'undefined' }).getByTestId('choice-count')).toHaveText('0');
  const reflection = debrief.locator('[data-question="l9-read-often"]');
  await expect(reflection.locator('blockquote')).toHaveText(REFLECTION);
  await expect(reflection).toContainText('— Ada');
  await debrief.getByLabel('Anonymise names (for projecting)').check();
  await expect(reflection).toContainText('— Participant 1');
  await expect(reflection).not.toContainText('Ada');

  const csv = await (await request.get(`/api/workshops/${code}/export?format=csv&of=answers`, { headers: asInstructor })).text();
  expect(csv).toContain(`basic-operations,predict,l2-missing-json,"What does env.KV.get('no-such-key', 'json') give you?",null,yes,1,`);
  expect(csv).toContain(`"${REFLECTION}",,1,Ada`);
});

test('reveal unlocks the participant’s solution on their open page; reset clears their demo panel live', async ({ browser, request }) => {
  const code = await createWorkshop(request, 'Reveal and reset');
  const ada = await joinAs(browser, code, 'Ada');
  const console_ = await openConsole(browser, code);

  // Locked before the reveal: the lock answers 403 to this learner.
  await ada.goto('/exercises/key-builder/');
  expect((await ada.request.get('/api/exercises/key-builder/solution')).status()).toBe(403);
  await expect(ada.getByRole('region', { name: 'Workshop' })).toContainText('Live');
  await console_.getByLabel('Exercise').selectOption('key-builder');
  await console_.getByRole('button', { name: 'Reveal solution' }).click();
  await expect(ada.getByRole('region', { name: 'Your code compared with the solution' })).toBeVisible();
  expect((await ada.request.get('/api/exercises/key-builder/solution')).status()).toBe(200);

  // A demo result on the page, then the instructor resets Ada: the panel starts afresh.
  await ada.goto('/lessons/caching-patterns/');
  const demo = ada.getByRole('complementary', { name: /Live demo: Cache-aside/ });
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('MISS');
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('HIT');
  await expect(ada.getByRole('region', { name: 'Workshop' })).toContainText('Live');
  await console_.locator('tr', { hasText: 'Ada' }).getByRole('button', { name: 'Reset Ada' }).click();
  await expect(demo.getByTestId('cache-status')).toBeHidden();
  await expect(ada.getByRole('region', { name: 'Workshop' })).toContainText('The instructor reset your demo cache');
  // The cache really is empty again.
  await demo.getByRole('button', { name: 'Fetch post' }).click();
  await expect(demo.getByTestId('cache-status')).toHaveText('MISS');
});

test('inside a workshop the monitoring sampler runs its 100 requests within the participant’s budget', async ({ browser, request }) => {
  const code = await createWorkshop(request, 'Monitoring');
  const ada = await joinAs(browser, code, 'Ada');
  await ada.goto('/lessons/monitoring/');
  const demo = ada.getByRole('complementary', { name: /Live demo: Monitoring/i });
  await demo.getByLabel('Requests').selectOption('100');
  await demo.getByRole('button', { name: 'Run 100 requests' }).click();
  await expect(demo.getByTestId('stat-requests')).toHaveText('100', { timeout: 30_000 });
  await expect(demo.getByRole('alert')).toHaveCount(0);
  // The participant's own budget is untouched: other workshop calls still answer.
  expect((await ada.request.get(`/api/workshops/${code}/me`)).status()).toBe(200);
});
