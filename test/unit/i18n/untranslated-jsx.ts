import ts from 'typescript';

export interface Finding {
  line: number;
  text: string;
}

const TEXT_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'aria-label', 'aria-description', 'label']);

/**
 * Text a user would read that is written into JSX instead of coming from the
 * locale files: JSX text, and string literals in user-facing attributes.
 */
export function findUntranslatedText(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && node.text.trim() !== '') report(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && init.text.trim() !== '') report(node, init.text);
      if (ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) && init.expression.text.trim() !== '') {
        report(node, init.expression.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
