/**
 * A finished sample meeting built through the public API and real clients, for the record's
 * tests: two participants of two departments write SWOT cards (one forges another's name),
 * edit each other's cards, one renames themself midway, the facilitator designates a
 * secretary, both write the conclusions, the facilitator locks a board and takes a mark.
 * The agenda moves through two steps (SWOT, then priorities); on a priority list (one item
 * written under someone else's name, one promoted from a commune proposal) a dot vote and a
 * scoring round are revealed and the scoring round's ranking is confirmed as the decision.
 * An indicator table holds one row with five past years, last year's plan and a target.
 */
import { addProposal } from '@shared/doc/commune-proposals';
import { addRow } from '@shared/doc/indicators';
import { addItem } from '@shared/doc/priority-list';
import { addCard, editCardText, moveCard } from '@shared/doc/swot-board';
import { conclusionsRoomName, conclusionsText } from '@shared/doc/conclusions';
import type { CreateMeetingResult, JoinResult, MeetingView } from '@shared/schemas/http';
import { ApiClient } from './api';
import { connectSocket, type TestSocketClient } from './socket-client';
import { waitFor } from './wait-for';
import { connectDoc, type TestDocClient } from './yjs-client';

export const SAMPLE = {
  title: 'Hội nghị bàn tròn kế hoạch năm 2026 (dữ liệu mẫu)',
  departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo', 'Phòng Tài nguyên và Môi trường'],
  cards: {
    a1: 'Trạm y tế xã đạt chuẩn quốc gia',
    a2: 'Thiếu bác sĩ ở các xã vùng cao',
    b1: 'Trường học được kiên cố hóa',
    forged: 'Thẻ mạo danh người khác',
  },
  edited: 'Trường học được kiên cố hóa, đạt chuẩn',
  conclusions:
    'Thống nhất ưu tiên đầu tư trạm y tế và trường học ở các xã đặc biệt khó khăn.\nGiao Phòng Tài chính - Kế hoạch tổng hợp.',
  secretaryName: 'Nguyễn Thị Thư Ký',
  renamed: 'Trần Văn Bình (đổi tên)',
  steps: ['Phân tích SWOT', 'Xếp hạng ưu tiên đầu tư'],
  list: 'Danh sách ưu tiên đầu tư',
  items: {
    /** Written by A in B's name: the record must name A. */
    road: 'Nâng cấp đường liên xã',
    school: 'Xây trường mầm non vùng cao',
  },
  schoolCost: 12_500_000_000,
  /** Dots: A puts 3 on the road, B 1 on the road and 2 on the school. */
  dots: { road: 4, school: 2 },
  /** An indicator row written by A: actuals 2021–2025 grow 10 % a year; plan and target. */
  indicator: {
    name: 'Sản lượng lương thực có hạt',
    unit: 'tấn',
    actuals: [1000, 1100, 1210, 1331, 1464.1],
    plan: 1500,
    target: 1700,
  },
  proposal: { title: 'Kênh mương nội đồng bản Hát', commune: 'Xã Nậm Có', cost: 800_000_000 },
  criteria: [
    { id: 'impact', name: 'Tác động', weight: 2, direction: 'higher' },
    { id: 'cost', name: 'Chi phí', weight: 1, direction: 'lower' },
  ],
} as const;

export interface SampleMeeting {
  created: CreateMeetingResult;
  view: MeetingView;
  a: JoinResult & { name: string; department: string };
  b: JoinResult & { name: string; department: string };
  boardId: string;
  /** Card ids by key of SAMPLE.cards. */
  cardIds: Record<keyof typeof SAMPLE.cards, string>;
  listId: string;
  /** The list's items; `canal` was promoted from the commune proposal. */
  itemIds: Record<keyof typeof SAMPLE.items | 'canal', string>;
}

