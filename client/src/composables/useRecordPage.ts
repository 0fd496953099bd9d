/**
 * The record page's data: the meeting as the caller sees it (their role), the record, and for
 * facilitators the minutes' settings. Readable with any token of the meeting.
 */
import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { MeetingView, ParticipantInfo } from '@shared/schemas/http';
import type { RecordSettings, SessionRecord } from '@shared/schemas/record';
import { fetchMeeting, listParticipants } from '@client/api/meetings';
import { fetchRecord, fetchRecordSettings } from '@client/api/record';
import { useSessionStore } from '@client/stores/session-store';

export type RecordPageStatus = 'loading' | 'ready' | 'error' | 'needToken';

export function useRecordPage(options: { meetingId: MaybeRefOrGetter<string> }) {
  const session = useSessionStore();
  const token = computed(() => session.tokenFor(toValue(options.meetingId)));
  const status = ref<RecordPageStatus>('loading');
  const error = shallowRef<unknown>(null);
  const meeting = shallowRef<MeetingView | null>(null);
  const record = shallowRef<SessionRecord | null>(null);
  const settings = shallowRef<RecordSettings | null>(null);
  const participants = shallowRef<ParticipantInfo[]>([]);
  const isFacilitator = computed(() => meeting.value?.me.role === 'facilitator');

  async function load(): Promise<void> {
    const t = token.value;
    const id = toValue(options.meetingId);
    if (t === null) {
      status.value = 'needToken';
      return;
    }
    status.value = 'loading';
    error.value = null;
    try {
      const [m, r] = await Promise.all([fetchMeeting(id, t), fetchRecord(id, t)]);
      meeting.value = m;
      record.value = r;
      if (m.me.role === 'facilitator') {
        [settings.value, participants.value] = await Promise.all([
          fetchRecordSettings(id, t),
          listParticipants(id, t),
        ]);
      }
      status.value = 'ready';
    } catch (err) {
      error.value = err;
      status.value = 'error';
    }
  }

  /** Reloads the record only (after a mark or a settings change), keeping the page shown. */
  async function refresh(): Promise<void> {
    const t = token.value;
    if (t === null) return;
    record.value = await fetchRecord(toValue(options.meetingId), t);
  }

  watch([token, () => toValue(options.meetingId)], () => void load(), { immediate: true });

  return {
    token,
    status,
    error,
    meeting,
    record,
    settings,
    participants,
    isFacilitator,
    reload: load,
    refresh,
  };
}
