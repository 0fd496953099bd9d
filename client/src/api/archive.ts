/**
 * POST /api/meetings/import (docs/api.md): a meeting archive (.json, from the record page's
 * export) becomes a new meeting. Sent with XMLHttpRequest rather than fetch because only XHR
 * reports upload progress, and an archive can be tens of megabytes over the hall's Wi-Fi.
 */
import type { CreateMeetingResult } from '@shared/schemas/http';
import { checkedLater } from './contract';
import type { TransferProgress } from '@client/lib/read-progress';
import { ApiRequestError, CLIENT_ERROR_CODES, errorFromAnswer, parseJson } from './client';

/** Uploads the archive file; onProgress hears the bytes sent (the file's size is known). */
export function importArchive(
  file: Blob,
  onProgress: (p: TransferProgress) => void = () => {},
): Promise<CreateMeetingResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/meetings/import');
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.onerror = () => reject(new ApiRequestError(0, CLIENT_ERROR_CODES.network, 'network error'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromAnswer(xhr.status, xhr.statusText, xhr.responseText));
        return;
      }
      const parsed = checkedLater('CreateMeetingResult').safeParse(parseJson(xhr.responseText));
      if (parsed.success) resolve(parsed.data);
      else
        reject(
          new ApiRequestError(xhr.status, CLIENT_ERROR_CODES.badResponse, parsed.error.message),
        );
    };
    onProgress({ loaded: 0, total: file.size });
    xhr.send(file);
  });
}
