// Turns the registry's flat list into a tree, and filters it by an accent-insensitive query
// while keeping the path from each match up to its root.
import type { Organisation, SuccessorLink } from '../../api/client'
import { collator, fold } from '../../text'

export interface OrgNode {
  org: Organisation
  children: OrgNode[]
}

export function buildTree(orgs: readonly Organisation[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>()
  for (const org of orgs) nodes.set(org.id, { org, children: [] })
  const roots: OrgNode[] = []
  for (const node of nodes.values()) {
    const parent = node.org.parent_id === null ? undefined : nodes.get(node.org.parent_id)
    // A parent outside the list (e.g. dissolved before the chosen date) makes this a root.
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: OrgNode[]): void => {
    list.sort((a, b) => collator.compare(a.org.name, b.org.name))
    list.forEach((n) => sort(n.children))
  }
  sort(roots)
  return roots
}

export function matches(org: Organisation, query: string): boolean {
  const q = fold(query.trim())
  if (!q) return true
  return [org.name, org.short_name ?? '', org.code, ...org.aliases].some((t) => fold(t).includes(q))
}

export function filterTree(roots: readonly OrgNode[], query: string): OrgNode[] {
  if (!query.trim()) return [...roots]
  const result: OrgNode[] = []
  for (const node of roots) {
    const children = filterTree(node.children, query)
    if (matches(node.org, query) || children.length > 0) result.push({ org: node.org, children })
  }
  return result
}

export function countNodes(roots: readonly OrgNode[]): number {
  return roots.reduce((n, r) => n + 1 + countNodes(r.children), 0)
}

// Names of the bodies each organisation's functions passed to, by predecessor id.
export function successorNames(
  links: readonly SuccessorLink[],
  orgs: readonly Organisation[],
): Map<number, string[]> {
  const byId = new Map(orgs.map((o) => [o.id, o.name]))
  const result = new Map<number, string[]>()
  for (const link of links) {
    const name = byId.get(link.successor_id)
    if (!name) continue
    const label = link.scope === 'all' ? name : `${name} (${link.scope})`
    result.set(link.predecessor_id, [...(result.get(link.predecessor_id) ?? []), label])
  }
  return result
}

export function isCurrent(org: Organisation, today: string): boolean {
  return (org.valid_from === null || org.valid_from <= today) && (org.valid_to === null || org.valid_to >= today)
}
