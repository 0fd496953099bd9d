/**
 * The JSON archive of a meeting (GET …/export/archive.json, POST /api/meetings/import).
 *
 *   { format: 'ban-tron.archive', version: 1, exportedAt, checksum, parts: { core, …} }
 *
 * `parts.core` holds the meeting, its participants with their name history, every board with
 * its full update history (author, time, server write), the conclusions' history, the marks
 * and the minutes' settings. Features add their own parts (agenda, votes, indicators) beside
 * it. Participant ids in an archive are stable across installations: a participant imported
 * from an archive keeps its archive id there; meeting and board ids are replaced.
 *
 * `checksum` is the SHA-256 (hex) of the canonical JSON (keys sorted) of
 * `{ format, version, exportedAt, parts }`: an archive edited by hand fails it.
 */
import { z } from 'zod';
import { BOARD_KINDS, ROLES } from '../domain';
import { Limits } from '../constants';
import { MARK_REASONS } from './record';

export const ARCHIVE_FORMAT = 'ban-tron.archive';
export const ARCHIVE_VERSION = 1;

/** Base64 of one stored update (at most the WebSocket message limit). */
const UpdateData = z
  .string()
  .max(Math.ceil((Limits.wsMessageMaxBytes * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** An archive id: the ids this installation issues, or those of an imported archive. */
export const ArchiveId = z.string().regex(/^[0-9A-Za-z_-]{6,64}$/, 'invalid id');

export const ArchiveUpdate = z.object({
  at: z.number().int().min(0),
  participantId: ArchiveId.nullable(),
  serverWrite: z.boolean(),
  data: UpdateData,
});
export type ArchiveUpdate = z.infer<typeof ArchiveUpdate>;

const History = z.array(ArchiveUpdate).max(500_000);
const Text = (max: number) => z.string().max(max);

export const CoreArchivePart = z.object({
  meeting: z.object({
    title: Text(Limits.titleMax).min(1),
    date: z.string().max(10).nullable(),
    district: Text(Limits.titleMax),
    planYear: z.number().int().min(2000).max(2100).nullable(),
    departments: z.array(Text(Limits.departmentMax).min(1)).max(Limits.departmentsMax),
    createdAt: z.number().int().min(0),
  }),
  participants: z
    .array(
      z.object({
        id: ArchiveId,
        role: z.enum(ROLES).exclude(['observer']),
        name: Text(Limits.nameMax),
        department: Text(Limits.departmentMax).nullable(),
        createdAt: z.number().int().min(0),
        removedAt: z.number().int().min(0).nullable(),
      }),
    )
    .min(1)
    .max(10_000),
  nameHistory: z
    .array(
      z.object({
        participantId: ArchiveId,
        name: Text(Limits.nameMax),
        department: Text(Limits.departmentMax).nullable(),
        since: z.number().int().min(0),
      }),
    )
    .max(100_000),
  boards: z
    .array(
      z.object({
        key: ArchiveId,
        kind: z.enum(BOARD_KINDS),
        title: Text(Limits.titleMax).min(1),
        department: Text(Limits.departmentMax).nullable(),
        locked: z.boolean(),
        /** Private writing on (issue 9); archives from before it have none. */
        private: z.boolean().default(false),
        position: z.number().int(),
        createdAt: z.number().int().min(0),
        updates: History,
      }),
    )
    .max(Limits.boardsMax),
  conclusions: z.object({ updates: History }),
  marks: z
    .array(
      z.object({
        /** The `key` of a board of this archive, or null. */
        boardKey: ArchiveId.nullable(),
        at: z.number().int().min(0),
        reason: z.enum(MARK_REASONS),
        label: Text(Limits.titleMax),
        participantId: ArchiveId.nullable(),
      }),
    )
    .max(100_000),
  settings: z
    .object({
      secretaryId: ArchiveId.nullable(),
      supervisingBody: Text(Limits.titleMax),
      issuingBody: Text(Limits.titleMax),
      place: Text(Limits.titleMax),
      documentNumber: Text(60),
    })
    .nullable(),
});
export type CoreArchivePart = z.infer<typeof CoreArchivePart>;

export const MeetingArchive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest'),
  /** `core` always; other parts by name, each checked by the feature that owns it. */
  parts: z.object({ core: CoreArchivePart }).catchall(z.unknown()),
});
export type MeetingArchive = z.infer<typeof MeetingArchive>;

/** JSON with object keys sorted at every level: the input of the checksum. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
