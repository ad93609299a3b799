/**
 * A `LIKE` pattern matching `term` anywhere. Wildcards typed by a user are dropped: SQLite's LIKE has
 * no default escape character to search them literally.
 */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, '')}%`;
}
