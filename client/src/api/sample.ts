/** POST /api/meetings/sample (docs/api.md): a sample meeting, labelled as sample data. */
import type { CreateMeetingResult } from '@shared/schemas/http';
import { request } from './client';
import { checkedLater } from './contract';

/** Creates a sample meeting; the caller becomes its facilitator. */
export function createSampleMeeting(): Promise<CreateMeetingResult> {
  return request(checkedLater('CreateMeetingResult'), '/api/meetings/sample', { method: 'POST', body: {} });
}
