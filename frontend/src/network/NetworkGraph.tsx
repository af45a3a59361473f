import { useEffect, useRef, useState } from 'react';
import type { Core } from 'cytoscape';
import { useNavigate } from 'react-router';
import { KIND_ORDER, kindLabel, type GraphElement } from './elements';
import { graphStyle } from './style';

type Drawing = 'loading' | 'drawn' | 'failed';

interface Tip {
  text: string;
  x: number;
  y: number;
}

/**
 * Draws the elements with cytoscape, loaded only when a network is shown
 * (its own chunk, so the main bundle stays small): the person in the middle,
 * their own links around them grouped by kind, and nodes two steps out on an
 * outer ring. Pointing at a node or a line shows what it is and why it is
 * there, as does focusing the same link in the list (`highlight`, an index
 * into the network's nodes). Choosing a node that has a page opens it. The
 * canvas is a picture for the eye; the list carries the same links for
 * keyboards and screen readers.
 */
export function NetworkGraph({
  elements,
  summary,
  highlight,
  tall = false,
}: {
  elements: readonly GraphElement[];
  summary: string;
  highlight?: number;
  /** More room, for a network two steps out. */
  tall?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const navigate = useNavigate();
  const [drawing, setDrawing] = useState<Drawing>('loading');
  const [tip, setTip] = useState<Tip>();

  useEffect(() => {
    let cancelled = false;
    setDrawing('loading');
    setTip(undefined);
    import('cytoscape').then(
      ({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        const cy = cytoscape({
          container: container.current,
          elements: inDrawingOrder(elements).map((e) => ({ ...e, data: { ...e.data } })),
          style: graphStyle(),
          layout: {
            name: 'concentric',
            concentric: (node) => 3 - Number(node.data('step') ?? 1),
            levelWidth: () => 1,
            minNodeSpacing: 28,
            padding: 40,
            animate: false,
          },
          autoungrabify: true,
          boxSelectionEnabled: false,
          userZoomingEnabled: false,
          minZoom: 0.3,
          maxZoom: 2,
        });
        cy.on('tap', 'node[path]', (event) => navigate(String(event.target.data('path'))));
        const box = container.current;
        cy.on('mouseover', 'node[path]', () => box.classList.add('network__canvas--pointer'));
        cy.on('mouseout', 'node', () => box.classList.remove('network__canvas--pointer'));
        cy.on('mouseover', 'node, edge', (event) => {
          const at = event.renderedPosition ?? { x: 0, y: 0 };
          setTip({ text: tipText(event.target.data()), x: at.x, y: at.y });
        });
        cy.on('mouseout', 'node, edge', () => setTip(undefined));
        cyRef.current = cy;
        setDrawing('drawn');
      },
      () => {
        if (!cancelled) setDrawing('failed');
      },
    );
    return () => {
      cancelled = true;
      cyRef.current?.destroy();
      cyRef.current = undefined;
    };
  }, [elements, navigate]);

  // A link focused or pointed at in the list: mark its node and say why it is there.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || drawing !== 'drawn') return;
    cy.nodes().removeClass('highlight');
    if (highlight === undefined) return;
    const node = cy.$id(`n${highlight}`);
    if (node.empty()) return;
    node.addClass('highlight');
    const at = node.renderedPosition();
    setTip({ text: tipText(node.data()), x: at.x, y: at.y });
    return () => setTip(undefined);
  }, [highlight, drawing]);

  return (
    <div className="network__drawing">
      <div
        ref={container}
        className={tall ? 'network__canvas network__canvas--tall' : 'network__canvas'}
        role="img"
        aria-label={summary}
        data-drawn={drawing === 'drawn'}
      />
      {tip && (
        <div className="network__tip" style={{ left: tip.x, top: tip.y }} aria-hidden="true">
          {tip.text}
        </div>
      )}
      {drawing === 'loading' && (
        <p className="status status--loading network__status" role="status">
          <span className="spinner" aria-hidden="true" /> Drawing the network…
        </p>
      )}
      {drawing === 'failed' && (
        <p className="status status--error network__status" role="alert">
          The drawing could not be loaded. Reload the page to try again; the list of links below has the same
          information.
        </p>
      )}
    </div>
  );
}

/** "GDPR · Skill · holds the skill" for a node; the edge's own words for a line. */
function tipText(data: Record<string, unknown>): string {
  if (data.source !== undefined) return String(data.reason ?? '');
  const parts = [String(data.label ?? ''), kindLabel(String(data.kind ?? ''))];
  if (data.reason) parts.push(String(data.reason));
  return parts.join(' · ');
}

/** Nodes grouped by kind on each ring (so a kind sits together), lines after them. */
export function inDrawingOrder(elements: readonly GraphElement[]): GraphElement[] {
  const rank = (e: GraphElement) => {
    const at = (KIND_ORDER as readonly string[]).indexOf(String(e.data.kind));
    return at < 0 ? KIND_ORDER.length : at;
  };
  const nodes = elements.filter((e) => e.group === 'nodes');
  const order = new Map(nodes.map((e, i) => [e, i]));
  nodes.sort((a, b) => rank(a) - rank(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return [...nodes, ...elements.filter((e) => e.group === 'edges')];
}
