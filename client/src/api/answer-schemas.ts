/**
 * The shared zod schemas of everything the participant's path receives from the server, by
 * name. Only contract.ts loads this module, by dynamic import, so zod (~30 KB gzipped) is a
 * lazy `validation` chunk instead of part of the first page (issue 14's bytes goal).
 */
import { z } from 'zod';
import {
  BoardInfo,
  CreateMeetingResult,
  JoinCodeResult,
  JoinPreview,
  JoinResult,
  Me,
  MeetingView,
  ParticipantInfo,
} from '@shared/schemas/http';
import { MeetingSnapshot, SliceMessage, SocketError } from '@shared/schemas/socket';

export const answerSchemas = {
  BoardInfo,
  CreateMeetingResult,
  JoinCodeResult,
  JoinPreview,
  JoinResult,
  Me,
  MeetingView,
  ParticipantList: z.array(ParticipantInfo),
  ParticipantInfo,
  /** An empty answer (204) parses as null. */
  Empty: z.null(),
  MeetingSnapshot,
  SliceMessage,
  SocketError,
};
