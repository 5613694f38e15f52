/**
 * The few host globals the pure core may use. Both browsers (window and workers) and Node ≥ 20
 * provide them; declaring them here keeps DOM and Node types out of the core's tsconfig.
 */
declare const performance: { now(): number };
declare function atob(data: string): string;

declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
}

/** The part of AbortSignal the run checks between stages (DOM and Node both provide it). */
interface AbortSignal {
  readonly aborted: boolean;
  throwIfAborted(): void;
}
