/** POST /api/meetings/sample (docs/api.md): a sample meeting, labelled as sample data. */
import { CreateMeetingResult } from '@shared/schemas/http';
import { request } from './client';

/** Creates a sample meeting; the caller becomes its facilitator. */
export function createSampleMeeting(): Promise<CreateMeetingResult> {
  return request(CreateMeetingResult, '/api/meetings/sample', { method: 'POST', body: {} });
}
