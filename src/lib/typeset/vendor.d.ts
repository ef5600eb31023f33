// Minimal types for the untyped packages the engine and its metric script use.
declare module 'fontkit' {
  export function create(buffer: Uint8Array): unknown;
  export function openSync(path: string): unknown;
}
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
declare module 'hyphen/en-us' {
  export function hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
}
