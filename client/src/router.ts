/**
 * Routes: home (create, reopen, join entry), join by code, and the meeting workspace with an
 * optional open board. The workspace is loaded on demand: the join page stays light for
 * cheap phones, and Yjs is only fetched once someone enters a meeting.
 */
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { savePresentToken, tokenFromFragment } from '@client/lib/links';
import { loadBoldFonts } from '@client/lib/fonts';
import { useSessionStore } from '@client/stores/session-store';
import { withLaterMessages } from '@client/i18n';
// In the entry: it is the first page of everyone who opens a join link, and a chunk of its
// own (2.6 KB) cost a round trip waiting for a free connection on a weak link.
import JoinView from './views/JoinView.vue';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      // The home page (create a meeting, reopen one) is its own chunk too: a participant who
      // opens a join link never needs it.
      {
        path: '/',
        name: 'home',
        component: withLaterMessages(() => import('./views/HomeView.vue')),
      },
      {
        path: '/join/:code?',
        name: 'join',
        component: JoinView,
        props: (route) => ({
          code: typeof route.params.code === 'string' ? route.params.code : '',
        }),
      },
      {
        path: '/m/:meetingId/:boardId?',
        name: 'meeting',
        component: () => import('./views/MeetingView.vue'),
        props: (route) => ({
          meetingId: String(route.params.meetingId),
          boardId:
            typeof route.params.boardId === 'string' && route.params.boardId !== ''
              ? route.params.boardId
              : null,
        }),
      },
      {
        // The projector screen: its own chunk, so participants never download it.
        path: '/present/:meetingId/:boardId?',
        name: 'present',
        component: withLaterMessages(() => import('./views/PresentView.vue')),
        props: (route) => ({
          meetingId: String(route.params.meetingId),
          boardId:
            typeof route.params.boardId === 'string' && route.params.boardId !== ''
              ? route.params.boardId
              : null,
        }),
      },
      {
        // The session record: its own chunk, fetched only by those who open it.
        path: '/record/:meetingId',
        name: 'record',
        component: withLaterMessages(() => import('./views/RecordView.vue')),
        props: (route) => ({ meetingId: String(route.params.meetingId) }),
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
      },
    ],
    scrollBehavior: (to, from, saved) => {
      if (saved) return saved;
      // Switching boards keeps the page where it is; other navigations start at the top.
      if (to.name === 'meeting' && from.name === 'meeting') return false;
      return { top: 0 };
    },
  });

  // A link pasted into an open tab changes only the fragment: capture its token as well.
  router.beforeEach((to) => {
    if (to.name !== 'meeting' && to.name !== 'present' && to.name !== 'record') return true;
    const token = tokenFromFragment(to.hash);
    if (token === null) return true;
    if (to.name === 'present') {
      // Kept apart from the workspace token: the projector is often the facilitator's laptop.
      savePresentToken(String(to.params.meetingId), token);
      return { path: to.path, query: to.query, hash: '', replace: true };
    }
    useSessionStore().setToken(String(to.params.meetingId), token);
    return { path: to.path, query: to.query, hash: '', replace: true };
  });

  // The join page and the meeting page are a new participant's critical path: they ask for
  // the bold faces themselves once they are usable (the meeting page when its board shows).
  router.afterEach((to) => {
    if (to.name !== 'join' && to.name !== 'meeting') loadBoldFonts();
  });

  return router;
}
