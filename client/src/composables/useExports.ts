/**
 * Export buttons: downloads one file at a time with its progress (waiting for the server, then
 * bytes against Content-Length), and says when it is done or what failed, on the page and in
 * a toast (with "Try again").
 */
import { ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import { downloadExport, type ExportFile } from '@client/api/record';
import { download } from '@client/lib/download';
import type { TransferProgress } from '@client/lib/read-progress';
import { useToastStore } from '@client/stores/toast-store';
import { useErrorText } from './useErrorText';

/** The i18n key of each export's name ("Biên bản (.docx)"). */
export const EXPORT_LABELS: Record<ExportFile, string> = {
  'minutes.docx': 'record.exports.docx',
  'record.md': 'record.exports.md',
  'meeting.xlsx': 'record.exports.xlsx',
  'archive.json': 'record.exports.archive',
};

export function useExports(options: {
  meetingId: MaybeRefOrGetter<string>;
  token: MaybeRefOrGetter<string | null>;
  lang: MaybeRefOrGetter<string>;
}) {
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const toasts = useToastStore();
  const busy = ref<ExportFile | null>(null);
  const done = ref<ExportFile | null>(null);
  const error = shallowRef<unknown>(null);
  const failed = ref<ExportFile | null>(null);
  /** null while the server prepares the file; then the bytes received so far. */
  const progress = shallowRef<TransferProgress | null>(null);

  async function run(file: ExportFile): Promise<void> {
    const token = toValue(options.token);
    if (token === null || busy.value !== null) return;
    busy.value = file;
    done.value = null;
    failed.value = null;
    error.value = null;
    progress.value = null;
    const label = t(EXPORT_LABELS[file]);
    try {
      const { blob, name } = await downloadExport(
        toValue(options.meetingId),
        token,
        file,
        toValue(options.lang),
        (p) => {
          progress.value = p;
        },
      );
      download(blob, name);
      done.value = file;
      toasts.success(t('record.exports.done', { file: label }));
    } catch (err) {
      error.value = err;
      failed.value = file;
      toasts.error(t('record.exports.failed', { file: label, reason: errorText(err) }), {
        label: t('record.exports.retry'),
        run: () => void run(file),
      });
    } finally {
      busy.value = null;
      progress.value = null;
    }
  }

  function dismiss(): void {
    error.value = null;
    failed.value = null;
  }

  return { busy, done, error, failed, progress, run, dismiss };
}
