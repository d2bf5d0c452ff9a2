import { describe, expect, it } from 'vitest';
import { layoutTree } from './treeLayout.js';

const opts = { nodeWidth: 100, nodeHeight: 40, hGap: 20, vGap: 30 };
// Slot width 120, row height 70.
//        r
//      /   \
//     a     b
//    / \     \
//   c   d     e
const tree = [
  { id: 'r', parentId: null },
  { id: 'a', parentId: 'r' },
  { id: 'b', parentId: 'r' },
  { id: 'c', parentId: 'a' },
  { id: 'd', parentId: 'a' },
  { id: 'e', parentId: 'b' },
];

const at = (layout: ReturnType<typeof layoutTree>) => Object.fromEntries(layout.nodes.map((n) => [n.id, [n.x, n.y, n.depth]]));

describe('layoutTree', () => {
  it('puts generations in rows, leaves in slots and parents centred over their children', () => {
    const layout = layoutTree(tree, opts);
    expect(at(layout)).toEqual({
      c: [0, 140, 2],
      d: [120, 140, 2],
      e: [240, 140, 2],
      a: [60, 70, 1],
      b: [240, 70, 1],
      r: [150, 0, 0],
    });
    expect(layout.width).toBe(340);
    expect(layout.height).toBe(180);
    expect(layout.links).toContainEqual({ from: 'r', to: 'a', x1: 200, y1: 40, x2: 110, y2: 70 });
    expect(layout.links).toHaveLength(5);
    expect(layout.nodes.map((n) => n.id)).toEqual(['r', 'a', 'b', 'c', 'd', 'e']); // input order kept
  });

  it('hides the children of a collapsed node and counts what it hides', () => {
    const layout = layoutTree(tree, { ...opts, collapsed: new Set(['a']) });
    expect(at(layout)).toEqual({ a: [0, 70, 1], e: [120, 140, 2], b: [120, 70, 1], r: [60, 0, 0] });
    const a = layout.nodes.find((n) => n.id === 'a')!;
    expect(a.hidden).toBe(2);
    expect(a.childCount).toBe(2);
    expect(layout.links.map((l) => l.to).sort()).toEqual(['a', 'b', 'e']);
  });

  it('treats nodes whose parent is missing as extra roots, side by side', () => {
    const layout = layoutTree(
      [
        { id: 'x', parentId: 'gone' },
        { id: 'y', parentId: null },
        { id: 'z', parentId: 'y' },
      ],
      opts,
    );
    expect(at(layout)).toEqual({ x: [0, 0, 0], y: [120, 0, 0], z: [120, 70, 1] });
  });
});
