/**
 * A small XML well-formedness checker for the SVG tests: balanced and properly nested tags,
 * quoted attributes without duplicates, legal entity references, one root element.
 * Returns the element names in document order.
 */
export function parseXml(xml: string): { root: string; elements: { name: string; attrs: Record<string, string> }[] } {
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  const stack: string[] = [];
  let root = '';
  let i = 0;
  const checkText = (text: string, at: number): void => {
    const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
    if (bad) throw new Error(`bad entity reference at ${at + bad.index}`);
    if (text.includes('<')) throw new Error(`stray '<' at ${at}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (xml.slice(i).trim() !== '') throw new Error('text after the root element');
      break;
    }
    const text = xml.slice(i, lt);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
    checkText(text, i);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unterminated tag at ${lt}`);
    // '>' may appear inside quoted attribute values; find the real end of the tag.
    let end = lt + 1;
    let quote = '';
    for (; end < xml.length; end++) {
      const ch = xml[end] as string;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const tag = xml.slice(lt + 1, end);
    i = end + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${String(open)}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z_][\w:.-]*)/.exec(body);
    if (!m) throw new Error(`bad tag name in <${tag.slice(0, 30)}>`);
    const name = m[1] as string;
    const attrs: Record<string, string> = {};
    let rest = body.slice(name.length);
    const attrRe = /^\s+([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/;
    for (;;) {
      const a = attrRe.exec(rest);
      if (!a) break;
      const key = a[1] as string;
      if (key in attrs) throw new Error(`duplicate attribute ${key} on <${name}>`);
      const value = a[3] ?? a[4] ?? '';
      checkText(value, lt);
      attrs[key] = value;
      rest = rest.slice(a[0].length);
    }
    if (rest.trim() !== '') throw new Error(`malformed attributes on <${name}>: ${rest.slice(0, 40)}`);
    if (stack.length === 0) {
      if (root) throw new Error('more than one root element');
      root = name;
    }
    elements.push({ name, attrs });
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (!root) throw new Error('no root element');
  return { root, elements };
}