/** Emits a facilitator's or participant's event and resolves with its ack (throws on refusal). */
async function ask(
  s: TestSocketClient,
  event: string,
  payload: unknown,
): Promise<Record<string, unknown>> {
  const timed = s.socket.timeout(10_000) as unknown as {
    emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: { message: string } }>;
  };
  const ack = await timed.emitWithAck(event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error?.message ?? 'refused'}`);
  return ack as unknown as Record<string, unknown>;
}

async function ok(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function buildSampleMeeting(url: string, wsUrl: string): Promise<SampleMeeting> {
  const api = new ApiClient(url);
  const created = await api.createMeeting({
    title: SAMPLE.title,
    district: 'Huyện Mẫu',
    planYear: 2026,
    departments: [...SAMPLE.departments],
  });
  const fac = created.facilitatorToken;
  await ok(
    await api.request('PATCH', `/api/meetings/${created.id}/me`, { name: 'Lê Văn Chủ Trì' }, fac),
  );
  const aJoin = await api.join({
    joinCode: created.joinCode,
    name: 'Phạm Thị An',
    department: 'Phòng Y tế',
  });
  const bJoin = await api.join({
    joinCode: created.joinCode,
    name: 'Trần Văn Bình',
    department: 'Phòng Giáo dục và Đào tạo',
  });
  const secretary = await api.join({
    joinCode: created.joinCode,
    name: SAMPLE.secretaryName,
    department: 'Phòng Y tế',
  });
  const view = await api.meeting(created.id, fac);
  const boardId = view.boards[1]!.id;
  const list = await api.createBoard(created.id, fac, { kind: 'priority', title: SAMPLE.list });
  const clients: TestDocClient[] = [];
  const sockets: TestSocketClient[] = [];
  try {
    const facIo = connectSocket(url, fac);
    sockets.push(facIo);
    await ask(facIo, 'agenda:set', {
      steps: [
        { title: SAMPLE.steps[0], minutes: 30, boardId },
        { title: SAMPLE.steps[1], minutes: 20, boardId: list.id },
      ],
    });
    await waitFor(() => {
      if (facIo.state?.agenda.steps[1]?.title !== SAMPLE.steps[1]) throw new Error('no agenda yet');
    });
    const stepIds = facIo.state!.agenda.steps.map((st) => st.id);
    await ask(facIo, 'agenda:goto', { stepId: stepIds[0] });
    const a = connectDoc(wsUrl, boardId, aJoin.token);
    const b = connectDoc(wsUrl, boardId, bJoin.token);
    clients.push(a, b);
    await Promise.all([a.waitSynced(), b.waitSynced()]);
    const aAuthor = { id: aJoin.participantId, name: 'Phạm Thị An', department: 'Phòng Y tế' };
    const bAuthor = {
      id: bJoin.participantId,
      name: 'Trần Văn Bình',
      department: 'Phòng Giáo dục và Đào tạo',
    };
    const a1 = addCard(a.doc, { quadrant: 'strengths', author: aAuthor, text: SAMPLE.cards.a1 });
    await a.waitSaved();
    const b1 = addCard(b.doc, { quadrant: 'strengths', author: bAuthor, text: SAMPLE.cards.b1 });
    await b.waitSaved();
    // B writes a card in A's name: the record must name B.
    const forged = addCard(b.doc, {
      quadrant: 'threats',
      author: aAuthor,
      text: SAMPLE.cards.forged,
    });
    await b.waitSaved();
    const a2 = addCard(a.doc, { quadrant: 'weaknesses', author: aAuthor, text: SAMPLE.cards.a2 });
    await a.waitSaved();
    await waitFor(() => {
      if (!b.doc.getMap('cards').has(a2)) throw new Error('not relayed yet');
    });
    // B renames themself, then edits their own card and moves A's.
    await ok(
      await api.request(
        'PATCH',
        `/api/meetings/${created.id}/me`,
        { name: SAMPLE.renamed },
        bJoin.token,
      ),
    );
    editCardText(b.doc, b1, SAMPLE.edited);
    moveCard(b.doc, a2, 'threats', 0);
    await b.waitSaved();

    await ok(
      await api.request(
        'PATCH',
        `/api/meetings/${created.id}/record/settings`,
        {
          secretaryId: secretary.participantId,
          issuingBody: 'UBND huyện Mẫu',
          supervisingBody: 'UBND tỉnh Mẫu',
          place: 'Huyện Mẫu',
          documentNumber: '01/BB-UBND',
        },
        fac,
      ),
    );
    const facConclusions = connectDoc(wsUrl, conclusionsRoomName(created.id), fac);
    const secConclusions = connectDoc(wsUrl, conclusionsRoomName(created.id), secretary.token);
    clients.push(facConclusions, secConclusions);
    await Promise.all([facConclusions.waitSynced(), secConclusions.waitSynced()]);
    const [first, second] = SAMPLE.conclusions.split('\n') as [string, string];
    conclusionsText(facConclusions.doc).insert(0, first);
    await facConclusions.waitSaved();
    await waitFor(() => {
      if (conclusionsText(secConclusions.doc).toString() !== first) throw new Error('not relayed');
    });
    conclusionsText(secConclusions.doc).insert(first.length, `\n${second}`);
    await secConclusions.waitSaved();

    // The facilitator locks the board (an automatic mark) and takes one by hand.
    await ask(facIo, 'board:lock', { boardId, locked: true });

    // Step 2: the priority list, a dot vote, a scoring round, the decision.
    await ask(facIo, 'agenda:goto', { stepId: stepIds[1] });
    const la = connectDoc(wsUrl, list.id, aJoin.token);
    const lb = connectDoc(wsUrl, list.id, bJoin.token);
    clients.push(la, lb);
    await Promise.all([la.waitSynced(), lb.waitSynced()]);
    const road = addItem(la.doc, {
      author: { id: bJoin.participantId, name: 'Trần Văn Bình' },
      department: 'Phòng Y tế',
      title: SAMPLE.items.road,
    });
    await la.waitSaved();
    const school = addItem(lb.doc, {
      author: { id: bJoin.participantId, name: SAMPLE.renamed },
      department: 'Phòng Giáo dục và Đào tạo',
      title: SAMPLE.items.school,
      cost: SAMPLE.schoolCost,
    });
    await lb.waitSaved();
    // An indicator table (plan year 2026: last year 2025) and commune proposals.
    const table = await api.createBoard(created.id, fac, {
      kind: 'indicators',
      title: 'Chỉ tiêu chủ yếu',
    });
    const props = await api.createBoard(created.id, fac, {
      kind: 'proposals',
      title: 'Đề xuất của xã',
    });
    const ta = connectDoc(wsUrl, table.id, aJoin.token);
    const pb = connectDoc(wsUrl, props.id, bJoin.token);
    clients.push(ta, pb);
    await Promise.all([ta.waitSynced(), pb.waitSynced()]);
    const { indicator } = SAMPLE;
    addRow(ta.doc, {
      author: { id: aJoin.participantId, name: 'Phạm Thị An' },
      name: indicator.name,
      unit: indicator.unit,
      department: 'Phòng Y tế',
      cells: {
        ...Object.fromEntries(
          indicator.actuals.map((v, i) => [
            `a${2021 + i}`,
            { raw: String(v), locale: 'en' as const },
          ]),
        ),
        p2025: { raw: String(indicator.plan), locale: 'en' },
        t2026: { raw: String(indicator.target), locale: 'en' },
      },
    });
    await ta.waitSaved();
    const proposal = addProposal(pb.doc, {
      author: {
        id: bJoin.participantId,
        name: SAMPLE.renamed,
        department: 'Phòng Giáo dục và Đào tạo',
      },
      title: SAMPLE.proposal.title,
      commune: SAMPLE.proposal.commune,
      cost: SAMPLE.proposal.cost,
    });
    await pb.waitSaved();
    const aIo = connectSocket(url, aJoin.token);
    const bIo = connectSocket(url, bJoin.token);
    sockets.push(aIo, bIo);
    // B takes the commune's proposal into the list: the item names its source and B.
    const canal = (
      await ask(bIo, 'board:promote', {
        fromBoardId: props.id,
        sourceId: proposal,
        toBoardId: list.id,
      })
    ).itemId as string;
    const vote = (
      await ask(facIo, 'vote:open', { boardId: list.id, dotsPerVoter: 3, unit: 'person' })
    ).voteId as string;
    await ask(aIo, 'vote:cast', { voteId: vote, dots: { [road]: 3 } });
    await ask(bIo, 'vote:cast', { voteId: vote, dots: { [road]: 1, [school]: 2 } });
    await ask(facIo, 'vote:close', { voteId: vote });
    const scoring = (
      await ask(facIo, 'score:open', { boardId: list.id, criteria: SAMPLE.criteria })
    ).voteId as string;
    await ask(aIo, 'score:cast', {
      voteId: scoring,
      scores: {
        [road]: { impact: 5, cost: 2 },
        [school]: { impact: 4, cost: 3 },
        [canal]: { impact: 3, cost: 3 },
      },
    });
    await ask(bIo, 'score:cast', {
      voteId: scoring,
      scores: {
        [road]: { impact: 4, cost: 2 },
        [school]: { impact: 5, cost: 4 },
        [canal]: { impact: 3, cost: 3 },
      },
    });
    await ask(facIo, 'score:close', { voteId: scoring });
    await ask(facIo, 'decision:confirm', { voteId: scoring });

    await ok(
      await api.request(
        'POST',
        `/api/meetings/${created.id}/marks`,
        { label: 'Kết thúc thảo luận SWOT' },
        fac,
      ),
    );
    return {
      created,
      view,
      a: { ...aJoin, name: 'Phạm Thị An', department: 'Phòng Y tế' },
      b: { ...bJoin, name: SAMPLE.renamed, department: 'Phòng Giáo dục và Đào tạo' },
      boardId,
      cardIds: { a1, a2, b1, forged },
      listId: list.id,
      itemIds: { road, school, canal },
    };
  } finally {
    for (const c of clients) c.destroy();
    for (const s of sockets) s.close();
  }
}
