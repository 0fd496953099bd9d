/**
 * Voting and scoring on one priority list, for this person: the list's current rounds from
 * the voting store, this person's own ballot (fetched with `vote:mine` / `score:mine`, edited
 * locally, sent whole with `vote:cast` / `score:cast`), who has not voted yet, and the
 * revealed ranking. Facilitator actions (open, close, decide) are here too; their controls
 * are a lazily loaded component.
 */
import { computed, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { canWrite } from '@shared/domain';
import type { ItemView } from '@shared/doc/priority-list';
import { checkDots, dotsUsed, type DotRefusal } from '@shared/ranking/dots';
import { rankItems, type RankedItem } from '@shared/ranking/rank';
import type { Dots, Scores, ScoreOpen, VoteOpen } from '@shared/schemas/voting';
import type { SocketError } from '@shared/schemas/socket';
import * as api from '@client/api/meetings';
import { useVotingStore } from '@client/stores/voting-store';
import { useMeetingPageContext } from '@client/views/meeting/meeting-page-context';

export function useListVoting(options: {
  boardId: MaybeRefOrGetter<string>;
  items: MaybeRefOrGetter<readonly ItemView[]>;
}) {
  const page = useMeetingPageContext();
  const store = useVotingStore();
  const boardId = computed(() => toValue(options.boardId));

  const vote = computed(() => store.votesOf(boardId.value).at(-1) ?? null);
  const scoring = computed(() => store.scoresOf(boardId.value).at(-1) ?? null);
  const decision = computed(() => store.decisionOf(boardId.value));
  const error = ref<SocketError | null>(null);
  const busy = ref(false);
  const sent = ref(false);

  const meId = computed(() => page.store.me?.participantId ?? null);
  const mayVote = computed(() => page.store.canEdit && meId.value !== null);

  // --- my ballot ------------------------------------------------------------------------
  const myDots = ref<Dots>({});
  const myScores = ref<Scores>({});
  const hasVoted = computed(
    () => vote.value?.voters.some((v) => v.participantId === meId.value) ?? false,
  );

  /**
   * Changes this person made to their ballot and score sheet. The stored ballot arrives
   * asynchronously; a dot or score set while it was on its way is newer and is kept.
   */
  let dotEdits = 0;
  let scoreEdits = 0;

  async function loadMine(): Promise<void> {
    sent.value = false;
    const v = vote.value;
    if (v?.status === 'open' && mayVote.value) {
      const before = dotEdits;
      const ack = await page.socket.request('vote:mine', { voteId: v.id });
      if (ack.ok && dotEdits === before) myDots.value = { ...ack.dots };
    } else myDots.value = {};
    const s = scoring.value;
    if (s?.status === 'open' && mayVote.value) {
      const before = scoreEdits;
      const ack = await page.socket.request('score:mine', { voteId: s.id });
      if (ack.ok && scoreEdits === before) myScores.value = structuredClone(ack.scores);
    } else myScores.value = {};
  }
  // Several sources, compared one by one: a new votes slice (someone else voted) must not
  // reload and so reset this person's unsent dots.
  watch(
    [
      () => vote.value?.id,
      () => vote.value?.status,
      () => scoring.value?.id,
      () => scoring.value?.status,
      () => page.socket.status.value,
    ],
    () => void loadMine(),
    { immediate: true },
  );

  const used = computed(() => dotsUsed(myDots.value));
  const remaining = computed(() => (vote.value ? vote.value.dotsPerVoter - used.value : 0));
  const refusal = computed<DotRefusal | null>(() => {
    const v = vote.value;
    if (!v) return null;
    return checkDots(myDots.value, {
      dotsPerVoter: v.dotsPerVoter,
      maxPerItem: v.maxPerItem,
      itemIds: Object.keys(myDots.value),
    });
  });

  function setDots(itemId: string, n: number): void {
    const next = { ...myDots.value };
    if (n <= 0) delete next[itemId];
    else next[itemId] = n;
    dotEdits++;
    myDots.value = next;
    sent.value = false;
  }

  function setScore(itemId: string, criterionId: string, value: number): void {
    const next = structuredClone(myScores.value) as Record<string, Record<string, number>>;
    next[itemId] = { ...(next[itemId] ?? {}), [criterionId]: value };
    scoreEdits++;
    myScores.value = next;
    sent.value = false;
  }

  async function run(send: () => Promise<{ ok: boolean; error?: SocketError }>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      const ack = await send();
      if (!ack.ok) error.value = ack.error ?? { code: 'internal', message: '' };
      return ack.ok;
    } finally {
      busy.value = false;
    }
  }

  async function castDots(): Promise<void> {
    const v = vote.value;
    if (!v) return;
    sent.value = await run(() =>
      page.socket.request('vote:cast', { voteId: v.id, dots: myDots.value }),
    );
  }

  async function castScores(): Promise<void> {
    const s = scoring.value;
    if (!s) return;
    // Only fully scored items are sent: a half-scored item would be refused.
    const complete: Scores = {};
    for (const [itemId, sheet] of Object.entries(myScores.value)) {
      if (s.criteria.every((c) => sheet[c.id] !== undefined)) complete[itemId] = sheet;
    }
    sent.value = await run(() =>
      page.socket.request('score:cast', { voteId: s.id, scores: complete }),
    );
  }

  // --- who has not voted yet --------------------------------------------------------------
  /** People present who may vote and are not among the voters (names only). */
  function notYet(
    voters: readonly { participantId: string }[],
  ): { participantId: string; name: string }[] {
    const voted = new Set(voters.map((v) => v.participantId));
    const seen = new Set<string>();
    const out: { participantId: string; name: string }[] = [];
    for (const p of page.store.presence) {
      if (!canWrite(p.role) || voted.has(p.participantId) || seen.has(p.participantId)) continue;
      seen.add(p.participantId);
      out.push({ participantId: p.participantId, name: p.name });
    }
    return out;
  }

  // --- the reveal -------------------------------------------------------------------------
  const titleOf = (itemId: string): string =>
    toValue(options.items).find((i) => i.id === itemId)?.title ?? '';
  /** Ranking of the revealed dot vote; ties share a rank, list order within a tie. */
  const dotRanking = computed<RankedItem[]>(() => {
    const results = vote.value?.results;
    if (!results) return [];
    const ids = toValue(options.items).map((i) => i.id);
    for (const id of Object.keys(results.totals)) if (!ids.includes(id)) ids.push(id);
    return rankItems(ids, results.totals);
  });

  // --- facilitator ------------------------------------------------------------------------
  const openVote = (settings: Omit<VoteOpen, 'boardId'>) =>
    run(() => page.socket.request('vote:open', { ...settings, boardId: boardId.value }));
  const openScoring = (criteria: ScoreOpen['criteria']) =>
    run(() => page.socket.request('score:open', { boardId: boardId.value, criteria }));
  const closeVote = (voteId: string) => run(() => page.socket.request('vote:close', { voteId }));
  const closeScoring = (voteId: string) =>
    run(() => page.socket.request('score:close', { voteId }));
  const decide = (voteId: string) => run(() => page.socket.request('decision:confirm', { voteId }));
  /** A proxy ballot for a participant without a device (facilitator; recorded as a proxy). */
  const castProxy = (voteId: string, onBehalfOf: string, dots: Dots) =>
    run(() => page.socket.request('vote:cast', { voteId, dots, onBehalfOf }));
  /** The participants a proxy ballot can be for (facilitator; HTTP participant list). */
  async function proxyCandidates(): Promise<
    { participantId: string; name: string; department: string | null }[]
  > {
    const meetingId = page.store.meeting?.id;
    const token = page.token.value;
    if (!meetingId || !token) return [];
    const list = await api.listParticipants(meetingId, token);
    return list.filter((p) => p.participantId !== meId.value);
  }

  return {
    vote,
    scoring,
    decision,
    error,
    busy,
    sent,
    mayVote,
    hasVoted,
    myDots,
    myScores,
    used,
    remaining,
    refusal,
    setDots,
    setScore,
    castDots,
    castScores,
    notYet,
    titleOf,
    dotRanking,
    isFacilitator: computed(() => page.store.isFacilitator),
    openVote,
    openScoring,
    closeVote,
    closeScoring,
    decide,
    castProxy,
    proxyCandidates,
  };
}

export type ListVoting = ReturnType<typeof useListVoting>;
