/**
 * The join flow: look the meeting up by its code as it is typed, then join it, or, when this
 * browser already holds a working token for that meeting, reuse it (and update the name or
 * department if they changed) instead of creating a second participant.
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { parseJoinCode } from '@shared/join-code';
import type { JoinPreview, Me } from '@shared/schemas/http';
import { ApiRequestError } from '@client/api/client';
import * as api from '@client/api/meetings';
import { holdJoinBoardState } from '@client/boards/join-board-state';
import { useMeetingStore } from '@client/stores/meeting-store';
import { useSessionStore } from '@client/stores/session-store';

export type PreviewStatus = 'idle' | 'loading' | 'found' | 'notFound' | 'error';

export interface UseJoinOptions {
  /** What the person typed in the code field. */
  code: Ref<string>;
  name: Ref<string>;
  department: Ref<string>;
}

export function useJoin(options: UseJoinOptions) {
  const router = useRouter();
  const session = useSessionStore();
  const preview = shallowRef<JoinPreview | null>(null);
  const previewStatus = ref<PreviewStatus>('idle');
  const previewError = shallowRef<unknown>(null);
  /** Who this browser already is in the previewed meeting (a token that still works). */
  const existing = shallowRef<{ me: Me; token: string } | null>(null);
  const submitting = ref(false);
  const submitError = shallowRef<unknown>(null);

  /** The code in canonical form, or null while it is not a well-formed code. */
  const normalizedCode = computed(() => parseJoinCode(options.code.value));

  let controller: AbortController | null = null;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let lastLooked: string | null = null;

  async function lookUp(code: string): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    previewStatus.value = 'loading';
    previewError.value = null;
    existing.value = null;
    try {
      const found = await api.joinPreview(code, current.signal);
      if (current.signal.aborted) return;
      preview.value = found;
      previewStatus.value = 'found';
      await checkExisting(found);
    } catch (err) {
      if (current.signal.aborted) return;
      preview.value = null;
      if (err instanceof ApiRequestError && err.status === 404) previewStatus.value = 'notFound';
      else {
        previewStatus.value = 'error';
        previewError.value = err;
      }
    }
  }

  /** Reuses a stored token for this meeting when the server still accepts it. */
  async function checkExisting(found: JoinPreview): Promise<void> {
    const token = session.tokenFor(found.meetingId);
    if (!token) return;
    try {
      const view = await api.fetchMeeting(found.meetingId, token);
      if (view.me.role === 'observer') return;
      existing.value = { me: view.me, token };
      // Offer who this browser already is, unless the person typed something else.
      const profile = session.profile;
      const name = options.name.value.trim();
      if (!name || name === profile?.name) options.name.value = view.me.name;
      const department = options.department.value;
      if (view.me.department !== null && (!department || department === profile?.department)) {
        options.department.value = view.me.department;
      }
    } catch (err) {
      if (err instanceof ApiRequestError && err.unauthorized) session.clearToken(found.meetingId);
    }
  }

  watch(
    normalizedCode,
    (code) => {
      if (debounce !== null) clearTimeout(debounce);
      if (code === null) {
        controller?.abort();
        preview.value = null;
        existing.value = null;
        previewStatus.value = 'idle';
        return;
      }
      if (preview.value && previewStatus.value === 'found' && code === lastLooked) return;
      lastLooked = code;
      debounce = setTimeout(() => void lookUp(code), 200);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    controller?.abort();
    if (debounce !== null) clearTimeout(debounce);
  });

  async function submit(): Promise<boolean> {
    submitError.value = null;
    const code = normalizedCode.value;
    if (!code) return false;
    submitting.value = true;
    try {
      if (!preview.value || previewStatus.value !== 'found') await lookUp(code);
      const meeting = preview.value;
      if (!meeting) return false;
      const name = options.name.value.trim();
      const department = options.department.value;
      let meetingId = meeting.meetingId;
      let role: Me['role'] = 'participant';
      const reuse = existing.value;
      if (reuse) {
        role = reuse.me.role;
        const changes: { name?: string; department?: string } = {};
        if (name && name !== reuse.me.name) changes.name = name;
        if (department && department !== reuse.me.department) changes.department = department;
        if (Object.keys(changes).length > 0) await api.updateMe(meetingId, reuse.token, changes);
      } else {
        const result = await api.joinMeeting({ joinCode: code, name, department });
        meetingId = result.meetingId;
        session.setToken(meetingId, result.token);
        useMeetingStore().prime(result.meeting);
        // The board the meeting page opens first, as stored: shown before its WebSocket syncs.
        holdJoinBoardState(result.board);
      }
      session.setProfile({ name, department });
      session.remember({
        id: meetingId,
        title: meeting.title,
        district: meeting.district,
        date: null,
        role,
      });
      await router.push({ name: 'meeting', params: { meetingId } });
      return true;
    } catch (err) {
      submitError.value = err;
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return {
    normalizedCode,
    preview,
    previewStatus,
    previewError,
    existing,
    submitting,
    submitError,
    submit,
  };
}
