/** One problem found in a catalog file, with where it is: file, entry and field. */

export interface CatalogProblem {
  /** The file (or folder) it is in, as the operator would type it. */
  file: string;
  /** The item's name, or `items[3]` when the item has no usable name. */
  item?: string;
  category?: string;
  /** The field inside the entry, such as `parameters[1].default`. */
  field?: string;
  message: string;
  /** True for the catalog jobdeck ships: such a problem stops start-up. */
  shipped: boolean;
}

/** `catalog/docker.yaml: item docker_logs: parameters[1].validation.max: expected a number`. */
export function formatProblem(problem: CatalogProblem): string {
  const parts = [problem.file];
  if (problem.item !== undefined) parts.push(`item ${problem.item}`);
  if (problem.category !== undefined) parts.push(`category ${problem.category}`);
  if (problem.field !== undefined) parts.push(problem.field);
  parts.push(problem.message);
  return parts.join(': ');
}

export function countProblems(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}
