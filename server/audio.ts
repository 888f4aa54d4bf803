import { seededRandom, pick } from './random.ts';

/** Sample rate of the demo previews: 30 s of 16-bit mono at 16 kHz is about 1 MB, like a real preview. */
export const SAMPLE_RATE = 16_000;
export const PREVIEW_SECONDS = 30;
/** The size of every demo preview: a 44-byte WAV header and 30 s of 16-bit samples (960 044 bytes). */
export const PREVIEW_BYTES = 44 + SAMPLE_RATE * 2 * PREVIEW_SECONDS;

/** Writes the 44-byte header of a 16-bit mono PCM WAV file holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

const SCALES = {
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
} as const;

// I–V–vi–IV and friends, as scale-degree roots in semitones.
const PROGRESSIONS = [
  [0, 7, 9, 5],
  [0, 5, 7, 5],
  [9, 5, 0, 7],
  [0, 9, 5, 7],
] as const;

const midiToHz = (note: number): number => 440 * 2 ** ((note - 69) / 12);

/** Adds one plucked note (a few harmonics under an attack/decay envelope) into `out`. */
function addNote(
  out: Float32Array,
  startSample: number,
  lengthSamples: number,
  hz: number,
  gain: number,
  harmonics: readonly number[],
): void {
  const attack = Math.min(200, lengthSamples / 4);
  const end = Math.min(out.length, startSample + lengthSamples);
  for (let i = startSample; i < end; i++) {
    const t = (i - startSample) / SAMPLE_RATE;
    const k = i - startSample;
    const envelope = (k < attack ? k / attack : 1) * Math.exp(-3 * (k / lengthSamples));
    let value = 0;
    for (let h = 0; h < harmonics.length; h++) {
      value += harmonics[h]! * Math.sin(2 * Math.PI * hz * (h + 1) * t);
    }
    out[i]! += value * envelope * gain;
  }
}

/**
 * Composes a little tune (melody, bass and a soft hi-hat) from a seed and returns it as a WAV file.
 * The same seed always gives the same bytes.
 */
export function composePreview(seed: number, seconds = PREVIEW_SECONDS): Buffer {
  const random = seededRandom(seed);
  const samples = new Float32Array(SAMPLE_RATE * seconds);
  const scale = pick(random, Object.values(SCALES));
  const progression = pick(random, PROGRESSIONS);
  const root = 55 + Math.floor(random() * 12);
  const beat = Math.round((SAMPLE_RATE * 60) / (84 + Math.floor(random() * 60)));
  const bar = beat * 4;
  const lead = [1, 0.4 + random() * 0.3, 0.15 * random()];
  let degree = Math.floor(random() * scale.length);

  for (let barStart = 0, barIndex = 0; barStart < samples.length; barStart += bar, barIndex++) {
    const chord = progression[barIndex % progression.length]!;
    addNote(samples, barStart, bar, midiToHz(root - 24 + chord), 0.35, [1, 0.5, 0.25]);
    addNote(samples, barStart + bar / 2, bar / 2, midiToHz(root - 12 + chord), 0.15, [1, 0.3]);
    for (let at = barStart; at < barStart + bar;) {
      const length = pick(random, [beat / 2, beat / 2, beat, beat, beat * 1.5, beat * 2]);
      degree = Math.max(0, Math.min(scale.length * 2 - 1, degree + Math.round((random() - 0.5) * 4)));
      const octave = Math.floor(degree / scale.length);
      const note = root + scale[degree % scale.length]! + 12 * octave;
      if (random() > 0.12) addNote(samples, Math.round(at), Math.round(length), midiToHz(note), 0.3, lead);
      at += length;
    }
    for (let hat = 0; hat < 8; hat++) {
      const start = barStart + (hat * beat) / 2;
      for (let k = 0; k < 300 && start + k < samples.length; k++) {
        samples[Math.round(start) + k]! += (random() * 2 - 1) * 0.04 * Math.exp(-k / 60);
      }
    }
  }

  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  const scaleBy = peak > 0 ? 0.8 / peak : 0;
  const fadeSamples = SAMPLE_RATE / 2;
  const body = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const fade = Math.min(1, i / fadeSamples, (samples.length - i) / fadeSamples);
    body.writeInt16LE(Math.round(samples[i]! * scaleBy * fade * 32767), i * 2);
  }
  return Buffer.concat([wavHeader(body.length), body]);
}
