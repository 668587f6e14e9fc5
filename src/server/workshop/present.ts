import { formatJoinCode } from '../../lib/workshop/codes';
import type { Participant, Workshop } from '../../lib/workshop/records';

/** The public shape of a workshop in API answers. */
export function workshopJson(workshop: Workshop, origin: string) {
  return {
    code: workshop.code,
    displayCode: formatJoinCode(workshop.code),
    title: workshop.title,
    // Short, upper-case and free of ambiguous characters: easy to type and to put in a QR code.
    joinUrl: `${origin}/workshop/?code=${workshop.code}`,
    consoleUrl: `${origin}/workshop/console/?code=${workshop.code}`,
    createdAt: workshop.createdAt,
    endedAt: workshop.endedAt,
    section: workshop.section,
    revealed: workshop.revealed,
  };
}

/** What a participant may know about themselves. */
export function participantJson(p: Participant) {
  return { id: p.id, name: p.name, joinedAt: p.joinedAt, lesson: p.lesson, section: p.section, done: p.done };
}
