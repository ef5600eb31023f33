// The only globals the pure cores may use beyond ES2023: both are provided alike by a
// browser page, a Web Worker and Node, so a core using them still runs everywhere.
// Declared by hand (not with the DOM or Node libraries) because those would let a
// core reach `document`, `window` or `process` unnoticed. Only tsconfig.cores.json reads this.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
