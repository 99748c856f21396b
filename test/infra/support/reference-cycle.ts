/**
 * Finds a cycle in the references between a template's resources (`Ref`, `Fn::GetAtt`, `Fn::Sub`
 * and `DependsOn`), which CloudFormation refuses to deploy ("Circular dependency between
 * resources") although synthesis succeeds.
 */

type Resources = Record<string, { Properties?: unknown; DependsOn?: string | string[] }>;

function referencesIn(value: unknown, resources: Resources, found: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, resources, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && inner in resources) found.add(inner);
      else if (key === 'Fn::GetAtt') found.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0] ?? '');
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? String(inner[0]) : String(inner);
        for (const [, name] of text.matchAll(/\$\{([^}.!]+)/g)) if (name && name in resources) found.add(name);
        referencesIn(inner, resources, found);
      } else referencesIn(inner, resources, found);
    }
  }
  return found;
}

/** The logical ids of one cycle, first id repeated at the end; null when there is none. */
export function referenceCycle(template: { Resources?: Resources }): string[] | null {
  const resources = template.Resources ?? {};
  const edges = new Map(
    Object.entries(resources).map(([id, resource]) => {
      const found = referencesIn(resource.Properties, resources, new Set());
      for (const dependency of [resource.DependsOn ?? []].flat()) found.add(dependency);
      return [id, found];
    }),
  );
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (id: string): string[] | null => {
    if (done.has(id)) return null;
    const at = onPath.indexOf(id);
    if (at !== -1) return [...onPath.slice(at), id];
    onPath.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(id);
    return null;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}
