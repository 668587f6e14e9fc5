import { endpoint, method } from '~/server/endpoint';
import { requireParticipant } from '~/server/workshop/guards';
import { leave } from '~/server/workshop/participant';

export const { POST, ALL } = endpoint({
  /**
   * Leave: the session ends, the learner cookie stays. Joining again with the same code from
   * this browser restores the participant, their namespace and progress.
   */
  POST: method({ caller: requireParticipant, handler: ({ caller, context }) => leave(context, caller) }),
});
