import { z } from 'astro/zod';
import { editPost } from '~/lib/demos/write-through';
import { postOr404 } from '~/lib/http/respond';
import { endpoint, HttpError, method, oneOf, postId, text } from '~/server/endpoint';

/** Edit a post: `{"title","body","mode"}`, mode `write-through` (default) or `origin-only`. */
export const { PUT, ALL } = endpoint({
  PUT: method({
    params: { id: postId },
    body: z
      .object({
        title: text('title', 200).nullish(),
        body: text('body', 5000).nullish(),
        mode: oneOf(['write-through', 'origin-only'], '"mode" is "write-through" or "origin-only".').default('write-through'),
      })
      .refine((edit) => edit.title || edit.body, 'Send a "title", a "body" or both.'),
    demo: 'write-through',
    handler: async ({ params: { id }, body: { title, body, mode }, learner, bindings }) => {
      const result = await editPost(bindings, learner, id, { title: title ?? undefined, body: body ?? undefined }, mode);
      if (result.busy) {
        throw new HttpError(409, 'conflict', `Another edit of post ${id} is still being saved. Try again in a moment.`, { 'retry-after': '1' });
      }
      return postOr404(result, id);
    },
  }),
});
