/**
 * Builds the sample meeting (POST /api/meetings/sample) through the same services and the
 * same write path as a real meeting: the meeting service creates it and its boards and joins
 * its delegates; every card, list item and indicator row is written through BoardWriter with
 * the delegate who "wrote" it as the author; the vote is opened, cast and closed by the
 * voting service. The result is a meeting like any other, marked as sample data in its title.
 */
import { addCard, type CardAuthor } from '@shared/doc/swot-board';
import { addItem } from '@shared/doc/priority-list';
import {
  actualKey,
  addRows,
  planKey,
  readSettings,
  targetKey,
  type CellValue,
} from '@shared/doc/indicators';
import { SAMPLE_TITLE_MARK } from '@shared/sample/sample-meeting';
import type { CreateMeetingResult } from '@shared/schemas/http';
import type { BoardWriter } from '../../realtime/yjs/board-writer';
import { AppError } from '../errors';
import type { AuthContext, MeetingService } from '../meeting-service';
import type { VotingService } from '../voting-service';
import {
  SAMPLE_CARDS,
  SAMPLE_DELEGATES,
  SAMPLE_DEPARTMENTS,
  SAMPLE_DISTRICT,
  SAMPLE_DOTS,
  SAMPLE_INDICATORS,
  SAMPLE_PRIORITIES,
} from './sample-content';

/** The sample's title: what it is, and the sample-data mark in both languages. */
export const SAMPLE_MEETING_TITLE = `Hội nghị bàn tròn thử (${SAMPLE_TITLE_MARK})`;

export class SampleMeetingService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly writer: BoardWriter,
    private readonly voting: VotingService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async authOf(token: string): Promise<AuthContext> {
    const auth = await this.meetings.authenticate(token);
    if (!auth) throw new AppError('internal', 'a token just issued did not verify');
    return auth;
  }

  /** Creates and fills a sample meeting; answers like POST /api/meetings. */
  async create(): Promise<CreateMeetingResult> {
    const planYear = this.now().getFullYear() + 1;
    const created = await this.meetings.createMeeting({
      title: SAMPLE_MEETING_TITLE,
      district: SAMPLE_DISTRICT,
      planYear,
      departments: [...SAMPLE_DEPARTMENTS],
    });
    const fac = await this.authOf(created.facilitatorToken);
    const delegates: { auth: AuthContext; author: CardAuthor }[] = [];
    for (const d of SAMPLE_DELEGATES) {
      const department = SAMPLE_DEPARTMENTS[d.department];
      const joined = await this.meetings.join({
        joinCode: created.joinCode,
        name: d.name,
        department,
      });
      const auth = await this.authOf(joined.token);
      delegates.push({ auth, author: { id: joined.participantId, name: d.name, department } });
    }
    const who = (i: number) => delegates[i]!;

    // SWOT cards on the district board and two departments' boards.
    const boards = await this.meetings.listBoards(created.id);
    const district = boards.find((b) => b.department === null)!;
    const boardOf = (key: 'district' | number) =>
      key === 'district'
        ? district.id
        : boards.find((b) => b.department === SAMPLE_DEPARTMENTS[key])!.id;
    for (const card of SAMPLE_CARDS) {
      const { auth, author } = who(card.delegate);
      await this.writer.write(boardOf(card.board), auth.participantId, (doc) => {
        addCard(doc, { quadrant: card.quadrant, text: card.text, author });
      });
    }

    // A priority list with a finished (revealed) dot vote.
    const list = await this.meetings.createBoard(fac, created.id, {
      kind: 'priority',
      title: 'Danh sách ưu tiên đầu tư',
    });
    const itemIds: string[] = [];
    for (const p of SAMPLE_PRIORITIES) {
      const { auth, author } = who(p.delegate);
      await this.writer.write(list.id, auth.participantId, (doc) => {
        itemIds.push(
          addItem(doc, {
            title: p.title,
            description: p.description,
            cost: p.cost,
            department: author.department,
            author: { id: author.id, name: author.name },
          }),
        );
      });
    }
    const voteId = await this.voting.openVote(fac, {
      boardId: list.id,
      dotsPerVoter: 3,
      unit: 'person',
    });
    for (const [i, picks] of SAMPLE_DOTS.entries()) {
      const dots: Record<string, number> = {};
      for (const index of picks) {
        const id = itemIds[index]!;
        dots[id] = (dots[id] ?? 0) + 1;
      }
      await this.voting.castDots(who(i).auth, voteId, dots);
    }
    await this.voting.close(fac, voteId, 'dots');

    // An indicator table with five years of actuals, last year's plan and a target each, so
    // every forecast method has a series to work on.
    const table = await this.meetings.createBoard(fac, created.id, {
      kind: 'indicators',
      title: 'Chỉ tiêu phát triển chủ yếu',
    });
    for (const [i, delegate] of delegates.entries()) {
      const rows = SAMPLE_INDICATORS.filter((r) => r.delegate === i);
      if (rows.length === 0) continue;
      await this.writer.write(table.id, delegate.auth.participantId, (doc) => {
        const { pastYears, lastYear, planYear: target } = readSettings(doc);
        const cell = (raw: string): CellValue => ({ raw, locale: 'vi' });
        addRows(
          doc,
          rows.map((r) => {
            const cells: Record<string, CellValue> = {};
            pastYears.slice(-r.actuals.length).forEach((year, k) => {
              cells[actualKey(year)] = cell(r.actuals[k]!);
            });
            cells[planKey(lastYear)] = cell(r.plan);
            cells[targetKey(target)] = cell(r.target);
            return {
              author: { id: delegate.author.id, name: delegate.author.name },
              name: r.name,
              unit: r.unit,
              department: delegate.author.department,
              higherIsBetter: r.higherIsBetter,
              cells,
            };
          }),
        );
      });
    }
    return created;
  }
}
