import { SaxesParser } from 'saxes';

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  children: SvgElement[];
  text: string;
}

/**
 * An SVG file as a tree, read by saxes (a conformant, strict XML parser: it
 * throws on anything not well-formed, an unescaped `<` or `&`, or a
 * character XML cannot carry), so a test sees the file as a viewer would.
 */
export function parseSvg(svg: string): SvgElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: SvgElement[] = [];
  let root: SvgElement | null = null;
  parser.on('opentag', (tag) => {
    const el: SvgElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack.at(-1)?.children.push(el);
    root ??= el;
    stack.push(el);
  });
  parser.on('text', (text) => {
    const el = stack.at(-1);
    if (el) el.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(svg).close();
  if (!root) throw new Error('no root element');
  return root;
}

export function allElements(el: SvgElement): SvgElement[] {
  return [el, ...el.children.flatMap(allElements)];
}

/** Elements whose class list holds every class given. */
export function byClass(el: SvgElement, ...classes: string[]): SvgElement[] {
  return allElements(el).filter((e) => {
    const list = (e.attributes.class ?? '').split(/\s+/);
    return classes.every((c) => list.includes(c));
  });
}

/** All the text inside an element, its <text> children joined by a line break. */
export function textIn(el: SvgElement): string {
  return allElements(el)
    .filter((e) => e.name === 'text' || e.name === 'title')
    .map((e) => e.text)
    .join('\n');
}
