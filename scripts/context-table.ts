import { CONTEXT_KEYS, contextKeyDoc } from '../infra/context';

/** docs/configuration.md, where the table of the CDK context keys stands between these two lines. */
export const CONFIGURATION_DOC = 'docs/configuration.md';
const START = '<!-- context-keys: generated from infra/context.ts by `npm run config-docs`; edit the descriptions there -->';
const END = '<!-- /context-keys -->';

const cell = (markdown: string) => markdown.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The table: one row per key of CdkContext, in its order. */
export function contextTable(): string {
  const rows = CONTEXT_KEYS.map((key) => {
    const doc = contextKeyDoc(key);
    return `| \`${key}\` | ${cell(doc.default)} | ${cell(doc.description)} |`;
  });
  return ['| key | default | what it does |', '|---|---|---|', ...rows].join('\n');
}

/** The document with its table replaced by the current one. */
export function withContextTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${CONFIGURATION_DOC} has no ${START} … ${END} section`);
  return `${doc.slice(0, start)}${START}\n${contextTable()}\n${doc.slice(end)}`;
}
