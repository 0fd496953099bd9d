/**
 * POST /api/meetings/sample: one click on the home page makes a sample meeting. The body is
 * empty (the content is fixed and labelled as sample data); anything else is refused, so a
 * client cannot smuggle its own content into a meeting presented as the sample.
 */
import { z } from 'zod';

/** The body of POST /api/meetings/sample: an empty object. */
export const CreateSampleBody = z.object({}).strict();
export type CreateSampleBody = z.infer<typeof CreateSampleBody>;
