/**
 * A tidy top-down layout for referral trees: generations are rows, leaves
 * take consecutive slots from left to right, and every parent sits centred
 * over its (visible) children. Pure: nodes in, positions out.
 */
export interface LayoutNode {
  id: string;
  /** null (or an id not in the list) makes the node a root. */
  parentId: string | null;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal space between neighbouring nodes. */
  hGap: number;
  /** Vertical space between generations. */
  vGap: number;
  /** Nodes whose children are hidden. */
  collapsed?: ReadonlySet<string>;
}

export interface Positioned {
  id: string;
  parentId: string | null;
  /** Top-left corner. */
  x: number;
  y: number;
  /** 0 for a root. */
  depth: number;
  /** Children in the data (shown or not). */
  childCount: number;
  /** Descendants hidden because this node (or one above) is collapsed; counted only on the collapsed node. */
  hidden: number;
}

export interface Layout {
  nodes: Positioned[];
  /** Connector from a parent to a child, both visible. */
  links: Array<{ from: string; to: string; x1: number; y1: number; x2: number; y2: number }>;
  width: number;
  height: number;
}

export function layoutTree(input: readonly LayoutNode[], options: LayoutOptions): Layout {
  const { nodeWidth, nodeHeight, hGap, vGap, collapsed = new Set<string>() } = options;
  const ids = new Set(input.map((n) => n.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const parentOf = new Map<string, string | null>();
  for (const node of input) {
    const parent = node.parentId && ids.has(node.parentId) && node.parentId !== node.id ? node.parentId : null;
    parentOf.set(node.id, parent);
    if (parent) {
      const list = children.get(parent) ?? [];
      list.push(node.id);
      children.set(parent, list);
    } else roots.push(node.id);
  }

  const size = (id: string, seen = new Set<string>()): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    return (children.get(id) ?? []).reduce((sum, c) => sum + 1 + size(c, seen), 0);
  };

  const placed = new Map<string, Positioned>();
  let nextSlot = 0;
  const slotX = (slot: number) => slot * (nodeWidth + hGap);
  const visit = (id: string, depth: number, trail: Set<string>): number => {
    trail.add(id);
    const kids = (children.get(id) ?? []).filter((c) => !trail.has(c));
    const isCollapsed = collapsed.has(id) && kids.length > 0;
    let x: number;
    if (kids.length === 0 || isCollapsed) {
      x = slotX(nextSlot++);
    } else {
      const xs = kids.map((c) => visit(c, depth + 1, trail));
      x = (xs[0] + xs[xs.length - 1]) / 2;
    }
    placed.set(id, {
      id,
      parentId: parentOf.get(id) ?? null,
      x,
      y: depth * (nodeHeight + vGap),
      depth,
      childCount: kids.length,
      hidden: isCollapsed ? size(id) : 0,
    });
    return x;
  };
  for (const root of roots) visit(root, 0, new Set());

  // Keep the input order (stable for rendering and tests).
  const nodes = input.map((n) => placed.get(n.id)).filter((n): n is Positioned => Boolean(n));
  const links: Layout['links'] = [];
  for (const node of nodes) {
    const parent = node.parentId ? placed.get(node.parentId) : undefined;
    if (!parent) continue;
    links.push({
      from: parent.id,
      to: node.id,
      x1: parent.x + nodeWidth / 2,
      y1: parent.y + nodeHeight,
      x2: node.x + nodeWidth / 2,
      y2: node.y,
    });
  }
  const maxX = nodes.reduce((m, n) => Math.max(m, n.x + nodeWidth), 0);
  const maxY = nodes.reduce((m, n) => Math.max(m, n.y + nodeHeight), 0);
  return { nodes, links, width: maxX, height: maxY };
}
