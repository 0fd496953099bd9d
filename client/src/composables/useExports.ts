/**
 * Export buttons: downloads one file at a time with its progress and a translated error.
 */
import { ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';
import { downloadExport, type ExportFile } from '@client/api/record';

export function useExports(options: {
  meetingId: MaybeRefOrGetter<string>;
  token: MaybeRefOrGetter<string | null>;
  lang: MaybeRefOrGetter<string>;
}) {
  const busy = ref<ExportFile | null>(null);
  const done = ref<ExportFile | null>(null);
  const error = shallowRef<unknown>(null);

  async function run(file: ExportFile): Promise<void> {
    const token = toValue(options.token);
    if (token === null || busy.value !== null) return;
    busy.value = file;
    done.value = null;
    error.value = null;
    try {
      const { blob, name } = await downloadExport(
        toValue(options.meetingId),
        token,
        file,
        toValue(options.lang),
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      // The click has handed the blob to the browser's download; free it on the next turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      done.value = file;
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = null;
    }
  }

  return { busy, done, error, run };
}
