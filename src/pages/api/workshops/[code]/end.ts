import { endpoint, method } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { end } from '~/server/workshop/instructor';

export const { POST, ALL } = endpoint({
  /** End the workshop: no more joins or progress; participants are told, the data stays for export. */
  POST: method({ caller: instructorWorkshop, handler: ({ caller }) => end(caller) }),
});
