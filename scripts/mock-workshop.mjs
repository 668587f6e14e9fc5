// A mock workshop in real browsers: one instructor console and several participants, with
// screenshots of every window. For looking at workshop mode end to end.
//   BASE_URL=http://127.0.0.1:4321 INSTRUCTOR_TOKEN=… npm run mock-workshop
// Writes PNGs to screenshots/workshop-*.png. Fails if any page runs injected script.
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const token =
  process.env.INSTRUCTOR_TOKEN ??
  (existsSync('.dev.vars') ? /INSTRUCTOR_TOKEN\s*=\s*"?([^"\n]+)"?/.exec(readFileSync('.dev.vars', 'utf8'))?.[1] : undefined);
if (!token) throw new Error('Set INSTRUCTOR_TOKEN or run npm start once (it writes one to .dev.vars).');
const names = ['Ada', '<img src=x onerror=alert(1)>', 'Grace'];
const executablePath = existsSync(chromium.executablePath())
  ? undefined
  : ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);

mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const injected = [];
async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    injected.push(d.message());
    void d.dismiss();
  });
  return page;
}
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// The instructor opens the printed console link and creates a workshop.
const console_ = await newPage({ width: 1440, height: 1100 });
await console_.goto(`${base}/workshop/console/#token=${encodeURIComponent(token)}`);
await console_.getByLabel('Title participants will see').fill('Caching with KV — <i>live</i> session');
await console_.getByRole('button', { name: 'Create workshop' }).click();
await console_.locator('.console-code').waitFor();
const code = new URL(console_.url()).searchParams.get('code');
console.log(`workshop ${code}`);

// Participants join with the code and go to the lesson.
const participants = [];
for (const name of names) {
  const page = await newPage({ width: 1100, height: 800 });
  await page.goto(`${base}/workshop/?code=${code}`);
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { name: 'You are in' }).waitFor();
  await page.goto(`${base}/lessons/caching-patterns/`);
  await page.locator('.workshop-bar').waitFor();
  participants.push({ name, page });
}

// They use the demo, report progress and answer a prediction.
for (const [i, { page }] of participants.entries()) {
  const fetchPost = page.getByRole('button', { name: 'Fetch post' }).first();
  for (let n = 0; n <= i; n++) {
    await fetchPost.click();
    await pause(250);
  }
  await page.evaluate(
    ([i]) => {
      const done = ['caching-patterns#why-cache', 'caching-patterns#cache-aside'].slice(0, i + 1);
      localStorage.setItem('kvlab:progress', JSON.stringify({ done, last: done.at(-1) }));
      window.dispatchEvent(new CustomEvent('kvlab:progress', { detail: { done, last: done.at(-1) } }));
      window.dispatchEvent(new CustomEvent('kvlab:answer', { detail: { kind: 'predict', id: 'l2-missing-json', value: i === 2 ? 1 : 2 } }));
    },
    [i],
  );
}

// The instructor drives the room.
const sectionSelect = console_.getByLabel('Section');
const firstSection = await sectionSelect.locator('option').last().getAttribute('value');
await sectionSelect.selectOption(firstSection);
await console_.getByRole('button', { name: 'Send the room here' }).click();
await console_.getByRole('button', { name: 'Reveal solution' }).click();
await console_.getByRole('button', { name: 'Everyone fetch the cold key now' }).click();
await pause(1500);
await console_.getByRole('button', { name: 'Same, with request coalescing' }).click();
await pause(1500);
await console_.getByRole('button', { name: 'Write a new value' }).click();
await pause(4000);

await console_.screenshot({ path: 'screenshots/workshop-console.png', fullPage: true });
console.log('screenshots/workshop-console.png');
for (const [i, { page }] of participants.entries()) {
  const file = `screenshots/workshop-participant-${i + 1}.png`;
  await page.screenshot({ path: file });
  console.log(file);
}
const joinPage = await newPage({ width: 390, height: 844 });
await joinPage.goto(`${base}/workshop/?code=${code}`);
await joinPage.screenshot({ path: 'screenshots/workshop-join-phone.png' });
console.log('screenshots/workshop-join-phone.png');

await browser.close();
if (injected.length) {
  console.error(`✖ Injected script ran: ${injected.join(' | ')}`);
  process.exit(1);
}
console.log('No injected script ran in any window.');
