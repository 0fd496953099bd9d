/**
 * How the room decides, as the server publishes it: dot-vote rounds, scoring rounds and
 * decisions (the `votes`, `scores` and `decisions` slices). Ballots are never here except
 * this person's own, fetched with `vote:mine` by the voting composable.
 */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { MeetingState, SliceUpdate } from '@shared/schemas/socket';
import type { DecisionInfo, ScoreInfo, VoteInfo } from '@shared/schemas/voting';

export const useVotingStore = defineStore('voting', () => {
  const votes = shallowRef<VoteInfo[]>([]);
  const scores = shallowRef<ScoreInfo[]>([]);
  const decisions = shallowRef<DecisionInfo[]>([]);

  function applySnapshot(state: MeetingState): void {
    votes.value = state.votes;
    scores.value = state.scores;
    decisions.value = state.decisions;
  }

  function applySlice(update: SliceUpdate): void {
    if (update.slice === 'votes') votes.value = update.value;
    else if (update.slice === 'scores') scores.value = update.value;
    else if (update.slice === 'decisions') decisions.value = update.value;
  }

  /** Rounds of one list, newest last. */
  const votesOf = (boardId: string) => votes.value.filter((v) => v.boardId === boardId);
  const scoresOf = (boardId: string) => scores.value.filter((v) => v.boardId === boardId);
  const decisionOf = (boardId: string) =>
    decisions.value.filter((d) => d.boardId === boardId).at(-1) ?? null;

  return { votes, scores, decisions, applySnapshot, applySlice, votesOf, scoresOf, decisionOf };
});
