/**
 * The proposals and indicators sections on a real (in-memory) store: documents written by
 * two participants, one claiming the other's name; the record groups proposals by commune and
 * sector with totals, evaluates last year's plan and forecasts each indicator row with
 * shared/indicators, and names the participant whose connection wrote each entry.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addProposal, initProposalsDoc } from '@shared/doc/commune-proposals';
import { addRow, initIndicatorsDoc } from '@shared/doc/indicators';
import { createLogger } from '../../logger';
import { MeetingEvents } from '../../services/meeting-events';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage';
import { RecordService } from '../record-service';
import { indicatorsSection } from './indicators-section';
import { proposalsSection } from './proposals-section';

const meetingId = 'meeting0001';
const person = (id: string, name: string, department: string | null) => ({
  id,
  meetingId,
  role: 'participant' as const,
  name,
  department,
  createdAt: 1,
  removedAt: null,
});
const board = (id: string, kind: 'proposals' | 'indicators', position: number) => ({
  id,
  meetingId,
  kind,
  title: kind === 'proposals' ? 'Đề xuất của xã' : 'Chỉ tiêu chủ yếu',
  department: null,
  locked: false,
  private: false,
  position,
  createdAt: 1,
});

/** Writes `change` on a copy of the stored document and stores the difference as `by`'s update. */
async function write(
  storage: SqliteStorage,
  boardId: string,
  by: string | null,
  at: number,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const doc = new Y.Doc();
  const stored = await storage.loadDocument(boardId);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  const before = Y.encodeStateVector(doc);
  change(doc);
  await storage.appendUpdate(boardId, Y.encodeStateAsUpdate(doc, before), by, at, {
    serverWrite: by === null,
  });
  doc.destroy();
}

async function setup() {
  const storage = new SqliteStorage({ file: ':memory:' });
  await storage.createMeeting(
    {
      id: meetingId,
      title: 'Hội nghị',
      date: null,
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế', 'Phòng Nông nghiệp và PTNT'],
      joinCode: 'AAAAAA',
      createdAt: 1,
    },
    [
      { ...person('facil000001', 'Chủ trì', null), role: 'facilitator' },
      person('partic00001', 'Phạm Thị An', 'Phòng Y tế'),
      person('partic00002', 'Lò Văn Bình', 'Phòng Nông nghiệp và PTNT'),
    ],
    [board('proposals01', 'proposals', 0), board('indicator01', 'indicators', 1)],
  );
  await write(storage, 'proposals01', null, 2, initProposalsDoc);
  await write(storage, 'indicator01', null, 2, (doc) => initIndicatorsDoc(doc, 2025));
  const record = new RecordService(storage, new MeetingEvents(), createLogger('silent'));
  record.registerProvider(proposalsSection);
  record.registerProvider(indicatorsSection);
  return { storage, record };
}

const bình = { id: 'partic00002', name: 'Lò Văn Bình', department: 'Phòng Nông nghiệp và PTNT' };

describe('record sections', () => {
  it('groups commune proposals by commune then sector, with totals and true authors', async () => {
    const { storage, record } = await setup();
    await write(storage, 'proposals01', 'partic00001', 10, (doc) => {
      // An writes in Bình's name: the record names An.
      addProposal(doc, {
        author: bình,
        title: 'Đường vào bản',
        commune: 'Xã Nậm Có',
        sector: 'Phòng Kinh tế - Hạ tầng',
        cost: 3_000_000_000,
      });
      addProposal(doc, {
        author: bình,
        title: 'Trạm y tế',
        commune: 'Xã Nậm Có',
        sector: 'Phòng Y tế',
      });
    });
    await write(storage, 'proposals01', 'partic00002', 11, (doc) => {
      addProposal(doc, {
        author: bình,
        title: 'Kênh mương',
        commune: 'Xã Bản Công',
        cost: 500_000_000,
      });
    });
    const meeting = (await storage.getMeeting(meetingId))!;
    const r = await record.buildRecord(meeting);
    const [section] = r.proposals;
    expect(section!.communes.map((c) => [c.commune, c.count, c.totalCost, c.withoutCost])).toEqual([
      ['Xã Bản Công', 1, 500_000_000, 0],
      ['Xã Nậm Có', 2, 3_000_000_000, 1],
    ]);
    const nậmCó = section!.communes[1]!;
    expect(nậmCó.sectors.map((s) => s.sector)).toEqual(['Phòng Kinh tế - Hạ tầng', 'Phòng Y tế']);
    expect(nậmCó.sectors[0]!.proposals[0]!.author).toEqual({
      participantId: 'partic00001',
      name: 'Phạm Thị An',
      department: 'Phòng Y tế',
    });
    // A proposal with no sector yet is grouped under '' (shown as "not assigned").
    expect(section!.communes[0]!.sectors[0]!.sector).toBe('');
    expect(section!.communes[0]!.sectors[0]!.proposals[0]!.author.name).toBe('Lò Văn Bình');
    await storage.close();
  });

  it('evaluates last year’s plan and forecasts every row with shared/indicators', async () => {
    const { storage, record } = await setup();
    await write(storage, 'indicator01', 'partic00002', 10, (doc) => {
      addRow(doc, {
        author: { id: 'partic00001', name: 'Phạm Thị An' },
        name: 'Sản lượng lương thực',
        unit: 'tấn',
        department: 'Phòng Nông nghiệp và PTNT',
        cells: {
          a2021: { raw: '1000', locale: 'en' },
          a2022: { raw: '1100', locale: 'en' },
          a2023: { raw: '1210', locale: 'en' },
          a2024: { raw: '1331', locale: 'en' },
          a2025: { raw: '1464,1', locale: 'vi' },
          p2025: { raw: '1500', locale: 'en' },
          t2026: { raw: '2000', locale: 'en' },
        },
      });
    });
    const r = await record.buildRecord((await storage.getMeeting(meetingId))!);
    const [table] = r.indicators;
    expect(table).toMatchObject({ lastYear: 2025, planYear: 2026 });
    const row = table!.rows[0]!;
    expect(row.author.name).toBe('Lò Văn Bình');
    expect(row.actuals).toEqual({
      '2021': 1000,
      '2022': 1100,
      '2023': 1210,
      '2024': 1331,
      '2025': 1464.1,
    });
    expect(row).toMatchObject({ plan: 1500, actual: 1464.1, target: 2000, status: 'nearly' });
    expect(row.completion).toBeCloseTo((1464.1 / 1500) * 100, 6);
    const cagr = row.forecasts.find((f) => f.method === 'cagr')!;
    // 10 % a year since 2021: 1464.1 × 1.1.
    expect(cagr.result).toBeCloseTo(1610.51, 4);
    expect(cagr.gap).toBeCloseTo((2000 - 1610.51) / 1610.51, 4);
    expect(row.forecasts.map((f) => f.method)).toEqual([
      'cagr',
      'linear',
      'exponential',
      'holt',
      'icor-growth',
      'icor-investment',
    ]);
    // ICOR needs inputs the row does not have.
    expect(row.forecasts.find((f) => f.method === 'icor-growth')!.result).toBeNull();
    expect(row.largeGap).toBe(true);
    await storage.close();
  });
});
