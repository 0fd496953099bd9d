/**
 * The wired meeting page (useMeetingPage), provided by MeetingView to the pieces of the
 * workspace (gate, header, banners, board host) so each renders its part without a wall of
 * props.
 */
import { inject, provide, type InjectionKey } from 'vue';
import type { useMeetingPage } from '@client/composables/useMeetingPage';

export type MeetingPage = ReturnType<typeof useMeetingPage>;

const MEETING_PAGE: InjectionKey<MeetingPage> = Symbol('meeting-page');

export function provideMeetingPage(page: MeetingPage): void {
  provide(MEETING_PAGE, page);
}

export function useMeetingPageContext(): MeetingPage {
  const page = inject(MEETING_PAGE, null);
  if (!page) throw new Error('useMeetingPageContext() needs MeetingView as an ancestor');
  return page;
}

/** The wired page when there is one (components also rendered outside the workspace). */
export function useOptionalMeetingPageContext(): MeetingPage | null {
  return inject(MEETING_PAGE, null);
}
