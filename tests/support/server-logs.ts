/**
 * The server's log (JSON lines on stderr, server/logger.ts) as objects, for tests that
 * assert what the server reported.
 */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** Parses every JSON line of `stderr`; other lines (a crash trace, say) are kept as `raw`. */
export function parseLogLines(stderr: string): LogLine[] {
  const out: LogLine[] = [];
  for (const line of stderr.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object' && 'msg' in parsed) out.push(parsed as LogLine);
      else out.push({ level: 'raw', msg: line });
    } catch {
      out.push({ level: 'raw', msg: line });
    }
  }
  return out;
}
