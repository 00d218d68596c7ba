/**
 * A migration is plain SQL so that its hash is the same whether it runs from
 * TypeScript sources (tests) or compiled JavaScript (the app): an edited old
 * migration is then detected by comparing hashes.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
