import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { graphStyle } from './style';
import type { GraphElement } from './elements';

type Drawing = 'loading' | 'drawn' | 'failed';

/**
 * Draws the elements with cytoscape, loaded only when a network is shown
 * (its own chunk, so the main bundle stays small). Choosing a node that has
 * a page opens it. The canvas is a picture for the eye; the list beside it
 * carries the same links for keyboards and screen readers.
 */
export function NetworkGraph({ elements, summary }: { elements: readonly GraphElement[]; summary: string }) {
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const [drawing, setDrawing] = useState<Drawing>('loading');

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    setDrawing('loading');
    import('cytoscape').then(
      ({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        const cy = cytoscape({
          container: container.current,
          elements: elements.map((e) => ({ ...e, data: { ...e.data } })),
          style: graphStyle(),
          layout: {
            name: 'concentric',
            concentric: (node) => (node.data('centre') ? 2 : 1),
            levelWidth: () => 1,
            minNodeSpacing: 32,
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
        destroy = () => cy.destroy();
        setDrawing('drawn');
      },
      () => {
        if (!cancelled) setDrawing('failed');
      },
    );
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [elements, navigate]);

  return (
    <div className="network__drawing">
      <div ref={container} className="network__canvas" role="img" aria-label={summary} data-drawn={drawing === 'drawn'} />
      {drawing === 'loading' && (
        <p className="status status--loading network__status" role="status">
          <span className="spinner" aria-hidden="true" /> Drawing the network…
        </p>
      )}
      {drawing === 'failed' && (
        <p className="status status--error network__status" role="alert">
          The drawing could not be loaded. Reload the page to try again; the list of links below has the same information.
        </p>
      )}
    </div>
  );
}
