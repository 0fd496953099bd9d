/**
 * Import a meeting from its archive (.json): uploads it with progress, then opens the new
 * meeting as its facilitator. A failure says what failed and what to do.
 */
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { importArchive } from '@client/api/archive';
import { ApiRequestError } from '@client/api/client';
import { progressFraction, type TransferProgress } from '@client/lib/read-progress';
import { useToastStore } from '@client/stores/toast-store';
import { useErrorText } from './useErrorText';
import { useOpenMeeting } from './useOpenMeeting';

/** The server's IMPORT_BODY_MAX_BYTES default; a larger file is refused before upload. */
export const ARCHIVE_MAX_BYTES = 64 * 1024 * 1024;

export function useArchiveImport() {
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const toasts = useToastStore();
  const openMeeting = useOpenMeeting();
  const status = ref<'idle' | 'uploading' | 'opening' | 'failed'>('idle');
  const progress = shallowRef<TransferProgress | null>(null);
  const error = ref('');
  const fraction = computed(() => progressFraction(progress.value));

  function fail(reason: string): void {
    status.value = 'failed';
    error.value = t('archiveImport.failed', { reason });
    toasts.error(error.value);
  }

  async function run(file: File): Promise<void> {
    if (status.value === 'uploading' || status.value === 'opening') return;
    error.value = '';
    progress.value = null;
    if (file.size > ARCHIVE_MAX_BYTES) {
      fail(t('archiveImport.tooLarge', { max: ARCHIVE_MAX_BYTES / 1024 / 1024 }));
      return;
    }
    status.value = 'uploading';
    try {
      const result = await importArchive(file, (p) => {
        progress.value = p;
      });
      status.value = 'opening';
      toasts.success(t('archiveImport.done'));
      await openMeeting(result);
      status.value = 'idle';
    } catch (err) {
      // A file that is not JSON at all is refused as invalid JSON: say "not an archive".
      const notJson = err instanceof ApiRequestError && err.code === 'validation_failed';
      fail(notJson ? t('errors.codes.archive_invalid') : errorText(err));
    }
  }

  return { status, progress, fraction, error, run };
}
