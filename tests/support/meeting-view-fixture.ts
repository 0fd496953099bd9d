/** A participant's meeting view as GET /api/meetings/:id answers it, for client unit tests. */
import type { MeetingView } from '@shared/schemas/http';

export const PARTICIPANT_VIEW: MeetingView = {
  id: 'meeting0001',
  title: 'Hội nghị',
  date: null,
  district: 'Huyện Mẫu',
  planYear: null,
  departments: ['Phòng Y tế'],
  joinCode: null,
  boards: [],
  me: {
    participantId: 'person0001',
    role: 'participant',
    name: 'Chị Lan',
    department: 'Phòng Y tế',
  },
  createdAt: 1,
  limits: { cardTextMax: 300, cardsPerBoardMax: 25 },
};
