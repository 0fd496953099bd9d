/**
 * A short chime made with Web Audio (no sound file to ship). Only ever played when the
 * facilitator turned the sound on, on that device.
 */
export function playChime(): void {
  const AudioCtor = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!AudioCtor) return;
  const ctx = new AudioCtor();
  const gain = ctx.createGain();
  gain.connect(ctx.destination);
  const start = ctx.currentTime;
  [880, 660].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    osc.frequency.value = frequency;
    osc.connect(gain);
    osc.start(start + i * 0.35);
    osc.stop(start + i * 0.35 + 0.3);
  });
  gain.gain.setValueAtTime(0.2, start);
  setTimeout(() => void ctx.close(), 1200);
}
