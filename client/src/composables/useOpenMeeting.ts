/**
 * After this device created a meeting (the sample meeting, an imported archive): keep its
 * facilitator token, remember the meeting on the home page, and open it.
 */
import { useRouter } from 'vue-router';
import type { CreateMeetingResult } from '@shared/schemas/http';
import { fetchMeeting } from '@client/api/meetings';
import { useSessionStore } from '@client/stores/session-store';

export function useOpenMeeting(): (result: CreateMeetingResult) => Promise<void> {
  const router = useRouter();
  const session = useSessionStore();
  return async (result) => {
    session.setToken(result.id, result.facilitatorToken);
    const meeting = await fetchMeeting(result.id, result.facilitatorToken);
    session.remember({
      id: result.id,
      title: meeting.title,
      district: meeting.district,
      date: meeting.date,
      role: 'facilitator',
      joinCode: result.joinCode,
      observerToken: result.observerToken,
    });
    await router.push({ name: 'meeting', params: { meetingId: result.id } });
  };
}
