import type { StylesheetJsonBlock } from 'cytoscape';

/** Colours and shapes per node kind, shared by the drawing and its legend. */
export const NODE_LOOK: Record<
  string,
  { colour: string; shape: 'ellipse' | 'round-rectangle' | 'hexagon' | 'rectangle' | 'diamond' }
> = {
  PERSON: { colour: '#1f4e79', shape: 'ellipse' },
  SKILL: { colour: '#2f6f4f', shape: 'round-rectangle' },
  COMMUNITY: { colour: '#7a3e6c', shape: 'hexagon' },
  EVIDENCE: { colour: '#8a4b14', shape: 'rectangle' },
  INTERVIEW: { colour: '#1f6b75', shape: 'diamond' },
};

/** Cytoscape's stylesheet: nodes coloured and shaped by kind, the person larger, links thicker when stronger. */
export function graphStyle(): StylesheetJsonBlock[] {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#1d2530',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '110px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        width: 18,
        height: 18,
        'border-width': 2,
        'border-color': '#ffffff',
      },
    },
    ...Object.entries(NODE_LOOK).map(([kind, look]) => ({
      selector: `node.${kind.toLowerCase()}`,
      style: { 'background-color': look.colour, shape: look.shape },
    })),
    {
      selector: 'node.centre',
      style: { width: 34, height: 34, 'font-size': 13, 'font-weight': 'bold', 'text-max-width': '180px' },
    },
    // Two steps out: smaller and unlabelled, so the labels that are drawn fit; pointing shows the name.
    { selector: 'node.far', style: { label: '', width: 11, height: 11, opacity: 0.85 } },
    { selector: 'node[path]', style: { 'border-color': '#f2b01e', 'border-opacity': 0 } },
    {
      selector: 'node.highlight',
      style: { 'border-color': '#f2b01e', 'border-opacity': 1, 'border-width': 4, 'z-index': 10 },
    },
    { selector: 'node[path]:active, node[path]:selected', style: { 'border-opacity': 1, 'border-width': 3 } },
    {
      selector: 'edge',
      style: {
        width: 'mapData(weight, 0, 1, 1, 5)',
        'line-color': '#b8c1cc',
        'curve-style': 'straight',
        opacity: 0.9,
      },
    },
  ];
}
