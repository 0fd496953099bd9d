/**
 * "Try the sample meeting": one click, the server builds a labelled sample meeting, and this
 * device opens it as its facilitator. Used by the home page and by an empty meeting's
 * first-run guide.
 */
import { ref, shallowRef } from 'vue';
import { createSampleMeeting } from '@client/api/sample';
import { useOpenMeeting } from './useOpenMeeting';

export function useSampleMeeting() {
  const openMeeting = useOpenMeeting();
  const busy = ref(false);
  const error = shallowRef<unknown>(null);

  async function open(): Promise<void> {
    if (busy.value) return;
    error.value = null;
    busy.value = true;
    try {
      await openMeeting(await createSampleMeeting());
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, open };
}
