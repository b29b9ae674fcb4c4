// Line icons drawn from path data on a 24×24 grid. They are built with
// createElementNS so they inherit `currentColor` and need no extra requests.
import { svg } from './dom.js';

/** @type {Object<string, string[]>} Each entry is a list of path `d` strings. */
const PATHS = {
  import: ['M12 3v11', 'M7.5 9.5 12 14l4.5-4.5', 'M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4'],
  export: ['M12 15V4', 'M7.5 8.5 12 4l4.5 4.5', 'M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4'],
  search: ['M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Z', 'm15.5 15.5 4.5 4.5'],
  settings: [
    'M4 7h9', 'M17 7h3', 'M15 5v4',
    'M4 12h3', 'M11 12h9', 'M9 10v4',
    'M4 17h11', 'M19 17h1', 'M17 15v4',
  ],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  trash: ['M4 7h16', 'M9.5 7V4.5h5V7', 'M6.5 7l.9 12.1a1 1 0 0 0 1 .9h7.2a1 1 0 0 0 1-.9L17.5 7', 'M10 11v5', 'M14 11v5'],
  tag: ['M3.5 12.5V4.5a1 1 0 0 1 1-1h8l8 8-9 9Z', 'M8 8.01V8'],
  plus: ['M12 5v14', 'M5 12h14'],
  edit: ['M4 20h4L19 9l-4-4L4 16Z', 'M13.5 6.5l4 4'],
  minus: ['M5 12h14'],
  alert: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z', 'M12 7.5v5.5', 'M12 16.5v.01'],
  folder: ['M3.5 6.5a1 1 0 0 1 1-1h5l2 2.5h8a1 1 0 0 1 1 1V18.5a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1Z', 'M3.5 10.5h17'],
  file: ['M6.5 3h7l4 4v13a1 1 0 0 1-1 1h-10a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Z', 'M13.5 3v4h4', 'M9 12h6', 'M9 15.5h6'],
  library: ['M4 5h4v14H4Z', 'M10 5h4v14h-4Z', 'm16 6 3.5-1 3 13.5-3.5 1Z'],
  check: ['m5 12.5 4.5 4.5L19 7.5'],
  copy: ['M9 9h10v11H9Z', 'M15 9V5a1 1 0 0 0-1-1H6a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3'],
  bookmark: ['M7 3.5h10a1 1 0 0 1 1 1V20.5l-6-4.25-6 4.25V4.5a1 1 0 0 1 1-1Z'],
  filter: ['M4 5h16l-6.25 7.5V18.5L10.25 20v-7.5Z'],
};

/**
 * An icon as an inline SVG element, hidden from assistive technology (the
 * control that holds it carries the accessible name).
 * @param {string} name
 * @returns {SVGElement}
 */
export function icon(name) {
  const paths = PATHS[name] ?? PATHS.file;
  return svg(
    'svg',
    {
      class: `icon icon-${name}`,
      viewBox: '0 0 24 24',
      width: '20',
      height: '20',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': '1.75',
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    paths.map((d) => svg('path', { d })),
  );
}

/**
 * Fills every `[data-icon]` placeholder inside `root` with its icon.
 * @param {ParentNode} root
 */
export function hydrateIcons(root) {
  for (const el of root.querySelectorAll('[data-icon]')) {
    el.replaceChildren(icon(el.getAttribute('data-icon') ?? ''));
  }
}
