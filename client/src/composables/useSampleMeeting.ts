/**
 * "Try the sample meeting": one click, the server builds a labelled sample meeting, and this
 * device opens it as its facilitator. Used by the home page and by an empty meeting's
 * first-run guide.
 */
import { ref, shallowRef } from 'vue';
import { useRouter } from 'vue-router';
import { fetchMeeting } from '@client/api/meetings';
import { createSampleMeeting } from '@client/api/sample';
import { useSessionStore } from '@client/stores/session-store';

export function useSampleMeeting() {
  const router = useRouter();
  const session = useSessionStore();
  const busy = ref(false);
  const error = shallowRef<unknown>(null);

  async function open(): Promise<void> {
    if (busy.value) return;
    error.value = null;
    busy.value = true;
    try {
      const result = await createSampleMeeting();
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
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, open };
}
