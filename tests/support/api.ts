/**
 * A small typed client of the public HTTP API, for tests and benchmarks. Answers are parsed
 * with the same zod schemas the app uses, so a contract drift fails loudly.
 */
import {
  BoardInfo,
  CreateMeetingResult,
  JoinResult,
  MeetingView,
  type CreateBoardBody,
  type CreateMeetingBody,
  type JoinBody,
} from '@shared/schemas/http';

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
    return fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async ok<T>(res: Response, parse: (v: unknown) => T): Promise<T> {
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${text}`);
    return parse(JSON.parse(text));
  }

  async createMeeting(body: CreateMeetingBody): Promise<CreateMeetingResult> {
    return this.ok(await this.request('POST', '/api/meetings', body), (v) =>
      CreateMeetingResult.parse(v),
    );
  }

  async join(body: JoinBody): Promise<JoinResult> {
    return this.ok(await this.request('POST', '/api/join', body), (v) => JoinResult.parse(v));
  }

  async meeting(id: string, token: string): Promise<MeetingView> {
    return this.ok(await this.request('GET', `/api/meetings/${id}`, undefined, token), (v) =>
      MeetingView.parse(v),
    );
  }

  async createBoard(meetingId: string, token: string, body: CreateBoardBody): Promise<BoardInfo> {
    return this.ok(
      await this.request('POST', `/api/meetings/${meetingId}/boards`, body, token),
      (v) => BoardInfo.parse(v),
    );
  }
}

/** A meeting with a facilitator and `participants` joined participants, ready for a test. */
export async function meetingWithParticipants(api: ApiClient, participants: number) {
  const created = await api.createMeeting({
    title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
    district: 'Huyện Mẫu',
    planYear: 2026,
    departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo', 'Phòng Nông nghiệp và PTNT'],
  });
  const view = await api.meeting(created.id, created.facilitatorToken);
  const joined: JoinResult[] = [];
  for (let i = 0; i < participants; i++) {
    joined.push(
      await api.join({
        joinCode: created.joinCode,
        name: `Đại biểu ${i + 1}`,
        department: view.departments[i % view.departments.length] as string,
      }),
    );
  }
  return { created, view, participants: joined };
}
