let webglCache: boolean | null = null;

/** Whether this browser can create a WebGL context (3-D phase portraits need one); checked once. */
export function hasWebGL(): boolean {
  if (webglCache === null) {
    try {
      const c = document.createElement('canvas');
      webglCache = !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    } catch {
      webglCache = false;
    }
  }
  return webglCache;
}
