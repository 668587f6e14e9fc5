import type { Workshop as WorkshopRecord } from '../../../lib/workshop/records';

/** Shapes the console shares between its parts; the server's own types, imported (types only). */

export interface Lesson {
  slug: string;
  title: string;
  sections: { id: string; text: string }[];
}

export type Workshop = WorkshopRecord & { participants?: number };

/** POST an instructor action; `done` turns the answer into the console's message. */
export type Act = (path: string, body: unknown, done: (b: Record<string, unknown>) => string) => Promise<void>;

/** Download an export: progress or answers, CSV or JSON. */
export type Download = (format: 'csv' | 'json', of?: 'participants' | 'answers') => void;
