import type { APIRequestContext } from '@playwright/test';

/** The instructor token the e2e server runs with (playwright.config.ts passes it to npm start). */
export const INSTRUCTOR_TOKEN = 'e2e-instructor-token-0123456789';
export const asInstructor = { authorization: `Bearer ${INSTRUCTOR_TOKEN}` };

export async function createWorkshop(request: APIRequestContext, title = 'E2E workshop'): Promise<string> {
  const res = await request.post('/api/workshops', { headers: asInstructor, data: { title } });
  if (res.status() !== 201) throw new Error(`create workshop: ${res.status()} ${await res.text()}`);
  return (await res.json()).code;
}
