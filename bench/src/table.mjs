// The results as a Markdown table (printed, and pasted into README.md).

function fmt(v) {
  if (v === null || v === undefined) return '—';
  if (v >= 100) return v.toFixed(0);
  return v.toPrecision(3);
}

/** Rows of { scenario, backend, unit, peerName, peer, tessera, ratio, note? } -> Markdown. */
export function formatTable(rows) {
  const head = ['scenario', 'backend', 'unit', 'peer', 'peer value', 'Tessera', 'ratio', 'note'];
  const lines = [
    `| ${head.join(' | ')} |`,
    `| ${head.map((h, i) => (i >= 4 && i <= 6 ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const r of rows) {
    lines.push(
      `| ${[r.scenario, r.backend, r.unit, r.peerName ?? '—', fmt(r.peer), fmt(r.tessera), r.ratio === null ? '—' : r.ratio.toFixed(2), r.note ?? ''].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
