import { endpoint, method } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';
import { consoleTicket } from '~/server/workshop/instructor';

export const { POST, ALL } = endpoint({
  /** A ticket that opens this workshop's live feed once, within a minute (WebSockets carry no Bearer header). */
  POST: method({ caller: instructorWorkshop, handler: ({ caller }) => consoleTicket(caller) }),
});
