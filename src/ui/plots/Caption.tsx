/**
 * A plot's caption for students, under the plot. Plain text from the registry with `**…**` for
 * bold, rendered as React text nodes (never parsed as HTML).
 */
export function Caption({ text }: { text: string }) {
  const parts = text.split(/\*\*(.+?)\*\*/g);
  return (
    <figcaption className="plot-caption">
      {parts.map((part, k) => (k % 2 ? <b key={k}>{part}</b> : part))}
    </figcaption>
  );
}
