/**
 * Select lists under domain names: `workspace_id AS "workspaceId"` for the key
 * `workspaceId`. A query that selects through one returns rows that already are the domain
 * objects, so no row type and no row→object mapper sits between SQL and the code that
 * reads it. Column names are the snake_case of the keys, as the migrations name them.
 */

/** `dueOn` → `due_on`. */
export function columnOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The select list for `keys`, each column under its key, optionally qualified by a table alias. */
export function selectList<T>(keys: readonly (keyof T & string)[], table?: string): string {
  return keys
    .map((key) => {
      const column = table ? `${table}.${columnOf(key)}` : columnOf(key);
      return columnOf(key) === key && !table ? key : `${column} AS "${key}"`;
    })
    .join(', ');
}
