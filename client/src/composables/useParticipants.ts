/**
 * The facilitator's participant list: everyone who joined (GET …/participants) merged with
 * the live presence slice, grouped by department, and the actions on it: remove someone,
 * make them a co-facilitator or a participant again (stepping down is the same call on
 * oneself). The list is only fetched while it is wanted (the panel is open), and fetched
 * again when presence names someone it does not know yet.
 */
import {
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue';
import type { ParticipantInfo } from '@shared/schemas/http';
import type { PresenceEntry } from '@shared/schemas/socket';
import * as api from '@client/api/meetings';
import {
  groupParticipants,
  hasUnknownParticipant,
  mergeParticipants,
  type ParticipantGroup,
  type ParticipantRow,
} from '@client/lib/participants';

export interface UseParticipantsOptions {
  meetingId: MaybeRefOrGetter<string>;
  token: MaybeRefOrGetter<string | null>;
  /** Fetch and keep the list current only while true (facilitator, panel open). */
  enabled: MaybeRefOrGetter<boolean>;
  presence: MaybeRefOrGetter<readonly PresenceEntry[]>;
  /** The meeting's departments, in the order groups are shown. */
  departments: MaybeRefOrGetter<readonly string[]>;
  /** Wait before fetching again after presence names an unknown person. */
  refetchDelayMs?: number;
}

export type ParticipantAction = 'remove' | 'promote' | 'demote';

export interface Participants {
  rows: ComputedRef<ParticipantRow[]>;
  groups: ComputedRef<ParticipantGroup[]>;
  status: Ref<'idle' | 'loading' | 'ready' | 'error'>;
  /** Why the list could not be fetched. */
  loadError: ShallowRef<unknown>;
  /** Why the last action failed (last_facilitator, rate_limited, network…). */
  actionError: ShallowRef<unknown>;
  /** The person the failed action was for, so the error shows beside them. */
  actionErrorFor: Ref<string | null>;
  /** The person an action is running for. */
  busyId: Ref<string | null>;
  refresh: () => Promise<void>;
  /** Runs an action; resolves true when the server accepted it. */
  act: (participantId: string, action: ParticipantAction) => Promise<boolean>;
  clearActionError: () => void;
}

export function useParticipants(options: UseParticipantsOptions): Participants {
  const list = shallowRef<ParticipantInfo[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const loadError = shallowRef<unknown>(null);
  const actionError = shallowRef<unknown>(null);
  const actionErrorFor = ref<string | null>(null);
  const busyId = ref<string | null>(null);
  /** Removed here: a presence slice sent before the removal may still name them. */
  const removed = shallowRef<ReadonlySet<string>>(new Set());
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const enabled = (): boolean => toValue(options.enabled) && toValue(options.token) !== null;

  async function refresh(): Promise<void> {
    const token = toValue(options.token);
    if (!token) return;
    const mine = ++seq;
    if (status.value !== 'ready') status.value = 'loading';
    try {
      const fetched = await api.listParticipants(toValue(options.meetingId), token);
      if (mine !== seq) return;
      list.value = fetched;
      loadError.value = null;
      status.value = 'ready';
    } catch (err) {
      if (mine !== seq) return;
      loadError.value = err;
      if (status.value !== 'ready') status.value = 'error';
    }
  }

  watch(
    enabled,
    (on) => {
      if (on) {
        actionError.value = null;
        actionErrorFor.value = null;
        void refresh();
      }
    },
    { immediate: true },
  );

  watch(
    () => toValue(options.presence),
    (presence) => {
      if (!enabled() || status.value === 'loading' || timer !== null) return;
      if (!hasUnknownParticipant(list.value, presence)) return;
      timer = setTimeout(() => {
        timer = null;
        if (enabled()) void refresh();
      }, options.refetchDelayMs ?? 400);
    },
  );
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
  });

  const rows = computed(() =>
    mergeParticipants(list.value, toValue(options.presence), removed.value),
  );
  const groups = computed(() => groupParticipants(rows.value, toValue(options.departments)));

  async function act(participantId: string, action: ParticipantAction): Promise<boolean> {
    const token = toValue(options.token);
    if (!token || busyId.value !== null) return false;
    const meetingId = toValue(options.meetingId);
    busyId.value = participantId;
    actionError.value = null;
    actionErrorFor.value = null;
    try {
      if (action === 'remove') {
        await api.removeParticipant(meetingId, participantId, token);
        removed.value = new Set([...removed.value, participantId]);
        list.value = list.value.filter((p) => p.participantId !== participantId);
      } else {
        const role = action === 'promote' ? 'facilitator' : 'participant';
        const updated = await api.setParticipantRole(meetingId, participantId, token, { role });
        list.value = list.value.map((p) => (p.participantId === participantId ? updated : p));
      }
      return true;
    } catch (err) {
      actionError.value = err;
      actionErrorFor.value = participantId;
      return false;
    } finally {
      busyId.value = null;
    }
  }

  return {
    rows,
    groups,
    status,
    loadError,
    actionError,
    actionErrorFor,
    busyId,
    refresh,
    act,
    clearActionError: () => {
      actionError.value = null;
      actionErrorFor.value = null;
    },
  };
}
