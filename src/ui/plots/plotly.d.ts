/** The few Plotly entry points this app uses; the dist-min bundle ships no types. */
declare module 'plotly.js-gl3d-dist-min' {
  /** A trace, layout or config object: Plotly's attribute tree is too large to type here. */
  export type PlotData = Record<string, unknown>;
  export type PlotLayout = Record<string, unknown>;
  export type PlotConfig = Record<string, unknown>;

  export interface ImageOptions {
    format: 'png' | 'svg' | 'jpeg' | 'webp';
    width?: number;
    height?: number;
    scale?: number;
  }

  export interface PlotlyStatic {
    react(
      el: HTMLElement,
      data: PlotData[],
      layout?: PlotLayout,
      config?: PlotConfig,
    ): Promise<HTMLElement>;
    purge(el: HTMLElement): void;
    /** A graph div, or a figure rendered off screen. */
    toImage(
      el: HTMLElement | { data: PlotData[]; layout?: PlotLayout },
      opts: ImageOptions,
    ): Promise<string>;
    Plots: { resize(el: HTMLElement): Promise<void> | void };
  }

  const Plotly: PlotlyStatic;
  export default Plotly;
}
