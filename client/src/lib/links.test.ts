import { describe, expect, it } from 'vitest';
import {
  joinLink,
  meetingIdFromPath,
  meetingLink,
  tokenFromFragment,
  websocketBase,
} from './links';

describe('links', () => {
  it('builds and reads a meeting link', () => {
    const link = meetingLink('http://192.168.1.10:3000', 'abcDEF123456', 'tok.en-_1');
    expect(link).toBe('http://192.168.1.10:3000/m/abcDEF123456#t=tok.en-_1');
    const url = new URL(link);
    expect(meetingIdFromPath(url.pathname)).toBe('abcDEF123456');
    expect(tokenFromFragment(url.hash)).toBe('tok.en-_1');
  });
  it('reads no token from an empty or unrelated fragment', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#')).toBeNull();
    expect(tokenFromFragment('#x=1')).toBeNull();
  });
  it('reads meeting ids with a board id after them', () => {
    expect(meetingIdFromPath('/m/abc123/board99')).toBe('abc123');
    expect(meetingIdFromPath('/join/ABCDEF')).toBeNull();
  });
  it('builds join links and websocket bases', () => {
    expect(joinLink('http://h', 'ACDEFG')).toBe('http://h/join/ACDEFG');
    expect(websocketBase('http:', 'h:3000')).toBe('ws://h:3000');
    expect(websocketBase('https:', 'h')).toBe('wss://h');
  });
});
