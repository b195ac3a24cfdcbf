/** Turns what a user typed (`#12`, a slug, a prefix, a name) into one project. */
import { resolveProjectRef } from './project-ref.ts';
import { slugify } from '../core/values.ts';
import type { Store } from '../db/store.ts';
import { UserError } from '../core/errors.ts';
import type { Project } from '../domain/project.ts';

export async function findProject(store: Store, ref: string): Promise<Project> {
  const trimmed = ref.trim();
  const number = /^#?(\d{1,9})$/.exec(trimmed);
  if (number) {
    const byNumber = await store.projects.byNumber(Number(number[1]));
    if (byNumber) return byNumber;
  }
  const slug = slugify(trimmed);
  if (slug) {
    const exact = await store.projects.bySlug(slug);
    if (exact) return exact;
    // A few rows by prefix answer most references without reading the whole workspace.
    const prefixed = await store.projects.byPrefix(slug, 6);
    if (prefixed.length === 1) return prefixed[0]!;
    if (prefixed.length > 1) {
      const byName = prefixed.filter((p) => p.name.toLowerCase() === trimmed.toLowerCase());
      if (byName.length === 1) return byName[0]!;
      throw new UserError('ambiguous_project', { ref: trimmed, matches: prefixed.slice(0, 5).map((p) => p.slug) });
    }
  }
  // Nothing close: load the references once for the exact-name match and "did you mean".
  const candidates = await store.projects.refs();
  const found = resolveProjectRef(trimmed, candidates);
  const project = await store.projects.byId(found.id);
  if (!project) throw new UserError('project_not_found', { ref: trimmed, suggestions: [] });
  return project;
}
