/**
 * Entry point. The access token in a `/m/<id>#t=<token>` link is captured and removed from
 * the address bar before anything else runs, so the router and the history never see it.
 * The service worker (offline app shell) is registered once the page has loaded.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, installLocaleSync, loadInitialLocale } from './i18n';
import { registerServiceWorker } from './lib/service-worker';
import { createAppRouter } from './router';
import { captureTokenFromLocation } from './stores/session-store';
import './styles/fonts.css';
import './styles/global.css';

captureTokenFromLocation();

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(createAppRouter());
void loadInitialLocale().then(() => {
  installLocaleSync();
  app.mount('#app');
  registerServiceWorker();
});
