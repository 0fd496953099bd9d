import { describe, expect, it } from 'vitest';
import { MeetingEvents } from './meeting-events';

describe('MeetingEvents', () => {
  it('onLocal hears events emitted here, not those delivered from another instance', () => {
    const events = new MeetingEvents();
    const forwarded: string[] = [];
    const deliver = events.bridge((event, args) => forwarded.push(`${event}:${String(args[0])}`));
    const all: string[] = [];
    const local: string[] = [];
    events.on('timer-changed', (m) => all.push(m));
    events.onLocal('timer-changed', (m) => local.push(m));
    // A listener of a remote event that emits its own event: that one is local.
    events.on('agenda-changed', (m) => events.emit('timer-changed', `${m}+`));

    events.emit('timer-changed', 'here');
    deliver('timer-changed', ['there']);
    deliver('agenda-changed', ['remote']);

    expect(all).toEqual(['here', 'there', 'remote+']);
    expect(local).toEqual(['here', 'remote+']);
    expect(forwarded).toEqual(['timer-changed:here', 'timer-changed:remote+']);
  });
});
